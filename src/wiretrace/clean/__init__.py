"""Clean stage: turn a :class:`RawDocument` into an :class:`Article`.

Plain-text scrapes (and JSONL text) go through the line classifier of
:mod:`wiretrace.clean.text` and the metadata scan of :mod:`wiretrace.clean.metadata`; HTML
(and JSONL records flagged ``content_is_html``) is first extracted by trafilatura
(:mod:`wiretrace.clean.html`) and its text then takes the same path.

Values the input states (JSONL ``title``, ``published``, ``outlet``, ``url``) win over
anything read from the page. The outlet is the URL's host when there is a URL (the same site
then always gets the same name), else the page's site name (HTML) or a strong cue in the text
("with the X" after a byline, "X News Desk", "edited by X staff", the agency of a dateline).

:func:`clean_batch` first counts which lines recur across the batch (:class:`CleanContext`),
so furniture a site repeats on every page is recognised even when its shape looks innocent.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from wiretrace.clean.html import NO_TEXT, HtmlExtraction, extract_html, load_html_tools
from wiretrace.clean.metadata import scan_text
from wiretrace.clean.text import (
    CleanContext,
    LineLayout,
    classify_lines,
    normalise_paragraphs,
    split_layout,
    split_lines,
)
from wiretrace.errors import InputError
from wiretrace.models import Article, RawDocument, RemovedLine, iso_date

__all__ = [
    "CleanContext",
    "PreparedBatch",
    "clean_batch",
    "clean_document",
    "load_html_tools",
    "load_language_model",
    "needs_extraction",
    "outlet_from_url",
    "prepare_batch",
    "prepare_document",
]

_HOST_PREFIXES = ("www.", "m.", "amp.", "mobile.")


@dataclass
class _Prepared:
    """A document made into lines (HTML already extracted), ready for classification."""

    lines: list[str]
    html: HtmlExtraction | None = None
    extra: dict[str, Any] = field(default_factory=dict)
    layout: list[LineLayout] | None = None


def needs_extraction(doc: RawDocument) -> bool:
    """Whether making ``doc`` into lines runs trafilatura (an HTML page): the costly part of
    :func:`prepare_batch`, which worker processes can do first (:func:`prepare_document`)."""
    return doc.format == "html" or (
        doc.format == "jsonl" and bool(doc.metadata.get("content_is_html"))
    )


def _prepare(doc: RawDocument) -> _Prepared:
    if needs_extraction(doc):
        extraction = extract_html(doc.source, doc.content, doc.url)
        return _Prepared(split_lines(extraction.text), extraction)
    lines, layout = split_layout(doc.content)
    return _Prepared(lines, layout=layout)


def outlet_from_url(url: str | None) -> str | None:
    """The site a URL belongs to: its host without "www."/"m." ("example.com")."""
    if not url:
        return None
    try:
        host = urlsplit(url if "//" in url else f"//{url}").hostname
    except ValueError:
        return None
    if not host:
        return None
    for prefix in _HOST_PREFIXES:
        if host.startswith(prefix) and host.count(".") >= 2:
            host = host[len(prefix) :]
    return host


def _finish(doc: RawDocument, prepared: _Prepared, context: CleanContext | None) -> Article:
    html = prepared.html
    title_hint = doc.title or (html.title if html else None)
    meta = scan_text(prepared.lines, title_hint=title_hint)
    # HTML bodies (trafilatura's output) and JSONL texts are articles already, not whole
    # pages: only content evidence may remove lines from them (see ``line_features``).
    extracted = html is not None or doc.format == "jsonl"
    decisions = classify_lines(
        prepared.lines, meta.roles, context, extracted=extracted, layout=prepared.layout
    )
    text = normalise_paragraphs(d.text for d in decisions if d.keep)
    if not text:
        raise InputError(doc.source, NO_TEXT)

    given_from = "feed" if doc.metadata.get("feed_title") is not None else doc.format
    values = _Values()
    text_from = (
        "scraper" if meta.title and meta.title == meta.extra.get("scraper_title") else "text"
    )
    values.offer("title", doc.title, given_from)
    if html is not None:
        values.offer("title", html.title, html.provenance.get("title", "html"))
    values.offer("title", meta.title, text_from)

    given = iso_date(doc.published)
    values.offer("published", given, given_from)
    if html is not None:
        values.offer("published", html.published, html.provenance.get("published", "html"))
    values.offer("published", meta.published, meta.published_from or "text")

    values.offer("outlet", doc.outlet, given_from)
    values.offer("outlet", outlet_from_url(doc.url), "url")
    if html is not None:
        values.offer("outlet", html.sitename, html.provenance.get("outlet", "html"))
    outlet_from = "dateline" if meta.outlet == meta.extra.get("dateline_agency") else "text"
    values.offer("outlet", meta.outlet, outlet_from)

    if html is not None:
        values.offer("byline", html.author, html.provenance.get("author", "html"))
        values.offer("updated", html.updated, html.provenance.get("updated", "html"))
        values.offer("language", html.language, html.provenance.get("language", "html"))
    values.offer("byline", _given_text(doc.metadata.get("author")), given_from)
    values.offer("byline", meta.byline, "text")
    values.offer("updated", iso_date(meta.extra.get("updated")), "text")
    values.offer("language", _language_of(doc.metadata.get("language")), given_from)
    values.offer("language", detect_language(text), "detected")
    values.offer("dateline", meta.dateline, "text")

    extra: dict[str, Any] = dict(meta.extra)
    if html is not None:
        extra.update(html.extra)
        if html.sitename:
            extra["sitename"] = html.sitename
    if doc.published and given is None:
        extra["published_invalid"] = doc.published
    if values.get("published") is not None:
        extra.pop("published_partial", None)
    metadata = dict(doc.metadata)
    for key, value in extra.items():
        metadata.setdefault(key, value)
    return Article(
        id=doc.article_id,
        source=doc.source,
        format=doc.format,
        text=text,
        raw=doc.content,
        url=doc.url,
        outlet=values.get("outlet"),
        title=values.get("title"),
        byline=values.get("byline"),
        published=values.get("published"),
        published_from=values.provenance.get("published"),
        seen=meta.seen or iso_date(doc.metadata.get("warc_date")),
        dateline=values.get("dateline"),
        updated=values.get("updated"),
        language=values.get("language"),
        removed=[RemovedLine(d.text, d.reason) for d in decisions if not d.keep],
        metadata=metadata,
        provenance=values.provenance,
    )


@dataclass
class _Values:
    """Metadata values offered best source first: the first offer of a field wins."""

    values: dict[str, Any] = field(default_factory=dict)
    provenance: dict[str, str] = field(default_factory=dict)

    def offer(self, name: str, value: Any, source: str) -> None:
        if value is not None and value != "" and name not in self.values:
            self.values[name] = value
            self.provenance[name] = source

    def get(self, name: str) -> Any:
        return self.values.get(name)


def _given_text(value: Any) -> str | None:
    return (" ".join(value.split()) or None) if isinstance(value, str) else None


def _language_of(value: Any) -> str | None:
    if not isinstance(value, str) or not value.strip():
        return None
    return value.strip().split("-")[0].split("_")[0].lower() or None


#: Texts shorter than this are not given a detected language: too little evidence.
MIN_LANGUAGE_CHARS = 40


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language (py3langid, offline), None for very short texts."""
    if len(text) < MIN_LANGUAGE_CHARS:
        return None
    import py3langid  # imported here: loading its model takes about a second

    code, _score = py3langid.classify(text[:3000])
    return str(code)


def load_language_model() -> None:
    """Load py3langid's model now rather than on the first detection: worker processes
    forked after this share it, where each would otherwise load its own."""
    detect_language("A sentence long enough to be given a language.")


def clean_document(doc: RawDocument, context: CleanContext | None = None) -> Article:
    """Clean one document; raise :class:`InputError` when no article text remains.

    ``context`` carries the cross-document line counts of the batch the document belongs to;
    without it, only the page itself is used.
    """
    return _finish(doc, _prepare(doc), context)


def clean_batch(docs: Sequence[RawDocument]) -> list[Article | InputError]:
    """Clean a batch: one result per document, in order, an :class:`InputError` for a failure.

    The batch's :class:`CleanContext` is built from every document's lines (HTML after
    extraction), so each page is judged against the other pages of the batch.
    """
    batch = prepare_batch(docs)
    return [batch.finish(i) for i in range(len(docs))]


@dataclass
class PreparedBatch:
    """A batch made into lines, with its :class:`CleanContext`: what :meth:`finish` needs to
    clean any one of its documents, in any order or process (worker processes finish
    documents of a batch prepared in their parent: :mod:`wiretrace.extract.workers`)."""

    docs: Sequence[RawDocument]
    prepared: list[_Prepared | InputError]
    context: CleanContext

    def finish(self, index: int) -> Article | InputError:
        """The clean article of document ``index``, or why it was rejected."""
        item = self.prepared[index]
        if isinstance(item, InputError):
            return item
        try:
            return _finish(self.docs[index], item, self.context)
        except InputError as exc:
            return exc


def prepare_document(doc: RawDocument) -> _Prepared | InputError:
    """One document made into lines (an HTML page extracted), or why it was rejected: the
    per-document part of :func:`prepare_batch`, which depends on no other document."""
    try:
        return _prepare(doc)
    except InputError as exc:
        return exc


def prepare_batch(
    docs: Sequence[RawDocument], ready: Sequence[_Prepared | InputError | None] = ()
) -> PreparedBatch:
    """The first, batch-wide half of :func:`clean_batch`: every document into lines (HTML
    extracted), and the batch's line counts. ``ready`` holds documents already made into
    lines elsewhere (by :func:`prepare_document` in worker processes), ``None`` for the
    others; the result is the same."""
    prepared: list[_Prepared | InputError] = []
    context = CleanContext()
    for index, doc in enumerate(docs):
        done = ready[index] if index < len(ready) else None
        item = prepare_document(doc) if done is None else done
        if not isinstance(item, InputError):
            context.add_lines(item.lines)
        prepared.append(item)
    return PreparedBatch(docs, prepared, context)
