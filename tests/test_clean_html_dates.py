"""The HTML path's publication date: the date shown with the headline, and stated dates."""

from __future__ import annotations

from datetime import date

from wiretrace.clean import clean_document
from wiretrace.clean.html import (
    HeadlineDates,
    choose_published,
    headline_dates,
    local_midnight,
    page_lines,
)
from wiretrace.clean.structured import StructuredMeta, read_structured
from wiretrace.models import RawDocument

BODY = (
    "<p>The council approved the new cycle lanes on Tuesday after a long debate about"
    " parking spaces in the old town and the cost of the works.</p>"
    "<p>Construction is due to start in the spring and to last about eight months, the"
    " council said, with the busiest streets done first.</p>"
)


def page(header: str, head: str = "", lang: str = "en") -> str:
    return (
        f'<html lang="{lang}"><head><title>Cycle lanes approved</title>{head}</head><body>'
        '<nav><a href="/">Home</a> <span>Monday, 3 June 2024</span></nav>'
        f"<article>{header}{BODY}</article>"
        "<footer>© 2024 The Town Paper</footer></body></html>"
    )


H1 = "<h1>Council approves new cycle lanes</h1>"


def test_page_lines_find_the_headline_and_skip_navigation() -> None:
    import lxml.html  # type: ignore[import-untyped]

    root = lxml.html.fromstring(page(H1 + "<div>14.05.2024, 10:12 Uhr</div>"))
    lines, heading = page_lines(root)
    assert heading is not None
    assert lines[heading] == "Council approves new cycle lanes"
    assert "14.05.2024, 10:12 Uhr" in lines
    assert not any("Monday" in line for line in lines)  # inside <nav>


def test_date_line_under_the_headline_is_shown() -> None:
    shown = headline_dates(page(H1 + "<div><time>14.05.2024, 10:12 Uhr</time></div>"))
    assert shown.shown == date(2024, 5, 14)
    assert date(2024, 5, 14) in shown.nearby


def test_date_with_a_byline_is_shown() -> None:
    html = page(H1 + "<p class='meta'>By Jane Doe, May 14, 2024</p>")
    assert headline_dates(html).shown == date(2024, 5, 14)


def test_updated_date_and_modified_markup_are_not_shown() -> None:
    updated = page(H1 + "<p>Updated: 20 May 2024</p>")
    assert headline_dates(updated).shown is None
    marked = page(H1 + '<time itemprop="dateModified">20.05.2024</time><p>14.05.2024</p>')
    assert headline_dates(marked).shown == date(2024, 5, 14)


def test_weekday_date_without_time_is_the_sites_today() -> None:
    html = page(H1 + "<div>Mittwoch, 22. Mai 2024</div>")
    assert headline_dates(html).shown is None
    with_time = page(H1 + "<div>Mittwoch, 22. Mai 2024, 14:30 Uhr</div>")
    assert headline_dates(with_time).shown == date(2024, 5, 22)


def test_date_inside_a_sentence_is_not_shown() -> None:
    html = page(H1 + "<p>The works will begin on 3 March 2025 and end in the autumn.</p>")
    assert headline_dates(html).shown is None


def test_no_headline_no_shown_date() -> None:
    assert headline_dates("<html><body><p>14.05.2024</p></body></html>") == HeadlineDates()
    assert headline_dates("") == HeadlineDates()


def test_shown_date_beats_a_utc_timestamp_of_the_next_day() -> None:
    head = '<meta property="article:published_time" content="2024-05-15T03:37:00+00:00">'
    html = page(H1 + "<div>14 May, 2024, 11:37 pm</div>", head)
    article = clean_document(RawDocument("p.html", "html", html, url="https://ex.org/a"))
    assert article.published == date(2024, 5, 14)
    assert article.provenance["published"] == "headline"


def test_stated_date_wins_over_the_modification_date() -> None:
    meta = StructuredMeta(
        published=date(2024, 5, 14),
        updated=date(2024, 5, 20),
        provenance={"published": "json-ld", "updated": "json-ld"},
    )
    assert choose_published(date(2024, 5, 20), meta, HeadlineDates(), None) == (
        date(2024, 5, 14),
        "json-ld",
    )
    # htmldate's date stands when it is neither the update nor contradicted near the headline
    assert choose_published(date(2024, 5, 13), meta, HeadlineDates(), None) == (
        date(2024, 5, 13),
        "htmldate",
    )
    nearby = HeadlineDates(None, frozenset({date(2024, 5, 14)}))
    assert choose_published(date(2024, 5, 13), meta, nearby, None)[0] == date(2024, 5, 14)


def test_local_midnight_stored_in_utc() -> None:
    day = date(2022, 11, 6)
    assert local_midnight("2022-11-06T23:00:00.000Z", day, "de") == date(2022, 11, 7)
    assert local_midnight("2022-11-06T22:00Z", day, "de") == date(2022, 11, 7)
    assert local_midnight("2022-11-06T23:00:00.000Z", day, "en") == day  # zone unknown
    assert local_midnight("2022-11-06T23:05:00Z", day, "de") == day  # a real time
    assert local_midnight("2022-11-06T23:00:00+01:00", day, "de") == day  # local already
    assert local_midnight(None, day, "de") == day


def test_structured_keeps_the_stamp() -> None:
    head = '<meta property="article:published_time" content="2022-11-06T23:00:00.000Z">'
    meta = read_structured(page("", head, lang="de"))
    assert meta.published == date(2022, 11, 6)
    assert meta.published_stamp == "2022-11-06T23:00:00.000Z"


def test_local_midnight_reaches_the_article() -> None:
    head = '<meta property="article:published_time" content="2022-11-06T23:00:00.000Z">'
    html = page(H1, head, lang="de")
    article = clean_document(RawDocument("p.html", "html", html))
    assert article.published == date(2022, 11, 7)
