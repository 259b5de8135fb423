"""Corrections made by hand, applied again whenever an article is written again, and undone.

A correction is made once (:mod:`archive.store.correct_people`: merge, split, rename;
:mod:`archive.store.correct_quotes`: a quote's speaker; :mod:`archive.store.correct_places`: a
place) in one locked transaction that records it and applies it. Re-ingesting or replacing an
article must not undo it, so the store calls :func:`reapply` at the end of every article's
transaction: the corrections whose look-up keys (``correction_keys``) match the article (its
key, the surnames of its people, its places) are applied again, oldest first, in the same
transaction (a crash leaves either the article with its corrections or neither). Applying is
idempotent; with no corrections the cost is one indexed query that finds nothing.

Order of a re-application: each correction moves rows (people merged, links split off, quotes
given their speaker, places moved); the bare surnames those moves concern are then given to
their owners again (:mod:`archive.store.surnames`), and last the names corrections set are set
(a merged person keeps the kept one's name; a rename wins over what the articles say).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timezone

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from archive.kinds import CorrectionKind, CorrectionStatus
from archive.records import Extraction
from archive.store import correct_people, correct_places, correct_quotes, surnames
from archive.store.correction_rows import (
    CorrectionError,
    active_for,
    article_key,
    surname_lookup_keys,
)
from archive.store.db import session_scope, write_lock
from archive.store.models import Correction, CorrectionKey, Person
from archive.store.people import canonical_name

__all__ = ["CorrectionError", "apply", "correct", "reapply", "undo"]

K = CorrectionKind
# kind -> (apply again, undo): each returns the surname keys whose bare surnames may have moved
APPLY: dict[str, Callable[[Session, Correction], set[str]]] = {
    K.PERSON_MERGE: correct_people.apply_merge,
    K.PERSON_SPLIT: correct_people.apply_split,
    K.PERSON_RENAME: correct_people.apply_rename,
    K.QUOTE_SPEAKER: correct_quotes.apply_speaker,
    K.PLACE_SET: correct_places.apply_place,
}
UNDO: dict[str, Callable[[Session, Correction], set[str]]] = {
    K.PERSON_MERGE: correct_people.undo_merge,
    K.PERSON_SPLIT: correct_people.undo_split,
    K.PERSON_RENAME: correct_people.undo_rename,
    K.QUOTE_SPEAKER: correct_quotes.undo_speaker,
    K.PLACE_SET: correct_places.undo_place,
}
PIN: dict[str, Callable[[Session, Correction], None]] = {
    K.PERSON_MERGE: correct_people.pin_merge,
    K.PERSON_RENAME: correct_people.pin_rename,
}


def _settle(session: Session, keys: set[str]) -> None:
    """Bare surnames to their owners after people moved, and the people touched renamed as
    their articles say."""
    plain = {k.removeprefix("surname:") for k in keys}
    for pid in sorted(surnames.rebind_many(session, plain)):
        if session.get(Person, pid) is not None:
            canonical_name(session, pid)


def apply(session: Session, corrections: list[Correction]) -> None:
    """Apply corrections (oldest first) again; see the module's docstring for the order."""
    keys: set[str] = set()
    for c in corrections:
        keys |= APPLY[c.kind](session, c)
    session.flush()
    if keys:
        _settle(session, keys)
    for c in corrections:
        if c.kind in PIN:
            PIN[c.kind](session, c)
    session.flush()


def lookup_keys(ex: Extraction) -> set[str]:
    """The look-up keys of the corrections that writing this extraction may concern."""
    keys = {f"article:{article_key(ex.doc.path, ex.content_sha256)}"}
    keys |= surname_lookup_keys(n for ent in ex.people for n in [ent.name, *ent.aliases])
    for place in ex.places:
        keys.add(
            correct_places.lookup_key({"gazetteer_id": place.gazetteer_id, "name": place.name})
        )
    return keys


def reapply(session: Session, ex: Extraction, extra_keys=()) -> None:
    """At the end of an article's write: apply again the corrections it may concern."""
    found = active_for(session, lookup_keys(ex) | set(extra_keys))
    if found:
        apply(session, found)


def correct(engine: Engine, make: Callable[..., Correction], *args) -> dict:
    """Make a correction (``make(session, *args)``, which records and applies it) in one locked
    transaction; returns the row as a dict. Raises :class:`CorrectionError`."""
    with session_scope(engine, write=True) as session:
        write_lock(session)
        row = make(session, *args)
        session.flush()
        keys = session.execute(
            select(CorrectionKey.key).where(
                CorrectionKey.correction_id == row.id, CorrectionKey.key.like("surname:%")
            )
        ).scalars()
        _settle(session, set(keys))
        if row.kind in PIN:
            PIN[row.kind](session, row)
        session.flush()
        return as_dict(row)


def undo(engine: Engine, correction_id: int, note: str | None = None) -> dict:
    """Undo a correction: the value before where it can be restored, and never applied again
    (NOTE, why, is added to its note)."""
    with session_scope(engine, write=True) as session:
        write_lock(session)
        row = session.get(Correction, correction_id)
        if row is None:
            raise CorrectionError(f"no correction {correction_id}")
        if row.status == CorrectionStatus.UNDONE:
            raise CorrectionError(f"correction {correction_id} is already undone")
        row.status = CorrectionStatus.UNDONE
        row.undone_at = datetime.now(timezone.utc)
        if note:
            row.note = f"{row.note}; undone: {note}" if row.note else f"undone: {note}"
        session.flush()
        keys = UNDO[row.kind](session, row)
        session.flush()
        if keys:
            _settle(session, keys)
            # the other corrections of these people hold again
            apply(session, active_for(session, keys))
        return as_dict(row)


def as_dict(row: Correction) -> dict:
    return {
        "id": row.id,
        "kind": row.kind,
        "status": row.status,
        "target_table": row.target_table,
        "target_id": row.target_id,
        "field": row.field,
        "old_value": row.old_value,
        "new_value": row.new_value,
        "note": row.note,
    }
