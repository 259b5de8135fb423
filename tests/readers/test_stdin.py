"""Standard input ("-") is read like a file of the same content: sniffed format, same errors,
size cap; bad stdin is one failed document, never an exception that stops the batch."""

from __future__ import annotations

import io
import json
import os
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from archive.pipeline.extraction import Failure
from archive.pipeline.ingest import read_all
from archive.readers import files as readers
from archive.readers.files import ReadError, read_path, read_stdin
from archive.records import RawDocument

ROOT = Path(__file__).parents[2]

STORY_A = (
    "Officials in Lisbon said on Tuesday that the Vasco da Gama bridge would reopen next week. "
    '"It is safe," engineer Rita Sousa told reporters. Traffic had been diverted for a month.'
)
STORY_B = (
    "Farmers near Ghent, Belgium, protested on Friday against new water rules. "
    '"We cannot plant without rain," said Pieter Janssens, who grows potatoes. Police watched.'
)
HTML_PAGE = (
    "<!DOCTYPE html><html><head><title>Bridge to reopen</title></head><body><article>"
    "<h1>Bridge to reopen</h1>"
    + "".join(f"<p>{s}.</p>" for s in STORY_A.split(". "))
    + "</article></body></html>"
)


def items(data: bytes) -> list:
    return list(read_stdin(io.BytesIO(data)))


def only_error(got: list) -> ReadError:
    assert len(got) == 1 and isinstance(got[0], ReadError), got
    err = got[0]
    assert err.path == "-" and err.reason and "\n" not in str(err)
    return err


# --- formats ---------------------------------------------------------------------------------


def test_long_first_json_line_is_json_lines_not_one_text_article():
    first = {"text": STORY_A * 40, "title": "Bridge to reopen", "source": "Example News"}
    line = json.dumps(first)
    assert len(line) > 2000  # longer than the sniffer's look-ahead used to be
    got = items((line + "\n" + json.dumps({"text": STORY_B}) + "\n").encode())
    assert [d.path for d in got] == ["-#1", "-#2"]
    assert all(isinstance(d, RawDocument) and d.format == "jsonl" for d in got)
    assert got[0].text == first["text"] and got[0].meta["title"] == "Bridge to reopen"
    assert got[1].text == STORY_B


def test_single_long_json_line():
    got = items(json.dumps({"text": STORY_B * 60}).encode())
    assert len(got) == 1 and got[0].format == "jsonl" and got[0].text == STORY_B * 60


def test_several_json_lines_with_a_broken_row():
    rows = [
        json.dumps({"text": STORY_A}),
        "{not json}",
        json.dumps({"title": "no text"}),
        json.dumps({"text": STORY_B}),
    ]
    got = items(("\n".join(rows) + "\n").encode())
    assert [type(d).__name__ for d in got] == [
        "RawDocument",
        "ReadError",
        "ReadError",
        "RawDocument",
    ]
    assert [d.path for d in got] == ["-#1", "-#2", "-#3", "-#4"]
    assert got[1].reason.startswith("malformed JSON on line 2")


def test_broken_first_json_line_still_reads_the_other_rows():
    got = items(b'{"text": "cut off\n' + json.dumps({"text": STORY_B}).encode() + b"\n")
    assert isinstance(got[0], ReadError) and got[0].path == "-#1"
    assert isinstance(got[1], RawDocument) and got[1].text == STORY_B


def test_json_document_and_list():
    pretty = json.dumps({"text": STORY_A, "title": "T"}, indent=2).encode()
    (doc,) = items(pretty)
    assert (
        doc.text == STORY_A and doc.path == "-" and doc.meta["title"] == "T"
    )  # one object, not rows
    got = items(json.dumps([{"text": STORY_A}, {"text": STORY_B}]).encode())
    assert [d.path for d in got] == ["-#1", "-#2"] and got[1].text == STORY_B


def test_html_on_stdin():
    (doc,) = items(HTML_PAGE.encode())
    assert doc.format == "html" and doc.raw_text == HTML_PAGE
    assert "Rita Sousa" in doc.text and "<p>" not in doc.text


@pytest.mark.parametrize("text", [STORY_A, "[UPDATED] " + STORY_B, "{Editor's note} " + STORY_B])
def test_plain_text_on_stdin(text):
    (doc,) = items(text.encode("utf-8"))
    assert doc.format == "text" and doc.raw_text == text and doc.path == "-" and doc.text is None


def test_stdin_is_read_like_a_file_without_extension(tmp_path):
    samples = [
        STORY_A.encode("cp1252"),
        HTML_PAGE.encode(),
        (json.dumps({"text": STORY_A * 40}) + "\n" + json.dumps({"text": STORY_B})).encode(),
        json.dumps({"text": STORY_B}, indent=1).encode(),
    ]
    for n, data in enumerate(samples):
        path = tmp_path / f"article{n}"
        path.write_bytes(data)
        from_file, from_stdin = list(read_path(str(path))), items(data)
        assert [(d.format, d.text, d.raw_text, d.meta) for d in from_file] == [
            (d.format, d.text, d.raw_text, d.meta) for d in from_stdin
        ]


def test_text_stream_without_buffer():
    (doc,) = list(read_stdin(io.StringIO("“Quoted” " + STORY_A)))
    assert doc.raw_text == "“Quoted” " + STORY_A and doc.encoding == "utf-8"


# --- bad stdin: one ReadError --------------------------------------------------------------


@pytest.mark.parametrize(
    "data, reason",
    [
        (b"", "empty input"),
        (b" \n\t\n", "empty input"),
        (b"PK\x03\x04\x00\x00binary", "binary input (NUL bytes)"),
    ],
)
def test_empty_and_binary_stdin(data, reason):
    assert only_error(items(data)).reason == reason


def test_undecodable_stdin():
    err = only_error(
        items(b"\xff\xfe" + "Sousa".encode("utf-16-le") + b"\x00\xd8")
    )  # lone surrogate
    assert err.reason.startswith("not valid text in any supported encoding")


def test_closed_stream():
    stream = io.BytesIO(b"x")
    stream.close()
    assert only_error(list(read_stdin(stream))).reason == "standard input is closed"


class Raising:
    def __init__(self, exc):
        self.exc = exc

    def read(self, *args):
        raise self.exc


@pytest.mark.parametrize(
    "exc, reason",
    [
        (ValueError("I/O operation on closed file."), "standard input is closed"),
        (OSError(5, "Input/output error"), "cannot read standard input (Input/output error)"),
        (IsADirectoryError(21, "Is a directory"), "cannot read standard input (Is a directory)"),
        (
            UnicodeDecodeError("utf-8", b"\xff", 0, 1, "invalid start byte"),
            "not valid text in any supported encoding (utf-8: invalid start byte)",
        ),
    ],
)
def test_stream_raising_on_read(exc, reason):
    assert only_error(list(read_stdin(Raising(exc)))).reason == reason


def test_stream_whose_buffer_is_missing_or_detached():
    detached = io.TextIOWrapper(io.BytesIO(b"text"))
    detached.detach()  # .buffer and .read() now raise ValueError
    assert only_error(list(read_stdin(detached))).reason.startswith("cannot read standard input")

    class NoBuffer:  # .buffer raises AttributeError; read() gives bytes
        def read(self, n=-1):
            return STORY_B.encode()

    (doc,) = list(read_stdin(NoBuffer()))
    assert doc.raw_text == STORY_B
    assert "cannot be read" in only_error(list(read_stdin(object()))).reason


def test_closed_process_stdin(monkeypatch):
    monkeypatch.setattr(sys, "stdin", None)  # what Python sets when fd 0 is closed
    assert only_error(list(read_stdin())).reason == "standard input is closed"
    assert only_error(list(read_stdin(None))).reason == "standard input is closed"


def test_stdin_size_cap(monkeypatch):
    monkeypatch.setattr(readers, "MAX_FILE_BYTES", 1024)
    assert "too large" in only_error(items(b"word " * 400)).reason
    assert "too large" in only_error(list(read_stdin(io.StringIO("word " * 400)))).reason
    (doc,) = items(b"word " * 200)
    assert doc.format == "text"


# --- through ingest.read_all ---------------------------------------------------------------


@pytest.mark.parametrize("stdin", [b"", b"\x00\x01\x02binary", b"\xff\xfe\x00\xd8"])
def test_read_all_bad_stdin_between_good_files(tmp_path, stdin):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text(STORY_A, encoding="utf-8")
    b.write_text(STORY_B, encoding="utf-8")
    got = list(read_all([str(a), "-", str(b)], stdin=io.BytesIO(stdin)))
    assert [type(x).__name__ for x in got] == ["RawDocument", "Failure", "RawDocument"]
    assert got[0].path == str(a) and got[2].path == str(b)
    assert got[1].doc.path == "-" and got[1].reason and "\n" not in got[1].reason


def test_read_all_jsonl_and_closed_stdin(monkeypatch):
    data = (
        json.dumps({"text": STORY_A * 40}) + "\n" + json.dumps({"text": STORY_B}) + "\n"
    ).encode()
    got = list(read_all(["-"], stdin=io.BytesIO(data)))
    assert [d.path for d in got] == ["-#1", "-#2"] and not any(isinstance(d, Failure) for d in got)
    monkeypatch.setattr(sys, "stdin", None)
    (fail,) = list(read_all(["-"]))
    assert isinstance(fail, Failure) and fail.reason == "standard input is closed"


# --- the command, end to end (each run loads spaCy: keep them few) ------------------------


def _archive(args: list[str], cwd: Path, **kw) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    return subprocess.run(
        [sys.executable, "-m", "archive", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        **kw,
    )


def test_cli_bad_stdin_between_good_files(tmp_path):
    (tmp_path / "a.txt").write_text(STORY_A, encoding="utf-8")
    (tmp_path / "b.txt").write_text(STORY_B, encoding="utf-8")
    (tmp_path / "blob.bin").write_bytes(bytes(range(256)) * 4)
    with open(tmp_path / "blob.bin", "rb") as blob:
        run = _archive(
            ["ingest", "a.txt", "-", "b.txt", "--db", "t.db", "-j", "1"], tmp_path, stdin=blob
        )
    assert run.returncode == 1, run.stderr
    assert "Traceback" not in run.stderr
    assert "2 added" in run.stderr and "1 failed" in run.stderr
    assert "failed -: binary input (NUL bytes)" in run.stderr

    from sqlalchemy import text

    from archive.store import db

    with db.make_engine(str(tmp_path / "t.db")).connect() as conn:
        bodies = conn.execute(text("SELECT body FROM articles")).scalars().all()
    assert (
        len(bodies) == 2
        and any("Rita Sousa" in b for b in bodies)
        and any("Janssens" in b for b in bodies)
    )

    # closed stdin (`<&-`): the same files again are unchanged (no NLP), stdin is one failure
    command = f"{shlex.quote(sys.executable)} -m archive ingest a.txt - b.txt --db t.db -j 1 <&-"
    env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    run = subprocess.run(
        ["bash", "-c", command], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300
    )
    assert run.returncode == 1, run.stderr
    assert "Traceback" not in run.stderr
    assert "standard input is closed" in run.stderr
    assert "2 unchanged" in run.stderr and "1 failed" in run.stderr
