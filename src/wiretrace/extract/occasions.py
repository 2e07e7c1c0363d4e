"""Occasions and gatherings: the words that let a place, or the occasion itself, say where an
event was held.

A place's name on an occasion ("the X primary", "her X victory speech") says where the vote
or the speech was held, where on another noun ("a X man", "X's record") it says only whose.
And an occasion the event's verb was at ("said during a town hall", "spoke at a forum") is
itself where it happened. These are general English word classes and the parse tests on
them; :mod:`wiretrace.extract.locative` decides what they answer.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["HELD", "OCCASIONS", "gathering", "occasion_of", "occasion_setting"]

# Occasions a place names where they are held (general English): "the X primary", "an X
# speech", "X's parliamentary elections" say where the vote or the speech was; "a X man"
# or "X's record" says only whose.
OCCASIONS = frozenset(
    {"primary", "primaries", "caucus", "caucuses", "election", "elections", "vote", "votes"}
    | {"referendum", "rally", "rallies", "speech", "debate", "convention", "summit"}
    | {"conference", "hearing", "visit", "ceremony", "parade", "protest", "protests"}
)
# The prepositions before an occasion that was the event's setting ("during a town hall",
# "at a news conference"): the occasion is where the event happened, its venue.
_SETTINGS = frozenset({"during", "at"})
#: Occasions and other events held somewhere (a meeting, a dinner, a town hall).
HELD = OCCASIONS | {"meeting", "dinner", "breakfast", "luncheon", "gala", "fundraiser", "hall"}
# Gatherings people speak at (general English), beside the occasions above: "said during a
# panel discussion at X" (see locative's _spoken_at)
_SPOKEN_AT = HELD | {"discussion", "forum", "panel", "briefing", "session"}


def occasion_setting(token: Token) -> bool:
    """Whether ``token`` is an occasion the event took place at, after "during" or "at"
    ("said during a town hall", "spoke at a news conference", "claimed during Saturday's
    debate")."""
    return (
        token.pos_ == "NOUN"
        and token.lower_ in _SPOKEN_AT
        and token.dep_ == "pobj"
        and token.head.lower_ in _SETTINGS
    )


def occasion_of(token: Token) -> Token | None:
    """The occasion a place's word modifies, through the other modifiers of its noun ("the X
    Republican primary", "her X victory speech"), if the noun names one (OCCASIONS)."""
    head = token.head
    while head.dep_ in {"compound", "amod"} and head.head.i > head.i:
        head = head.head
    return head if head.pos_ == "NOUN" and head.lower_ in OCCASIONS else None


def gathering(token: Token) -> bool:
    """A gathering the sentence's main verb was at: "said during a panel discussion", "spoke
    at a forum"; not one a clause's verb was ("Ms X, who spoke at a forum in Y, ...": her own
    story)."""
    return (
        occasion_setting(token)
        and token.head.head.pos_ in {"VERB", "AUX"}
        and (token.head.head.dep_ == "ROOT")
    )
