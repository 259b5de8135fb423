"""Tables on a narrow terminal: the id columns are left out (rightmost first) before Rich would
fold a header mid-word, and only as many as needed (archive.cli.output.FitTable)."""

from __future__ import annotations

import io

from rich.console import Console

from archive.cli.output import is_id_column, table

TITLE = "Ceasefire talks resume in Geneva as negotiators trade proposals on the eastern front"


def render(rows, columns, width=80) -> list[str]:
    console = Console(file=io.StringIO(), width=width, highlight=False, color_system=None)
    console.print(table(rows, columns))
    return console.file.getvalue().splitlines()


def headers(lines: list[str]) -> list[list[str]]:
    """The header lines of a rendered table (between the top border and the line under the
    headers), each as its cells."""
    end = next(i for i, line in enumerate(lines) if line.startswith("┡"))
    return [[c.strip() for c in line.strip("┃").split("┃")] for line in lines[1:end]]


def test_id_columns():
    assert [is_id_column(c) for c in ("id", "article_id", "person_id", "idea", "said", "ids")] == [
        True,
        True,
        True,
        False,
        False,
        False,
    ]


def test_a_wide_table_drops_its_id_columns_before_folding_a_header():
    columns = ["article_id", "published_at", "outlet", "wire", "title", "people", "quotes"]
    rows = [
        {
            "article_id": 1,
            "published_at": "2025-05-16",
            "outlet": "The Lakeside Courier",
            "wire": "Northern Wire Service",
            "title": TITLE,
            "people": 4,
            "quotes": 12,
        }
    ]
    lines = render(rows, columns)
    assert max(len(line) for line in lines) <= 80
    assert headers(lines) == [[c for c in columns if c != "article_id"]]  # one line, each whole
    assert "Ceasefire" in "".join(lines)
    # the same table fits whole on a wide terminal
    assert headers(render(rows, columns, width=200)) == [columns]


def test_only_as_many_id_columns_as_needed_are_dropped():
    columns = ["person_id", "name", "articles", "quotes", "statements", "quoted_by", "source_id"]
    rows = [
        {
            "person_id": 7,
            "name": "Ana",
            "articles": 3,
            "quotes": 9,
            "statements": 4,
            "quoted_by": 2,
            "source_id": 11,
        }
    ]
    everything = sum(len(c) + 3 for c in columns) + 1  # each header whole, with its borders
    assert headers(render(rows, columns, width=everything)) == [columns]
    # a little narrower: the rightmost id column goes, the other stays
    assert headers(render(rows, columns, width=everything - 5)) == [columns[:-1]]
    # narrower still: both go
    assert headers(render(rows, columns, width=everything - 14)) == [columns[1:-1]]


def test_a_narrow_table_keeps_its_id_columns():
    columns = ["quote_id", "quote", "speaker"]
    lines = render([{"quote_id": 3, "quote": "Not yet.", "speaker": "Ana Ruiz"}], columns)
    assert headers(lines) == [columns]


def test_without_id_columns_rich_folds_as_before():
    columns = ["statement", "speaker", "outlet", "first_seen", "confidence", "outlets", "country"]
    row = {c: "x" * 14 for c in columns}
    lines = render([row], columns, width=60)
    assert len(headers(lines)) > 1  # folded: nothing could be left out
