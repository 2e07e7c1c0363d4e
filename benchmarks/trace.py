"""Syndication benchmark for the trace stage: copies, edits and rewrites of real pages.

Originals are the trafilatura evaluation pages (``benchmarks.datasets``), extracted to text
with trafilatura, kept when they have at least 150 words. Derived versions are generated
programmatically (so the truth is known): exact copies with other boilerplate, light edits
(word swaps, a dropped paragraph, a new headline) and rewrites (sentences reordered, generic
word swaps, SEO padding). Distractor pairs join different originals, half of them from the
same site. Reported: precision and recall of derivation edges per type, LSH candidate recall,
and the per-article cost of ``add`` + ``query`` as the index grows to 100,000 documents.

    PYTHONPATH=. .venv/bin/python -m benchmarks.trace [--quick]
"""

from __future__ import annotations

import argparse
import random
import time
from collections import Counter, defaultdict
from urllib.parse import urlparse

from benchmarks.datasets import iter_trafilatura_eval, read_html
from wiretrace.trace.derive import TracedText, derive
from wiretrace.trace.lsh import NearDuplicateIndex
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


def scaling(originals: list[tuple[str, str]], sizes: list[int], rng: random.Random) -> None:
    """ms per article for add + query as the index grows (documents sampled from sentences)."""
    pool = [s for _, text in originals for s in sentences(text) if len(s.split()) >= 6]
    index = NearDuplicateIndex()
    probes = 500
    results = {}
    n = 0
    for size in sizes:
        while n < size - probes:
            index.add(f"d{n}", " ".join(rng.sample(pool, 12)))
            n += 1
        start = time.perf_counter()
        for _ in range(probes):
            index.add_and_query(f"d{n}", " ".join(rng.sample(pool, 12)))
            n += 1
        results[size] = (time.perf_counter() - start) * 1000 / probes
        print(f"index size {size:>7}: {results[size]:.3f} ms/article (add + query)")
    first, last = sizes[0], sizes[-1]
    print(f"ratio {last}/{first}: {results[last] / results[first]:.2f} (target <= 1.5)")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="fewer pages, index to 10,000")
    args = parser.parse_args()
    rng = random.Random(5)
    originals = load_originals(150 if args.quick else None)
    print(f"originals: {len(originals)} pages with >= 150 words")
    evaluate(build_pairs(originals, rng))
    scaling(originals, [1000, 10_000] if args.quick else [1000, 10_000, 100_000], rng)


if __name__ == "__main__":
    main()
