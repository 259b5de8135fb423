"""Which quotes are one statement: the same words of one speaker, whatever order they came in.

A speaker's statements are the connected groups of their quotes under
:func:`archive.extract.quotes.statements.same_statement` (identical, contained, near-identical): a
quote joins every statement one of whose quotes says the same words, and statements it joins become
one. Grouping against each statement's quotes (not only its longest wording) makes the groups a
function of the quotes alone: "Make America great again" joins "And let's make America great
again." and "... MAKE AMERICA GREAT AGAIN" whichever of the three came first. A statement's text is
its quotes' longest wording (of equal ones, the first alphabetically).
"""

from __future__ import annotations

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from archive.extract.quotes.statements import same_statement, statement_key
from archive.store.models import Quote, Statement


def best_wording(texts) -> str:
    """The longest wording (of equal ones, the first alphabetically)."""
    return min(texts, key=lambda t: (-len(t), t))


def alone(session: Session, quote: Quote) -> None:
    """A statement of its own (a quote without a known speaker)."""
    st = Statement(speaker_id=quote.speaker_id, text=quote.text, key=statement_key(quote.text))
    session.add(st)
    session.flush()
    quote.statement_id = st.id


def group(session: Session, quote: Quote) -> None:
    """Put a flushed quote with a speaker into its statement (merging the statements it bridges)."""
    matches: set[int] = set()
    for sid, text in session.execute(
        select(Quote.statement_id, Quote.text)
        .where(
            Quote.speaker_id == quote.speaker_id,
            Quote.id != quote.id,
            Quote.statement_id.is_not(None),
        )
        .distinct()
    ):
        if sid not in matches and same_statement(text, quote.text):
            matches.add(sid)
    if not matches:
        alone(session, quote)
        return
    keep = min(matches)
    for other in sorted(matches - {keep}):
        session.execute(update(Quote).where(Quote.statement_id == other).values(statement_id=keep))
        # ORM-enabled: the session's copies of these rows are updated / dropped too
        session.execute(delete(Statement).where(Statement.id == other))
    quote.statement_id = keep
    session.flush()
    refresh(session, keep)


def refresh(session: Session, statement_id: int) -> None:
    """After quotes left a statement: delete it when empty, split it when what is left no longer
    hangs together, and set each part's text to its best wording."""
    st = session.get(Statement, statement_id)
    if st is None:
        return
    quotes = list(
        session.execute(
            select(Quote).where(Quote.statement_id == statement_id).order_by(Quote.id)
        ).scalars()
    )
    if not quotes:
        session.delete(st)
        session.flush()
        return
    parts: list[list[Quote]] = []
    for q in quotes:  # connected groups (few quotes per statement: pairwise is fine)
        joined = [p for p in parts if any(same_statement(o.text, q.text) for o in p)]
        merged = [q]
        for p in joined:
            merged += p
            parts.remove(p)
        parts.append(merged)
    parts.sort(key=lambda p: min(q.id for q in p))
    first, rest = parts[0], parts[1:]
    best = best_wording(q.text for q in first)
    if best != st.text:
        st.text, st.key = best, statement_key(best)
    for part in rest:
        text = best_wording(q.text for q in part)
        new = Statement(speaker_id=st.speaker_id, text=text, key=statement_key(text))
        session.add(new)
        session.flush()
        for q in part:
            q.statement_id = new.id
    session.flush()


def move_quote(session: Session, quote: Quote, speaker_id: int | None) -> None:
    """Give a stored quote another speaker (None: nobody) and put it in that speaker's
    statement, leaving its old one hanging together."""
    old = quote.statement_id
    quote.speaker_id = speaker_id
    quote.statement_id = None
    session.flush()
    if speaker_id is None:
        alone(session, quote)
    else:
        group(session, quote)
    session.flush()
    if old is not None:
        refresh(session, old)
