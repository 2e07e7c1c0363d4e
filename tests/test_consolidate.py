"""The consolidate stage on invented reports: backing by lines, people across spellings,
dates and places with their disagreements, statements and claims across wordings.

The extractions and traces are built by hand (the stages before are tested on their own), so
each test states exactly what the reports say and checks what the record makes of it.
"""

from __future__ import annotations

import json

from wiretrace.consolidate import EventRecord, compatible_dates, consolidate_event
from wiretrace.consolidate.records import record_json
from wiretrace.models import (
    Claim,
    Event,
    Extraction,
    Frame,
    FrameSlot,
    Membership,
    Person,
    Place,
    Quote,
    TimeExpression,
)
from wiretrace.trace.model import EventTrace, LineOfReporting, PrimarySource

AGENCY = "Northern Weather Service"


def _event(*ids: str, mentions: tuple[str, ...] = ()) -> Event:
    members = [Membership(i, "primary") for i in ids]
    members += [Membership(i, "mention") for i in mentions]
    return Event("ev-test", "A storm closes the port", None, members)


def _trace(*lines: list[str]) -> EventTrace:
    """Lines of reporting as given, every article citing the one agency."""
    return EventTrace(
        chains={a: [[AGENCY, f"outlet-{a}"]] for line in lines for a in line},
        lines=[LineOfReporting(list(line), line[0], [AGENCY]) for line in lines],
        primary_sources=[PrimarySource(AGENCY, len(lines), sum(len(x) for x in lines))],
    )


def _record(extractions: list[Extraction], *lines: list[str]) -> EventRecord:
    ids = [x.article_id for x in extractions]
    return consolidate_event(_event(*ids), {x.article_id: x for x in extractions}, _trace(*lines))


def _dated(article_id: str, value: str | None, status: str = "stated") -> Extraction:
    times = [TimeExpression("on Tuesday", 10, 20, "date", value)] if value else []
    return Extraction(article_id, times=times, event_date=value, event_date_status=status)  # type: ignore[arg-type]


# -- backing ------------------------------------------------------------------------------
def test_copies_back_a_value_once_and_independent_lines_each() -> None:
    extractions = [_dated(a, "2031-03-04") for a in ("a", "b", "c")]
    one_line = consolidate_event(
        _event("a", "b", "c"), {x.article_id: x for x in extractions}, _trace(["a", "b", "c"])
    )
    (finding,) = one_line.when.stated
    assert len(finding.backing.supports) == 3
    assert finding.backing.lines == 1
    assert finding.backing.sources == [AGENCY]
    two_lines = consolidate_event(
        _event("a", "b", "c"), {x.article_id: x for x in extractions}, _trace(["a", "b"], ["c"])
    )
    assert two_lines.when.stated[0].backing.lines == 2
    assert two_lines.corroboration.reports == 3
    assert two_lines.corroboration.lines == 2
    assert two_lines.corroboration.primary_sources == [AGENCY]


def test_support_points_at_the_time_expression_with_the_value() -> None:
    record = _record([_dated("a", "2031-03-04")], ["a"])
    (support,) = record.when.stated[0].backing.supports
    assert (support.article_id, support.text, support.start, support.end) == (
        "a",
        "on Tuesday",
        10,
        20,
    )


def test_an_article_without_extraction_is_a_report_that_backs_nothing() -> None:
    record = consolidate_event(
        _event("a", "b", mentions=("m",)),
        {"a": _dated("a", "2031-03-04"), "b": None},
        _trace(["a"], ["b"]),
    )
    assert record.corroboration.reports == 2
    assert record.corroboration.mentions == 1
    assert record.when.stated[0].backing.article_ids == ["a"]


# -- when ---------------------------------------------------------------------------------
def test_not_disclosed_wins_when_more_lines_say_so_and_the_clash_is_shown() -> None:
    record = _record(
        [
            _dated("a", None, "not disclosed"),
            _dated("b", None, "not disclosed"),
            _dated("c", "2031-03-04"),
        ],
        ["a"],
        ["b"],
        ["c"],
    )
    assert record.when.status == "not disclosed"
    assert record.when.value is None
    (clash,) = record.disagreements
    assert clash.field == "when"
    assert [(f.value, f.backing.lines) for f in clash.values] == [
        ("not disclosed", 2),
        ("2031-03-04", 1),
    ]


def test_a_date_made_more_precise_is_no_disagreement() -> None:
    record = _record([_dated("a", "2031-03"), _dated("b", "2031-03-04")], ["a"], ["b"])
    assert record.when.status == "stated"
    assert record.disagreements == []
    record = _record([_dated("a", "2031-03-05"), _dated("b", "2031-03-04")], ["a"], ["b"])
    assert [d.field for d in record.disagreements] == ["when"]


def test_compatible_dates() -> None:
    assert compatible_dates("2031", "2031-03-04")
    assert compatible_dates("2031-03-04/2031-03-07", "2031-03-05")
    assert compatible_dates("2031-03-01/2031-03-05", "2031-03-04/2031-03-09")
    assert not compatible_dates("2031-03-04/2031-03-07", "2031-03-09")
    assert not compatible_dates("2030", "2031-03")
    assert compatible_dates("XXXX-03-04", "2031-03-09")  # not comparable: never a clash


def test_no_date_given_stays_unknown() -> None:
    record = _record([Extraction("a")], ["a"])
    assert (record.when.status, record.when.value, record.when.stated) == ("unknown", None, [])


# -- where --------------------------------------------------------------------------------
def _placed(
    article_id: str, name: str, hedge: str | None = None, by: str | None = None
) -> Extraction:
    return Extraction(article_id, places=[Place(name, 0, len(name), "event", hedge, by)])


def test_a_hedged_place_keeps_its_hedge_and_source() -> None:
    record = _record(
        [_placed("a", "Port Selwyn", "likely", "a coastguard officer"), Extraction("b")],
        ["a"],
        ["b"],
    )
    (place,) = record.where
    assert (place.name, place.hedges, place.according_to, place.hedged) == (
        "Port Selwyn",
        ["likely"],
        ["a coastguard officer"],
        True,
    )
    mentioned = Extraction("c", places=[Place("Arlen", 0, 5, "mentioned")])
    assert _record([mentioned], ["c"]).where == []


def test_places_that_cannot_be_one_are_a_disagreement() -> None:
    agree = _record(
        [_placed("a", "Port Selwyn"), _placed("b", "Port Selwyn, Harrow Province")], ["a"], ["b"]
    )
    assert agree.disagreements == []
    clash = _record([_placed("a", "Port Selwyn"), _placed("b", "Arlen")], ["a"], ["b"])
    assert [d.field for d in clash.disagreements] == ["where"]
    assert not clash.where[0].hedged


# -- people -------------------------------------------------------------------------------
def _people(article_id: str, *people: Person) -> Extraction:
    return Extraction(article_id, people=list(people))


def test_spellings_of_one_person_are_one_entry_with_every_title() -> None:
    record = _record(
        [
            _people("a", Person("Jean-Luc Moreau", titles=["mayor of Arlen"], mentions=[(4, 19)])),
            _people("b", Person("Jean Luc Moreau", titles=["Mayor of Arlen"])),
            _people("c", Person("Moreau", titles=["the city's mayor"])),
        ],
        ["a"],
        ["b"],
        ["c"],
    )
    (person,) = record.people
    assert person.backing.lines == 3
    assert set(person.aliases) >= {"Moreau"}
    titles = {t.value.casefold(): t.backing.lines for t in person.titles}
    assert titles == {"mayor of arlen": 2, "the city's mayor": 1}
    assert person.backing.supports[0].start == 4


def test_two_people_sharing_a_surname_are_never_merged_through_it() -> None:
    record = _record(
        [
            _people("a", Person("Anna Moreau")),
            _people("b", Person("Jean-Luc Moreau")),
            _people("c", Person("Moreau")),
        ],
        ["a"],
        ["b"],
        ["c"],
    )
    assert sorted(p.name for p in record.people) == ["Anna Moreau", "Jean-Luc Moreau", "Moreau"]


def test_people_one_letter_apart_with_short_names_stay_apart_and_typos_meet() -> None:
    record = _record(
        [_people("a", Person("Jon Hale")), _people("b", Person("Jan Hale"))], ["a"], ["b"]
    )
    assert len(record.people) == 2
    record = _record(
        [_people("a", Person("Margarethe Vollan")), _people("b", Person("Margarethe Volan"))],
        ["a"],
        ["b"],
    )
    assert len(record.people) == 1


def test_an_organisation_meets_its_abbreviation_and_its_typo() -> None:
    service = "Northern Coast Weather Service"
    record = _record(
        [
            _people("a", Person(service, kind="organisation")),
            _people("b", Person("NCWS", kind="organisation")),
            _people("c", Person("NWCS", kind="organisation")),
            _people("d", Person("NSW", kind="organisation")),
        ],
        ["a"],
        ["b"],
        ["c"],
        ["d"],
    )
    agency, other = record.people
    assert agency.name == service and agency.kind == "organisation"
    assert set(agency.aliases) == {"NCWS", "NWCS"}
    assert other.name == "NSW"  # one edit from "NCWS", but too short to read as a typo


# -- statements and claims ----------------------------------------------------------------
def _quoted(article_id: str, text: str, speaker: str, via: list[str]) -> Extraction:
    return Extraction(
        article_id,
        people=[Person(speaker)],
        quotes=[Quote(text, 0, len(text), "direct", speaker, via=via)],
    )


def test_one_statement_in_two_wordings_is_one_entry_with_each_chain() -> None:
    record = _record(
        [
            _quoted(
                "a",
                "The harbour will stay closed until the storm has passed",
                "Ilse Varga",
                [AGENCY],
            ),
            _quoted("b", "the harbor would remain closed until the storm passed", "Ilse Varga", []),
            _quoted("c", "Ticket prices for the ferry will rise next spring", "Ilse Varga", []),
        ],
        ["a"],
        ["b"],
        ["c"],
    )
    statements = record.statements
    assert [len(s.renderings) for s in statements] == [2, 1]
    assert statements[0].backing.lines == 2
    assert [r.via for r in statements[0].renderings] == [[AGENCY], []]


def test_a_speakers_spelling_becomes_the_persons_name() -> None:
    a = _quoted("a", "The harbour will stay closed until the storm has passed", "Ilse Varga", [])
    b = _quoted("b", "Fishing boats must stay moored for three more days", "Varga", [])
    b.people = [Person("Varga")]
    record = _record([a, b], ["a"], ["b"])
    assert {s.speaker for s in record.statements} == {"Ilse Varga"}
    assert {r.speaker for s in record.statements for r in s.renderings} == {"Ilse Varga", "Varga"}


def _claimed(article_id: str, text: str, kind: str, value: str | None, by: str) -> Extraction:
    return Extraction(article_id, claims=[Claim(text, 0, len(text), kind, by, value)])  # type: ignore[arg-type]


def test_claims_with_other_figures_are_a_disagreement_and_assessments_stay_apart() -> None:
    record = _record(
        [
            _claimed(
                "a",
                "the storm damaged 40 boats in the harbour",
                "numeric",
                "40 boats",
                "the port authority",
            ),
            _claimed(
                "b",
                "the storm damaged 55 boats in the harbour",
                "numeric",
                "55 boats",
                "the port authority",
            ),
            _claimed(
                "c",
                "the closure is likely to hurt the fishing season",
                "assessment",
                None,
                "an economist",
            ),
        ],
        ["a"],
        ["b"],
        ["c"],
    )
    (claim,) = record.claims
    assert claim.values == ["40 boats", "55 boats"] and claim.backing.lines == 2
    (assessment,) = record.assessments
    assert assessment.asserted_by == "an economist"
    (clash,) = record.disagreements
    assert clash.field.startswith("claim:")
    assert sorted(f.value for f in clash.values) == ["40 boats", "55 boats"]


def test_frame_answers_are_grouped_across_wordings() -> None:
    def framed(article_id: str, what: str) -> Extraction:
        return Extraction(article_id, frame=Frame(what=FrameSlot(what, 0, len(what), 0.8)))

    record = _record(
        [
            framed("a", "closed the harbour to all shipping"),
            framed("b", "closed the harbor to all shipping"),
            framed("c", "raised ferry prices"),
        ],
        ["a"],
        ["b"],
        ["c"],
    )
    what = record.frame["what"]
    assert [(f.backing.lines, len(f.backing.supports)) for f in what] == [(2, 2), (1, 1)]
    assert record.frame["why"] == []


def test_the_record_is_json_with_article_ids_on_every_backing() -> None:
    record = _record(
        [_placed("a", "Port Selwyn", "reportedly", None), _dated("b", "2031-03-04")], ["a"], ["b"]
    )
    data = json.loads(json.dumps(record_json(record)))
    assert data["where"][0]["backing"]["article_ids"] == ["a"]
    assert data["where"][0]["hedged"] is True
    assert data["when"]["stated"][0]["backing"]["lines"] == 1
    assert data["when"]["not_disclosed"]["supports"] == []
