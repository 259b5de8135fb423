"""The store step: write one Extraction in one transaction, resolving identities.

People are resolved across articles with ``archive.names.identity`` (one ``people`` row per real
person); places by gazetteer id; outlets by canonical name; quotes are grouped into statements
(the same words of the same speaker carried by several outlets).
"""

from __future__ import annotations

import random
import time
from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import Engine, delete, func, insert, select
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session

from archive import EXTRACTOR_VERSION
from archive.kinds import IngestStatus
from archive.records import Extraction, PersonEntity, PlaceEntity
from archive.store import statement_groups, surnames
from archive.store.db import session_scope, write_lock
from archive.store.models import (
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

ADDED, UNCHANGED, REPLACED, FAILED = (
    IngestStatus.ADDED,
    IngestStatus.UNCHANGED,
    IngestStatus.REPLACED,
    IngestStatus.FAILED,
)
MAX_ATTEMPTS = 5  # a transaction that conflicts with another writer is run again this often


@dataclass
class Outcome:
    status: str
    article_id: int | None = None
    message: str = ""


def surname_keys(names) -> set[str]:
    """The folded surnames of some names: the keys of the people they may belong to."""
    from archive.names.identity import surname_key

    return {k for k in (surname_key(n) for n in names if n) if k}


def _name_rank(name: str, articles: int) -> tuple:
    """How good a name is to show for a person (smaller is better): a full name before a bare
    surname, then the name more articles use, then more words, then longer, then alphabetical.
    A total order over counts that do not depend on the order in which articles were written."""
    return (len(name.split()) < 2, -articles, -len(name.split()), -len(name), name)


def _retryable(exc: Exception) -> bool:
    """A conflict with another writer (a unique key taken meanwhile, a lock, a deadlock): the
    transaction was rolled back and may simply be run again."""
    if isinstance(exc, IntegrityError):
        return True
    if isinstance(exc, OperationalError):
        orig = getattr(exc, "orig", None)
        code = getattr(orig, "sqlstate", None) or getattr(
            getattr(orig, "diag", None), "sqlstate", None
        )
        if code in (
            "40001",
            "40P01",
            "55P03",
        ):  # serialization failure, deadlock, lock not available
            return True
        return "locked" in str(orig).lower() or "busy" in str(orig).lower()
    return False


class Store:
    """Writes articles. Every ``save`` is one transaction that first takes the archive's write
    lock (see :func:`archive.store.db.write_lock`), so that any number of writers, in one process or
    many, on SQLite or PostgreSQL, see each other's committed people, places and statements and
    never resolve one person twice. Nothing is cached between transactions."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.retries = 0  # transactions run again after a conflict (for reports and tests)

    # --- look-ups before any NLP work ---------------------------------------------------------
    def known_hashes(self) -> set[str]:
        with self.engine.connect() as conn:
            return set(conn.execute(select(Article.content_sha256)).scalars())

    def article_for_hash(self, sha: str) -> int | None:
        with self.engine.connect() as conn:
            return conn.execute(select(Article.id).where(Article.content_sha256 == sha)).scalar()

    # --- writing ------------------------------------------------------------------------------
    def save(self, ex: Extraction) -> Outcome:
        """Write one article and everything extracted from it, atomically; a transaction that
        conflicts with another writer is rolled back and run again (up to MAX_ATTEMPTS)."""
        for attempt in range(1, MAX_ATTEMPTS + 1):
            try:
                return self._save_once(ex)
            except (IntegrityError, OperationalError) as exc:
                if attempt == MAX_ATTEMPTS or not _retryable(exc):
                    raise
                self.retries += 1
                time.sleep(random.uniform(0.01, 0.05) * attempt)
        raise AssertionError("unreachable")  # pragma: no cover

    def _save_once(self, ex: Extraction) -> Outcome:
        with session_scope(self.engine, write=True) as session:
            write_lock(session)
            # under the lock: what any writer committed before is visible from here on
            dup = session.execute(
                select(Article.id).where(Article.content_sha256 == ex.content_sha256)
            ).scalar()
            if dup is not None:
                return Outcome(UNCHANGED, dup, "already in the archive")
            status = ADDED
            old = None
            if ex.doc.path and ex.doc.path != "-":
                old = session.execute(
                    select(Article).where(Article.path == ex.doc.path).order_by(Article.id).limit(1)
                ).scalar()
            rebind_all: set[str] = set()  # surnames whose people may have lost someone
            if old is not None:
                for name, aliases in session.execute(
                    select(ArticlePerson.name, ArticlePerson.aliases).where(
                        ArticlePerson.article_id == old.id
                    )
                ):
                    rebind_all |= surname_keys([name, *(aliases or [])])
                left = set(
                    session.execute(
                        select(Quote.statement_id).where(
                            Quote.article_id == old.id, Quote.statement_id.is_not(None)
                        )
                    ).scalars()
                )
                session.delete(old)
                session.flush()
                for statement_id in sorted(left):  # a quote that joined two groups may be gone
                    statement_groups.refresh(session, statement_id)
                _delete_orphans(session)
                status = REPLACED
            article = self._article(session, ex)
            person_ids = self._people(session, article, ex)
            self._places(session, article, ex.places)
            self._quotes(session, article, ex, person_ids)
            touched: set[int] = set()
            # who a surname belongs to may have changed where the article names someone of it in
            # full (a new full-named person, one more article for one of them) or an article went;
            # bare surnames were given to the owner as they were written (they do not count)
            keys = rebind_all | surname_keys(
                n
                for ent in ex.people
                if not surnames.bare_surname([ent.name, *ent.aliases])
                for n in [ent.name, *ent.aliases]
            )
            touched |= surnames.rebind_many(session, keys)
            for pid in sorted(touched):
                if session.get(Person, pid) is not None:
                    self._canonical_name(session, pid)
            article_id = article.id
        return Outcome(status, article_id)

    def _source(self, session: Session, name: str | None, kind: str, domain=None, country=None):
        if not name:
            return None
        src = session.execute(select(Source).where(Source.name == name)).scalar()
        if src is None:
            src = Source(name=name, kind=kind, domain=domain, country_code=country)
            session.add(src)
            session.flush()
        else:  # the same row whichever article came first: a wire once is an agency; of two
            # domains or countries the smaller is kept
            if kind == "wire" and src.kind != "wire":
                src.kind = "wire"
            if domain and (not src.domain or domain < src.domain):
                src.domain = domain
            if country and (not src.country_code or country < src.country_code):
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

    def _load_people(self, session: Session, ex: Extraction) -> None:
        """This transaction's view of the people the article's names may belong to: every person
        with an alias of one of their surnames, with all their aliases, in one query. Kept up to
        date as the article adds people and aliases; valid only inside the locked transaction."""
        keys = sorted(surname_keys(n for ent in ex.people for n in [ent.name, *ent.aliases]))
        self._view: dict[int, tuple[str, list[str]]] = {}
        self._by_key: dict[str, set[int]] = defaultdict(set)
        if not keys:
            return
        ids = select(PersonAlias.person_id).where(PersonAlias.surname_key.in_(keys))
        with session.no_autoflush:
            rows = session.execute(
                select(Person.id, Person.name, PersonAlias.alias, PersonAlias.surname_key)
                .join(PersonAlias, PersonAlias.person_id == Person.id)
                .where(Person.id.in_(ids))
                .order_by(Person.id, PersonAlias.id)
            ).all()
        for pid, name, alias, key in rows:
            self._view.setdefault(pid, (name, []))[1].append(alias)
            if key:
                self._by_key[key].add(pid)

    def _candidates(self, ent: PersonEntity) -> list[tuple[int, str, list[str]]]:
        """(id, name, aliases) of every person with an alias of one of the entity's surnames."""
        pids = set()
        for key in surname_keys([ent.name, *ent.aliases]):
            pids |= self._by_key.get(key, set())
        return [(pid, self._view[pid][0], self._view[pid][1]) for pid in sorted(pids)]

    def _resolve_person(self, session: Session, ent: PersonEntity) -> int:
        """The person of an entity with a full name: the same person by name among the people
        with full names (bare surnames are surnames.owner's), else a new person."""
        from archive.names.identity import best_match, person_key

        candidates = [c for c in self._candidates(ent) if any(surnames.is_full(a) for a in c[2])]
        pid = best_match(ent, candidates)
        if pid is None:
            person = Person(name=ent.name, key=person_key(ent.name) or ent.name.lower())
            session.add(person)
            session.flush()
            pid = person.id
        self._add_aliases(session, pid, ent)
        return pid

    def _add_aliases(self, session: Session, pid: int, ent: PersonEntity) -> None:
        from archive.names.identity import surname_key

        if pid not in self._view:  # a person outside the view (a surname person made just now)
            person = session.get(Person, pid)
            with session.no_autoflush:
                aliases = list(
                    session.execute(
                        select(PersonAlias.alias).where(PersonAlias.person_id == pid)
                    ).scalars()
                )
            self._view[pid] = (person.name, aliases)
        existing = self._view[pid][1]
        known = set(existing)
        for alias in dict.fromkeys([ent.name, *ent.aliases]):
            alias = alias[:200] if alias else alias
            if alias and alias not in known:
                key = surname_key(alias)
                session.add(PersonAlias(person_id=pid, alias=alias, surname_key=key or None))
                existing.append(alias)
                known.add(alias)
                if key:
                    self._by_key[key].add(pid)

    def _people(self, session: Session, article: Article, ex: Extraction) -> list[int]:
        ids: list[int] = []
        links: dict[tuple[int, str], ArticlePerson] = {}
        mentions: list[dict] = []
        self._load_people(session, ex)
        for ent in ex.people:
            bare = surnames.bare_surname([ent.name, *ent.aliases])
            if bare:  # known here by surname only: whoever owns that surname now
                pid = surnames.owner(session, bare, create_name=ent.name[:200])
                self._add_aliases(session, pid, ent)
            else:
                pid = self._resolve_person(session, ent)
            ids.append(pid)
            link = links.get((pid, ent.role))
            if link is None:
                link = ArticlePerson(
                    article_id=article.id,
                    person_id=pid,
                    role=ent.role,
                    titles=[],
                    mention_count=0,
                    name=ent.name[:200] or None,
                    aliases=[],
                    bare_key=bare or None,
                )
                links[(pid, ent.role)] = link
                session.add(link)
            link.titles = list(dict.fromkeys([*link.titles, *ent.roles]))
            link.aliases = list(
                dict.fromkeys([*link.aliases, *(a[:200] for a in [ent.name, *ent.aliases] if a)])
            )
            link.mention_count += len(ent.mentions)
            mentions += [
                dict(
                    article_id=article.id,
                    person_id=pid,
                    start_char=m.start,
                    end_char=m.end,
                    text=m.text[:200],
                )
                for m in ent.mentions
            ]
        session.flush()
        if mentions:  # one bulk INSERT (no ORM objects: an article has dozens)
            session.execute(insert(Mention), mentions)
        for pid in dict.fromkeys(ids):
            # an article that uses the name the person already has only adds to its lead
            names = {ent.name[:200] for ent, p in zip(ex.people, ids) if p == pid}
            if names != {self._view[pid][0]}:
                self._canonical_name(session, pid)
        return ids

    @staticmethod
    def _canonical_name(session: Session, pid: int) -> None:
        """Name the person by the full name most of their articles use (see _name_rank)."""
        from archive.names.identity import person_key

        counts = session.execute(
            select(ArticlePerson.name, func.count(func.distinct(ArticlePerson.article_id)))
            .where(ArticlePerson.person_id == pid, ArticlePerson.name.is_not(None))
            .group_by(ArticlePerson.name)
        ).all()
        if not counts:
            return
        name = min(counts, key=lambda row: _name_rank(row[0], row[1]))[0]
        person = session.get(Person, pid)
        if name != person.name and not (len(name.split()) < 2 <= len(person.name.split())):
            person.name = name
            person.key = person_key(name) or person.key

    def _place(self, session: Session, ent: PlaceEntity) -> int:
        """The place's row: by gazetteer id, else by name, kind and country (one row however many
        gazetteer ids the extractor gave the same name: the row keeps the smallest, so that the
        result does not depend on the order of the articles)."""
        place = None
        if ent.gazetteer_id:
            if ent.gazetteer_id in self._by_gid:
                place = self._by_gid[ent.gazetteer_id]
            else:
                place = session.execute(
                    select(Place).where(Place.gazetteer_id == ent.gazetteer_id)
                ).scalar()
            if place is not None:
                _fill_in(place, ent)
        if place is None:
            stmt = select(Place).where(Place.name == ent.name, Place.kind == ent.kind)
            if ent.country_code:
                stmt = stmt.where(Place.country_code == ent.country_code)
            else:
                stmt = stmt.where(Place.country_code.is_(None))
            place = session.execute(stmt.order_by(Place.id).limit(1)).scalar()
            if (
                place is not None
                and ent.gazetteer_id
                and (place.gazetteer_id is None or ent.gazetteer_id < place.gazetteer_id)
            ):
                place.gazetteer_id = ent.gazetteer_id
                place.latitude, place.longitude = ent.latitude, ent.longitude
                session.flush()
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
        if place.gazetteer_id:
            self._by_gid[place.gazetteer_id] = place
        return place.id

    @staticmethod
    def _place_aliases(session: Session, place_id: int, known: dict[int, set[str]]) -> set[str]:
        if place_id not in known:
            known[place_id] = set(
                session.execute(
                    select(PlaceAlias.alias).where(PlaceAlias.place_id == place_id)
                ).scalars()
            )
        return known[place_id]

    def _places(self, session: Session, article: Article, places: list[PlaceEntity]) -> None:
        counts: dict[int, ArticlePlace] = {}
        aliases: dict[int, set[str]] = {}
        mentions: list[dict] = []
        # the article's places by gazetteer id and their aliases, in two queries
        gids = sorted({e.gazetteer_id for e in places if e.gazetteer_id})
        self._by_gid: dict[str, Place] = {}
        if gids:
            self._by_gid = {
                p.gazetteer_id: p
                for p in session.execute(
                    select(Place).where(Place.gazetteer_id.in_(gids))
                ).scalars()
            }
            ids = [p.id for p in self._by_gid.values()]
            for pid in ids:
                aliases[pid] = set()
            if ids:
                for pid, alias in session.execute(
                    select(PlaceAlias.place_id, PlaceAlias.alias).where(
                        PlaceAlias.place_id.in_(ids)
                    )
                ):
                    aliases[pid].add(alias)
        for ent in places:
            place_id = self._place(session, ent)
            known = self._place_aliases(session, place_id, aliases)
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
            mentions += [
                dict(
                    article_id=article.id,
                    place_id=place_id,
                    start_char=m.start,
                    end_char=m.end,
                    text=m.text[:200],
                )
                for m in ent.mentions
            ]
        session.flush()
        if mentions:
            session.execute(insert(PlaceMention), mentions)

    def _quotes(
        self, session: Session, article: Article, ex: Extraction, person_ids: list[int]
    ) -> None:
        """The article's quotes, each in its statement (archive.store.statement_groups): a speaker's
        quotes are read once, the groups decided here, and everything written in one flush; a
        quote that joins two statements already stored goes through statement_groups.group."""
        from archive.extract.quotes.statements import same_statement, statement_key
        from archive.store.statement_groups import best_wording

        said: dict[int, list[list]] = {}  # speaker -> [statement (id or new object), text]
        bridging: list[Quote] = []
        deferred: set[int] = set()
        with session.no_autoflush:
            for q in ex.quotes:
                speaker_id = (
                    person_ids[q.speaker]
                    if q.speaker is not None and q.speaker_kind == "person"
                    else None
                )
                quote = Quote(
                    article_id=article.id,
                    speaker_id=speaker_id,
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
                session.add(quote)
                if speaker_id is None:
                    quote.statement = Statement(
                        speaker_id=None, text=q.text, key=statement_key(q.text)
                    )
                    continue
                if speaker_id in deferred:  # after a bridging quote: in order, in the database
                    bridging.append(quote)
                    continue
                if speaker_id not in said:
                    said[speaker_id] = [
                        [sid, text]
                        for sid, text in session.execute(
                            select(Quote.statement_id, Quote.text)
                            .where(Quote.speaker_id == speaker_id, Quote.statement_id.is_not(None))
                            .distinct()
                        )
                    ]
                matches: list = []
                for st, text in said[speaker_id]:
                    if not any(st is m for m in matches) and same_statement(text, q.text):
                        matches.append(st)
                if len(matches) > 1:  # it joins statements: merged in the database afterwards
                    bridging.append(quote)
                    deferred.add(speaker_id)
                    continue
                if matches:
                    st = matches[0]
                    obj = session.get(Statement, st) if isinstance(st, int) else st
                    best = best_wording([obj.text, q.text])
                    if best != obj.text:
                        obj.text, obj.key = best, statement_key(best)
                else:
                    st = obj = Statement(
                        speaker_id=speaker_id, text=q.text, key=statement_key(q.text)
                    )
                quote.statement = obj
                said[speaker_id].append([st, q.text])
        session.flush()
        for quote in bridging:
            statement_groups.group(session, quote)
        session.flush()


def _fill_in(place: Place, ent: PlaceEntity) -> None:
    """What one article knows of a place and another does not (the extractor may give a country
    only where the context shows it): a missing value is filled in, of two values the smaller
    kept, so the row is the same whichever article came first."""
    if ent.country_code and (place.country_code is None or ent.country_code < place.country_code):
        place.country_code = ent.country_code
    if place.latitude is None and ent.latitude is not None:
        place.latitude, place.longitude = ent.latitude, ent.longitude


def _outlet_info(name: str):
    try:
        from archive.clean.outlets import canonical_outlet
    except ImportError:  # pragma: no cover - outlets table is part of the package
        return None
    return canonical_outlet(name)


def _delete_orphans(session: Session) -> None:
    """After replacing an article: drop people, places and statements nothing refers to."""
    session.execute(
        delete(Statement).where(
            ~select(Quote.id).where(Quote.statement_id == Statement.id).exists()
        )
    )
    session.execute(
        delete(Person).where(
            ~select(ArticlePerson.id).where(ArticlePerson.person_id == Person.id).exists(),
            ~select(Quote.id).where(Quote.speaker_id == Person.id).exists(),
        )
    )
    session.execute(
        delete(Place).where(
            ~select(ArticlePlace.id).where(ArticlePlace.place_id == Place.id).exists()
        )
    )
    session.flush()


def counts(engine: Engine) -> dict[str, int]:
    """Row counts of the main tables."""
    from archive.store import models

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
        return {
            name: conn.execute(select(func.count()).select_from(m)).scalar_one()
            for name, m in tables.items()
        }
