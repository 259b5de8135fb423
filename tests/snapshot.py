"""The content of an archive without its row ids, to compare two archives built differently.

Two ingests of the same documents (one process, or several at once in any order) must give the
same ``snapshot()``: the same articles, sources, people (name, every alias, where they appear),
quotes (with speaker and statement), statements and places. Ids and ingest times are left out;
everything else is named by content (an article by its content hash, a person by their name).
"""

from __future__ import annotations

import json
from collections import defaultdict

from sqlalchemy import Engine, text


def _sorted(items) -> list:
    return sorted(items, key=repr)


def _rows(conn, sql: str):
    return conn.execute(text(sql)).all()


def snapshot(engine: Engine) -> dict[str, list]:
    with engine.connect() as conn:
        sha = dict(_rows(conn, "SELECT id, content_sha256 FROM articles"))
        src = dict(_rows(conn, "SELECT id, name FROM sources"))
        pname = dict(_rows(conn, "SELECT id, name FROM people"))
        aliases: dict[int, list[str]] = defaultdict(list)
        for pid, alias in _rows(conn, "SELECT person_id, alias FROM person_aliases"):
            aliases[pid].append(alias)
        appear: dict[int, list] = defaultdict(list)
        for aid, pid, role, titles, n in _rows(
            conn, "SELECT article_id, person_id, role, titles, mention_count FROM article_people"
        ):
            if isinstance(titles, str):  # JSON as text (SQLite) or already decoded (PostgreSQL)
                titles = json.loads(titles)
            appear[pid].append((sha[aid], role, tuple(titles or ()), n))
        mentions: dict[int, list] = defaultdict(list)
        for aid, pid, s, e in _rows(
            conn, "SELECT article_id, person_id, start_char, end_char FROM mentions"
        ):
            mentions[pid].append((sha[aid], s, e))
        people = _sorted(
            (
                pname[pid],
                tuple(_sorted(aliases[pid])),
                tuple(_sorted(appear[pid])),
                tuple(_sorted(mentions[pid])),
            )
            for pid in pname
        )
        person_sig = {pid: (pname[pid], tuple(_sorted(aliases[pid]))) for pid in pname}

        stmt_rows = _rows(conn, "SELECT id, speaker_id, text FROM statements")
        stmt_quotes: dict[int, list] = defaultdict(list)
        quotes = []
        for aid, spk, stid, s, e, qtext, kind, skind, stext, cue in _rows(
            conn,
            "SELECT article_id, speaker_id, statement_id, start_char, end_char, text, kind, "
            "speaker_kind, speaker_text, cue FROM quotes",
        ):
            stmt_quotes[stid].append((sha[aid], s))
            quotes.append((sha[aid], s, e, qtext, kind, skind, stext, cue, person_sig.get(spk)))
        statements = _sorted(
            (person_sig.get(spk), stext, tuple(_sorted(stmt_quotes[stid])))
            for stid, spk, stext in stmt_rows
        )
        quotes_by_stmt = {q: stid for stid, qs in stmt_quotes.items() for q in qs}
        stmt_text = {stid: stext for stid, _spk, stext in stmt_rows}
        quotes = _sorted(q + (stmt_text.get(quotes_by_stmt.get((q[0], q[1]))),) for q in quotes)

        place_alias: dict[int, list[str]] = defaultdict(list)
        for pid, alias in _rows(conn, "SELECT place_id, alias FROM place_aliases"):
            place_alias[pid].append(alias)
        place_art: dict[int, list] = defaultdict(list)
        for aid, pid, n in _rows(
            conn, "SELECT article_id, place_id, mention_count FROM article_places"
        ):
            place_art[pid].append((sha[aid], n))
        place_men: dict[int, list] = defaultdict(list)
        for aid, pid, s, e in _rows(
            conn, "SELECT article_id, place_id, start_char, end_char FROM place_mentions"
        ):
            place_men[pid].append((sha[aid], s, e))
        places = _sorted(
            (
                name,
                kind,
                cc,
                gid,
                tuple(_sorted(place_alias[pid])),
                tuple(_sorted(place_art[pid])),
                tuple(_sorted(place_men[pid])),
            )
            for pid, name, kind, cc, gid in _rows(
                conn, "SELECT id, name, kind, country_code, gazetteer_id FROM places"
            )
        )
        articles = _sorted(
            (sha[aid], path, title, src.get(s), src.get(w), body)
            for aid, path, title, s, w, body in _rows(
                conn, "SELECT id, path, title, source_id, wire_id, body FROM articles"
            )
        )
        sources = _sorted(
            tuple(r) for r in _rows(conn, "SELECT name, kind, domain, country_code FROM sources")
        )
    return {
        "articles": articles,
        "sources": sources,
        "people": people,
        "quotes": quotes,
        "statements": statements,
        "places": places,
    }


def differences(a: dict[str, list], b: dict[str, list], limit: int = 5) -> list[str]:
    """Readable differences between two snapshots (empty when they are the same)."""
    out = []
    for table in a:
        left, right = a[table], b.get(table, [])
        if left == right:
            continue
        only_a = [x for x in left if x not in right]
        only_b = [x for x in right if x not in left]
        out.append(
            f"{table}: {len(left)} vs {len(right)} rows; {len(only_a)} only in the first, "
            f"{len(only_b)} only in the second"
        )
        out += [f"  - {str(x)[:300]}" for x in only_a[:limit]]
        out += [f"  + {str(x)[:300]}" for x in only_b[:limit]]
    return out
