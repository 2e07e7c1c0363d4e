"""The shared data model's helpers."""

from __future__ import annotations

from datetime import date

from wiretrace.models import Event, event_order, iso_date


def test_iso_date_reads_the_date_part_and_nothing_else() -> None:
    assert iso_date("2024-05-03") == date(2024, 5, 3)
    assert iso_date(" 2024-05-03T23:59:00-05:00 ") == date(2024, 5, 3)
    assert iso_date("2024-13-01") is None
    assert iso_date("May 3, 2024") is None
    assert iso_date("") is None and iso_date(None) is None and iso_date(20240503) is None


def test_events_are_ordered_by_first_report_undated_last() -> None:
    events = [
        Event("b", None, None),
        Event("c", None, date(2024, 1, 2)),
        Event("a", None, date(2024, 1, 2)),
        Event("d", None, date(2023, 12, 31)),
    ]
    assert [e.id for e in sorted(events, key=event_order)] == ["d", "a", "c", "b"]
