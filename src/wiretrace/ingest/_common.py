"""What every reader of the ingest package shares: the size limit, the rejection signal and
the size formatting used in messages.

Kept apart from :mod:`wiretrace.ingest.files` so that the feed and WARC readers, which the
file reader dispatches to, can use it without importing their caller.
"""

from __future__ import annotations

import math
from typing import Final

from wiretrace.errors import WiretraceError

MAX_FILE_BYTES: Final = 50 * 1024 * 1024
"""Largest text/HTML/feed file, JSONL line and WARC record payload ingest will read.

A news article is a few hundred KiB at most; anything beyond this is a dump or a mistake,
and reading it whole would only exhaust memory.
"""

SNIFF_BYTES: Final = 8 * 1024
"""How much of the start of an input the binary check and the format sniffing look at."""

CHUNK: Final = 64 * 1024
"""Read size for skipping over data ingest does not keep."""


class Reject(WiretraceError):
    """Internal: this file or record is refused for ``reason``; caught where the source is
    known and turned into a :class:`~wiretrace.models.Rejection` (part of the one exception
    tree, so nothing escapes a caller that catches :class:`WiretraceError`)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def max_file_bytes() -> int:
    """The size limit in force, read from the :mod:`wiretrace.ingest` package at call time.

    The package attribute is the one setting callers see (and tests monkeypatch), so every
    reader looks it up there instead of binding the constant when its module is imported.
    """
    from wiretrace import ingest  # deferred: the package imports this module

    return int(ingest.MAX_FILE_BYTES)


def mb(size: int) -> str:
    """Megabytes rounded *up* to one decimal, so an over-limit size never prints as the limit."""
    return f"{math.ceil(size * 10 / (1024 * 1024)) / 10:.1f}".removesuffix(".0")
