"""Which clause of the lead tells the article's main event: marks beside :mod:`frame`'s score.

Feature-style leads do not open on the news. They set a scene or a backdrop first ("The year
ended much as it started, ...", "Two years ago, X won an award ...") and tell the event
after, or tell it in the news present ("X is acquiring Y today"). The frame scores each
lead clause for how much it reads like the report of an event
(:func:`wiretrace.extract.frame._news_score`); the rules here are general English news
grammar that refine that score, kept apart so that the frame module stays readable:

* :func:`happening_now`: a present progressive dated by the clause itself ("X is acquiring
  Y today") tells an event as it happens, as much as a past tense does;
* :func:`passing_of_time`: a clause whose subject is a span of time ("The year ended", "The
  week began with ...") tells time passing, a scene, not an event.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["happening_now", "passing_of_time"]

_PRESENT_BE = frozenset({"is", "are", "am", "'s", "'re"})
# Nouns for a span of time (general English): as a subject they make the clause a scene.
_TIME_NOUNS = frozenset(
    {"year", "years", "season", "seasons", "month", "months", "week", "weeks", "day", "days"}
    | {"night", "nights", "weekend", "decade", "era", "morning", "evening", "afternoon"}
)


def happening_now(verb: Token) -> bool:
    """Whether the verb is in the present progressive ("X is acquiring Y"). Dated by a stated
    day in its own clause ("X is acquiring Y today", "Police are searching the area on
    Monday") it tells an event as it happens, as much as a past tense does; without one
    (or with a vague "now", "current") it is a state or a trend ("X is struggling"): the
    caller checks the time."""
    if verb.tag_ != "VBG":
        return False
    return any(c.dep_ == "aux" and c.lower_ in _PRESENT_BE for c in verb.children)


def passing_of_time(subject: Token) -> bool:
    """Whether the subject is a span of time ("The major year ended much as it started",
    "The day began with ..."): the clause sets a scene and tells no event of its own."""
    return subject.lower_ in _TIME_NOUNS and subject.pos_ == "NOUN"
