"""Full-text search over article titles and bodies and over quotes, best match first: FTS5 on
SQLite, ``to_tsvector``/``websearch_to_tsquery`` on PostgreSQL."""

from __future__ import annotations

from sqlalchemy import Engine, text
from sqlalchemy.exc import SQLAlchemyError

from archive.query.common import QueryError, Row

# Highlight marks for search snippets (HTML-like, like Datasette; the CLI renders them in bold).
MARK_START, MARK_END = "<mark>", "</mark>"


def fts_phrase(value: str) -> str:
    """VALUE as one FTS5 phrase (double quotes doubled): always valid FTS5 syntax."""
    return '"' + value.replace('"', '""') + '"'


def _sqlite_search(conn, table: str, query: str, limit: int, marks: tuple[str, str]) -> list[Row]:
    """FTS5 matches of QUERY (FTS5 syntax) in TABLE ("articles" or "quotes"), best first."""
    if table == "articles":
        sql = text(
            "SELECT 'article' AS kind, a.id AS article_id, NULL AS quote_id, a.title, "
            "s.name AS outlet, a.published_at, NULL AS speaker, "
            "snippet(articles_fts, -1, :ms, :me, '…', 20) AS snippet, "
            "bm25(articles_fts, 5.0, 1.0) AS rank "
            "FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid "
            "LEFT JOIN sources s ON s.id = a.source_id "
            "WHERE articles_fts MATCH :q ORDER BY rank LIMIT :limit"
        )
    else:
        sql = text(
            "SELECT 'quote' AS kind, a.id AS article_id, q.id AS quote_id, a.title, "
            "s.name AS outlet, a.published_at, COALESCE(p.name, q.speaker_text) AS speaker, "
            "highlight(quotes_fts, 0, :ms, :me) AS snippet, "
            "bm25(quotes_fts, 2.0, 1.0) AS rank "
            "FROM quotes_fts JOIN quotes q ON q.id = quotes_fts.rowid "
            "JOIN articles a ON a.id = q.article_id "
            "LEFT JOIN people p ON p.id = q.speaker_id "
            "LEFT JOIN sources s ON s.id = a.source_id "
            "WHERE quotes_fts MATCH :q ORDER BY rank LIMIT :limit"
        )
    params = {"q": query, "limit": limit, "ms": marks[0], "me": marks[1]}
    return [dict(r._mapping) for r in conn.execute(sql, params)]


def _pg_search(conn, table: str, query: str, limit: int, marks: tuple[str, str]) -> list[Row]:
    """PostgreSQL text-search matches of QUERY (web-search syntax) in TABLE, best first."""
    opts = f"StartSel={marks[0]}, StopSel={marks[1]}, MaxWords=35, MinWords=15"
    if table == "articles":
        doc = "to_tsvector('english', coalesce(a.title, '') || ' ' || a.body)"
        sql = text(
            "SELECT 'article' AS kind, a.id AS article_id, NULL AS quote_id, a.title, "
            "s.name AS outlet, a.published_at, NULL AS speaker, "
            "ts_headline('english', a.body, tsq, :opts) AS snippet, "
            f"-ts_rank({doc}, tsq) AS rank "
            "FROM articles a CROSS JOIN websearch_to_tsquery('english', :q) AS tsq "
            "LEFT JOIN sources s ON s.id = a.source_id "
            f"WHERE {doc} @@ tsq ORDER BY rank LIMIT :limit"
        )
    else:
        doc = "to_tsvector('english', q.text || ' ' || coalesce(q.speaker_text, ''))"
        sql = text(
            "SELECT 'quote' AS kind, a.id AS article_id, q.id AS quote_id, a.title, "
            "s.name AS outlet, a.published_at, COALESCE(p.name, q.speaker_text) AS speaker, "
            "ts_headline('english', q.text, tsq, :opts) AS snippet, "
            f"-ts_rank({doc}, tsq) AS rank "
            "FROM quotes q CROSS JOIN websearch_to_tsquery('english', :q) AS tsq "
            "JOIN articles a ON a.id = q.article_id "
            "LEFT JOIN people p ON p.id = q.speaker_id "
            "LEFT JOIN sources s ON s.id = a.source_id "
            f"WHERE {doc} @@ tsq ORDER BY rank LIMIT :limit"
        )
    return [dict(r._mapping) for r in conn.execute(sql, {"q": query, "limit": limit, "opts": opts})]


SEARCH_SCOPES = ("all", "articles", "quotes")


def search(
    engine: Engine,
    query: str,
    limit: int = 20,
    scope: str = "all",
    marks: tuple[str, str] = (MARK_START, MARK_END),
) -> list[Row]:
    """Full-text search over article titles/bodies and quotes, best match first.

    On SQLite QUERY is FTS5 syntax (words, "a phrase", prefix*, AND/OR/NOT, NEAR); text that is
    not valid FTS5 syntax is searched as one phrase instead. On PostgreSQL it is web-search
    syntax (words, "a phrase", or, -word). ``snippet`` holds the matched text between ``marks``;
    ``rank`` is lower for better matches (bm25).
    """
    if not query or not query.strip():
        raise QueryError("empty search")
    if scope not in SEARCH_SCOPES:
        raise QueryError(f"unknown scope {scope!r}: choose {', '.join(SEARCH_SCOPES)}")
    tables = ["articles", "quotes"] if scope == "all" else [scope]
    rows: list[Row] = []
    with engine.connect() as conn:
        dialect = conn.dialect.name
        for table in tables:
            if dialect == "sqlite":
                try:
                    rows += _sqlite_search(conn, table, query, limit, marks)
                except SQLAlchemyError:
                    conn.rollback()
                    try:  # not FTS5 syntax (an apostrophe, a stray quote or operator): a phrase
                        rows += _sqlite_search(conn, table, fts_phrase(query), limit, marks)
                    except SQLAlchemyError as exc:
                        orig = getattr(exc, "orig", None) or exc
                        raise QueryError(f"search failed: {str(orig).splitlines()[0]}") from exc
            elif dialect == "postgresql":
                rows += _pg_search(conn, table, query, limit, marks)
            else:
                raise QueryError(f"full-text search is not available on {dialect}")
    rows.sort(key=lambda r: (r["rank"], r["kind"], r["article_id"], r["quote_id"] or 0))
    for r in rows:
        r["rank"] = round(float(r["rank"]), 4)
        if r.get("snippet"):
            # paragraph breaks inside a one-line snippet
            r["snippet"] = " ".join(r["snippet"].split())
    return rows[:limit]
