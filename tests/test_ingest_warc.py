"""WARC ingest: HTML responses become documents, everything else is skipped, damage is reported."""

from __future__ import annotations

import io
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from tests.conftest import split
from wiretrace import ingest
from wiretrace.ingest import iter_documents, read_file, read_stream
from wiretrace.models import RawDocument, Rejection

PAGE = "<html><head><title>Flood</title></head><body><p>The river rose.</p></body></html>"


@dataclass
class Archive:
    """A WARC built in memory; ``offsets`` holds where each record starts."""

    gzip: bool = False
    buffer: io.BytesIO = field(default_factory=io.BytesIO)
    offsets: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.writer = WARCWriter(self.buffer, gzip=self.gzip)

    def response(
        self,
        uri: str,
        body: bytes | str = PAGE,
        *,
        status: str = "200 OK",
        content_type: str = "text/html; charset=utf-8",
        headers: Iterable[tuple[str, str]] = (),
    ) -> Archive:
        payload = body.encode() if isinstance(body, str) else body
        http = StatusAndHeaders(
            status, [("Content-Type", content_type), *headers], protocol="HTTP/1.1"
        )
        record = self.writer.create_warc_record(
            uri, "response", payload=io.BytesIO(payload), http_headers=http
        )
        return self._write(record)

    def request(self, uri: str) -> Archive:
        http = StatusAndHeaders("GET / HTTP/1.1", [("Host", "example.com")], is_http_request=True)
        record = self.writer.create_warc_record(
            uri, "request", payload=io.BytesIO(b""), http_headers=http
        )
        return self._write(record)

    def info(self) -> Archive:
        return self._write(self.writer.create_warcinfo_record("crawl.warc", {"software": "t"}))

    def _write(self, record: Any) -> Archive:
        self.offsets.append(self.buffer.tell())
        self.writer.write_record(record)
        return self

    @property
    def data(self) -> bytes:
        return self.buffer.getvalue()


def crawl(gzip: bool) -> Archive:
    return (
        Archive(gzip)
        .info()
        .request("https://news.example/a")
        .response("https://news.example/a")
        .response("https://news.example/logo.png", b"\x89PNG", content_type="image/png")
        .response("https://news.example/old", "", status="301 Moved Permanently")
        .response("https://news.example/404", PAGE, status="404 Not Found")
        .response(
            "https://news.example/b",
            "<html><body><p>Second story.</p></body></html>",
            content_type="application/xhtml+xml",
        )
    )


@pytest.fixture(autouse=True)
def _offline(no_network: None) -> None:
    """Reading an archive must never open a socket."""


@pytest.mark.parametrize("gzip", [False, True])
def test_html_responses_become_documents(tmp_path: Path, gzip: bool) -> None:
    archive = crawl(gzip)
    path = tmp_path / ("crawl.warc.gz" if gzip else "crawl.warc")
    path.write_bytes(archive.data)
    docs, rejections = split(iter_documents([path]))
    assert rejections == []
    assert [d.source for d in docs] == [
        f"{path}@{archive.offsets[2]}",
        f"{path}@{archive.offsets[6]}",
    ]
    first, second = docs
    assert first.format == "html"
    assert first.url == "https://news.example/a"
    assert first.content == PAGE
    assert first.published is None  # the crawl date is not the publication date
    assert first.metadata["http_status"] == 200
    assert first.metadata["content_type"] == "text/html"
    assert first.metadata["warc_date"].startswith("20")
    assert first.metadata["warc_record_id"].startswith("<urn:uuid:")
    assert (first.metadata["encoding"], first.metadata["encoding_from"]) == ("utf-8", "declared")
    assert second.metadata["content_type"] == "application/xhtml+xml"


@pytest.mark.parametrize("gzip", [False, True])
def test_detected_by_content_whatever_the_name(tmp_path: Path, gzip: bool) -> None:
    archive = crawl(gzip)
    path = tmp_path / "download.bin"
    path.write_bytes(archive.data)
    assert len(split(read_file(path))[0]) == 2
    streamed = split(read_stream(io.BytesIO(archive.data), "pipe"))[0]
    assert [d.source for d in streamed] == [
        f"pipe@{archive.offsets[2]}",
        f"pipe@{archive.offsets[6]}",
    ]


def test_archive_without_html(tmp_path: Path) -> None:
    archive = (
        Archive()
        .info()
        .request("https://x.example/")
        .response("https://x.example/data.json", "{}", content_type="application/json")
    )
    path = tmp_path / "x.warc"
    path.write_bytes(archive.data)
    assert list(read_file(path)) == [
        Rejection(str(path), "WARC file has no HTML responses (3 records)")
    ]


def test_charset_from_http_header_and_from_meta(tmp_path: Path) -> None:
    latin = "<html><body><p>Ça a débordé à Zürich.</p></body></html>"
    meta = '<html><head><meta charset="windows-1251"></head><body>Привет мир</body></html>'
    archive = (
        Archive()
        .response(
            "https://a.example/",
            latin.encode("cp1252"),
            content_type="text/html; charset=ISO-8859-1",
        )
        .response("https://b.example/", meta.encode("cp1251"), content_type="text/html")
    )
    path = tmp_path / "c.warc"
    path.write_bytes(archive.data)
    first, second = split(read_file(path))[0]
    assert first.content == latin
    assert (first.metadata["encoding"], first.metadata["encoding_from"]) == ("cp1252", "declared")
    assert second.content == meta
    assert second.metadata["encoding"] == "cp1251"


def test_gzip_content_encoding_is_decompressed(tmp_path: Path) -> None:
    import gzip

    archive = Archive().response(
        "https://z.example/", gzip.compress(PAGE.encode()), headers=[("Content-Encoding", "gzip")]
    )
    (doc,) = read_stream(io.BytesIO(archive.data), "z.warc")
    assert isinstance(doc, RawDocument)
    assert doc.content == PAGE


# --------------------------------------------------------------------------- damage


@pytest.mark.parametrize("cut", [0.9, 0.6, 0.3])
def test_truncated_warc_gz_keeps_the_records_before_the_cut(tmp_path: Path, cut: float) -> None:
    archive = Archive(gzip=True)
    for n in range(4):
        archive.response(f"https://t.example/{n}", PAGE.replace("rose", "rose " * 400 + str(n)))
    data = archive.data
    size = int(len(data) * cut)
    path = tmp_path / "cut.warc.gz"
    path.write_bytes(data[:size])
    docs, rejections = split(read_file(path))
    whole = [
        o
        for o, end in zip(archive.offsets, [*archive.offsets[1:], len(data)], strict=True)
        if end <= size
    ]
    assert [d.source for d in docs] == [f"{path}@{o}" for o in whole]
    (rejection,) = rejections
    assert rejection.source == str(path)
    assert rejection.reason.startswith(
        f"truncated WARC record at byte {archive.offsets[len(whole)]}: "
    )


def test_truncated_plain_warc(tmp_path: Path) -> None:
    archive = Archive().response("https://t.example/1").response("https://t.example/2")
    path = tmp_path / "cut.warc"
    path.write_bytes(archive.data[: archive.offsets[1] + 400])
    docs, rejections = split(read_file(path))
    assert [d.url for d in docs] == ["https://t.example/1"]
    assert [r.reason.split(":")[0] for r in rejections] == [
        f"truncated WARC record at byte {archive.offsets[1]}"
    ]


def test_truncated_inside_a_skipped_record_is_reported(tmp_path: Path) -> None:
    archive = (
        Archive()
        .response("https://t.example/1")
        .response("https://t.example/img", b"\x89PNG" + b"\x00" * 5000, content_type="image/png")
    )
    path = tmp_path / "cut.warc"
    path.write_bytes(archive.data[:-2000])
    docs, rejections = split(read_file(path))
    assert len(docs) == 1
    assert [r.reason.split(":")[0] for r in rejections] == [
        f"truncated WARC record at byte {archive.offsets[1]}"
    ]


def test_corrupt_record_header(tmp_path: Path) -> None:
    archive = Archive().response("https://c.example/1").response("https://c.example/2")
    data = bytearray(archive.data)
    second = archive.offsets[1]
    data[second : second + 8] = b"WARX/9.9"
    path = tmp_path / "bad.warc"
    path.write_bytes(bytes(data))
    docs, rejections = split(read_file(path))
    assert [d.url for d in docs] == ["https://c.example/1"]
    (rejection,) = rejections
    assert rejection.source == str(path)
    assert rejection.reason.startswith(f"corrupt WARC record at byte {second}: ")


def test_garbage_after_the_magic_is_rejected_not_raised(tmp_path: Path) -> None:
    path = tmp_path / "junk.warc"
    path.write_bytes(b"WARC/1.0\r\nthis is: not\r\nContent-Length: lots\r\n\r\n\x00\x01garbage")
    items = list(read_file(path))
    assert items and all(isinstance(i, Rejection) for i in items)
    assert all(i.source == str(path) for i in items)


def test_warc_extension_on_something_else(tmp_path: Path) -> None:
    path = tmp_path / "notes.warc"
    path.write_text("just some notes")
    assert list(read_file(path)) == [
        Rejection(str(path), "not a WARC file: it does not start with a WARC record")
    ]


def test_record_over_the_limit_is_skipped_unread(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ingest, "MAX_FILE_BYTES", 1024 * 1024)
    big = "<html><body>" + "<p>word</p>" * 120_000 + "</body></html>"
    archive = Archive().response("https://big.example/", big).response("https://small.example/")
    path = tmp_path / "big.warc"
    path.write_bytes(archive.data)
    docs, rejections = split(read_file(path))
    assert [d.url for d in docs] == ["https://small.example/"]
    assert rejections == [
        Rejection(f"{path}@{archive.offsets[0]}", "record too large (1.3 MB > 1 MB)")
    ]


def test_undecodable_and_empty_responses(tmp_path: Path) -> None:
    archive = Archive().response("https://e.example/", "   ").response("https://ok.example/")
    path = tmp_path / "e.warc"
    path.write_bytes(archive.data)
    docs, rejections = split(read_file(path))
    assert [d.url for d in docs] == ["https://ok.example/"]
    assert rejections == [Rejection(f"{path}@{archive.offsets[0]}", "empty HTML response")]
