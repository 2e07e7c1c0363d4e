"""The trained line model of the text-scrape cleaner: its file, its scores, its failure mode."""

from __future__ import annotations

import inspect
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests import test_clean as seed_tests
from tests.test_clean import ENGLISH_SITE
from wiretrace.clean import clean_batch, linemodel
from wiretrace.clean.context import with_context
from wiretrace.clean.features import line_features, split_lines
from wiretrace.clean.linemodel import REQUIRED_KEYS, load_model
from wiretrace.errors import WiretraceError
from wiretrace.models import Article

SEEDS = Path(__file__).resolve().parent.parent / "examples" / "seeds"

MENU = "Home | News | Sport | Weather"
SENTENCE = (
    "The harbour council voted on Tuesday to approve a new ferry route linking the northern "
    "islands with the mainland, ending a dispute that lasted more than two years."
)
PAGE = [
    MENU,
    SENTENCE,
    "Councillors said the service would start in the summer and run four times a day, with a "
    "reduced timetable during the winter months when demand is lower.",
    "Opponents had argued that the route would damage fishing grounds, but an environmental "
    "review published last month found no significant risk to local stocks.",
]


@pytest.fixture(autouse=True)
def _fresh_model() -> Iterator[None]:
    """Every test reads the model file anew (and leaves no patched model cached)."""
    load_model.cache_clear()
    yield
    load_model.cache_clear()


def _rows(lines: list[str]) -> list[dict[str, float]]:
    return with_context(lines, line_features(lines))


def test_model_file_has_documented_keys() -> None:
    data = json.loads(linemodel.model_resource().read_text(encoding="utf-8"))
    assert set(REQUIRED_KEYS) <= set(data)
    n = len(data["features"])
    assert n == len(data["mean"]) == len(data["scale"]) == len(data["coef"])
    assert 0.0 < data["threshold"] < 1.0
    assert "tune" in data["training_data"] and "heldout" not in data["training_data"]
    model = load_model()
    assert model.features == tuple(data["features"])


def test_scoring_is_deterministic() -> None:
    rows = _rows(PAGE)
    first = load_model().probabilities(rows).tolist()
    load_model.cache_clear()
    assert load_model().probabilities(rows).tolist() == first
    assert load_model().probability(rows[1]) == pytest.approx(first[1])


def test_menu_line_low_news_sentence_high() -> None:
    """In a page (the model judges lines in their context), a menu scores low, a report high."""
    lines = split_lines(ENGLISH_SITE.replace("Home | World | Business | Tech | Climate", MENU))
    model = load_model()
    p = model.probabilities(_rows(lines))
    menu, sentence = p[lines.index(MENU)], p[lines.index(SENTENCE)]
    assert menu < 0.5 < model.threshold < sentence
    assert p[lines.index("Privacy Policy | Terms of Service | Contact Us")] < 0.5


def test_corrupt_model_file_gives_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bad = tmp_path / "line_model.json"
    bad.write_text('{"features": ["n_words"], "mean": [0', encoding="utf-8")
    monkeypatch.setattr(linemodel, "model_resource", lambda: bad)
    with pytest.raises(WiretraceError, match=r"line_model\.json.*corrupt"):
        load_model()
    bad.write_text(json.dumps({"features": ["n_words"]}), encoding="utf-8")
    load_model.cache_clear()
    with pytest.raises(WiretraceError, match=r"line_model\.json.*missing keys"):
        load_model()


def test_missing_model_file_gives_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(linemodel, "model_resource", lambda: tmp_path / "line_model.json")
    with pytest.raises(WiretraceError, match=r"line_model\.json is missing"):
        load_model()


def test_seed_tests_pass_with_the_model() -> None:
    """The five seed scrapes pass every seed test of ``tests/test_clean.py`` with the model.

    (Those tests also run on their own; this runs them against a freshly loaded model file.)
    """
    docs = seed_tests._seed_docs()
    articles: dict[str, Article] = {}
    for doc, result in zip(docs, clean_batch(docs), strict=True):
        assert isinstance(result, Article), result
        articles[Path(doc.source).name[:3]] = result
    seed_funcs = [
        func
        for name, func in vars(seed_tests).items()
        if name.startswith("test_")
        and callable(func)
        and list(inspect.signature(func).parameters) == ["seeds"]
    ]
    assert len(seed_funcs) >= 10
    for func in seed_funcs:
        func(articles)
