"""The consolidate stage: one sourced record per event (mission item 6).

It reads what the earlier stages made of an event's primary reports, their extractions and
the event's trace, and writes one :class:`~wiretrace.consolidate.model.EventRecord`:

==========================  ========================================================
:mod:`~.model`              the record's dataclasses
:mod:`~.people`             one entry per person or organisation across spellings
:mod:`~.statements`         statements (quotes), claims and assessments across wordings
:mod:`~.records`            the record as JSON (``wiretrace record --json``, the export)
==========================  ========================================================

Every value carries its :class:`~.model.Backing`: the reports stating it, the number of
**independent lines of reporting** among them and the primary sources they reach. A copy
adds a report and no line, so "five reports, one line" reads as the one wire story it is.
Values that cannot all be right are kept side by side as a :class:`~.model.Disagreement`.
Nothing is invented: a field no report gives stays empty.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence

from wiretrace.consolidate.model import (
    Backing,
    ClaimFinding,
    Corroboration,
    Disagreement,
    EventDate,
    EventRecord,
    Finding,
    PersonFinding,
    PlaceFinding,
    Rendering,
    StatementFinding,
    Support,
)
from wiretrace.consolidate.people import canonical_names, resolve_people
from wiretrace.consolidate.statements import claim_disagreements, group_claims, statements
from wiretrace.extract.records import FRAME_SLOTS
from wiretrace.models import Event, Extraction
from wiretrace.trace.model import EventTrace
from wiretrace.trace.quotes import SAME_SPEAKER, quote_similarity
from wiretrace.trace.sources import name_key
from wiretrace.trace.text import normalise

__all__ = [
    "Backing",
    "ClaimFinding",
    "Corroboration",
    "Disagreement",
    "EventDate",
    "EventRecord",
    "Finding",
    "PersonFinding",
    "PlaceFinding",
    "Rendering",
    "StatementFinding",
    "Support",
    "consolidate_event",
]


def consolidate_event(
    event: Event, extractions: Mapping[str, Extraction | None], trace: EventTrace
) -> EventRecord:
    """The record of ``event`` from its primary reports' ``extractions`` (by article id; an
    article without one backs nothing but still counts as a report) and its ``trace``
    (:func:`wiretrace.trace.trace_event` of the same primaries)."""
    primaries = event.article_ids("primary")
    found = [x for a in primaries if (x := extractions.get(a)) is not None]
    backing = _backing_of(primaries, trace)
    record = EventRecord(
        event_id=event.id,
        title=event.title,
        first_reported=event.first_reported.isoformat() if event.first_reported else None,
        corroboration=Corroboration(
            reports=len(primaries),
            lines=trace.independent_lines,
            primary_sources=[p.name for p in trace.primary_sources],
            mentions=len(event.article_ids("mention")),
            line_articles=[
                [line.origin, *(a for a in line.articles if a != line.origin)]
                for line in trace.lines
            ],
        ),
        when=event_date(found, backing),
        where=event_places(found, backing),
        frame=frame_answers(found, backing),
        people=resolve_people(found, backing),
        statements=statements(found, backing),
        claims=group_claims(found, backing, assessments=False),
        assessments=group_claims(found, backing, assessments=True),
    )
    canonical = canonical_names(record.people)
    for statement in record.statements:
        statement.speaker = canonical(statement.speaker)
    for claim in (*record.claims, *record.assessments):
        claim.asserted_by = canonical(claim.asserted_by)
    record.disagreements = [
        *_date_disagreements(record.when),
        *_place_disagreements(record.where),
        *claim_disagreements(record.claims, found, backing),
    ]
    return record


def _backing_of(primaries: Sequence[str], trace: EventTrace) -> Callable[[list[Support]], Backing]:
    """A function giving supports their :class:`Backing` within this event: supports in the
    event's order, distinct lines of reporting, the primary sources their chains reach."""
    order = {a: k for k, a in enumerate(primaries)}
    line_of: dict[str, int] = {}
    for number, line in enumerate(trace.lines):
        for article_id in line.articles:
            line_of[article_id] = number

    def backing(supports: list[Support]) -> Backing:
        supports = sorted(
            supports, key=lambda s: (order.get(s.article_id, len(order)), s.start or 0)
        )
        lines = {line_of.get(s.article_id, s.article_id) for s in supports}
        sources: list[str] = []
        for support in supports:
            for chain in trace.chains.get(support.article_id, []):
                if chain and chain[0] not in sources:
                    sources.append(chain[0])
        return Backing(supports, len(lines), sources)

    return backing


def _rank(finding: Finding) -> tuple[int, int]:
    return (-finding.backing.lines, -len(finding.backing.supports))


# -- when ---------------------------------------------------------------------------------
def event_date(
    extractions: Sequence[Extraction], backing: Callable[[list[Support]], Backing]
) -> EventDate:
    """The event's date as the reports give it (:attr:`Extraction.event_date`), apart from
    the report date; the span is the time expression with that value where there is one."""
    by_value: dict[str, list[Support]] = {}
    hidden: list[Support] = []
    for extraction in extractions:
        if extraction.event_date_status == "not disclosed":
            hidden.append(Support(extraction.article_id))
        elif extraction.event_date:
            time = next((t for t in extraction.times if t.value == extraction.event_date), None)
            by_value.setdefault(extraction.event_date, []).append(
                Support(extraction.article_id, time.text, time.start, time.end)
                if time
                else Support(extraction.article_id, extraction.event_date)
            )
    stated = sorted(
        (Finding(value, backing(supports)) for value, supports in by_value.items()),
        key=lambda f: (*_rank(f), -len(f.value), f.value),
    )
    not_disclosed = backing(hidden)
    if stated and stated[0].backing.lines >= not_disclosed.lines:
        return EventDate(stated[0].value, "stated", stated, not_disclosed)
    return EventDate(None, "not disclosed" if hidden else "unknown", stated, not_disclosed)


_CALENDAR = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")


def compatible_dates(a: str, b: str) -> bool:
    """Two date values that may both be right: the spans they name overlap at the
    precision both give ("2025-05" holds "2025-05-04"; an interval "2025-05-04/2025-05-07"
    holds its days). Values of another shape (a week, an unanchored "XXXX-05-04") cannot
    be compared here and are taken as compatible: shown, never called a clash."""
    bounds = []
    for value in (a, b):
        low, _, high = value.partition("/")
        high = high or low
        if not (_CALENDAR.fullmatch(low) and _CALENDAR.fullmatch(high)):
            return True
        bounds.append((low, high))
    (a_low, a_high), (b_low, b_high) = bounds
    n = min(len(x) for x in (a_low, a_high, b_low, b_high))
    return a_low[:n] <= b_high[:n] and b_low[:n] <= a_high[:n]


def _date_disagreements(when: EventDate) -> list[Disagreement]:
    clash = any(
        not compatible_dates(a.value, b.value)
        for i, a in enumerate(when.stated)
        for b in when.stated[i + 1 :]
    )
    if not clash and not (when.stated and when.not_disclosed.supports):
        return []
    values = list(when.stated)
    if when.not_disclosed.supports:
        values.append(Finding("not disclosed", when.not_disclosed))
    return [Disagreement("when", sorted(values, key=_rank))]


# -- where --------------------------------------------------------------------------------
def event_places(
    extractions: Sequence[Extraction], backing: Callable[[list[Support]], Backing]
) -> list[PlaceFinding]:
    """The places the reports give as where the event happened (role ``event``), one entry
    per name, each with the hedges and sources the reports locate it by."""
    by_key: dict[str, tuple[str, list[Support], list[str], list[str]]] = {}
    for extraction in extractions:
        for place in extraction.places:
            if place.role != "event" or not (key := name_key(place.text)):
                continue
            _, supports, hedges, according = by_key.setdefault(key, (place.text, [], [], []))
            supports.append(Support(extraction.article_id, place.text, place.start, place.end))
            if place.hedge:
                hedges.append(place.hedge)
            if place.according_to and place.according_to not in according:
                according.append(place.according_to)
    found = [
        PlaceFinding(name, backing(supports), hedges, according)
        for name, supports, hedges, according in by_key.values()
    ]
    return sorted(found, key=lambda p: (-p.backing.lines, -len(p.backing.supports), p.name))


def _place_words(name: str) -> set[str]:
    return set(normalise(name).split())


def _place_disagreements(where: Sequence[PlaceFinding]) -> list[Disagreement]:
    """Event places that cannot be one place: neither name's words hold the other's
    ("X" and "X, Y Province" agree; "X" and "Z" do not). Without a gazetteer, a town and
    its country named apart count as a disagreement: shown, not resolved."""
    words = [_place_words(p.name) for p in where]
    clash = any(not (a <= b or b <= a) for i, a in enumerate(words) for b in words[i + 1 :])
    if not clash:
        return []
    return [Disagreement("where", [Finding(p.name, p.backing) for p in where])]


# -- the frame ----------------------------------------------------------------------------
def frame_answers(
    extractions: Sequence[Extraction], backing: Callable[[list[Support]], Backing]
) -> dict[str, list[Finding]]:
    """Each 5W1H slot's answers across the reports, alike wordings grouped (as quotes are
    aligned), best backed first; the shown wording is the one most reports use."""
    answers: dict[str, list[Finding]] = {}
    for slot in FRAME_SLOTS:
        groups: list[list[Support]] = []
        for extraction in extractions:
            answer = getattr(extraction.frame, slot)
            if answer is None:
                continue
            support = Support(extraction.article_id, answer.text, answer.start, answer.end)
            scored = [
                (max(quote_similarity(answer.text, s.text or "") for s in group), index)
                for index, group in enumerate(groups)
            ]
            best = max(scored, default=(0.0, -1))
            if best[0] >= SAME_SPEAKER:
                groups[best[1]].append(support)
            else:
                groups.append([support])
        findings = [Finding(_most_used(group), backing(group)) for group in groups]
        answers[slot] = sorted(findings, key=_rank)
    return answers


def _most_used(group: Sequence[Support]) -> str:
    """The wording most supports use (folded), the first of them on a tie."""
    counts: dict[str, int] = {}
    for support in group:
        counts[normalise(support.text or "")] = counts.get(normalise(support.text or ""), 0) + 1
    best = max(counts.values())
    return next(s.text or "" for s in group if counts[normalise(s.text or "")] == best)
