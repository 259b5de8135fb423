"""Near-duplicates at ingest (archive.store.duplicates): the same story twice is one original and
its copies, linked inside the write transaction; different stories and short texts are never
linked; a replaced original hands its copies on; on SQLite and PostgreSQL."""

from __future__ import annotations

from sqlalchemy import text

from archive.extract.similarity import containment, shingles, text_bands
from archive.store import db
from archive.store.writer import Store
from tests.helpers import make_extraction

STORY = (
    "The harbour authority said on Tuesday that the breakwater repairs in Kelmarsh would be "
    "finished a month early, after crews worked through the winter storms. The works cost "
    "4.2 million pounds and were paid for by the county and a grant from the coastal fund. "
    "Fishing boats that had moored in the next town since October can return from Monday, "
    "the authority said, and the ferry to the islands will run to its summer timetable. "
    "Local traders welcomed the news after a season in which footfall fell by a third."
)
OTHER = (
    "The county council voted on Wednesday to close two libraries in the north of the county "
    "and to move their books to a mobile service that will visit eleven villages each week. "
    "Campaigners who had gathered outside the hall said the decision would hurt older "
    "readers most, and that they would ask the courts to review how the vote was held."
)


def _links(engine) -> dict[str, int | None]:
    with engine.connect() as conn:
        ids = dict(conn.execute(text("SELECT id, path FROM articles")).all())
        return {
            path: ids.get(dup)
            for path, dup in conn.execute(text("SELECT path, duplicate_of FROM articles"))
        }


def _save_all(engine) -> Store:
    store = Store(engine)
    saves = [
        make_extraction(STORY, path="story.html", source="Kelmarsh Gazette"),
        make_extraction(OTHER, path="library.txt", source="Kelmarsh Gazette"),
        # the same page saved as text: a headline and a line of furniture around it
        make_extraction(
            "Breakwater repairs finish early\n\n" + STORY + "\n\nShare this article",
            path="story.txt",
        ),
        # reprinted by another outlet, its last sentence cut
        make_extraction(STORY.rsplit(" Local", 1)[0], path="reprint.txt", source="Coast Herald"),
        make_extraction("Short note: the ferry runs on Monday.", path="note1.txt"),
        make_extraction("Short note: the ferry runs on Monday!", path="note2.txt"),
    ]
    for ex in saves:
        assert store.save(ex).status == "added"
    return store


def check_links(engine) -> None:
    _save_all(engine)
    assert _links(engine) == {
        "story.html": None,
        "library.txt": None,
        "story.txt": "story.html",
        "reprint.txt": "story.html",
        "note1.txt": None,  # too short to tell
        "note2.txt": None,
    }
    # the original replaced by a new version: its copies point at the earliest of the story left
    store = Store(engine)
    assert store.save(make_extraction(STORY + " Updated.", path="story.html")).status == "replaced"
    assert _links(engine) == {
        "library.txt": None,
        "story.txt": None,
        "reprint.txt": "story.txt",
        "story.html": "story.txt",
        "note1.txt": None,
        "note2.txt": None,
    }
    with engine.connect() as conn:  # the bands go with their article
        orphans = conn.execute(
            text(
                "SELECT count(*) FROM article_minhash_bands b "
                "WHERE NOT EXISTS (SELECT 1 FROM articles a WHERE a.id = b.article_id)"
            )
        ).scalar()
    assert orphans == 0


def test_copies_are_linked_on_sqlite(archive_engine):
    check_links(archive_engine)


def test_copies_are_linked_on_postgres(pg_url):
    engine = db.make_engine(pg_url)
    db.upgrade(engine)
    check_links(engine)
    engine.dispose()


def test_similarity_measures():
    story, other = shingles(STORY), shingles(OTHER)
    assert containment(story, shingles(STORY.upper().replace(",", ""))) == 1.0
    assert containment(story, other) == 0.0
    assert len(text_bands(STORY)) == 40 and text_bands("Too short.") == []
    assert text_bands(STORY) == text_bands(" ".join(STORY.split()))  # spacing does not count
    assert all(0 <= b < 2**63 for b in text_bands(STORY))


def test_candidates_are_found_by_index_seeks(archive_engine):
    """The look-up reads one index entry per band, never the whole table (millions of rows)."""
    from archive.store.duplicates import candidates

    stmt = candidates(text_bands(STORY), before=10)
    sql = str(stmt.compile(archive_engine, compile_kwargs={"literal_binds": True}))
    with archive_engine.connect() as conn:
        plan = [r[-1] for r in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + sql)]
    assert any("ix_article_minhash_bands_band_hash (band=? AND hash=?)" in p for p in plan), plan
    assert not any(p.startswith("SCAN article_minhash_bands") for p in plan), plan
