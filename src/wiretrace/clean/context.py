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

from wiretrace.clean.features import _flag

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
    lines: Sequence[str], features: Sequence[Mapping[str, float]]
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
    return out
