"""RSS/Atom ingest: one document per entry, detected by content, never touching the network."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from tests.conftest import split
from wiretrace.ingest import count_inputs, iter_documents, read_file, read_stream
from wiretrace.models import RawDocument, Rejection

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
     xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom">
<channel>
  <title>Valley Courier</title>
  <link>https://courier.example/</link>
  <atom:link href="https://courier.example/feed.rss" rel="self" type="application/rss+xml"/>
  <item>
    <title>River floods the lower town</title>
    <link>https://courier.example/flood</link>
    <guid>courier-1</guid>
    <dc:creator>A. Reporter</dc:creator>
    <pubDate>Sun, 04 May 2025 14:23:00 +0200</pubDate>
    <description>Short teaser.</description>
    <content:encoded><![CDATA[<p>The river rose overnight.</p><p>Caf\u00e9 owners fled.</p>]]>
    </content:encoded>
  </item>
  <item>
    <title>Council meets</title>
    <link>https://courier.example/council</link>
    <description>The council met on Monday and agreed nothing.</description>
  </item>
  <item>
    <title>Only a title</title>
    <link>https://courier.example/empty</link>
  </item>
</channel>
</rss>
"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Wire Desk</title>
  <link href="https://wire.example/"/>
  <link rel="self" href="https://wire.example/atom.xml"/>
  <id>urn:wire</id>
  <updated>2025-05-05T08:00:00Z</updated>
  <entry>
    <title>Quake hits coast</title>
    <link href="https://wire.example/quake"/>
    <id>urn:wire:quake</id>
    <published>2025-05-04</published>
    <updated>2025-05-05T08:00:00Z</updated>
    <author><name>Desk Editor</name></author>
    <content type="html">&lt;p&gt;A strong quake hit the coast.&lt;/p&gt;</content>
  </entry>
</feed>
"""

RDF = """<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">
  <channel rdf:about="https://old.example/"><title>Old Site</title>
    <link>https://old.example/</link><description>d</description></channel>
  <item rdf:about="https://old.example/1"><title>One</title>
    <link>https://old.example/1</link><description>First item text.</description></item>
</rdf:RDF>
"""


@pytest.fixture(autouse=True)
def _offline(no_network: None) -> None:
    """Parsing a feed must never open a socket or a URL."""


def test_rss_entries(tmp_path: Path) -> None:
    path = tmp_path / "courier.rss"
    path.write_text(RSS, encoding="utf-8")
    docs, rejections = split(read_file(path))
    assert [d.source for d in docs] == [f"{path}#1", f"{path}#2"]
    assert rejections == [Rejection(f"{path}#3", "feed entry has no content")]
    first, second = docs
    assert first.format == "html"
    assert first.content == "<p>The river rose overnight.</p><p>Café owners fled.</p>"  # stripped
    assert first.url == "https://courier.example/flood"
    assert first.title == "River floods the lower town"
    assert first.published == "2025-05-04T12:23:00+00:00"
    assert first.outlet == "Valley Courier"
    assert first.metadata == {
        "author": "A. Reporter",
        "feed_url": "https://courier.example/feed.rss",
        "feed_title": "Valley Courier",
        "entry_id": "courier-1",
        "updated": None,
        "encoding": "utf-8",
        "encoding_from": "declared",
    }
    assert second.format == "text"  # a plain summary, no markup
    assert second.content == "The council met on Monday and agreed nothing."
    assert second.published is None


def test_atom_entry(tmp_path: Path) -> None:
    path = tmp_path / "wire.atom"
    path.write_text(ATOM, encoding="utf-8")
    (doc,) = read_file(path)
    assert isinstance(doc, RawDocument)
    assert doc.source == f"{path}#1"
    assert doc.format == "html"
    assert doc.content == "<p>A strong quake hit the coast.</p>"
    assert doc.published == "2025-05-04"  # a bare date stays a date
    assert doc.metadata["updated"] == "2025-05-05T08:00:00+00:00"
    assert doc.metadata["author"] == "Desk Editor"
    assert doc.metadata["entry_id"] == "urn:wire:quake"
    assert doc.metadata["feed_url"] == "https://wire.example/atom.xml"
    assert doc.outlet == "Wire Desk"


@pytest.mark.parametrize("name", ["feed.xml", "feed", "feed.dat"])
@pytest.mark.parametrize("body", [RSS, ATOM, RDF])
def test_feeds_detected_by_content(tmp_path: Path, name: str, body: str) -> None:
    path = tmp_path / name
    path.write_text(body, encoding="utf-8")
    docs, _ = split(read_file(path))
    assert docs
    assert all(d.source.startswith(f"{path}#") for d in docs)


def test_feed_on_stdin() -> None:
    docs, _ = split(iter_documents(["-"], stdin=io.BytesIO(ATOM.encode())))
    assert [d.source for d in docs] == ["<stdin>#1"]


def test_xml_that_is_not_a_feed_is_not_read_as_one(tmp_path: Path) -> None:
    other = tmp_path / "sitemap.xml"
    other.write_text('<?xml version="1.0"?><feed xmlns="urn:other"><x>1</x></feed>')
    (doc,) = read_file(other)
    assert isinstance(doc, RawDocument)
    assert doc.source == str(other)


def test_latin1_feed_by_its_declaration(tmp_path: Path) -> None:
    body = RSS.replace('encoding="UTF-8"', 'encoding="ISO-8859-1"')
    path = tmp_path / "latin.rss"
    path.write_bytes(body.encode("latin-1"))
    first = split(read_file(path))[0][0]
    assert "Café owners fled." in first.content
    assert (first.metadata["encoding"], first.metadata["encoding_from"]) == ("cp1252", "declared")


def test_utf8_feed_with_a_stale_latin1_declaration(tmp_path: Path) -> None:
    body = RSS.replace('encoding="UTF-8"', 'encoding="ISO-8859-1"')
    path = tmp_path / "stale.rss"
    path.write_bytes(body.encode("utf-8"))
    first = split(read_file(path))[0][0]
    assert "Café owners fled." in first.content
    assert first.metadata["encoding_from"] == "utf-8"


def test_external_entities_and_remote_links_are_not_fetched(tmp_path: Path) -> None:
    body = RSS.replace(
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<!DOCTYPE rss SYSTEM "http://remote.example/rss.dtd">',
    ).replace("<p>The river", '<p><a href="/relative">link</a> The river')
    path = tmp_path / "ext.rss"
    path.write_text(body)
    first = split(read_file(path))[0][0]
    assert 'href="/relative"' in first.content  # not resolved against the feed's address


# --------------------------------------------------------------------------- malformed


def test_feed_cut_in_the_middle_keeps_the_entries_before_the_cut(tmp_path: Path) -> None:
    cut = RSS[: RSS.index("<title>Council meets")]
    path = tmp_path / "cut.rss"
    path.write_text(cut)
    docs, rejections = split(read_file(path))
    assert docs[0].source == f"{path}#1"
    assert docs[0].url == "https://courier.example/flood"
    assert all(r.source.startswith(str(path)) for r in rejections)


def test_feed_cut_before_any_entry(tmp_path: Path) -> None:
    path = tmp_path / "stub.rss"
    path.write_text(RSS[: RSS.index("<item>") - 20])
    (rejection,) = read_file(path)
    assert isinstance(rejection, Rejection)
    assert rejection.source == str(path)
    assert rejection.reason.startswith(("not a readable feed: ", "feed has no entries"))


def test_empty_feed(tmp_path: Path) -> None:
    path = tmp_path / "empty.rss"
    path.write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>T</title></channel></rss>'
    )
    assert list(read_file(path)) == [Rejection(str(path), "feed has no entries")]


def test_rss_extension_on_junk(tmp_path: Path) -> None:
    path = tmp_path / "junk.rss"
    path.write_text("this is not xml at all <<<")
    (rejection,) = read_file(path)
    assert isinstance(rejection, Rejection)
    assert rejection.source == str(path)
    assert rejection.reason.startswith(("not a readable feed: ", "feed has no entries"))


# --------------------------------------------------------------------------- mixed folder


def test_mixed_folder_goes_to_the_right_readers(tmp_path: Path) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    http = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
    writer.write_record(
        writer.create_warc_record(
            "https://w.example/",
            "response",
            payload=io.BytesIO(b"<html><body><p>Archived.</p></body></html>"),
            http_headers=http,
        )
    )
    files: dict[str, bytes] = {
        "a_page.html": b"<html><body><p>Saved page.</p></body></html>",
        "b_page.htm": b"<html><head><title>No body here</title></head></html>",
        "c_saved.mhtml": b"From: <Saved by Blink>\r\nMIME-Version: 1.0\r\n"
        b'Content-Type: multipart/related; boundary="x"\r\n\r\n--x\r\n',
        "d_feed.xml": RSS.encode(),
        "e_crawl.warc.gz": buffer.getvalue(),
        "f_records.jsonl": b'{"text": "A record."}\n',
        "g_notes.txt": b"Plain notes.",
        "h_photo.jpg": b"\xff\xd8\xff\xe0\x00\x10JFIF",
        "i_paper.pdf": b"%PDF-1.7\n",
        "j_bundle.zip": b"PK\x03\x04\x14\x00",
        "k_utf16.txt": "Unicode notes: Zürich.".encode("utf-16"),
    }
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    docs, rejections = split(iter_documents([tmp_path]))
    assert [(Path(d.source).name, d.format) for d in docs] == [
        ("a_page.html", "html"),
        ("b_page.htm", "html"),  # no body: the clean stage's call, not ingest's
        ("d_feed.xml#1", "html"),
        ("d_feed.xml#2", "text"),
        ("e_crawl.warc.gz@0", "html"),
        ("f_records.jsonl:1", "jsonl"),
        ("g_notes.txt", "text"),
        ("k_utf16.txt", "text"),
    ]
    assert [(Path(r.source).name, r.reason.split(" (")[0]) for r in rejections] == [
        ("c_saved.mhtml", "MHTML archives are not supported; save the page as HTML instead"),
        ("d_feed.xml#3", "feed entry has no content"),
        ("h_photo.jpg", "binary file, not text"),
        ("i_paper.pdf", "binary file, not text"),
        ("j_bundle.zip", "binary file, not text"),
    ]
    assert count_inputs([tmp_path]) == len(files)


def test_mhtml_detected_by_content() -> None:
    data = (
        b"From: <Saved by Blink>\r\nSnapshot-Content-Location: https://x.example/\r\n"
        b"Subject: X\r\nMIME-Version: 1.0\r\nContent-Type: multipart/related;\r\n"
        b'\ttype="text/html"; boundary="----MultipartBoundary"\r\n\r\n'
    )
    assert list(read_stream(io.BytesIO(data), "page")) == [
        Rejection("page", "MHTML archives are not supported; save the page as HTML instead")
    ]
