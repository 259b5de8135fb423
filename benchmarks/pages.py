"""Saved web pages as they come: outlet, authors, photographers, title and date against the
expected metadata that public test sets ship or a hand-checked gold gives, and whether the same
pages saved as text are linked.

    .venv/bin/python benchmarks/pages.py GIT_DIR [GIT_DIR ...] [--txt] [--jobs 2] [--keep DIR]
                                         [--detail] [--json OUT] [--root CHECKOUT]
                                         [--photographers GOLD]

Each GIT_DIR is a snapshot the fetch tool gives (its git directory; nothing of it is committed):

* ``github:AndyTheFactory/newspaper4k``: ``tests/data/html/NAME.html`` with the expected
  metadata in ``tests/data/metadata/NAME.json`` (title, authors, ``meta_site_name``), the English
  pages; their text in ``tests/data/txt/NAME.txt``.
* ``github:adbar/trafilatura``: the pages of ``tests/eval`` and ``tests/cache`` that
  ``tests/evaldata.json`` gives a title for (and an author: "" for none) and whose ``<html
  lang>`` is English; the outlet where it gives a ``sitename``.
* ``github:mozilla/readability``: the pages of ``test/test-pages`` that the hand-checked gold
  ``benchmarks/readability.json`` names (76 English saved pages: news sites, blogs, docs), with
  its title, authors, outlet and publication date (the UTC date; null where not checked). It
  adds a date accuracy (the first ten characters of ``published_at``).

The set is written into a scratch folder (the pages as .html; with ``--txt`` also each page's
text as .txt: newspaper4k's own text files, trafilatura's extraction for the other set, with the
title as first line), ingested by ``archive ingest -q -j JOBS`` into a new SQLite file and
exported (``archive export --format jsonl``). Scores, per set: outlet accuracy (pages with a
known outlet; names compared folded, without "The" and ".com", one a prefix of the other
counts), authors P/R/F1 (micro, names folded, over the pages with an author field), photographers
F1 where the set knows them (neither does: n/a), title accuracy (folded, equal).

``--photographers GOLD`` (``benchmarks/photographers.json``, hand-made: see benchmarks/README.md)
adds a third set: the news pages of both snapshots that GOLD names (``SET:PATH`` -> the names of
the people credited for the story's photos; ``[]`` for a page that credits none or only an
agency), ingested on their own, scored by photographers P/R/F1 (micro, names folded).

The gold of the two sets is their own and is kept as it is, mistakes included. With ``--txt``:
the .html/.txt pairs linked (``duplicate_of`` of one names the other), and the false links (an
article linked to one of another page). ``--detail`` prints every miss. ``--root`` measures the
archive of another checkout (a worktree of an earlier revision: the "before" figures);
``--rescore`` scores the databases a ``--keep`` folder already holds.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tarfile
import tempfile
import unicodedata
from io import BytesIO
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def fold(s: str | None) -> str:
    """Lower-cased words of S, punctuation and accents' forms left out."""
    if not s:
        return ""
    s = unicodedata.normalize("NFKC", s).replace("’", "'").casefold()
    return " ".join(re.sub(r"[^\w\s]", " ", s).split())


def fold_outlet(s: str | None) -> str:
    """An outlet's name folded, without a leading "the" and a trailing "com"."""
    return re.sub(r"^the |\bcom$", "", fold(s)).strip()


def same_outlet(ours: str | None, gold: str) -> bool:
    a, b = fold_outlet(ours), fold_outlet(gold)
    return bool(a) and (a == b or b.startswith(a + " ") or a.startswith(b + " "))


def _tree(git_dir: str, paths: list[str]) -> tarfile.TarFile:
    """The files under PATHS at HEAD of GIT_DIR, as a tar archive in memory."""
    data = subprocess.run(
        ["git", f"--git-dir={git_dir}", "archive", "HEAD", *paths],
        check=True,
        capture_output=True,
    ).stdout
    return tarfile.open(fileobj=BytesIO(data))


def _files(git_dir: str, paths: list[str]) -> dict[str, bytes]:
    out = {}
    with _tree(git_dir, paths) as tar:
        for member in tar.getmembers():
            if member.isfile():
                out[member.name] = tar.extractfile(member).read()
    return out


def _has(git_dir: str, path: str) -> bool:
    return (
        subprocess.run(
            ["git", f"--git-dir={git_dir}", "cat-file", "-e", f"HEAD:{path}"],
            capture_output=True,
        ).returncode
        == 0
    )


def _lang_en(html: bytes) -> bool:
    m = re.search(rb"<html[^>]*\blang=[\"']?([a-zA-Z-]+)", html[:20000])
    return bool(m) and m.group(1).lower().startswith(b"en")


def newspaper4k(git_dir: str) -> tuple[str, list[dict]]:
    """The newspaper4k pages: (set name, [{name, html, text, title, authors, outlet}])."""
    files = _files(git_dir, ["tests/data/html", "tests/data/metadata", "tests/data/txt"])
    pages = []
    for path, blob in sorted(files.items()):
        m = re.fullmatch(r"tests/data/metadata/(.+)\.json", path)
        html = files.get(f"tests/data/html/{m[1]}.html") if m else None
        if not m or html is None:
            continue
        meta = json.loads(blob)
        if meta.get("language") not in ("en", None) or not _lang_en(html) and meta.get("language"):
            continue
        text = files.get(f"tests/data/txt/{m[1]}.txt")
        pages.append(
            {
                "name": m[1],
                "html": html,
                "text": text.decode("utf-8") if text else None,
                "title": meta.get("title"),
                "authors": list(meta.get("authors") or []),
                "outlet": meta.get("meta_site_name") or None,
            }
        )
    return "newspaper4k", pages


_GOLD_SPLIT = re.compile(r"\s*(?:;|,|&|\band\b)\s*")


def trafilatura_pages(git_dir: str) -> tuple[str, list[dict]]:
    """The trafilatura pages (see the module docstring)."""
    files = _files(git_dir, ["tests/eval", "tests/cache", "tests/evaldata.json"])
    evaldata = json.loads(files["tests/evaldata.json"])
    pages = []
    for url, item in evaldata.items():
        if "title" not in item:
            continue
        html = files.get(f"tests/eval/{item['file']}") or files.get(f"tests/cache/{item['file']}")
        if html is None or not _lang_en(html):
            continue
        author = item.get("author")
        # the set joins several names with ";", ",", "and" or "&" (as written on the page)
        authors = author if isinstance(author, list) else _GOLD_SPLIT.split(author or "")
        pages.append(
            {
                "name": re.sub(r"[^\w.-]+", "_", item["file"].rsplit(".", 1)[0])[:80],
                "html": html,
                "text": None,
                "title": item.get("title"),
                "authors": [a for a in authors if a.strip()] if "author" in item else None,
                "outlet": item.get("sitename") or None,
            }
        )
    return "trafilatura", pages


def readability_pages(git_dir: str) -> tuple[str, list[dict]]:
    """The pages of mozilla/readability's ``test/test-pages`` that the hand-checked gold
    ``benchmarks/readability.json`` names (English, real saved pages), with that gold: the
    set's own expected metadata is what Readability.js extracts, bylines with dates in them
    ("by Lucas Nolan22 Dec 2016651") and titles with the site's name, so it is not the gold."""
    gold = json.loads((ROOT / "benchmarks" / "readability.json").read_text(encoding="utf-8"))
    files = _files(git_dir, [f"test/test-pages/{name}/source.html" for name in gold])
    pages = []
    for name, item in sorted(gold.items()):
        pages.append(
            {
                "name": name,
                "html": files[f"test/test-pages/{name}/source.html"],
                "text": None,
                "title": item["title"],
                "authors": item["authors"],
                "outlet": item["outlet"],
                "date": item["date"],
            }
        )
    return "readability", pages


def _page_text(page: dict) -> str:
    if page["text"]:
        return page["text"]
    import trafilatura

    body = trafilatura.extract(page["html"].decode("utf-8", "replace")) or ""
    return f"{page['title'] or ''}\n\n{body}".strip() + "\n"


def _archive(root: Path, *args: str, db: Path) -> str:
    """Run ``archive ARGS`` of the checkout ROOT on the database DB; its stdout."""
    env = dict(os.environ, PYTHONPATH=str(root), ARCHIVE_DB=str(db))
    return subprocess.run(
        [sys.executable, "-m", "archive", *args], capture_output=True, text=True, env=env, cwd=root
    ).stdout


def _prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _first_names(pages: list[dict]) -> dict[str, str]:
    """Each page's name, or the name of the first page with the same bytes (a set may hold one
    page twice: the archive stores it once, under the first one's name)."""
    first: dict[bytes, str] = {}
    return {p["name"]: first.setdefault(p["html"], p["name"]) for p in pages}


def _count(key: str, page: dict, rec: dict, counts: tuple, detail: bool) -> tuple[int, int, int]:
    """COUNTS (true positives, false positives, false negatives) with the names under KEY of a
    page and of its record added (names folded); ``--detail`` prints a page that differs."""
    gold = {fold(a) for a in page[key]}
    ours = {fold(a) for a in rec[key]}
    tp, fp, fn = counts
    if detail and gold != ours:
        print(f"  {key} {page['name']}: {sorted(ours)} != {sorted(gold)}")
    return tp + len(gold & ours), fp + len(ours - gold), fn + len(gold - ours)


def score(name: str, pages: list[dict], records: dict[str, dict], detail: bool) -> dict:
    """The figures of one set (see the module docstring)."""
    out = {"set": name, "pages": len(pages)}
    outlet_ok = outlet_n = title_ok = title_n = date_ok = date_n = tp = fp = fn = 0
    first = _first_names(pages)
    for page in pages:
        rec = records.get(first[page["name"]] + ".html")
        if rec is None:
            if detail:
                print(f"  {name}/{page['name']}: not ingested", file=sys.stderr)
            rec = {"source": None, "title": None, "authors": []}
        if page["outlet"]:
            outlet_n += 1
            ok = same_outlet(rec["source"], page["outlet"])
            outlet_ok += ok
            if detail and not ok:
                print(f"  outlet {page['name']}: {rec['source']!r} != {page['outlet']!r}")
        if page["title"] is not None:
            title_n += 1
            ok = fold(rec["title"]) == fold(page["title"])
            title_ok += ok
            if detail and not ok:
                print(f"  title {page['name']}: {rec['title']!r} != {page['title']!r}")
        if page.get("date"):
            date_n += 1
            ok = (rec.get("published_at") or "")[:10] == page["date"]
            date_ok += ok
            if detail and not ok:
                print(f"  date {page['name']}: {rec.get('published_at')!r} != {page['date']!r}")
        if page["authors"] is not None:
            tp, fp, fn = _count("authors", page, rec, (tp, fp, fn), detail)
    p, r, f = _prf(tp, fp, fn)
    out.update(
        outlet=outlet_ok / outlet_n if outlet_n else None,
        outlet_n=outlet_n,
        authors_p=p,
        authors_r=r,
        authors_f1=f,
        photographers_f1=None,  # neither set says who took the photos
        title=title_ok / title_n if title_n else None,
        date=date_ok / date_n if date_n else None,
        date_n=date_n,
    )
    return out


def photo_pages(gold: dict[str, list[str]], git_dirs: dict[str, str]) -> list[dict]:
    """The pages GOLD names ("newspaper4k:tests/data/html/x.html"), read from the snapshots
    GIT_DIRS (set name -> git directory), with their photographers."""
    wanted: dict[str, list[str]] = {}
    for key in gold:
        set_name, _, path = key.partition(":")
        wanted.setdefault(set_name, []).append(path)
    pages = []
    for set_name, paths in wanted.items():
        if set_name not in git_dirs:
            raise SystemExit(f"--photographers: no snapshot of {set_name} given")
        files = _files(git_dirs[set_name], paths)
        for path in paths:
            stem = re.sub(r"[^\w.-]+", "_", path.rsplit("/", 1)[-1].rsplit(".", 1)[0])
            pages.append(
                {
                    "name": f"{set_name[:4]}_{stem[:80]}",
                    "html": files[path],
                    "photographers": gold[f"{set_name}:{path}"],
                }
            )
    return pages


def score_photographers(pages: list[dict], records: dict[str, dict], detail: bool) -> dict:
    """Photographers P/R/F1 (micro, names folded) of the --photographers set."""
    tp = fp = fn = 0
    first = _first_names(pages)
    for page in pages:
        rec = records.get(first[page["name"]] + ".html") or {"photographers": []}
        tp, fp, fn = _count("photographers", page, rec, (tp, fp, fn), detail)
    p, r, f = _prf(tp, fp, fn)
    return {"set": "photographers", "pages": len(pages), "names": tp + fn, "p": p, "r": r, "f1": f}


def links(name: str, pages: list[dict], records: list[dict]) -> dict:
    """How many .html/.txt pairs are linked, and how many links join different pages."""
    by_id = {r["id"]: r for r in records}
    first = _first_names(pages)
    page_of = {r["id"]: first.get(r["file"].rsplit(".", 1)[0]) for r in records}
    linked = false = 0
    for r in records:
        if r.get("duplicate_of") is None:
            continue
        if page_of[r["duplicate_of"]] == page_of[r["id"]]:
            linked += 1
        else:
            false += 1
            print(f"  false link {name}: {r['file']} -> {by_id[r['duplicate_of']]['file']}")
    n = len(records)
    return {
        "pairs": len(pages),
        "linked": linked,
        "false": false,
        "article_pairs": n * (n - 1) // 2,
    }


def _ingest_export(
    root: Path, scratch: Path, name: str, pages: list[dict], args: argparse.Namespace
) -> list[dict]:
    """Write PAGES into SCRATCH/NAME, ingest them into SCRATCH/NAME.db (unless --rescore finds
    it) with the archive of ROOT, and return the export's records."""
    folder = scratch / name
    folder.mkdir(parents=True, exist_ok=True)
    for page in pages:
        (folder / f"{page['name']}.html").write_bytes(page["html"])
        if args.txt and name != "photographers":
            (folder / f"{page['name']}.txt").write_text(_page_text(page), encoding="utf-8")
    db = scratch / f"{name}.db"
    if not (args.rescore and db.exists()):
        if db.exists():
            db.unlink()
        print(f"{name}: {len(pages)} pages, ingesting", file=sys.stderr)
        _archive(root, "ingest", str(folder), "-q", "-j", str(args.jobs), db=db)
    return [
        json.loads(line)
        for line in _archive(root, "export", "--format", "jsonl", db=db).split("\n")
        if line.strip()
    ]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("git_dirs", nargs="+", metavar="GIT_DIR")
    ap.add_argument("--txt", action="store_true", help="also save each page as .txt")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--keep", metavar="DIR", help="scratch folder to keep (default: a temp one)")
    ap.add_argument("--detail", action="store_true", help="print every miss")
    ap.add_argument("--json", metavar="OUT", help="write the figures as JSON")
    ap.add_argument("--root", default=str(ROOT), help="the checkout whose archive runs")
    ap.add_argument("--rescore", action="store_true", help="score the --keep folder's databases")
    ap.add_argument("--photographers", metavar="GOLD", help="score photographers against GOLD")
    args = ap.parse_args(argv)
    root = Path(args.root).resolve()
    scratch = Path(args.keep or tempfile.mkdtemp(prefix="pages-"))
    results = []
    snapshots: dict[str, str] = {}
    for git_dir in args.git_dirs:
        if _has(git_dir, "tests/data/metadata"):
            name, pages = newspaper4k(git_dir)
        elif _has(git_dir, "tests/evaldata.json"):
            name, pages = trafilatura_pages(git_dir)
        elif _has(git_dir, "test/test-pages"):
            name, pages = readability_pages(git_dir)
        else:
            print(f"{git_dir}: not newspaper4k, trafilatura or readability", file=sys.stderr)
            return 2
        snapshots[name] = git_dir
        if args.photographers:
            continue  # only the pages the gold names
        exported = _ingest_export(root, scratch, name, pages, args)
        result = score(name, pages, {r["file"]: r for r in exported}, args.detail)
        if args.txt:
            result["duplicates"] = links(name, pages, exported)
        results.append(result)
    if args.photographers:
        gold = json.loads(Path(args.photographers).read_text(encoding="utf-8"))
        pages = photo_pages(gold, snapshots)
        exported = _ingest_export(root, scratch, "photographers", pages, args)
        result = score_photographers(pages, {r["file"]: r for r in exported}, args.detail)
        print(
            f"photographers: {result['pages']} pages, {result['names']} names: P / R / F1 "
            f"{result['p']:.3f} / {result['r']:.3f} / {result['f1']:.3f}"
        )
        if args.json:
            Path(args.json).write_text(json.dumps([result], indent=2))
        return 0
    print("| set | pages | outlet | authors P / R / F1 | photographers F1 | title | date |")
    print("|---|---|---|---|---|---|---|")
    for r in results:
        outlet = f"{r['outlet']:.3f} ({r['outlet_n']})" if r["outlet"] is not None else "n/a"
        date = f"{r['date']:.3f} ({r['date_n']})" if r["date"] is not None else "n/a"
        print(
            f"| {r['set']} | {r['pages']} | {outlet} | {r['authors_p']:.3f} / "
            f"{r['authors_r']:.3f} / {r['authors_f1']:.3f} | n/a | {r['title']:.3f} | {date} |"
        )
    for r in results:
        if "duplicates" in r:
            d = r["duplicates"]
            print(
                f"{r['set']}: {d['linked']}/{d['pairs']} .html/.txt pairs linked, "
                f"{d['false']} false links ({d['article_pairs']:,} article pairs)"
            )
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
