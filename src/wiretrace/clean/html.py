"""HTML path: let trafilatura find the article body and the page's own metadata.

HTML has structure that a text scrape lost (``<nav>``, ``<footer>``, ``<article>``,
JSON-LD, ``<meta>``), and trafilatura reads it better than line rules could; its body text
then goes through the same line normalisation and (conservative) line classifier as a text
scrape, which removes what little furniture it lets through.

On top of trafilatura, the page's structured data (:mod:`wiretrace.clean.structured`: JSON-LD
``NewsArticle``, OpenGraph and ``<meta>`` tags) supplies what the publisher states: headline,
author, publisher, update date and language, each with its provenance.

Publication date, in order of trust (docs/cleaning.md has the measurements):

1. the date the page *shows* with its headline (:func:`headline_dates`): a line that is only
   a date (with time, zone or a "Published" label), or a date and a byline, among the few
   lines right after the first ``<h1>`` (or the one line before it). It is what a reader sees
   as the article's date, in the publisher's local time, where machine timestamps are often
   in UTC, or are the date of a later edit or a re-publication. Dates labelled "Updated",
   elements marked ``itemprop="dateModified"``, and a weekday date without a time (the
   site's "today") are not taken;
2. htmldate's (through trafilatura, with its extensive search, which weighs markup, JSON-LD
   and visible dates), unless it is the stated *modification* date of a page that states a
   different publication date, or the stated publication date is itself shown near the
   headline: then the stated publication date;
3. the structured data's.

htmldate's known failure, a bare year in a "© 2025" footer read as 1 January, is dropped
unless the structured data or the URL carries that date. A stated timestamp at exactly 22:00
or 23:00 UTC on a page in a language of the UTC+1/+2 zones is a date entered as local
midnight and stored in UTC: its date is the next day (:func:`local_midnight`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache
from typing import Any, Final

from wiretrace.clean.dates import _TIME_RE, _word_set, find_dates, has_weekday
from wiretrace.clean.metadata import _name_shaped, parse_date_meta, strip_title_suffix
from wiretrace.clean.structured import StructuredMeta, first_heading, read_structured
from wiretrace.clean.text import normalise_space
from wiretrace.errors import InputError
from wiretrace.models import iso_date

NO_TEXT: Final = "no article text after cleaning"

_DATE_PARAMS: Final[dict[str, Any]] = {"extensive_search": True, "original_date": True}


#: How many non-empty lines after the headline (and before it) may hold the date it shows.
HEADLINE_AFTER: Final = 8
HEADLINE_BEFORE: Final = 1
#: How far around the headline a date corroborates the stated publication date.
SHOWN_BEFORE: Final = 3
SHOWN_AFTER: Final = 20
#: Elements whose text a reader does not see as the article's.
_SKIP_TAGS: Final = _word_set(
    "script style noscript template svg head select button form iframe nav footer"
)
#: Elements that start a new line of text, as a browser renders them.
_BLOCK_TAGS: Final = _word_set(
    "address article aside blockquote dd details dialog div dl dt fieldset figcaption figure "
    "h1 h2 h3 h4 h5 h6 header hr li main ol p pre section table td th tr ul br time"
)
_BYLINE_WORD_RE: Final = re.compile(r"^(?:by|von|par|por|de)\s+", re.I)
#: A timestamp at exactly 22:00 or 23:00 UTC: local midnight in UTC+2 or UTC+1.
_UTC_MIDNIGHT_RE: Final = re.compile(
    r"^\d{4}-\d\d-\d\d[T ]2[23]:00(?::00(?:\.0+)?)?\s*(?:Z|UTC|GMT|[+-]00:?00)$", re.I
)
#: Languages written mostly in the UTC+1 and UTC+2 zones (Central and Eastern Europe).
UTC_PLUS_LANGUAGES: Final = _word_set(
    "de it nl pl cs sk hu sl hr sr bs da sv nb nn no fi et lv lt ro bg el uk"
)


@dataclass(frozen=True)
class HeadlineDates:
    """Dates the page shows with its headline: the one it presents as the article's date
    (``shown``, if any), and every date in a meta line near the headline (``nearby``)."""

    shown: date | None = None
    nearby: frozenset[date] = frozenset()


def _parse_page(page: str) -> Any:
    import lxml.html  # type: ignore[import-untyped]  # imported here: keeps the import cheap

    try:
        return lxml.html.fromstring(page)
    except ValueError:  # a str with an XML encoding declaration
        return lxml.html.fromstring(page.encode("utf-8", "replace"))


def page_lines(root: Any) -> tuple[list[str], int | None]:
    """The page's visible text as lines (one per block element) and the first ``<h1>``'s line.

    Scripts, navigation, forms and footers are left out, and so is any element marked
    ``itemprop="dateModified"``. Iterative, so deep markup cannot exhaust the stack.
    """
    lines: list[list[str]] = [[]]
    heading: int | None = None
    stack: list[tuple[Any, bool]] = [(root, False)]

    def new_line() -> None:
        if lines[-1]:
            lines.append([])

    while stack:
        element, closing = stack.pop()
        tag = element.tag.lower() if isinstance(element.tag, str) else ""
        if closing:
            if tag in _BLOCK_TAGS:
                new_line()
            if tag == "h1" and heading is not None and not "".join(lines[heading]).strip():
                heading = None  # an empty <h1> (a logo): wait for one with text
        elif not tag or tag in _SKIP_TAGS or element.get("itemprop", "").lower() == "datemodified":
            pass
        else:
            if tag in _BLOCK_TAGS:
                new_line()
            if tag == "h1" and heading is None:
                heading = len(lines) - 1
            if element.text:
                lines[-1].append(element.text)
            stack.append((element, True))
            stack.extend((child, False) for child in reversed(element))
            continue
        if element.tail:
            lines[-1].append(element.tail)
    return [" ".join(" ".join(parts).split()) for parts in lines], heading


def _rest_is_name(line: str) -> bool:
    """True when ``line`` without its dates and times is a byline ("By Jane Doe")."""
    rest = line
    for found in reversed(find_dates(line)):
        rest = rest[: found.start] + " " + rest[found.end :]
    rest = " ".join(_TIME_RE.sub(" ", rest).split()).strip(" ,;:|-–—·•/")
    name = _BYLINE_WORD_RE.sub("", rest)
    if not name or not _name_shaped(name, 6):
        return False
    return name != rest or len(name.split()) >= 2  # "By X", or a first and last name


def _shown_date(line: str, before: bool) -> date | None:
    """The article date a line near the headline shows, if it is such a line."""
    line = line[:300]
    meta = parse_date_meta(line)
    if meta is None:
        return None
    if meta.published is not None:
        return meta.published.value
    if meta.plain is None or meta.plain.value is None or meta.updated is not None:
        return None
    if has_weekday(line):
        rest = line[: meta.plain.start] + " " + line[meta.plain.end :]
        if before or not _TIME_RE.search(rest):
            return None  # the site's "today" in its header, not the article's date
    if meta.date_only or _rest_is_name(line):
        return meta.plain.value
    return None


def headline_dates(page: str) -> HeadlineDates:
    """The date shown with the page's headline (see the module doc), and those near it."""
    try:
        root = _parse_page(page)
    except Exception:  # lxml raises several types on broken markup
        return HeadlineDates()
    body = root.find("body")
    lines, heading = page_lines(body if body is not None else root)
    if heading is None:
        return HeadlineDates()
    filled = [i for i, line in enumerate(lines) if line]
    at = next((k for k, i in enumerate(filled) if i >= heading), None)
    if at is None:
        return HeadlineDates()
    order = [*range(at + 1, at + 1 + HEADLINE_AFTER), *range(at - 1, at - 1 - HEADLINE_BEFORE, -1)]
    shown = None
    for k in order:
        if 0 <= k < len(filled) and (shown := _shown_date(lines[filled[k]], k < at)):
            break
    nearby: set[date] = set()
    for k in range(max(0, at - SHOWN_BEFORE), min(len(filled), at + SHOWN_AFTER + 1)):
        meta = parse_date_meta(lines[filled[k]][:300]) if k != at else None
        for found in (meta.published, meta.plain) if meta else ():
            if found is not None and found.value is not None:
                nearby.add(found.value)
    return HeadlineDates(shown, frozenset(nearby))


def local_midnight(stamp: str | None, found: date, language: str | None) -> date:
    """``found``, or the next day when ``stamp`` is local midnight stored in UTC.

    A date entered without a time in a UTC+1/+2 zone and stored in UTC reads
    "2022-11-06T23:00:00Z" for 7 November. Only on pages in a language of those zones, and
    only for a stamp whose date is ``found``.
    """
    if (
        stamp
        and language in UTC_PLUS_LANGUAGES
        and stamp.startswith(found.isoformat())
        and _UTC_MIDNIGHT_RE.match(stamp)
    ):
        return found + timedelta(days=1)
    return found


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


@cache
def load_html_tools() -> None:
    """Import trafilatura and ready its date finder now, rather than on the first page: worker
    processes forked after this share them, where each would otherwise pay for them again
    in every pool. The costly part is htmldate's fallback date parser (dateparser with every
    locale, whose patterns compile on first use: about 2 s here, in each process that meets
    a page needing it). Once per process: later calls (one per batch) do nothing."""
    import trafilatura  # noqa: F401  (the import is the point)

    try:
        from htmldate.extractors import get_external_parser
    except ImportError:  # another htmldate: its parser loads on first use, as before
        return
    get_external_parser().get_date_data("words without a date")


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
    meta = read_structured(html)
    return _merge(text, data, meta, extra, first_heading(html), url, headline_dates(html))


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


def choose_published(
    found: date | None, meta: StructuredMeta, shown: HeadlineDates, url: str | None
) -> tuple[date | None, str]:
    """The publication date and where it came from: htmldate's ``found``, the structured
    data's, or the one shown with the headline (see the module doc for the order)."""
    if shown.shown is not None:
        source = meta.provenance["published"] if shown.shown == meta.published else "headline"
        return shown.shown, source
    if found is not None and _bare_new_year(found, meta, url):
        found = None  # most likely a bare year ("© 2025") read as a date
    stated = meta.published
    if stated is not None and found != stated:
        is_update = found is not None and found == meta.updated
        if found is None or is_update or stated in shown.nearby:
            found = None
    if found is not None and found != stated:
        return found, "htmldate"
    if stated is None:
        return None, ""
    return local_midnight(meta.published_stamp, stated, meta.language), meta.provenance["published"]


def _merge(
    text: str,
    data: dict[str, Any],
    meta: StructuredMeta,
    extra: dict[str, Any],
    heading: str | None,
    url: str | None = None,
    shown: HeadlineDates | None = None,
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

    published, provenance["published"] = choose_published(
        iso_date(data.get("date")), meta, shown or HeadlineDates(), url
    )
    if published is None:
        del provenance["published"]
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
