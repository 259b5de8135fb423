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
0.93, of 0.7 with 0.9998, of 0.2 with 0.15. A text inside a much longer one (a page saved
with its comments, a story cut to its first paragraphs) is far from it by Jaccard, so a second
signature of the first LEAD_WORDS words gives 20 more bands (numbered 20-39): the same story
starts alike. A candidate is a copy when most of the shorter text's shingles are in the longer
one (containment >= CONTAINMENT): a reprint cut to half the length is still a copy, two stories
that share a paragraph of background are not.

Pure functions, no database: the bands are computed in the extraction workers.
"""

from __future__ import annotations

import hashlib
import re

SHINGLE_WORDS = 5
BANDS, ROWS = 20, 3  # per signature: the whole text's, then its lead's
LEAD_WORDS = 80
SEED = 13
CONTAINMENT = 0.8  # share of the shorter text's shingles found in the longer one
MIN_SHINGLES = 20  # shorter texts (about 24 words) are never linked: too little to tell

# a word: letters and digits with the combining marks of Indic and Thai scripts and accents
_LETTER = r"(?:[^\W_]|[\u0300-\u036f\u0900-\u0e7f])"
_WORD = re.compile(_LETTER + r"+(?:['’]" + _LETTER + r"+)*")


def _words(text: str) -> list[str]:
    return [w.replace("’", "'") for w in _WORD.findall(text.casefold())]


def _shingles(words: list[str]) -> set[str]:
    n = SHINGLE_WORDS
    return {" ".join(words[i : i + n]) for i in range(max(len(words) - n + 1, 0))}


def shingles(text: str) -> set[str]:
    """The 5-word shingles of TEXT (lower-cased words, apostrophes folded)."""
    return _shingles(_words(text))


def _signature(grams: set[str]) -> list[int]:
    """The BANDS band hashes of one MinHash signature of GRAMS (signed 63-bit integers)."""
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
    """The 2 * BANDS band hashes of TEXT (its whole text's signature, then its lead's), in band
    order; none for a text too short to compare."""
    words = _words(text)
    grams = _shingles(words)
    if len(grams) < MIN_SHINGLES:
        return []
    return _signature(grams) + _signature(_shingles(words[:LEAD_WORDS]))


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
