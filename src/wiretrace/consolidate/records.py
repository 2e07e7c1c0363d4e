"""Event records as JSON: what ``wiretrace record --json`` prints and the export carries.

The shape is :class:`~wiretrace.consolidate.model.EventRecord`'s fields, documented in
``docs/records.md``; every value keeps its ``backing`` (supports, lines, sources), and each
backing also lists its ``article_ids``, so a reader can go from any value to its reports.
"""

from __future__ import annotations

from dataclasses import fields, is_dataclass
from typing import Any

from wiretrace.consolidate.model import Backing, EventRecord

__all__ = ["record_json"]


def _plain(value: Any) -> Any:
    """JSON-ready data of a record's value: dataclasses as objects, a backing with its
    ``article_ids`` added (what a reader follows first)."""
    if isinstance(value, Backing):
        return {
            "lines": value.lines,
            "sources": list(value.sources),
            "article_ids": value.article_ids,
            "supports": [_plain(s) for s in value.supports],
        }
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def record_json(record: EventRecord) -> dict[str, Any]:
    """The record of one event as JSON-ready data."""
    data: dict[str, Any] = _plain(record)
    return data
