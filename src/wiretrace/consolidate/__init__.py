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
from wiretrace.consolidate.people import resolve_people
from wiretrace.consolidate.statements import AlikeGroups, group_claims, group_statements
from wiretrace.errors import UsageError
from wiretrace.extract.records import FRAME_SLOTS
from wiretrace.models import Event, Extraction
from wiretrace.trace.model import EventTrace
from wiretrace.trace.quotes import SAME_SPEAKER
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
    "compatible_dates",
    "compatible_places",
    "consolidate_event",
    "event_date",
    "event_places",
    "frame_answers",
]


def consolidate_event(
    event: Event, extractions: Mapping[str, Extraction | None], trace: EventTrace
) -> EventRecord:
    """The record of ``event`` from its primary reports' ``extractions`` (by article id; an
    article without one backs nothing but still counts as a report) and its ``trace``
    (:func:`wiretrace.trace.trace_event` of the same primaries)."""
    primaries = event.article_ids("primary")
    found = [x for a in primaries if (x := extractions.get(a)) is not None]
    for article_id, extraction in extractions.items():
        if extraction is not None and extraction.article_id != article_id:
            raise UsageError(
                f"extraction of {extraction.article_id!r} given for article {article_id!r}"
            )
    line_of = {a: n for n, line in enumerate(trace.lines) for a in line.articles}
    backing = _backing_of(primaries, line_of, trace)
    resolved = resolve_people(found, backing)
    claims, claim_clashes = group_claims(found, resolved, backing, assessments=False)
    assessments, _ = group_claims(found, resolved, backing, assessments=True)
    record = EventRecord(
        event_id=event.id,
        title=event.title,
        first_reported=event.first_reported.isoformat() if event.first_reported else None,
        corroboration=Corroboration(
            reports=len(primaries),
            # a primary in no line of the trace is a line of its own, as for values
            lines=len({line_of.get(a, a) for a in primaries}),
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
        people=resolved.people,
        statements=group_statements(found, resolved, backing),
        claims=claims,
        assessments=assessments,
    )
    record.disagreements = [
        *_date_disagreements(record.when),
        *_place_disagreements(record.where),
        *claim_clashes,
    ]
    return record


def _backing_of(
    primaries: Sequence[str], line_of: Mapping[str, int], trace: EventTrace
) -> Callable[[list[Support]], Backing]:
    """A function giving supports their :class:`Backing` within this event: supports in the
    event's order, distinct lines of reporting, the primary sources their chains reach."""
    order = {a: k for k, a in enumerate(primaries)}

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


# -- when ---------------------------------------------------------------------------------
_CALENDAR = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")


def _calendar_bounds(value: str) -> tuple[str, str] | None:
    """A date value's first and last day as calendar strings (a time of day lies within
    its day: ``2031-03-05TMO`` is ``2031-03-05``); None for other shapes."""
    low, _, high = value.partition("/")
    bounds = (low.split("T", 1)[0], (high or low).split("T", 1)[0])
    return bounds if all(_CALENDAR.fullmatch(b) for b in bounds) else None


def _precision(value: str) -> tuple[int, int]:
    """How precise a date value is: a day over a month over a year, a day over a range."""
    bounds = _calendar_bounds(value)
    if bounds is None:
        return (0, 0)
    return (len(bounds[0]), -int(bounds[0] != bounds[1]))


def event_date(
    extractions: Sequence[Extraction], backing: Callable[[list[Support]], Backing]
) -> EventDate:
    """The event's date as the reports give it (:attr:`Extraction.event_date`), apart from
    the report date; the span is the time expression with that value where there is one.
    On equal backing a more precise date is shown first."""
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
        key=lambda f: (*f.backing.rank, tuple(-p for p in _precision(f.value)), f.value),
    )
    not_disclosed = backing(hidden)
    # a date wins a tie with "not disclosed": a report that gives one knows more
    if stated and stated[0].backing.lines >= not_disclosed.lines:
        return EventDate(stated[0].value, "stated", stated, not_disclosed)
    return EventDate(None, "not disclosed" if hidden else "unknown", stated, not_disclosed)


def compatible_dates(a: str, b: str) -> bool:
    """Two date values that may both be right: the spans they name overlap at the
    precision both give ("2025-05" holds "2025-05-04"; an interval "2025-05-04/2025-05-07"
    holds its days; a time of day lies within its day). Values of another shape (a week,
    an unanchored "XXXX-05-04", a duration) cannot be compared here and are taken as
    compatible: shown, never called a clash."""
    bounds_a, bounds_b = _calendar_bounds(a), _calendar_bounds(b)
    if bounds_a is None or bounds_b is None:
        return True
    (a_low, a_high), (b_low, b_high) = bounds_a, bounds_b
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
    return [Disagreement("when", sorted(values, key=lambda f: f.backing.rank))]


# -- where --------------------------------------------------------------------------------
def event_places(
    extractions: Sequence[Extraction], backing: Callable[[list[Support]], Backing]
) -> list[PlaceFinding]:
    """The places the reports give as where the event happened (role ``event``), one entry
    per name, each with the hedges and sources the reports locate it by."""
    by_key: dict[str, tuple[str, list[Support], list[str], list[str], list[bool]]] = {}
    for extraction in extractions:
        for place in extraction.places:
            if place.role != "event" or not (key := name_key(place.text)):
                continue
            _, supports, hedges, according, hedged = by_key.setdefault(
                key, (place.text, [], [], [], [])
            )
            supports.append(Support(extraction.article_id, place.text, place.start, place.end))
            hedged.append(bool(place.hedge))
            if place.hedge and place.hedge not in hedges:
                hedges.append(place.hedge)
            if place.according_to and place.according_to not in according:
                according.append(place.according_to)
    found = [
        PlaceFinding(name, backing(supports), hedges, according, all(hedged))
        for name, supports, hedges, according, hedged in by_key.values()
    ]
    return sorted(found, key=lambda p: (*p.backing.rank, p.name))


def _components(name: str) -> list[str]:
    return [normalise(part) for part in name.split(",") if normalise(part)]


def compatible_places(a: str, b: str) -> bool:
    """Two place names that may be one place: the same first part ("Port Selwyn" and "Port
    Selwyn, Harrow Province"), or one is a part of the other ("Harrow Province" holds
    "Port Selwyn, Harrow Province"). Parts are compared whole: "York" is not "New York".
    Without a gazetteer, a town and its country named apart are not known to agree."""
    parts_a, parts_b = _components(a), _components(b)
    if not parts_a or not parts_b:
        return True
    whole_a, whole_b = " ".join(parts_a), " ".join(parts_b)
    return parts_a[0] == parts_b[0] or whole_a in parts_b or whole_b in parts_a


def _place_disagreements(where: Sequence[PlaceFinding]) -> list[Disagreement]:
    """The event places that cannot all be one place: each place that clashes with
    another is listed (places that agree with every other are left out)."""
    clashing = [
        place
        for place in where
        if any(not compatible_places(place.name, other.name) for other in where)
    ]
    if not clashing:
        return []
    return [Disagreement("where", [Finding(p.name, p.backing) for p in clashing])]


# -- the frame ----------------------------------------------------------------------------
def frame_answers(
    extractions: Sequence[Extraction], backing: Callable[[list[Support]], Backing]
) -> dict[str, list[Finding]]:
    """Each 5W1H slot's answers across the reports, alike wordings grouped (at the quote
    alignment's bar for one speaker), best backed first; the shown wording is the one most
    reports use. Empty answers are left out."""
    answers: dict[str, list[Finding]] = {}
    for slot in FRAME_SLOTS:
        grouped: AlikeGroups[Support] = AlikeGroups()
        for extraction in extractions:
            answer = getattr(extraction.frame, slot)
            if answer is None or not answer.text.strip():
                continue
            support = Support(extraction.article_id, answer.text, answer.start, answer.end)
            grouped.add(support, answer.text, lambda _, similarity: similarity >= SAME_SPEAKER)
        findings = [Finding(_most_used(group), backing(group)) for group in grouped.groups]
        answers[slot] = sorted(findings, key=lambda f: f.backing.rank)
    return answers


def _most_used(group: Sequence[Support]) -> str:
    """The wording most supports use (folded), the first of them on a tie."""
    folded = [normalise(s.text or "") for s in group]
    counts = {form: folded.count(form) for form in folded}
    best = max(counts.values())
    return next(s.text or "" for s, f in zip(group, folded, strict=True) if counts[f] == best)
