"""Alembic environment: run by `archive db ...` (archive.store.db) with the engine in
config.attributes."""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from archive.store.db import autogenerate_options, write_lock, writer
from archive.store.models import Base

config = context.config
target_metadata = Base.metadata


def run_migrations_online() -> None:
    engine = config.attributes.get("engine")
    if engine is None:
        engine = create_engine(config.get_main_option("sqlalchemy.url"))
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    with writer(engine).begin() as connection:  # SQLite: BEGIN IMMEDIATE (the write lock)
        _run(connection)


def _run(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        # compare_type, and FTS5 tables (created by hand in 0002) left out of comparisons
        **autogenerate_options(),
    )
    with context.begin_transaction():
        # one migration at a time per database, and never in the middle of an article being
        # written: several processes may start on a new database at once (the later ones then
        # find the schema made and do nothing). SQLite: the transaction began IMMEDIATE.
        write_lock(connection)
        context.run_migrations()


if context.is_offline_mode():
    raise SystemExit("offline (SQL script) migrations are not supported")
run_migrations_online()
