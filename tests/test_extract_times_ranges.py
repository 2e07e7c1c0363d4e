"""Date ranges: one time expression whose value is an ISO 8601 interval of two days.

Invented sentences; every expected value was worked out by hand from the anchor. The anchor,
2025-05-07, is a Wednesday.
"""

from __future__ import annotations

import json
from datetime import date

import pytest

from wiretrace.extract.dateranges import range_ends
from wiretrace.extract.records import from_record, to_record
from wiretrace.extract.times import find_times
from wiretrace.models import Extraction

ANCHOR = date(2025, 5, 7)


def values(text: str, anchor: date | None = ANCHOR) -> dict[str, str | None]:
    return {t.text: t.value for t in find_times(text, anchor)}


@pytest.mark.parametrize(
    ("text", "expression", "value"),
    [
        # a past range in the anchor's year (April is behind 7 May)
        (
            "The poll was conducted April 16-19 among 900 adults.",
            "April 16-19",
            "2025-04-16/2025-04-19",
        ),
        ("The fair ran March 4-7 in the harbour district.", "March 4-7", "2025-03-04/2025-03-07"),
        ("The survey was taken from April 19 to 22.", "April 19 to 22", "2025-04-19/2025-04-22"),
        # the year written on the end dates both ends
        (
            "The hearings lasted from June 3 to June 6, 2016.",
            "June 3 to June 6, 2016",
            "2016-06-03/2016-06-06",
        ),
        ("Delegates met between Feb. 2 and Feb. 5.", "Feb. 2 and Feb. 5", "2025-02-02/2025-02-05"),
        # across a month end, with an en dash
        (
            "Interviews were done Jan. 30\u2013Feb. 2 by telephone.",
            "Jan. 30\u2013Feb. 2",
            "2025-01-30/2025-02-02",
        ),
        # day first
        (
            "The congress was held 16-19 September 2015 in the capital.",
            "16-19 September 2015",
            "2015-09-16/2015-09-19",
        ),
        ("It ran from 30 March to 2 April.", "30 March to 2 April", "2025-03-30/2025-04-02"),
        # a future clause looks forward, as for a single date
        ("The festival will run Sept. 12-14.", "Sept. 12-14", "2025-09-12/2025-09-14"),
        # past the end of December: the end is in the next year
        (
            "The exhibition runs from Dec. 30 to Jan. 4, 2026.",
            "Dec. 30 to Jan. 4, 2026",
            "2025-12-30/2026-01-04",
        ),
        ("Talks were held Dec. 29-Jan. 2 last winter.", "Dec. 29-Jan. 2", "2024-12-29/2025-01-02"),
    ],
)
def test_a_range_is_one_expression_with_an_interval_value(
    text: str, expression: str, value: str
) -> None:
    assert values(text)[expression] == value


def test_a_range_without_an_anchor_keeps_its_months_and_days() -> None:
    assert values("The poll was conducted April 16-19.", None) == {
        "April 16-19": "XXXX-04-16/XXXX-04-19"
    }
    assert values("It ran from June 3 to 6, 2016.", None) == {
        "June 3 to 6, 2016": "2016-06-03/2016-06-06"
    }


def test_the_preposition_stays_outside_the_span() -> None:
    text = "Voting took place between April 2 and April 5."
    (time,) = find_times(text, ANCHOR)
    assert text[time.start : time.end] == "April 2 and April 5"
    assert time.kind == "date"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # two days joined by "and" are two days, not a range
        ("The summit on April 24 and 25 was called off.", {"April 24": "2025-04-24"}),
        # a change of date is two dates
        (
            "The vote was moved from June 3 to June 6.",
            {"June 3": "2025-06-03", "June 6": "2025-06-06"},
        ),
        (
            "The hearing was postponed from April 2 to April 9.",
            {"April 2": "2025-04-02", "April 9": "2025-04-09"},
        ),
        # a clock time after "to" is no day of a range
        (
            "The office is open June 3 to 5 p.m.",
            {"June 3": "2025-06-03", "5 p.m.": "2025-05-07T17:00"},
        ),
    ],
)
def test_what_is_not_a_range(text: str, expected: dict[str, str]) -> None:
    assert values(text) == expected


def test_range_ends_are_the_two_days_as_timeml_annotates_them() -> None:
    text = "Shares were bought from Aug. 26 to Oct. 20, the filing shows."
    (time,) = find_times(text, date(1989, 11, 2))
    first, last = range_ends(time)
    assert (text[first.start : first.end], first.value) == ("Aug. 26", "1989-08-26")
    assert (text[last.start : last.end], last.value) == ("Oct. 20", "1989-10-20")
    text = "The poll was conducted April 16-19."
    (time,) = find_times(text, ANCHOR)
    assert [(text[e.start : e.end], e.value) for e in range_ends(time)] == [
        ("April 16", "2025-04-16"),
        ("19", "2025-04-19"),
    ]
    (single,) = find_times("It happened on April 16.", ANCHOR)
    assert range_ends(single) == [single]


def test_a_range_survives_the_extraction_record() -> None:
    times = find_times("The poll was conducted April 16-19.", ANCHOR)
    extraction = Extraction("a", times=times, event_date=times[0].value)
    again = from_record("a", json.loads(json.dumps(to_record(extraction))))
    assert again.times == times
    assert again.event_date == "2025-04-16/2025-04-19"


@pytest.mark.parametrize(
    "text",
    [
        "Those aged 18 to 24 May be hit hardest.",  # "May" a verb, not the month
        "On April 4-3 the home side won.",  # a score: the end before the start
        "Turnout rose from April 2 to 40 percent.",  # a count after "to"
        "Support fell from April 2 to 9% of voters.",
    ],
)
def test_no_range_where_a_reading_of_it_fails(text: str) -> None:
    assert not any("/" in (value or "") for value in values(text).values())
