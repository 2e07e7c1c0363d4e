"""HTML path: let trafilatura find the article body and the page's own metadata.

HTML has structure that a text scrape lost (``<nav>``, ``<footer>``, ``<article>``,
JSON-LD, ``<meta>``), and trafilatura reads it better than line rules could; its body text
then goes through the same line normalisation and (conservative) line classifier as a text
scrape, which removes what little furniture it lets through.

On top of trafilatura, the page's structured data (:mod:`wiretrace.clean.structured`: JSON-LD
``NewsArticle``, OpenGraph and ``<meta>`` tags) supplies what the publisher states: headline,
author, publisher, update date and language, each with its provenance.

Publication date: htmldate's (through trafilatura, with its extensive search, which weighs
markup, JSON-LD and visible dates), else the structured data's. htmldate first was slightly
more accurate on the evaluation pages than JSON-LD first (docs/cleaning.md); where the two
agree the provenance names the structured source. htmldate's known failure, a bare year in a
"© 2025" footer read as 1 January, is dropped unless the structured data or the URL carries
that date.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any, Final

from wiretrace.clean.metadata import strip_title_suffix
from wiretrace.clean.structured import StructuredMeta, first_heading, read_structured
from wiretrace.clean.text import normalise_space
from wiretrace.errors import InputError
from wiretrace.models import iso_date

NO_TEXT: Final = "no article text after cleaning"

_DATE_PARAMS: Final[dict[str, Any]] = {"extensive_search": True, "original_date": True}


@dataclass(frozen=True)
class HtmlExtraction:
    """What trafilatura found: body text (one paragraph per line) and page metadata."""

    text: str
    title: str | None = None
    author: str | None = None
    published: date | None = None
    sitename: str | None = None
    updated: date | None = None
    language: str | None = None
    provenance: dict[str, str] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)


def _clean_str(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    text = normalise_space(value)
    return text or None


def extract_html(source: str, html: str, url: str | None = None) -> HtmlExtraction:
    """Extract the article from ``html`` or raise :class:`InputError` when there is none.

    User comments are left out (``include_comments=False``): they are not the report.
    """
    import trafilatura  # imported here: importing wiretrace must stay cheap

    if not html.strip():
        raise InputError(source, NO_TEXT)
    try:
        doc = trafilatura.bare_extraction(
            html,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            date_extraction_params=dict(_DATE_PARAMS),
        )
    except Exception as exc:  # lxml/trafilatura raise many types on broken markup
        raise InputError(source, f"HTML could not be parsed ({type(exc).__name__})") from exc
    if doc is None:
        raise InputError(source, NO_TEXT)
    data: dict[str, Any] = doc if isinstance(doc, dict) else doc.as_dict()
    text = data.get("text")
    if not isinstance(text, str) or not text.strip():
        raise InputError(source, NO_TEXT)
    extra: dict[str, Any] = {}
    for key in ("description", "hostname", "language", "pagetype"):
        if value := _clean_str(data.get(key)):
            extra[f"html_{key}"] = value
    for key in ("categories", "tags"):
        if isinstance(data.get(key), list) and data[key]:
            extra[f"html_{key}"] = [str(v) for v in data[key]]
    return _merge(text, data, read_structured(html), extra, first_heading(html), url)


def choose_title(
    heading: str | None, stated: str | None, found: str | None
) -> tuple[str | None, str]:
    """The headline and where it came from.

    The page's ``<h1>`` is the headline as readers see it, but many pages use ``<h1>`` for the
    site name; it is taken when the page's stated title (JSON-LD/OpenGraph) or ``<title>``
    contains it. Otherwise the stated title, else ``<title>``, without a " | Site" suffix.
    """
    fold = [" ".join((t or "").casefold().split()) for t in (heading, stated, found)]
    if heading and len(fold[0]) >= 8 and any(fold[0] in f for f in fold[1:] if f):
        return heading, "html h1"
    if stated:
        return strip_title_suffix(stated), "stated"
    if found:
        return strip_title_suffix(found), "html"
    return None, ""


def _bare_new_year(found: date, meta: StructuredMeta, url: str | None) -> bool:
    """True for a 1 January date that nothing but htmldate's guess supports."""
    if (found.month, found.day) != (1, 1) or meta.published == found:
        return False
    stamp = found.isoformat()
    return not (url and (stamp in url or stamp.replace("-", "/") in url))


def _merge(
    text: str,
    data: dict[str, Any],
    meta: StructuredMeta,
    extra: dict[str, Any],
    heading: str | None,
    url: str | None = None,
) -> HtmlExtraction:
    """Combine trafilatura's findings with the page's structured data (see module doc)."""
    provenance: dict[str, str] = {}

    def pick(
        field_name: str, stated: Any, found: Any, meta_key: str = "", found_from: str = "html"
    ) -> Any:
        """The structured value when the page states one, else trafilatura's."""
        if stated is not None:
            provenance[field_name] = meta.provenance[meta_key or field_name]
            return stated
        if found is not None:
            provenance[field_name] = found_from
        return found

    found = iso_date(data.get("date"))
    if found is not None and _bare_new_year(found, meta, url):
        found = None  # most likely a bare year ("© 2025") read as a date
    if found is not None and found == meta.published:
        provenance["published"] = meta.provenance["published"]
        published: date | None = found
    elif found is not None:
        provenance["published"] = "htmldate"
        published = found
    else:
        published = pick("published", meta.published, None)
    title, title_from = choose_title(heading, meta.title, _clean_str(data.get("title")))
    if title:
        provenance["title"] = meta.provenance["title"] if title_from == "stated" else title_from
    return HtmlExtraction(
        text=text,
        title=title,
        author=pick("author", meta.author, _clean_str(data.get("author"))),
        published=published,
        sitename=pick("outlet", meta.site, _clean_str(data.get("sitename")), "site"),
        updated=pick("updated", meta.updated, None),
        language=pick("language", meta.language, None),
        provenance=provenance,
        extra=extra,
    )
