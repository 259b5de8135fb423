"""Plain data records passed between the pipeline stages.

files -> readers (RawDocument) -> clean (CleanArticle) -> extractors (PersonEntity, PlaceEntity,
QuoteRecord; pure functions over text) -> store (database).

Every offset is a character offset into ``CleanArticle.body`` (Python ``str`` indices), so that
``body[start:end] == text`` holds for every stored mention and quote.
All records are plain dataclasses so that they pickle across worker processes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from archive.kinds import PersonRole, PlaceKind, QuoteKind, SpeakerKind


@dataclass
class RawDocument:
    """One article as read from a file, a JSON Lines row or stdin, before cleaning."""

    path: str  # as given on the command line ("-" for stdin; "file.jsonl#3" for line 3)
    name: str  # file name used by exports (basename of the path)
    raw_text: str  # the decoded text as read (lossless for text files; the HTML for .html)
    format: str  # "text" | "html" | "jsonl"
    text: str | None = None  # main text when a reader already extracted it (HTML, JSON Lines)
    meta: dict[str, Any] = field(
        default_factory=dict
    )  # title, url, source, published_at, authors, ...
    encoding: str | None = None


@dataclass
class CleanArticle:
    """Normalised article: boilerplate removed; ``body`` is what all offsets refer to."""

    body: str
    title: str | None = None
    subtitle: str | None = None
    byline: str | None = None
    dateline: str | None = None
    published_at: str | None = None  # ISO 8601 in UTC, or a date (archive.clean.dates)
    published_at_raw: str | None = None  # the date as the page or metadata wrote it
    url: str | None = None
    source: str | None = None  # canonical outlet name ("The New York Times")
    source_domain: str | None = None
    source_country: str | None = None
    wire: str | None = None  # canonical agency name ("Associated Press") when credited
    authors: list[str] = field(default_factory=list)
    photographers: list[str] = field(default_factory=list)
    language: str = "en"


@dataclass
class Span:
    start: int
    end: int
    text: str


@dataclass
class PersonEntity:
    """One real person within one article (clustered mentions)."""

    name: str  # canonical full name as the article gives it ("Vladimir Medinsky")
    aliases: list[str] = field(default_factory=list)  # every surface form in the article
    roles: list[str] = field(default_factory=list)  # titles/roles the article gives
    mentions: list[Span] = field(default_factory=list)  # offsets into body
    gender: str | None = None  # "m" | "f" | None, from honorifics/pronouns when evident
    role: PersonRole = PersonRole.SUBJECT


@dataclass
class PlaceEntity:
    """One place within one article, resolved against the gazetteer."""

    name: str  # canonical name ("United Kingdom")
    kind: PlaceKind
    country_code: str | None = None  # ISO 3166-1 alpha-2
    latitude: float | None = None
    longitude: float | None = None
    gazetteer_id: str | None = None  # e.g. "geonames:2660646" or "iso3166:CH"
    aliases: list[str] = field(default_factory=list)
    mentions: list[Span] = field(default_factory=list)


@dataclass
class QuoteRecord:
    text: str  # verbatim text between the marks
    start: int  # offsets of ``text`` in body (without the marks)
    end: int
    kind: QuoteKind
    speaker_kind: SpeakerKind
    speaker: int | None = None  # index into Extraction.people when speaker_kind is PERSON
    speaker_text: str | None = None  # the speaker as written ("he", "a Russian source")
    cue: str | None = None  # reporting verb ("said", "wrote", "told")
    medium: str | None = None  # "on X", "Axios", ...
    paragraph: int | None = None  # 0-based paragraph index in body
    # how the speaker was found: "cue" (a reporting verb of its own), "signature" (""..." ― X"),
    # "account" ("by his own account"), "colon" (after "X said:" or "X put it:"), "paragraph"
    # (the sentence before it in its paragraph), "follow" (the previous quote's), "group" (another
    # paragraph of the same quote), "echo" (words of an attributed quote), "repeat", "clause" (a
    # fragment in the clause of a named subject with no reporting verb); None: none
    how: str | None = None
    # how likely the speaker is right, in [0, 1] (archive.extract.quotes.confidence); None when
    # not computed
    confidence: float | None = None


@dataclass
class Extraction:
    """Everything extracted from one article; the store step writes it in one transaction."""

    doc: RawDocument
    article: CleanArticle
    people: list[PersonEntity] = field(default_factory=list)
    places: list[PlaceEntity] = field(default_factory=list)
    quotes: list[QuoteRecord] = field(default_factory=list)
    content_sha256: str = ""
    word_count: int = 0
    # the body's MinHash bands (archive.extract.similarity); None: not computed (the store does)
    minhash_bands: list[int] | None = None
