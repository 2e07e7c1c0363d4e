"""Extractions as JSON records: what ``wiretrace extract --json`` prints and the store keeps.

One shape everywhere (documented in ``docs/extract.md``), so a record read back from the
store, the CLI and the export all agree. Offsets are character offsets into the article's
clean ``text``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import fields, is_dataclass
from functools import cache
from typing import Any

from wiretrace.extract import EXTRACTOR_VERSION
from wiretrace.models import (
    Article,
    Claim,
    Entity,
    Extraction,
    Frame,
    FrameSlot,
    Person,
    Place,
    Quote,
    TimeExpression,
)

__all__ = [
    "FRAME_SLOTS",
    "article_record",
    "current_extraction",
    "from_record",
    "stored_record",
    "to_record",
]

FRAME_SLOTS = ("who", "what", "when", "where", "why", "how")


@cache
def _field_names(kind: type) -> tuple[str, ...]:
    return tuple(f.name for f in fields(kind))


def _asdict(value: Any) -> Any:
    """:func:`dataclasses.asdict` for the extraction's dataclasses, without its deep copy of
    every leaf: the leaves here are strings, numbers and None, which a copy returns as they
    are, and the copying was a fifth of what storing an extraction cost."""
    if is_dataclass(value) and not isinstance(value, type):
        return {name: _asdict(getattr(value, name)) for name in _field_names(type(value))}
    if isinstance(value, list):
        return [_asdict(v) for v in value]
    if isinstance(value, tuple):
        return tuple(_asdict(v) for v in value)
    if isinstance(value, dict):
        return {k: _asdict(v) for k, v in value.items()}
    return value


def to_record(extraction: Extraction) -> dict[str, Any]:
    """The extraction as JSON-ready data (no article metadata)."""
    frame = {
        slot: (_asdict(value) if (value := getattr(extraction.frame, slot)) else None)
        for slot in FRAME_SLOTS
    }
    return {
        "entities": [_asdict(e) for e in extraction.entities],
        "people": [
            {**_asdict(p), "mentions": [list(m) for m in p.mentions]} for p in extraction.people
        ],
        "quotes": [_asdict(q) for q in extraction.quotes],
        "times": [_asdict(t) for t in extraction.times],
        "places": [_asdict(p) for p in extraction.places],
        "claims": [_asdict(c) for c in extraction.claims],
        "frame": frame,
        "event_date": extraction.event_date,
        "event_date_status": extraction.event_date_status,
        "model": extraction.model,
    }


def article_record(article: Article, extraction: Extraction) -> dict[str, Any]:
    """One object of ``wiretrace extract --json``: the article's identity, then its facts."""
    return {
        "id": article.id,
        "source": article.source,
        "url": article.url,
        "title": article.title,
        "published": article.published.isoformat() if article.published else None,
        **to_record(extraction),
    }


def from_record(article_id: str, data: dict[str, Any]) -> Extraction:
    """Rebuild an :class:`Extraction` from :func:`to_record`'s output."""
    slots = data.get("frame") or {}
    frame = Frame(
        **{slot: FrameSlot(**value) if (value := slots.get(slot)) else None for slot in FRAME_SLOTS}
    )
    return Extraction(
        article_id=article_id,
        entities=[Entity(**e) for e in data.get("entities", [])],
        people=[
            Person(**{**p, "mentions": [(int(a), int(b)) for a, b in p.get("mentions", [])]})
            for p in data.get("people", [])
        ],
        quotes=[Quote(**q) for q in data.get("quotes", [])],
        times=[TimeExpression(**t) for t in data.get("times", [])],
        places=[Place(**p) for p in data.get("places", [])],
        claims=[Claim(**c) for c in data.get("claims", [])],
        frame=frame,
        event_date=data.get("event_date"),
        event_date_status=data.get("event_date_status", "unknown"),
        model=data.get("model"),
    )


def stored_record(extraction: Extraction) -> dict[str, Any]:
    """What the store keeps of an extraction: its record, which names the model whose parse
    it was made from (:attr:`Extraction.model`, the parser's :attr:`Parser.name`), and the
    extractor version."""
    return {"version": EXTRACTOR_VERSION, **to_record(extraction)}


def current_extraction(
    article_id: str, stored: dict[str, dict[str, Any]], *, model: str | None = None
) -> Extraction | None:
    """The stored extraction of an article if this extractor version made it (else None:
    an older record may not even fit today's dataclasses).

    With ``model`` (a :attr:`Parser.name`), only if that model made it too: what may be
    reused instead of extracting again. Without, whichever model made it (or a record
    without its model): what is read and shown.
    """
    data = stored.get(article_id)
    if data is None or data.get("version") != EXTRACTOR_VERSION:
        return None
    if model is not None and data.get("model") != model:
        return None
    try:
        return from_record(article_id, data)
    except (TypeError, ValueError, KeyError):
        return None


def exported_records(stored: Mapping[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """The stored extraction records as the JSON export gives them: this extractor
    version's only (an older record's fields may mean something else), whichever model made
    them (each names it), without the internal version stamp."""
    return {
        article_id: {
            **{k: v for k, v in data.items() if k != "version"},
            "model": data.get("model"),
        }
        for article_id, data in stored.items()
        if data.get("version") == EXTRACTOR_VERSION
    }
