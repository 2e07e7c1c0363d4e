"""The per-article work apart from the store (``wiretrace.processing``), and storing what
was processed elsewhere (``Wiretrace.ingest_processed``): the seam Spark uses."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import SEEDS, split
from wiretrace import Wiretrace
from wiretrace.cluster import ClusterSettings
from wiretrace.errors import UsageError
from wiretrace.ingest import iter_documents
from wiretrace.models import Rejection
from wiretrace.processing import ArticleProcessor


def _events(wt: Wiretrace) -> list[tuple[str, list[str]]]:
    return [(e.id, e.article_ids()) for e in wt.events()]


def test_processed_elsewhere_then_stored_equals_ingest(tmp_path: Path) -> None:
    docs, _ = split(iter_documents([SEEDS]))
    with Wiretrace(tmp_path / "direct.db", extract=False) as direct:
        direct.ingest_documents(docs)
        expected = _events(direct)
        exported = json.loads(direct.export("json") or "")
    with Wiretrace(tmp_path / "processed.db", extract=False) as target:
        processed = ArticleProcessor(target.settings, None).process(docs)
        bad = Rejection("elsewhere.jsonl:3", "malformed JSON")
        report = target.ingest_processed([*processed, bad])
        assert len(report.added) == len(docs) and report.rejected == [bad]
        assert _events(target) == expected
        assert json.loads(target.export("json") or "") == exported
        again = target.ingest_processed(processed)  # nothing stored twice
        assert again.added == [] and len(again.skipped) == len(docs)


def test_rows_made_with_other_settings_are_refused(tmp_path: Path) -> None:
    docs, _ = split(iter_documents([SEEDS]))
    other = ClusterSettings(max_terms=50)  # shapes the features, so their kind
    processed = ArticleProcessor(other, None).process(docs[:1])
    with Wiretrace(tmp_path / "w.db", extract=False) as wt, pytest.raises(UsageError):
        wt.ingest_processed(processed)
    with Wiretrace(tmp_path / "w.db", extract=False) as wt:
        assert wt.store.count_articles() == 0
