"""Reading input files, folders and stdin into :class:`RawDocument` records.

Formats: plain text (.txt .text .md and any unknown extension), HTML (.html .htm .xhtml; main
text and metadata via trafilatura), JSON Lines (.jsonl .ndjson: one article per line) and JSON
(.json: one article object or a list of them).

Errors. A file that cannot be read at all makes :func:`read_path` raise :class:`ReadError`.
A JSON Lines / JSON file is read row by row: a bad row does not stop the others, so
:func:`read_path` *yields* a ``ReadError`` instance for that row (path ``file.jsonl#N``) in place
of a document. Callers therefore iterate ``RawDocument | ReadError`` items;
:func:`iter_documents` does this for a list of paths and never raises ReadError.
"""
from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable, Iterator
from typing import IO, Any

from .decoding import DecodeError, decode_bytes, normalise_newlines
from .records import RawDocument

MAX_FILE_BYTES = 20 * 1024 * 1024  # larger files are refused
HTML_EXTS = {".html", ".htm", ".xhtml"}
JSONL_EXTS = {".jsonl", ".ndjson"}
JSON_EXTS = {".json"}
TEXT_EXTS = {".txt", ".text", ".md", ".markdown"}
# Extensions picked up when a folder is expanded (explicit file arguments may have any extension).
FOLDER_EXTS = HTML_EXTS | JSONL_EXTS | JSON_EXTS | TEXT_EXTS
# Files a folder of articles often holds that are no articles (read only when named explicitly).
NOT_ARTICLES = {"readme", "license", "licence", "changelog", "changes", "contributing", "notice", "authors"}
META_KEYS = ("title", "url", "source", "published_at", "authors", "wire", "subtitle", "byline")


class ReadError(Exception):
    """A file (or one row of a JSON Lines file) that could not be read; str() is one line."""

    def __init__(self, path: str, reason: str):
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


def iter_paths(paths: Iterable[str]) -> Iterator[str]:
    """Expand folders recursively (sorted; hidden files and folders skipped; only known
    extensions; README, LICENSE and the like skipped). Files and "-" are passed through as given, even when missing (read_path
    reports them)."""
    for path in paths:
        if path != "-" and os.path.isdir(path):
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    stem, ext = os.path.splitext(name)
                    if name.startswith(".") or ext.lower() not in FOLDER_EXTS or stem.lower() in NOT_ARTICLES:
                        continue
                    yield os.path.join(root, name)
        else:
            yield path


def iter_documents(paths: Iterable[str], stdin: IO | None = None) -> Iterator[RawDocument | ReadError]:
    """Every document under ``paths``; unreadable files and rows come out as ReadError items."""
    for path in iter_paths(paths):
        try:
            if path == "-":
                import sys

                yield from read_stdin(stdin if stdin is not None else sys.stdin)
            else:
                yield from read_path(path)
        except ReadError as err:
            yield err


def read_path(path: str) -> Iterator[RawDocument | ReadError]:
    """Documents in one file (see the module docstring for the error contract)."""
    if not os.path.exists(path):
        raise ReadError(path, "no such file")
    if os.path.isdir(path):
        raise ReadError(path, "is a directory")
    try:
        size = os.path.getsize(path)
        if size > MAX_FILE_BYTES:
            raise ReadError(path, f"file too large ({size / 2**20:.1f} MB > {MAX_FILE_BYTES // 2**20} MB limit)")
        with open(path, "rb") as fh:
            data = fh.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise ReadError(path, f"cannot read file ({exc.strerror or exc})") from None
    ext = os.path.splitext(path)[1].lower()
    fmt = "html" if ext in HTML_EXTS else "jsonl" if ext in JSONL_EXTS else "json" if ext in JSON_EXTS else "text"
    yield from _read_bytes(path, os.path.basename(path), data, fmt)


def read_stdin(stream: IO) -> Iterator[RawDocument | ReadError]:
    """Documents from standard input (path "-"); the format is sniffed: HTML, JSON Lines, JSON
    or plain text."""
    source = getattr(stream, "buffer", stream)
    data = source.read(MAX_FILE_BYTES + 1)
    if isinstance(data, str):
        data = data.encode("utf-8")
    if len(data) > MAX_FILE_BYTES:
        raise ReadError("-", f"input too large (> {MAX_FILE_BYTES // 2**20} MB limit)")
    yield from _read_bytes("-", "stdin", data, None)


def sniff_format(text: str) -> str:
    """"html", "jsonl", "json" or "text" from the content."""
    head = text.lstrip()[:2000]
    if re.match(r"(?is)<(!doctype html|html|head|body|article|\?xml)", head) or (
        head.startswith("<") and re.search(r"(?i)</(p|div|body|html|article)>", text[:200000])
    ):
        return "html"
    if head.startswith("{") or head.startswith("["):
        first = head.split("\n", 1)[0].strip()
        try:
            json.loads(first)
            return "jsonl" if first.startswith("{") else "json"
        except ValueError:
            try:
                json.loads(text)
                return "json"
            except ValueError:
                pass
    return "text"


def _read_bytes(path: str, name: str, data: bytes, fmt: str | None) -> Iterator[RawDocument | ReadError]:
    if not data.strip():
        raise ReadError(path, "empty file")
    try:
        text, encoding = decode_bytes(data)
    except DecodeError as exc:
        raise ReadError(path, str(exc)) from None
    if not text.strip():
        raise ReadError(path, "empty file")
    if fmt is None:
        fmt = sniff_format(text)
    if fmt == "html":
        yield _html_document(path, name, text, encoding)
    elif fmt == "jsonl":
        yield from _jsonl_documents(path, name, text, encoding)
    elif fmt == "json":
        yield from _json_documents(path, name, text, encoding)
    else:
        yield RawDocument(path=path, name=name, raw_text=text, format="text", encoding=encoding)


# --- HTML -------------------------------------------------------------------------------------


def html_main_text(html: str) -> tuple[str | None, dict[str, Any]]:
    """Main text and metadata of an HTML page (trafilatura); text is None when nothing is found."""
    import trafilatura

    meta: dict[str, Any] = {}
    try:
        doc = trafilatura.bare_extraction(
            html, with_metadata=True, include_comments=False, include_tables=False, include_images=False
        )
    except Exception:  # trafilatura/lxml raise assorted errors on broken markup
        doc = None
    if doc is None:
        return None, meta
    get = (lambda k: doc.get(k)) if isinstance(doc, dict) else (lambda k: getattr(doc, k, None))
    text = get("text")
    for key, attr in (("title", "title"), ("url", "url"), ("source", "sitename"),
                      ("description", "description"), ("published_at", "date"), ("hostname", "hostname")):
        value = get(attr)
        if value:
            meta[key] = value.strip() if isinstance(value, str) else value
    if get("author"):
        meta["authors"] = split_authors(get("author"))
    meta.update(_html_extra_meta(html))
    text = normalise_newlines(text or "").strip()
    # markup debris ("<", "]]>") is not article text
    return (text if re.search(r"[^\W\d_]{2,}", text) else None), meta


def _html_extra_meta(html: str) -> dict[str, Any]:
    """Full publication timestamp and photo captions, which trafilatura does not return."""
    out: dict[str, Any] = {}
    try:
        import lxml.html

        tree = lxml.html.fromstring(html)
    except Exception:
        return out
    stamp = tree.xpath(
        "//meta[@property='article:published_time' or @name='article:published_time' or "
        "@itemprop='datePublished' or @name='pubdate' or @name='date']/@content"
    )
    if stamp and stamp[0].strip():
        out["published_at"] = stamp[0].strip()
    canonical = tree.xpath("//link[@rel='canonical']/@href")
    if canonical and canonical[0].startswith("http"):
        out["url"] = canonical[0].strip()
    captions = [" ".join(c.text_content().split()) for c in tree.xpath("//figcaption")]
    captions = [c for c in captions if c]
    if captions:
        out["captions"] = captions
    return out


def _html_document(path: str, name: str, html: str, encoding: str | None, row_meta: dict | None = None) -> RawDocument:
    text, meta = html_main_text(html)
    if not text:
        raise ReadError(path, "no article text found in HTML")
    meta.update(row_meta or {})
    return RawDocument(path=path, name=name, raw_text=html, format="html", text=text, meta=meta, encoding=encoding)


# --- JSON Lines / JSON ----------------------------------------------------------------------


def split_authors(value: Any) -> list[str]:
    """Author list from a list or a string ("A; B", "A, B and C")."""
    if isinstance(value, (list, tuple)):
        items = [str(v) for v in value if v]
    elif isinstance(value, str):
        items = re.split(r"\s*(?:;|\||,|\band\b|&)\s*", value)
    else:
        return []
    return [" ".join(i.split()) for i in items if i and i.strip()]


def _row_document(path: str, name: str, row: Any, line: str, encoding: str | None) -> RawDocument:
    if not isinstance(row, dict):
        raise ReadError(path, "row is not a JSON object")
    name = str(row.get("name") or row.get("file") or name)
    meta = {k: row[k] for k in META_KEYS if row.get(k) not in (None, "", [])}
    if "authors" in meta:
        meta["authors"] = split_authors(meta["authors"])
    text = row.get("text")
    if (not isinstance(text, str) or not text.strip()) and isinstance(row.get("html"), str):
        doc = _html_document(path, name, row["html"], encoding, meta)
        doc.format = "jsonl"
        return doc
    if not isinstance(text, str) or not text.strip():
        raise ReadError(path, "missing or empty 'text' field")
    return RawDocument(path=path, name=name, raw_text=line, format="jsonl",
                       text=normalise_newlines(text), meta=meta, encoding=encoding)


def _jsonl_documents(path: str, name: str, text: str, encoding: str | None) -> Iterator[RawDocument | ReadError]:
    found = False
    for n, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        found = True
        row_path = f"{path}#{n}"
        try:
            try:
                row = json.loads(line)
            except ValueError as exc:
                raise ReadError(row_path, f"malformed JSON on line {n} ({exc.msg})") from None
            yield _row_document(row_path, f"{name}#{n}", row, line, encoding)
        except ReadError as err:
            yield err
    if not found:
        raise ReadError(path, "empty file")


def _json_documents(path: str, name: str, text: str, encoding: str | None) -> Iterator[RawDocument | ReadError]:
    try:
        data = json.loads(text)
    except ValueError as exc:
        # perhaps JSON Lines saved as .json
        if text.lstrip().startswith("{") and "\n" in text.strip():
            yield from _jsonl_documents(path, name, text, encoding)
            return
        raise ReadError(path, f"malformed JSON on line {exc.lineno} ({exc.msg})") from None
    if isinstance(data, dict) and isinstance(data.get("articles"), list):
        data = data["articles"]
    if isinstance(data, dict):
        yield _row_document(path, name, data, text, encoding)
        return
    if not isinstance(data, list):
        raise ReadError(path, "JSON is neither an article object nor a list of them")
    for n, row in enumerate(data, start=1):
        try:
            yield _row_document(f"{path}#{n}", f"{name}#{n}", row, json.dumps(row, ensure_ascii=False), encoding)
        except ReadError as err:
            yield err
