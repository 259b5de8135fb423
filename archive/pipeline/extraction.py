"""From a read document to an Extraction: clean, run spaCy once, then the pure extractors.

``extract_batch`` is what ingest calls: it cleans a batch, runs ``nlp.pipe`` over the bodies and
applies the extractors (places, people, quotes) to each parsed body. Failures are per document.

Each document has a time budget (``ARTICLE_TIME_BUDGET`` seconds, ``ARCHIVE_ARTICLE_TIMEOUT``
overrides it, 0 = none; see :mod:`archive.pipeline.budget`) for its cleaning, its parse and its
extraction together: a document that takes longer becomes a ``Failure`` and the rest of the batch
goes on. The batch is still parsed in one ``nlp.pipe`` pass (one call per text costs ~10% more
CPU); each document is charged its share of that pass, by length (the parser is linear in the
text). Only when the pass itself runs over one article's budget are the texts parsed one by one,
each with what is left of its own budget, so that the slow one fails alone.
"""

from __future__ import annotations

import hashlib
import re
import time
import traceback
import unicodedata
from dataclasses import dataclass

from archive.pipeline import budget as budget_mod
from archive.pipeline.budget import ARTICLE_TIME_BUDGET, BudgetExceeded, time_budget  # noqa: F401 (re-exported)
from archive.readers.decoding import normalise_spaces
from archive.records import CleanArticle, Extraction, PersonEntity, RawDocument

WORD = re.compile(r"\w+(?:[-'’]\w+)*")


@dataclass
class Failure:
    """A document that could not be extracted: a one-line reason, and for an unexpected error its
    traceback (shown by ``archive ingest -v``)."""

    doc: RawDocument
    reason: str
    detail: str = ""


def traceback_of(exc: BaseException) -> str:
    """The whole traceback of an exception, as text."""
    return "".join(traceback.format_exception(exc)).rstrip()


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
    people += [
        PersonEntity(name=n, aliases=[n], role="photographer") for n in article.photographers
    ]
    return people


def preload() -> None:
    """Import the extractors and load the tables they otherwise load on first use (gazetteer,
    first names, dictionary words, outlets). Ingest calls this before forking its worker
    processes: they inherit the loaded tables instead of each spending ~2 s of CPU building its
    own copy (and the copy-on-write pages are shared)."""
    import datasketch  # noqa: F401 (MinHash, for archive.extract.similarity)

    from archive.clean import outlets  # noqa: F401
    from archive.clean import page as clean  # noqa: F401
    from archive.extract.people import mentions as people  # noqa: F401
    from archive.extract.places import gazetteer  # noqa: F401
    from archive.extract.places import resolve as places  # noqa: F401
    from archive.extract.quotes import find as quotes  # noqa: F401
    from archive.names import parts as people_names  # noqa: F401

    gazetteer.preload()
    people_names.english_words()
    people_names.first_name_gender("Anna")  # loads gender-guesser's name list
    outlets.canonical_outlet("Reuters")


def extract_parsed(raw: RawDocument, article: CleanArticle, doc) -> Extraction:
    """Apply the extractors to one cleaned article whose body spaCy has parsed into ``doc``."""
    from archive.extract.people.mentions import find_people
    from archive.extract.places.resolve import find_places
    from archive.extract.quotes.find import find_quotes
    from archive.extract.similarity import text_bands

    body = article.body
    # the extractors read the text the tagger read (typographic spaces plain: "Jo Roe", never
    # "Jo\u00a0Roe"); the offsets are the same in both, so a quote keeps the body's own text
    plain = normalise_spaces(body)
    places = find_places(plain, doc)
    credited = credited_people(article)
    people = find_people(plain, doc, places=places, exclude=[p.name for p in credited])
    quotes = find_quotes(plain, doc, people)
    if plain != body:
        for q in quotes:
            if q.text == plain[q.start : q.end]:
                q.text = body[q.start : q.end]
    return Extraction(
        doc=raw,
        article=article,
        people=people + credited,
        places=places,
        quotes=quotes,
        content_sha256=content_hash(raw),
        word_count=word_count(body),
        minhash_bands=text_bands(body),
    )


# Longer bodies are refused: the parser needs about 1 GB of memory per 100,000 characters of one
# text, and no news article comes near this (30,000 words is about 180,000 characters).
MAX_BODY_CHARS = 300_000


def over_budget(seconds: float) -> str:
    """The reason given for a document that ran out of time."""
    return (
        f"extraction took longer than {budget_mod.format_seconds(seconds)} s ({budget_mod.ENV_VAR})"
    )


def extract_batch(
    raws: list[RawDocument], nlp=None, batch_size: int = 32, budget: float | None = None
) -> list[Extraction | Failure]:
    """Clean, parse (one ``nlp.pipe`` over the batch) and extract; one result per input.

    ``budget``: seconds per document (default :func:`archive.pipeline.budget.article_budget`, i.e.
    ``ARCHIVE_ARTICLE_TIMEOUT`` or ``ARTICLE_TIME_BUDGET``; 0 = none). It is only enforced in the
    main thread of a process (ingest's main process and its worker processes)."""
    from archive import nlp as nlp_mod
    from archive.clean.page import clean

    nlp = nlp or nlp_mod.load()
    seconds = budget_mod.article_budget() if budget is None else max(budget, 0.0)
    if not budget_mod.available():
        seconds = 0.0  # no budget outside the main thread
    if seconds:
        # the tables loaded on first use, loaded before any budget can cut a load short
        preload()
    results: list[Extraction | Failure | None] = [None] * len(raws)
    cleaned: list[tuple[int, CleanArticle, float]] = []  # (index, article, seconds spent so far)
    for i, raw in enumerate(raws):
        text = raw.text if raw.text is not None else raw.raw_text
        if text and len(text) > 5 * MAX_BODY_CHARS:  # refuse before the cleaning pass reads it all
            results[i] = Failure(
                raw,
                f"article text too long ({len(text):,} characters > "
                f"{MAX_BODY_CHARS:,} limit): not a single news article?",
            )
            continue
        started = time.monotonic()
        try:
            with time_budget(seconds):
                article = clean(raw)
        except BudgetExceeded:
            results[i] = Failure(raw, over_budget(seconds))
            continue
        except Exception as exc:  # noqa: BLE001 - the batch boundary: one bad document fails alone
            results[i] = Failure(raw, f"cannot clean: {exc}", traceback_of(exc))
            continue
        if not article.body.strip():
            results[i] = Failure(raw, "no article text found")
            continue
        if len(article.body) > MAX_BODY_CHARS:
            results[i] = Failure(
                raw,
                f"article text too long ({len(article.body):,} characters > "
                f"{MAX_BODY_CHARS:,} limit): not a single news article?",
            )
            continue
        cleaned.append((i, article, time.monotonic() - started))
    for (i, article, spent), doc in zip(cleaned, _parse(nlp, cleaned, batch_size, seconds)):
        if doc is None:
            results[i] = Failure(raws[i], over_budget(seconds))
            continue
        doc, spent = doc
        left = seconds - spent if seconds else None
        if left is not None and left <= 0:
            results[i] = Failure(raws[i], over_budget(seconds))
            continue
        try:
            with time_budget(left):
                results[i] = extract_parsed(raws[i], article, doc)
        except BudgetExceeded:
            results[i] = Failure(raws[i], over_budget(seconds))
        except Exception as exc:  # noqa: BLE001 - the batch boundary: one bad document fails alone
            results[i] = Failure(
                raws[i], f"extraction failed: {type(exc).__name__}: {exc}", traceback_of(exc)
            )
    return results  # type: ignore[return-value]


def _parse(nlp, cleaned: list[tuple[int, CleanArticle, float]], batch_size: int, seconds: float):
    """The spaCy docs of the cleaned bodies, in order, each as (doc, seconds spent on the document
    so far: cleaning + its share of the parse), or None for a text whose parse ran out of its
    budget. Without a budget: a lazy ``nlp.pipe`` as before."""
    # the tagger reads typographic spaces as plain ones ("Jo\u00a0Roe" is one name), the text
    # stays as written: one character for one, so every offset holds for both
    bodies = [normalise_spaces(a.body) for _, a, _ in cleaned]
    if not seconds:
        for doc in nlp.pipe(bodies, batch_size=batch_size):
            yield doc, 0.0
        return
    started = time.monotonic()
    try:
        with time_budget(seconds):  # the whole pass within one article's budget, else one by one
            docs = list(nlp.pipe(bodies, batch_size=batch_size))
    except BudgetExceeded:
        docs = None
    if docs is not None:
        took = time.monotonic() - started
        total = sum(len(b) for b in bodies) or 1
        for doc, body, (_, _, spent) in zip(docs, bodies, cleaned):
            yield doc, spent + took * len(body) / total
        return
    for body, (_, _, spent) in zip(bodies, cleaned):
        left = seconds - spent
        if left <= 0:
            yield None
            continue
        started = time.monotonic()
        try:
            with time_budget(left):
                doc = nlp(body)
        except BudgetExceeded:
            yield None
            continue
        yield doc, spent + time.monotonic() - started


def extract_document(raw: RawDocument, nlp=None) -> Extraction:
    """One document (tests, the Python API); raises ValueError on failure."""
    result = extract_batch([raw], nlp=nlp)[0]
    if isinstance(result, Failure):
        raise ValueError(result.reason)
    return result
