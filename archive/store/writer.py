"""The store step: write one Extraction in one transaction, resolving identities.

:class:`Store` takes the write lock, skips or replaces by content hash and path, writes the
article and its sources here, and its people (:mod:`archive.store.people`, one ``people`` row per
real person), places (:mod:`archive.store.places`, by gazetteer id) and quotes
(:mod:`archive.store.quotes`, grouped into statements) through the modules of those ideas, and
links it to an earlier copy of the same story (:mod:`archive.store.duplicates`); then
it rebinds bare surnames whose owner may have changed (:mod:`archive.store.surnames`) and
applies again the corrections made by hand that the article concerns
(:mod:`archive.store.corrections`).
"""

from __future__ import annotations

import random
import re
import time
from dataclasses import dataclass

from sqlalchemy import Engine, delete, select
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session

from archive import EXTRACTOR_VERSION
from archive.clean.dates import parse_date
from archive.clean.outlets import canonical_outlet
from archive.kinds import IngestStatus, SourceKind
from archive.records import Extraction
from archive.store import corrections, duplicates, statement_groups, surnames
from archive.store.db import session_scope, write_lock
from archive.store.models import (
    Article,
    ArticlePerson,
    ArticlePlace,
    Person,
    Place,
    Quote,
    Source,
    Statement,
)
from archive.store.people import canonical_name, surname_keys, write_people
from archive.store.places import write_places
from archive.store.quotes import write_quotes

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
            copies: list[int] = []  # the old version's copies, which need an original again
            if old is not None:
                copies = duplicates.orphans(session, old.id)
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
                duplicates.relink(session, copies)
                status = REPLACED
            bands = duplicates.bands_of(ex.article.body, ex.minhash_bands)
            article = self._article(
                session, ex, duplicates.original_of(session, ex.article.body, bands)
            )
            duplicates.write_bands(session, article.id, bands)
            person_ids = write_people(session, article, ex)
            write_places(session, article, ex.places)
            write_quotes(session, article, ex, person_ids)
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
                    canonical_name(session, pid)
            # fixes made by hand hold for the new version too (archive.store.corrections)
            corrections.reapply(session, ex, {f"surname:{k}" for k in rebind_all})
            article_id = article.id
        return Outcome(status, article_id)

    def _source(self, session: Session, name: str | None, kind: str, domain=None, country=None):
        if not name:
            return None
        src = session.execute(select(Source).where(Source.name == name)).scalar()
        if src is None and domain and kind == SourceKind.OUTLET:
            src = self._named_by_domain(session, name, domain)
        if src is None:
            src = Source(name=name, kind=kind, domain=domain, country_code=country)
            session.add(src)
            session.flush()
        else:  # the same row whichever article came first: a wire once is an agency; of two
            # domains or countries the smaller is kept
            if kind == SourceKind.WIRE and src.kind != SourceKind.WIRE:
                src.kind = SourceKind.WIRE
            if domain and (not src.domain or domain < src.domain):
                src.domain = domain
            if country and (not src.country_code or country < src.country_code):
                src.country_code = country
        return src

    @staticmethod
    def _named_by_domain(session: Session, name: str, domain: str) -> Source | None:
        """The outlet row of DOMAIN when one of the names is only the domain: a page of an
        unknown site gives its brand ("Breitbart") or only its domain ("breitbart.com"), and
        both are one outlet (a row known only by its domain takes the brand's name)."""
        rows = (
            session.execute(
                select(Source).where(Source.domain == domain, Source.kind == SourceKind.OUTLET)
            )
            .scalars()
            .all()
        )
        labels = {re.sub(r"\W|_", "", p) for p in domain.lower().split(".")}
        for src in rows:
            brand, other = (src.name, name) if name == domain else (name, src.name)
            if other != domain or re.sub(r"\W|_", "", brand.casefold()) not in labels:
                continue  # a site's brand is its domain's name (a host's sites are apart)
            src.name = brand
            return src
        return None

    def _article(self, session: Session, ex: Extraction, original: int | None) -> Article:
        a = ex.article
        source = self._source(
            session, a.source, SourceKind.OUTLET, a.source_domain, a.source_country
        )
        wire_info = canonical_outlet(a.wire) if a.wire else None
        wire = self._source(
            session,
            a.wire,
            SourceKind.WIRE,
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
            # every stored date parses as ISO 8601 (in UTC), whatever the extraction gave
            published_at=parse_date(a.published_at),
            published_at_raw=a.published_at_raw or a.published_at,
            body=a.body,
            raw_text=ex.doc.raw_text,
            content_sha256=ex.content_sha256,
            path=ex.doc.path,
            file_name=ex.doc.name,
            word_count=ex.word_count,
            language=a.language,
            extractor_version=EXTRACTOR_VERSION,
            duplicate_of=original,  # the earliest stored copy of the same story, if any
        )
        session.add(article)
        session.flush()
        return article


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
    """Row counts of the main tables (the ones ``archive stats`` counts)."""
    from archive.query.stats import table_counts

    return table_counts(engine)
