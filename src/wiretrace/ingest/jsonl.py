"""JSON Lines records: one scraper record per line, its fields carried as given.

Reading the file line by line is :mod:`~wiretrace.ingest.files`' job; this module turns one
decoded line into a :class:`RawDocument`, or says why it cannot. Fields the record states
(``url``, ``title``, ``outlet``, ``published``) are kept so the clean stage can prefer them
over what it would infer from the text; any other key is carried in ``metadata``.
"""

from __future__ import annotations

import json
import math
from datetime import date, datetime
from typing import Any, Final

from wiretrace.ingest._common import Reject
from wiretrace.ingest.encoding import normalize
from wiretrace.models import RawDocument

_JSONL_FIELDS: Final = ("url", "title", "outlet")


def _no_value(_name: str) -> None:
    return None


def _finite(text: str) -> float | None:
    number = float(text)
    return number if math.isfinite(number) else None


def record(line: str, source: str) -> RawDocument:
    """One JSONL line as a document; the first problem found rejects the whole record."""
    try:
        # NaN and Infinity are not JSON (Python's json.dumps writes them), and 1e999 is no
        # number a float holds: no value, so null
        record = json.loads(line, parse_constant=_no_value, parse_float=_finite)
    except json.JSONDecodeError as error:
        # some of the parser's messages end in "at" already ("Invalid control character at")
        what = error.msg.removesuffix(" at")
        raise Reject(f"malformed JSON: {what} at column {error.colno}") from None
    except ValueError as error:  # e.g. an integer beyond the interpreter's digit limit
        raise Reject(f"malformed JSON: {error}") from None
    except RecursionError:
        raise Reject("malformed JSON: nested too deeply") from None
    if not isinstance(record, dict):
        raise Reject(f"expected a JSON object, got {_json_type(record)}")
    content, key = _content(record)
    url, title, outlet = (_optional_str(record, field) for field in _JSONL_FIELDS)
    published = _published(record.get("published"))
    known = {*_JSONL_FIELDS, "published", "text", "html"}
    metadata: dict[str, Any] = {k: v for k, v in record.items() if k not in known}
    if key == "html":
        metadata["content_is_html"] = True
    return RawDocument(
        source=source,
        format="jsonl",
        content=normalize(content),
        url=url,
        title=normalize(title) if title else None,
        published=published,
        outlet=normalize(outlet) if outlet else None,
        metadata=metadata,
    )


def _content(record: dict[str, Any]) -> tuple[str, str]:
    """The article body and the key it came from: ``text`` if usable, else ``html``.

    The unused one of the two is dropped rather than carried in metadata: it is a second
    copy of the article, and metadata is stored with every article.
    """
    for key in ("text", "html"):
        value = record.get(key)
        if isinstance(value, str) and value.strip():
            return value, key
    raise Reject("missing text: a record needs a non-empty 'text' or 'html'")


def _optional_str(record: dict[str, Any], key: str) -> str | None:
    """A string field as given; null or blank means absent, any other type is an error."""
    value = record.get(key)
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if not isinstance(value, str):
        raise Reject(f"'{key}' must be a string, got {_json_type(value)}")
    return value


def _published(value: object) -> str | None:
    """Normalise an ISO 8601 date or datetime to ``YYYY-MM-DD`` or a full ISO datetime.

    Null or a blank string means "not stated" (scrapers write ``""`` for an unknown date),
    which is not worth rejecting the article over; anything else must parse.
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if not isinstance(value, str):
        raise Reject(f"'published' is not an ISO 8601 date: {value!r}")
    text = value.strip()
    if text[-1] in "Zz":
        text = text[:-1] + "+00:00"
    try:
        return date.fromisoformat(text).isoformat()
    except ValueError:
        pass
    try:
        return datetime.fromisoformat(text).isoformat()
    except ValueError:
        raise Reject(f"'published' is not an ISO 8601 date: {value!r}") from None


def _json_type(value: object) -> str:
    """The JSON name of a parsed value's type, for messages (arrays are called lists)."""
    if isinstance(value, dict):
        return "object"
    if isinstance(value, list):
        return "list"
    if isinstance(value, str):
        return "string"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float):
        return "number"
    return "null"
