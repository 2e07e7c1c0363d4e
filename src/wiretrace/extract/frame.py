"""The 5W1H frame of an article's main event, and the event date apart from the report date.

News puts the main event in its lead: "Opposition leader X opened a new hospital, state
media said on Sunday". The frame reads it from the dependency parse of the first sentences
(the lead: up to four sentences of the body with a verb, after any dateline, and any
headline or bullet lines with a verb among them, which do not count):

* The **main event** is the clause of the lead that reads most like the report of an event
  (:func:`_news_score`): someone did something at a stated time, in the past, in a full
  sentence, not a state ("stood", "needed", "became"); the first sentence wins a tie, and a
  later one must beat it by two such marks ("X's season has come to an end. The team placed
  X on the injured list Wednesday."); a headline left above the story tells its past
  event in the present ("Rovers clinch title"), which counts as the past. A parse
  that takes a past-tense verb for a participle on the subject ("The actress, 33, headed
  to ...") is read as the sentence it is. The
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
  acts on, else the first people the sentence names but the source of its report, else,
  when the subject's phrase names no one either, the people a later lead sentence tells of
  (:mod:`wiretrace.extract.participants`: "A march turned violent. Hundreds of students
  threw stones ..."), else that source ("A fire gutted the mill, firefighters said"), else
  the subject with less confidence.
* **when** (:mod:`wiretrace.extract.eventtime`) is a time expression of the lead dating the
  event, never one attached to the reporting ("reported on May 7", "state media on Sunday":
  that is the report date, kept in ``Article.published``), unless the report is the actor's
  own announcement of what it is doing ("X announced Wednesday it is buying Y") or a later
  lead sentence gives the day the actor said it ("X called for Y. ... X told reporters on
  Wednesday", :mod:`wiretrace.extract.saying`), or nothing else in the lead dates the event
  and its own sentence gives the day a source said it ("X's lawyer said Thursday she checked
  into Y"; never an outlet's "reported"); a time inside the reported clause dates what is
  reported. Not a year or month naming a thing ("the 2013 draft", "a May 2011 spree"),
  nor the start of a state ("held since Monday"), nor the time of a fronted clause telling
  another event ("After spraining his knee last week, X ..."), nor of an aftermath ("X fled
  on Monday after a quake struck"); a stated day, even of another lead sentence (also one
  the parse leaves without a verb), wins over a vague "now" (another sentence's year, month
  or season is background, never taken), and a day or week of any lead sentence over a
  year, month, season or decade of the event's own ("Despite a run over the summer, X fired
  Y. Y was dismissed on Tuesday"), though not one of a sentence telling, with another
  verb, what befell a person the event acted on ("X has been released. X was hurt last
  week"). The publication date is never used. When the article says the date was not
  disclosed, ``when`` is empty and :attr:`Extraction.event_date_status` says ``"not
  disclosed"``.
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

from collections.abc import Sequence
from typing import TYPE_CHECKING

from wiretrace.extract.agents import is_someone, named_in_clause, stand_in_agent
from wiretrace.extract.eventtime import (
    attached_to_reporting,
    dates_event,
    event_times,
    starts_a_state,
    vague,
)
from wiretrace.extract.headline import headline_end
from wiretrace.extract.locative import (
    dated_otherwise,
    dateline_place,
    event_place,
)
from wiretrace.extract.mainevent import (
    MODALS,
    aftermath,
    backdrops,
    believed,
    done_before,
    happening_now,
    headline_present,
    opens_on_news,
    passing_of_time,
    record_so_far,
)
from wiretrace.extract.participants import names_someone, someone_after
from wiretrace.extract.polls import field_dates
from wiretrace.extract.predicate import (
    REPORTING_VERBS,
    how_tokens,
    in_prep,
    reporter_antecedent,
    slot,
    subject_of,
    subject_tokens,
    what_tokens,
    why_tokens,
)
from wiretrace.models import Frame, FrameSlot, Place, TimeExpression

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

__all__ = ["find_frame"]

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
    speaker = subject_of(root)
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
        if child.i < clause.i and child.dep_ in {"ccomp", "advcl", "conj"} and subject_of(child):
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
        subject = subject_of(clause)
        if subject is not None and is_someone(subject):
            return clause
    return None


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
            if span is None or vague(time):
                continue
            if dates_event(span.root, verb, start):
                dated = time
                break
    score = (dated is not None) + is_someone(subject)
    auxes = {c.lower_ for c in verb.children if c.dep_ in {"aux", "auxpass"}}
    perfect = verb.tag_ == "VBN" and bool(auxes & {"has", "have", "had", "was", "were"})
    # the news present tells an event as it happens: dated ("X is acquiring Y today"), or
    # opening the lead ("Senator X is endorsing Y")
    now = (dated is not None and happening_now(verb)) or (first and opens_on_news(verb, subject))
    # a headline left above the story tells its (past) event in the present: "X beats Y"
    # (not a line that introduces a quote: "The paper reports:")
    last = [t for t in sent if not t.is_space][-1]
    told = not _ends_a_sentence(sent) and last.text != ":" and headline_present(verb)
    if verb.tag_ == "VBD" or perfect or now or told:
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
        return not starts_a_state(token) and dates_event(token, verb, body_start)

    lead = _lead(doc, body_start)
    verbs = {sent.start: _event_predicate(sent) for sent in lead}  # once per sentence
    choices: list[tuple[int, int, Token, Token]] = []  # (score, rank, verb, subject)
    for rank, sent in enumerate(lead):
        verb = verbs[sent.start]
        subject = subject_of(verb, body_start) if verb is not None else None
        if verb is not None and subject is not None and subject.pos_ == "PRON":
            subject = reporter_antecedent(verb, subject, body_start)
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
            if stand_in is None:  # else anyone the sentence names but its source, less surely
                stand_in, penalty = named_in_clause(verb, subject, body_start, sources=False), 0.2
            if stand_in is None and not names_someone(subject):  # else a later sentence's,
                stand_in = someone_after(verb, list(verbs.values()), body_start)
                stand_in = stand_in or named_in_clause(verb, subject, body_start)  # the source
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
    frame.where = event_place(doc, clauses, places, attached_to_reporting, elsewhen, dateline)
    return frame, dating
