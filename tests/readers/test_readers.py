"""Reading files, folders, JSON Lines and stdin into RawDocument records."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from archive.clean.page import clean
from archive.readers import files as readers
from archive.readers.decoding import decode_bytes, repair_mojibake
from archive.readers.files import (
    ReadError,
    iter_documents,
    iter_paths,
    read_path,
    read_stdin,
    sniff_format,
)

FIX = Path(__file__).parents[1] / "fixtures"
SEEDS = Path(__file__).parents[2] / "seeds"


def one(path) -> readers.RawDocument:
    docs = list(read_path(str(path)))
    assert len(docs) == 1 and not isinstance(docs[0], ReadError), docs
    return docs[0]


def test_seed_text_file_is_read_losslessly():
    path = SEEDS / "001_12ce20c31769740d.txt"
    doc = one(path)
    assert doc.format == "text" and doc.name == path.name and doc.path == str(path)
    assert doc.raw_text == path.read_text(encoding="utf-8")
    assert doc.encoding == "utf-8" and doc.text is None


def test_cp1252_file_decodes_without_mojibake():
    raw = (FIX / "cp1252_article.txt").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")  # the fixture really is cp1252
    doc = one(FIX / "cp1252_article.txt")
    assert doc.encoding == "cp1252"
    assert "Café owners in Zürich fear “tourist tax” rise" in doc.raw_text
    assert "Großmünster" in doc.raw_text and "–" in doc.raw_text
    assert "\r" not in doc.raw_text and "Ã" not in doc.raw_text and "â€" not in doc.raw_text


def test_decoding_boms_newlines_and_undefined_cp1252_bytes():
    assert decode_bytes("\ufeffé\r\nx\ry".encode("utf-8")) == ("é\nx\ny", "utf-8-sig")
    assert decode_bytes("“é”".encode("utf-16")) == ("“é”", "utf-16")
    text, enc = decode_bytes(b"caf\xe9 \x93ok\x94 \x81")
    assert (text, enc) == ("café “ok” \x81", "cp1252")


def test_cyrillic_cp1251_is_not_read_as_cp1252():
    data = "Переговоры в Женеве завершились без прорыва, заявили в Кремле.".encode("cp1251")
    text, enc = decode_bytes(data)
    assert text.startswith("Переговоры")


def test_repair_mojibake_is_conservative():
    assert (
        repair_mojibake("It\u00e2\u20ac\u2122s caf\u00c3\u00a9, \u00c2\u00a35") == "It’s café, £5"
    )
    assert repair_mojibake("Méheut and Â alone") == "Méheut and Â alone"


def test_repair_mojibake_after_unicode_normalisation():
    # "Peña" read as cp1252 ("PeÃ±a"), then decomposed (NFD: "A" + combining tilde), and "è"
    # ("Ã¨") decomposed for compatibility (NFKD: the "¨" as a space + combining diaeresis)
    assert (
        repair_mojibake("President Enrique PeA\u0303\u00b1a Nieto")
        == "President Enrique Peña Nieto"
    )
    assert repair_mojibake("SA\u0303\u00a9golA\u0303 \u0308ne Royal") == "Ségolène Royal"
    # ordinary decomposed accents are only composed
    assert repair_mojibake("Jose\u0301 Marti\u0301") == "José Martí"


def test_repair_mojibake_of_text_encoded_twice():
    # "ç" read as Latin-1 twice over ("Ã§" -> "Ã\x83Â§"), then decomposed as above
    assert repair_mojibake("President Fran\u00c3\u0083\u00c2\u00a7ois Hollande") == (
        "President François Hollande"
    )
    assert repair_mojibake("FranA\u0303\u0083A\u0302\u00a7ois") == "François"
    assert repair_mojibake("\u00c3 and \u0083 alone") == "\u00c3 and \u0083 alone"


@pytest.mark.parametrize(
    "name, reason",
    [
        ("empty.txt", "empty file"),
        ("binary.txt", "binary file (NUL bytes)"),
        ("malformed.html", "no article text found in HTML"),
        ("missing.txt", "no such file"),
    ],
)
def test_unreadable_files_raise_read_error(name, reason):
    with pytest.raises(ReadError) as info:
        list(read_path(str(FIX / name)))
    assert info.value.reason == reason
    assert info.value.path == str(FIX / name)
    assert "\n" not in str(info.value)


def test_zero_byte_file_and_too_large_file(tmp_path, monkeypatch):
    empty = tmp_path / "zero.txt"
    empty.write_bytes(b"")
    with pytest.raises(ReadError, match="empty file"):
        list(read_path(str(empty)))
    big = tmp_path / "big.txt"
    big.write_text("word " * 400)
    monkeypatch.setattr(readers, "MAX_FILE_BYTES", 1024)
    with pytest.raises(ReadError, match=r"file too large"):
        list(read_path(str(big)))


def test_html_page_text_and_metadata():
    doc = one(FIX / "guardian_style.html")
    assert doc.format == "html" and doc.raw_text.startswith("<!DOCTYPE html>")
    assert doc.text.startswith("More than 80,000 homes remained without electricity")
    assert "Sign up to Down to Earth" not in doc.text and "Related stories" not in doc.text
    meta = doc.meta
    assert meta["title"] == "Storm Darragh: thousands without power as flood defences tested"
    assert meta["sitename"] == "The Guardian"  # archive.clean decides the outlet
    assert meta["authors"] == ["Helena Marsh"]
    assert meta["published_at"] == "2024-12-08T09:41:12.000Z"
    assert (
        meta["url"]
        == "https://www.theguardian.com/environment/2024/dec/08/storm-darragh-power-cuts-flood-defences"
    )
    assert meta["description"].startswith("Engineers work through the night")
    assert any("Ben Birchall/PA" in c for c in meta["captions"])


_NO_DATE_PAGE = (
    "<html><head><title>Ferry returns</title></head><body><article><h1>Ferry returns</h1>"
    "<p>The ferry will run to its summer timetable from Monday, the operator said on Tuesday, "
    "after a winter of repairs to the slipway at the harbour.</p><p>Passengers can book from "
    "the harbour office, the operator added.</p></article><footer><p>Copyright 2019 Harbour "
    "Weekly.</p><math xmlns='http://www.w3.org/1998/Math/MathML'></math></footer></body></html>"
)


def test_a_year_in_the_page_is_no_publication_date(tmp_path):
    """htmldate's extensive search makes January 1st of a year it finds anywhere (a copyright
    line, a namespace URL): the page gives no date, so none is stored."""
    page = tmp_path / "p.html"
    page.write_text(_NO_DATE_PAGE)
    assert "published_at" not in one(page).meta
    page.write_text(
        _NO_DATE_PAGE.replace("<title>", '<meta name="date" content="2019-01-01"><title>')
    )
    assert one(page).meta["published_at"] == "2019-01-01"  # the page's own: kept


def test_a_rows_title_over_the_pages_headline(tmp_path):
    page = (
        "<html><body><h1>Ferry returns to its summer timetable</h1><p>The ferry will run to "
        "its summer timetable from Monday, the operator said on Tuesday.</p></body></html>"
    )
    rows = tmp_path / "rows.jsonl"
    rows.write_text(
        json.dumps({"html": page, "title": "Summer ferry timetable"})
        + "\n"
        + json.dumps({"html": page})
        + "\n"
    )
    given, found = (clean(d).title for d in read_path(str(rows)))
    assert (given, found) == ("Summer ferry timetable", "Ferry returns to its summer timetable")


def test_jsonl_rows_with_per_line_errors():
    path = str(FIX / "rows.jsonl")
    items = list(read_path(path))
    assert len(items) == 4
    first, bad_json, no_text, last = items
    assert first.path == f"{path}#1" and first.name == "row-one.txt" and first.format == "jsonl"
    assert first.text.startswith("PROVO — Crews") and "\n\nThe reservoir" in first.text
    assert first.meta["authors"] == ["Sam Reed", "Lee Park"]
    assert first.meta["url"] == "https://www.ksl.com/article/1/dam"
    assert isinstance(bad_json, ReadError) and bad_json.path == f"{path}#2"
    assert bad_json.reason.startswith("malformed JSON on line 2")
    assert isinstance(no_text, ReadError) and "text" in no_text.reason
    assert last.name == "rows.jsonl#4" and last.meta == {"source": "Deseret News", "wire": "AP"}


def test_json_list_file(tmp_path):
    path = tmp_path / "batch.json"
    path.write_text(json.dumps([{"text": "One story here.", "authors": ["A B"]}, {"text": ""}]))
    items = list(read_path(str(path)))
    assert items[0].path == f"{path}#1" and items[0].meta["authors"] == ["A B"]
    assert isinstance(items[1], ReadError)


def test_iter_paths_expands_folders_sorted_skipping_hidden(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / ".git").mkdir()
    for rel in ["b/2.txt", "b/1.html", "a.md", ".hidden.txt", ".git/x.txt", "img.png", "c.jsonl"]:
        (tmp_path / rel).write_text("x")
    got = [Path(p).relative_to(tmp_path).as_posix() for p in iter_paths([str(tmp_path)])]
    assert got == ["a.md", "c.jsonl", "b/1.html", "b/2.txt"]
    # explicit files pass through whatever their extension, and "-" is kept
    assert list(iter_paths([str(tmp_path / "img.png"), "-"])) == [str(tmp_path / "img.png"), "-"]


def test_iter_documents_never_raises():
    items = list(iter_documents([str(FIX / "empty.txt"), str(SEEDS / "000_47f587bc625f9b0d.txt")]))
    assert isinstance(items[0], ReadError) and not isinstance(items[1], ReadError)


@pytest.mark.parametrize(
    "data, fmt",
    [
        (
            b"<!doctype html><html><body><p>Hello world, this page has some "
            b"words.</p></body></html>",
            "html",
        ),
        (b'{"text": "First row."}\n{"text": "Second row."}\n', "jsonl"),
        (b"Just a plain story.\nWith two lines.", "text"),
    ],
)
def test_stdin_is_sniffed(data, fmt):
    docs = list(read_stdin(io.BytesIO(data)))
    assert all(d.format == fmt for d in docs)
    assert docs[0].path.startswith("-")
    if fmt == "jsonl":
        assert [d.path for d in docs] == ["-#1", "-#2"]


def test_stdin_text_stream_and_sniff():
    docs = list(read_stdin(io.StringIO("Plain “quoted” text.")))
    assert docs[0].raw_text == "Plain “quoted” text." and docs[0].path == "-"
    assert sniff_format('[{"text": "x"}]') == "json"
    assert sniff_format("<p>Loose fragment</p>") == "html"


def test_folder_documentation_files_are_not_articles(tmp_path):
    for name in ("a.txt", "README.md", "LICENSE.txt", "notes.md"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    got = sorted(Path(p).name for p in iter_paths([str(tmp_path)]))
    assert got == ["a.txt", "notes.md"]
    assert list(iter_paths([str(tmp_path / "README.md")])) == [
        str(tmp_path / "README.md")
    ]  # named: read
