"""What the read side's questions share: the row type, the one error type, LIKE escaping, the
choice between two equivalent query plans, counting a list's rows, the outlets that carried
each statement, and the copies of a story that are not counted again.

Every query function takes an engine and plain Python values and returns lists of dicts (or one
dict for profiles). User input only ever reaches the database as bound parameters; substring
filters escape the LIKE wildcards (``autoescape``, or :func:`like_escape` with ``escape="/"``),
so a name or quote containing ``'``, ``%``, ``_`` or SQL text is matched literally. SQL is
portable (SQLAlchemy Core) except full-text search, which uses FTS5 on SQLite and
``to_tsvector`` on PostgreSQL.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from typing import Any, Iterable

from sqlalchemy import Engine, func, or_, select

from archive.store.models import Article, Quote, Source

Row = dict[str, Any]


class QueryError(RuntimeError):
    """A question the archive cannot answer as asked; the message is one line for the user."""


def like_escape(value: str) -> str:
    """VALUE as a literal LIKE pattern with ``/`` as the escape character."""
    return value.replace("/", "//").replace("%", "/%").replace("_", "/_")


def count_rows(engine: Engine, stmt) -> int:
    """How many rows the SELECT STMT gives without its LIMIT: its FROM and WHERE counted, its
    columns (scalar subqueries: counts per row) and ORDER BY left out. For the "showing 100 of
    892" of a list that its limit cut."""
    counted = stmt.with_only_columns(func.count(), maintain_column_froms=True)
    with engine.connect() as conn:
        return conn.execute(counted.order_by(None).limit(None)).scalar() or 0


def newest_first_is_cheaper(engine: Engine, count_stmt, limit: int | None) -> bool:
    """Whether LIMIT rows matching a filter are found faster by walking the articles newest
    first (index on published_at) than by reading every match through the filter's index and
    sorting them. COUNT_STMT counts the matches (an index-only count). Both plans return the
    same rows; this only picks the cheaper one: walking costs about LIMIT * articles / matches
    probes, sorting about one look-up per match."""
    if limit is None:
        return False
    with engine.connect() as conn:
        n = conn.execute(count_stmt).scalar() or 0
        if n == 0:
            return False
        total = conn.execute(select(func.max(Article.id))).scalar() or 0
    return n * n >= 2 * limit * total


@functools.cache  # one immutable statement, reused: built anew it costs ~3 ms of Python a call
def repeated_copies():
    """SELECT of the ids of the articles that repeat a story in the same outlet: copies
    (``duplicate_of``, archive.store.duplicates) whose outlet is their original's or unknown (the
    same page saved as .html and as .txt). Their quotes and people are not counted again by
    ``quotes``, ``person``, ``people`` and ``stats``; a copy carried by another outlet (an agency
    story reprinted) counts once for that outlet, and every copy adds its outlet to those that
    carried a statement. ``duplicate_of > 0`` reads the few copies from the index on it."""
    articles = Article.__table__
    copy, original = articles.alias("dup_copy"), articles.alias("dup_original")  # never correlated
    return (
        select(copy.c.id)
        .join(original, original.c.id == copy.c.duplicate_of)
        .where(
            copy.c.duplicate_of > 0,
            or_(copy.c.source_id.is_(None), copy.c.source_id == original.c.source_id),
        )
    )


def less_copies(conn, count_stmt, article_id) -> int:
    """COUNT_STMT (a SELECT COUNT(*)) less the rows of it in repeated copies (ARTICLE_ID: the
    column that names the row's article). Counted so, the first count stays index-only and the
    second reads only the few copies' rows (an index seek per copy), where a NOT IN filter
    would look every row's article up."""
    total = conn.execute(count_stmt).scalar() or 0
    if not total:
        return 0
    return total - (conn.execute(count_stmt.where(article_id.in_(repeated_copies()))).scalar() or 0)


def statement_outlets(engine: Engine, statement_ids: Iterable[int | None]) -> dict[int, list[str]]:
    """For each statement id: the distinct outlets whose articles carried it (sorted)."""
    ids = sorted({s for s in statement_ids if s is not None})
    out: dict[int, set[str]] = defaultdict(set)
    if not ids:
        return {}
    with engine.connect() as conn:
        for i in range(0, len(ids), 500):
            for sid, name in conn.execute(
                select(Quote.statement_id, Source.name)
                .join(Article, Article.id == Quote.article_id)
                .join(Source, Source.id == Article.source_id)
                .where(Quote.statement_id.in_(ids[i : i + 500]))
            ):
                out[sid].add(name)
    return {sid: sorted(names) for sid, names in out.items()}
