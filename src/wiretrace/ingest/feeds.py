"""RSS and Atom feeds: one :class:`RawDocument` per entry, named ``FEED#N``.

A saved feed is a batch of articles with their metadata already structured (link, title,
date, author), so each entry becomes a document of its own and keeps what the feed states.
Parsing is left to ``feedparser``, which copes with the broken feeds found in the wild, but
only ever on content ingest has already read: it is handed a byte stream, never a string
(which it would take for a URL to fetch or a file name to open), and relative links are not
resolved or content sanitised, so the document carries what the feed says.
"""

from __future__ import annotations

import io
import re
import time
from collections.abc import Iterator, Mapping
from datetime import UTC, datetime
from typing import Any, Final

from wiretrace.ingest.encoding import Decoded, normalize
from wiretrace.models import InputFormat, RawDocument, Rejection

_ROOT: Final = re.compile(
    r"""\A\s*(?:<\?xml[^>]*\?>\s*)?(?:(?:<!--.*?-->|<\?.*?\?>|<!DOCTYPE[^>\[]*(?:\[.*?\])?\s*>)\s*)*
        <(rss|feed|rdf:RDF)\b([^>]*)>""",
    re.DOTALL | re.IGNORECASE | re.VERBOSE,
)
"""The root element of a feed, after the XML declaration, comments and a doctype."""

_ATOM_NAMESPACES: Final = ("http://www.w3.org/2005/Atom", "http://purl.org/atom/ns#")
_XML_DECLARATION: Final = re.compile(r"\A(\s*<\?xml\b[^>]*?\bencoding\s*=\s*)([\"'])[^\"']*\2")
_MARKUP: Final = re.compile(r"<[A-Za-z!/][^>]*>|&(?:[A-Za-z][A-Za-z0-9]*|#[0-9]+|#x[0-9A-Fa-f]+);")
_HAS_TIME: Final = re.compile(r"\d{1,2}:\d{2}")


def looks_like_feed(head: str) -> bool:
    """Whether the start of a decoded input is an RSS (0.9x-2.0, 1.0/RDF) or Atom document.

    ``<feed>`` counts only with the Atom namespace: other XML vocabularies use that name.
    """
    match = _ROOT.match(head)
    if match is None:
        return False
    if match.group(1).lower() == "feed":
        return any(namespace in match.group(2) for namespace in _ATOM_NAMESPACES)
    return True


_CHARACTER_REFERENCE = re.compile(r"&#(?:[xX]([0-9a-fA-F]+)|([0-9]+));")


def _valid_reference(match: re.Match[str]) -> str:
    """A numeric character reference as written, or U+FFFD's when it names no character
    (past U+10FFFF, however many digits, or a surrogate, however zero-padded)."""
    digits = (match[1] or match[2]).lstrip("0") or "0"
    if len(digits) > 7:  # past U+10FFFF in either base (and no int() of a huge string)
        return "&#xFFFD;"
    code = int(digits, 16) if match[1] else int(digits)
    return match[0] if code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF else "&#xFFFD;"


def read_feed(decoded: Decoded, name: str) -> Iterator[RawDocument | Rejection]:
    """One document per entry of the feed in ``decoded``; ``name`` is the file's source.

    An entry without content is rejected as ``NAME#N``; a feed that does not parse at all, or
    has no entries, is rejected as a whole. A feed cut short yields the entries that came
    through: feedparser's lenient parser reads what it can.
    """
    import feedparser  # deferred: only feeds need it

    # a reference to no character (a lone surrogate, past U+10FFFF) crashes the parser
    text = _CHARACTER_REFERENCE.sub(_valid_reference, normalize(decoded.text))
    # The text is decoded already; the declaration must not make feedparser decode it again.
    data = _XML_DECLARATION.sub(r"\1\2utf-8\2", text, count=1).encode("utf-8")
    parsed = feedparser.parse(
        io.BytesIO(data),
        response_headers={"content-type": "application/xml; charset=utf-8"},
        resolve_relative_uris=False,
        sanitize_html=False,
    )
    entries: list[Any] = list(parsed.get("entries") or [])
    if not entries:
        if parsed.get("bozo"):
            reason = " ".join(str(parsed.get("bozo_exception", "unknown error")).split())
            yield Rejection(name, f"not a readable feed: {reason}")
        else:
            yield Rejection(name, "feed has no entries")
        return
    feed: Mapping[str, Any] = parsed.get("feed") or {}
    feed_title = _text(feed.get("title"))
    feed_url = _self_link(feed) or _text(feed.get("link"))
    for number, entry in enumerate(entries, start=1):
        source = f"{name}#{number}"
        content = _content(entry)
        if content is None:
            yield Rejection(source, "feed entry has no content")
            continue
        fmt: InputFormat = "html" if _MARKUP.search(content) else "text"
        metadata: dict[str, Any] = {
            "author": _text(entry.get("author")),
            "feed_url": feed_url,
            "feed_title": feed_title,
            "entry_id": _text(entry.get("id")),
            "updated": _date(entry, "updated"),
            **decoded.metadata(),
        }
        yield RawDocument(
            source=source,
            format=fmt,
            content=content,
            url=_text(entry.get("link")),
            title=_text(entry.get("title")),
            published=_date(entry, "published") or _date(entry, "updated"),
            outlet=feed_title,
            metadata=metadata,
        )


def _content(entry: Mapping[str, Any]) -> str | None:
    """The entry's full content if it has some, else its summary; None if both are blank."""
    for block in entry.get("content") or []:
        value = _text(block.get("value") if isinstance(block, Mapping) else None)
        if value:
            return value
    return _text(entry.get("summary"))


def _self_link(feed: Mapping[str, Any]) -> str | None:
    """The feed's own address, which Atom and RSS with ``atom:link`` state as ``rel="self"``."""
    for link in feed.get("links") or []:
        if isinstance(link, Mapping) and link.get("rel") == "self":
            return _text(link.get("href"))
    return None


def _date(entry: dict[str, Any], key: str) -> str | None:
    """``published``/``updated`` as ISO 8601: a date, or a UTC datetime if the feed gives a time.

    feedparser normalises every date format feeds use to a UTC ``struct_time``; whether the
    feed stated a time at all is read from the raw value, so a bare date does not turn into
    a made-up midnight.
    """
    parsed = dict.get(entry, f"{key}_parsed")  # plain dict lookup: feedparser's item access
    if not isinstance(parsed, time.struct_time):  # maps a missing "updated" to "published"
        return None
    try:
        moment = datetime(*parsed[:6], tzinfo=UTC)
    except ValueError:
        return None
    raw = dict.get(entry, key)
    if isinstance(raw, str) and _HAS_TIME.search(raw):
        return moment.isoformat()
    return moment.date().isoformat()


def _text(value: object) -> str | None:
    """A string field, normalised and stripped; anything else or blank means absent."""
    if not isinstance(value, str):
        return None
    value = normalize(value).strip()
    return value or None
