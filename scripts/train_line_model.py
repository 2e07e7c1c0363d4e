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
import re
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
from wiretrace.clean.features import (  # noqa: E402
    LineLayout,
    line_features,
    split_layout,
    split_lines,
)
from wiretrace.clean.metadata import scan_text  # noqa: E402
from wiretrace.clean.text import override_reason  # noqa: E402

TARGET = REPO / "src" / "wiretrace" / "data" / "line_model.json"
FOLDS = 5
#: A list marker as inscriptis ("* ", "+ ", "1. ") and trafilatura ("- ") write them: it is
#: stripped before a line is looked up in the extraction, or no list item would ever match.
_MARKER_RE = re.compile(r"^(?:[*+•·▪◦–—-]|\d{1,3}[.)])\s+")
#: How each page is also shown to the model: with its full layout, with blank lines but no
#: indentation or table gaps (a browser copy), and flat (one line after another).
VARIANTS = ("layout", "blank", "flat")


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


def page_rows(lines: list[str], layout: list[LineLayout] | None = None) -> list[dict[str, float]]:
    """The runtime's feature rows for a page (metadata roles included, no batch context)."""
    roles = scan_text(lines).roles
    return with_context(lines, line_features(lines, roles), layout)


def variant_layout(layout: list[LineLayout], variant: str) -> list[LineLayout] | None:
    """The page's layout as ``variant`` shows it (``None``: flat)."""
    if variant == "layout":
        return layout
    if variant == "blank":
        return [LineLayout(0, item.blank_before, 0) for item in layout]
    return None


def bare(text: str) -> str:
    """A folded line or extraction line without its list marker."""
    return fold(_MARKER_RE.sub("", fold(text)))


@dataclass
class PageData:
    """One page's lines with their features and (where the model decides them) labels."""

    lines: list[str]
    rows: list[dict[str, float]]
    labels: list[int | None]  # None: a hard rule decides the line, or it is ambiguous
    weights: list[float]
    gold: list[bool]


def label_page(
    page: TrafilaturaPage, item: Rendered, silver_weight: float, variant: str = "layout"
) -> PageData:
    """Features of every line of the page and the labels of the lines the model decides."""
    lines, layout = split_layout(item.text)
    data = PageData(lines, page_rows(lines, variant_layout(layout, variant)), [], [], [])
    with_ = [fold(s) for s in page.with_ if fold(s)]
    without = [fold(s) for s in page.without if fold(s)]
    extracted_lines = [bare(line) for line in item.extracted.splitlines()]
    extracted = " ".join(extracted_lines)
    whole_lines = set(extracted_lines)
    for line, row in zip(lines, data.rows, strict=True):
        text = fold(line)
        item_text = bare(line)
        label: int | None = None
        weight, gold = silver_weight, False
        if override_reason(row):
            pass
        elif any(s in text for s in with_):
            label, weight, gold = 1, 1.0, True
        elif any(s in text for s in without):
            label, weight, gold = 0, 1.0, True
        elif not item_text:
            label = 0
        elif len(item_text.split()) <= 3:
            if item_text in whole_lines:
                label = 1
            elif item_text not in extracted:
                label = 0
        else:
            label = int(item_text in extracted)
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


def fit_model(
    name: str, data: list[PageData], page_of: list[int], c: float
) -> tuple[dict[str, Any], int]:
    """Cross-validate and fit one model; its JSON fields and the number of lines it decides."""
    rows = [row for d in data for row in d.rows]
    labelled = np.array([label is not None for d in data for label in d.labels])
    y = np.array([label or 0 for d in data for label in d.labels])
    w = np.array([weight for d in data for weight in d.weights])
    g = np.array([gold for d in data for gold in d.gold])
    groups = np.array([page_of[k] for k, d in enumerate(data) for _ in d.lines])
    names = feature_names([r for r, keep in zip(rows, labelled, strict=True) if keep], 20)
    x = np.array([[row.get(n, 0.0) for n in names] for row in rows])
    print(
        f"{name}: {len(rows)} lines, {int(labelled.sum())} decided by the model "
        f"({int((g & labelled).sum())} gold, {int((y * labelled).sum())} body), "
        f"{len(names)} features"
    )
    prob = np.zeros(len(y))
    for train_idx, test_idx in GroupKFold(FOLDS).split(x, y, groups):
        fit_idx = train_idx[labelled[train_idx]]
        scaler, model = _fit(x[fit_idx], y[fit_idx], w[fit_idx], c)
        prob[test_idx] = model.predict_proba(scaler.transform(x[test_idx]))[:, 1]
    m = labelled
    threshold = _report(name, y[m], prob[m], w[m], g[m])
    print(f"threshold (best CV F1 over all lines, weighted): {threshold}")
    cv = prf(y[m], (prob[m] >= threshold).astype(int), w[m])
    cv_gold = prf(y[m & g], (prob[m & g] >= threshold).astype(int), w[m & g])

    scaler, model = _fit(x[m], y[m], w[m], c)
    coef = model.coef_[0]
    order = np.argsort(coef)
    print("most boilerplate-like:", ", ".join(f"{names[i]} {coef[i]:+.2f}" for i in order[:12]))
    print("most body-like:", ", ".join(f"{names[i]} {coef[i]:+.2f}" for i in order[::-1][:12]))
    fields = {
        "features": names,
        **_stage(scaler, model),
        "threshold": threshold,
        "cv": {
            "folds": FOLDS,
            "grouped_by": "page",
            "all_lines_weighted": dict(
                zip(("p", "r", "f1"), (round(v, 4) for v in cv), strict=True)
            ),
            "gold_lines": dict(zip(("p", "r", "f1"), (round(v, 4) for v in cv_gold), strict=True)),
        },
    }
    return fields, int(m.sum())


def train(
    silver_weight: float,
    c: float,
    write: bool,
    clean_copies: bool,
    variants: list[str],
    layout_model: bool,
) -> None:
    pages = rendered_pages("tune")
    share = 1.0 / len(variants)  # the variants of a page weigh as much as one page
    data = [
        label_page(page, item, silver_weight, variant)
        for variant in variants
        for page, item in pages
    ]
    for d in data:
        d.weights = [w * share for w in d.weights]
    n_variants = len(data)
    # every variant and clean copy of a page shares the page's CV fold
    page_of = [k for _ in variants for k in range(len(pages))]
    if clean_copies:
        for k, (_, item) in enumerate(pages):
            if item.extracted.strip():
                data.append(clean_copy(item, silver_weight))
                page_of.append(k)
    print(f"tune: {len(pages)} pages")
    main, decided = fit_model(f"model ({'/'.join(variants)})", data, page_of, c)
    n_lines = sum(len(d.lines) for d in data)
    layout: dict[str, Any] | None = None
    if layout_model:
        shown = [label_page(page, item, silver_weight, "layout") for page, item in pages]
        layout, _ = fit_model("layout model", shown, list(range(len(pages))), c)
        layout["training_data"] = (
            f"the same {len(pages)} pages as inscriptis renders them (indentation, blank "
            f"lines, table gaps), weight 1; used for texts whose lines are indented differently"
        )
    if not write:
        return
    out = {
        "model": "logistic regression on standardised features: p(body) = "
        "1 / (1 + exp(-(sum(coef * (x - mean) / scale) + intercept))); body when p >= threshold; "
        "layout_model (same form) replaces it for texts with indentation features",
        **main,
        "training_data": (
            f"trafilatura evaluation set, tune split only: {len(pages)} pages, each as "
            f"{'/'.join(variants)} (layout: as inscriptis renders it; blank: blank lines kept, "
            f"no indentation; flat: no layout), weight 1/{len(variants)} each, and "
            f"{len(data) - n_variants} clean copies, {n_lines} lines, "
            f"{decided} decided by the model; gold with/without snippets (weight 1), "
            f"other lines silver-labelled by trafilatura.extract (weight {silver_weight}; list "
            f"markers stripped before the look-up); "
            f"{'each extraction also as a clean page, all lines body; ' if clean_copies else ''}"
            f"lines of at most 3 words that only occur inside an extracted "
            f"paragraph skipped; lines dropped by hard rules excluded; C={c}, "
            f"class_weight=balanced"
        ),
        "layout_model": layout,
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
    counts = {"text": [0, 0, 0], "text-flat": [0, 0, 0], "html": [0, 0, 0]}
    pages = rendered_pages(split)
    for page, item in pages:
        flat = "\n".join(split_lines(item.text))  # the same text without any layout
        for name, content in (
            ("text", item.text),
            ("text-flat", flat),
            ("html", read_html(page.path)),
        ):
            fmt = "html" if name == "html" else "text"
            doc = RawDocument(source=str(page.path), format=fmt, content=content, url=page.url)
            try:
                out = fold(clean_document(doc).text)
            except InputError:
                out = ""
            tp_fp_fn = counts[name]
            for s in page.with_:
                tp_fp_fn[0 if fold(s) in out else 2] += 1
            tp_fp_fn[1] += sum(1 for s in page.without if fold(s) in out)
    print(f"snippets, {split} split ({len(pages)} pages):")
    for name, (tp, fp, fn) in counts.items():
        p, r = tp / (tp + fp), tp / (tp + fn)
        print(f"  {name:9} path  P={p:.3f} R={r:.3f} F1={2 * p * r / (p + r):.3f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--silver-weight", type=float, default=0.3)
    parser.add_argument("--c", type=float, default=1.0, help="inverse regularisation strength")
    parser.add_argument(
        "--clean-copies", action="store_true", help="also train on extractions as clean pages"
    )
    parser.add_argument(
        "--variants", default="blank,flat", help="how each page is shown to the main model"
    )
    parser.add_argument(
        "--no-layout-model", action="store_true", help="no second model for indented texts"
    )
    parser.add_argument("--no-train", action="store_true", help="only evaluate")
    parser.add_argument("--no-write", action="store_true", help="train and report, do not write")
    parser.add_argument("--evaluate", choices=["tune", "heldout"], help="snippet P/R/F1 on split")
    args = parser.parse_args()
    if not args.no_train:
        variants = args.variants.split(",")
        if not variants or not set(variants) <= set(VARIANTS):
            parser.error(f"--variants: a comma-separated subset of {', '.join(VARIANTS)}")
        train(
            args.silver_weight,
            args.c,
            not args.no_write,
            args.clean_copies,
            variants,
            not args.no_layout_model,
        )
    if args.evaluate:
        evaluate(args.evaluate)


if __name__ == "__main__":
    main()
