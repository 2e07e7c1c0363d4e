"""The where slot on news that never says where its event happened: statements, opinion,
campaign news. A place these sentences only mention (what a noun is about, what is claimed)
is no answer; the place an event is attached to still is."""

from __future__ import annotations

from typing import Any

from wiretrace.extract import extract_article
from wiretrace.models import Article, FrameSlot


def frame(parser: Any, text: str) -> Any:
    article = Article("a", "a.txt", "text", text, text)
    return extract_article(article, parser.parse(text)).frame


def text(slot: FrameSlot | None) -> str | None:
    return slot.text if slot is not None else None


def test_a_later_sentences_place_on_a_noun_is_not_where(parser: Any) -> None:
    # "in flats in X" says which rents the rule caps, not where anything happened
    f = frame(
        parser,
        "The senator attacked the governor on Tuesday. The dispute turned on a rule that caps "
        "rents in flats in Utrecht.",
    )
    assert text(f.what) == "attacked the governor"
    assert f.where is None


def test_a_later_sentences_place_on_a_verb_or_after_at_is_where(parser: Any) -> None:
    f = frame(
        parser,
        "The champion beat the challenger on Saturday. He floored him late in the fifth round "
        "at Leeds Arena.",
    )
    assert text(f.where) == "Leeds Arena"


def test_a_later_sentences_denial_places_nothing(parser: Any) -> None:
    # what "will not" happen somewhere did not happen there
    lead = "The mayor praised the new budget on Friday. "
    assert frame(parser, lead + "The money will not be spent in Lagos.").where is None
    f = frame(parser, lead + "The new plant will not be built in a suburb, she warned.")
    assert f.where is None
    assert text(frame(parser, lead + "The money will be spent in Lagos.").where) == "Lagos"


def test_to_after_a_verb_with_an_object_is_where_the_object_went(parser: Any) -> None:
    f = frame(parser, "The council approved the budget on Monday, sending the money to Leipzig.")
    assert f.where is None
    f = frame(
        parser,
        "The board approved the plan on Monday. The plan has brought jobs to towns that "
        "lacked them.",
    )
    assert f.where is None
    # with no object, "to" still says where the event went
    assert text(frame(parser, "The minister flew to Lisbon on Monday.").where) == "Lisbon"
    f = frame(parser, "The injured driver was taken to a hospital on Monday.")
    assert text(f.where) == "a hospital"


def test_a_bare_infinitive_after_help_or_let_tells_the_event(parser: Any) -> None:
    # "helping the club win ... over the hosts in X": the clause is what the act brought
    # about (a bare infinitive, no clause of its own tense), not what a noun is about, so
    # its named place still places the event
    f = frame(
        parser,
        "The veteran striker was nearly flawless on Saturday night. He scored twice, helping "
        "the club win the title with a 2-1 victory over the hosts in Utrecht.",
    )
    assert text(f.where) == "Utrecht"


def test_the_subject_of_a_relative_clause_is_no_site(parser: Any) -> None:
    # the country looks on ("an election X sees as a test"); it is not where the vote was
    f = frame(parser, "Students marched on Sunday in a protest that Portugal sees as a test.")
    assert f.where is None
    f = frame(parser, "Farmers voted on Sunday in a referendum the Netherlands watched closely.")
    assert f.where is None


def test_a_place_in_a_relative_clause_on_a_person_is_their_story(parser: Any) -> None:
    f = frame(
        parser,
        "The magazine printed a long profile on Monday of a nurse who had worked in a "
        "hospital in Lagos.",
    )
    assert f.where is None
    f = frame(
        parser,
        "The senator endorsed the governor on Friday. The move is a surprise from Ms Vale, "
        "who refused to back him during a speech at the Leeds Arena in May.",
    )
    assert f.where is None
