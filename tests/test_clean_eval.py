"""Cleaning quality cannot silently drop: pinned floors on trafilatura's evaluation set.

Runs ``benchmarks.clean`` once on the held-out quarter (267 pages, all three systems; about
45 s on 2 cores) and checks each figure against a floor set about 0.02 below what the code
measured. Raise a floor when the clean stage gets better; do not lower one to let a change
pass, and so do the issue's targets measured here (text path within 0.05 F1 of the HTML path,
publication date on 90 % of the held-out pages). See docs/cleaning.md.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.clean import Evaluation, Tally, run, score_snippets, title_match
from benchmarks.datasets import TrafilaturaPage
from tests.conftest import needs_shared

# Measured 2026-11-22 on the heldout split, 2 cores (docs/cleaning.md), with the text path's
# line model (src/wiretrace/data/line_model.json) in place.
HTML_F1_FLOOR = 0.90  # measured 0.923 (plain trafilatura: 0.911 in the same run)
HTML_PRECISION_FLOOR = 0.88  # measured 0.906
HTML_RECALL_FLOOR = 0.92  # measured 0.940
HTML_TITLE_EXACT_FLOOR = 0.72  # measured 0.745
HTML_DATE_FLOOR = 0.88  # measured 0.906
TEXT_F1_FLOOR = 0.86  # measured 0.883
TEXT_TITLE_EXACT_FLOOR = 0.42  # measured 0.450
# The targets. Speed (wiretrace HTML at >= half trafilatura's pages/s; measured 0.85)
# is a benchmark figure, not a test: `python -m benchmarks.clean` prints it.
TEXT_F1_GAP = 0.05  # text path F1 within this of the HTML path's; measured gap 0.040
DATE_TARGET = 0.90  # measured 0.922 on heldout (0.901 on all pages)

EVAL = "trafilatura-eval.tar.gz"


@pytest.fixture(scope="module")
def heldout() -> Evaluation:
    return run("heldout")


def _html(evaluation: Evaluation) -> Tally:
    return evaluation.tallies["wiretrace-html"]


@pytest.mark.slow
@needs_shared(EVAL)
def test_heldout_is_the_whole_split(heldout: Evaluation) -> None:
    assert len(heldout.results) == 267
    assert all(r.page.split == "heldout" for r in heldout.results)


@pytest.mark.slow
@needs_shared(EVAL)
def test_html_path_quality_floors(heldout: Evaluation) -> None:
    html = _html(heldout)
    assert html.f1 >= HTML_F1_FLOOR
    assert html.precision >= HTML_PRECISION_FLOOR
    assert html.recall >= HTML_RECALL_FLOOR
    assert html.title_exact_rate >= HTML_TITLE_EXACT_FLOOR
    assert html.date_accuracy >= HTML_DATE_FLOOR


@pytest.mark.slow
@needs_shared(EVAL)
def test_html_path_beats_plain_trafilatura(heldout: Evaluation) -> None:
    assert _html(heldout).f1 > heldout.tallies["trafilatura"].f1


@pytest.mark.slow
@needs_shared(EVAL)
def test_text_path_quality_floor(heldout: Evaluation) -> None:
    text = heldout.tallies["wiretrace-text"]
    assert text.f1 >= TEXT_F1_FLOOR
    assert text.title_exact_rate >= TEXT_TITLE_EXACT_FLOOR


@pytest.mark.slow
@needs_shared(EVAL)
def test_text_path_within_target_of_html_path(heldout: Evaluation) -> None:
    gap = _html(heldout).f1 - heldout.tallies["wiretrace-text"].f1
    assert gap <= TEXT_F1_GAP


@pytest.mark.slow
@needs_shared(EVAL)
def test_publication_date_target_on_heldout(heldout: Evaluation) -> None:
    assert _html(heldout).date_accuracy >= DATE_TARGET


def test_scoring_follows_trafilaturas_evaluation() -> None:
    """Snippets and output are compared with whitespace folded; a failure scores as empty."""
    page = TrafilaturaPage(
        url="https://example.com/a",
        path=Path("a.html"),
        with_=("first  paragraph", "second"),
        without=("menu item", "footer"),
        title="A  Title",
        date="2026-01-02",
        author=None,
    )
    assert score_snippets(page, "first\nparagraph, then the menu\titem") == (1, 1, 1, 1)
    assert score_snippets(page, None) == (0, 0, 2, 2)
    assert title_match("A  Title", "a title") == (True, True)
    assert title_match("A Title", "A Title | Example News") == (False, True)
    assert title_match("A Title", None) == (False, False)
