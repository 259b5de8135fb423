"""Export the whole archive, one record per article, in the gold annotation's field names.

Fields (see ../shared/gold/FORMAT.md): file, source, wire, title, authors, photographers,
people [name, aliases, roles, person_id], places [name, aliases, country, kind, latitude,
longitude], quotes [text, speaker, speaker_kind, kind, start, end]; plus id, url, published_at
(ISO 8601 in UTC, or a date), published_at_raw (as written), duplicate_of (the id of the article
whose story this one copies, or null: archive.store.duplicates), and for each quote its cue,
statement_id and confidence (how likely the speaker is right, in [0, 1]; null when not
computed).
"""

from __future__ import annotations

from collections import defaultdict
from typing import Iterator

from sqlalchemy import Engine, select
from sqlalchemy.orm import aliased

from archive.kinds import PersonRole
from archive.store.models import (
    Article,
    ArticlePerson,
    ArticlePlace,
    Mention,
    Person,
    Place,
    PlaceMention,
    Quote,
    Source,
)

EXPORT_BATCH = 200


def _ordered_unique(values):
    return list(dict.fromkeys(v for v in values if v))


def article_records(engine: Engine, article_ids: list[int] | None = None) -> Iterator[dict]:
    """Yield one dict per article (streamed in batches: memory does not grow with the archive)."""
    wire = aliased(Source)
    with engine.connect() as conn:
        stmt = (
            select(
                Article.id,
                Article.file_name,
                Article.path,
                Article.title,
                Article.url,
                Article.published_at,
                Source.name,
                wire.name,
                Article.published_at_raw,
                Article.duplicate_of,
            )
            .outerjoin(Source, Source.id == Article.source_id)
            .outerjoin(wire, wire.id == Article.wire_id)
            .order_by(Article.id)
        )
        if article_ids is not None:
            stmt = stmt.where(Article.id.in_(article_ids))
        rows = conn.execute(stmt).all()
        for i in range(0, len(rows), EXPORT_BATCH):
            chunk = rows[i : i + EXPORT_BATCH]
            yield from _records(conn, chunk)


def _records(conn, chunk) -> Iterator[dict]:
    ids = [r[0] for r in chunk]
    links = defaultdict(list)
    for aid, pid, role, titles, name in conn.execute(
        select(
            ArticlePerson.article_id,
            ArticlePerson.person_id,
            ArticlePerson.role,
            ArticlePerson.titles,
            Person.name,
        )
        .join(Person, Person.id == ArticlePerson.person_id)
        .where(ArticlePerson.article_id.in_(ids))
        .order_by(ArticlePerson.id)
    ):
        links[aid].append((pid, role, titles or [], name))
    mentions = defaultdict(list)
    for aid, pid, text in conn.execute(
        select(Mention.article_id, Mention.person_id, Mention.text)
        .where(Mention.article_id.in_(ids))
        .order_by(Mention.article_id, Mention.start_char)
    ):
        mentions[(aid, pid)].append(text)
    places = defaultdict(list)
    for pl in conn.execute(
        select(
            ArticlePlace.article_id.label("article_id"),
            Place.id,
            Place.name,
            Place.country_code,
            Place.kind,
            Place.latitude,
            Place.longitude,
        )
        .join(Place, Place.id == ArticlePlace.place_id)
        .where(ArticlePlace.article_id.in_(ids))
        .order_by(ArticlePlace.id)
    ):
        places[pl.article_id].append(pl)
    place_mentions = defaultdict(list)
    for aid, plid, text in conn.execute(
        select(PlaceMention.article_id, PlaceMention.place_id, PlaceMention.text)
        .where(PlaceMention.article_id.in_(ids))
        .order_by(PlaceMention.article_id, PlaceMention.start_char)
    ):
        place_mentions[(aid, plid)].append(text)
    quotes = defaultdict(list)
    for q in conn.execute(
        select(
            Quote.article_id,
            Quote.text,
            Quote.speaker_text,
            Quote.speaker_kind,
            Quote.kind,
            Quote.start_char,
            Quote.end_char,
            Quote.cue,
            Quote.statement_id,
            Quote.confidence,
            Person.name.label("speaker"),
        )
        .outerjoin(Person, Person.id == Quote.speaker_id)
        .where(Quote.article_id.in_(ids))
        .order_by(Quote.article_id, Quote.start_char)
    ):
        quotes[q.article_id].append(
            {
                "text": q.text,
                "speaker": q.speaker or q.speaker_text,
                "speaker_kind": q.speaker_kind,
                "kind": q.kind,
                "start": q.start_char,
                "end": q.end_char,
                "cue": q.cue,
                "statement_id": q.statement_id,
                "confidence": q.confidence,
            }
        )
    for aid, file_name, path, title, url, published_at, source, wire, raw_date, dup in chunk:
        people = []
        by_role = defaultdict(list)
        for pid, role, titles, name in links[aid]:
            if role == PersonRole.SUBJECT:
                people.append(
                    {
                        "name": name,
                        "aliases": _ordered_unique(mentions[(aid, pid)]),
                        "roles": titles,
                        "person_id": pid,
                    }
                )
            else:
                by_role[role].append(name)
        yield {
            "id": aid,
            "file": file_name,
            "path": path,
            "source": source,
            "wire": wire,
            "title": title,
            "url": url,
            "published_at": published_at,
            "published_at_raw": raw_date,
            "duplicate_of": dup,
            "authors": by_role[PersonRole.AUTHOR],
            "photographers": by_role[PersonRole.PHOTOGRAPHER],
            "people": people,
            "places": [
                {
                    "name": pl.name,
                    "aliases": _ordered_unique(place_mentions[(aid, pl.id)]),
                    "country": pl.country_code,
                    "kind": pl.kind,
                    "latitude": pl.latitude,
                    "longitude": pl.longitude,
                }
                for pl in places[aid]
            ],
            "quotes": quotes[aid],
        }


# the fields a CSV row takes as they are; the lists of entities follow, flattened
SCALAR_COLUMNS = ["id", "file", "source", "wire", "title", "published_at", "url", "duplicate_of"]
CSV_COLUMNS = [*SCALAR_COLUMNS, "authors", "photographers", "people", "places", "quotes"]


def flat_row(rec: dict) -> dict:
    """A CSV-friendly row: lists of entities become '; '-joined names, quotes a count."""
    return {
        **{k: rec.get(k) for k in SCALAR_COLUMNS},
        "authors": "; ".join(rec["authors"]),
        "photographers": "; ".join(rec["photographers"]),
        "people": "; ".join(p["name"] for p in rec["people"]),
        "places": "; ".join(p["name"] for p in rec["places"]),
        "quotes": len(rec["quotes"]),
    }
