"""The consolidate stage's record on invented reports: backing by independent lines, the
event date and places with their disagreements, the frame's answers, the JSON shape.

People are tested in ``test_consolidate_people.py``, statements and claims in
``test_consolidate_statements.py``; the builders are in ``tests/consolidate_builders.py``.
"""

from __future__ import annotations

import json

import pytest

from tests.consolidate_builders import AGENCY, consolidated, dated, event, placed, trace
from wiretrace.consolidate import compatible_dates, compatible_places, consolidate_event
from wiretrace.consolidate.records import record_json
from wiretrace.errors import UsageError
from wiretrace.models import Extraction, Frame, FrameSlot, Place


# -- backing ------------------------------------------------------------------------------
def test_copies_back_a_value_once_and_independent_lines_each() -> None:
    extractions = {a: dated(a, "2031-03-04") for a in ("a", "b", "c")}
    one_line = consolidate_event(event("a", "b", "c"), extractions, trace(["a", "b", "c"]))
    (finding,) = one_line.when.stated
    assert len(finding.backing.supports) == 3
    assert finding.backing.lines == 1
    assert finding.backing.sources == [AGENCY]
    two_lines = consolidate_event(event("a", "b", "c"), extractions, trace(["a", "b"], ["c"]))
    assert two_lines.when.stated[0].backing.lines == 2
    assert (two_lines.corroboration.reports, two_lines.corroboration.lines) == (3, 2)
    assert two_lines.corroboration.primary_sources == [AGENCY]
    assert two_lines.corroboration.line_articles == [["a", "b"], ["c"]]


def test_support_points_at_the_time_expression_with_the_value() -> None:
    (support,) = consolidated([dated("a", "2031-03-04")]).when.stated[0].backing.supports
    assert (support.article_id, support.text, support.start, support.end) == (
        "a",
        "on Tuesday",
        10,
        20,
    )


def test_an_article_without_extraction_is_a_report_that_backs_nothing() -> None:
    record = consolidate_event(
        event("a", "b", mentions=("m",)),
        {"a": dated("a", "2031-03-04"), "b": None},
        trace(["a"], ["b"]),
    )
    assert (record.corroboration.reports, record.corroboration.mentions) == (2, 1)
    assert record.when.stated[0].backing.article_ids == ["a"]


def test_a_report_outside_every_line_is_a_line_of_its_own_everywhere() -> None:
    extractions = {a: dated(a, "2031-03-04") for a in ("a", "b")}
    record = consolidate_event(event("a", "b"), extractions, trace(["a"]))
    assert record.corroboration.lines == record.when.stated[0].backing.lines == 2


def test_an_extraction_under_another_articles_id_is_refused() -> None:
    with pytest.raises(UsageError, match="given for article"):
        consolidate_event(event("a"), {"a": dated("b", "2031-03-04")}, trace(["a"]))


# -- when ---------------------------------------------------------------------------------
def test_not_disclosed_wins_when_more_lines_say_so_and_the_clash_is_shown() -> None:
    record = consolidated(
        [
            dated("a", None, "not disclosed"),
            dated("b", None, "not disclosed"),
            dated("c", "2031-03-04"),
        ]
    )
    assert (record.when.status, record.when.value) == ("not disclosed", None)
    (clash,) = record.disagreements
    assert clash.field == "when"
    assert [(f.value, f.backing.lines) for f in clash.values] == [
        ("not disclosed", 2),
        ("2031-03-04", 1),
    ]


def test_a_date_wins_a_tie_with_not_disclosed_and_a_precise_date_a_tie_with_a_month() -> None:
    tie = consolidated([dated("a", None, "not disclosed"), dated("b", "2031-03-04")])
    assert (tie.when.status, tie.when.value) == ("stated", "2031-03-04")
    precise = consolidated([dated("a", "2031-03"), dated("b", "2031-03-04")])
    assert [f.value for f in precise.when.stated] == ["2031-03-04", "2031-03"]
    assert precise.when.value == "2031-03-04"


def test_a_date_made_more_precise_is_no_disagreement() -> None:
    record = consolidated([dated("a", "2031-03"), dated("b", "2031-03-04")])
    assert (record.when.status, record.disagreements) == ("stated", [])
    record = consolidated([dated("a", "2031-03-05"), dated("b", "2031-03-04")])
    assert [d.field for d in record.disagreements] == ["when"]


def test_compatible_dates() -> None:
    assert compatible_dates("2031", "2031-03-04")
    assert compatible_dates("2031-03-04/2031-03-07", "2031-03-05")
    assert compatible_dates("2031-03-01/2031-03-05", "2031-03-04/2031-03-09")
    assert not compatible_dates("2031-03-04/2031-03-07", "2031-03-09")
    assert not compatible_dates("2030", "2031-03")
    # a time of day lies within its day
    assert compatible_dates("2031-03-05TMO", "2031-03-05")
    assert not compatible_dates("2031-03-04T10:00", "2031-07-19")
    assert not compatible_dates("2031-03-04T10:00/2031-03-04T12:00", "2031-09-01")
    # shapes that cannot be compared are never called a clash
    assert compatible_dates("XXXX-03-04", "2031-03-09")
    assert compatible_dates("2031-W10", "2031-07-19")


def test_no_date_given_stays_unknown() -> None:
    record = consolidated([Extraction("a")])
    assert (record.when.status, record.when.value, record.when.stated) == ("unknown", None, [])


# -- where --------------------------------------------------------------------------------
def test_a_hedged_place_keeps_its_hedges_once_and_its_sources() -> None:
    record = consolidated(
        [
            placed("a", "Port Selwyn", "likely", "a coastguard officer"),
            placed("b", "Port Selwyn", "likely", "a coastguard officer"),
            placed("c", "Port Selwyn", "reportedly", "a harbour pilot"),
        ]
    )
    (place,) = record.where
    assert (place.name, place.hedges, place.according_to, place.hedged) == (
        "Port Selwyn",
        ["likely", "reportedly"],
        ["a coastguard officer", "a harbour pilot"],
        True,
    )
    assert place.backing.lines == 3
    mentioned = Extraction("d", places=[Place("Arlen", 0, 5, "mentioned")])
    assert consolidated([mentioned]).where == []


def test_one_plain_report_makes_a_place_unhedged() -> None:
    record = consolidated([placed("a", "Port Selwyn", "likely"), placed("b", "Port Selwyn")])
    (place,) = record.where
    assert place.hedges == ["likely"] and not place.hedged


def test_compatible_places() -> None:
    assert compatible_places("Port Selwyn", "Port Selwyn, Harrow Province")
    assert compatible_places("Harrow Province", "Port Selwyn, Harrow Province")
    assert not compatible_places("York", "New York")
    assert not compatible_places("Sudan", "South Sudan")
    assert not compatible_places("Port Selwyn", "Arlen")


def test_only_the_places_that_clash_are_a_disagreement() -> None:
    agree = consolidated([placed("a", "Port Selwyn"), placed("b", "Port Selwyn, Harrow Province")])
    assert agree.disagreements == []
    clash = consolidated(
        [placed("a", "Arlen"), placed("b", "Port Selwyn"), placed("c", "Port Selwyn, Harrow")]
    )
    (disagreement,) = clash.disagreements
    assert disagreement.field == "where"
    assert sorted(f.value for f in disagreement.values) == [
        "Arlen",
        "Port Selwyn",
        "Port Selwyn, Harrow",
    ]
    assert consolidated([placed("a", "York"), placed("b", "New York")]).disagreements


# -- the frame ----------------------------------------------------------------------------
def _framed(article_id: str, what: str) -> Extraction:
    return Extraction(article_id, frame=Frame(what=FrameSlot(what, 0, len(what), 0.8)))


def test_frame_answers_are_grouped_across_wordings_and_show_the_most_used() -> None:
    record = consolidated(
        [
            _framed("a", "shut the harbour to all shipping"),
            _framed("b", "closed the harbour to all shipping"),
            _framed("c", "closed the harbour to all shipping"),
            _framed("d", "raised ferry prices"),
            _framed("e", "  "),
        ]
    )
    what = record.frame["what"]
    assert [(f.value, f.backing.lines) for f in what] == [
        ("closed the harbour to all shipping", 3),
        ("raised ferry prices", 1),
    ]
    assert record.frame["why"] == []


def test_the_record_is_json_with_article_ids_on_every_backing() -> None:
    record = consolidated([placed("a", "Port Selwyn", "reportedly"), dated("b", "2031-03-04")])
    data = json.loads(json.dumps(record_json(record)))
    assert data["where"][0]["backing"]["article_ids"] == ["a"]
    assert data["where"][0]["hedged"] is True
    assert data["when"]["stated"][0]["backing"]["lines"] == 1
    assert data["when"]["not_disclosed"]["supports"] == []
