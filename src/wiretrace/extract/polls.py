"""When a poll's news happened: the days it was conducted, stated apart from its findings.

A story on a poll leads with what the poll found ("A new poll shows X ahead of Y", "X and
Y are tied, according to a new national poll"), in the present and undated: the finding
holds now. News writing gives the poll's time in a sentence of method, usually further
down: "The survey was conducted June 3-6 among 1,000 adults", "The poll was taken from
May 2 to 5". Those field dates are when the event, the polling, happened. They are used
only when the lead dates nothing itself, and never those of an earlier poll the story
compares ("The previous poll, conducted in early May, ...").
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Sequence

    from spacy.tokens import Doc, Span, Token

    from wiretrace.models import TimeExpression

__all__ = ["field_dates"]

# General English: the nouns for a poll, the verbs for its fieldwork, and the words that
# make it another poll than the one the story is about.
_POLLS = frozenset({"poll", "polls", "survey", "surveys"})
_FIELDED = frozenset({"conducted", "taken", "fielded", "carried"})
_OTHER = frozenset({"previous", "earlier", "last", "prior", "another", "other", "past"})


def field_dates(
    doc: Doc, times: Sequence[TimeExpression], sentence: Span, body_start: int = 0
) -> list[TimeExpression]:
    """The time of the fieldwork of the poll whose finding ``sentence`` (the lead's event)
    tells, as the text states it ("The survey was conducted June 3-6"); else none."""
    if not any(t.lower_ in _POLLS for t in sentence):
        return []
    for time in times:
        if time.kind not in {"date", "time"} or time.start < body_start:
            continue
        span = doc.char_span(time.start, time.end, alignment_mode="expand")
        if span is not None and _fieldwork(span.root):
            return [time]
    return []


def _fieldwork(token: Token) -> bool:
    """Whether the time headed by ``token`` dates a poll's being conducted: the verb it hangs
    on is one of fieldwork, in the passive, with this poll as its subject."""
    verb = token
    for _ in range(4):  # "conducted Sept. 16-19", "conducted from Sept. 19 to 22"
        verb = verb.head
        if verb.pos_ in {"VERB", "AUX"} or verb.head.i == verb.i:
            break
    if verb.lower_ not in _FIELDED:
        return False
    subject = [c for c in verb.children if c.dep_ == "nsubjpass"]
    if not subject or subject[0].lower_ not in _POLLS:
        return False
    return not any(c.lower_ in _OTHER for c in subject[0].children)
