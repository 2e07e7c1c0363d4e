"""What clustering compares: an article's vectors, made once and cached in the store.

Each article becomes a sparse, L2-normalised vector of Snowball stems weighted
``(1 + log tf) * idf``. The idf comes from a fixed table of general English word frequency
(``data/stem_zipf_en.tsv``, built from wordfreq), not from the store: an article's vector never
changes when other articles arrive, so an unrelated corpus cannot move two reports closer or
apart. The headline and the lead (where news states its main event) count double. A second
*core* vector holds the headline and lead alone, without proper names. Given the extract
stage's output, the features also hold the article's participants and places (a vector of
folded names, each weighted by how rare its words are in general English) and the years its
dates state; without it they are text-only. How the vectors are compared is
:mod:`wiretrace.cluster.assign`.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

from wiretrace.errors import UsageError
from wiretrace.extract.people import name_key
from wiretrace.models import Article, Extraction, content_hash

SparseVector = dict[str, float]

_WORD = re.compile(r"[^\W\d_](?:[^\W_]|['’])*", re.UNICODE)
# a number standing on its own ("6.1", "1,200", "$40", "2009"), not one glued to a word
_NUMBER = re.compile(r"(?<![\w.,])\d+(?:[.,]\d+)*")
_SENTENCE_END = re.compile(r"[.!?:\"“”(]\s*$")  # what before a word says a sentence starts
_MAX_ZIPF = 7.0  # words at least this frequent ("the", "of") carry no weight
_MIN_IDF = 0.25


@dataclass(frozen=True)
class ClusterSettings:
    """Every knob of the method, fixed in advance; see docs/clustering.md."""

    join_threshold: float = 0.2
    mention_threshold: float = 0.35
    max_day_gap: int = 7
    title_weight: float = 2.0
    lead_weight: float = 2.0
    lead_paragraphs: int = 2
    lead_min_words: int = 60
    max_terms: int = 200
    index_terms: int = 25
    max_candidates: int = 40
    mention_candidates: int = 10
    mention_max_days: int = 90
    name_weight: float = 1.0
    core_name_weight: float = 0.0
    core_share: float = 0.0
    min_core: float = 0.2
    gate_entity: float = 0.75
    #: Subtracted from the score when the participants agree closely (``gate_entity``) or
    #: are unknown, but the name-free core falls below ``min_core``: the same actors doing
    #: something else. By default the same value as ``join_threshold``, so such a report
    #: joins only an event it scores twice the threshold against (a hard gate, score 0,
    #: blocked reports of one event whose leads are worded differently).
    core_penalty: float = 0.2
    entity_share: float = 0.35
    year_penalty: float = 0.2
    lead_entity_weight: float = 2.0
    #: Weight (as an idf) of each number of two characters or more in the text vector
    #: ("#6.1", "#1200"); 0 leaves numbers out. Two reports of one event repeat its
    #: figures (a magnitude, a toll, a score, a sum, a date's day), and two similar events
    #: differ in them; a number is as specific as a rare word, whose idf is 7.
    number_weight: float = 7.0
    #: One reassignment pass after the single pass (wiretrace.cluster.refine); off, the
    #: single pass's events are the result.
    refine: bool = True
    #: An event whose refined reports bisect into two groups of ``split_min_size`` or more
    #: that score across below this share of what they score within is two events
    #: (wiretrace.cluster.split); 0 splits nothing.
    split_ratio: float = 0.6
    split_min_size: int = 4
    #: A larger event is bisected on this many of its reports, spread evenly over it in
    #: canonical order; the others go to the group they score higher against.
    split_sample: int = 300
    #: Two final events (refined, split) that pass the split's criterion inverted (mean
    #: score across at least ``split_ratio`` times the lower mean score within) are one
    #: event (wiretrace.cluster.merge); off with ``split_ratio`` 0 too. Off by default: it
    #: gains on ECB+ but its cost grows with the store (docs/clustering.md, "Cost").
    merge: bool = False

    def __post_init__(self) -> None:
        if not isinstance(self.merge, bool):
            raise UsageError(f"ClusterSettings: merge must be True or False (got {self.merge!r})")
        if self.split_min_size < 2 or self.split_sample < 2 * self.split_min_size:
            raise UsageError(
                f"ClusterSettings: split_min_size must be at least 2 (got "
                f"{self.split_min_size}) and split_sample at least twice it (got "
                f"{self.split_sample})"
            )


#: Settings that change an article's features (the others only change how they are compared).
FEATURE_SETTINGS = (
    "title_weight",
    "lead_weight",
    "lead_paragraphs",
    "lead_min_words",
    "max_terms",
    "name_weight",
    "core_name_weight",
    "lead_entity_weight",
    "number_weight",
)
#: Bump when :func:`featurize` changes, so cached features are recomputed.
FEATURES_VERSION = 3


def features_kind(settings: ClusterSettings) -> str:
    """The key under which features made with ``settings`` are cached in the store."""
    shaping = ",".join(f"{name}={getattr(settings, name)}" for name in FEATURE_SETTINGS)
    return f"cluster-v{FEATURES_VERSION}-" + content_hash(shaping)[:8]


@dataclass
class ArticleFeatures:
    """What clustering needs of an article; cached by the store so it is computed once."""

    article_id: str
    day: int | None
    vector: SparseVector
    paragraphs: list[SparseVector] = field(default_factory=list)
    core: SparseVector = field(default_factory=dict)
    entities: SparseVector = field(default_factory=dict)
    years: SparseVector = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {
            "day": self.day,
            "vector": self.vector,
            "paragraphs": self.paragraphs,
            "core": self.core,
            "entities": self.entities,
            "years": self.years,
        }

    @classmethod
    def from_json(cls, article_id: str, data: dict[str, Any]) -> ArticleFeatures:
        return cls(
            article_id,
            data.get("day"),
            data["vector"],
            data.get("paragraphs", []),
            data.get("core", {}),
            data.get("entities", {}),
            data.get("years", {}),
        )


@lru_cache(maxsize=1)
def _stem_zipf() -> dict[str, float]:
    """Zipf frequency of each English stem (data file built by scripts/, from wordfreq)."""
    table: dict[str, float] = {}
    data = resources.files("wiretrace") / "data" / "stem_zipf_en.tsv"
    for line in data.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            stem, zipf = line.split("\t")
            table[stem] = float(zipf)
    return table


def load_tables() -> None:
    """Load the stem frequency table and the stemmer now: worker processes forked after this
    share them, where each would otherwise load its own."""
    _stem_zipf()
    _stemmer()


def term_idf(term: str) -> float:
    """Inverse document frequency from general English usage (Zipf 0 = unseen, ~7.7 = 'the').

    A stem missing from the table (a rare word, a name, another language) gets the top value.
    """
    return max(_MIN_IDF, _MAX_ZIPF - _stem_zipf().get(term, 0.0))


@lru_cache(maxsize=1)
def _stemmer() -> Any:
    """Snowball's English stemmer, in C (PyStemmer): Snowball 3's algorithm, as the stem
    table was built with, about 15 times faster than the pure-Python port."""
    import Stemmer

    return Stemmer.Stemmer("english")


@lru_cache(maxsize=500_000)
def _stem(word: str) -> str:
    """Snowball stem of a lower-cased word, possessive dropped ("factories" -> "factori")."""
    word = word.replace("’", "'")
    if word.endswith("'s"):
        word = word[:-2]
    return str(_stemmer().stemWord(word.strip("'")))


#: Marks a number's term ("#6.1"), which no stem starts with.
NUMBER_PREFIX = "#"


def number_terms(text: str) -> list[str]:
    """The numbers of ``text`` as terms ("#6.1", "#1200"; thousands separators dropped), but
    single digits, too common to tell one event from another ("2 people", "at 3")."""
    numbers = (m.group().replace(",", "") for m in _NUMBER.finditer(text))
    return [NUMBER_PREFIX + n for n in numbers if len(n) >= 2]


def terms_of(text: str) -> list[str]:
    """Lower-cased stems of the words of ``text``; hyphenated words are split."""
    return [t for t, _ in cased_terms_of(text)]


def cased_terms_of(text: str) -> list[tuple[str, bool | None]]:
    """Stems with a flag: capitalised (True) or not (False) where no sentence starts; None at
    a sentence start, where capitals say nothing."""
    out: list[tuple[str, bool | None]] = []
    previous_end = 0
    for match in _WORD.finditer(text.replace("-", " ")):
        word = match.group()
        gap = text[previous_end : match.start()]
        starts = previous_end == 0 or bool(_SENTENCE_END.search(gap))
        previous_end = match.end()
        stem = _stem(word.lower())
        if len(stem) > 1:
            flag = None if starts else word[0].isupper()
            if gap == "-" and out:  # the tail of a hyphenated name is part of the name
                flag = out[-1][1]
            out.append((stem, flag))
    return out


def _weigh(
    counts: Counter[str],
    limit: int,
    names: set[str] | None = None,
    name_weight: float = 1.0,
    number_weight: float = 0.0,
) -> SparseVector:
    names = names or set()
    weights = {
        t: (1.0 + math.log(c))
        * (number_weight if t.startswith(NUMBER_PREFIX) else term_idf(t))
        * (name_weight if t in names else 1.0)
        for t, c in counts.items()
    }
    weights = {t: w for t, w in weights.items() if w > _MIN_IDF * 1.01}
    if len(weights) > limit:
        weights = {t: weights[t] for t in top_terms(weights, limit)}
    return normalise(weights)


def accumulate(total: SparseVector, vector: SparseVector) -> None:
    """Add ``vector`` into ``total`` in place (an event's sums, a centroid's)."""
    for t, w in vector.items():
        total[t] = total.get(t, 0.0) + w


def normalise(vector: SparseVector) -> SparseVector:
    norm = math.sqrt(sum(w * w for w in vector.values()))
    return {t: w / norm for t, w in vector.items()} if norm else {}


def top_terms(vector: SparseVector, n: int) -> list[str]:
    """The ``n`` heaviest terms, ties broken alphabetically so the result is deterministic."""
    return sorted(vector, key=lambda t: (-vector[t], t))[:n]


def cosine(a: SparseVector, b: SparseVector) -> float:
    """Dot product of two normalised vectors (iterates over the smaller one). Terms the
    other lacks are skipped, not added as 0.0: the same sum to the last bit (adding zero
    changes no float), in the same order, at about half the cost."""
    if len(a) > len(b):
        a, b = b, a
    return sum(w * b[t] for t, w in a.items() if t in b)


_YEAR_VALUE = re.compile(r"^(\d{4})(?:-|$)")
_KEY_FOLD = re.compile(r"[,'’]")


def entity_key(name: str) -> str:
    """A name folded for comparison across articles: the extract stage's :func:`name_key`
    (case, hyphens, periods, possessive, spaces), with commas and apostrophes too."""
    return " ".join(_KEY_FOLD.sub(" ", name_key(name)).split())


def _key_weight(key: str) -> float:
    """How telling a name is: the mean general-English idf of its words, scaled to [0, 1].

    A rare name ("aceh", "lohan") weighs about 1, a common word used as a name ("north",
    "center") much less, so names everyone mentions do not make two reports look alike."""
    stems = [_stem(w) for w in key.split() if len(w) > 1]
    if not stems:
        return 0.0
    return sum(term_idf(t) for t in stems) / (len(stems) * _MAX_ZIPF)


def extraction_features(
    extraction: Extraction, lead_chars: int, settings: ClusterSettings
) -> tuple[SparseVector, SparseVector]:
    """The article's participants and places (a normalised vector of folded names) and the
    years its dates state (year -> weight), from the extract stage's output.

    People and organisations count ``1 + log(mentions)``; a place counts once per mention
    (twice when it is where the event happened). Whatever is named in the lead (the first
    ``lead_chars`` characters) is multiplied by ``lead_entity_weight``. Years come from time
    expressions whose value starts with a year ("2008", "2009-05-03"), weighted the same way.
    """
    names: dict[str, float] = defaultdict(float)
    for person in extraction.people:
        key = entity_key(person.name)
        if not key:
            continue
        mentions = person.mentions or [(lead_chars, lead_chars)]
        in_lead = any(start < lead_chars for start, _ in mentions)
        weight = (1.0 + math.log(len(mentions))) * (settings.lead_entity_weight if in_lead else 1)
        names["who:" + key] += weight
        if person.kind == "person" and " " in key:  # "Lohan" in one report, in full in another
            names["who:" + key.rsplit(" ", 1)[1]] += weight
    for place in extraction.places:
        key = entity_key(place.text)
        if key:
            weight = 2.0 if place.role == "event" else 1.0
            names["at:" + key] += weight * (
                settings.lead_entity_weight if place.start < lead_chars else 1.0
            )
    weighted = {k: w * _key_weight(k.split(":", 1)[1]) for k, w in names.items()}
    years: dict[str, float] = defaultdict(float)
    for time in extraction.times:
        match = _YEAR_VALUE.match(time.value or "")
        if match:
            years[match.group(1)] += settings.lead_entity_weight if time.start < lead_chars else 1
    return normalise({k: w for k, w in weighted.items() if w > 0}), dict(years)


def featurize(
    article: Article,
    settings: ClusterSettings | None = None,
    extraction: Extraction | None = None,
) -> ArticleFeatures:
    """Turn an article into the vectors clustering compares (lead-weighted; see module doc).

    With the article's ``extraction`` (the extract stage's output), the features also hold its
    participants, places and stated years; without it they are text-only.
    """
    s = settings or ClusterSettings()
    paragraphs = article.paragraphs
    lead_end, words = 0, 0
    while lead_end < len(paragraphs) and (lead_end < s.lead_paragraphs or words < s.lead_min_words):
        words += len(paragraphs[lead_end].split())
        lead_end += 1
    counts: Counter[str] = Counter()
    scaled: dict[str, float] = defaultdict(float)
    core: Counter[str] = Counter()
    capitalised: Counter[str] = Counter()
    seen: Counter[str] = Counter()
    numbers = number_terms if s.number_weight > 0 else lambda _text: []
    for term in terms_of(article.title or ""):
        scaled[term] += s.title_weight
        core[term] += 1
    for term in numbers(article.title or ""):
        scaled[term] += s.title_weight
    rest: list[SparseVector] = []
    for i, paragraph in enumerate(paragraphs):
        terms = cased_terms_of(paragraph)
        if i >= lead_end:
            rest.append(_weigh(Counter(t for t, _ in terms), s.max_terms))
        for term, upper in terms:
            scaled[term] += s.lead_weight if i < lead_end else 1.0
            if upper is not None:
                seen[term] += 1
                capitalised[term] += upper
            if i < lead_end:
                core[term] += 1
        for term in numbers(paragraph):  # in the text vector only: not a word of the core
            scaled[term] += s.lead_weight if i < lead_end else 1.0
    for term, weight in scaled.items():
        counts[term] = max(1, round(weight * 2))  # keep fractional weights as integer counts
    names = {t for t, n in seen.items() if capitalised[t] >= max(1, 0.8 * n)}
    vector = _weigh(counts, s.max_terms, names, s.name_weight, s.number_weight)
    core_vector = _weigh(core, s.max_terms, names, s.core_name_weight)
    day = article.published.toordinal() if article.published else None
    entities: SparseVector = {}
    years: SparseVector = {}
    if extraction is not None:
        last = paragraphs[lead_end - 1] if lead_end else ""
        lead_chars = article.text.find(last) + len(last) if last else 0
        entities, years = extraction_features(extraction, lead_chars, s)
    return ArticleFeatures(
        article.id, day, vector, [v for v in rest if v], core_vector, entities, years
    )
