"""Build ``src/wiretrace/data/stem_zipf_en.tsv``: English word frequencies, summed by stem.

Clustering weighs a term by how rare it is in general English (an IDF that does not depend on
the store). Terms are Snowball stems, so the table maps each stem to the Zipf frequency of all
the words that share it. Source: the ``wordfreq`` package (Robyn Speer et al., data CC BY-SA
4.0), its 100,000 most frequent English words. Run once when upgrading wordfreq:

    pip install wordfreq && python scripts/build_stem_frequencies.py
"""

from __future__ import annotations

import math
from collections import defaultdict
from pathlib import Path

import Stemmer
from wordfreq import top_n_list, word_frequency

TARGET = Path(__file__).resolve().parent.parent / "src" / "wiretrace" / "data" / "stem_zipf_en.tsv"
WORDS = 100_000


def main() -> None:
    stemmer = Stemmer.Stemmer("english")
    totals: dict[str, float] = defaultdict(float)
    for word in top_n_list("en", WORDS):
        if not word.isalpha():
            continue
        totals[stemmer.stemWord(word)] += word_frequency(word, "en")
    with TARGET.open("w", encoding="utf-8") as out:
        out.write("# stem\tzipf (log10 frequency per billion words), from wordfreq's top ")
        out.write(f"{WORDS} English words; data CC BY-SA 4.0; see scripts/{Path(__file__).name}\n")
        for stem, freq in sorted(totals.items(), key=lambda kv: (-kv[1], kv[0])):
            out.write(f"{stem}\t{math.log10(freq) + 9:.2f}\n")
    print(f"wrote {len(totals)} stems to {TARGET}")


if __name__ == "__main__":
    main()
