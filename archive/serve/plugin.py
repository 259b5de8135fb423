"""The archive's Datasette plugin: its pages (routes), its CSS, the start page's figures, and
table cells that link to the pages of a person, a quote or an article.

Registered by :func:`register` (once per process); every hook does nothing for a Datasette that
:func:`archive.serve.site.make_datasette` did not build.
"""

from __future__ import annotations

import sys

from datasette import hookimpl
from markupsafe import Markup

from archive.serve.site import STATIC_MOUNT, state

PLUGIN_NAME = "archive-serve"
CELL_CHARS = 140  # a linked cell is cut as Datasette cuts the others (truncate_cells_html)


def register() -> None:
    """Register this module's hooks with Datasette's plugin manager (once)."""
    import datasette.handle_exception as default_errors
    from datasette.plugins import pm

    # Datasette prints every error (a 404 too) as a rich traceback with its locals when rich is
    # installed (the CLI has it); without it, only a server error's plain traceback
    default_errors.rich = None
    if pm.get_plugin(PLUGIN_NAME) is None:
        pm.register(sys.modules[__name__], name=PLUGIN_NAME)


@hookimpl
def register_routes(datasette):
    if state(datasette) is None:
        return []
    from archive.serve import pages

    return [
        (r"^/person/(?P<id>\d+)$", pages.person_page),
        (r"^/quote/(?P<id>\d+)$", pages.quote_page),
        (r"^/article/(?P<id>\d+)$", pages.article_page),
        (r"^/search$", pages.search_page),
    ]


@hookimpl
def extra_css_urls(datasette):
    if state(datasette) is None:
        return []
    return [f"/{STATIC_MOUNT}/archive.css"]


@hookimpl
def extra_js_urls(datasette):
    if state(datasette) is None:
        return []
    return [f"/{STATIC_MOUNT}/archive.js"]


@hookimpl
def menu_links(datasette):
    st = state(datasette)
    return [] if st is None else list(st.links(datasette).values())


@hookimpl
def extra_template_vars(template, datasette):
    st = state(datasette)
    if st is None:
        return {}

    async def inner():
        from archive.serve.corrections import corrections_summary

        out = {"archive_db": st.database, "archive_links": st.links(datasette)}
        if template == "index.html":
            db = datasette.get_database(st.database)
            out["archive_counts"] = await _counts(db)
            out["archive_corrections"] = await corrections_summary(db)
        return out

    return inner


_COUNTED = ("articles", "quotes", "people", "sources", "places", "statements")


async def _counts(db) -> dict[str, int]:
    """Row counts of the main tables, for the start page."""
    sql = " UNION ALL ".join(f"SELECT '{t}', COUNT(*) FROM {t}" for t in _COUNTED)
    return {name: n for name, n in (await db.execute(sql)).rows}


def _link(href: str, text) -> Markup:
    text = "" if text is None else str(text)
    if len(text) > CELL_CHARS:
        text = text[:CELL_CHARS] + "\u2026"
    return Markup('<a href="{}">{}</a>').format(href, text)


def _key(row, column: str):
    try:
        return row[column]
    except (IndexError, KeyError):
        return None


# the pages cells link to: {id} the id, {db} the database's URL
_PAGES = {
    "person": "/person/{id}",
    "quote": "/quote/{id}",
    "article": "/article/{id}",
    "outlet": "{db}/articles?source_id={id}",  # an outlet's articles, newest first
}
# (table, column shown) -> (page, column holding the id); None: any table or query
_LINKS = {
    ("source_summary", "name"): ("outlet", "source_id"),
    ("sources", "name"): ("outlet", "id"),
    ("quote_attributions", "quote"): ("quote", "quote_id"),
    ("quote_attributions", "speaker"): ("person", "speaker_id"),
    ("quote_attributions", "article_title"): ("article", "article_id"),
    ("quotes", "text"): ("quote", "id"),
    ("people", "name"): ("person", "id"),
    ("person_summary", "name"): ("person", "person_id"),
    ("statement_summary", "speaker"): ("person", "speaker_id"),
    ("articles", "title"): ("article", "id"),
    (None, "quote"): ("quote", "quote_id"),
    (None, "speaker"): ("person", "speaker_id"),
    (None, "name"): ("person", "person_id"),
    (None, "article_title"): ("article", "article_id"),
    (None, "title"): ("article", "article_id"),
}


@hookimpl
def render_cell(row, value, column, table, database, datasette):
    """Names, quotes and titles link to the archive's page of that person, quote or article;
    an outlet's name to its articles."""
    st = state(datasette)
    if st is None or database != st.database or value is None or isinstance(value, dict):
        return None
    target = _LINKS.get((table, column)) or (None if table else _LINKS.get((None, column)))
    if target is None:
        return None
    page, id_column = target
    ident = _key(row, id_column)
    if isinstance(ident, dict):  # a foreign key Datasette expanded to its label
        ident = ident.get("value")
    if not isinstance(ident, int):
        return None
    href = _PAGES[page].format(db=datasette.urls.database(database), id=ident)
    return _link(href, value)
