"""Anchoring: which day, month, year or quarter a partial or deictic time expression means.

A news report dates things relative to its own publication date (the *anchor*): "on
Sunday", "May 7", "last March", "the quarter". The rules of :mod:`wiretrace.extract.times`
say what an expression is; this module decides where it lands, from the anchor, from the
tense of the clause around it and from the period the text named last. Split out of the
tagger because these choices are the part tuned against how TimeBank annotates news, and
they are shared by several rules. Conventions:

* A bare weekday ("on Sunday") is the most recent such day on or before the anchor, unless the
  clause before it speaks of the future ("will", "is scheduled to"): then the next one.
* A month and day without a year take the year that puts them nearest the anchor; a bare
  month the most recent one, or the next one in future-tense clauses.
* "the quarter" is the quarter the text named last, else the last full one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from wiretrace.extract import calendar as cal

__all__ = ["Context", "dayref", "last_quarter", "tense", "weekday", "which_year"]


@dataclass
class Context:
    """What resolution needs beyond the expression: the whole text (for the tense of the
    clause), the anchor, and the last concrete period resolved (for "a year earlier")."""

    text: str
    anchor: date | None
    ref: str | None = None  # the last day, month or quarter the text resolved to
    ref_at: int = 0  # where that expression ended


def tense(ctx: Context, start: int, end: int) -> int:
    """+1 if the clause around ``start`` speaks of the future, -1 of the past, else 0."""
    left = ctx.text[max(0, start - 120) : start]
    left = re.split(r"[.!?;\n]\s", left)[-1]
    cues = [(m.start(), 1) for m in cal.FUTURE.finditer(left)]
    cues += [(m.start(), -1) for m in cal.PAST.finditer(left)]
    if cues:
        return max(cues)[1]
    right = re.split(r"[.!?;\n]", ctx.text[end : end + 80])[0]
    if cal.FUTURE.search(right):
        return 1
    return -1 if cal.PAST.search(right) else 0


def which_year(ctx: Context, month: int, day: int, start: int, end: int) -> int:
    """The year of a month (and day) named without one: back in past-tense clauses, forward
    in future ones (within ten months), else the nearer one (a bare month: the last one
    unless the next is at most two months ahead)."""
    a = ctx.anchor
    assert a is not None
    here = a.month * 31 + (day or a.day)
    there = month * 31 + (day or a.day)
    back, ahead = (here - there) % 372, (there - here) % 372
    clause = tense(ctx, start, end)
    if back == 0:
        return a.year
    near = back <= ahead if day else ahead > 62  # a bare month is more often a past one
    if (clause < 0 and back <= 310) or (clause == 0 and near) or (clause > 0 and ahead > 310):
        return a.year - (there > here)
    return a.year + (there < here)


def weekday(ctx: Context, wd: int, mod: str, start: int, end: int) -> date | None:
    """The date a weekday name refers to (see the module docstring)."""
    a = ctx.anchor
    if a is None:
        return None
    back = (a.weekday() - wd) % 7
    if mod in ("last", "this past", "past", "the previous"):
        return a - timedelta(days=back or 7)
    if mod in ("next", "coming", "this coming", "the following") or (
        mod != "early" and tense(ctx, start, end) > 0
    ):
        ahead = (wd - a.weekday()) % 7
        return a + timedelta(days=ahead or (7 if mod else 0))
    return a - timedelta(days=back)


def dayref(phrase: str, ctx: Context, start: int, end: int) -> str | None:
    """The TIMEX3 day of "yesterday", "Friday", "Nov. 9" inside a longer expression."""
    p = phrase.lower()
    a = ctx.anchor
    for word, shift in (("yesterday", -1), ("tomorrow", 1), ("today", 0), ("tonight", 0)):
        if word in p:
            return (a + timedelta(days=shift)).isoformat() if a else None
    m = re.search(cal.WDAY, phrase)
    if m and not re.search(cal.MONTH, phrase):
        mod = "last" if p.startswith("last") else "next" if p.startswith("next") else ""
        d = weekday(ctx, cal.WEEKDAYS[p[m.start() : m.start() + 3]], mod, start, end)
        return d.isoformat() if d else f"XXXX-WXX-{cal.WEEKDAYS[p[m.start() : m.start() + 3]] + 1}"
    m = re.search(rf"({cal.MONTH})\s+({cal.DAY})(?:,?\s+({cal.YEAR}))?", phrase, re.I)
    if m:
        month, day = cal.month_of(m.group(1)) or 1, cal.ordinal(m.group(2)) or 1
        if m.group(3):
            return cal.day_value(cal.year_of(m.group(3), a), month, day)
        year = which_year(ctx, month, day, start, end) if a else None
        return cal.day_value(year, month, day)
    return None


def last_quarter(ctx: Context) -> str | None:
    """The quarter a report means by "the quarter": the one it named last, else the last one."""
    if ctx.ref and re.fullmatch(r"\d{4}-Q\d", ctx.ref):
        return ctx.ref
    a = ctx.anchor
    return cal.quarter_value(a.year, cal.quarter_of(a) - 1) if a else None
