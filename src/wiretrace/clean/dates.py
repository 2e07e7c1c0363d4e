"""Dates as news pages write them: full dates in many forms and languages, and their labels.

The metadata scan (:mod:`wiretrace.clean.metadata`) decides *which* date on a page is the
publication date; this module only finds dates and says what surrounds them. Only dates with
a year count as full dates; numeric dates whose day/month order the page does not settle
(time zone, separator, a day above 12) keep both readings instead of a guess.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Final

_MONTH_NAMES: Final[dict[int, str]] = {
    1: "january|jan|januar|jänner|janvier|janv|enero|ene",
    2: "february|feb|februar|février|fevrier|févr|fév|febrero",
    3: "march|mar|märz|maerz|mär|mars|marzo",
    4: "april|apr|avril|avr|abril|abr",
    5: "may|mai|mayo",
    6: "june|jun|juni|juin|junio",
    7: "july|jul|juli|juillet|juil|julio",
    8: "august|aug|août|aout|agosto|ago",
    9: "september|sept|sep|septembre|septiembre|setiembre",
    10: "october|oct|oktober|okt|octobre|octubre",
    11: "november|nov|novembre|noviembre",
    12: "december|dec|dezember|dez|décembre|decembre|diciembre|dic",
}


def _word_set(text: str) -> frozenset[str]:
    """A set of words written as one space-separated string (easier to read as data)."""
    return frozenset(text.split())


MONTHS: Final[dict[str, int]] = {
    name: number for number, names in _MONTH_NAMES.items() for name in names.split("|")
}
WEEKDAYS: Final = _word_set(
    "monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur "
    "thurs fri sat sun montag dienstag mittwoch donnerstag freitag samstag sonnabend sonntag "
    "lundi mardi mercredi jeudi vendredi samedi dimanche lunes martes miércoles miercoles "
    "jueves viernes sábado sabado domingo"
)
DAY_FIRST_ZONES: Final = _word_set(
    "ist gmt bst cet cest eet eest wet west msk sast wat eat cat pkt aest aedt acst awst "
    "nzst nzdt wib mez mesz"
)
MONTH_FIRST_ZONES: Final = _word_set("est edt cst cdt mst mdt pst pdt akst akdt hst et pt ct mt")

_M: Final = "|".join(sorted(MONTHS, key=len, reverse=True))
_DMY_RE: Final = re.compile(
    rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th|er)?\.?\s*(?:de\s+)?(?P<m>{_M})\b\.?,?\s*"
    rf"(?:de\s+|del\s+)?(?P<y>(?:19|20)\d\d)\b",
    re.I,
)
_MDY_RE: Final = re.compile(
    rf"\b(?P<m>{_M})\b\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>(?:19|20)\d\d)\b", re.I
)
_YMD_RE: Final = re.compile(r"\b(?P<y>(?:19|20)\d\d)([-/.])(?P<m>\d{1,2})\2(?P<d>\d{1,2})(?!\d)")
_NUM_RE: Final = re.compile(
    r"\b(?P<a>\d{1,2})(?P<sep>[-/.])(?P<b>\d{1,2})(?P=sep)(?P<y>(?:19|20)\d\d)\b"
)
_MD_RE: Final = re.compile(rf"^(?P<m>{_M})\b\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?$", re.I)
_LABEL_RE: Final = re.compile(
    r"\b(?P<label>first published|published|posted|created|released|dated|"
    r"last updated|last modified|updated|modified|revised|"
    r"veröffentlicht|erstellt|erschienen|zuletzt aktualisiert|aktualisiert|geändert|stand|"
    r"publié(?:e)?(?: le)?|mis en ligne(?: le)?|mis à jour(?: le)?|modifié(?: le)?|"
    r"publicado|publicada|creado|actualizado|actualizada|última actualización)\b",
    re.I,
)
_UPDATED_LABELS: Final = re.compile(
    r"updat|modif|revis|aktualis|geändert|stand|mis à jour|actualiz", re.I
)
_TIME_RE: Final = re.compile(
    r"\b\d{1,2}[:.h]\d{2}(?::\d{2})?\s*(?:am|pm|a\.m\.|p\.m\.|uhr|h)?(?!\w)", re.I
)
_ZONE_RE: Final = re.compile(r"\b(?:utc|gmt)\s*[+-]\s*\d{1,2}(?::?\d{2})?|\b[A-Za-z]{2,5}\b")
_WORDS_RE: Final = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True)
class FoundDate:
    """A date found in a line: ``value`` when unambiguous, else the possible ``readings``."""

    start: int
    end: int
    value: date | None
    readings: tuple[date, ...] = ()


def _make(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def day_first_hint(text: str) -> bool | None:
    """Whether numeric dates in ``text`` are day-first, from the time zones it names."""
    tokens = {t.casefold() for t in re.findall(r"\b[A-Za-z]{2,5}\b", text)}
    if tokens & DAY_FIRST_ZONES:
        return True
    if tokens & MONTH_FIRST_ZONES:
        return False
    return None


def find_dates(text: str, day_first: bool | None = None) -> list[FoundDate]:
    """Full dates (with a year) in ``text``, left to right, overlapping matches dropped.

    ``day_first`` is the page-level convention for numeric dates (see the module docstring);
    the line's own time zone, if any, overrides it.
    """
    hint = day_first_hint(text)
    if hint is None:
        hint = day_first
    found: list[FoundDate] = []
    for regex in (_DMY_RE, _MDY_RE, _YMD_RE):
        for m in regex.finditer(text):
            month = MONTHS.get(m["m"].casefold()) if not m["m"].isdigit() else int(m["m"])
            value = _make(int(m["y"]), month or 0, int(m["d"]))
            if value:
                found.append(FoundDate(m.start(), m.end(), value))
    for m in _NUM_RE.finditer(text):
        a, b, y = int(m["a"]), int(m["b"]), int(m["y"])
        first = hint if hint is not None else (True if m["sep"] == "." else None)
        if a > 12 or a == b:
            first = True
        elif b > 12:
            first = False
        if first is None:
            readings = tuple(d for d in (_make(y, b, a), _make(y, a, b)) if d)
            found.append(FoundDate(m.start(), m.end(), None, readings))
        else:
            value = _make(y, b, a) if first else _make(y, a, b)
            if value:
                found.append(FoundDate(m.start(), m.end(), value))
    found.sort(key=lambda f: (f.start, -(f.end - f.start)))
    result: list[FoundDate] = []
    for item in found:
        if not result or item.start >= result[-1].end:
            result.append(item)
    return result


def is_date_only(line: str, dates: list[FoundDate]) -> bool:
    """True when ``line`` holds nothing but dates, weekdays, times, zones and labels."""
    if not dates:
        return False
    rest = line
    for d in reversed(dates):
        rest = rest[: d.start] + " " + rest[d.end :]
    rest = _LABEL_RE.sub(" ", _TIME_RE.sub(" ", rest))
    words = [w.casefold() for w in _WORDS_RE.findall(rest)]
    zones = DAY_FIRST_ZONES | MONTH_FIRST_ZONES | {"utc", "on", "am", "le", "el", "at"}
    return all(w in WEEKDAYS or w in zones for w in words)


def has_weekday(line: str) -> bool:
    return any(w.casefold() in WEEKDAYS for w in _WORDS_RE.findall(line))
