"""Event places with hedges and sources, apart from places only mentioned."""

from __future__ import annotations

from typing import Any

from wiretrace.extract.places import find_places, hedge_in, source_in


def event_places(parser: Any, text: str, body_start: int = 0) -> list[Any]:
    return [p for p in find_places(parser.parse(text), body_start) if p.role == "event"]


def test_hedged_location_keeps_hedge_and_source(parser: Any) -> None:
    text = (
        "The company opened a new plant last month. According to analyst Mark Davies, "
        "the plant is probably located in Leipzig, Saxony."
    )
    (place,) = event_places(parser, text)
    assert place.text == "Leipzig, Saxony"
    assert place.hedge == "probably"
    assert place.according_to == "analyst Mark Davies"
    assert text[place.start : place.end] == place.text


def test_lead_prepositional_place_is_the_event_place(parser: Any) -> None:
    text = "Firefighters battled a blaze at a warehouse in Chicago on Tuesday. Nobody was hurt."
    (place,) = event_places(parser, text)
    assert place.text == "Chicago"
    assert place.hedge is None


def test_place_in_a_title_or_dateline_is_not_the_event_place(parser: Any) -> None:
    dateline = "Paris, June 3 (Agency) - "
    text = dateline + "The minister resigned. A lecturer in Madrid called it overdue."
    places = find_places(parser.parse(text), body_start=len(dateline))
    assert all(p.role == "mentioned" for p in places)
    assert {p.text for p in places} >= {"Paris", "Madrid"}


def test_hedge_and_source_readers() -> None:
    assert hedge_in("The site is reportedly near the border.") == "reportedly"
    assert hedge_in("The site is near the border.") is None
    assert source_in("It is in Oslo, according to the Coast Guard.") == "the Coast Guard"


def test_the_month_may_is_not_a_hedge() -> None:
    assert hedge_in("The plant in Leipzig opened on May 4.") is None
    assert hedge_in("The plant may be in Leipzig.") == "may"
