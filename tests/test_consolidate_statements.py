"""Statements, claims and assessments across reports (``wiretrace.consolidate.statements``),
on invented reports: one statement across wordings and spellings of its speaker, claims
whose figures clash, and claims that only look alike."""

from __future__ import annotations

from tests.consolidate_builders import AGENCY, claimed, consolidated, quoted
from wiretrace.consolidate.statements import compatible_values
from wiretrace.models import Extraction, Person, Quote

HARBOUR = "The harbour will stay closed until the storm has passed"


def test_one_statement_in_two_wordings_is_one_entry_with_each_chain() -> None:
    record = consolidated(
        [
            quoted("a", HARBOUR, "Ilse Varga", [AGENCY]),
            quoted("b", "the harbor would remain closed until the storm passed", "Ilse Varga"),
            quoted("c", "Ticket prices for the ferry will rise next spring", "Ilse Varga"),
        ]
    )
    statements = record.statements
    assert [len(s.renderings) for s in statements] == [2, 1]
    assert statements[0].backing.lines == 2
    assert [r.via for r in statements[0].renderings] == [[AGENCY], []]


def test_a_speakers_spellings_are_one_speaker_and_each_rendering_keeps_its_own() -> None:
    a = quoted("a", HARBOUR, "Ilse Varga")
    b = quoted("b", "the harbor would remain closed until the storm passed", "Varga")
    record = consolidated([a, b])
    (statement,) = record.statements  # one statement, though spelt two ways
    assert statement.speaker == "Ilse Varga"
    assert [r.speaker for r in statement.renderings] == ["Ilse Varga", "Varga"]


def test_a_surname_is_read_in_its_own_article() -> None:
    # "Moreau" is Anna in one article and Jean-Luc in the other
    a = Extraction(
        "a",
        people=[Person("Anna Moreau", aliases=["Moreau"])],
        quotes=[Quote(HARBOUR, 0, len(HARBOUR), "direct", "Moreau")],
    )
    wall = "The new harbour wall will be finished before the winter storms"
    b = Extraction(
        "b",
        people=[Person("Jean-Luc Moreau", aliases=["Moreau"])],
        quotes=[Quote(wall, 0, len(wall), "direct", "Moreau")],
    )
    record = consolidated([a, b])
    assert {s.renderings[0].article_id: s.speaker for s in record.statements} == {
        "a": "Anna Moreau",
        "b": "Jean-Luc Moreau",
    }


def test_two_quotes_of_one_span_are_one_quote() -> None:
    a = Extraction(
        "a",
        quotes=[
            Quote(HARBOUR, 0, len(HARBOUR), "direct", "Ilse Varga", via=[AGENCY]),
            Quote(HARBOUR, 0, len(HARBOUR), "indirect", "Piet Olsen"),
        ],
    )
    (statement,) = consolidated([a]).statements
    (rendering,) = statement.renderings
    assert (rendering.kind, rendering.speaker, rendering.via) == ("direct", "Ilse Varga", [AGENCY])


def test_compatible_values() -> None:
    assert compatible_values("four times", "four times the")
    assert compatible_values("40 boats", "40 boats")
    assert not compatible_values("40 boats", "140 boats")
    assert not compatible_values("4 million", "14 million")
    assert not compatible_values("40 boats", "55 boats")


def test_one_claim_with_other_figures_is_a_disagreement_whoever_spells_the_asserter() -> None:
    record = consolidated(
        [
            claimed("a", "the storm damaged 40 boats in the harbour", "40 boats", "Ilse Varga"),
            claimed("b", "the storm damaged 140 boats in the harbour", "140 boats", "Varga"),
            claimed(
                "c",
                "the closure is likely to hurt the fishing season",
                None,
                "an economist",
                kind="assessment",
            ),
        ]
    )
    (claim,) = record.claims
    assert claim.values == ["40 boats", "140 boats"] and claim.backing.lines == 2
    assert claim.asserted_by == "Ilse Varga"
    (assessment,) = record.assessments
    assert assessment.asserted_by == "an economist"
    (clash,) = record.disagreements
    assert clash.field.startswith("claim:")
    assert sorted(f.value for f in clash.values) == ["140 boats", "40 boats"]


def test_claims_that_only_look_alike_stay_two_claims() -> None:
    record = consolidated(
        [
            claimed("a", "police said 12 people were arrested after the march", "12 people", None),
            claimed("b", "police said 30 people were injured after the march", "30 people", None),
        ]
    )
    assert len(record.claims) == 2
    assert record.disagreements == []


def test_claims_of_different_asserters_stay_apart_and_one_article_claims_once() -> None:
    text = "the storm damaged 40 boats in the harbour"
    record = consolidated(
        [
            claimed("a", text, "40 boats", "Ilse Varga"),
            claimed("b", text, "40 boats", "Piet Olsen"),
        ]
    )
    assert len(record.claims) == 2
    twice = Extraction("a", claims=[*claimed("a", text, "40 boats", None).claims] * 2)
    assert [len(c.backing.supports) for c in consolidated([twice]).claims] == [1, 1]
