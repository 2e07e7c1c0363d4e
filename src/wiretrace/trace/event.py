"""Tracing a group of reports on one event: lines of reporting and their primary sources.

This is the answer to "twenty articles: twenty confirmations or one wire story copied
twenty times?". Articles linked by copy, rewrite or translation edges form one *line of
reporting* (a connected component); each line counts once. The attribution chains of the
line's articles (origin -> wire -> outlet) give its *primary sources*, the chain roots, and
a primary source reached by three lines has three independent confirmations, however many
articles repeat them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import date

from wiretrace.models import Article, Extraction
from wiretrace.trace.derive import Background, TracedText, derive, traced
from wiretrace.trace.lsh import NearDuplicateIndex
from wiretrace.trace.model import (
    Citation,
    DerivationEdge,
    EventTrace,
    LineOfReporting,
    PrimarySource,
)
from wiretrace.trace.quotes import align_quotes
from wiretrace.trace.sources import SourceResolver, find_citations
from wiretrace.unionfind import Components

__all__ = ["attribution_chains", "trace_event"]

# Above this many articles, pairs come from the LSH indexes instead of all pairs.
ALL_PAIRS_LIMIT = 60
_ARTICLE_LEVEL = ("translated-from", "agencies")


def attribution_chains(
    citations: Sequence[Citation], resolver: SourceResolver, outlet: str | None
) -> list[list[str]]:
    """One article's chains, origin first and its outlet last (resolved names).

    ``X, citing Y`` puts Y before X; a "Translated from X" or "(With inputs from agencies)"
    source stands between every origin and the outlet, since the whole text came through
    it.
    """
    own = resolver.resolve(outlet) if outlet else None
    through: dict[str, str] = {}
    middles: set[str] = set()
    article_level: list[str] = []
    named: list[str] = []
    for citation in citations:
        name = resolver.resolve(citation.source)
        if citation.kind in _ARTICLE_LEVEL:
            if name not in article_level:
                article_level.append(name)
            continue
        if citation.through:
            via = resolver.resolve(citation.through)
            through.setdefault(name, via)
            middles.add(via)
        if name not in named:
            named.append(name)
    roots = [n for n in named if n not in middles and n != own and n not in article_level]
    chains: list[list[str]] = []
    starts: list[str | None] = list(roots) or [None]
    for root in starts:
        chain: list[str] = [root] if root else []
        if root in through:
            chain.append(through[root])
        chain.extend(n for n in article_level if n not in chain)
        if own and own not in chain:
            chain.append(own)
        if chain:
            chains.append(chain)
    return chains


def _candidate_pairs(texts: Sequence[TracedText]) -> list[tuple[int, int]]:
    if len(texts) <= ALL_PAIRS_LIMIT:
        return [(i, j) for i in range(len(texts)) for j in range(i + 1, len(texts))]
    near = NearDuplicateIndex(threshold=0.3)
    topical = NearDuplicateIndex(threshold=0.3, unit="content-words")
    position = {t.article_id: k for k, t in enumerate(texts)}
    pairs: set[tuple[int, int]] = set()
    for k, text in enumerate(texts):
        for index in (near, topical):
            for candidate in index.add_and_query(text.article_id, text.text):
                other = position[candidate.article_id]
                pairs.add((min(k, other), max(k, other)))
    return sorted(pairs)


def _components(ids: Sequence[str], edges: Sequence[DerivationEdge]) -> list[list[str]]:
    components = Components(ids)
    for edge in edges:
        components.join(edge.derived, edge.source)
    return components.groups(ids)


def _day(value: object) -> str:
    """A sortable day for a ``date`` or ``datetime`` (mixed inputs must not raise)."""
    return value.isoformat()[:10] if isinstance(value, date) else ""


def trace_event(
    articles: Sequence[Article | TracedText],
    extractions: Sequence[Extraction | None] | None = None,
) -> EventTrace:
    """Derivation edges, citations, chains, lines of reporting and primary sources.

    ``extractions`` (in the order of ``articles``) are optional; with them, quotes' ``via``
    chains, entity types and named people sharpen every step.
    """
    given = list(extractions) if extractions is not None else [None] * len(articles)
    texts = [traced(a, e) for a, e in zip(articles, given, strict=True)]
    # One canonical order (dated first, by date, then by id), so the trace of a group does
    # not depend on the order its articles were passed in.
    texts.sort(key=lambda t: (t.published is None, _day(t.published), t.article_id))
    background = Background.of(texts)
    edges = [
        edge
        for i, j in _candidate_pairs(texts)
        if (edge := derive(texts[i], texts[j], background=background)) is not None
    ]
    citations = {t.article_id: find_citations(t.article_id, t.text, t.extraction) for t in texts}
    resolver = SourceResolver()
    for text in texts:
        if text.outlet:
            resolver.add(text.outlet)
        for citation in citations[text.article_id]:
            resolver.add(citation.source)
            if citation.through:
                resolver.add(citation.through)
    chains = {
        t.article_id: attribution_chains(citations[t.article_id], resolver, t.outlet) for t in texts
    }
    _inherit_chains(chains, edges, texts, resolver)
    trace = EventTrace(
        edges=edges,
        citations=[c for t in texts for c in citations[t.article_id]],
        chains=chains,
        sources=resolver.sources(),
        quotes=align_quotes(
            {t.article_id: t.extraction.quotes for t in texts if t.extraction is not None}
        ),
    )
    trace.lines = _lines(texts, edges, chains)
    trace.primary_sources = _primary(trace.lines, chains)
    return trace


def _inherit_chains(
    chains: dict[str, list[list[str]]],
    edges: Sequence[DerivationEdge],
    texts: Sequence[TracedText],
    resolver: SourceResolver,
) -> None:
    """A derived article reached its origin through its source article: a bare chain
    ``[origin, outlet]`` becomes the source's chain for that origin plus the outlet."""
    outlets = {t.article_id: resolver.resolve(t.outlet) if t.outlet else None for t in texts}
    for edge in edges:
        if not edge.directed:
            continue
        upstream = {c[0]: c for c in chains.get(edge.source, []) if c}
        own = outlets[edge.derived]
        updated = []
        for chain in chains.get(edge.derived, []):
            bare = chain[1:] in ([], [own]) if own else len(chain) == 1
            if chain and bare and chain[0] in upstream:
                longer = list(upstream[chain[0]])
                if own and own not in longer:
                    longer.append(own)
                updated.append(longer)
            else:
                updated.append(chain)
        chains[edge.derived] = updated


def _lines(
    texts: Sequence[TracedText], edges: Sequence[DerivationEdge], chains: dict[str, list[list[str]]]
) -> list[LineOfReporting]:
    order = {t.article_id: k for k, t in enumerate(texts)}
    published = {t.article_id: t.published for t in texts}
    derived = {e.derived for e in edges if e.directed}
    lines = []
    for members in _components([t.article_id for t in texts], edges):
        members.sort(key=order.__getitem__)
        heads = [m for m in members if m not in derived] or members
        origin = min(heads, key=lambda m: (published[m] is None, published[m] or 0, order[m]))
        roots: list[str] = []
        for member in members:
            for chain in chains.get(member, []):
                if chain and chain[0] not in roots:
                    roots.append(chain[0])
        lines.append(LineOfReporting(members, origin, roots))
    lines.sort(key=lambda line: order[line.articles[0]])
    return lines


def _primary(
    lines: Sequence[LineOfReporting], chains: dict[str, list[list[str]]]
) -> list[PrimarySource]:
    by_lines: Counter[str] = Counter()
    by_articles: Counter[str] = Counter()
    for line in lines:
        by_lines.update(set(line.roots))
        for member in line.articles:
            by_articles.update({c[0] for c in chains.get(member, []) if c})
    return [
        PrimarySource(name, by_lines[name], by_articles[name])
        for name in sorted(by_lines, key=lambda n: (-by_lines[n], -by_articles[n], n))
    ]
