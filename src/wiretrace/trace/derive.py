"""Is one article a copy, a rewrite or a translation of another, and which came first?

Three kinds of evidence, from cheapest to most tolerant of editing:

* **copy**: word shingles. A copy with boilerplate added, a headline changed or a paragraph
  dropped keeps most of its 5-word shingles, so one text is largely *contained* in the other
  even when their Jaccard similarity is lower.
* **rewrite**: sentence alignment. Reordering, synonym swaps and SEO padding destroy
  shingles but keep, sentence by sentence, most content words: sentences are paired
  one-to-one by content-word overlap and the aligned share of each text is measured. Heavy
  paraphrase (a language model's rewrite) keeps less; within a group of reports on one
  event (``background``) a pair that shares more than the event's common vocabulary *and*
  a secondary source no other line has (the same expert, the same background paragraph)
  is a rewrite too: independent reports share the event, not their particular sources.
* **translation**: different languages with the same names and numbers, or a translation
  cue in one text ("Translated from X", "using generative AI") naming the other's outlet.

Direction: an earlier publication date is the source; otherwise the text that the other
covers more completely is the source (the derived text adds padding or boilerplate);
otherwise the text keeping more direct quotes (rewriters turn them into reported speech);
otherwise the edge is undirected.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

from wiretrace.cluster.features import term_idf
from wiretrace.models import Article, Extraction
from wiretrace.trace.model import (
    DerivationEdge,
    DerivationType,
    DirectionBasis,
    Evidence,
    SentencePair,
)
from wiretrace.trace.quotes import quote_similarity
from wiretrace.trace.sources import name_key, same_source
from wiretrace.trace.text import containment, content_words, jaccard, sentences, shingles

__all__ = ["Background", "TracedText", "derive", "traced"]

COPY_CONTAINMENT = 0.8  # share of one text's shingles found in the other
SENTENCE_MATCH = 0.5  # content-word Dice at which two sentences say the same thing
REWRITE_ALIGNED = 0.45  # aligned share (of the better-covered text) for a rewrite
REWRITE_MIN_SENTENCES = 3
GROUP_SIMILARITY = 0.16  # event-weighted similarity for a rewrite sharing a secondary source
TRANSLATION_ANCHORS = 0.4
DIRECTION_MARGIN = 0.05

_TRANSLATION_CUE = re.compile(
    r"\b(?:[Tt]ranslated\s+(?:from|by)\b[^.\n]*|[Uu]sing\s+generative\s+AI\b[^.\n]*"
    r"|[Mm]achine[- ]translat\w*[^.\n]*)"
)
_TRANSLATED_FROM = re.compile(
    r"[Tt]ranslated\s+from\s+(?:the\s+)?([A-Z][\w&-]*(?:[ \t]+[A-Z][\w&-]*)*)"
)
_ANCHOR = re.compile(r"\b(?:[A-Z][\w-]{2,}|\d[\d.,]*)")
_QUOTED = re.compile(r"[\"“]([^\"“”]{12,}?)[\"”]")


@dataclass
class TracedText:
    """An article as the trace stage compares it; features are computed once, lazily."""

    article_id: str
    text: str
    published: date | None = None
    language: str | None = None
    outlet: str | None = None
    extraction: Extraction | None = None

    @cached_property
    def shingles(self) -> set[str]:
        return shingles(self.text)

    @cached_property
    def sentences(self) -> list[tuple[str, frozenset[str]]]:
        out = []
        for sentence in sentences(self.text):
            words = frozenset(content_words(sentence))
            if len(words) >= 3:
                out.append((sentence, words))
        return out

    @cached_property
    def content(self) -> Counter[str]:
        return Counter(content_words(self.text))

    @cached_property
    def anchors(self) -> set[str]:
        return {a.casefold() for a in _ANCHOR.findall(self.text)}

    @cached_property
    def cue(self) -> str | None:
        found = _TRANSLATION_CUE.search(self.text)
        return found.group(0).strip() if found else None

    @cached_property
    def translated_from(self) -> str | None:
        found = _TRANSLATED_FROM.search(self.text)
        return found.group(1) if found else None

    @cached_property
    def quotes(self) -> list[str]:
        if self.extraction is not None:
            return [q.text for q in self.extraction.quotes if q.kind != "indirect"]
        return _QUOTED.findall(self.text)

    @cached_property
    def direct_quotes(self) -> int:
        if self.extraction is not None:
            return sum(1 for q in self.extraction.quotes if q.kind == "direct")
        return len(_QUOTED.findall(self.text))

    @cached_property
    def secondary_people(self) -> set[str]:
        """Named people of the article (folded), for the group rule."""
        if self.extraction is None:
            return set()
        return {
            name_key(p.name).replace(" ", "") for p in self.extraction.people if p.kind == "person"
        }


def traced(article: Article | TracedText, extraction: Extraction | None = None) -> TracedText:
    """A :class:`TracedText` for an article (the article's own fields, the given extraction)."""
    if isinstance(article, TracedText):
        if extraction is not None and article.extraction is None:
            article.extraction = extraction
        return article
    return TracedText(
        article.id, article.text, article.published, article.language, article.outlet, extraction
    )


@dataclass
class Background:
    """Document frequencies in a group of reports on one event (see module docstring)."""

    size: int
    terms: Counter[str] = field(default_factory=Counter)
    people: Counter[str] = field(default_factory=Counter)

    @classmethod
    def of(cls, texts: Iterable[TracedText]) -> Background:
        items = list(texts)
        terms: Counter[str] = Counter()
        people: Counter[str] = Counter()
        for item in items:
            terms.update(set(item.content))
            people.update(item.secondary_people)
        return cls(len(items), terms, people)

    def weight(self, term: str) -> float:
        """Rarer in the group, more telling: log((n + 1) / df) times general rarity."""
        return math.log((self.size + 1) / max(1, self.terms[term])) * term_idf(term)


def _align(a: TracedText, b: TracedText) -> tuple[list[SentencePair], float, float]:
    """One-to-one sentence pairs (best first) and the aligned share of each text."""
    pairs: list[tuple[float, int, int]] = []
    by_word: dict[str, list[int]] = {}
    for j, (_, words) in enumerate(b.sentences):
        for word in words:
            by_word.setdefault(word, []).append(j)
    for i, (_, words) in enumerate(a.sentences):
        shared: Counter[int] = Counter()
        for word in words:
            shared.update(by_word.get(word, ()))
        for j, count in shared.items():
            dice = 2 * count / (len(words) + len(b.sentences[j][1]))
            if dice >= SENTENCE_MATCH:
                pairs.append((dice, i, j))
    pairs.sort(key=lambda p: (-p[0], p[1], p[2]))
    used_a: set[int] = set()
    used_b: set[int] = set()
    aligned: list[SentencePair] = []
    for dice, i, j in pairs:
        if i in used_a or j in used_b:
            continue
        used_a.add(i)
        used_b.add(j)
        aligned.append(SentencePair(a.sentences[i][0], b.sentences[j][0], round(dice, 3)))
    total_a = sum(len(w) for _, w in a.sentences) or 1
    total_b = sum(len(w) for _, w in b.sentences) or 1
    share_a = sum(len(a.sentences[i][1]) for i in used_a) / total_a
    share_b = sum(len(b.sentences[j][1]) for j in used_b) / total_b
    return aligned, share_a, share_b


def _group_similarity(a: TracedText, b: TracedText, background: Background) -> tuple[float, float]:
    """Event-weighted share of each text's content words found in the other.

    Sums run in sorted order: a set's order changes with the process's hash seed, and float
    sums in another order differ in the last digit (and the export with them)."""
    sa, sb = set(a.content), set(b.content)
    shared = math.fsum(background.weight(t) for t in sorted(sa & sb))
    total_a = math.fsum(background.weight(t) for t in sorted(sa)) or 1.0
    total_b = math.fsum(background.weight(t) for t in sorted(sb)) or 1.0
    return shared / total_a, shared / total_b


def _shared_secondary(a: TracedText, b: TracedText, background: Background) -> set[str]:
    limit = 0.6 * background.size
    return {
        p
        for p in a.secondary_people & b.secondary_people
        if background.people[p] <= limit and background.people[p] < background.size
    }


def _shared_quotes(a: TracedText, b: TracedText) -> list[str]:
    out = []
    for qa in a.quotes:
        if any(quote_similarity(qa, qb) >= 0.5 for qb in b.quotes):
            out.append(qa)
    return out


def _languages_differ(a: TracedText, b: TracedText) -> bool:
    return bool(a.language and b.language and a.language != b.language)


def _cites_outlet(cue_source: str | None, outlet: str | None) -> bool:
    return bool(cue_source and outlet and same_source(cue_source, outlet))


def _classify(
    a: TracedText, b: TracedText, background: Background | None
) -> tuple[DerivationType, float, float, float, Evidence] | None:
    """The edge type, its score and each text's covered share, or None for no edge."""
    evidence = Evidence(languages=(a.language, b.language))
    if a.shingles and b.shingles:
        evidence.shingle_jaccard = round(jaccard(a.shingles, b.shingles), 4)
        cover_a = containment(a.shingles, b.shingles)
        cover_b = containment(b.shingles, a.shingles)
        if max(cover_a, cover_b) >= COPY_CONTAINMENT:
            return "copy", max(cover_a, cover_b), cover_a, cover_b, evidence
    else:
        cover_a = cover_b = 0.0
    aligned, share_a, share_b = _align(a, b)
    evidence.shared_sentences = aligned[:20]
    if len(aligned) >= REWRITE_MIN_SENTENCES and max(share_a, share_b) >= REWRITE_ALIGNED:
        return "rewrite", max(share_a, share_b), share_a, share_b, evidence
    if _languages_differ(a, b):
        anchors = jaccard(a.anchors, b.anchors)
        if anchors >= TRANSLATION_ANCHORS:
            return "translation", anchors, share_a, share_b, evidence
    if background is not None and background.size >= 3:
        ga, gb = _group_similarity(a, b, background)
        similarity = 2 * ga * gb / (ga + gb) if ga + gb else 0.0
        if similarity >= GROUP_SIMILARITY and _shared_secondary(a, b, background):
            return "rewrite", similarity, ga, gb, evidence
        for cue_text, other in ((a, b), (b, a)):
            if _cites_outlet(cue_text.translated_from, other.outlet) and similarity >= 0.1:
                return "translation", similarity, ga, gb, evidence
    return None


def derive(
    a: Article | TracedText,
    b: Article | TracedText,
    extraction_a: Extraction | None = None,
    extraction_b: Extraction | None = None,
    *,
    background: Background | None = None,
) -> DerivationEdge | None:
    """The derivation edge between two articles, or ``None`` when neither derives from the
    other. ``background`` (the event's reports, :meth:`Background.of`) enables the
    group rule for heavy paraphrase; without it only text evidence counts."""
    ta, tb = traced(a, extraction_a), traced(b, extraction_b)
    found = _classify(ta, tb, background)
    if found is None:
        return None
    kind, score, cover_a, cover_b, evidence = found
    evidence.shared_quotes = _shared_quotes(ta, tb)
    evidence.cue = ta.cue or tb.cue
    source, derived, basis = _direction(ta, tb, kind, cover_a, cover_b)
    if source is ta:
        evidence.containment_source, evidence.containment_derived = cover_a, cover_b
    else:
        evidence.containment_source, evidence.containment_derived = cover_b, cover_a
    evidence.aligned_source = round(evidence.containment_source, 4)
    evidence.aligned_derived = round(evidence.containment_derived, 4)
    return DerivationEdge(
        source=source.article_id,
        derived=derived.article_id,
        type=kind,
        score=round(score, 4),
        directed=basis != "none",
        direction_basis=basis,
        evidence=evidence,
    )


def _direction(
    a: TracedText, b: TracedText, kind: DerivationType, cover_a: float, cover_b: float
) -> tuple[TracedText, TracedText, DirectionBasis]:
    """(source, derived, basis); see the module docstring for the order of the rules."""
    if a.published and b.published and a.published != b.published:
        return (a, b, "date") if a.published < b.published else (b, a, "date")
    if kind == "translation" and bool(a.cue) != bool(b.cue):
        return (b, a, "cue") if a.cue else (a, b, "cue")
    if abs(cover_a - cover_b) >= DIRECTION_MARGIN:
        # the text more fully found in the other is the source: the other added to it
        return (a, b, "containment") if cover_a > cover_b else (b, a, "containment")
    if a.direct_quotes != b.direct_quotes:
        return (a, b, "quotes") if a.direct_quotes > b.direct_quotes else (b, a, "quotes")
    return a, b, "none"


def pairs_to_compare(texts: Sequence[TracedText]) -> list[tuple[int, int]]:
    """Every pair of a small group; callers with thousands use the LSH index instead."""
    return [(i, j) for i in range(len(texts)) for j in range(i + 1, len(texts))]
