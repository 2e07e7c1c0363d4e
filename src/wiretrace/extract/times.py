"""Time expressions in news English: find them and normalise them to TIMEX3 values.

An event record needs *when*, and a news report says it relative to its own publication date
("yesterday", "on Sunday", "last week", "a year earlier"). :func:`find_times` tags those
expressions with character offsets and resolves each to a TIMEX3 (TimeML) value against the
``anchor`` (the document creation time), the way HeidelTime does: hand-written English
patterns plus a small calendar resolver (:mod:`wiretrace.extract.calendar`). No model, no
dependency beyond the standard library, so it is cheap enough to run on every article.

The rules here say what an expression is; where a partial or deictic one lands (which year
for "May 7", which Sunday, which quarter) is decided in :mod:`wiretrace.extract.anchoring`.
Resolution conventions, chosen to agree with how TimeBank annotates news, beyond those:

* "a year earlier" / "the year-ago quarter" shift the last resolved period the text named
  (reports compare a quarter with the same quarter a year before), else the anchor's year.
* Modifiers (``early``, ``late``, ``the end of``) keep the value of what they modify.
* Without an anchor, deictic expressions resolve to ``None``; a month and day without a year
  give ``XXXX-05-07``. A numeric date whose day/month order is ambiguous ("07/05/2025") gives
  ``None`` rather than a guess.

:func:`is_undisclosed_date` finds sentences saying that a date is *not* given ("the date of
the visit was not disclosed"), so a missing event date can be recorded as "not disclosed"
rather than "unknown".
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta

from wiretrace.extract import calendar as cal
from wiretrace.extract import dateranges
from wiretrace.extract.anchoring import Context, dayref, last_quarter, tense, weekday, which_year
from wiretrace.models import TimeExpression, TimeKind

__all__ = ["find_times", "is_undisclosed_date"]

Result = tuple[TimeKind, str | None]
Handler = Callable[[re.Match[str], Context], Result | None]
# A check a candidate span must pass before the longest spans are chosen: a rule whose
# handler turns a span down afterwards would still hide the shorter expressions inside it.
Keep = Callable[[re.Match[str], str], bool]
_RULES: list[tuple[re.Pattern[str], Handler, Keep | None]] = []


def _rule(pattern: str, keep: Keep | None = None) -> Callable[[Handler], Handler]:
    """Register ``handler`` for ``pattern`` (case-insensitive, whitespace-free verbose form);
    with ``keep``, only the matches it accepts become candidates."""

    def register(handler: Handler) -> Handler:
        compiled = re.compile(r"(?<![\w'-])(?:" + pattern + r")(?![\w-])", re.I)
        _RULES.append((compiled, handler, keep))
        return handler

    return register


# ---- rules: absolute dates ---------------------------------------------------------------------
@_rule(r"(\d{4})-(\d\d)-(\d\d)(?:[T\s](\d\d):(\d\d))?")
def _iso(m: re.Match[str], ctx: Context) -> Result | None:
    value = cal.day_value(int(m[1]), int(m[2]), int(m[3]))
    if value is None:
        return None
    return ("time", f"{value}T{m[4]}:{m[5]}") if m[4] else ("date", value)


@_rule(r"(\d{1,2})([/.])(\d{1,2})\2(\d{4}|\d\d)(?!\2\d)|(\d{4})/(\d{1,2})/(\d{1,2})")
def _numeric(m: re.Match[str], ctx: Context) -> Result | None:
    if m[5]:
        return ("date", cal.day_value(int(m[5]), int(m[6]), int(m[7])))
    if m[2] == "." and len(m[4]) != 4:
        return None  # a version or a score, not a date
    a, b, year = int(m[1]), int(m[3]), int(m[4])
    year += 0 if year >= 100 else (1900 if year > 50 else 2000)
    if a > 12 >= b or m[2] == ".":
        return ("date", cal.day_value(year, b, a))
    if b > 12 >= a or a == b:
        return ("date", cal.day_value(year, a, b))
    return ("date", None) if a <= 12 and b <= 12 else None


@_rule(
    rf"(?:{cal.WDAY},?\s+)?(?:the\s+)?(?P<a>{cal.DAY})\s+(?:of\s+)?(?P<mon>{cal.MONTH})(?:,?\s+(?P<y>{cal.YEAR}))?"
    rf"|(?:{cal.WDAY},?\s+)?(?P<mon2>{cal.MONTH})\s+(?:the\s+)?(?P<b>{cal.DAY})(?:,?\s+(?P<y2>{cal.YEAR}))?"
)
def _month_day(m: re.Match[str], ctx: Context) -> Result | None:
    month = cal.month_of(m["mon"] or m["mon2"])
    day = cal.ordinal(m["a"] or m["b"])
    if month is None or day is None or day > 31:
        return None
    y = m["y"] or m["y2"]
    if y:
        year: int | None = cal.year_of(y, ctx.anchor)
    else:
        year = which_year(ctx, month, day, m.start(), m.end()) if ctx.anchor else None
    return ("date", cal.day_value(year, month, day))


# "September 16-19", "from Sept. 19 to 22": one expression, an interval (see dateranges).
_rule(dateranges.PATTERN, keep=dateranges.plausible)(dateranges.resolve)


@_rule(
    rf"(?P<mod>{cal.MOD}|last\s+|this\s+|next\s+)?(?P<mon>{cal.MONTH})(?:,?\s+(?:of\s+)?"
    rf"(?:(?P<y>{cal.YEAR})|(?P<rel>this|last|next)\s+year))?"
)
def _month(m: re.Match[str], ctx: Context) -> Result | None:
    month = cal.month_of(m["mon"])
    word, mod, a = m["mon"], (m["mod"] or "").strip().lower(), ctx.anchor
    if month is None:
        return None
    if not (m["y"] or m["rel"] or mod):
        before = ctx.text[max(0, m.start() - 12) : m.start()]
        if word.endswith(".") or (word in ("May", "March") and not cal.PREP.search(before)):
            return None
        if word in ("May", "March") and re.match(r"\s+(?:be|have|not|also)\b", ctx.text[m.end() :]):
            return None
    if m["y"]:
        year = cal.year_of(m["y"], a)
        return ("date", f"{year:04d}-{month:02d}" if year else None)
    if a is None:
        return ("date", f"XXXX-{month:02d}")
    if m["rel"]:
        year = a.year + {"this": 0, "last": -1, "next": 1}[m["rel"].lower()]
    elif mod == "last":
        year = a.year if month < a.month else a.year - 1
    elif mod == "next":
        year = a.year if month > a.month else a.year + 1
    elif mod == "this":
        year = a.year
    else:
        year = which_year(ctx, month, 0, m.start(), m.end())
    return ("date", f"{year:04d}-{month:02d}")


@_rule(
    rf"(?P<mod>{cal.MOD}|fiscal\s+|calendar\s+|the\s+(?:fiscal\s+)?year\s+|the\s+(?P<half>"
    rf"first|second|last|latter)\s+half\s+of\s+|(?:the\s+)?(?P<season>{cal.SEASON})\s+of\s+)?"
    rf"(?P<y>(?:1[6-9]|20)\d\d(?![\d,]\d)|{cal.SPOKEN}|the\s+year\s+two\s+thousand)"
    r"(?!\s*(?:%|percent|per\s+cent))"
)
def _year_rule(m: re.Match[str], ctx: Context) -> Result | None:
    if ctx.text[max(0, m.start() - 1) : m.start()] in ("$", "£", "€", "#", "."):
        return None
    y = m["y"].lower()
    year = 2000 if y.endswith("two thousand") else cal.year_of(y)
    if year is None:
        return None
    if m["half"]:
        return ("date", f"{year}-H{1 if m['half'].lower() == 'first' else 2}")
    if m["season"]:
        return ("date", f"{year}-{cal.SEASONS[m['season'].lower()]}")
    return ("date", str(year))


@_rule(
    r"(?:the\s+)?(?:(?:early|late|mid)[\s-]+)?(?:(?P<c>1[6-9]|20)?(?P<d>\d)0'?s|'(?P<d2>\d)0s"
    r"|(?P<w>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties))"
)
def _decade(m: re.Match[str], ctx: Context) -> Result | None:
    if m["w"]:
        d = [
            "",
            "",
            "twenties",
            "thirties",
            "forties",
            "fifties",
            "sixties",
            "seventies",
            "eighties",
            "nineties",
        ]
        return ("date", f"19{d.index(m['w'].lower())}")
    if not m["c"] and not m[0].lower().startswith(("the", "'")) and "'" not in m[0]:
        return None  # "30s" alone is more often an age or a temperature
    century = m["c"] or ("19" if int(m["d"] or m["d2"]) > 2 else "20")
    return ("date", f"{century}{m['d'] or m['d2']}")


@_rule(rf"the\s+(?P<n>\d{{1,2}}(?:st|nd|rd|th)|{cal.ORDW})\s+century")
def _century(m: re.Match[str], ctx: Context) -> Result | None:
    n = cal.ordinal(m["n"])
    return ("date", f"{n - 1:02d}") if n else None


# ---- rules: deictic dates ----------------------------------------------------------------------
@_rule(
    rf"(?P<mod>{cal.MOD})?(?P<w>today|tonight|tomorrow|yesterday)(?:\s+(?P<p>{cal.PART}))?"
    rf"|(?P<p2>{cal.PART})\s+(?P<w2>today|tomorrow|yesterday)|last\s+(?P<n>night)"
    rf"|this\s+(?P<p3>morning|afternoon|evening)"
)
def _relative_day(m: re.Match[str], ctx: Context) -> Result | None:
    word = (m["w"] or m["w2"] or ("yesterday" if m["n"] else "today")).lower()
    part = m["p"] or m["p2"] or m["n"] or m["p3"] or ("night" if word == "tonight" else "")
    value = dayref(word, ctx, m.start(), m.end())
    if not part:
        return ("date", value)
    code = cal.PARTS[part.lower().split()[-1].split("-")[-1]]
    return ("time", f"{value}T{code}" if value else None)


@_rule(
    rf"(?:(?P<mod>last|this|next|this\s+coming|coming|this\s+past|past|the\s+previous"
    rf"|the\s+following|early|late|earlier|later)\s+)?(?P<wd>{cal.WDAY})(?:\s+(?P<p>{cal.PART}))?"
)
def _weekday_rule(m: re.Match[str], ctx: Context) -> Result | None:
    wd = cal.WEEKDAYS[m["wd"][:3].lower()]
    mod = " ".join((m["mod"] or "").lower().split())
    mod = "" if mod in ("this", "earlier", "later", "late") else mod
    d = weekday(ctx, wd, mod, m.start(), m.end())
    value = d.isoformat() if d else f"XXXX-WXX-{wd + 1}"
    if m["p"]:
        return ("time", f"{value}T{cal.PARTS[m['p'].lower().split()[-1].split('-')[-1]]}")
    return ("date", value)


@_rule(
    rf"(?P<mod>{cal.MOD})?(?P<rel>this|last|next|the\s+coming|the\s+past|this\s+past|the\s+previous"
    rf"|the\s+prior|the\s+following|the\s+current|the\s+next|the\s+last|current|coming|past"
    rf"|previous|the)\s+(?:(?:fiscal|calendar)\s+)?(?P<u>week|weekend|month|year|decade"
    rf"|century|{cal.SEASON})"
)
def _relative_unit(m: re.Match[str], ctx: Context) -> Result | None:
    rel = " ".join(m["rel"].lower().split())
    unit, a, start, end = m["u"].lower(), ctx.anchor, m.start(), m.end()
    if rel == "the" and not m["mod"] and unit not in ("weekend", *cal.SEASONS):
        return None  # "the year" is too often generic to tag
    if rel in ("the past", "the last", "the next", "past") and unit not in cal.SEASONS:
        return ("duration", cal.duration(1, "week" if unit == "weekend" else unit))
    if unit in cal.SEASONS:
        return ("date", cal.season_value(a, unit, rel) if a else None)
    step = {
        "last": -1,
        "past": -1,
        "this past": -1,
        "the previous": -1,
        "the prior": -1,
        "previous": -1,
        "next": 1,
        "coming": 1,
        "the coming": 1,
        "the following": 1,
    }.get(rel, 0)
    if a is None:
        return ("date", None)
    if unit == "week":
        return ("date", cal.week_value(a + timedelta(weeks=step)))
    if unit == "weekend":
        sat = a - timedelta(days=(a.weekday() - 5) % 7)
        if step > 0 or (step == 0 and a.weekday() < 5 and tense(ctx, start, end) > 0):
            sat += timedelta(days=7)
        return ("date", f"{cal.week_value(sat)}-WE")
    if unit == "month":
        return ("date", cal.shift_months(a, step).isoformat()[:7])
    if unit == "decade":
        return ("date", str(a.year // 10 + step))
    if unit == "century":
        return ("date", f"{a.year // 100 + step:02d}")
    return ("date", str(a.year + step))


@_rule(r"(?:the\s+)?year['’]?s?[\s-]end|(?:the\s+)?end\s+of\s+(?:the|this)\s+year")
def _year_end(m: re.Match[str], ctx: Context) -> Result | None:
    return ("date", str(ctx.anchor.year) if ctx.anchor else None)


@_rule(
    rf"{cal.HEDGE}?(?P<n>{cal.NUM})[\s-]+(?P<u>{cal.UNIT})s?(?:\s+or\s+so)?\s+(?P<dir>ago|from\s+now|hence|earlier|later"
    r"|before|back)"
)
def _ago(m: re.Match[str], ctx: Context) -> Result | None:
    n, unit, a = cal.number(m["n"]), cal.unit_of(m["u"]), ctx.anchor
    direction = m["dir"].lower()
    if unit == "year" and n == 1 and direction == "ago" and ctx.ref:
        return _year_earlier(m, ctx)
    if direction in ("earlier", "later", "before"):
        if unit == "year" and n == 1 and direction != "later" and "or so" not in m[0]:
            return _year_earlier(m, ctx)
        return ("duration", cal.duration(n, unit))
    if n is None:
        return ("date", "PAST_REF" if direction in ("ago", "back") else "FUTURE_REF")
    if a is None:
        return ("date", None)
    sign = -1 if direction in ("ago", "back") else 1
    if unit in ("day", "night"):
        return ("date", (a + timedelta(days=sign * n)).isoformat())
    if unit == "week":
        return ("date", cal.week_value(a + timedelta(weeks=sign * n)))
    if unit == "month":
        return ("date", cal.shift_months(a, sign * n).isoformat()[:7])
    if unit == "year":
        return ("date", str(a.year + sign * n))
    if unit == "decade":
        return ("date", str((a.year + sign * 10 * n) // 10))
    return ("date", "PAST_REF" if sign < 0 else "FUTURE_REF")


@_rule(
    r"(?:the\s+|a\s+)?(?:same\s+|comparable\s+|corresponding\s+)?year[\s-](?:earlier|ago)"
    rf"(?:\s+(?:(?:{cal.ORDW}|fiscal)[\s-]+)*(?:quarter|period|(?P<nm>{cal.NUMW})\s+months))?"
    r"|the\s+(?:same|comparable|corresponding)\s+(?:period|quarter)\s+(?:a\s+year\s+(?:ago"
    r"|earlier)|(?:of\s+)?last\s+year)|last\s+year's\s+(?:\w+\s+)?(?:quarter|period)"
)
def _year_earlier(m: re.Match[str], ctx: Context) -> Result | None:
    if m.groupdict().get("nm"):
        return ("duration", cal.duration(cal.number(m["nm"]), "month"))
    text = m[0].lower()
    wants_quarter = "quarter" in text or "period" in text
    ref = ctx.ref if ctx.ref and (not wants_quarter or "Q" in ctx.ref) else None
    if ref is None and wants_quarter:
        ref = last_quarter(ctx)
    if ref is not None:
        return ("date", cal.shift_value(ref, -1))
    return ("date", str(ctx.anchor.year - 1) if ctx.anchor else None)


@_rule(
    r"(?:(?:the|its|this\s+year's|last\s+year's|next\s+year's|(?:1[6-9]|20)\d\d's|the\s+"
    r"(?:1[6-9]|20)\d\d|fiscal|a|this|last|their|the\s+company's)[\s-]+)*(?P<o>first|second"
    r"|third|fourth|1st|2nd|3rd|4th)[\s-]+(?:fiscal[\s-]+)?(?:-)?quarter(?P<pl>s)?(?:\s+of\s+"
    r"(?:fiscal\s+)?(?:(?P<y>(?:1[6-9]|20)\d\d)|(?P<rel>this|last|next)\s+year))?"
    r"|(?-i:Q(?P<q>[1-4]))(?:\s+(?P<y2>(?:1[6-9]|20)\d\d))?"
)
def _quarter_rule(m: re.Match[str], ctx: Context) -> Result | None:
    q = int(m["q"]) if m["q"] else (cal.ordinal(m["o"]) or 1)
    if m["pl"]:
        return ("set", f"XXXX-Q{q}")
    text, a = m[0].lower(), ctx.anchor
    explicit = m["y"] or m["y2"] or (re.search(r"(?:1[6-9]|20)\d\d", text) or [None])[0]
    if explicit:
        return ("date", cal.quarter_value(int(explicit), q))
    if a is None:
        return ("date", f"XXXX-Q{q}")
    shift = -1 if "last year" in text or m["rel"] == "last" else 1 if "next year" in text else 0
    if shift == 0 and "this year" not in text and q > cal.quarter_of(a):
        shift = 0 if tense(ctx, m.start(), m.end()) > 0 else -1
    return ("date", cal.quarter_value(a.year + shift, q))


@_rule(
    r"(?P<rel>the|that|the\s+latest|the\s+most\s+recent|the\s+current|this|last|next"
    r"|the\s+previous|the\s+prior|the\s+latest\s+fiscal|the\s+fiscal)\s+(?P<u>quarter|period)"
)
def _this_quarter(m: re.Match[str], ctx: Context) -> Result | None:
    rel, a = " ".join(m["rel"].lower().split()), ctx.anchor
    if m["u"].lower() == "period" and "latest" not in rel and "recent" not in rel:
        return None
    if a is None:
        return ("date", None)
    q = cal.quarter_of(a)
    if rel in ("the current", "this"):
        return ("date", cal.quarter_value(a.year, q))
    if rel in ("last", "the previous", "the prior"):
        return ("date", cal.quarter_value(a.year, q - 1))
    if rel == "next":
        return ("date", cal.quarter_value(a.year, q + 1))
    return ("date", last_quarter(ctx))


@_rule(
    r"the\s+(?P<y>(?:1[6-9]|20)\d\d)\s+(?:quarter|period|(?P<o>first|second|third|fourth)"
    r"[\s-]+quarter)"
)
def _year_period(m: re.Match[str], ctx: Context) -> Result | None:
    """ "the 1988 period": the period last named, in the year given."""
    if m["o"]:
        return ("date", cal.quarter_value(int(m["y"]), cal.ordinal(m["o"]) or 1))
    if ctx.ref and re.fullmatch(r"\d{4}-Q\d", ctx.ref):
        return ("date", m["y"] + ctx.ref[4:])
    return ("date", m["y"])


@_rule(
    r"(?:the\s+)?(?P<o>first|second)[\s-]half(?=[\s-]+(?:profit|earnings|results|sales|growth"
    r"|revenue|loss))|(?:the\s+)?(?P<o2>first|second)\s+half\s+of\s+(?P<rel>this|last|next)\s+year"
)
def _half(m: re.Match[str], ctx: Context) -> Result | None:
    a = ctx.anchor
    if a is None:
        return ("date", None)
    year = a.year + {"this": 0, "last": -1, "next": 1}.get((m["rel"] or "this").lower(), 0)
    return ("date", f"{year}-H{1 if (m['o'] or m['o2']).lower() == 'first' else 2}")


# ---- rules: references, durations, sets, clock times -----------------------------------------
@_rule(
    r"(?P<now>right\s+now|now|currently|nowadays|these\s+days|at\s+present|presently"
    r"|at\s+the\s+moment|current(?!\s+account))"
    r"|(?P<past>recently|lately|recent(?!\s+(?:weeks|months|quarters))|the\s+past|recent\s+(?:years|days))"
    r"|(?P<fut>soon|the\s+(?:near\s+|distant\s+|foreseeable\s+)?future|the\s+(?:near|short"
    r"|long|medium)[\s-]term|a\s+later\s+date|(?:the\s+)?(?:coming|upcoming)\s+(?:months"
    r"|years|quarters))"
)
def _reference(m: re.Match[str], ctx: Context) -> Result | None:
    value = "PRESENT_REF" if m["now"] else "PAST_REF" if m["past"] else "FUTURE_REF"
    return ("date", value)


@_rule(
    rf"(?:(?:the|each\s+of\s+the|an?)\s+)?(?:(?:past|last|next|previous|first|coming|following"
    rf"|latest|final|additional|initial|remaining|preceding|full|entire|whole|subsequent"
    rf"|recent)\s+)?{cal.HEDGE}?(?P<n>{cal.NUM})(?:\s+(?:and\s+a\s+half|or\s+(?:so|more|two|three)"
    rf"|to\s+(?:{cal.NUMW}|\d+)))?[\s-]+(?:(?:more|additional|full|straight|consecutive|trading"
    rf"|business|calendar)\s+)?(?P<u>{cal.UNIT})s?(?:[\s-]+(?:or\s+so|old|long))?"
    r"|(?:the\s+)?(?:recent|coming)\s+(?P<u2>weeks|months|quarters)|(?P<u3>decades|centuries)"
)
def _duration(m: re.Match[str], ctx: Context) -> Result | None:
    if m["u2"] or m["u3"]:
        return ("duration", cal.duration(None, cal.unit_of(m["u2"] or m["u3"])))
    unit, n_text = cal.unit_of(m["u"]), m["n"].lower()
    after = ctx.text[m.end() : m.end() + 4]
    if m[0].lower().endswith("old") or re.match(r"\s+old\b", after):
        return None  # an age, not a period
    if unit == "quarter" and (n_text in ("a", "an", "one") or after.startswith(" of")):
        return None  # "a quarter of the shares"
    if unit == "second" and n_text in ("a", "an"):
        return None  # "a second look"
    before = ctx.text[max(0, m.start() - 12) : m.start()].rstrip().lower()
    if n_text in ("a", "an") and re.search(
        r"(?:\d|%|percent|dollars|cents|times|once|twice)$", before
    ):
        return ("set", cal.duration(1, unit))
    count = cal.number(n_text)
    if "and a half" in m[0].lower() and count is not None:
        return ("duration", f"P{count}{cal.UNIT_CODES[unit]}" + ("6M" if unit == "year" else ""))
    if "." in n_text:
        return ("duration", f"P{n_text}{cal.UNIT_CODES[unit]}")
    if unit == "quarter" and count is not None:
        return ("duration", f"P{3 * count}M")
    if unit == "decade" and count is not None and count > 1:
        return ("duration", f"P{10 * count}Y")
    return ("duration", cal.duration(count, unit))


@_rule(
    rf"(?:every|each|per)\s+(?:other\s+)?(?:(?P<n>{cal.NUMW}|\d+)\s+)?(?:(?P<u>{cal.UNIT})s?|(?P<wd>"
    rf"{cal.WDAY})|(?P<mon>{cal.MONTH}))|(?:once|twice|thrice|(?:{cal.NUMW}|\d+)\s+times)\s+(?:a|an"
    rf"|per|each|every)\s+(?P<u2>{cal.UNIT})|(?P<adv>daily|weekly|monthly|yearly|annually|hourly"
    rf"|nightly|biweekly|semiannually)|(?P<wds>{cal.WDAY})s"
)
def _set(m: re.Match[str], ctx: Context) -> Result | None:
    if m["adv"]:
        if re.search(
            r"\b(?:an?|the|its|their|his|her|our)\s+$",
            ctx.text[max(0, m.start() - 8) : m.start()],
            re.I,
        ):
            return None  # "a daily newspaper": an adjective, not a recurrence

        return ("set", cal.SET_ADVERBS[m["adv"].lower()])
    wd = m["wd"] or m["wds"]
    if wd:
        return ("set", f"XXXX-WXX-{cal.WEEKDAYS[wd[:3].lower()] + 1}")
    if m["mon"]:
        return ("set", f"XXXX-{cal.month_of(m['mon']) or 1:02d}")
    n = cal.number(m["n"]) if m["n"] else 1
    return ("set", cal.duration(n, cal.unit_of(m["u"] or m["u2"])))


@_rule(
    rf"{cal.CLOCK}(?:,?\s+(?:on\s+)?(?P<day>{cal.DAYREF}))?|(?P<p>{cal.PART})\s+(?P<wd>{cal.WDAY})"
)
def _clock(m: re.Match[str], ctx: Context) -> Result | None:
    day = dayref(m["day"] or m["wd"] or "today", ctx, m.start(), m.end())
    prefix = day or "XXXX-XX-XX"
    if m["p"]:
        return ("time", f"{prefix}T{cal.PARTS[m['p'].lower().split()[-1].split('-')[-1]]}")
    if m["noon"]:
        hour, minute = (24 if m["noon"].lower() == "midnight" else 12), 0
    else:
        hour = cal.number(m["h"] or m["h2"] or m["h3"]) or 0
        minute = int(m["mi"] or m["mi2"] or 0)
        ap = (m["ap"] or "").lower()
        if ap.startswith("p") and hour < 12:
            hour += 12
        elif ap.startswith("a") and hour == 12:
            hour = 0
    if hour > 24 or minute > 59:
        return None
    return ("time", f"{prefix}T{hour:02d}:{minute:02d}")


# ---- the tagger --------------------------------------------------------------------------------
_CONCRETE = re.compile(r"\d{4}-(?:Q\d|\d\d(?:-\d\d)?)")
# Values computed from the reference itself must not become the next reference.
_DERIVED = {_year_earlier, _this_quarter, _ago, _year_period}


def find_times(text: str, anchor: date | None = None) -> list[TimeExpression]:
    """Tag and normalise the time expressions of ``text`` against ``anchor``.

    Every pattern proposes spans; the longest non-overlapping ones win ("last Friday evening"
    over "Friday"), then they are resolved left to right so that "a year earlier" can refer
    to the period named before it. Returns spans sorted by offset.
    """
    candidates: list[tuple[int, int, int, re.Match[str]]] = []
    for index, (pattern, _handler, keep) in enumerate(_RULES):
        for m in pattern.finditer(text):
            if m.end() > m.start() and (keep is None or keep(m, text)):
                candidates.append((m.start(), m.end(), index, m))
    candidates.sort(key=lambda c: (c[0] - c[1], c[0], c[2]))
    taken: list[tuple[int, int, int, re.Match[str]]] = []
    for cand in candidates:
        if all(cand[1] <= t[0] or cand[0] >= t[1] for t in taken):
            taken.append(cand)
    ctx = Context(text=text, anchor=anchor)
    found: list[TimeExpression] = []
    for start, end, index, m in sorted(taken, key=lambda c: c[0]):
        handler = _RULES[index][1]
        result = handler(m, ctx)
        if result is None:
            continue
        kind, value = result
        found.append(TimeExpression(text[start:end], start, end, kind, value))
        if kind == "date" and value and _CONCRETE.fullmatch(value) and handler not in _DERIVED:
            ctx.ref, ctx.ref_at = value, end
    return found


# ---- dates a text says it does not give ------------------------------------------------------
def is_undisclosed_date(text: str) -> list[tuple[int, int]]:
    """Spans where ``text`` says a date is not given ("did not say when", "at an undisclosed
    date", "the date of the visit was not disclosed", "did not disclose the date of ...").

    Extraction uses these to tell "the report withholds the date" (``not disclosed``) from
    "no date found" (``unknown``); the spans are character offsets, sorted.
    """
    return [(m.start(), m.end()) for m in cal.UNDISCLOSED.finditer(text)]
