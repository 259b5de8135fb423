"""``python -m archive``: the same CLI as the ``archive`` command."""

from archive.cli.app import main

main()
