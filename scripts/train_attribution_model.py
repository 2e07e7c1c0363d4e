"""Train the attribution cue model: ``src/wiretrace/data/attribution_model.json``.

Training data: the ``train`` split of PolNeAR (``../shared/eval/polnear-train-dev.tar.gz``,
read by ``benchmarks/extract_quotes.py``; the ``dev`` split is never read here). Every
candidate token (:func:`wiretrace.extract.attribution_model.candidates`, outside quote
marks) of the spaCy parse gets the runtime's own features
(:func:`~wiretrace.extract.attribution_model.token_features`) and the label 1 when it is the
syntactic head of a gold Cue span, else 0.

The model is an L2 logistic regression over the features seen on at least ``--min-count``
tokens. The decision threshold is the one whose article-grouped 5-fold cross-validated run
of the whole quote extraction (rules + model, :func:`wiretrace.extract.quotes.find_quotes`)
on train gives the best content overlap F1 (speaker accuracy varies much less over the
thresholds tried, so it does not decide). The final model is fitted on all of train; weights
under ``--prune`` in absolute value are dropped.

    PYTHONPATH=. .venv/bin/python scripts/train_attribution_model.py
    PYTHONPATH=. .venv/bin/python scripts/train_attribution_model.py --no-cv --threshold 0.5

Parsing PolNeAR train takes several minutes the first time; the parses are cached in the
scratch folder (``benchmarks/extract_quotes.py``) and reused.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
import sklearn
from scipy.sparse import csr_matrix
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold
from spacy.tokens import Doc

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from benchmarks.extract_quotes import (  # noqa: E402
    PolnearArticle,
    Tally,
    load_split,
    parse_cached,
)
from wiretrace.extract.attribution_model import (  # noqa: E402
    MODEL_FILE,
    AttributionModel,
    candidates,
    token_features,
)
from wiretrace.extract.quotes import find_quotes, quoted_tokens  # noqa: E402
from wiretrace.nlp import Parser  # noqa: E402

OUTPUT = REPO / "src" / "wiretrace" / "data" / MODEL_FILE
THRESHOLDS = (0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.6)


def cue_heads(article: PolnearArticle, doc: Doc) -> set[int]:
    """Token indices heading a gold Cue span (each discontinuous part separately)."""
    out: set[int] = set()
    for attribution in article.attributions:
        for start, end in attribution.cue:
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is not None and len(span):
                out.add(span.root.i)
    return out


def examples(
    articles: Sequence[PolnearArticle], docs: Sequence[Doc]
) -> tuple[list[list[str]], list[int], list[int]]:
    """Features, labels and article index of every candidate token."""
    rows: list[list[str]] = []
    labels: list[int] = []
    groups: list[int] = []
    for index, (article, doc) in enumerate(zip(articles, docs, strict=True)):
        heads = cue_heads(article, doc)
        for token, context in candidates(doc, quoted_tokens(doc)):
            rows.append(token_features(token, context))
            labels.append(int(token.i in heads))
            groups.append(index)
    return rows, labels, groups


def vectorise(rows: Sequence[list[str]], vocabulary: dict[str, int]) -> csr_matrix:
    indptr, indices = [0], []
    for row in rows:
        cols = sorted({vocabulary[f] for f in row if f in vocabulary})
        indices.extend(cols)
        indptr.append(len(indices))
    data = np.ones(len(indices), dtype=np.float64)
    return csr_matrix((data, indices, indptr), shape=(len(rows), len(vocabulary)))


def fit(
    rows: Sequence[list[str]], labels: Sequence[int], min_count: int, c: float
) -> tuple[dict[str, float], float]:
    """Fit the logistic regression; the weights by feature name and the bias."""
    counts = Counter(f for row in rows for f in set(row))
    names = sorted(f for f, n in counts.items() if n >= min_count)
    vocabulary = {f: i for i, f in enumerate(names)}
    x = vectorise(rows, vocabulary)
    clf = LogisticRegression(C=c, solver="liblinear", max_iter=1000, random_state=0)
    clf.fit(x, np.asarray(labels))
    coef = clf.coef_[0]
    return {f: float(coef[i]) for f, i in vocabulary.items()}, float(clf.intercept_[0])


def model_of(weights: dict[str, float], bias: float, threshold: float) -> AttributionModel:
    return AttributionModel(weights, bias, threshold, {})


def cross_validate(
    articles: Sequence[PolnearArticle],
    docs: Sequence[Doc],
    rows: Sequence[list[str]],
    labels: Sequence[int],
    groups: Sequence[int],
    args: argparse.Namespace,
) -> dict[float, dict[str, float]]:
    """Per threshold, the figures of the whole extraction on out-of-fold articles."""
    tallies = {t: Tally() for t in THRESHOLDS}
    none = Tally()
    g = np.asarray(groups)
    for fold, (train_idx, test_idx) in enumerate(
        GroupKFold(n_splits=5).split(np.zeros(len(rows)), groups=g)
    ):
        began = time.perf_counter()
        weights, bias = fit(
            [rows[i] for i in train_idx], [labels[i] for i in train_idx], args.min_count, args.c
        )
        held = sorted(set(g[test_idx].tolist()))
        for i in held:
            none.add(articles[i], find_quotes(docs[i], model_of({}, -50.0, 0.99)))
            for t in THRESHOLDS:
                tallies[t].add(articles[i], find_quotes(docs[i], model_of(weights, bias, t)))
        print(f"fold {fold}: {len(held)} articles, {time.perf_counter() - began:.0f}s")
    out = {t: tallies[t].summary() for t in THRESHOLDS}
    out[1.0] = none.summary()
    return out


def main(argv: Sequence[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--min-count", type=int, default=3)
    ap.add_argument("--c", type=float, default=0.25, help="inverse L2 regularisation")
    ap.add_argument("--prune", type=float, default=0.01, help="drop smaller weights")
    ap.add_argument("--threshold", type=float, default=None, help="skip the threshold search")
    ap.add_argument("--no-cv", action="store_true")
    ap.add_argument("--limit", type=int, default=None, help="first N train articles only")
    ap.add_argument("--output", type=Path, default=OUTPUT)
    args = ap.parse_args(argv)

    articles = load_split("train", args.limit)
    # A parser whose in-memory cache holds the whole split (the default one keeps fewer).
    parser = Parser(cache_size=len(articles) + 1)
    docs = parse_cached(parser, f"train-{args.limit or 'all'}", [a.text for a in articles])
    rows, labels, groups = examples(articles, docs)
    print(f"{len(articles)} articles, {len(rows)} candidate tokens, {sum(labels)} cues")

    threshold = args.threshold
    cv: dict[str, Any] = {}
    if not args.no_cv:
        results = cross_validate(articles, docs, rows, labels, groups, args)
        print("threshold  content P/R/F1          source F1  cue F1  speaker")
        for t, r in sorted(results.items()):
            print(
                f"{t:9.2f}  {r['content_overlap_p']:.3f}/{r['content_overlap_r']:.3f}/"
                f"{r['content_overlap_f1']:.3f}     {r['source_overlap_f1']:.3f}    "
                f"{r['cue_f1']:.3f}   {r['speaker_accuracy']:.3f}"
            )
        if threshold is None:
            threshold = max(THRESHOLDS, key=lambda t: results[t]["content_overlap_f1"])
        chosen = results[threshold]
        cv = {
            k: round(chosen[k], 4)
            for k in ("content_overlap_p", "content_overlap_r", "content_overlap_f1")
        }
        cv["speaker_accuracy"] = round(chosen["speaker_accuracy"], 4)
    if threshold is None:
        threshold = 0.5

    weights, bias = fit(rows, labels, args.min_count, args.c)
    kept = {f: round(w, 3) for f, w in sorted(weights.items()) if abs(w) >= args.prune}
    data = {
        "weights": kept,
        "bias": round(bias, 4),
        "threshold": threshold,
        "training_data": "PolNeAR train split (polnear-train-dev.tar.gz), "
        f"{len(articles)} articles, {len(rows)} candidate tokens, {sum(labels)} cue heads",
        "trained": date.today().isoformat(),
        "sklearn_version": sklearn.__version__,
        "parameters": {"min_count": args.min_count, "C": args.c, "prune": args.prune},
        "cross_validation": cv,
    }
    args.output.write_text(json.dumps(data, indent=0, ensure_ascii=False) + "\n", "utf-8")
    size = args.output.stat().st_size
    print(f"threshold {threshold}; {len(kept)} weights; wrote {args.output} ({size} bytes)")


if __name__ == "__main__":
    main()
