"""The frame's who/when/where rules: common-noun places and agents, the event's own time."""

from __future__ import annotations

from datetime import date
from typing import Any

from wiretrace.extract import extract_article
from wiretrace.extract.agents import is_someone
from wiretrace.models import Article, FrameSlot


def frame(parser: Any, text: str, published: date | None = None, **kw: Any) -> Any:
    article = Article("a", "a.txt", "text", text, text, published=published, **kw)
    return extract_article(article, parser.parse(text)).frame


def text(slot: FrameSlot | None) -> str | None:
    return slot.text if slot is not None else None


def test_common_noun_place_and_unnamed_agent(parser: Any) -> None:
    f = frame(parser, "A gunman opened fire at a crowded restaurant on Friday, police said.")
    assert text(f.who) == "A gunman"
    assert text(f.where) == "a crowded restaurant"
    assert text(f.when) == "Friday"


def test_named_place_beats_the_facility_it_is_in(parser: Any) -> None:
    f = frame(parser, "The singer checked into a treatment center in Arizona on Monday.")
    assert text(f.where) == "Arizona"


def test_a_place_acted_on_is_where(parser: Any) -> None:
    f = frame(parser, "The actress has entered rehab, her publicist confirmed.")
    assert text(f.where) == "rehab"


def test_place_in_the_subject_when_the_verb_has_none(parser: Any) -> None:
    f = frame(parser, "Voters in Chile cast ballots on Sunday in a parliamentary election.")
    assert text(f.where) == "Chile"


def test_places_that_belong_to_a_person_or_a_thing_are_not_where(parser: Any) -> None:
    f = frame(parser, "A Denver man was arrested on Tuesday on suspicion of drunk driving.")
    assert f.where is None
    f = frame(parser, "The striker broke Chile's scoring record on Friday night.")
    assert f.where is None


def test_the_dateline_is_not_where(parser: Any) -> None:
    dateline = "Lisbon, June 3 (Agency)"
    body = dateline + " The minister resigned on Tuesday after a week of protests."
    f = frame(parser, body, published=date(2024, 6, 3), dateline=dateline)
    assert f.where is None


def test_an_organisations_seat_is_not_the_event_place(parser: Any) -> None:
    f = frame(
        parser,
        "The firm opened a new factory last month. The firm is based in Oslo. "
        "The factory is likely located in Leipzig, an official said.",
    )
    assert text(f.where) == "Leipzig"
    assert f.where is not None and f.where.confidence == 0.5  # hedged


def test_who_is_the_people_a_natural_event_hits(parser: Any) -> None:
    f = frame(parser, "A strong earthquake struck the coast on Tuesday, killing four people.")
    assert text(f.who) == "four people"
    f = frame(parser, "The old church was set alight by arsonists on Friday night.")
    assert text(f.who) == "arsonists"


def test_an_age_is_not_the_subject(parser: Any) -> None:
    f = frame(parser, "Mark Davies, 20 was found guilty of murder on Tuesday.")
    assert text(f.who) == "Mark Davies"


def test_a_dated_event_in_the_second_sentence_beats_a_state(parser: Any) -> None:
    f = frame(
        parser,
        "The striker's season has come to an end. "
        "The club placed the striker on the injured list on Wednesday.",
    )
    assert text(f.what) is not None and text(f.what).startswith("placed")  # type: ignore[union-attr]
    assert text(f.when) == "Wednesday"


def test_the_first_sentence_wins_a_close_call(parser: Any) -> None:
    f = frame(
        parser,
        "Firefighters rescued 12 people from a flooded tunnel on Monday. "
        "The mayor thanked the crews on Tuesday.",
    )
    assert text(f.what) is not None and text(f.what).startswith("rescued")  # type: ignore[union-attr]


def test_a_year_naming_a_thing_does_not_date_the_event(parser: Any) -> None:
    f = frame(parser, "The striker signed a new contract for the 2013 season.")
    assert f.when is None


def test_a_stated_day_beats_now(parser: Any) -> None:
    f = frame(parser, "Divers are now searching the river after a boat capsized on Tuesday.")
    assert text(f.when) == "Tuesday"


def test_someone(parser: Any) -> None:
    doc = parser.parse("The police and a gunman met the earthquake in Denver.")
    by_word = {t.text: t for t in doc}
    assert is_someone(by_word["police"])
    assert is_someone(by_word["gunman"])
    assert not is_someone(by_word["earthquake"])
