"""A bare surname belongs to the one person of that surname, whatever order articles came in.

An article that names someone only by surname ("Obama", "President Obama", "Mr. Rubio") cannot
say which Obama it means. The archive gives such mentions to the one person with a full name of
that surname ("Barack Obama") while there is exactly one; while there are none or several
("Barack Obama", "Michelle Obama"), they belong to a *surname person* ("Obama": a ``people`` row
whose names are all bare surnames; one per surname).

Deciding this article by article would make the result depend on the order of the articles
(a bare "Obama" stored before "Michelle Obama" appeared would stay with Barack for good). So the
decision is kept up to date instead: :func:`rebind` runs in the writing transaction of every
article whose people or deletions may change who the full-named people of a surname are, and
moves the rows that came from bare-surname mentions (``article_people.name`` is a bare surname:
the link, the mentions, the quotes with their statements, the aliases) to where they belong now.
The archive then depends only on which articles it holds, not on the order they were written in,
by one process or several.
"""
from __future__ import annotations

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from archive import statement_groups
from archive.identity import _parse, surname_key
from archive.models import ArticlePerson, Mention, Person, PersonAlias, Quote, Statement


def is_full(name: str) -> bool:
    """A name with a given name ("Barack Obama", "B. Obama" is not)."""
    p = _parse(name) if name else None
    return bool(p is not None and p.full)


def bare_surname(names) -> str:
    """The surname key of an entity known only by its surname ("Obama", "President Obama"); ""
    when any of its names is a full name, or none has a surname."""
    names = [n for n in names if n]
    if not names or any(is_full(n) for n in names):
        return ""
    for n in names:
        key = surname_key(n)
        if key:
            return key
    return ""


def full_people(session: Session, key: str) -> list[int]:
    """Ids of the people with a full name of this surname."""
    rows = session.execute(select(PersonAlias.person_id, PersonAlias.alias).where(PersonAlias.surname_key == key))
    return sorted({pid for pid, alias in rows if is_full(alias)})


def surname_people(session: Session, key: str) -> list[int]:
    """Ids of the surname people of this surname (normally none or one), oldest first."""
    ids = list(session.execute(select(Person.id).where(Person.key == key).order_by(Person.id)).scalars())
    if not ids:
        return []
    full = set()
    for pid, alias in session.execute(select(PersonAlias.person_id, PersonAlias.alias).where(PersonAlias.person_id.in_(ids))):
        if is_full(alias):
            full.add(pid)
    return [pid for pid in ids if pid not in full]


def owner(session: Session, key: str, *, create_name: str | None = None) -> int | None:
    """Who a bare-surname mention belongs to now: the one full-named person of the surname, else
    the surname person (made with ``create_name`` when there is none)."""
    full = full_people(session, key)
    if len(full) == 1:
        return full[0]
    bare = surname_people(session, key)
    if bare:
        return bare[0]
    if create_name is None:
        return None
    person = Person(name=create_name, key=key)
    session.add(person)
    session.flush()
    return person.id


def rebind(session: Session, key: str, *, gained_full: bool = False) -> set[int]:
    """Move every bare-surname link of this surname to its owner; returns the people touched.

    ``gained_full``: the only change since the last rebind is one more full-named person; with
    three or more now, the owner was and stays the surname person (nothing to move)."""
    full = full_people(session, key)
    if gained_full and len(full) >= 3:
        return set()
    bare = surname_people(session, key)
    holders = set(full) | set(bare)
    if not holders:
        return set()
    links = [
        link
        for link in session.execute(
            select(ArticlePerson).where(ArticlePerson.person_id.in_(holders), ArticlePerson.name.is_not(None))
        ).scalars()
        if bare_surname([link.name]) == key
    ]
    target = full[0] if len(full) == 1 else (bare[0] if bare else None)
    stray = [link for link in links if link.person_id != target]
    touched: set[int] = set()
    if stray and target is None:
        name = min((link.name for link in stray), key=lambda n: (-len(n), n))
        person = Person(name=name, key=key)
        session.add(person)
        session.flush()
        target = person.id
    for link in stray:
        touched |= {link.person_id, target}
        _move_link(session, link, target)
    # surname people left without links (their mentions all went to a full-named person)
    for pid in bare:
        if pid != target:
            touched.add(pid)
    session.flush()
    for pid in touched:
        refresh_aliases(session, pid)
    _drop_if_orphan(session, touched)
    return touched - {None}


def _move_link(session: Session, link: ArticlePerson, target: int) -> None:
    source = link.person_id
    article_id = link.article_id
    other = session.execute(
        select(ArticlePerson).where(
            ArticlePerson.article_id == article_id, ArticlePerson.person_id == target, ArticlePerson.role == link.role
        )
    ).scalar()
    if other is not None:
        other.titles = list(dict.fromkeys([*(other.titles or []), *(link.titles or [])]))
        other.mention_count += link.mention_count
        other.aliases = list(dict.fromkeys([*(other.aliases or []), *(link.aliases or [])]))
        session.delete(link)
    else:
        link.person_id = target
    session.flush()
    still = session.execute(
        select(func.count()).select_from(ArticlePerson).where(
            ArticlePerson.article_id == article_id, ArticlePerson.person_id == source
        )
    ).scalar()
    if still:  # the person has another part in this article: its mentions cannot be told apart
        return
    session.execute(
        update(Mention)
        .where(Mention.article_id == article_id, Mention.person_id == source)
        .values(person_id=target)
    )
    for quote in session.execute(
        select(Quote).where(Quote.article_id == article_id, Quote.speaker_id == source).order_by(Quote.id)
    ).scalars():
        old = quote.statement_id
        quote.speaker_id = target
        quote.statement_id = None
        session.flush()
        statement_groups.group(session, quote)
        session.flush()
        if old is not None:
            statement_groups.refresh(session, old)


def refresh_aliases(session: Session, pid: int) -> None:
    """A person's aliases are the names their articles use (``article_people.aliases``), their
    own name, and (for links written before these were kept) what they had."""
    person = session.get(Person, pid)
    if person is None:
        return
    rows = session.execute(
        select(ArticlePerson.name, ArticlePerson.aliases).where(ArticlePerson.person_id == pid)
    ).all()
    if any(aliases is None for _name, aliases in rows):
        wanted = None  # older links do not say which names they used: only add
    else:
        wanted = {person.name}
        for name, aliases in rows:
            wanted.update(a for a in [name, *(aliases or [])] if a)
    have = {a.alias: a for a in session.execute(select(PersonAlias).where(PersonAlias.person_id == pid)).scalars()}
    add = {person.name}
    for name, aliases in rows:
        add.update(a for a in [name, *(aliases or [])] if a)
    for alias in sorted(add - set(have)):
        session.add(PersonAlias(person_id=pid, alias=alias[:200], surname_key=surname_key(alias) or None))
    if wanted is not None:
        for alias, row in have.items():
            if alias not in wanted:
                session.delete(row)
    session.flush()


def _drop_if_orphan(session: Session, pids) -> None:
    for pid in pids:
        if pid is None:
            continue
        used = session.execute(select(ArticlePerson.id).where(ArticlePerson.person_id == pid).limit(1)).first()
        spoke = session.execute(select(Quote.id).where(Quote.speaker_id == pid).limit(1)).first()
        if not used and not spoke:
            session.execute(delete(Statement).where(Statement.speaker_id == pid))
            session.execute(delete(Person).where(Person.id == pid))
    session.flush()
