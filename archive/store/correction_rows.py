"""The rows of the corrections table: how a correction is recorded with the keys that find it
again, and the stable key of an article.

A correction names what it corrects by keys that survive re-extraction (person ids and quote ids
do not: an article written again gets new quotes, and its people may be made anew), and is
found again through ``correction_keys``: ``article:KEY`` (:func:`article_key`), ``surname:KEY``
(the folded surname of a person's name, :func:`archive.names.identity.surname_key`) and
``place:GAZETTEER_ID``.
"""

from __future__ import annotations

from typing import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from archive.kinds import CorrectionStatus
from archive.names.identity import surname_key
from archive.store.models import Article, Correction, CorrectionKey


class CorrectionError(ValueError):
    """A correction that cannot be made (an unknown id or name, a conflict); one line."""


def article_key(path: str | None, content_sha256: str) -> str:
    """What identifies an article across its versions: the path the store replaces it by, or
    its content hash when it was read from stdin (such an article is never replaced)."""
    if path and path != "-":
        return f"path:{path}"
    return f"sha256:{content_sha256}"


def key_of_article(article: Article) -> str:
    return article_key(article.path, article.content_sha256)


def articles_with_key(session: Session, key: str) -> list[Article]:
    """The stored articles of an article key (normally one)."""
    kind, _, value = key.partition(":")
    column = Article.path if kind == "path" else Article.content_sha256
    return list(session.execute(select(Article).where(column == value)).scalars())


def surname_lookup_keys(names: Iterable[str | None]) -> set[str]:
    """``surname:KEY`` of each name with a surname."""
    return {f"surname:{k}" for k in (surname_key(n) for n in names if n) if k}


def add(session: Session, keys: Iterable[str], **values) -> Correction:
    """Insert an active correction (``values``: its columns) and its look-up keys."""
    row = Correction(status=CorrectionStatus.ACTIVE, **values)
    session.add(row)
    session.flush()
    for key in sorted(set(keys)):
        session.add(CorrectionKey(correction_id=row.id, key=key[:300]))
    session.flush()
    return row


def active_for(session: Session, keys: Iterable[str]) -> list[Correction]:
    """The active corrections with one of these look-up keys, oldest first (one query by the
    key index; nothing to read in an archive without corrections)."""
    keys = sorted({k[:300] for k in keys})
    if not keys:
        return []
    # a Core query on the session's connection first: ~0.1 ms when it finds nothing, which is
    # what every article's write pays in an archive without corrections
    ids = sorted(
        set(
            session.connection()
            .execute(select(CorrectionKey.correction_id).where(CorrectionKey.key.in_(keys)))
            .scalars()
        )
    )
    if not ids:
        return []
    return list(
        session.execute(
            select(Correction)
            .where(Correction.id.in_(ids), Correction.status == CorrectionStatus.ACTIVE)
            .order_by(Correction.id)
        ).scalars()
    )


def active_of_kind(session: Session, kind: str) -> list[Correction]:
    """The active corrections of one kind, oldest first."""
    return list(
        session.execute(
            select(Correction)
            .where(Correction.kind == kind, Correction.status == CorrectionStatus.ACTIVE)
            .order_by(Correction.id)
        ).scalars()
    )
