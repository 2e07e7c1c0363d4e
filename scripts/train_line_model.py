"""Train the line model of the text-scrape cleaner: ``src/wiretrace/data/line_model.json``.

Training data: the ``tune`` split of trafilatura's evaluation set (``../shared/eval``, see
``benchmarks/datasets.py``; the ``heldout`` split is never read for training). Each page is
rendered to text as a browser shows it (inscriptis), split into lines, and every line gets the
runtime's own features (:func:`wiretrace.clean.features.line_features` +
:func:`~wiretrace.clean.features.with_context`, with the metadata roles of
:func:`wiretrace.clean.metadata.scan_text`). Labels:

* gold: a line containing a gold ``with`` snippet is body (1), one containing a ``without``
  snippet is boilerplate (0); weight 1;
* silver, for the other lines: body when the line occurs in trafilatura's extraction of the
  same page, else boilerplate; weight ``--silver-weight``. A line of at most three words is
  body only when it equals a whole line of the extraction; when it merely occurs inside one it
  is ambiguous and skipped.

Lines a hard rule drops anyway (:func:`wiretrace.clean.text.override_reason`) are left out:
the model only decides the rest. The model is a logistic regression on standardised features;
the script reports page-grouped 5-fold cross-validated line precision/recall/F1 (for the body
class), picks the threshold with the best cross-validated F1, fits on all tune pages and
writes the JSON. ``--evaluate SPLIT`` then measures snippet P/R/F1 of the text path (rendered
pages through ``clean_document``) and of the HTML path on that split.

    .venv/bin/python scripts/train_line_model.py                 # train and write
    .venv/bin/python scripts/train_line_model.py --evaluate heldout
    .venv/bin/python scripts/train_line_model.py --no-train --evaluate heldout
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from datetime import date
from multiprocessing import Pool
from pathlib import Path
from typing import Any

import numpy as np
import sklearn
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold
from sklearn.preprocessing import StandardScaler

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from benchmarks.datasets import (  # noqa: E402
    TrafilaturaPage,
    iter_trafilatura_eval,
    read_html,
    render_text,
    scratch_dir,
)
from wiretrace.clean.context import with_context  # noqa: E402
from wiretrace.clean.features import line_features, split_lines  # noqa: E402
from wiretrace.clean.metadata import scan_text  # noqa: E402
from wiretrace.clean.text import override_reason  # noqa: E402

TARGET = REPO / "src" / "wiretrace" / "data" / "line_model.json"
FOLDS = 5


def fold(text: str) -> str:
    """Whitespace folded: how lines, snippets and extractions are compared."""
    return " ".join(text.split())


@dataclass
class Rendered:
    url: str
    text: str  # the page rendered by inscriptis
    extracted: str  # trafilatura's extraction of the HTML ("" when none)


def _render(page: TrafilaturaPage) -> Rendered:
    import trafilatura

    html = read_html(page.path)
    extracted = trafilatura.extract(html, url=page.url) or ""
    return Rendered(page.url, render_text(html), extracted)


def rendered_pages(split: str) -> list[tuple[TrafilaturaPage, Rendered]]:
    """Every page of ``split`` rendered and extracted (cached in the scratch folder).

    The cache (JSON) is written and read only by this script; delete it to re-render.
    """
    pages = list(iter_trafilatura_eval(split))
    cache = scratch_dir() / f"line-model-{split}.json"
    done: dict[str, Rendered] = {}
    if cache.exists():
        done = {u: Rendered(*v) for u, v in json.loads(cache.read_text("utf-8")).items()}
    todo = [p for p in pages if p.url not in done]
    if todo:
        with Pool() as pool:
            for item in pool.imap(_render, todo, chunksize=4):
                done[item.url] = item
        data = {u: [r.url, r.text, r.extracted] for u, r in done.items()}
        cache.write_text(json.dumps(data), "utf-8")
    return [(p, done[p.url]) for p in pages]


def page_rows(lines: list[str]) -> list[dict[str, float]]:
    """The runtime's feature rows for a page (metadata roles included, no batch context)."""
    roles = scan_text(lines).roles
    return with_context(lines, line_features(lines, roles))


@dataclass
class PageData:
    """One page's lines with their features and (where the model decides them) labels."""

    lines: list[str]
    rows: list[dict[str, float]]
    labels: list[int | None]  # None: a hard rule decides the line, or it is ambiguous
    weights: list[float]
    gold: list[bool]


def label_page(page: TrafilaturaPage, item: Rendered, silver_weight: float) -> PageData:
    """Features of every line of the page and the labels of the lines the model decides."""
    lines = split_lines(item.text)
    data = PageData(lines, page_rows(lines), [], [], [])
    with_ = [fold(s) for s in page.with_ if fold(s)]
    without = [fold(s) for s in page.without if fold(s)]
    extracted = fold(item.extracted)
    extracted_lines = {fold(line) for line in item.extracted.splitlines()}
    for line, row in zip(lines, data.rows, strict=True):
        text = fold(line)
        label: int | None = None
        weight, gold = silver_weight, False
        if override_reason(row):
            pass
        elif any(s in text for s in with_):
            label, weight, gold = 1, 1.0, True
        elif any(s in text for s in without):
            label, weight, gold = 0, 1.0, True
        elif len(text.split()) <= 3:
            if text in extracted_lines:
                label = 1
            elif text not in extracted:
                label = 0
        else:
            label = int(text in extracted)
        data.labels.append(label)
        data.weights.append(weight)
        data.gold.append(gold)
    return data


def clean_copy(item: Rendered, silver_weight: float) -> PageData:
    """trafilatura's extraction as a page of its own, every line body: an already clean text.

    Users also paste clean articles; without these the model would only know whole pages.
    """
    lines = split_lines(item.extracted)
    data = PageData(lines, page_rows(lines), [], [], [])
    for row in data.rows:
        data.labels.append(None if override_reason(row) else 1)
        data.weights.append(silver_weight)
        data.gold.append(False)
    return data


def feature_names(rows: list[dict[str, float]], min_count: int) -> list[str]:
    """Every feature that is non-zero on at least ``min_count`` training lines."""
    counts: dict[str, int] = {}
    for row in rows:
        for name, value in row.items():
            if value:
                counts[name] = counts.get(name, 0) + 1
    return sorted(name for name, count in counts.items() if count >= min_count)


def prf(y: np.ndarray, pred: np.ndarray, w: np.ndarray) -> tuple[float, float, float]:
    tp = float(np.sum(w * (pred == 1) * (y == 1)))
    fp = float(np.sum(w * (pred == 1) * (y == 0)))
    fn = float(np.sum(w * (pred == 0) * (y == 1)))
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, 2 * p * r / (p + r) if p + r else 0.0


def _fit(x: np.ndarray, y: np.ndarray, w: np.ndarray, c: float) -> tuple[Any, Any]:
    scaler = StandardScaler().fit(x)
    model = LogisticRegression(C=c, max_iter=2000, class_weight="balanced")
    model.fit(scaler.transform(x), y, sample_weight=w)
    return scaler, model


def _stage(scaler: Any, model: Any) -> dict[str, Any]:
    scale = np.where(scaler.scale_ > 0, scaler.scale_, 1.0)
    return {
        "mean": [round(float(v), 6) for v in scaler.mean_],
        "scale": [round(float(v), 6) for v in scale],
        "coef": [round(float(v), 6) for v in model.coef_[0]],
        "intercept": round(float(model.intercept_[0]), 6),
    }


def _report(name: str, y: np.ndarray, prob: np.ndarray, w: np.ndarray, g: np.ndarray) -> float:
    """Print the CV table; return the threshold with the best weighted F1 over all lines."""
    print(f"{name}: {FOLDS}-fold CV grouped by page, line level, body class (P R F1)")
    print("  threshold  all lines (weighted)   gold lines            silver lines")
    best = (0.0, 0.5)
    for t in np.arange(0.3, 0.86, 0.05):
        pred = (prob >= t).astype(int)
        a, b, s = prf(y, pred, w), prf(y[g], pred[g], w[g]), prf(y[~g], pred[~g], w[~g])
        print(
            f"  {t:.2f}       {a[0]:.3f} {a[1]:.3f} {a[2]:.3f}    {b[0]:.3f} {b[1]:.3f} {b[2]:.3f}"
            f"    {s[0]:.3f} {s[1]:.3f} {s[2]:.3f}"
        )
        best = max(best, (a[2], round(float(t), 2)))
    return best[1]


def train(silver_weight: float, c: float, write: bool, clean_copies: bool) -> None:
    pages = rendered_pages("tune")
    data = [label_page(page, item, silver_weight) for page, item in pages]
    page_of = list(range(len(pages)))  # a clean copy shares its page's CV fold
    if clean_copies:
        for k, (_, item) in enumerate(pages):
            if item.extracted.strip():
                data.append(clean_copy(item, silver_weight))
                page_of.append(k)
    rows = [row for d in data for row in d.rows]
    labelled = np.array([label is not None for d in data for label in d.labels])
    y = np.array([label or 0 for d in data for label in d.labels])
    w = np.array([weight for d in data for weight in d.weights])
    g = np.array([gold for d in data for gold in d.gold])
    groups = np.array([page_of[k] for k, d in enumerate(data) for _ in d.lines])
    names = feature_names([r for r, keep in zip(rows, labelled, strict=True) if keep], 20)
    x = np.array([[row.get(n, 0.0) for n in names] for row in rows])
    print(
        f"tune: {len(pages)} pages (+ {len(data) - len(pages)} clean copies), {len(rows)} "
        f"lines, {int(labelled.sum())} decided by the "
        f"model ({int((g & labelled).sum())} gold, {int((y * labelled).sum())} body), "
        f"{len(names)} features"
    )
    folds = list(GroupKFold(FOLDS).split(x, y, groups))

    def cross_val(features: np.ndarray) -> np.ndarray:
        prob = np.zeros(len(y))
        for train_idx, test_idx in folds:
            fit_idx = train_idx[labelled[train_idx]]
            scaler, model = _fit(features[fit_idx], y[fit_idx], w[fit_idx], c)
            prob[test_idx] = model.predict_proba(scaler.transform(features[test_idx]))[:, 1]
        return prob

    prob = cross_val(x)
    m = labelled
    threshold = _report("logistic regression", y[m], prob[m], w[m], g[m])
    print(f"threshold (best CV F1 over all lines, weighted): {threshold}")
    cv = prf(y[m], (prob[m] >= threshold).astype(int), w[m])
    cv_gold = prf(y[m & g], (prob[m & g] >= threshold).astype(int), w[m & g])

    scaler, model = _fit(x[m], y[m], w[m], c)
    coef = model.coef_[0]
    order = np.argsort(coef)
    print("most boilerplate-like:", ", ".join(f"{names[i]} {coef[i]:+.2f}" for i in order[:12]))
    print("most body-like:", ", ".join(f"{names[i]} {coef[i]:+.2f}" for i in order[::-1][:12]))
    if not write:
        return
    out = {
        "model": "logistic regression on standardised features: p(body) = "
        "1 / (1 + exp(-(sum(coef * (x - mean) / scale) + intercept))); body when p >= threshold",
        "features": names,
        **_stage(scaler, model),
        "threshold": threshold,
        "training_data": (
            f"trafilatura evaluation set, tune split only: {len(pages)} pages and "
            f"{len(data) - len(pages)} clean copies, {len(rows)} lines rendered by inscriptis, "
            f"{int(m.sum())} decided by the model; gold with/without snippets (weight 1), "
            f"other lines silver-labelled by trafilatura.extract (weight {silver_weight}); "
            f"{'each extraction also as a clean page, all lines body; ' if clean_copies else ''}"
            f"lines of at most 3 words that only occur inside an extracted "
            f"paragraph skipped; lines dropped by hard rules excluded; C={c}, "
            f"class_weight=balanced"
        ),
        "cv": {
            "folds": FOLDS,
            "grouped_by": "page",
            "all_lines_weighted": dict(
                zip(("p", "r", "f1"), (round(v, 4) for v in cv), strict=True)
            ),
            "gold_lines": dict(zip(("p", "r", "f1"), (round(v, 4) for v in cv_gold), strict=True)),
        },
        "trained": date.today().isoformat(),
        "sklearn_version": sklearn.__version__,
    }
    TARGET.write_text(json.dumps(out, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {TARGET}")


def evaluate(split: str) -> None:
    """Snippet P/R/F1 of the text path (rendered page) and the HTML path on ``split``."""
    from wiretrace.clean import clean_document
    from wiretrace.clean.linemodel import load_model
    from wiretrace.errors import InputError
    from wiretrace.models import RawDocument

    load_model.cache_clear()
    counts = {"text": [0, 0, 0], "html": [0, 0, 0]}
    pages = rendered_pages(split)
    for page, item in pages:
        for fmt, content in (("text", item.text), ("html", read_html(page.path))):
            doc = RawDocument(source=str(page.path), format=fmt, content=content, url=page.url)
            try:
                out = fold(clean_document(doc).text)
            except InputError:
                out = ""
            tp_fp_fn = counts[fmt]
            for s in page.with_:
                tp_fp_fn[0 if fold(s) in out else 2] += 1
            tp_fp_fn[1] += sum(1 for s in page.without if fold(s) in out)
    print(f"snippets, {split} split ({len(pages)} pages):")
    for fmt, (tp, fp, fn) in counts.items():
        p, r = tp / (tp + fp), tp / (tp + fn)
        print(f"  {fmt:5} path  P={p:.3f} R={r:.3f} F1={2 * p * r / (p + r):.3f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--silver-weight", type=float, default=0.3)
    parser.add_argument("--c", type=float, default=1.0, help="inverse regularisation strength")
    parser.add_argument(
        "--clean-copies", action="store_true", help="also train on extractions as clean pages"
    )
    parser.add_argument("--no-train", action="store_true", help="only evaluate")
    parser.add_argument("--no-write", action="store_true", help="train and report, do not write")
    parser.add_argument("--evaluate", choices=["tune", "heldout"], help="snippet P/R/F1 on split")
    args = parser.parse_args()
    if not args.no_train:
        train(args.silver_weight, args.c, not args.no_write, args.clean_copies)
    if args.evaluate:
        evaluate(args.evaluate)


if __name__ == "__main__":
    main()
