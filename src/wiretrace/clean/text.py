"""Line-level boilerplate removal for plain-text scrapes.

A page copied as text keeps one paragraph per line, but also every menu label, share button,
trending list, caption and footer the page showed. Nothing marks which is which, so each line
is judged by properties that hold on any news site (:mod:`wiretrace.clean.features`): its
length and shape, its punctuation and capitalisation, where it sits relative to the article
body, whether it repeats inside the page or across the batch, whether it is made of the
generic vocabulary of web furniture (:mod:`wiretrace.clean.vocabulary`), and the same signals
of its neighbours. No rule names a site, person, place or event.

A text scrape is decided in two steps (:func:`classify_lines`):

* hard rules that are certain on any page drop a line outright (:func:`override_reason`): a
  metadata line found by :mod:`wiretrace.clean.metadata` (headline, byline, date line, the
  scraper's header), a line that *is* a furniture word, a repeated caption, a later copy of a
  line, a short line repeated across the batch;
* every other line is kept when the trained line model (:mod:`wiretrace.clean.linemodel`)
  gives it a body probability of at least its threshold, or when it credits the report
  ("Reporting by ...", "(With inputs from agencies.)": the trace stage needs those), or
  when every line of the page reads as a sentence and no hard rule fires (a clean article). A
  dropped line is labelled with the best-scoring reason of :func:`score_line` when one
  applies, else ``"model"``.

The text's layout, when the caller kept it (:func:`split_layout`: blank lines, indentation,
table gaps), feeds the model too: a rendered page whose indentation is layout is judged by
the model file's ``layout_model``, any other text by the main model
(:meth:`~wiretrace.clean.linemodel.LineModel.for_rows`).

Texts that are already an article (trafilatura's output for HTML, JSONL texts) are not
whole pages, so the position and shape evidence the model relies on does not hold there: they
are judged by :func:`score_line` alone, a one-vs-rest linear model with the hand weights in
:data:`WEIGHTS` over the content features only (see ``extracted`` in :func:`line_features`);
a line goes when its best reason scores at least :data:`DROP_THRESHOLD`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Final

from wiretrace.clean.context import with_context
from wiretrace.clean.features import (
    BLOCK_EXTENT,
    BLOCK_KINDS,
    PAGE_ONLY_FEATURES,
    CleanContext,
    LineLayout,
    Shape,
    is_furniture_label,
    line_features,
    line_key,
    normalise_space,
    shape,
    split_layout,
    split_lines,
    vocabulary_hits,
)
from wiretrace.clean.linemodel import load_model

__all__ = [
    "BLOCK_EXTENT",
    "BLOCK_KINDS",
    "DROP_THRESHOLD",
    "WEIGHTS",
    "CleanContext",
    "LineDecision",
    "LineLayout",
    "Shape",
    "classify_lines",
    "is_furniture_label",
    "line_features",
    "line_key",
    "normalise_paragraphs",
    "normalise_space",
    "override_reason",
    "score_line",
    "shape",
    "split_layout",
    "split_lines",
    "vocabulary_hits",
    "with_context",
]


# --------------------------------------------------------------------------------------------
# Scoring
# --------------------------------------------------------------------------------------------
#: A line is dropped when its best reason scores at least this much. A weight of 1.0 or more
#: is a rule sufficient on its own; smaller weights need corroborating features.
DROP_THRESHOLD: Final = 1.0

#: Weight given to ``role_<reason>``: a line the metadata scan identified is always dropped.
ROLE_WEIGHT: Final = 5.0

#: Weight of content evidence (a furniture word, a copyright sign, a comment counter): enough
#: on its own, and more than shape and position evidence can add up to, so the reason it names
#: wins. Shape and position evidence (``_SHAPE``) is enough alone too but yields to content.
_RULE: Final = 3.0
_SHAPE: Final = 1.2
_BLOCK: Final = 1.5

_KEEP: Final[dict[str, float]] = {"strong_body": -4.0, "attribution": -6.0, "table_row": -4.0}

#: Hand weights of the one-vs-rest linear model: reason -> feature -> weight. Body evidence
#: (``_KEEP``) counts against every shape-based reason; content-based reasons (a repeated
#: caption, a copyright line, a comment counter) are not shape-based and ignore most of it.
# fmt: off
WEIGHTS: Final[dict[str, dict[str, float]]] = {
    "caption-repeat": {"page_repeat_long": 2.0, "attribution": -6.0},
    "duplicate": {"repeat_later": 1.0},
    "comments": {"in_comments": 2.0, "attribution": -6.0},
    "copyright": {"copyright": _RULE, "strong_body": -1.0},
    "caption": {"photo_credit": 2.0, "attribution": -6.0},
    "footer": {"contact": _RULE, "exact_footer": _RULE, "list_footer": _RULE,
        "phrase_footer": _SHAPE, "short_footer": _BLOCK, **_KEEP},
    "comment-prompt": {"counter": _RULE, "exact_comment-prompt": _RULE,
        "phrase_comment-prompt": 2.0, "block_comment-prompt": _BLOCK,
        "short_comment-prompt": _BLOCK, "in_tail": 0.3, "strong_body": -1.0},
    "advert": {"exact_advert": _RULE, "phrase_advert": 2.0, "short_advert": _BLOCK, **_KEEP},
    "share": {"exact_share": _RULE, "list_share": _RULE, "phrase_share": _SHAPE,
        "block_share": _BLOCK, "short_share": _BLOCK, **_KEEP},
    "newsletter": {"exact_newsletter": _RULE, "phrase_newsletter": 2.0,
        "block_newsletter": _BLOCK, "short_newsletter": _BLOCK, **_KEEP},
    "weather": {"temperature": _RULE, "exact_weather": _SHAPE},
    "login": {"phrase_login": 2.0, "strong_body": -1.0},
    "paywall": {"phrase_paywall": 2.0, "strong_body": -1.0},
    "summary": {"exact_summary": _RULE, "block_summary": _BLOCK, **_KEEP},
    "trending": {"exact_trending": _RULE, "list_trending": _RULE, "block_trending": _BLOCK,
        "short_trending": _BLOCK, "page_repeat": 0.6, "sentence_end": -0.3, **_KEEP},
    "related": {"exact_related": _RULE, "list_related": _RULE, "block_related": _BLOCK,
        "short_related": _BLOCK, "link_arrow": _SHAPE, "page_repeat": 0.6, "sentence_end": -0.3,
        **_KEEP},
    "tag": {"label_colon": 2.0, "after_label": 2.0, "tag_line": _RULE, **_KEEP},
    "menu": {"exact_menu": _SHAPE, "list_menu": 2.0, "menu_header": _SHAPE, "menu_tail": _SHAPE,
        "block_menu": _SHAPE, "sentence_end": -0.5, **_KEEP},
    "list": {"number_only": 2.0},
    "cross-document": {"cross_menu": 2.0, "cross_sentence_edge": _SHAPE,
        "cross_sentence_body": 0.6, "attribution": -6.0},
    "author-bio": {"after_bottom_byline": 2.2, "phrase_author-bio": 0.3, "attribution": -6.0},
    "short-fragment": {"frag_header": _SHAPE, "frag_tail": _SHAPE, **_KEEP},
}
# fmt: on


def score_line(features: Mapping[str, float]) -> tuple[str, float]:
    """The best removal reason for a line and its score (drop when ≥ DROP_THRESHOLD).

    ``role_<reason>`` features (from the metadata scan) score :data:`ROLE_WEIGHT` for their
    own reason. Ties go to the reason listed first in :data:`WEIGHTS`.
    """
    index = _weight_index()
    totals = dict.fromkeys(WEIGHTS, 0.0)
    for name, value in features.items():
        if not value:
            continue
        if name.startswith("role_"):
            totals[name[5:]] = totals.get(name[5:], 0.0) + ROLE_WEIGHT * value
        for reason, weight in index.get(name, ()):
            totals[reason] += weight * value
    best = max(totals, key=totals.__getitem__)  # the first maximum: WEIGHTS order
    return best, totals[best]


@lru_cache(maxsize=1)
def _weight_index() -> dict[str, list[tuple[str, float]]]:
    """WEIGHTS inverted to feature -> [(reason, weight)], so scoring skips zero features."""
    index: dict[str, list[tuple[str, float]]] = {}
    for reason, weights in WEIGHTS.items():
        for name, weight in weights.items():
            index.setdefault(name, []).append((reason, weight))
    return index


@dataclass(frozen=True)
class LineDecision:
    """The verdict on one line: kept, or dropped with a reason.

    ``score`` is the best hand-weighted reason score (:func:`score_line`); ``p_body`` is the
    line model's body probability (``None`` where the model was not asked).
    """

    text: str
    keep: bool
    reason: str
    score: float
    p_body: float | None = None


#: Reasons a hard rule drops a line for, whatever the model says (see :func:`override_reason`).
_OVERRIDE_FEATURES: Final = (
    ("page_repeat_long", "caption-repeat"),
    ("repeat_later", "duplicate"),
    ("cross_menu", "cross-document"),
)


def override_reason(features: Mapping[str, float]) -> str:
    """The reason a certain rule drops this line for, or ``""``.

    Certain: a metadata line (``role_*``), a line that is entirely a furniture word
    (``exact_*``), a caption or headline repeated in the page, a later copy of a line, a short
    line repeated across the batch, and content evidence the hand weights of
    :func:`score_line` find sufficient without the page-position features (a copyright or
    contact line, a photo credit, a furniture phrase, a line in a summary/share/trending
    block, readers' comments): the same rules that judge an already extracted text.
    """
    for name, value in features.items():
        if value and name.startswith("role_"):
            return name[5:]
    if any(value and name.startswith("exact_") for name, value in features.items()):
        reason, score = score_line(features)
        return reason if score > 0 else "furniture"
    for name, reason in _OVERRIDE_FEATURES:
        if features.get(name):
            return reason
    if features.get("frag_header") and features.get("bullet"):
        return "short-fragment"  # a list item among the header's fragments: tags, a fact box
    content = {k: v for k, v in features.items() if k not in PAGE_ONLY_FEATURES}
    reason, score = score_line(content)
    return reason if score >= DROP_THRESHOLD else ""


#: A body-shaped paragraph in the main block stays unless the line model gives it less than
#: this: an author's bio or a disclaimer can look like one.
CERTAIN_FLOOR: Final = 0.3


def _certain_body(row: Mapping[str, float], p_body: float = 1.0) -> bool:
    """A line the model may not drop: a credit line, a body-shaped paragraph in the main block
    (unless its probability is under :data:`CERTAIN_FLOOR`), or a sentence in lower case right
    after a body paragraph (the article's closing line)."""
    if row.get("attribution"):
        return True
    if row.get("strong_body") and row.get("in_main") and p_body >= CERTAIN_FLOOR:
        return True
    return bool(
        row.get("sentence_end")
        and row.get("prev_strong_body")
        and row.get("n_words", 0.0) >= 3
        and row.get("cap_ratio", 1.0) < 0.5
    )


def classify_lines(
    lines: Sequence[str],
    roles: Mapping[int, str] | None = None,
    context: CleanContext | None = None,
    *,
    extracted: bool = False,
    layout: Sequence[LineLayout] | None = None,
) -> list[LineDecision]:
    """Decide keep/drop for every line (see the module docstring for the two paths).

    ``layout`` is where each line sat in the text as given (indentation, blank lines, table
    gaps: :func:`split_layout`); the line model uses it when there is one.
    """
    features = line_features(lines, roles, context, extracted=extracted)
    if extracted:
        decisions = []
        for line, feats in zip(lines, features, strict=True):
            reason, score = score_line(feats)
            drop = score >= DROP_THRESHOLD
            decisions.append(LineDecision(line, not drop, reason if drop else "", score))
        return decisions
    rows = with_context(lines, features, layout)
    model = load_model().for_rows(rows)
    probabilities = model.probabilities(rows)
    overrides = [override_reason(row) for row in rows]
    # a page whose every line reads as a sentence and trips no hard rule is an article already
    clean = all(row.get("sentence_end") and not o for row, o in zip(rows, overrides, strict=True))
    decisions = []
    for line, row, p, forced in zip(lines, rows, probabilities.tolist(), overrides, strict=True):
        reason, score = score_line(row)
        if forced:
            decisions.append(LineDecision(line, False, forced, score, p))
        elif p < model.threshold and not (clean or _certain_body(row, p)):
            decisions.append(LineDecision(line, False, reason if score > 0 else "model", score, p))
        else:
            decisions.append(LineDecision(line, True, "", score, p))
    return decisions


def normalise_paragraphs(paragraphs: Iterable[str]) -> str:
    """Body text: one paragraph per line, internal whitespace collapsed, joined by a blank line."""
    return "\n\n".join(p for p in (normalise_space(p) for p in paragraphs) if p)
