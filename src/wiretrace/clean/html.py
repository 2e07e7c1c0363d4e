"""HTML path: let trafilatura find the article body and the page's own metadata.

HTML has structure that a text scrape lost (``<nav>``, ``<footer>``, ``<article>``,
JSON-LD, ``<meta>``), and trafilatura reads it better than line rules could; its body text
then goes through the same line normalisation and (conservative) line classifier as a text
scrape, which removes what little furniture it lets through.

Date search is restricted to the page's markup (``extensive_search=False``): the extensive
search guesses from any date-like string on the page, and on pages without date markup it
returned 1 January of the year in a "© 2025" footer.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any, Final

from wiretrace.clean.text import normalise_space
from wiretrace.errors import InputError

NO_TEXT: Final = "no article text after cleaning"

_DATE_PARAMS: Final[dict[str, Any]] = {"extensive_search": False, "original_date": True}


@dataclass(frozen=True)
class HtmlExtraction:
    """What trafilatura found: body text (one paragraph per line) and page metadata."""

    text: str
    title: str | None = None
    author: str | None = None
    published: date | None = None
    sitename: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)


def _clean_str(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    text = normalise_space(value)
    return text or None


def _parse_date(value: Any) -> date | None:
    if not isinstance(value, str) or len(value) < 10:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


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
    return HtmlExtraction(
        text=text,
        title=_clean_str(data.get("title")),
        author=_clean_str(data.get("author")),
        published=_parse_date(data.get("date")),
        sitename=_clean_str(data.get("sitename")),
        extra=extra,
    )
