"""When the main event happened: the time expressions of the lead that date it.

:func:`wiretrace.extract.frame.find_frame` chooses the main event's clause; this module reads
which of the lead's time expressions date that event (:func:`event_times`), and which only
date its reporting (:func:`attached_to_reporting`: "state media said on Sunday" is the
report date, kept in ``Article.published``). It is kept apart from the choice of the clause
so that each module reads on its own; the choice uses :func:`dates_event` and :func:`vague`
to score how dated a clause is.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from typing import TYPE_CHECKING

from wiretrace.extract.agents import is_someone
from wiretrace.extract.mainevent import on_a_day, tells_a_disaster
from wiretrace.extract.placeroles import OUTLET_NOUNS, in_another_event, on_someone
from wiretrace.extract.predicate import REPORTING_VERBS, reporter_antecedent, subject_of
from wiretrace.extract.saying import lead_speaker, said_by
from wiretrace.models import TimeExpression

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

__all__ = ["attached_to_reporting", "dates_event", "event_times", "starts_a_state", "vague"]


def event_times(
    doc: Doc,
    times: Sequence[TimeExpression],
    predicate: Token | None,
    lead: Mapping[int, Token | None],
    body_start: int = 0,
) -> list[TimeExpression]:
    """Date-like expressions of the lead that attach to the event, not to its reporting.

    ``lead`` maps the start of each lead sentence to its event predicate (as
    :func:`find_frame` found them). A date in the dateline ("Lisbon, May 4 (X) -") is the
    filing date, never the event's. When none dates the event, the day its own sentence
    says it (:func:`_report_day`).
    """
    if predicate is None:
        return []
    same: list[TimeExpression] = []
    later: list[TimeExpression] = []
    speaker = lead_speaker(predicate, subject_of(predicate, body_start))
    for time in times:
        if time.kind not in {"date", "time"} or time.start < body_start:
            continue
        span = doc.char_span(time.start, time.end, alignment_mode="expand")
        if span is None or span.sent.start not in lead:
            continue
        if (
            _dates_a_thing(span.root, time)
            or starts_a_state(span.root)
            or _names_or_describes(span, time)
        ):
            continue
        if span.sent.start == predicate.sent.start:
            if _in_relative_clause(span.root, predicate) or _later_on(span.root, predicate):
                continue
            if in_another_event(span.root, predicate):
                continue  # "After X-ing last week, ...": the date of that other event
            # the event told in a clause under the sentence's verb (an aftermath's "after a
            # quake struck"): a time of the main clause dates the aftermath, not the event
            under = tells_a_disaster(predicate) and not _within(span.root, predicate)
            if dates_event(span.root, predicate, body_start) and not under:
                same.append(time)
        else:  # another lead sentence may date an event (never its report)
            # a sentence the parse gives no verb of its own (its verb taken for a modifier)
            # still dates what it tells, unless that is reporting
            verb = lead[span.sent.start] or span.sent.root
            if _in_relative_clause(span.root, verb) or _later_on(span.root, predicate, verb):
                continue
            if _about_the_patient(verb, predicate, body_start):
                continue
            if not _only_reports(verb) and dates_event(span.root, verb, body_start):
                later.append(time)
            elif speaker is not None and said_by(span.root, speaker):
                later.append(time)  # "X called for Y. ... X told reporters on Wednesday"
    # a stated day or hour before a vague "now" or "recently", even one of another lead
    # sentence ("..., and now the driver faces charges. He was arrested on Friday."); a vague
    # one of another sentence ("The team is currently ...") speaks of that sentence's state,
    # and so does a year, month or season of another sentence ("X checked into Y. She
    # spent time there in 2010"): news dates its event to the day or the week, a coarser
    # time elsewhere tells background; then a day or week, of any lead sentence, before a
    # year, month, season or decade ("Despite a run over the summer, X fired Y. Y was
    # dismissed on Tuesday"; "X, a critic across the 1990s, praised Y last week"), the
    # event's own sentence first within each; then a day before a week
    later = [t for t in later if not vague(t) and _daily(t)]
    if not same and not later:
        return _report_day(doc, times, predicate, body_start) or _restated_day(
            doc, times, predicate, lead, body_start
        )
    return sorted(same + later, key=lambda t: (vague(t), not _daily(t), t not in same, _coarse(t)))


def attached_to_reporting(token: Token, predicate: Token) -> bool:
    """Whether the path from ``token`` up to the sentence root meets a reporting word first.

    A word inside what is reported ("after police say he pointed a gun on Saturday": the
    clause of "say") dates or places that content, not the act of reporting it."""
    subject = subject_of(predicate)
    for current in _up_to(token, predicate):
        # a word of the reporting, unless it is the event's own actor ("The agency on Friday
        # condemned the bombing": the agency acts, and Friday dates what it did)
        if _reports(current) and (subject is None or current.i != subject.i):
            return True
        if current.dep_ == "ccomp" and current.head.lower_ in REPORTING_VERBS:
            return False
    return False


def _in_relative_clause(token: Token, verb: Token) -> bool:
    """Whether ``token``, on its way up to ``verb``, lies in a relative clause on a person
    ("X confessed to killing a mother, who died on Friday") or on a place ("the street where
    Y was shot on Saturday"): that person's or place's own story, another event with its own
    time. A relative clause on a thing or an event ("the vote, which is set for May 2", "a
    quake that struck on Tuesday") may tell the event itself, and keeps its time."""
    if on_someone(token, verb):
        return True
    return any(
        t.dep_ == "relcl" and any(c.lower_ == "where" for c in t.children)
        for t in _up_to(token, verb)
    )


def _later_on(token: Token, predicate: Token, verb: Token | None = None) -> bool:
    """Whether ``token`` dates a clause in the future tense ("will", "shall") when the event's
    verb is not: "The club has fired its coach. It will name a successor on Monday", "X won
    the vote and will take office in May". That is what comes after the event, not when it
    happened; an event that is itself ahead ("X will open Y. It opens on Monday") keeps it.
    The clause is the first verb above the time ("the memo issued on Monday will revive X":
    "issued", past)."""
    if _future(predicate):
        return False
    return _future(_clause_of(token, verb or predicate))


def _clause_of(token: Token, top: Token) -> Token:
    """The verb of the clause ``token`` is in: the first verb on its way up to ``top``."""
    return next((t for t in [*_up_to(token, top), top] if t.pos_ in {"VERB", "AUX"}), top)


def _future(verb: Token) -> bool:
    return any(c.dep_ == "aux" and c.tag_ == "MD" and c.lower_ in _FUTURE for c in verb.children)


# The modal auxiliaries of the future tense, as the tokenizer splits them ("won't": "wo").
_FUTURE = frozenset({"will", "shall", "'ll", "’ll", "wo"})


def _up_to(token: Token, predicate: Token) -> Iterator[Token]:
    """``token`` and its heads up to the sentence root, stopping before the event's verb (at
    most 12 steps)."""
    current = token
    for _ in range(12):
        if current.i == predicate.i:
            return
        yield current
        if current.head.i == current.i:
            return
        current = current.head


def dates_event(token: Token, verb: Token, body_start: int) -> bool:
    """Whether a time expression headed by ``token`` dates the event of ``verb``: it is not
    attached to the reporting, or the report is the actor's own announcement."""
    return not attached_to_reporting(token, verb) or _self_announced(verb, body_start)


def vague(time: TimeExpression) -> bool:
    """ "now", "recently", "soon": a reference to the present, past or future, no date."""
    return bool(time.value) and (time.value or "").endswith("_REF")


def starts_a_state(token: Token) -> bool:
    """A time after "since" is when a state began ("has been held since Monday", "hasn't won
    since 2005"), not when an event happened."""
    return token.dep_ == "pobj" and token.head.lower_ == "since"


def _reports(token: Token) -> bool:
    """A word of the reporting: a reporting verb ("said", "according"), or a noun for the
    outlet or the report ("state media on Sunday", "the report"). A noun spelt like a
    reporting verb is no report ("a camp in the Y state", "the notes")."""
    if token.lower_ in {"media", "agency", "report"}:
        return True
    return token.lower_ in REPORTING_VERBS and token.pos_ not in {"NOUN", "PROPN"}


def _within(token: Token, clause: Token) -> bool:
    return clause.left_edge.i <= token.i <= clause.right_edge.i


def _only_reports(verb: Token) -> bool:
    """A reporting verb that states no event of its own ("..., officials said"). One that
    acts on a thing ("announced a change", "confirmed the deal"), with no reported clause,
    is an event: the announcement."""
    if verb.lower_ not in REPORTING_VERBS:
        return False
    if any(c.dep_ in {"nsubj", "nsubjpass"} and _is_outlet(c) for c in verb.children):
        return True  # a news outlet's report of anything ("state media reported the visit")
    acted_on = any(  # a thing, not the person told ("told a judge")
        c.dep_ == "dobj" and c.pos_ in {"NOUN", "PROPN"} and c.i > verb.i and not is_someone(c)
        for c in verb.children
    )
    return not acted_on or any(c.dep_ == "ccomp" for c in verb.children)


# Words that name a news outlet by themselves, and words that do so only with a news word
# before them ("a TV station", "the state news agency"; not "a weather station", "an agency").
_NEWS_OUTLETS = frozenset(
    {"media", "newspaper", "newspapers", "broadcaster", "broadcasters", "tabloid", "tabloids"}
    | {"television", "tv", "radio", "magazine", "wire"}
)
_NEWS_MODIFIERS = frozenset({"news", "tv", "television", "radio", "media", "broadcast"})
_OUTLETS_IF_NEWS = OUTLET_NOUNS | {"agency"}


def _is_outlet(token: Token) -> bool:
    """A news outlet named by its kind ("state media", "the newspaper", "a TV station", "the
    news agency"): what it reports is news of an event, never the event itself. A weather
    station, a company's affiliate or a government agency report their own facts."""
    if token.lower_ in _NEWS_OUTLETS:
        return True
    modified = any(c.lower_ in _NEWS_MODIFIERS for c in token.children if c.i < token.i)
    return token.lower_ in _OUTLETS_IF_NEWS and modified


def _self_announced(predicate: Token, body_start: int) -> bool:
    """Whether the event is an actor's own announcement of what it is doing: "X announced
    Wednesday it is buying Y", "The ministry said Tuesday it was lifting the rule". The
    announcement is then the act, and its date the event's. A third party's report ("state
    media said on Sunday X visited Y") or an actor's account of a done deed ("X said Tuesday
    it had fired Y", "... it fired Y") keeps its date apart: that is when it was told."""
    subject = subject_of(predicate, body_start)
    if subject is None or subject.pos_ != "PRON":
        return False
    if reporter_antecedent(predicate, subject, body_start) is subject:
        return False  # not the reporter speaking of itself
    auxes = {c.lower_ for c in predicate.children if c.dep_ in {"aux", "auxpass"}}
    return predicate.tag_ != "VBD" and "had" not in auxes


def _coarse(time: TimeExpression) -> bool:
    """A year, month, quarter or week ("in 2010", "last May"), not a day or an hour."""
    return time.kind == "date" and time.value is not None and not on_a_day(time)


def _dates_a_thing(token: Token, time: TimeExpression) -> bool:
    """A year, month or quarter that names a thing rather than dating the event: "the 2013
    draft", "an injury-plagued 2010 season", "a 1999 movie", "a May 2011 shooting spree"
    (that spree's time, an earlier event's: the news is dated apart). Read off the parse (a
    modifier of a noun after it) or, where the parse takes the date for the head, off the
    words: a determiner before the date and a common noun after it."""
    bare_year = bool(time.value) and len(time.value or "") == 4 and (time.value or "").isdigit()
    if bare_year and token.dep_ in {"nummod", "compound", "amod", "nmod"}:
        return True
    coarse = bool(re.fullmatch(r"[\dX]{4}(-[\dX]{2}|-Q\d)?", time.value or ""))
    span = token.doc.char_span(time.start, time.end, alignment_mode="expand")
    if not coarse or span is None or span.end >= len(token.doc) or span.start == 0:
        return False
    before, after = token.doc[span.start - 1], token.doc[span.end]
    if token.dep_ in {"compound", "amod", "nmod", "nummod"} and token.head.i >= span.end:
        return True
    return before.dep_ in {"det", "poss"} and after.tag_ in {"NN", "NNS"}


def _names_or_describes(span: Span, time: TimeExpression) -> bool:
    """Whether a time word belongs to a noun phrase rather than dating a verb: part of a name
    the parser tags as one ("an interview with X Today USA", "a sketch on Saturday Night
    Live": an outlet, show or work), or a vague adjective telling a thing's state ("the
    current chairman", "recent cuts"). A named day ("on Black Friday") is an event's name,
    and dates."""
    if vague(time) and span.root.dep_ == "amod":
        return True
    return any(t.ent_type_ in _NAME_TYPES for t in span)


# Named-entity types of names that are no time: organisations, works, places, products.
_NAME_TYPES = frozenset({"ORG", "WORK_OF_ART", "FAC", "PRODUCT", "PERSON", "NORP", "GPE", "LOC"})


def _about_the_patient(verb: Token, predicate: Token, body_start: int) -> bool:
    """Whether a later lead sentence tells what happened to someone the main event acted on,
    with another verb: "The club has placed X on injured reserve. X was hurt last Thursday",
    "A jury has convicted X. X was arrested in 2011": that person's earlier story, so its
    time is not the main event's. The same verb restates the event ("Police arrested X. X
    was arrested on Friday") and may date it."""
    subject = subject_of(verb, body_start)
    if subject is None or subject.pos_ == "PRON" or verb.lower_ == predicate.lower_:
        return False
    own = subject_of(predicate, body_start)
    agent = {t.i for t in own.subtree} if own is not None else set()
    acted_on = {
        t.lower_
        for t in predicate.subtree
        if t.i > predicate.i and t.i not in agent and t.pos_ == "PROPN"
    }
    return any(t.pos_ == "PROPN" and t.lower_ in acted_on for t in subject.subtree)


def _report_day(
    doc: Doc, times: Sequence[TimeExpression], predicate: Token, body_start: int
) -> list[TimeExpression]:
    """The day the event's own sentence says it ("X's lawyer said Thursday she checked
    into Y", "On Saturday it was announced that ..."), when nothing else in the lead dates
    the event: a source (the actor, its lawyer or spokesman) tells news the day it breaks, so
    that day is the best the article gives. An outlet's "reported" or "according to" is
    dated by its own news cycle and stays apart."""
    for time in times:
        day = on_a_day(time) or (time.value is None and time.text.lower() in _DAY_WORDS)
        if time.kind not in {"date", "time"} or time.start < body_start or not day:
            continue
        span = doc.char_span(time.start, time.end, alignment_mode="expand")
        if span is None or span.sent.start != predicate.sent.start:
            continue
        if _dates_a_thing(span.root, time) or starts_a_state(span.root):
            continue
        said = _reporting_word(span.root, predicate)
        if said is not None and said.lower_ in _SAYING:
            return [time]
    return []


def _restated_day(
    doc: Doc,
    times: Sequence[TimeExpression],
    predicate: Token,
    lead: Mapping[int, Token | None],
    body_start: int,
) -> list[TimeExpression]:
    """The day a later sentence of the body gives its own actor's deed, when nothing in the
    lead dates the event: "X described Y as a disgrace over Z. ... X blasted Y as a disgrace
    Wednesday on a radio show". A feature lead tells the news undated and the body dates it
    when it comes back to the actor. Only a past deed (not "X typically releases Y on the
    second Tuesday", a habit) with the actor as its own subject, named as in the lead (by
    the head word, or an apposition: "Z, the dean"), not a pronoun (whose referent may be
    anyone); and not a day naming a thing ("Monday's debate")."""
    subject = subject_of(predicate, body_start)
    if subject is None or subject.pos_ == "PRON":
        return []
    names = _names_of(subject)
    last = predicate.sent.end
    for _ in range(_BODY_SENTENCES):
        if last >= len(doc):
            break
        last = doc[last].sent.end
    for time in times:
        if time.kind not in {"date", "time"} or vague(time) or not _daily(time):
            continue
        span = doc.char_span(time.start, time.end, alignment_mode="expand")
        if span is None or span.start < predicate.sent.end or span.end > last:
            continue
        if span.sent.start in lead or _dates_a_thing(span.root, time):
            continue
        root = span.sent.root
        if starts_a_state(span.root) or _names_or_describes(span, time):
            continue
        if _in_relative_clause(span.root, root) or _later_on(span.root, predicate, root):
            continue
        clause = _clause_of(span.root, root)
        past = clause.tag_ == "VBD" or any(
            c.dep_ in {"aux", "auxpass"} and c.tag_ == "VBD" for c in clause.children
        )
        if not past or span.root.dep_ == "poss":
            continue
        own = [c for c in clause.children if c.dep_ in {"nsubj", "nsubjpass"}]
        if any(c.pos_ != "PRON" and _names_of(c) & names for c in own):
            return [time]
    return []


def _names_of(subject: Token) -> set[str]:
    """The head word of a subject and of its appositions ("X, the dean"), lower-cased."""
    return {subject.lower_} | {c.lower_ for c in subject.children if c.dep_ == "appos"}


# How many sentences after the event's the body is read for the actor's dated deed: about
# the first screen of an article, before it turns to background.
_BODY_SENTENCES = 20


def _reporting_word(token: Token, predicate: Token) -> Token | None:
    """The reporting word the time hangs on, on its path up to the sentence root, before the
    path meets the event's verb (see :func:`attached_to_reporting`)."""
    return next((t for t in _up_to(token, predicate) if _reports(t)), None)


# Days named relative to the report, unresolved when the article has no date.
_DAY_WORDS = frozenset({"today", "yesterday", "tonight", "last night", "this morning"})

# The words of a source speaking for itself or the actor; not an outlet's reporting ("state
# media reported on Sunday", "according to X on Friday"), dated by its own news cycle.
_SAYING = frozenset({"say", "says", "said", "announce", "announces", "announced"})


def _daily(time: TimeExpression) -> bool:
    """A day, an hour or a week ("Friday", "May 2", "last night", "this week"), even one left
    unresolved."""
    if on_a_day(time) or time.kind == "time" or _WEEK.search(time.value or ""):
        return True
    text = time.text.lower()
    named = text in _DAY_WORDS or text.split()[-1] in _DAY_WORDS or "week" in text
    return time.value is None and named


# A week's value ("2016-W37", "2016-W37-WE"); not a season's ("2014-WI").
_WEEK = re.compile(r"-W\d\d")
