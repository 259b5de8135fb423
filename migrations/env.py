"""Alembic environment: run by `archive db ...` (archive.db) with the engine in config.attributes."""
from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from archive.models import Base

config = context.config
target_metadata = Base.metadata

# Objects that migrations create by hand and autogenerate must not compare: FTS5 virtual tables
# and their shadow tables, and views.
def include_object(obj, name, type_, reflected, compare_to):
    if type_ == "table" and name and (name.endswith("_fts") or "_fts_" in name):
        return False
    return True


def include_name(name, type_, parent_names):
    if type_ == "table" and name and (name.endswith("_fts") or "_fts_" in name):
        return False
    return True


def run_migrations_online() -> None:
    engine = config.attributes.get("engine")
    if engine is None:
        engine = create_engine(config.get_main_option("sqlalchemy.url"))
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    with engine.begin() as connection:
        _run(connection)


def _run(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
        include_object=include_object,
        include_name=include_name,
    )
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    raise SystemExit("offline (SQL script) migrations are not supported")
run_migrations_online()
