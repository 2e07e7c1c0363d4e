"""The day a speaker said what the lead reports them doing, told in a later sentence.

A lead often tells a person's act of speech first, undated, and gives its day in the next
sentence, where the same person is quoted: "Senator X called on the agency to act. 'This
is overdue,' X told reporters on Wednesday." or "Former Governor X criticized the plan
during a visit. At the event Monday, the former governor said ...". The frame keeps a time
attached to reporting apart from the event (the day something was said is not the day of
what was said), but here the saying is the lead's own act, so its day is the event's.

The speaker of the later sentence must be the lead's actor, the subject of the event's
verb (not a source the event is told by), named again by a word of that subject ("Tolvane"
for "Senator Ada Tolvane", "the former governor" for "Former Governor X") or as "he" or
"she" for a person.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from wiretrace.extract.predicate import REPORTING_VERBS

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["lead_speaker", "said_by"]

_SUBJECTS = frozenset({"nsubj", "nsubjpass"})
_PERSONAL = frozenset({"he", "she"})


def lead_speaker(predicate: Token, subject: Token | None) -> Token | None:
    """Who acts in the lead's event, as one who may speak of it later: the event verb's own
    subject ("X called for Y"). One whose words only carry the event ("Y was charged, a
    court source said") is a source, whose later saying ("the source said today") dates
    the report, not the event."""
    if predicate.dep_ == "ccomp" and predicate.head.lower_ in REPORTING_VERBS:
        return None
    return subject


def said_by(token: Token, speaker: Token) -> bool:
    """Whether the time expression headed by ``token`` dates a saying by ``speaker``: it
    hangs on a reporting verb (not inside what is reported) whose subject names the
    speaker again."""
    current = token
    for _ in range(12):
        if current.dep_ == "ccomp" or current.head.i == current.i:
            return False  # what is reported, or the top of the sentence
        current = current.head
        if current.lower_ in REPORTING_VERBS and current.pos_ in {"VERB", "AUX"}:
            subjects = [c for c in current.children if c.dep_ in _SUBJECTS]
            return bool(subjects) and _same_speaker(subjects[0], speaker)
    return False


def _same_speaker(subject: Token, speaker: Token) -> bool:
    if subject.i == speaker.i:
        return False  # the same sentence: its own rules date it
    if subject.lower_ in _PERSONAL:
        return speaker.ent_type_ == "PERSON"
    if subject.pos_ == "PRON":
        return False
    return subject.lower_ in {t.lower_ for t in speaker.subtree if t.pos_ in {"PROPN", "NOUN"}}
