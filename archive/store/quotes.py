"""Quotes of one article into the archive, each in its statement: the same words of the same
speaker, carried by several articles or outlets, are one ``statements`` row
(:func:`archive.extract.quotes.statements.same_statement`). A speaker's stored statements are read
once, the groups decided here and everything written in one flush; a quote that joins two stored
statements goes through :func:`archive.store.statement_groups.group`."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from archive.extract.quotes.statements import same_statement, statement_key
from archive.kinds import SpeakerKind
from archive.records import Extraction, QuoteRecord
from archive.store import statement_groups
from archive.store.models import Article, Quote, Statement


@dataclass
class Said:
    """One wording a speaker's statement is known by: the statement (an id when it was stored
    before this article, else the new row) and the text."""

    statement: int | Statement
    text: str


def _quote_row(article: Article, q: QuoteRecord, speaker_id: int | None) -> Quote:
    return Quote(
        article_id=article.id,
        speaker_id=speaker_id,
        speaker_text=(q.speaker_text or None) and q.speaker_text[:300],
        speaker_kind=q.speaker_kind,
        text=q.text,
        kind=q.kind,
        start_char=q.start,
        end_char=q.end,
        cue=(q.cue or None) and q.cue[:50],
        medium=(q.medium or None) and q.medium[:200],
        paragraph=q.paragraph,
        confidence=None if q.confidence is None else round(q.confidence, 3),
    )


def _stored(session: Session, speaker_id: int) -> list[Said]:
    """The wordings of the speaker's stored statements."""
    return [
        Said(sid, text)
        for sid, text in session.execute(
            select(Quote.statement_id, Quote.text)
            .where(Quote.speaker_id == speaker_id, Quote.statement_id.is_not(None))
            .distinct()
        )
    ]


def write_quotes(session: Session, article: Article, ex: Extraction, person_ids: list[int]) -> None:
    """Write the article's quotes; ``person_ids`` are the ids of ``ex.people``, in order."""
    said: dict[int, list[Said]] = {}  # speaker -> the wordings of their statements
    bridging: list[Quote] = []
    deferred: set[int] = set()
    with session.no_autoflush:
        for q in ex.quotes:
            speaker_id = (
                person_ids[q.speaker]
                if q.speaker is not None and q.speaker_kind == SpeakerKind.PERSON
                else None
            )
            quote = _quote_row(article, q, speaker_id)
            session.add(quote)
            if speaker_id is None:
                quote.statement = Statement(speaker_id=None, text=q.text, key=statement_key(q.text))
                continue
            if speaker_id in deferred:  # after a bridging quote: in order, in the database
                bridging.append(quote)
                continue
            if speaker_id not in said:
                said[speaker_id] = _stored(session, speaker_id)
            matches: list[int | Statement] = []
            for known in said[speaker_id]:
                if not any(known.statement is m for m in matches) and same_statement(
                    known.text, q.text
                ):
                    matches.append(known.statement)
            if len(matches) > 1:  # it joins statements: merged in the database afterwards
                bridging.append(quote)
                deferred.add(speaker_id)
                continue
            if matches:
                st = matches[0]
                obj = session.get(Statement, st) if isinstance(st, int) else st
                best = statement_groups.best_wording([obj.text, q.text])
                if best != obj.text:
                    obj.text, obj.key = best, statement_key(best)
            else:
                st = obj = Statement(speaker_id=speaker_id, text=q.text, key=statement_key(q.text))
            quote.statement = obj
            said[speaker_id].append(Said(st, q.text))
    session.flush()
    for quote in bridging:
        statement_groups.group(session, quote)
    session.flush()
