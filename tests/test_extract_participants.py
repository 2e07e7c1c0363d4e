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
