"""One entry per person or organisation across the reports of an event.

The extract stage already gives one :class:`~wiretrace.models.Person` per person *within* an
article ("Kim Jong Un" / "Kim" / "he"). Across articles the same person comes back spelt
otherwise: a romanisation with or without a hyphen ("Jong-un", "Jong Un"), a bare surname, a
typo; an organisation as its abbreviation or with a letter swapped. The rules, in order,
general and with no names built in:

1. **Same folded name**: case, punctuation, hyphens and spaces folded away ("Jong-un" =
   "Jong Un" = "Jongun").
2. **Organisations** resolve as the trace stage resolves sources
   (:func:`wiretrace.trace.sources.same_source`): an abbreviation meets the name whose
   initials it is, a long name meets itself one typo away.
3. **People** one typo apart (one edit, names of 8 letters or more once folded).
4. **A single word** ("Moreau", "Kim") joins the one full name that starts or ends with it;
   when two full names do ("Kim Jong Un" and "Kim Yo Jong"), it stays apart: two people who
   share a surname are never merged through it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from wiretrace.consolidate.model import Backing, Finding, PersonFinding, Support
from wiretrace.models import Extraction, Person
from wiretrace.trace.sources import damerau_levenshtein, name_key, same_source

__all__ = ["canonical_names", "names_match", "resolve_people"]

MIN_TYPO_LENGTH = 8  # folded letters a name needs before one edit is read as a typo


@dataclass(frozen=True)
class _Entry:
    """One article's :class:`Person`, with where the article first names it."""

    article_id: str
    person: Person

    @property
    def support(self) -> Support:
        start, end = self.person.mentions[0] if self.person.mentions else (None, None)
        return Support(self.article_id, self.person.name, start, end)


def _folded(name: str) -> str:
    return name_key(name).replace(" ", "")


class _Groups:
    """Union-find over entry indices."""

    def __init__(self, size: int) -> None:
        self.parent = list(range(size))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, i: int, j: int) -> None:
        ri, rj = self.find(i), self.find(j)
        if ri != rj:
            self.parent[max(ri, rj)] = min(ri, rj)

    def members(self) -> list[list[int]]:
        by_root: dict[int, list[int]] = {}
        for i in range(len(self.parent)):
            by_root.setdefault(self.find(i), []).append(i)
        return list(by_root.values())


def _kind(entries: Sequence[_Entry]) -> str:
    kinds = Counter(e.person.kind for e in entries)
    return "organisation" if kinds["organisation"] > kinds["person"] else "person"


def resolve_people(
    extractions: Iterable[Extraction], backing: Callable[[list[Support]], Backing]
) -> list[PersonFinding]:
    """Everyone the extractions name, one :class:`PersonFinding` across spellings, best
    backed first. ``backing`` turns supports into a :class:`Backing` (lines, sources)."""
    entries = [
        _Entry(x.article_id, person)
        for x in extractions
        for person in x.people
        if _folded(person.name)
    ]
    groups = _Groups(len(entries))
    first_of_form: dict[str, int] = {}
    for index, entry in enumerate(entries):
        form = _folded(entry.person.name)
        if form in first_of_form:
            groups.union(first_of_form[form], index)
        else:
            first_of_form[form] = index
    _merge_spellings(entries, groups, list(first_of_form.values()))
    _attach_single_words(entries, groups)
    found = [_finding([entries[i] for i in members], backing) for members in groups.members()]
    return sorted(
        found, key=lambda p: (-p.backing.lines, -len(p.backing.supports), p.name.casefold())
    )


def _merge_spellings(entries: Sequence[_Entry], groups: _Groups, forms: Sequence[int]) -> None:
    """Rules 2 and 3 between the distinct spellings (one entry stands for each)."""
    for a_pos, a in enumerate(forms):
        for b in forms[a_pos + 1 :]:
            pa, pb = entries[a].person, entries[b].person
            if pa.kind == "organisation" and pb.kind == "organisation":
                if same_source(pa.name, pb.name):
                    groups.union(a, b)
            elif pa.kind == "person" and pb.kind == "person":
                fa, fb = _folded(pa.name), _folded(pb.name)
                if (
                    len(name_key(pa.name).split()) > 1
                    and len(name_key(pb.name).split()) > 1
                    and min(len(fa), len(fb)) >= MIN_TYPO_LENGTH
                    and damerau_levenshtein(fa, fb) <= 1
                ):
                    groups.union(a, b)


def _attach_single_words(entries: Sequence[_Entry], groups: _Groups) -> None:
    """Rule 4: a one-word person name joins the only full name starting or ending with it."""
    full: dict[int, set[str]] = {}  # group root -> first and last words of its full names
    for index, entry in enumerate(entries):
        words = name_key(entry.person.name).split()
        if entry.person.kind == "person" and len(words) > 1:
            full.setdefault(groups.find(index), set()).update({words[0], words[-1]})
    for index, entry in enumerate(entries):
        words = name_key(entry.person.name).split()
        if entry.person.kind != "person" or len(words) != 1:
            continue
        roots = [root for root, ends in full.items() if words[0] in ends]
        if len(roots) == 1:
            groups.union(roots[0], index)


def _finding(
    entries: Sequence[_Entry], backing: Callable[[list[Support]], Backing]
) -> PersonFinding:
    spellings = Counter(e.person.name for e in entries)
    name = max(spellings, key=lambda n: (len(name_key(n).split()), spellings[n], len(n), n))
    aliases = sorted(
        {n for e in entries for n in (e.person.name, *e.person.aliases)} - {name},
        key=str.casefold,
    )
    titles: dict[str, list[Support]] = {}
    shown: dict[str, str] = {}
    for entry in entries:
        for title in entry.person.titles:
            key = name_key(title)
            if key:
                shown.setdefault(key, title)
                titles.setdefault(key, []).append(Support(entry.article_id, title))
    affiliations = Counter(e.person.affiliation for e in entries if e.person.affiliation)
    return PersonFinding(
        name=name,
        kind="organisation" if _kind(entries) == "organisation" else "person",
        aliases=aliases,
        titles=sorted(
            (Finding(shown[k], backing(supports)) for k, supports in titles.items()),
            key=lambda f: (-f.backing.lines, -len(f.backing.supports), f.value.casefold()),
        ),
        affiliation=affiliations.most_common(1)[0][0] if affiliations else None,
        backing=backing([e.support for e in entries]),
    )


def canonical_names(people: Sequence[PersonFinding]) -> Callable[[str | None], str | None]:
    """A function giving a name as written its entry's name ("Kim Jong Un" -> "Kim
    Jong-un" when that entry holds both spellings); names of no entry, or of several (a
    surname two entries share), come back as written."""
    owners: dict[str, set[str]] = {}
    for person in people:
        for form in (person.name, *person.aliases):
            owners.setdefault(_folded(form), set()).add(person.name)
    # a form two entries share (a surname) names neither for sure
    by_form = {form: next(iter(names)) for form, names in owners.items() if len(names) == 1}

    def canonical(name: str | None) -> str | None:
        return by_form.get(_folded(name), name) if name else name

    return canonical


def names_match(query: str, person: Person) -> bool:
    """Whether ``query`` names ``person``: its folded form is the person's name or one of
    the aliases the article uses (a bare surname matches only where the article itself
    used it for that person)."""
    wanted = _folded(query)
    return bool(wanted) and any(_folded(n) == wanted for n in (person.name, *person.aliases))
