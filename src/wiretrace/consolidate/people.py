"""One entry per person or organisation across the reports of an event.

The extract stage already gives one :class:`~wiretrace.models.Person` per person *within* an
article ("Jean-Luc Moreau" / "Moreau" / "he"). Across articles the same person comes back
spelt otherwise: a romanisation with or without a hyphen ("Jean-Luc", "Jean Luc"), a bare
surname, a typo; an organisation as its abbreviation or with a letter swapped. The rules, in
order, general and with no names built in:

1. **Same folded name, same kind**: case, punctuation, hyphens and spaces folded away
   ("Jean-Luc" = "Jean Luc" = "Jeanluc"); a person and an organisation of one name stay
   two entries.
2. **Organisations**: two full names one typo apart (8 letters or more once folded, as the
   trace stage resolves sources); then an abbreviation joins the **one** full name whose
   initials it is ("NCWS" for "Northern Coast Weather Service"), or, from 4 letters, is one
   typo from ("NWCS"); an abbreviation two full names share ("PA" for "Port Authority" and
   "Palestinian Authority") stays apart.
3. **People** one typo apart in one word that is not the first, of 5 letters or more, every
   other word equal ("Vollan" / "Volan"): a different first word ("John" / "Joan Smith") is
   another person.
4. **A single word** ("Moreau") joins the **one** full name that starts or ends with it; when
   two full names do ("Anna Moreau", "Jean-Luc Moreau"), it stays apart: two people who share
   a surname are never merged through it.

And one constraint over all of them: two entries that one article gives as two different
people (or organisations) are never merged, directly or through a chain of merges.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from wiretrace.consolidate.model import Backing, Finding, PersonFinding, Support
from wiretrace.models import Extraction, Person
from wiretrace.trace.sources import damerau_levenshtein, initials, is_abbreviation, name_key

__all__ = ["Resolved", "names_match", "resolve_people"]

MIN_TYPO_LENGTH = 8  # folded letters an organisation's name needs before one edit is a typo
MIN_TYPO_WORD = 5  # letters a word of a person's name needs before one edit is a typo
MIN_ABBREVIATION_TYPO = 4  # letters an abbreviation needs before one edit is a typo


@dataclass(frozen=True)
class _Entry:
    """One article's :class:`Person`, with where the article first names it."""

    article_id: str
    person: Person

    @property
    def support(self) -> Support:
        start, end = self.person.mentions[0] if self.person.mentions else (None, None)
        return Support(self.article_id, self.person.name, start, end)

    @property
    def words(self) -> list[str]:
        """The name's words as written (split on spaces only: "Smith-Jones" is one)."""
        return self.person.name.split()

    @property
    def abbreviation(self) -> bool:
        """Written as an abbreviation, as the trace stage tells one ("NCWS", "U.N.")."""
        return is_abbreviation(self.person.name)


def _folded(name: str) -> str:
    """A name with case, punctuation, hyphens and spaces folded away."""
    return name_key(name).replace(" ", "")


class _Groups:
    """Union-find over entries that refuses to merge two groups one article names apart."""

    def __init__(self, entries: Sequence[_Entry]) -> None:
        self.parent = list(range(len(entries)))
        self.articles = [{e.article_id} for e in entries]

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, i: int, j: int, *, same_name: bool = False) -> bool:
        """Merge the groups of ``i`` and ``j``; unless the two are one name (rule 1), not
        when an article has an entry in each (it names two different people)."""
        ri, rj = self.find(i), self.find(j)
        if ri == rj:
            return True
        if not same_name and self.articles[ri] & self.articles[rj]:
            return False
        keep, drop = min(ri, rj), max(ri, rj)
        self.parent[drop] = keep
        self.articles[keep] |= self.articles[drop]
        return True

    def members(self) -> list[list[int]]:
        by_root: dict[int, list[int]] = {}
        for i in range(len(self.parent)):
            by_root.setdefault(self.find(i), []).append(i)
        return list(by_root.values())


@dataclass
class Resolved:
    """The entries, and how each article's written names map to them."""

    people: list[PersonFinding]
    #: (article id, folded name or alias the article uses) -> the entry's name
    by_article: dict[tuple[str, str], str]
    #: folded forms that name exactly one entry and no other entry's word
    unambiguous: dict[str, str]

    def canonical(self, article_id: str, name: str | None) -> str | None:
        """The entry's name for ``name`` as ``article_id`` writes it: the article's own
        person of that name or alias, else the one entry the form names without doubt;
        otherwise the name as written."""
        if not name:
            return name
        form = _folded(name)
        return self.by_article.get((article_id, form)) or self.unambiguous.get(form, name)


def resolve_people(
    extractions: Iterable[Extraction], backing: Callable[[list[Support]], Backing]
) -> Resolved:
    """Everyone the extractions name, one :class:`PersonFinding` across spellings, best
    backed first. ``backing`` turns supports into a :class:`Backing` (lines, sources)."""
    entries = [
        _Entry(x.article_id, person)
        for x in extractions
        for person in x.people
        if _folded(person.name)
    ]
    groups = _Groups(entries)
    first_of_form: dict[tuple[str, str], int] = {}
    for index, entry in enumerate(entries):
        key = (entry.person.kind, _folded(entry.person.name))
        if key in first_of_form:
            groups.union(first_of_form[key], index, same_name=True)
        else:
            first_of_form[key] = index
    distinct = list(first_of_form.values())
    _merge_organisations(entries, groups, distinct)
    _merge_typos_in_names(entries, groups, distinct)
    _attach_single_words(entries, groups)
    people: list[PersonFinding] = []
    by_article: dict[tuple[str, str], str] = {}
    owners: dict[str, set[str]] = {}
    for members in groups.members():
        group = [entries[i] for i in members]
        found = _finding(group, backing)
        people.append(found)
        for entry in group:
            for form in (entry.person.name, *entry.person.aliases):
                by_article[(entry.article_id, _folded(form))] = found.name
                owners.setdefault(_folded(form), set()).add(found.name)
    word_owners: dict[str, set[str]] = {}
    for person in people:
        for word in name_key(person.name).split():
            word_owners.setdefault(word, set()).add(person.name)
    # a form that names one entry, and is no word of another entry's name ("Moreau" beside
    # "Anna Moreau" and "Jean-Luc Moreau" is neither's for sure)
    unambiguous = {
        form: owner
        for form, names in owners.items()
        if len(names) == 1 and word_owners.get(form, set()) <= {owner := next(iter(names))}
    }
    people.sort(key=lambda p: (*p.backing.rank, p.name.casefold()))
    return Resolved(people, by_article, unambiguous)


def _merge_organisations(entries: Sequence[_Entry], groups: _Groups, forms: Sequence[int]) -> None:
    """Rule 2: full names one typo apart, then abbreviations to the one full name (or
    abbreviation) they stand for."""
    orgs = [i for i in forms if entries[i].person.kind == "organisation"]
    full = [i for i in orgs if not entries[i].abbreviation]
    short = [i for i in orgs if entries[i].abbreviation]
    for a, b in _one_edit_pairs([(i, _folded(entries[i].person.name)) for i in full]):
        if min(len(_folded(entries[a].person.name)), len(_folded(entries[b].person.name))) >= (
            MIN_TYPO_LENGTH
        ):
            groups.union(a, b)
    for index in short:
        letters = entries[index].person.name.replace(".", "").upper()
        exact = {groups.find(i) for i in full if initials(entries[i].person.name) == letters}
        near = set(exact)
        if not exact and len(letters) >= MIN_ABBREVIATION_TYPO:
            near = {
                groups.find(i)
                for i in (*full, *short)
                if i != index
                and len(key := _abbreviated(entries[i])) >= MIN_ABBREVIATION_TYPO
                and damerau_levenshtein(letters, key) <= 1
            }
        if len(near) == 1:
            groups.union(next(iter(near)), index)


def _abbreviated(entry: _Entry) -> str:
    """An organisation's letters: an abbreviation as written, a full name's initials."""
    name = entry.person.name
    return name.replace(".", "").upper() if entry.abbreviation else initials(name)


def _merge_typos_in_names(entries: Sequence[_Entry], groups: _Groups, forms: Sequence[int]) -> None:
    """Rule 3: people's names alike but for one edit in one long word that is not the first.

    Names are indexed by themselves with one word (not the first) left out, so only names
    that differ in that word are compared: linear in the number of names."""
    by_masked: dict[tuple[str, ...], list[tuple[int, str]]] = {}
    for index in forms:
        entry = entries[index]
        words = name_key(entry.person.name).split()
        if entry.person.kind != "person" or len(words) < 2:
            continue
        for k in range(1, len(words)):
            masked = (*words[:k], "*", *words[k + 1 :])
            by_masked.setdefault(masked, []).append((index, words[k]))
    for variants in by_masked.values():
        for a, b in _one_edit_pairs(variants):
            shorter = min(len(w) for i, w in variants if i in (a, b))
            if shorter >= MIN_TYPO_WORD:
                groups.union(a, b)


def _one_edit_pairs(items: Sequence[tuple[int, str]]) -> list[tuple[int, int]]:
    """Pairs of items whose strings are one edit apart (an insertion, a deletion, a
    substitution or a swap of two neighbours), found through their one-deletion variants
    (every such pair shares one) rather than by comparing all pairs."""
    by_variant: dict[str, set[int]] = {}
    text = dict(items)
    for index, word in items:
        for variant in {word, *(word[:k] + word[k + 1 :] for k in range(len(word)))}:
            by_variant.setdefault(variant, set()).add(index)
    pairs: set[tuple[int, int]] = set()
    for sharing in by_variant.values():
        ordered = sorted(sharing)
        for i, a in enumerate(ordered):
            for b in ordered[i + 1 :]:
                if text[a] != text[b] and damerau_levenshtein(text[a], text[b]) <= 1:
                    pairs.add((a, b))
    return sorted(pairs)


def _attach_single_words(entries: Sequence[_Entry], groups: _Groups) -> None:
    """Rule 4: a one-word person name joins the only full name starting or ending with it."""
    ends: dict[int, set[str]] = {}  # group root -> first and last words of its full names
    for index, entry in enumerate(entries):
        if entry.person.kind == "person" and len(entry.words) > 1:
            first, last = _folded(entry.words[0]), _folded(entry.words[-1])
            ends.setdefault(groups.find(index), set()).update({first, last})
    for index, entry in enumerate(entries):
        if entry.person.kind != "person" or len(entry.words) != 1:
            continue
        word = _folded(entry.person.name)
        roots = {groups.find(root) for root, found in ends.items() if word in found}
        if len(roots) == 1:
            groups.union(next(iter(roots)), index)


def _finding(
    entries: Sequence[_Entry], backing: Callable[[list[Support]], Backing]
) -> PersonFinding:
    """The entry of one group. Its name is the fullest spelling (most words: "Jean-Luc
    Moreau" over "Moreau"), then the most used one."""
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
    kinds = Counter(e.person.kind for e in entries)
    return PersonFinding(
        name=name,
        kind="organisation" if kinds["organisation"] > kinds["person"] else "person",
        aliases=aliases,
        titles=sorted(
            (Finding(shown[k], backing(supports)) for k, supports in titles.items()),
            key=lambda f: (*f.backing.rank, f.value.casefold()),
        ),
        affiliation=affiliations.most_common(1)[0][0] if affiliations else None,
        backing=backing([e.support for e in entries]),
    )


def names_match(query: str, person: Person) -> bool:
    """Whether ``query`` names ``person``: its folded form is the person's name or one of
    the aliases the article uses (a bare surname matches only where the article itself
    used it for that person)."""
    wanted = _folded(query)
    return bool(wanted) and any(_folded(n) == wanted for n in (person.name, *person.aliases))
