"""Structured page metadata (JSON-LD, OpenGraph, <meta>) and how the HTML path uses it."""

from __future__ import annotations

from datetime import date

from wiretrace.clean import clean_document, detect_language
from wiretrace.clean.html import choose_title
from wiretrace.clean.structured import (
    first_heading,
    json_ld_articles,
    meta_tags,
    parse_date,
    read_structured,
)
from wiretrace.models import RawDocument

BODY = " ".join(
    [
        "The regional water authority said on Monday that the new reservoir would supply"
        " forty thousand homes from next spring.",
        "Engineers finished the dam wall three months ahead of schedule, the authority said,"
        " and the filling of the basin will begin once inspectors sign off the works.",
        "Farmers downstream had opposed the project for a decade, fearing for their water"
        " rights, but a settlement reached last year guarantees them a fixed share.",
    ]
)

PAGE = f"""<!DOCTYPE html>
<html lang="en-GB"><head>
<title>Reservoir to supply 40,000 homes | The Valley Gazette</title>
<meta property="og:title" content="Reservoir to supply 40,000 homes">
<meta property="og:site_name" content="The Valley Gazette">
<meta property="article:published_time" content="2024-04-02T08:00:00+01:00">
<meta name="author" content="https://example.org/staff/ann">
<script type="application/ld+json">
{{"@context": "https://schema.org", "@graph": [
  {{"@type": "WebSite", "name": "The Valley Gazette"}},
  {{"@type": ["NewsArticle"], "headline": "Reservoir to supply 40,000 homes",
    "datePublished": "2024-04-01T18:30:00+01:00", "dateModified": "2024-04-03",
    "author": [{{"@type": "Person", "name": "Ann Reporter"}}, {{"name": "Bo Writer"}}],
    "publisher": {{"@type": "Organization", "name": "Valley Gazette Ltd"}},
    "inLanguage": "en-GB"}}
]}}
</script></head>
<body><nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>Reservoir to supply 40,000 homes</h1><p>{BODY}</p>
<p>The authority will hold a public meeting on the works next month.</p></article>
<footer>© 2024 The Valley Gazette. All rights reserved.</footer></body></html>"""


def test_json_ld_article_is_found_inside_a_graph() -> None:
    articles = json_ld_articles(PAGE)
    assert len(articles) == 1 and articles[0]["headline"].startswith("Reservoir")


def test_meta_tags_are_read_by_property_and_name() -> None:
    tags = meta_tags(PAGE)
    assert tags["og:site_name"] == "The Valley Gazette"
    assert tags["article:published_time"].startswith("2024-04-02")


def test_json_ld_wins_over_meta_tags_and_says_so() -> None:
    meta = read_structured(PAGE)
    assert meta.published == date(2024, 4, 1)  # JSON-LD, not the meta tag's 2 April
    assert meta.updated == date(2024, 4, 3)
    assert meta.author == "Ann Reporter, Bo Writer"
    assert meta.site == "Valley Gazette Ltd"
    assert meta.language == "en"
    assert meta.provenance["published"] == "json-ld"


def test_meta_tags_fill_in_without_json_ld() -> None:
    page = PAGE.split("<script")[0] + "</head><body></body></html>"
    meta = read_structured(page)
    assert meta.published == date(2024, 4, 2)
    assert meta.provenance["published"] == "meta tag"
    assert meta.author is None  # a profile URL is not an author's name
    assert meta.language == "en" and meta.provenance["language"] == "html lang"


def test_broken_json_ld_is_skipped() -> None:
    page = '<script type="application/ld+json">{"@type": "NewsArticle", </script>'
    assert json_ld_articles(page) == [] and read_structured(page).title is None


def test_parse_date_forms() -> None:
    assert parse_date("2024-05-03T23:59:00-05:00") == date(2024, 5, 3)
    assert parse_date("2024/5/3") == date(2024, 5, 3)
    assert parse_date("20240503") == date(2024, 5, 3)
    assert parse_date("May 3, 2024") is None
    assert parse_date("1201-01-01") is None


def test_h1_is_the_title_when_the_page_title_contains_it() -> None:
    assert first_heading(PAGE) == "Reservoir to supply 40,000 homes"
    assert choose_title("Site Name", "A real headline here", None) == (
        "A real headline here",
        "stated",
    )
    assert choose_title(None, None, "Headline of the story | Site") == (
        "Headline of the story",
        "html",
    )


def test_html_article_carries_values_and_provenance() -> None:
    article = clean_document(RawDocument("page.html", "html", PAGE, url="https://ex.org/a"))
    assert "forty thousand homes" in article.text
    assert "All rights reserved" not in article.text
    assert article.title == "Reservoir to supply 40,000 homes"
    # JSON-LD says 1 April, the meta tag 2 April: either is the page's own statement, and
    # the provenance must name the one taken.
    assert article.published in {date(2024, 4, 1), date(2024, 4, 2)}
    assert article.updated == date(2024, 4, 3)
    assert article.language == "en"
    assert article.outlet == "ex.org"  # the URL's host names the outlet consistently
    assert article.provenance["published"] in {"json-ld", "htmldate"}
    assert article.provenance["updated"] == "json-ld"
    assert article.provenance["outlet"] == "url"
    assert article.published_from == article.provenance["published"]


def test_footer_year_is_not_a_publication_date() -> None:
    page = f"<html><body><article><p>{BODY}</p></article><footer>© 2023 Site</footer></body></html>"
    article = clean_document(RawDocument("p.html", "html", page))
    assert article.published is None or (article.published.month, article.published.day) != (1, 1)


def test_new_year_date_is_kept_when_the_url_carries_it() -> None:
    page = f"<html><body><article><p>{BODY}</p></article><p>Posted 1 January 2019</p></body></html>"
    article = clean_document(
        RawDocument("p.html", "html", page, url="https://blog.example/2019/01/01/post/")
    )
    assert article.published == date(2019, 1, 1)


def test_language_detection_needs_enough_text() -> None:
    assert detect_language("Der Stadtrat hat am Dienstag den neuen Haushalt beschlossen.") == "de"
    assert detect_language("Kurz.") is None
