"""The store step: write one Extraction in one transaction, resolving identities.

People are resolved across articles with ``archive.identity`` (one ``people`` row per real
person); places by gazetteer id; outlets by canonical name; quotes are grouped into statements
(the same words of the same speaker carried by several outlets).
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import Engine, delete, func, select
from sqlalchemy.orm import Session

from archive import EXTRACTOR_VERSION
from archive.db import session_scope
from archive.models import (
    Article,
    ArticlePerson,
    ArticlePlace,
    Mention,
    Person,
    PersonAlias,
    Place,
    PlaceAlias,
    PlaceMention,
    Quote,
    Source,
    Statement,
)
from archive.records import Extraction, PersonEntity, PlaceEntity

ADDED, UNCHANGED, REPLACED, FAILED = "added", "unchanged", "replaced", "failed"


@dataclass
class Outcome:
    status: str
    article_id: int | None = None
    message: str = ""


class PeopleIndex:
    """In-memory candidates for identity matching, keyed by surname key; loaded once per run."""

    def __init__(self) -> None:
        self.by_surname: dict[str, dict[int, tuple[int, str, list[str]]]] = defaultdict(dict)
        self.loaded = False

    @staticmethod
    def surname_keys(names) -> set[str]:
        from archive.identity import person_key

        keys = set()
        for name in names:
            key = person_key(name)
            if key:
                keys.add(key.split()[-1])
        return keys

    def load(self, session: Session) -> None:
        aliases: dict[int, list[str]] = defaultdict(list)
        for pid, alias in session.execute(select(PersonAlias.person_id, PersonAlias.alias)):
            aliases[pid].append(alias)
        for pid, name in session.execute(select(Person.id, Person.name)):
            self.add(pid, name, aliases.get(pid, []))
        self.loaded = True

    def add(self, pid: int, name: str, aliases: list[str]) -> None:
        entry = (pid, name, list(aliases))
        for key in self.surname_keys([name, *aliases]):
            self.by_surname[key][pid] = entry

    def candidates(self, entity: PersonEntity) -> list[tuple[int, str, list[str]]]:
        found: dict[int, tuple[int, str, list[str]]] = {}
        for key in self.surname_keys([entity.name, *entity.aliases]):
            found.update(self.by_surname.get(key, {}))
        return list(found.values())


class PlaceCache:
    """Place ids by gazetteer id or (name, kind, country) and their known aliases, for one run.

    Only what committed transactions wrote is added (see Store.save); dropped whenever orphans
    may have been deleted."""

    def __init__(self) -> None:
        self.ids: dict[tuple, int] = {}
        self.aliases: dict[int, set[str]] = {}

    @staticmethod
    def key(ent: PlaceEntity) -> tuple:
        if ent.gazetteer_id:
            return ("gazetteer", ent.gazetteer_id)
        return ("name", ent.name, ent.kind, ent.country_code or None)


class Store:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.people = PeopleIndex()
        self.places = PlaceCache()

    # --- look-ups before any NLP work ---------------------------------------------------------
    def known_hashes(self) -> set[str]:
        with self.engine.connect() as conn:
            return set(conn.execute(select(Article.content_sha256)).scalars())

    def article_for_hash(self, sha: str) -> int | None:
        with self.engine.connect() as conn:
            return conn.execute(select(Article.id).where(Article.content_sha256 == sha)).scalar()

    # --- writing ------------------------------------------------------------------------------
    def save(self, ex: Extraction) -> Outcome:
        """Write one article and everything extracted from it, atomically."""
        pending: list[tuple[int, str, list[str]]] = []
        self._pending_places: dict[tuple, int] = {}
        self._pending_aliases: dict[int, set[str]] = {}
        self._person_aliases: dict[int, set[str]] = {}  # this transaction's view of people's aliases
        with session_scope(self.engine) as session:
            if not self.people.loaded:
                self.people.load(session)
            dup = session.execute(
                select(Article.id).where(Article.content_sha256 == ex.content_sha256)
            ).scalar()
            if dup is not None:
                return Outcome(UNCHANGED, dup, "already in the archive")
            status = ADDED
            old = None
            if ex.doc.path and ex.doc.path != "-":
                old = session.execute(select(Article).where(Article.path == ex.doc.path)).scalar()
            if old is not None:
                session.delete(old)
                session.flush()
                _delete_orphans(session)
                status = REPLACED
            article = self._article(session, ex)
            person_ids = self._people(session, article, ex, pending)
            self._places(session, article, ex.places)
            self._quotes(session, article, ex, person_ids)
            article_id = article.id
        if status == REPLACED:  # orphaned people and places may have gone: reload lazily next time
            self.people = PeopleIndex()
            self.places = PlaceCache()
        else:
            for entry in pending:
                self.people.add(*entry)
            self.places.ids.update(self._pending_places)
            self.places.aliases.update(self._pending_aliases)
        return Outcome(status, article_id)

    def _source(self, session: Session, name: str | None, kind: str, domain=None, country=None):
        if not name:
            return None
        src = session.execute(select(Source).where(Source.name == name)).scalar()
        if src is None:
            src = Source(name=name, kind=kind, domain=domain, country_code=country)
            session.add(src)
            session.flush()
        else:
            if domain and not src.domain:
                src.domain = domain
            if country and not src.country_code:
                src.country_code = country
        return src

    def _article(self, session: Session, ex: Extraction) -> Article:
        a = ex.article
        source = self._source(session, a.source, "outlet", a.source_domain, a.source_country)
        wire_info = _outlet_info(a.wire) if a.wire else None
        wire = self._source(
            session,
            a.wire,
            "wire",
            getattr(wire_info, "domain", None),
            getattr(wire_info, "country", None),
        )
        if source is not None and wire is not None and source.id == wire.id:
            wire = None  # an agency's own story is not carried "via" itself
        article = Article(
            source_id=source.id if source else None,
            wire_id=wire.id if wire else None,
            title=a.title,
            subtitle=a.subtitle,
            url=a.url,
            byline=a.byline,
            dateline=a.dateline,
            published_at=a.published_at,
            body=a.body,
            raw_text=ex.doc.raw_text,
            content_sha256=ex.content_sha256,
            path=ex.doc.path,
            file_name=ex.doc.name,
            word_count=ex.word_count,
            language=a.language,
            extractor_version=EXTRACTOR_VERSION,
        )
        session.add(article)
        session.flush()
        return article

    def _resolve_person(self, session: Session, ent: PersonEntity, pending) -> int:
        from archive.identity import best_match, person_key

        pid = best_match(ent, self.people.candidates(ent) + [p for p in pending if _shares(p, ent)])
        if pid is None:
            person = Person(name=ent.name, key=person_key(ent.name) or ent.name.lower())
            session.add(person)
            session.flush()
            pid = person.id
            pending.append((pid, ent.name, list(ent.aliases)))
        else:
            person = session.get(Person, pid)
            # prefer the fullest form of the name as canonical
            if len(ent.name.split()) > len(person.name.split()):
                person.name = ent.name
                person.key = person_key(ent.name) or person.key
        existing = self._person_aliases.get(pid)
        if existing is None:  # first time in this article: what earlier articles wrote
            existing = self._person_aliases[pid] = set(
                session.execute(select(PersonAlias.alias).where(PersonAlias.person_id == pid)).scalars()
            )
        for alias in dict.fromkeys([ent.name, *ent.aliases]):
            if alias and alias not in existing:
                session.add(PersonAlias(person_id=pid, alias=alias[:200]))
                existing.add(alias)
        for entry in pending:
            if entry[0] == pid:
                entry[2].extend(a for a in ent.aliases if a not in entry[2])
        return pid

    def _people(self, session: Session, article: Article, ex: Extraction, pending) -> list[int]:
        ids: list[int] = []
        links: dict[tuple[int, str], ArticlePerson] = {}
        for ent in ex.people:
            # no autoflush: the look-ups below read rows of earlier articles (and people created
            # here are flushed explicitly), so the pending rows of this article can wait for one
            # flush at the end instead of one per look-up
            with session.no_autoflush:
                pid = self._resolve_person(session, ent, pending)
            ids.append(pid)
            link = links.get((pid, ent.role))
            if link is None:
                link = ArticlePerson(
                    article_id=article.id, person_id=pid, role=ent.role, titles=[], mention_count=0
                )
                links[(pid, ent.role)] = link
                session.add(link)
            link.titles = list(dict.fromkeys([*link.titles, *ent.roles]))
            link.mention_count += len(ent.mentions)
            for m in ent.mentions:
                session.add(
                    Mention(
                        article_id=article.id,
                        person_id=pid,
                        start_char=m.start,
                        end_char=m.end,
                        text=m.text[:200],
                    )
                )
        session.flush()
        return ids

    def _place(self, session: Session, ent: PlaceEntity) -> int:
        key = PlaceCache.key(ent)
        pid = self._pending_places.get(key) or self.places.ids.get(key)
        if pid is not None:
            return pid
        place = None
        if ent.gazetteer_id:
            place = session.execute(select(Place).where(Place.gazetteer_id == ent.gazetteer_id)).scalar()
        if place is None:
            stmt = select(Place).where(Place.name == ent.name, Place.kind == ent.kind)
            if ent.country_code:
                stmt = stmt.where(Place.country_code == ent.country_code)
            else:
                stmt = stmt.where(Place.country_code.is_(None))
            place = session.execute(stmt.limit(1)).scalar()
        if place is None:
            place = Place(
                name=ent.name,
                kind=ent.kind,
                country_code=ent.country_code,
                latitude=ent.latitude,
                longitude=ent.longitude,
                gazetteer_id=ent.gazetteer_id,
            )
            session.add(place)
            session.flush()
        # cached only where the same look-up would find the same row again: a gazetteer id's
        # own place (not a place found by name for it: that id's place may be created later)
        if not ent.gazetteer_id or place.gazetteer_id == ent.gazetteer_id:
            self._pending_places[key] = place.id
        return place.id

    def _place_aliases(self, session: Session, place_id: int) -> set[str]:
        known = self._pending_aliases.get(place_id)
        if known is None:
            cached = self.places.aliases.get(place_id)
            if cached is None:
                cached = set(
                    session.execute(select(PlaceAlias.alias).where(PlaceAlias.place_id == place_id)).scalars()
                )
            known = self._pending_aliases[place_id] = set(cached)
        return known

    def _places(self, session: Session, article: Article, places: list[PlaceEntity]) -> None:
        counts: dict[int, ArticlePlace] = {}
        for ent in places:
            place_id = self._place(session, ent)
            known = self._place_aliases(session, place_id)
            for alias in dict.fromkeys([ent.name, *ent.aliases]):
                if alias and alias not in known:
                    session.add(PlaceAlias(place_id=place_id, alias=alias[:200]))
                    known.add(alias)
            link = counts.get(place_id)
            if link is None:
                link = ArticlePlace(article_id=article.id, place_id=place_id, mention_count=0)
                counts[place_id] = link
                session.add(link)
            link.mention_count += len(ent.mentions)
            for m in ent.mentions:
                session.add(
                    PlaceMention(
                        article_id=article.id,
                        place_id=place_id,
                        start_char=m.start,
                        end_char=m.end,
                        text=m.text[:200],
                    )
                )
        session.flush()

    def _quotes(self, session: Session, article: Article, ex: Extraction, person_ids: list[int]) -> None:
        from archive.quotes import same_statement, statement_key

        # no autoflush: the statements and quotes of this article are written in one batch at the
        # end. A look-up must see every statement as it stands, so it reads the flushed ones (a
        # lengthened one is flushed first), then the ones created here since, in order.
        lengthened = False
        created: dict[int, list[Statement]] = defaultdict(list)  # unflushed, by speaker
        with session.no_autoflush:
            for q in ex.quotes:
                speaker_id = person_ids[q.speaker] if q.speaker is not None and q.speaker_kind == "person" else None
                statement = None
                if speaker_id is not None:
                    if lengthened:
                        session.flush()
                        created.clear()
                        lengthened = False
                    # (id, text) rows rather than ORM objects: a speaker may have thousands
                    for cand_id, cand_text in session.execute(
                        select(Statement.id, Statement.text).where(Statement.speaker_id == speaker_id)
                    ):
                        if same_statement(cand_text, q.text):
                            statement = session.get(Statement, cand_id)
                            break
                    if statement is None:
                        statement = next((c for c in created[speaker_id] if same_statement(c.text, q.text)), None)
                if statement is None:
                    statement = Statement(speaker_id=speaker_id, text=q.text, key=statement_key(q.text))
                    session.add(statement)
                    if speaker_id is not None:
                        created[speaker_id].append(statement)
                elif len(q.text) > len(statement.text):
                    statement.text, statement.key = q.text, statement_key(q.text)
                    lengthened = True
                session.add(
                    Quote(
                        article_id=article.id,
                        speaker_id=speaker_id,
                        statement=statement,
                        speaker_text=(q.speaker_text or None) and q.speaker_text[:300],
                        speaker_kind=q.speaker_kind,
                        text=q.text,
                        kind=q.kind,
                        start_char=q.start,
                        end_char=q.end,
                        cue=(q.cue or None) and q.cue[:50],
                        medium=(q.medium or None) and q.medium[:200],
                        paragraph=q.paragraph,
                    )
                )
        session.flush()


def _shares(entry, ent: PersonEntity) -> bool:
    return bool(PeopleIndex.surname_keys([entry[1], *entry[2]]) & PeopleIndex.surname_keys([ent.name, *ent.aliases]))


def _outlet_info(name: str):
    try:
        from archive.outlets import canonical_outlet
    except ImportError:  # pragma: no cover - outlets table is part of the package
        return None
    return canonical_outlet(name)


def _delete_orphans(session: Session) -> None:
    """After replacing an article: drop people, places and statements nothing refers to."""
    session.execute(
        delete(Statement).where(~select(Quote.id).where(Quote.statement_id == Statement.id).exists())
    )
    session.execute(
        delete(Person).where(
            ~select(ArticlePerson.id).where(ArticlePerson.person_id == Person.id).exists(),
            ~select(Quote.id).where(Quote.speaker_id == Person.id).exists(),
        )
    )
    session.execute(
        delete(Place).where(~select(ArticlePlace.id).where(ArticlePlace.place_id == Place.id).exists())
    )
    session.flush()


def counts(engine: Engine) -> dict[str, int]:
    """Row counts of the main tables."""
    from archive import models

    tables = {
        "sources": models.Source,
        "articles": models.Article,
        "people": models.Person,
        "person_aliases": models.PersonAlias,
        "article_people": models.ArticlePerson,
        "mentions": models.Mention,
        "quotes": models.Quote,
        "statements": models.Statement,
        "places": models.Place,
        "place_aliases": models.PlaceAlias,
        "article_places": models.ArticlePlace,
        "place_mentions": models.PlaceMention,
    }
    with engine.connect() as conn:
        return {name: conn.execute(select(func.count()).select_from(m)).scalar_one() for name, m in tables.items()}
