"""One statement, several wordings: aligning quotes across articles.

Two translations or paraphrases of the same statement rarely share their exact words, but
they share character n-grams of names, numbers and word stems ("colour"/"color",
"modernising"/"modernizing") and many content words. Quotes are compared only within the
same speaker (resolved across articles by the rules of :mod:`wiretrace.trace.sources`), so
two officials saying similar things stay two statements; a quote with no speaker can join a
group only at a higher similarity.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from wiretrace.models import Quote
from wiretrace.trace.model import AlignedQuote, QuoteRendering
from wiretrace.trace.sources import name_key
from wiretrace.trace.text import char_ngrams, content_words, jaccard, weighted_overlap

__all__ = ["align_quotes", "quote_similarity"]

# Similarity (mean of character-trigram Jaccard and content-word Dice) at which two quotes
# of the same speaker are one statement; without a speaker on one side the bar is higher.
SAME_SPEAKER = 0.3
UNKNOWN_SPEAKER = 0.4


def quote_similarity(a: str, b: str) -> float:
    """How alike two wordings are, in [0, 1]: half characters, half content words."""
    if not a.strip() or not b.strip():
        return 0.0
    chars = jaccard(char_ngrams(a), char_ngrams(b))
    content = weighted_overlap(content_words(a), content_words(b))
    return (chars + content) / 2


def _speaker_key(speaker: str | None) -> str | None:
    """Speakers folded so that "Jean-Luc Moreau" and "Jean Luc Moreau" meet."""
    if not speaker:
        return None
    return name_key(speaker).replace(" ", "")


def align_quotes(
    quotes_by_article: Mapping[str, Sequence[Quote]],
    *,
    min_words: int = 3,
    min_articles: int = 2,
) -> list[AlignedQuote]:
    """Group the quotes of several articles into statements quoted by ``min_articles``
    articles or more (1 keeps the statements only one article quotes too).

    Each quote joins the most similar group of the same speaker that has no quote of its
    article yet (one article renders a statement once); quotes shorter than ``min_words``
    content words are too short to tell apart and are left out.
    """
    groups: list[AlignedQuote] = []
    keys: list[str | None] = []
    for article_id in sorted(quotes_by_article):
        for quote in quotes_by_article[article_id]:
            if len(content_words(quote.text)) < min_words:
                continue
            speaker = _speaker_key(quote.speaker)
            best: tuple[float, int] | None = None
            for index, group in enumerate(groups):
                if article_id in group.article_ids:
                    continue
                if speaker and keys[index] and speaker != keys[index]:
                    continue
                bar = SAME_SPEAKER if speaker and keys[index] else UNKNOWN_SPEAKER
                similarity = max(quote_similarity(quote.text, r.text) for r in group.renderings)
                if similarity >= bar and (best is None or similarity > best[0]):
                    best = (similarity, index)
            rendering = QuoteRendering(
                article_id, quote.text, quote.start, quote.end, quote.speaker
            )
            if best is None:
                groups.append(AlignedQuote(quote.speaker, [rendering], 0.0))
                keys.append(speaker)
                continue
            group = groups[best[1]]
            group.renderings.append(rendering)
            group.similarity = (
                best[0] if group.similarity == 0.0 else min(group.similarity, best[0])
            )
            if group.speaker is None and quote.speaker:
                group.speaker, keys[best[1]] = quote.speaker, speaker
    return [g for g in groups if len(g.article_ids) >= min_articles]
