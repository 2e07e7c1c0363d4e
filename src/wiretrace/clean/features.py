"""Line features for the boilerplate classifier of plain-text scrapes.

Every line of a page becomes a ``dict[str, float]``: its shape (length, sentence punctuation,
capitalisation), where it sits relative to the article body, whether it repeats inside the page
or across the batch, whether it is made of the generic vocabulary of web furniture
(:mod:`wiretrace.clean.vocabulary`), which furniture block it sits in, and the same signals of
its neighbours (:func:`wiretrace.clean.context.with_context`). No feature names a site,
person, place or event.

This is the one feature definition: the runtime (:mod:`wiretrace.clean.text`,
:mod:`wiretrace.clean.linemodel`) and the training script (``scripts/train_line_model.py``)
both call :func:`line_features` and :func:`wiretrace.clean.context.with_context`.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import pairwise
from typing import ClassVar, Final

from wiretrace.clean.vocabulary import (
    ATTRIBUTION_RE,
    BOILERPLATE_VOCABULARY,
    CAPTION_RE,
    COMMENT_HEADER_RE,
    COPYRIGHT_RE,
    HEADING_NOUNS,
    PHOTO_CREDIT_RE,
    PHRASES,
    SHORT_LINE_WORDS,
    TAG_LINE_RE,
)

# Block kinds: a heading of one of these categories opens a block that swallows the short,
# non-body lines after it until a body-shaped paragraph closes it.
BLOCK_KINDS: Final = (
    "trending",
    "related",
    "summary",
    "share",
    "newsletter",
    "comment-prompt",
    "menu",
)

# --------------------------------------------------------------------------------------------
# Shapes
# --------------------------------------------------------------------------------------------
_SPACE_RE: Final = re.compile(r"[\s\u200b\u200c\u200d\u2060\ufeff]+")
_WORD_RE: Final = re.compile(r"[^\W_][\w'’.\-]*")
_EDGE_PUNCT_RE: Final = re.compile(r"^[\W_]+|[\W_]+$")
_SENTENCE_END_RE: Final = re.compile(r"(?:[.!?…]|\.\.\.)[\"'”’)\]»]*$")
_BULLET_RE: Final = re.compile(r"^(?:[•·▪►»●◦✓✔]\s*|[-–—*]\s+|\d{1,2}[.)]\s+)(?=\w|[\"“‘])")
_LIST_SPLIT_RE: Final = re.compile(r"\s*[|•·]\s*|\s+/\s+|\s+[-–—]\s+")
# a local part starts where a run of its characters starts and is at most 64 long (RFC 5321):
# tried from every position of a long token, an open-ended one took quadratic time
_EMAIL_RE: Final = re.compile(
    r"(?<![\w.+-])[\w.+-]{1,64}@[\w-]+\.[\w.-]+|\[email(?:&#160;|\s)protected\]", re.I
)
_CONTACT_RE: Final = re.compile(
    r"\+\d[\d ()./-]{6,}\d|^(?:e-?mail|phone|tel|telephone|fax|mobile|telefon|téléphone|"
    r"teléfono|correo)\s*[:.]",
    re.I,
)
_URL_RE: Final = re.compile(r"https?://|www\.\w", re.I)
_COUNTER_RE: Final = re.compile(r"\(\s*\d+\s*/\s*\d+\s*\)?$")
_TEMPERATURE_RE: Final = re.compile(
    r"(?:^|\s)[-+−]?\d{1,3}(?:[.,]\d+)?\s?°\s?[FC]?\b|"
    r"(?:^|\s)[-+−]?\d{1,3}(?:[.,]\d+)?\s?[FC]$|°[FC]\b"
)
_NUMBER_ONLY_RE: Final = re.compile(r"^[#(]?\d{1,3}[.)]?$")
_DIGIT_RE: Final = re.compile(r"\d")
_LINK_ARROW_RE: Final = re.compile(r"(?:[»›→]|\.\.\.\s*[»›→]?)\s*$|^\s*[»›→]")


def normalise_space(text: str) -> str:
    """Collapse every run of whitespace (including no-break and zero-width) to one space."""
    return _SPACE_RE.sub(" ", text).strip()


def split_lines(raw: str) -> list[str]:
    """The non-empty lines of a scrape, whitespace collapsed: one candidate paragraph each."""
    return [line for line in (normalise_space(part) for part in raw.splitlines()) if line]


_CELL_GAP_RE: Final = re.compile(r"\S[ \t\u00a0]{2,}(?=\S)")


@dataclass(frozen=True)
class LineLayout:
    """Where a line of a scrape sat before :func:`split_lines` collapsed it.

    ``indent``: leading spaces (tabs count 4), ``blank_before``: a blank line (or the start of
    the text) comes before it, so it opens a blank-line-separated block; ``cells``: runs of 2+
    spaces inside the line, the gaps between the cells of a table row.
    """

    indent: int
    blank_before: bool
    cells: int


def split_layout(raw: str) -> tuple[list[str], list[LineLayout]]:
    """:func:`split_lines` plus each line's :class:`LineLayout` (same lines, same order)."""
    lines: list[str] = []
    layout: list[LineLayout] = []
    gap = True
    for part in raw.splitlines():
        line = normalise_space(part)
        if not line:
            gap = True
            continue
        wide = part.expandtabs(4)
        body = wide.strip()
        lines.append(line)
        layout.append(
            LineLayout(len(wide) - len(wide.lstrip()), gap, len(_CELL_GAP_RE.findall(body)))
        )
        gap = False
    return lines, layout


@lru_cache(maxsize=16384)
def line_key(line: str) -> str:
    """A comparison key: casefolded, whitespace collapsed, edge punctuation and bullets gone.

    Repetition (in the page, across the batch) and vocabulary look-ups use it, so "- Share -"
    and "SHARE" count as the same label.
    """
    return _EDGE_PUNCT_RE.sub("", normalise_space(line).casefold())


@dataclass(frozen=True)
class Shape:
    """Surface properties of one line that need no context."""

    n_words: int
    sentence_end: bool
    cap_ratio: float
    upper_ratio: float
    digit_ratio: float
    bullet: bool
    list_segments: int

    @property
    def strong(self) -> bool:
        """Body-shaped: a long sentence, or very long text (possibly cut mid-sentence)."""
        if self.bullet:
            return False
        return (self.n_words >= 12 and self.sentence_end) or (
            self.n_words >= 25 and self.cap_ratio < 0.5
        )

    @property
    def menu_shaped(self) -> bool:
        """Short label(s) without sentence punctuation: a menu item or a list of them."""
        if self.sentence_end:
            return False
        if self.list_segments >= 3 and self.n_words <= 3 * self.list_segments:
            return True
        return self.n_words <= 4 and (self.cap_ratio >= 0.99 or self.upper_ratio >= 0.99)


@lru_cache(maxsize=8192)
def shape(line: str) -> Shape:
    """Compute the :class:`Shape` of ``line`` (cached: pages repeat lines a lot)."""
    words = _WORD_RE.findall(line)
    alpha = [w for w in words if w[0].isalpha()]
    caps = sum(1 for w in alpha if w[0].isupper())
    upper = sum(1 for w in alpha if w.isupper())
    chars = (len(line) - line.count(" ")) or 1
    digits = len(_DIGIT_RE.findall(line))
    segments = [s for s in _LIST_SPLIT_RE.split(line) if s.strip()]
    return Shape(
        n_words=len(words),
        sentence_end=bool(_SENTENCE_END_RE.search(line)),
        cap_ratio=caps / len(alpha) if alpha else 0.0,
        upper_ratio=upper / len(alpha) if alpha else 0.0,
        digit_ratio=digits / chars,
        bullet=bool(_BULLET_RE.match(line)),
        list_segments=len(segments) if len(segments) > 1 else 0,
    )


# --------------------------------------------------------------------------------------------
# Vocabulary matching
# --------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class _Vocab:
    entries: dict[str, frozenset[str]]
    phrases: dict[str, re.Pattern[str]]
    short: dict[str, re.Pattern[str]]


@lru_cache(maxsize=1)
def _vocab() -> _Vocab:
    """Compile the vocabulary once, on first use (nothing runs at import time)."""
    entries = {
        cat: frozenset(e.strip() for text in langs.values() for e in text.split("|") if e.strip())
        for cat, langs in BOILERPLATE_VOCABULARY.items()
    }
    phrases = {
        cat: re.compile(
            "|".join(re.escape(p) for p in sorted(items.split("|"), key=len, reverse=True))
        )
        for cat, items in PHRASES.items()
    }
    short = {
        cat: re.compile(
            r"(?<!\w)(?:" + "|".join(re.escape(w) for w in words.split("|")) + r")(?!\w)",
            re.IGNORECASE,
        )
        for cat, words in SHORT_LINE_WORDS.items()
    }
    return _Vocab(entries, phrases, short)


@lru_cache(maxsize=16384)
def vocabulary_hits(line: str) -> Mapping[str, float]:
    """Which vocabulary categories ``line`` belongs to, as ``exact_*``/``list_*``/``phrase_*``.

    ``exact``: the whole line (edge punctuation stripped) is an entry. ``list``: the line is a
    list (pipes, slashes, bullets, or bare tokens) of at least two items and at least half of
    them are entries. ``phrase``: a furniture phrase occurs in a line of at most 30 words.
    ``short``: a :data:`SHORT_LINE_WORDS` word occurs in a non-sentence line of at most 5.
    The result is cached and shared: do not modify it.
    """
    vocab = _vocab()
    key = line_key(line)
    bare = HEADING_NOUNS.sub("", key) if len(key.split()) <= 4 else key
    hits: dict[str, float] = {}
    segments = [line_key(s) for s in _LIST_SPLIT_RE.split(line) if line_key(s)]
    # a list needs 2+ separated items of which half are entries (both when there are only
    # two), or 3+ bare tokens that are all entries ("Facebook X LinkedIn")
    need = len(segments) if len(segments) == 2 else (len(segments) + 1) // 2
    if len(segments) < 2:
        segments = key.split() if len(key.split()) >= 3 else []
        need = len(segments)
    for cat, entries in vocab.entries.items():
        if key in entries or bare in entries:
            hits[f"exact_{cat}"] = 1.0
        if segments and sum(1 for s in segments if s in entries) >= need:
            hits[f"list_{cat}"] = 1.0
    if shape(line).n_words <= 5 and not shape(line).sentence_end:
        for cat, pattern in vocab.short.items():
            if pattern.search(line):
                hits[f"short_{cat}"] = 1.0
    if shape(line).n_words <= 30:
        folded = normalise_space(line).casefold()
        for cat, pattern in vocab.phrases.items():
            if pattern.search(folded):
                hits[f"phrase_{cat}"] = 1.0
    return hits


def is_furniture_label(line: str) -> bool:
    """True when the whole line is a furniture word (menu, share, trending, ... heading)."""
    key = line_key(line)
    return any(key in entries for entries in _vocab().entries.values())


# --------------------------------------------------------------------------------------------
# Cross-document context
# --------------------------------------------------------------------------------------------
@dataclass
class CleanContext:
    """How many distinct documents of a batch contain each (normalised) line.

    Site furniture repeats on every page of a site, so a short line found in many documents of
    one batch is boilerplate even when its shape looks innocent. Long sentences shared between
    documents are *not* counted as boilerplate: syndicated wire copies share body sentences
    and the trace stage needs them. See :meth:`is_shared_boilerplate` for the thresholds.
    """

    n_docs: int = 0
    line_docs: Counter[str] = field(default_factory=Counter)

    #: a line must occur in at least this many documents ...
    MIN_DOCS: ClassVar[int] = 3
    #: ... and in at least this share of the batch ...
    MIN_SHARE: ClassVar[float] = 0.3
    #: ... and be this short (or menu-shaped) to count.
    MAX_WORDS: ClassVar[int] = 12

    @classmethod
    def from_texts(cls, texts: Iterable[str]) -> CleanContext:
        """Count, for each line key, the number of texts it occurs in (once per text)."""
        context = cls()
        for text in texts:
            context.add(text)
        return context

    def add(self, text: str) -> None:
        """Add one document's text to the counts."""
        self.add_lines(split_lines(text))

    def add_lines(self, lines: Iterable[str]) -> None:
        """Add one document, given as its lines, to the counts."""
        self.n_docs += 1
        self.line_docs.update({line_key(line) for line in lines} - {""})

    def doc_count(self, line: str) -> int:
        """In how many documents of the batch ``line`` occurs."""
        return self.line_docs.get(line_key(line), 0)

    def share(self, line: str) -> float:
        """The share of the batch's documents that contain ``line``."""
        return self.doc_count(line) / self.n_docs if self.n_docs else 0.0

    def is_shared_boilerplate(self, line: str) -> bool:
        """Short (≤ MAX_WORDS) or menu-shaped, in ≥ MIN_DOCS documents and ≥ MIN_SHARE."""
        s = shape(line)
        if s.n_words > self.MAX_WORDS and not s.menu_shaped:
            return False
        count = self.doc_count(line)
        return count >= self.MIN_DOCS and count / max(self.n_docs, 1) >= self.MIN_SHARE


# --------------------------------------------------------------------------------------------
# Features
# --------------------------------------------------------------------------------------------
def _flag(value: bool) -> float:
    return 1.0 if value else 0.0


#: How many lines after its heading a block of each kind may cover at most. Lists of links
#: (trending, related, menus) and summary bullets run until body text resumes; a share,
#: newsletter or comment prompt is a heading with a line or two under it.
BLOCK_EXTENT: Final[dict[str, int]] = {
    "share": 4,
    "newsletter": 3,
    "comment-prompt": 3,
    "menu": 6,
    "trending": 20,
    "related": 20,
}


def _blocks(
    hits: Sequence[Mapping[str, float]], shapes: Sequence[Shape], strong: Sequence[bool]
) -> list[str]:
    """For each line, the kind of the furniture block it sits in ("" when none).

    A heading (a line that *is* a furniture word of a block kind, or a list-shaped menu line)
    opens a block; a body-shaped paragraph closes it, and so does reaching the kind's
    :data:`BLOCK_EXTENT`. A summary block ("Key Takeaways") is also closed by any non-bullet
    line of 12+ words: its items are bullets.
    """
    kinds: list[str] = []
    current, left = "", 0
    for line_hits, s, body in zip(hits, shapes, strong, strict=True):
        heading = next((k for k in BLOCK_KINDS if line_hits.get(f"exact_{k}")), "")
        if not heading and s.menu_shaped and s.list_segments >= 3:
            heading = "menu"
        if heading:
            current, left = heading, BLOCK_EXTENT.get(heading, 10**9)
        elif body or (current == "summary" and not s.bullet and s.n_words >= 12) or left <= 0:
            current = ""
        else:
            left -= 1
        kinds.append(current)
    return kinds


def _caption_like(
    lines: Sequence[str],
    i: int,
    keys: Sequence[str],
    shapes: Sequence[Shape],
    repeats: Counter[str],
) -> bool:
    """A repeated line (5+ words) that reads as a photo caption or a repeated headline.

    Every copy of such a line goes. A repeated *sentence* with no caption cue, whose copies
    are not next to each other, is more likely a lead paragraph shown as a teaser and again
    in the body: its first copy stays (the later ones are ``duplicate``).
    """
    if shapes[i].n_words < 5 or repeats[keys[i]] < 2:
        return False
    adjacent = (i > 0 and keys[i - 1] == keys[i]) or (i + 1 < len(keys) and keys[i + 1] == keys[i])
    return not shapes[i].sentence_end or adjacent or bool(CAPTION_RE.search(lines[i]))


def _comment_section(
    lines: Sequence[str], hits: Sequence[Mapping[str, float]], strong: Sequence[bool]
) -> int:
    """Index where readers' comments start (``len(lines)`` when there are none).

    Comments are sentence-shaped, so shape cannot tell them from the article. The section
    starts at the first of two comment headers ("Comment by ...", "... says:", "Reply",
    "3 Comments", "Leave a Reply") at most 12 lines apart, after the first body paragraph,
    or at a "Comments" heading up to 10 lines before it. A lone header proves nothing: a
    "571 comments" link often sits under the headline.
    """
    first_body = next((i for i, body in enumerate(strong) if body), len(lines))
    headers = [i for i in range(first_body + 1, len(lines)) if COMMENT_HEADER_RE.search(lines[i])]
    start = next((a for a, b in pairwise(headers) if b - a <= 12), len(lines))
    for i in range(max(first_body + 1, start - 10), start):
        if hits[i].get("exact_comment-prompt"):
            return i
    return start


def line_features(
    lines: Sequence[str],
    roles: Mapping[int, str] | None = None,
    context: CleanContext | None = None,
    *,
    extracted: bool = False,
) -> list[dict[str, float]]:
    """Features of every line of a page, as floats (the input of :func:`score_line`).

    ``extracted`` says the lines are already an article body (trafilatura's output, a JSONL
    text), not a whole page: the features that rely on seeing the whole page (header/tail
    fragments, menu shapes by position, bottom-byline bios, labels, captions repeated) are
    switched off, and of a repeated line only the later copies count as repeats. What stays
    is content evidence: vocabulary, copyright/contact/counter lines, blocks opened by a
    furniture heading, cross-document repetition and the metadata lines.

    ``roles`` marks lines the metadata scan already identified (headline, byline, date line,
    ...): they become ``role_<reason>`` features and are left out of the body estimate.

    Structure: a line is *strong* when body-shaped (see :attr:`Shape.strong`) and neither a
    metadata line nor repeated in the page. The *header* is the run of non-strong lines before
    the first strong line, plus any run of non-strong lines that holds a metadata line in the
    first half of the page; the *tail* is everything after the last strong line. A *bottom
    byline* is a byline after 75 % of the strong text; the lines after it are the author's
    bio or signature.
    """
    roles = roles or {}
    n = len(lines)
    shapes = [shape(line) for line in lines]
    keys = [line_key(line) for line in lines]
    hits = [vocabulary_hits(line) for line in lines]
    repeats = Counter(keys)
    first_at: dict[str, int] = {}
    for i, key in enumerate(keys):
        first_at.setdefault(key, i)
    captions = [_caption_like(lines, i, keys, shapes, repeats) for i in range(n)]
    strong = [
        s.strong
        and i not in roles
        and (repeats[keys[i]] < 2 or (first_at[keys[i]] == i and not captions[i]))
        for i, s in enumerate(shapes)
    ]
    comments = _comment_section(lines, hits, strong)
    strong = [body and i < comments for i, body in enumerate(strong)]
    sizes = [len(line) if body else 0 for line, body in zip(lines, strong, strict=True)]
    total = sum(sizes) or 1
    before = [0] * n
    for i in range(1, n):
        before[i] = before[i - 1] + sizes[i - 1]
    bottom_byline = next(
        (i for i, r in roles.items() if r == "byline" and before[i] >= 0.75 * total and i > 0),
        None,
    )
    if bottom_byline is not None:
        strong = [body and i < bottom_byline for i, body in enumerate(strong)]
    strong_idx = [i for i, body in enumerate(strong) if body]
    first_strong = strong_idx[0] if strong_idx else n
    last_strong = strong_idx[-1] if strong_idx else -1
    header = [i < first_strong for i in range(n)]
    i = 0
    while i < n:  # extend the header over fragment runs that hold metadata lines
        if strong[i]:
            i += 1
            continue
        j = i
        while j < n and not strong[j]:
            j += 1
        if before[i] < 0.5 * total and any(k in roles for k in range(i, j)):
            for k in range(i, j):
                header[k] = True
        i = j
    blocks = _blocks(hits, shapes, strong)

    features: list[dict[str, float]] = []
    for i, (line, s) in enumerate(zip(lines, shapes, strict=True)):
        in_header = header[i] and not strong[i]
        in_tail = i > last_strong and not in_header
        attribution = bool(ATTRIBUTION_RE.search(line))
        sentence_like = s.sentence_end or attribution
        prev = lines[i - 1] if i else ""
        f: dict[str, float] = {
            "n_words": float(s.n_words),
            "short": _flag(s.n_words <= 4),
            "medium": _flag(4 < s.n_words <= 12),
            "sentence_end": _flag(s.sentence_end),
            "strong_body": _flag(strong[i]),
            "cap_ratio": s.cap_ratio,
            "upper_ratio": s.upper_ratio,
            "digit_ratio": s.digit_ratio,
            "bullet": _flag(s.bullet),
            "list_shaped": _flag(s.list_segments >= 2),
            "menu_shaped": _flag(s.menu_shaped),
            "number_only": _flag(bool(_NUMBER_ONLY_RE.match(line))),
            "label_colon": _flag(
                line.endswith(":")
                and s.n_words <= 3
                and not strong[min(i + 1, n - 1)]
                and (in_header or in_tail)
            ),
            "after_label": _flag(
                prev.endswith(":")
                and shape(prev).n_words <= 3
                and s.n_words <= 4
                and not s.sentence_end
                and (in_header or in_tail)
            ),
            "contact": _flag(
                s.n_words <= 14 and bool(_EMAIL_RE.search(line) or _CONTACT_RE.search(line))
            ),
            "url": _flag(bool(_URL_RE.search(line))),
            "link_arrow": _flag(s.n_words <= 8 and bool(_LINK_ARROW_RE.search(line))),
            "copyright": _flag(s.n_words <= 30 and bool(COPYRIGHT_RE.search(line))),
            "photo_credit": _flag(
                s.n_words <= 40 and "://" not in line and bool(PHOTO_CREDIT_RE.search(line))
            ),
            "counter": _flag(s.n_words <= 12 and bool(_COUNTER_RE.search(line))),
            "temperature": _flag(s.n_words <= 5 and bool(_TEMPERATURE_RE.search(line))),
            "attribution": _flag(attribution),
            "pos_top": i / (n - 1) if n > 1 else 0.0,
            "in_header": _flag(in_header),
            "in_tail": _flag(in_tail),
            "in_body": _flag(not in_header and not in_tail),
            "after_bottom_byline": _flag(bottom_byline is not None and i > bottom_byline),
            "page_repeat": _flag(repeats[keys[i]] >= 2),
            "page_repeat_long": _flag(captions[i]),
            "repeat_later": _flag(first_at[keys[i]] < i),
            "in_comments": _flag(i >= comments),
            "tag_line": _flag(s.n_words <= 25 and bool(TAG_LINE_RE.match(line))),
            "table_row": _flag(line.startswith("|") and line.endswith("|")),
            "menu_header": _flag(s.menu_shaped and in_header),
            "menu_tail": _flag(s.menu_shaped and in_tail),
            "frag_header": _flag(in_header and not sentence_like and s.n_words <= 8),
            "frag_tail": _flag(in_tail and not sentence_like and s.n_words < 25),
        }
        f.update(hits[i])
        if blocks[i]:
            f[f"block_{blocks[i]}"] = 1.0
        if context is not None and context.n_docs:
            shared = context.is_shared_boilerplate(line)
            f["cross_doc"] = context.share(line)
            f["cross_menu"] = _flag(shared and (s.menu_shaped or not s.sentence_end))
            f["cross_sentence_edge"] = _flag(shared and s.sentence_end and not f["in_body"])
            f["cross_sentence_body"] = _flag(shared and s.sentence_end and bool(f["in_body"]))
        if i in roles:
            f[f"role_{roles[i]}"] = 1.0
        if extracted:
            for name in PAGE_ONLY_FEATURES:
                f[name] = 0.0
        features.append(f)
    return features


#: Features that need the whole page to mean anything; zero for an extracted body.
PAGE_ONLY_FEATURES: Final = (
    "page_repeat_long",
    "menu_header",
    "menu_tail",
    "frag_header",
    "frag_tail",
    "after_bottom_byline",
    "label_colon",
    "after_label",
    "number_only",
    "block_menu",
    "link_arrow",
)
