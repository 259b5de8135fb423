"""One quote in context: its words inside their paragraph of the article (split at the quote's
offsets, so a page can highlight them), who said it, how sure the archive is, the outlet and date,
and the same statement as other articles and outlets carried it.

Also one article's body as paragraphs, each cut at the offsets of its quotes
(:func:`article_paragraphs`).
"""

from __future__ import annotations

from sqlalchemy import Engine, select
from sqlalchemy.orm import aliased

from archive.extract.quotes.marks import paragraph_index, paragraph_spans
from archive.kinds import QuoteKind
from archive.query.common import Row
from archive.store.models import Article, Person, Quote, Source, Statement


def _paragraph_around(body: str, start: int, end: int) -> dict[str, str]:
    """The paragraph(s) of BODY holding [START, END), cut into before / quote / after."""
    spans = paragraph_spans(body)
    if not spans:
        return {"before": "", "quote": body[start:end], "after": ""}
    first = spans[paragraph_index(spans, start)][0]
    last = spans[paragraph_index(spans, max(end - 1, start))][1]
    first, last = min(first, start), max(last, end)
    return {"before": body[first:start], "quote": body[start:end], "after": body[end:last]}


def quote_in_context(engine: Engine, quote_id: int) -> Row | None:
    """Quote QUOTE_ID with its article, speaker and paragraph, and the other quotes of its
    statement (``same_statement``: the same words of the same speaker in other articles, with
    their outlets); None when there is no such quote."""
    wire = aliased(Source)
    with engine.connect() as conn:
        row = conn.execute(
            select(
                Quote.id.label("quote_id"),
                Quote.text.label("quote"),
                Quote.kind.label("quote_kind"),
                Quote.speaker_id,
                Person.name.label("speaker"),
                Quote.speaker_text,
                Quote.speaker_kind,
                Quote.confidence,
                Quote.cue,
                Quote.medium,
                Quote.statement_id,
                Statement.text.label("statement"),
                Quote.start_char,
                Quote.end_char,
                Article.id.label("article_id"),
                Article.title,
                Article.url,
                Article.published_at,
                Article.body,
                Source.name.label("outlet"),
                wire.name.label("wire"),
            )
            .join(Article, Article.id == Quote.article_id)
            .outerjoin(Person, Person.id == Quote.speaker_id)
            .outerjoin(Statement, Statement.id == Quote.statement_id)
            .outerjoin(Source, Source.id == Article.source_id)
            .outerjoin(wire, wire.id == Article.wire_id)
            .where(Quote.id == quote_id)
        ).first()
        if row is None:
            return None
        out = dict(row._mapping)
        body = out.pop("body") or ""
        out["paragraph"] = _paragraph_around(body, out["start_char"], out["end_char"])
        out["same_statement"] = (
            _other_quotes(conn, out["statement_id"], quote_id) if out["statement_id"] else []
        )
    out["outlets"] = sorted({q["outlet"] for q in out["same_statement"] if q["outlet"]})
    return out


def _other_quotes(conn, statement_id: int, quote_id: int) -> list[Row]:
    """The quotes of statement STATEMENT_ID other than QUOTE_ID, in order of publication."""
    rows = conn.execute(
        select(
            Quote.id.label("quote_id"),
            Quote.text.label("quote"),
            Quote.speaker_text,
            Quote.confidence,
            Article.id.label("article_id"),
            Article.title,
            Article.published_at,
            Source.name.label("outlet"),
        )
        .join(Article, Article.id == Quote.article_id)
        .outerjoin(Source, Source.id == Article.source_id)
        .where(Quote.statement_id == statement_id, Quote.id != quote_id)
        .order_by(Article.published_at.nulls_last(), Quote.id)
    )
    return [dict(r._mapping) for r in rows]


def article_paragraphs(engine: Engine, article_id: int) -> Row | None:
    """Article ARTICLE_ID: title, outlet, date and its body as paragraphs, each a list of
    pieces ``{"text", "quote_id", "speaker", "speaker_id", "kind"}`` (quote_id None outside
    quotes; reported speech that overlaps a quotation is not marked);
    None when there is no such article."""
    with engine.connect() as conn:
        art = conn.execute(
            select(
                Article.id.label("article_id"),
                Article.title,
                Article.subtitle,
                Article.byline,
                Article.url,
                Article.published_at,
                Article.body,
                Source.name.label("outlet"),
            )
            .outerjoin(Source, Source.id == Article.source_id)
            .where(Article.id == article_id)
        ).first()
        if art is None:
            return None
        quotes = conn.execute(
            select(
                Quote.id,
                Quote.start_char,
                Quote.end_char,
                Quote.speaker_id,
                Person.name,
                Quote.speaker_text,
                Quote.kind,
            )
            .outerjoin(Person, Person.id == Quote.speaker_id)
            .where(Quote.article_id == article_id)
            .order_by(Quote.start_char, Quote.id)
        ).all()
    quotes = _marked(quotes)
    out = dict(art._mapping)
    body = out.pop("body") or ""
    out["paragraphs"] = [_pieces(body, ps, pe, quotes) for ps, pe in paragraph_spans(body)]
    return out


def _marked(quotes) -> list:
    """The quotes to mark in the body: every quotation, and the reported speech that overlaps
    none (a reported statement holding a quoted fragment leaves the fragment its mark)."""
    direct = [(q.start_char, q.end_char) for q in quotes if q.kind != QuoteKind.INDIRECT]
    return [
        q
        for q in quotes
        if q.kind != QuoteKind.INDIRECT
        or not any(a < q.end_char and q.start_char < b for a, b in direct)
    ]


def _pieces(body: str, ps: int, pe: int, quotes) -> list[Row]:
    """Paragraph [PS, PE) of BODY cut at the offsets of the QUOTES inside it."""
    pieces, pos = [], ps
    for qid, start, end, speaker_id, name, speaker_text, kind in quotes:
        if start < pos or end > pe or start >= pe:
            continue  # outside this paragraph (or overlapping one already cut)
        if start > pos:
            pieces.append({"text": body[pos:start], "quote_id": None})
        speaker = name or speaker_text
        pieces.append(
            {
                "text": body[start:end],
                "quote_id": qid,
                "speaker": speaker,
                "speaker_id": speaker_id,
                "kind": kind,
            }
        )
        pos = end
    if pos < pe:
        pieces.append({"text": body[pos:pe], "quote_id": None})
    return pieces
