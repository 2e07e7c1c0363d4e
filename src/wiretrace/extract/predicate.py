"""The words of the 5W frame's slots, once :mod:`wiretrace.extract.frame` has chosen the main
event's clause: ``what`` is the verb with its particles and object and the further acts of
its clause (:func:`predicate_tokens`, :func:`what_tokens`), ``who`` the subject's noun phrase
(:func:`subject_tokens`), ``why`` a purpose or cause and ``how`` a means or manner
(:func:`why_tokens`, :func:`how_tokens`); :func:`slot` makes a span of them a
:class:`~wiretrace.models.FrameSlot`, trimmed and capped in length.

Kept apart from the choice of the clause so that each module reads on its own; the reporting
verbs live here because both the slots and the choice look through them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from wiretrace.extract.agents import is_someone
from wiretrace.extract.mainevent import final_score, further_acts
from wiretrace.models import FrameSlot
from wiretrace.nlp import text_of

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

__all__ = [
    "REPORTING_VERBS",
    "how_tokens",
    "in_prep",
    "predicate_tokens",
    "reporter_antecedent",
    "slot",
    "subject_of",
    "subject_tokens",
    "what_tokens",
    "why_tokens",
]

# Every inflection is listed: the rules compare the word as written ("confirms" is as much a
# reporting verb as "confirmed").
REPORTING_VERBS = frozenset(
    {"say", "said", "says", "saying", "report", "reported", "reports", "reporting"}
    | {"announce", "announced", "announces", "announcing", "state", "stated", "states"}
    | {"tell", "told", "tells", "telling", "according", "claim", "claimed", "claims"}
    | {"quote", "quoted", "quotes", "confirm", "confirmed", "confirms", "confirming"}
    | {"add", "added", "adds", "note", "noted", "notes", "show", "showed", "shows"}
    | {"publish", "published", "publishes", "carry", "carried", "carries"}
    | {"posted", "updated"}  # a page's stamp left in the text: "Posted: ... Updated: ..."
)
_CAUSE_PREPS = frozenset({"because", "due", "amid", "over", "after", "following"})
_CAUSE_MARKS = frozenset({"because", "since", "as", "so"})
_MAX_SLOT_TOKENS = 18
_NAMED_AGENTS = frozenset({"PERSON", "ORG", "NORP"})


def subject_of(verb: Token, body_start: int = 0) -> Token | None:
    """The verb's subject in the body: the one nearest the verb, never in the dateline."""
    subjects = [
        c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"} and c.idx >= body_start
    ]
    if subjects:  # "X, 20, was found ..." parses the age as a second subject
        return min(subjects, key=lambda c: (c.pos_ == "NUM", abs(verb.i - c.i)))
    if verb.dep_ == "conj":  # "X arrived and inspected ...": share the first verb's subject
        return subject_of(verb.head, body_start)
    if verb.dep_ == "pcomp" and verb.tag_ == "VBG" and verb.head.lower_ == "after":
        return subject_of(verb.head.head, body_start)  # "X will play after beating Y": X
    if verb.dep_ == "acl" and verb.tag_ == "VBD" and verb.head.dep_ == "ROOT":
        return verb.head if verb.head.idx >= body_start else None  # see _event_predicate
    return None


def reporter_antecedent(verb: Token, pronoun: Token, body_start: int) -> Token:
    """The reporter a pronoun subject of a reported clause stands for: in "X announced it is
    buying Y" or "X said they suspect Y", "it"/"they" is X (the reporting verb's own subject),
    so the clause still states an event with a known agent. The pronoun must fit the
    reporter: "he"/"she" a named person ("Police said he fired" is someone else), "it" an
    organisation or state, "they"/"we" a group. Otherwise the pronoun stays (its referent is
    then in an earlier sentence, out of the frame's reach)."""
    root = verb.head
    if verb.dep_ != "ccomp" or root.lower_ not in REPORTING_VERBS:
        return pronoun
    reporter = subject_of(root, body_start)
    if reporter is None or reporter.pos_ == "PRON" or not is_someone(reporter):
        return pronoun
    person = reporter.ent_type_ == "PERSON"
    # an organisation named with a plural word is one body ("X Devices", "Y Airlines": "it")
    plural = reporter.tag_ == "NNS" or reporter.lower_ in {"police", "staff"}
    plural |= reporter.tag_ == "NNPS" and reporter.ent_type_ != "ORG"
    fits = {
        "he": person,
        "she": person,
        "it": reporter.ent_type_ in {"ORG", "GPE"} and not plural,
        "they": not person,
        "we": not person,
    }
    return reporter if fits.get(pronoun.lower_, False) else pronoun


def slot(doc: Doc, tokens: Sequence[Token], confidence: float) -> FrameSlot | None:
    """The tokens' span as a slot: no spaces, no punctuation at either end, no dangling
    conjunction, preposition or article at its end, at most 18 tokens."""
    tokens = [t for t in tokens if not t.is_space]
    while tokens and (tokens[-1].is_punct or tokens[-1].pos_ in {"CCONJ", "ADP", "DET"}):
        tokens = tokens[:-1]
    while tokens and tokens[0].is_punct:
        tokens = tokens[1:]
    if not tokens:
        return None
    tokens = tokens[:_MAX_SLOT_TOKENS]
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
    return FrameSlot(text_of(doc)[start:end], start, end, round(confidence, 2))


def predicate_tokens(verb: Token) -> list[Token]:
    """The verb, its particles and object or first prepositional phrase, and the further
    acts of its clause (:func:`~wiretrace.extract.mainevent.further_acts`)."""
    doc = verb.doc
    parts = [verb]
    for child in verb.children:
        if child.i < verb.i and child.dep_ in {"aux", "auxpass", "neg"}:
            parts.append(child)
    # a particle does not stand for the object: "spoke out against X", "picked up the award"
    parts.extend(c for c in verb.children if c.i > verb.i and c.dep_ == "prt")
    for child in verb.children:
        if child.i > verb.i and child.dep_ in {"dobj", "attr", "acomp", "oprd"}:
            parts.extend(child.subtree)
            break
    else:
        for child in verb.children:
            if child.i > verb.i and child.dep_ in {"prep", "xcomp"}:
                parts.extend(child.subtree)
                break
    for act in further_acts(verb):  # "crossed X and dropped Y", "scored 20 to break Z"
        if act.lower_ not in REPORTING_VERBS:  # not "reported a loss and said ..."
            parts.extend(predicate_tokens(act))
    first = min(t.i for t in parts)
    last = max(t.i for t in parts)
    span = [t for t in doc[first : last + 1] if t.dep_ not in {"relcl"}]
    return span


def what_tokens(verb: Token, subject: Token, body_start: int) -> list[Token]:
    """The predicate, with its subject when that is no one: a thing or a force acting is
    part of what happened ("A series of quakes killed X", "The fire destroyed Y"), and so is
    a subject the verb only says happened or was reported ("Fresh riots were reported", "The
    election is over"). The thing a passive verb acts on is not ("The church was hit"). A
    contest's final score told beside a player's feat is the act instead ("X scored 23 points
    and the Y beat Z 65-53": "beat Z 65-53"; :func:`~wiretrace.extract.mainevent.final_score`)."""
    result = final_score(verb)
    if result is not None:  # "X scored 23 points and the Y won 65-53": the result
        clause, last = result
        auxes = [c for c in clause.children if c.i < clause.i and c.dep_ in {"aux", "neg"}]
        return [*auxes, *clause.doc[clause.i : last.i + 1]]
    tokens = predicate_tokens(verb)
    passive = any(c.dep_ == "auxpass" for c in verb.children)
    tells_it = not passive or verb.lower_ in REPORTING_VERBS
    if tells_it and not is_someone(subject) and subject.i < verb.i:
        head = [t for t in subject.subtree if not in_prep(t, subject) and t.idx >= body_start]
        return head + tokens
    return tokens


def subject_tokens(subject: Token, body_start: int, verb: Token | None = None) -> list[Token]:
    """The subject's noun phrase, without clauses, appositions or what follows a comma; a
    title that is no name keeps the name set beside it ("The champion, X, beat Y": "The
    champion, X"), since the name is who acted."""
    fronted = {  # "According to police, X ...": a phrase before the head is not its name
        t.i for c in subject.children if c.dep_ == "prep" and c.i < subject.i for t in c.subtree
    }
    if verb is not None and verb.head.i == subject.i:  # the verb itself hangs off the subject
        fronted |= {t.i for t in verb.subtree}
    tokens = [
        t
        for t in subject.subtree
        if t.dep_ not in {"relcl", "acl", "appos"} and t.idx >= body_start and t.i not in fronted
    ]
    keep: list[Token] = []
    for token in tokens:
        if token.dep_ == "punct" and token.text == ",":
            if keep:
                break
            continue  # the comma closing a fronted phrase ("According to police, X ...")
        keep.append(token)
    if subject.ent_type_ not in _NAMED_AGENTS:
        for child in subject.children:
            if child.dep_ == "appos" and child.i > subject.i and child.ent_type_ == "PERSON":
                keep += [t for t in child.subtree if t.i <= child.i and t.ent_type_ == "PERSON"]
                break
    return keep


def in_prep(token: Token, head: Token) -> bool:
    """Whether ``token`` is inside a prepositional phrase or clause on ``head``."""
    while token.i != head.i:
        if token.head.i == head.i:
            return token.dep_ in {"prep", "relcl", "acl", "appos", "punct"}
        token = token.head
    return False


def why_tokens(verb: Token) -> list[Token]:
    """A purpose or cause after the verb: a clause of "because", "since", "so" or "to", a
    phrase of "because of", "due to", "amid", "over", "after", or a purpose infinitive;
    not an outcome ``what`` already holds ("scored twice to break the record")."""
    achieved = {t.i for act in further_acts(verb) for t in act.subtree}
    for child in verb.children:
        if child.i < verb.i or child.i in achieved:
            continue
        if child.dep_ == "advcl":
            marks = {c.lower_ for c in child.children if c.dep_ in {"mark", "aux"}}
            if marks & (_CAUSE_MARKS | {"to"}):
                return list(child.subtree)
        if child.dep_ == "prep" and child.lower_ in _CAUSE_PREPS:
            return list(child.subtree)
        purpose = child.dep_ == "xcomp" and any(c.lower_ == "to" for c in child.children)
        if purpose and verb.lower_ not in REPORTING_VERBS and child.i > verb.i + 2:
            return list(child.subtree)
    return []


def how_tokens(verb: Token) -> list[Token]:
    """A means ("by", "through", "via", "using" ...) or a manner adverb of the verb."""
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ in {"by", "through", "via", "using"}:
            return list(child.subtree)
        if child.dep_ == "advmod" and child.lower_.endswith("ly") and child.lower_ != "only":
            return [child]
    return []
