"""Exports: the JSON contract's fields and the CSV's one row per membership."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

import pytest

from wiretrace import export
from wiretrace.errors import UsageError
from wiretrace.models import Article, Event, Membership

ARTICLE_KEYS = {"id", "source", "url", "outlet", "title", "byline", "published", "text"}
EVENT_KEYS = {"id", "title", "first_reported", "articles"}


def sample() -> tuple[list[Article], list[Event]]:
    a = Article("a1", "in/a.txt", "text", "Body A.", "raw", title="A", published=date(2024, 5, 1))
    b = Article("b2", "in/b.jsonl:3", "jsonl", "Body B.", "raw", url="https://example.org/b")
    events = [
        Event(
            "ev-1",
            "A",
            date(2024, 5, 1),
            [Membership("a1", "primary"), Membership("b2", "mention")],
        ),
        Event("ev-2", None, None, [Membership("b2", "primary")]),
    ]
    return [a, b], events


def test_json_export_has_every_contract_field() -> None:
    articles, events = sample()
    buffer = io.StringIO()
    export.write("json", articles, events, buffer)
    document = json.loads(buffer.getvalue())
    assert set(document) >= {"articles", "events"}
    for record in document["articles"]:
        assert set(record) >= ARTICLE_KEYS
    for record in document["events"]:
        assert set(record) >= EVENT_KEYS
        for member in record["articles"]:
            assert set(member) == {"id", "role"}
    assert document["articles"][0]["published"] == "2024-05-01"
    assert document["articles"][1]["published"] is None
    assert document["events"][0]["articles"] == [
        {"id": "a1", "role": "primary"},
        {"id": "b2", "role": "mention"},
    ]


def test_csv_export_has_one_row_per_membership() -> None:
    articles, events = sample()
    buffer = io.StringIO()
    export.write("csv", articles, events, buffer)
    rows = list(csv.DictReader(io.StringIO(buffer.getvalue())))
    assert [(r["event_id"], r["article_id"], r["role"]) for r in rows] == [
        ("ev-1", "a1", "primary"),
        ("ev-1", "b2", "mention"),
        ("ev-2", "b2", "primary"),
    ]
    assert rows[1]["url"] == "https://example.org/b"
    assert rows[2]["first_reported"] == ""


def test_unknown_format_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="unknown export format 'xml'"):
        export.write("xml", [], [], io.StringIO())
