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

from archive.names.identity import _parse, sex_of, surname_key, title_sex
from archive.store import statement_groups
from archive.store.models import ArticlePerson, Mention, Person, PersonAlias, Quote, Statement


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


def _full_aliases(session: Session, key: str) -> dict[int, list[str]]:
    """The people with a full name of this surname, each with their names of that surname."""
    out: dict[int, list[str]] = {}
    rows = session.execute(
        select(PersonAlias.person_id, PersonAlias.alias).where(PersonAlias.surname_key == key)
    )
    for pid, alias in rows:
        out.setdefault(pid, []).append(alias)
    return {pid: names for pid, names in out.items() if any(is_full(a) for a in names)}


def full_people(
    session: Session, key: str, sex: str | None = None, people: dict | None = None
) -> list[int]:
    """Ids of the people with a full name of this surname (of that sex or of none known, when
    ``sex`` is given: "Mr. Obama" is no "Michelle Obama"); ``people``: their
    :func:`_full_aliases`, when already read."""
    people = _full_aliases(session, key) if people is None else people
    return sorted(
        pid for pid, names in people.items() if sex is None or sex_of(names) in (None, sex)
    )


def surname_people(session: Session, key: str) -> list[int]:
    """Ids of the surname people of this surname (normally none or one), oldest first."""
    ids = list(
        session.execute(select(Person.id).where(Person.key == key).order_by(Person.id)).scalars()
    )
    if not ids:
        return []
    full = set()
    for pid, alias in session.execute(
        select(PersonAlias.person_id, PersonAlias.alias).where(PersonAlias.person_id.in_(ids))
    ):
        if is_full(alias):
            full.add(pid)
    return [pid for pid in ids if pid not in full]


# A bare surname goes to the most written-about of several full-named people of that surname when
# they clearly lead: at least this many articles name them in full, this many times as many as
# the next ("President Trump" is Donald Trump even once the archive also has a Melania Trump).
LEAD_ARTICLES = 3
LEAD_FACTOR = 3


def _full_articles(session: Session, pid: int) -> int:
    """How many articles name the person in full (their own links, not bare-surname ones)."""
    return (
        session.execute(
            select(func.count())
            .select_from(ArticlePerson)
            .where(ArticlePerson.person_id == pid, ArticlePerson.bare_key.is_(None))
        ).scalar()
        or 0
    )


def owner_of(
    session: Session, key: str, sex: str | None = None, people: dict | None = None
) -> int | None:
    """Who a bare-surname mention belongs to now: the one full-named person of the surname (of
    the sex its title tells, if it tells one), or the one who clearly leads several
    (LEAD_ARTICLES, LEAD_FACTOR); else the surname person (None when there is none yet). A
    function of the articles held, not of their order."""
    full = full_people(session, key, sex, people)
    if len(full) == 1:
        return full[0]
    if len(full) > 1:
        counts = sorted(((_full_articles(session, pid), -pid) for pid in full), reverse=True)
        (top, top_pid), (second, _) = counts[0], counts[1]
        if top >= LEAD_ARTICLES and top >= LEAD_FACTOR * second:
            return -top_pid
    bare = surname_people(session, key)
    return bare[0] if bare else None


def owner(
    session: Session, key: str, *, sex: str | None = None, create_name: str | None = None
) -> int | None:
    """:func:`owner_of`, making the surname person (named ``create_name``) when there is none."""
    pid = owner_of(session, key, sex)
    if pid is not None or create_name is None:
        return pid
    person = Person(name=create_name, key=key)
    session.add(person)
    session.flush()
    return person.id


def rebind(session: Session, key: str) -> set[int]:
    """Move every bare-surname link of this surname (``article_people.bare_key``) that is not
    with its owner to the owner (the owner of its sex, when the link's titles tell one and the
    owners differ by sex); returns the people touched. Cheap when nothing moved: one index
    look-up for links away from the owner."""
    people = _full_aliases(session, key)
    targets = {sex: owner_of(session, key, sex, people) for sex in (None, "m", "f")}
    links_q = select(ArticlePerson).where(ArticlePerson.bare_key == key)
    groups: dict[int | None, list[ArticlePerson]] = {}
    if len(set(targets.values())) == 1:
        target = targets[None]
        if target is not None:
            links_q = links_q.where(ArticlePerson.person_id != target)
        groups[target] = list(session.execute(links_q.order_by(ArticlePerson.id)).scalars())
    else:
        for link in session.execute(links_q.order_by(ArticlePerson.id)).scalars():
            target = targets[title_sex(link.aliases or [])]
            if link.person_id != target:
                groups.setdefault(target, []).append(link)
    touched: set[int] = set()
    for target, stray in groups.items():
        touched |= _move_to(session, key, target, stray)
    if not touched:
        return set()
    session.flush()
    for pid in sorted(touched):
        refresh_aliases(session, pid)
    drop_if_orphan(session, touched)
    return touched


def _move_to(
    session: Session, key: str, target: int | None, stray: list[ArticlePerson]
) -> set[int]:
    """Move the links to the target; to the surname person of ``key`` (made when there is none)
    when there is no target. Returns the people touched."""
    if target is None and stray and all(is_surname_person(session, x.person_id) for x in stray):
        target = min(link.person_id for link in stray)  # they are where they belong
        stray = [link for link in stray if link.person_id != target]
    if not stray:
        return set()
    if target is None:
        name = min((link.name for link in stray), key=lambda n: (-len(n), n))
        person = Person(name=name, key=key)
        session.add(person)
        session.flush()
        target = person.id
    touched: set[int] = {target}
    for link in stray:
        touched.add(link.person_id)
        move_link(session, link, target)
    return touched


def rebind_many(session: Session, keys) -> set[int]:
    """:func:`rebind` for each surname that has bare-surname links at all (one index look-up
    finds them; the others have nothing that could move)."""
    keys = sorted(set(keys))
    if not keys:
        return set()
    with_links = (
        session.execute(
            select(ArticlePerson.bare_key).where(ArticlePerson.bare_key.in_(keys)).distinct()
        )
        .scalars()
        .all()
    )
    touched: set[int] = set()
    for key in sorted(with_links):
        touched |= rebind(session, key)
    return touched


def is_surname_person(session: Session, pid: int) -> bool:
    """A person all of whose names are bare surnames ("Obama")."""
    return not any(
        is_full(a)
        for a in session.execute(
            select(PersonAlias.alias).where(PersonAlias.person_id == pid)
        ).scalars()
    )


def link_of(session: Session, article_id: int, pid: int, role: str) -> ArticlePerson | None:
    """The article's link to the person in this role, if any."""
    return session.execute(
        select(ArticlePerson).where(
            ArticlePerson.article_id == article_id,
            ArticlePerson.person_id == pid,
            ArticlePerson.role == role,
        )
    ).scalar()


def move_link(session: Session, link: ArticlePerson, target: int) -> None:
    """Give an article's link to a person (and, when it was their only part in the article, the
    person's mentions and quotes there) to another person."""
    source = link.person_id
    article_id = link.article_id
    other = link_of(session, article_id, target, link.role)
    if other is not None:
        other.titles = list(dict.fromkeys([*(other.titles or []), *(link.titles or [])]))
        other.mention_count += link.mention_count
        other.aliases = list(dict.fromkeys([*(other.aliases or []), *(link.aliases or [])]))
        session.delete(link)
    else:
        link.person_id = target
    session.flush()
    still = session.execute(
        select(func.count())
        .select_from(ArticlePerson)
        .where(ArticlePerson.article_id == article_id, ArticlePerson.person_id == source)
    ).scalar()
    if still:  # the person has another part in this article: its mentions cannot be told apart
        return
    session.execute(
        update(Mention)
        .where(Mention.article_id == article_id, Mention.person_id == source)
        .values(person_id=target)
    )
    for quote in session.execute(
        select(Quote)
        .where(Quote.article_id == article_id, Quote.speaker_id == source)
        .order_by(Quote.id)
    ).scalars():
        statement_groups.move_quote(session, quote, target)


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
    have = {
        a.alias: a
        for a in session.execute(select(PersonAlias).where(PersonAlias.person_id == pid)).scalars()
    }
    add = {person.name}
    for name, aliases in rows:
        add.update(a for a in [name, *(aliases or [])] if a)
    for alias in sorted(add - set(have)):
        session.add(
            PersonAlias(person_id=pid, alias=alias[:200], surname_key=surname_key(alias) or None)
        )
    if wanted is not None:
        for alias, row in have.items():
            if alias not in wanted:
                session.delete(row)
    session.flush()


def drop_if_orphan(session: Session, pids) -> None:
    """Delete the people (and their statements) that no article names and no quote cites."""
    for pid in pids:
        if pid is None:
            continue
        used = session.execute(
            select(ArticlePerson.id).where(ArticlePerson.person_id == pid).limit(1)
        ).first()
        spoke = session.execute(select(Quote.id).where(Quote.speaker_id == pid).limit(1)).first()
        if not used and not spoke:
            session.execute(delete(Statement).where(Statement.speaker_id == pid))
            session.execute(delete(Person).where(Person.id == pid))
    session.flush()
