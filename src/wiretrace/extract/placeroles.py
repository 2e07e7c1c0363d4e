"""What part a place plays in its sentence: where an event happened, or only whose it is.

The where slot (:mod:`~wiretrace.extract.locative`) climbs from a place up the parse to the
event's verb; these tests say what a place is on the way. A locative phrase ("in X", "at X",
"went to X") says where; a common noun names a place only when it is a kind of place
(:data:`PLACE_NOUNS`). A place may instead belong to a person ("a X man", "Y of X"), be a
state a verb addresses ("accused X of ..."), a side in a contest ("the host X"), a surname
the NER took for a place, or the seat of an outlet that reports ("A station in X reports"):
none of those says where the event was. The paths from a place up to the event's verb are
here too (:func:`hangs_off`): through a clause of its own (:func:`in_subclause`), a clause
telling another event before or after it (:func:`in_another_event`), a clause that describes
or reports (:func:`in_content`) or a relative clause on a person (:func:`on_someone`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from wiretrace.extract.agents import is_someone
from wiretrace.nlp import ents_of

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

__all__ = [
    "LOCATIVE_PREPOSITIONS",
    "PLACE_NOUNS",
    "SEATED_BODIES",
    "a_side",
    "addressed",
    "hangs_off",
    "in_another_event",
    "in_content",
    "in_locative_phrase",
    "in_subclause",
    "locative_preposition",
    "negated",
    "on_a_verb",
    "on_someone",
    "person_owned",
    "place_noun",
    "placed_in",
    "seat_of_the_source",
    "surnames",
]

# Kinds of place a common noun names (general English): a locative phrase headed by one says
# where something happened, though the place has no name.
PLACE_NOUNS = frozenset(
    {"street", "road", "avenue", "highway", "freeway", "motorway", "interstate", "route"}
    | {"lane", "boulevard", "bridge", "tunnel", "intersection", "crosswalk", "sidewalk", "lot"}
    | {"garage", "home", "house", "apartment", "residence", "building", "office", "store"}
    | {"headquarters", "shop", "supermarket", "mall", "market", "restaurant", "bar", "club"}
    | {"nightclub", "hotel", "motel", "casino", "school", "university", "college", "campus"}
    | {"church", "cathedral", "mosque", "temple", "synagogue", "hospital", "clinic", "rehab"}
    | {"center", "centre", "facility", "plant", "factory", "mine", "refinery", "warehouse"}
    | {"prison", "jail", "courthouse", "court", "courtroom", "stadium", "arena", "field"}
    | {"park", "gym", "airport", "station", "port", "harbor", "harbour", "base", "camp"}
    | {"embassy", "palace", "city", "town", "village", "suburb", "neighborhood", "county"}
    | {"neighbourhood", "district", "province", "region", "area", "country", "capital"}
    | {"island", "coast", "border", "mountain", "peak", "ridge", "valley", "river", "lake"}
    | {"sea", "ocean", "beach", "desert", "forest", "cave", "scene", "site", "venue", "room"}
    | {"territory", "zone", "compound", "village", "farm", "ranch", "parish", "precinct"}
    | {"theater", "theatre", "museum", "library", "studio", "plaza", "square", "resort"}
    | {"hometown", "rooftop", "roof", "porch", "yard", "backyard", "driveway", "alley"}
    | {"basement", "kitchen", "bedroom", "hallway", "lobby", "courtyard", "balcony", "garden"}
    | {"playground", "stairwell", "subway", "terminal", "dock", "pier", "shore"}
    | {"state"}  # "in the state", "X's Y state"; not "a state of shock" (see locative._noun_place)
)


LOCATIVE_PREPOSITIONS = frozenset(
    {"in", "at", "near", "outside", "inside", "into", "on", "across", "onto", "off", "from"}
    | {"throughout", "around", "along", "beside", "behind", "within", "to", "toward", "towards"}
)


_PERSON_LABELS = frozenset({"PERSON"})


# Words for a side in a contest ("the host X", "the visiting X"): the name is a team's.
_SIDES = frozenset({"host", "hosts", "visiting", "defending", "rival"})


def in_locative_phrase(token: Token) -> bool:
    """Whether ``token`` is the object of a preposition that says where ("in X")."""
    return token.dep_ == "pobj" and locative_preposition(token.head)


def locative_preposition(prep: Token) -> bool:
    """A preposition that says where: "in", "at", "near"...; "to" only after a verb ("went
    to X", "was taken to a hospital"): after a noun it names a party ("a loss to X", "a
    threat to X", "a letter to X"), and after a verb with a direct object it names where
    the object went, not where the act was ("sent the bill to X", "brought jobs to towns")."""
    if prep.lower_ not in LOCATIVE_PREPOSITIONS:
        return False
    if prep.lower_ not in _DIRECTIONS:
        return True
    head = prep.head
    if head.pos_ in {"NOUN", "PROPN"}:
        return False
    return not any(c.dep_ == "dobj" for c in head.children)


def person_owned(token: Token) -> bool:
    """A place that says where a person is from or works: "Y, 36, of X", "Y from X", "a
    professor in X" (an apposition), "a X man" (a place modifying a noun that is no place)."""
    head = token.head
    if token.dep_ in {"compound", "amod", "nmod", "poss"} and head.i != token.i:
        return not place_noun(head.lower_)  # "X's record", "a X man", "X Gov. Y"
    if head.dep_ != "prep" or head.head.i == head.i:
        return False
    owner = head.head
    if owner.ent_type_ in _PERSON_LABELS:
        return head.lower_ in {"of", "from"}
    if head.lower_ == "from" and owner.pos_ == "NOUN" and is_someone(owner):
        return True  # "the star from X", "two students from X": where they come from
    if head.lower_ == "at" and owner.pos_ == "NOUN" and owner.head.lower_ == "as":
        return is_someone(owner)  # "his job as coach at X": where the person works
    return owner.dep_ == "appos" and owner.pos_ == "NOUN"


def place_noun(word: str) -> bool:
    """Whether the lower-case ``word`` names a kind of place, in the singular or the plural
    ("in three counties", "into the prisons", "on the streets")."""
    if word in PLACE_NOUNS:
        return True
    if word.endswith("ies"):
        return word[:-3] + "y" in PLACE_NOUNS
    if word.endswith("es") and word[:-2] in PLACE_NOUNS:  # "churches", "boxes"
        return True
    return word.endswith("s") and word[:-1] in PLACE_NOUNS


def a_side(token: Token) -> bool:
    """A name with a word for a side in a contest: "beat the host X", "the visiting X": a
    team the NER took for its town, a party to the event, not where it happened."""
    if token.dep_ == "appos" and token.head.lower_ in _SIDES:  # parsed "the host, X"
        return True
    return any(c.dep_ in {"compound", "amod"} and c.lower_ in _SIDES for c in token.children)


def addressed(token: Token) -> bool:
    """A named place as the party a verb addresses, not where it happened: "accused X of
    ...", "condemned X for ...", "warned X that ...", "urged X to ..." (the state, acting)."""
    verb = token.head
    if token.dep_ != "dobj" or verb.pos_ != "VERB" or token.ent_type_ != "GPE":
        return False
    return any(
        (c.dep_ == "prep" and c.lower_ in {"of", "for", "over"} and c.i > token.i)
        or (c.dep_ in {"ccomp", "xcomp"} and c.i > token.i)
        for c in verb.children
    )


def surnames(doc: Doc) -> tuple[frozenset[str], frozenset[str]]:
    """The last and the first words of people's full names: a one-word "place" equal to one
    is a person the NER took for a place ("X Y ... Y said", "X spoke ... X Y, a lawyer")."""
    full = [e for e in ents_of(doc) if e.label_ == "PERSON" and len(e) > 1]
    last = frozenset(e[-1].lower_ for e in full if e[-1].is_title)
    return last, frozenset(e[0].lower_ for e in full if e[0].is_title)


_DIRECTIONS = frozenset({"to", "toward", "towards"})


# Kinds of news outlet (general English): where one sits is where a report was made.
OUTLET_NOUNS = frozenset(
    {"station", "stations", "newspaper", "newspapers", "paper", "papers", "radio", "tv"}
    | {"television", "channel", "channels", "broadcaster", "broadcasters", "network"}
    | {"website", "site", "outlet", "outlets", "magazine", "daily", "tabloid", "affiliate"}
    | {"news", "reporter", "reporters", "correspondent", "journalist", "journalists"}
)


def seat_of_the_source(token: Token) -> bool:
    """A place in a locative phrase on an outlet that is the subject of the reporting: "A
    station in X reports that ...", "A paper in X is reporting ...", "X News in Y is
    reporting": where the outlet sits. Not a body ("Authorities in X said ...")."""
    prep = token.head
    if not in_locative_phrase(token) or prep.head.dep_ != "nsubj":
        return False
    outlet = prep.head.lower_
    return outlet in OUTLET_NOUNS or outlet.endswith("news")


_NOT = frozenset({"not", "n't"})


def negated(token: Token, verb: Token) -> bool:
    """Whether a verb on the way from ``token`` up to ``verb`` (itself included) is negated
    with "not": "The plant will not be built in X", "they did not stop in X". Such a clause
    tells what did not or will not happen, so a place in it is where nothing happened.
    ("never" is left alone: "X never recovered" is a fact.)"""
    current = token
    while True:
        verbal = current.pos_ in {"VERB", "AUX"}
        if verbal and any(c.dep_ == "neg" and c.lower_ in _NOT for c in current.children):
            return True
        if current.i == verb.i or current.head.i == current.i:
            return False
        current = current.head


# How a place's word reaches the event's verb in the parse: the paths the where slot climbs,
# and the clauses on the way that make a place another event's or someone's.

# How a place may hang off the event's verb: prepositions, objects, clauses of the verb.
_CLIMB_DEPS = frozenset(
    {"pobj", "prep", "dobj", "compound", "appos", "conj", "npadvmod", "pcomp", "advcl"}
    | {"xcomp", "nmod", "attr", "oprd", "acomp", "advmod", "dative", "agent"}
)

# Clauses with a verb of their own, under the event's verb: a place in one is that verb's.
_SUBCLAUSE_DEPS = frozenset({"advcl", "ccomp", "relcl", "acl"})

# Bodies that act where they sit: a place naming one ("a X jury", "an X judge", "Y police")
# says where their act happened, not where a person is from.
SEATED_BODIES = frozenset({"jury", "judge", "court", "magistrate", "police", "sheriff"})


def hangs_off(token: Token, verb: Token, hops: int = 8) -> bool:
    """Whether ``token`` reaches ``verb`` through objects, prepositions and verb clauses, the
    first preposition on the way being a locative one ("won over X" is no place)."""
    current = token
    checked = False
    for _ in range(hops):
        if current.i == verb.i:
            return True
        head = current.head
        if head.i == current.i or current.dep_ not in _CLIMB_DEPS:
            return False
        if current.dep_ == "pobj" and not checked:
            # "convicted by a X jury": a court or police force acts where it sits
            seated = head.lower_ == "by" and current.lower_ in SEATED_BODIES
            if not (locative_preposition(head) or seated):
                return False
            checked = True
        current = head
    return current.i == verb.i


def in_subclause(token: Token, verb: Token) -> bool:
    """Whether ``token`` reaches ``verb`` through a clause of its own ("worshipped in a
    school after a fire destroyed the X Church": the church is where the fire was, the
    school where the event is)."""
    current = token
    while current.i != verb.i and current.head.i != current.i:
        if current.dep_ in _SUBCLAUSE_DEPS:
            return True
        current = current.head
    return False


def in_another_event(token: Token, verb: Token) -> bool:
    """Whether ``token`` is in a clause set before the event's verb that tells another event,
    one before or after it: "After spraining his knee last week at X, Y was placed on the
    list". The time and place of that clause are its own event's, not the main one's."""
    current = token
    while current.i != verb.i and current.head.i != current.i:
        clause = current.pos_ in {"VERB", "AUX"} and current.i < verb.i
        if clause and current.dep_ == "pcomp" and current.head.head.i == verb.i:
            return current.head.lower_ in _SEQUENCE_WORDS  # "After leaving X, ..."
        if clause and current.dep_ == "advcl" and current.head.i == verb.i:
            marks = {c.lower_ for c in current.children if c.dep_ == "mark"}
            return bool(marks & _SEQUENCE_WORDS)  # "Before they left X, ..."
        current = current.head
    return False


# Prepositions that put a thing inside or beside a place; their object is no person.
_PLACING = frozenset({"in", "near", "inside", "outside", "within", "throughout"})


def placed_in(token: Token) -> bool:
    """Whether a name is placed by its preposition ("the mill in X", "a crash near X"): a
    town, whatever person the article names after it ("X Y, the owner"). Many towns are
    first names too; a first name standing for a person is said or done ("X spoke"), not
    something to be in."""
    return token.dep_ == "pobj" and token.head.lower_ in _PLACING


# Words that set another event before or after the main one ("after leaving", "before X").
_SEQUENCE_WORDS = frozenset({"after", "before", "since", "until", "following"})


def on_a_verb(token: Token) -> bool:
    """Whether a place's locative phrase hangs on a verb ("it debuts on X") or names a venue
    after "at" ("... late in the fifth round at X"), not on a noun ("rents in flats in X")."""
    prep = token.head
    return prep.head.pos_ in {"VERB", "AUX"} or prep.lower_ == "at"


# Subordinators of a noun's content clause ("the claim that ...", "the question whether").
_CONTENT_MARKS = frozenset({"that", "whether", "if"})


def in_content(token: Token, verb: Token) -> bool:
    """Whether ``token``, on its way up to ``verb``, lies in a clause that describes or
    reports rather than tells the event: a relative clause ("a rule that caps rents in flats
    in X"), a complement clause ("said the plan failed in X") or a noun's content clause
    ("the charge that voters in X were misled"). A bare infinitive the parse calls a
    complement ("helping the club win the cup in X", "let them land in X") has no tense or
    subordinator of its own: it is what the act brought about, part of the event told."""
    current = token
    while current.i != verb.i and current.head.i != current.i:
        if current.dep_ == "relcl" or (current.dep_ == "ccomp" and not _bare_infinitive(current)):
            return True
        marks = {c.lower_ for c in current.children if c.dep_ == "mark"}
        if current.dep_ == "acl" and marks & _CONTENT_MARKS:
            return True
        current = current.head
    return False


_WHO = frozenset({"who", "whom", "whose"})


def on_someone(token: Token, verb: Token) -> bool:
    """Whether ``token`` lies in a relative clause on a person ("a supporter who spent time
    in a hospital"): the person's own story, not the event."""
    current = token
    while current.i != verb.i and current.head.i != current.i:
        if current.dep_ == "relcl" and (
            is_someone(current.head) or any(w.lower_ in _WHO for w in current.children)
        ):
            return True
        current = current.head
    return False


def _bare_infinitive(clause: Token) -> bool:
    """A clause verb in its base form with no auxiliary, "to" or subordinator ("helping X
    win"): unlike "said the plan failed" or "asked that it be", it is no clause of its own."""
    return clause.tag_ == "VB" and not any(
        c.dep_ in {"aux", "auxpass", "mark"} for c in clause.children
    )
