"""Calendar arithmetic, number words and English vocabulary for the time tagger.

:mod:`wiretrace.extract.times` holds the rules (which pattern means what, and how it is
resolved) and :mod:`wiretrace.extract.anchoring` where a partial date lands; this module
holds what they are built from: the maths they resolve with (month and quarter shifts, ISO
weeks, seasons), the reading of number words ("twenty-four", "a couple of", "nineteen
ninety-six"), and the regular-expression fragments for months, weekdays, numbers, clock
times and tense cues. Split out so each module stays readable; all three are pure
stdlib so they run on every article without a model. Values follow TIMEX3 (TimeML).
"""

from __future__ import annotations

import re
from datetime import date, timedelta

__all__ = [
    "MONTHS",
    "SEASONS",
    "SET_ADVERBS",
    "UNIT_CODES",
    "WEEKDAYS",
    "day_value",
    "duration",
    "month_of",
    "number",
    "ordinal",
    "quarter_of",
    "quarter_value",
    "season_value",
    "shift_months",
    "shift_value",
    "spoken_year",
    "unit_of",
    "week_value",
    "weekday_from",
    "year_of",
]

MONTHS = {
    m: i + 1
    for i, m in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
    )
}
WEEKDAYS = {d: i for i, d in enumerate(("mon", "tue", "wed", "thu", "fri", "sat", "sun"))}
SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
# TIMEX3 duration letters; decades and centuries have their own letters (E, C).
UNIT_CODES = {
    "second": "S",
    "minute": "M",
    "hour": "H",
    "day": "D",
    "night": "D",
    "week": "W",
    "weekend": "WE",
    "fortnight": "W",
    "month": "M",
    "quarter": "Q",
    "year": "Y",
    "decade": "E",
    "century": "C",
    "centurie": "C",
    "millennium": "L",
    "millennia": "L",
}
TIME_UNITS = {"second", "minute", "hour"}

_SMALL = {
    w: i
    for i, w in enumerate(
        [
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
            "seventeen",
            "eighteen",
            "nineteen",
        ]
    )
}
_TENS = {
    w: 10 * (i + 2)
    for i, w in enumerate(
        ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
    )
}
_ORD_SMALL = {
    w: i + 1
    for i, w in enumerate(
        [
            "first",
            "second",
            "third",
            "fourth",
            "fifth",
            "sixth",
            "seventh",
            "eighth",
            "ninth",
            "tenth",
            "eleventh",
            "twelfth",
            "thirteenth",
            "fourteenth",
            "fifteenth",
            "sixteenth",
            "seventeenth",
            "eighteenth",
            "nineteenth",
        ]
    )
}
_ORD_TENS = {"twentieth": 20, "thirtieth": 30}
# Quantities without a number: TIMEX3 writes an unknown count as X ("PXY": some years).
VAGUE = {"a few", "few", "several", "some", "many", "a number of", "the few", "a couple of few"}


def number(text: str) -> int | None:
    """``"24"``, ``"twenty-four"``, ``"a"``, ``"a couple of"`` as an int; ``None`` if vague."""
    t = " ".join(text.lower().replace("-", " ").split())
    if t in ("a", "an", "one", "a single", "single"):
        return 1
    if t.startswith(("a ", "an ")) and t.split()[1] in ("hundred", "thousand"):
        t = "one " + t.split(maxsplit=1)[1]
    if t in ("a couple of", "couple of", "a couple", "a pair of"):
        return 2
    if t in ("a dozen", "dozen"):
        return 12
    if t.isdigit():
        return int(t)
    if t.replace(",", "").isdigit():
        return int(t.replace(",", ""))
    parts = t.split()
    total = 0
    for part in parts:
        if part in _SMALL:
            total += _SMALL[part]
        elif part in _TENS:
            total += _TENS[part]
        elif part == "hundred":
            total = max(total, 1) * 100
        elif part == "thousand":
            total = max(total, 1) * 1000
        elif part == "and":
            continue
        else:
            return None
    return total if parts else None


def ordinal(text: str) -> int | None:
    """``"third"``, ``"3rd"``, ``"twenty-first"`` as an int."""
    t = text.lower().replace("-", " ").strip()
    m = re.fullmatch(r"(\d+)(?:st|nd|rd|th)?", t)
    if m:
        return int(m.group(1))
    if t in _ORD_SMALL:
        return _ORD_SMALL[t]
    if t in _ORD_TENS:
        return _ORD_TENS[t]
    parts = t.split()
    if len(parts) == 2 and parts[0] in _TENS and parts[1] in _ORD_SMALL:
        return _TENS[parts[0]] + _ORD_SMALL[parts[1]]
    return None


def spoken_year(text: str) -> int | None:
    """A year said in words, as broadcast transcripts write it: "nineteen ninety-six"."""
    t = text.lower().replace("-", " ").split()
    if len(t) >= 2 and t[0] in ("nineteen", "eighteen", "twenty") and t[1] != "thousand":
        rest = number(" ".join(t[1:]))
        if rest is not None and rest < 100:
            return _SMALL.get(t[0], 20) * 100 + rest
    if t[:2] == ["two", "thousand"]:
        rest = number(" ".join(w for w in t[2:] if w != "and")) if len(t) > 2 else 0
        return None if rest is None else 2000 + rest
    return None


def month_of(word: str) -> int | None:
    """The month number of a name or abbreviation ("Sept.", "December")."""
    return MONTHS.get(word.lower().strip(".")[:3])


def weekday_from(word: str) -> int | None:
    """Monday = 0 ... Sunday = 6 for a weekday name or abbreviation."""
    return WEEKDAYS.get(word.lower()[:3])


def shift_months(d: date, months: int) -> date:
    """``d`` moved by whole months, the day clamped to the target month's length."""
    index = d.year * 12 + d.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    days = (date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)).day
    return date(year, month, min(d.day, days))


def week_value(d: date) -> str:
    """The ISO week TIMEX3 writes for "last week": ``2025-W18``."""
    year, week, _ = d.isocalendar()
    return f"{year}-W{week:02d}"


def quarter_of(d: date) -> int:
    return (d.month - 1) // 3 + 1


def duration(count: int | None, unit: str) -> str:
    """A TIMEX3 duration: ``P2Y``, ``PT3H``, ``PXD`` (unknown count)."""
    code = UNIT_CODES[unit]
    n = "X" if count is None else str(count)
    if code == "WE":
        return f"P{n}WE"
    return f"PT{n}{code}" if unit in TIME_UNITS else f"P{n}{code}"


def shift_value(value: str, years: int) -> str | None:
    """A resolved TIMEX3 value moved by whole years ("1989-Q3" -> "1988-Q3").

    Used for "a year earlier" in reports that compare with the same period a year before:
    the result keeps the granularity of the period being compared.
    """
    m = re.fullmatch(r"(\d{4})((?:-(?:Q\d|H\d|W\d\d|SU|SP|FA|WI|\d\d(?:-\d\d)?))?)", value)
    if not m:
        return None
    year = int(m.group(1)) + years
    rest = m.group(2)
    if rest == "-02-29":
        rest = "-02-28"
    return f"{year:04d}{rest}"


def year_of(text: str, anchor: date | None = None) -> int | None:
    """A year as written: "1998", "'98" (the century nearest ``anchor``), "nineteen ninety-six"."""
    t = text.strip()
    if t.startswith("'"):
        base = anchor.year if anchor else 2000
        y = (base // 100) * 100 + int(t[1:])
        return y - 100 if y > base + 10 else y
    if t[:1].isdigit():
        return int(t)
    return spoken_year(t)


def _unit(word: str) -> str:
    w = word.lower().rstrip("s")
    return "century" if w.startswith("centur") else "week" if w == "fortnight" else w


def unit_of(word: str) -> str:
    """The singular unit name UNIT_CODES knows: "centuries" -> "century"."""
    w = word.lower().rstrip("s")
    return "century" if w.startswith("centur") else "week" if w == "fortnight" else w


def day_value(year: int | None, month: int, day: int) -> str | None:
    """``2025-05-07``; ``XXXX-05-07`` without a year; ``None`` for an impossible date."""
    try:
        return date(year or 2000, month, day).isoformat() if year else f"XXXX-{month:02d}-{day:02d}"
    except ValueError:
        return None


def quarter_value(year: int, q: int) -> str:
    """``2025-Q1``; ``q`` may run past 4 or below 1 (the next or previous year)."""
    year += (q - 1) // 4
    return f"{year}-Q{(q - 1) % 4 + 1}"


def season_value(a: date, name: str, rel: str) -> str:
    """``2025-SU`` for "this summer", "last summer" (the last one over), "next summer"."""
    code = SEASONS[name.lower()]
    first = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}[code]
    if rel in ("last", "this past", "past", "the previous"):
        year = a.year if a.month >= first + 3 else a.year - 1
    elif rel in ("next", "the coming", "coming", "the next"):
        year = a.year if a.month < first else a.year + 1
    else:
        year = a.year - 1 if code == "WI" and a.month <= 2 else a.year
    return f"{year}-{code}"


SET_ADVERBS = {
    "daily": "P1D",
    "weekly": "P1W",
    "monthly": "P1M",
    "yearly": "P1Y",
    "annually": "P1Y",
    "hourly": "PT1H",
    "quarterly": "P3M",
    "nightly": "P1D",
    "biweekly": "P2W",
    "semiannually": "P6M",
}


# ---- English vocabulary of the time patterns (regular-expression fragments) ---------------------
W1 = "one|two|three|four|five|six|seven|eight|nine"
NUMW = (
    rf"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[\s-](?:{W1}))?"
    rf"|(?:{W1}|a)\s+hundred|{W1}|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen"
    r"|seventeen|eighteen|nineteen|a\s+dozen"
)
NUM = (
    rf"(?:\d{{1,3}}(?:,\d{{3}})*(?:\.5)?|{NUMW}|an?|a\s+couple\s+of|couple\s+of|(?:a\s+)?few"
    r"|several|some|many)"
)
UNIT = r"(?:second|minute|hour|day|night|week|fortnight|month|quarter|year|decade|centur(?:y|ie))"
ORDW = (
    r"first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth"
    r"|(?:thir|four|fif|six|seven|eigh|nine)teenth|twentieth|thirtieth"
    r"|(?:twenty|thirty)[\s-](?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)"
)
DAY = rf"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?!\d|:\d)|{ORDW}"
MONTH = (
    r"(?-i:January|February|March|April|May|June|July|August|September|October|November"
    r"|December|Jan\.?|Feb\.?|Mar\.|Apr\.?|Jun\.|Jul\.|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)"
)
SPOKEN = (
    r"(?:nineteen|twenty)[\s-](?:ten|eleven|twelve|(?:thir|four|fif|six|seven|eigh|nine)teen"
    rf"|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[\s-](?:{W1}))?)"
)
YEAR = rf"(?:(?:1[6-9]|20)\d\d(?![\d,]\d)|{SPOKEN}|'\d\d)"
WDAY = r"(?-i:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
SEASON = r"(?:spring|summer|fall|autumn|winter)"
PART = r"(?:(?:early|late|mid)[\s-]?)?(?:morning|afternoon|evening|night)"
MOD = (
    r"(?:(?:early|late|earlier|later|mid|the\s+(?:beginning|end|middle|start|rest|close)\s+of"
    r"|at\s+the\s+(?:beginning|end|start)\s+of)[\s-]+(?:in\s+)?)"
)
HEDGE = (
    r"(?:(?:nearly|almost|about|around|roughly|approximately|some|more\s+than|less\s+than"
    r"|fewer\s+than|at\s+least|at\s+most|up\s+to|over|under|only|just|no\s+more\s+than"
    r"|another|an\s+additional|the\s+better\s+part\s+of)\s+)"
)
PARTS = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI"}
FUTURE = re.compile(
    r"\b(?:will|'ll|shall|won't|going\s+to|(?:is|are|was|were)\s+(?:to|due\s+to|scheduled"
    r"|expected\s+to|set\s+to)|plans?\s+to|planned|scheduled|next|upcoming|until|by|deadline"
    r"|due)\b",
    re.I,
)
# Reporting verbs ("said") are not cues: a report of a plan is in the past tense too.
PAST = re.compile(
    r"\b(?:was|were|had|did|ago|last|earlier|began|rose|fell|took|came|went|closed|ended)\b", re.I
)
PREP = re.compile(
    r"(?:in|since|until|till|by|through|from|to|during|before|after|of|and|or|"
    r"between|last|next|this|early|late|mid|that|each|every)[\s-]+$",
    re.I,
)
DAYREF = rf"today|tonight|tomorrow|yesterday|{WDAY}|{MONTH}\s+(?:{DAY})(?:,?\s+{YEAR})?"
CLOCK = (
    r"(?:(?:around|about|approximately|shortly\s+(?:before|after)|just\s+(?:before|after))\s+)?"
    r"(?:(?P<h>\d{1,2})(?:[:.](?P<mi>\d\d))?\s*(?P<ap>[ap]\.m\.?|[ap]m)(?![\w.])"
    r"|(?P<h2>[01]?\d|2[0-3]):(?P<mi2>\d\d)(?=\s*(?:GMT|UTC|local|hours|h\b|[ECMP][SD]T))"
    r"|(?P<noon>noon|midday|midnight)"
    rf"|(?P<h3>{W1}|ten|eleven|twelve|\d{{1,2}})\s+o'clock)"
    r"(?:\s+(?P<tz>(?-i:[ECMP][SD]T|GMT|UTC|BST|CET|CEST|ET|PT)|local\s+time))?"
)
# Sentences saying a date is not given (see times.is_undisclosed_date).
UNDISCLOSED = re.compile(
    r"(?:the\s+)?(?:exact\s+|precise\s+)?(?:date|timing|time|day)(?:\s+of\s+[\w\s'’-]{1,60}?)?"
    r"\s+(?:was|were|is|are|has|have|had|remains?|remained)\s+(?:not|n[o']t|yet\s+to\s+be|still)"
    r"\s+(?:been\s+|be\s+|yet\s+)?(?:disclosed|announced|revealed|released|made\s+public"
    r"|specified|given|confirmed|set|known|determined|decided|clear|unclear|undisclosed|unknown)"
    r"|(?:did|does|do|would|could|will|has|have)\s*(?:not|n['’]t)\s+(?:immediately\s+)?(?:say"
    r"|specify|disclose|reveal|indicate|give|confirm|know|announce|said)\s+(?:exactly\s+"
    r"|precisely\s+)?when"
    r"|(?:declined|refused|was\s+unable|were\s+unable)\s+to\s+(?:say|specify|disclose|confirm"
    r"|reveal)\s+(?:exactly\s+)?when"
    r"|(?:it\s+)?(?:was|is|remains?|remained)\s+(?:not\s+(?:yet\s+)?(?:clear|known|certain)"
    r"|unclear|unknown|uncertain)\s+(?:exactly\s+)?when"
    r"|no\s+(?:date|time(?:frame|line|table)?)\s+(?:has|had|was|were|is)\s+(?:been\s+)?(?:set"
    r"|given|announced|disclosed|specified|provided)"
    r"|(?:gave|give|giving|gives)\s+no\s+(?:date|time(?:frame|line|table)?)"
    r"|without\s+(?:giving|specifying|saying|disclosing)\s+(?:a\s+date|when)"
    r"|(?:at|on)\s+an\s+(?:undisclosed|unspecified|unannounced)\s+(?:date|time|day)"
    r"|(?:an\s+)?(?:undisclosed|unspecified|unannounced)\s+(?:date|time)"
    # "did not specify the location, nor the date of the visit", "did not disclose the date"
    r"|\b(?:did|does|do|has|have|had|would|could)\s*(?:not|n['’]t)\s+(?:\w+\s+)?"
    r"(?:specify|disclose|reveal|give|say|mention|provide|report|publish|state|confirm)\b"
    r"[^.;!?]{0,100}?\b(?:date|day|timing)s?\b",
    re.I,
)
