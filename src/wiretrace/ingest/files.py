"""Walking, sniffing and dispatch: turn files, folders and standard input into records.

Ingest is the only stage that touches the file system. For each input it decides the
format, mostly by looking at the content (binary, WARC and MHTML signatures win over any
name; otherwise ``.txt``/``.html``/``.jsonl``/``.rss`` and the like decide), and hands it to
the reader for that format:

* WARC archives (``WARC/`` at the start, plain or gzipped) go to :mod:`~wiretrace.ingest.warc`,
  whatever their name, and are streamed record by record;
* RSS/Atom feeds (``.rss``/``.atom``, or a feed root element) go to
  :mod:`~wiretrace.ingest.feeds`, one document per entry;
* JSON Lines are read here line by line, text and HTML files whole.

Anything it cannot use becomes a :class:`Rejection` with the file (or ``FILE:LINE``,
``FEED#N``, ``WARC@OFFSET``) and a short reason the user can act on, and the batch goes on:
one bad file in a folder of thousands must not stop the run. Only programmer errors and
:class:`UsageError` raise.

Memory stays bounded: text, HTML and feed files are read whole but never beyond
:data:`~wiretrace.ingest.MAX_FILE_BYTES`, JSON Lines files are read line by line (so a JSONL
dump may be far larger than the limit as long as each line is not), and WARC archives are
streamed with the limit applying per record. Decoding is :mod:`~wiretrace.ingest.encoding`'s.
"""

from __future__ import annotations

import codecs
import io
import json
import os
import re
import stat
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import IO, Final, Literal

from wiretrace.errors import UsageError
from wiretrace.ingest._common import CHUNK, SNIFF_BYTES, Reject, max_file_bytes, mb
from wiretrace.ingest.encoding import (
    Decoded,
    decode,
    decode_utf8,
    html_declared,
    is_wide_bom,
    normalize,
    xml_declared,
)
from wiretrace.ingest.feeds import looks_like_feed, read_feed
from wiretrace.ingest.jsonl import record
from wiretrace.ingest.warc import looks_like_warc, read_warc
from wiretrace.models import RawDocument, Rejection

STDIN_NAME: Final = "<stdin>"

SKIPPED_NAMES: Final = frozenset({".DS_Store", "Thumbs.db", "desktop.ini", "__pycache__"})
"""Names that are never inputs when walking a folder (hidden names are skipped anyway)."""

SKIPPED_SUFFIXES: Final = (".pyc", ".pyo", ".swp", "~")
"""Name endings of editor and interpreter droppings that are never inputs."""

_Hint = Literal["text", "html", "jsonl", "json", "feed", "xml", "warc", "mhtml"]
"""What a file name says about the format.

``json`` means "JSONL if it is JSON Lines"; ``xml`` means "a feed if it is one, else sniff".
"""

_FORMAT_BY_SUFFIX: Final[dict[str, _Hint]] = {
    ".txt": "text",
    ".text": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "json",
    ".rss": "feed",
    ".atom": "feed",
    ".xml": "xml",
    ".warc": "warc",
    ".mhtml": "mhtml",
    ".mht": "mhtml",
}

_Format = Literal["text", "html", "jsonl", "feed"]

_HTML_TAG: Final = re.compile(rb"<(?:html|body|article|div|p)\b", re.IGNORECASE)
_MIME_HEADER: Final = re.compile(rb"\A(?:From|MIME-Version|Subject|Date|Snapshot-[\w-]+):", re.I)
_MULTIPART_RELATED: Final = re.compile(rb"^Content-Type:\s*multipart/related", re.I | re.M)

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
    (b"RIFF", "RIFF (WebP/WAV/AVI)"),
    (b"ID3", "MP3"),
    (b"OggS", "Ogg"),
    (b"\x7fELF", "ELF executable"),
    (b"SQLite format 3\x00", "SQLite database"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "old MS Office (DOC/XLS)"),
)
"""Leading bytes of formats people drop into input folders by mistake.

Each is unambiguous, so a match alone marks the file binary and names it in the reason.
(gzip is checked only after a gzipped WARC has been ruled out.)
"""

# Control bytes that do not occur in text; tab, newlines, form feed, backspace and ESC do.
_CONTROL: Final = (frozenset(range(0x20)) - {0x08, 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x1B}) | {0x7F}
_NOT_CONTROL: Final = bytes(b for b in range(256) if b not in _CONTROL)
_MAX_CONTROL_SHARE: Final = 0.10

MHTML_REASON: Final = "MHTML archives are not supported; save the page as HTML instead"


# --------------------------------------------------------------------------- public API


def iter_documents(
    paths: Sequence[str | Path] | str | Path, *, stdin: IO[bytes] | None = None
) -> Iterator[RawDocument | Rejection]:
    """Yield a document or a rejection for every input under ``paths``, in a stable order.

    Files are read as given; folders are walked recursively in sorted order, skipping
    hidden entries and :data:`SKIPPED_NAMES`. ``"-"`` (a str or ``Path("-")``; name a file
    called ``-`` as ``./-``) reads ``stdin``. The arguments are checked before anything is
    read, so a wrong call fails at once instead of after half the batch.

    One path given alone (a str or a Path, not in a list) is read as that one path, not
    character by character.

    Raises:
        UsageError: ``"-"`` is among ``paths`` but ``stdin`` is None.
    """
    names = path_list(paths)
    if stdin is None and "-" in names:
        raise UsageError("'-' means standard input, but no stdin stream was given")
    return _iter_documents(names, stdin)


def path_list(paths: Sequence[str | Path] | str | Path) -> list[str]:
    """``paths`` as a list of path strings; one str or Path alone is one path (a str is a
    sequence too, and "news/" read as "n", "e", ..., "/" would walk the whole disk)."""
    if isinstance(paths, str | bytes | os.PathLike):
        return [os.fsdecode(paths)]
    return [os.fsdecode(p) for p in paths]


def read_stream(stream: IO[bytes], name: str = STDIN_NAME) -> Iterator[RawDocument | Rejection]:
    """Read one input from an open binary stream, detecting its format from the content.

    Used for standard input, where there is no file name to go by. JSONL records are named
    ``f"{name}:{line}"``, feed entries ``f"{name}#{n}"``, WARC records ``f"{name}@{offset}"``.
    The stream is not closed.
    """
    return _guarded(_read(stream, name, None, None), name)


def read_named(
    stream: IO[bytes], name: str, size: int | None = None
) -> Iterator[RawDocument | Rejection]:
    """Read one input from an open binary stream named after a file (a path or a URI, as
    a Spark job gets it): like :func:`read_file`, its content decides the format, helped by
    the name's extension; ``size`` is its length when known. The stream is not closed."""
    return _guarded(_read(stream, name, _hint(name), size), name)


def read_file(path: Path) -> Iterator[RawDocument | Rejection]:
    """Read one file; its content decides the format, helped by its extension.

    The file is read even if a folder walk would skip it (hidden, ``.pyc``): naming a
    file is a request to read it.
    """
    return _read_path(os.fspath(path))


def count_inputs(paths: Sequence[str | Path] | str | Path) -> int:
    """How many files :func:`iter_documents` will open for ``paths`` (``"-"`` counts 1).

    Meant for a progress bar: it walks the same folders with the same rules, but opens
    nothing, so missing paths and unreadable folders count 0.
    """
    total = 0
    for path in path_list(paths):
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
        yield Rejection(shown_path(path), "no such file or directory")
        return
    except OSError as error:
        yield Rejection(shown_path(path), _os_reason(error))
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
        yield Rejection(shown_path(folder), _os_reason(error))
        return
    for entry in ordered:
        if _skipped(entry.name):
            continue
        try:
            info = entry.stat()
        except FileNotFoundError:
            yield Rejection(shown_path(entry.path), "broken symbolic link")
            continue
        except OSError as error:
            yield Rejection(shown_path(entry.path), _os_reason(error))
            continue
        if stat.S_ISDIR(info.st_mode):
            key = (info.st_dev, info.st_ino)
            if key not in seen:
                seen.add(key)
                yield from _walk(entry.path, seen)
        elif stat.S_ISREG(info.st_mode):
            yield entry.path
        else:  # a FIFO would block the walk forever; sockets and devices are not articles
            yield Rejection(shown_path(entry.path), "not a regular file")


_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\ud800-\udfff]")


def shown_path(path: str) -> str:
    """A path as ingest names it in sources and rejections: one printable line. Bytes the
    file system's encoding cannot decode (a Latin-1 name on a UTF-8 system) are shown as
    ``\\xNN``, control characters (a newline in a name) as escapes, so the name can
    neither break the store's UTF-8 nor split a rejection line in two."""
    if not _UNPRINTABLE.search(path):
        return path
    text = os.fsencode(path).decode("utf-8", "backslashreplace")
    return _UNPRINTABLE.sub(lambda m: m[0].encode("unicode_escape").decode("ascii"), text)


def _skipped(name: str) -> bool:
    return name.startswith(".") or name in SKIPPED_NAMES or name.endswith(SKIPPED_SUFFIXES)


def _os_reason(error: OSError) -> str:
    return error.strerror or str(error)


# --------------------------------------------------------------------------- reading


def _hint(source: str) -> _Hint | None:
    """What the file name says about the format (``.warc.gz`` is the one double suffix)."""
    if source.lower().endswith(".warc.gz"):
        return "warc"
    return _FORMAT_BY_SUFFIX.get(Path(source).suffix.lower())


def _read_path(source: str) -> Iterator[RawDocument | Rejection]:
    """Open ``source`` and read it; an OSError at any point rejects the rest of the file."""
    name = shown_path(source)
    try:
        with open(source, "rb") as stream:
            info = os.fstat(stream.fileno())
            size = info.st_size if stat.S_ISREG(info.st_mode) else None
            yield from _read(stream, name, _hint(source), size)
    except OSError as error:
        yield Rejection(name, _os_reason(error))


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
    """Check, classify and read one input; ``size`` is its length when known up front.

    Containers are recognised first, by content, whatever the name says: a WARC is streamed
    (the size limit applies per record, not to the file), an MHTML archive is refused.
    UTF-16/32 text is then decoded whole and carried on as UTF-8, so the binary check (which
    its NUL bytes would fail) and the format sniffing see text.
    """
    reader = _Reader(stream)
    head = reader.peek(SNIFF_BYTES)
    if not head:
        yield Rejection(name, "empty file")
        return
    if hint == "mhtml" or _looks_like_mhtml(head):
        yield Rejection(name, MHTML_REASON)
        return
    if looks_like_warc(head):
        yield from read_warc(reader, name)
        return
    if hint == "warc":
        yield Rejection(name, "not a WARC file: it does not start with a WARC record")
        return
    wide: Decoded | None = None
    if is_wide_bom(head):
        try:
            wide = decode(_read_whole(reader, size))
        except Reject as error:
            yield Rejection(name, error.reason)
            return
        reader = _Reader(io.BytesIO(wide.text.encode("utf-8")))
        head, size = reader.peek(SNIFF_BYTES), None
    problem = _binary_reason(head)
    if problem:
        yield Rejection(name, problem)
        return
    fmt: _Format
    if hint == "json":
        if not _starts_with_object(reader):
            yield Rejection(name, "not JSON Lines: the first line is not a JSON object")
            return
        fmt = "jsonl"
    elif hint in (None, "xml"):
        fmt = _sniff(reader)
    else:
        assert hint in ("text", "html", "jsonl", "feed")
        fmt = hint
    if fmt == "jsonl":
        yield from _read_jsonl(reader, name)
        return
    try:
        data = _read_whole(reader, size)
        if wide is not None:
            decoded = wide
        else:
            declared = {"html": html_declared, "feed": xml_declared}.get(fmt)
            decoded = decode(data, declared(data) if declared else None)
    except Reject as error:
        yield Rejection(name, error.reason)
        return
    if fmt == "feed":
        yield from read_feed(decoded, name)
        return
    text = normalize(decoded.text)
    if not text.strip():
        yield Rejection(name, "empty file")
        return
    yield RawDocument(source=name, format=fmt, content=text, metadata=decoded.metadata())


def _read_whole(reader: _Reader, size: int | None) -> bytes:
    """The whole input, if it is within the size limit.

    Raises:
        Reject: the input is over the limit; beyond the limit nothing is read.
    """
    limit = max_file_bytes()
    if size is not None and size > limit:
        raise Reject(f"file too large ({mb(size)} MB > {mb(limit)} MB)")
    data = reader.read(limit + 1)  # bounded even when the size was not known or was wrong
    if len(data) > limit:
        raise Reject(f"file too large (more than {mb(limit)} MB)")
    return data


#: How many lines after a broken first one the JSON Lines test reads, within how many bytes.
_SNIFF_LINES = 5
_SNIFF_AHEAD = 4 * 1024 * 1024


def _looks_like_mhtml(head: bytes) -> bool:
    """A browser's "save as single file": MIME headers with a ``multipart/related`` body."""
    return bool(_MIME_HEADER.match(head) and _MULTIPART_RELATED.search(head))


def _sniff(reader: _Reader) -> _Format:
    """Guess the format of an input whose name does not say it."""
    head = reader.peek(SNIFF_BYTES).removeprefix(codecs.BOM_UTF8).lstrip()
    if head.startswith(b"<"):
        if looks_like_feed(head.decode("utf-8", "replace")):
            return "feed"
        if _HTML_TAG.search(head):
            return "html"
    if head.startswith(b"{") and _starts_with_object(reader):
        return "jsonl"
    return "text"


def _starts_with_object(reader: _Reader) -> bool:
    """Whether the input is JSON Lines: its first non-blank line is a JSON object, or, when
    that first record is broken (cut short, a stray character), the next few lines (up to
    ``_SNIFF_LINES``, within ``_SNIFF_AHEAD`` bytes) all open an object and one of them is
    whole: one bad record must not turn the body into one plain-text article of raw JSON."""
    line = reader.first_line(max_file_bytes())
    if line is None:
        return False
    if _is_object(line):
        return True
    # the lines after the first: records are often longer than the sniffed head
    head = reader.peek(_SNIFF_AHEAD)
    after = head[head.find(line) + len(line) :].split(b"\n")
    if len(head) == _SNIFF_AHEAD:
        after.pop()  # cut by the window: not a whole line (at the stream's end it is)
    lines = [x for x in after if x.strip()][:_SNIFF_LINES]
    opening = all(x.lstrip().removeprefix(codecs.BOM_UTF8).startswith(b"{") for x in lines)
    return bool(lines) and opening and any(_is_object(x) for x in lines)


def _is_object(line: bytes) -> bool:
    try:
        return isinstance(json.loads(decode_utf8(line)), dict)
    except (Reject, ValueError, RecursionError):
        return False


def _read_jsonl(reader: _Reader, name: str) -> Iterator[RawDocument | Rejection]:
    """One document or rejection per non-blank line, holding one line in memory at a time.

    Lines are strict UTF-8, as JSON Lines requires: a line is too short for a reliable
    encoding guess, and one bad line should not change how the others are read.
    """
    limit = max_file_bytes()
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
            yield Rejection(source, f"line too large ({mb(length)} MB > {mb(limit)} MB)")
            continue
        try:
            text = decode_utf8(line, start)
        except Reject as error:
            any_record = True
            yield Rejection(source, error.reason)
            continue
        if not text.strip():
            continue
        any_record = True
        try:
            document = record(text, source)
        except Reject as error:
            yield Rejection(source, error.reason)
        else:
            yield document
    if not any_record:
        yield Rejection(name, "empty file")


# --------------------------------------------------------------------------- content checks


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
            self._fill(len(self._buffer) + CHUNK)

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
        while chunk := self.readline(CHUNK):
            skipped += len(chunk)
            if chunk.endswith(b"\n"):
                break
        return skipped
