"""person_aliases.surname_key: the identity step finds a person's candidates in the database

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02

* person_aliases.surname_key (indexed): the folded surname of the alias
  (``archive.names.identity.surname_key``: "President Volodymyr Zelenskyy" -> "zelenski"). The store
  looks up the people who might be the person of a new article by this key inside the writing
  transaction, so that every writer (several ``archive ingest`` processes on one database) sees
  the people that the others committed; it no longer keeps its own copy of the people table.
* every person's canonical name is one of its aliases (the look-up goes through the aliases).
* article_people.name: the name the article gives the person ("Volodymyr Zelenskyy"); a person's
  canonical name is the full name most of their articles use, whatever order the articles came
  in (rows written before this revision have none and do not count); indexed with the person
  and the article, so that the count is read from the index.
* article_people.aliases: every name the article uses for the person, so that the mentions of a
  bare surname ("Obama") can move to whoever that surname belongs to as articles come
  (``archive.store.surnames``) and take their names with them.
* article_people.bare_key: the surname key of a link made from a bare surname; those links are
  the ones that move, and links without it count the articles that name a person in full.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # a plain ADD COLUMN (no batch copy of the table: the views over person_aliases stay valid)
    op.add_column("person_aliases", sa.Column("surname_key", sa.String(length=200), nullable=True))
    op.create_index(
        "ix_person_aliases_surname_key", "person_aliases", ["surname_key"], unique=False
    )

    op.add_column("article_people", sa.Column("name", sa.String(length=200), nullable=True))
    op.add_column("article_people", sa.Column("aliases", sa.JSON(), nullable=True))
    op.create_index(
        "ix_article_people_person_id_name_article_id",
        "article_people",
        ["person_id", "name", "article_id"],
        unique=False,
    )
    op.add_column("article_people", sa.Column("bare_key", sa.String(length=200), nullable=True))
    op.create_index("ix_article_people_bare_key", "article_people", ["bare_key"], unique=False)
    op.create_index(
        "ix_article_people_person_id_bare_key",
        "article_people",
        ["person_id", "bare_key"],
        unique=False,
    )

    from archive.names.identity import surname_key

    conn = op.get_bind()
    aliases = sa.table(
        "person_aliases",
        sa.column("id", sa.Integer),
        sa.column("person_id", sa.Integer),
        sa.column("alias", sa.String),
        sa.column("surname_key", sa.String),
    )
    people = sa.table("people", sa.column("id", sa.Integer), sa.column("name", sa.String))
    missing = conn.execute(
        sa.select(people.c.id, people.c.name).where(
            ~sa.select(aliases.c.id)
            .where(aliases.c.person_id == people.c.id, aliases.c.alias == people.c.name)
            .exists()
        )
    ).all()
    if missing:
        conn.execute(aliases.insert(), [{"person_id": pid, "alias": name} for pid, name in missing])
    rows = conn.execute(sa.select(aliases.c.id, aliases.c.alias)).all()
    updates = [{"b_id": aid, "b_key": surname_key(alias)} for aid, alias in rows]
    updates = [u for u in updates if u["b_key"]]
    if updates:
        conn.execute(
            aliases.update()
            .where(aliases.c.id == sa.bindparam("b_id"))
            .values(surname_key=sa.bindparam("b_key")),
            updates,
        )


def downgrade() -> None:
    op.drop_index("ix_person_aliases_surname_key", table_name="person_aliases")
    op.drop_index("ix_article_people_person_id_name_article_id", table_name="article_people")
    op.drop_index("ix_article_people_bare_key", table_name="article_people")
    op.drop_index("ix_article_people_person_id_bare_key", table_name="article_people")
    for table, column in (
        ("person_aliases", "surname_key"),
        ("article_people", "name"),
        ("article_people", "aliases"),
        ("article_people", "bare_key"),
    ):
        if op.get_bind().dialect.name == "sqlite":  # SQLite >= 3.35 drops a column in place
            op.execute(f"ALTER TABLE {table} DROP COLUMN {column}")
        else:
            op.drop_column(table, column)
