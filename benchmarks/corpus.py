"""Deterministic corpus of realistic, distinct article variants built from the seeds and fixtures.

Each variant keeps its seed's header and footer lines (outlet banners, bylines, "appeared first
on ...", comment widgets) so that the cleaner still has real boilerplate to remove, and changes the
body: paragraphs are shuffled (the lede stays first), people are renamed consistently (full names
and surnames) to invented names, places are swapped for other real places, and some titles get a
prefix. The same ``seed`` always gives the same files; every file's text is distinct.
"""

from __future__ import annotations

import hashlib
import json
import random
import re
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
FIXTURES = ROOT / "tests" / "fixtures"

FIRST_NAMES = [
    "Adrian",
    "Alina",
    "Anders",
    "Bogdan",
    "Camille",
    "Dariusz",
    "Elena",
    "Farid",
    "Greta",
    "Hanna",
    "Ilya",
    "Ingrid",
    "Jonas",
    "Karim",
    "Katarina",
    "Lars",
    "Leila",
    "Marek",
    "Marta",
    "Nadia",
    "Oskar",
    "Petra",
    "Rafael",
    "Sabine",
    "Tomasz",
    "Ursula",
    "Viktor",
    "Yana",
    "Zoran",
    "Miriam",
    "Henrik",
    "Oleksandr",
    "Svitlana",
    "Matteo",
    "Amara",
    "Julien",
    "Nikolai",
    "Teodora",
    "Emre",
    "Rosa",
]
SURNAMES = [
    "Halvorsen",
    "Kovalenko",
    "Brennan",
    "Moravec",
    "Okafor",
    "Lindqvist",
    "Petrenko",
    "Dumont",
    "Castellano",
    "Novak",
    "Rahimi",
    "Sorensen",
    "Albescu",
    "Tkachuk",
    "Whitfield",
    "Marchetti",
    "Yilmaz",
    "Varga",
    "Kessler",
    "Ostrowski",
    "Bergstrom",
    "Hadzic",
    "Fontaine",
    "Lazarev",
    "Mbeki",
    "Quintero",
    "Ferreira",
    "Oyelaran",
    "Szabo",
    "Karlsson",
    "Demir",
    "Rousseau",
    "Hollis",
    "Stavros",
    "Nakamura",
    "Delacroix",
    "Abernathy",
    "Pacheco",
    "Lindgren",
    "Voronov",
]
# (city, country, adjective): the talks' venue in the seeds (Geneva / Abu Dhabi) is swapped for one
# of these.
VENUES = [
    ("Geneva", "Switzerland", "Swiss"),
    ("Vienna", "Austria", "Austrian"),
    ("Istanbul", "Turkey", "Turkish"),
    ("Riyadh", "Saudi Arabia", "Saudi"),
    ("Helsinki", "Finland", "Finnish"),
    ("Doha", "Qatar", "Qatari"),
    ("Oslo", "Norway", "Norwegian"),
    ("Budapest", "Hungary", "Hungarian"),
    ("Warsaw", "Poland", "Polish"),
    ("Stockholm", "Sweden", "Swedish"),
    ("Copenhagen", "Denmark", "Danish"),
    ("Lisbon", "Portugal", "Portuguese"),
]
SECOND_VENUES = ["Abu Dhabi", "Jeddah", "Ankara", "Baku", "Minsk", "Dubai", "Muscat", "Valletta"]
FRONT_TOWNS = [
    "Kostyantynivka",
    "Kramatorsk",
    "Pokrovsk",
    "Sloviansk",
    "Kupiansk",
    "Huliaipole",
    "Kherson",
    "Sumy",
]
REGIONS = ["Donetsk", "Luhansk", "Kharkiv", "Zaporizhzhia", "Dnipropetrovsk", "Kherson"]
HTML_PLACES = [
    "Monmouth",
    "Hereford",
    "Shrewsbury",
    "Worcester",
    "Gloucester",
    "Ludlow",
    "Abergavenny",
    "Chepstow",
]
HTML_PEOPLE = ["Rachel Lyons", "Gareth Pryce", "Ed Miliband", "Helena Marsh", "Tomas Oduya"]
TITLE_PREFIXES = ["", "", "", "Analysis: ", "Live: ", "UPDATE 2-", "Explainer: ", "Exclusive: "]

PARAGRAPH_MIN_WORDS = 18
MIN_SEED_WORDS = 300


@dataclass
class Seed:
    name: str
    text: str
    kind: str  # "text" | "html"
    people: list[str]


def _gold_people() -> dict[str, list[str]]:
    path = FIXTURES / "gold_seeds.json"
    if not path.exists():
        return {}
    data = json.loads(path.read_text(encoding="utf-8"))
    return {a["file"]: [p["name"] for p in a.get("people", [])] for a in data.get("articles", [])}


def load_seeds() -> list[Seed]:
    gold = _gold_people()
    all_people = sorted({n for names in gold.values() for n in names})
    seeds = []
    for path in sorted(SEEDS.glob("*.txt")):
        seeds.append(
            Seed(
                path.name, path.read_text(encoding="utf-8"), "text", gold.get(path.name, all_people)
            )
        )
    for path in sorted(FIXTURES.rglob("*.txt")):
        try:
            text = path.read_text(encoding="utf-8")
        except (UnicodeDecodeError, OSError):
            continue  # the readers' edge-case fixtures (binary, cp1252) are not articles
        if len(text.split()) < MIN_SEED_WORDS:
            continue
        seeds.append(Seed(path.name, text, "text", gold.get(path.name) or guess_people(text)))
    for path in sorted(FIXTURES.rglob("*.html")):
        try:
            html = path.read_text(encoding="utf-8")
        except (UnicodeDecodeError, OSError):
            continue
        words = re.sub(r"<[^>]+>", " ", html).split()
        if len(words) < MIN_SEED_WORDS:
            continue
        people = guess_people(re.sub(r"<[^>]+>", "\n", html))
        people += [n for n in HTML_PEOPLE if n in html and n not in people]
        seeds.append(Seed(path.name, html, "html", people))
    return seeds


BOILERPLATE = re.compile(
    r"appeared first on|contributed reporting|reports on the|journalists of|newsletter|subscribe|"
    r"all rights reserved|©|generated with the assistance|join our|support",
    re.I,
)


_NAME = re.compile(
    r"\b([A-Z][a-z]+(?:-[A-Z][a-z]+)?) ((?:[A-Z]\. )?[A-Z][a-z]+(?:-[A-Z][a-z]+)?)\b"
)


_NOT_FIRST = {
    "But",
    "Former",
    "Mr",
    "Mrs",
    "Ms",
    "Dr",
    "The",
    "When",
    "Whether",
    "President",
    "And",
    "In",
    "On",
    "At",
    "By",
    "For",
    "Paris",
    "New",
    "North",
    "South",
    "East",
    "West",
}
_CUE = (
    r"(?:said|says|told|added|wrote|argued|warned|insisted|noted|explained|testified|scored"
    r"|replied)"
)


def guess_people(text: str) -> list[str]:
    """Names for fixtures without gold data: "First Last" pairs whose surname recurs on its own
    as a speaker or with an honorific ("Whitcomb said", "Mr. Whitcomb"), the usual news style."""
    found = []
    banner = set(" ".join(text.strip().split("\n")[:5]).split())
    for m in _NAME.finditer(text):
        first, last = m.group(1), m.group(2).split()[-1]
        if first in _NOT_FIRST or last in banner or first in banner:
            continue
        alone = rf"(?<!{re.escape(first)} )\b{re.escape(last)}\b"
        if re.search(alone + rf"[^.\n]{{0,30}}?\b{_CUE}\b", text) or re.search(
            rf"\b(?:Mr|Mrs|Ms|Dr)\.? {re.escape(last)}\b", text
        ):
            found.append(f"{first} {last}")
    return list(dict.fromkeys(found))


def _is_paragraph(line: str) -> bool:
    s = line.strip()
    return (
        len(s.split()) >= PARAGRAPH_MIN_WORDS
        and s[-1:] in ".”\"’'?!"
        and not line[:1].isspace()
        and not BOILERPLATE.search(s)
    )


def _runs(lines: list[str]) -> list[list[int]]:
    """Indices of body paragraphs, grouped into runs. A run ends at a boilerplate line or at three
    non-paragraph lines in a row (photo credits, "KEY TAKEAWAYS" boxes, comment widgets)."""
    runs: list[list[int]] = [[]]
    other = 0
    for i, line in enumerate(lines):
        s = line.strip()
        if not s:
            continue
        if _is_paragraph(line):
            runs[-1].append(i)
            other = 0
            continue
        other += 1
        if other >= 3 or len(s.split()) >= PARAGRAPH_MIN_WORDS:
            if runs[-1]:
                runs.append([])
    return [r for r in runs if r]


def _shuffle_text_body(text: str, rng: random.Random) -> str:
    """Shuffle body paragraphs within their run (the first paragraph of a run stays first);
    headers, footers, captions and short lines in between (subheads) stay where they are."""
    lines = text.split("\n")
    for run in _runs(lines):
        if len(run) < 3:
            continue
        movable = run[1:]
        paras = [lines[i] for i in movable]
        rng.shuffle(paras)
        # drop one body paragraph now and then, so that lengths differ too
        if len(paras) > 6 and rng.random() < 0.5:
            paras[rng.randrange(len(paras))] = ""
        for i, p in zip(movable, paras):
            lines[i] = p
    return "\n".join(lines)


_P = re.compile(r"(<p>.*?</p>)", re.S)


def _shuffle_html_body(html: str, rng: random.Random) -> str:
    start = html.find('<div class="article-body">')
    end = html.find("</div>", start)
    if start < 0 or end < 0:
        return html
    body = html[start:end]
    paras = [m.group(1) for m in _P.finditer(body) if "<aside" not in m.group(1)]
    top = [p for p in paras if len(p.split()) >= 12]
    if len(top) < 3:
        return html
    lede, rest = top[0], top[1:]
    rng.shuffle(rest)
    it = iter([lede, *rest])
    new_body = _P.sub(lambda m: next(it) if m.group(1) in top else m.group(1), body)
    return html[:start] + new_body + html[end:]


def _rename_people(text: str, people: list[str], rng: random.Random) -> str:
    """Swap every full name and surname for an invented one (consistently within the article)."""
    firsts = rng.sample(FIRST_NAMES, k=min(len(people), len(FIRST_NAMES)))
    lasts = rng.sample(SURNAMES, k=min(len(people), len(SURNAMES)))
    mapping: dict[str, str] = {}
    for name, first, last in zip(people, firsts, lasts):
        parts = name.split()
        if len(parts) < 2:
            continue
        mapping[name] = f"{first} {last}"
        mapping.setdefault(parts[0] + " " + parts[-1], f"{first} {last}")
        mapping.setdefault(parts[-1], last)
    if not mapping:
        return text
    # longest first, so full names win over their surnames
    keys = sorted(mapping, key=len, reverse=True)
    pattern = re.compile(r"\b(" + "|".join(re.escape(k) for k in keys) + r")\b")
    return pattern.sub(lambda m: mapping[m.group(1)], text)


def _swap_places(text: str, kind: str, rng: random.Random) -> str:
    if kind == "html":
        town = rng.choice(HTML_PLACES)
        return re.sub(r"\bMonmouth\b", town, text)
    city, country, adj = rng.choice(VENUES)
    mapping = {"Geneva": city, "Switzerland": country, "Swiss": adj}
    mapping["Abu Dhabi"] = rng.choice([v for v in SECOND_VENUES if v != city])
    mapping["Kostyantynivka"] = rng.choice(FRONT_TOWNS)
    region = rng.choice(REGIONS)
    if region != "Zaporizhzhia":
        mapping["Donetsk"] = region
    pattern = re.compile(
        r"\b(" + "|".join(re.escape(k) for k in sorted(mapping, key=len, reverse=True)) + r")\b"
    )
    return pattern.sub(lambda m: mapping[m.group(1)], text)


def _vary_title(text: str, kind: str, rng: random.Random) -> str:
    prefix = rng.choice(TITLE_PREFIXES)
    if not prefix:
        return text
    if kind == "html":
        return text.replace("<h1>", "<h1>" + prefix, 1).replace("<title>", "<title>" + prefix, 1)
    lines = text.split("\n")
    for i, line in enumerate(lines):
        s = line.strip()
        if _is_paragraph(line):
            break  # the headline comes before the body, or there is none
        # the headline: the first short line that is not a banner, a menu or a byline
        if (
            i > 0
            and 4 <= len(s.split()) <= 20
            and "|" not in s
            and not s.startswith("By ")
            and not s.isupper()
            and not BOILERPLATE.search(s)
        ):
            lines[i] = prefix + line
            break
    return "\n".join(lines)


def make_variant(seed: Seed, rng: random.Random) -> str:
    if seed.kind == "html":
        text = _shuffle_html_body(seed.text, rng)
    else:
        text = _shuffle_text_body(seed.text, rng)
    text = _rename_people(text, seed.people, rng)
    text = _swap_places(text, seed.kind, rng)
    return _vary_title(text, seed.kind, rng)


def generate(
    out_dir: str | Path, n: int, seed: int = 20240601, html_every: int = 25, parts: int = 1
) -> list[Path]:
    """Write ``n`` distinct variants into ``out_dir`` (split into ``parts`` sub-folders
    ``part0``.. so that a prefix of the corpus can be ingested on its own); returns the paths."""
    out = Path(out_dir)
    seeds = load_seeds()
    text_seeds = [s for s in seeds if s.kind == "text"]
    html_seeds = [s for s in seeds if s.kind == "html"]
    rng = random.Random(seed)
    seen: set[str] = set()
    paths: list[Path] = []
    per_part = -(-n // parts)
    i = 0
    attempts = 0
    while len(paths) < n:
        attempts += 1
        if attempts > n * 20:
            raise RuntimeError("cannot make enough distinct variants")
        use_html = html_seeds and html_every and (i % html_every == html_every - 1)
        src = rng.choice(html_seeds) if use_html else text_seeds[i % len(text_seeds)]
        text = make_variant(src, rng)
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
        if digest in seen:
            continue
        seen.add(digest)
        folder = out / f"part{len(paths) // per_part}" if parts > 1 else out
        folder.mkdir(parents=True, exist_ok=True)
        ext = ".html" if src.kind == "html" else ".txt"
        path = folder / f"{len(paths):05d}_{Path(src.name).stem[:3]}{ext}"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
        i += 1
    return paths


if __name__ == "__main__":  # python benchmarks/corpus.py OUT_DIR N
    import sys

    files = generate(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 500)
    print(f"{len(files)} files in {sys.argv[1]}")
