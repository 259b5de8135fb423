"""Corrections of a quote's speaker (``archive quote speaker``): a person, an unnamed source
("a senior official"), or nobody.

Quote ids do not survive re-extraction, so the correction names the quote by its article's key
(:func:`archive.store.correction_rows.article_key`) and its words, with its offset to choose
between equal quotes; in an edited version of the article the same words are the same quote
wherever they moved (of several, the nearest to the old offset; failing the same words, the same
normalised words, then the same statement (words contained or nearly the same,
:func:`archive.extract.quotes.statements.same_statement`), then the most similar words when
they are similar enough (EDITED_MIN)). The speaker is named by their names, as in
:mod:`archive.store.correct_people`. A speaker set by hand is sure: the quote's confidence
becomes 1 (none for an unnamed source or nobody).
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from archive.extract.quotes.statements import same_statement, statement_key
from archive.kinds import CorrectionKind, SpeakerKind
from archive.store import statement_groups
from archive.store.correct_people import describe, find, new_person
from archive.store.correction_rows import (
    CorrectionError,
    add,
    articles_with_key,
    key_of_article,
)
from archive.store.models import Article, Correction, Person, Quote

EDITED_MIN = 80  # rapidfuzz ratio of the normalised words: the same quote, edited


def _subject(session: Session, quote: Quote) -> dict:
    article = session.get(Article, quote.article_id)
    return {
        "article": key_of_article(article),
        "text": quote.text,
        "start": quote.start_char,
    }


def find_quote(session: Session, subject: dict, hint: int | None = None) -> Quote | None:
    """The quote a correction's subject means now (see the module's docstring)."""
    articles = articles_with_key(session, subject["article"])
    ids = [a.id for a in articles]
    if not ids:
        return None
    if hint is not None:
        q = session.get(Quote, hint)
        if q is not None and q.article_id in ids and q.text == subject["text"]:
            return q
    quotes = list(
        session.execute(select(Quote).where(Quote.article_id.in_(ids)).order_by(Quote.id)).scalars()
    )
    same = [q for q in quotes if q.text == subject["text"]]
    if not same:
        key = statement_key(subject["text"])
        same = [q for q in quotes if statement_key(q.text) == key]
    if not same:  # cut differently
        same = [q for q in quotes if same_statement(subject["text"], q.text)]
    if not same:  # the words edited a little
        from rapidfuzz import fuzz

        scored = [(fuzz.ratio(key, statement_key(q.text)), q) for q in quotes]
        top = max((score for score, _ in scored), default=0)
        same = [q for score, q in scored if score >= max(top, EDITED_MIN)]
    if not same:
        return None
    return min(same, key=lambda q: (abs(q.start_char - subject["start"]), q.id))


def speaker_of(session: Session, quote: Quote) -> dict:
    """The quote's speaker as a correction records it."""
    value: dict = {"kind": quote.speaker_kind, "text": quote.speaker_text}
    if quote.speaker_id is not None:
        value["person"] = describe(session, quote.speaker_id)
    value["confidence"] = quote.confidence
    return value


def readable(value: dict) -> str:
    """A speaker value as a person reads it."""
    if value.get("person"):
        return f"{value['person']['name']} (person {value['person']['id']})"
    if value["kind"] == SpeakerKind.NONE:
        return "no speaker"
    return f"{value['text']} ({value['kind']})"


def _speaker_id(session: Session, value: dict) -> int | None:
    who = value.get("person")
    if who is None:
        return None
    return find(session, who, who.get("id")) or new_person(session, who["name"])


def _is(session: Session, quote: Quote, value: dict) -> bool:
    """Whether the quote has this speaker now."""
    if quote.speaker_kind != value["kind"]:
        return False
    who = value.get("person")
    if who is None:
        return quote.speaker_id is None and quote.speaker_text == value["text"]
    return quote.speaker_id is not None and quote.speaker_id == find(session, who, who.get("id"))


def set_speaker(session: Session, quote: Quote, value: dict) -> None:
    """Give the quote this speaker (and the statement that goes with them)."""
    if _is(session, quote, value):
        quote.confidence = value.get("confidence")
        return
    pid = _speaker_id(session, value)
    quote.speaker_kind = value["kind"]
    # as written (the value before, for undo), else the person's name
    quote.speaker_text = value["text"] or (session.get(Person, pid).name if pid else None)
    quote.confidence = value.get("confidence")
    statement_groups.move_quote(session, quote, pid)


def make_speaker(
    session: Session, quote_id: int, kind: str, value: int | str | None, note: str | None
) -> Correction:
    """``archive quote speaker QUOTE_ID PERSON|--none|--unnamed TEXT``: KIND is person (VALUE a
    person id), unnamed (VALUE a description) or none."""
    quote = session.get(Quote, quote_id)
    if quote is None:
        raise CorrectionError(f"no quote {quote_id}")
    if kind == SpeakerKind.PERSON:
        if session.get(Person, value) is None:
            raise CorrectionError(f"no person {value}")
        who = describe(session, value)
        after = {"kind": kind, "text": who["name"], "person": who, "confidence": 1.0}
    elif kind == SpeakerKind.UNNAMED:
        text = " ".join(str(value or "").split())[:300]
        if not text:
            raise CorrectionError("--unnamed needs a description of the speaker")
        after = {"kind": kind, "text": text, "confidence": None}
    else:
        after = {"kind": SpeakerKind.NONE, "text": None, "confidence": None}
    before = speaker_of(session, quote)
    if _is(session, quote, after):
        raise CorrectionError(f"quote {quote_id}'s speaker is already {readable(after)}")
    subject = _subject(session, quote)
    row = add(
        session,
        [f"article:{subject['article']}"],
        kind=CorrectionKind.QUOTE_SPEAKER,
        target_table="quotes",
        target_id=quote_id,
        field="speaker",
        old_value=readable(before),
        new_value=readable(after),
        subject=subject,
        before=before,
        after=after,
        note=note,
    )
    set_speaker(session, quote, after)
    return row


def apply_speaker(session: Session, c: Correction) -> set[str]:
    quote = find_quote(session, c.subject, c.target_id)
    c.target_id = quote.id if quote is not None else None
    if quote is not None:
        set_speaker(session, quote, c.after)
    return set()


def undo_speaker(session: Session, c: Correction) -> set[str]:
    """The speaker before, unless the quote has another speaker since (a later correction)."""
    quote = find_quote(session, c.subject, c.target_id)
    if quote is not None and _is(session, quote, c.after):
        set_speaker(session, quote, c.before)
    return set()
