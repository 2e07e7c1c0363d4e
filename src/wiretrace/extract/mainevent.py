"""Which clause of the lead tells the article's main event: marks beside :mod:`frame`'s score.

Feature-style leads do not open on the news. They set a scene or a backdrop first ("The year
ended much as it started, ...", "Two years ago, X won an award ...") and tell the event
after, or tell it in the news present ("X is acquiring Y today"). The frame scores each
lead clause for how much it reads like the report of an event
(:func:`wiretrace.extract.frame._news_score`); the rules here are general English news
grammar that refine that score, kept apart so that the frame module stays readable:

* :func:`aftermath`: a lead that opens on a disaster's aftermath ("Thousands fled after a
  quake struck X") tells the disaster, the event, in its clause of "after";
* :func:`done_before`: a clause of what is to come ("X will worship in a school after a fire
  destroyed the church", "X will play in the final after beating Y") tells the news's
  consequence; the act done, the event, is in its clause of "after";
* :func:`believed`: a verb of belief or suspicion ("Police believe X shot Y", "they
  suspect arson caused the fire") carries the event in its clause, as a reporting verb does;
* :func:`further_acts`: the verbs of the event's clause that tell more of the act (a second
  act coordinated on it, what a past act achieved: "scored 20 points to break the record");
* :func:`final_score`: a contest's report that tells a player's feat and the final score in
  one sentence ("X scored 23 points and the Y beat Z 65-53", "X threw for 205 yards, and
  his pass gave the Y a 20-13 win") has the result, the score, as its act;
* :func:`happening_now`: a present progressive dated by the clause itself ("X is acquiring
  Y today") tells an event as it happens, as much as a past tense does, and so does one of
  someone that opens the lead undated (:func:`opens_on_news`: "Senator X is endorsing Y");
* :func:`headline_present`: a headline left above the story ("Rovers clinch title
  with 2-1 win") tells its past event in the plain present, which counts as the past does;
* :func:`passing_of_time`: a clause whose subject is a span of time ("The year ended", "The
  week began with ...") tells time passing, a scene, not an event;
* :func:`backdrops`: a clause dated only by a year or a month ("Two years ago, the club won
  an award ..."), in a lead where another clause is dated to the day ("Sunday, one of its
  players was arrested ..."), is the backdrop of the news, not the news.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from wiretrace.extract.agents import is_someone
from wiretrace.extract.cues import inflect, word_set
from wiretrace.extract.placeroles import in_another_event

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from spacy.tokens import Token

    from wiretrace.models import TimeExpression

__all__ = [
    "MODALS",
    "aftermath",
    "backdrops",
    "believed",
    "done_before",
    "final_score",
    "further_acts",
    "happening_now",
    "headline_present",
    "on_a_day",
    "opens_on_news",
    "passing_of_time",
    "record_so_far",
    "tells_a_disaster",
]

_YEAR_OR_MONTH = re.compile(r"[0-9X]{3}[0-9X]?(-[0-9]{2})?")
_DAY = re.compile(r"[0-9X]{4}-([0-9]{2}-[0-9]{2}|W[0-9X]{2}-[1-7])")
_PRESENT_BE = frozenset({"is", "are", "am", "'s", "'re"})
_BE_FORMS = _PRESENT_BE | {"has", "have", "'ve"}
# Nouns for a span of time (general English): as a subject they make the clause a scene.
_TIME_NOUNS = frozenset(
    {"year", "years", "season", "seasons", "month", "months", "week", "weeks", "day", "days"}
    | {"night", "nights", "weekend", "decade", "era", "morning", "evening", "afternoon"}
)

# Verbs of belief or suspicion (general English, every form: the parse carries no lemmas).
_BELIEF = frozenset(
    {"believe", "believes", "believed", "suspect", "suspects", "suspected", "think"}
    | {"thinks", "thought", "fear", "fears", "feared"}
)

# Disasters (general English): the news of one often leads with its aftermath.
_DISASTERS = frozenset(
    {"earthquake", "earthquakes", "quake", "quakes", "tremor", "tremors", "aftershock"}
    | {"storm", "storms", "hurricane", "typhoon", "cyclone", "tornado", "tornadoes", "flood"}
    | {"floods", "flooding", "fire", "fires", "blaze", "wildfire", "wildfires", "explosion"}
    | {"explosions", "blast", "blasts", "landslide", "landslides", "avalanche", "tsunami"}
    | {"eruption", "eruptions", "mudslide", "mudslides", "typhoons", "hurricanes", "cyclones"}
    | {"avalanches", "tsunamis", "tornados"}
)
_AFTER = frozenset({"after", "following"})
# Modal verbs (general English): a clause with one tells what may or is to happen.
MODALS = frozenset({"will", "would", "could", "may", "might", "should", "can", "must", "'ll"})
# What people and buildings do in a disaster's wake (general English, every form): flee,
# shelter, search, mourn, crowd into camps, collapse, die; and a copula ("Rescue operations
# are under way"). A deliberate act or a market's move after a disaster ("The minister
# resigned after a fire killed ...", "Shares fell after a fire shut ...") is news of its own.
_AFTERMATH_VERBS = frozenset(
    {
        form
        for base in word_set(
            "evacuate shelter search rescue scramble mourn rush struggle battle camp huddle "
            "pray wait gather grieve collapse crumble die survey assess clear remain trap strand "
            "flood crowd pour throng stream"
        )
        for form in inflect(base)
    }
    | {"flee", "flees", "fled", "fleeing", "seek", "seeks", "sought", "seeking", "dig", "digs"}
    | {"dug", "digging", "sleep", "sleeps", "slept", "sleeping", "lie", "lies", "lay", "lying"}
    | {"is", "are", "was", "were"}
)
# Outcomes a contest's act achieves (general English, every form): "scored twice to break
# the record", "ran the final to win the title", "threw three touchdowns to lead the team
# past X". A purpose ("raided the house to search for
# weapons") is not what happened.
_OUTCOME_VERBS = frozenset(
    {
        form
        for base in word_set(
            "break secure retain claim earn reach clinch extend complete seal end snap tie "
            "equal match force advance improve move lift help carry propel guide power"
        )
        for form in inflect(base)
    }
    | {"win", "wins", "won", "winning", "set", "sets", "setting", "keep", "keeps", "kept"}
    | {"become", "becomes", "became", "becoming", "take", "takes", "took", "taken", "taking"}
    | {"send", "sends", "sent", "sending", "lead", "leads", "led", "leading", "give", "gives"}
    | {"gave", "given", "giving"}
)


def aftermath(verb: Token) -> Token:
    """The disaster a clause tells the aftermath of: "Thousands fled their homes after a
    quake struck X", "Rescue operations are under way after a storm hit Y". News of a
    disaster leads with its effects and tells the disaster, the event, in a clause of
    "after" in the past tense whose subject is the disaster. A passive main clause tells
    what was done to someone ("X was arrested after a fire destroyed Y"), and one whose
    subject is a disaster too ("A quake rattled X days after a quake levelled Y"): those
    stay the event. One with a modal tells what is to come after any act, a disaster or not
    (:func:`done_before`)."""
    if verb.lower_ not in _AFTERMATH_VERBS:
        return verb
    if any(c.dep_ == "auxpass" or c.lower_ in MODALS for c in verb.children):
        return verb
    if any(c.dep_ == "nsubj" and c.lower_ in _DISASTERS for c in verb.children):
        return verb
    for clause in verb.children:
        if clause.i > verb.i and clause.tag_ == "VBD" and tells_a_disaster(clause):
            return clause
    return verb


def done_before(verb: Token) -> Token:
    """The act a clause of what is to come follows: in "The team will play in the final
    after beating its rival on Sunday" or "X will worship in a school after a fire destroyed
    the church" what happened is the beating and the fire; the modal clause ("will play",
    "could face") tells a prospect, which news reports as the consequence of its event. The
    act is a clause of "after" with a verb in the past tense and a subject of its own, or a
    gerund under "after" (whose subject is the main clause's: "after beating"). A verb
    without a modal ("X resigned after a fire killed Y") keeps its own event."""
    if not any(c.dep_ == "aux" and c.lower_ in MODALS for c in verb.children):
        return verb
    for child in verb.children:
        if child.i < verb.i:
            continue
        if child.dep_ == "advcl" and child.tag_ == "VBD":
            marks = {c.lower_ for c in child.children if c.dep_ == "mark"}
            if "after" in marks and any(c.dep_ in {"nsubj", "nsubjpass"} for c in child.children):
                return child
        if child.dep_ == "prep" and child.lower_ == "after":
            gerunds = [c for c in child.children if c.dep_ == "pcomp" and c.tag_ == "VBG"]
            if gerunds:
                return gerunds[0]
    return verb


def tells_a_disaster(clause: Token) -> bool:
    """Whether ``clause`` is a clause of "after" whose subject is a disaster ("... after a
    quake struck X"): the event of an aftermath's lead (:func:`aftermath`)."""
    if clause.dep_ != "advcl":
        return False
    marks = {c.lower_ for c in clause.children if c.dep_ == "mark"}
    subjects = [c for c in clause.children if c.dep_ == "nsubj"]
    return bool(marks & _AFTER) and bool(subjects) and subjects[0].lower_ in _DISASTERS


def believed(verb: Token) -> Token:
    """The event a verb of belief carries: in "Police believe the man shot his neighbour"
    or "They suspect arson caused the fire" what is believed is the news, the belief its
    source. A clause with a subject of its own; else the verb itself. Not a belief denied
    ("Police do not believe ...", "no longer suspect"), nor one of what is to come
    ("Analysts think the bank will cut rates"): that is no event."""
    if verb.lower_ not in _BELIEF:
        return verb
    if any(c.dep_ == "neg" or c.lower_ == "longer" for c in verb.children):
        return verb
    for child in verb.children:
        subject = any(c.dep_ in {"nsubj", "nsubjpass"} for c in child.children)
        modal = any(c.dep_ == "aux" and c.lower_ in MODALS for c in child.children)
        if child.dep_ == "ccomp" and child.pos_ in {"VERB", "AUX"} and subject and not modal:
            return child
    return verb


def further_acts(verb: Token) -> list[Token]:
    """The verbs of the event's clause that tell more of the act, in order: a second act or
    state of the same subject coordinated on it, in the same tense ("crossed the border and
    dropped bombs", "is still at large and is now on the most-wanted list"; not "... and
    the crowd fled", a clause with a subject of its own); and what an
    act in the past achieved, in an infinitive of an outcome after it ("scored 20 points to
    break the record", "stopped X in the sixth round to retain the title"; not a purpose,
    "raided the house to search for weapons"): both are part of what happened, and often
    the part the news is about. The caller leaves out a reporting verb ("reported a loss
    and said ...")."""
    after = [c for c in verb.children if c.i > verb.i and c.pos_ in {"VERB", "AUX"}]
    second = [
        c
        for c in after
        if c.dep_ == "conj"
        and c.tag_ == verb.tag_
        and not any(s.dep_ in {"nsubj", "nsubjpass"} for s in c.children)
    ]
    achieved = [
        c
        for c in after
        if c.dep_ == "advcl"
        and verb.tag_ == "VBD"
        and c.lower_ in _OUTCOME_VERBS
        and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
    ]
    return second[:1] + achieved[:1]


# A final score as one token ("31-24"); the tokenizer may also split it ("31 - 24").
_SCORE = re.compile(r"[0-9]{1,3}[-–][0-9]{1,3}")
_DASHES = frozenset({"-", "–", "—"})
# What a final score tells (general English, every form): a win, a loss, a draw.
_RESULT_NOUNS = word_set(
    "victory victories win wins defeat defeats loss losses rout routs triumph upset draw tie "
    "shutout"
)
_RESULT_VERBS = frozenset(
    {
        form
        for base in word_set("defeat rout edge top down outlast blank crush thrash upset")
        for form in inflect(base)
    }
    | {"beat", "beats", "beaten", "beating", "win", "wins", "won", "winning", "lose", "loses"}
    | {"lost", "losing"}
)
# How a clause of the result may hang from the event's verb: a clause coordinated on it or
# set beside it, or a phrase of it ("in helping the team to a 65-53 victory"); not a clause
# on a noun ("X, who led the team to a 20-13 win last week, was arrested").
_RESULT_PATH = frozenset({"conj", "advcl", "pcomp", "prep", "xcomp", "dobj", "pobj", "dative"})


def final_score(verb: Token) -> tuple[Token, Token] | None:
    """The clause of a contest's result beside the event's clause: in "X scored 23 points to
    become the leading scorer and the Y defeated Z 65-53" or "X threw for 205 yards, and his
    pass gave the Y a 20-13 win" the player's feat is the detail and the final score, the
    game's result, the news. A score ("65-53", "65 - 53") of a result (a win, a loss, "beat",
    "defeated") in a clause or phrase below the event's verb, not in a clause of time ("after
    a 31-24 loss") nor on a noun: the result's verb and the last token of its phrase or
    score ("beat Z 78 - 64"). None when the score is the event verb's own ("The Y beat Z
    31-24")."""
    for number in verb.sent:
        if not _a_score(number):
            continue
        path: list[Token] = []
        current, result = number, False
        while current.pos_ not in {"VERB", "AUX"} and current.head.i != current.i:
            result = result or current.lower_ in _RESULT_NOUNS
            path.append(current)
            current = current.head
        if current.i == verb.i or not path or not (result or current.lower_ in _RESULT_VERBS):
            continue
        if _hangs_below(current, verb):
            end = number.i + (0 if _SCORE.fullmatch(number.text) else 2)  # "78 - 64"
            return current, verb.doc[max(path[-1].right_edge.i, end)]
    return None


def _a_score(token: Token) -> bool:
    if _SCORE.fullmatch(token.text):
        return True
    doc, i = token.doc, token.i
    if not token.like_num or i + 2 >= len(doc) or doc[i + 1].text not in _DASHES:
        return False
    return doc[i + 2].like_num and len(token.text) <= 3 and len(doc[i + 2].text) <= 3


def _hangs_below(clause: Token, verb: Token) -> bool:
    """Whether ``clause`` hangs from ``verb`` through clauses and phrases of its own, none a
    clause of time."""
    while clause.i != verb.i:
        if clause.dep_ not in _RESULT_PATH or clause.head.i == clause.i:
            return False
        marks = {c.lower_ for c in clause.children if c.dep_ == "mark"}
        if marks & (_AFTER | {"before", "since", "when", "while", "until"}):
            return False
        if clause.dep_ == "prep" and clause.lower_ in _AFTER | {"before", "since", "until"}:
            return False
        clause = clause.head
    return True


def happening_now(verb: Token) -> bool:
    """Whether the verb is in the present progressive ("X is acquiring Y"). Dated by a stated
    day in its own clause ("X is acquiring Y today", "Police are searching the area on
    Monday") it tells an event as it happens, as much as a past tense does; without one
    (or with a vague "now", "current") it is a state or a trend ("X is struggling"): the
    caller checks the time, or asks :func:`opens_on_news`."""
    if verb.tag_ != "VBG":
        return False
    return any(c.dep_ == "aux" and c.lower_ in _PRESENT_BE for c in verb.children)


def headline_present(verb: Token) -> bool:
    """Whether the verb is in the plain present of headline grammar ("X beats Y", "Riot
    breaks out in Z", "Rovers clinch title"): a headline tells a past event in the
    present tense. Not with an auxiliary ("X is to face Y", "X will play"), nor negated."""
    if verb.tag_ not in {"VBZ", "VBP"} or verb.lower_ in _BE_FORMS:
        return False
    return not any(c.dep_ in {"aux", "auxpass", "neg"} for c in verb.children)


def opens_on_news(verb: Token, subject: Token) -> bool:
    """Whether an undated present progressive opening the lead tells its news: "Senator X
    is endorsing Y's campaign, the latest turn in ...", "General X is speaking out about Y".
    A story opens on its event, and a person doing something in the news present in its
    first sentence is that event as it unfolds; further down, undated, the same tense tells
    a state or a trend ("The team is struggling"). Someone acts, and the verb is not
    negated ("X isn't saying much"). The caller checks that the clause opens the lead."""
    return happening_now(verb) and is_someone(subject) and not _negated(verb)


def _negated(verb: Token) -> bool:
    return any(c.dep_ == "neg" for c in verb.children)


def passing_of_time(subject: Token) -> bool:
    """Whether the subject is a span of time ("The major year ended much as it started",
    "The day began with ..."): the clause sets a scene and tells no event of its own."""
    return subject.lower_ in _TIME_NOUNS and subject.pos_ == "NOUN"


# Phrases that make a perfect tense a record up to now (general English): "To date, X has
# used Y", "X has so far raised Y".
_SO_FAR = frozenset({("to", "date"), ("so", "far"), ("thus", "far"), ("until", "now")})


def record_so_far(verb: Token) -> bool:
    """Whether a verb in the perfect tells a record up to now ("To date, X has used Y",
    "X has so far won ten races"): a state reached over time, not an event."""
    if not any(c.dep_ == "aux" and c.lower_ in {"has", "have"} for c in verb.children):
        return False
    for child in verb.children:
        pair = (child.lower_, child.nbor().lower_ if child.i + 1 < len(child.doc) else "")
        if pair in _SO_FAR:
            return True
    return False


def backdrops(
    verbs: Sequence[Token],
    times: Sequence[TimeExpression],
    dates_event: Callable[[Token, Token], bool],
) -> frozenset[int]:
    """The indexes of the ``verbs`` (of the lead's clauses the frame chooses among) whose
    clause is dated only by a year or a month ("Two years ago", "Last May", "In 2005") while
    another is dated to the day or hour ("Sunday", "May 2", "Tuesday night"). News dates its
    event to the day; a clause dated more coarsely beside it is the backdrop.
    ``dates_event(token, verb)`` says whether a time headed by ``token`` dates the verb's
    event rather than its reporting or a state's start."""
    dated = {verb.i: _clause_times(verb, times, dates_event) for verb in verbs}
    daily = {i for i, found in dated.items() if any(map(on_a_day, found))}
    if not daily:
        return frozenset()
    return frozenset(
        i
        for i, found in dated.items()
        if i not in daily and any(_YEAR_OR_MONTH.fullmatch(t.value or "") for t in found)
    )


def on_a_day(time: TimeExpression) -> bool:
    """Whether the time names a day or an hour of one ("Friday", "May 2", "Tuesday night"),
    not only a year, month, quarter, week or weekend."""
    return bool(_DAY.match(time.value or ""))


def _clause_times(
    verb: Token, times: Sequence[TimeExpression], dates_event: Callable[[Token, Token], bool]
) -> list[TimeExpression]:
    """The time expressions of the verb's sentence that date its event: not a time naming a
    thing ("a May 2011 shooting spree"), one in a clause on a noun ("X, founded in 2012"),
    nor one of a fronted clause telling another event."""
    sent, found = verb.sent, []
    for time in times:
        span = verb.doc.char_span(time.start, time.end, alignment_mode="expand")
        if time.kind not in {"date", "time"} or span is None or span.sent.start != sent.start:
            continue
        root = span.root
        naming = root.dep_ in {"nummod", "compound", "amod", "nmod"} and root.head.i >= span.end
        if naming or _in_a_noun_clause(root, verb) or in_another_event(root, verb):
            continue
        if dates_event(root, verb):
            found.append(time)
    return found


def _in_a_noun_clause(token: Token, verb: Token) -> bool:
    """Whether ``token`` sits in a clause on a noun ("X, founded in 2012", "the man who fled
    on Monday") below ``verb``: it dates that clause, not the verb's event."""
    while token.i != verb.i and token.head.i != token.i:
        if token.dep_ in {"acl", "relcl"}:
            return True
        token = token.head
    return False
