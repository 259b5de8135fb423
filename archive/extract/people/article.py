"""One article as the people extractor reads it: the body, its spaCy Doc and the lookup tables
built once (token offsets, credit and headline ranges, the article's places, entity label votes),
with the questions every step asks of them (a title before this offset? a place? a nationality?).
"""

from __future__ import annotations

import functools
import re
from collections import Counter, defaultdict

from spacy.attrs import IDX, LENGTH

from archive.extract.people import credits
from archive.extract.places.gazetteer import is_place_name
from archive.names.titles import TITLE_BEFORE_RE, title_info
from archive.names.tokens import POSSESSIVE_RE
from archive.records import PlaceEntity

_THE_RE = re.compile(r"^the\s+")
_NORM_PUNCT_RE = re.compile(r"[^\w\s'\-]")
_LAST_WORD_RE = re.compile(r"([^\W\d_][\w'’\-]*)[ \t]+$")


@functools.lru_cache(maxsize=1 << 16)
def norm(s: str) -> str:
    """The comparison key of a span: lowercase, no leading "the", punctuation as spaces."""
    s = s.replace("’", "'").lower()
    s = _THE_RE.sub("", s.strip())
    return " ".join(_NORM_PUNCT_RE.sub(" ", s).split())


def strip_possessive(s: str) -> str:
    """ "Trump's" -> "Trump"."""
    return POSSESSIVE_RE.sub("", s.strip())


def _place_names(places: list[PlaceEntity] | None) -> set[str]:
    out: set[str] = set()
    for p in places or []:
        for n in [p.name, *p.aliases, *(m.text for m in p.mentions)]:
            if n:
                out.add(norm(strip_possessive(n)))
    return out


def _headline_lines(body: str) -> list[tuple[int, int]]:
    """Short lines in Title Case without closing punctuation (headlines, menu items)."""
    out = []
    for m in re.finditer(r"[^\n]+", body):
        line = m.group(0).strip()
        words = re.findall(r"[^\W\d_][\w'’\-]*", line)
        if not words or len(words) > 14 or line[-1:] in '.?!"”:':
            continue
        caps = sum(w[0].isupper() for w in words)
        if caps / len(words) >= 0.6:
            out.append(m.span())
    return out


def known_title_before(body: str, start: int) -> tuple[str, int | None]:
    """The chain of known titles ending right before ``start`` and its offset ("", None if none)."""
    m = TITLE_BEFORE_RE.search(body, max(0, start - 48), start)
    if not m or "\n" in m.group(1):
        return "", None
    return m.group(1), m.start(1)


class Article:
    """The body, its Doc and lookup tables built once.

    ``extra_titles`` is the one thing that grows while the article is read: office words learned
    from "Taoiseach Micheál Martin" (see :func:`archive.extract.people.candidates.trim_candidate`)
    count as titles from then on.
    """

    def __init__(self, body: str, doc, places: list[PlaceEntity] | None, exclude: list[str] | None):
        self.body = body
        self.doc = doc
        # token offsets from one array (no spaCy Token objects: they are slow to create)
        idx_len = doc.to_array([IDX, LENGTH]).tolist() if len(doc) else []
        self.tok_start = {idx: i for i, (idx, _) in enumerate(idx_len)}
        self.tok_end = {idx + n: i for i, (idx, n) in enumerate(idx_len)}
        self.credit = credits.credit_ranges(body)
        self.names_only = credits.names_only_lines(body)
        self.headline_lines = _headline_lines(body)
        self.place_names = _place_names(places)
        self.exclude = [e for e in (exclude or []) if e and e.strip()]
        labels: dict[str, Counter] = defaultdict(Counter)
        for ent in doc.ents:
            labels[norm(strip_possessive(ent.text))][ent.label_] += 1
        self.labels = labels
        self.extra_titles: set[str] = (
            set()
        )  # office words learned here ("Taoiseach Micheál Martin")

    def title_before(self, start: int) -> tuple[str, int | None]:
        """The title chain right before ``start`` (known titles, then titles learned here)."""
        title, ts = known_title_before(self.body, start)
        if title or not self.extra_titles:
            return title, ts
        m = _LAST_WORD_RE.search(self.body[max(0, start - 40) : start])
        if m and m.group(1) in self.extra_titles:
            return m.group(0), start - len(m.group(0))
        return "", None

    def is_title(self, title: str) -> bool:
        """A title chain that is a role ("President"; not "Mr.")."""
        return bool(title) and (title_info(title)[1] or title.split()[-1] in self.extra_titles)

    def label_at(self, start: int, end: int) -> str:
        """spaCy's entity label of the first token of [start, end)."""
        i = self.tok_start.get(start)
        if i is None:
            span = self.doc.char_span(start, end, alignment_mode="expand")
            return span[0].ent_type_ if span is not None and len(span) else ""
        return self.doc[i].ent_type_

    def in_credit(self, start: int, end: int) -> bool:
        """[start, end) lies in a byline, credit or names-only line."""
        return credits.inside(self.credit, start, end) or credits.inside(
            self.names_only, start, end
        )

    def is_place(self, text: str) -> bool:
        """A place by the article's places, the gazetteer or the model's label votes."""
        key = norm(text)
        if key in self.place_names:
            return True
        if is_place_name(text):
            return True
        votes = self.labels.get(key, Counter())
        return votes["GPE"] + votes["LOC"] + votes["FAC"] > votes["PERSON"]

    def is_known_place(self, text: str) -> bool:
        """A place by the article's places or the gazetteer (not by entity labels)."""
        if norm(text) in self.place_names:
            return True
        return is_place_name(text)

    def is_norp(self, text: str) -> bool:
        """The model tags the text a nationality (NORP) more often than a person."""
        votes = self.labels.get(norm(text), Counter())
        return votes["NORP"] > votes["PERSON"]
