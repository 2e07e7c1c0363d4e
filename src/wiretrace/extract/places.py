"""Places an article names, and which one is where its event happened, hedges kept.

A report names many places: where it was filed (the dateline), where a source sits ("a
professor in Lisbon"), countries in the background. Only some sentences say where the event
*happened*, and often with doubt: "the factory is likely located in X, according to Y". A
fact-checker needs the place together with that doubt and its source, so the rules are:

* Every GPE, LOC and FAC entity is a place (``role="mentioned"``); adjacent ones joined by a
  comma ("X, Y Province") are one place.
* A place is the **event place** when its sentence locates something ("located in",
  "situated in", "held in", "took place in", "happened in", "is in") or when it fills an
  "in/at/near" phrase, or the object, of the main verb of one of the first sentences (the
  lead states the event; "struck Indonesia", "visited a plant in Ohio"). A place inside a
  person's title ("a professor in Lisbon") or the dateline is never the event place.
* ``hedge`` is the first hedging word of the sentence ("likely", "reportedly", "believed"),
  and ``according_to`` the source an "according to" / "citing" / "said" phrase names.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from wiretrace.extract.locative import located
from wiretrace.extract.predicate import REPORTING_VERBS
from wiretrace.models import Place
from wiretrace.nlp import ents_of, text_of

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

__all__ = ["HEDGES", "find_places", "hedge_in", "source_in"]

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# An organisation named after a building or site is also a place: "X Treatment Center",
# "Y General Hospital", "Z Airport" (NER tags such names ORG).
FACILITY_NOUNS = frozenset(
    {"center", "centre", "hospital", "clinic", "prison", "jail", "airport", "stadium", "arena"}
    | {"hotel", "hall", "church", "cathedral", "mosque", "temple", "synagogue", "factory"}
    | {"plant", "base", "courthouse", "museum", "park", "station", "port", "harbour", "harbor"}
    | {"bridge", "building", "tower", "square", "embassy", "palace", "theater", "theatre"}
    | {"mall", "market", "campus", "shipyard", "complex", "facility", "camp", "mine"}
)
HEDGES = (
    "likely",
    "probably",
    "possibly",
    "reportedly",
    "allegedly",
    "apparently",
    "presumably",
    "believed",
    "thought to",
    "suspected",
    "seems",
    "appears",
    "may",
    "might",
    "could",
    "unconfirmed",
)
_HEDGE = re.compile(r"\b(" + "|".join(re.escape(h) for h in HEDGES) + r")\b", re.IGNORECASE)
# The source phrase runs to the next punctuation: "according to analyst X, ..."
_SOURCE = re.compile(
    r"\b(?i:according to|citing|as reported by|as stated by|quoted by)\s+"
    r"((?:[A-Z][a-z]{0,3}\.\s+|[^,.;:()“”\"]){2,80}?)(?=\s*(?:[,.;:()“”\"]|$))"
)
_LEAD_SENTENCES = 2
_EVENT_PREPOSITIONS = frozenset({"in", "at", "near", "outside", "inside"})


def hedge_in(text: str) -> str | None:
    """The first hedging word of ``text`` (lower case), if any.

    "May" with a capital is the month ("on May 4"), not the modal verb.
    """
    for match in _HEDGE.finditer(text):
        if match.group(1) != "May":
            return match.group(1).lower()
    return None


def source_in(text: str) -> str | None:
    """The source an "according to X" / "citing X" phrase of ``text`` names."""
    match = _SOURCE.search(text)
    if not match:
        return None
    name = match.group(1).strip()
    if len(name.split()) > 10:
        return None
    return name or None


def _place_spans(doc: Doc) -> list[tuple[int, int, Span]]:
    """Place entities, with "X, Y Province" (two places joined by a comma) merged."""
    ents = [
        e
        for e in ents_of(doc)
        if e.label_ in PLACE_LABELS or (e.label_ == "ORG" and e[-1].lower_ in FACILITY_NOUNS)
    ]
    merged: list[tuple[int, int, Span]] = []
    for ent in ents:
        if merged:
            start, end, first = merged[-1]
            between = text_of(doc)[end : ent.start_char]
            if between in {", ", ","} and first.sent.start == ent.sent.start:
                merged[-1] = (start, ent.end_char, first)
                continue
        merged.append((ent.start_char, ent.end_char, ent))
    return merged


def _in_title_or_dateline(ent: Span, body_start: int) -> bool:
    """A place that names where a person works or where the report was filed."""
    if ent.start_char < body_start:
        return True
    head = ent.root.head
    # "a professor in Lisbon", "scholar at X": the place hangs off a person noun.
    if head.dep_ == "prep" and head.head.pos_ in {"NOUN", "PROPN"}:
        noun = head.head
        if noun.ent_type_ == "PERSON" or noun.dep_ == "appos":
            return True
    return False


def _event_role(ent: Span, lead_sentences: set[int]) -> float:
    """How sure we are that ``ent`` is where the event happened (0 = only mentioned)."""
    sent = ent.sent
    if located(ent, based=False):
        return 0.8
    if located(ent):  # an organisation's seat ("based in X") is weaker evidence
        return 0.7
    if sent.start not in lead_sentences:
        return 0.0
    # Walk up: place -> in/at -> (a noun -> in/at/object ->)* -> the main verb.
    token = ent.root
    through_prep = False
    for _ in range(6):
        head = token.head
        if head.i == token.i:
            return 0.0
        if token.dep_ == "pobj" and head.dep_ == "prep" and head.lower_ in _EVENT_PREPOSITIONS:
            through_prep = True
        elif token.dep_ not in {"pobj", "prep", "dobj", "compound", "appos"}:
            return 0.0
        if head.pos_ in {"VERB", "AUX"}:
            # the main verb, or the event clause of "X did Y, officials said"
            reported = head.dep_ == "ccomp" and head.head.lower_ in REPORTING_VERBS
            if head.dep_ not in {"ROOT", "conj"} and not reported:
                return 0.0
            return 0.6 if through_prep else 0.5  # "struck Indonesia" / "a plant in Ohio"
        token = head
    return 0.0


def find_places(doc: Doc, body_start: int = 0) -> list[Place]:
    """Every place of ``doc``; the likeliest event place (if any) gets ``role="event"``.

    ``body_start`` is where the article's body begins after a dateline ("Lisbon, May 4 (X) —"),
    so the filing place is not taken for the event place.
    """
    sentences = list(doc.sents)
    lead = {s.start for s in sentences[:_LEAD_SENTENCES] if s.end_char > body_start}
    if len(lead) < _LEAD_SENTENCES:
        lead |= {s.start for s in sentences[: _LEAD_SENTENCES + 1] if s.end_char > body_start}
    scored: list[tuple[float, Place]] = []
    for start, end, ent in _place_spans(doc):
        sentence = ent.sent.text
        confidence = 0.0 if _in_title_or_dateline(ent, body_start) else _event_role(ent, lead)
        place = Place(
            text=text_of(doc)[start:end],
            start=start,
            end=end,
            role="mentioned",
            hedge=hedge_in(sentence) if confidence else None,
            according_to=source_in(sentence) if confidence else None,
        )
        scored.append((confidence, place))
    best = max((c for c, _ in scored), default=0.0)
    if best <= 0:
        return [p for _, p in scored]
    out: list[Place] = []
    chosen = False
    for confidence, place in scored:
        if confidence == best and not chosen:
            chosen = True
            out.append(
                Place(place.text, place.start, place.end, "event", place.hedge, place.according_to)
            )
        else:
            out.append(Place(place.text, place.start, place.end, "mentioned"))
    return out
