"""``archive serve``: the archive in a browser, on Datasette.

:mod:`~archive.serve.site` builds the Datasette instance (the catalog's metadata, settings,
templates, the cluster map's configuration); :mod:`~archive.serve.plugin` is the Datasette
plugin that adds the archive's pages (:mod:`~archive.serve.pages`: a person, a quote in its
paragraph, an article, search) and links table cells to them; :mod:`~archive.serve.corrections`
reads the corrections table when the database has one. Templates and CSS are package data
(``templates/``, ``static/``).
"""
