"""Hand-built events, traces and extractions for the consolidate stage's tests.

The stages before consolidation are tested on their own; here each test states exactly what
the reports say (invented names and places) and checks what the record makes of it.
"""

from __future__ import annotations

from wiretrace.consolidate import EventRecord, consolidate_event
from wiretrace.models import Claim, Event, Extraction, Membership, Person, Place, Quote
from wiretrace.models import TimeExpression as Time
from wiretrace.trace.model import EventTrace, LineOfReporting, PrimarySource

AGENCY = "Northern Weather Service"


def event(*ids: str, mentions: tuple[str, ...] = ()) -> Event:
    members = [Membership(i, "primary") for i in ids]
    members += [Membership(i, "mention") for i in mentions]
    return Event("ev-test", "A storm closes the port", None, members)


def trace(*lines: list[str]) -> EventTrace:
    """Lines of reporting as given, every article citing the one agency."""
    return EventTrace(
        chains={a: [[AGENCY, f"outlet-{a}"]] for line in lines for a in line},
        lines=[LineOfReporting(list(line), line[0], [AGENCY]) for line in lines],
        primary_sources=[PrimarySource(AGENCY, len(lines), sum(len(x) for x in lines))],
    )


def consolidated(extractions: list[Extraction], *lines: list[str]) -> EventRecord:
    """The record of the extractions' articles; each in a line of its own unless ``lines``
    says otherwise."""
    ids = [x.article_id for x in extractions]
    given = list(lines) or [[i] for i in ids]
    return consolidate_event(event(*ids), {x.article_id: x for x in extractions}, trace(*given))


def dated(article_id: str, value: str | None, status: str = "stated") -> Extraction:
    times = [Time("on Tuesday", 10, 20, "date", value)] if value else []
    return Extraction(article_id, times=times, event_date=value, event_date_status=status)  # type: ignore[arg-type]


def placed(
    article_id: str, name: str, hedge: str | None = None, by: str | None = None
) -> Extraction:
    return Extraction(article_id, places=[Place(name, 0, len(name), "event", hedge, by)])


def people(article_id: str, *named: Person) -> Extraction:
    return Extraction(article_id, people=list(named))


def quoted(
    article_id: str, text: str, speaker: str, via: list[str] | None = None, start: int = 0
) -> Extraction:
    return Extraction(
        article_id,
        people=[Person(speaker)],
        quotes=[Quote(text, start, start + len(text), "direct", speaker, via=via or [])],
    )


def claimed(
    article_id: str, text: str, value: str | None, by: str | None, kind: str = "numeric"
) -> Extraction:
    named = [Person(by)] if by and by[0].isupper() else []
    claim = Claim(text, 0, len(text), kind, by, value)  # type: ignore[arg-type]
    return Extraction(article_id, people=named, claims=[claim])
