"""The headline and subheads left above a story's body, which are not its lead.

A page or a feed often puts the headline (and a deck under it) in the text, as paragraphs of
their own: "Senator Slams Budget Deal As 'Reckless'." or "Mayor vows to rebuild bridge".
They restate the event in headline style, without its time or place, in words the body
does not use ("Slams"), so the frame must read the story's own first sentences instead.
A leading paragraph is a headline when it is short and written as headlines are:

* in title case: every word of four letters or more that is not a function word starts
  with a capital ("Senator Slams Budget Deal As 'Reckless'"), and so does every verb,
  however short ("Mayor Is Sworn In"): names alone are capitalized in any sentence
  ("Jon Marsh and Lena Ortiz are out."), or
* in headline grammar: no article ("a", "an", "the"), no verb in the past tense, as
  headlines tell a past event in the present ("Mayor vows to rebuild bridge"), and no
  "is" or "are" on the main verb, which headlines drop ("Coach out after loss"): a short
  first sentence that keeps it ("Coach Lee is out.", "Two strikers are out.") is the
  story's own.

Either way it is one sentence standing as a paragraph, with more text after it. A story's
own first paragraph rarely fits: it has articles, tells its event in the past, and reads in
sentence case.

Two more kinds of line stand above a story:

* a line without a verb: a label, a kicker or a headline the parse gives no verb ("Mixed
  signals on the tax plan.", "COMMENTARY."). The lead passes over it anyway; here it must
  not end the search either, or a deck under it is read as the story;
* a deck, the line under a headline: it summarises the news in headline grammar but, being
  longer, may keep its articles ("Pledge compared to 'kicking the can' at a meeting.",
  "Senator says he cannot back the bill."). Only under a line already passed over, so a
  story's own short first sentence with an article stays the lead.

A dateline ends what stands above the story outright (:func:`dateline_end`): it opens the
story itself, so the lines a page keeps above it (a headline, a deck, an abstract: "Mayor
vows to rebuild bridge. / Work to start in spring. / LISBON - The mayor ...") are not its
lead, whatever their grammar.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from wiretrace.clean.metadata import dash_follows, parse_dateline

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

__all__ = ["dateline_end", "headline_end"]

_MAX_WORDS = 20
_MAX_HEADLINES = 3
_ARTICLES = frozenset({"a", "an", "the"})
_ENDS = frozenset({".", "!", "?"})
# a headline left in the text as a sentence ends as one; a bare line is read as it is
_CLOSES = frozenset({".", "!", "?", ";", '"', "”", "’", "'"})
_PERFECT = frozenset({"has", "have", "had"})
_PRESENT_BE = frozenset({"VBZ", "VBP"})


def headline_end(doc: Doc, body_start: int = 0) -> int:
    """Where the story starts after the headline paragraphs that open the text at
    ``body_start`` (``body_start`` itself when there are none)."""
    text = doc.text
    start = body_start
    for k in range(_MAX_HEADLINES):
        start = _skip_space(text, start)
        end = text.find("\n\n", start)
        if end < 0 or not text[end:].strip():
            break  # the last paragraph is the story, whatever it looks like
        paragraph = doc.char_span(start, end, alignment_mode="contract")
        if paragraph is None or not _headline(paragraph, deck=k > 0):
            break
        start = end
    return body_start if start >= len(text) else max(body_start, _skip_space(text, start))


# How many paragraphs may stand above a story's dateline: a headline, a deck, an abstract.
_ABOVE_DATELINE = 4


def dateline_end(text: str, dateline: str | None = None) -> int:
    """Where the story starts after a dateline that opens ``text`` or one of its first
    paragraphs (0 when there is none); ``dateline`` is the one the clean stage found."""
    if dateline and text.startswith(dateline):
        return len(dateline)
    start = 0
    for _ in range(_ABOVE_DATELINE):
        start = text.find("\n\n", start)
        if start < 0:
            break
        start = _skip_space(text, start)
        end = text.find("\n", start)
        paragraph = text[start : end if end >= 0 else len(text)]
        # below the first paragraph only a dateline with its dash ("CITY (AGENCY) -"): a
        # name with an abbreviation ("X Devices (XD) Chief Executive ...") opens sentences
        found = parse_dateline(paragraph)
        opening = dateline if dateline and paragraph.startswith(dateline) else None
        opening = opening or (found.text if found is not None else None)
        if opening and dash_follows(paragraph, opening):
            return start + len(opening)
    return 0


def _skip_space(text: str, start: int) -> int:
    while start < len(text) and text[start].isspace():
        start += 1
    return start


def _headline(paragraph: Span, *, deck: bool = False) -> bool:
    """Whether the paragraph is a headline (or, with ``deck``, under a line already passed
    over, a deck): one short sentence, without a verb, in title case or headline grammar."""
    words = [t for t in paragraph if t.is_alpha]
    if not words or len(words) > _MAX_WORDS:
        return False
    # one sentence: no sentence end before the paragraph's last word
    last_word = words[-1].i
    if any(t.text in _ENDS for t in paragraph if t.i < last_word):
        return False
    if paragraph[-1].text not in _CLOSES:
        return False
    if not any(t.pos_ in {"VERB", "AUX"} for t in paragraph):
        return True  # a label or a verbless headline: the lead skips it too
    return _title_case(words) or _headline_grammar(paragraph, deck=deck)


def _title_case(words: list[Token]) -> bool:
    content = [t for t in words[1:] if len(t.text) >= 4 and not t.is_stop]
    if any(t.pos_ in {"VERB", "AUX"} and t.text[0].islower() for t in words):
        return False
    return len(content) >= 2 and all(t.text[0].isupper() for t in content)


def _main_be(token: Token) -> bool:
    """``token`` is "is" or "are" as the main verb or its auxiliary ("X is out", "X is
    seeking"); a clause under it may keep its verb ("Residents say work is overdue")."""
    if token.lemma_ != "be" or token.tag_ not in _PRESENT_BE:
        return False
    return token.dep_ == "ROOT" or (token.dep_ in {"aux", "auxpass"} and token.head.dep_ == "ROOT")


def _headline_grammar(paragraph: Span, *, deck: bool = False) -> bool:
    """No article (a deck may keep them), no past tense or perfect, no present "is" or
    "are" on the main verb, and a verb."""
    if not deck and any(t.lower_ in _ARTICLES for t in paragraph):
        return False
    if any(t.tag_ == "VBD" for t in paragraph):
        return False
    if any(t.dep_ == "aux" and t.lower_ in _PERFECT for t in paragraph):
        return False
    if any(_main_be(t) for t in paragraph):
        return False
    return any(t.pos_ in {"VERB", "AUX"} for t in paragraph)
