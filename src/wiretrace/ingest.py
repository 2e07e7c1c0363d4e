"""Ingest: turn files, folders and standard input into :class:`RawDocument` records.

Ingest is the only stage that touches the file system. It decides the format of each
input (by extension, else by looking at the content), decodes it, and yields one
:class:`RawDocument` per article. Anything it cannot use becomes a :class:`Rejection`
with the file (or ``FILE:LINE``) and a short reason the user can act on, and the batch
goes on: one bad file in a folder of thousands must not stop the run. Only programmer
errors and :class:`UsageError` raise.

Memory stays bounded: text and HTML files are read whole but never beyond
:data:`MAX_FILE_BYTES`, and JSON Lines files are read line by line, so a JSONL dump may
be far larger than the limit as long as each line is not.

Turning bytes into text happens in :func:`_decode` (plus :func:`_encoding_problem` for
whole-file byte-order marks), so that encoding detection can later replace it in one
place.
"""

from __future__ import annotations

import codecs
import json
import math
import os
import re
import stat
from collections.abc import Iterator, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import IO, Any, Final, Literal

from wiretrace.errors import UsageError
from wiretrace.models import InputFormat, RawDocument, Rejection

__all__ = [
    "MAX_FILE_BYTES",
    "count_inputs",
    "iter_documents",
    "read_file",
    "read_stream",
]

MAX_FILE_BYTES: Final = 50 * 1024 * 1024
"""Largest text/HTML file, and largest single JSONL line, ingest will read.

A news article is a few hundred KiB at most; anything beyond this is a dump or a mistake,
and reading it whole would only exhaust memory.
"""

SNIFF_BYTES: Final = 8 * 1024
"""How much of the start of an input the binary check and the HTML sniffing look at."""

STDIN_NAME: Final = "<stdin>"

SKIPPED_NAMES: Final = frozenset({".DS_Store", "Thumbs.db", "desktop.ini", "__pycache__"})
"""Names that are never inputs when walking a folder (hidden names are skipped anyway)."""

SKIPPED_SUFFIXES: Final = (".pyc", ".pyo", ".swp", "~")
"""Name endings of editor and interpreter droppings that are never inputs."""

_Hint = Literal["text", "html", "jsonl", "json"]
"""What a file name says about the format; ``json`` means "JSONL if it is JSON Lines"."""

_FORMAT_BY_SUFFIX: Final[dict[str, _Hint]] = {
    ".txt": "text",
    ".text": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "json",
}

_CHUNK: Final = 64 * 1024
_HTML_TAG: Final = re.compile(rb"<(?:html|body|article|div|p)\b", re.IGNORECASE)

_MAGIC: Final = (
    (b"%PDF-", "PDF"),
    (b"PK\x03\x04", "ZIP (or DOCX/XLSX/EPUB)"),
    (b"\x1f\x8b", "gzip"),
    (b"\x28\xb5\x2f\xfd", "zstd"),
    (b"\xfd7zXZ\x00", "xz"),
    (b"7z\xbc\xaf\x27\x1c", "7z"),
    (b"\x89PNG\r\n\x1a\n", "PNG"),
    (b"\xff\xd8\xff", "JPEG"),
    (b"GIF87a", "GIF"),
    (b"GIF89a", "GIF"),
    (b"\x7fELF", "ELF executable"),
    (b"SQLite format 3\x00", "SQLite database"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "old MS Office (DOC/XLS)"),
)
"""Leading bytes of formats people drop into input folders by mistake.

Each is unambiguous, so a match alone marks the file binary and names it in the reason.
"""

# Control bytes that do not occur in text; tab, newlines, form feed, backspace and ESC do.
_CONTROL: Final = (frozenset(range(0x20)) - {0x08, 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x1B}) | {0x7F}
_NOT_CONTROL: Final = bytes(b for b in range(256) if b not in _CONTROL)
_MAX_CONTROL_SHARE: Final = 0.10

_BOMS: Final = (
    (codecs.BOM_UTF32_LE, "UTF-32"),  # before UTF-16 LE, whose BOM is its prefix
    (codecs.BOM_UTF32_BE, "UTF-32"),
    (codecs.BOM_UTF16_LE, "UTF-16"),
    (codecs.BOM_UTF16_BE, "UTF-16"),
)

_JSONL_FIELDS: Final = ("url", "title", "outlet")


class _Reject(Exception):
    """Internal: this file or record is refused for ``reason``; caught where the source is known."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


# --------------------------------------------------------------------------- public API


def iter_documents(
    paths: Sequence[str | Path], *, stdin: IO[bytes] | None = None
) -> Iterator[RawDocument | Rejection]:
    """Yield a document or a rejection for every input under ``paths``, in a stable order.

    Files are read as given; folders are walked recursively in sorted order, skipping
    hidden entries and :data:`SKIPPED_NAMES`. ``"-"`` (a str or ``Path("-")``; name a file
    called ``-`` as ``./-``) reads ``stdin``. The arguments are checked before anything is
    read, so a wrong call fails at once instead of after half the batch.

    Raises:
        UsageError: ``"-"`` is among ``paths`` but ``stdin`` is None.
    """
    if stdin is None and any(os.fspath(p) == "-" for p in paths):
        raise UsageError("'-' means standard input, but no stdin stream was given")
    return _iter_documents([os.fspath(p) for p in paths], stdin)


def read_stream(stream: IO[bytes], name: str = STDIN_NAME) -> Iterator[RawDocument | Rejection]:
    """Read one input from an open binary stream, detecting its format from the content.

    Used for standard input, where there is no file name to go by. JSONL records are named
    ``f"{name}:{line}"``. The stream is not closed.
    """
    return _guarded(_read(stream, name, None, None), name)


def read_file(path: Path) -> Iterator[RawDocument | Rejection]:
    """Read one file; its extension decides the format, else its content does.

    The file is read even if a folder walk would skip it (hidden, ``.pyc``): naming a
    file is a request to read it.
    """
    return _read_path(os.fspath(path))


def count_inputs(paths: Sequence[str | Path]) -> int:
    """How many files :func:`iter_documents` will open for ``paths`` (``"-"`` counts 1).

    Meant for a progress bar: it walks the same folders with the same rules, but opens
    nothing, so missing paths and unreadable folders count 0.
    """
    total = 0
    for raw in paths:
        path = os.fspath(raw)
        if path == "-":
            total += 1
            continue
        total += sum(1 for item in _expand(path) if isinstance(item, str))
    return total


# --------------------------------------------------------------------------- walking


def _iter_documents(paths: list[str], stdin: IO[bytes] | None) -> Iterator[RawDocument | Rejection]:
    stdin_read = False
    for path in paths:
        if path == "-":
            assert stdin is not None  # checked by iter_documents
            if stdin_read:
                yield Rejection(STDIN_NAME, "standard input given more than once; it is read once")
            else:
                stdin_read = True
                yield from read_stream(stdin)
            continue
        for item in _expand(path):
            if isinstance(item, Rejection):
                yield item
            else:
                yield from _read_path(item)


def _expand(path: str) -> Iterator[str | Rejection]:
    """The files a given path stands for, as ``source`` strings, or why there are none."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        yield Rejection(path, "no such file or directory")
        return
    except OSError as error:
        yield Rejection(path, _os_reason(error))
        return
    if stat.S_ISDIR(info.st_mode):
        yield from _walk(path, {(info.st_dev, info.st_ino)})
    else:
        yield path  # a named FIFO or device is read too: the user asked for it


def _walk(folder: str, seen: set[tuple[int, int]]) -> Iterator[str | Rejection]:
    """Files below ``folder`` in name order, depth first.

    Symlinked folders are followed, but each folder is entered once (``seen`` holds
    device/inode pairs), so a link loop cannot make the walk endless.
    """
    try:
        with os.scandir(folder) as entries:
            ordered = sorted(entries, key=lambda entry: entry.name)
    except OSError as error:
        yield Rejection(folder, _os_reason(error))
        return
    for entry in ordered:
        if _skipped(entry.name):
            continue
        try:
            info = entry.stat()
        except FileNotFoundError:
            yield Rejection(entry.path, "broken symbolic link")
            continue
        except OSError as error:
            yield Rejection(entry.path, _os_reason(error))
            continue
        if stat.S_ISDIR(info.st_mode):
            key = (info.st_dev, info.st_ino)
            if key not in seen:
                seen.add(key)
                yield from _walk(entry.path, seen)
        elif stat.S_ISREG(info.st_mode):
            yield entry.path
        else:  # a FIFO would block the walk forever; sockets and devices are not articles
            yield Rejection(entry.path, "not a regular file")


def _skipped(name: str) -> bool:
    return name.startswith(".") or name in SKIPPED_NAMES or name.endswith(SKIPPED_SUFFIXES)


def _os_reason(error: OSError) -> str:
    return error.strerror or str(error)


# --------------------------------------------------------------------------- reading


def _read_path(source: str) -> Iterator[RawDocument | Rejection]:
    """Open ``source`` and read it; an OSError at any point rejects the rest of the file."""
    try:
        with open(source, "rb") as stream:
            info = os.fstat(stream.fileno())
            size = info.st_size if stat.S_ISREG(info.st_mode) else None
            hint = _FORMAT_BY_SUFFIX.get(Path(source).suffix.lower())
            yield from _read(stream, source, hint, size)
    except OSError as error:
        yield Rejection(source, _os_reason(error))


def _guarded(
    records: Iterator[RawDocument | Rejection], source: str
) -> Iterator[RawDocument | Rejection]:
    """Turn an OSError while reading an already open stream into a rejection."""
    try:
        yield from records
    except OSError as error:
        yield Rejection(source, _os_reason(error))


def _read(
    stream: IO[bytes], name: str, hint: _Hint | None, size: int | None
) -> Iterator[RawDocument | Rejection]:
    """Check, classify and read one input; ``size`` is its length when known up front."""
    reader = _Reader(stream)
    head = reader.peek(SNIFF_BYTES)
    if not head:
        yield Rejection(name, "empty file")
        return
    problem = _encoding_problem(head) or _binary_reason(head)
    if problem:
        yield Rejection(name, problem)
        return
    fmt: InputFormat
    if hint == "json":
        if not _starts_with_object(reader):
            yield Rejection(name, "not JSON Lines: the first line is not a JSON object")
            return
        fmt = "jsonl"
    elif hint is None:
        fmt = _sniff(reader)
    else:
        fmt = hint
    if fmt == "jsonl":
        yield from _read_jsonl(reader, name)
        return
    limit = MAX_FILE_BYTES
    if size is not None and size > limit:
        yield Rejection(name, f"file too large ({_mb(size)} MB > {_mb(limit)} MB)")
        return
    data = reader.read(limit + 1)  # bounded even when the size was not known or was wrong
    if len(data) > limit:
        yield Rejection(name, f"file too large (more than {_mb(limit)} MB)")
        return
    try:
        text = _decode(data)
    except _Reject as error:
        yield Rejection(name, error.reason)
        return
    if not text.strip():
        yield Rejection(name, "empty file")
        return
    yield RawDocument(source=name, format=fmt, content=_newlines(text))


def _sniff(reader: _Reader) -> InputFormat:
    """Guess the format of an input whose name does not say it."""
    head = reader.peek(SNIFF_BYTES).removeprefix(codecs.BOM_UTF8).lstrip()
    if head.startswith(b"<") and _HTML_TAG.search(head):
        return "html"
    if head.startswith(b"{") and _starts_with_object(reader):
        return "jsonl"
    return "text"


def _starts_with_object(reader: _Reader) -> bool:
    """Whether the first non-blank line is a JSON object (the JSON Lines test)."""
    line = reader.first_line(MAX_FILE_BYTES)
    if line is None:
        return False
    try:
        return isinstance(json.loads(_decode(line)), dict)
    except (_Reject, ValueError, RecursionError):
        return False


def _read_jsonl(reader: _Reader, name: str) -> Iterator[RawDocument | Rejection]:
    """One document or rejection per non-blank line, holding one line in memory at a time."""
    limit = MAX_FILE_BYTES
    offset = 0
    number = 0
    any_record = False
    while line := reader.readline(limit + 1):
        number += 1
        source = f"{name}:{number}"
        start, offset = offset, offset + len(line)
        if len(line) > limit and not line.endswith(b"\n"):
            length = len(line) + reader.skip_line()
            offset = start + length
            any_record = True
            yield Rejection(source, f"line too large ({_mb(length)} MB > {_mb(limit)} MB)")
            continue
        try:
            text = _decode(line, start)
        except _Reject as error:
            any_record = True
            yield Rejection(source, error.reason)
            continue
        if not text.strip():
            continue
        any_record = True
        try:
            document = _record(text, source)
        except _Reject as error:
            yield Rejection(source, error.reason)
        else:
            yield document
    if not any_record:
        yield Rejection(name, "empty file")


def _record(line: str, source: str) -> RawDocument:
    """One JSONL line as a document; the first problem found rejects the whole record."""
    try:
        record = json.loads(line)
    except json.JSONDecodeError as error:
        raise _Reject(f"malformed JSON: {error.msg} at column {error.colno}") from None
    except ValueError as error:  # e.g. an integer beyond the interpreter's digit limit
        raise _Reject(f"malformed JSON: {error}") from None
    except RecursionError:
        raise _Reject("malformed JSON: nested too deeply") from None
    if not isinstance(record, dict):
        raise _Reject(f"expected a JSON object, got {_json_type(record)}")
    content, key = _content(record)
    url, title, outlet = (_optional_str(record, field) for field in _JSONL_FIELDS)
    published = _published(record.get("published"))
    known = {*_JSONL_FIELDS, "published", "text", "html"}
    metadata: dict[str, Any] = {k: v for k, v in record.items() if k not in known}
    if key == "html":
        metadata["content_is_html"] = True
    return RawDocument(
        source=source,
        format="jsonl",
        content=_newlines(content),
        url=url,
        title=title,
        published=published,
        outlet=outlet,
        metadata=metadata,
    )


def _content(record: dict[str, Any]) -> tuple[str, str]:
    """The article body and the key it came from: ``text`` if usable, else ``html``.

    The unused one of the two is dropped rather than carried in metadata: it is a second
    copy of the article, and metadata is stored with every article.
    """
    for key in ("text", "html"):
        value = record.get(key)
        if isinstance(value, str) and value.strip():
            return value, key
    raise _Reject("missing text: a record needs a non-empty 'text' or 'html'")


def _optional_str(record: dict[str, Any], key: str) -> str | None:
    """A string field as given; null or blank means absent, any other type is an error."""
    value = record.get(key)
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if not isinstance(value, str):
        raise _Reject(f"'{key}' must be a string, got {_json_type(value)}")
    return value


def _published(value: object) -> str | None:
    """Normalise an ISO 8601 date or datetime to ``YYYY-MM-DD`` or a full ISO datetime.

    Null or a blank string means "not stated" (scrapers write ``""`` for an unknown date),
    which is not worth rejecting the article over; anything else must parse.
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if not isinstance(value, str):
        raise _Reject(f"'published' is not an ISO 8601 date: {value!r}")
    text = value.strip()
    if text[-1] in "Zz":
        text = text[:-1] + "+00:00"
    try:
        return date.fromisoformat(text).isoformat()
    except ValueError:
        pass
    try:
        return datetime.fromisoformat(text).isoformat()
    except ValueError:
        raise _Reject(f"'published' is not an ISO 8601 date: {value!r}") from None


def _json_type(value: object) -> str:
    """The JSON name of a parsed value's type, for messages (arrays are called lists)."""
    if isinstance(value, dict):
        return "object"
    if isinstance(value, list):
        return "list"
    if isinstance(value, str):
        return "string"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float):
        return "number"
    return "null"


def _newlines(text: str) -> str:
    return text.replace("\r\n", "\n")


def _mb(size: int) -> str:
    """Megabytes rounded *up* to one decimal, so an over-limit size never prints as the limit."""
    return f"{math.ceil(size * 10 / (1024 * 1024)) / 10:.1f}".removesuffix(".0")


# --------------------------------------------------------------------------- content checks


def _decode(data: bytes, offset: int = 0) -> str:
    """Bytes to text: UTF-8, a leading BOM stripped, ``\\r\\n`` kept as is.

    This is the single place ingest decides an encoding, so that encoding detection can
    replace it. ``offset`` is where ``data`` starts in its file, so the error names the
    byte a user can look up with a hex viewer.

    Raises:
        _Reject: ``data`` is not valid UTF-8.
    """
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
        offset += len(codecs.BOM_UTF8)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise _Reject(f"invalid UTF-8 at byte {offset + error.start}") from None


def _encoding_problem(head: bytes) -> str | None:
    """Refuse UTF-16/32 text up front (by its BOM), before it looks binary or splits badly.

    Part of the decoding policy, so encoding detection replaces it along with :func:`_decode`.
    """
    for bom, encoding in _BOMS:
        if head.startswith(bom):
            return f"{encoding} text is not supported; save the file as UTF-8"
    return None


def _binary_reason(head: bytes) -> str | None:
    """Why the start of an input is not text, or None if it looks like text."""
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            return f"binary file, not text (looks like {kind})"
    if b"\x00" in head:
        return "binary file, not text (contains NUL bytes)"
    control = len(head.translate(None, _NOT_CONTROL))
    if control > _MAX_CONTROL_SHARE * len(head):
        return f"binary file, not text ({round(100 * control / len(head))}% control characters)"
    return None


class _Reader:
    """A binary stream that can be looked into before it is consumed.

    Sniffing needs the first bytes (or the whole first line) of an input that may be a
    pipe, which cannot seek back; the reader keeps what it peeked and serves it again.
    """

    def __init__(self, stream: IO[bytes]) -> None:
        self._stream = stream
        self._buffer = bytearray()
        self._eof = False

    def _fill(self, size: int) -> None:
        """Buffer at least ``size`` bytes, unless the stream ends first."""
        while len(self._buffer) < size and not self._eof:
            chunk = self._stream.read(size - len(self._buffer))
            if chunk:
                self._buffer += chunk
            else:
                self._eof = True

    def peek(self, size: int) -> bytes:
        self._fill(size)
        return bytes(self._buffer[:size])

    def first_line(self, limit: int) -> bytes | None:
        """The first non-blank line, without consuming it; None if there is none within limit."""
        start = searched = 0
        while True:
            while (end := self._buffer.find(b"\n", searched)) >= 0:
                line = bytes(self._buffer[start : end + 1])
                if line.removeprefix(codecs.BOM_UTF8).strip():
                    return line if len(line) <= limit else None
                start = searched = end + 1
            searched = len(self._buffer)
            if self._eof:
                rest = bytes(self._buffer[start:])
                return rest if rest.strip() and len(rest) <= limit else None
            if searched - start > limit:
                return None
            self._fill(len(self._buffer) + _CHUNK)

    def read(self, size: int) -> bytes:
        """Up to ``size`` bytes; fewer only at the end of the stream."""
        self._fill(size)
        data = bytes(self._buffer[:size])
        del self._buffer[:size]
        return data

    def readline(self, limit: int) -> bytes:
        """The next line with its ``\\n``, cut at ``limit`` bytes; empty at the end."""
        if not self._buffer:
            return b"" if self._eof else self._stream.readline(limit)
        newline = self._buffer.find(b"\n", 0, limit)
        if newline >= 0 or len(self._buffer) >= limit:
            cut = newline + 1 if newline >= 0 else limit
            line = bytes(self._buffer[:cut])
            del self._buffer[:cut]
            return line
        line = bytes(self._buffer)
        self._buffer.clear()
        return line if self._eof else line + self._stream.readline(limit - len(line))

    def skip_line(self) -> int:
        """Discard the rest of the current line, a chunk at a time; return its length."""
        skipped = 0
        while chunk := self.readline(_CHUNK):
            skipped += len(chunk)
            if chunk.endswith(b"\n"):
                break
        return skipped
