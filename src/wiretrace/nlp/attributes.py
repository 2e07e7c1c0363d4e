"""An indexed stand-in for spaCy's ``attribute_ruler``: the same annotations, found faster.

The English pipelines map fine-grained tags to coarse parts of speech (and a few word
exceptions) with an ``attribute_ruler`` of about 180 token patterns. spaCy's ``Matcher``
tries every pattern at every token, which made the ruler cost as much as the whole
dependency parser (about 18 ms of a 600-word article's 140 ms here). Almost all of the
patterns are a single token with plain equality tests on ``TAG``, ``LOWER`` or ``DEP``, so
they can be looked up in a dictionary instead.

:class:`IndexedAttributeRuler` reads the loaded ruler's own patterns: single-token patterns
with plain tests (a value, ``IN`` or ``NOT_IN``) are indexed by tag or by lower-case form;
every other pattern (several tokens, ``REGEX``, operators) stays with a ``Matcher`` holding
only those. The matches, sorted as the ruler sorts them, are then applied by the ruler's own
``set_annotations``, so later rules still take precedence and the resulting tokens are the
same as with the original component (a test compares them on real text).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, cast

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.pipeline import AttributeRuler
    from spacy.tokens import Doc, Token

__all__ = [
    "ATTRIBUTE_RULER",
    "INDEXED_ATTRIBUTES",
    "IndexedAttributeRuler",
    "index_attribute_ruler",
]

#: The name of spaCy's component this module stands in for.
ATTRIBUTE_RULER = "attribute_ruler"
#: The name of the component that replaces it in a loaded pipeline.
INDEXED_ATTRIBUTES = "wiretrace_attributes"

# Token attributes a plain test may read, and how to read them from a token.
_READERS: dict[str, Callable[[Token], object]] = {
    "TAG": lambda token: token.tag_,
    "LOWER": lambda token: token.lower_,
    "ORTH": lambda token: token.text,
    "TEXT": lambda token: token.text,
    "DEP": lambda token: token.dep_,
    "IS_SPACE": lambda token: token.is_space,
}

# Token kinds remembered before the memo of plain matches starts again.
_MEMO_SIZE = 200_000

# One plain test: the attribute, "eq" / "in" / "not_in", and the value or set of values.
_Test = tuple[Callable[["Token"], object], str, object]
# One indexable rule: (attribute index, match id, tests).
_Rule = tuple[int, int, tuple[_Test, ...]]


def _plain_tests(token_spec: dict[str, Any]) -> tuple[_Test, ...] | None:
    """The token pattern as plain tests, or None when it needs spaCy's matcher."""
    tests: list[_Test] = []
    for attr, value in token_spec.items():
        reader = _READERS.get(attr)
        if reader is None:
            return None
        if isinstance(value, str | bool):
            tests.append((reader, "eq", value))
        elif isinstance(value, dict) and len(value) == 1 and next(iter(value)) in ("IN", "NOT_IN"):
            op, values = next(iter(value.items()))
            tests.append((reader, op.lower(), frozenset(values)))
        else:
            return None
    return tuple(tests)


def _passes(token: Token, tests: tuple[_Test, ...]) -> bool:
    for reader, op, value in tests:
        got = reader(token)
        if op == "eq":
            if got != value:
                return False
        elif op == "in":
            if got not in value:  # type: ignore[operator]
                return False
        elif got in value:  # type: ignore[operator]
            return False
    return True


def _index_key(token_spec: dict[str, Any]) -> tuple[str, list[str]] | None:
    """The attribute and values a rule can be looked up by (TAG first, then LOWER)."""
    for attr in ("TAG", "LOWER"):
        value = token_spec.get(attr)
        if isinstance(value, str):
            return attr, [value]
        if isinstance(value, dict) and set(value) == {"IN"}:
            return attr, [str(v) for v in value["IN"]]
    return None


class IndexedAttributeRuler:
    """Finds the matches of an ``AttributeRuler``'s patterns by lookup, then lets the ruler
    apply them. Built from a loaded ruler; it keeps the ruler for its attributes."""

    def __init__(self, ruler: AttributeRuler) -> None:
        from spacy.matcher import Matcher

        self.ruler = ruler
        strings = ruler.vocab.strings
        self._by_tag: dict[str, list[_Rule]] = {}
        self._by_lower: dict[str, list[_Rule]] = {}
        self._unindexed: list[_Rule] = []
        self._rest = Matcher(ruler.vocab)
        self._memo: dict[tuple[int, int, int], tuple[tuple[int, int], ...]] = {}
        for number, entry in enumerate(ruler.patterns):
            key = str(number)
            match_id = strings.add(key)
            rest: list[list[dict[str, Any]]] = []
            patterns: list[list[dict[str, Any]]] = cast(Any, entry["patterns"])
            for pattern in patterns:
                tests = _plain_tests(pattern[0]) if len(pattern) == 1 else None
                if tests is None:
                    rest.append(pattern)
                    continue
                rule: _Rule = (number, match_id, tests)
                found = _index_key(pattern[0])
                if found is None:
                    self._unindexed.append(rule)
                    continue
                attr, values = found
                table = self._by_tag if attr == "TAG" else self._by_lower
                for value in values:
                    table.setdefault(value, []).append(rule)
            if rest:
                self._rest.add(key, rest)
        self.indexed = sum(map(len, self._by_tag.values())) + sum(map(len, self._by_lower.values()))

    def match(self, doc: Doc) -> list[tuple[int, int, int, int]]:
        """The ruler's matches as ``AttributeRuler.match`` returns them: ``(attribute
        index, match id, start, end)``, sorted, each once."""
        found: set[tuple[int, int, int, int]] = set()
        memo = self._memo
        if len(memo) > _MEMO_SIZE:
            memo.clear()
        for token in doc:
            # Every plain test reads the tag, the text (lower-case form, space) or the
            # dependency label, so tokens alike in those three match the same rules.
            key = (token.tag, token.orth, token.dep)
            hits = memo.get(key)
            if hits is None:
                hits = memo[key] = self._plain_matches(token)
            i = token.i
            for number, match_id in hits:
                found.add((number, match_id, i, i + 1))
        strings = self.ruler.vocab.strings
        for match_id, start, end in self._rest(doc, allow_missing=True):
            found.add((int(strings[match_id]), match_id, start, end))
        return sorted(found)

    def _plain_matches(self, token: Token) -> tuple[tuple[int, int], ...]:
        """The indexed rules ``token`` passes, as ``(attribute index, match id)``."""
        hits: list[tuple[int, int]] = []
        for rules in (
            self._by_tag.get(token.tag_),
            self._by_lower.get(token.lower_),
            self._unindexed,
        ):
            for number, match_id, tests in rules or ():
                if _passes(token, tests):
                    hits.append((number, match_id))
        return tuple(hits)

    def __call__(self, doc: Doc) -> Doc:
        self.ruler.set_annotations(doc, self.match(doc))  # type: ignore[no-untyped-call]
        return doc


def index_attribute_ruler(nlp: Language) -> bool:
    """Put an :class:`IndexedAttributeRuler` where the pipeline's ``attribute_ruler`` was
    (as component :data:`INDEXED_ATTRIBUTES`); False when there is no such ruler."""
    from spacy.language import Language
    from spacy.pipeline import AttributeRuler

    if ATTRIBUTE_RULER not in nlp.pipe_names:
        return False
    ruler = nlp.get_pipe(ATTRIBUTE_RULER)
    if not isinstance(ruler, AttributeRuler):
        return False
    if not Language.has_factory(INDEXED_ATTRIBUTES):
        Language.factory(INDEXED_ATTRIBUTES, func=_make_indexed)
    nlp.add_pipe(INDEXED_ATTRIBUTES, before=ATTRIBUTE_RULER)
    nlp.remove_pipe(ATTRIBUTE_RULER)
    return True


def _make_indexed(nlp: Language, name: str) -> IndexedAttributeRuler:
    """spaCy factory: built from the pipeline's ``attribute_ruler``, which it replaces."""
    from spacy.pipeline import AttributeRuler

    ruler = nlp.get_pipe(ATTRIBUTE_RULER)
    assert isinstance(ruler, AttributeRuler)
    return IndexedAttributeRuler(ruler)
