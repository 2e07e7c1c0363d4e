"""Context features for the trained line model: a line's neighbours, window and position.

The page-level features of each line come from :mod:`wiretrace.clean.features`; the model
(:mod:`wiretrace.clean.linemodel`) also sees those of the previous and next lines, windowed
means and where the line stands relative to the page's main block of sentences. Kept apart
so the single feature definition stays readable and each module stays small.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Final

from wiretrace.clean.features import LineLayout, _flag

#: Features of a line's neighbours that the model sees as ``prev_<name>``/``next_<name>``.
NEIGHBOUR_FEATURES: Final = (
    "log_words",
    "sentence_end",
    "strong_body",
    "menu_shaped",
    "short",
    "bullet",
    "any_vocab",
    "any_role",
)

#: Upper bounds (in words) of the length bins ``words_le_<bound>`` (the last is open).
WORD_BINS: Final = (1, 3, 7, 15, 30)

_PREFIXES: Final = ("exact_", "list_", "phrase_", "short_", "block_", "role_")


def main_block(values: Sequence[float]) -> tuple[int, int]:
    """The run ``[start, end)`` with the largest sum of ``values`` (empty: ``(0, 0)``)."""
    best, best_span = 0.0, (0, 0)
    run, start = 0.0, 0
    for i, v in enumerate(values):
        if run <= 0:
            run, start = 0.0, i
        run += v
        if run > best:
            best, best_span = run, (start, i + 1)
    return best_span


def _runs(flags: Sequence[bool]) -> list[int]:
    """For each position, the length of the run of true flags it is in (0 when false)."""
    out = [0] * len(flags)
    i = 0
    while i < len(flags):
        if not flags[i]:
            i += 1
            continue
        j = i
        while j < len(flags) and flags[j]:
            j += 1
        out[i:j] = [j - i] * (j - i)
        i = j
    return out


def _window_mean(values: Sequence[float], i: int, radius: int) -> float:
    """Mean of ``values`` over the lines within ``radius`` of line ``i`` (``i`` excluded)."""
    lo, hi = max(i - radius, 0), min(i + radius + 1, len(values))
    return (sum(values[lo:hi]) - values[i]) / (hi - lo - 1) if hi - lo > 1 else 0.0


def with_context(
    lines: Sequence[str],
    features: Sequence[Mapping[str, float]],
    layout: Sequence[LineLayout] | None = None,
) -> list[dict[str, float]]:
    """:func:`line_features` plus the derived and neighbour features the line model uses.

    Per line: log length in words and characters, length bins, commas per word, a lowercase
    start, a trailing colon, any vocabulary/block/metadata hit (``any_*``). Page structure: the
    *main block*, the run of lines with the largest sum of sentence characters minus the
    characters (plus 20 a line) of other lines (``in_main``, ``main_dist`` in lines,
    ``before_main``, ``after_main``), the distance to the nearest body-shaped line, the share
    of the page's characters before the line, and the length of the run of short non-sentence
    lines and of bullets the line is in.
    Neighbours: :data:`NEIGHBOUR_FEATURES` of the previous and next line (zero at the page
    edges), the share of body-shaped lines among the three lines either side and the mean
    ``log_words`` of two and of five lines either side. Interactions of the main block with a
    line's shape (``bullet_main``, ``short_main``, ``sentence_main``, ``long_outside``).
    For the lines of a short run (≤ 8 words, no sentence end): the length and shape of the
    lines just before and after the run (``run_prev_*``, ``run_next_*``): a list under a
    paragraph that ends with a colon is the article's, a list between menus is not.

    ``layout`` (:func:`~wiretrace.clean.features.split_layout`) adds the features of
    :func:`layout_features`; without it (or on a flat text) they are absent.
    """
    n = len(lines)
    out: list[dict[str, float]] = []
    for line, base in zip(lines, features, strict=True):
        f = dict(base)
        words = base.get("n_words", 0.0)
        f["log_words"] = math.log1p(words)
        f["log_chars"] = math.log1p(len(line))
        for bound in WORD_BINS:
            if words <= bound:
                f[f"words_le_{bound}"] = 1.0
                break
        else:
            f["words_gt_30"] = 1.0
        f["comma_rate"] = min(line.count(",") / words, 1.0) if words else 0.0
        f["lower_start"] = _flag(line[:1].islower())
        f["ends_colon"] = _flag(line.endswith(":"))
        for name, value in base.items():
            if value and name.startswith(_PREFIXES):
                f[f"any_{name[: name.index('_')]}"] = 1.0
        f["any_vocab"] = _flag(bool(f.get("any_exact") or f.get("any_list")))
        out.append(f)
    sizes = [float(len(line)) for line in lines]
    total = sum(sizes) or 1.0
    sentence = [bool(f.get("sentence_end")) and f["n_words"] >= 6 for f in out]
    start, end = main_block([c if s else -c - 20.0 for c, s in zip(sizes, sentence, strict=True)])
    strong_flags = [f.get("strong_body", 0.0) for f in out]
    log_words = [f["log_words"] for f in out]
    strong = [i for i, v in enumerate(strong_flags) if v]
    short_runs = _runs([not f.get("sentence_end") and f["n_words"] <= 8 for f in out])
    bullet_runs = _runs([bool(f.get("bullet")) for f in out])
    before = 0.0
    j = 0  # index into ``strong`` of the first strong line at or after i
    for i, f in enumerate(out):
        while j < len(strong) and strong[j] < i:
            j += 1
        near = [abs(strong[k] - i) for k in (j - 1, j) if 0 <= k < len(strong)]
        f["body_dist"] = math.log1p(min(near)) if near else math.log1p(n)
        main = start <= i < end
        f["in_main"] = _flag(main)
        f["before_main"] = _flag(i < start)
        f["after_main"] = _flag(i >= end)
        f["main_dist"] = math.log1p(start - i if i < start else max(i - end + 1, 0))
        f["char_pos"] = before / total
        before += sizes[i]
        f["short_run"] = math.log1p(short_runs[i])
        f["bullet_run"] = math.log1p(bullet_runs[i])
        f["bullet_main"] = _flag(main and bool(f.get("bullet")))
        f["short_main"] = _flag(main and f["n_words"] <= 4)
        f["sentence_main"] = _flag(main and bool(f.get("sentence_end")))
        f["long_outside"] = _flag(not main and f["n_words"] >= 12)
        for side, k in (("prev", i - 1), ("next", i + 1)):
            if 0 <= k < n:
                other = out[k]
                for name in NEIGHBOUR_FEATURES:
                    f[f"{side}_{name}"] = other.get(name, 0.0)
        f["win_strong"] = _window_mean(strong_flags, i, 3)
        f["win_words"] = _window_mean(log_words, i, 2)
        f["win_words_5"] = _window_mean(log_words, i, 5)
    _run_edges(out, [bool(r) for r in short_runs])
    if layout is not None:
        layout_features(lines, out, layout, (start, end))
    return out


def _run_edges(rows: Sequence[dict[str, float]], short: Sequence[bool]) -> None:
    """``run_*``: the lines just before and after the short run each short line is in."""
    n, i = len(rows), 0
    while i < n:
        if not short[i]:
            i += 1
            continue
        j = i
        while j < n and short[j]:
            j += 1
        before = rows[i - 1] if i > 0 else {}
        after = rows[j] if j < n else {}
        edges = {
            "run_prev_strong": before.get("strong_body", 0.0),
            "run_next_strong": after.get("strong_body", 0.0),
            "run_prev_colon": before.get("ends_colon", 0.0),
            "run_prev_words": before.get("log_words", 0.0),
            "run_next_words": after.get("log_words", 0.0),
        }
        for k in range(i, j):
            rows[k].update(edges)
        i = j


def _sections(indent: Sequence[int]) -> list[tuple[int, int]]:
    """For each line, the run ``[a, b)`` around it of lines indented at least as deep."""
    n = len(indent)
    lo, hi = [0] * n, [n] * n
    stack: list[int] = []
    for i, v in enumerate(indent):
        while stack and indent[stack[-1]] >= v:
            stack.pop()
        lo[i] = stack[-1] + 1 if stack else 0
        stack.append(i)
    stack = []
    for i in range(n - 1, -1, -1):
        while stack and indent[stack[-1]] >= indent[i]:
            stack.pop()
        hi[i] = stack[-1] if stack else n
        stack.append(i)
    return list(zip(lo, hi, strict=True))


def layout_features(
    lines: Sequence[str],
    rows: Sequence[dict[str, float]],
    layout: Sequence[LineLayout],
    main: tuple[int, int],
) -> None:
    """Add the features of the text's layout to ``rows`` (in place).

    Blocks, when the text has blank lines (``lay_blank``): a block is a run of lines with no
    blank line between them. Per line: a blank line before/after it, and of its block the
    number of lines and words, the share of sentences, body-shaped lines, bullets and
    vocabulary hits, and whether the line opens or closes it.
    Indentation, when it is layout (``lay_indent``; :func:`_indented`): the *main indent* is
    the one carrying most characters of the main block's body-shaped lines; the *container*
    is the run of lines around the main block indented at least that deep. Per line: same,
    deeper or shallower than the main indent, in or out of the container and how far, the
    same indent as its neighbours, and of its *section* (the run around it indented at least
    as deep as the line) the share of sentence characters, its length, whether it holds the
    main block. Table rows: ``cells`` (gaps of 2+ spaces inside the line).
    """
    n = len(rows)
    if n == 0:
        return
    blank = [item.blank_before for item in layout]
    if any(blank[1:]):
        _block_features(rows, blank)
    for f, item in zip(rows, layout, strict=True):
        f["cells"] = math.log1p(item.cells)
        f["table_cells"] = _flag(item.cells >= 2)
    indent = [item.indent for item in layout]
    start, end = main
    if not _indented(indent) or end <= start:
        return
    sizes = [len(line) for line in lines]
    strong = [i for i in range(start, end) if rows[i].get("strong_body")] or list(range(start, end))
    weight: dict[int, int] = {}
    for i in strong:
        weight[indent[i]] = weight.get(indent[i], 0) + sizes[i]
    level = max(weight, key=lambda k: weight[k])
    lo, hi = start, end
    while lo > 0 and indent[lo - 1] >= level:
        lo -= 1
    while hi < n and indent[hi] >= level:
        hi += 1
    sentence = [bool(f.get("sentence_end")) and f["n_words"] >= 6 for f in rows]
    chars = [0]
    sent_chars = [0]
    for size, s in zip(sizes, sentence, strict=True):
        chars.append(chars[-1] + size)
        sent_chars.append(sent_chars[-1] + (size if s else 0))
    for i, ((a, b), f) in enumerate(zip(_sections(indent), rows, strict=True)):
        d = indent[i] - level
        f["lay_indent"] = 1.0
        f["ind_same"] = _flag(d == 0)
        f["ind_deeper"] = _flag(d > 0)
        f["ind_shallower"] = _flag(d < 0)
        f["ind_absdiff"] = math.log1p(abs(d))
        f["in_container"] = _flag(lo <= i < hi)
        f["out_container"] = _flag(not lo <= i < hi)
        f["cont_dist"] = math.log1p(lo - i if i < lo else max(i - hi + 1, 0))
        f["ind_prev_same"] = _flag(i > 0 and indent[i - 1] == indent[i])
        f["ind_next_same"] = _flag(i + 1 < n and indent[i + 1] == indent[i])
        f["sec_sent_share"] = (sent_chars[b] - sent_chars[a]) / ((chars[b] - chars[a]) or 1)
        f["sec_lines"] = math.log1p(b - a)
        f["sec_has_main"] = _flag(a < end and b > start)


#: Indentation counts as layout when lines sit at this many levels or more ...
MIN_INDENT_LEVELS: Final = 3
#: ... and at least this share of the lines is indented (a rendered page; a scrape that
#: merely indents a bullet or two is judged as a flat text).
MIN_INDENTED_SHARE: Final = 0.5


def _indented(indent: Sequence[int]) -> bool:
    """Whether the text's indentation is layout (see :data:`MIN_INDENT_LEVELS`)."""
    indented = sum(1 for v in indent if v > 0)
    return len(set(indent)) >= MIN_INDENT_LEVELS and indented >= MIN_INDENTED_SHARE * len(indent)


def _block_features(rows: Sequence[dict[str, float]], blank: Sequence[bool]) -> None:
    """Features of the blank-line-separated block each line is in (see layout_features)."""
    n = len(rows)
    i = 0
    while i < n:
        j = i + 1
        while j < n and not blank[j]:
            j += 1
        block = rows[i:j]
        size = j - i
        shared = {
            "lay_blank": 1.0,
            "blk_lines": math.log1p(size),
            "blk_single": _flag(size == 1),
            "blk_words": math.log1p(sum(f["n_words"] for f in block)),
            "blk_sent": sum(1 for f in block if f.get("sentence_end")) / size,
            "blk_strong": sum(1 for f in block if f.get("strong_body")) / size,
            "blk_bullet": sum(1 for f in block if f.get("bullet")) / size,
            "blk_vocab": sum(1 for f in block if f.get("any_vocab")) / size,
        }
        for k, f in enumerate(block):
            f.update(shared)
            f["blank_before"] = 1.0 if k == 0 else 0.0
            f["blank_after"] = 1.0 if k == size - 1 else 0.0
        i = j
