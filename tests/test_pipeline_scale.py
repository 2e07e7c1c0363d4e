"""The sample events hold when ~1,000 real, unrelated news articles are stored first.

ECB+ (../shared/eval/ecbplus.tar.gz) gives 982 news documents in 43 topics; they go in as
JSONL, then the samples. The samples' events must be exactly what they are alone, and no
ECB+ document may land in them, as primary or as mention. Extraction is off here: this is a
clustering test, and parsing 982 documents would only add minutes.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.datasets import ecbplus_jsonl
from tests.conftest import needs_shared
from wiretrace import Wiretrace

pytestmark = [pytest.mark.slow, needs_shared("ecbplus.tar.gz")]


def sample_events(wt: Wiretrace) -> set[frozenset[tuple[str, str]]]:
    """Events holding a sample, as sets of (file name, role)."""
    sources = {a.id: a.source for a in wt.articles()}
    result = set()
    for event in wt.events():
        members = frozenset((Path(sources[m.article_id]).name, m.role) for m in event.members)
        if any(name.endswith(".txt") for name, _ in members):
            result.add(members)
    return result


def test_background_corpus_leaves_sample_events_unchanged(seeds_dir: Path, tmp_path: Path) -> None:
    with Wiretrace(tmp_path / "alone.db", extract=False) as alone:
        alone.ingest([seeds_dir])
        expected = sample_events(alone)

    jsonl = tmp_path / "ecbplus.jsonl"
    docs = ecbplus_jsonl(jsonl)
    assert len(docs) > 900
    with Wiretrace(tmp_path / "big.db", extract=False) as wt:
        first = wt.ingest([jsonl])
        second = wt.ingest([seeds_dir])
        got = sample_events(wt)
    # A few ECB+ documents are a bare headline (and date) with no body: rightly rejected.
    for rejection in first.rejected:
        line = int(rejection.source.rsplit(":", 1)[1])
        assert len(docs[line - 1].text.split("\n")) <= 2, rejection
        assert rejection.reason == "no article text after cleaning"
    assert len(first.added) == len(docs) - len(first.rejected)
    assert second.ok and len(second.added) == 5
    assert got == expected
    for members in got:
        assert all(name.endswith(".txt") for name, _ in members), "an ECB+ document landed"
