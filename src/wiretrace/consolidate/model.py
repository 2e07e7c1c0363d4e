"""The consolidated record of one event: every value with the reports behind it.

A record is what an analyst would write in a log after reading every report of an event:
when it happened, where, who took part and in what capacity, what was said and claimed, and
how well each of those is backed. "How well" is counted in **independent lines of
reporting** (the trace stage's :class:`~wiretrace.trace.model.LineOfReporting`: a wire story
and its twenty copies are one line) and in the **primary sources** those lines reach, never
in articles. Values the reports disagree on are all kept, with a
:class:`Disagreement` naming them; the record never picks one silently.

Plain dataclasses with no behaviour, like :mod:`wiretrace.models`; the JSON shape is
:func:`wiretrace.consolidate.records.record_json` (documented in ``docs/records.md``).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Literal

DateStatus = Literal["stated", "not disclosed", "unknown"]


@dataclass(frozen=True)
class Support:
    """One report's words behind a value: the article and the span of its clean text.

    ``start``/``end`` are ``None`` when the extract stage kept no span for it (an article's
    "the date was not disclosed" is a status, not a span).
    """

    article_id: str
    text: str | None = None
    start: int | None = None
    end: int | None = None


@dataclass
class Backing:
    """How a value is backed: the reports, the independent lines among them, and the
    primary sources those lines reach (a value stated by five copies of one wire story
    has five ``supports``, one line and that wire's source)."""

    supports: list[Support] = field(default_factory=list)
    lines: int = 0
    sources: list[str] = field(default_factory=list)

    @property
    def article_ids(self) -> list[str]:
        return sorted({s.article_id for s in self.supports})

    @property
    def rank(self) -> tuple[int, int]:
        """The sort key of every list in a record, best backed first: most independent
        lines, then most reports."""
        return (-self.lines, -len(self.supports))


@dataclass
class Finding:
    """One value of a field (a date, a frame answer) with its backing."""

    value: str
    backing: Backing = field(default_factory=Backing)


@dataclass
class EventDate:
    """When the event happened, apart from when it was reported.

    ``status`` is the best-backed answer: ``stated`` (``value`` is then the best-backed
    date), ``not disclosed`` (more lines say so than give any one date) or ``unknown``.
    ``stated`` holds every date the reports give, best backed first; ``not_disclosed`` the
    reports saying the date was not disclosed. When reports give dates that cannot both be
    right, or some give a date and others say it was not disclosed, the record's
    ``disagreements`` name it as field ``when``.
    """

    value: str | None = None
    status: DateStatus = "unknown"
    stated: list[Finding] = field(default_factory=list)
    not_disclosed: Backing = field(default_factory=Backing)


@dataclass
class PlaceFinding:
    """A place the reports give as where the event happened, with their hedges (each once)
    and the sources they locate it by ("likely in X, according to Y")."""

    name: str
    backing: Backing = field(default_factory=Backing)
    hedges: list[str] = field(default_factory=list)
    according_to: list[str] = field(default_factory=list)
    #: every report hedges it (one that states it plainly makes it unhedged)
    hedged: bool = False


@dataclass
class PersonFinding:
    """A person or organisation named in the reports, one entry across spellings.

    ``aliases`` are the other spellings met ("Jean Luc Moreau", "Moreau"); ``titles`` each
    title with the reports giving it; ``affiliation`` the best-backed one.
    """

    name: str
    kind: Literal["person", "organisation"]
    aliases: list[str] = field(default_factory=list)
    titles: list[Finding] = field(default_factory=list)
    affiliation: str | None = None
    backing: Backing = field(default_factory=Backing)


@dataclass
class Rendering:
    """One report's wording of a statement, with the attribution chain it gives."""

    article_id: str
    text: str
    start: int
    end: int
    kind: str
    speaker: str | None = None
    via: list[str] = field(default_factory=list)


@dataclass
class StatementFinding:
    """One statement (quote) across the reports that render it, however worded."""

    speaker: str | None
    renderings: list[Rendering] = field(default_factory=list)
    backing: Backing = field(default_factory=Backing)


@dataclass
class ClaimFinding:
    """A numeric or comparative claim, or an assessment, across the reports making it.

    ``values`` are the figures as the reports give them; more than one means they differ
    (a :class:`Disagreement` names it too).
    """

    text: str
    kind: str
    asserted_by: str | None = None
    values: list[str] = field(default_factory=list)
    backing: Backing = field(default_factory=Backing)


@dataclass
class Disagreement:
    """A field the reports give different, incompatible values for; each value is kept."""

    field: str
    values: list[Finding] = dataclasses.field(default_factory=list)


@dataclass
class Corroboration:
    """How the event as a whole is backed: reports, independent lines, primary sources.

    ``line_articles`` lists each line of reporting's articles (its origin first where the
    trace knows it), so a reader sees which reports are one story told again."""

    reports: int = 0
    lines: int = 0
    primary_sources: list[str] = field(default_factory=list)
    mentions: int = 0
    line_articles: list[list[str]] = field(default_factory=list)


@dataclass
class EventRecord:
    """One record per event, every value citing the reports behind it.

    ``frame`` holds the reports' 5W1H answers for the main event (``who``, ``what``,
    ``when``, ``where``, ``why``, ``how``), grouped across wordings, best backed first;
    ``where`` the named places the reports give as the event's place; ``people`` everyone
    the reports name (participants, officials, analysts, organisations), one entry across
    spellings; ``assessments`` analysts' and officials' judgements, kept apart from the
    ``claims`` of fact.
    """

    event_id: str
    title: str | None
    first_reported: str | None
    corroboration: Corroboration = field(default_factory=Corroboration)
    when: EventDate = field(default_factory=EventDate)
    where: list[PlaceFinding] = field(default_factory=list)
    frame: dict[str, list[Finding]] = field(default_factory=dict)
    people: list[PersonFinding] = field(default_factory=list)
    statements: list[StatementFinding] = field(default_factory=list)
    claims: list[ClaimFinding] = field(default_factory=list)
    assessments: list[ClaimFinding] = field(default_factory=list)
    disagreements: list[Disagreement] = field(default_factory=list)
