"""What can go wrong that the caller can act on; each message says what to do."""

from __future__ import annotations


class IndexProblem(Exception):
    """A problem with the index the user can act on; the message says what."""


IndexError_ = IndexProblem  # the name before issue 11: kept so older imports keep working


class IndexBusy(IndexProblem):
    """Another process holds the write lock: this one can read but not write."""


class CorpusMissing(IndexProblem):
    """The corpus folder is not there."""


class UnreadableFile(Exception):
    """A file that cannot become a document; the message is the reason shown to users."""


class NotSaved(Exception):
    """Something the user made (a quote, a bookmark, a saved search) was not written; the message says why."""
