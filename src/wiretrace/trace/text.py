"""Text normalisation shared by every trace step: words, shingles, sentences, content words.

Copies and rewrites differ from their source mostly in things that carry no meaning for
tracing (curly versus straight quotes, case, full-width characters, British or American
spelling of a few suffixes, the boilerplate around the article), so every comparison in
:mod:`wiretrace.trace` first folds those away here, the same way for every text. The rules
are language-neutral apart from a small English stop-word list, which only thins the
content-word sets (a text in another language keeps all its words, which is harmless).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from functools import lru_cache

__all__ = [
    "STOPWORDS",
    "char_ngrams",
    "content_words",
    "normalise",
    "sentences",
    "shingles",
    "stem",
    "words",
]

_WORD = re.compile(r"[^\W_]+")
# Apostrophes ("Moreau's", "don't") are dropped rather than split on, so that "factory's" and
# "factory’s" and "factorys" give the same shingles.
_APOSTROPHES = str.maketrans("", "", "'’`´")

STOPWORDS: frozenset[str] = frozenset(
    str.split(
        "a about above after again against all also am an and any are as at be because been "
        "before being below between both but by can could did do does doing down during each few "
        "for from further had has have having he her here hers herself him himself his how i if "
        "in into is it its itself just me more most my myself no nor not now of off on once only "
        "or other our ours ourselves out over own same she should so some such than that the "
        "their theirs them themselves then there these they this those through to too under until "
        "up very was we were what when where which while who whom why will with would you your "
        "yours yourself yourselves said says say saying told according also its it's this that "
        "would could may might must shall one two new mr ms mrs s t"
    )
)


def normalise(text: str) -> str:
    """Lowercase, NFKC-folded text with punctuation turned into single spaces."""
    text = unicodedata.normalize("NFKC", text).casefold()
    return " ".join(_WORD.findall(text.translate(_APOSTROPHES)))


def words(text: str) -> list[str]:
    """The normalised words of ``text``, in order."""
    text = unicodedata.normalize("NFKC", text).casefold()
    return _WORD.findall(text.translate(_APOSTROPHES))


def shingles(text: str, size: int = 5) -> set[str]:
    """The set of ``size``-word shingles of the normalised text.

    A text shorter than ``size`` words gives one shingle (the whole text), so short texts
    still have a signature; an empty text gives the empty set.
    """
    tokens = words(text)
    if len(tokens) < size:
        return {" ".join(tokens)} if tokens else set()
    return {" ".join(tokens[i : i + size]) for i in range(len(tokens) - size + 1)}


# A sentence ends at . ! ? (with any closing quotes or brackets) before whitespace and an
# opening capital, digit or quote; a line break always ends one. A full stop after a
# one-letter word or a common abbreviation ("U.S.", "Rep.", "Inc.") does not.
_SENTENCE_END = re.compile(
    r"(?P<word>\S*?)(?P<stop>[.!?][\"'”’)\]]*)\s+(?=[\"'“‘(\[]?[A-Z0-9À-ÖØ-Þ])|\n+"
)
_ABBREVIATIONS = frozenset(
    str.split(
        "mr mrs ms dr prof rep sen gov gen col lt capt sgt st jr sr inc co corp ltd no vs etc jan "
        "feb mar apr jun jul aug sep sept oct nov dec u.s u.k u.n e.g i.e"
    )
)


def _is_abbreviation(word: str) -> bool:
    bare = word.lstrip("\"'“‘([").casefold()
    return len(bare) <= 1 or bare in _ABBREVIATIONS or bool(re.fullmatch(r"(\w\.)+\w", bare))


def sentences(text: str) -> list[str]:
    """The sentences of ``text`` (paragraph and line breaks always end one)."""
    out: list[str] = []
    begin = 0
    for match in _SENTENCE_END.finditer(text):
        if match.group("stop") is not None:
            if match.group("stop")[0] == "." and _is_abbreviation(match.group("word")):
                continue
            cut = match.end("stop")
        else:
            cut = match.start()
        part = text[begin:cut].strip()
        if part:
            out.append(part)
        begin = match.end()
    tail = text[begin:].strip()
    if tail:
        out.append(tail)
    return out


# Suffixes folded so that inflections and the two common English spellings meet: a crude
# stemmer is enough because both texts go through the same one.
_SUFFIXES = (
    "isations",
    "izations",
    "isation",
    "ization",
    "ising",
    "izing",
    "ised",
    "ized",
    "ises",
    "izes",
    "ise",
    "ize",
    "ments",
    "ment",
    "ness",
    "ities",
    "ity",
    "ings",
    "ing",
    "ies",
    "ied",
    "ers",
    "er",
    "ed",
    "es",
    "ly",
    "s",
)


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """A crude suffix-stripping stem ("coloured" and "colored" both give "color")."""
    word = word.replace("our", "or") if word.endswith(("our", "ours", "oured", "ouring")) else word
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            break
    return word.replace("our", "or") if word.endswith("our") else word


def content_words(text: str) -> list[str]:
    """Stems of the words that carry content: no stop words, no one-letter words."""
    return [stem(w) for w in words(text) if w not in STOPWORDS and len(w) > 1]


def char_ngrams(text: str, size: int = 3) -> set[str]:
    """Character ``size``-grams of the normalised text (spaces kept, padded at the ends)."""
    norm = f" {normalise(text)} "
    if len(norm) <= size:
        return {norm}
    return {norm[i : i + size] for i in range(len(norm) - size + 1)}


def jaccard(a: Iterable[str], b: Iterable[str]) -> float:
    """Jaccard similarity of two collections taken as sets (0 when both are empty)."""
    sa, sb = set(a), set(b)
    union = len(sa | sb)
    return len(sa & sb) / union if union else 0.0


def containment(a: Iterable[str], b: Iterable[str]) -> float:
    """The share of ``a``'s distinct items that are also in ``b`` (0 when ``a`` is empty)."""
    sa, sb = set(a), set(b)
    return len(sa & sb) / len(sa) if sa else 0.0


def weighted_overlap(a: Sequence[str], b: Sequence[str]) -> float:
    """Dice coefficient of two content-word lists as sets."""
    sa, sb = set(a), set(b)
    total = len(sa) + len(sb)
    return 2 * len(sa & sb) / total if total else 0.0
