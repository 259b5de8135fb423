"""The store step: one transaction per article, replace by path, identities across articles."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from archive.pipeline.extraction import content_hash
from archive.records import (
    CleanArticle,
    Extraction,
    PersonEntity,
    PlaceEntity,
    QuoteRecord,
    RawDocument,
    Span,
)
from archive.store import db
from archive.store.models import Article, Mention, Person, Quote, Source, Statement
from archive.store.writer import ADDED, REPLACED, UNCHANGED, Store, counts


def make(body: str, path: str, people=(), places=(), quotes=(), source="The Example Times", **kw):
    raw = RawDocument(path=path, name=path.rsplit("/", 1)[-1], raw_text=body, format="text")
    article = CleanArticle(body=body, title=kw.pop("title", "A title"), source=source, **kw)
    return Extraction(
        doc=raw,
        article=article,
        people=list(people),
        places=list(places),
        quotes=list(quotes),
        content_sha256=content_hash(raw),
        word_count=len(body.split()),
    )


def person(body: str, name: str, *forms: str, role="subject") -> PersonEntity:
    mentions = []
    for form in (name, *forms):
        i = body.find(form)
        if i >= 0:
            mentions.append(Span(i, i + len(form), form))
    return PersonEntity(
        name=name, aliases=[m.text for m in mentions] or [name], mentions=mentions, role=role
    )


def quote(body: str, text: str, speaker=None, kind="full") -> QuoteRecord:
    i = body.index(text)
    return QuoteRecord(
        text=text,
        start=i,
        end=i + len(text),
        kind=kind,
        speaker_kind="person" if speaker is not None else "none",
        speaker=speaker,
        cue="said",
    )


@pytest.fixture
def engine(tmp_path):
    engine = db.make_engine(str(tmp_path / "s.db"))
    db.upgrade(engine)
    return engine


BODY_A = 'Jane Alvarez Doe, the mayor, said "the bridge will open in May." Ms. Doe spoke in Lyon.'
BODY_B = 'Mayor Jane Doe told reporters "the bridge will open in May" and left.'


def test_add_unchanged_and_identity_across_articles(engine):
    store = Store(engine)
    a = make(
        BODY_A,
        "a.txt",
        people=[person(BODY_A, "Jane Alvarez Doe", "Ms. Doe")],
        quotes=[quote(BODY_A, "the bridge will open in May.", speaker=0)],
        places=[
            PlaceEntity(
                "Lyon",
                "city",
                "FR",
                45.75,
                4.85,
                "geonames:2996944",
                ["Lyon"],
                [Span(BODY_A.index("Lyon"), BODY_A.index("Lyon") + 4, "Lyon")],
            )
        ],
    )
    assert store.save(a).status == ADDED
    assert store.save(a).status == UNCHANGED
    b = make(
        BODY_B,
        "b.txt",
        source="Other News",
        people=[person(BODY_B, "Jane Doe")],
        quotes=[quote(BODY_B, "the bridge will open in May", speaker=0)],
    )
    assert store.save(b).status == ADDED
    with engine.connect() as conn:
        people = conn.execute(select(Person.name)).scalars().all()
        assert people == ["Jane Alvarez Doe"]  # one person, fullest name kept
        speakers = conn.execute(select(Quote.speaker_id)).scalars().all()
        assert len(speakers) == 2 and len(set(speakers)) == 1
        # the same words reported by two outlets are one statement
        assert conn.execute(select(func.count()).select_from(Statement)).scalar() == 1
        for start, end, text, body in conn.execute(
            select(Mention.start_char, Mention.end_char, Mention.text, Article.body).join(
                Article, Article.id == Mention.article_id
            )
        ):
            assert body[start:end] == text


def test_changed_file_at_same_path_replaces_old_version(engine):
    store = Store(engine)
    store.save(make(BODY_A, "a.txt", people=[person(BODY_A, "Jane Alvarez Doe")]))
    body2 = "Rafael Moreno, the coach, was pleased."
    out = store.save(make(body2, "a.txt", people=[person(body2, "Rafael Moreno")]))
    assert out.status == REPLACED
    with engine.connect() as conn:
        assert conn.execute(select(Article.body)).scalars().all() == [body2]
        # the person only the old version mentioned is gone with it
        assert conn.execute(select(Person.name)).scalars().all() == ["Rafael Moreno"]


def test_failed_write_leaves_nothing(engine):
    store = Store(engine)
    store.save(make(BODY_B, "b.txt", people=[person(BODY_B, "Jane Doe")]))
    before = counts(engine)
    bad = make(
        BODY_A,
        "a.txt",
        people=[person(BODY_A, "Jane Alvarez Doe")],
        quotes=[QuoteRecord("x", 0, 1, kind="not-a-kind", speaker_kind="none")],
    )
    with pytest.raises(IntegrityError):
        store.save(bad)
    assert counts(engine) == before
    # a failed replacement keeps the old version
    bad2 = make(
        "Completely new text.",
        "b.txt",
        quotes=[QuoteRecord("x", 0, 1, kind="full", speaker_kind="nobody")],
    )
    with pytest.raises(IntegrityError):
        store.save(bad2)
    assert counts(engine) == before
    with engine.connect() as conn:
        assert conn.execute(select(Article.body)).scalars().all() == [BODY_B]


def test_authors_are_people_with_their_own_role(engine):
    store = Store(engine)
    ex = make(
        BODY_B,
        "b.txt",
        people=[
            person(BODY_B, "Jane Doe"),
            PersonEntity("Sam Writer", ["Sam Writer"], role="author"),
        ],
    )
    store.save(ex)
    from archive.query.export import article_records

    rec = next(article_records(engine))
    assert rec["authors"] == ["Sam Writer"]
    assert [p["name"] for p in rec["people"]] == ["Jane Doe"]


@pytest.mark.parametrize("brand_first", [True, False])
def test_a_sites_brand_and_its_bare_domain_are_one_outlet(engine, brand_first):
    """A page of an unknown site names its brand ("Tarn Bugle", from its title) or only its
    domain: one outlet either way, named by the brand; a host's sites stay apart."""
    pages = [
        make(
            "The ferry returns on Monday.",
            "a.html",
            source="Tarn Bugle",
            source_domain="tarnbugle.com",
        ),
        make(
            "The quay reopens in May.",
            "b.html",
            source="tarnbugle.com",
            source_domain="tarnbugle.com",
        ),
        make(
            "A story on a hosting site.",
            "c.html",
            source="Quay Notes",
            source_domain="tarnhost.com",
        ),
        make(
            "Another story on the host.",
            "d.html",
            source="tarnhost.com",
            source_domain="tarnhost.com",
        ),
    ]
    if not brand_first:
        pages = [pages[1], pages[0], pages[3], pages[2]]
    store = Store(engine)
    for ex in pages:
        store.save(ex)
    with db.session_scope(engine) as s:
        rows = s.execute(
            select(Article.file_name, Source.name).join(Source, Article.source_id == Source.id)
        ).all()
    names = dict(rows)
    assert names["a.html"] == names["b.html"] == "Tarn Bugle"
    assert (names["c.html"], names["d.html"]) == ("Quay Notes", "tarnhost.com")
