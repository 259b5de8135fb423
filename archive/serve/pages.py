"""The archive's own pages in Datasette: a person (what ``archive person`` prints), a quote (its
permalink: highlighted in its paragraph, with the same statement in other outlets), an article
(its body with every quote marked) and search (quotes and articles, best match first).

Each page calls the CLI's query function on the read-only engine, in a worker thread, and
renders an ``archive_*.html`` template.
"""

from __future__ import annotations

import asyncio

from datasette.utils.asgi import NotFound, Response
from markupsafe import Markup, escape

from archive.serve.site import state

# private-use marks around search matches: the snippet is escaped, then they become <mark>
_MARKS = ("\ue000", "\ue001")


async def _render(datasette, request, template: str, context: dict) -> Response:
    html = await datasette.render_template(template, context, request=request)
    return Response.html(html)


def _id(request) -> int:
    return int(request.url_vars["id"])


async def _record_page(datasette, request, query, what: str, template: str, extra=None):
    """The page of record ID (the URL's) of QUERY (engine, id -> row or None), a WHAT: the
    row as ``record`` and its corrections (``corrections``, for a person or a quote); EXTRA:
    more of the context, a dict or an async function of (database, record) that returns one."""
    from archive.serve.corrections import corrections_for

    st = state(datasette)
    ident = _id(request)
    record = await asyncio.to_thread(query, st.engine, ident)
    if record is None:
        raise NotFound(f"No {what} {ident}")
    db = datasette.get_database(st.database)
    if callable(extra):
        extra = await extra(db, record)
    context = {
        "record": record,
        "corrections": await corrections_for(db, what, ident),
        "database": st.database,
        **(extra or {}),
    }
    return await _render(datasette, request, template, context)


async def person_page(datasette, request):
    """/person/ID: aliases, roles, statements with the outlets that carried them, outlets,
    articles, people they appear with."""
    from archive.query.profile import person_profile
    from archive.serve.corrections import corrected_quotes

    async def marks(db, profile):
        ids = [q["quote_id"] for st in profile["statements"] for q in st["quotes"]]
        return {"corrected_quotes": await corrected_quotes(db, ids)}

    return await _record_page(
        datasette, request, person_profile, "person", "archive_person.html", marks
    )


async def quote_page(datasette, request):
    """/quote/ID: the quote inside its paragraph, its speaker, confidence, cue, outlet and date,
    and the same statement in other outlets."""
    from archive.query.quote import quote_in_context

    return await _record_page(datasette, request, quote_in_context, "quote", "archive_quote.html")


async def article_page(datasette, request):
    """/article/ID: title, outlet, date and the body, every quote marked and linked
    (``?quote=N``: that one highlighted)."""
    from archive.query.quote import article_paragraphs

    highlight = request.args.get("quote") or ""
    extra = {"highlight": int(highlight) if highlight.isdigit() else None}
    return await _record_page(
        datasette, request, article_paragraphs, "article", "archive_article.html", extra
    )


def marked(snippet: str | None) -> Markup:
    """A search snippet escaped, its matches between <mark> tags."""
    text = str(escape(snippet or ""))
    return Markup(text.replace(_MARKS[0], "<mark>").replace(_MARKS[1], "</mark>"))


async def search_page(datasette, request):
    """/search?q=TEXT&in=all|quotes|articles: full-text search, best match first."""
    from archive.query.common import QueryError
    from archive.query.search import SEARCH_SCOPES, search

    st = state(datasette)
    query = (request.args.get("q") or "").strip()
    scope = request.args.get("in") or "all"
    if scope not in SEARCH_SCOPES:
        scope = "all"
    rows, error = [], None
    if query:
        try:
            rows = await asyncio.to_thread(search, st.engine, query, 50, scope, _MARKS)
        except QueryError as exc:
            error = str(exc)
    for r in rows:
        r["snippet_html"] = marked(r.get("snippet"))
    context = {
        "query": query,
        "scope": scope,
        "scopes": SEARCH_SCOPES,
        "rows": rows,
        "error": error,
        "database": st.database,
    }
    return await _render(datasette, request, "archive_search.html", context)
