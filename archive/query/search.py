"""Full-text search over article titles and bodies and over quotes, best match first: FTS5 on
SQLite, ``to_tsvector``/``websearch_to_tsquery`` on PostgreSQL."""

from __future__ import annotations

from sqlalchemy import Engine, text
from sqlalchemy.exc import SQLAlchemyError

from archive.query.common import QueryError, Row

# Highlight marks for search snippets (HTML-like, like Datasette; the CLI renders them in bold).
MARK_START, MARK_END = "<mark>", "</mark>"


# the documents PostgreSQL searches, per table (a: articles, q: quotes)
_PG_DOCS = {
    "articles": "to_tsvector('english', coalesce(a.title, '') || ' ' || a.body)",
    "quotes": "to_tsvector('english', q.text || ' ' || coalesce(q.speaker_text, ''))",
}


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
            "SELECT CASE WHEN q.kind = 'indirect' THEN 'reported' ELSE 'quote' END AS kind, "
            "a.id AS article_id, q.id AS quote_id, a.title, "
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


def _pg_search(
    conn, table: str, query: str, limit: int | None, marks: tuple[str, str]
) -> list[Row]:
    """PostgreSQL text-search matches of QUERY (web-search syntax) in TABLE, best first."""
    opts = f"StartSel={marks[0]}, StopSel={marks[1]}, MaxWords=35, MinWords=15"
    if table == "articles":
        doc = _PG_DOCS["articles"]
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
        doc = _PG_DOCS["quotes"]
        sql = text(
            "SELECT CASE WHEN q.kind = 'indirect' THEN 'reported' ELSE 'quote' END AS kind, "
            "a.id AS article_id, q.id AS quote_id, a.title, "
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

# the FROM and WHERE of each table's full-text matches (counted by search_count)
_SQLITE_MATCHES = {
    "articles": "articles_fts WHERE articles_fts MATCH :q",
    "quotes": "quotes_fts WHERE quotes_fts MATCH :q",
}
_PG_MATCHES = {
    "articles": f"articles a WHERE {_PG_DOCS['articles']} @@ websearch_to_tsquery('english', :q)",
    "quotes": f"quotes q WHERE {_PG_DOCS['quotes']} @@ websearch_to_tsquery('english', :q)",
}


def _tables(query: str, scope: str) -> list[str]:
    """The tables a search of SCOPE reads; QueryError for an empty QUERY or an unknown SCOPE."""
    if not query or not query.strip():
        raise QueryError("empty search")
    if scope not in SEARCH_SCOPES:
        raise QueryError(f"unknown scope {scope!r}: choose {', '.join(SEARCH_SCOPES)}")
    return ["articles", "quotes"] if scope == "all" else [scope]


def _sqlite_fts(conn, run, query: str):
    """RUN(conn, QUERY) for FTS5 syntax; text that is not (an apostrophe, a stray quote or
    operator) is run again as one phrase."""
    try:
        return run(conn, query)
    except SQLAlchemyError:
        conn.rollback()
        try:
            return run(conn, fts_phrase(query))
        except SQLAlchemyError as exc:
            orig = getattr(exc, "orig", None) or exc
            raise QueryError(f"search failed: {str(orig).splitlines()[0]}") from exc


def search_count(engine: Engine, query: str, scope: str = "all") -> int:
    """How many matches :func:`search` lists without its limit."""
    tables = _tables(query, scope)
    total = 0
    with engine.connect() as conn:
        dialect = conn.dialect.name
        for table in tables:
            if dialect == "sqlite":
                sql = text(f"SELECT count(*) FROM {_SQLITE_MATCHES[table]}")
                total += _sqlite_fts(conn, lambda c, q: c.execute(sql, {"q": q}).scalar(), query)
            elif dialect == "postgresql":
                sql = text(f"SELECT count(*) FROM {_PG_MATCHES[table]}")
                total += conn.execute(sql, {"q": query}).scalar()
            else:
                raise QueryError(f"full-text search is not available on {dialect}")
    return total


def search(
    engine: Engine,
    query: str,
    limit: int | None = 20,
    scope: str = "all",
    marks: tuple[str, str] = (MARK_START, MARK_END),
) -> list[Row]:
    """Full-text search over article titles/bodies and quotes, best match first.

    On SQLite QUERY is FTS5 syntax (words, "a phrase", prefix*, AND/OR/NOT, NEAR); text that is
    not valid FTS5 syntax is searched as one phrase instead. On PostgreSQL it is web-search
    syntax (words, "a phrase", or, -word). ``snippet`` holds the matched text between ``marks``;
    ``rank`` is lower for better matches (bm25).
    """
    tables = _tables(query, scope)
    rows: list[Row] = []
    with engine.connect() as conn:
        dialect = conn.dialect.name
        for table in tables:
            if dialect == "sqlite":  # LIMIT -1: no limit
                rows += _sqlite_fts(
                    conn,
                    lambda c, q: _sqlite_search(c, table, q, -1 if limit is None else limit, marks),
                    query,
                )
            elif dialect == "postgresql":  # LIMIT NULL: no limit
                rows += _pg_search(conn, table, query, limit, marks)
            else:
                raise QueryError(f"full-text search is not available on {dialect}")
    rows.sort(key=lambda r: (r["rank"], r["kind"], r["article_id"], r["quote_id"] or 0))
    rows = rows if limit is None else rows[:limit]
    for r in rows:
        r["rank"] = round(float(r["rank"]), 4)
        if r.get("snippet"):
            # paragraph breaks inside a one-line snippet
            r["snippet"] = " ".join(r["snippet"].split())
    return rows
