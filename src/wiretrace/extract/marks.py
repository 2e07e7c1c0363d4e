"""Quote marks in news text: where quotations open and close, read from the text itself.

The tokenizer does not pair quote marks, so :func:`quote_spans` reads them from the
characters: curly, straight and guillemet marks, and '' (two apostrophes, the typewriter
double quote of news archives). A paragraph that ends inside a quote continues it when the
next paragraph opens with a mark (the newspaper convention for quotes longer than a
paragraph). :func:`quoted_tokens` flags the tokens inside marks, which the attribution steps
skip. The span helpers here are shared by :mod:`wiretrace.extract.quotes` and
:mod:`wiretrace.extract.reported`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from wiretrace.nlp import text_of

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

__all__ = [
    "QUOTE_PAIRS",
    "QuoteSpan",
    "chunk",
    "clean_text",
    "quote_spans",
    "quoted_tokens",
    "trim_edges",
    "trim_span",
]

QUOTE_PAIRS = (("“", "”"), ('"', '"'), ("«", "»"))
OPENERS = {o for o, _ in QUOTE_PAIRS}
CLOSER_OF = dict(QUOTE_PAIRS)


@dataclass(frozen=True)
class QuoteSpan:
    """The content between quote marks: ``start``/``end`` exclude the marks."""

    start: int
    end: int
    opened: int  # offset of the opening mark


def is_opener(text: str, i: int) -> bool:
    """Whether a straight double quote at ``i`` opens (start of text, after space or bracket)."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return (before.isspace() or before in "([{—–-/") and not after.isspace()


DOUBLE_APOSTROPHE = re.compile(r"(?<!')''(?!')")


def fold_apostrophes(text: str) -> str:
    """``text`` with each '' written as one straight double quote plus a space, keeping every
    offset: the space goes before an opening mark (''We...) and after a closing one."""
    if "''" not in text:
        return text

    def fold(match: re.Match[str]) -> str:
        i = match.start()
        return ' "' if i == 0 or text[i - 1].isspace() or text[i - 1] in "([{—–-/" else '" '

    return DOUBLE_APOSTROPHE.sub(fold, text)


def quote_spans(text: str) -> list[QuoteSpan]:
    """Every quoted span of ``text``, paragraph continuations joined, in order.

    Marks are paired by kind. A quote still open at the end of a paragraph continues if the
    next paragraph opens with a mark, and otherwise ends there (a missing closing mark). Two
    apostrophes ('') are a typewriter double quote, as news archives write it.
    """
    text = fold_apostrophes(text)
    spans: list[QuoteSpan] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch not in OPENERS or (ch == '"' and not is_opener(text, i)):
            i += 1
            continue
        closer = CLOSER_OF[ch]
        j = i + 1
        end = None
        while j < n:
            c = text[j]
            if c == closer and (closer != '"' or not is_opener(text, j)):
                end = j
                break
            if c == "\n":
                k = j
                while k < n and text[k].isspace():
                    k += 1
                if k < n and text[k] in OPENERS:
                    j = k + 1
                    continue
                end = j
                while end > i + 1 and text[end - 1].isspace():
                    end -= 1
                break
            j += 1
        if end is None:
            end = n
        if end > i + 1 and text[i + 1 : end].strip():
            spans.append(QuoteSpan(i + 1, end, i))
        i = end + 1
    return spans


_QUOTE_MARKS = "“”\"‘’'"
_EDGE_MARKS = _QUOTE_MARKS + ",;:—–-("


def trim_span(text: str, start: int, end: int) -> tuple[int, int]:
    """``(start, end)`` without surrounding space and quote marks."""
    return _trim(text, start, end, _QUOTE_MARKS)


def trim_edges(text: str, start: int, end: int) -> tuple[int, int]:
    """``(start, end)`` without surrounding space, quote marks and clause punctuation."""
    return _trim(text, start, end, _EDGE_MARKS)


def _trim(text: str, start: int, end: int, marks: str) -> tuple[int, int]:
    while start < end and (text[start].isspace() or text[start] in marks):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in marks):
        end -= 1
    return start, end


def clean_text(text: str) -> str:
    """Quote text for display: paragraph breaks and the reopening marks folded away."""
    text = re.sub(r"\s*\n\s*[“\"«]?", " ", text)
    return " ".join(text.split())


def chunk(doc: Doc, start: int, end: int) -> Span | None:
    """The tokens covering characters ``start``-``end`` (``None`` if there are none)."""
    return doc.char_span(start, end, alignment_mode="expand")


def quoted_tokens(doc: Doc, spans: Iterable[QuoteSpan] | None = None) -> list[bool]:
    """A flag per token of ``doc``: inside quote marks (the marks included)."""
    text = text_of(doc)
    quoted = [False] * len(doc)
    for qs in quote_spans(text) if spans is None else spans:
        span = chunk(doc, qs.opened, min(qs.end + 1, len(text)))
        if span is not None:
            for t in span:
                quoted[t.i] = True
    return quoted
