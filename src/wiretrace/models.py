"""The plain data model every stage reads and writes.

The pipeline is ``ingest -> clean -> cluster -> store``:

* :class:`RawDocument` is what ingest yields: one input record, untouched apart from decoding.
* :class:`Article` is what clean makes of it: body text without boilerplate plus metadata.
  Every metadata value is either given by the input or ``None``; nothing is guessed.
* :class:`Event` groups articles; each membership has a :data:`Role`.

These are dataclasses with no behaviour beyond small conveniences, so any stage can be
replaced by one that produces the same objects.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field, fields
from datetime import date
from typing import Any, Literal

InputFormat = Literal["text", "html", "jsonl"]
Role = Literal["primary", "mention"]


@dataclass(frozen=True)
class RawDocument:
    """One input record as ingest found it.

    ``content`` is the decoded text of the record: the scrape for ``text``, the markup for
    ``html``. Fields a structured input states (JSONL keys) are carried as given, so the clean
    stage can prefer them over what it would infer from the text.
    """

    source: str
    format: InputFormat
    content: str
    url: str | None = None
    title: str | None = None
    published: str | None = None
    outlet: str | None = None
    metadata: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        # every reader makes its records here, so no lone surrogate gets further
        for f in fields(self):
            value = getattr(self, f.name)
            cleaned = without_surrogates(value)
            if cleaned is not value:
                object.__setattr__(self, f.name, cleaned)

    @property
    def article_id(self) -> str:
        """Content hash: the same input ingested twice gets the same id.

        The URL takes part, so one wire text published verbatim by two outlets stays two
        articles (copies are what the trace stage counts); the source path does not, so
        moving a folder does not duplicate anything.
        """
        return content_hash(self.url or "", self.content)


_SURROGATE = re.compile("[\ud800-\udfff]")


def without_surrogates(value: Any) -> Any:
    """``value`` (a string, or lists and dicts of them) with each lone UTF-16 surrogate as
    U+FFFD. A JSON ``"\\ud800"`` escape, an XML ``&#xD800;`` or a string cut inside an emoji
    gives one; it is no character, and UTF-8 (ids, the store, JSON out) refuses it. The
    same object comes back when there is none."""
    if isinstance(value, str):
        return _SURROGATE.sub("\ufffd", value) if _SURROGATE.search(value) else value
    if isinstance(value, list):
        items = [without_surrogates(v) for v in value]
        return items if any(a is not b for a, b in zip(items, value, strict=True)) else value
    if isinstance(value, dict):
        pairs = [(without_surrogates(k), without_surrogates(v)) for k, v in value.items()]
        same = all(a is k and b is v for (a, b), (k, v) in zip(pairs, value.items(), strict=True))
        return value if same else dict(pairs)
    return value


def iso_date(value: Any) -> date | None:
    """The date part of an ISO 8601 string ("2024-05-03", "2024-05-03T10:00:00+02:00").

    ``None`` for anything else (absent, not a string, not a calendar date): the one reading
    of stored, stated and exchanged dates that every stage shares.
    """
    if not isinstance(value, str) or len(value.strip()) < 10:
        return None
    try:
        return date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None


def content_hash(*parts: str) -> str:
    """A short, stable hex digest of ``parts`` with whitespace folded."""
    digest = hashlib.sha256()
    for part in parts:
        digest.update(" ".join(part.split()).encode("utf-8"))
        digest.update(b"\x00")
    return digest.hexdigest()[:16]


@dataclass(frozen=True)
class RemovedLine:
    """A line the clean stage dropped, and why (``menu``, ``caption-repeat``, ...)."""

    text: str
    reason: str


@dataclass
class Article:
    """A cleaned news report.

    ``published`` is the publication date only when the input states it; ``published_from``
    says where it was read. ``seen`` keeps a date the page shows that is *not* a publication
    date (the "today is" date at the top of a page, a crawl date): at most the day the page
    was viewed. ``provenance`` names, for each metadata field that has a value, where it came
    from (``json-ld``, ``meta tag``, ``html``, ``htmldate``, ``url``, ``jsonl``, ``feed``,
    ``scraper``, ``dateline``, ``text``, ``detected``); see docs/export.md.
    """

    id: str
    source: str
    format: InputFormat
    text: str
    raw: str
    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    byline: str | None = None
    published: date | None = None
    published_from: str | None = None
    seen: date | None = None
    dateline: str | None = None
    updated: date | None = None
    language: str | None = None
    removed: list[RemovedLine] = field(default_factory=list)
    metadata: dict[str, Any] = field(default_factory=dict)
    provenance: dict[str, str] = field(default_factory=dict)

    @property
    def paragraphs(self) -> list[str]:
        """Body paragraphs: the clean text split on blank lines."""
        return [p.strip() for p in self.text.split("\n\n") if p.strip()]


@dataclass(frozen=True)
class Membership:
    """An article's place in an event."""

    article_id: str
    role: Role
    score: float = 0.0


@dataclass
class Event:
    """A real-world happening and the reports about it.

    ``primary`` members are about this event; ``mention`` members refer to it in passing
    while being primarily about another event.
    """

    id: str
    title: str | None
    first_reported: date | None
    members: list[Membership] = field(default_factory=list)

    def article_ids(self, role: Role | None = None) -> list[str]:
        return [m.article_id for m in self.members if role is None or m.role == role]


def event_order(event: Event) -> tuple[bool, date, str]:
    """How events are listed: earliest first report first, undated last, then by id."""
    return (event.first_reported is None, event.first_reported or date.min, event.id)


@dataclass
class SearchResult:
    """The events whose reports hold a phrase. ``truncated`` when more articles matched
    than the search read (its ``limit``): the events of the others are not listed."""

    query: str
    events: list[Event] = field(default_factory=list)
    truncated: bool = False


@dataclass(frozen=True)
class Rejection:
    """A file or record ingest refused, with the reason a user can act on."""

    source: str
    reason: str

    def __str__(self) -> str:
        return f"{self.source}: {self.reason}"


@dataclass
class IngestReport:
    """What one ingest call did: counts, rejections and the events it touched."""

    added: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    rejected: list[Rejection] = field(default_factory=list)
    events_changed: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.rejected


# --------------------------------------------------------------------------------------------
# Extraction: span-anchored facts about one article (the extract stage's output)
# --------------------------------------------------------------------------------------------
# Offsets are character offsets into ``Article.text`` (``text[start:end]``), so every fact can
# be shown in its sentence and checked by a reader.

QuoteKind = Literal["direct", "partial", "indirect"]
TimeKind = Literal["date", "time", "duration", "set"]
ClaimKind = Literal["numeric", "comparative", "assessment"]


@dataclass(frozen=True)
class Entity:
    """A named entity as the NLP model found it (``label``: PERSON, ORG, GPE, ...)."""

    text: str
    label: str
    start: int
    end: int


@dataclass
class Person:
    """One person or organisation of an article, with every way the article names it.

    ``name`` is the fullest form the article uses ("Jean-Luc Moreau" for "Moreau" and
    "Jean Luc Moreau"); ``titles`` and ``affiliation`` come from appositions and pre-modifiers
    ("X, secretary of the Y", "opposition leader X"); ``mentions`` are the spans naming it,
    pronouns excluded.
    """

    name: str
    kind: Literal["person", "organisation"] = "person"
    aliases: list[str] = field(default_factory=list)
    titles: list[str] = field(default_factory=list)
    affiliation: str | None = None
    mentions: list[tuple[int, int]] = field(default_factory=list)


@dataclass
class Quote:
    """A statement the article attributes to someone.

    ``kind`` is ``direct`` (a whole quoted sentence), ``partial`` (a quoted fragment inside
    the reporter's sentence) or ``indirect`` (reported speech: "he said that ...").
    ``speaker`` is the resolved name ("he" and bare surnames resolved to the named person);
    ``source_start``/``source_end`` the span that names the source as written. ``via`` is the
    attribution chain the article gives, nearest first ("according to X", "citing Y").
    """

    text: str
    start: int
    end: int
    kind: QuoteKind
    speaker: str | None = None
    source_start: int | None = None
    source_end: int | None = None
    cue: str | None = None
    cue_start: int | None = None
    cue_end: int | None = None
    via: list[str] = field(default_factory=list)
    confidence: float = 0.0


@dataclass(frozen=True)
class TimeExpression:
    """A time expression and its normalised value (TimeML TIMEX3 style).

    ``value`` is an ISO-like string: ``2025-05-04``, ``2025-05``, ``2025-W18``, ``2025``,
    ``2025-05-04T10:00``, durations ``P2Y``/``PT3H``, or ``PAST_REF``/``PRESENT_REF``/
    ``FUTURE_REF``; a range of days ("May 4-7", kind ``date``) is an ISO 8601 interval,
    ``2025-05-04/2025-05-07``, since TIMEX3 has no one value for it; ``None`` when the text
    cannot be resolved (no anchor date).
    """

    text: str
    start: int
    end: int
    kind: TimeKind
    value: str | None


@dataclass(frozen=True)
class Place:
    """A place the article names, and whether it is where the event happened.

    ``hedge`` keeps the article's uncertainty ("likely", "reportedly"); ``according_to`` who
    located it. ``role`` is ``event`` for the event's place, ``mentioned`` otherwise.
    """

    text: str
    start: int
    end: int
    role: Literal["event", "mentioned"] = "mentioned"
    hedge: str | None = None
    according_to: str | None = None


@dataclass(frozen=True)
class Claim:
    """A numeric or comparative claim, or an assessment, and who asserts it.

    ``assessment`` marks an analyst's or official's judgement, kept apart from reported fact.
    """

    text: str
    start: int
    end: int
    kind: ClaimKind
    asserted_by: str | None = None
    value: str | None = None


@dataclass(frozen=True)
class FrameSlot:
    """One answer of the 5W1H frame: a span of the text and how sure the extractor is."""

    text: str
    start: int
    end: int
    confidence: float


@dataclass
class Frame:
    """Who did what, when, where, why and how: the main event of an article."""

    who: FrameSlot | None = None
    what: FrameSlot | None = None
    when: FrameSlot | None = None
    where: FrameSlot | None = None
    why: FrameSlot | None = None
    how: FrameSlot | None = None


@dataclass
class Extraction:
    """Everything the extract stage found in one article.

    ``event_date`` is the main event's date (apart from the report date); when the article
    says the date was not disclosed, ``event_date`` is ``None`` and ``event_date_status`` is
    ``"not disclosed"`` (``"stated"`` when a date was read, ``"unknown"`` otherwise).
    """

    article_id: str
    entities: list[Entity] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    times: list[TimeExpression] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    frame: Frame = field(default_factory=Frame)
    event_date: str | None = None
    event_date_status: Literal["stated", "not disclosed", "unknown"] = "unknown"
    model: str | None = None
