"""Corrections by hand: ``archive people merge|split|rename``, ``archive quote speaker``,
``archive place set``, and ``archive corrections`` (the list) with ``corrections undo ID``.

Each correction is recorded in the ``corrections`` table and applied at once; the store applies
it again whenever the article is ingested again or replaced (:mod:`archive.store.corrections`).
Every command takes ``--note`` and ``--db``, prints one line on stderr saying what it did, and
exits 1 with a one-line error on an unknown id or name.

``archive people`` and ``archive corrections`` are groups whose bare invocation is still the
list (:func:`group_with_default`).
"""

from __future__ import annotations

import inspect
from typing import Annotated, Callable, Optional

import typer

from archive.cli import people as people_cli
from archive.cli.limits import output_page
from archive.cli.notfound import no_match
from archive.cli.options import DbOption, FormatOption, LimitOption, fail, open_db, read_db
from archive.cli.output import Format, err
from archive.kinds import CorrectionKind, CorrectionStatus, SpeakerKind

NoteOption = Annotated[Optional[str], typer.Option("--note", help="Why: kept with the correction.")]
CORRECTION_COLUMNS = [
    "correction",
    "kind",
    "status",
    "target",
    "old_value",
    "new_value",
    "note",
]


def group_with_default(command: Callable, help: str) -> typer.Typer:
    """A group of subcommands whose bare invocation (no subcommand) runs COMMAND with COMMAND's
    own options (``archive people --top 5`` as before ``people merge`` existed)."""
    group = typer.Typer(help=help, no_args_is_help=False)
    sig = inspect.signature(command, eval_str=True)

    def callback(ctx: typer.Context, **options) -> None:
        if ctx.invoked_subcommand is None:
            command(**options)

    ctx_param = inspect.Parameter(
        "ctx", inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=typer.Context
    )
    callback.__signature__ = sig.replace(parameters=[ctx_param, *sig.parameters.values()])
    callback.__doc__ = command.__doc__
    group.callback(invoke_without_command=True)(callback)
    return group


def _correct(db: str | None, make: Callable, *args) -> dict:
    """Make a correction; exits 1 with its one-line reason when it cannot be made."""
    from archive.store.corrections import CorrectionError, correct

    try:
        return correct(open_db(db), make, *args)
    except CorrectionError as exc:
        fail(str(exc))


def _said(row: dict, what: str) -> None:
    err.print(f"correction {row['id']}: {what}", markup=False, soft_wrap=True)


def _person_id(engine, name: str) -> int:
    """The person NAME (a name, alias or id) means, as ``archive person`` resolves it."""
    from archive.query.lookup import near_names
    from archive.query.people import resolve_person

    found, candidates = resolve_person(engine, name)
    if found is not None:
        return found["person_id"]
    if not candidates:
        no_match("person", name, near_names(engine, "person", name))
    ids = ", ".join(f"{c['person_id']} ({c['name']})" for c in candidates[:5])
    fail(f"{name!r} matches {len(candidates)} people: give one of their ids: {ids}")


# --- archive people ... ---

people_app = group_with_default(
    people_cli.people,
    help="People with article and quote counts (the list); merge, split and rename people.",
)


@people_app.command("merge")
def people_merge(
    keep: Annotated[str, typer.Argument(help="The person who stays (name, alias or id).")],
    other: Annotated[str, typer.Argument(help="The person who is KEEP (name, alias or id).")],
    note: NoteOption = None,
    db: DbOption = None,
) -> None:
    """Two people who are one: OTHER's articles, mentions, quotes and names become KEEP's (who
    keeps their id and name), now and whenever their articles are ingested again."""
    from archive.store.correct_people import make_merge

    engine = read_db(db)
    keep_id, other_id = _person_id(engine, keep), _person_id(engine, other)
    row = _correct(db, make_merge, keep_id, other_id, note)
    _said(row, f"{row['old_value']} merged into {row['new_value']}")


@people_app.command("split")
def people_split(
    person: Annotated[str, typer.Argument(help="The person (name, alias or id).")],
    alias: Annotated[str, typer.Argument(help="One of their names that is someone else.")],
    note: NoteOption = None,
    db: DbOption = None,
) -> None:
    """An alias that is someone else: what PERSON's articles call ALIAS (the articles, mentions
    and quotes) becomes a person of its own."""
    from archive.store.correct_people import make_split

    pid = _person_id(read_db(db), person)
    row = _correct(db, make_split, pid, alias, note)
    _said(row, f"{alias!r} split off person {pid} as person {row['target_id']}")


@people_app.command("rename")
def people_rename(
    person: Annotated[str, typer.Argument(help="The person (name, alias or id).")],
    name: Annotated[str, typer.Argument(help="The name to show them by.")],
    note: NoteOption = None,
    db: DbOption = None,
) -> None:
    """Show a person by NAME, whatever name most of their articles use."""
    from archive.store.correct_people import make_rename

    pid = _person_id(read_db(db), person)
    row = _correct(db, make_rename, pid, name, note)
    _said(row, f"person {pid} renamed {row['old_value']!r} -> {row['new_value']!r}")


# --- archive quote speaker ---

quote_app = typer.Typer(help="Correct a quote.", no_args_is_help=True)


@quote_app.command("speaker")
def quote_speaker(
    quote_id: Annotated[int, typer.Argument(help="The quote's id (quotes.id).")],
    person: Annotated[
        Optional[str], typer.Argument(help="Who said it (name, alias or id).", show_default=False)
    ] = None,
    none: Annotated[bool, typer.Option("--none", help="Nobody: the quote has no speaker.")] = False,
    unnamed: Annotated[
        Optional[str],
        typer.Option("--unnamed", help='An unnamed speaker, described ("a senior official").'),
    ] = None,
    note: NoteOption = None,
    db: DbOption = None,
) -> None:
    """Set who said a quote: PERSON, nobody (--none) or an unnamed source (--unnamed TEXT); a
    speaker set by hand has confidence 1."""
    from archive.store.correct_quotes import make_speaker

    given = [x for x in (person is not None, none, unnamed is not None) if x]
    if len(given) != 1:
        fail("give exactly one of PERSON, --none and --unnamed TEXT", code=2)
    if person is not None:
        kind, value = SpeakerKind.PERSON, _person_id(read_db(db), person)
    elif none:
        kind, value = SpeakerKind.NONE, None
    else:
        kind, value = SpeakerKind.UNNAMED, unnamed
    row = _correct(db, make_speaker, quote_id, kind, value, note)
    _said(row, f"quote {quote_id}: {row['old_value']} -> {row['new_value']}")


# --- archive place set ---

place_app = typer.Typer(help="Correct a place.", no_args_is_help=True)


@place_app.command("set")
def place_set(
    place_id: Annotated[int, typer.Argument(help="The place's id (places.id).")],
    to: Annotated[
        Optional[str],
        typer.Option(
            "--to",
            help='The place it is: a gazetteer id ("geonames:2988507") or a name ("Paris, '
            "France\": the gazetteer's best reading).",
        ),
    ] = None,
    not_a_place: Annotated[
        bool, typer.Option("--not-a-place", help="It is not a place: its mentions go.")
    ] = False,
    article: Annotated[
        Optional[int],
        typer.Option("--article", help="Only in this article (default: in every article)."),
    ] = None,
    note: NoteOption = None,
    db: DbOption = None,
) -> None:
    """A place resolved wrongly: it is another gazetteer place (--to), or not a place at all
    (--not-a-place), in every article or in one (--article ID)."""
    from archive.store.correct_places import make_place

    if (to is None) == (not not_a_place):
        fail("give exactly one of --to and --not-a-place", code=2)
    row = _correct(db, make_place, place_id, to, article, note)
    _said(row, f"place {row['old_value']} -> {row['new_value']}")


# --- archive corrections ---


def corrections_list(
    db: DbOption = None,
    fmt: FormatOption = Format.table,
    limit: LimitOption = 50,
    status: Annotated[
        Optional[CorrectionStatus], typer.Option("--status", help="Only active or undone ones.")
    ] = None,
    kind: Annotated[
        Optional[CorrectionKind], typer.Option("--kind", help="Only this kind.")
    ] = None,
) -> None:
    """Corrections made by hand, newest first: what each corrects now (target), the value
    before and after, the note, whether it is active or undone."""
    from archive.query.corrections import corrections, corrections_count

    engine = read_db(db)
    filters = dict(status=status, kind=kind)
    output_page(
        limit,
        lambda n: corrections(engine, **filters, limit=n),
        lambda: corrections_count(engine, **filters),
        fmt,
        CORRECTION_COLUMNS,
    )


corrections_app = group_with_default(
    corrections_list, help="Corrections made by hand (the list); undo one."
)


@corrections_app.command("undo")
def corrections_undo(
    correction_id: Annotated[int, typer.Argument(help="The correction's id.")],
    note: NoteOption = None,
    db: DbOption = None,
) -> None:
    """Undo a correction: the value before comes back where it can, and re-ingesting its
    articles no longer applies it."""
    from archive.store.corrections import CorrectionError, undo

    try:
        row = undo(open_db(db), correction_id, note)
    except CorrectionError as exc:
        fail(str(exc))
    _said(row, f"undone ({row['field']}: {row['new_value']} -> {row['old_value']})")
