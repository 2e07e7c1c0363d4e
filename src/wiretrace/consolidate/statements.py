"""What was said and claimed about an event, across the reports that say it.

Statements are the extract stage's quotes, grouped by the trace stage's alignment
(:func:`wiretrace.trace.quotes.align_quotes`: one statement in two translations or
paraphrases is one statement, of one speaker), each wording kept with its own attribution
chain. Claims and assessments are grouped the same way: the same asserter (or one side
unnamed) and wordings alike by :func:`~wiretrace.trace.quotes.quote_similarity`. A claim
whose reports give figures that cannot both be right is a disagreement.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

from wiretrace.consolidate.model import (
    Backing,
    ClaimFinding,
    Disagreement,
    Finding,
    Rendering,
    StatementFinding,
    Support,
)
from wiretrace.models import Claim, Extraction
from wiretrace.trace.quotes import SAME_SPEAKER, align_quotes, quote_similarity
from wiretrace.trace.sources import name_key
from wiretrace.trace.text import normalise

__all__ = ["claim_disagreements", "group_claims", "statements"]

BackingOf = Callable[[list[Support]], Backing]


def statements(extractions: Sequence[Extraction], backing: BackingOf) -> list[StatementFinding]:
    """Every quoted statement of the reports (of three content words or more), one entry
    across its wordings, best backed first."""
    by_span = {(x.article_id, q.start, q.end): q for x in extractions for q in x.quotes}
    aligned = align_quotes({x.article_id: x.quotes for x in extractions}, min_articles=1)
    found = []
    for group in aligned:
        renderings = []
        for r in group.renderings:
            quote = by_span[(r.article_id, r.start, r.end)]
            renderings.append(
                Rendering(
                    r.article_id, r.text, r.start, r.end, quote.kind, quote.speaker, list(quote.via)
                )
            )
        supports = [Support(r.article_id, r.text, r.start, r.end) for r in renderings]
        found.append(StatementFinding(group.speaker, renderings, backing(supports)))
    return _best_first(found)


_Found = TypeVar("_Found", StatementFinding, ClaimFinding)


def _best_first(items: list[_Found]) -> list[_Found]:
    return sorted(items, key=lambda f: (-f.backing.lines, -len(f.backing.supports)))


def _asserter(claim: Claim) -> str | None:
    return name_key(claim.asserted_by).replace(" ", "") if claim.asserted_by else None


def group_claims(
    extractions: Sequence[Extraction], backing: BackingOf, *, assessments: bool
) -> list[ClaimFinding]:
    """The claims of fact (``assessments=False``: numeric and comparative) or the
    assessments, one entry per claim across the reports making it, best backed first.

    A claim joins the most alike group of the same asserter (or with one side unnamed)
    that has no claim of its article yet, when the wordings are alike at
    :data:`~wiretrace.trace.quotes.SAME_SPEAKER` or more, as quotes are aligned.
    """
    groups: list[tuple[list[tuple[str, Claim]], str | None]] = []
    for extraction in extractions:
        for claim in extraction.claims:
            if (claim.kind == "assessment") != assessments:
                continue
            who = _asserter(claim)
            best: tuple[float, int] | None = None
            for index, (members, group_who) in enumerate(groups):
                if any(a == extraction.article_id for a, _ in members):
                    continue
                if who and group_who and who != group_who:
                    continue
                similarity = max(quote_similarity(claim.text, c.text) for _, c in members)
                if similarity >= SAME_SPEAKER and (best is None or similarity > best[0]):
                    best = (similarity, index)
            if best is None:
                groups.append(([(extraction.article_id, claim)], who))
            else:
                members, group_who = groups[best[1]]
                members.append((extraction.article_id, claim))
                groups[best[1]] = (members, group_who or who)
    found = []
    for members, _ in groups:
        first = members[0][1]
        values: list[str] = []
        for _, claim in members:
            if claim.value and claim.value not in values:
                values.append(claim.value)
        asserters = [c.asserted_by for _, c in members if c.asserted_by]
        supports = [Support(a, c.text, c.start, c.end) for a, c in members]
        found.append(
            ClaimFinding(
                first.text,
                first.kind,
                asserters[0] if asserters else None,
                values,
                backing(supports),
            )
        )
    return _best_first(found)


def _compatible_values(a: str, b: str) -> bool:
    """Two figures as written that may both be right: equal once folded, or one inside
    the other ("four times" in "four times the")."""
    na, nb = normalise(a), normalise(b)
    return na in nb or nb in na


def claim_disagreements(
    claims: Sequence[ClaimFinding], extractions: Sequence[Extraction], backing: BackingOf
) -> list[Disagreement]:
    """A :class:`Disagreement` for each claim whose reports give incompatible figures."""
    value_of: dict[tuple[str, int | None, int | None], str] = {
        (x.article_id, c.start, c.end): c.value for x in extractions for c in x.claims if c.value
    }
    out = []
    for claim in claims:
        if not any(
            not _compatible_values(a, b)
            for i, a in enumerate(claim.values)
            for b in claim.values[i + 1 :]
        ):
            continue
        by_value: dict[str, list[Support]] = {}
        for support in claim.backing.supports:
            value = value_of.get((support.article_id, support.start, support.end))
            if value:
                by_value.setdefault(value, []).append(support)
        out.append(
            Disagreement(
                f"claim: {claim.text}",
                [Finding(value, backing(supports)) for value, supports in by_value.items()],
            )
        )
    return out
