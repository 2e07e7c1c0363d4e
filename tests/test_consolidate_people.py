"""One entry per person or organisation across reports (``wiretrace.consolidate.people``),
on invented names: the merges the rules make, and above all the ones they must not."""

from __future__ import annotations

from tests.consolidate_builders import consolidated, people
from wiretrace.models import Person


def _names(*extractions: object) -> list[tuple[str, list[str]]]:
    record = consolidated(list(extractions))  # type: ignore[arg-type]
    return sorted((p.name, p.aliases) for p in record.people)


def test_spellings_of_one_person_are_one_entry_with_every_title() -> None:
    record = consolidated(
        [
            people("a", Person("Jean-Luc Moreau", titles=["mayor of Arlen"], mentions=[(4, 19)])),
            people("b", Person("Jean Luc Moreau", titles=["Mayor of Arlen"], affiliation="Arlen")),
            people("c", Person("Moreau", titles=["the city's mayor"], affiliation="Arlen")),
        ]
    )
    (person,) = record.people
    assert person.name == "Jean-Luc Moreau"
    assert person.aliases == ["Jean Luc Moreau", "Moreau"]
    assert person.affiliation == "Arlen"
    assert person.backing.lines == 3
    titles = {t.value.casefold(): t.backing.lines for t in person.titles}
    assert titles == {"mayor of arlen": 2, "the city's mayor": 1}
    assert person.backing.supports[0].start == 4


def test_two_people_sharing_a_surname_are_never_merged_through_it() -> None:
    assert [
        n
        for n, _ in _names(
            people("a", Person("Anna Moreau")),
            people("b", Person("Jean-Luc Moreau")),
            people("c", Person("Moreau")),
        )
    ] == ["Anna Moreau", "Jean-Luc Moreau", "Moreau"]


def test_a_hyphenated_surname_is_one_word() -> None:
    names = _names(people("a", Person("Anna Smith-Jones")), people("b", Person("Smith-Jones")))
    assert names == [("Anna Smith-Jones", ["Smith-Jones"])]
    # a bare part of it names nobody for sure
    assert len(_names(people("a", Person("Anna Smith-Jones")), people("b", Person("Smith")))) == 2


def test_a_typo_in_a_long_later_word_meets_its_name() -> None:
    names = _names(
        people("a", Person("Margarethe Vollan")), people("b", Person("Margarethe Volan"))
    )
    assert len(names) == 1


def test_another_first_name_or_a_short_word_is_another_person() -> None:
    for a, b in (
        ("John Smith", "Joan Smith"),  # first word differs
        ("Maria Rossi", "Mario Rossi"),  # first word differs, long enough
        ("Jon Hale", "Jon Hole"),  # a later word of 4 letters
        ("Carl Moreau", "Carla Moreau"),
    ):
        assert len(_names(people("a", Person(a)), people("b", Person(b)))) == 2, (a, b)


def test_two_people_of_one_article_are_never_merged_even_through_a_chain() -> None:
    # one article names both; a third spelling one typo from each may join one, not both
    names = _names(
        people("a", Person("Margarethe Vollan"), Person("Margarethe Volan")),
        people("b", Person("Margarethe Vollen")),
    )
    assert len(names) == 2


def test_an_organisation_meets_its_abbreviation_and_its_typo() -> None:
    service = "Northern Coast Weather Service"
    record = consolidated(
        [
            people("a", Person(service, kind="organisation")),
            people("b", Person("NCWS", kind="organisation")),
            people("c", Person("NWCS", kind="organisation")),
            people("d", Person("NSW", kind="organisation")),
        ]
    )
    agency, other = record.people
    assert agency.name == service and agency.kind == "organisation"
    assert set(agency.aliases) == {"NCWS", "NWCS"}
    assert other.name == "NSW"  # one edit from "NCWS", but too short to read as a typo


def test_an_abbreviation_of_two_organisations_names_neither() -> None:
    names = _names(
        people("a", Person("Port Authority", kind="organisation")),
        people("b", Person("Palestinian Authority", kind="organisation")),
        people("c", Person("PA", kind="organisation")),
    )
    assert [n for n, _ in names] == ["PA", "Palestinian Authority", "Port Authority"]


def test_a_person_and_an_organisation_of_one_name_stay_two() -> None:
    record = consolidated(
        [people("a", Person("Ford")), people("b", Person("Ford", kind="organisation"))]
    )
    assert sorted(p.kind for p in record.people) == ["organisation", "person"]
