"""Reading input files, folders and stdin into :class:`RawDocument` records.

Formats: plain text (.txt .text .md .markdown), HTML (.html .htm .xhtml; main text and
metadata via trafilatura), JSON Lines (.jsonl .ndjson: one article per line) and JSON (.json: one
article object or a list of them). Input without one of these extensions -- standard input, or a
file with no or an unknown extension -- goes through :func:`detect_format`, which sniffs the
content (:func:`sniff_format`); after that, files and stdin share one reading path
(:func:`_read_bytes`): size cap, decoding, empty/binary checks, per-row JSON errors.

Errors. A file that cannot be read at all makes :func:`read_path` raise :class:`ReadError`.
A JSON Lines / JSON file is read row by row: a bad row does not stop the others, so
:func:`read_path` *yields* a ``ReadError`` instance for that row (path ``file.jsonl#N``) in place
of a document. Callers therefore iterate ``RawDocument | ReadError`` items;
:func:`iter_documents` does this for a list of paths and never raises ReadError.
:func:`read_stdin` never raises: bad standard input (closed, unreadable, empty, binary, too
large) is yielded as one ``ReadError`` for path ``-``.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable, Iterator
from typing import IO, Any

from archive.readers.decoding import DecodeError, decode_bytes, normalise_newlines
from archive.records import RawDocument

MAX_FILE_BYTES = 20 * 1024 * 1024  # larger files are refused
HTML_EXTS = {".html", ".htm", ".xhtml"}
JSONL_EXTS = {".jsonl", ".ndjson"}
JSON_EXTS = {".json"}
TEXT_EXTS = {".txt", ".text", ".md", ".markdown"}
# Extensions picked up when a folder is expanded (explicit file arguments may have any extension).
FOLDER_EXTS = HTML_EXTS | JSONL_EXTS | JSON_EXTS | TEXT_EXTS
# Files a folder of articles often holds that are no articles (read only when named explicitly).
NOT_ARTICLES = {
    "readme",
    "license",
    "licence",
    "changelog",
    "changes",
    "contributing",
    "notice",
    "authors",
}
META_KEYS = ("title", "url", "source", "published_at", "authors", "wire", "subtitle", "byline")


class ReadError(Exception):
    """A file (or one row of a JSON Lines file) that could not be read; str() is one line."""

    def __init__(self, path: str, reason: str):
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


def iter_paths(paths: Iterable[str]) -> Iterator[str]:
    """Expand folders recursively (sorted; hidden files and folders skipped; only known
    extensions; README, LICENSE and the like skipped). Files and "-" are passed through as given,
    even when missing (read_path reports them)."""
    for path in paths:
        if path != "-" and os.path.isdir(path):
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    stem, ext = os.path.splitext(name)
                    if (
                        name.startswith(".")
                        or ext.lower() not in FOLDER_EXTS
                        or stem.lower() in NOT_ARTICLES
                    ):
                        continue
                    yield os.path.join(root, name)
        else:
            yield path


def iter_documents(
    paths: Iterable[str], stdin: IO | None = None
) -> Iterator[RawDocument | ReadError]:
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
            raise ReadError(
                path, f"file too large ({size / 2**20:.1f} MB > {MAX_FILE_BYTES // 2**20} MB limit)"
            )
        with open(path, "rb") as fh:
            data = fh.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise ReadError(path, f"cannot read file ({exc.strerror or exc})") from None
    if len(data) > MAX_FILE_BYTES:  # grew while we looked
        raise ReadError(path, f"file too large (> {MAX_FILE_BYTES // 2**20} MB limit)")
    yield from _read_bytes(path, os.path.basename(path), data, os.path.splitext(path)[1])


STDIN_PATH = "-"


def read_stdin(stream: IO | None = None) -> Iterator[RawDocument | ReadError]:
    """Documents from standard input (path "-"), read exactly like a file of the same content
    with no extension: the format is sniffed (JSON Lines, JSON, HTML or plain text).

    ``stream`` defaults to ``sys.stdin``; its binary ``.buffer`` is read when there is one (a text
    stream is re-encoded as UTF-8). Never raises: a closed or unreadable stream, empty, binary or
    oversized input comes out as one ``ReadError`` for path "-"."""
    try:
        data = _read_stream(stream)
        yield from _read_bytes(STDIN_PATH, "stdin", data, None, kind="input")
    except ReadError as err:
        yield err


def _read_stream(stream: IO | None) -> bytes:
    """At most MAX_FILE_BYTES of ``stream`` as bytes; ReadError with a one-line reason."""
    if stream is None:
        import sys

        stream = sys.stdin  # None when the process was started with fd 0 closed (`<&-`)
    if stream is None:
        raise ReadError(STDIN_PATH, "standard input is closed")
    try:
        source = getattr(stream, "buffer", None)
    except (ValueError, OSError):  # a detached TextIOWrapper raises ValueError
        source = None
    if source is None or not callable(getattr(source, "read", None)):
        source = stream
    if not callable(getattr(source, "read", None)):
        raise ReadError(STDIN_PATH, f"standard input cannot be read (a {type(stream).__name__})")
    limit = MAX_FILE_BYTES + 1
    try:
        data = source.read(limit)
    except UnicodeDecodeError as exc:  # a text stream with a strict codec
        raise ReadError(
            STDIN_PATH, f"not valid text in any supported encoding ({exc.encoding}: {exc.reason})"
        ) from None
    except (
        ValueError
    ) as exc:  # "I/O operation on closed file", "underlying buffer has been detached"
        msg = (str(exc).splitlines() or [type(exc).__name__])[0]
        reason = (
            "standard input is closed" if "closed" in msg else f"cannot read standard input ({msg})"
        )
        raise ReadError(STDIN_PATH, reason) from None
    except OSError as exc:
        raise ReadError(STDIN_PATH, f"cannot read standard input ({exc.strerror or exc})") from None
    if data is None:  # non-blocking stream with nothing ready
        data = b""
    if isinstance(data, str):
        # surrogateescape gives back the bytes a text stream could not decode
        try:
            data = data.encode("utf-8", "surrogateescape")
        except UnicodeEncodeError:
            raise ReadError(
                STDIN_PATH, "not valid text in any supported encoding (lone surrogates)"
            ) from None
    elif isinstance(data, (bytearray, memoryview)):
        data = bytes(data)
    elif not isinstance(data, bytes):
        raise ReadError(STDIN_PATH, f"standard input gave {type(data).__name__}, not bytes or text")
    if len(data) > MAX_FILE_BYTES:
        raise ReadError(STDIN_PATH, f"input too large (> {MAX_FILE_BYTES // 2**20} MB limit)")
    return data


def detect_format(ext: str | None, text: str) -> str:
    """The reader for a file with extension ``ext`` (None or "" for stdin) holding ``text``:
    "html", "jsonl", "json" or "text". A known extension decides; otherwise the content does."""
    ext = (ext or "").lower()
    if ext in HTML_EXTS:
        return "html"
    if ext in JSONL_EXTS:
        return "jsonl"
    if ext in JSON_EXTS:
        return "json"
    if ext in TEXT_EXTS:
        return "text"
    return sniff_format(text)


_JSON_OBJECT_START = re.compile(r'\{\s*(?:"|$)')
_JSON_LIST_START = re.compile(r'\[\s*(?:[{"\[\]]|$)')


def sniff_format(text: str) -> str:
    """ "html", "jsonl", "json" or "text" from the content.

    JSON is recognised by its first line (read whole, however long): a complete object on it means
    JSON Lines, a complete list means JSON; a first line that only opens an object or list
    (``{"``, ``[{``, a lone ``{``) means JSON even when it does not parse (the JSON reader then
    reports the error, or reads the text as JSON Lines whose first row is broken), never an article
    made of raw JSON; so does a broken first line followed by complete JSON objects (JSON Lines).
    Anything else starting with "{" or "[" ("[UPDATED] ...", "{Editor's note}") is plain text."""
    stripped = text.lstrip()
    head = stripped[:2000]
    if re.match(r"(?is)<(!doctype html|html|head|body|article|\?xml)", head) or (
        head.startswith("<") and re.search(r"(?i)</(p|div|body|html|article)>", text[:200000])
    ):
        return "html"
    if not (head.startswith("{") or head.startswith("[")):
        return "text"
    first = stripped.split("\n", 1)[0].strip()
    try:
        value = json.loads(first)
    except ValueError:
        value = None
    else:
        if isinstance(value, dict):
            return "jsonl"
        if isinstance(value, list):
            return "json"
    if _JSON_OBJECT_START.match(first) or _JSON_LIST_START.match(first):
        return "json"
    return "jsonl" if _is_json_lines(stripped) else "text"


def _is_json_lines(text: str) -> bool:
    """Text that is no JSON document but starts with "{" and has a complete JSON object on a later
    line: JSON Lines (with a broken row), not one broken JSON object."""
    lines = text.strip().split("\n")
    if not lines[0].startswith("{"):
        return False
    for line in lines[1:]:
        line = line.strip()
        if line.startswith("{") and line.endswith("}"):
            try:
                if isinstance(json.loads(line), dict):
                    return True
            except ValueError:
                pass
    return False


def _read_bytes(
    path: str, name: str, data: bytes, ext: str | None, kind: str = "file"
) -> Iterator[RawDocument | ReadError]:
    """Documents in ``data`` (the whole content of a file or of stdin); ``ext`` as for
    :func:`detect_format`; ``kind`` ("file" / "input") words the reasons."""
    if not data.strip():
        raise ReadError(path, f"empty {kind}")
    try:
        text, encoding = decode_bytes(data)
    except DecodeError as exc:
        raise ReadError(path, str(exc).replace("binary file", f"binary {kind}")) from None
    if not text.strip():
        raise ReadError(path, f"empty {kind}")
    fmt = detect_format(ext, text)
    if fmt == "html":
        yield _html_document(path, name, text, encoding)
    elif fmt == "jsonl":
        yield from _jsonl_documents(path, name, text, encoding)
    elif fmt == "json":
        yield from _json_documents(path, name, text, encoding)
    else:
        yield RawDocument(path=path, name=name, raw_text=text, format="text", encoding=encoding)


# --- HTML -------------------------------------------------------------------------------------
# what trafilatura lets through besides lxml's own errors when a page's markup is broken (its
# extraction walks the tree with plain Python code): one bad page must not stop a batch
_MARKUP_ERRORS = (ValueError, TypeError, AttributeError, KeyError, IndexError, RecursionError)


def html_main_text(html: str) -> tuple[str | None, dict[str, Any]]:
    """Main text and metadata of an HTML page (trafilatura); text is None when nothing is found."""
    import trafilatura
    from lxml.etree import LxmlError

    meta: dict[str, Any] = {}
    try:
        doc = trafilatura.bare_extraction(
            html,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            include_images=False,
        )
    except (LxmlError, *_MARKUP_ERRORS):  # lxml and trafilatura on broken markup
        doc = None
    if doc is None:
        return None, meta
    get = (lambda k: doc.get(k)) if isinstance(doc, dict) else (lambda k: getattr(doc, k, None))
    text = get("text")
    for key, attr in (
        ("title", "title"),
        ("url", "url"),
        ("sitename", "sitename"),  # a guess (the site's name, its domain): archive.clean decides
        ("description", "description"),
        ("published_at", "date"),
        ("hostname", "hostname"),
    ):
        value = get(attr)
        if value:
            meta[key] = value.strip() if isinstance(value, str) else value
    if _year_guess(html, meta.get("published_at")):
        del meta["published_at"]
    if get("author"):
        meta["authors"] = _as_written(split_authors(get("author")), html)
    extra = _html_extra_meta(html)
    if extra.get("authors") and meta.get("authors"):  # the page's own first, these if not names
        meta["extracted_authors"] = meta["authors"]
    meta.update(extra)
    text = normalise_newlines(text or "").strip()
    # markup debris ("<", "]]>") is not article text
    return (text if re.search(r"[^\W\d_]{2,}", text) else None), meta


def _as_written(names: list[str], page: str) -> list[str]:
    """The extractor's author NAMES as the PAGE writes them (pagevisible.as_written)."""
    import html as entities

    from archive.readers.pagevisible import as_written

    text = entities.unescape(page)
    return list(dict.fromkeys(n for n in (as_written(name, text) for name in names) if n))


def _year_guess(html: str, date: Any) -> bool:
    """Whether DATE, trafilatura's date of the page, is January 1st of a year its extensive
    search guessed from a number in the page (a copyright line, "1998" in a namespace URL, a
    CSS escape "\\2026"): the page's own markup and text do not give that date."""
    if not isinstance(date, str) or not date.endswith("-01-01"):
        return False
    from htmldate import find_date

    try:
        return find_date(html, extensive_search=False, original_date=True) != date
    except (ValueError, TypeError):
        return True


_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")


def _html_extra_meta(html: str) -> dict[str, Any]:
    """Full publication timestamp and photo captions, which trafilatura does not return, and the
    page's structured data (JSON-LD, OpenGraph: archive.readers.pagemeta), which comes first."""
    import lxml.html
    from lxml.etree import LxmlError

    from archive.readers.pagemeta import structured_meta
    from archive.readers.pagevisible import captions_and_credits, copyright_notices

    out: dict[str, Any] = {}
    try:
        # an XML declaration with an encoding ("<?xml ... encoding='utf-8'?>", XHTML pages) is
        # refused in a str: the text is decoded already, the declaration says nothing more
        tree = lxml.html.fromstring(_XML_DECLARATION.sub("", html, count=1))
    except (LxmlError, ValueError):  # "Document is empty"
        return out
    stamp = tree.xpath(
        "//meta[@property='article:published_time' or @name='article:published_time' or "
        "@itemprop='datePublished' or @name='pubdate' or @name='date']/@content"
    )
    if stamp and stamp[0].strip():
        out["published_at"] = stamp[0].strip()
    declared = [" ".join(v.split()) for v in tree.xpath("//meta[@name='author']/@content")]
    if any(declared):
        out["declared_authors"] = [v for v in declared if v]  # the page's own author tag
    title_tag = " ".join((tree.findtext(".//title") or "").split())
    if title_tag:
        out["title_tag"] = title_tag  # "Headline - Brand": the brand a bare domain lacks
    canonical = tree.xpath("//link[@rel='canonical']/@href")
    if canonical and canonical[0].startswith("http"):
        out["url"] = canonical[0].strip()
    notices = copyright_notices(tree)
    if notices:
        out["copyright_lines"] = notices  # the owner of a page saved without its address
    captions, credits = captions_and_credits(tree)
    if captions:
        out["captions"] = captions
    if credits:
        out["credit_lines"] = credits
    out.update(structured_meta(tree))
    return out


def _html_document(
    path: str, name: str, html: str, encoding: str | None, row_meta: dict | None = None
) -> RawDocument:
    text, meta = html_main_text(html)
    if not text:
        raise ReadError(path, "no article text found in HTML")
    if row_meta and row_meta.get("title"):
        meta.pop("headlines", None)  # the title a JSON Lines row gives is the title
    meta.update(row_meta or {})
    return RawDocument(
        path=path, name=name, raw_text=html, format="html", text=text, meta=meta, encoding=encoding
    )


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
    return RawDocument(
        path=path,
        name=name,
        raw_text=line,
        format="jsonl",
        text=normalise_newlines(text),
        meta=meta,
        encoding=encoding,
    )


def _jsonl_documents(
    path: str, name: str, text: str, encoding: str | None
) -> Iterator[RawDocument | ReadError]:
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


def _json_documents(
    path: str, name: str, text: str, encoding: str | None
) -> Iterator[RawDocument | ReadError]:
    try:
        data = json.loads(text)
    except ValueError as exc:
        # perhaps JSON Lines saved as .json (or sniffed as JSON because its first row is broken)
        if _is_json_lines(text):
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
            yield _row_document(
                f"{path}#{n}", f"{name}#{n}", row, json.dumps(row, ensure_ascii=False), encoding
            )
        except ReadError as err:
            yield err
