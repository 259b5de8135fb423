"""The archive depends on which articles it holds, not on the order they were written in.

Several writers commit articles in an order nobody controls, so every order of the same articles
must give the same archive: bare surnames ("President Obama") go to the one person of that surname
while there is one (archive.store.surnames), statements are the connected groups of a speaker's
quotes (archive.store.statement_groups), a person's name is the full name most articles use.
"""

from __future__ import annotations

from itertools import permutations

from sqlalchemy import select, text

from archive.store import db
from archive.store.models import Person, Quote, Statement
from archive.store.writer import Store
from tests.helpers import make_extraction
from tests.snapshot import differences, snapshot

BARE = dict(
    body='President Obama said "the economy is growing faster than anyone expected" on Monday.',
    people=[{"name": "Obama", "aliases": ["President Obama"], "roles": ["President"]}],
    quotes=[{"text": "the economy is growing faster than anyone expected", "speaker": "Obama"}],
)
BARACK = dict(
    body="Barack Obama visited Chicago. Obama spoke to students there.",
    people=[{"name": "Barack Obama", "aliases": ["Obama"]}],
)
MICHELLE = dict(
    body="Michelle Obama opened a school garden in Washington.",
    people=[{"name": "Michelle Obama", "aliases": []}],
)


def _article(i: int, spec: dict, source: str = "Example News"):
    return make_extraction(
        spec["body"],
        path=f"{i}.txt",
        source=source,
        title=f"Story {i}",
        people=spec.get("people", []),
        quotes=spec.get("quotes", []),
    )


def _build(tmp_path, name: str, specs) -> dict:
    engine = db.make_engine(str(tmp_path / f"{name}.db"))
    db.upgrade(engine)
    store = Store(engine)
    for i, spec in specs:
        assert store.save(_article(i, spec)).status == "added"
    snap = snapshot(engine)
    snap["_people"] = _people(engine)
    engine.dispose()
    return snap


def _people(engine) -> dict[str, list[str]]:
    with engine.connect() as conn:
        return {
            name: sorted(
                conn.execute(
                    text("SELECT q.text FROM quotes q WHERE q.speaker_id = :pid"), {"pid": pid}
                ).scalars()
            )
            for pid, name in conn.execute(select(Person.id, Person.name))
        }


def _all_orders(tmp_path, specs) -> list[dict]:
    numbered = list(enumerate(specs))
    return [_build(tmp_path, f"o{n}", order) for n, order in enumerate(permutations(numbered))]


def test_a_bare_surname_goes_to_the_one_person_of_that_surname_in_any_order(tmp_path):
    snaps = _all_orders(tmp_path, [BARE, BARACK])
    for other in snaps[1:]:
        assert not differences(snaps[0], other)
    people = snaps[0]["_people"]
    assert people == {"Barack Obama": ["the economy is growing faster than anyone expected"]}
    (barack,) = snaps[0]["people"]
    assert "President Obama" in barack[1]  # the bare article's names came along


def test_with_two_people_of_the_surname_it_is_a_surname_person_in_any_order(tmp_path):
    snaps = _all_orders(tmp_path, [BARE, BARACK, MICHELLE])
    for other in snaps[1:]:
        diff = differences(snaps[0], other)
        assert not diff, "\n".join(diff)
    people = snaps[0]["_people"]
    assert people == {
        "Obama": ["the economy is growing faster than anyone expected"],
        "Barack Obama": [],
        "Michelle Obama": [],
    }
    aliases = {p[0]: p[1] for p in snaps[0]["people"]}
    assert "President Obama" not in aliases["Barack Obama"]  # given back when Michelle came
    assert aliases["Obama"] == ("Obama", "President Obama")


def test_a_replaced_article_gives_the_surname_back(tmp_path):
    engine = db.make_engine(str(tmp_path / "r.db"))
    db.upgrade(engine)
    store = Store(engine)
    for i, spec in enumerate([BARE, BARACK, MICHELLE]):
        store.save(_article(i, spec))
    assert "Obama" in _people(engine)
    # the Michelle article is replaced by a text without her: one Obama is left
    gone = dict(body="The school garden in Washington opened on Tuesday.", people=[])
    assert store.save(_article(2, gone)).status == "replaced"
    assert _people(engine) == {
        "Barack Obama": ["the economy is growing faster than anyone expected"]
    }


SHORT = "make America great again"
LONG1 = "And let's make America great again, all of us, together."
LONG2 = "The Super Bowl is boring tonight. MAKE AMERICA GREAT AGAIN!"


def _speech(line: str) -> dict:
    return dict(
        body=f'Donald Trump said "{line}" at the rally.',
        people=[{"name": "Donald Trump", "aliases": ["Trump"]}],
        quotes=[{"text": line, "speaker": "Donald Trump"}],
    )


def test_statements_are_the_same_groups_in_any_order(tmp_path):
    snaps = _all_orders(tmp_path, [_speech(SHORT), _speech(LONG1), _speech(LONG2)])
    for other in snaps[1:]:
        diff = differences(snaps[0], other)
        assert not diff, "\n".join(diff)
    (statement,) = snaps[0]["statements"]  # the short one joins both long ones: one group
    assert statement[1] == max([SHORT, LONG1, LONG2], key=len)  # the longest wording
    assert len(statement[2]) == 3


def test_a_statement_splits_when_the_quote_that_joined_it_goes(tmp_path):
    engine = db.make_engine(str(tmp_path / "s.db"))
    db.upgrade(engine)
    store = Store(engine)
    for i, line in enumerate([LONG1, LONG2, SHORT]):
        store.save(_article(i, _speech(line)))
    with engine.connect() as conn:
        assert conn.execute(select(Statement.id)).all().__len__() == 1
    store.save(_article(2, dict(body="Nothing was said at the rally.", people=[])))
    with engine.connect() as conn:
        rows = conn.execute(select(Statement.text).order_by(Statement.text)).scalars().all()
        assert rows == sorted([LONG1, LONG2])
        assert conn.execute(select(Quote.id)).all().__len__() == 2


def test_the_name_shown_is_the_one_most_articles_use(tmp_path):
    a = dict(body="Volodymyr Zelenskyy spoke.", people=[{"name": "Volodymyr Zelenskyy"}])
    b = dict(body="Volodymyr Zelensky spoke again.", people=[{"name": "Volodymyr Zelensky"}])
    c = dict(
        body="Later Volodymyr Zelensky spoke once more.", people=[{"name": "Volodymyr Zelensky"}]
    )
    snaps = _all_orders(tmp_path, [a, b, c])
    assert {tuple(sorted(s["_people"])) for s in snaps} == {("Volodymyr Zelensky",)}


def test_a_place_keeps_what_any_article_knew_of_it_in_any_order(tmp_path):
    """One article gives the region a country, another does not: the row has it either way."""
    from archive.store.models import Place

    with_cc = dict(
        name="Midwest",
        kind="region",
        country_code="US",
        gazetteer_id="place:midwest",
        aliases=["Midwest"],
    )
    without = dict(with_cc, country_code=None)
    rows = []
    for n, order in enumerate(([with_cc, without], [without, with_cc])):
        engine = db.make_engine(str(tmp_path / f"p{n}.db"))
        db.upgrade(engine)
        store = Store(engine)
        for i, place in enumerate(order):
            store.save(
                make_extraction(
                    f"Storms in the Midwest, day {i}.", path=f"{i}.txt", source="S", places=[place]
                )
            )
        with engine.connect() as conn:
            rows.append(
                conn.execute(select(Place.name, Place.country_code, Place.gazetteer_id)).all()
            )
    assert rows[0] == rows[1] == [("Midwest", "US", "place:midwest")]


def test_one_article_can_join_two_statements_and_add_to_them(tmp_path):
    """The bridging quote and a later quote of the same article that only matches it."""
    engine = db.make_engine(str(tmp_path / "b.db"))
    db.upgrade(engine)
    store = Store(engine)
    store.save(_article(0, _speech(LONG1)))
    store.save(_article(1, _speech(LONG2)))
    later = "make America great again, said the crowd"
    body = f'Donald Trump said "{SHORT}" and then "{later}" at the rally.'
    store.save(
        make_extraction(
            body,
            path="2.txt",
            source="S",
            people=[{"name": "Donald Trump"}],
            quotes=[
                {"text": SHORT, "speaker": "Donald Trump"},
                {"text": later, "speaker": "Donald Trump"},
            ],
        )
    )
    with engine.connect() as conn:
        assert len(conn.execute(select(Statement.id)).all()) == 1
        assert len(conn.execute(select(Quote.id)).all()) == 4


def _trump_corpus(donald_articles: int) -> list[dict]:
    donald = [
        dict(body=f"Donald Trump held rally number {i} in Ohio.", people=[{"name": "Donald Trump"}])
        for i in range(donald_articles)
    ]
    melania = dict(body="Melania Trump visited a hospital.", people=[{"name": "Melania Trump"}])
    bare = dict(
        body='President Trump said "the wall will be built soon" on Friday.',
        people=[{"name": "Trump", "aliases": ["President Trump"]}],
        quotes=[{"text": "the wall will be built soon", "speaker": "Trump"}],
    )
    return [*donald, melania, bare]


def _orders(specs):
    numbered = list(enumerate(specs))
    return [numbered, numbered[::-1], numbered[-1:] + numbered[:-1], numbered[1:] + numbered[:1]]


def test_a_bare_surname_goes_to_the_person_who_clearly_leads_in_any_order(tmp_path):
    """Three articles name Donald Trump in full, one Melania Trump: "President Trump" is Donald."""
    snaps = [_build(tmp_path, f"t{n}", order) for n, order in enumerate(_orders(_trump_corpus(3)))]
    for other in snaps[1:]:
        diff = differences(snaps[0], other)
        assert not diff, "\n".join(diff)
    people = snaps[0]["_people"]
    assert people == {"Donald Trump": ["the wall will be built soon"], "Melania Trump": []}


def test_without_a_clear_lead_a_bare_surname_stays_apart_in_any_order(tmp_path):
    snaps = [_build(tmp_path, f"u{n}", order) for n, order in enumerate(_orders(_trump_corpus(2)))]
    for other in snaps[1:]:
        assert not differences(snaps[0], other)
    assert snaps[0]["_people"] == {
        "Donald Trump": [],
        "Melania Trump": [],
        "Trump": ["the wall will be built soon"],
    }


MR = dict(
    body='Mr. Obama said "our progress is on the ballot" on Saturday.',
    people=[{"name": "Obama", "aliases": ["Mr. Obama"]}],
    quotes=[{"text": "our progress is on the ballot", "speaker": "Obama"}],
)


def test_a_titled_surname_never_goes_to_a_namesake_of_the_other_sex_in_any_order(tmp_path):
    """ "Mr. Obama" is no "Michelle Obama", however alone she is; once a Barack Obama is known
    the quote is his, whichever article came first."""
    for sub in ("a", "b", "c"):
        (tmp_path / sub).mkdir()
    snaps = _all_orders(tmp_path / "a", [MR, MICHELLE])
    for other in snaps[1:]:
        assert not differences(snaps[0], other)
    assert snaps[0]["_people"] == {"Obama": ["our progress is on the ballot"], "Michelle Obama": []}
    snaps = _all_orders(tmp_path / "b", [MR, MICHELLE, BARACK])
    for other in snaps[1:]:
        diff = differences(snaps[0], other)
        assert not diff, "\n".join(diff)
    assert snaps[0]["_people"] == {
        "Barack Obama": ["our progress is on the ballot"],
        "Michelle Obama": [],
    }
    # an untitled bare surname still goes to the one Obama there is
    snaps = _all_orders(tmp_path / "c", [BARE, MICHELLE])
    assert snaps[0]["_people"] == {
        "Michelle Obama": ["the economy is growing faster than anyone expected"]
    }
