"""Exports: the JSON contract (docs/export.md) and a flat CSV for spreadsheets.

The JSON export is a contract: fields named in docs/export.md are never renamed or removed,
later versions only add. The CSV has one row per (event, article) membership, because that
is the table analysts sort and filter: which reports back which event, in which role.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Mapping, Sequence
from typing import IO, Any, Literal

from wiretrace.errors import UsageError
from wiretrace.models import Article, Event

ExportFormat = Literal["json", "csv"]
FORMATS: tuple[ExportFormat, ...] = ("json", "csv")
EXPORT_VERSION = 1

CSV_COLUMNS = (
    "event_id",
    "event_title",
    "first_reported",
    "role",
    "article_id",
    "title",
    "outlet",
    "byline",
    "published",
    "url",
    "source",
)


Extractions = Mapping[str, dict[str, Any]]


def article_record(article: Article, extraction: dict[str, Any] | None = None) -> dict[str, Any]:
    """An article as the JSON export shows it, with its extract-stage facts (or null)."""
    return {
        "id": article.id,
        "source": article.source,
        "url": article.url,
        "outlet": article.outlet,
        "title": article.title,
        "byline": article.byline,
        "published": article.published.isoformat() if article.published else None,
        "published_from": article.published_from,
        "seen": article.seen.isoformat() if article.seen else None,
        "dateline": article.dateline,
        "updated": article.updated.isoformat() if article.updated else None,
        "language": article.language,
        "provenance": dict(article.provenance),
        "metadata": dict(article.metadata),
        "format": article.format,
        "text": article.text,
        "extraction": extraction,
    }


def event_record(
    event: Event, trace: dict[str, Any] | None = None, record: dict[str, Any] | None = None
) -> dict[str, Any]:
    """An event as the JSON export shows it: members in role order, primaries first, its
    trace and its consolidated record (``docs/records.md``)."""
    return {
        "id": event.id,
        "title": event.title,
        "first_reported": event.first_reported.isoformat() if event.first_reported else None,
        "articles": [{"id": m.article_id, "role": m.role} for m in event.members],
        "trace": trace,
        "record": record,
    }


def to_json_document(
    articles: Iterable[Article],
    events: Sequence[Event],
    extractions: Extractions | None = None,
    traces: Mapping[str, dict[str, Any]] | None = None,
    records: Mapping[str, dict[str, Any]] | None = None,
) -> dict[str, Any]:
    extractions = extractions or {}
    traces = traces or {}
    records = records or {}
    return {
        "wiretrace_export": EXPORT_VERSION,
        "articles": [article_record(a, extractions.get(a.id)) for a in articles],
        "events": [event_record(e, traces.get(e.id), records.get(e.id)) for e in events],
    }


def write_json(
    articles: Iterable[Article],
    events: Sequence[Event],
    out: IO[str],
    extractions: Extractions | None = None,
    traces: Mapping[str, dict[str, Any]] | None = None,
    records: Mapping[str, dict[str, Any]] | None = None,
) -> None:
    document = to_json_document(articles, events, extractions, traces, records)
    json.dump(document, out, ensure_ascii=False, indent=2)
    out.write("\n")


def write_csv(articles: Iterable[Article], events: Sequence[Event], out: IO[str]) -> None:
    by_id = {a.id: a for a in articles}
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for event in events:
        for member in event.members:
            article = by_id.get(member.article_id)
            record = article_record(article) if article else {}
            writer.writerow(
                {
                    "event_id": event.id,
                    "event_title": event.title or "",
                    "first_reported": event.first_reported or "",
                    "role": member.role,
                    "article_id": member.article_id,
                    **{k: record.get(k) or "" for k in CSV_COLUMNS[5:]},
                }
            )


def check_format(fmt: str) -> None:
    """Raise :class:`UsageError` unless ``fmt`` is an export format."""
    if fmt not in FORMATS:
        raise UsageError(f"unknown export format {fmt!r}; choose one of: {', '.join(FORMATS)}")


def write(
    fmt: str,
    articles: Iterable[Article],
    events: Sequence[Event],
    out: IO[str],
    extractions: Extractions | None = None,
    traces: Mapping[str, dict[str, Any]] | None = None,
    records: Mapping[str, dict[str, Any]] | None = None,
) -> None:
    """Write an export in ``fmt`` (``json`` or ``csv``) to ``out``."""
    check_format(fmt)
    if fmt == "json":
        write_json(articles, events, out, extractions, traces, records)
    else:
        write_csv(articles, events, out)
