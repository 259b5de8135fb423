"""People of one article into the archive: each entity resolved to a ``people`` row (the same
person by name among the people sharing a surname, else a new one; a bare surname goes to the
person who owns it, :mod:`archive.store.surnames`), its aliases, the article's links and mentions,
and the name each person is shown by.

Everything here runs inside the store's locked transaction: :class:`PeopleView` is that
transaction's view of the candidates and is never kept beyond it.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Iterable

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from archive.names.identity import best_match, person_key, surname_key, title_sex
from archive.records import Extraction, PersonEntity
from archive.store import surnames
from archive.store.models import Article, ArticlePerson, Mention, Person, PersonAlias

ALIAS_MAX = 200  # characters of a stored alias or name (the column's size)


@dataclass(frozen=True)
class Candidate:
    """A person already stored who may be the entity: id, shown name and every alias."""

    person_id: int
    name: str
    aliases: list[str]


def surname_keys(names: Iterable[str | None]) -> set[str]:
    """The folded surnames of some names: the keys of the people they may belong to."""
    return {k for k in (surname_key(n) for n in names if n) if k}


def name_rank(name: str, articles: int) -> tuple:
    """How good a name is to show for a person (smaller is better): a full name before a bare
    surname, then the name more articles use, then more words, then longer, then alphabetical.
    A total order over counts that do not depend on the order in which articles were written."""
    return (len(name.split()) < 2, -articles, -len(name.split()), -len(name), name)


def _forms(ent: PersonEntity) -> list[str]:
    return [ent.name, *ent.aliases]


@dataclass
class PeopleView:
    """One transaction's view of the people an article's names may belong to: every person with
    an alias of one of their surnames, with all their aliases, read in one query and kept up to
    date as the article adds people and aliases."""

    people: dict[int, tuple[str, list[str]]] = field(default_factory=dict)  # id -> name, aliases
    by_key: dict[str, set[int]] = field(default_factory=lambda: defaultdict(set))

    @classmethod
    def load(cls, session: Session, entities: list[PersonEntity]) -> PeopleView:
        view = cls()
        keys = sorted(surname_keys(n for ent in entities for n in _forms(ent)))
        if not keys:
            return view
        ids = select(PersonAlias.person_id).where(PersonAlias.surname_key.in_(keys))
        with session.no_autoflush:
            rows = session.execute(
                select(Person.id, Person.name, PersonAlias.alias, PersonAlias.surname_key)
                .join(PersonAlias, PersonAlias.person_id == Person.id)
                .where(Person.id.in_(ids))
                .order_by(Person.id, PersonAlias.id)
            ).all()
        for pid, name, alias, key in rows:
            view.people.setdefault(pid, (name, []))[1].append(alias)
            if key:
                view.by_key[key].add(pid)
        return view

    def name_of(self, pid: int) -> str:
        return self.people[pid][0]

    def candidates(self, ent: PersonEntity) -> list[Candidate]:
        """Every person with an alias of one of the entity's surnames, by id."""
        pids: set[int] = set()
        for key in surname_keys(_forms(ent)):
            pids |= self.by_key.get(key, set())
        return [Candidate(pid, *self.people[pid]) for pid in sorted(pids)]

    def add_aliases(self, session: Session, pid: int, ent: PersonEntity) -> None:
        """Store the entity's forms the person does not have yet as aliases."""
        if pid not in self.people:  # a person outside the view (a surname person made just now)
            person = session.get(Person, pid)
            with session.no_autoflush:
                aliases = list(
                    session.execute(
                        select(PersonAlias.alias).where(PersonAlias.person_id == pid)
                    ).scalars()
                )
            self.people[pid] = (person.name, aliases)
        existing = self.people[pid][1]
        known = set(existing)
        for alias in dict.fromkeys(_forms(ent)):
            alias = alias[:ALIAS_MAX] if alias else alias
            if alias and alias not in known:
                key = surname_key(alias)
                session.add(PersonAlias(person_id=pid, alias=alias, surname_key=key or None))
                existing.append(alias)
                known.add(alias)
                if key:
                    self.by_key[key].add(pid)


def resolve_person(session: Session, view: PeopleView, ent: PersonEntity) -> int:
    """The person of an entity with a full name: the same person by name among the people with
    full names (bare surnames are :func:`archive.store.surnames.owner`'s), else a new person."""
    candidates = [
        (c.person_id, c.name, c.aliases)
        for c in view.candidates(ent)
        if any(surnames.is_full(a) for a in c.aliases)
    ]
    pid = best_match(ent, candidates)
    if pid is None:
        person = Person(name=ent.name, key=person_key(ent.name) or ent.name.lower())
        session.add(person)
        session.flush()
        pid = person.id
    view.add_aliases(session, pid, ent)
    return pid


def write_people(session: Session, article: Article, ex: Extraction) -> list[int]:
    """Resolve and link the article's people; returns the person id of each entity, in order."""
    ids: list[int] = []
    links: dict[tuple[int, str], ArticlePerson] = {}
    mentions: list[dict] = []
    view = PeopleView.load(session, ex.people)
    for ent in ex.people:
        bare = surnames.bare_surname(_forms(ent))
        if bare:  # known here by surname only: whoever owns that surname now
            sex = title_sex(_forms(ent))
            pid = surnames.owner(session, bare, sex=sex, create_name=ent.name[:ALIAS_MAX])
            view.add_aliases(session, pid, ent)
        else:
            pid = resolve_person(session, view, ent)
        ids.append(pid)
        link = links.get((pid, ent.role))
        if link is None:
            link = ArticlePerson(
                article_id=article.id,
                person_id=pid,
                role=ent.role,
                titles=[],
                mention_count=0,
                name=ent.name[:ALIAS_MAX] or None,
                aliases=[],
                bare_key=bare or None,
            )
            links[(pid, ent.role)] = link
            session.add(link)
        link.titles = list(dict.fromkeys([*link.titles, *ent.roles]))
        link.aliases = list(
            dict.fromkeys([*link.aliases, *(a[:ALIAS_MAX] for a in _forms(ent) if a)])
        )
        link.mention_count += len(ent.mentions)
        mentions += [
            dict(
                article_id=article.id,
                person_id=pid,
                start_char=m.start,
                end_char=m.end,
                text=m.text[:ALIAS_MAX],
            )
            for m in ent.mentions
        ]
    session.flush()
    if mentions:  # one bulk INSERT (no ORM objects: an article has dozens)
        session.execute(insert(Mention), mentions)
    for pid in dict.fromkeys(ids):
        # an article that uses the name the person already has only adds to its lead
        names = {ent.name[:ALIAS_MAX] for ent, p in zip(ex.people, ids) if p == pid}
        if names != {view.name_of(pid)}:
            canonical_name(session, pid)
    return ids


def canonical_name(session: Session, pid: int) -> None:
    """Name the person by the full name most of their articles use (see :func:`name_rank`)."""
    counts = session.execute(
        select(ArticlePerson.name, func.count(func.distinct(ArticlePerson.article_id)))
        .where(ArticlePerson.person_id == pid, ArticlePerson.name.is_not(None))
        .group_by(ArticlePerson.name)
    ).all()
    if not counts:
        return
    name = min(counts, key=lambda row: name_rank(row[0], row[1]))[0]
    person = session.get(Person, pid)
    if name != person.name and not (len(name.split()) < 2 <= len(person.name.split())):
        person.name = name
        person.key = person_key(name) or person.key
