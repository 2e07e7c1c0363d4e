"""Event traces as JSON records: what ``wiretrace trace --json`` prints and the export carries.

The shape is documented in ``docs/trace.md``; every edge keeps its evidence so a reader can
check why two reports were linked.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from wiretrace.trace.model import EventTrace

__all__ = ["trace_record"]


def trace_record(trace: EventTrace) -> dict[str, Any]:
    """The trace of one event as JSON-ready data."""
    return {
        "independent_lines": trace.independent_lines,
        "primary_sources": [asdict(p) for p in trace.primary_sources],
        "lines": [asdict(line) for line in trace.lines],
        "chains": {article: chains for article, chains in trace.chains.items()},
        "edges": [asdict(edge) for edge in trace.edges],
        "citations": [asdict(c) for c in trace.citations],
        "sources": [asdict(s) for s in trace.sources],
        "quotes": [{**asdict(q), "article_ids": q.article_ids} for q in trace.quotes],
    }
