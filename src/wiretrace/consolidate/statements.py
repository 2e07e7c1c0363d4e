"""What was said and claimed about an event, across the reports that say it.

Statements are the extract stage's quotes, grouped by the trace stage's alignment
(:func:`wiretrace.trace.quotes.align_quotes`: one statement in two translations or
paraphrases is one statement, of one speaker), each wording kept with its own attribution
chain. Speakers are first made the people entries' names (:mod:`~.people`), so that one
person written two ways ("Ilse Varga", "Varga") is one speaker.

Claims and assessments are grouped alike, more strictly: the same asserter (or one side
unnamed, at the alignment's higher bar), wordings alike by
:func:`~wiretrace.trace.quotes.quote_similarity`, and, when their figures differ, the same
words once the figures are left out ("damaged 40 boats" and "damaged 55 boats" are one claim
in dispute; "arrested 12" and "injured 30" are two claims). A claim whose reports give
figures that cannot both be right is a :class:`~.model.Disagreement`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Generic, TypeVar

from wiretrace.consolidate.model import (
    Backing,
    ClaimFinding,
    Disagreement,
    Finding,
    Rendering,
    StatementFinding,
    Support,
)
from wiretrace.consolidate.people import Resolved
from wiretrace.models import Claim, Extraction, Quote
from wiretrace.trace.quotes import SAME_SPEAKER, UNKNOWN_SPEAKER, align_quotes, quote_similarity
from wiretrace.trace.text import content_words, words

__all__ = ["AlikeGroups", "group_claims", "group_statements"]

BackingOf = Callable[[list[Support]], Backing]
_Item = TypeVar("_Item")


class AlikeGroups(Generic[_Item]):
    """Items grouped by wording: each joins the most alike group it may join, or opens one.

    Only groups sharing a content word with the item are compared (an inverted index), so
    grouping n wordings costs about n times the groups that share words with each, not n²
    (two wordings with no content word in common score below every bar here anyway).
    """

    def __init__(self) -> None:
        self.groups: list[list[_Item]] = []
        self._texts: list[list[str]] = []
        self._by_word: dict[str, set[int]] = {}

    def add(
        self,
        item: _Item,
        text: str,
        may_join: Callable[[int, float], bool],
    ) -> int:
        """Add ``item`` of wording ``text`` to the most alike group ``g`` for which
        ``may_join(g, similarity)`` holds; return the group's index."""
        keys = set(content_words(text))
        best: tuple[float, int] | None = None
        for index in sorted({g for w in keys for g in self._by_word.get(w, ())}):
            similarity = max(quote_similarity(text, other) for other in self._texts[index])
            if may_join(index, similarity) and (best is None or similarity > best[0]):
                best = (similarity, index)
        if best is None:
            self.groups.append([])
            self._texts.append([])
            index = len(self.groups) - 1
        else:
            index = best[1]
        self.groups[index].append(item)
        self._texts[index].append(text)
        for word in keys:
            self._by_word.setdefault(word, set()).add(index)
        return index


def group_statements(
    extractions: Sequence[Extraction], resolved: Resolved, backing: BackingOf
) -> list[StatementFinding]:
    """Every quoted statement of the reports (of three content words or more), one entry
    across its wordings, best backed first. The speaker is the people entry's name; each
    rendering keeps its speaker as written."""
    written: dict[tuple[str, int, int], Quote] = {}
    by_article: dict[str, list[Quote]] = {}
    for extraction in extractions:
        for quote in extraction.quotes:
            span = (extraction.article_id, quote.start, quote.end)
            if span in written:  # the same span twice: one quote, kept once
                continue
            written[span] = quote
            speaker = resolved.canonical(extraction.article_id, quote.speaker)
            by_article.setdefault(extraction.article_id, []).append(replace(quote, speaker=speaker))
    found = []
    for group in align_quotes(by_article, min_articles=1):
        renderings = []
        for r in group.renderings:
            quote = written[(r.article_id, r.start, r.end)]
            renderings.append(
                Rendering(
                    r.article_id, r.text, r.start, r.end, quote.kind, quote.speaker, list(quote.via)
                )
            )
        supports = [Support(r.article_id, r.text, r.start, r.end) for r in renderings]
        found.append(StatementFinding(group.speaker, renderings, backing(supports)))
    return sorted(found, key=lambda f: f.backing.rank)


def _figures(text: str) -> set[str]:
    return {w for w in words(text) if any(c.isdigit() for c in w)}


def _without_figures(text: str) -> set[str]:
    return {w for w in content_words(text) if not any(c.isdigit() for c in w)}


def compatible_values(a: str, b: str) -> bool:
    """Two figures as written that may both be right: the same numbers, and the words of
    one among the other's ("four times" and "four times the"; not "40 boats" and "140
    boats")."""
    if _figures(a) != _figures(b):
        return False
    wa, wb = set(words(a)), set(words(b))
    return wa <= wb or wb <= wa


_Member = tuple[str, Claim, str | None]  # article id, claim, asserter's entry name


def group_claims(
    extractions: Sequence[Extraction],
    resolved: Resolved,
    backing: BackingOf,
    *,
    assessments: bool,
) -> tuple[list[ClaimFinding], list[Disagreement]]:
    """The claims of fact (``assessments=False``: numeric and comparative) or the
    assessments, one entry per claim across the reports making it, best backed first; and
    the claims whose reports give incompatible figures, as disagreements."""
    grouped: AlikeGroups[_Member] = AlikeGroups()
    for extraction in extractions:
        for claim in extraction.claims:
            if (claim.kind == "assessment") != assessments:
                continue
            who = resolved.canonical(extraction.article_id, claim.asserted_by)
            member: _Member = (extraction.article_id, claim, who)

            def may_join(index: int, similarity: float, member: _Member = member) -> bool:
                return _may_join(grouped.groups[index], member, similarity)

            grouped.add(member, claim.text, may_join)
    found: list[tuple[ClaimFinding, list[_Member]]] = []
    for members in grouped.groups:
        values = list(dict.fromkeys(c.value for _, c, _ in members if c.value))
        asserters = [who for _, _, who in members if who]
        supports = [Support(a, c.text, c.start, c.end) for a, c, _ in members]
        first = members[0][1]
        finding = ClaimFinding(
            first.text, first.kind, asserters[0] if asserters else None, values, backing(supports)
        )
        found.append((finding, members))
    found.sort(key=lambda item: item[0].backing.rank)
    disagreements = [d for f, members in found if (d := _disagreement(f, members, backing))]
    return [f for f, _ in found], disagreements


def _may_join(members: Sequence[_Member], member: _Member, similarity: float) -> bool:
    article_id, claim, who = member
    if any(a == article_id for a, _, _ in members):  # one article makes a claim once
        return False
    named = {w for _, _, w in members if w}
    if who and named and who not in named:
        return False
    if similarity < (SAME_SPEAKER if who and named else UNKNOWN_SPEAKER):
        return False
    # figures that differ may be one claim in dispute only if nothing else differs
    return not any(
        claim.value
        and other.value
        and not compatible_values(claim.value, other.value)
        and _without_figures(claim.text) != _without_figures(other.text)
        for _, other, _ in members
    )


def _disagreement(
    claim: ClaimFinding, members: Sequence[_Member], backing: BackingOf
) -> Disagreement | None:
    values = claim.values
    if not any(not compatible_values(a, b) for i, a in enumerate(values) for b in values[i + 1 :]):
        return None
    by_value: dict[str, list[Support]] = {}
    for article_id, member, _ in members:
        if member.value:
            by_value.setdefault(member.value, []).append(
                Support(article_id, member.text, member.start, member.end)
            )
    return Disagreement(
        f"claim: {claim.text}",
        [Finding(value, backing(supports)) for value, supports in by_value.items()],
    )
