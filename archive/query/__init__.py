"""The read side: one module per question the CLI answers, functions from an engine (and plain
values) to rows.

:mod:`~archive.query.people` (who a name means; the people list), :mod:`~archive.query.profile`
(one person), :mod:`~archive.query.quotes`, :mod:`~archive.query.articles` (and sources),
:mod:`~archive.query.places` (and GeoJSON), :mod:`~archive.query.search` (full text),
:mod:`~archive.query.sql` (one read-only statement), :mod:`~archive.query.stats`,
:mod:`~archive.query.export` and :mod:`~archive.query.catalog`; names are scored by
:mod:`~archive.query.matching`, and :mod:`~archive.query.common` holds what they share.
"""
