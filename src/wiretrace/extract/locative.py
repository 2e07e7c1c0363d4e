"""Where the main event happened: the place the lead attaches to the event, named or not.

A lead says where in a few ways: a named place in an "in/at/near" phrase of the event's verb
("opened a hospital in X"), a place as its object ("struck X"), a facility after "at/in/into"
("checked into the Y Treatment Center"), or a common-noun place ("was hit on a busy street",
"checked into rehab", "died at the scene"). The rules, in order of trust:

1. a place a sentence explicitly locates, anywhere in the text ("is likely located in X";
   :mod:`~wiretrace.extract.places` marks it ``event``, with its hedge), though not an
   organisation's seat ("based in X") nor where someone is kept ("Y is held at X");
2. a place hanging off the event's verb through locative prepositions, objects and clauses
   ("after stopping Y at the Z Arena in W"), the verb's own phrases before those of a clause
   of its own ("worshipped in a school after a fire destroyed the X Church": the school),
   named places first, though not "the country" or "the city" when the sentence names the
   place it refers back to;
3. a named place elsewhere in the event's sentence, in a locative phrase or the subject
   ("Voters in X cast ballots", "The election of X ended"), though not the subject of a
   relative or content clause ("voted in an election X sees as a test": X looks on, it is no
   site); a common noun there, neither on the event's verb nor on its subject ("Two schools
   in the state were closed"), is some other thing's place ("a flaw that appeared on the
   scene", "a tool for users in an area hit by a crisis") or no place at all ("with a month
   left in office");
4. a place hanging off the event verb of another lead sentence, one of the two first after
   the event's own (the lead's fourth sentence and later ones tell the background: "X fired
   its coach on Sunday. ... The team's next game is in Y"), and in the second of them only a
   named place (a common noun there is most often the background's setting: "X fired its
   coach on Sunday. ... Fans had gathered at the stadium"), though not of one dated to
   another day than the event ("X fired its coach on Saturday. ... Friday's loss at Y":
   Friday's loss is another event), nor one under a verb negated with "not" ("The plant will
   not be built in X": nothing happens there);
5. a named place in a locative phrase of another lead sentence, though the parse does not
   tie it to that sentence's verb ("... floored Y late in the fifth round at X"; the same
   exceptions); a common noun there ("a man who grew up on a farm") is no answer, nor a
   place on a noun in a relative or content clause ("a rule that caps rents in flats in X");
6. last, with the least confidence, a place of a prison term ("sentenced to life in
   prison": where someone is to be held, not where the event was), else a named place that
   only the reporting names in the main event's sentence as the body the source speaks for
   ("The government of X said ..."): a source close to the event is usually where it
   happened; not where an outlet sits ("A station in X reports ...").

Never a place that belongs to a person ("a professor in X", "Y, 36, of X", "a X man", "two
students from X", "his post as coach at X"), to a thing ("X's record"; though a court or
police force named by its place sits there: "a X jury convicted Y", "convicted by a X jury")
or to the reporting ("X reports", "told Y") before rule 6, nor one in a relative clause on a
person ("a profile of a nurse who worked in X": the person's own story), nor a one-word
"place" that is the first or last name of a person the article names in full (a name the NER
took for a place: "Y said ... Y Z, a lawyer"; a first name still places after "in" or
"near": "a mill in Y"), nor a state the verb addresses ("accused X of ...", "warned X that
...": a party, not a site), nor a side in a contest ("beat the host X": a team the NER took
for its town), nor a website ("X.com reports"), nor a party after "to" on a noun ("a loss to
X"), nor where a verb's object was sent ("sent the bill to X", "brought jobs to towns"), nor
a place of a fronted clause telling another event ("After leaving X, Y checked into Z": Z).
A name after "at" is a venue whatever the NER calls it ("at X", an arena tagged as an
organisation). A common noun counts as a place only when it names a kind of place
(:data:`PLACE_NOUNS`, or their plural after a locative preposition: "in three counties";
also in lower case when the tagger took it for a name) after a locative preposition or as
what the verb acts on ("entered rehab"): "in the sixth round", "in a statement" and a
hyphenated modifier ("an off-the-field issue", "state-run") are not places. A named place
owning a place noun stands for the whole ("X's eastern province of Y"), and one after "of" a
place noun hangs where the noun does ("in her hometown of X"). A named place modifying an
occasion (:mod:`wiretrace.extract.occasions`: "won the X primary", "her X victory speech",
"X's elections") says where it was held, and hangs where the occasion does. The dateline
comes last of all, after rule 6: it says where the report was filed, which may not be where
the event was (a capital's bureau reporting on another country), but when nothing in the
lead places the event it is the best guess left, a report being most often filed from where
its news is ("X (AGENCY) - The museum opened on Saturday ..."). After the dateline, when
there is none, an occasion the event's verb was at ("said during a town hall", "claimed at
Saturday's debate", "spoke at a news conference") is its setting: a venue, though it names
no place. Last of all, a named place a lead sentence's speaker spoke at, though on the
reporting verb ("'...,' X said during a panel discussion at the Y Center", "During a visit
to the Z Department, X said ..."): the lead tells one event, often a statement, and that is
where it was made."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from wiretrace.clean.metadata import parse_dateline
from wiretrace.extract.agents import is_someone
from wiretrace.extract.occasions import HELD, gathering, occasion_of, occasion_setting
from wiretrace.extract.placeroles import (
    PLACE_NOUNS,
    SEATED_BODIES,
    a_side,
    addressed,
    hangs_off,
    in_another_event,
    in_content,
    in_locative_phrase,
    in_subclause,
    negated,
    on_a_verb,
    on_someone,
    person_owned,
    place_noun,
    placed_in,
    seat_of_the_source,
    surnames,
)
from wiretrace.models import FrameSlot, Place, TimeExpression
from wiretrace.nlp import ents_in, ents_of, text_of

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

__all__ = [
    "PLACE_NOUNS",
    "dated_otherwise",
    "dateline_place",
    "event_place",
    "located",
    "place_noun",
]

_WEB_SUFFIX = re.compile(r"\s?\.\s?(?:com|net|org)\b", re.IGNORECASE)
_GENERIC_PLACES = frozenset(
    {"country", "nation", "city", "town", "village", "state", "province", "region", "area"}
    | {"capital", "island", "county", "district"}
)
_NOT_BEFORE_OF = frozenset({"state", "site", "scene"})
# Spans of time a sentence or a stay is counted in (see _held_there).
_TERMS = frozenset({"life", "years", "months", "weeks", "days", "decades", "term", "terms"})
_DAY = re.compile(r"(\d{4}-\d{2}-\d{2})|XXXX-WXX-(\d)")
_MAX_PLACE_TOKENS = 10
# How many of the lead's sentences (the event's first, then the others in order) may place
# the event (see event_place)
_PLACING_CLAUSES = 3
_LOCATING = re.compile(
    r"\b(?:located|situated|based|held|took place|happened|occurred|hosted|staged)\s+"
    r"(?:\w+\s+){0,2}?(?:in|at|near|outside)\b|\bis\s+(?:in|near)\b",
    re.IGNORECASE,
)


def located(ent: Span, *, based: bool = True) -> bool:
    """Whether ``ent``'s sentence explicitly locates something there ("is located in X");
    with ``based=False`` an organisation's seat ("based in X") does not count."""
    begin = max(ent.sent.start_char, ent.start_char - 60)
    window = text_of(ent.doc)[begin : ent.start_char]
    return any(
        len(window[m.end() :].split()) <= 2
        and (based or not m.group().lower().startswith("based"))
        and not _detained(ent.doc.char_span(begin + m.start(), begin + m.end(), "expand"))
        for m in _LOCATING.finditer(window)
    )


def _detained(words: Span | None) -> bool:
    """Whether "held ... at/in X" holds someone ("The suspect has been held without bail at
    X"): where a person is kept, not where an event is held ("The vote was held in X")."""
    if words is None or words[0].lower_ != "held":
        return False
    subjects = [c for c in words[0].children if c.dep_ in {"nsubjpass", "nsubj"}]
    return any(is_someone(s) for s in subjects)


@dataclass(frozen=True)
class _Candidate:
    start: int  # character offsets
    end: int
    root: Token
    named: bool
    occasion: bool = False  # "during a town hall": the occasion, a venue of last resort


def _venue(ent: Span) -> bool:
    """A name after "at" names a venue, whatever the NER calls it: "won the fight at X", "in
    the fifth round at X" (an arena the NER tagged as an organisation). Not a person's
    employer ("a professor at X"), nor an organisation the article has act ("X said ...",
    "X will pay ..."; then "a new division at X" is the firm, not a site)."""
    token, at = ent.root, ent.root.head
    if token.dep_ != "pobj" or at.lower_ != "at" or at.head.ent_type_ == "PERSON":
        return False
    return ent.text.lower() not in _actors(ent.doc)


def _actors(doc: Doc) -> frozenset[str]:
    """The organisations the article names as the subject of a verb."""
    return frozenset(
        e.text.lower() for e in ents_of(doc) if e.label_ == "ORG" and e.root.dep_ in _LOOSE_DEPS
    )


def _noun_place(token: Token) -> Span | None:
    """The noun phrase of a common-noun place after a locative preposition ("on a busy
    street") or acted on by a verb ("entered rehab", "bombed a camp"), or None."""
    locative = in_locative_phrase(token)
    # "entered rehab", "bombed a camp"; "left office" is an idiom
    acted_on = token.dep_ == "dobj" and token.head.pos_ == "VERB" and token.lower_ != "office"
    if not (locative or acted_on):
        return None
    # a lower-case word the tagger took for a name ("checked into rehab") is still a noun
    common = token.pos_ == "NOUN" or (token.pos_ == "PROPN" and token.is_lower)
    if not place_noun(token.lower_) or not common:
        return None
    if acted_on and not locative and token.lower_ not in PLACE_NOUNS:
        return None  # "damaged houses" says what was hit; "in three counties" says where
    if token.lower_ in _NOT_BEFORE_OF and any(c.lower_ == "of" for c in token.children):
        return None  # "a state of shock", "the scene of the crime" (the crime is the event)
    doc = token.doc
    if (token.i >= 1 and doc[token.i - 1].text == "-") or (
        token.i + 1 < len(doc) and doc[token.i + 1].text == "-"
    ):
        return None  # part of a hyphenated modifier: "in-house", "off-the-field", "state-run"
    return _phrase(token)


def _phrase(token: Token) -> Span:
    """The noun phrase of ``token`` up to a relative clause, a comma or a bracket."""
    clauses = {  # "sites that try ...": the relative pronoun belongs to the clause
        w.i for c in token.children if c.dep_ in {"relcl", "acl"} for w in c.subtree
    }
    end = token.i + 1  # the noun phrase up to a relative clause, a comma or a bracket
    for word in token.doc[token.i + 1 : token.right_edge.i + 1]:
        if word.i in clauses or word.text in {",", ";", "(", "—"} or word.is_space:
            break
        end = word.i + 1
    first = token.left_edge.i
    return token.doc[first : min(end, first + _MAX_PLACE_TOKENS)]


_WHEN = frozenset({"DATE", "TIME"})  # "a discussion on May 16" names a day, not a place


def _occasion_place(token: Token) -> Span | None:
    """The noun phrase of an occasion the event took place at ("said during a town hall"),
    or None."""
    return _phrase(token) if occasion_setting(token) else None


def _held_there(candidate: _Candidate) -> bool:
    """A common-noun place after a span of time: "life in prison", "20 years behind bars", "a
    term in jail". It says where someone is to be held (the sentence a court passes), not
    where the event happened, so it is the last answer the lead's sentence gives."""
    prep = candidate.root.head
    if candidate.named or not in_locative_phrase(candidate.root) or prep.i == 0:
        return False
    return prep.lower_ in {"in", "behind"} and prep.doc[prep.i - 1].lower_ in _TERMS


def _candidates(sent: Span, places: Sequence[Place]) -> list[_Candidate]:
    doc = sent.doc
    found: list[_Candidate] = []
    for place in places:
        if sent.start_char <= place.start < sent.end_char:
            span = doc.char_span(place.start, place.end, alignment_mode="expand")
            if span is None:
                continue
            root = span.root
            # "in X, Y" parsed with Y elsewhere: the place hangs by its locative part
            hung = [
                t for t in span if in_locative_phrase(t) and not span.start <= t.head.i < span.end
            ]
            if hung and not in_locative_phrase(root):
                root = hung[0]
            end = place.end
            if _of_a_place(root):  # "in her hometown of X": X hangs by the place noun
                root = root.head.head
            elif root.dep_ in {"compound", "poss"} and place_noun(root.head.lower_):
                root = root.head  # "in the X school", "on X's highest peak"
                # the whole place: "X's eastern province of Y" names Y as well
                of_phrase = [c for c in root.children if c.lower_ == "of" and c.i > root.i]
                last = of_phrase[0].right_edge if of_phrase else root
                end = max(end, last.idx + len(last.text))
            elif root.dep_ in {"compound", "amod"} and root.head.lower_ in SEATED_BODIES:
                root = root.head  # "A X jury convicted Y": the jury sits where it acts
            elif root.dep_ in {"compound", "poss"} and (held := occasion_of(root)) is not None:
                root = held  # "won the X primary", "X's elections": held in X
            found.append(_Candidate(place.start, end, root, True))
    for ent in ents_in(sent):  # an organisation named as a site after "at/in": "at X University"
        site = ent.label_ == "ORG" and (
            (ent[-1].lower_ in PLACE_NOUNS and in_locative_phrase(ent.root)) or _venue(ent)
        )
        if site and not any(c.start < ent.end_char and ent.start_char < c.end for c in found):
            found.append(_Candidate(ent.start_char, ent.end_char, ent.root, True))
    names = surnames(doc)
    # a named place inside a common-noun place stands for it, though not one dropped as a
    # thing's ("in an ice cave on X's Mount Y": X owns a name the NER missed; the cave stays)
    found = [c for c in found if _kept(c, names)]
    named = [(c.start, c.end) for c in found]
    for token in sent:
        span = _noun_place(token)
        occasion = span is None
        span = _occasion_place(token) if span is None else span
        if span is None:
            continue
        start, end = span.start_char, span.end_char
        if any(s < end and start < e for s, e in named):
            continue  # a named place inside it is already a candidate
        candidate = _Candidate(start, end, token, False, occasion)
        if _kept(candidate, names):
            found.append(candidate)
    return found


def _kept(c: _Candidate, names: tuple[frozenset[str], frozenset[str]]) -> bool:
    """Whether a candidate may be the event's place: not a person's or a thing's (see the
    module docstring), nor a surname, a state addressed, a side or a website."""
    doc = c.root.doc
    words = [w for w in text_of(doc)[c.start : c.end].lower().split() if w != "the"]
    last, first = names
    one = words[0] if len(words) == 1 else None
    if person_owned(c.root) or one in last or (one in first and not placed_in(c.root)):
        return False
    if c.named and (addressed(c.root) or a_side(c.root)):
        return False
    return not _WEB_SUFFIX.match(text_of(doc), c.end)  # "X.com reports": a website


def _of_a_place(token: Token) -> bool:
    """A named place after "of" a common-noun place ("her hometown of X", "the city of X",
    "the province of X"): the phrase is one place, and it hangs where the place noun does."""
    of = token.head
    return (
        token.dep_ == "pobj"
        and of.lower_ == "of"
        and of.head.i != of.i
        and place_noun(of.head.lower_)
        and of.head.pos_ == "NOUN"
    )


def _refers_back(candidate: _Candidate) -> bool:
    """A common-noun place that only refers back to a named one ("the country", "the city",
    "the region"): the name, where the sentence gives it, says more."""
    token = candidate.root
    before = [c.lower_ for c in token.children if c.i < token.i]  # "the Y Glacier area" names
    return not candidate.named and token.lower_ in _GENERIC_PLACES and before == ["the"]


_LOOSE_DEPS = frozenset({"nsubj", "nsubjpass"})


def _on_the_subject(token: Token, verb: Token) -> bool:
    """Whether ``token``'s locative phrase is on the subject of ``verb``: "Two schools in the
    state were closed", where the subject's place is where the event befell it."""
    prep = token.head
    return in_locative_phrase(token) and prep.head.dep_ in _LOOSE_DEPS and prep.head.head == verb


def _of(candidate: _Candidate) -> bool:
    """A named place after "of" a thing: "the election of X", "the city of X"."""
    token = candidate.root
    return candidate.named and token.dep_ == "pobj" and token.head.lower_ == "of"


def _day(value: str | None) -> tuple[str, str] | None:
    """The day of a normalised time value, as a date ("2025-05-04", "2025-05-04T10:00") or,
    when the text gives no anchor, a day of the week ("XXXX-WXX-5": "Friday"); else None."""
    match = _DAY.match(value or "")
    if match is None:
        return None
    return ("weekday", match[2]) if match[2] else ("date", match[1])


def dated_otherwise(
    sentences: Sequence[Span], times: Sequence[TimeExpression], dating: Sequence[TimeExpression]
) -> frozenset[int]:
    """The starts of the ``sentences`` dated to another day than the event's: a later lead
    sentence that says only "Friday's loss at X" when the event was on Saturday tells
    another event, and its places are that event's. Judged only when the event and the
    sentence are both dated to the day."""
    days = {d for d in (_day(t.value) for t in dating) if d is not None}
    if not days:
        return frozenset()
    kinds = {kind for kind, _ in days}
    out: set[int] = set()
    for sent in sentences:
        own = {
            d
            for t in times
            if sent.start_char <= t.start < sent.end_char
            for d in [_day(t.value)]
            if d is not None
        }
        if own and not own & days and all(kind in kinds for kind, _ in own):
            out.add(sent.start)
    return frozenset(out)


def event_place(
    doc: Doc,
    clauses: Sequence[tuple[Span, Token | None]],
    places: Sequence[Place],
    reported: Callable[[Token, Token], bool],
    elsewhen: frozenset[int] = frozenset(),
    dateline: Place | None = None,
) -> FrameSlot | None:
    """The place of the main event (see the module docstring), or None.

    ``clauses`` are the lead's sentences with the verb of the event each states, the main
    event's first; ``reported(token, verb)`` says whether ``token`` belongs to the reporting
    of that event ("X reports", "told Y") rather than to the event; ``elsewhen`` the starts
    of the sentences dated to another day than the event (:func:`dated_otherwise`), whose
    places are another event's; ``dateline`` the place of the dateline
    (:func:`dateline_place`), the answer when nothing else places the event.
    """
    for place in places:  # a sentence locating the event wins, wherever it is
        span = doc.char_span(place.start, place.end, alignment_mode="expand")
        if place.role == "event" and span is not None and located(span, based=False):
            return FrameSlot(place.text, place.start, place.end, 0.5 if place.hedge else 0.7)
    text = text_of(doc)
    # the event's sentence and the two lead sentences nearest the top: one further down tells
    # the background (a past game, a home town, a rival's seat), not the event: no place
    clauses = clauses[:_PLACING_CLAUSES]
    held: list[_Candidate] = []  # "sentenced to life in prison": the last answer
    settings: list[_Candidate] = []  # "during a town hall": the occasion, if nothing else
    spoken: list[_Candidate] = []  # "X said during a speech in Y": where the saying was
    for rank, (sent, verb) in enumerate(clauses):
        if rank and sent.start in elsewhen:
            continue
        found = _candidates(sent, places)
        spoken += _spoken_at(found)
        if verb is None:
            continue
        candidates = [
            c
            for c in found
            if not reported(c.root, verb)
            and not in_another_event(c.root, verb)
            # another lead sentence's denial places nothing ("X will not help in Y")
            and not (rank and negated(c.root, verb))
            and not (rank and on_someone(c.root, verb))
        ]
        held += [c for c in candidates if _held_there(c)]
        # an occasion hangs by its preposition ("during a town hall"): the last answer of all
        settings += [
            c
            for c in candidates
            if c.occasion and c.root.lower_ in HELD and hangs_off(c.root.head, verb)
        ]
        candidates = [c for c in candidates if not (_held_there(c) or c.occasion)]
        # the lead's last placing sentence places the event by name only: a common noun there
        # is most often the setting of the background it tells ("Fans had gathered at the
        # stadium", "The players sat in the locker room")
        attached = [
            c
            for c in candidates
            if hangs_off(c.root, verb) and (c.named or rank < _PLACING_CLAUSES - 1)
        ]
        # the event's sentence names its place, though not on its verb: "Voters in X cast
        # ballots"; a common noun off the verb is another thing's ("users in an area hit")
        loose = [
            c
            for c in candidates
            if (c.named or _on_the_subject(c.root, verb))
            and (in_locative_phrase(c.root) or c.root.dep_ in _LOOSE_DEPS or _of(c))
            and not (c.root.dep_ in _LOOSE_DEPS and in_content(c.root, verb))
            and not on_someone(c.root, verb)
        ]
        if attached:  # the verb's own phrases first, then named places first
            own = [c for c in attached if not in_subclause(c.root, verb)] or attached
            best = min(own, key=lambda c: (not c.named, c.start))
            named = [c for c in loose if c.named]
            if _refers_back(best) and named:  # "in X ... for the first time in the country"
                best = min(named, key=lambda c: c.start)
            return FrameSlot(text[best.start : best.end], best.start, best.end, 0.6 - 0.1 * rank)
        if rank == 0 and loose:
            best = min(loose, key=lambda c: (not in_locative_phrase(c.root), not c.named, c.start))
            return FrameSlot(text[best.start : best.end], best.start, best.end, 0.4)
    # A later lead sentence that places something by name ("... floored Y in the fifth round
    # at X"), though the parse does not tie the place to its verb: the lead's sentences tell
    # one event, so its named locative phrase is the best remaining answer, unless it is on a
    # noun inside a relative or content clause ("a rule that caps rents in flats in X"): that
    # says what the noun is, not where anything happened. A common noun
    # there, on no verb, is some other thing's place ("The executive, who grew up on a farm,
    # ...", "Members who picketed outside the factory cheered"), not the event's.
    for sent, verb in clauses[1:]:
        if verb is None or sent.start in elsewhen:
            continue
        later = [
            c
            for c in _candidates(sent, places)
            if c.named
            and in_locative_phrase(c.root)
            and not reported(c.root, verb)
            and not negated(c.root, verb)
            and not _held_there(c)
            and not on_someone(c.root, verb)
            # "the cost of living in X" in a clause that only describes: no place
            and (on_a_verb(c.root) or not in_content(c.root, verb))
        ]
        if later:
            best = min(later, key=lambda c: c.start)
            return FrameSlot(text[best.start : best.end], best.start, best.end, 0.2)
    if held:
        best = held[0]
        return FrameSlot(text[best.start : best.end], best.start, best.end, 0.1)
    # Last, a place that only the reporting names in the main sentence, as the body the
    # source speaks for ("The government of X said ...", "X officials said ..."): a source
    # close to the event is usually where it happened. Said with the least confidence. Not
    # where the reporting source sits ("A station in X reports ..."): like a dateline, that
    # is where the report was made, and an outlet reports on events far from it.
    if clauses and clauses[0][1] is not None:
        sent, main = clauses[0][0], clauses[0][1]
        sourced = [
            c
            for c in _candidates(sent, places)
            if c.named and reported(c.root, main) and not seat_of_the_source(c.root)
        ]
        if sourced:
            best = min(sourced, key=lambda c: c.start)
            return FrameSlot(text[best.start : best.end], best.start, best.end, 0.1)
    # Nothing in the lead places the event: the dateline, where the reporter was, is the
    # best guess left, said with the least confidence of all.
    if dateline is not None:
        return FrameSlot(dateline.text, dateline.start, dateline.end, 0.05)
    # Nor is there a dateline: the occasion the event happened at ("X said during a town
    # hall", "Y claimed at Saturday's debate") is its setting, the venue the lead gives,
    # though it names no place; a dateline's town says more.
    if settings:
        best = settings[0]
        return FrameSlot(text[best.start : best.end], best.start, best.end, 0.05)
    # Last of all, where a lead sentence's speaker spoke ("X said during a panel discussion at
    # the Y Center"): the lead tells one event, often a statement, and that is where it was.
    if spoken:
        best = spoken[0]
        return FrameSlot(text[best.start : best.end], best.start, best.end, 0.05)
    return None


def _spoken_at(found: Sequence[_Candidate]) -> list[_Candidate]:
    """The named settings among a lead sentence's candidates ``found``: a named place that a
    gathering after "during/at" on a verb of the sentence, the reporting one included, was
    held at ("X said during a panel discussion at the Y Center": the Y Center); else the
    gathering itself when it names one ("During a visit to the W Department, X said"). A
    bare "said at a news conference" or "during the debate" names no place: no answer."""
    out: list[_Candidate] = []
    for candidate in found:
        token = candidate.root
        if candidate.named:
            setting = next((g for g in token.ancestors if gathering(g)), None)
            if setting is not None and hangs_off(token, setting):
                out.append(candidate)
        elif candidate.occasion and gathering(token):
            words = token.doc.char_span(candidate.start, candidate.end, alignment_mode="expand")
            if words is not None and any(
                w.pos_ == "PROPN" and w.ent_type_ not in _WHEN for w in words
            ):
                out.append(candidate)
    return sorted(out, key=lambda c: (not c.named, c.start))


def dateline_place(doc: Doc, body_start: int) -> Place | None:
    """The place of a dateline that ends at ``body_start`` ("X (AGENCY) -", "X, Y -"), if
    any, read as the clean stage reads datelines (:func:`parse_dateline`): the spaCy parse
    often misses a city written in capitals."""
    text = text_of(doc)
    start = text.rfind("\n", 0, body_start) + 1
    end = text.find("\n", body_start)
    found = parse_dateline(text[start : end if end >= 0 else len(text)])
    if found is None or start + len(found.text) > body_start:
        return None
    return Place(found.place, start, start + len(found.place), "mentioned")
