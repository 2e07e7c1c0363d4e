"""Date ranges: "September 16-19", "from Sept. 19 to 22", "between May 2 and May 5".

News gives the days of a poll's fieldwork, a conference, a trial or a festival as a range,
and the range, not its first month, is when the event happened. One rule of
:mod:`wiretrace.extract.times` tags the whole range as one ``date`` expression whose value is
an ISO 8601 interval of two days, ``2016-09-16/2016-09-19`` (``XXXX-09-16/XXXX-09-19``
without a year or an anchor). A range with no year takes the year its first day would take
alone (:func:`wiretrace.extract.anchoring.which_year`), and a range that runs past the end of
December ends in the next year ("Dec. 30-Jan. 2").

Written forms: month first ("March 4-7", "Sept. 30-Oct. 2", "June 3 to June 6, 2016", "from
Sept. 19 to 22", "between May 2 and May 5") and day first ("16-19 September", "30 September
to 2 October"). The prepositions ("from", "between") stay outside the span, as "on" does for a
single day. Left out, because they are not ranges: two days joined by "and" without "between"
("on April 24 and 25" names two days), and a change of date ("postponed from June 3 to June
6", :func:`plausible`).

TimeML annotates the two ends of a range as two TIMEX3s; :func:`range_ends` gives them, so
the range can be scored against a TimeML gold or used by a reader that wants single days.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, NamedTuple

from wiretrace.extract import calendar as cal
from wiretrace.extract.anchoring import which_year
from wiretrace.models import TimeExpression

if TYPE_CHECKING:
    from wiretrace.extract.anchoring import Context
    from wiretrace.models import TimeKind

__all__ = ["PATTERN", "plausible", "range_ends", "resolve"]

# A day of the month in digits only: "the fifth to the seventh" is too rare to be worth the
# false ranges ordinal words would bring ("May first to ...").
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?!\d|[:.,]\d)"
_DASH = r"\s*[-\u2013\u2014]\s*"
_SEP = rf"{_DASH}|\s+(?:to|through|thru|until|till|and)\s+"
# What makes a number after "to" a count, a score or a clock time, not a day.
_NOT_A_DAY = (
    r"(?!\s*(?:%|(?:[ap]\.?m|o'clock|percent|per\s+cent|million|billion|thousand|hundred"
    r"|points?|votes?|seats?|years?|months?|weeks?|days?|hours?|minutes?|people|times)\b))"
)
PATTERN = (
    rf"(?P<m1>{cal.MONTH})\s+(?P<d1>{_DAY})(?:,?\s+(?P<y1>{cal.YEAR}))?(?P<s1>{_SEP})"
    rf"(?:(?P<m2>{cal.MONTH})\s+)?(?P<d2>{_DAY}){_NOT_A_DAY}(?:,?\s+(?P<y2>{cal.YEAR}))?"
    rf"|(?P<d3>{_DAY})(?:\s+(?P<m3>{cal.MONTH})(?:,?\s+(?P<y3>{cal.YEAR}))?)?(?P<s2>{_SEP})"
    rf"(?P<d4>{_DAY})\s+(?P<m4>{cal.MONTH})(?:,?\s+(?P<y4>{cal.YEAR}))?"
)
_FULL = re.compile(PATTERN, re.I)
# Verbs that move a date: "from June 3 to June 6" after them is a change, not a range.
_CHANGE = re.compile(
    r"\b(?:mov|postpon|push|delay|reschedul|chang|shift|brought|bring|adjourn|defer|advanc"
    r"|switch|put\s+off)\w*\b",
    re.I,
)


class _Ends(NamedTuple):
    """A range as written: each end's month, day and year (``None``: not written)."""

    month1: int
    day1: int
    year1: str | None
    month2: int
    day2: int
    year2: str | None
    sep: str


def _day(text: str) -> int:
    """A day as the pattern matched it, digits with an optional suffix ("16th" -> 16)."""
    return cal.ordinal(text) or 0


def _ends(m: re.Match[str]) -> _Ends:
    if m["d1"]:
        month1 = cal.month_of(m["m1"]) or 1
        month2 = (cal.month_of(m["m2"]) or 1) if m["m2"] else month1
        return _Ends(month1, _day(m["d1"]), m["y1"], month2, _day(m["d2"]), m["y2"], m["s1"])
    month2 = cal.month_of(m["m4"]) or 1
    month1 = (cal.month_of(m["m3"]) or 1) if m["m3"] else month2
    return _Ends(month1, _day(m["d3"]), m["y3"], month2, _day(m["d4"]), m["y4"], m["s2"])


def plausible(m: re.Match[str], text: str) -> bool:
    """Whether the match is a range rather than two dates side by side: "and" only after
    "between", no change of date ("moved from June 3 to June 6"), the end after the start
    when both are in one month, both days in the calendar, and "May"/"March" after a day
    a month, not a verb ("aged 18 to 24 May be ...")."""
    e = _ends(m)
    word = e.sep.strip().lower()
    before = text[max(0, m.start() - 60) : m.start()]
    if word == "and" and not re.search(r"\bbetween\s+$", before, re.I):
        return False
    clause = re.split(r"[.!?;]\s", before)[-1]
    if word.isalpha() and re.search(r"\bfrom\s+$", before, re.I) and _CHANGE.search(clause):
        return False
    if e.month1 == e.month2 and e.day2 <= e.day1 and not (e.year1 and e.year2):
        return False
    if m["m4"] in ("May", "March") and re.match(r"\s+(?:be|have|not|also)\b", text[m.end() :]):
        return False
    return None not in (
        cal.day_value(2000, e.month1, e.day1),
        cal.day_value(2000, e.month2, e.day2),
    )


def resolve(m: re.Match[str], ctx: Context) -> tuple[TimeKind, str | None]:
    """The interval value of a range (see the module docstring for the year it takes)."""
    e = _ends(m)
    wraps = (e.month2, e.day2) < (e.month1, e.day1)  # "Dec. 30-Jan. 2": ends the next year
    start_year = cal.year_of(e.year1, ctx.anchor) if e.year1 else None
    end_year = cal.year_of(e.year2, ctx.anchor) if e.year2 else None
    if start_year is None and end_year is not None:
        start_year = end_year - wraps
    elif start_year is None and ctx.anchor is not None:
        start_year = which_year(ctx, e.month1, e.day1, m.start(), m.end())
    if end_year is None and start_year is not None:
        end_year = start_year + wraps
    first = cal.day_value(start_year, e.month1, e.day1)
    last = cal.day_value(end_year, e.month2, e.day2)
    if first is None or last is None:
        return ("date", None)
    return ("date", f"{first}/{last}")


def range_ends(time: TimeExpression) -> list[TimeExpression]:
    """A range as its two ends, each with its own span and day ("Aug. 26" and "Oct. 20" of
    "Aug. 26 to Oct. 20"), the way TimeML annotates it; any other expression as itself."""
    m = _FULL.fullmatch(time.text)
    if m is None or time.kind != "date" or (time.value or "/").count("/") != 1:
        return [time]
    first, last = time.value.split("/") if time.value else (None, None)
    if m["d1"]:
        head_end, tail_start = m.end("y1") if m["y1"] else m.end("d1"), m.start("m2")
        if tail_start < 0:
            tail_start = m.start("d2")
    else:
        head_end = m.end("y3") if m["y3"] else m.end("m3") if m["m3"] else m.end("d3")
        tail_start = m.start("d4")
    return [
        TimeExpression(time.text[:head_end], time.start, time.start + head_end, "date", first),
        TimeExpression(time.text[tail_start:], time.start + tail_start, time.end, "date", last),
    ]
