"""Corrections of places (``archive place set PLACE_ID --to GAZETTEER_ID|NAME`` or
``--not-a-place``, optionally ``--article ID``): a place the gazetteer resolved wrongly is
another gazetteer place, or was not a place at all; in every article, or in one.

The correction names the wrong place by its gazetteer id (its name, kind and country when it has
none) and the article, when there is one, by its key; so a re-extracted article that resolves
the name wrongly again is corrected again. What each application moved or removed (the article
version and the mentions' offsets) is kept in ``before``, so that undo can put exactly those
mentions back.
"""

from __future__ import annotations

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from archive.kinds import CorrectionKind
from archive.store.correction_rows import (
    CorrectionError,
    add,
    articles_with_key,
    key_of_article,
)
from archive.store.models import Article, ArticlePlace, Correction, Place, PlaceAlias, PlaceMention

TEXT_MAX = 200


def describe(place: Place) -> dict:
    return {
        "id": place.id,
        "name": place.name,
        "kind": place.kind,
        "country_code": place.country_code,
        "latitude": place.latitude,
        "longitude": place.longitude,
        "gazetteer_id": place.gazetteer_id,
    }


def lookup_key(place: dict) -> str:
    """How the store finds a correction of this place: ``place:GAZETTEER_ID`` (or its name)."""
    if place.get("gazetteer_id"):
        return f"place:{place['gazetteer_id']}"
    return f"placename:{place['name']}"


def readable(place: dict | None) -> str:
    if place is None:
        return "not a place"
    country = f", {place['country_code']}" if place.get("country_code") else ""
    gid = f" [{place['gazetteer_id']}]" if place.get("gazetteer_id") else ""
    return f"{place['name']}{country}{gid}"


def gazetteer_place(value: str) -> dict:
    """A gazetteer place by id ("geonames:2988507") or by name ("Paris, France": the
    gazetteer's best reading of it)."""
    from archive.extract.places import gazetteer

    g = gazetteer.load()
    cand = g.get(value.strip()) if ":" in value else None
    if cand is None:
        found = g.lookup(value.strip())
        cand = found[0] if found else None
    if cand is None:
        raise CorrectionError(f"the gazetteer knows no place {value!r}")
    return {
        "name": cand.name,
        "kind": str(cand.kind),
        "country_code": cand.country_code,
        "latitude": cand.lat,
        "longitude": cand.lon,
        "gazetteer_id": cand.gazetteer_id,
    }


def _places(session: Session, place: dict) -> list[Place]:
    """The stored places a description means (one, normally)."""
    stmt = select(Place)
    if place.get("gazetteer_id"):
        stmt = stmt.where(Place.gazetteer_id == place["gazetteer_id"])
    else:
        stmt = stmt.where(
            Place.name == place["name"],
            Place.kind == place["kind"],
            Place.gazetteer_id.is_(None),
        )
    return list(session.execute(stmt.order_by(Place.id)).scalars())


def _place_row(session: Session, place: dict) -> Place:
    """The stored place of a description, made when there is none."""
    found = _places(session, place)
    if found:
        return found[0]
    fields = {k: v for k, v in place.items() if k != "id"}
    row = Place(**fields)
    session.add(row)
    session.flush()
    return row


def _link(session: Session, article_id: int, place_id: int, mentions: int) -> None:
    """Add MENTIONS to the article's link to the place (made when there is none)."""
    link = session.execute(
        select(ArticlePlace).where(
            ArticlePlace.article_id == article_id, ArticlePlace.place_id == place_id
        )
    ).scalar()
    if link is None:
        session.add(ArticlePlace(article_id=article_id, place_id=place_id, mention_count=mentions))
    else:
        link.mention_count += mentions
    session.flush()


def _alias(session: Session, place_id: int, texts) -> None:
    have = set(
        session.execute(select(PlaceAlias.alias).where(PlaceAlias.place_id == place_id)).scalars()
    )
    for text in sorted(set(texts) - have):
        session.add(PlaceAlias(place_id=place_id, alias=text[:TEXT_MAX]))
    session.flush()


def _drop_orphans(session: Session, place_ids) -> None:
    for pid in place_ids:
        linked = session.execute(
            select(ArticlePlace.id).where(ArticlePlace.place_id == pid).limit(1)
        ).first()
        if not linked:
            session.execute(delete(Place).where(Place.id == pid))
    session.flush()


def _move(session: Session, article: Article, src: int, dst: int | None, spans=None) -> list:
    """Move the article's mentions of place SRC (those at SPANS, or all) to DST (None: delete
    them); returns the moved mentions as [start, end, text]."""
    stmt = select(PlaceMention).where(
        PlaceMention.article_id == article.id, PlaceMention.place_id == src
    )
    rows = [
        m
        for m in session.execute(stmt.order_by(PlaceMention.start_char)).scalars()
        if spans is None or [m.start_char, m.end_char] in spans
    ]
    moved = [[m.start_char, m.end_char, m.text] for m in rows]
    link = session.execute(
        select(ArticlePlace).where(
            ArticlePlace.article_id == article.id, ArticlePlace.place_id == src
        )
    ).scalar()
    total = link.mention_count if link is not None else 0
    count = max(total, len(rows)) if spans is None else len(rows)
    if link is not None:
        if spans is None or total - count <= 0:
            session.delete(link)
        else:
            link.mention_count = total - count
    for m in rows:
        if dst is None:
            session.delete(m)
        else:
            m.place_id = dst
    session.flush()
    if dst is not None:
        _link(session, article.id, dst, count)
        _alias(session, dst, [m[2] for m in moved])
    return moved


def make_place(
    session: Session, place_id: int, to: str | None, article_id: int | None, note: str | None
) -> Correction:
    """The correction of place PLACE_ID: gazetteer place TO (None: not a place), in article
    ARTICLE_ID or (None) every article."""
    place = session.get(Place, place_id)
    if place is None:
        raise CorrectionError(f"no place {place_id}")
    scope = None
    if article_id is not None:
        article = session.get(Article, article_id)
        if article is None:
            raise CorrectionError(f"no article {article_id}")
        linked = session.execute(
            select(func.count())
            .select_from(ArticlePlace)
            .where(ArticlePlace.article_id == article_id, ArticlePlace.place_id == place_id)
        ).scalar()
        if not linked:
            raise CorrectionError(f"article {article_id} does not name place {place_id}")
        scope = key_of_article(article)
    target = gazetteer_place(to) if to is not None else None
    if target is not None and target["gazetteer_id"] == place.gazetteer_id:
        raise CorrectionError(f"place {place_id} is already {readable(target)}")
    from_place = describe(place)
    row = add(
        session,
        [f"article:{scope}" if scope else lookup_key(from_place)],
        kind=CorrectionKind.PLACE_SET,
        target_table="places",
        target_id=place_id,
        field="place",
        old_value=readable(from_place) + (f" in article {article_id}" if scope else ""),
        new_value=readable(target),
        subject={"place": from_place, "article": scope},
        before={"place": from_place, "moved": []},
        after={"to": target},
        note=note,
    )
    apply_place(session, row)
    return row


def apply_place(session: Session, c: Correction) -> set[str]:
    """Move (or delete) the wrong place's mentions in the articles concerned."""
    sources = [p.id for p in _places(session, c.subject["place"])]
    target = c.after["to"]
    dst = _place_row(session, target).id if target is not None and sources else None
    sources = [s for s in sources if s != dst]
    if not sources:
        return set()
    stmt = select(ArticlePlace.article_id, ArticlePlace.place_id).where(
        ArticlePlace.place_id.in_(sources)
    )
    if c.subject["article"]:
        ids = [a.id for a in articles_with_key(session, c.subject["article"])]
        stmt = stmt.where(ArticlePlace.article_id.in_(ids))
    moved = list(c.before["moved"])
    for article_id, src in session.execute(stmt.order_by(ArticlePlace.id)).all():
        article = session.get(Article, article_id)
        spans = _move(session, article, src, dst)
        moved.append(
            {"article": key_of_article(article), "sha": article.content_sha256, "mentions": spans}
        )
    c.before = {**c.before, "moved": moved}
    _drop_orphans(session, sources)
    if dst is not None:
        c.target_id = dst
    return set()


def undo_place(session: Session, c: Correction) -> set[str]:
    """Put back the mentions moved or removed, in the article versions still stored."""
    target = c.after["to"]
    dst = _places(session, target) if target is not None else []
    back = None
    for entry in c.before["moved"]:
        for article in articles_with_key(session, entry["article"]):
            if article.content_sha256 != entry["sha"]:
                continue
            back = back or _place_row(session, c.subject["place"])
            spans = [m[:2] for m in entry["mentions"]]
            if target is not None:
                for place in dst:
                    _move(session, article, place.id, back.id, spans)
            else:
                for start, end, text in entry["mentions"]:
                    session.add(
                        PlaceMention(
                            article_id=article.id,
                            place_id=back.id,
                            start_char=start,
                            end_char=end,
                            text=text,
                        )
                    )
                _link(session, article.id, back.id, len(entry["mentions"]))
                _alias(session, back.id, [m[2] for m in entry["mentions"]])
    _drop_orphans(session, [p.id for p in dst])
    if back is not None:
        c.target_id = back.id
    return set()
