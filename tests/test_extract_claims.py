"""Numeric and comparative claims with their source; assessments apart from facts."""

from __future__ import annotations

from typing import Any

from wiretrace.extract.claims import find_claims, is_analytical
from wiretrace.extract.people import find_people
from wiretrace.models import Person, Quote


def claims_of(parser: Any, text: str, quotes: list[Quote] | None = None) -> list[Any]:
    doc = parser.parse(text)
    return find_claims(doc, find_people(doc), quotes or [])


def test_comparative_claim_names_the_reporting_organisation(parser: Any) -> None:
    text = (
        "The Federal Statistics Office reported on Monday that exports grew. "
        "According to the report, steel output rose to three times the level of 2019."
    )
    comparative = [c for c in claims_of(parser, text) if c.kind == "comparative"]
    assert len(comparative) == 1
    assert "three times the" in comparative[0].text
    assert comparative[0].asserted_by == "The Federal Statistics Office"


def test_numeric_claim_with_according_to(parser: Any) -> None:
    text = "About 4,000 people attended the rally, according to the city police."
    (claim,) = [c for c in claims_of(parser, text) if c.kind == "numeric"]
    assert claim.value == "About 4,000"
    assert claim.asserted_by == "the city police"


def test_analyst_statements_are_assessments_reported_facts_are_not(parser: Any) -> None:
    text = (
        "The government closed the border on Friday. "
        "Some experts say the move may hurt trade. "
        "Helen Park, a researcher at the Civic Institute, said the closure seems political."
    )
    kinds = {c.text: c.kind for c in claims_of(parser, text) if c.kind == "assessment"}
    assert "The government closed the border on Friday." not in kinds
    assert any(t.startswith("Some experts say") for t in kinds)
    assert any(t.startswith("Helen Park") for t in kinds)


def test_is_analytical_reads_titles_and_affiliation() -> None:
    assert is_analytical(Person("A", titles=["senior fellow"]))
    assert is_analytical(Person("B", affiliation="Eastern University"))
    assert not is_analytical(Person("C", titles=["defence minister"]))
    assert not is_analytical(None)
