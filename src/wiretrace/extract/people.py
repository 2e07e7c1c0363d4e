"""People and organisations of one article, with their titles and affiliations.

News names a person fully once ("Opposition leader Jean-Luc Moreau"), then by surname ("Moreau")
or pronoun. Analysts keep logs by person, so every mention must land on one canonical person
per article, and a second person sharing the surname ("Claire Moreau, director of ...") must
stay apart. The rules, general to English news:

* Names are spaCy's PERSON and ORG entities, compared after folding case, hyphens and
  periods ("Jean Luc Moreau" = "Jean-Luc Moreau"). The canonical name is the fullest form used.
* A bare name of one word (a surname, or a given name) goes to the first person introduced
  whose full name starts or ends with it: by journalistic convention the first person named
  owns the short form, and any later namesake is written out in full each time.
* Titles come from appositions ("X, secretary of the Y", "X, a member of Z") and from the
  words the name's noun phrase puts before it ("opposition leader X", "Rep. X"); a reversed
  apposition ("the president of Y, X") counts too. The affiliation is the organisation such a
  title names ("... of the Y party", "professor at Y University"), else an ORG inside it.
* An organisation written as "Long Name (ABBR)" or whose initials spell ABBR takes the
  abbreviation as an alias.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from wiretrace.models import Entity, Person
from wiretrace.nlp import ents_of, text_of

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

__all__ = ["find_entities", "find_people", "name_key", "person_at"]

ENTITY_LABELS = frozenset(
    {"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT", "DATE", "TIME", "CARDINAL"}
    | {"MONEY", "PERCENT", "QUANTITY", "ORDINAL", "PRODUCT", "LAW", "WORK_OF_ART", "LANGUAGE"}
)
# Words that start an apposition that is not a title ("X, who ...", "X, 54, ...").
_NOT_TITLE_START = frozenset({"who", "which", "that", "whose", "where", "when", "and", "or"})
_TITLE_STOP_DEPS = frozenset({"relcl", "acl", "advcl", "ccomp", "conj", "cc"})
_ORG_STOPWORDS = frozenset({"of", "the", "for", "and", "on", "in", "at", "&", "de", "la", "du"})
# Honorific abbreviations that title a following name ("Rep. X", "Dr. X").
_HONORIFIC = re.compile(
    r"^(?:Mr|Mrs|Ms|Dr|Prof|Rep|Sen|Gov|Gen|Lt|Col|Maj|Capt|Adm|Sgt|Rev|Pres|Amb|Hon|Sir|Dame)\.?$"
)
_MAX_TITLE_TOKENS = 16
# "... of the Green Party", "professor at Northfield University": capitalised words.
_OF_NAME = re.compile(r"\b(?:of|at|from|with)\s+(?:the\s+)?([A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*)")


def name_key(name: str) -> str:
    """A name folded for comparison: case, hyphens, periods, possessive and spacing."""
    folded = re.sub(r"['’]s$", "", name.strip())
    folded = re.sub(r"[-‐‑–.]", " ", folded.lower())
    return " ".join(folded.split())


def find_entities(doc: Doc) -> list[Entity]:
    """Every named entity of the parse, as plain data with character offsets."""
    return [
        Entity(e.text, e.label_, e.start_char, e.end_char)
        for e in ents_of(doc)
        if e.label_ in ENTITY_LABELS
    ]


def _clean_name(span: Span) -> tuple[str, int, int]:
    """The entity's text without a leading article or trailing possessive."""
    tokens = [t for t in span if not (t.dep_ == "case" or t.text in {"'s", "’s"})]
    if tokens and tokens[0].lower_ == "the":
        tokens = tokens[1:]
    if not tokens:
        return span.text, span.start_char, span.end_char
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
    return text_of(span.doc)[start:end], start, end


def _initials(name: str) -> str:
    words = [w for w in re.split(r"[\s-]+", name) if w and w.lower() not in _ORG_STOPWORDS]
    return "".join(w[0] for w in words if w[0].isalpha()).upper()


class _Registry:
    """Persons of one article in the order they are introduced."""

    def __init__(self) -> None:
        self.people: list[Person] = []
        self._by_key: dict[str, Person] = {}

    def add(self, name: str, kind: str, start: int, end: int) -> Person:
        key = name_key(name)
        person = self._by_key.get(key) or self._short_form_owner(key, kind)
        if person is None and kind == "ORG" and " " not in key:
            # NER often labels a bare surname ORG; a named person's surname wins.
            person = self._short_form_owner(key, "PERSON")
        if person is None:
            person = Person(name=name, kind="organisation" if kind == "ORG" else "person")
            self.people.append(person)
        elif len(key) > len(name_key(person.name)) and " " in key:
            person.aliases.append(person.name)
            person.name = name
        if name != person.name and name not in person.aliases:
            person.aliases.append(name)
        self._by_key[key] = person
        if (start, end) not in person.mentions:
            person.mentions.append((start, end))
        return person

    def _short_form_owner(self, key: str, kind: str) -> Person | None:
        wanted = "organisation" if kind == "ORG" else "person"
        candidates = [p for p in self.people if p.kind == wanted]
        if kind == "ORG":
            for person in candidates:
                if key.upper().replace(" ", "") == _initials(person.name):
                    return person
            return None
        if " " in key:
            return None
        for person in candidates:  # the first introduced owns the short form
            words = name_key(person.name).split()
            if len(words) > 1 and (words[0] == key or words[-1] == key):
                return person
        return None

    def link_abbreviation(self, person: Person, abbreviation: str) -> None:
        key = name_key(abbreviation)
        if key not in self._by_key:
            self._by_key[key] = person
            if abbreviation not in person.aliases:
                person.aliases.append(abbreviation)


def _title_before(span: Span) -> str | None:
    """Words of the name's noun phrase before it: "Opposition leader", "Rep."."""
    doc = span.doc
    start = span.start
    i = start - 1
    while i >= 0 and _premodifies(doc[i], span):
        i -= 1
    tokens = [t for t in doc[i + 1 : start] if t.pos_ != "DET" and t.dep_ != "poss"]
    while tokens and tokens[0].pos_ in {"ADP", "CCONJ", "PUNCT"}:
        tokens = tokens[1:]
    if not tokens or not any(_is_title_word(t) for t in tokens):
        return None
    return text_of(doc)[tokens[0].idx : tokens[-1].idx + len(tokens[-1].text)]


def _premodifies(token: Token, span: Span) -> bool:
    if token.is_punct and token.text not in {"-", "."}:
        return False
    if token.pos_ in {"VERB", "AUX", "ADP", "SCONJ", "CCONJ", "PRON"} or token.lower_ == "'s":
        return False
    if token.ent_type_ in {"PERSON", "DATE", "CARDINAL"}:
        return False
    head = token
    for _ in range(4):  # the token hangs off the name (compound, amod, ...)
        if head.i >= span.start and head.i < span.end:
            return True
        if head.head.i == head.i:
            break
        head = head.head
    return bool(_HONORIFIC.match(token.text))


def _is_title_word(token: Token) -> bool:
    if _HONORIFIC.match(token.text):
        return True
    return token.pos_ == "NOUN" or (token.pos_ == "PROPN" and token.text.istitle())


def _title_after(span: Span) -> str | None:
    """An apposition right after the name: ", secretary of the Central Committee,"."""
    doc = span.doc
    if span.end >= len(doc) - 1 or doc[span.end].text != ",":
        return None
    first = doc[span.end + 1]
    if first.lower_ in _NOT_TITLE_START or first.ent_type_ in {"PERSON", "DATE", "CARDINAL"}:
        return None
    if first.ent_type_ in {"GPE", "LOC"} and first.ent_iob_ == "B":
        return None
    tokens: list[Token] = []
    for token in doc[span.end + 1 : span.end + 1 + _MAX_TITLE_TOKENS]:
        if token.text in {",", ";", ":", "(", ")", "—", "–"} or token.is_sent_start:
            break
        if token.text in {".", "!", "?"} or token.ent_type_ == "PERSON":
            break
        if token.pos_ in {"VERB", "AUX"} and token.tag_ not in {"VBN", "VBG"}:
            return None
        joined = bool(tokens) and not tokens[-1].whitespace_  # "journalist-turned-lawmaker"
        if token.dep_ in _TITLE_STOP_DEPS and tokens and not joined:
            break
        tokens.append(token)
    while tokens and tokens[0].pos_ == "DET":
        tokens = tokens[1:]
    if not tokens or not any(t.pos_ == "NOUN" for t in tokens):
        return None
    if tokens[0].pos_ not in {"NOUN", "ADJ", "PROPN", "NUM"}:
        return None
    return text_of(doc)[tokens[0].idx : tokens[-1].idx + len(tokens[-1].text)]


def _title_reversed(span: Span) -> str | None:
    """ "the president of the X, Y": a title noun phrase, a comma, then the name."""
    doc = span.doc
    if span.start < 3 or doc[span.start - 1].text != ",":
        return None
    end = span.start - 1
    i = end - 1
    while i >= 0 and end - i <= _MAX_TITLE_TOKENS and doc[i].text not in {",", ".", ";"}:
        if doc[i].lower_ == "the" and i + 1 < end and doc[i + 1].pos_ == "NOUN":
            # At a clause start or after a verb; "at the site, X" is a setting, not a title.
            if i == 0 or doc[i - 1].pos_ in {"PUNCT", "VERB", "AUX", "SCONJ"}:
                return text_of(doc)[doc[i + 1].idx : doc[end - 1].idx + len(doc[end - 1].text)]
            return None
        i -= 1
    return None


def _affiliation(title: str, span_doc: Doc, start: int, end: int) -> str | None:
    """The organisation a title names: an ORG inside it, else the words after of/at."""
    inside = [e for e in ents_of(span_doc) if start <= e.start_char < end]
    for labels in ({"ORG"}, {"GPE", "NORP"}):
        for ent in inside:
            if ent.label_ in labels:
                return _clean_name(ent)[0]
    match = _OF_NAME.search(title)
    if match:
        return match.group(1)
    return None


def find_people(doc: Doc) -> list[Person]:
    """Canonical persons and organisations of ``doc`` in order of first mention."""
    registry = _Registry()
    for ent in ents_of(doc):
        if ent.label_ not in {"PERSON", "ORG"}:
            continue
        name, start, end = _clean_name(ent)
        if not name or not any(c.isalpha() for c in name):
            continue
        person = registry.add(name, ent.label_, start, end)
        if ent.label_ == "ORG":
            _abbreviation_after(ent, person, registry)
            continue
        for title in (_title_before(ent), _title_after(ent), _title_reversed(ent)):
            if title and title not in person.titles:
                person.titles.append(title)
                if person.affiliation is None:
                    t_start = text_of(doc).find(title, max(0, ent.start_char - 200))
                    if t_start >= 0:
                        person.affiliation = _affiliation(title, doc, t_start, t_start + len(title))
    return _merge_early_short_forms(registry.people)


def _merge_early_short_forms(people: list[Person]) -> list[Person]:
    """Fold a one-word name used before the full name ("Putin visits ..." in a headline, then
    "President Vladimir Putin") into the one full name it starts or ends, also when NER
    tagged the lone word an organisation; when two full names share the word, it stays apart
    (the text does not say which one)."""
    full = [p for p in people if p.kind == "person" and " " in name_key(p.name)]
    kept: list[Person] = []
    for person in people:
        key = name_key(person.name)
        # NER often tags a lone surname ORG; an all-caps word is an abbreviation, not a name
        one_word_name = person.kind == "person" or not person.name.isupper()
        if " " in key or not one_word_name:
            kept.append(person)
            continue
        owners = [
            f for f in full if key in (name_key(f.name).split()[0], name_key(f.name).split()[-1])
        ]
        if len(owners) != 1:
            kept.append(person)
            continue
        owner = owners[0]
        for alias in (person.name, *person.aliases):
            if alias not in owner.aliases and alias != owner.name:
                owner.aliases.append(alias)
        owner.mentions = sorted({*owner.mentions, *person.mentions})
        owner.titles.extend(t for t in person.titles if t not in owner.titles)
        owner.affiliation = owner.affiliation or person.affiliation
    return kept


def _abbreviation_after(ent: Span, person: Person, registry: _Registry) -> None:
    """ "Long Name (ABBR)": the bracketed word is the organisation's short name."""
    doc = ent.doc
    if ent.end + 2 < len(doc) and doc[ent.end].text == "(" and doc[ent.end + 2].text == ")":
        abbreviation = doc[ent.end + 1].text
        if abbreviation.isupper() and 2 <= len(abbreviation) <= 8:
            registry.link_abbreviation(person, abbreviation)


def person_at(people: Iterable[Person], start: int, end: int) -> Person | None:
    """The person one of whose mentions overlaps ``[start, end)``."""
    for person in people:
        for m_start, m_end in person.mentions:
            if m_start < end and start < m_end:
                return person
    return None
