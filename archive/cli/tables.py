"""What tables are made of (:func:`archive.cli.output.table`): cells as plain text (never
markup; search marks in bold), and :class:`FitTable`, which leaves out its id columns on a
terminal too narrow for its headers. Imported only when a table is printed (Rich takes tens of
milliseconds to import)."""

from __future__ import annotations

import copy

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderResult
from rich.table import Table
from rich.text import Text

from archive.cli.output import is_id_column


def text_cell(value: str, marks: bool = False) -> Text:
    """A Rich Text cell: never parsed as markup; search marks (archive.query.search) in bold."""
    if not marks:
        return Text(value)
    from archive.query.search import MARK_END, MARK_START

    if MARK_START not in value:
        return Text(value)
    out = Text()
    rest = value
    while MARK_START in rest:
        before, _, after = rest.partition(MARK_START)
        hit, _, rest = after.partition(MARK_END)
        out.append(before)
        out.append(hit, style="bold yellow")
    out.append(rest)
    return out


class FitTable(Table):
    """A Rich table that, on a terminal too narrow for every header to be shown whole (Rich would
    fold "article_id" into "article_i" / "d"), leaves out its id columns, the rightmost first,
    until the headers fit or no id column is left."""

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        shown: Table = self
        while _folds_a_header(shown, console, options):
            ids = [c for c in shown.columns if is_id_column(str(c.header))]
            if not ids:
                break
            shown = _without(shown, ids[-1])
        yield from Table.__rich_console__(shown, console, options)


def _folds_a_header(t: Table, console: Console, options: ConsoleOptions) -> bool:
    """Whether Rich gives a column of T less room than its header (as Table.__rich_console__
    lays the columns out)."""
    width = options.max_width if t.width is None else t.width
    widths = t._calculate_column_widths(console, options.update_width(width - t._extra_width))
    return any(
        w - t._get_padding_width(c._index) < cell_len(str(c.header))
        for w, c in zip(widths, t.columns)
    )


def _without(t: Table, column) -> Table:
    """A copy of T without COLUMN (the cells are shared)."""
    out = copy.copy(t)
    out.columns = []
    for c in t.columns:
        if c is not column:
            c = copy.copy(c)
            c._index = len(out.columns)
            out.columns.append(c)
    return out
