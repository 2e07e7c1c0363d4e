"""Who took part in an event: people and groups, named or not ("a gunman", "police").

The frame's ``who`` is the subject of the main event's verb when that is someone. When the
subject is a thing or an event ("A strong earthquake rattled X, killing four people", "The
church was set alight by arsonists"), the people the clause names answer "who" better: the
agent of a passive ("by arsonists"), else the people the event's verb (or a participle
attached to it) acts on ("killing four people"), else the first people the sentence names
outside the subject (:func:`named_in_clause`: "A suspicious fire gutted the church attended
by X", "..., firefighters said"). When the sentence names nobody, the subject stays, with
less confidence.

Someone is a person, an organisation or a nationality/group entity, a place acting as a
state ("X bombed Y": a GPE subject of an action), a share or number of people ("90 per cent
of voters", "most of the workers"), a personal pronoun, or a common noun that
names people (:data:`PEOPLE_NOUNS`, or a word ending in "-man", "-woman", "-person",
"-people", "-ist", "-ian").
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = [
    "PEOPLE_NOUNS",
    "a_source",
    "count_of_people",
    "is_someone",
    "named_in_clause",
    "stand_in_agent",
]

# Common nouns that name people or groups of people (general English).
PEOPLE_NOUNS = frozenset(
    {"man", "men", "woman", "women", "boy", "boys", "girl", "girls", "child", "children"}
    | {"kid", "kids", "teen", "teens", "teenager", "teenagers", "youth", "youths", "baby"}
    | {"people", "person", "persons", "resident", "residents", "citizen", "citizens", "family"}
    | {"victim", "victims", "survivor", "survivors", "suspect", "suspects", "attacker", "mob"}
    | {"assailant", "killer", "robber", "robbers", "thief", "thieves", "burglar", "gang"}
    | {"driver", "drivers", "motorist", "pedestrian", "passenger", "passengers", "pilot"}
    | {"officer", "officers", "police", "cop", "cops", "soldier", "soldiers", "troops"}
    | {"militant", "militants", "rebel", "rebels", "insurgent", "insurgents", "protester"}
    | {"protesters", "demonstrator", "demonstrators", "rioter", "rioters", "student"}
    | {"students", "worker", "workers", "employee", "employees", "staff", "official"}
    | {"officials", "authorities", "minister", "president", "governor", "mayor", "senator"}
    | {"lawmaker", "lawmakers", "judge", "jury", "jurors", "prosecutor", "prosecutors"}
    | {"lawyer", "lawyers", "attorney", "defendant", "inmate", "inmates", "prisoner"}
    | {"prisoners", "convict", "offender", "doctor", "doctors", "nurse", "patient", "actor"}
    | {"actress", "singer", "star", "player", "players", "coach", "team", "fans", "rep"}
    | {"representative", "publicist", "manager", "chief", "executive", "director", "leader"}
    | {"leaders", "member", "members", "firefighter", "firefighters", "rescuer", "rescuers"}
    | {"paramedic", "paramedics", "witness", "witnesses", "investigator", "investigators"}
    | {"detective", "detectives", "agent", "agents", "researcher", "researchers", "expert"}
    | {"experts", "analyst", "analysts", "journalist", "reporter", "climber", "climbers"}
    | {"hiker", "fighter", "boxer", "champion", "quarterback", "company", "firm", "agency"}
    | {"club", "union", "league", "organisation", "organization", "airline", "bank"}
    | {"government", "administration", "ministry", "department", "council", "court", "army"}
    | {"navy", "forces", "military", "committee", "commission", "board", "party", "group"}
    | {"parent", "parents", "mother", "father", "wife", "husband", "son", "daughter"}
    | {"brother", "sister", "friend", "friends", "neighbor", "neighbour", "neighbors"}
    | {"spokesperson", "owner", "owners", "crew", "crews", "guard", "guards", "hostage"}
    | {"hostages", "pirates", "gunmen", "immigrants", "refugees", "voters", "candidate"}
    | {"candidates", "deputies", "officials", "users", "customers", "hackers", "criminals"}
    | {"arsonist", "arsonists", "bystanders", "teammates", "opponent", "challenger"}
    | {"guy", "guys", "nominee", "nominees", "campaign", "campaigns", "university"}
    | {"universities"}
)
_PEOPLE_ENDINGS = ("man", "men", "woman", "women", "person", "people", "ist", "ists", "ian", "ians")
_NOT_PEOPLE = frozenset(
    {"list", "wrist", "twist", "mist", "fist", "median", "german", "roman", "human", "amen"}
)
_COUNTS = frozenset({"dozens", "hundreds", "thousands", "scores", "one", "two", "several"})
_SHARES = frozenset(
    {"percent", "cent", "majority", "minority", "half", "third", "quarter", "most", "many"}
    | {"some", "all", "none", "rest", "number", "millions", "tens"}
)
_SOMEONE_LABELS = frozenset({"PERSON", "ORG", "NORP"})
_COPULAS = frozenset({"is", "was", "are", "were", "be", "been", "'s", "remains", "remained"})
_PERSONAL_PRONOUNS = frozenset({"he", "she", "they", "we", "i", "him", "her", "them", "us"})


def is_someone(token: Token) -> bool:
    """Whether the noun phrase headed by ``token`` names a person or a group of people."""
    if token.ent_type_ in _SOMEONE_LABELS and not _common_noun_entity(token):
        return True
    if token.ent_type_ == "GPE":  # a state acting: "X bombed Y", "X accused Y"
        if token.dep_ == "nsubj" and token.head.lower_ in _COPULAS:
            return False  # a place in a state, not acting: "X was calm on Sunday"
        return token.dep_ in {"nsubj", "agent"} or token.head.lower_ == "by"
    if _share_of_people(token):  # "90 per cent of voters", "most of the workers"
        return True
    if token.pos_ == "PRON":
        return token.lower_ in _PERSONAL_PRONOUNS
    if token.pos_ == "PROPN" and not token.ent_type_:  # a name the NER left untyped
        return True
    if _aged(token):  # "the 26-year-old was arrested": news names a person by age
        return True
    if token.pos_ not in {"NOUN", "PROPN"}:
        return False
    word = token.lower_
    if word in PEOPLE_NOUNS:
        return True
    return word.endswith(_PEOPLE_ENDINGS) and word not in _NOT_PEOPLE and len(word) > 4


def _share_of_people(token: Token) -> bool:
    """A share or a number of people: "90 per cent of voters", "half of the residents",
    "most of the workers", "dozens of people". The head is the amount; who is the people."""
    if not (token.like_num or token.lower_ in _SHARES or token.lower_ in _COUNTS):
        return False
    of = [g for c in token.children if c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]
    return bool(of) and all(is_someone(g) for g in of)


def _common_noun_entity(token: Token) -> bool:
    """A common noun the NER took for the name of a person or an organisation, as it does
    with a capitalised word opening a sentence ("Flames and smoke were coming from ..."):
    the tagger's noun is judged as a noun (a noun for people is still someone)."""
    return token.pos_ == "NOUN" and token.ent_type_ != "NORP"


def _aged(token: Token) -> bool:
    """ "the 26-year-old" (however the tokenizer splits it) heads a noun phrase of its own."""
    if token.lower_.endswith("-year-old"):
        return token.dep_ in {"nsubj", "nsubjpass", "dobj", "pobj", "appos"}
    doc = token.doc
    return (
        token.lower_ == "old"
        and token.i >= 2
        and doc[token.i - 1].text == "-"
        and doc[token.i - 2].lower_ in {"year", "years"}
        and token.dep_ in {"nsubj", "nsubjpass", "dobj", "pobj", "appos"}
    )


def _objects(verb: Token) -> list[Token]:
    return [c for c in verb.children if c.dep_ in {"dobj", "dative"} and c.i > verb.i]


def stand_in_agent(verb: Token) -> Token | None:
    """Someone the clause of ``verb`` names when its subject is no one: the agent of a
    passive ("by arsonists", also in a clause on the verb: "as it was set alight by X"),
    else someone the verb or a participle on it acts on."""
    clauses = [verb] + [c for c in verb.children if c.dep_ in {"advcl", "conj"} and c.i > verb.i]
    for clause in clauses:
        for child in clause.children:
            if child.dep_ == "agent":
                for obj in child.children:
                    if obj.dep_ == "pobj" and is_someone(obj):
                        return obj
    for obj in _objects(verb):
        if is_someone(obj):
            return obj
    for child in verb.children:  # "..., killing four people and injuring dozens"
        if child.dep_ in {"advcl", "xcomp", "conj"} and child.pos_ == "VERB" and child.i > verb.i:
            for obj in _objects(child):
                if is_someone(obj) or count_of_people(obj):
                    return obj
    return None


def count_of_people(token: Token) -> bool:
    """ "at least one", "dozens", "hundreds of people": a number of victims, not of things."""
    if not (token.like_num or token.pos_ == "NUM" or token.lower_ in _COUNTS):
        return False
    of = [g for c in token.children if c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]
    return all(is_someone(g) for g in of)


def named_in_clause(
    verb: Token, subject: Token, body_start: int = 0, *, sources: bool = True
) -> Token | None:
    """The first someone the sentence of ``verb`` names outside its subject, when neither
    the subject nor the verb's structure gives one: "A suspicious fire devastated the church
    attended by X" (X), "Riots broke out after the killing by police of a boy" (police), "A
    quake hit X, officials said" (officials: the people whose account the report is). A
    head noun only (not a name's first word), never in the dateline, never an organisation
    or state merely owning a thing ("X's church": the church is no person). Without
    ``sources``, never the source of the report (:func:`a_source`): the caller asks the
    lead's other sentences for the event's people before it settles for the one telling."""
    inside = {t.i for t in subject.subtree}
    for token in verb.sent:
        if token.i in inside or token.idx < body_start or token.pos_ not in {"NOUN", "PROPN"}:
            continue
        if token.dep_ in {"compound", "poss", "amod", "nmod"} or token.ent_type_ == "GPE":
            continue
        if not sources and a_source(token, verb):
            continue
        if is_someone(token) or count_of_people(token):
            return token
    return None


def a_source(token: Token, verb: Token) -> bool:
    """Whether ``token`` is who tells of the event of ``verb`` rather than who took part:
    the subject of an active reporting verb set after the event ("A quake hit X, officials
    and witnesses said"), or the one an "according to" names. A source quoted about an
    event is not one of its people. A reporter heading the sentence ("X said it has fixed
    Y", "X claimed that Y") is not passed over: it is often the actor telling its own act."""
    from wiretrace.extract.predicate import REPORTING_VERBS  # predicate imports this module

    while token.dep_ == "conj":  # "officials and witnesses said"
        token = token.head
    head = token.head
    if token.dep_ == "nsubj" and head.lower_ in REPORTING_VERBS and head.i > verb.i:
        return not any(c.dep_ == "auxpass" for c in head.children)
    return token.dep_ == "pobj" and head.lower_ == "to" and head.head.lower_ == "according"
