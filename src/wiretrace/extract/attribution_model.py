"""The trained attribution cue model: is this word the cue of an attribution?

The hand-written lexicon of :mod:`wiretrace.extract.cues` finds the common verbs of saying,
but news attributes statements and positions with a long tail of words: uncommon verbs
("went after", "is drawing contrasts"), nouns ("his announcement of"), stance expressions
("seemed", "sought"). A logistic regression over sparse, named features of one token (its
word, suffix, tags, dependency label, head, children, subject and neighbours) scores every
candidate token (verbs, auxiliaries, nouns, adjectives, prepositions outside quote marks);
:mod:`wiretrace.extract.quotes` turns a token scoring above the stored threshold into an
indirect quote with the span helpers below: its content is the token's complement (or the
clause around it), its source the subject (or the possessor of a nominal cue).

``scripts/train_attribution_model.py`` trains the model on the train split of PolNeAR (see
``docs/extract.md``). It ships as plain JSON in ``wiretrace/data/attribution_model.json``:
``{"weights": {feature: weight}, "bias", "threshold", ...}``. Scoring is a sum of the weights
of a token's features: nothing is unpickled. The file is read on first use and cached; a
missing or malformed file raises :class:`~wiretrace.errors.WiretraceError` naming the file.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from importlib.abc import Traversable
from itertools import repeat
from typing import TYPE_CHECKING, Any, Final

from wiretrace.extract.cues import (
    CUE_VERBS,
    INTENT_VERBS,
    OBJECT_VERBS,
    STANCE_ADJECTIVES,
    is_cue,
    source_of,
    word_set,
)
from wiretrace.modelfiles import load_model_file

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

__all__ = [
    "CANDIDATE_POS",
    "AttributionModel",
    "Context",
    "candidates",
    "cue_content",
    "cue_source",
    "is_candidate",
    "load_model",
    "parse_model",
    "passive_content",
    "quote_cue",
    "token_features",
]

MODEL_FILE: Final = "attribution_model.json"
# How probable the model must find a word to be the cue of a quote no listed verb claims.
QUOTE_CUE: Final = 0.3
REQUIRED_KEYS: Final = ("weights", "bias", "threshold", "training_data", "trained")
CANDIDATE_POS: Final = frozenset({"VERB", "AUX", "NOUN", "ADJ", "ADP"})
# Entity types whose words the features replace by the type ("<PERSON>").
NAME_ENTITIES: Final = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "WORK_OF_ART"})
SUBJECTS: Final = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass", "expl"})
# Children that are not part of what a cue introduces.
_NOT_CONTENT: Final = SUBJECTS | frozenset(
    {"aux", "auxpass", "neg", "punct", "cc", "conj", "mark", "agent", "det", "poss", "case",
     "prt", "compound", "amod", "nummod", "predet", "preconj", "dep", "appos", "relcl"}
)  # fmt: skip


# Verbs whose passive subject is the one spoken to: "X was asked", "X was told".
ADDRESSEE_VERBS: Final = word_set(
    "ask asks asked asking tell tells told telling warn warns warned urge urged"
)


def _name_or_word(token: Token) -> str:
    """The token's lower-cased word, or for a name its entity type ("<PERSON>"), or "<PROPN>"
    for a proper noun the entity recognizer missed."""
    if token.ent_type_ in NAME_ENTITIES:
        return "<" + token.ent_type_ + ">"
    if token.pos_ == "PROPN":
        return "<PROPN>"
    return token.lower_


def is_candidate(token: Token) -> bool:
    """Whether the model scores ``token``: a content word or preposition, not punctuation."""
    return token.pos_ in CANDIDATE_POS and token.is_alpha


def _lexicon(word: str) -> str:
    if word in CUE_VERBS:
        return "cue"
    if word in OBJECT_VERBS:
        return "object"
    if word in INTENT_VERBS:
        return "intent"
    if word in STANCE_ADJECTIVES:
        return "stance"
    return "none"


def _kind(token: Token) -> str:
    """A coarse kind of a source token: person, organisation, pronoun, other noun."""
    if token.ent_type_ in ("PERSON", "ORG", "NORP", "GPE"):
        return token.ent_type_
    if token.pos_ == "PRON":
        return "PRON:" + token.lower_
    return token.pos_


@dataclass(frozen=True)
class Context:
    """What :func:`token_features` reads beyond the token, read once per document: every
    token's word (a name as its entity type), lower-cased form, tags, head and children
    indexes, entity type and :func:`is_cue`, and the tokens themselves (each ``Token`` spaCy
    makes on the fly costs time, and the features read the neighbours of every candidate);
    the sentence's bounds and whether it has quote marks and a verb of saying."""

    words: Sequence[str]
    pos: Sequence[str]
    tags: Sequence[str]
    deps: Sequence[str]
    heads: Sequence[int]
    ents: Sequence[str]
    cue: Sequence[bool]
    start: int
    end: int
    quoted: bool
    has_cue: bool
    lowers: Sequence[str]
    children: Sequence[Sequence[int]]
    tokens: Sequence[Token]


def candidates(doc: Doc, skip: Sequence[bool]) -> Iterator[tuple[Token, Context]]:
    """The candidate tokens of ``doc`` not in ``skip`` (a flag per token: inside quote
    marks), each with its :class:`Context`, in document order."""
    tokens = list(doc)  # one pass: each Token object spaCy makes costs time
    # Names are read as their entity type: the model learns how attribution is written,
    # not who is quoted in the training articles.
    words = [_name_or_word(t) for t in tokens]
    pos = [t.pos_ for t in tokens]
    tags = [t.tag_ for t in tokens]
    deps = [t.dep_ for t in tokens]
    heads = [t.head.i for t in tokens]
    ents = [t.ent_type_ for t in tokens]
    cue = [is_cue(t) for t in tokens]
    alpha = [t.is_alpha for t in tokens]
    lowers = [t.lower_ for t in tokens]
    children: list[list[int]] = [[] for _ in tokens]
    for i, head in enumerate(heads):
        if head != i:
            children[head].append(i)
    for sent in doc.sents:
        chosen = [
            tokens[i]
            for i in range(sent.start, sent.end)
            if not skip[i] and alpha[i] and pos[i] in CANDIDATE_POS
        ]
        if not chosen:
            continue
        quoted = any(skip[sent.start : sent.end])
        has_cue = any(cue[sent.start : sent.end])
        context = Context(
            words, pos, tags, deps, heads, ents, cue, sent.start, sent.end, quoted, has_cue,
            lowers, children, tokens,
        )  # fmt: skip
        for token in chosen:
            yield token, context


def _under_cue(i: int, context: Context) -> bool:
    """Whether a verb of saying governs token ``i``."""
    heads, cue = context.heads, context.cue
    steps = 0
    while heads[i] != i and steps < 50:
        i = heads[i]
        steps += 1
        if cue[i]:
            return True
    return False


def _stem(word: str) -> str:
    """A crude stem: the word without a common inflection ending."""
    for ending in ("ing", "ed", "es", "s", "e"):
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            return word[: -len(ending)]
    return word


def token_features(token: Token, context: Context) -> list[str]:
    """The named features of one candidate token."""
    words, deps, lowers, kids = context.words, context.deps, context.lowers, context.children
    i = token.i
    w = words[i]
    h = context.heads[i]
    hw = words[h]
    pos, tag, dep = context.pos[i], context.tags[i], deps[i]
    hpos = context.pos[h]
    prev = words[i - 1] if i > 0 else "<s>"
    nxt = words[i + 1] if i + 1 < len(words) else "</s>"
    feats = [
        "w=" + w,
        "suf=" + w[-3:],
        "pos=" + pos,
        "tag=" + tag,
        "dep=" + dep,
        "w|dep=" + w + "|" + dep,
        "w|tag=" + w + "|" + tag,
        "hw=" + hw,
        "hpos|dep=" + hpos + "|" + dep,
        "hlex=" + _lexicon(hw),
        "lex=" + _lexicon(w),
        "lex|dep=" + _lexicon(w) + "|" + dep,
        "prev=" + prev,
        "next=" + nxt,
        "w|next=" + w + "|" + nxt,
        "prev|w=" + prev + "|" + w,
        "sq=" + str(context.quoted),
        "first=" + str(i - context.start < 3),
        "last=" + str(context.end - i < 4),
    ]
    stem = _stem(w)
    prev2 = words[i - 2] if i > 1 else "<s>"
    nxt2 = words[i + 2] if i + 2 < len(words) else "</s>"
    feats += [
        "stem=" + stem,
        "stem|dep=" + stem + "|" + dep,
        "stem|tag=" + stem + "|" + tag,
        "stem|hdep=" + stem + "|" + deps[h],
        "w|hw=" + w + "|" + hw,
        "prev2=" + prev2 + "|" + prev,
        "next2=" + nxt + "|" + nxt2,
        "sentcue=" + str(context.has_cue),
    ]
    if i > 0 and context.ents[i - 1]:
        feats.append("prevent=" + context.ents[i - 1])
    if context.cue[i]:
        feats.append("is_cue")
    if _under_cue(i, context):
        feats.append("under_cue")
    if context.ents[i]:
        feats.append("ent=" + context.ents[i])
    tokens = context.tokens
    subject = None
    for c in kids[i]:
        cdep = deps[c]
        feats.append("c=" + cdep)
        if cdep in SUBJECTS:
            subject = tokens[c]
            kind = _kind(subject)
            feats.append("subj=" + kind)
            feats.append("w|subj=" + w + "|" + kind)
            feats.append("stem|subj=" + stem + "|" + kind)
            feats.append("subjw=" + words[c])
        elif cdep == "prep":
            feats.append("cp=" + lowers[c])
            feats.append("w|cp=" + w + "|" + lowers[c])
            obj = next((g for g in kids[c] if deps[g] == "pobj"), None)
            if obj is not None:
                feats.append("cp|obj=" + lowers[c] + "|" + _kind(tokens[obj]))
        elif cdep == "ccomp":
            mark = next((lowers[g] for g in kids[c] if deps[g] == "mark"), "-")
            feats.append("ccomp_mark=" + mark)
            feats.append("w|c=" + w + "|ccomp")
        elif cdep in ("xcomp", "dobj", "poss", "agent", "dative", "acomp", "attr"):
            feats.append("w|c=" + w + "|" + cdep)
            if cdep in ("dobj", "xcomp", "acomp"):
                feats.append(cdep + "=" + words[c])
            if cdep in ("poss", "agent"):
                feats.append(cdep + "=" + _kind(tokens[c]))
    comps = [c for c in kids[i] if c > i and deps[c] not in _NOT_CONTENT]
    if comps:
        span = max(tokens[c].right_edge.i for c in comps) - i
        feats.append("comp=" + deps[comps[0]])
        feats.append("stem|comp=" + stem + "|" + deps[comps[0]])
        feats.append("complen=" + ("1" if span < 4 else "2" if span < 11 else "3"))
    else:
        feats.append("comp=none")
    if subject is None and pos in ("VERB", "AUX"):
        inherited = source_of(token)
        feats.append("src=" + (_kind(inherited) if inherited is not None else "none"))
    if dep in ("pobj", "dobj", "nsubj", "attr") and hpos in ("VERB", "AUX", "ADP"):
        feats.append("hw|dep=" + hw + "|" + dep)
        hs = next((tokens[c] for c in kids[h] if deps[c] in SUBJECTS), None)
        if hs is not None:
            feats.append("hsubj=" + _kind(hs))
    return feats


@dataclass(frozen=True)
class AttributionModel:
    """A logistic regression over named features: p(cue) = σ(Σ weights[f] + bias)."""

    weights: Mapping[str, float]
    bias: float
    threshold: float
    meta: Mapping[str, Any]

    def probability(self, features: Sequence[str]) -> float:
        """The probability that a token with ``features`` is an attribution cue."""
        # map() over dict.get keeps the sum's order (so its value) and runs in C
        z = self.bias + sum(map(self.weights.get, features, repeat(0.0)))
        return 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, z))))

    def scores(self, doc: Doc, skip: Sequence[bool]) -> list[tuple[float, Token]]:
        """Every candidate token of ``doc`` not in ``skip`` (a flag per token: inside quote
        marks) with its probability, as ``(probability, token)`` in document order."""
        return [
            (self.probability(token_features(token, context)), token)
            for token, context in candidates(doc, skip)
        ]

    def cues(self, doc: Doc, skip: Sequence[bool]) -> list[tuple[float, Token]]:
        """The candidates of :meth:`scores` at or above the threshold."""
        return [(p, t) for p, t in self.scores(doc, skip) if p >= self.threshold]


def parse_model(data: Any) -> AttributionModel:
    """Build an :class:`AttributionModel` from the decoded JSON (``ValueError`` if malformed)."""
    if not isinstance(data, dict):
        raise ValueError("not a JSON object")
    missing = [key for key in REQUIRED_KEYS if key not in data]
    if missing:
        raise ValueError(f"missing keys: {', '.join(missing)}")
    weights = data["weights"]
    if not isinstance(weights, dict):
        raise ValueError("'weights' must be an object")
    clean: dict[str, float] = {}
    for key, value in weights.items():
        if not isinstance(value, int | float) or not math.isfinite(value):
            raise ValueError(f"weight of {key!r} is not a finite number")
        clean[str(key)] = float(value)
    try:
        bias, threshold = float(data["bias"]), float(data["threshold"])
    except (TypeError, ValueError) as exc:
        raise ValueError("'bias' and 'threshold' must be numbers") from exc
    if not 0.0 < threshold < 1.0:
        raise ValueError("'threshold' must lie between 0 and 1")
    meta = {k: v for k, v in data.items() if k != "weights"}
    return AttributionModel(clean, bias, threshold, meta)


def model_resource() -> Traversable:
    """Where the model file is: ``wiretrace/data/attribution_model.json``."""
    return resources.files("wiretrace") / "data" / MODEL_FILE


@cache
def load_model() -> AttributionModel:
    """The packaged attribution model, read once (:class:`WiretraceError` if missing/corrupt)."""
    return load_model_file(
        model_resource(), "attribution model", "scripts/train_attribution_model.py", parse_model
    )


# -- a cue's source and content ---------------------------------------------------------------


def cue_source(cue: Token) -> Token | None:
    """The token heading the source of a model cue: a verb's subject (or agent, or the
    subject it inherits), a noun's possessor or "by"/"from" object, else the subject of the
    verb the cue hangs from ("X voiced criticism", "in X's view")."""
    if cue.pos_ in ("VERB", "AUX"):
        return source_of(cue)
    for child in cue.children:
        if child.dep_ == "poss":
            return child
    for child in cue.children:
        if child.dep_ == "prep" and child.lower_ in ("by", "from"):
            obj = next((g for g in child.children if g.dep_ == "pobj"), None)
            if obj is not None:
                return obj
    if cue.pos_ == "ADP":
        obj = next((g for g in cue.children if g.dep_ == "pobj"), None)
        if obj is not None:
            owner = next((g for g in obj.children if g.dep_ == "poss"), None)
            return owner
    head = cue.head
    if head.i != cue.i and head.pos_ in ("VERB", "AUX"):
        return source_of(head)
    if head.i != cue.i and head.pos_ == "ADP" and head.head.pos_ in ("VERB", "AUX"):
        return source_of(head.head)
    return None


def _extent(tokens: Sequence[Token]) -> tuple[int, int] | None:
    words = [t for t in tokens if not (t.is_punct or t.is_space)]
    if not words:
        return None
    first = min(words, key=lambda t: t.i)
    last = max(words, key=lambda t: t.i)
    return first.idx, last.idx + len(last.text)


def passive_content(cue: Token) -> tuple[int, int] | None:
    """The content of a passive cue with no clause after it: its subject ("Her death was
    confirmed by X", "The plan was criticized on Monday"). Not for "X was asked/told",
    whose subject is the listener."""
    subject = next((c for c in cue.children if c.dep_ == "nsubjpass"), None)
    if subject is None or cue.lower_ in ADDRESSEE_VERBS or subject.pos_ == "PRON":
        return None
    if any(c.dep_ in ("ccomp", "xcomp", "oprd") and c.i > cue.i for c in cue.children):
        return None
    return _extent(list(subject.subtree))


def cue_content(cue: Token, source: Token | None) -> tuple[int, int] | None:
    """The character span a model cue introduces: the subtrees of its complements (a clause,
    object or prepositional phrase after it); else the clause it is attached to; else the
    rest of its sentence on the longer side. The source and the cue are never content."""
    banned = {cue.i}
    if source is not None:
        banned.update(t.i for t in source.subtree)
    passive = passive_content(cue)
    if passive is not None:
        return passive
    parts = [c for c in cue.children if c.dep_ not in _NOT_CONTENT and c.i > cue.i]
    tokens = [t for c in parts for t in c.subtree if t.i not in banned]
    span = _extent(tokens)
    if span is not None and span[1] - span[0] >= 8:
        return span
    sent = cue.sent
    head = cue.head
    if head.i != cue.i and cue.dep_ in ("parataxis", "ccomp", "advcl", "conj", "prep", "pobj"):
        inner = {t.i for t in cue.subtree}
        tokens = [t for t in head.subtree if t.i not in inner and t.i not in banned]
        span = _extent(tokens)
        if span is not None and span[1] - span[0] >= 8:
            return span
    inner = {t.i for t in cue.subtree} | banned
    left = [t for t in sent if t.i < cue.i and t.i not in inner]
    right = [t for t in sent if t.i > cue.i and t.i not in inner]
    side = left if len(left) > len(right) else right
    span = _extent(side)
    if span is not None and span[1] - span[0] >= 8:
        return span
    return None


def quote_cue(
    doc: Doc,
    opened: int,
    end: int,
    scores: Mapping[int, float],
    skip: Sequence[bool],
    lo: int,
    hi: int,
    text: str | None = None,
) -> Token | None:
    """The likeliest model cue of a quote (marks from ``opened`` to ``end``) that no listed
    verb claims ("As X puts it, “...”"): a token of ``doc[lo:hi]`` in the quote's paragraph,
    not in ``skip``, scoring at least ``QUOTE_CUE`` in ``scores`` (token index →
    probability), nearer breaking ties. A quoted statement is attributed to something, so
    the bar is lower than for a cue of its own."""
    text = doc.text if text is None else text  # Doc.text joins every token on each call
    best: tuple[float, Token] | None = None
    for token in doc[lo:hi]:
        p = scores.get(token.i, 0.0)
        if p < QUOTE_CUE or skip[token.i]:
            continue
        between = (token.idx, opened) if token.idx < opened else (end, token.idx)
        if "\n" in text[between[0] : between[1]]:
            continue
        score = p - (between[1] - between[0]) / 1000
        if best is None or score > best[0]:
            best = (score, token)
    return best[1] if best is not None else None
