"""One exception tree for wiretrace.

Every error the library raises on purpose derives from :class:`WiretraceError`, so a
caller (the CLI, the REST API, a notebook) can catch one type and print one line.
Errors about a single input record carry the record's ``source`` (a path, or
``FILE.jsonl:LINE``) and a short ``reason`` so a batch can report them and go on.
"""

from __future__ import annotations


class WiretraceError(Exception):
    """Base class of every error wiretrace raises deliberately."""

    def one_line(self) -> str:
        """The message as the CLI prints it: one line, no traceback."""
        return " ".join(str(self).split())


class InputError(WiretraceError):
    """One input file or record was rejected; the rest of the batch goes on.

    ``source`` names the file or ``FILE.jsonl:LINE``; ``reason`` says what is wrong in
    words a user can act on ("invalid UTF-8 at byte 12", "empty file", ...).
    """

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason

    def __reduce__(self) -> tuple[type[InputError], tuple[str, str]]:
        # rebuilt from both fields (the default would pass only the message), so a rejection
        # made in a worker process comes back whole
        return (type(self), (self.source, self.reason))


class StoreError(WiretraceError):
    """The database could not be opened, migrated or written."""


class ConcurrentWriteError(StoreError):
    """Another process wrote the store's clustering between this one's reading of it and its
    writing: what this one computed is stale and was not written. Ingest retries a few times
    before raising it; the articles stay stored and the next ingest places them."""


class NotFoundError(WiretraceError):
    """An id (event, article) that the store does not hold."""


class UsageError(WiretraceError):
    """A call's arguments are wrong (unknown export format, missing path, ...)."""
