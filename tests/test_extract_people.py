"""People and organisations: canonical names, titles and affiliations, on hand-made sentences."""

from __future__ import annotations

from typing import Any

from wiretrace.extract.people import find_entities, find_people, name_key


def people_of(parser: Any, text: str) -> dict[str, Any]:
    return {p.name: p for p in find_people(parser.parse(text))}


def test_name_key_folds_hyphens_case_and_possessives() -> None:
    assert name_key("Kim Jong-un") == name_key("kim jong un") == "kim jong un"
    assert name_key("Merkel's") == "merkel"


def test_surname_goes_to_the_first_person_named_not_to_a_namesake(parser: Any) -> None:
    text = (
        "Finance Minister Anna Berger presented the budget on Monday. "
        "Berger said the deficit would shrink. "
        "Her deputy, Thomas Berger, was not present."
    )
    people = people_of(parser, text)
    assert "Anna Berger" in people and "Thomas Berger" in people
    anna = people["Anna Berger"]
    assert "Berger" in anna.aliases
    assert len(anna.mentions) == 2
    assert len(people["Thomas Berger"].mentions) == 1


def test_spelling_variants_are_one_person(parser: Any) -> None:
    text = "President Jean-Luc Moreau arrived. Later, Jean Luc Moreau spoke to reporters."
    people = [p for p in find_people(parser.parse(text)) if p.kind == "person"]
    assert len(people) == 1


def test_titles_from_appositions_and_premodifiers(parser: Any) -> None:
    text = (
        "Officials at the meeting included Maria Lopez, secretary of the Planning Committee, "
        "and David Okafor, a member of the Regional Council. "
        "Opposition leader Peter Hansen criticised the plan."
    )
    people = people_of(parser, text)
    assert people["Maria Lopez"].titles == ["secretary of the Planning Committee"]
    assert people["Maria Lopez"].affiliation == "Planning Committee"
    assert people["David Okafor"].titles == ["member of the Regional Council"]
    assert "Opposition leader" in people["Peter Hansen"].titles


def test_reversed_apposition_and_affiliation_from_at(parser: Any) -> None:
    text = (
        "The director of the Institute for Policy Studies, Laura Chen, disagreed. "
        "Samuel Reyes, a professor at Northfield University, said the data were thin."
    )
    people = people_of(parser, text)
    assert "director of the Institute for Policy Studies" in people["Laura Chen"].titles
    assert people["Samuel Reyes"].affiliation == "Northfield University"


def test_organisation_abbreviation_in_brackets_is_an_alias(parser: Any) -> None:
    text = "The World Weather Agency (WWA) issued a warning. The WWA said rain would follow."
    orgs = [p for p in find_people(parser.parse(text)) if p.kind == "organisation"]
    agency = next(o for o in orgs if o.name == "World Weather Agency")
    assert "WWA" in agency.aliases
    assert len(agency.mentions) == 2


def test_entities_carry_offsets_into_the_text(parser: Any) -> None:
    text = "Angela Brooks visited Lisbon on Friday."
    for entity in find_entities(parser.parse(text)):
        assert text[entity.start : entity.end] == entity.text


def test_a_surname_before_the_full_name_is_the_same_person(parser: Any) -> None:
    text = (
        "Novak visits steel plant\n\nPrime Minister Elena Novak toured a steel plant on Monday. "
        "Novak said output would rise."
    )
    people = [p for p in find_people(parser.parse(text)) if p.kind == "person"]
    assert [p.name for p in people] == ["Elena Novak"]
    assert len(people[0].mentions) == 3
