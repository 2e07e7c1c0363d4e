"""Feeds and web archives end to end: what the input states lands in the article, sourced."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from wiretrace import Wiretrace

PARAGRAPHS = [
    "The port authority said on Thursday that container traffic rose by a fifth last year,"
    " driven by new routes to the south.",
    "Dock workers had warned that the cranes were running at the limit of their capacity,"
    " and the authority has ordered four more from a domestic supplier.",
    "A second terminal is due to open in two years, the authority said in its annual report.",
]
BODY = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)

RSS = f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Harbour Times</title><link>https://harbour.example</link>
<item><title>Port traffic up a fifth</title><link>https://harbour.example/port</link>
<author>desk@harbour.example (Lena Quay)</author>
<pubDate>Thu, 07 Mar 2024 09:00:00 GMT</pubDate>
<description><![CDATA[{BODY}]]></description></item>
</channel></rss>"""

PAGE = f"""<html><head><title>Port traffic up a fifth - Harbour Times</title>
<meta property="article:published_time" content="2024-03-07T09:00:00Z"></head>
<body><article><h1>Port traffic up a fifth</h1>{BODY}</article></body></html>"""


def write_warc(path: Path) -> None:
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        headers = StatusAndHeaders(
            "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
        )
        record = writer.create_warc_record(
            "https://harbour.example/port",
            "response",
            payload=io.BytesIO(PAGE.encode()),
            http_headers=headers,
            warc_headers_dict={"WARC-Date": "2024-03-09T12:00:00Z"},
        )
        writer.write_record(record)


def test_feed_entry_becomes_a_sourced_article(tmp_path: Path) -> None:
    feed = tmp_path / "harbour.rss"
    feed.write_text(RSS)
    with Wiretrace(tmp_path / "w.db") as wt:
        report = wt.ingest([feed])
        article = next(wt.articles())
    assert report.ok and len(report.added) == 1
    assert article.source.endswith("harbour.rss#1")
    assert article.url == "https://harbour.example/port"
    assert article.title == "Port traffic up a fifth"
    assert article.published == date(2024, 3, 7)
    assert article.outlet == "Harbour Times"
    assert "Lena Quay" in (article.byline or "")
    assert article.provenance["title"] == "feed" and article.provenance["published"] == "feed"
    assert all(p in article.text for p in PARAGRAPHS)


def test_web_archive_record_becomes_an_article_seen_at_crawl_time(tmp_path: Path) -> None:
    archive = tmp_path / "crawl.warc.gz"
    write_warc(archive)
    with Wiretrace(tmp_path / "w.db") as wt:
        report = wt.ingest([archive])
        article = next(wt.articles())
    assert report.ok and len(report.added) == 1
    assert "@" in article.source and article.url == "https://harbour.example/port"
    assert article.title == "Port traffic up a fifth"
    assert article.published == date(2024, 3, 7)  # from the page, not the crawl
    assert article.seen == date(2024, 3, 9)  # the crawl date is when the page was seen
    assert all(p in article.text for p in PARAGRAPHS)
