"""The headline and deck left above a story are not its lead (invented sentences)."""

from __future__ import annotations

from typing import Any

from wiretrace.extract import extract_article
from wiretrace.extract.headline import headline_end
from wiretrace.models import Article, FrameSlot


def frame(parser: Any, text: str) -> Any:
    article = Article("a", "a.txt", "text", text, text)
    return extract_article(article, parser.parse(text)).frame


def text(slot: FrameSlot | None) -> str | None:
    return slot.text if slot is not None else None


def test_a_title_case_headline_is_not_the_lead(parser: Any) -> None:
    body = (
        "Senator Slams Budget Deal As Reckless.\n\n"
        "The senator criticized the budget agreement in a long floor speech."
    )
    f = frame(parser, body)
    assert text(f.who) == "The senator"
    assert text(f.what) is not None and text(f.what).startswith("criticized")


def test_a_headline_and_deck_without_articles_in_the_present_are_not_the_lead(
    parser: Any,
) -> None:
    body = (
        "Mayor vows to rebuild bridge.\n\n"
        "Residents say repair work is long overdue.\n\n"
        "The mayor pledged new money for the old bridge in a speech to residents."
    )
    assert headline_end(parser.parse(body)) == body.index("The mayor")
    f = frame(parser, body)
    assert text(f.who) == "The mayor"
    assert text(f.what) is not None and text(f.what).startswith("pledged")


def test_a_storys_own_first_paragraph_stays_in_the_lead(parser: Any) -> None:
    body = (
        "The mayor pledged new money for the old bridge.\n\n"
        "Residents had asked for repairs for years."
    )
    assert headline_end(parser.parse(body)) == 0
    body = "Two climbers have fallen to their deaths.\n\nThe police named them."
    assert headline_end(parser.parse(body)) == 0


def test_a_record_to_date_is_the_background_of_the_news(parser: Any) -> None:
    body = (
        "Harbour Pumps Agrees Sale.\n\n"
        "To date, the firm has built pumps for farms.\n\n"
        "A larger rival has signed an agreement to buy the firm."
    )
    f = frame(parser, body)
    assert text(f.what) is not None and "signed an agreement" in text(f.what)


def test_a_short_first_sentence_with_is_or_are_stays_in_the_lead(parser: Any) -> None:
    # headline grammar drops the verb "be" ("Coach out after loss"); a story keeps it
    for first in (
        "Jon Marsh is out as head coach of the river club.",
        "Lena Ortiz is recovering at hospital in the capital.",
        "Two strikers are out.",
        "Jon Marsh and Lena Ortiz are out.",
        "Well it's about time, mayor.",
    ):
        body = first + "\n\nThe club said a new coach would start next week."
        assert headline_end(parser.parse(body)) == 0, first
    body = "Mayor vows to rebuild bridge.\n\nThe mayor pledged new money for the old bridge."
    assert headline_end(parser.parse(body)) == body.index("The mayor")


def test_a_line_without_a_verb_does_not_end_the_search_for_a_deck(parser: Any) -> None:
    # a label or verbless headline, then a deck in headline grammar, then the story
    body = (
        "Mixed signals on the river plan.\n\n"
        "Wording unclear on whether tenants are covered, lawyers say.\n\n"
        "The city's new plan for the river district is vague about who would qualify."
    )
    assert headline_end(parser.parse(body)) == body.index("The city's")
    body = "COMMENTARY.\n\nThe mayor pledged new money for the old bridge.\n\nWork starts soon."
    assert headline_end(parser.parse(body)) == body.index("The mayor")


def test_a_deck_under_a_headline_may_keep_its_articles(parser: Any) -> None:
    body = (
        "Mayor vows to rebuild bridge.\n\n"
        "Pledge compared to 'kicking the can' at a council meeting.\n\n"
        "The mayor pledged new money for the old bridge in a speech to residents."
    )
    assert headline_end(parser.parse(body)) == body.index("The mayor")
    f = frame(parser, body)
    assert text(f.who) == "The mayor"
    # the story's own first sentence under a headline stays, articles or not
    body = (
        "Mayor vows to rebuild bridge.\n\n"
        "The mayor is not saying much about the cost, with one exception.\n\n"
        "Residents had asked for repairs for years."
    )
    assert headline_end(parser.parse(body)) == body.index("The mayor")
