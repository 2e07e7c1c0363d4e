"""Article extraction on trafilatura's evaluation set: wiretrace against plain trafilatura.

    python -m benchmarks.clean [--split all|tune|heldout] [--limit N] [--json OUT]

The set holds 990 web pages (news, blogs, magazines; many languages), each with up to a few
gold snippets that belong to the main text (``with``) and a few that do not (``without``:
menus, teasers, comments, related links), plus the page's title, publication date and
author where known. Three systems run on every page, in the same run:

* **trafilatura (plain)**: one ``trafilatura.bare_extraction(html, url=..., with_metadata=True)``
  call per page with every other setting at its default. It gives the text and the metadata
  at once; the text scored is what ``trafilatura.extract(html, url=...)`` returns with its
  defaults (body, then comments, which are included by default, NFC-normalised).
* **wiretrace HTML path**: ``clean_document`` on a ``format="html"`` document with the URL.
* **wiretrace text path**: the page rendered to text as a browser shows it
  (:func:`benchmarks.datasets.render_text`, inscriptis), cleaned as a ``format="text"``
  scrape without a URL, as a copied scrape has none.

Each system is timed on its extraction call alone (``time.perf_counter`` around
``bare_extraction`` / ``clean_document``): reading, decoding and rendering are left out.
Each page is decoded once (:func:`benchmarks.datasets.read_html`) for all systems. The URL
is the set's key, passed as is (35 keys are ``hard::FILE`` rather than a web address).

Scoring follows trafilatura's own evaluation: whitespace is folded in the snippets and the
output; a ``with`` snippet found in the output is a true positive, missing a false negative;
a ``without`` snippet found is a false positive, absent a true negative. A page a system
fails on (``None``, :class:`~wiretrace.errors.InputError`) counts all its ``with`` snippets
as false negatives and its ``without`` snippets as true negatives. Titles are compared after
folding whitespace and case (exact), and leniently (one contains the other); dates as
``YYYY-MM-DD``. Each figure is over the pages that have the gold value.
"""

from __future__ import annotations

import argparse
import json
import time
import unicodedata
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from benchmarks.datasets import TrafilaturaPage, iter_trafilatura_eval, read_html, render_text
from wiretrace.clean import clean_document
from wiretrace.errors import InputError
from wiretrace.models import RawDocument

SYSTEMS: tuple[str, ...] = ("trafilatura", "wiretrace-html", "wiretrace-text")
LABELS: dict[str, str] = {
    "trafilatura": "trafilatura (plain, defaults)",
    "wiretrace-html": "wiretrace, HTML path",
    "wiretrace-text": "wiretrace, text path (rendered page, no URL)",
}


@dataclass(frozen=True)
class Extraction:
    """One system's output for one page; ``text`` is ``None`` when it found no article."""

    text: str | None
    title: str | None
    date: str | None
    seconds: float
    error: str | None = None


def fold(text: str) -> str:
    """Whitespace folded to single spaces (the comparison trafilatura's evaluation makes)."""
    return " ".join(text.split())


def fold_title(text: str) -> str:
    return fold(text).casefold()


# -- the three systems ---------------------------------------------------------------------


def extract_trafilatura(page: TrafilaturaPage, html: str) -> Extraction:
    """Plain trafilatura: one ``bare_extraction`` call with defaults and metadata."""
    import trafilatura

    start = time.perf_counter()
    try:
        doc = trafilatura.bare_extraction(html, url=page.url, with_metadata=True)
    except Exception as exc:  # trafilatura lets lxml's errors through on broken markup
        return Extraction(None, None, None, time.perf_counter() - start, type(exc).__name__)
    seconds = time.perf_counter() - start
    if doc is None:
        return Extraction(None, None, None, seconds, "no extraction")
    data: dict[str, Any] = doc if isinstance(doc, dict) else doc.as_dict()
    body = data.get("text") or ""
    comments = data.get("comments") or ""
    # extract()'s default text output: the body, then the comments, NFC-normalised
    text = unicodedata.normalize("NFC", f"{body}\n{comments}".strip() if comments else body)
    date = data.get("date")
    return Extraction(
        text or None,
        data.get("title") or None,
        date[:10] if isinstance(date, str) else None,
        seconds,
    )


def _from_article(doc: RawDocument) -> Extraction:
    start = time.perf_counter()
    try:
        article = clean_document(doc)
    except InputError as exc:
        return Extraction(None, None, None, time.perf_counter() - start, exc.reason)
    seconds = time.perf_counter() - start
    published = article.published.isoformat() if article.published else None
    return Extraction(article.text, article.title, published, seconds)


def extract_wiretrace_html(page: TrafilaturaPage, html: str) -> Extraction:
    return _from_article(RawDocument(page.path.name, "html", html, url=page.url))


def extract_wiretrace_text(page: TrafilaturaPage, rendered: str) -> Extraction:
    return _from_article(RawDocument(page.path.name, "text", rendered))


# -- scoring -------------------------------------------------------------------------------


@dataclass
class Tally:
    """One system's counts over a set of pages; the figures are properties."""

    pages: int = 0
    failures: int = 0
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0
    titles: int = 0
    title_exact: int = 0
    title_lenient: int = 0
    dates: int = 0
    date_right: int = 0
    seconds: float = 0.0

    def add(self, page: TrafilaturaPage, out: Extraction) -> None:
        self.pages += 1
        self.seconds += out.seconds
        tp, fp, fn, tn = score_snippets(page, out.text)
        self.tp, self.fp, self.fn, self.tn = self.tp + tp, self.fp + fp, self.fn + fn, self.tn + tn
        self.failures += out.text is None
        if page.title and fold(page.title):
            self.titles += 1
            exact, lenient = title_match(page.title, out.title)
            self.title_exact += exact
            self.title_lenient += lenient
        if page.date:
            self.dates += 1
            self.date_right += out.date == page.date[:10]

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def accuracy(self) -> float:
        total = self.tp + self.fp + self.fn + self.tn
        return (self.tp + self.tn) / total if total else 0.0

    @property
    def title_exact_rate(self) -> float:
        return self.title_exact / self.titles if self.titles else 0.0

    @property
    def title_lenient_rate(self) -> float:
        return self.title_lenient / self.titles if self.titles else 0.0

    @property
    def date_accuracy(self) -> float:
        return self.date_right / self.dates if self.dates else 0.0

    @property
    def pages_per_second(self) -> float:
        return self.pages / self.seconds if self.seconds else 0.0

    def figures(self) -> dict[str, float | int]:
        names = (
            "precision",
            "recall",
            "f1",
            "accuracy",
            "title_exact_rate",
            "title_lenient_rate",
            "date_accuracy",
            "pages_per_second",
        )
        return {**asdict(self), **{name: getattr(self, name) for name in names}}


def score_snippets(page: TrafilaturaPage, text: str | None) -> tuple[int, int, int, int]:
    """``(tp, fp, fn, tn)`` of one output against the page's gold snippets."""
    if text is None:
        return 0, 0, len(page.with_), len(page.without)
    folded = fold(text)
    found_with = sum(fold(s) in folded for s in page.with_)
    found_without = sum(fold(s) in folded for s in page.without)
    return (
        found_with,
        found_without,
        len(page.with_) - found_with,
        len(page.without) - found_without,
    )


def title_match(gold: str, found: str | None) -> tuple[bool, bool]:
    """``(exact, lenient)``: equal after folding; one contains the other."""
    if not found or not fold(found):
        return False, False
    g, f = fold_title(gold), fold_title(found)
    return g == f, g == f or g in f or f in g


# -- the run -------------------------------------------------------------------------------


@dataclass
class PageResult:
    """What each system made of one page (kept for diagnostics and ``--json``)."""

    page: TrafilaturaPage
    outputs: dict[str, Extraction] = field(default_factory=dict)


@dataclass
class Evaluation:
    split: str
    tallies: dict[str, Tally]
    results: list[PageResult]

    @property
    def speed_ratio(self) -> float:
        """wiretrace HTML pages/s over plain trafilatura's, measured in the same run."""
        base = self.tallies["trafilatura"].pages_per_second
        return self.tallies["wiretrace-html"].pages_per_second / base if base else 0.0

    def figures(self) -> dict[str, Any]:
        return {
            "split": self.split,
            "pages": len(self.results),
            "with_snippets": sum(len(r.page.with_) for r in self.results),
            "without_snippets": sum(len(r.page.without) for r in self.results),
            "speed_ratio_html": self.speed_ratio,
            "systems": {name: tally.figures() for name, tally in self.tallies.items()},
        }


def run_page(page: TrafilaturaPage) -> PageResult:
    """Run the three systems on one page (decoded once; rendered once for the text path)."""
    html = read_html(page.path)
    rendered = render_text(html)
    result = PageResult(page)
    result.outputs["trafilatura"] = extract_trafilatura(page, html)
    result.outputs["wiretrace-html"] = extract_wiretrace_html(page, html)
    result.outputs["wiretrace-text"] = extract_wiretrace_text(page, rendered)
    return result


def evaluate(pages: Iterable[TrafilaturaPage], split: str = "all") -> Evaluation:
    """Score every system on ``pages``.

    One untimed page runs first, so imports and caches warmed on the first call (about two
    seconds for trafilatura's metadata modules) are not charged to whichever system runs first.
    """
    pages = list(pages)
    if pages:
        run_page(pages[0])
    tallies = {name: Tally() for name in SYSTEMS}
    results = []
    for page in pages:
        result = run_page(page)
        for name in SYSTEMS:
            tallies[name].add(page, result.outputs[name])
        results.append(result)
    return Evaluation(split, tallies, results)


def run(split: str = "all", limit: int | None = None) -> Evaluation:
    pages = list(iter_trafilatura_eval(split))[:limit]
    return evaluate(pages, split)


def print_table(evaluation: Evaluation, console: Console | None = None) -> None:
    console = console or Console(width=160)
    figures = evaluation.figures()
    table = Table(
        title=f"Article extraction on trafilatura's evaluation set (split={evaluation.split})"
    )
    columns = ("system", "P", "R", "F1", "accuracy", "title exact", "title lenient")
    for column in (*columns, "date acc.", "failures", "pages/s"):
        table.add_column(column, justify="left" if column == "system" else "right")
    for name in SYSTEMS:
        t = evaluation.tallies[name]
        table.add_row(
            LABELS[name],
            *(f"{x:.3f}" for x in (t.precision, t.recall, t.f1, t.accuracy)),
            *(f"{x:.3f}" if t.titles else "–" for x in (t.title_exact_rate, t.title_lenient_rate)),
            f"{t.date_accuracy:.3f}" if t.dates else "–",
            str(t.failures),
            f"{t.pages_per_second:,.1f}",
        )
    console.print(table)
    first = evaluation.tallies["trafilatura"]
    console.print(
        f"split={evaluation.split}: {figures['pages']} pages, {figures['with_snippets']} with- "
        f"and {figures['without_snippets']} without-snippets, {first.titles} gold titles, "
        f"{first.dates} gold dates; wiretrace HTML speed = {evaluation.speed_ratio:.2f} × "
        "trafilatura's"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--split", choices=("all", "tune", "heldout"), default="all")
    parser.add_argument("--limit", type=int, default=None, help="only the first N pages")
    parser.add_argument("--json", type=Path, default=None, metavar="OUT", help="write figures")
    args = parser.parse_args()
    evaluation = run(args.split, args.limit)
    print_table(evaluation)
    if args.json is not None:
        args.json.write_text(json.dumps(evaluation.figures(), indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
