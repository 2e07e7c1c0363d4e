"""The 5W1H frame of an article's main event, and the event date apart from the report date.

News puts the main event in its lead: "Opposition leader X opened a new hospital, state
media said on Sunday". The frame reads it from the dependency parse of the first sentences
(the lead: up to three sentences of the body with a verb, after any dateline):

* The **main event** is the clause of the lead that reads most like the report of an event
  (:func:`_news_score`): someone did something at a stated time, in the past, in a full
  sentence; the first sentence wins a tie, and a later one must beat it by two such marks
  ("X's season has come to an end. The team placed X on the injured list Wednesday.").
* **what** is its predicate: the verb with its object (or first prepositional phrase).
  When the root is a reporting verb ("said", "reported", "according to") whose clause
  carries the event, the reported clause is used instead ("announced plans to" stays: the
  announcement is the event).
* **who** is that predicate's subject with its modifiers ("Opposition leader X"), when the
  subject is someone (:mod:`wiretrace.extract.agents`); when it is a thing ("A quake struck
  X, killing four people", "The church was set alight by arsonists"), the people the clause
  names instead, else the subject with less confidence.
* **when** is a time expression attached to the event predicate, never one attached to the
  reporting ("reported on May 7", "state media on Sunday": that is the report date, kept in
  ``Article.published``), nor a year naming a thing ("the 2013 draft"); a stated day wins over
  a vague "now". The publication date is never used. When the article says the date was not
  disclosed, ``when`` is empty and :attr:`Extraction.event_date_status` says ``"not
  disclosed"``.
* **where** is the event's place (:mod:`wiretrace.extract.locative`): a place a sentence
  locates ("likely located in X"), else the named or common-noun place the lead attaches
  to the event ("in/at/near X", "checked into rehab"); never the dateline.
* **why** is a purpose or cause attached to the predicate ("to boost output", "because of",
  "in response to", "amid"); **how** a means ("by ...ing", "with ...") or manner adverb.

Each slot carries a confidence in [0, 1]; a slot the lead does not answer stays ``None``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from wiretrace.extract.agents import is_someone, stand_in_agent
from wiretrace.extract.locative import event_place
from wiretrace.models import Frame, FrameSlot, Place, TimeExpression
from wiretrace.nlp import text_of

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

__all__ = ["REPORTING_VERBS", "event_times", "find_frame"]

REPORTING_VERBS = frozenset(
    {"say", "said", "says", "saying", "report", "reported", "reports", "reporting"}
    | {"announce", "announced", "announces", "state", "stated", "states", "tell", "told"}
    | {"according", "claim", "claimed", "quote", "quoted", "confirm", "confirmed"}
    | {"add", "added", "note", "noted", "show", "showed", "publish", "published", "carry"}
)
_CAUSE_PREPS = frozenset({"because", "due", "amid", "over", "after", "following"})
_CAUSE_MARKS = frozenset({"because", "since", "as", "so"})
_LEAD = 3
_COPULAS = frozenset({"is", "was", "are", "were", "be", "been", "'s"})
# The dependency labels a place or time may hang off the event's verb by: "checked into a
# clinic in X", "visited X, a town near Y", "on Tuesday".
_ATTACHING_DEPS = frozenset({"pobj", "prep", "dobj", "compound", "appos", "conj", "npadvmod"})
_MAX_SLOT_TOKENS = 18
_SENTENCE_ENDS = frozenset({".", "!", "?", '"', "”", "’", "'", ")"})
_MODALS = frozenset({"will", "would", "could", "may", "might", "should", "can", "must", "'ll"})


def _slot(doc: Doc, tokens: Sequence[Token], confidence: float) -> FrameSlot | None:
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


def _subject(verb: Token, body_start: int = 0) -> Token | None:
    """The verb's subject in the body: the one nearest the verb, never in the dateline."""
    subjects = [
        c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"} and c.idx >= body_start
    ]
    if subjects:  # "X, 20, was found ..." parses the age as a second subject
        return min(subjects, key=lambda c: (c.pos_ == "NUM", abs(verb.i - c.i)))
    if verb.dep_ == "conj":  # "X arrived and inspected ...": share the first verb's subject
        return _subject(verb.head, body_start)
    return None


def _event_predicate(sent: Span) -> Token | None:
    """The verb of the sentence's main event, looking through a reporting frame."""
    root = sent.root
    if root.pos_ not in {"VERB", "AUX"}:
        return None
    # "X did Y, officials said" and "The news is that X did Y": the event is the clause.
    # "X announced plans Tuesday to do Y" announces a plan: a reporting verb is looked
    # through to a clause with its own subject (ccomp), not to an infinitive (xcomp).
    looked_through = {"ccomp"} if root.lower_ in REPORTING_VERBS else set()
    if root.lower_ in _COPULAS:
        looked_through = {"ccomp", "xcomp"}
    for child in root.children:
        if child.dep_ in looked_through and child.pos_ in {"VERB", "AUX"}:
            return child
    return root


def _lead(doc: Doc, body_start: int) -> list[Span]:
    """The first :data:`_LEAD` sentences of the body that state something.

    Lines such as a time stamp ("May 2, 2013 1:35 pm") or a kicker have no verb and do
    not count, so they do not push the first real sentence out of the lead.
    """
    lead: list[Span] = []
    for sent in doc.sents:
        if sent.end_char <= body_start:
            continue
        words = sum(1 for t in sent if t.is_alpha)
        if words >= 4 and any(t.pos_ in {"VERB", "AUX"} for t in sent):
            lead.append(sent)
            if len(lead) == _LEAD:
                break
    return lead


def _reaches(token: Token, target: Token, hops: int = 6) -> bool:
    """Whether ``token`` hangs off ``target`` through prepositions, objects and names."""
    current = token
    for _ in range(hops):
        if current.i == target.i:
            return True
        if current.head.i == current.i:
            return False
        if current.dep_ not in _ATTACHING_DEPS:
            return False
        current = current.head
    return current.i == target.i


def _predicate_tokens(verb: Token) -> list[Token]:
    """The verb, its particles and object or first prepositional phrase."""
    doc = verb.doc
    parts = [verb]
    for child in verb.children:
        if child.i < verb.i and child.dep_ in {"aux", "auxpass", "neg"}:
            parts.append(child)
    for child in verb.children:
        if child.i > verb.i and child.dep_ in {"dobj", "prt", "attr", "acomp", "oprd"}:
            parts.extend(child.subtree)
            break
    else:
        for child in verb.children:
            if child.i > verb.i and child.dep_ in {"prep", "xcomp"}:
                parts.extend(child.subtree)
                break
    first = min(t.i for t in parts)
    last = max(t.i for t in parts)
    span = [t for t in doc[first : last + 1] if t.dep_ not in {"relcl"}]
    return span


def _subject_tokens(subject: Token, body_start: int) -> list[Token]:
    tokens = [
        t
        for t in subject.subtree
        if t.dep_ not in {"relcl", "acl", "appos"} and t.idx >= body_start
    ]
    keep = []
    for token in tokens:
        if token.dep_ == "punct" and token.text == ",":
            break
        keep.append(token)
    return keep


def _in_prep(token: Token, head: Token) -> bool:
    """Whether ``token`` is inside a prepositional phrase or clause on ``head``."""
    while token.i != head.i:
        if token.head.i == head.i:
            return token.dep_ in {"prep", "relcl", "acl", "appos", "punct"}
        token = token.head
    return False


def _attached_to_reporting(token: Token, predicate: Token) -> bool:
    """Whether the path from ``token`` up to the sentence root meets a reporting word first."""
    current = token
    for _ in range(12):
        if current.i == predicate.i:
            return False
        if current.lower_ in REPORTING_VERBS or current.lower_ in {"media", "agency", "report"}:
            return True
        if current.head.i == current.i:
            return False
        current = current.head
    return False


def event_times(
    doc: Doc, times: Sequence[TimeExpression], predicate: Token | None, body_start: int = 0
) -> list[TimeExpression]:
    """Date-like expressions of the lead that attach to the event, not to its reporting.

    A date in the dateline ("Lisbon, May 4 (X) -") is the filing date, never the event's.
    """
    if predicate is None:
        return []
    lead = {s.start for s in _lead(doc, body_start)}
    same: list[TimeExpression] = []
    later: list[TimeExpression] = []
    for time in times:
        if time.kind not in {"date", "time"} or time.start < body_start:
            continue
        span = doc.char_span(time.start, time.end, alignment_mode="expand")
        if span is None or span.sent.start not in lead:
            continue
        if _dates_a_thing(span.root, time):
            continue
        if span.sent.start == predicate.sent.start:
            if not _attached_to_reporting(span.root, predicate):
                same.append(time)
        else:  # another lead sentence may date an event (never its report)
            verb = _event_predicate(span.sent)
            reported = verb is None or verb.lower_ in REPORTING_VERBS
            if verb is not None and not reported and not _attached_to_reporting(span.root, verb):
                later.append(time)
    # a stated day or hour before a vague "now" or "recently" of the same sentence
    return sorted(same, key=_vague) + sorted(later, key=_vague)


def _vague(time: TimeExpression) -> bool:
    """ "now", "recently", "soon": a reference to the present, past or future, no date."""
    return bool(time.value) and (time.value or "").endswith("_REF")


def _dates_a_thing(token: Token, time: TimeExpression) -> bool:
    """A year that names a thing rather than dating the event: "the 2013 draft", "an
    injury-plagued 2010 season", "a 1999 movie"."""
    bare_year = bool(time.value) and len(time.value or "") == 4 and (time.value or "").isdigit()
    return bare_year and token.dep_ in {"nummod", "compound", "amod", "nmod"}


def _why(verb: Token) -> list[Token]:
    for child in verb.children:
        if child.i < verb.i:
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


def _how(verb: Token) -> list[Token]:
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ in {"by", "through", "via", "using"}:
            return list(child.subtree)
        if child.dep_ == "advmod" and child.lower_.endswith("ly") and child.lower_ != "only":
            return [child]
    return []


def _news_score(doc: Doc, verb: Token, subject: Token, times: Sequence[TimeExpression]) -> int:
    """How much a lead clause reads like the report of an event: someone did something, at a
    stated time, in the past ("X killed Y on Tuesday"), not a state, an opinion or a
    prospect ("X's season has come to an end", "X will have to ...")."""
    score = 0
    sent = verb.sent
    for time in times:
        if time.kind in {"date", "time"} and sent.start_char <= time.start < sent.end_char:
            span = doc.char_span(time.start, time.end, alignment_mode="expand")
            if span is not None and not _attached_to_reporting(span.root, verb):
                score += 1
                break
    score += is_someone(subject)
    auxes = {c.lower_ for c in verb.children if c.dep_ in {"aux", "auxpass"}}
    if verb.tag_ == "VBD" or (verb.tag_ == "VBN" and auxes & {"has", "have", "had", "was", "were"}):
        score += 1
    if auxes & _MODALS or verb.lower_ in _COPULAS:
        score -= 1
    last = [t for t in sent if not t.is_space][-1]
    if last.text not in _SENTENCE_ENDS:  # a headline or kicker left in the text
        score -= 1
    return score


def find_frame(
    doc: Doc,
    times: Sequence[TimeExpression],
    places: Sequence[Place],
    *,
    body_start: int = 0,
) -> tuple[Frame, list[TimeExpression]]:
    """The frame of the main event and the time expressions dating it (maybe none)."""
    frame = Frame()
    predicate: Token | None = None
    lead = _lead(doc, body_start)
    choices: list[tuple[int, int, Token, Token]] = []  # (score, rank, verb, subject)
    for rank, sent in enumerate(lead):
        verb = _event_predicate(sent)
        subject = _subject(verb, body_start) if verb is not None else None
        if verb is None or subject is None or subject.pos_ == "PRON":
            continue
        choices.append((_news_score(doc, verb, subject, times) - rank, rank, verb, subject))
    if choices:
        _, rank, verb, subject = max(choices, key=lambda c: (c[0], -c[1]))
        predicate = verb
        confidence = 0.8 - 0.15 * rank
        who = _subject_tokens(subject, body_start)
        who_confidence = confidence
        if not is_someone(subject):  # "A quake struck X, killing four people": who is hit
            stand_in = stand_in_agent(verb)
            if stand_in is not None:  # the noun phrase without its prepositional phrases
                who = [t for t in stand_in.subtree if not _in_prep(t, stand_in)]
            who_confidence -= 0.1 if stand_in is not None else 0.3
        frame.who = _slot(doc, who, who_confidence)
        frame.what = _slot(doc, _predicate_tokens(verb), confidence)
        frame.why = _slot(doc, _why(verb), confidence - 0.2)
        frame.how = _slot(doc, _how(verb), confidence - 0.3)
    # A date attached to the event wins over a "date not disclosed" elsewhere in the text
    # (which may concern another event); without one, the statement is taken at its word.
    dating = event_times(doc, times, predicate, body_start)
    if dating:
        first = dating[0]
        frame.when = FrameSlot(first.text, first.start, first.end, 0.7 if first.value else 0.4)
    clauses: list[tuple[Span, Token | None]] = []
    if predicate is not None:
        clauses.append((predicate.sent, predicate))
        clauses += [(s, _event_predicate(s)) for s in lead if s.start != predicate.sent.start]
    frame.where = event_place(doc, clauses, places, _attached_to_reporting)
    return frame, dating
