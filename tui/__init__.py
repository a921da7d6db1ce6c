"""seed-reader's terminal side: the Textual reader and the `seed-reader` command."""

import os

# Textual draws at most 60 frames a second; results that arrive just after a frame
# (the typed letter's) waited up to 16 ms for the next. 120 halves that wait; frames
# are drawn only when something changed, so an idle reader costs nothing more.
# Set before Textual is imported: it reads this once. A user's own setting wins.
os.environ.setdefault("TEXTUAL_FPS", "120")
