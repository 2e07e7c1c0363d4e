"""Structured metadata a page states about itself: JSON-LD, OpenGraph and ``<meta>`` tags.

News sites describe their articles for search engines and social networks: a JSON-LD
``NewsArticle`` (headline, datePublished, dateModified, author, publisher, inLanguage) and
``<meta>`` tags (``og:title``, ``article:published_time``, ``og:site_name``, ``author``, ...).
These values are written by the publisher's CMS, so where present they beat anything guessed
from the page's visible text. Each value keeps its provenance (``json-ld`` or ``meta tag``).

Parsing is deliberately shallow and fast: regular expressions find the ``<script>`` and
``<meta>`` elements in the page's first part, and :mod:`json` reads the JSON-LD. Broken JSON
or odd attributes are skipped, never raised: structured data is a bonus, not a requirement.
"""

from __future__ import annotations

import html as html_lib
import json
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Final

from wiretrace.models import without_surrogates

#: How much of a page to scan for ``<meta>`` tags (they live in ``<head>``).
HEAD_LIMIT: Final = 300_000
#: How much of a page to scan for JSON-LD (some sites put it at the end of ``<body>``).
BODY_LIMIT: Final = 3_000_000

_JSON_LD = re.compile(
    r"<script[^>]*type\s*=\s*[\"']?application/ld\+json[\"']?[^>]*>(.*?)</script>",
    re.IGNORECASE | re.DOTALL,
)
_META = re.compile(r"<meta\s[^>]*>", re.IGNORECASE)
_MAX_TEXT_DEPTH = 20  # levels of lists and objects a JSON-LD text value is looked into
_ATTR = re.compile(r"([\w:.-]+)\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s>\"']+))")
_H1 = re.compile(r"<h1[^>]*>(.*?)</h1>", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"<[^>]+>")
_HTML_LANG = re.compile(r"<html[^>]*\slang\s*=\s*[\"']?([A-Za-z]{2,3}(?:[-_][A-Za-z0-9]+)?)", re.I)

#: schema.org types whose instance is the article itself.
ARTICLE_TYPES: Final = frozenset(
    t.lower()
    for t in (
        "NewsArticle",
        "ReportageNewsArticle",
        "AnalysisNewsArticle",
        "OpinionNewsArticle",
        "BackgroundNewsArticle",
        "ReviewNewsArticle",
        "AskPublicNewsArticle",
        "Article",
        "BlogPosting",
        "LiveBlogPosting",
        "Report",
        "ScholarlyArticle",
        "TechArticle",
        "SocialMediaPosting",
        "DiscussionForumPosting",
    )
)

#: ``<meta>`` keys (name, property or itemprop, lower-cased) by what they state, best first.
META_KEYS: Final[dict[str, tuple[str, ...]]] = {
    "published": (
        "article:published_time",
        "og:article:published_time",
        "og:published_time",
        "datepublished",
        "article.published",
        "publishdate",
        "publish-date",
        "publish_date",
        "pubdate",
        "parsely-pub-date",
        "sailthru.date",
        "dc.date.issued",
        "dcterms.issued",
        "dc.date",
        "dcterms.date",
        "dcterms.created",
        "date",
        "originalpublicationdate",
        "article:published",
    ),
    "updated": (
        "article:modified_time",
        "og:updated_time",
        "datemodified",
        "article:modified",
        "dcterms.modified",
        "last-modified",
    ),
    "title": ("og:title", "twitter:title", "headline", "dc.title", "dcterms.title"),
    "site": ("og:site_name", "application-name", "publisher", "dc.publisher"),
    "author": (
        "author",
        "article:author",
        "dc.creator",
        "dcterms.creator",
        "parsely-author",
        "sailthru.author",
        "byl",
    ),
    "language": ("og:locale", "content-language", "dc.language", "language", "inlanguage"),
}


@dataclass(frozen=True)
class StructuredMeta:
    """What a page's structured data says, each value with its provenance."""

    title: str | None = None
    author: str | None = None
    published: date | None = None
    updated: date | None = None
    site: str | None = None
    language: str | None = None
    provenance: dict[str, str] = field(default_factory=dict)
    #: The publication timestamp as the page writes it ("2024-05-03T22:00:00Z"): its time
    #: and zone, which :attr:`published` drops, still matter (see ``wiretrace.clean.html``).
    published_stamp: str | None = None


def parse_date(value: Any) -> date | None:
    """A calendar date from an ISO 8601-like string ("2024-05-03T10:00:00+02:00", "2024/05/03").

    The date part is taken as written: the publisher's local date, which is what readers saw.
    """
    if not isinstance(value, str):
        return None
    text = value.strip()
    match = re.match(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})", text) or re.match(
        r"(\d{4})(\d{2})(\d{2})(?:\D|$)", text
    )
    if not match:
        return None
    try:
        found = date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None
    return found if 1990 <= found.year <= datetime.now().year + 1 else None


def _text(value: Any, depth: int = 0) -> str | None:
    """The text of a JSON-LD value: a string, a list of them, an object's ``name``; nothing
    nested deeper than a few levels (no page means that much)."""
    if depth > _MAX_TEXT_DEPTH:
        return None
    if isinstance(value, list):
        names = [t for v in value if (t := _text(v, depth + 1))]
        return ", ".join(dict.fromkeys(names)) or None
    if isinstance(value, dict):
        return _text(value.get("name"), depth + 1)
    if isinstance(value, str):
        text = " ".join(html_lib.unescape(without_surrogates(value)).split())
        return text or None
    return None


def _objects(data: Any) -> list[dict[str, Any]]:
    """Every JSON object in a JSON-LD document, ``@graph`` members included."""
    found: list[dict[str, Any]] = []
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, list):
            stack.extend(reversed(item))
        elif isinstance(item, dict):
            found.append(item)
            if "@graph" in item:
                stack.append(item["@graph"])
    return found


def _types(obj: dict[str, Any]) -> set[str]:
    value = obj.get("@type")
    values = value if isinstance(value, list) else [value]
    return {v.lower() for v in values if isinstance(v, str)}


def json_ld_articles(page: str) -> list[dict[str, Any]]:
    """The JSON-LD objects of the page that describe an article, in page order."""
    articles: list[dict[str, Any]] = []
    for block in _JSON_LD.findall(page[:BODY_LIMIT]):
        try:
            data = json.loads(html_lib.unescape(block.strip()), strict=False)
        except (ValueError, RecursionError):  # broken, or nested past the parser's stack
            continue
        articles.extend(o for o in _objects(data) if _types(o) & ARTICLE_TYPES)
    return articles


def meta_tags(page: str) -> dict[str, str]:
    """``<meta>`` values by lower-cased name/property/itemprop (first occurrence wins)."""
    tags: dict[str, str] = {}
    for element in _META.findall(page[:HEAD_LIMIT]):
        attrs = {
            m[0].lower(): html_lib.unescape(m[1] or m[2] or m[3]) for m in _ATTR.findall(element)
        }
        key = attrs.get("property") or attrs.get("name") or attrs.get("itemprop")
        key = key or attrs.get("http-equiv")
        content = attrs.get("content")
        if key and content and content.strip():
            tags.setdefault(key.lower(), " ".join(content.split()))
    return tags


def _language(value: str | None) -> str | None:
    if not value:
        return None
    code = re.split(r"[-_]", value.strip())[0].lower()
    return code if re.fullmatch(r"[a-z]{2,3}", code) else None


def read_structured(page: str) -> StructuredMeta:
    """Read JSON-LD first, then ``<meta>`` tags; the first source that states a value wins."""
    values: dict[str, Any] = {}
    provenance: dict[str, str] = {}

    def offer(key: str, value: Any, source: str, raw: Any = None) -> None:
        if value is not None and key not in values:
            values[key] = value
            provenance[key] = source
            if key == "published" and isinstance(raw, str):
                values["published_stamp"] = raw.strip()

    for article in json_ld_articles(page):
        offer("title", _text(article.get("headline")) or _text(article.get("name")), "json-ld")
        offer("author", _author(article.get("author")), "json-ld")
        published = article.get("datePublished") or article.get("dateCreated")
        offer("published", parse_date(published), "json-ld", published)
        offer("updated", parse_date(article.get("dateModified")), "json-ld")
        offer("site", _text(article.get("publisher")), "json-ld")
        offer("language", _language(_text(article.get("inLanguage"))), "json-ld")

    tags = meta_tags(page)
    readers: dict[str, Any] = {
        "published": parse_date,
        "updated": parse_date,
        "language": _language,
        "author": _author,
    }
    for key, names in META_KEYS.items():
        for name in names:
            if name in tags:
                offer(key, readers.get(key, _text)(tags[name]), "meta tag", tags[name])
    if match := _HTML_LANG.search(page[:HEAD_LIMIT]):
        offer("language", _language(match[1]), "html lang")
    return StructuredMeta(provenance=provenance, **values)


def first_heading(page: str) -> str | None:
    """The text of the page's first ``<h1>``: the headline as readers see it."""
    match = _H1.search(page[:BODY_LIMIT])
    return _text(_TAG.sub(" ", match[1])) if match else None


def _author(value: Any) -> str | None:
    """Author names; URLs (``article:author`` often holds a profile link) are not names."""
    text = _text(value)
    if not text or re.match(r"https?://", text) or ("@" in text and " " not in text):
        return None
    return text
