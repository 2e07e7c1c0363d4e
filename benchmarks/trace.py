"""Syndication benchmark for the trace stage: copies, edits and rewrites of real pages.

Originals are the trafilatura evaluation pages (``benchmarks.datasets``), extracted to text
with trafilatura, kept when they have at least 150 words. Derived versions are generated
programmatically (so the truth is known): exact copies with other boilerplate, light edits
(word swaps, a dropped paragraph, a new headline) and rewrites (sentences reordered, generic
word swaps, SEO padding). Distractor pairs join different originals, half of them from the
same site. Reported: precision and recall of derivation edges per type, LSH candidate recall,
and the per-article cost of ``add`` + ``query`` as the index grows to 100,000 documents (CPU
time, median of windows, beside the datasketch ``MinHashLSH`` index the product used before;
see :func:`scaling`).

    PYTHONPATH=. .venv/bin/python -m benchmarks.trace [--quick] [--no-baseline]
"""

from __future__ import annotations

import argparse
import gc
import random
import statistics
import time
from collections import Counter, defaultdict
from urllib.parse import urlparse

import numpy as np
from datasketch import MinHash, MinHashLSH  # type: ignore[import-untyped]

from benchmarks.datasets import iter_trafilatura_eval, read_html
from wiretrace.trace.derive import TracedText, derive
from wiretrace.trace.lsh import NearDuplicateIndex
from wiretrace.trace.model import Candidate
from wiretrace.trace.text import sentences, words

BOILERPLATE = [
    "Home | News | World | Business | Sport | Opinion",
    "Read more:",
    "Sign up for our newsletter to get the latest stories in your inbox.",
    "Share this article on Facebook, Twitter and LinkedIn.",
    "The author is a staff writer covering politics and economics.",
    "Advertisement",
    "Related articles",
    "© All rights reserved. Terms of use | Privacy policy",
]
SWAPS = {
    "said": "stated",
    "big": "large",
    "show": "demonstrate",
    "help": "assist",
    "important": "crucial",
    "use": "utilise",
    "start": "begin",
    "buy": "purchase",
    "many": "numerous",
    "about": "regarding",
    "get": "obtain",
    "need": "require",
    "also": "additionally",
    "but": "however",
    "new": "novel",
    "make": "create",
    "people": "individuals",
    "very": "highly",
    "often": "frequently",
    "main": "primary",
    "quickly": "rapidly",
    "find": "discover",
    "think": "believe",
    "try": "attempt",
    "end": "conclude",
    "give": "provide",
    "change": "alter",
    "whole": "entire",
}
PADDING = [
    "This development has attracted considerable attention from readers and observers.",
    "Experts continue to follow the situation closely as it unfolds.",
    "In this article, we take a closer look at what it means for you.",
    "Stay tuned for further updates on this developing story.",
    "Many readers have been asking what this means in practice.",
    "It remains to be seen how the situation will evolve in the coming weeks.",
]


def load_originals(limit: int | None) -> list[tuple[str, str]]:
    """(url, text) of pages trafilatura extracts to at least 150 words."""
    import trafilatura

    out = []
    for page in iter_trafilatura_eval():
        text = trafilatura.extract(read_html(page.path)) or ""
        if len(words(text)) >= 150:
            out.append((page.url, text))
        if limit and len(out) >= limit:
            break
    return out


def _swap(text: str, rng: random.Random, rate: float) -> str:
    tokens = text.split(" ")
    for k, token in enumerate(tokens):
        bare = token.lower().strip(".,;:")
        if bare in SWAPS and rng.random() < rate:
            tokens[k] = token.replace(bare, SWAPS[bare]) if token.islower() else SWAPS[bare]
    return " ".join(tokens)


def make_copy(text: str, rng: random.Random) -> str:
    top = rng.sample(BOILERPLATE, 3)
    bottom = rng.sample(BOILERPLATE, 3)
    return "\n".join([*top, text, *bottom])


def make_edit(text: str, rng: random.Random) -> str:
    paragraphs = [p for p in text.split("\n") if p.strip()]
    if len(paragraphs) > 3:
        paragraphs.pop(rng.randrange(1, len(paragraphs)))
    tokens = "\n".join(paragraphs).split(" ")
    for _ in range(max(3, len(tokens) // 60)):  # a few word substitutions
        k = rng.randrange(len(tokens))
        tokens[k] = rng.choice(["reportedly", "recently", "officially", "notably"])
    return "A new headline for this story\n" + " ".join(tokens)


def make_rewrite(text: str, rng: random.Random) -> str:
    sents = sentences(text)
    for _ in range(max(2, len(sents) // 3)):  # local reordering: swap neighbours
        if len(sents) > 2:
            k = rng.randrange(len(sents) - 1)
            sents[k], sents[k + 1] = sents[k + 1], sents[k]
    # paraphrase stand-in: generic swaps, and articles and a few function words dropped or
    # changed, which breaks shingles while keeping the content words
    out = []
    for sentence in sents:
        tokens = _swap(sentence, rng, 0.9).split(" ")
        kept = [
            t for t in tokens if t.lower() not in {"the", "a", "an", "that"} or rng.random() < 0.3
        ]
        out.append(" ".join(kept))
    for _ in range(max(2, len(out) // 4)):
        out.insert(rng.randrange(len(out) + 1), rng.choice(PADDING))
    return " ".join(out)


def build_pairs(
    originals: list[tuple[str, str]], rng: random.Random
) -> list[tuple[str, str, str, str | None]]:
    """(id_a, text_a, id_b / text_b ...) as (label, text_a, text_b, truth type or None)."""
    pairs: list[tuple[str, str, str, str | None]] = []
    makers = {"copy": make_copy, "edit": make_edit, "rewrite": make_rewrite}
    for k, (_, text) in enumerate(originals):
        kind = list(makers)[k % 3]
        pairs.append(
            (kind, text, makers[kind](text, rng), "rewrite" if kind == "rewrite" else "copy")
        )
    by_site: dict[str, list[int]] = defaultdict(list)
    for k, (url, _) in enumerate(originals):
        by_site[urlparse(url).netloc].append(k)
    same_site = [ks for ks in by_site.values() if len(ks) > 1]
    for k in range(len(originals)):
        if same_site and k % 2 == 0:
            ks = rng.choice(same_site)
            i, j = rng.sample(ks, 2)
            label = "distractor-same-site"
        else:
            i, j = rng.sample(range(len(originals)), 2)
            label = "distractor"
        pairs.append((label, originals[i][1], originals[j][1], None))
    return pairs


def evaluate(pairs: list[tuple[str, str, str, str | None]]) -> None:
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    near = NearDuplicateIndex(threshold=0.3)
    topical = NearDuplicateIndex(threshold=0.3, unit="content-words")
    lsh_found = lsh_total = 0
    for n, (label, a, b, truth) in enumerate(pairs):
        edge = derive(TracedText(f"a{n}", a), TracedText(f"b{n}", b))
        if truth is None:
            counts[label]["FP" if edge else "TN"] += 1
        else:
            counts[label]["TP" if edge else "FN"] += 1
            counts[label]["type-ok" if edge and edge.type == truth else "type-wrong"] += (
                0 if edge is None else 1
            )
            for index in (near, topical):
                index.add(f"a{n}", a)
            lsh_total += 1
            found = {c.article_id for ix in (near, topical) for c in ix.query(b)}
            lsh_found += f"a{n}" in found
    print(f"{'pair kind':<22}{'pairs':>6}{'TP':>5}{'FN':>5}{'FP':>5}{'type ok':>9}")
    tp = fn = fp = 0
    for label, c in sorted(counts.items()):
        total = sum(c[k] for k in ("TP", "FN", "FP", "TN"))
        print(f"{label:<22}{total:>6}{c['TP']:>5}{c['FN']:>5}{c['FP']:>5}{c['type-ok']:>9}")
        tp, fn, fp = tp + c["TP"], fn + c["FN"], fp + c["FP"]
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    print(f"derivation edges: precision {precision:.3f} recall {recall:.3f} (targets 0.95 / 0.90)")
    print(f"LSH candidate recall (shingle + content-word indexes): {lsh_found / lsh_total:.3f}")


class DatasketchIndex:
    """The index as it was before the issue 5 fix, for comparison: datasketch ``MinHashLSH``
    (a ``set`` per bucket, a list of band keys per article) beside the same signature matrix.
    Only what the timing needs: ``add`` by signature and ``add_and_query``."""

    def __init__(self) -> None:
        self._signer = NearDuplicateIndex()
        self._lsh = MinHashLSH(threshold=0.5, num_perm=128)
        self._permutations = MinHash(num_perm=128, seed=1, scheme="affine32").permutations
        self._matrix = np.zeros((1024, 128), dtype=np.uint32)
        self._row: dict[str, int] = {}

    def _minhash(self, signature: np.ndarray) -> MinHash:
        return MinHash(
            num_perm=128,
            seed=1,
            hashvalues=signature,
            permutations=self._permutations,
            scheme="affine32",
        )

    def add(self, article_id: str, *, signature: np.ndarray) -> None:
        self._lsh.insert(article_id, self._minhash(signature), check_duplication=False)
        row = len(self._row)
        if row >= len(self._matrix):
            grown = np.zeros((len(self._matrix) * 2, 128), dtype=np.uint32)
            grown[: len(self._matrix)] = self._matrix
            self._matrix = grown
        self._matrix[row] = signature
        self._row[article_id] = row

    def add_and_query(self, article_id: str, text: str) -> list[Candidate]:
        signature = self._signer.signature(text)
        keys = [k for k in self._lsh.query(self._minhash(signature)) if k != article_id]
        rows = np.fromiter((self._row[k] for k in keys), dtype=np.int64, count=len(keys))
        estimates = (self._matrix[rows] == signature).mean(axis=1)
        found = [Candidate(k, float(e)) for k, e in zip(keys, estimates, strict=True)]
        found.sort(key=lambda c: (-c.jaccard, c.article_id))
        self.add(article_id, signature=signature)
        return found


class _FullCollections:
    """Counts the cyclic garbage collector's full (generation 2) collections and their time."""

    def __init__(self) -> None:
        self.pauses: list[float] = []
        self._start = 0.0

    def __call__(self, phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            self._start = time.perf_counter()
        elif info["generation"] == 2:
            self.pauses.append(time.perf_counter() - self._start)

    def __enter__(self) -> _FullCollections:
        gc.callbacks.append(self)
        return self

    def __exit__(self, *_exc: object) -> None:
        gc.callbacks.remove(self)


Timing = tuple[dict[int, list[float]], dict[int, list[list[Candidate]]], list[float]]


def time_indexes(
    kind: type[NearDuplicateIndex] | type[DatasketchIndex],
    sizes: list[int],
    signatures: np.ndarray,
    probes: dict[int, str],
    windows: int,
    per_window: int,
) -> Timing:
    """One index per size, grown to just under it; then ``add_and_query`` timed up to it.

    Documents ``0 .. size - windows * per_window`` are added from their precomputed
    signatures (the API's start-up path: it rebuilds the index from stored signatures); the
    last ``windows * per_window`` before ``size`` are timed as ingest meets them: a new text,
    its signature, the query, the add. The windows of the sizes take turns, so a change in
    the machine's load during the run weighs on every size alike. Returns the CPU ms per
    article of each window, the candidates found for each timed article, and the full
    collections of the garbage collector (their seconds) while the indexes were built and
    timed.
    """
    costs: dict[int, list[float]] = {size: [] for size in sizes}
    found: dict[int, list[list[Candidate]]] = {size: [] for size in sizes}
    with _FullCollections() as collections:
        indexes = {}
        for size in sizes:
            index = kind()
            for n in range(size - windows * per_window):
                index.add(f"d{n}", signature=signatures[n])
            indexes[size] = index
        for window in range(windows):
            for size, index in indexes.items():
                first = size - (windows - window) * per_window
                texts = [probes[first + k] for k in range(per_window)]
                start = time.process_time()
                for k, text in enumerate(texts):
                    found[size].append(index.add_and_query(f"d{first + k}", text))
                costs[size].append((time.process_time() - start) * 1000 / per_window)
    return costs, found, collections.pauses


def scaling(
    originals: list[tuple[str, str]],
    sizes: list[int],
    rng: random.Random,
    *,
    baseline: bool = True,
    windows: int = 10,
    per_window: int = 50,
) -> None:
    """CPU ms per article for add + query as the index grows (documents sampled from sentences).

    For each size, the ``windows * per_window`` articles before it are timed in windows
    (:func:`time_indexes`); the figure is the median window (one pause, such as a full
    collection of the garbage collector, cannot make it on its own; the mean beside it does
    include pauses). Process CPU time, not wall time: on a shared machine, wall time mostly
    measures the other jobs. The same documents go through the datasketch ``MinHashLSH``
    index (the previous implementation) unless ``baseline`` is false; the two must return
    the same candidates.
    """
    pool = [s for _, text in originals for s in sentences(text) if len(s.split()) >= 6]
    signer = NearDuplicateIndex()
    timed = {n for size in sizes for n in range(size - windows * per_window, size)}
    loaded = sizes[-1] - windows * per_window
    signatures = np.zeros((loaded, signer.num_perm), dtype=np.uint32)
    probes: dict[int, str] = {}
    for n in range(sizes[-1]):
        text = " ".join(rng.sample(pool, 12))
        if n in timed:
            probes[n] = text
        if n < loaded:
            signatures[n] = signer.signature(text)
    runs: dict[str, Timing] = {}
    kinds: list[tuple[str, type[NearDuplicateIndex] | type[DatasketchIndex]]] = [
        ("wiretrace", NearDuplicateIndex)
    ]
    if baseline:
        kinds.append(("datasketch", DatasketchIndex))
    for name, kind in kinds:  # one after the other: the old index's objects slow every GC
        gc.collect()
        runs[name] = time_indexes(kind, sizes, signatures, probes, windows, per_window)
    first, last = sizes[0], sizes[-1]
    medians = {
        name: {size: statistics.median(run[0][size]) for size in sizes}
        for name, run in runs.items()
    }
    print(
        f"\ncost per new article, add + query: CPU ms, median of {windows} windows of "
        f"{per_window} articles (mean of the windows in brackets)"
    )
    print(
        " | ".join(
            [
                f"{'index size':>10}",
                *(f"{name + ' ms':>17} | {'vs ' + str(first):>7}" for name in runs),
            ]
        )
    )
    for size in sizes:
        cells = [f"{size:>10}"]
        for name, (costs, _, _) in runs.items():
            median = medians[name][size]
            figure = f"{median:.3f} ({statistics.mean(costs[size]):.3f})"
            cells.append(f"{figure:>17} | {median / medians[name][first]:>7.2f}")
        print(" | ".join(cells))
    for name, (_, _, pauses) in runs.items():
        spent = f" (total {sum(pauses):.1f} s, longest {max(pauses):.2f} s)" if pauses else ""
        print(f"{name}: {len(pauses)} full GC collections while building and timing{spent}")
    if baseline:
        same = runs["wiretrace"][1] == runs["datasketch"][1]
        print(f"candidates identical to datasketch's for all {len(timed)} timed articles: {same}")
    ratio = medians["wiretrace"][last] / medians["wiretrace"][first]
    print(f"ratio {last}/{first}: {ratio:.2f} (target <= 1.5)")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="fewer pages, index to 10,000")
    parser.add_argument(
        "--no-baseline", action="store_true", help="do not time the datasketch MinHashLSH index"
    )
    args = parser.parse_args()
    rng = random.Random(5)
    originals = load_originals(150 if args.quick else None)
    print(f"originals: {len(originals)} pages with >= 150 words")
    evaluate(build_pairs(originals, rng))
    sizes = [1000, 10_000] if args.quick else [1000, 10_000, 100_000]
    scaling(originals, sizes, rng, baseline=not args.no_baseline)


if __name__ == "__main__":
    main()
