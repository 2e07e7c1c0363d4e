"""Ingest: turn files, folders and standard input into :class:`RawDocument` records.

The public API lives here; the work is split by concern:

* :mod:`~wiretrace.ingest.files` walks folders, recognises each input's format and reads
  text, HTML and JSON Lines (line by line; :mod:`~wiretrace.ingest.jsonl` parses a record);
* :mod:`~wiretrace.ingest.encoding` turns bytes into text (BOM, declared, UTF-8, sniffed);
* :mod:`~wiretrace.ingest.feeds` reads RSS/Atom feeds, one document per entry;
* :mod:`~wiretrace.ingest.warc` streams WARC archives, one document per HTML response.

:data:`MAX_FILE_BYTES` is read from this package at call time by every reader, so setting
it here changes the limit everywhere. Importing the package reads nothing and imports
neither feedparser, warcio nor charset-normalizer: each is imported when first needed.
"""

from __future__ import annotations

from wiretrace.ingest._common import MAX_FILE_BYTES
from wiretrace.ingest._common import SNIFF_BYTES as SNIFF_BYTES  # for tests sizing inputs
from wiretrace.ingest.files import (
    count_inputs,
    iter_documents,
    read_file,
    read_named,
    read_stream,
)

__all__ = [
    "MAX_FILE_BYTES",
    "count_inputs",
    "iter_documents",
    "read_file",
    "read_named",
    "read_stream",
]
