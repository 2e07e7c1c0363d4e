"""The 5W1H frame and the event date apart from the report date."""

from __future__ import annotations

from datetime import date
from typing import Any

from wiretrace.extract import extract_article
from wiretrace.extract.times import is_undisclosed_date
from wiretrace.models import Article


def extract(parser: Any, text: str, published: date | None = None, **kw: Any) -> Any:
    article = Article("a", "a.txt", "text", text, text, published=published, **kw)
    return extract_article(article, parser.parse(text))


def test_lead_gives_who_what_when_where(parser: Any) -> None:
    text = (
        "Prime Minister Elena Novak opened a hospital in Chicago on Tuesday, "
        "officials said on Wednesday. The hospital has 300 beds."
    )
    x = extract(parser, text, published=date(2024, 3, 14))
    assert x.frame.who.text == "Prime Minister Elena Novak"
    assert x.frame.what.text.startswith("opened a hospital")
    assert x.frame.where.text == "Chicago"
    assert x.frame.when.text == "Tuesday"
    # Tuesday before Thursday 14 March 2024 is the 12th; the report's Wednesday is not used
    assert x.event_date == "2024-03-12"
    assert x.event_date_status == "stated"
    for slot in (x.frame.who, x.frame.what, x.frame.when, x.frame.where):
        assert text[slot.start : slot.end] == slot.text
        assert 0 < slot.confidence <= 1


def test_report_date_is_not_the_event_date(parser: Any) -> None:
    text = "The ministry inspected the dam, state media reported on Sunday."
    x = extract(parser, text, published=date(2024, 3, 14))
    assert x.event_date is None
    assert x.event_date_status == "unknown"


def test_an_outlets_report_in_a_later_sentence_does_not_date_the_event(parser: Any) -> None:
    # the outlet's "reported <the news> on Sunday" dates the report, whatever its object
    text = (
        "The minister toured a new bridge and praised its builders. "
        "The local newspaper reported the visit on Sunday, calling it a milestone."
    )
    x = extract(parser, text, published=date(2024, 3, 14))
    assert x.event_date is None and x.frame.when is None
    # an actor reporting its own deed in that sentence still dates it
    own = (
        "The company opened a new plant in the north. "
        "It reported record sales on Tuesday, the day the plant opened."
    )
    assert extract(parser, own, published=date(2024, 3, 14)).event_date == "2024-03-12"
    # nor is every "station" or "affiliate" an outlet: these report their own facts
    for subject in ("A weather station", "Its local affiliate"):
        text = f"Heavy snow hit the region. {subject} reported record snowfall on Tuesday."
        assert extract(parser, text, published=date(2024, 3, 14)).event_date == "2024-03-12"
    for subject in ("A local TV station", "The state news agency"):
        text = f"The minister toured a new bridge. {subject} reported the visit on Sunday."
        assert extract(parser, text, published=date(2024, 3, 14)).event_date is None


def test_undisclosed_date_is_recognised(parser: Any) -> None:
    text = (
        "The general visited a shipyard, the agency said. "
        "The agency did not disclose the exact date of the visit."
    )
    x = extract(parser, text, published=date(2024, 3, 14))
    assert x.event_date_status == "not disclosed"
    assert x.frame.when is None


def test_withheld_date_phrasings() -> None:
    assert is_undisclosed_date("It did not specify the location, nor the date of the visit.")
    assert is_undisclosed_date("The report didn't give a date.")
    assert not is_undisclosed_date("The report did not specify the location.")


def test_dateline_is_neither_who_nor_when(parser: Any) -> None:
    dateline = "Lisbon, June 3 (Agency)"
    text = dateline + " Firefighters rescued 12 people from a flooded tunnel."
    x = extract(parser, text, published=date(2024, 6, 3), dateline=dateline)
    assert x.frame.who.text == "Firefighters"
    assert x.frame.when is None


def test_a_stated_event_date_wins_over_another_events_undisclosed_date(parser: Any) -> None:
    text = (
        "The minister inspected a shipyard on Sunday. "
        "The ministry did not disclose the date of the next launch."
    )
    x = extract(parser, text, published=date(2024, 3, 14))
    assert x.event_date == "2024-03-10"
    assert x.event_date_status == "stated"


def test_a_publication_date_at_the_calendars_edge_does_not_crash(parser: Any) -> None:
    text = "The council will vote tomorrow on the plan, officials said next year."
    x = extract(parser, text, published=date(9999, 12, 31))
    assert x.article_id == "a"
