"""Articles and their sources: the sources list, the articles list (by outlet or wire, person,
place and date), one article in full, and the sources a filter value such as ``--source
Reuters`` stands for."""

from __future__ import annotations

from sqlalchemy import Engine, distinct, func, or_, select
from sqlalchemy.orm import Session, aliased

from archive.kinds import PersonRole
from archive.query.common import (
    Row,
    count_rows,
    newest_first_is_cheaper,
    repeated_copies,
    statement_outlets,
)
from archive.query.people import person_ids_for
from archive.query.places import place_ids_for
from archive.store.models import Article, ArticlePerson, ArticlePlace, Person, Place, Quote, Source

# --- sources ------------------------------------------------------------------------------------


def source_ids_for(engine: Engine, value: str) -> list[int]:
    """Sources named VALUE (case-insensitive name or domain), else whose name contains it."""
    v = value.strip()
    with engine.connect() as conn:
        ids = list(
            conn.execute(
                select(Source.id).where(
                    or_(
                        func.lower(Source.name) == v.lower(), func.lower(Source.domain) == v.lower()
                    )
                )
            ).scalars()
        )
        if not ids:
            ids = list(
                conn.execute(
                    select(Source.id).where(
                        or_(
                            Source.name.icontains(v, autoescape=True),
                            Source.domain.icontains(v, autoescape=True),
                        )
                    )
                ).scalars()
            )
    return ids


def sources(engine: Engine, limit: int | None = None) -> list[Row]:
    """Outlets and agencies with their article counts (own articles, and as the wire credited)."""
    wire_count = (
        select(func.count(Article.id)).where(Article.wire_id == Source.id).scalar_subquery()
    )
    counted = Article.id.not_in(repeated_copies())  # a story saved twice counts once
    own_count = (
        select(func.count(Article.id))
        .where(Article.source_id == Source.id, counted)
        .scalar_subquery()
    )
    quote_count = (
        select(func.count(Quote.id))
        .join(Article, Article.id == Quote.article_id)
        .where(Article.source_id == Source.id, counted)
        .scalar_subquery()
    )
    stmt = (
        select(
            Source.id.label("source_id"),
            Source.name,
            Source.kind,
            Source.domain,
            Source.country_code,
            own_count.label("articles"),
            wire_count.label("wire_articles"),
            quote_count.label("quotes"),
        )
        .order_by((own_count + wire_count).desc(), Source.name)
        .limit(limit)
    )
    with engine.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(stmt)]


def sources_count(engine: Engine) -> int:
    """How many sources :func:`sources` lists without its limit."""
    return count_rows(engine, select(Source.id))


# --- articles -----------------------------------------------------------------------------------


def _filtered(
    engine: Engine,
    stmt,
    source: str | None,
    person: str | None,
    place: str | None,
    since: str | None,
    limit: int | None,
):
    """STMT (a SELECT over articles) with the WHERE clauses of the filters."""
    if source is not None:
        ids = source_ids_for(engine, source)
        stmt = stmt.where(or_(Article.source_id.in_(ids), Article.wire_id.in_(ids)))
    if person is not None:
        ids = person_ids_for(engine, person)
        stmt = stmt.where(
            select(ArticlePerson.id)
            .where(ArticlePerson.article_id == Article.id, ArticlePerson.person_id.in_(ids))
            .exists()
        )
    if place is not None:
        ids = place_ids_for(engine, place)
        in_place = ArticlePlace.place_id.in_(ids)
        if (
            source is None
            and person is None
            and since is None
            and not newest_first_is_cheaper(
                engine, select(func.count()).select_from(ArticlePlace).where(in_place), limit
            )
        ):
            # few articles: start from article_places (index on place_id), sort just those
            stmt = stmt.where(Article.id.in_(select(ArticlePlace.article_id).where(in_place)))
        else:  # common place: walk the articles newest first, stop after LIMIT
            stmt = stmt.where(
                select(ArticlePlace.id)
                .where(ArticlePlace.article_id == Article.id, in_place)
                .exists()
            )
    if since is not None:
        stmt = stmt.where(Article.published_at >= since)
    return stmt


def articles(
    engine: Engine,
    source: str | None = None,
    person: str | None = None,
    place: str | None = None,
    since: str | None = None,
    limit: int | None = 100,
) -> list[Row]:
    """Articles, newest first, optionally filtered by outlet/wire, person, place and date; each
    with the article it is a copy of (``duplicate_of``) and how many copies it has."""
    wire = aliased(Source)
    copy = aliased(Article)
    copies_n = select(func.count(copy.id)).where(copy.duplicate_of == Article.id).scalar_subquery()
    quotes_n = select(func.count(Quote.id)).where(Quote.article_id == Article.id).scalar_subquery()
    people_n = (
        select(func.count(distinct(ArticlePerson.person_id)))
        .where(ArticlePerson.article_id == Article.id, ArticlePerson.role == PersonRole.SUBJECT)
        .scalar_subquery()
    )
    stmt = (
        select(
            Article.id.label("article_id"),
            Article.published_at,
            Source.name.label("outlet"),
            wire.name.label("wire"),
            Article.title,
            Article.word_count.label("words"),
            people_n.label("people"),
            quotes_n.label("quotes"),
            Article.duplicate_of,
            copies_n.label("copies"),
        )
        .outerjoin(Source, Source.id == Article.source_id)
        .outerjoin(wire, wire.id == Article.wire_id)
    )
    stmt = _filtered(engine, stmt, source, person, place, since, limit)
    stmt = stmt.order_by(Article.published_at.desc().nulls_last(), Article.id.desc()).limit(limit)
    with engine.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(stmt)]


def articles_count(
    engine: Engine,
    source: str | None = None,
    person: str | None = None,
    place: str | None = None,
    since: str | None = None,
) -> int:
    """How many articles :func:`articles` lists without its limit."""
    return count_rows(
        engine, _filtered(engine, select(Article.id), source, person, place, since, None)
    )


# --- one article --------------------------------------------------------------------------------


def article(engine: Engine, article_id: int, with_body: bool = False) -> Row | None:
    """One article with its outlet, wire, authors, people, places and quotes (with the
    confidence of each quote's speaker), or None."""
    wire = aliased(Source)
    with Session(engine) as conn:  # a Session: rows hold ORM objects (Article, Place, Quote)
        row = conn.execute(
            select(Article, Source.name.label("outlet"), wire.name.label("wire_name"))
            .outerjoin(Source, Source.id == Article.source_id)
            .outerjoin(wire, wire.id == Article.wire_id)
            .where(Article.id == article_id)
        ).first()
        if row is None:
            return None
        a = row[0]
        people, authors, photographers = _article_people(conn, article_id)
        places = _article_places(conn, article_id)
        quote_rows = conn.execute(
            select(Quote, Person.name)
            .outerjoin(Person, Person.id == Quote.speaker_id)
            .where(Quote.article_id == article_id)
            .order_by(Quote.start_char)
        ).all()
        story = _story(conn, a.duplicate_of or a.id)
    carried = statement_outlets(engine, [q.statement_id for q, _ in quote_rows])
    quotes = [
        {
            "quote_id": q.id,
            "quote": q.text,
            "speaker": speaker or q.speaker_text,
            "speaker_id": q.speaker_id,
            "speaker_kind": q.speaker_kind,
            "confidence": q.confidence,  # how likely the speaker is right (None: not computed)
            "kind": q.kind,
            "cue": q.cue,
            "statement_id": q.statement_id,
            "outlets": len(carried.get(q.statement_id, [])),
        }
        for q, speaker in quote_rows
    ]
    out: Row = {
        "article_id": a.id,
        "title": a.title,
        "subtitle": a.subtitle,
        "outlet": row.outlet,
        "wire": row.wire_name,
        "published_at": a.published_at,
        "published_at_raw": a.published_at_raw,  # the date as the page wrote it
        "url": a.url,
        "byline": a.byline,
        "dateline": a.dateline,
        "authors": authors,
        "photographers": photographers,
        "words": a.word_count,
        "file_name": a.file_name,
        "people": people,
        "places": places,
        "quotes": quotes,
        # the same story: the article this one copies (None: an original), the other articles
        # of the story and the outlets that carried it
        "duplicate_of": a.duplicate_of,
        "copies": [c for c in story if c["article_id"] != a.id],
        "carried_by": sorted({c["outlet"] for c in story if c["outlet"]}),
    }
    if with_body:
        out["body"] = a.body
    return out


def _story(conn, original_id: int) -> list[Row]:
    """The articles of one story: the original ORIGINAL_ID and its copies, oldest first."""
    return [
        {"article_id": aid, "outlet": outlet, "file_name": name}
        for aid, outlet, name in conn.execute(
            select(Article.id, Source.name, Article.file_name)
            .outerjoin(Source, Source.id == Article.source_id)
            .where(or_(Article.id == original_id, Article.duplicate_of == original_id))
            .order_by(Article.id)
        )
    ]


def _article_people(conn, article_id: int) -> tuple[list[Row], list[str], list[str]]:
    """(people the article is about, its authors' names, its photographers' names), most
    mentioned first."""
    people, authors, photographers = [], [], []
    for pid, name, role, titles, mentions in conn.execute(
        select(
            Person.id,
            Person.name,
            ArticlePerson.role,
            ArticlePerson.titles,
            ArticlePerson.mention_count,
        )
        .join(Person, Person.id == ArticlePerson.person_id)
        .where(ArticlePerson.article_id == article_id)
        .order_by(ArticlePerson.mention_count.desc(), ArticlePerson.id)
    ):
        if role == PersonRole.AUTHOR:
            authors.append(name)
        elif role == PersonRole.PHOTOGRAPHER:
            photographers.append(name)
        else:
            people.append(
                {"person_id": pid, "name": name, "roles": titles or [], "mentions": mentions}
            )
    return people, authors, photographers


def _article_places(conn, article_id: int) -> list[Row]:
    """The places the article mentions, most mentioned first."""
    return [
        {
            "place_id": p.id,
            "name": p.name,
            "kind": p.kind,
            "country_code": p.country_code,
            "latitude": p.latitude,
            "longitude": p.longitude,
            "mentions": n,
        }
        for p, n in conn.execute(
            select(Place, ArticlePlace.mention_count)
            .join(ArticlePlace, ArticlePlace.place_id == Place.id)
            .where(ArticlePlace.article_id == article_id)
            .order_by(ArticlePlace.mention_count.desc(), ArticlePlace.id)
        )
    ]
