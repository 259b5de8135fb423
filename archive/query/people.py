"""People: who a name means (find, match, resolve; the ids a filter such as ``--speaker``
stands for), and the people list with their counts.

Look-ups score stored names and aliases with :mod:`archive.query.matching`. Exact and surname
matches are found through the indexes first (:func:`match_people`); the fuzzy scan over every
person runs only for a misspelt name. A person's profile is :mod:`archive.query.profile`.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Iterable

from sqlalchemy import Engine, LargeBinary, and_, cast, distinct, func, or_, select

from archive.kinds import PersonRole
from archive.query.common import Row, count_rows, like_escape, repeated_copies
from archive.query.matching import (
    EXACT,
    FILTER_MIN,
    FUZZY_MIN,
    SURNAME,
    identity_key,
    name_tokens,
    score,
)
from archive.store.models import Article, ArticlePerson, Person, PersonAlias, Quote

__all__ = [
    "EXACT",
    "FILTER_MIN",
    "FUZZY_MIN",
    "SURNAME",
    "best_people",
    "find_people",
    "match_people",
    "people",
    "people_count",
    "person_ids_for",
    "resolve_person",
]


# --- candidates in SQL --------------------------------------------------------------------------


def _non_ascii(column, dialect: str):
    """COLUMN has a character outside ASCII (its name tokens may fold differently): its length
    in characters differs from its length in bytes."""
    if dialect == "sqlite":
        return func.length(column) != func.length(cast(column, LargeBinary))
    return func.length(column) != func.octet_length(column)


def _contains_word(column, word: str, dialect: str):
    """COLUMN, lowercased and without apostrophes (as name_tokens reads it), contains WORD
    (lowercase letters and digits), or has non-ASCII characters (a candidate all the same)."""
    pattern = "%" + like_escape(word) + "%"
    if dialect == "sqlite":  # LIKE ignores ASCII case already
        plain = column.like(pattern, escape="/")
        unquoted = func.replace(column, "'", "").like(pattern, escape="/")
    else:
        plain = func.lower(column).like(pattern, escape="/")
        unquoted = func.lower(func.replace(column, "'", "")).like(pattern, escape="/")
    return or_(plain, and_(column.contains("'"), unquoted), _non_ascii(column, dialect))


def _candidate_people(conn, qtokens: list[str], qkey: str | None) -> set[int]:
    """People that may score EXACT or SURNAME for the query, found in SQL (no Python per row).

    Both tiers need the query's last word as a word of the form (or, for EXACT, the same
    identity key); so the candidates are the people whose ``key`` is the query's key (index
    seek) or ends with its surname key (a scan of the key index), and those with a name or
    alias containing the last word: one pass of LIKE over names and aliases (ASCII forms
    compared without apostrophes, as name_tokens reads them; forms with other characters are
    always candidates, since unidecode may fold them into the word). The last word is letters
    and digits only and is escaped all the same.
    """
    dialect = conn.dialect.name
    keys = []
    if qkey:
        keys.append(Person.key == qkey)
        sur = qkey.split()[-1]
        keys += [Person.key == sur, Person.key.like("% " + like_escape(sur), escape="/")]
    ids: set[int] = set()
    if keys:
        ids |= set(conn.execute(select(Person.id).where(or_(*keys))).scalars())

    word = qtokens[-1]
    ids |= set(
        conn.execute(select(Person.id).where(_contains_word(Person.name, word, dialect))).scalars()
    )
    ids |= set(
        conn.execute(
            select(PersonAlias.person_id).where(_contains_word(PersonAlias.alias, word, dialect))
        ).scalars()
    )
    return ids


def _forms(conn, ids: Iterable[int] | None) -> tuple[dict[int, list[str]], dict[int, str]]:
    """Name and aliases of the people ``ids`` (all people when None)."""
    forms: dict[int, list[str]] = defaultdict(list)
    names: dict[int, str] = {}
    if ids is None:
        chunks = [None]
    else:
        ids = sorted(ids)
        chunks = [ids[i : i + 500] for i in range(0, len(ids), 500)]
    for chunk in chunks:
        people_q = select(Person.id, Person.name)
        alias_q = select(PersonAlias.person_id, PersonAlias.alias).order_by(PersonAlias.id)
        if chunk is not None:
            people_q = people_q.where(Person.id.in_(chunk))
            alias_q = alias_q.where(PersonAlias.person_id.in_(chunk))
        for pid, pname in conn.execute(people_q):
            names[pid] = pname
            forms[pid].append(pname)
        for pid, alias in conn.execute(alias_q):
            forms[pid].append(alias)
    return forms, names


def _person_counts(engine: Engine, ids: Iterable[int]) -> dict[int, tuple[int, int]]:
    """(articles, quotes) of each of the people ``ids`` that has any."""
    ids = list(ids)
    if not ids:
        return {}
    out: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    with engine.connect() as conn:
        # the counts, then less those in repeated copies (few: an index seek per copy)
        copies = repeated_copies()
        for sign, linked, said in (
            (1, (), ()),
            (-1, (ArticlePerson.article_id.in_(copies),), (Quote.article_id.in_(copies),)),
        ):
            for pid, n in conn.execute(
                select(ArticlePerson.person_id, func.count(distinct(ArticlePerson.article_id)))
                .where(ArticlePerson.person_id.in_(ids), *linked)
                .group_by(ArticlePerson.person_id)
            ):
                out[pid][0] += sign * n
            for pid, n in conn.execute(
                select(Quote.speaker_id, func.count())  # COUNT(*): no per-row NULL check
                .where(Quote.speaker_id.in_(ids), *said)
                .group_by(Quote.speaker_id)
            ):
                out[pid][1] += sign * n
    return {k: (v[0], v[1]) for k, v in out.items()}


# --- scoring ------------------------------------------------------------------------------------


def _scored(
    engine: Engine, name: str, min_score: float, ids: Iterable[int] | None, with_counts: bool = True
) -> list[Row]:
    """The people ``ids`` (all when None) whose best form scores at least MIN_SCORE for NAME,
    best first; equally good ones by their articles and quotes, then name."""
    qtokens = name_tokens(name)
    qkey = identity_key(name)
    if not qtokens:
        return []
    with engine.connect() as conn:
        forms, names = _forms(conn, ids)
    scored = []
    for pid, person_forms in forms.items():
        if pid not in names:  # an alias row whose person is gone
            continue
        best, matched = 0.0, None
        for form in person_forms:
            s = score(qtokens, qkey, form)
            if s > best:
                best, matched = s, form
        if best >= min_score:
            scored.append((best, pid, matched))
    if not scored:
        return []
    # article and quote counts only order equally good candidates: not needed for one
    counts = (
        _person_counts(engine, [pid for _, pid, _ in scored])
        if with_counts or len(scored) > 1
        else {}
    )
    rows = [
        {
            "person_id": pid,
            "name": names[pid],
            "matched": matched,
            "score": round(best, 1),
            "articles": counts.get(pid, (0, 0))[0],
            "quotes": counts.get(pid, (0, 0))[1],
        }
        for best, pid, matched in scored
    ]
    rows.sort(key=lambda r: (-r["score"], -(r["articles"] + r["quotes"]), r["name"]))
    return rows


# --- look-ups -----------------------------------------------------------------------------------


def find_people(engine: Engine, name: str, min_score: float = FUZZY_MIN) -> list[Row]:
    """People whose name or an alias matches NAME, best first, with a ``score`` (0-100).

    Exact matches (after folding case, accents and honorifics) score 100; a surname or a subset
    of the name's words 95; spelling variants (rapidfuzz) up to 94. This scores every person
    (for "did you mean" lists); :func:`resolve_person` and :func:`person_ids_for` look up the
    exact and surname matches through the indexes first (:func:`match_people`).
    """
    return _scored(engine, name, min_score, None)


def match_people(engine: Engine, name: str, min_score: float = FUZZY_MIN) -> list[Row]:
    """Like :func:`find_people`, but when NAME matches someone exactly or by surname
    (score >= 95) only the candidates of :func:`_candidate_people` are scored: those with the
    same identity key or surname key, or a name or alias containing NAME's last word. The
    fuzzy scan over every person runs only when none of them matches that well (a misspelt
    name). The top tier is the same as find_people's; spelling variants of *other* names
    (score 90-94, e.g. "Miriam Tkaqvist" for "Miriam Karlqvist") are then not listed.
    """
    qtokens = name_tokens(name)
    if not qtokens:
        return []
    with engine.connect() as conn:
        ids = _candidate_people(conn, qtokens, identity_key(name))
    if ids:
        rows = _scored(engine, name, min_score, ids)
        if rows and rows[0]["score"] >= SURNAME:
            return rows
    return _scored(engine, name, min_score, None)


def best_people(candidates: list[Row]) -> list[Row]:
    """The candidates that are equally good answers: the top tier of ``find_people``."""
    if not candidates:
        return []
    top = candidates[0]["score"]
    margin = 0.0 if top >= SURNAME else 3.0
    return [c for c in candidates if c["score"] >= top - margin]


def _person_by_id(engine: Engine, value: str) -> Row | None:
    """The person whose id is VALUE (a bare number), as an exact match; None if there is none."""
    with engine.connect() as conn:
        pname = conn.execute(select(Person.name).where(Person.id == int(value))).scalar()
    return None if pname is None else {"person_id": int(value), "name": pname, "score": EXACT}


def _exact_full_name(engine: Engine, name: str) -> list[Row]:
    """The fast path of :func:`resolve_person`: the top tier among the people whose identity
    key is NAME's (a full name) or who have NAME as an alias (index seeks only)."""
    qkey = identity_key(name)
    if not (qkey and " " in qkey):
        return []
    with engine.connect() as conn:
        ids = set(conn.execute(select(Person.id).where(Person.key == qkey)).scalars())
        ids |= set(
            conn.execute(
                select(PersonAlias.person_id).where(PersonAlias.alias == name.strip())
            ).scalars()
        )
    return best_people(_scored(engine, name, FUZZY_MIN, ids, with_counts=False)) if ids else []


def resolve_person(engine: Engine, name: str) -> tuple[Row | None, list[Row]]:
    """(the person NAME means, []) or (None, candidates) when it is ambiguous or unknown.

    A bare number is taken as a person id.
    """
    if name.strip().isdigit():
        found = _person_by_id(engine, name)
        if found is not None:
            return found, []
    top = _exact_full_name(engine, name)
    if top and top[0]["score"] >= EXACT:
        return (top[0], []) if len(top) == 1 else (None, top)
    top = best_people(match_people(engine, name))
    if len(top) == 1:
        return top[0], []
    return None, top


def person_ids_for(engine: Engine, name: str) -> list[int]:
    """All people a filter value such as ``--speaker Zelenskyy`` may mean (the top tier)."""
    if name.strip().isdigit():
        return [int(name)]
    candidates = match_people(engine, name)
    ids = [c["person_id"] for c in best_people(candidates)]
    # people the store failed to merge ("Zelenskyy" and "Zelensky" kept apart) count too
    ids += [
        c["person_id"] for c in candidates if c["score"] >= FILTER_MIN and c["person_id"] not in ids
    ]
    return ids


# --- the people list ----------------------------------------------------------------------------


def people(engine: Engine, limit: int | None = 50) -> list[Row]:
    """People with their article, quote, statement and outlet counts; most present first (a
    story saved twice by one outlet counts once: archive.query.common.repeated_copies)."""
    # (article_id is in the index on (person_id, article_id, role): the filter stays index-only)
    linked = ArticlePerson.article_id.not_in(repeated_copies())
    articles_n = (
        select(func.count(distinct(ArticlePerson.article_id)))
        .where(
            ArticlePerson.person_id == Person.id, ArticlePerson.role == PersonRole.SUBJECT, linked
        )
        .scalar_subquery()
    )
    bylines_n = (
        select(func.count(distinct(ArticlePerson.article_id)))
        .where(
            ArticlePerson.person_id == Person.id, ArticlePerson.role != PersonRole.SUBJECT, linked
        )
        .scalar_subquery()
    )
    said = select(func.count(Quote.id)).where(Quote.speaker_id == Person.id)
    # less the quotes in repeated copies: an index seek per copy, the first count index-only
    quotes_n = (
        said.scalar_subquery()
        - said.where(Quote.article_id.in_(repeated_copies())).scalar_subquery()
    )
    statements_n = (
        select(func.count(distinct(Quote.statement_id)))
        .where(Quote.speaker_id == Person.id)
        .scalar_subquery()
    )
    outlets_n = (
        select(func.count(distinct(Article.source_id)))
        .join(Quote, Quote.article_id == Article.id)
        .where(Quote.speaker_id == Person.id)
        .scalar_subquery()
    )
    stmt = (
        select(
            Person.id.label("person_id"),
            Person.name,
            articles_n.label("articles"),
            quotes_n.label("quotes"),
            statements_n.label("statements"),
            outlets_n.label("quoted_by"),
            bylines_n.label("bylines"),
        )
        .order_by((articles_n + quotes_n + bylines_n).desc(), Person.name)
        .limit(limit)
    )
    with engine.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(stmt)]


def people_count(engine: Engine) -> int:
    """How many people :func:`people` lists without its limit."""
    return count_rows(engine, select(Person.id))
