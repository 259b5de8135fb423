"""Corrections made by hand survive re-extraction: an article written again (replaced by an
edited version at the same path) has its people merged, split and renamed, its quotes' speakers
and its places set as corrected; undo restores the value before and stops re-application."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from archive.store import correct_people, correct_places, correct_quotes
from archive.store.corrections import CorrectionError, correct, undo
from archive.store.models import Correction, Person, Place, Quote
from archive.store.writer import ADDED, REPLACED, Store
from tests.helpers import KYIV, make_extraction

PATH = "/news/budget.txt"
BODY_V1 = (
    'Anna Berg, the finance minister, said "the budget is balanced." '
    'Anna Lindqvist told reporters "we will not raise taxes this year." '
    "Peter Holm, her deputy, agreed. The talks were held in Kyiv."
)
BODY_V2 = (
    "Updated on Tuesday. "
    'Anna Berg, the finance minister, said on Monday "the budget is balanced." '
    'Anna Lindqvist later told reporters "we will not raise taxes this year." '
    "Peter Holm, her deputy, agreed. The talks were held in Kyiv, officials said."
)
PEOPLE = [
    {"name": "Anna Berg", "roles": ["finance minister"]},
    {"name": "Anna Lindqvist"},
    {"name": "Peter Holm", "roles": ["deputy"]},
]
QUOTES = [
    {"text": "the budget is balanced.", "speaker": "Anna Berg"},
    {"text": "we will not raise taxes this year.", "speaker": "Anna Lindqvist"},
]
# the extractor resolves Kyiv to a wrong place
WRONG_KYIV = {**KYIV, "gazetteer_id": "geonames:999999", "country_code": "XX", "latitude": 1.0}


def article(body: str, **extra):
    return make_extraction(
        body, path=PATH, source="Daily Bugle", people=PEOPLE, quotes=QUOTES, **extra
    )


def person_id(engine, name: str) -> int:
    with engine.connect() as conn:
        return conn.execute(select(Person.id).where(Person.name == name)).scalar_one()


def quote_row(engine, text: str):
    with engine.connect() as conn:
        return conn.execute(
            select(Quote.id, Quote.speaker_id, Quote.speaker_kind, Quote.speaker_text).where(
                Quote.text == text
            )
        ).one()


def people_names(engine) -> list[str]:
    with engine.connect() as conn:
        return sorted(conn.execute(select(Person.name)).scalars())


@pytest.fixture
def store(archive_engine):
    s = Store(archive_engine)
    assert s.save(article(BODY_V1)).status == ADDED
    return s


def test_merge_and_speaker_survive_a_replaced_article(archive_engine, store):
    engine = archive_engine
    berg, lindqvist = person_id(engine, "Anna Berg"), person_id(engine, "Anna Lindqvist")
    correct(engine, correct_people.make_merge, berg, lindqvist, "married name")
    holm = person_id(engine, "Peter Holm")
    quote_id = quote_row(engine, "the budget is balanced.").id
    correct(engine, correct_quotes.make_speaker, quote_id, "person", holm, None)
    assert people_names(engine) == ["Anna Berg", "Peter Holm"]
    assert quote_row(engine, "the budget is balanced.").speaker_id == holm

    # the edited version at the same path replaces the article: its quotes and people (none of
    # whom another article names) are written anew
    assert store.save(article(BODY_V2)).status == REPLACED
    assert people_names(engine) == ["Anna Berg", "Peter Holm"]
    new_holm, merged = person_id(engine, "Peter Holm"), person_id(engine, "Anna Berg")
    moved = quote_row(engine, "the budget is balanced.")
    assert (moved.speaker_id, moved.speaker_kind, moved.speaker_text) == (
        new_holm,
        "person",
        "Peter Holm",
    )
    assert quote_row(engine, "we will not raise taxes this year.").speaker_id == merged
    with engine.connect() as conn:
        targets = dict(
            conn.execute(select(Correction.kind, Correction.target_id)).all()
        )  # the corrections follow the rows they apply to now
    assert targets == {"person_merge": merged, "quote_speaker": moved.id}


def test_undo_restores_and_stops_reapplication(archive_engine, store):
    engine = archive_engine
    berg, lindqvist = person_id(engine, "Anna Berg"), person_id(engine, "Anna Lindqvist")
    merge = correct(engine, correct_people.make_merge, berg, lindqvist, None)
    quote_id = quote_row(engine, "the budget is balanced.").id
    speaker = correct(engine, correct_quotes.make_speaker, quote_id, "unnamed", "an aide", None)
    assert quote_row(engine, "the budget is balanced.")[2:] == ("unnamed", "an aide")
    undo(engine, speaker["id"])
    assert quote_row(engine, "the budget is balanced.")[2:] == ("person", "Anna Berg")
    undo(engine, merge["id"])
    assert people_names(engine) == ["Anna Berg", "Anna Lindqvist", "Peter Holm"]
    assert store.save(article(BODY_V2)).status == REPLACED
    assert people_names(engine) == ["Anna Berg", "Anna Lindqvist", "Peter Holm"]
    with pytest.raises(CorrectionError, match="already undone"):
        undo(engine, merge["id"])
    with pytest.raises(CorrectionError, match="no correction 99"):
        undo(engine, 99)


def test_rename_holds_against_what_the_articles_say(archive_engine, store):
    engine = archive_engine
    correct(engine, correct_people.make_rename, person_id(engine, "Peter Holm"), "Per Holm", None)
    assert store.save(article(BODY_V2)).status == REPLACED
    assert "Per Holm" in people_names(engine)
    other = make_extraction(
        "Peter Holm resigned.", path="/news/other.txt", people=[{"name": "Peter Holm"}]
    )
    store.save(other)
    assert people_names(engine) == ["Anna Berg", "Anna Lindqvist", "Per Holm"]


def test_split_makes_an_alias_its_own_person_again_after_replacement(archive_engine, store):
    engine = archive_engine

    def singer_article(body: str):
        return make_extraction(
            body,
            path="/news/singer.txt",
            people=[{"name": "Anna B. Lindqvist"}],
            quotes=[{"text": "I love this city.", "speaker": "Anna B. Lindqvist"}],
        )

    # the store takes the singer Anna B. Lindqvist for the minister Anna Lindqvist
    store.save(singer_article('Anna B. Lindqvist, a singer, said "I love this city."'))
    lindqvist = quote_row(engine, "we will not raise taxes this year.").speaker_id
    assert quote_row(engine, "I love this city.").speaker_id == lindqvist
    row = correct(engine, correct_people.make_split, lindqvist, "Anna B. Lindqvist", None)
    singer = row["target_id"]
    assert singer != lindqvist
    assert people_names(engine) == [
        "Anna B. Lindqvist",
        "Anna Berg",
        "Anna Lindqvist",
        "Peter Holm",
    ]
    assert quote_row(engine, "I love this city.").speaker_id == singer
    assert quote_row(engine, "we will not raise taxes this year.").speaker_id == lindqvist
    # both articles written again: the singer stays apart
    store.save(singer_article('Anna B. Lindqvist, a singer, said on Sunday "I love this city."'))
    store.save(article(BODY_V2))
    singer_now = quote_row(engine, "I love this city.").speaker_id
    assert singer_now != person_id(engine, "Anna Lindqvist")
    assert singer_now == person_id(engine, "Anna B. Lindqvist")
    with pytest.raises(CorrectionError, match="not a name"):
        correct(
            engine, correct_people.make_split, person_id(engine, "Anna Lindqvist"), "Nobody", None
        )


def test_place_set_survives_and_undoes(archive_engine):
    engine = archive_engine
    store = Store(engine)
    store.save(article(BODY_V1, places=[WRONG_KYIV]))
    with engine.connect() as conn:
        wrong = conn.execute(select(Place.id)).scalar_one()
    correct(engine, correct_places.make_place, wrong, "geonames:703448", None, None)

    def gids():
        with engine.connect() as conn:
            return sorted(conn.execute(select(Place.gazetteer_id)).scalars())

    assert gids() == ["geonames:703448"]
    store.save(article(BODY_V2, places=[WRONG_KYIV]))
    assert gids() == ["geonames:703448"]
    with engine.connect() as conn:
        n = conn.execute(select(func.count()).select_from(Correction)).scalar()
        cid = conn.execute(select(Correction.id)).scalar()
    assert n == 1
    undo(engine, cid)
    assert gids() == ["geonames:999999"]


def test_not_a_place(archive_engine):
    engine = archive_engine
    store = Store(engine)
    store.save(article(BODY_V1, places=[KYIV]))
    with engine.connect() as conn:
        kyiv = conn.execute(select(Place.id)).scalar_one()
    row = correct(engine, correct_places.make_place, kyiv, None, None, "a restaurant")
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(Place)).scalar() == 0
    store.save(article(BODY_V2, places=[KYIV]))
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(Place)).scalar() == 0
    undo(engine, row["id"])  # the mentions of the version stored now come back
    with engine.connect() as conn:
        assert conn.execute(select(Place.gazetteer_id)).scalars().all() == ["geonames:703448"]


def test_unknown_ids_and_conflicts(archive_engine, store):
    engine = archive_engine
    with pytest.raises(CorrectionError, match="no person 999"):
        correct(engine, correct_people.make_merge, 999, person_id(engine, "Anna Berg"), None)
    with pytest.raises(CorrectionError, match="no quote 999"):
        correct(engine, correct_quotes.make_speaker, 999, "none", None, None)
    with pytest.raises(CorrectionError, match="no place 999"):
        correct(engine, correct_places.make_place, 999, None, None, None)
    berg = person_id(engine, "Anna Berg")
    with pytest.raises(CorrectionError, match="already one person"):
        correct(engine, correct_people.make_merge, berg, berg, None)
    with pytest.raises(CorrectionError, match="is named 'Peter Holm': if they are one"):
        correct(engine, correct_people.make_rename, berg, "Peter Holm", None)
    with pytest.raises(CorrectionError, match="every article of Anna Berg"):
        correct(engine, correct_people.make_split, berg, "Anna Berg", None)
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(Correction)).scalar() == 0


def test_merge_and_speaker_survive_on_postgres(pg_url):
    from archive.store import db

    engine = db.make_engine(pg_url)
    db.upgrade(engine)
    store = Store(engine)
    store.save(article(BODY_V1))
    test_merge_and_speaker_survive_a_replaced_article(engine, store)
    engine.dispose()


def test_a_bare_surname_merged_into_one_of_two_namesakes_stays(archive_engine, store):
    engine = archive_engine
    store.save(
        make_extraction(
            'Berg said "no comment."',
            path="/news/bare.txt",
            people=[{"name": "Berg"}],
            quotes=[{"text": "no comment.", "speaker": "Berg"}],
        )
    )
    store.save(
        make_extraction("Olof Berg won.", path="/news/olof.txt", people=[{"name": "Olof Berg"}])
    )
    bare = quote_row(engine, "no comment.").speaker_id
    assert bare not in (person_id(engine, "Anna Berg"), person_id(engine, "Olof Berg"))
    correct(engine, correct_people.make_merge, person_id(engine, "Anna Berg"), bare, None)
    assert quote_row(engine, "no comment.").speaker_id == person_id(engine, "Anna Berg")
    store.save(article(BODY_V2))
    assert quote_row(engine, "no comment.").speaker_id == person_id(engine, "Anna Berg")
    store.save(  # the bare-surname article itself replaced
        make_extraction(
            'Berg said on Friday "no comment."',
            path="/news/bare.txt",
            people=[{"name": "Berg"}],
            quotes=[{"text": "no comment.", "speaker": "Berg"}],
        )
    )
    assert quote_row(engine, "no comment.").speaker_id == person_id(engine, "Anna Berg")


def test_a_split_and_a_merge_of_the_same_name_conflict(archive_engine, store):
    engine = archive_engine
    berg, lindqvist = person_id(engine, "Anna Berg"), person_id(engine, "Anna Lindqvist")
    merge = correct(engine, correct_people.make_merge, berg, lindqvist, None)
    with pytest.raises(CorrectionError, match=f"by correction {merge['id']}: undo it instead"):
        correct(engine, correct_people.make_split, berg, "Anna Lindqvist", None)
    undo(engine, merge["id"])
    store.save(
        make_extraction(
            "Anna B. Lindqvist sang.",
            path="/news/singer.txt",
            people=[{"name": "Anna B. Lindqvist"}],
        )
    )
    lindqvist = quote_row(engine, "we will not raise taxes this year.").speaker_id
    split = correct(engine, correct_people.make_split, lindqvist, "Anna B. Lindqvist", None)
    with pytest.raises(CorrectionError, match=f"split off by correction {split['id']}"):
        correct(engine, correct_people.make_merge, lindqvist, split["target_id"], None)


def test_undo_of_a_merge_across_articles(archive_engine, store):
    engine = archive_engine
    store.save(
        make_extraction(
            'Karin Ek said "no new taxes."',
            path="/news/ek.txt",
            people=[{"name": "Karin Ek"}],
            quotes=[{"text": "no new taxes.", "speaker": "Karin Ek"}],
        )
    )
    berg, ek = person_id(engine, "Anna Berg"), person_id(engine, "Karin Ek")
    merge = correct(engine, correct_people.make_merge, berg, ek, None)
    assert quote_row(engine, "no new taxes.").speaker_id == berg
    assert "Karin Ek" not in people_names(engine)
    undo(engine, merge["id"])
    assert people_names(engine) == ["Anna Berg", "Anna Lindqvist", "Karin Ek", "Peter Holm"]
    assert quote_row(engine, "no new taxes.").speaker_id == person_id(engine, "Karin Ek")
    assert quote_row(engine, "the budget is balanced.").speaker_id == berg
