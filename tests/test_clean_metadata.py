"""Metadata read from text: dates, datelines, bylines, headlines, with invented examples."""

from __future__ import annotations

from datetime import date

import pytest

from wiretrace.clean import clean_document
from wiretrace.clean.metadata import (
    find_dates,
    headline_shaped,
    parse_byline,
    parse_date_meta,
    parse_dateline,
    parse_desk,
    scan_text,
    strip_title_suffix,
)
from wiretrace.models import RawDocument

BODY = (
    "The regional water authority said on Friday that the reservoir had reached its lowest "
    "level in a decade, and that restrictions would follow."
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Published: 04 May. 2025, 14:23", date(2025, 5, 4)),
        ("May 4, 2025", date(2025, 5, 4)),
        ("Sunday, May 4th, 2025 at 9:00", date(2025, 5, 4)),
        ("2025-05-04T09:00:00Z", date(2025, 5, 4)),
        ("12. März 2024", date(2024, 3, 12)),
        ("3 janvier 2023", date(2023, 1, 3)),
        ("4 de mayo de 2025", date(2025, 5, 4)),
        ("Created: 04-05-2025 03:49 IST", date(2025, 5, 4)),  # Indian time: day first
        ("05/04/2025 10:00 EDT", date(2025, 5, 4)),  # US time: month first
        ("12.03.2024", date(2024, 3, 12)),  # dots: day first
        ("25/12/2024", date(2024, 12, 25)),  # 25 cannot be a month
    ],
)
def test_find_dates(text: str, expected: date) -> None:
    [found] = find_dates(text)
    assert found.value == expected


def test_ambiguous_numeric_date_is_not_guessed() -> None:
    [found] = find_dates("04/05/2025")
    assert found.value is None
    assert set(found.readings) == {date(2025, 5, 4), date(2025, 4, 5)}


def test_labelled_published_wins_over_updated() -> None:
    meta = parse_date_meta("Updated: 06 May 2025 | Published: 04 May 2025")
    assert meta is not None and meta.published is not None and meta.updated is not None
    assert (meta.published.value, meta.updated.value) == (date(2025, 5, 4), date(2025, 5, 6))


def test_dates_inside_body_sentences_are_not_metadata() -> None:
    assert parse_date_meta("The court will rule on May 4, 2025, the judge told reporters.") is None


def test_desk_meta_line() -> None:
    meta = parse_date_meta("Valley News Desk | Lisbon | Updated: 02-06-2024 10:15 CET")
    assert meta is not None
    assert meta.desk == "Valley News Desk" and meta.city == "Lisbon"
    assert meta.updated is not None and meta.updated.value == date(2024, 6, 2)
    assert parse_desk("Valley News Desk") == "Valley"


@pytest.mark.parametrize(
    ("paragraph", "text", "agency", "month_day"),
    [
        (
            "LISBON, June 2 (Reuters) - The government said ...",
            "LISBON, June 2 (Reuters)",
            "Reuters",
            (6, 2),
        ),
        ("Berlin, 3. März (dpa) Die Regierung ...", None, None, None),
        ("NAIROBI (AP) — Heavy rains ...", "NAIROBI (AP)", "AP", None),
        ("Quito, Jan. 9 – Officials said ...", "Quito, Jan. 9", None, (1, 9)),
        ("WELLINGTON — The prime minister ...", "WELLINGTON", None, None),
        ("TARNFIELD, N.H. \u2015 If the plan works ...", "TARNFIELD, N.H.", None, None),
        (
            "Tarnfield, New Sussex, May 4 - Officials ...",
            "Tarnfield, New Sussex, May 4",
            None,
            (5, 4),
        ),
        ("Tarnfield, the capital, said ...", None, None, None),
        (
            "Oslo, May 4 (NordWire) Officials confirmed ...",
            "Oslo, May 4 (NordWire)",
            "NordWire",
            (5, 4),
        ),
        ("The Central Bureau of Statistics (CBS) reported ...", None, None, None),
        ("North Korean officials (unnamed) said ...", None, None, None),
        ("Officials said on Monday that ...", None, None, None),
    ],
)
def test_parse_dateline(
    paragraph: str, text: str | None, agency: str | None, month_day: tuple[int, int] | None
) -> None:
    found = parse_dateline(paragraph)
    if text is None:
        assert found is None
        return
    assert found is not None
    assert (found.text, found.agency, found.month_day) == (text, agency, month_day)


def test_dateline_on_a_line_that_is_not_body_shaped() -> None:
    """A live-blog's opening line ends in a colon, so it is no body paragraph; the dateline
    that opens it, with its dash, is still the story's dateline (and its agency the outlet)."""
    text = "\n\n".join(
        [
            "The Latest: Governor urges voters to check polling hours.",
            "BRIDGEPORT (AP) \u2014 The Latest on the state's primary race (all times EDT):",
            "7 p.m.",
            "Governor Alma Reyes is urging voters to check the hours of their polling places "
            "before Tuesday's vote, telling a crowd in Easton that lines could be long.",
            "Reyes spoke for about twenty minutes and took no questions from reporters.",
        ]
    )
    article = clean_document(RawDocument("live.txt", "text", text))
    assert article.dateline == "BRIDGEPORT (AP)"
    assert article.outlet == "AP"


def test_short_line_naming_an_agency_without_a_dash_is_no_dateline() -> None:
    text = "\n\n".join(
        [
            "Acme Devices (AD) reported",
            "Acme Devices said on Monday that its quarterly sales had fallen for the first time "
            "in six years, and that it would cut four hundred jobs.",
            "The company's shares fell by a tenth in early trading after the announcement.",
        ]
    )
    assert clean_document(RawDocument("note.txt", "text", text)).dateline is None


@pytest.mark.parametrize(
    ("line", "name", "email"),
    [
        ("By Priya Raman", "Priya Raman", None),
        ("BY ANA SOUSA [ana.sousa@example.org]", "ANA SOUSA", "ana.sousa@example.org"),
        ("Von Lena Hartmann | 12.03.2024", "Lena Hartmann", None),
        ("Par Jean-Luc Martin et Amélie Roux", "Jean-Luc Martin et Amélie Roux", None),
        ("By the end of the year, prices had doubled.", None, None),
        ("by far the largest", None, None),
    ],
)
def test_parse_byline(line: str, name: str | None, email: str | None) -> None:
    found = parse_byline(line)
    if name is None:
        assert found is None
    else:
        assert found == (name, email)


def test_a_time_stamp_between_headline_and_body_is_not_the_headline() -> None:
    lines = [
        "Harbour council approves new ferry route",
        "May 3, 2013 at 7:31 AM ET",
        "Updated 5:40 p.m. ET",
        "The council voted on Thursday to open a ferry route between the two harbours, ending "
        "a decade of debate over the cost of the crossing and the noise of the boats.",
    ]
    meta = scan_text(lines)
    assert meta.title == "Harbour council approves new ferry route"
    assert meta.published == date(2013, 5, 3)


def test_headline_shape_and_title_suffix() -> None:
    assert headline_shaped("Harbour council approves new ferry route")
    assert headline_shaped("Will the ferry ever sail?")
    assert not headline_shaped("Left Menu")  # too short and a menu label
    assert not headline_shaped("Thursday, May 8, 2025")  # a date
    assert not headline_shaped("Updated 5:40 p.m. ET")  # a time stamp
    assert not headline_shaped("Posted at 10:32 GMT today")
    assert not headline_shaped("Updated: 3 hours ago")
    assert headline_shaped("Published figures show 5 percent rise in exports")
    assert not headline_shaped("The council approved the route on Tuesday after a vote.")
    assert strip_title_suffix("Harbour council approves ferry route | The Courier") == (
        "Harbour council approves ferry route"
    )


def test_weekday_date_before_headline_is_seen_not_published() -> None:
    lines = ["Saturday, June 1, 2024", "Harbour council approves new ferry route", BODY]
    meta = scan_text(lines)
    assert meta.seen == date(2024, 6, 1) and meta.published is None
    assert meta.roles[0] == "seen-date"


def test_date_line_after_headline_is_published() -> None:
    meta = scan_text(["Harbour council approves new ferry route", "June 1, 2024", BODY])
    assert meta.published == date(2024, 6, 1) and meta.published_from == "text"
    assert meta.seen is None


def test_scraper_header_date_is_only_a_fallback() -> None:
    header = " date 2024-06-03 Harbour council approves new ferry route"
    a = clean_document(RawDocument("s.txt", "text", "\n".join([header, BODY])))
    assert a.published == date(2024, 6, 3) and a.published_from == "scraper"
    assert a.title == "Harbour council approves new ferry route"
    b = clean_document(
        RawDocument("s.txt", "text", "\n".join([header, "Posted 1 June 2024", BODY]))
    )
    assert b.published == date(2024, 6, 1) and b.published_from == "text"
    assert b.metadata["scraper_date"] == "2024-06-03"


def test_menu_label_in_scraper_header_is_not_a_title() -> None:
    lines = [" date 2024-06-03 Main Menu", "Harbour council approves new ferry route", BODY]
    a = clean_document(RawDocument("s.txt", "text", "\n".join(lines)))
    assert a.title == "Harbour council approves new ferry route"
    assert a.text == BODY


def test_ambiguous_scraper_date_resolves_numeric_date() -> None:
    lines = [
        " date 2024-06-03 Harbour council approves new ferry route",
        "Posted: 03/06/2024",
        BODY,
    ]
    a = clean_document(RawDocument("s.txt", "text", "\n".join(lines)))
    assert a.published == date(2024, 6, 3) and a.published_from == "text"


def test_no_date_means_none_not_today() -> None:
    a = clean_document(RawDocument("s.txt", "text", BODY))
    assert a.published is None and a.seen is None and a.published_from is None


def test_dates_of_other_stories_are_not_the_publication_date() -> None:
    lines = [
        "Latest news",
        "Storm closes coastal road",
        "2 June 2024",
        "Harbour council approves new ferry route",
        "3 June 2024",
        BODY,
        BODY.replace("Friday", "Monday"),
        "More stories",
        "Fishing fleet returns with record catch",
        "28 May 2024",
    ]
    meta = scan_text(lines)
    assert meta.title == "Harbour council approves new ferry route"
    assert meta.published == date(2024, 6, 3)
