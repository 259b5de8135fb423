"""Read-side queries: plain functions from an engine (and bound parameters) to rows."""
from __future__ import annotations

from sqlalchemy import Engine, text
from sqlalchemy.exc import SQLAlchemyError


class QueryError(RuntimeError):
    pass


def run_sql(engine: Engine, sql: str, limit: int = 1000) -> tuple[list[str], list[dict]]:
    """Run one statement on a read-only connection; returns (columns, rows)."""
    try:
        with engine.connect() as conn:
            if conn.dialect.name == "postgresql":
                conn.exec_driver_sql("SET TRANSACTION READ ONLY")
            result = conn.execute(text(sql))
            if not result.returns_rows:
                conn.rollback()
                return [], []
            columns = list(result.keys())
            rows = [dict(zip(columns, r)) for r in result.fetchmany(limit)]
            conn.rollback()
            return columns, rows
    except SQLAlchemyError as exc:
        orig = getattr(exc, "orig", None) or exc
        raise QueryError(str(orig).splitlines()[0]) from exc
