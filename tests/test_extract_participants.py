"""Who took part when the main event's own clause names no one (invented sentences)."""

from __future__ import annotations

from typing import Any

from wiretrace.extract import extract_article
from wiretrace.models import Article, FrameSlot


def frame(parser: Any, text: str) -> Any:
    article = Article("a", "a.txt", "text", text, text)
    return extract_article(article, parser.parse(text)).frame


def text(slot: FrameSlot | None) -> str | None:
    return slot.text if slot is not None else None


def test_the_people_of_a_later_lead_sentence(parser: Any) -> None:
    f = frame(
        parser,
        "A candlelight march turned violent on Monday night in the old harbour district. "
        "Hundreds of students threw stones at the police station. Shop windows were smashed.",
    )
    assert text(f.who) == "Hundreds"
    f = frame(
        parser,
        "A weekend festival ended in chaos on Sunday. Several hundred fans climbed the "
        "fences, and the organisers called off the last concert.",
    )
    assert text(f.who) == "Several hundred fans"


def test_a_subject_that_names_its_people_stays(parser: Any) -> None:
    f = frame(
        parser,
        "The mayor's family home burned down on Friday night. "
        "Firefighters battled the blaze for three hours.",
    )
    assert text(f.who) == "The mayor's family home"
    f = frame(
        parser,
        "At least 30 were injured when a storm hit the valley on Sunday. "
        "Rescuers searched the ruins through the night.",
    )
    assert text(f.who) == "At least 30"


def test_the_next_sentence_about_a_thing_ends_the_search(parser: Any) -> None:
    # The sentence after the event's tells of it as a thing again: the people it acts on
    # are the event's (the victims), not the subject of a sentence further on.
    f = frame(
        parser,
        "A powerful storm swept across the northern coast on Sunday. "
        "The storm killed four fishermen and flooded hundreds of homes. "
        "Rescuers searched the harbour through the night.",
    )
    assert text(f.who) == "four fishermen"
    # A thing's pronoun goes on about the thing; the one who later speaks of it is no
    # participant of the event.
    f = frame(
        parser,
        "The blaze at the chapel is being investigated as a possible case of arson. "
        "This would be the third such fire in the valley this year. "
        "The regional governor has apologized to the parish for the delay.",
    )
    assert text(f.who) != "The regional governor"
