"""The trace stage's records: derivation edges, citations, chains, lines of reporting.

They live here (not in :mod:`wiretrace.models`) until the store and the API learn them; they
are plain dataclasses with no behaviour, so moving them later changes imports only.
Article ids are the :class:`wiretrace.models.Article` ids; sources are named by the
canonical name :class:`~wiretrace.trace.sources.SourceResolver` gives them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

DerivationType = Literal["copy", "rewrite", "translation"]
# How an edge's direction was decided: by publication dates, by which text contains more of
# the other (the padded or extended text derives from the leaner one), by a cue in one text
# ("Translated from ..."), by which keeps more direct quotes, or not at all (``directed`` is
# then False).
DirectionBasis = Literal["date", "containment", "cue", "quotes", "none"]
CitationKind = Literal[
    "according-to",
    "citing",
    "reported-by",
    "reported",
    "said-in-report",
    "translated-from",
    "agencies",
    "distributed-by",
    "named",
]


@dataclass(frozen=True)
class Candidate:
    """An indexed article that may be a near-duplicate of the queried text."""

    article_id: str
    jaccard: float  # estimated Jaccard similarity of the word-shingle sets


@dataclass(frozen=True)
class SentencePair:
    """A sentence of the source and the sentence of the derived text aligned with it."""

    source: str
    derived: str
    similarity: float


@dataclass
class Evidence:
    """Why an edge was drawn, in figures a reader can check.

    ``containment_source`` is the share of the source's shingles found in the derived text,
    ``containment_derived`` the share of the derived text's shingles found in the source:
    a copy with boilerplate added has the first near 1 and the second lower.
    ``aligned_source``/``aligned_derived`` are the same shares counted in aligned sentences.
    """

    shingle_jaccard: float = 0.0
    containment_source: float = 0.0
    containment_derived: float = 0.0
    aligned_source: float = 0.0
    aligned_derived: float = 0.0
    shared_sentences: list[SentencePair] = field(default_factory=list)
    shared_quotes: list[str] = field(default_factory=list)
    cue: str | None = None
    languages: tuple[str | None, str | None] = (None, None)


@dataclass
class DerivationEdge:
    """``derived`` was made from ``source`` by copying, rewriting or translating it.

    When ``directed`` is False the texts give no way to tell which came first and the two
    ids are in input order.
    """

    source: str
    derived: str
    type: DerivationType
    score: float
    directed: bool = True
    direction_basis: DirectionBasis = "none"
    evidence: Evidence = field(default_factory=Evidence)


@dataclass(frozen=True)
class Citation:
    """An article naming a source it reports from.

    ``source`` is the name as written ("the WWA"); ``through`` the intermediary the same
    phrase names ("as stated by W, citing A" gives ``source`` A ``through`` W, and a second
    citation of W itself). ``phrase`` is the matched text, ``start``/``end`` its offsets in
    the article's text.
    """

    article_id: str
    source: str
    kind: CitationKind
    phrase: str
    start: int
    end: int
    through: str | None = None


@dataclass
class Source:
    """One agency or outlet with every spelling seen ("World Weather Agency", "WWA", typos)."""

    name: str
    aliases: list[str] = field(default_factory=list)


@dataclass
class LineOfReporting:
    """Articles that are copies, rewrites or translations of each other, and their roots.

    ``origin`` is the article the others derive from when the edges say so (else the
    earliest or first); ``roots`` the primary sources its articles cite.
    """

    articles: list[str]
    origin: str
    roots: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class PrimarySource:
    """A chain root and how many independent lines and articles reach it."""

    name: str
    lines: int
    articles: int


@dataclass(frozen=True)
class QuoteRendering:
    """One article's wording of a statement."""

    article_id: str
    text: str
    start: int
    end: int
    speaker: str | None


@dataclass
class AlignedQuote:
    """One statement quoted (in several wordings) by several articles."""

    speaker: str | None
    renderings: list[QuoteRendering] = field(default_factory=list)
    similarity: float = 0.0

    @property
    def article_ids(self) -> list[str]:
        return sorted({r.article_id for r in self.renderings})


@dataclass
class EventTrace:
    """Everything the trace stage says about a group of articles (one event).

    ``chains`` maps each article to its attribution chains, origin first and the article's
    own outlet last (several when it cites several independent origins).
    """

    edges: list[DerivationEdge] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)
    chains: dict[str, list[list[str]]] = field(default_factory=dict)
    lines: list[LineOfReporting] = field(default_factory=list)
    primary_sources: list[PrimarySource] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)
    quotes: list[AlignedQuote] = field(default_factory=list)

    @property
    def independent_lines(self) -> int:
        return len(self.lines)
