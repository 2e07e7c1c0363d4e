"""The extract stage: span-anchored facts from each clean article.

``Article -> Extraction``: named entities, people with titles, quotes with speakers and
attribution chains, time expressions with values, places with hedges, claims and
assessments, and the 5W1H frame of the main event. Each step is a module of its own that
reads the shared spaCy parse (:mod:`wiretrace.nlp`) and writes plain dataclasses
(:mod:`wiretrace.models`):

============  =========================================  ==================================
step          module                                     needs
============  =========================================  ==================================
entities      :mod:`~wiretrace.extract.people`           parse (NER)
people        :mod:`~wiretrace.extract.people`           parse (NER, dependencies, tags)
quotes        :mod:`~wiretrace.extract.quotes`           parse, people (speakers)
times         :mod:`~wiretrace.extract.times`            text, publication date
places        :mod:`~wiretrace.extract.places`           parse (NER, dependencies)
claims        :mod:`~wiretrace.extract.claims`           parse, people, quotes
frame         :mod:`~wiretrace.extract.frame`            parse, times, places
============  =========================================  ==================================

The quote step spreads over helper modules: ``marks`` (quote marks), ``reported`` (indirect
speech and sources), ``cues``, ``speakers`` and ``attribution_model``; the frame's over
``locative`` and ``placeroles`` (where), ``agents`` and ``participants`` (who),
``saying`` (the day of an actor's saying) and ``polls`` (a poll's field dates); the time
step's over ``calendar`` (vocabulary, arithmetic), ``anchoring`` (where a partial date
lands) and ``dateranges`` ("September 16-19").

:func:`extract_articles` parses a batch once with ``nlp.pipe`` and runs the steps per
article; the parser caches parses, so running extraction again does not parse again. Asked
for several processes, it spreads whole articles (parse and steps) over forked workers
(:mod:`~wiretrace.extract.workers`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from wiretrace.extract.claims import find_claims
from wiretrace.extract.frame import find_frame
from wiretrace.extract.headline import dateline_end
from wiretrace.extract.people import find_entities, find_people, name_key, person_at
from wiretrace.extract.places import find_places
from wiretrace.extract.quotes import find_quotes
from wiretrace.extract.times import find_times, is_undisclosed_date
from wiretrace.models import Article, Extraction, Person, Quote

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from wiretrace.nlp import Parser

__all__ = ["EXTRACTOR_VERSION", "extract_article", "extract_articles"]

# Bumped whenever a rule changes what is extracted, so stored extractions can be redone.
EXTRACTOR_VERSION = 28


def _body_start(article: Article) -> int:
    """Where the body starts: after a dateline that opens the text ("Lisbon, May 4 (X) -")
    or one of its first paragraphs (:func:`~wiretrace.extract.headline.dateline_end`)."""
    return dateline_end(article.text, article.dateline)


def _canonical_speakers(quotes: list[Quote], people: Sequence[Person]) -> None:
    """Name each quote's speaker as the article's canonical person ("Moreau" becomes
    "Jean-Luc Moreau")."""
    by_key: dict[str, str] = {}
    for person in people:
        for name in (person.name, *person.aliases):
            by_key.setdefault(name_key(name), person.name)
    for quote in quotes:
        if quote.source_start is not None and quote.source_end is not None:
            named = person_at(people, quote.source_start, quote.source_end)
            if named is not None:  # the source as written is a mention of a known person
                quote.speaker = named.name
                continue
        if quote.speaker:
            quote.speaker = by_key.get(name_key(quote.speaker), quote.speaker)


def extract_article(article: Article, doc: Doc, *, model: str | None = None) -> Extraction:
    """Every fact of one article, given its parse ``doc`` (of ``article.text``)."""
    body_start = _body_start(article)
    people = find_people(doc)
    quotes = find_quotes(doc)
    _canonical_speakers(quotes, people)
    try:
        times = find_times(article.text, article.published)
    except OverflowError:  # a publication date at the calendar's edge (year 1 or 9999)
        times = find_times(article.text, None)
    places = find_places(doc, body_start)
    undisclosed = bool(is_undisclosed_date(article.text))
    frame, dating = find_frame(doc, times, places, body_start=body_start)
    extraction = Extraction(
        article_id=article.id,
        entities=find_entities(doc),
        people=people,
        quotes=quotes,
        times=times,
        places=places,
        claims=find_claims(doc, people, quotes),
        frame=frame,
        model=model,
    )
    valued = [t for t in dating if t.value]
    if valued:  # only an expression with a value dates the event ("Tuesday" of no known week
        extraction.event_date = valued[0].value  # still fills the frame's "when")
        extraction.event_date_status = "stated"
    elif undisclosed:
        extraction.event_date_status = "not disclosed"
    return extraction


def extract_articles(
    articles: Sequence[Article],
    parser: Parser | None = None,
    *,
    processes: int = 1,
    keep_parses: bool = True,
) -> list[Extraction]:
    """Extract a batch in order: one batched parse, then the rule steps per article.

    With ``processes`` > 1 (0: one per CPU core) the articles whose parse is not cached are
    parsed and extracted in that many worker processes (:mod:`wiretrace.extract.workers`);
    the results are the same as in one process. Their parses come back to ``parser``'s
    cache (as bytes, for the store) only with ``keep_parses``.
    """
    from wiretrace.extract import workers
    from wiretrace.nlp import default_parser

    parser = parser or default_parser()
    count = workers.resolve_processes(processes)
    made: dict[int, Extraction] = {}
    todo = [i for i, a in enumerate(articles) if not parser.is_cached(a.text)] if count > 1 else []
    if workers.worth_forking(count, len(todo)):
        chosen = [articles[i] for i in todo]
        done = workers.extract_in_processes(chosen, parser, count, keep_parses=keep_parses)
        made = dict(zip(todo, done, strict=True))
    rest = [i for i in range(len(articles)) if i not in made]
    docs = parser.parse_many([articles[i].text for i in rest])
    for i, doc in zip(rest, docs, strict=True):
        made[i] = extract_article(articles[i], doc, model=parser.name)
    return [made[i] for i in range(len(articles))]
