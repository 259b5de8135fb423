"""Fixtures for the web UI: the sample archive as a file, and a Datasette over it."""

from __future__ import annotations

import asyncio

import pytest

from tests.serve import write_sample_archive


@pytest.fixture
def archive_file(tmp_path):
    """The sample archive's SQLite file (one BBC quote with a confidence)."""
    return write_sample_archive(str(tmp_path / "archive.db"))


@pytest.fixture
def site(archive_file):
    """A started Datasette over the sample archive, as ``archive serve --tiles none`` runs it."""
    from archive.serve.site import make_datasette

    datasette = make_datasette(archive_file, tiles="none")
    asyncio.run(datasette.invoke_startup())
    return datasette
