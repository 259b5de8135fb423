"""The database as a product: a description of every table, view and column, and canned queries.

``archive datasette-metadata`` writes these as Datasette metadata (``datasette archive.db -m
metadata.json``); tests check that every table, view and column of the migrated schema is
described here (FTS5 shadow tables such as ``articles_fts_data`` are internal and left out).
"""

from __future__ import annotations

from typing import Any

TITLE = "News archive"
DESCRIPTION = (
    "Who said what, where, reported by which outlet: news articles normalised into sources, "
    "articles, people, quotes and places. Character offsets (start_char, end_char) index "
    "articles.body. Dates are ISO-8601 text."
)

_ID = "Primary key."
_CONFIDENCE = (
    "How likely the named speaker is right, from 0 to 1 (calibrated on real news, PolNeAR); "
    "NULL when not computed (quotes stored before it was)."
)

TABLES: dict[str, dict[str, Any]] = {
    "sources": {
        "description": (
            "Outlets that publish articles and wire agencies whose stories others carry."
        ),
        "label_column": "name",
        "columns": {
            "id": _ID,
            "name": (
                'Canonical name of the outlet or agency ("The New York Times", "Associated Press").'
            ),
            "kind": "outlet (publishes articles) or wire (a news agency credited by articles).",
            "domain": "Web domain of the outlet, when known.",
            "country_code": "ISO 3166-1 alpha-2 country of the outlet, when known.",
        },
    },
    "articles": {
        "description": "One row per ingested article (a file, or a line of a JSON Lines file).",
        "label_column": "title",
        "fts_table": "articles_fts",
        "fts_pk": "id",
        "sort_desc": "published_at",
        "facets": ["source_id", {"date": "published_at"}],
        "columns": {
            "id": _ID,
            "source_id": "The outlet that published the article (sources.id).",
            "wire_id": "The news agency the article credits, if any (sources.id).",
            "title": "Headline.",
            "subtitle": "Standfirst or subtitle, when present.",
            "url": "Address of the article, when known.",
            "byline": 'The byline as printed ("By Jane Doe and John Roe").',
            "dateline": 'The dateline as printed ("KYIV, Ukraine (AP) —").',
            "published_at": (
                "Publication date and time in UTC (2024-03-02T10:30:00+00:00), or the date alone "
                "(2024-03-02) when only a date is known: ISO 8601 text that sorts in time order."
            ),
            "published_at_raw": "The publication date as the page or metadata wrote it.",
            "body": "Cleaned article text; every start_char/end_char offset refers to it.",
            "raw_text": "The text as read from the file before cleaning (HTML for .html files).",
            "content_sha256": "SHA-256 of the raw content; the same content is stored only once.",
            "path": 'Path of the file as given to `archive ingest` ("file.jsonl#3" for line 3).',
            "file_name": "File name of the article (basename of path).",
            "word_count": "Number of words in body.",
            "language": 'Language code of the article ("en").',
            "ingested_at": "When the article was stored (UTC).",
            "extractor_version": "Version of the extraction rules that produced the entities.",
            "duplicate_of": (
                "The earliest stored article of the same story when this one is a copy (the same "
                "page saved twice, an agency story reprinted; articles.id), else empty."
            ),
        },
    },
    "article_minhash_bands": {
        "description": (
            "The MinHash signatures of each article's text and of its first 80 words, 20 bands "
            "each: articles sharing a band are candidate copies of one story (how duplicate_of "
            "is found)."
        ),
        "columns": {
            "article_id": "The article (articles.id).",
            "band": "Band number: 0-19 of the whole text, 20-39 of its lead.",
            "hash": "Hash of the band's three MinHash values.",
        },
    },
    "people": {
        "description": (
            "One row per real person, however many articles and spellings they appear under."
        ),
        "label_column": "name",
        "columns": {
            "id": _ID,
            "name": "Canonical (fullest) form of the name.",
            "key": (
                "Normalised name used to match people across articles (folded case and accents)."
            ),
            "description": "Free-text description, when known.",
        },
    },
    "person_aliases": {
        "description": (
            'Every spelling or form of a person\'s name seen in articles ("Putin", "Mr Putin").'
        ),
        "columns": {
            "id": _ID,
            "person_id": "The person (people.id).",
            "alias": "The name as written in an article.",
            "surname_key": (
                'The alias\'s surname, folded ("zelenski"): how new articles find this person.'
            ),
        },
    },
    "article_people": {
        "description": "How a person appears in an article: as subject, author or photographer.",
        "columns": {
            "id": _ID,
            "article_id": "The article (articles.id).",
            "person_id": "The person (people.id).",
            "role": "subject (mentioned in the text), author (byline) or photographer.",
            "name": (
                "The name this article gives the person; the person's name is the full name most "
                "articles use."
            ),
            "aliases": "JSON list of every name the article uses for the person.",
            "bare_key": (
                'Set when the article names the person by surname only ("President Obama"): the '
                "folded surname; such links follow whoever that surname belongs to."
            ),
            "titles": 'JSON list of the roles/titles the article gives the person ("President").',
            "mention_count": "How many times the article mentions the person.",
        },
    },
    "mentions": {
        "description": "Each mention of a person in an article body.",
        "columns": {
            "id": _ID,
            "article_id": "The article (articles.id).",
            "person_id": "The person mentioned (people.id).",
            "start_char": "Offset of the first character of the mention in articles.body.",
            "end_char": "Offset just after the last character (body[start_char:end_char] == text).",
            "text": 'The mention as written ("Zelenskyy", "the president").',
        },
    },
    "statements": {
        "description": (
            "A statement: the same words of the same speaker, carried by one or more articles "
            "and outlets. quotes.statement_id groups the quotes of one statement."
        ),
        "columns": {
            "id": _ID,
            "speaker_id": "Who made the statement (people.id), when known.",
            "text": "The longest wording of the statement seen in any article.",
            "key": "Normalised text used to match quotes of the same statement.",
        },
    },
    "quotes": {
        "description": (
            "Each quotation in an article: the quoted words, the speaker and the reporting verb."
        ),
        "label_column": "text",
        "fts_table": "quotes_fts",
        "fts_pk": "id",
        "facets": ["speaker_kind", "kind"],
        "columns": {
            "id": _ID,
            "article_id": "The article that carries the quote (articles.id).",
            "speaker_id": "The speaker (people.id) when it is a known person.",
            "statement_id": (
                "The statement this quote belongs to (statements.id); the same statement in "
                "several outlets shares it."
            ),
            "speaker_text": 'The speaker as written in the article ("he", "a Kremlin spokesman").',
            "speaker_kind": (
                'person, unnamed ("an official"), organisation, or none (unattributed).'
            ),
            "text": "The quoted words, verbatim, without the quotation marks (kind indirect: the "
            "reported content, in the reporter's words).",
            "kind": "full (a whole quoted sentence), partial (a quoted fragment) or indirect "
            "(reported speech without quotation marks: the content that is attributed, in the "
            "reporter's words).",
            "start_char": "Offset of the quoted text in articles.body.",
            "end_char": "Offset just after the quoted text (body[start_char:end_char] == text).",
            "cue": 'The reporting verb ("said", "told", "wrote").',
            "medium": (
                'Where it was said, when the article says ("on X", "in an interview with Axios").'
            ),
            "paragraph": "0-based paragraph of the body that holds the quote.",
            "confidence": _CONFIDENCE,
        },
    },
    "places": {
        "description": (
            "Places mentioned in articles, resolved against a gazetteer, with coordinates."
        ),
        "label_column": "name",
        "facets": ["kind", "country_code"],
        "columns": {
            "id": _ID,
            "name": 'Canonical place name ("Kyiv", "United Kingdom").',
            "kind": "city, region, country, continent or other.",
            "country_code": "ISO 3166-1 alpha-2 country of the place.",
            "latitude": "Latitude in decimal degrees (WGS 84).",
            "longitude": "Longitude in decimal degrees (WGS 84).",
            "gazetteer_id": 'Identifier in the gazetteer ("geonames:703448", "iso3166:UA").',
        },
    },
    "place_aliases": {
        "description": 'Every form of a place name seen in articles ("Kiev", "Kyiv").',
        "columns": {
            "id": _ID,
            "place_id": "The place (places.id).",
            "alias": "The name as written in an article.",
        },
    },
    "article_places": {
        "description": "Which places an article mentions, and how often.",
        "columns": {
            "id": _ID,
            "article_id": "The article (articles.id).",
            "place_id": "The place (places.id).",
            "mention_count": "How many times the article mentions the place.",
        },
    },
    "place_mentions": {
        "description": "Each mention of a place in an article body.",
        "columns": {
            "id": _ID,
            "article_id": "The article (articles.id).",
            "place_id": "The place mentioned (places.id).",
            "start_char": "Offset of the mention in articles.body.",
            "end_char": "Offset just after the mention.",
            "text": "The mention as written.",
        },
    },
    "corrections": {
        "description": (
            "Fixes made by hand (archive people merge/split/rename, archive quote speaker, "
            "archive place set), applied again whenever an article is ingested again or replaced; "
            "listed by archive corrections, undone by archive corrections undo ID."
        ),
        "label_column": "new_value",
        "sort_desc": "created_at",
        "facets": ["kind", "status"],
        "columns": {
            "id": _ID,
            "kind": ("person_merge, person_split, person_rename, quote_speaker or place_set."),
            "status": "active (applied again on every re-extraction) or undone.",
            "target_table": "The table of the row it corrects: people, quotes or places.",
            "target_id": (
                "The row it applies to now (people.id, quotes.id or places.id): updated when it is "
                "applied to re-extracted rows; NULL when nothing matches it now."
            ),
            "field": "What it changes: person (who is who), name, speaker or place.",
            "old_value": 'The value before, as shown ("Anna Berg (person 3)").',
            "new_value": "The value after, as shown.",
            "subject": (
                "JSON: what it corrects, by keys that survive re-extraction (the article's path, "
                "a quote's words and offset, a person's full names, a place's gazetteer id)."
            ),
            "before": "JSON: the value before (for undo).",
            "after": "JSON: the value after (applied again).",
            "note": "Why, in the words of whoever made it (--note).",
            "created_at": "When it was made (UTC).",
            "undone_at": "When it was undone (UTC); NULL while active.",
        },
    },
    "correction_keys": {
        "description": (
            "How the store finds the corrections that an article's write may concern: "
            "article:PATH, surname:KEY (of a person's names), place:GAZETTEER_ID."
        ),
        "hidden": True,
        "columns": {
            "id": _ID,
            "correction_id": "The correction (corrections.id).",
            "key": "A look-up key.",
        },
    },
    "articles_fts": {
        "description": (
            "SQLite FTS5 full-text index of articles (title, body), kept up to date by triggers; "
            "rowid = articles.id. Query: SELECT rowid, snippet(articles_fts, 1, '[', ']', '…', 20) "
            "FROM articles_fts WHERE articles_fts MATCH 'ceasefire' ORDER BY rank."
        ),
        "columns": {
            "title": "Indexed copy of articles.title.",
            "body": "Indexed copy of articles.body.",
        },
    },
    "quotes_fts": {
        "description": (
            "SQLite FTS5 full-text index of quotes (text, speaker_text), kept up to date by "
            "triggers; rowid = quotes.id."
        ),
        "columns": {
            "text": "Indexed copy of quotes.text.",
            "speaker_text": "Indexed copy of quotes.speaker_text.",
        },
    },
    "alembic_version": {
        "description": "Schema revision of the database (managed by `archive db upgrade`).",
        "hidden": True,
        "columns": {"version_num": "Current Alembic migration revision."},
    },
    # --- views ---
    "quote_attributions": {
        "title": "Who said what",
        "description": "View: every quote with its speaker, outlet, wire and article.",
        "sort_desc": "published_at",
        "facets": ["outlet", "speaker_kind", "quote_kind", {"date": "published_at"}],
        "columns": {
            "quote_id": "quotes.id.",
            "quote": "The quoted words.",
            "quote_kind": "full, partial (quotations) or indirect (reported speech).",
            "speaker": "The speaker's canonical name, else the speaker as written.",
            "speaker_kind": "person, unnamed, organisation or none.",
            "speaker_id": "people.id of the speaker, when a known person.",
            "confidence": _CONFIDENCE,
            "cue": "The reporting verb.",
            "medium": "Where it was said, when given.",
            "statement_id": "statements.id: quotes of the same statement share it.",
            "outlet": "Name of the outlet that published the article.",
            "wire": "Name of the agency the article credits, if any.",
            "article_id": "articles.id.",
            "article_title": "Headline of the article.",
            "published_at": "Publication date of the article.",
            "file_name": "File name of the article.",
        },
    },
    "person_summary": {
        "title": "People",
        "description": "View: each person with article, quote, alias and byline counts.",
        "sort_desc": "quote_count",
        "columns": {
            "person_id": "people.id.",
            "name": "Canonical name.",
            "article_count": "Articles that mention the person (role subject).",
            "quote_count": "Quotes attributed to the person.",
            "alias_count": "Number of different forms of the name seen.",
            "bylines": "Articles the person wrote or photographed.",
        },
    },
    "place_summary": {
        "title": "Places",
        "description": "View: each place with coordinates and article/mention counts.",
        "sort_desc": "article_count",
        "facets": ["kind", "country_code"],
        "columns": {
            "place_id": "places.id.",
            "name": "Canonical place name.",
            "kind": "city, region, country, continent or other.",
            "country_code": "ISO 3166-1 alpha-2 country.",
            "latitude": "Latitude in decimal degrees.",
            "longitude": "Longitude in decimal degrees.",
            "article_count": "Articles that mention the place.",
            "mention_count": "Total mentions across all articles.",
        },
    },
    "statement_summary": {
        "title": "Statements",
        "description": (
            "View: each statement with how many quotes, articles and outlets carried it."
        ),
        "sort_desc": "outlet_count",
        "columns": {
            "statement_id": "statements.id.",
            "speaker_id": "people.id of the speaker, when known.",
            "speaker": "The speaker's canonical name.",
            "text": "The longest wording of the statement.",
            "quote_count": "Quotes of this statement.",
            "outlet_count": "Distinct outlets whose articles carried it.",
            "article_count": "Distinct articles that carried it.",
            "first_published": "Earliest publication date among those articles.",
            "last_published": "Latest publication date among those articles.",
        },
    },
    "source_summary": {
        "title": "Outlets",
        "description": "View: each outlet or agency with article and quote counts.",
        "sort_desc": "article_count",
        "facets": ["kind"],
        "columns": {
            "source_id": "sources.id.",
            "name": "Outlet or agency name.",
            "kind": "outlet or wire.",
            "domain": "Web domain, when known.",
            "country_code": "ISO 3166-1 alpha-2 country, when known.",
            "article_count": "Articles published by this outlet.",
            "wire_article_count": "Articles (of any outlet) that credit this agency.",
            "quote_count": "Quotes in this outlet's articles.",
            "first_published": "Earliest publication date of its articles.",
            "last_published": "Latest publication date of its articles.",
        },
    },
}

# Canned queries: named parameters (:speaker) become form fields in Datasette.
QUERIES: dict[str, dict[str, str]] = {
    "who_said": {
        "title": "Who said it?",
        "description": (
            "Quotes containing some words (literally; case-insensitive for A-Z), with speaker and "
            "outlet."
        ),
        "sql": (
            "SELECT quote_id, quote, speaker, outlet, published_at, article_title, article_id,\n"
            "       statement_id\n"
            "FROM quote_attributions\n"
            "WHERE instr(lower(quote), lower(:words)) > 0\n"
            "ORDER BY published_at DESC\nLIMIT 200"
        ),
    },
    "quotes_by_speaker": {
        "title": "Quotes by a speaker",
        "description": 'Quotes by people whose name or alias contains the text ("Zelensk").',
        "sql": (
            "SELECT q.quote_id, q.quote, q.speaker, q.outlet, q.published_at, q.article_id,\n"
            "       q.statement_id\n"
            "FROM quote_attributions q\n"
            "WHERE q.speaker_id IN (\n"
            "  SELECT person_id FROM person_aliases"
            " WHERE instr(lower(alias), lower(:speaker)) > 0\n"
            "  UNION SELECT id FROM people WHERE instr(lower(name), lower(:speaker)) > 0)\n"
            "ORDER BY q.published_at DESC\nLIMIT 200"
        ),
    },
    "quotes_by_outlet": {
        "title": "Quotes by outlet",
        "description": "How many quotes each outlet carries, and from how many speakers.",
        "sql": (
            "SELECT outlet, COUNT(*) AS quotes, COUNT(DISTINCT speaker_id) AS speakers,\n"
            "       COUNT(DISTINCT statement_id) AS statements\n"
            "FROM quote_attributions\nGROUP BY outlet\nORDER BY quotes DESC"
        ),
    },
    "widely_carried_statements": {
        "title": "Statements carried by several outlets",
        "description": "The same words of the same speaker, reported by more than one outlet.",
        "sql": (
            "SELECT statement_id, speaker, text, outlet_count, quote_count, first_published\n"
            "FROM statement_summary\nWHERE outlet_count > 1\n"
            "ORDER BY outlet_count DESC, quote_count DESC\nLIMIT 200"
        ),
    },
    "people_in_place": {
        "title": "People in the news about a place",
        "description": 'People mentioned in articles that mention a place ("Kyiv").',
        "sql": (
            "SELECT p.id AS person_id, p.name, COUNT(DISTINCT ap.article_id) AS articles\n"
            "FROM places pl\n"
            "JOIN article_places apl ON apl.place_id = pl.id\n"
            "JOIN article_people ap ON ap.article_id = apl.article_id AND ap.role = 'subject'\n"
            "JOIN people p ON p.id = ap.person_id\n"
            "WHERE pl.name = :place"
            " OR pl.id IN (SELECT place_id FROM place_aliases WHERE alias = :place)\n"
            "GROUP BY p.id, p.name\nORDER BY articles DESC\nLIMIT 100"
        ),
    },
    "search_articles": {
        "title": "Full-text search of articles",
        "description": 'FTS5 query: words, "a phrase", prefix*, OR, NOT.',
        "sql": (
            "SELECT a.id, a.title, s.name AS outlet, a.published_at,\n"
            "       snippet(articles_fts, 1, '**', '**', '…', 20) AS snippet\n"
            "FROM articles_fts\n"
            "JOIN articles a ON a.id = articles_fts.rowid\n"
            "LEFT JOIN sources s ON s.id = a.source_id\n"
            # an empty query (the form just opened) matches nothing instead of failing
            "WHERE articles_fts MATCH coalesce(nullif(trim(:query), ''), '\"\"')\n"
            "ORDER BY rank\nLIMIT 100"
        ),
    },
}


def datasette_metadata(database: str = "archive") -> dict[str, Any]:
    """Datasette metadata: descriptions of every table/view/column, and canned queries.

    DATABASE is the name Datasette gives the file: its name without the extension.
    """
    return {
        "title": TITLE,
        "description": DESCRIPTION,
        "databases": {
            database: {
                "description": DESCRIPTION,
                "tables": {name: {k: v for k, v in info.items()} for name, info in TABLES.items()},
                "queries": {name: dict(q) for name, q in QUERIES.items()},
            }
        },
    }
