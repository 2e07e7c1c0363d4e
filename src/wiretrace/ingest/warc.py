"""WARC archives (plain or gzipped per record): one HTML document per ``200`` response.

A crawl archive holds requests, metadata, redirects, images and scripts next to the pages;
only successful HTML responses are articles, so everything else is skipped silently and
only counted. Records are streamed with ``warcio``: the archive is never loaded whole, and
a record whose payload is over the size limit is skipped without being read into memory.

A document is named ``FILE@OFFSET``, the byte offset of its record in the file (for a
``.warc.gz``, of its gzip member), which is what WARC indexes (CDX) use, so a record can be
found again with ``warcio extract FILE OFFSET``. ``WARC-Date`` is kept as ``warc_date``: it
is when the crawler *saw* the page, not when the article was published.

A damaged archive (cut short, or a record header that does not parse) ends the archive with
one rejection naming the offset; the records before it are still yielded.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from typing import Any, Final, Protocol

from wiretrace.ingest._common import CHUNK, Reject, max_file_bytes, mb
from wiretrace.ingest.encoding import content_type_charset, decode, html_declared, normalize
from wiretrace.models import RawDocument, Rejection

HTML_TYPES: Final = frozenset({"text/html", "application/xhtml+xml"})

_WARC_MAGIC: Final = b"WARC/"
_GZIP_MAGIC: Final = b"\x1f\x8b"


class ByteSource(Protocol):
    """What the WARC reader needs of its input: sized reads from the start of the archive."""

    def read(self, size: int, /) -> bytes: ...


class _Counted:
    """A forward-only stream that knows its position, which warcio needs for record offsets.

    Standard input cannot ``tell()``, and a file ingest has already peeked into is not at
    the position warcio would assume; counting from the first byte served fixes both.
    ``eof`` tells a cut archive from a corrupt one: the source only ends short of a read at
    its end.
    """

    def __init__(self, source: ByteSource) -> None:
        self._source = source
        self._offset = 0
        self.eof = False

    def read(self, size: int = -1) -> bytes:
        wanted = size if size >= 0 else CHUNK
        data = self._source.read(wanted)
        self._offset += len(data)
        self.eof = self.eof or len(data) < wanted
        return data

    def tell(self) -> int:
        return self._offset


def looks_like_warc(head: bytes) -> bool:
    """Whether an input starts with a WARC record, plain or in a gzip member."""
    if head.startswith(_WARC_MAGIC):
        return True
    if not head.startswith(_GZIP_MAGIC):
        return False
    try:
        inflated = zlib.decompressobj(wbits=31).decompress(head, len(_WARC_MAGIC))
    except zlib.error:
        return False
    return inflated.startswith(_WARC_MAGIC)


def read_warc(source: ByteSource, name: str) -> Iterator[RawDocument | Rejection]:
    """One document per HTML ``200`` response in the archive; see the module docstring."""
    from warcio.archiveiterator import ArchiveIterator  # deferred: only WARCs need it

    counted = _Counted(source)
    archive = ArchiveIterator(counted, no_record_parse=False)
    iterator = iter(archive)
    records = html = 0
    damage: str | None = None
    while damage is None:
        try:
            record = next(iterator)
        except StopIteration:
            # warcio ends quietly on a gzip member cut before any of it inflated; the bytes
            # it read past the end of the last whole record give the cut away.
            end, read = int(archive.offset), counted.tell()
            if read > end:
                damage = _truncated(end, f"the archive ends inside a record ({read - end} bytes)")
            break
        except Exception as error:  # warcio raises many kinds, some bare Exception
            damage = _unparsed(error, archive, counted)  # archive.offset: the failed record
            break
        offset = int(archive.offset)
        if not record.rec_type or record.rec_headers.get_header("Content-Length") is None:
            damage = _unparsed(None, archive, counted)
            break
        records += 1
        document: RawDocument | Rejection | None = None
        try:
            if _is_html_response(record):
                html += 1
                document = _document(record, f"{name}@{offset}")
            else:
                _drain(record)
        except Reject as error:
            document = Rejection(f"{name}@{offset}", error.reason)
        except _Truncated as error:
            damage = _truncated(offset, str(error))
        except (zlib.error, EOFError, ValueError) as error:
            damage = f"corrupt WARC record at byte {offset}: {_one_line(error)}"
        if document is not None:
            yield document
    archive.close()
    if damage is not None:
        yield Rejection(name, damage)
    elif not html:
        yield Rejection(name, f"WARC file has no HTML responses ({records} records)")


class _Truncated(Exception):
    """A record's payload ended before its ``Content-Length``."""


def _is_html_response(record: Any) -> bool:
    """A ``response`` record with HTTP status 200 and an HTML content type."""
    if record.rec_type != "response" or record.http_headers is None:
        return False
    if record.http_headers.get_statuscode() != "200":
        return False
    return _media_type(record) in HTML_TYPES


def _media_type(record: Any) -> str:
    value = record.http_headers.get_header("Content-Type") or ""
    return str(value).split(";", 1)[0].strip().lower()


def _document(record: Any, source: str) -> RawDocument:
    """The HTML document of one response record; the record is read to its end.

    Raises:
        Reject: the payload is over the limit, empty or not decodable.
        _Truncated: the archive ends inside the record.
    """
    limit = max_file_bytes()
    length = record.length
    if isinstance(length, int) and length > limit:
        _drain(record)
        raise Reject(f"record too large ({mb(length)} MB > {mb(limit)} MB)")
    payload = record.content_stream().read(limit + 1)
    _drain(record)
    if len(payload) > limit:
        raise Reject(f"record too large (more than {mb(limit)} MB)")
    content_type = str(record.http_headers.get_header("Content-Type") or "")
    declared = content_type_charset(content_type) or html_declared(payload)
    decoded = decode(payload, declared)
    text = normalize(decoded.text)
    if not text.strip():
        raise Reject("empty HTML response")
    status = record.http_headers.get_statuscode()
    headers = record.rec_headers
    return RawDocument(
        source=source,
        format="html",
        content=text,
        url=headers.get_header("WARC-Target-URI"),
        metadata={
            "warc_date": headers.get_header("WARC-Date"),
            "warc_record_id": headers.get_header("WARC-Record-ID"),
            "http_status": int(status) if str(status).isdigit() else status,
            "content_type": _media_type(record),
            **decoded.metadata(),
        },
    )


def _drain(record: Any) -> None:
    """Skip the rest of a record a chunk at a time, and notice if the archive ends inside it.

    warcio would skip it too, but silently: a cut in a record ingest does not keep would go
    unreported.

    Raises:
        _Truncated: fewer bytes were left than the record's ``Content-Length`` promised.
    """
    stream = record.raw_stream
    while stream.read(CHUNK):
        pass
    missing = getattr(stream, "limit", 0)
    if isinstance(missing, int) and missing > 0:
        total = record.length if isinstance(record.length, int) else None
        got = f"{total - missing} of {total} bytes" if total else f"{missing} bytes missing"
        raise _Truncated(f"the archive ends inside the record ({got})")


def _truncated(offset: int, detail: str) -> str:
    return f"truncated WARC record at byte {offset}: {detail}"


def _unparsed(error: Exception | None, archive: Any, counted: _Counted) -> str:
    """The rejection reason for a record whose headers could not be parsed.

    It is a cut, not corruption, when the input ran out while warcio was still reading the
    headers: the source is at its end, nothing is buffered, and no gzip member is complete.
    """
    from warcio.exceptions import ArchiveLoadFailed
    from warcio.statusandheaders import StatusAndHeadersParserException

    offset = int(archive.offset)
    reader = archive.reader
    decompressor = getattr(reader, "decompressor", None)
    if (
        counted.eof
        and reader is not None
        and reader.rem_length() == 0
        and (decompressor is None or not decompressor.eof)
    ):
        return _truncated(offset, "the archive ends inside a record header")
    message = _one_line(error) if error is not None else ""
    if "non-chunked gzip" in message:  # no offset: warcio counts it from a member it lacks
        return (
            "corrupt WARC file: it is one gzip stream, not one gzip member per record; "
            "fix it with 'warcio recompress'"
        )
    elif "\x8b\x08" in str(error):  # gzip member header: warcio gave up inflating it
        detail = "a gzip member does not decompress"
    elif isinstance(error, ArchiveLoadFailed | StatusAndHeadersParserException):
        detail = message
    elif error is None:
        detail = "the record has no WARC-Type or Content-Length"
    else:
        detail = "the record header does not parse"
    return f"corrupt WARC record at byte {offset}: {detail}"


def _one_line(error: BaseException) -> str:
    """An exception message fit for a one-line reason: no newlines, no raw binary, short."""
    text = " ".join(str(error).split())
    text = "".join(c if c.isprintable() else "?" for c in text)
    return text[:120] or type(error).__name__
