"""Shared test helpers: paths, and a small handmade archive (no NLP).

``make_extraction`` builds an :class:`archive.records.Extraction` from a body and the surface
forms of its people, places and quotes (offsets are found in the body), so tests can write
articles through ``Store.save`` exactly as ``archive ingest`` does.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from archive.records import (
    CleanArticle,
    Extraction,
    PersonEntity,
    PlaceEntity,
    QuoteRecord,
    RawDocument,
    Span,
)

ROOT = Path(__file__).resolve().parents[1]  # the repository
TESTS = ROOT / "tests"
FIXTURES = TESTS / "fixtures"
SEEDS = ROOT / "seeds"


def _spans(body: str, forms) -> list[Span]:
    out = []
    for form in forms:
        start = body.find(form)
        while start >= 0:
            out.append(Span(start, start + len(form), form))
            start = body.find(form, start + len(form))
    return out


def make_extraction(
    body: str,
    *,
    path: str,
    title: str | None = None,
    source: str | None = None,
    wire: str | None = None,
    published_at: str | None = None,
    people: list[dict] = (),
    places: list[dict] = (),
    quotes: list[dict] = (),
    authors: list[str] = (),
) -> Extraction:
    """people: {name, aliases, roles}; places: {name, kind, country_code, latitude, longitude,
    gazetteer_id, aliases}; quotes: {text, speaker (a name in people), speaker_text, cue}."""
    person_ents = [
        PersonEntity(
            name=p["name"],
            aliases=list(p.get("aliases", [])),
            roles=list(p.get("roles", [])),
            mentions=_spans(body, [p["name"], *p.get("aliases", [])]),
        )
        for p in people
    ]
    person_ents += [PersonEntity(name=a, aliases=[a], role="author") for a in authors]
    place_ents = [
        PlaceEntity(
            name=pl["name"],
            kind=pl.get("kind", "city"),
            country_code=pl.get("country_code"),
            latitude=pl.get("latitude"),
            longitude=pl.get("longitude"),
            gazetteer_id=pl.get("gazetteer_id"),
            aliases=list(pl.get("aliases", [pl["name"]])),
            mentions=_spans(body, pl.get("aliases", [pl["name"]])),
        )
        for pl in places
    ]
    names = [p["name"] for p in people]
    quote_recs = []
    for q in quotes:
        start = body.index(q["text"])
        speaker = q.get("speaker")
        quote_recs.append(
            QuoteRecord(
                text=q["text"],
                start=start,
                end=start + len(q["text"]),
                kind=q.get("kind", "full"),
                speaker_kind="person" if speaker else q.get("speaker_kind", "none"),
                speaker=names.index(speaker) if speaker else None,
                speaker_text=q.get("speaker_text", speaker),
                cue=q.get("cue", "said"),
            )
        )
    raw = f"{title}\n\n{body}" if title else body
    return Extraction(
        doc=RawDocument(path=path, name=path.rsplit("/", 1)[-1], raw_text=raw, format="text"),
        article=CleanArticle(
            body=body,
            title=title,
            source=source,
            wire=wire,
            published_at=published_at,
            authors=list(authors),
        ),
        people=person_ents,
        places=place_ents,
        quotes=quote_recs,
        content_sha256=hashlib.sha256(raw.encode("utf-8")).hexdigest(),
        word_count=len(body.split()),
    )


KYIV = dict(
    name="Kyiv",
    kind="city",
    country_code="UA",
    latitude=50.4501,
    longitude=30.5234,
    gazetteer_id="geonames:703448",
    aliases=["Kyiv", "Kiev"],
)
MOSCOW = dict(
    name="Moscow",
    kind="city",
    country_code="RU",
    latitude=55.7558,
    longitude=37.6173,
    gazetteer_id="geonames:524901",
    aliases=["Moscow"],
)
UKRAINE = dict(
    name="Ukraine",
    kind="country",
    country_code="UA",
    latitude=49.0,
    longitude=32.0,
    gazetteer_id="iso3166:UA",
    aliases=["Ukraine"],
)
NOWHERE = dict(name="Nowhere Bay", kind="other", aliases=["Nowhere Bay"])  # no coordinates

ZELENSKY_SAID = "We need more air defence systems now, not tomorrow."
PUTIN_SAID = "The special operation will continue until its goals are achieved."
PESKOV_SAID = "It's 100% a done_deal, don't worry about it."
SQL_QUOTE = "'; DROP TABLE quotes; -- was written on the wall"


def sample_extractions() -> list[Extraction]:
    """Four articles from four outlets: one statement of Volodymyr Zelensky carried by three of
    them (spelled "Zelenskyy" and "Zelensky"), Vladimir Putin as "Mr Putin", places with
    coordinates, quotes containing ', %, _ and SQL text, two authors named Smith."""
    a1 = (
        "President Volodymyr Zelenskyy spoke in Kyiv on Friday. "
        f'"{ZELENSKY_SAID}" Zelenskyy said. Russia attacked Ukraine again overnight.'
    )
    a2 = (
        "Ukrainian President Volodymyr Zelensky appealed to allies from Kiev. "
        f'"{ZELENSKY_SAID}" Zelensky told reporters. In Moscow, Vladimir Putin answered. '
        f'"{PUTIN_SAID}" Mr Putin said.'
    )
    a3 = (
        f'Volodymyr Zelensky repeated his call: "{ZELENSKY_SAID}" '
        "Kremlin spokesman Dmitry Peskov dismissed it in Moscow. "
        f'"{PESKOV_SAID}" Peskov said. A photograph showed the slogan "{SQL_QUOTE}" near '
        "Nowhere Bay."
    )
    a4 = (
        "Vladimir Putin chaired a meeting of the security council in Moscow. "
        f'"{PUTIN_SAID}" Putin said, according to the Kremlin. The ceasefire talks stalled.'
    )
    zelenskyy = dict(name="Volodymyr Zelenskyy", aliases=["Zelenskyy"], roles=["President"])
    zelensky = dict(name="Volodymyr Zelensky", aliases=["Zelensky"], roles=["Ukrainian President"])
    putin = dict(name="Vladimir Putin", aliases=["Putin", "Mr Putin"], roles=["President"])
    peskov = dict(name="Dmitry Peskov", aliases=["Peskov"], roles=["Kremlin spokesman"])
    return [
        make_extraction(
            a1,
            path="kyiv/zelenskyy.txt",
            title="Zelenskyy calls for air defence",
            source="The Kyiv Independent",
            published_at="2024-03-01",
            people=[zelenskyy],
            places=[KYIV, UKRAINE],
            quotes=[
                dict(text=ZELENSKY_SAID, speaker="Volodymyr Zelenskyy", speaker_text="Zelenskyy")
            ],
            authors=["John Smith"],
        ),
        make_extraction(
            a2,
            path="bbc/zelensky-putin.txt",
            title="Zelensky appeals to allies as Putin vows to go on",
            source="BBC News",
            wire="Reuters",
            published_at="2024-03-02T10:30:00",
            people=[zelensky, putin],
            places=[KYIV, MOSCOW],
            quotes=[
                dict(
                    text=ZELENSKY_SAID,
                    speaker="Volodymyr Zelensky",
                    speaker_text="Zelensky",
                    cue="told",
                ),
                dict(text=PUTIN_SAID, speaker="Vladimir Putin", speaker_text="Mr Putin"),
            ],
        ),
        make_extraction(
            a3,
            path="guardian/peskov.txt",
            title="Kremlin's 100% response: it's a done_deal",
            source="The Guardian",
            published_at="2024-03-05",
            people=[zelensky, peskov],
            places=[MOSCOW, NOWHERE],
            quotes=[
                dict(
                    text=ZELENSKY_SAID,
                    speaker="Volodymyr Zelensky",
                    speaker_text="Volodymyr Zelensky",
                ),
                dict(text=PESKOV_SAID, speaker="Dmitry Peskov", speaker_text="Peskov"),
                dict(text=SQL_QUOTE, speaker=None, speaker_kind="none", speaker_text=None),
            ],
            authors=["Jane Smith"],
        ),
        make_extraction(
            a4,
            path="tass/putin.txt",
            title="Putin chairs security council",
            source="TASS",
            published_at="2024-02-20",
            people=[putin],
            places=[MOSCOW],
            quotes=[dict(text=PUTIN_SAID, speaker="Vladimir Putin", speaker_text="Putin")],
        ),
    ]
