"""Quotes: who said what, in which outlet's article, and how many outlets carried the same
statement; filtered by speaker (a person, or the speaker as written for quotes without a known
one), outlet, words of the quote, place and how likely the speaker is right (the confidence).
A story saved twice by one outlet lists its quotes once (archive.query.common.repeated_copies);
its copies in other outlets count among the outlets that carried each statement."""

from __future__ import annotations

from sqlalchemy import Engine, and_, func, or_, select
from sqlalchemy.orm import aliased

from archive.kinds import QuoteKind
from archive.query.articles import source_ids_for
from archive.query.common import (
    Row,
    count_rows,
    newest_first_is_cheaper,
    repeated_copies,
    statement_outlets,
)
from archive.query.people import person_ids_for
from archive.query.places import place_ids_for
from archive.store.models import Article, ArticlePlace, Person, Quote, Source

# what ``kind=`` selects: quotations (whole or fragments) or reported speech; None: both
KINDS: dict[str, tuple[str, ...]] = {
    "direct": (QuoteKind.FULL.value, QuoteKind.PARTIAL.value),
    "indirect": (QuoteKind.INDIRECT.value,),
}


def unattributed_speakers(engine: Engine, value: str) -> list[str]:
    """The distinct ``speaker_text`` of quotes without a known speaker (speaker_id NULL) that
    contain VALUE (a literal, case-insensitive substring).

    The distinct values are enumerated through the index on (speaker_id, speaker_text) one
    seek each (a recursive "loose index scan"), so the cost follows the number of distinct
    spellings ("a senior official", "the Kremlin"), not the number of such quotes.
    """
    q = aliased(Quote)
    walk = (
        select(func.min(Quote.speaker_text).label("t"))
        .where(Quote.speaker_id.is_(None))
        .cte("unattributed", recursive=True)
    )
    step = (
        select(q.speaker_text)
        .where(q.speaker_id.is_(None), q.speaker_text > walk.c.t)
        .order_by(q.speaker_text)
        .limit(1)
        .scalar_subquery()
    )
    walk = walk.union_all(select(step).where(walk.c.t.isnot(None)))
    stmt = select(walk.c.t).where(walk.c.t.icontains(value, autoescape=True))
    with engine.connect() as conn:
        return [t for t in conn.execute(stmt).scalars() if t is not None]


def _speaker_filters(engine: Engine, speaker: str):
    """(WHERE clause, the same without the speaker_id index) for the quotes of SPEAKER, or
    None when nobody matches: the people it may mean, and the quotes without a known speaker
    whose speaker as written contains it (the distinct spellings found first, few, through the
    index, then matched by equality)."""
    ids = person_ids_for(engine, speaker)
    texts = unattributed_speakers(engine, speaker.strip())
    if not ids and not texts:
        return None
    branches, unindexed = [], []
    if ids:
        branches.append(Quote.speaker_id.in_(ids))
        unindexed.append((Quote.speaker_id + 0).in_(ids))
    if texts:
        branches.append(and_(Quote.speaker_id.is_(None), Quote.speaker_text.in_(texts)))
        unindexed.append(and_((Quote.speaker_id + 0).is_(None), Quote.speaker_text.in_(texts)))
    return or_(*branches), or_(*unindexed)


def _newest_articles(engine: Engine, conditions: list, order, limit: int) -> list[int]:
    """The ids of the newest LIMIT articles (in ORDER) with a quote that meets CONDITIONS,
    found by walking the articles newest first."""
    with engine.connect() as conn:
        return list(
            conn.execute(
                select(Article.id)
                .where(
                    select(Quote.id).where(Quote.article_id == Article.id, *conditions).exists(),
                    Article.id.not_in(repeated_copies()),
                )
                .order_by(*order)
                .limit(limit)
            ).scalars()
        )


def _filters(
    engine: Engine,
    speaker: str | None,
    source: str | None,
    search: str | None,
    place: str | None,
    kind: str | None = None,
):
    """(WHERE clauses of the filters but the speaker's, the speaker's (indexed, unindexed)
    pair or None), or None when SPEAKER matches nobody. The clauses read quotes joined with
    their articles."""
    speaker_pair = None
    if speaker is not None:
        speaker_pair = _speaker_filters(engine, speaker)
        if speaker_pair is None:
            return None
    where = [Article.id.not_in(repeated_copies())]
    if source is not None:
        ids = source_ids_for(engine, source)
        where.append(or_(Article.source_id.in_(ids), Article.wire_id.in_(ids)))
    if search is not None:
        where.append(Quote.text.icontains(search, autoescape=True))
    if kind is not None:
        if kind not in KINDS:
            raise ValueError(f"unknown quote kind {kind!r}: use one of {', '.join(KINDS)}")
        where.append(Quote.kind.in_(KINDS[kind]))
    if place is not None:
        ids = place_ids_for(engine, place)
        where.append(
            select(ArticlePlace.id)
            .where(ArticlePlace.article_id == Article.id, ArticlePlace.place_id.in_(ids))
            .exists()
        )
    return where, speaker_pair


def quotes_count(
    engine: Engine,
    speaker: str | None = None,
    source: str | None = None,
    search: str | None = None,
    place: str | None = None,
    min_confidence: float | None = None,
    kind: str | None = None,
) -> int:
    """How many quotes :func:`quotes` lists without its limit."""
    found = _filters(engine, speaker, source, search, place, kind)
    if found is None:
        return 0
    where, speaker_pair = found
    if speaker_pair is not None:
        where.append(speaker_pair[0])
    if min_confidence is not None:
        where.append(Quote.confidence >= min_confidence)
    stmt = select(Quote.id).join(Article, Article.id == Quote.article_id).where(*where)
    return count_rows(engine, stmt)


def quotes(
    engine: Engine,
    speaker: str | None = None,
    source: str | None = None,
    search: str | None = None,
    place: str | None = None,
    limit: int | None = 100,
    min_confidence: float | None = None,
    kind: str | None = None,
) -> list[Row]:
    """Quotes with speaker, outlet, article, and how many outlets carried the same statement.

    ``speaker`` matches people by name, alias or spelling variant (and, for quotes not
    attributed to a known person, the speaker as written); ``search`` is a literal,
    case-insensitive substring of the quote; ``min_confidence`` keeps the quotes whose
    confidence (how likely the speaker is right) is at least that (quotes without one are left
    out); ``kind`` is "direct" (quotations, whole or fragments), "indirect" (reported speech:
    the words are the reporter's) or None for both.
    """
    found = _filters(engine, speaker, source, search, place, kind)
    if found is None:
        return []
    where, speaker_pair = found
    wire = aliased(Source)
    stmt = (
        select(
            Quote.id.label("quote_id"),
            Quote.text.label("quote"),
            Quote.kind,
            func.coalesce(Person.name, Quote.speaker_text).label("speaker"),
            Quote.speaker_id,
            Quote.confidence,
            Source.name.label("outlet"),
            wire.name.label("wire"),
            Article.published_at,
            Article.id.label("article_id"),
            Article.title,
            Quote.statement_id,
        )
        .join(Article, Article.id == Quote.article_id)
        .outerjoin(Person, Person.id == Quote.speaker_id)
        .outerjoin(Source, Source.id == Article.source_id)
        .outerjoin(wire, wire.id == Article.wire_id)
        .where(*where)
    )
    by_speaker, by_speaker_unindexed = speaker_pair or (None, None)
    if by_speaker is not None:
        stmt = stmt.where(by_speaker)
    # confident: through the partial index on (speaker_id, confidence) with a speaker (their
    # confident quotes counted, or read when few); "+ 0" keeps that index out of the statements
    # that look quotes up by article
    confident = unindexed = None
    if min_confidence is not None:
        confident = Quote.confidence >= min_confidence
        unindexed = Quote.confidence + 0 >= min_confidence
    order = (Article.published_at.desc().nulls_last(), Article.id.desc())
    walk = False
    if source is None and search is None and place is None and kind is None and limit is not None:
        if by_speaker is not None:  # a much-quoted speaker
            mine = [c for c in (by_speaker, confident) if c is not None]
            walk = newest_first_is_cheaper(
                engine, select(func.count()).select_from(Quote).where(*mine), limit
            )
        else:  # confident quotes, in most articles (and no index to count them)
            walk = confident is not None
    if walk:
        # the newest LIMIT articles with one of the quotes hold the newest LIMIT quotes; find
        # those articles by walking the articles newest first, then read just their quotes (the
        # speaker_id index is kept out of that second statement, which would otherwise read and
        # sort every quote of the speaker)
        newest = _newest_articles(
            engine, [c for c in (by_speaker, unindexed) if c is not None], order, limit
        )
        stmt = stmt.where(Quote.article_id.in_(newest))
        confident = unindexed
        if by_speaker_unindexed is not None:
            stmt = stmt.where(by_speaker_unindexed)
    if confident is not None:
        stmt = stmt.where(confident)
    stmt = stmt.order_by(*order, Quote.start_char, Quote.id).limit(limit)
    with engine.connect() as conn:
        rows = [dict(r._mapping) for r in conn.execute(stmt)]
    carried = statement_outlets(engine, [r["statement_id"] for r in rows])
    for r in rows:
        names = carried.get(r["statement_id"], [])
        r["outlets"] = len(names)
        r["carried_by"] = names
    return rows
