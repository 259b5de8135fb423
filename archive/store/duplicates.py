"""Near-duplicate articles: the same story saved twice (as .html and as .txt), an agency story
reprinted by several outlets.

Each article's MinHash bands (archive.extract.similarity) are stored in
``article_minhash_bands``; a new article's candidates are the articles that share a band with it
(an index seek per band, whatever the size of the archive), confirmed by the containment of
their shingles. ``articles.duplicate_of`` is the earliest stored article of the story (the one
with the smallest id; an original's own ``duplicate_of`` is NULL), so that a story is one
original and its copies, never a chain.

Everything happens inside the article's write transaction, under the archive's write lock
(archive.store.writer): the writer sees every article committed before it, so two copies written
at once by two processes cannot both miss each other; the later one is the copy.
"""

from __future__ import annotations

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from archive.extract.similarity import same_story, shingles, text_bands
from archive.store.models import Article, ArticleMinhashBand

MAX_CANDIDATES = 20  # the articles sharing the most bands are checked, the others not


def candidates(bands: list[int], before: int | None = None):
    """SELECT (article id, bands shared) of the MAX_CANDIDATES articles sharing the most of
    BANDS (those with an id below BEFORE when given)."""
    band = ArticleMinhashBand
    # one index seek per band (an OR of equalities; a row-value IN list would scan the table)
    shared = func.count().label("shared")
    stmt = (
        select(band.article_id, shared)
        .where(or_(*(and_(band.band == i, band.hash == h) for i, h in enumerate(bands))))
        .group_by(band.article_id)
        .order_by(shared.desc(), ArticleMinhashBand.article_id)
        .limit(MAX_CANDIDATES)
    )
    if before is not None:
        stmt = stmt.where(band.article_id < before)
    return stmt


def original_of(
    session: Session, body: str, bands: list[int], before: int | None = None
) -> int | None:
    """The id of the original of the story whose text is BODY (with MinHash BANDS), among the
    stored articles (those with an id below BEFORE when given), or None."""
    if not bands:
        return None
    ids = [aid for aid, _ in session.execute(candidates(bands, before))]
    if not ids:
        return None
    # the candidates' stories, earliest original first; the first one confirmed is the answer
    stories = sorted(
        (dup or aid, aid)
        for aid, dup in session.execute(
            select(Article.id, Article.duplicate_of).where(Article.id.in_(ids))
        )
    )
    mine = shingles(body)
    for root, aid in stories:
        text = session.execute(select(Article.body).where(Article.id == aid)).scalar()
        if same_story(mine, shingles(text)):
            return root
    return None


def bands_of(body: str, computed: list[int] | None) -> list[int]:
    """The bands of BODY: COMPUTED by the extraction, else computed here."""
    return computed if computed is not None else text_bands(body)


def write_bands(session: Session, article_id: int, bands: list[int]) -> None:
    """Store an article's bands (none for a text too short to compare)."""
    session.add_all(
        ArticleMinhashBand(article_id=article_id, band=i, hash=h) for i, h in enumerate(bands)
    )


def orphans(session: Session, article_id: int) -> list[int]:
    """The copies of ARTICLE_ID (before it goes: they need an original again)."""
    return list(
        session.execute(
            select(Article.id).where(Article.duplicate_of == article_id).order_by(Article.id)
        ).scalars()
    )


def relink(session: Session, copies: list[int]) -> None:
    """After their original went: each of COPIES is a copy of the earliest other article of its
    story that is still stored, or an original (the first of them usually is)."""
    for aid in copies:
        article = session.get(Article, aid)
        if article is None:
            continue
        bands = list(
            session.execute(
                select(ArticleMinhashBand.hash)
                .where(ArticleMinhashBand.article_id == aid)
                .order_by(ArticleMinhashBand.band)
            ).scalars()
        )
        article.duplicate_of = original_of(session, article.body, bands, before=aid)
    session.flush()
