"""The relational schema (SQLAlchemy 2.x typed ORM).

Table and column names are part of the product: SQL users read them directly (sqlite3, Datasette,
pandas). Offsets are ``start_char``/``end_char`` (as in spaCy; ``end`` is reserved in SQL) into
``articles.body``. The schema itself is created only by the Alembic migrations in ``migrations/``;
tests check that the migrations and these models do not differ.
"""

from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import (
    JSON,
    BigInteger,
    CheckConstraint,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy import text as sql_text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from archive.kinds import (
    CorrectionKind,
    CorrectionStatus,
    PersonRole,
    PlaceKind,
    QuoteKind,
    SourceKind,
    SpeakerKind,
    values,
)

NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

SOURCE_KINDS = values(SourceKind)
PERSON_ROLES = values(PersonRole)
SPEAKER_KINDS = values(SpeakerKind)
QUOTE_KINDS = values(QuoteKind)
PLACE_KINDS = values(PlaceKind)
CORRECTION_KINDS = values(CorrectionKind)
CORRECTION_STATUSES = values(CorrectionStatus)


def _in(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Source(Base):
    """An outlet that publishes articles, or a wire agency whose stories others carry."""

    __tablename__ = "sources"
    __table_args__ = (CheckConstraint(_in("kind", SOURCE_KINDS), name="kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    kind: Mapped[str] = mapped_column(String(10), default=SourceKind.OUTLET)
    domain: Mapped[str | None] = mapped_column(String(200))
    country_code: Mapped[str | None] = mapped_column(String(2))


class Article(Base):
    __tablename__ = "articles"

    id: Mapped[int] = mapped_column(primary_key=True)
    source_id: Mapped[int | None] = mapped_column(
        ForeignKey("sources.id", ondelete="SET NULL"), index=True
    )
    wire_id: Mapped[int | None] = mapped_column(
        ForeignKey("sources.id", ondelete="SET NULL"), index=True
    )
    title: Mapped[str | None] = mapped_column(Text)
    subtitle: Mapped[str | None] = mapped_column(Text)
    url: Mapped[str | None] = mapped_column(Text)
    byline: Mapped[str | None] = mapped_column(Text)
    dateline: Mapped[str | None] = mapped_column(String(200))
    # ISO 8601 in UTC, or a date alone (archive.clean.dates); the date as written beside it (0010)
    published_at: Mapped[str | None] = mapped_column(String(40), index=True)
    published_at_raw: Mapped[str | None] = mapped_column(Text)
    body: Mapped[str] = mapped_column(Text)
    raw_text: Mapped[str] = mapped_column(Text)
    content_sha256: Mapped[str] = mapped_column(String(64), unique=True)
    path: Mapped[str | None] = mapped_column(Text, index=True)
    file_name: Mapped[str | None] = mapped_column(String(500))
    word_count: Mapped[int] = mapped_column(Integer, default=0)
    language: Mapped[str | None] = mapped_column(String(10))
    ingested_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    extractor_version: Mapped[str] = mapped_column(String(20))
    # the earliest stored article whose text this one's is (nearly) the same as: the same story
    # saved twice, an agency story reprinted (archive.store.duplicates; 0010)
    duplicate_of: Mapped[int | None] = mapped_column(
        ForeignKey("articles.id", ondelete="SET NULL"), index=True
    )

    source: Mapped[Source | None] = relationship(foreign_keys=[source_id])
    wire: Mapped[Source | None] = relationship(foreign_keys=[wire_id])


class ArticleMinhashBand(Base):
    """One band of an article's MinHash signature (archive.extract.similarity): articles that
    share a band are candidate near-duplicates, looked up by (band, hash)."""

    __tablename__ = "article_minhash_bands"
    __table_args__ = (Index(None, "band", "hash"),)

    article_id: Mapped[int] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True
    )
    band: Mapped[int] = mapped_column(Integer, primary_key=True)
    hash: Mapped[int] = mapped_column(BigInteger)


class Person(Base):
    """One real person, however many articles and spellings they appear under."""

    __tablename__ = "people"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    key: Mapped[str] = mapped_column(String(200), index=True)
    description: Mapped[str | None] = mapped_column(Text)

    aliases: Mapped[list[PersonAlias]] = relationship(
        back_populates="person", cascade="all, delete-orphan", passive_deletes=True
    )


class PersonAlias(Base):
    __tablename__ = "person_aliases"
    __table_args__ = (UniqueConstraint("person_id", "alias"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    alias: Mapped[str] = mapped_column(String(200), index=True)
    # archive.names.identity.surname_key(alias): how the store finds candidates (migration 0006)
    surname_key: Mapped[str | None] = mapped_column(String(200), index=True)

    person: Mapped[Person] = relationship(back_populates="aliases")


class ArticlePerson(Base):
    """How a person appears in an article: as subject, author or photographer."""

    __tablename__ = "article_people"
    __table_args__ = (
        UniqueConstraint("article_id", "person_id", "role"),
        CheckConstraint(_in("role", PERSON_ROLES), name="role"),
        Index(None, "person_id", "article_id", "role"),  # a person's articles, index only (0004)
        Index(None, "person_id", "name", "article_id"),  # the names a person's articles use (0006)
        Index(None, "person_id", "bare_key"),  # how many articles name a person in full (0006)
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), index=True
    )
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    role: Mapped[str] = mapped_column(String(20), default=PersonRole.SUBJECT)
    name: Mapped[str | None] = mapped_column(String(200))  # as this article names them (0006)
    aliases: Mapped[list[str] | None] = mapped_column(JSON)  # every name this article uses (0006)
    # the surname key when the article names the person by surname only (archive.surnames; 0006)
    bare_key: Mapped[str | None] = mapped_column(String(200), index=True)
    titles: Mapped[list[str]] = mapped_column(JSON, default=list)  # roles/titles the article gives
    mention_count: Mapped[int] = mapped_column(Integer, default=0)


class Mention(Base):
    """One mention of a person in an article body."""

    __tablename__ = "mentions"

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), index=True
    )
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    start_char: Mapped[int] = mapped_column(Integer)
    end_char: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(String(200))


class Statement(Base):
    """A group of quotes: the same statement carried by one or more outlets."""

    __tablename__ = "statements"

    id: Mapped[int] = mapped_column(primary_key=True)
    speaker_id: Mapped[int | None] = mapped_column(
        ForeignKey("people.id", ondelete="SET NULL"), index=True
    )
    text: Mapped[str] = mapped_column(Text)  # the longest wording seen
    key: Mapped[str] = mapped_column(Text)  # normalised text used for matching


class Quote(Base):
    __tablename__ = "quotes"
    __table_args__ = (
        CheckConstraint(_in("speaker_kind", SPEAKER_KINDS), name="speaker_kind"),
        CheckConstraint(_in("kind", QUOTE_KINDS), name="kind"),
        # query indexes (migration 0004): the distinct speakers-as-written of quotes without a
        # known speaker; a speaker's quotes in one article (checked while walking articles)
        Index(None, "speaker_id", "speaker_text"),
        Index(None, "article_id", "speaker_id"),
        # a speaker's distinct statements counted from the index alone (migration 0005)
        Index(None, "speaker_id", "statement_id"),
        # how likely the speaker is right (migration 0007): a probability, or NULL when not
        # computed; a speaker's confident quotes counted and found from a partial index, which
        # only a filter on confidence can use
        CheckConstraint(
            "confidence IS NULL OR (confidence >= 0 AND confidence <= 1)", name="confidence"
        ),
        Index(
            None,
            "speaker_id",
            "confidence",
            sqlite_where=sql_text("confidence IS NOT NULL"),
            postgresql_where=sql_text("confidence IS NOT NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), index=True
    )
    speaker_id: Mapped[int | None] = mapped_column(
        ForeignKey("people.id", ondelete="SET NULL"), index=True
    )
    statement_id: Mapped[int | None] = mapped_column(
        ForeignKey("statements.id", ondelete="SET NULL"), index=True
    )
    speaker_text: Mapped[str | None] = mapped_column(String(300))
    speaker_kind: Mapped[str] = mapped_column(String(20), default=SpeakerKind.NONE)
    text: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(10), default=QuoteKind.FULL)
    start_char: Mapped[int] = mapped_column(Integer)
    end_char: Mapped[int] = mapped_column(Integer)
    cue: Mapped[str | None] = mapped_column(String(50))
    medium: Mapped[str | None] = mapped_column(String(200))
    paragraph: Mapped[int | None] = mapped_column(Integer)
    confidence: Mapped[float | None] = mapped_column(Float)  # in [0, 1]; NULL: not computed (0007)
    # lets the store add a quote with a statement that is not flushed yet
    statement: Mapped[Statement | None] = relationship()


class Place(Base):
    __tablename__ = "places"
    __table_args__ = (CheckConstraint(_in("kind", PLACE_KINDS), name="kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    country_code: Mapped[str | None] = mapped_column(String(2))
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    gazetteer_id: Mapped[str | None] = mapped_column(String(100), unique=True)


class PlaceAlias(Base):
    __tablename__ = "place_aliases"
    __table_args__ = (UniqueConstraint("place_id", "alias"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    place_id: Mapped[int] = mapped_column(ForeignKey("places.id", ondelete="CASCADE"), index=True)
    alias: Mapped[str] = mapped_column(String(200), index=True)


class ArticlePlace(Base):
    __tablename__ = "article_places"
    __table_args__ = (
        UniqueConstraint("article_id", "place_id"),
        Index(None, "place_id", "article_id"),  # a place's articles, index only (0004)
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), index=True
    )
    place_id: Mapped[int] = mapped_column(ForeignKey("places.id", ondelete="CASCADE"), index=True)
    mention_count: Mapped[int] = mapped_column(Integer, default=0)


class PlaceMention(Base):
    __tablename__ = "place_mentions"

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), index=True
    )
    place_id: Mapped[int] = mapped_column(ForeignKey("places.id", ondelete="CASCADE"), index=True)
    start_char: Mapped[int] = mapped_column(Integer)
    end_char: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(String(200))


class Correction(Base):
    """A fix made by hand (migration 0008): what it changes, the value before and after, when
    and why. Its ``subject`` names what it corrects by keys that survive re-extraction (an
    article's path, a quote's words, a person's names), so that the store applies it again
    whenever the article is written again (:mod:`archive.store.corrections`)."""

    __tablename__ = "corrections"
    __table_args__ = (
        CheckConstraint(_in("kind", CORRECTION_KINDS), name="kind"),
        CheckConstraint(_in("status", CORRECTION_STATUSES), name="status"),
        Index(None, "target_table", "target_id"),  # a person's or a quote's corrections
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(10), default=CorrectionStatus.ACTIVE)
    target_table: Mapped[str] = mapped_column(String(20))  # people, quotes or places
    target_id: Mapped[int | None] = mapped_column(Integer)  # the row it applies to now
    field: Mapped[str] = mapped_column(String(20))  # what it changes: person, name, speaker, place
    old_value: Mapped[str | None] = mapped_column(Text)  # the value before, as a person reads it
    new_value: Mapped[str | None] = mapped_column(Text)  # the value after, as a person reads it
    subject: Mapped[dict] = mapped_column(JSON)  # the stable keys of what it corrects
    before: Mapped[dict | None] = mapped_column(JSON)  # the value before, for undo
    after: Mapped[dict | None] = mapped_column(JSON)  # the value after, applied again
    note: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    undone_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class CorrectionKey(Base):
    """How the store finds the corrections an article's write may concern, by an index:
    ``article:PATH``, ``surname:KEY`` (of a person's names), ``place:GAZETTEER_ID``."""

    __tablename__ = "correction_keys"
    __table_args__ = (UniqueConstraint("key", "correction_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    correction_id: Mapped[int] = mapped_column(
        ForeignKey("corrections.id", ondelete="CASCADE"), index=True
    )
    key: Mapped[str] = mapped_column(String(300))
