"""What part a place plays in its sentence: where an event happened, or only whose it is.

The where slot (:mod:`~wiretrace.extract.locative`) climbs from a place up the parse to the
event's verb; these tests say what a place is on the way. A locative phrase ("in X", "at X",
"went to X") says where; a common noun names a place only when it is a kind of place
(:data:`PLACE_NOUNS`). A place may instead belong to a person ("a X man", "Y of X"), be a
state a verb addresses ("accused X of ..."), a side in a contest ("the host X"), a surname
the NER took for a place, or the seat of an outlet that reports ("A station in X reports"):
none of those says where the event was.
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
    "a_side",
    "addressed",
    "in_locative_phrase",
    "locative_preposition",
    "negated",
    "person_owned",
    "place_noun",
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
_OUTLET_NOUNS = frozenset(
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
    return outlet in _OUTLET_NOUNS or outlet.endswith("news")


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
