"""seed-reader's terminal side: the Textual reader and the `seed-reader` command."""
