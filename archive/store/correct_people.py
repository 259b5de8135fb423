"""Corrections of people: two people who are one (merge), an alias that is someone else (split),
a person's name (rename); each made once and applied again after every write that may undo it.

Person ids do not survive re-extraction (an article written again may make its people anew), so
a correction names people by their names: a person's full names ("Anna Berg", "Dr. Anna Berg";
bare surnames only for a person known by nothing else), recorded when the correction is made.
The person a correction concerns now is the one with most of those names (the id it was last
applied to first, when that person still has one of them). Applying a correction again is
idempotent: people already merged, links already moved, a name already set change nothing.
"""

from __future__ import annotations

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from archive.kinds import CorrectionKind
from archive.names.identity import person_key, surname_key
from archive.store import statement_groups, surnames
from archive.store.correction_rows import (
    CorrectionError,
    active_of_kind,
    add,
    surname_lookup_keys,
)
from archive.store.models import (
    ArticlePerson,
    Correction,
    Mention,
    Person,
    PersonAlias,
    Quote,
    Statement,
)
from archive.store.people import ALIAS_MAX, canonical_name

# --- who is who, by name ---


def person(session: Session, pid: int) -> Person:
    found = session.get(Person, pid)
    if found is None:
        raise CorrectionError(f"no person {pid}")
    return found


def aliases(session: Session, pid: int) -> list[str]:
    return list(
        session.execute(
            select(PersonAlias.alias).where(PersonAlias.person_id == pid).order_by(PersonAlias.id)
        ).scalars()
    )


def describe(session: Session, pid: int, *, without: str | None = None) -> dict:
    """A person as a correction records them: id, name and the names that identify them (the
    full names among their aliases; all of them for a person known by surname only)."""
    p = person(session, pid)
    names = [n for n in dict.fromkeys([p.name, *aliases(session, pid)]) if n != without]
    full = [n for n in names if surnames.is_full(n)]
    return {"id": pid, "name": p.name, "names": full or names}


def people_named(session: Session, names: list[str]) -> list[int]:
    """The people with one of these names, most names first, then oldest. A full name matches
    an alias; a bare surname ("Berg") only a person known by surname only."""
    if not names:
        return []
    counts: dict[int, int] = {}
    bare = {n for n in names if not surnames.is_full(n)}
    for pid, alias in session.execute(
        select(PersonAlias.person_id, PersonAlias.alias).where(PersonAlias.alias.in_(names))
    ):
        if alias in bare and not surnames.is_surname_person(session, pid):
            continue
        counts[pid] = counts.get(pid, 0) + 1
    return sorted(counts, key=lambda pid: (-counts[pid], pid))


def find(session: Session, who: dict, hint: int | None = None, exclude=()) -> int | None:
    """The person a recorded description means now (see the module's docstring)."""
    names = who["names"]
    if hint is not None and hint not in exclude and session.get(Person, hint) is not None:
        if set(aliases(session, hint)) & set(names):
            return hint
    return next((pid for pid in people_named(session, names) if pid not in exclude), None)


def _label(session: Session, pid: int) -> str:
    return f"{person(session, pid).name} (person {pid})"


# --- moving rows between people ---


def merge_into(session: Session, src: int, dst: int) -> None:
    """Make person SRC part of DST: their article links, mentions, quotes (regrouped into DST's
    statements) and aliases; SRC is deleted. Links SRC had from a bare surname ("Berg") are
    DST's for good: no longer moved to whoever owns the surname (:mod:`archive.store.surnames`)."""
    session.execute(
        update(ArticlePerson).where(ArticlePerson.person_id == src).values(bare_key=None)
    )
    for link in list(
        session.execute(
            select(ArticlePerson).where(ArticlePerson.person_id == src).order_by(ArticlePerson.id)
        ).scalars()
    ):
        surnames.move_link(session, link, dst)
    for quote in list(
        session.execute(select(Quote).where(Quote.speaker_id == src).order_by(Quote.id)).scalars()
    ):
        statement_groups.move_quote(session, quote, dst)
    session.execute(update(Mention).where(Mention.person_id == src).values(person_id=dst))
    have = set(aliases(session, dst))
    for alias in aliases(session, src):
        if alias not in have:
            session.add(
                PersonAlias(person_id=dst, alias=alias, surname_key=surname_key(alias) or None)
            )
            have.add(alias)
    session.flush()
    session.execute(delete(Statement).where(Statement.speaker_id == src))
    session.execute(delete(PersonAlias).where(PersonAlias.person_id == src))
    session.execute(delete(Person).where(Person.id == src))
    session.flush()


def _split_link(session: Session, link: ArticlePerson, names: set[str], target: int) -> None:
    """Give TARGET the part of an article's link that NAMES are: a link of its own with those
    aliases, the mentions written so, and the quotes whose speaker was written so."""
    source, article_id = link.person_id, link.article_id
    theirs = [a for a in link.aliases or [] if a in names]
    mentions = session.execute(
        update(Mention)
        .where(
            Mention.article_id == article_id,
            Mention.person_id == source,
            Mention.text.in_(names),
        )
        .values(person_id=target)
    ).rowcount
    link.aliases = [a for a in link.aliases or [] if a not in names]
    link.mention_count = max(0, link.mention_count - mentions)
    other = surnames.link_of(session, article_id, target, link.role)
    if other is None:
        session.add(
            ArticlePerson(
                article_id=article_id,
                person_id=target,
                role=link.role,
                name=theirs[0] if theirs else None,
                aliases=theirs,
                titles=[],
                mention_count=mentions,
            )
        )
    else:
        other.aliases = list(dict.fromkeys([*(other.aliases or []), *theirs]))
        other.mention_count += mentions
    for quote in list(
        session.execute(
            select(Quote).where(
                Quote.article_id == article_id,
                Quote.speaker_id == source,
                Quote.speaker_text.in_(names),
            )
        ).scalars()
    ):
        statement_groups.move_quote(session, quote, target)
    session.flush()


def move_links_named(session: Session, sources: list[int], names: set[str], target: int) -> int:
    """Give TARGET what the article links of SOURCES call by one of NAMES: a link whose name is
    one of them and whose other full names are too goes whole (with its mentions and quotes);
    of a link that also uses other names, the part written so (:func:`_split_link`). Returns
    how many links were moved or split."""
    moved = 0
    for link in list(
        session.execute(
            select(ArticlePerson)
            .where(ArticlePerson.person_id.in_(sources))
            .order_by(ArticlePerson.id)
        ).scalars()
    ):
        used = {a for a in [link.name, *(link.aliases or [])] if a}
        if not used & names:
            continue
        if link.name in names and {a for a in used if surnames.is_full(a)} <= names:
            surnames.move_link(session, link, target)
        else:
            _split_link(session, link, names, target)
        moved += 1
    if moved:
        session.flush()
        for pid in [*sources, target]:
            surnames.refresh_aliases(session, pid)
            if session.get(Person, pid) is not None:
                canonical_name(session, pid)
        surnames.drop_if_orphan(session, sources)
    return moved


def new_person(session: Session, name: str) -> int:
    """A person of this name (with it as their alias)."""
    p = Person(name=name[:ALIAS_MAX], key=person_key(name) or name.lower())
    session.add(p)
    session.flush()
    session.add(PersonAlias(person_id=p.id, alias=p.name, surname_key=surname_key(name) or None))
    session.flush()
    return p.id


def set_name(session: Session, pid: int, name: str) -> None:
    """Name a person NAME (which becomes one of their aliases)."""
    p = person(session, pid)
    if p.name != name:
        p.name = name
        p.key = person_key(name) or p.key
    if name not in aliases(session, pid):
        session.add(PersonAlias(person_id=pid, alias=name, surname_key=surname_key(name) or None))
    session.flush()


def _keys(*whos: dict, extra=()) -> set[str]:
    return surname_lookup_keys([n for who in whos for n in who["names"]] + list(extra))


# --- merge ---


def _split_off_names(session: Session) -> dict[str, int]:
    return {c.subject["alias"]: c.id for c in active_of_kind(session, CorrectionKind.PERSON_SPLIT)}


def make_merge(session: Session, keep: int, other: int, note: str | None) -> Correction:
    """``archive people merge KEEP OTHER``: OTHER is KEEP (who keeps their id and name)."""
    if keep == other:
        raise CorrectionError(f"person {keep} is already one person")
    k, o = describe(session, keep), describe(session, other)
    split = _split_off_names(session)
    for name in [*k["names"], *o["names"]]:
        if name in split:
            raise CorrectionError(
                f"{name!r} was split off by correction {split[name]}: undo it first "
                f"(`archive corrections undo {split[name]}`)"
            )
    row = add(
        session,
        _keys(k, o),
        kind=CorrectionKind.PERSON_MERGE,
        target_table="people",
        target_id=keep,
        field="person",
        old_value=f"{o['name']} (person {other})",
        new_value=f"{k['name']} (person {keep})",
        subject={"keep": k, "other": o},
        before={"keep": k, "other": o},
        after={"name": k["name"]},
        note=note,
    )
    apply_merge(session, row)
    return row


def apply_merge(session: Session, c: Correction) -> set[str]:
    """Every person with one of either's names becomes the kept one."""
    keep_who, other_who = c.subject["keep"], c.subject["other"]
    split = _split_off_names(session)
    names = [n for n in [*keep_who["names"], *other_who["names"]] if n not in split]
    group = people_named(session, names)
    keep = find(session, keep_who, c.target_id)
    if keep is None:
        if not group:
            return set()
        keep = group[0]
    for pid in group:
        if pid != keep:
            merge_into(session, pid, keep)
    c.target_id = keep
    return _keys(keep_who, other_who)


def pin_merge(session: Session, c: Correction) -> None:
    """The merged person keeps the kept one's name (whatever most of their articles say)."""
    if c.target_id is not None and session.get(Person, c.target_id) is not None:
        set_name(session, c.target_id, c.after["name"])


def undo_merge(session: Session, c: Correction) -> set[str]:
    """The links that use only the other person's names are theirs again."""
    keep_who, other_who = c.subject["keep"], c.subject["other"]
    keep = find(session, keep_who, c.target_id)
    names = set(other_who["names"]) - set(keep_who["names"])
    if keep is not None and names:
        target = new_person(session, other_who["name"])
        if not move_links_named(session, [keep], names, target):
            surnames.drop_if_orphan(session, [target])
        else:
            set_name(session, keep, keep_who["name"])
    return _keys(keep_who, other_who)


# --- split ---


def make_split(session: Session, pid: int, alias: str, note: str | None) -> Correction:
    """``archive people split PERSON ALIAS``: the articles that call PERSON by ALIAS are about
    someone else, who becomes a person of their own."""
    if alias not in aliases(session, pid):
        raise CorrectionError(f"{alias!r} is not a name of {_label(session, pid)}")
    for c in active_of_kind(session, CorrectionKind.PERSON_MERGE):
        if alias in c.subject["other"]["names"] and c.target_id == pid:
            raise CorrectionError(
                f"{alias!r} came to person {pid} by correction {c.id}: undo it instead "
                f"(`archive corrections undo {c.id}`)"
            )
    links = session.execute(
        select(ArticlePerson.name, ArticlePerson.aliases).where(ArticlePerson.person_id == pid)
    ).all()
    uses = [name == alias or alias in (names or []) for name, names in links]
    if not any(uses):
        raise CorrectionError(f"no article calls {_label(session, pid)} {alias!r}")
    if all(uses):
        raise CorrectionError(
            f"every article of {_label(session, pid)} calls them {alias!r}: "
            "use `archive people rename` instead"
        )
    main = describe(session, pid, without=alias)
    if main["name"] == alias:  # named by the alias that is someone else: by their next name
        main["name"] = main["names"][0]
    row = add(
        session,
        _keys(main, extra=[alias]),
        kind=CorrectionKind.PERSON_SPLIT,
        target_table="people",
        target_id=None,
        field="person",
        old_value=f"{alias}: {main['name']} (person {pid})",
        new_value=f"{alias}: a person of their own",
        subject={"person": main, "alias": alias},
        before={"person": main},
        after={"name": alias},
        note=note,
    )
    apply_split(session, row)
    row.new_value = f"{alias}: {_label(session, row.target_id)}"
    return row


def apply_split(session: Session, c: Correction) -> set[str]:
    """The links of the person that use the alias go to the split-off person."""
    main_who, alias = c.subject["person"], c.subject["alias"]
    hint = c.target_id
    if hint is not None and main_who["name"] in aliases(session, hint):
        hint = None  # the id now belongs to the person it was split from
    if hint is not None and alias not in aliases(session, hint):
        hint = None
    mains = [p for p in people_named(session, main_who["names"]) if p != hint]
    target = hint or find(session, {"names": [alias]}, exclude=mains)
    links = [
        pid
        for pid, name, names in session.execute(
            select(ArticlePerson.person_id, ArticlePerson.name, ArticlePerson.aliases).where(
                ArticlePerson.person_id.in_(mains)
            )
        )
        if name == alias or alias in (names or [])
    ]
    if links:
        if target is None:
            target = new_person(session, alias)
        move_links_named(session, mains, {alias}, target)
    if target is not None:
        c.target_id = target
    return _keys(main_who, extra=[alias])


def undo_split(session: Session, c: Correction) -> set[str]:
    """The split-off person is part of the person again."""
    main_who, alias = c.subject["person"], c.subject["alias"]
    target = c.target_id if c.target_id and session.get(Person, c.target_id) else None
    main = find(session, main_who, exclude=(target,))
    if target is not None and main is not None:
        merge_into(session, target, main)
        canonical_name(session, main)
        c.target_id = main
    return _keys(main_who, extra=[alias])


# --- rename ---


def make_rename(session: Session, pid: int, name: str, note: str | None) -> Correction:
    """``archive people rename PERSON NAME``: the person is shown as NAME from now on."""
    name = " ".join(name.split())[:ALIAS_MAX]
    if not name:
        raise CorrectionError("the new name is empty")
    who = describe(session, pid)
    if who["name"] == name:
        raise CorrectionError(f"person {pid} is already named {name!r}")
    namesake = session.execute(
        select(Person.id).where(Person.name == name, Person.id != pid).limit(1)
    ).scalar()
    if namesake is not None:
        raise CorrectionError(
            f"person {namesake} is named {name!r}: if they are one, "
            f"`archive people merge {namesake} {pid}`"
        )
    row = add(
        session,
        _keys(who, extra=[name]),
        kind=CorrectionKind.PERSON_RENAME,
        target_table="people",
        target_id=pid,
        field="name",
        old_value=who["name"],
        new_value=name,
        subject={"person": who},
        before={"name": who["name"]},
        after={"name": name},
        note=note,
    )
    pin_rename(session, row)
    return row


def _renamed(session: Session, c: Correction) -> int | None:
    who = c.subject["person"]
    return find(session, {"names": [*who["names"], c.after["name"]]}, c.target_id)


def apply_rename(session: Session, c: Correction) -> set[str]:
    """The people with the person's old names are one (a new article that uses an old name may
    not match the new one, "Peter Holm" against "Per Holm"); the name itself is set when the
    names are pinned (:func:`pin_rename`)."""
    split = _split_off_names(session)
    names = [n for n in c.subject["person"]["names"] if n not in split]
    pid = _renamed(session, c)
    if pid is None:
        return set()
    for other in people_named(session, names):
        if other != pid:
            merge_into(session, other, pid)
    c.target_id = pid
    return _keys(c.subject["person"], extra=[c.after["name"]])


def pin_rename(session: Session, c: Correction) -> None:
    pid = _renamed(session, c)
    if pid is not None:
        set_name(session, pid, c.after["name"])
        c.target_id = pid


def undo_rename(session: Session, c: Correction) -> set[str]:
    """The person is named as before (then as their articles say, when that is known)."""
    pid = _renamed(session, c)
    if pid is not None:
        set_name(session, pid, c.before["name"])
        canonical_name(session, pid)
    return _keys(c.subject["person"], extra=[c.after["name"]])
