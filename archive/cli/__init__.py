"""The command-line interface (Typer): options in, a function of :mod:`archive.query` called, rows
out through one output function."""
