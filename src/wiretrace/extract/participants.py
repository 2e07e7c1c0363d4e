"""Who the main event's participants are when its own clause names no one.

The frame's ``who`` is the subject of the main event's clause when that is someone, else the
people the clause itself names (:mod:`wiretrace.extract.agents`). A lead often opens on the
event as a thing and names its people in the next sentence: "A march turned violent on
Monday night. Hundreds of students threw stones at the police", "A weekend festival ended
in chaos. Several hundred fans climbed the fences". The people of the event are then the
subject of a following lead sentence (:func:`someone_after`), not the thing that opened the
lead. Only the first sentence with a subject of its own is asked: when it goes on about a
thing ("The storm killed four fishermen"), the people are those it acts on, and a sentence
further on tells of something else ("The governor has apologized").
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from wiretrace.extract.agents import count_of_people, is_someone, stand_in_agent
from wiretrace.extract.predicate import REPORTING_VERBS

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["names_someone", "someone_after"]

_NAMED = frozenset({"PERSON", "ORG", "NORP"})


def someone_after(
    verb: Token, predicates: Sequence[Token | None], body_start: int = 0
) -> Token | None:
    """The subject of the first lead sentence after ``verb``'s that is someone, when
    ``verb``'s clause names no one: "A march turned violent. Hundreds of students threw
    stones ..." (Hundreds).

    ``predicates`` are the event verbs of the lead sentences, in order. A personal pronoun
    says no more than the sentence before, and one who only tells of the event ("Police
    said ...", with no clause of what they said) is the source, not a participant; a subject
    that is reported on ("Dozens were reported hurt") is the event's. The first other subject
    ends the search: a thing ("The storm killed four fishermen", "This would be the third
    fire") means the lead still tells of the event as a thing, so its people are the ones
    that sentence's verb acts on, if any; a person named only after it is in another story
    (a later apology, the rescue), not a participant."""
    for other in predicates:
        if other is None or other.sent.start <= verb.sent.start:
            continue
        active = not any(c.dep_ == "auxpass" for c in other.children)
        if other.lower_ in REPORTING_VERBS and active:
            continue
        for child in other.children:
            if child.dep_ not in {"nsubj", "nsubjpass"} or child.idx < body_start:
                continue
            if child.pos_ == "PRON" and is_someone(child):
                break  # "They threw stones": no more than the sentence before
            if child.pos_ != "PRON" and (is_someone(child) or count_of_people(child)):
                return child
            return stand_in_agent(other)
    return None


def names_someone(subject: Token) -> bool:
    """Whether a subject that is no one still names people in its phrase: "X's home
    church", "Testimony in the trial of a teen", "Less than a quarter of X's donors", or is
    a count of people ("At least 50 were injured"). Its people are then the event's, and the
    phrase stays ``who``."""
    return count_of_people(subject) or any(
        t.ent_type_ in _NAMED or (t.i != subject.i and is_someone(t)) for t in subject.subtree
    )
