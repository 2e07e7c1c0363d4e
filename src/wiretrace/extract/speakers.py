"""Who a source mention names: pronouns and bare surnames resolved to the article's people.

A quote's source is often written as "he", "Smith" or "the ministry". Readers resolve these
from the article itself, and so does this module, with two rules that hold for news prose:

* a third-person singular pronoun refers to the nearest person named before it, and among
  the recent ones preferably to a sentence subject (the person the paragraph is about);
* a bare surname (or any part of a name) refers to the fullest form of that name the article
  uses, since reports name a person in full first and by surname afterwards.

Anything else (organisations, descriptions such as "a spokesman") is kept as written: no
guess is better than a wrong name. Only spaCy's PERSON entities count as people.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from wiretrace.nlp import ents_of

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span


__all__ = ["SpeakerResolver", "normalise_name"]

PRONOUNS = frozenset({"he", "she", "him", "her"})
# Honorifics and titles dropped from the front of a name, so "Mr. Smith" finds "John Smith".
TITLES = frozenset(
    {
        "mr", "mrs", "ms", "miss", "dr", "prof", "sir", "dame", "lord", "lady", "rev", "gen",
        "sen", "rep", "gov", "president", "senator", "governor", "minister", "secretary",
        "judge", "justice", "mayor", "king", "queen", "prince", "princess", "pope",
        "chancellor", "premier", "general", "colonel", "captain", "commander", "chairman",
    }
)  # fmt: skip
# How many sentences back a pronoun looks for a subject before it settles for any person.
SUBJECT_WINDOW = 3


def normalise_name(text: str) -> str:
    """``text`` with spacing folded, a possessive and leading titles removed."""
    text = " ".join(text.split())
    text = re.sub(r"(?:'s|’s|'|’)$", "", text)
    words = text.split(" ")
    while len(words) > 1 and words[0].lower().rstrip(".") in TITLES:
        words.pop(0)
    return " ".join(words).strip(" ,;:")


@dataclass(frozen=True)
class Mention:
    """One PERSON entity: its normalised name, where it is, and whether it is a subject."""

    name: str
    start: int
    end: int
    sentence: int
    subject: bool


class SpeakerResolver:
    """Resolves source mentions of one document; built once per document."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        sentence_of = {}
        for index, sent in enumerate(doc.sents):
            for token in sent:
                sentence_of[token.i] = index
        self.mentions: list[Mention] = []
        self.ents = list(ents_of(doc))
        for ent in self.ents:
            if ent.label_ != "PERSON":
                continue
            name = normalise_name(ent.text)
            if not name or not any(c.isupper() for c in name):
                continue
            subject = ent.root.dep_ in ("nsubj", "nsubjpass") or (
                ent.root.dep_ in ("appos", "compound") and ent.root.head.dep_.startswith("nsubj")
            )
            self.mentions.append(
                Mention(name, ent.start_char, ent.end_char, sentence_of[ent.start], subject)
            )
        self._sentence_of = sentence_of
        # Names by token, so "Smith" finds "John Smith" and "John Q. Smith".
        self._full: dict[str, str] = {}
        for mention in sorted(self.mentions, key=lambda m: len(m.name)):
            for word in mention.name.split(" "):
                if len(word) > 1 and word[0].isupper():
                    self._full[word] = mention.name

    @property
    def names(self) -> frozenset[str]:
        """Every word of a person's name that the document uses."""
        return frozenset(self._full)

    def full_name(self, name: str) -> str:
        """The fullest form the document uses of ``name`` (its last word decides)."""
        name = normalise_name(name)
        if not name:
            return name
        last = name.split(" ")[-1]
        full = self._full.get(last)
        if full is not None and len(full) > len(name) and last in full.split(" "):
            return full
        return name

    def antecedent(self, offset: int) -> str | None:
        """The person a pronoun at character ``offset`` most likely refers to."""
        before = [m for m in self.mentions if m.end <= offset]
        if not before:
            return None
        token = self.doc.char_span(offset, offset + 1, alignment_mode="expand")
        here = self._sentence_of.get(token.start, 0) if token is not None else 0
        recent = [m for m in before if here - m.sentence <= SUBJECT_WINDOW]
        subjects = [m for m in recent if m.subject]
        chosen = subjects[-1] if subjects else before[-1]
        return self.full_name(chosen.name)

    def resolve(self, source: Span) -> str:
        """The speaker a source span names: a resolved person, else the text as written."""
        words = [t for t in source if not t.is_punct]
        if len(words) == 1 and words[0].lower_ in PRONOUNS:
            return self.antecedent(source.start_char) or source.text
        for ent in self.ents:
            inside = source.start_char <= ent.start_char and ent.end_char <= source.end_char
            if inside and ent.label_ == "PERSON":
                return self.full_name(ent.text)
        if words and all(t.tag_ in ("NNP", "NNPS") for t in words):
            return self.full_name(source.text)
        return " ".join(source.text.split())
