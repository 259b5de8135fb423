"""Whether two article texts are the same story: word shingles, a MinHash signature in bands
for look-up, and the containment that confirms a candidate.

Two copies of one story rarely have the same bytes: a page saved as .html and as .txt keeps
different furniture, an agency story reprinted by several outlets is cut, headed and captioned
differently. So texts are compared as sets of 5-word shingles (lower-cased words; punctuation,
quotation marks and spacing do not count). A MinHash signature (datasketch, 60 permutations,
fixed seed and scheme, so that signatures stored by one version stay comparable) is cut into 20
bands of 3 rows; each band hashes to one 63-bit integer, and the store finds the articles that
share a band with a new one through an index (archive.store.duplicates): with 20 bands of 3,
two texts whose shingle sets have a Jaccard similarity of 0.5 share a band with probability
0.93, of 0.7 with 0.9998, of 0.2 with 0.15. A candidate is a copy when most of the shorter
text's shingles are in the longer one (containment >= CONTAINMENT): a reprint cut to half the
length is still a copy, two stories that share a paragraph of background are not.

Pure functions, no database: the bands are computed in the extraction workers.
"""

from __future__ import annotations

import hashlib
import re

SHINGLE_WORDS = 5
BANDS, ROWS = 20, 3
SEED = 13
CONTAINMENT = 0.8  # share of the shorter text's shingles found in the longer one
MIN_SHINGLES = 20  # shorter texts (about 24 words) are never linked: too little to tell

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")


def shingles(text: str) -> set[str]:
    """The 5-word shingles of TEXT (lower-cased words, apostrophes folded)."""
    words = [w.replace("’", "'") for w in _WORD.findall(text.casefold())]
    n = SHINGLE_WORDS
    return {" ".join(words[i : i + n]) for i in range(max(len(words) - n + 1, 0))}


def bands(grams: set[str]) -> list[int]:
    """The BANDS band hashes of the shingle set GRAMS (signed 63-bit integers, band order); none
    for a text too short to compare."""
    if len(grams) < MIN_SHINGLES:
        return []
    from datasketch import MinHash

    sig = MinHash(num_perm=BANDS * ROWS, seed=SEED, scheme="affine32")
    sig.update_batch([g.encode("utf-8") for g in sorted(grams)])
    values = sig.hashvalues
    out = []
    for b in range(BANDS):
        row = values[b * ROWS : (b + 1) * ROWS].astype("<u8").tobytes()
        digest = hashlib.blake2b(row, digest_size=8, person=b"archive-band").digest()
        out.append(int.from_bytes(digest, "big") >> 1)
    return out


def text_bands(text: str) -> list[int]:
    """:func:`bands` of TEXT's shingles."""
    return bands(shingles(text))


def containment(a: set[str], b: set[str]) -> float:
    """The share of the smaller set's shingles that are in the other one (0 when either is
    empty)."""
    if not a or not b:
        return 0.0
    small, large = (a, b) if len(a) <= len(b) else (b, a)
    return len(small & large) / len(small)


def same_story(a: set[str], b: set[str]) -> bool:
    """Whether the texts of shingle sets A and B are copies of one story."""
    return min(len(a), len(b)) >= MIN_SHINGLES and containment(a, b) >= CONTAINMENT
