"""Headline, outlet, byline, dateline and dates, read from the lines of a text scrape.

Everything here is read from what the page states; nothing is guessed. Where the page is
ambiguous the value stays ``None`` and the evidence goes into ``extra`` (for example a
year-less dateline date becomes ``published_partial = "--05-04"``).

Dates are parsed with our own regular expressions for the common forms (ISO, numeric,
"4 May 2025", "May 4, 2025", in English, German, French and Spanish): ``dateparser`` is
installed but takes milliseconds per call, and a clean must stay well under that per page.

Which date is the publication date, in order of trust:

1. a date labelled "Published"/"Created"/"Posted" (or their German/French/Spanish forms);
2. a line that is only a date, the nearest after the headline and not below the body (a
   date-only line *before* the headline that names a weekday or sits next to a weather widget
   is the day the page was viewed: ``seen``);
3. a full date in the dateline ("CITY, May 4, 2025 (AGENCY) -");
4. the scraper's header date (``published_from="scraper"``).

"Updated"/"Modified" dates never become the publication date; they go to ``extra["updated"]``.
Numeric dates like 04-05-2025 are read day-first when the first number is above 12, the line
or page names a European/Indian/African time zone (IST, CET, GMT, ...), or the separator is a
dot; month-first when the second number is above 12 or an American time zone (EST, PT, ...) is
named. Otherwise the date is ambiguous: the scraper's date decides if it equals one reading,
else both readings go to ``extra["published_ambiguous"]`` and ``published`` stays ``None``.

The dateline is the one opening one of the first two body paragraphs, or a line above the
second that is not body-shaped (a live blog's "CITY (AGENCY) - The latest on ...:") when its
dash follows it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Final

from wiretrace.clean.dates import (
    _LABEL_RE,
    _M,
    _TIME_RE,
    _UPDATED_LABELS,
    _WORDS_RE,
    MONTHS,
    FoundDate,
    _make,
    _word_set,
    day_first_hint,
    find_dates,
    has_weekday,
    is_date_only,
)
from wiretrace.clean.text import is_furniture_label, line_key, shape, vocabulary_hits
from wiretrace.models import iso_date

_EMAIL_RE: Final = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")
_BYLINE_RE: Final = re.compile(r"^(?:by|von|par|por)\s+(?P<rest>\S.*)$", re.I)
_NAME_TOKEN_RE: Final = re.compile(r"^[^\W\d_][\w'’.\-]*,?$")
_NAME_JOINERS: Final = _word_set(
    "and und et y & de van von der den da di del la le al el bin ibn du dos das"
)
_DESK_RE: Final = re.compile(
    r"^(?P<outlet>.+?)\s+(?:news desk|web desk|digital desk|online desk|news service|"
    r"newsroom|news team|editorial team|online team|web team|staff|bureau|desk|"
    r"online-redaktion|redaktion|rédaction|redacción)$",
    re.I,
)
_ROLE_WORDS_RE: Final = re.compile(
    r"\b(?:writer|reporter|correspondent|editor|journalist|staff|desk|columnist|"
    r"redakteur(?:in)?|korrespondent(?:in)?|journaliste|periodista|redactor(?:a)?)\b",
    re.I,
)
_SCRAPER_HEADER_RE: Final = re.compile(r"^date (?P<date>\d{4}-\d{2}-\d{2})(?: (?P<title>.*))?$")
_CITY: Final = r"[A-Z][\w.'’\-]*(?: [A-Z][\w.'’\-]*){0,3}"
_DATELINE_TAIL: Final = (
    rf"(?:,? (?P<date>(?i:{_M})\.? \d{{1,2}}(?:, (?:19|20)\d\d)?))?"
    r"(?: ?\((?P<agency>[^()]{2,40})\))?"
    r" ?(?P<dash>[-–—―]+|:)? ?(?=(?P<next>\S))"
)
#: The city, then a region only if what follows needs it ("X, May 4" is no region "May")...
_DATELINE_RE: Final = re.compile(rf"^(?P<city>{_CITY})(?:, (?P<region>{_CITY}))??" + _DATELINE_TAIL)
#: ... and, when that reading is no dateline, with the region ("X, N.Y. - ...").
_DATELINE_REGION_RE: Final = re.compile(
    rf"^(?P<city>{_CITY}), (?P<region>{_CITY})" + _DATELINE_TAIL
)
_DATELINE_DASHES: Final = frozenset("-–—―")  # the dashes that end a dateline
_CITY_STOP: Final = _word_set(
    "the a an in on at for but and according as after before when while this that these "
    "those he she it they we i his her its their our if so yet also however meanwhile "
    "der die das ein eine le la les un une el los las"
)
_YEAR_RE: Final = re.compile(r"(?:19|20)\d\d")
_TEMPERATURE_LINE_RE: Final = re.compile(r"[-+−]?\d{1,3}(?:[.,]\d+)?\s?°?\s?[FC]?\b")


#: A weekday date among the first lines of a page, before the headline, is the "today" date of
#: the site's header (the viewing date), not a publication date.
TOP_OF_PAGE: Final = 5
#: A post's "Posted by X on DATE" sign-off may follow the last body paragraph this closely.
SIGN_OFF_LINES: Final = 3

#: At most this many words besides the date make a line like "May 3, 2024 by Jane Doe" or
#: "von Jane Doe am 3. Mai 2024, 14:14 Uhr" a meta line rather than a sentence.
SHORT_META_WORDS: Final = 6


def _short_meta(line: str, dates: list[FoundDate]) -> bool:
    """A byline-and-date line: one date and a few words, not a sentence."""
    if len(dates) != 1 or shape(line).sentence_end:
        return False
    rest = line[: dates[0].start] + " " + line[dates[0].end :]
    return _words_besides_time(rest) <= SHORT_META_WORDS


def _words_besides_time(text: str) -> int:
    """How many words ``text`` has once clock times ("14:14 Uhr", "5:40 p.m.") are out."""
    return len(_WORDS_RE.findall(_TIME_RE.sub(" ", text)))


@dataclass
class DateMeta:
    """What a date/meta line states: published and updated dates, desk and city."""

    published: FoundDate | None = None
    updated: FoundDate | None = None
    plain: FoundDate | None = None
    date_only: bool = False
    desk: str | None = None
    city: str | None = None
    byline: str | None = None


def parse_date_meta(line: str, day_first: bool | None = None) -> DateMeta | None:
    """Read a meta line ("Published: 4 May 2025 | Updated: ...", "Desk | City | Created: ...").

    Only short, non-sentence lines qualify, and only when the date is labelled, the line is a
    pipe-separated meta line, or the line is nothing but a date: a date inside a body sentence
    ("reported on May 7 ...") is about the story, not about the page.
    """
    if not _YEAR_RE.search(line):
        return None
    s = shape(line)
    if s.n_words > 30 or (s.sentence_end and s.n_words > 8):
        return None
    dates = find_dates(line, day_first)
    if not dates:
        return None
    labels = list(_LABEL_RE.finditer(line))
    segments = [p.strip() for p in line.split("|") if p.strip()]
    meta = DateMeta(date_only=is_date_only(line, dates))
    if not (labels or meta.date_only or len(segments) >= 2 or _short_meta(line, dates)):
        return None
    for d in dates:
        label = next((m for m in reversed(labels) if m.end() <= d.start), None)
        if label is None:
            meta.plain = meta.plain or d
        elif _UPDATED_LABELS.search(label["label"]):
            meta.updated = meta.updated or d
        else:
            meta.published = meta.published or d
    # Other segments: "By NAME", a desk ("X News Desk"), "NAME | Staff Writer", and a city
    # only after a desk or byline (a lone capitalised segment could be a name as well).
    seen_author = False
    previous = ""
    for seg in segments if len(segments) >= 2 else []:
        if find_dates(seg) or _LABEL_RE.search(seg):
            previous = ""
            continue
        seg_shape = shape(seg)
        if (person := parse_byline(seg)) is not None:
            meta.byline, seen_author = meta.byline or person[0], True
        elif _DESK_RE.match(seg):
            meta.desk, seen_author = meta.desk or seg, True
        elif _ROLE_WORDS_RE.search(seg):
            if previous and _name_shaped(previous, 5):
                meta.byline = meta.byline or previous
            seen_author = True
        elif seen_author and 1 <= seg_shape.n_words <= 3 and seg_shape.cap_ratio >= 0.99:
            meta.city = meta.city or (seg if not seg_shape.digit_ratio else None)
        previous = seg
    return meta


def parse_scraper_header(line: str) -> tuple[date | None, str | None] | None:
    """The scraper's first line ``date YYYY-MM-DD <title>``: its date and title, if it is one."""
    m = _SCRAPER_HEADER_RE.match(line)
    if not m:
        return None
    return iso_date(m["date"]), m["title"] or None


def _name_shaped(text: str, max_tokens: int = 10) -> bool:
    tokens = text.replace(",", " , ").split()
    names = [t for t in tokens if t not in {","} and t.casefold() not in _NAME_JOINERS]
    if not names or len(tokens) > max_tokens:
        return False
    return all(_NAME_TOKEN_RE.match(t) and t[0].isupper() for t in names)


def parse_byline(line: str) -> tuple[str, str | None] | None:
    """``(name, email)`` from "By NAME", "BY NAME [email]", "Von NAME", ...; else ``None``."""
    m = _BYLINE_RE.match(line)
    if not m or shape(line).n_words > 16:
        return None
    email_m = _EMAIL_RE.search(line)
    rest = re.split(r"\s+[|•·]\s+|\s+[-–—]\s+", m["rest"])[0]
    rest = re.sub(r"[\[(<].*$", " ", rest)  # a bracketed email, role or outlet follows the name
    rest = _EMAIL_RE.sub(" ", rest)
    rest = " ".join(rest.split()).strip(" ,;:.")
    if not rest or not _name_shaped(rest):
        return None
    return rest, email_m.group(0) if email_m else None


def parse_desk(line: str) -> str | None:
    """The outlet in a desk line ("X News Desk", "X Digital Team"), if ``line`` is one."""
    s = shape(line)
    if s.n_words > 8 or s.sentence_end:
        return None
    m = _DESK_RE.match(line.strip())
    if not m or not _name_shaped(m["outlet"], 6):
        return None
    return m["outlet"].strip()


@dataclass(frozen=True)
class Dateline:
    """A dateline at the start of the body: "CITY, Month D (AGENCY) -"."""

    text: str
    city: str
    month_day: tuple[int, int] | None
    full_date: date | None
    agency: str | None
    region: str | None = None

    @property
    def place(self) -> str:
        """The place it names, as it opens the paragraph: "CITY" or "CITY, REGION"."""
        return f"{self.city}, {self.region}" if self.region else self.city


def parse_dateline(paragraph: str) -> Dateline | None:
    """The dateline opening ``paragraph``, or ``None``.

    Accepted: "CITY, Month D (AGENCY)" (a dash may follow), "CITY (AGENCY) -",
    "CITY, Month D -", and "CITY -" with the city in capitals; a region may follow the city
    ("CITY, REGION (AGENCY) -"). The city is one to four
    capitalised words that do not start with a function word, so a sentence such as
    "The agency (AP) reported ..." is not taken for a dateline.
    """
    for pattern in (_DATELINE_RE, _DATELINE_REGION_RE):
        m = pattern.match(paragraph)
        found = _dateline_of(m, paragraph) if m else None
        if found is not None:
            return found
    return None


def _dateline_of(m: re.Match[str], paragraph: str) -> Dateline | None:
    """The dateline ``m`` matched at the start of ``paragraph``, if it passes the checks."""
    city, agency, when, dash = m["city"], m["agency"], m["date"], m["dash"]
    if city.split()[0].casefold() in _CITY_STOP or city.casefold() in MONTHS:
        return None
    if any(not w[0].isupper() for w in city.split()):
        return None
    if agency and (shape(agency).n_words > 5 or not re.fullmatch(r"[^\W\d_][\w.&' /-]*", agency)):
        return None
    next_ok = m["next"].isupper() or m["next"] in "\"“‘'"
    if not (agency or when) and not (dash and city.isupper()):
        return None
    if not dash and not next_ok:
        return None
    if when and not (agency or dash):
        return None
    month_day: tuple[int, int] | None = None
    full: date | None = None
    if when:
        parts = re.match(rf"(?P<m>{_M})\.? (?P<d>\d{{1,2}})(?:, (?P<y>\d{{4}}))?", when, re.I)
        if parts:
            month = MONTHS[parts["m"].casefold()]
            month_day = (month, int(parts["d"]))
            full = _make(int(parts["y"]), month, int(parts["d"])) if parts["y"] else None
    text = paragraph[: m.start("dash") if dash else m.end()].strip(" -–—:")
    agency = agency.strip() if agency else None
    return Dateline(text, city, month_day, full, agency, m["region"])


def dash_follows(paragraph: str, opening: str) -> bool:
    """Whether a dash follows ``opening`` at the start of ``paragraph`` ("CITY (AGENCY) -"):
    what tells a dateline away from the body from a name with an abbreviation that opens a
    sentence ("X Devices (XD) reported ...")."""
    return paragraph[len(opening) :].lstrip()[:1] in _DATELINE_DASHES


def headline_shaped(line: str) -> bool:
    """Shape of a headline: 4-20 words, no final period/colon, no full date, not a list or
    label."""
    s = shape(line)
    if not 4 <= s.n_words <= 20 or s.bullet or "|" in line or s.list_segments >= 3:
        return False
    if line.rstrip("\"'”’»)").endswith((".", ":", ";", ",")) and not line.endswith("..."):
        return False
    if is_furniture_label(line) or any(k.startswith("list_") for k in vocabulary_hits(line)):
        return False
    if s.digit_ratio > 0.3 or _EMAIL_RE.search(line) or parse_byline(line):
        return False
    # a line with a full date, or a labelled time stamp, is a meta line, not a headline
    return not find_dates(line) and not is_time_stamp(line)


#: Words a time stamp may have besides its label and clock time ("at", a zone, "today").
STAMP_EXTRA_WORDS: Final = 4


def is_time_stamp(line: str) -> bool:
    """A page's stamp without a full date: a date label, then a time ("Updated 5:40 p.m.
    ET", "Posted at 10:32 GMT today", "Updated: 3 hours ago"). It has the shape of a short
    headline, and the headline finder takes the headline-shaped line nearest the body."""
    stripped = line.strip(" :-–—•*")
    label = _LABEL_RE.match(stripped)
    if label is None:
        return False
    rest = stripped[label.end() :]
    return any(c.isdigit() for c in rest) and _words_besides_time(rest) <= STAMP_EXTRA_WORDS


def strip_title_suffix(title: str) -> str:
    """Drop a trailing " | Site" / " - Site" part (at most 4 words) from a page title."""
    title = title.strip()
    separators = list(re.finditer(r"\s+[|–—-]\s+", title))
    if separators:
        last = separators[-1]
        head, tail = title[: last.start()], title[last.end() :]
        if shape(tail).n_words <= 4 and headline_shaped(head):
            return head  # the rest of the title keeps its own punctuation
    return title


@dataclass
class TextMetadata:
    """What the lines of a page say about the article; ``roles`` marks the metadata lines."""

    title: str | None = None
    byline: str | None = None
    dateline: str | None = None
    outlet: str | None = None
    published: date | None = None
    published_from: str | None = None
    seen: date | None = None
    roles: dict[int, str] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)


def _acceptable_title(title: str | None) -> str | None:
    if not title:
        return None
    stripped = strip_title_suffix(title)
    return stripped if headline_shaped(stripped) else None


def _find_headline(lines: list[str], start: int, end: int) -> str | None:
    """The headline-shaped line nearest above the body that is not an item of a story list.

    A page copied as text starts with its navigation, whose labels can look like headlines;
    the article's own headline stands just above its body (on trafilatura's evaluation pages,
    nearest-above found twice as many headlines as first-on-the-page). Lines after a
    trending/related heading ("Latest news", "Most read") are list items; if every candidate
    follows such a heading, the one nearest the body is taken, since a list above the article
    ends where the article's own headline begins.
    """
    listing = False
    candidates: list[tuple[int, bool]] = []
    for i in range(start, end):
        hits = vocabulary_hits(lines[i])
        if hits.get("exact_trending") or hits.get("exact_related"):
            listing = True
        elif headline_shaped(lines[i]):
            candidates.append((i, listing))
    free = [i for i, in_list in candidates if not in_list]
    if free:
        return lines[free[-1]]
    return lines[candidates[-1][0]] if candidates else None


def scan_text(lines: list[str], title_hint: str | None = None) -> TextMetadata:
    """Find the metadata lines of a page and what they state (see the module docstring).

    ``title_hint`` is a title the input gives (JSONL, HTML metadata); it wins over the page.
    Roles given to lines: ``scraper-header``, ``headline``, ``title-repeat``, ``weather``,
    ``seen-date``, ``dateline-meta`` and ``byline``; the text cleaner drops them.
    """
    meta = TextMetadata()
    roles = meta.roles
    start = 0
    scraper_date: date | None = None
    if lines and (header := parse_scraper_header(lines[0])):
        roles[0] = "scraper-header"
        scraper_date, scraper_title = header
        meta.extra["scraper_title"] = scraper_title
        if scraper_date:
            meta.extra["scraper_date"] = scraper_date.isoformat()
        title_hint = title_hint or _acceptable_title(scraper_title)
        start = 1
    page_hint = day_first_hint(" ".join(lines[:60]))
    first_strong = next((i for i in range(start, len(lines)) if shape(lines[i]).strong), len(lines))

    title = title_hint.strip() if title_hint else _find_headline(lines, start, first_strong)
    title_at: int | None = None
    if title:
        meta.title = title
        for i in range(start, len(lines)):
            if line_key(lines[i]) == line_key(title):
                roles[i] = "headline" if title_at is None else "title-repeat"
                title_at = i if title_at is None else title_at
    head_end = title_at if title_at is not None else min(first_strong, start + 3)

    # top of page: weather widget and the viewing date
    temps = [i for i in range(start, head_end) if _is_temperature(lines[i])]
    for i in temps:
        roles[i] = "weather"
    for i in range(start, head_end):
        s = shape(lines[i])
        if (
            i not in roles
            and any(abs(i - t) <= 2 for t in temps)
            and 1 <= s.n_words <= 3
            and s.digit_ratio == 0
            and s.cap_ratio >= 0.99
            and not s.sentence_end
        ):
            roles[i] = "weather"

    published: FoundDate | None = None
    plain_dates: list[tuple[int, FoundDate]] = []
    person: str | None = None
    desk_byline: str | None = None
    for i, line in enumerate(lines):
        if i in roles:
            continue
        dm = parse_date_meta(line, page_hint)
        if dm is not None:
            if (
                dm.date_only
                and i < head_end
                and (
                    any(abs(i - t) <= 2 for t in temps)
                    or (has_weekday(line) and i - start < TOP_OF_PAGE)
                )
            ):
                roles[i] = "seen-date"
                value = dm.plain or dm.published or dm.updated
                meta.seen = meta.seen or (value.value if value else None)
                continue
            roles[i] = "dateline-meta"
            published = published or dm.published
            if dm.plain is not None:
                plain_dates.append((i, dm.plain))
            if dm.updated and dm.updated.value and "updated" not in meta.extra:
                meta.extra["updated"] = dm.updated.value.isoformat()
            if dm.byline:
                person = person or dm.byline
            if dm.desk:
                desk_byline = desk_byline or dm.desk
                if (outlet := parse_desk(dm.desk)) is not None:
                    meta.extra.setdefault("desk_outlet", outlet)
            if dm.city:
                meta.extra.setdefault("dateline_city", dm.city)
            continue
        if byline := parse_byline(line):
            roles[i] = "byline"
            if person is None:
                person = byline[0]
                if byline[1]:
                    meta.extra["byline_email"] = byline[1]
            continue
        if (desk := parse_desk(line)) is not None:
            meta.extra.setdefault("desk_outlet", desk)
            if i <= first_strong + 1 and desk_byline is None:
                roles[i] = "byline"
                desk_byline = line
    meta.byline = person or desk_byline

    body = [i for i in range(start, len(lines)) if i not in roles and shape(lines[i]).strong]
    dateline = _find_dateline(lines, start, roles, body)
    if dateline:
        meta.dateline = dateline.text
        if dateline.agency:
            meta.extra["dateline_agency"] = dateline.agency
        if dateline.month_day and not dateline.full_date:
            meta.extra["published_partial"] = "--{:02d}-{:02d}".format(*dateline.month_day)
    elif "dateline_city" in meta.extra:
        meta.dateline = meta.extra["dateline_city"]

    # publication date, by trust (module docstring). An unlabelled date line counts only
    # before the last body paragraph (not in a list of other stories below the article), and
    # the one nearest after the headline wins over one above it.
    last_body = body[-1] if body else len(lines)
    after = [d for i, d in plain_dates if head_end <= i <= last_body + SIGN_OFF_LINES]
    above = [d for i, d in plain_dates if i < head_end]
    plain = after[0] if after else (above[-1] if above else None)
    chosen = published or plain
    if chosen is not None and chosen.value is None and scraper_date in chosen.readings:
        chosen = FoundDate(chosen.start, chosen.end, scraper_date)
    if chosen is not None and chosen.value is not None:
        meta.published, meta.published_from = chosen.value, "text"
    elif chosen is not None:
        meta.extra["published_ambiguous"] = [d.isoformat() for d in chosen.readings]
    elif dateline and dateline.full_date:
        meta.published, meta.published_from = dateline.full_date, "dateline"
    partial = dateline.month_day if dateline else None
    if (
        meta.published is None
        and scraper_date
        and "published_ambiguous" not in meta.extra
        and (partial is None or partial == (scraper_date.month, scraper_date.day))
    ):
        meta.published, meta.published_from = scraper_date, "scraper"
    if meta.published is not None:
        meta.extra.pop("published_partial", None)
    meta.outlet = next(
        (meta.extra[k] for k in ("desk_outlet", "dateline_agency") if meta.extra.get(k)),
        None,
    )
    return meta


def _find_dateline(
    lines: list[str], start: int, roles: dict[int, str], body: list[int]
) -> Dateline | None:
    """The dateline at the start of one of the first two body paragraphs, or of a line above
    the second one that is not body-shaped ("CITY (AGENCY) - The latest on the race:", a
    line that ends in a colon) when its dash follows it: without the dash, a short line
    such as "Acme Devices (AD) reported" is a sentence, not a dateline."""
    stop = body[1] if len(body) > 1 else (body[0] if body else len(lines) - 1)
    for i in range(start, min(stop, len(lines) - 1) + 1):
        if i in roles:
            continue
        found = parse_dateline(lines[i])
        if found is None:
            continue
        if i in body[:2] or dash_follows(lines[i], found.text):
            return found
    return None


def _is_temperature(line: str) -> bool:
    """A weather widget reading: "64 F", "18°C", "Berlin 18 °C" (a short line)."""
    s = shape(line)
    if s.n_words > 5 or s.sentence_end:
        return False
    m = _TEMPERATURE_LINE_RE.search(line)
    return bool(m and ("°" in m.group(0) or re.search(r"\d\s?[FC]\b", m.group(0))))
