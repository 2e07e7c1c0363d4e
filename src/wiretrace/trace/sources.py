"""Who an article reports from: citation phrases, and one name per agency or outlet.

Reports name their sources with a handful of formulas ("according to X", "citing X", "as
stated by W, citing A", "X reported", "(With inputs from agencies.)", "Translated from X").
These are found with regular expressions over the text, filtered by the extract stage's
entities when they are given (a PERSON is a speaker, not a wire), and resolved across
articles: the same agency is written in full, as an abbreviation, with "the", or with a
typo, and has to count once. No agency or outlet names are built in: an agency is whatever
these formulas cite.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence

from wiretrace.models import Extraction
from wiretrace.trace.model import Citation, CitationKind, Source

__all__ = ["SourceResolver", "damerau_levenshtein", "find_citations", "initials", "name_key"]

# A proper name: capitalised words, joined by a few lower-case connectors, optionally
# followed by its abbreviation in brackets ("World Weather Agency (WWA)").
# Spaces only inside a name (never a line break); no possessive ("the North's state media"
# cites no "North": see :func:`_acceptable`).
_CAP = r"(?:[A-Z][\w&-]*)"
_NAME = (
    rf"(?:(?:the|The)[ \t]+)?{_CAP}"
    rf"(?:[ \t]+(?:(?:of|for|and|de|du|la|al|the|&)[ \t]+)*{_CAP})*"
    rf"(?:[ \t]+\([A-Z][A-Za-z.]{{1,12}}\))?"
)
_GENERIC = r"(?:state|state-run|state-owned|official|government|local)\s+(?:media|press|news)"

# (pattern, kind, strong): a strong cue cites whatever capitalised name follows it; a weak
# one ("X reported") only an organisation-looking name.
_PATTERNS: list[tuple[re.Pattern[str], CitationKind, bool]] = [
    (
        re.compile(
            rf"\bas\s+(?:reported|stated|said|cited|quoted|carried|announced|published)\s+by\s+"
            rf"(?P<via>{_NAME})(?:,?\s+(?:citing|quoting)\s+(?P<src>{_NAME}))?"
        ),
        "reported-by",
        True,
    ),
    (re.compile(rf"\b[Aa]ccording\s+to\s+(?P<src>{_NAME})"), "according-to", True),
    (re.compile(rf"\b(?:citing|quoting)\s+(?P<src>{_NAME})"), "citing", True),
    (re.compile(rf"\b[Tt]ranslated\s+from\s+(?P<src>{_NAME})"), "translated-from", True),
    (
        re.compile(rf"\b(?:distributed|released|supplied)\s+by\s+(?P<src>{_NAME})"),
        "distributed-by",
        True,
    ),
    (
        re.compile(r"\([Ww]ith\s+(?:inputs|input|reporting)\s+from\s+(?P<src>agencies)\W"),
        "agencies",
        True,
    ),
    (
        re.compile(rf"(?P<src>{_NAME})\s+said\s+in\s+a\s+(?:report|statement|dispatch)"),
        "said-in-report",
        False,
    ),
    (
        re.compile(rf"{_GENERIC},\s+(?P<src>{_NAME}),\s+(?:reported|said|announced)"),
        "reported",
        True,
    ),
    (
        re.compile(rf"(?P<src>{_NAME})\s+(?:reported|has reported|announced|quoted|said)\b"),
        "reported",
        False,
    ),
]
# Words that mark a name as an organisation that publishes news.
_ORG_CUES = frozenset(
    str.split(
        "news agency press wire wires media times post daily herald journal gazette tribune "
        "telegraph chronicle broadcasting broadcaster television tv radio network service bureau "
        "newspaper agencies reuters associated"
    )
)
_NOT_SOURCES = frozenset(
    str.split("he she they it him her them report the report statement media state state media")
)


def name_key(name: str) -> str:
    """A name folded for comparison: no leading "the", possessive, punctuation or case."""
    name = unicodedata.normalize("NFKC", name).strip()
    name = re.sub(r"\s*\([^)]*\)\s*$", "", name)
    name = re.sub(r"^(?:the|The)\s+", "", name)
    name = re.sub(r"^[A-Z][\w]*['’]s\s+", "", name) if " " in name else name
    return " ".join(re.findall(r"[^\W_]+", name.casefold()))


def _abbreviation_in(name: str) -> str | None:
    found = re.search(r"\(([A-Z][A-Za-z.]{1,12})\)\s*$", name)
    return found.group(1).replace(".", "") if found else None


def _display(name: str) -> str:
    """The name as shown: without "the", its bracketed abbreviation or a possessive owner."""
    name = re.sub(r"\s*\([^)]*\)\s*$", "", name.strip())
    name = re.sub(r"^(?:the|The)\s+", "", name)
    return name.strip(" ,.;:")


_CONNECTORS = frozenset({"of", "for", "and", "de", "du", "la", "al", "the", "on", "in", "at"})


def initials(name: str) -> str:
    """Upper-case initials of a name's words, connectors skipped ("News Agency" -> "NA")."""
    return "".join(w[0] for w in name_key(name).split() if w not in _CONNECTORS).upper()


def is_abbreviation(name: str) -> bool:
    """One upper-case word of two letters or more, dots aside ("WWA", "U.N.", "the WWA")."""
    bare = _display(name).replace(".", "")
    return " " not in bare and len(bare) >= 2 and bare.isupper()


def damerau_levenshtein(a: str, b: str) -> int:
    """Edit distance counting a swap of two adjacent letters as one edit (optimal string
    alignment): "NAAS" is one edit from "NASA", as a typist makes it."""
    rows = [[0] * (len(b) + 1) for _ in range(len(a) + 1)]
    for i in range(len(a) + 1):
        rows[i][0] = i
    for j in range(len(b) + 1):
        rows[0][j] = j
    for i in range(1, len(a) + 1):
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            rows[i][j] = min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                rows[i][j] = min(rows[i][j], rows[i - 2][j - 2] + 1)
    return rows[len(a)][len(b)]


def _close(a: str, b: str) -> bool:
    """One edit apart, for strings long enough that one edit is a typo, not another name."""
    return min(len(a), len(b)) >= 4 and damerau_levenshtein(a, b) <= 1


def same_source(a: str, b: str) -> bool:
    """Whether two written names denote the same source (general spelling rules only)."""
    ka, kb = name_key(a), name_key(b)
    if not ka or not kb:
        return False
    if ka == kb:
        return True
    abbr_a, abbr_b = is_abbreviation(a), is_abbreviation(b)
    if abbr_a and abbr_b:
        return _close(ka.upper(), kb.upper())
    if abbr_a != abbr_b:
        abbr, full = (ka.upper(), b) if abbr_a else (kb.upper(), a)
        full_initials = initials(full)
        return len(full_initials) >= 2 and (abbr == full_initials or _close(abbr, full_initials))
    return min(len(ka), len(kb)) >= 8 and damerau_levenshtein(ka, kb) <= 1


class SourceResolver:
    """Groups written names into sources; ``resolve(name)`` gives the canonical name.

    "Long Name (ABBR)" links the two forms directly, whatever the rules say; the canonical
    name is the longest full form seen (an abbreviation only when nothing else is).
    """

    def __init__(self, names: Iterable[str] = ()) -> None:
        self._parent: dict[str, str] = {}
        self._forms: dict[str, set[str]] = {}
        for name in names:
            self.add(name)

    def _find(self, key: str) -> str:
        while self._parent[key] != key:
            self._parent[key] = self._parent[self._parent[key]]
            key = self._parent[key]
        return key

    def _union(self, a: str, b: str) -> None:
        ra, rb = self._find(a), self._find(b)
        if ra != rb:
            self._parent[rb] = ra
            self._forms[ra] |= self._forms.pop(rb)

    def _add_form(self, name: str) -> str:
        display = _display(name)
        key = name_key(display)
        if key not in self._parent:
            self._parent[key] = key
            self._forms[key] = set()
            for other in list(self._parent):
                if other != key and same_source(
                    display, next(iter(self._forms[self._find(other)]), other)
                ):
                    self._union(other, key)
        self._forms[self._find(key)].add(display)
        return key

    def add(self, name: str) -> None:
        """Learn a written name (and its bracketed abbreviation, linked to it)."""
        if not name_key(name):
            return
        key = self._add_form(name)
        abbreviation = _abbreviation_in(name)
        if abbreviation:
            self._union(key, self._add_form(abbreviation))
        # a new form may bridge groups that were apart: compare it with every form seen
        for other in list(self._parent):
            if self._find(other) != self._find(key) and any(
                same_source(form, _display(name)) for form in self._forms[self._find(other)]
            ):
                self._union(key, other)

    def resolve(self, name: str) -> str:
        """The canonical name of the source ``name`` denotes (learning it if new)."""
        key = name_key(_display(name))
        if key not in self._parent:
            self.add(name)
        forms = self._forms[self._find(name_key(_display(name)))]
        full = [f for f in forms if not is_abbreviation(f)]
        pool = full or sorted(forms)
        return max(pool, key=lambda f: (len(f.split()), len(f), f))

    def sources(self) -> list[Source]:
        """Every source with its spellings, canonical name first."""
        out = []
        for root in {self._find(k) for k in self._parent}:
            name = self.resolve(next(iter(self._forms[root])))
            out.append(Source(name, sorted(self._forms[root] - {name})))
        return sorted(out, key=lambda s: s.name)


def _person_spans(extraction: Extraction | None) -> list[tuple[int, int]]:
    if extraction is None:
        return []
    spans = [(e.start, e.end) for e in extraction.entities if e.label == "PERSON"]
    for person in extraction.people:
        if person.kind == "person":
            spans.extend(person.mentions)
    return spans


def _org_names(extraction: Extraction | None) -> set[str]:
    if extraction is None:
        return set()
    names = {name_key(e.text) for e in extraction.entities if e.label == "ORG"}
    for person in extraction.people:
        if person.kind == "organisation":
            names |= {name_key(n) for n in (person.name, *person.aliases)}
    return names


def _looks_like_org(name: str, orgs: set[str]) -> bool:
    key = name_key(name)
    return key in orgs or is_abbreviation(name) or bool(set(key.split()) & _ORG_CUES)


def _acceptable(
    text: str,
    span: tuple[int, int],
    strong: bool,
    persons: Sequence[tuple[int, int]],
    orgs: set[str],
) -> bool:
    start, end = span
    name = text[start:end]
    if text[end : end + 2] in ("'s", "’s"):  # a possessive modifies the real source
        return False
    if re.match(r"\.\s+[A-Z]", text[end : end + 3]) and len(name) <= 5 and not name.isupper():
        return False  # a title before a name: "according to Rep. X"
    key = name_key(name)
    if not key or key in _NOT_SOURCES or len(key) < 2:
        return False
    if key == "agencies":
        return True
    if any(s < end and start < e for s, e in persons) and key not in orgs:
        return False
    return strong or _looks_like_org(name, orgs)


def find_citations(
    article_id: str, text: str, extraction: Extraction | None = None
) -> list[Citation]:
    """Every source ``text`` cites, in text order, one :class:`Citation` per name.

    Quotes' ``via`` chains from the extraction are used too (the nearest source first).
    """
    persons = _person_spans(extraction)
    orgs = _org_names(extraction)
    found: dict[tuple[int, int], Citation] = {}
    for pattern, kind, strong in _PATTERNS:
        for match in pattern.finditer(text):
            via = match.groupdict().get("via")
            src = match.group("src")
            if src is None and via is not None:  # "as reported by W": W is the source
                src, via = via, None
            span = match.span("src") if match.group("src") is not None else match.span("via")
            if (span[0], span[1]) in found or src is None:
                continue
            if not _acceptable(text, span, strong, persons, orgs):
                continue
            through = None
            # "W, citing A": a name that cites is a wire or outlet even if NER took it for a
            # person, so ``via`` skips the person check.
            if via is not None and _acceptable(text, match.span("via"), True, [], orgs):
                through = via.strip()
                found[match.span("via")] = Citation(
                    article_id, through, kind, match.group(0), *match.span("via")
                )
            found[span] = Citation(
                article_id, src.strip(), kind, match.group(0), *match.span(), through
            )
    if extraction is not None:
        for quote in extraction.quotes:
            chain = [v for v in quote.via if _looks_like_org(v, orgs)]
            links = list(zip([None, *chain], chain, strict=False))  # (nearer, further)
            for n, (nearer, further) in enumerate(links):
                found[(quote.start, -1 - n)] = Citation(
                    article_id,
                    _display(further),
                    "according-to",
                    text[quote.start : quote.end],
                    quote.start,
                    quote.end,
                    _display(nearer) if nearer else None,
                )
    return sorted(found.values(), key=lambda c: (c.start, c.end))
