"""The consolidated records of the sample corpus, through the API a user calls.

The expected values are read off the five sample texts by a person: four reports of the
tank-factory inspection in three independent lines (one is an SEO rewrite of another), all
reaching the state agency; a visit date no report discloses beside a report date of
2025-05-04; a lawmaker's hedged location of the factory; the officials who accompanied the
leader, with their titles; the leader's main statement in two translations; and, in the
munitions report, the agency's misspelt abbreviation, the production claim and the analysts'
assessments.
"""

from __future__ import annotations

import json

import pytest

from wiretrace import Wiretrace
from wiretrace.consolidate import EventRecord
from wiretrace.consolidate.records import record_json

pytestmark = pytest.mark.slow
AGENCY = "Korean Central News Agency"


@pytest.fixture(scope="module")
def wt(sample_store: Wiretrace) -> Wiretrace:
    return sample_store


@pytest.fixture(scope="module")
def records(wt: Wiretrace) -> dict[str, EventRecord]:
    """The tank-factory record (the event of four reports) and the munitions one."""
    by_size = sorted(wt.events(), key=lambda e: -len(e.article_ids("primary")))
    return {"tank": wt.record(by_size[0].id), "munitions": wt.record(by_size[1].id)}


def test_four_reports_three_lines_one_primary_source(records: dict[str, EventRecord]) -> None:
    backing = records["tank"].corroboration
    assert (backing.reports, backing.lines, backing.primary_sources) == (4, 3, [AGENCY])


def test_visit_date_not_disclosed_apart_from_the_report_date(
    records: dict[str, EventRecord],
) -> None:
    tank = records["tank"]
    assert tank.first_reported == "2025-05-04"
    assert tank.when.status == "not disclosed" and tank.when.value is None
    assert tank.when.not_disclosed.lines >= 2


def test_the_lawmakers_hedged_location_with_its_source(records: dict[str, EventRecord]) -> None:
    (place,) = records["tank"].where
    assert place.name == "Kusong, North Pyongan Province"
    assert place.hedged and place.hedges == ["likely"]
    assert any("Yu Yong-weon" in source for source in place.according_to)


def test_the_leader_is_one_person_across_spellings_and_officials_keep_titles(
    records: dict[str, EventRecord],
) -> None:
    people = {p.name: p for p in records["tank"].people}
    leader = people["Kim Jong-un"]
    assert "Kim Jong Un" in leader.aliases
    assert leader.backing.lines == 3
    assert "North Korean leader" in [t.value for t in leader.titles]
    titles = {name: [t.value for t in p.titles] for name, p in people.items()}
    assert "secretary of the Central Committee" in titles["Jo Chun-ryong"]
    assert "member of the Central Military Commission" in titles["Kim Jong-sik"]
    assert "director of the Academy of National Defense Science" in titles["Kim Yong-hwan"]


def test_the_main_statement_in_two_translations_is_one_statement(
    records: dict[str, EventRecord],
) -> None:
    statements = [
        s
        for s in records["tank"].statements
        if any("outdated" in r.text and "tanks" in r.text for r in s.renderings)
    ]
    assert len(statements) == 1
    (main,) = statements
    assert main.speaker == "Kim Jong-un"
    assert main.backing.lines >= 2


def test_the_misspelt_agency_claim_and_assessments(records: dict[str, EventRecord]) -> None:
    munitions = records["munitions"]
    agency = next(p for p in munitions.people if p.name == AGENCY)
    assert "KNCA" in agency.aliases
    assert any("four times" in c.text and c.kind == "comparative" for c in munitions.claims)
    assessed = {c.asserted_by for c in munitions.assessments}
    assert {"Lim Eul-chul", "Yang Moo-jin"} <= assessed
    assert not any("four times" in c.text for c in munitions.assessments)


def test_the_export_carries_each_events_record(wt: Wiretrace) -> None:
    document = json.loads(wt.export("json") or "")
    for event in document["events"]:
        assert event["record"] == json.loads(json.dumps(record_json(wt.record(event["id"]))))


def test_appearances_of_a_name_across_events(wt: Wiretrace) -> None:
    leader = wt.appearances("kim jong un")  # folded: any spelling the reports use
    assert len({event.id for event, _, _ in leader}) == 2
    assert {person.name for _, _, person in leader} == {"Kim Jong-un", "Kim Jong Un"}
    (official,) = wt.appearances("Jo Chun-ryong")
    assert "secretary of the Central Committee" in official[2].titles
    assert wt.appearances("Nobody At All") == []
