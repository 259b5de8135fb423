"""From a read document to an Extraction: clean, run spaCy once, then the pure extractors.

``extract_batch`` is what ingest calls: it cleans a batch, runs ``nlp.pipe`` over the bodies and
applies the extractors (places, people, quotes) to each parsed body. Failures are per document.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass

from archive.records import CleanArticle, Extraction, PersonEntity, RawDocument

WORD = re.compile(r"\w+(?:[-'’]\w+)*")


@dataclass
class Failure:
    doc: RawDocument
    reason: str


def normalise_for_hash(text: str) -> str:
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    return "\n".join(line.rstrip() for line in text.strip().split("\n"))


def content_hash(doc: RawDocument) -> str:
    """sha256 of the normalised text as read (the same article from another path hashes alike)."""
    return hashlib.sha256(normalise_for_hash(doc.raw_text).encode("utf-8")).hexdigest()


def word_count(text: str) -> int:
    return sum(1 for _ in WORD.finditer(text))


def credited_people(article: CleanArticle) -> list[PersonEntity]:
    people = [PersonEntity(name=n, aliases=[n], role="author") for n in article.authors]
    people += [PersonEntity(name=n, aliases=[n], role="photographer") for n in article.photographers]
    return people


def preload() -> None:
    """Import the extractors and load the tables they otherwise load on first use (gazetteer,
    first names, dictionary words, outlets). Ingest calls this before forking its worker
    processes: they inherit the loaded tables instead of each spending ~2 s of CPU building its
    own copy (and the copy-on-write pages are shared)."""
    from archive import clean, gazetteer, outlets, people, people_names, places, quotes  # noqa: F401

    gazetteer.preload()
    people_names.english_words()
    people_names.first_name_gender("Anna")  # loads gender-guesser's name list
    outlets.canonical_outlet("Reuters")


def extract_parsed(raw: RawDocument, article: CleanArticle, doc) -> Extraction:
    """Apply the extractors to one cleaned article whose body spaCy has parsed into ``doc``."""
    from archive.people import find_people
    from archive.places import find_places
    from archive.quotes import find_quotes

    body = article.body
    places = find_places(body, doc)
    credited = credited_people(article)
    people = find_people(body, doc, places=places, exclude=[p.name for p in credited])
    quotes = find_quotes(body, doc, people)
    return Extraction(
        doc=raw,
        article=article,
        people=people + credited,
        places=places,
        quotes=quotes,
        content_sha256=content_hash(raw),
        word_count=word_count(body),
    )


# Longer bodies are refused: the parser needs about 1 GB of memory per 100,000 characters of one
# text, and no news article comes near this (30,000 words is about 180,000 characters).
MAX_BODY_CHARS = 300_000


def extract_batch(raws: list[RawDocument], nlp=None, batch_size: int = 32) -> list[Extraction | Failure]:
    """Clean, parse (one ``nlp.pipe`` over the batch) and extract; one result per input."""
    from archive import nlp as nlp_mod
    from archive.clean import clean

    nlp = nlp or nlp_mod.load()
    results: list[Extraction | Failure | None] = [None] * len(raws)
    cleaned: list[tuple[int, CleanArticle]] = []
    for i, raw in enumerate(raws):
        text = raw.text if raw.text is not None else raw.raw_text
        if text and len(text) > 5 * MAX_BODY_CHARS:  # refuse before the cleaning pass reads it all
            results[i] = Failure(raw, f"article text too long ({len(text):,} characters > "
                                      f"{MAX_BODY_CHARS:,} limit): not a single news article?")
            continue
        try:
            article = clean(raw)
        except Exception as exc:  # a bad document must not stop the batch
            results[i] = Failure(raw, f"cannot clean: {exc}")
            continue
        if not article.body.strip():
            results[i] = Failure(raw, "no article text found")
            continue
        if len(article.body) > MAX_BODY_CHARS:
            results[i] = Failure(raw, f"article text too long ({len(article.body):,} characters > "
                                      f"{MAX_BODY_CHARS:,} limit): not a single news article?")
            continue
        cleaned.append((i, article))
    docs = nlp.pipe((a.body for _, a in cleaned), batch_size=batch_size)
    for (i, article), doc in zip(cleaned, docs):
        try:
            results[i] = extract_parsed(raws[i], article, doc)
        except Exception as exc:
            results[i] = Failure(raws[i], f"extraction failed: {type(exc).__name__}: {exc}")
    return results  # type: ignore[return-value]


def extract_document(raw: RawDocument, nlp=None) -> Extraction:
    """One document (tests, the Python API); raises ValueError on failure."""
    result = extract_batch([raw], nlp=nlp)[0]
    if isinstance(result, Failure):
        raise ValueError(result.reason)
    return result
