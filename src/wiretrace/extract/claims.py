"""Numeric and comparative claims, and assessments, with who asserts them.

Readers of a log need "output rose to four times the average level" together with *who says
so*, and need an analyst's reading ("the move seems linked to ...") kept apart from what was
reported as fact. The rules:

* A **numeric** claim is a sentence with a quantity (a cardinal, percentage, sum or measure,
  not a date or an ordinal); a **comparative** one has a multiplier or a comparison ("four
  times", "twice the", "doubled", "a record", "more than ... than"). Its ``value`` is the
  quantity's text.
* An **assessment** is a judgement rather than a report: a quote or statement by someone
  whose title or affiliation is analytical (professor, analyst, expert, researcher, a
  university or institute), a sentence whose subject is such a person or group ("Analysts
  suggest", "Some experts say"), or a clause with a judgement verb ("assessing that",
  "believes", "is seen as", "appears aimed at").
* ``asserted_by`` is, in order: the speaker of a quote that covers the claim; the source of an
  "according to X" phrase in the sentence or the one before it; the subject of a reporting
  verb in the sentence. A generic source ("the report", "the newspaper") is resolved to the
  organisation last named as reporting ("X reported ...").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from wiretrace.extract.people import person_at
from wiretrace.extract.places import source_in
from wiretrace.models import Claim, ClaimKind, Person, Quote
from wiretrace.nlp import ents_in, text_of

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

__all__ = ["ANALYTICAL_WORDS", "find_claims", "is_analytical"]

QUANTITY_LABELS = frozenset({"CARDINAL", "PERCENT", "MONEY", "QUANTITY"})
ANALYTICAL_WORDS = (
    "analyst",
    "expert",
    "professor",
    "researcher",
    "scholar",
    "fellow",
    "academic",
    "observer",
    "commentator",
    "economist",
    "strategist",
    "specialist",
    "lecturer",
    "historian",
    "scientist",
    "think tank",
    "institute",
    "university",
    "studies",
    "research",
)
_ANALYTICAL = re.compile(r"\b(?:" + "|".join(ANALYTICAL_WORDS) + r")s?\b", re.IGNORECASE)
_COMPARATIVE = re.compile(
    r"\b(?:(?:\w+|\d+(?:\.\d+)?)[- ]times\s+(?:the|as|more|higher|larger|bigger)|twice\s+the|"
    r"half\s+the|double[ds]?|tripled?|quadrupled?|halved|record(?:[- ]high|[- ]low)?|"
    r"(?:more|less|fewer|higher|lower)\s+than|the\s+(?:highest|lowest|largest|biggest)|"
    r"compared\s+(?:with|to))\b",
    re.IGNORECASE,
)
_JUDGEMENT = re.compile(
    r"\b(?:assess(?:es|ed|ing)?|believes?|believed|estimates?|estimated|suspects?|"
    r"reckons?|is seen as|are seen as|appears? (?:aimed|to be|to)|seems?|"
    r"likely reflects?|is (?:widely )?(?:viewed|regarded|considered) as)\b",
    re.IGNORECASE,
)
_GROUP_SUBJECT = re.compile(
    r"^\s*(?:some\s+|many\s+|other\s+|several\s+)?(?:analysts|experts|observers|"
    r"researchers|scholars|economists|commentators|critics)\b",
    re.IGNORECASE,
)
_GENERIC_SOURCE = re.compile(
    r"^(?:the|a|this|that)\s+(?:report|newspaper|agency|statement|outlet|broadcaster|paper|"
    r"dispatch|announcement)\b",
    re.IGNORECASE,
)
_REPORTING = re.compile(r"\b(?:reported|said|announced|stated|published|carried)\b")


def is_analytical(person: Person | None) -> bool:
    """Whether a person's titles or affiliation mark them as an analyst, not an actor."""
    if person is None:
        return False
    text = " ".join([*person.titles, person.affiliation or ""])
    return bool(_ANALYTICAL.search(text))


def _last_reporter(doc: Doc, before: int) -> str | None:
    """The organisation last named as reporting before ``before``."""
    found: str | None = None
    for sent in doc.sents:
        if sent.start_char >= before:
            break
        if not _REPORTING.search(sent.text):
            continue
        for ent in ents_in(sent):
            if ent.label_ == "ORG":
                found = ent.text
                break
    return found


def _source_of(sent: Span, previous: Span | None, doc: Doc, people: Sequence[Person]) -> str | None:
    for text in (sent.text, previous.text if previous is not None else ""):
        source = source_in(text)
        if source:
            if _GENERIC_SOURCE.match(source):
                return _last_reporter(doc, sent.start_char) or source
            return source
    for token in sent:
        if token.dep_ == "nsubj" and token.head.lower_ in {"said", "says", "reported", "told"}:
            named = person_at(people, token.idx, token.idx + len(token.text))
            if named is not None:
                return named.name
            if token.pos_ != "PRON":
                subtree = [t for t in token.subtree if t.dep_ != "appos" and t.head.dep_ != "appos"]
                return text_of(doc)[subtree[0].idx : subtree[-1].idx + len(subtree[-1].text)]
    return None


def _quote_over(quotes: Sequence[Quote], start: int, end: int) -> Quote | None:
    for quote in quotes:
        if quote.start < end and start < quote.end and quote.speaker:
            return quote
    return None


def find_claims(doc: Doc, people: Sequence[Person], quotes: Sequence[Quote]) -> list[Claim]:
    """Claims and assessments of ``doc``, one per sentence and kind, in text order."""
    claims: list[Claim] = []
    sentences = list(doc.sents)
    for index, sent in enumerate(sentences):
        previous = sentences[index - 1] if index else None
        text = sent.text.strip()
        if len(text.split()) < 4:
            continue
        start = sent.start_char
        end = start + len(sent.text.rstrip())
        quote = _quote_over(quotes, start, end)
        speaker = quote.speaker if quote else None
        asserted = speaker or _source_of(sent, previous, doc, people)
        if asserted and _GENERIC_SOURCE.match(asserted):
            asserted = _last_reporter(doc, start) or asserted
        kinds: list[tuple[ClaimKind, str | None]] = []
        quantities = [e for e in ents_in(sent) if e.label_ in QUANTITY_LABELS]
        comparative = _COMPARATIVE.search(text)
        if comparative:
            kinds.append(("comparative", comparative.group(0)))
        elif quantities:
            kinds.append(("numeric", quantities[0].text))
        if _is_assessment(sent, people, quote):
            kinds.append(("assessment", None))
        for kind, value in kinds:
            claims.append(Claim(text, start, end, kind, asserted, value))
    return claims


def _is_assessment(sent: Span, people: Sequence[Person], quote: Quote | None) -> bool:
    if quote is not None and quote.source_start is not None and quote.source_end is not None:
        speaker = person_at(people, quote.source_start, quote.source_end)
        if speaker is None and quote.speaker:
            speaker = next((p for p in people if p.name == quote.speaker), None)
        if is_analytical(speaker):
            return True
    for ent in ents_in(sent):
        if (
            ent.label_ == "PERSON"
            and is_analytical(person_at(people, ent.start_char, ent.end_char))
            and any(t.dep_ in {"nsubj", "nsubjpass"} for t in ent)
        ):
            return True
    if _GROUP_SUBJECT.search(sent.text):
        return True
    return bool(_JUDGEMENT.search(sent.text))
