"""The trace stage (issue 5): copies, rewrites, translations and attribution chains.

Twenty articles about one event may be twenty confirmations or one wire story copied twenty
times. This package tells them apart:

==========================  ========================================================
:mod:`~.lsh`                incremental MinHash LSH index over word shingles
:mod:`~.derive`             ``derive(a, b)``: copy / rewrite / translation edge, direction
:mod:`~.sources`            citation phrases, agency name resolution (abbreviations, typos)
:mod:`~.quotes`             one statement quoted in several wordings
:mod:`~.event`              ``trace_event``: chains, lines of reporting, primary sources
:mod:`~.model`              the records (to move into :mod:`wiretrace.models` later)
==========================  ========================================================

Only general rules: no agency or outlet names are built in.
"""

from wiretrace.trace.derive import Background, TracedText, derive, traced
from wiretrace.trace.event import attribution_chains, trace_event
from wiretrace.trace.lsh import (
    NearDuplicateIndex,
    signature_from_bytes,
    signature_from_list,
    signature_to_bytes,
    signature_to_list,
)
from wiretrace.trace.model import (
    AlignedQuote,
    Candidate,
    Citation,
    DerivationEdge,
    EventTrace,
    Evidence,
    LineOfReporting,
    PrimarySource,
    QuoteRendering,
    SentencePair,
    Source,
)
from wiretrace.trace.quotes import align_quotes, quote_similarity
from wiretrace.trace.sources import SourceResolver, find_citations, same_source

__all__ = [
    "AlignedQuote",
    "Background",
    "Candidate",
    "Citation",
    "DerivationEdge",
    "EventTrace",
    "Evidence",
    "LineOfReporting",
    "NearDuplicateIndex",
    "PrimarySource",
    "QuoteRendering",
    "SentencePair",
    "Source",
    "SourceResolver",
    "TracedText",
    "align_quotes",
    "attribution_chains",
    "derive",
    "find_citations",
    "quote_similarity",
    "same_source",
    "signature_from_bytes",
    "signature_from_list",
    "signature_to_bytes",
    "signature_to_list",
    "trace_event",
    "traced",
]
