"""A person's profile: aliases, roles over time, articles, statements (their quotes grouped,
with the outlets that carried each), the outlets that quoted them, co-occurring people.

:func:`person_profile` puts together one small query per part. The counts are exact; the
groupings cover the person's latest WINDOW quotes and articles (:class:`_Window`), and, with a
minimum confidence, only the quotes whose speaker is at least that likely to be right.
"""

from __future__ import annotations

import heapq
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Engine, Text, and_, cast, distinct, func, or_, select
from sqlalchemy.orm import aliased

from archive.kinds import PersonRole, QuoteKind
from archive.query.common import Row, less_copies, newest_first_is_cheaper, repeated_copies
from archive.store.models import (
    Article,
    ArticlePerson,
    Person,
    PersonAlias,
    Quote,
    Source,
    Statement,
)

# ``person_profile`` groups (statements, outlets, roles, co-occurring people) over at most this
# many of a person's latest quotes and articles; its counts are always exact.
PROFILE_WINDOW = 500


def person_profile(
    engine: Engine,
    person_id: int,
    limit: int | None = 50,
    window: int | None = PROFILE_WINDOW,
    min_confidence: float | None = None,
) -> Row | None:
    """Everything about one person: aliases, roles over time, articles, statements (the quotes
    grouped by statement, with the outlets that carried each), outlets, co-occurring people.

    The counts (articles, quotes, statements) are exact, and the articles shown are the LIMIT
    newest by publication date (sorted and limited in SQL). The groupings are computed over the
    person's latest WINDOW quotes (statements and their ranking, outlets) and latest WINDOW
    articles (roles over time, co-occurring people), "latest" meaning the last added to the
    archive (highest ids): for a person quoted in tens of thousands of articles they would
    otherwise need every quote with its article's date and outlet. ``truncated`` in the result
    tells whether the window left anything out; ``window=None`` uses everything. Statements are
    ranked by how many outlets carried them, then how many quotes, then first seen (from one
    compact row per quote); only the LIMIT shown are read in full (with all their quotes, in the
    window or not).

    Each quote carries its ``confidence`` (how likely the speaker is right, or None), each
    statement the highest of its quotes'. ``min_confidence`` keeps to the quotes whose
    confidence is at least that (quotes without one are left out) for the statements and the
    outlets that quoted the person; the counts stay over all their quotes.

    ``totals`` has the length of the lists that LIMIT cuts (articles, statements, co-occurring
    people) without it: the CLI says "showing 50 of 892" with it.
    """
    with engine.connect() as conn:
        person = conn.execute(
            select(Person.id, Person.name, Person.description).where(Person.id == person_id)
        ).first()
        if person is None:
            return None
        aliases = _aliases(conn, person_id, person.name)
        article_rows = _articles(engine, conn, person_id, _one_more(limit))
        counts = _counts(conn, person_id)
        win = _window(conn, person_id, window, counts.quotes)
        role_rows = _roles(conn, win)
        # "+ 0": the person's quotes are read by id (the window), not by their confidence
        confident = None if min_confidence is None else Quote.confidence + 0 >= min_confidence
        tallies = _tally_quotes(conn, win, confident)
        co_occurring = _co_occurring(conn, win, _one_more(limit))
        statement_rows = _statements_of(conn, person_id, tallies.shown(limit), confident)
        # the length of each list without LIMIT, counted only for a list that LIMIT cut
        totals = {
            "articles": _cut(article_rows, limit, lambda: _link_count(conn, person_id)),
            "statements": len(tallies.statements),
            "co_occurring": _cut(co_occurring, limit, lambda: _co_count(conn, win)),
        }
        for st in statement_rows:
            st["outlet_count"] = len(st["outlets"])
            st["quote_count"] = len(st["quotes"])
        outlets = _outlets(conn, tallies)
    return {
        "person_id": person.id,
        "name": person.name,
        "description": person.description,
        "aliases": aliases,
        "article_count": counts.articles,
        "quote_count": counts.quotes,  # quotations and reported speech
        "reported_count": counts.reported,  # of those, reported speech (kind indirect)
        "statement_count": counts.statements,
        "roles": role_rows,
        "articles": article_rows,
        "statements": statement_rows,
        "outlets": outlets,
        "co_occurring": co_occurring,
        # how many articles, statements and co-occurring people there are without the limit
        "totals": totals,
        # statements, outlets, roles and co_occurring cover only the latest WINDOW quotes/articles
        "truncated": win.truncated,
        "window": window,
        "min_confidence": min_confidence,  # statements and outlets: of these quotes only
    }


def _one_more(limit: int | None) -> int | None:
    """One row more than LIMIT: whether the limit cut a list."""
    return None if limit is None else limit + 1


def _cut(rows: list, limit: int | None, count) -> int:
    """Cut ROWS (read with :func:`_one_more`) to LIMIT; their number without it: len(ROWS), or
    COUNT() when the limit cut them."""
    if limit is None or len(rows) <= limit:
        return len(rows)
    del rows[limit:]
    return max(count(), limit + 1)


def _link_count(conn, person_id: int) -> int:
    """How many (article, role) links the person has: the rows of the profile's articles."""
    return less_copies(
        conn,
        select(func.count()).select_from(ArticlePerson).where(ArticlePerson.person_id == person_id),
        ArticlePerson.article_id,
    )


def _aliases(conn, person_id: int, name: str) -> list[str]:
    """The person's other names, sorted."""
    forms = conn.execute(select(PersonAlias.alias).where(PersonAlias.person_id == person_id))
    return sorted(set(forms.scalars()) - {name})


def _articles(engine: Engine, conn, person_id: int, limit: int | None) -> list[Row]:
    """The LIMIT newest articles that involve the person, with their role and mentions."""
    everywhere = ArticlePerson.person_id == person_id
    mine = and_(everywhere, ArticlePerson.article_id.not_in(repeated_copies()))
    links_q = (
        select(
            Article.id,
            Article.published_at,
            Source.name,
            Article.title,
            ArticlePerson.role,
            ArticlePerson.mention_count,
        )
        .join(Article, Article.id == ArticlePerson.article_id)
        .outerjoin(Source, Source.id == Article.source_id)
    )
    newest_first = (Article.published_at.desc().nulls_last(), Article.id.desc())
    if newest_first_is_cheaper(
        engine, select(func.count()).select_from(ArticlePerson).where(everywhere), limit
    ):
        newest = list(
            conn.execute(
                select(Article.id)
                .where(
                    select(ArticlePerson.id)
                    .where(ArticlePerson.article_id == Article.id, mine)
                    .exists()
                )
                .order_by(*newest_first)
                .limit(limit)
            ).scalars()
        )
        links_q = links_q.where(
            ArticlePerson.article_id.in_(newest), ArticlePerson.person_id + 0 == person_id
        )  # (the newest are no repeated copies)
    else:
        links_q = links_q.where(mine)
    links = conn.execute(links_q.order_by(*newest_first, ArticlePerson.id).limit(limit))
    return [
        {
            "article_id": aid,
            "published_at": published,
            "outlet": outlet,
            "title": title,
            "role": role,
            "mentions": n,
        }
        for aid, published, outlet, title, role, n in links
    ]


@dataclass(frozen=True)
class _Counts:
    """A person's exact counts."""

    articles: int  # articles about them (as a subject)
    quotes: int
    statements: int  # quotes without a statement count one each
    reported: int  # of the quotes, reported speech (kind indirect)


def _counts(conn, person_id: int) -> _Counts:
    # (article_id, person_id, role) is unique: one subject row per article, COUNT(*) suffices;
    # a story saved twice by one outlet counts once (archive.query.common.repeated_copies)
    articles = less_copies(
        conn,
        select(func.count())
        .select_from(ArticlePerson)
        .where(ArticlePerson.person_id == person_id, ArticlePerson.role == PersonRole.SUBJECT),
        ArticlePerson.article_id,
    )
    spoken = Quote.speaker_id == person_id
    quoted = select(func.count()).select_from(Quote).where(spoken)
    quotes = less_copies(conn, quoted, Quote.article_id)
    # statements: quotes without a statement count one each (all from the index; a copy's quotes
    # are in its original's statements)
    grouped = conn.execute(select(func.count(distinct(Quote.statement_id))).where(spoken)).scalar()
    alone = less_copies(conn, quoted.where(Quote.statement_id.is_(None)), Quote.article_id)
    reported = less_copies(
        conn, quoted.where(Quote.kind == QuoteKind.INDIRECT.value), Quote.article_id
    )
    return _Counts(articles, quotes, (grouped or 0) + alone, reported)


@dataclass(frozen=True)
class _Window:
    """Filters for the person's latest WINDOW article links and quotes: those after the
    (WINDOW + 1)-th latest (the person's own rows when they have no more than WINDOW)."""

    links: Any  # a WHERE clause on ArticlePerson
    quotes: Any  # a WHERE clause on Quote
    truncated: bool  # whether the window leaves anything out


def _window(conn, person_id: int, window: int | None, quote_count: int) -> _Window:
    mine = ArticlePerson.person_id == person_id
    spoken = Quote.speaker_id == person_id
    links, quotes, truncated = mine, spoken, False
    if window is None:
        return _Window(links, quotes, truncated)
    # an index seek; none when the person has no more than WINDOW
    article_cutoff = conn.execute(
        select(ArticlePerson.article_id)
        .where(mine)
        .distinct()
        .order_by(ArticlePerson.article_id.desc())
        .limit(1)
        .offset(window)
    ).scalar()
    if article_cutoff is not None:
        links, truncated = and_(mine, ArticlePerson.article_id > article_cutoff), True
    if quote_count > window:
        quote_cutoff = conn.execute(
            select(Quote.id).where(spoken).order_by(Quote.id.desc()).limit(1).offset(window)
        ).scalar()
        quotes = and_(spoken, Quote.id > quote_cutoff)
        truncated = truncated or quote_cutoff is not None
    return _Window(links, quotes, truncated)


def _roles(conn, win: _Window) -> list[Row]:
    """Roles over time: each title with the first and last date an article gave it."""
    # only the links that give a title
    titled = conn.execute(
        select(ArticlePerson.titles, Article.published_at)
        .join(Article, Article.id == ArticlePerson.article_id)
        .where(win.links, cast(ArticlePerson.titles, Text) != "[]")
    ).all()
    roles: dict[str, dict] = {}
    for titles, published in titled:
        for t in titles or []:
            r = roles.setdefault(
                t, {"role": t, "first_seen": None, "last_seen": None, "articles": 0}
            )
            r["articles"] += 1
            if published:
                r["first_seen"] = min(filter(None, [r["first_seen"], published]))
                r["last_seen"] = max(filter(None, [r["last_seen"], published]))
    return sorted(roles.values(), key=lambda r: (r["first_seen"] or "9999", r["role"]))


def _shared(win: _Window):
    """(person id, n): the people who share n articles (as subjects) with the person."""
    co_ap = aliased(ArticlePerson)
    # (article_id, person_id, role) is unique, so each co-occurring person has one row per
    # shared article: COUNT(*) is the number of shared articles
    return (
        select(co_ap.person_id.label("person_id"), func.count().label("n"))
        .select_from(ArticlePerson)
        .join(
            co_ap,
            and_(
                co_ap.article_id == ArticlePerson.article_id,
                co_ap.person_id != ArticlePerson.person_id,
            ),
        )
        .where(
            win.links,
            ArticlePerson.role == PersonRole.SUBJECT,
            co_ap.role == PersonRole.SUBJECT,
        )
        .group_by(co_ap.person_id)
        .subquery()
    )


def _co_occurring(conn, win: _Window, limit: int | None) -> list[Row]:
    """The people who share the most articles (as subjects) with the person."""
    shared = _shared(win)
    rows = conn.execute(
        select(Person.id, Person.name, shared.c.n)
        .join(shared, shared.c.person_id == Person.id)
        .order_by(shared.c.n.desc(), Person.name, Person.id)
        .limit(limit)
    )
    return [{"person_id": pid, "name": name, "shared_articles": n} for pid, name, n in rows]


def _co_count(conn, win: _Window) -> int:
    """How many people share an article with the person."""
    shared = _shared(win)
    return conn.execute(
        select(func.count()).select_from(shared).join(Person, Person.id == shared.c.person_id)
    ).scalar()


# --- statements and outlets ---------------------------------------------------------------------


@dataclass
class _StatementTally:
    """One statement of the person (or one quote without a statement) in the window."""

    pos: Any  # order key of its first quote (unique per statement)
    first_seen: Any  # publication date of that quote
    quotes: int = 0
    outlets: set[int] = field(default_factory=set)  # source ids


@dataclass
class _Tallies:
    """The person's quotes in the window, counted per statement key (a statement id, or
    "q<quote id>" for a quote without one) and per outlet (source id)."""

    statements: dict[Any, _StatementTally] = field(default_factory=dict)
    outlet_quotes: dict[int, int] = field(default_factory=lambda: defaultdict(int))
    outlet_statements: dict[int, set] = field(default_factory=lambda: defaultdict(set))

    def shown(self, limit: int | None) -> list:
        """The LIMIT best statement keys: most outlets, most quotes, first seen, then first
        quoted (pos is unique per key)."""
        ranking = (
            (-len(v.outlets), -v.quotes, v.first_seen or "", v.pos, k)
            for k, v in self.statements.items()
        )
        best = sorted(ranking) if limit is None else heapq.nsmallest(limit, ranking)
        return [r[-1] for r in best]


def _tally_quotes(conn, win: _Window, confident=None) -> _Tallies:
    """Count the window's quotes (those CONFIDENT, a WHERE clause, when given) from one compact
    row each: statement, publication date, outlet."""
    compact = (
        select(Quote.id, Quote.statement_id, Article.published_at, Article.source_id)
        .join(Article, Article.id == Quote.article_id)
        .where(win.quotes, Quote.article_id.not_in(repeated_copies()))
    )
    if confident is not None:
        compact = compact.where(confident)
    sqlite = conn.dialect.name == "sqlite"
    if not sqlite:  # the database's collation decides the order, as before
        compact = compact.order_by(Article.published_at.nulls_last(), Quote.id)
    tallies = _Tallies()
    for i, (qid, sid, published, source_id) in enumerate(conn.execute(compact).all()):
        key = sid if sid is not None else f"q{qid}"
        # publication order (NULLs last), then quote id; elsewhere the database's order
        pos = (published is None, published or "", qid) if sqlite else i
        st = tallies.statements.get(key)
        if st is None:
            st = tallies.statements[key] = _StatementTally(pos, published)
        elif pos < st.pos:
            st.pos, st.first_seen = pos, published
        st.quotes += 1
        if source_id is not None:
            st.outlets.add(source_id)
            tallies.outlet_quotes[source_id] += 1
            tallies.outlet_statements[source_id].add(key)
    return tallies


def _outlets(conn, tallies: _Tallies) -> list[Row]:
    """The outlets that quoted the person in the window, most quotes first."""
    names = (
        dict(
            conn.execute(
                select(Source.id, Source.name).where(Source.id.in_(list(tallies.outlet_quotes)))
            ).all()
        )
        if tallies.outlet_quotes
        else {}
    )
    return sorted(
        (
            {"outlet": names[sid], "quotes": n, "statements": len(tallies.outlet_statements[sid])}
            for sid, n in tallies.outlet_quotes.items()
            if names.get(sid)
        ),
        key=lambda o: (-o["quotes"], o["outlet"]),
    )


def _statements_of(conn, person_id: int, keys: list, confident=None) -> list[Row]:
    """The statements KEYS (statement ids, or "q<quote id>" for a quote without one) of a
    speaker, in that order, each with its quotes (those CONFIDENT, a WHERE clause, when given)
    in order of publication, its outlets and the highest confidence of those quotes."""
    sids = [k for k in keys if not isinstance(k, str)]
    qids = [int(k[1:]) for k in keys if isinstance(k, str)]
    if not keys:
        return []
    stmt = (
        select(
            Quote.id,
            Quote.text,
            Quote.confidence,
            Quote.statement_id,
            Statement.text,
            Article.id,
            Article.published_at,
            Source.name,
            Article.title,
        )
        .join(Article, Article.id == Quote.article_id)
        .outerjoin(Source, Source.id == Article.source_id)
        .outerjoin(Statement, Statement.id == Quote.statement_id)
        # "+ 0": read these few statements' quotes, not every quote of the speaker
        .where(
            Quote.speaker_id + 0 == person_id,
            or_(Quote.statement_id.in_(sids), Quote.id.in_(qids)),
            Quote.article_id.not_in(repeated_copies()),
        )
        .order_by(Article.published_at.nulls_last(), Quote.id)
    )
    if confident is not None:
        stmt = stmt.where(confident)
    statements: dict[Any, Row] = {}
    for qid, qtext, confidence, sid, stext, aid, published, outlet, title in conn.execute(stmt):
        key = sid if sid is not None else f"q{qid}"
        st = statements.setdefault(
            key,
            {
                "statement_id": sid,
                "text": stext or qtext,
                "first_seen": published,
                "confidence": None,
                "outlets": [],
                "quotes": [],
            },
        )
        if confidence is not None:
            st["confidence"] = max(confidence, st["confidence"] or 0.0)
        st["quotes"].append(
            {
                "quote_id": qid,
                "quote": qtext,
                "confidence": confidence,
                "outlet": outlet,
                "article_id": aid,
                "published_at": published,
                "title": title,
            }
        )
        if outlet and outlet not in st["outlets"]:
            st["outlets"].append(outlet)
    return [statements[k] for k in keys if k in statements]
