"""The 5W1H frame of an article's main event, and the event date apart from the report date.

News puts the main event in its lead: "Opposition leader X opened a new hospital, state
media said on Sunday". The frame reads it from the dependency parse of the first sentences
(the lead: up to four sentences of the body with a verb, after any dateline, and any
headline or bullet lines with a verb among them, which do not count):

* The **main event** is the clause of the lead that reads most like the report of an event
  (:func:`_news_score`): someone did something at a stated time, in the past, in a full
  sentence, not a state ("stood", "needed", "became"); the first sentence wins a tie, and a
  later one must beat it by two such marks ("X's season has come to an end. The team placed
  X on the injured list Wednesday."). A parse that takes a past-tense verb for a participle
  on the subject ("The actress, 33, headed to ...") is read as the sentence it is. The
  marks of feature-style leads are in :mod:`wiretrace.extract.mainevent` (a scene, a
  backdrop dated by a year or month, the news present "X is acquiring Y today", or
  undated opening the lead, "Senator X is endorsing Y").
* **what** is its predicate: the verb with its particle and object (or first prepositional
  phrase), and a second act of its subject coordinated on it ("crossed X and dropped Y")
  or what a past act achieved ("scored 20 points to break the record").
  When the root is a reporting verb ("said", "reported", "according to") whose clause
  carries the event, the reported clause is used instead ("announced plans to" stays: the
  announcement is the event), never a clause of time the parse puts in its place ("X fired
  Y, a day after Z lost, W reported": "fired"); so is the clause of a verb of belief
  ("Police believe X shot Y": "shot"), the disaster an aftermath follows ("Thousands fled
  after a quake struck X": "struck") and the act a prospect follows ("X will play in the
  final after beating Y": "beating"). When the subject is a thing acting
  ("A series of quakes killed X") or the verb only says that its subject happened ("Fresh
  riots were reported", "The election is over"), the subject is part of ``what``. A state
  set against an event ("X was nearly perfect as the Y beat Z") gives way to the event.
* **who** is that predicate's subject with its modifiers ("Opposition leader X"; a title
  keeps the name beside it, "The champion, X"), when the subject is someone
  (:mod:`wiretrace.extract.agents`); a pronoun subject of a reported clause is the reporter
  it fits ("X announced it is buying Y": X). When the subject is a thing ("A quake struck X,
  killing four people", "The church was set alight by arsonists"), the people the clause
  acts on, else the first people the sentence names ("A fire gutted the mill, firefighters
  said"), else, when the subject's phrase names no one either, the people a later lead
  sentence tells of (:mod:`wiretrace.extract.participants`: "A march turned violent.
  Hundreds of students threw stones ..."), else the subject with less confidence.
* **when** is a time expression of the lead dating the event, never one attached to the
  reporting ("reported on May 7", "state media on Sunday": that is the report date, kept in
  ``Article.published``), unless the report is the actor's own announcement of what it is
  doing ("X announced Wednesday it is buying Y") or a later lead sentence gives the day the
  actor said it ("X called for Y. ... X told reporters on Wednesday",
  :mod:`wiretrace.extract.saying`); a time inside the reported clause dates what is
  reported. Not a year naming a thing ("the 2013 draft"), nor the start of a state ("held
  since Monday"), nor the time of a fronted clause telling another event ("After
  spraining his knee last week, X ..."), nor of an aftermath ("X fled on Monday after a
  quake struck"); a stated day, even of another lead sentence (also
  one the parse leaves without a verb), wins over a vague "now", though not one of a
  sentence telling, with another verb, what befell a person the event acted on ("X has
  been released. X was hurt last week"). The publication date is never used. When the
  article says the date was not disclosed, ``when`` is empty and
  :attr:`Extraction.event_date_status` says ``"not disclosed"``.
* **where** is the event's place (:mod:`wiretrace.extract.locative`): a place a sentence
  locates ("likely located in X"), else the named or common-noun place the lead attaches
  to the event ("in/at/near X", "checked into rehab"); the dateline only when nothing else
  places it.
* **why** is a purpose or cause attached to the predicate ("to boost output", "because of",
  "in response to", "amid"); **how** a means ("by ...ing", "with ...") or manner adverb.

Each slot carries a confidence in [0, 1]; a slot the lead does not answer stays ``None``.
This module chooses the main event's clause and its time; the words of ``what``, ``who``,
``why`` and ``how`` once it is chosen are :mod:`wiretrace.extract.predicate`'s.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from wiretrace.extract.agents import is_someone, named_in_clause, stand_in_agent
from wiretrace.extract.headline import headline_end
from wiretrace.extract.locative import (
    dated_otherwise,
    dateline_place,
    event_place,
    in_another_event,
)
from wiretrace.extract.mainevent import (
    MODALS,
    aftermath,
    backdrops,
    believed,
    done_before,
    happening_now,
    on_a_day,
    opens_on_news,
    passing_of_time,
    record_so_far,
    tells_a_disaster,
)
from wiretrace.extract.participants import names_someone, someone_after
from wiretrace.extract.polls import field_dates
from wiretrace.extract.predicate import (
    REPORTING_VERBS,
    how_tokens,
    in_prep,
    slot,
    subject_tokens,
    what_tokens,
    why_tokens,
)
from wiretrace.extract.saying import lead_speaker, said_by
from wiretrace.models import Frame, FrameSlot, Place, TimeExpression

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

__all__ = ["event_times", "find_frame"]

_LEAD = 4
_COPULAS = frozenset({"is", "was", "are", "were", "be", "been", "'s"})
_SENTENCE_ENDS = frozenset({".", "!", "?", '"', "”", "’", "'", ")"})
# Stative verbs (general English), every form (the parse carries no lemmas): they describe a
# state, a perception or a wish, not an event ("X's teammates figured ...", "X needed a win",
# "the fans stood at midcourt").
_STATIVE = frozenset(
    {"become", "becomes", "became", "remain", "remains", "remained", "seem", "seems"}
    | {"seemed", "look", "looks", "looked", "feel", "feels", "felt", "figure", "figured"}
    | {"know", "knows", "knew", "think", "thinks", "thought", "believe", "believes"}
    | {"believed", "need", "needs", "needed", "want", "wants", "wanted", "hope", "hopes"}
    | {"hoped", "like", "likes", "liked", "love", "loves", "loved", "stand", "stands"}
    | {"stood", "wait", "waits", "waited", "watch", "watches", "watched", "keep", "keeps"}
    | {"kept", "define", "defines", "defined", "spend", "spends", "spent"}
)
_BACKDROP_MARKS = frozenset({"as", "when", "while"})
_TIME_MARKS = frozenset({"after", "before", "since", "until", "when", "while", "as"})


def _subject(verb: Token, body_start: int = 0) -> Token | None:
    """The verb's subject in the body: the one nearest the verb, never in the dateline."""
    subjects = [
        c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"} and c.idx >= body_start
    ]
    if subjects:  # "X, 20, was found ..." parses the age as a second subject
        return min(subjects, key=lambda c: (c.pos_ == "NUM", abs(verb.i - c.i)))
    if verb.dep_ == "conj":  # "X arrived and inspected ...": share the first verb's subject
        return _subject(verb.head, body_start)
    if verb.dep_ == "pcomp" and verb.tag_ == "VBG" and verb.head.lower_ == "after":
        return _subject(verb.head.head, body_start)  # "X will play after beating Y": X
    if verb.dep_ == "acl" and verb.tag_ == "VBD" and verb.head.dep_ == "ROOT":
        return verb.head if verb.head.idx >= body_start else None  # see _event_predicate
    return None


def _event_predicate(sent: Span) -> Token | None:
    """The verb of the sentence's main event, looking through a reporting frame."""
    root = sent.root
    if root.pos_ in {"NOUN", "PROPN"}:  # "The actress, 33, headed to X": a verb in the past
        # tense taken for a participle on the subject is the sentence's verb after all
        finite = [c for c in root.children if c.dep_ == "acl" and c.tag_ == "VBD"]
        return finite[0] if finite else None
    if root.pos_ not in {"VERB", "AUX"}:
        return None
    # "X did Y, officials said" and "The news is that X did Y": the event is the clause.
    # "X announced plans Tuesday to do Y" announces a plan: a reporting verb is looked
    # through to a clause with its own subject (ccomp), not to an infinitive (xcomp).
    looked_through = {"ccomp"} if root.lower_ in REPORTING_VERBS else set()
    if root.lower_ in _COPULAS:
        backdrop = _backdrop_event(root)
        if backdrop is not None:
            return backdrop
        looked_through = {"ccomp", "xcomp"}
    for child in root.children:
        if child.dep_ in looked_through and child.pos_ in {"VERB", "AUX"}:
            if root.lower_ in REPORTING_VERBS and _a_dated_statement(root, child):
                return root  # "X said Y was right": the statement is the news
            return done_before(aftermath(believed(_reported_past_a_time_clause(child))))
        # a verb the tagger took for a plural noun ("X hosts a seminar, Y said") is still the
        # reported clause's verb when it has a subject of its own
        subject = any(c.dep_ in {"nsubj", "nsubjpass"} for c in child.children)
        if child.dep_ in looked_through and child.tag_ == "NNS" and subject:
            return child
    return done_before(aftermath(believed(root)))


def _a_dated_statement(root: Token, clause: Token) -> bool:
    """Whether the lead tells a person's statement as the news: "X said on Sunday that Y
    was wrong", "Y could win, X told reporters Friday". A person (not an outlet, a company
    or an office) speaks, in the past, on a day the sentence gives the saying itself, and
    what is said is a view, a prospect or a state (:func:`_an_opinion`), not a past event
    with its own time ("Police said Monday a man shot ...": the shooting is the news). Nor
    does one who speaks for others (:func:`_speaks_for_others`) make news by speaking."""
    if root.tag_ != "VBD" or not _an_opinion(clause):
        return False
    speaker = _subject(root)
    if speaker is None or speaker.pos_ == "PRON" or not _a_person(speaker):
        return False
    return not _speaks_for_others(speaker) and _dated_itself(root)


def _a_person(token: Token) -> bool:
    if token.ent_type_ == "PERSON":
        return True
    return not token.ent_type_ and token.pos_ == "NOUN" and is_someone(token)


# Speakers whose words are an office's or a client's (general English), besides the titles
# in "spokes-" (spokesman, spokeswoman, spokesperson).
_VOICES = frozenset({"publicist", "publicists", "police", "official", "officials", "authorities"})


def _speaks_for_others(speaker: Token) -> bool:
    """Whether the speaker relays an office's or a client's news rather than a view of their
    own: a spokesperson or a publicist, by the noun or a title beside the name ("Agency
    spokeswoman X said", "X, a publicist for Y, said"), or the police, officials or the
    authorities. What they tell ("the inmate was still at large", "she is in rehab") is the
    state of the news itself, which their saying it on a day does not replace."""
    words = [speaker, *(c for c in speaker.children if c.dep_ in {"compound", "appos"})]
    return any(w.lower_.startswith("spokes") or w.lower_ in _VOICES for w in words)


def _dated_itself(verb: Token) -> bool:
    """Whether a time is attached to the verb itself ("said Friday", "told X on Thursday",
    "said last week"), not inside its clause."""
    for child in verb.children:
        if child.dep_ in {"npadvmod", "tmod"} and child.ent_type_ in {"DATE", "TIME"}:
            return True
        timed = any(g.dep_ == "pobj" and g.ent_type_ in {"DATE", "TIME"} for g in child.children)
        if child.dep_ == "prep" and child.lower_ in {"on", "at"} and timed:
            return True
    return False


def _an_opinion(clause: Token) -> bool:
    """Whether a reported clause holds a view, a prospect or a state rather than an event:
    a copula or stative verb ("Y was right", "Y needs to change"), a modal ("Y should
    resign", "Y could win") or the plain present ("Y deserves better")."""
    auxes = {c.lower_ for c in clause.children if c.dep_ in {"aux", "auxpass"}}
    if auxes & MODALS or clause.lower_ in _COPULAS | _STATIVE:
        return True
    return clause.tag_ in {"VBZ", "VBP"} and not auxes


def _reported_past_a_time_clause(clause: Token) -> Token:
    """The reported event when the parse hangs it under a clause of time: in "X fired Y on
    Saturday, a day after the team lost again, Z reported" the parse may give "said" the
    clause of "after" and put "fired" under it. What is reported is no clause of "after" or
    "when": the clause of its own before it, with a subject, is."""
    if not any(c.dep_ == "mark" and c.lower_ in _TIME_MARKS for c in clause.children):
        return clause
    for child in clause.children:
        if child.i < clause.i and child.dep_ in {"ccomp", "advcl", "conj"} and _subject(child):
            return child
    return clause


def _backdrop_event(copula: Token) -> Token | None:
    """The event of a clause that a state is set against: "X was nearly perfect as the Y
    beat Z", "The mood was tense when police arrived". A feature-style lead opens on a state
    ("was nearly perfect") and tells the event in the clause of "as", "when" or "while": a
    verb in the past tense whose subject is someone."""
    states = [c for c in copula.children if c.dep_ in {"acomp", "attr"} and c.i > copula.i]
    if not states:
        return None
    for clause in [*copula.children, *states[0].children]:  # "was perfect as ..." either way
        if clause.dep_ != "advcl" or clause.i < copula.i or clause.tag_ != "VBD":
            continue
        marks = {c.lower_ for c in clause.children if c.dep_ in {"mark", "advmod"}}
        if not marks & _BACKDROP_MARKS or clause.lower_ in _STATIVE | _COPULAS:
            continue
        subject = _subject(clause)
        if subject is not None and is_someone(subject):
            return clause
    return None


def _reporter_antecedent(verb: Token, pronoun: Token, body_start: int) -> Token:
    """The reporter a pronoun subject of a reported clause stands for: in "X announced it is
    buying Y" or "X said they suspect Y", "it"/"they" is X (the reporting verb's own subject),
    so the clause still states an event with a known agent. The pronoun must fit the
    reporter: "he"/"she" a named person ("Police said he fired" is someone else), "it" an
    organisation or state, "they"/"we" a group. Otherwise the pronoun stays (its referent is
    then in an earlier sentence, out of the frame's reach)."""
    root = verb.head
    if verb.dep_ != "ccomp" or root.lower_ not in REPORTING_VERBS:
        return pronoun
    reporter = _subject(root, body_start)
    if reporter is None or reporter.pos_ == "PRON" or not is_someone(reporter):
        return pronoun
    person = reporter.ent_type_ == "PERSON"
    # an organisation named with a plural word is one body ("X Devices", "Y Airlines": "it")
    plural = reporter.tag_ == "NNS" or reporter.lower_ in {"police", "staff"}
    plural |= reporter.tag_ == "NNPS" and reporter.ent_type_ != "ORG"
    fits = {
        "he": person,
        "she": person,
        "it": reporter.ent_type_ in {"ORG", "GPE"} and not plural,
        "they": not person,
        "we": not person,
    }
    return reporter if fits.get(pronoun.lower_, False) else pronoun


def _lead(doc: Doc, body_start: int) -> list[Span]:
    """The first :data:`_LEAD` sentences of the body that state something.

    Lines such as a time stamp ("May 2, 2013 1:35 pm") or a kicker have no verb and do
    not count, so they do not push the first real sentence out of the lead. A line with a
    verb that does not end as a sentence (a headline or the bullet points of a summary left
    above the story) is read, but does not count either: the story's own first sentences
    stay in the lead after it.
    """
    lead: list[Span] = []
    sentences = 0
    for sent in doc.sents:
        if sent.end_char <= body_start:
            continue
        words = sum(1 for t in sent if t.is_alpha)
        if words >= 4 and any(t.pos_ in {"VERB", "AUX"} for t in sent):
            lead.append(sent)
            sentences += _ends_a_sentence(sent)
            if sentences == _LEAD or len(lead) == 2 * _LEAD:
                break
    return lead


def _ends_a_sentence(sent: Span) -> bool:
    """Whether the sentence ends as one does ("." "!" "?" or a closing quote or bracket),
    unlike a headline or a kicker left in the text."""
    last = [t for t in sent if not t.is_space][-1]
    return last.text in _SENTENCE_ENDS


def _attached_to_reporting(token: Token, predicate: Token) -> bool:
    """Whether the path from ``token`` up to the sentence root meets a reporting word first.

    A word inside what is reported ("after police say he pointed a gun on Saturday": the
    clause of "say") dates or places that content, not the act of reporting it."""
    subject = _subject(predicate)
    current = token
    for _ in range(12):
        if current.i == predicate.i:
            return False
        # a word of the reporting, unless it is the event's own actor ("The agency on Friday
        # condemned the bombing": the agency acts, and Friday dates what it did)
        if _reports(current) and (subject is None or current.i != subject.i):
            return True
        if current.dep_ == "ccomp" and current.head.lower_ in REPORTING_VERBS:
            return False
        if current.head.i == current.i:
            return False
        current = current.head
    return False


def _reports(token: Token) -> bool:
    """A word of the reporting: a reporting verb ("said", "according"), or a noun for the
    outlet or the report ("state media on Sunday", "the report"). A noun spelt like a
    reporting verb is no report ("a camp in the Y state", "the notes")."""
    if token.lower_ in {"media", "agency", "report"}:
        return True
    return token.lower_ in REPORTING_VERBS and token.pos_ not in {"NOUN", "PROPN"}


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
    filing date, never the event's.
    """
    if predicate is None:
        return []
    same: list[TimeExpression] = []
    later: list[TimeExpression] = []
    speaker = lead_speaker(predicate, _subject(predicate, body_start))
    for time in times:
        if time.kind not in {"date", "time"} or time.start < body_start:
            continue
        span = doc.char_span(time.start, time.end, alignment_mode="expand")
        if span is None or span.sent.start not in lead:
            continue
        if _dates_a_thing(span.root, time) or _starts_a_state(span.root):
            continue
        if span.sent.start == predicate.sent.start:
            if in_another_event(span.root, predicate):
                continue  # "After X-ing last week, ...": the date of that other event
            # the event told in a clause under the sentence's verb (an aftermath's "after a
            # quake struck"): a time of the main clause dates the aftermath, not the event
            under = tells_a_disaster(predicate) and not _within(span.root, predicate)
            if _dates_event(span.root, predicate, body_start) and not under:
                same.append(time)
        else:  # another lead sentence may date an event (never its report)
            # a sentence the parse gives no verb of its own (its verb taken for a modifier)
            # still dates what it tells, unless that is reporting
            verb = lead[span.sent.start] or span.sent.root
            if _about_the_patient(verb, predicate, body_start):
                continue
            if not _only_reports(verb) and _dates_event(span.root, verb, body_start):
                later.append(time)
            elif speaker is not None and said_by(span.root, speaker):
                later.append(time)  # "X called for Y. ... X told reporters on Wednesday"
    # a stated day or hour before a vague "now" or "recently", even one of another lead
    # sentence ("..., and now the driver faces charges. He was arrested on Friday."); a vague
    # one of another sentence ("The team is currently ...") speaks of that sentence's state;
    # then, in each sentence, a day before a year, month or week ("X, founded in 2012, ...
    # on May 2"; "Last May, X was shot. ... Jurors arrived on Monday"): news dates its event
    # to the day, a coarser time tells background
    later = [t for t in later if not _vague(t)]
    return sorted(same + later, key=lambda t: (_vague(t), t not in same, _coarse(t)))


def _within(token: Token, clause: Token) -> bool:
    return clause.left_edge.i <= token.i <= clause.right_edge.i


def _dates_event(token: Token, verb: Token, body_start: int) -> bool:
    """Whether a time expression headed by ``token`` dates the event of ``verb``: it is not
    attached to the reporting, or the report is the actor's own announcement."""
    return not _attached_to_reporting(token, verb) or _self_announced(verb, body_start)


def _only_reports(verb: Token) -> bool:
    """A reporting verb that states no event of its own ("..., officials said"). One that
    acts on a thing ("announced a change", "confirmed the deal"), with no reported clause,
    is an event: the announcement."""
    if verb.lower_ not in REPORTING_VERBS:
        return False
    acted_on = any(  # a thing, not the person told ("told a judge")
        c.dep_ == "dobj" and c.pos_ in {"NOUN", "PROPN"} and c.i > verb.i and not is_someone(c)
        for c in verb.children
    )
    return not acted_on or any(c.dep_ == "ccomp" for c in verb.children)


def _self_announced(predicate: Token, body_start: int) -> bool:
    """Whether the event is an actor's own announcement of what it is doing: "X announced
    Wednesday it is buying Y", "The ministry said Tuesday it was lifting the rule". The
    announcement is then the act, and its date the event's. A third party's report ("state
    media said on Sunday X visited Y") or an actor's account of a done deed ("X said Tuesday
    it had fired Y", "... it fired Y") keeps its date apart: that is when it was told."""
    subject = _subject(predicate, body_start)
    if subject is None or subject.pos_ != "PRON":
        return False
    if _reporter_antecedent(predicate, subject, body_start) is subject:
        return False  # not the reporter speaking of itself
    auxes = {c.lower_ for c in predicate.children if c.dep_ in {"aux", "auxpass"}}
    return predicate.tag_ != "VBD" and "had" not in auxes


def _vague(time: TimeExpression) -> bool:
    """ "now", "recently", "soon": a reference to the present, past or future, no date."""
    return bool(time.value) and (time.value or "").endswith("_REF")


def _coarse(time: TimeExpression) -> bool:
    """A year, month, quarter or week ("in 2010", "last May"), not a day or an hour."""
    return time.kind == "date" and time.value is not None and not on_a_day(time)


def _dates_a_thing(token: Token, time: TimeExpression) -> bool:
    """A year that names a thing rather than dating the event: "the 2013 draft", "an
    injury-plagued 2010 season", "a 1999 movie"."""
    bare_year = bool(time.value) and len(time.value or "") == 4 and (time.value or "").isdigit()
    return bare_year and token.dep_ in {"nummod", "compound", "amod", "nmod"}


def _about_the_patient(verb: Token, predicate: Token, body_start: int) -> bool:
    """Whether a later lead sentence tells what happened to someone the main event acted on,
    with another verb: "The club has placed X on injured reserve. X was hurt last Thursday",
    "A jury has convicted X. X was arrested in 2011": that person's earlier story, so its
    time is not the main event's. The same verb restates the event ("Police arrested X. X
    was arrested on Friday") and may date it."""
    subject = _subject(verb, body_start)
    if subject is None or subject.pos_ == "PRON" or verb.lower_ == predicate.lower_:
        return False
    own = _subject(predicate, body_start)
    agent = {t.i for t in own.subtree} if own is not None else set()
    acted_on = {
        t.lower_
        for t in predicate.subtree
        if t.i > predicate.i and t.i not in agent and t.pos_ == "PROPN"
    }
    return any(t.pos_ == "PROPN" and t.lower_ in acted_on for t in subject.subtree)


def _starts_a_state(token: Token) -> bool:
    """A time after "since" is when a state began ("has been held since Monday", "hasn't won
    since 2005"), not when an event happened."""
    return token.dep_ == "pobj" and token.head.lower_ == "since"


def _news_score(
    doc: Doc, verb: Token, subject: Token, times: Sequence[TimeExpression], start: int, first: bool
) -> int:
    """How much a lead clause reads like the report of an event: someone did something, at a
    stated time, in the past ("X killed Y on Tuesday"), not a state, an opinion or a
    prospect ("X's season has come to an end", "X will have to ..."). A vague "now" or
    "recently" states no time ("Now, X became the fifth casualty. On Sunday, X was fired").
    ``start`` is where the body starts; ``first``, whether the clause opens the lead (the
    first one scored)."""
    dated: TimeExpression | None = None
    sent = verb.sent
    for time in times:
        if time.kind in {"date", "time"} and sent.start_char <= time.start < sent.end_char:
            span = doc.char_span(time.start, time.end, alignment_mode="expand")
            if span is None or _vague(time):
                continue
            if _dates_event(span.root, verb, start):
                dated = time
                break
    score = (dated is not None) + is_someone(subject)
    auxes = {c.lower_ for c in verb.children if c.dep_ in {"aux", "auxpass"}}
    perfect = verb.tag_ == "VBN" and bool(auxes & {"has", "have", "had", "was", "were"})
    # the news present tells an event as it happens: dated ("X is acquiring Y today"), or
    # opening the lead ("Senator X is endorsing Y")
    now = (dated is not None and happening_now(verb)) or (first and opens_on_news(verb, subject))
    if verb.tag_ == "VBD" or perfect or now:
        score += 1
    state = bool(auxes & MODALS) or verb.lower_ in _COPULAS or verb.lower_ in _STATIVE
    # a span of time as the subject sets a scene: "The year ended much as it started"
    if state or passing_of_time(subject):
        score -= 1
    if not _ends_a_sentence(sent):  # a headline or kicker left in the text
        score -= 1
    return score


def find_frame(
    doc: Doc,
    times: Sequence[TimeExpression],
    places: Sequence[Place],
    *,
    body_start: int = 0,
) -> tuple[Frame, list[TimeExpression]]:
    """The frame of the main event and the time expressions dating it (maybe none)."""
    frame = Frame()
    predicate: Token | None = None
    dateline = dateline_place(doc, body_start)
    body_start = headline_end(doc, body_start)  # the story, after any headline above it

    def event_dated(token: Token, verb: Token) -> bool:
        return not _starts_a_state(token) and _dates_event(token, verb, body_start)

    lead = _lead(doc, body_start)
    verbs = {sent.start: _event_predicate(sent) for sent in lead}  # once per sentence
    choices: list[tuple[int, int, Token, Token]] = []  # (score, rank, verb, subject)
    for rank, sent in enumerate(lead):
        verb = verbs[sent.start]
        subject = _subject(verb, body_start) if verb is not None else None
        if verb is not None and subject is not None and subject.pos_ == "PRON":
            subject = _reporter_antecedent(verb, subject, body_start)
        if verb is None or subject is None or subject.pos_ == "PRON":
            continue
        score = _news_score(doc, verb, subject, times, body_start, not choices)
        choices.append((score - rank, rank, verb, subject))
    # "Two years ago, X won an award. ... Sunday, X was arrested": the backdrop gives way
    behind = backdrops([c[2] for c in choices], times, event_dated)
    # "To date, X has used Y" tells a record up to now, the background of the news
    records = {c[2].i for c in choices if record_so_far(c[2])}
    if len(records) < len(choices):
        behind |= records
    choices = [c for c in choices if c[2].i not in behind]
    if choices:
        _, rank, verb, subject = max(choices, key=lambda c: (c[0], -c[1]))
        predicate = verb
        confidence = 0.8 - 0.15 * rank
        who = subject_tokens(subject, body_start, verb)
        who_confidence = confidence
        if not is_someone(subject):  # "A quake struck X, killing four people": who is hit
            stand_in = stand_in_agent(verb)
            penalty = 0.1
            if stand_in is None:  # else anyone the sentence names, less surely
                stand_in, penalty = named_in_clause(verb, subject, body_start), 0.2
            if stand_in is None and not names_someone(subject):  # else a later sentence's
                stand_in = someone_after(verb, list(verbs.values()), body_start)
            if stand_in is not None:  # the noun phrase without its prepositional phrases
                who = [t for t in stand_in.subtree if not in_prep(t, stand_in)]
            who_confidence -= penalty if stand_in is not None else 0.3
        frame.who = slot(doc, who, who_confidence)
        frame.what = slot(doc, what_tokens(verb, subject, body_start), confidence)
        frame.why = slot(doc, why_tokens(verb), confidence - 0.2)
        frame.how = slot(doc, how_tokens(verb), confidence - 0.3)
    # A date attached to the event wins over a "date not disclosed" elsewhere in the text
    # (which may concern another event); without one, the statement is taken at its word.
    dating = event_times(doc, times, predicate, verbs, body_start)
    if not dating and predicate is not None:  # "A new poll shows ...": when it was conducted
        dating = field_dates(doc, times, predicate.sent, body_start)
    if dating:
        first = dating[0]
        frame.when = FrameSlot(first.text, first.start, first.end, 0.7 if first.value else 0.4)
    clauses: list[tuple[Span, Token | None]] = []
    if predicate is not None:
        clauses.append((predicate.sent, predicate))
        clauses += [(s, verbs[s.start]) for s in lead if s.start != predicate.sent.start]
    elsewhen = dated_otherwise([s for s, _ in clauses[1:]], times, dating[:1])
    frame.where = event_place(doc, clauses, places, _attached_to_reporting, elsewhen, dateline)
    return frame, dating
