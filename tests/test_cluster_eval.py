"""Evaluation gate for event clustering: ECB+ B-cubed F1 must not silently drop.

Runs what ``python -m benchmarks.cluster --topics all`` runs (wiretrace's default settings
with the extract stage's output, and the TF-IDF agglomerative baseline whose threshold is
chosen on the answers) on all 43 topics (982 documents, 86 events). The floors sit a little
under the figures measured when they were pinned; the measured values are in comments and
in docs/clustering.md. Issue 5's target (0.95) is not met; this only guards what is.

The extractions of the 982 documents are made once and cached in the scratch folder
(``$WIRETRACE_SCRATCH``), so the first run takes a few minutes and later ones seconds.
"""

from __future__ import annotations

import statistics
from typing import Any

import pytest

from benchmarks.cluster import (
    as_article,
    bcubed,
    ecb_extractions,
    order_spread,
    run_baseline,
    run_wiretrace,
)
from benchmarks.datasets import iter_ecbplus
from tests.conftest import needs_shared
from wiretrace.cluster import ClusterSettings

pytestmark = [pytest.mark.slow, needs_shared("ecbplus.tar.gz")]

# Pinned 2026-11-23 with the split of events (split_ratio 0.6), number terms (features
# version 3) and extractor version 27; the same with version 28.
ORDER_0_FLOOR = 0.915  # measured 0.926 (0.903 without the split)
MEAN_OF_8_FLOOR = 0.92  # measured 0.931 (0.916 without the split)
WORST_OF_8_FLOOR = 0.91  # measured 0.924 (0.903 without the split)
# The merge of fragments (off by default), pinned 2026-11-24 with extractor version 28.
MERGE_MEAN_OF_8_FLOOR = 0.93  # measured 0.938 (order 0 0.935, worst 0.934)
MERGE_WORST_OF_8_FLOOR = 0.925


@pytest.fixture(scope="module")
def ecb() -> dict[str, Any]:
    every = list(iter_ecbplus())
    articles = [as_article(i, d) for i, d in enumerate(every)]
    gold = {a.id: d.event for a, d in zip(articles, every, strict=True)}
    return {"articles": articles, "gold": gold, "extractions": ecb_extractions(articles)}


def test_ecb_bcubed_with_the_default_settings_stays_above_its_floor(ecb: dict[str, Any]) -> None:
    pred, _ = run_wiretrace(ecb["articles"], ecb["extractions"])
    assert bcubed(pred, ecb["gold"])[2] >= ORDER_0_FLOOR


def test_ecb_bcubed_over_eight_orders_stays_above_its_floors(ecb: dict[str, Any]) -> None:
    """The ids' order moves the figure (ECB+ has no dates, so articles go in id order): the
    mean and the worst of eight relabellings are pinned too."""
    scores = order_spread(ecb["articles"], ecb["extractions"], ecb["gold"], ClusterSettings(), 8)
    assert statistics.mean(scores) >= MEAN_OF_8_FLOOR
    assert min(scores) >= WORST_OF_8_FLOOR


def test_ecb_bcubed_with_the_merge_stays_above_its_floors(ecb: dict[str, Any]) -> None:
    merging = ClusterSettings(merge=True)
    scores = order_spread(ecb["articles"], ecb["extractions"], ecb["gold"], merging, 8)
    assert statistics.mean(scores) >= MERGE_MEAN_OF_8_FLOOR
    assert min(scores) >= MERGE_WORST_OF_8_FLOOR


def test_ecb_bcubed_beats_the_baseline_tuned_on_the_answers(ecb: dict[str, Any]) -> None:
    pred, _ = run_wiretrace(ecb["articles"], ecb["extractions"])
    base, _, _ = run_baseline(ecb["articles"], ecb["gold"])
    assert bcubed(pred, ecb["gold"])[2] > bcubed(base, ecb["gold"])[2]
