"""The typed units passed between the quote modules: a passage's token positions, a speaker, an
attribution, and a quote found in the article (its passage, record and attribution)."""

from __future__ import annotations

from dataclasses import dataclass

from archive.extract.quotes.marks import MarkedSpan
from archive.extract.quotes.text import TextView
from archive.kinds import SpeakerKind
from archive.records import QuoteRecord


@dataclass(frozen=True)
class Speaker:
    """Who said something: a person of the article (``person``: index into the people list), an
    unnamed source, an organisation, or nobody found; ``text`` as written ("he", "a source")."""

    kind: SpeakerKind
    person: int | None = None
    text: str | None = None


@dataclass(frozen=True)
class Attribution:
    """A speaker with the reporting verb as written ("said", "according to"), the medium ("on X",
    "Axios") and the verb's token; cue, medium and token are None for an attribution without a
    reporting verb ("by his own account", a follow-up quote); ``how`` names the rule."""

    speaker: Speaker
    cue: str | None = None
    medium: str | None = None
    cue_token: int | None = None
    how: str = "cue"  # how it was found: archive.records.QuoteRecord.how


@dataclass(frozen=True)
class QuoteTokens:
    """Where a passage between marks sits among the tokens: its text [first, stop), the token at
    its opening mark (``open_tok``) and the first token after its closing mark (``close_tok``)."""

    span: MarkedSpan
    first: int
    stop: int
    open_tok: int
    close_tok: int

    @classmethod
    def of(cls, view: TextView, sp: MarkedSpan) -> QuoteTokens:
        first, stop = view.token_at(sp.start), view.token_at(sp.end)
        open_tok = view.token_at(sp.open_mark) if sp.open_mark is not None else first
        close_tok = view.token_at(sp.close_mark + 1) if sp.close_mark is not None else stop
        return cls(sp, first, stop, open_tok, close_tok)


@dataclass
class FoundQuote:
    """A passage on its way to the output: its record (speaker filled in step by step), the
    attribution found for it (None when none of its own), and whether it opens a sentence."""

    span: MarkedSpan
    record: QuoteRecord
    attribution: Attribution | None
    initial: bool


def mark_start(sp: MarkedSpan) -> int:
    """Offset of the passage's opening mark (its text's start when the mark is missing)."""
    return sp.open_mark if sp.open_mark is not None else sp.start


def mark_end(sp: MarkedSpan) -> int:
    """Offset just after the passage's closing mark (its text's end when the mark is missing)."""
    return sp.close_mark + 1 if sp.close_mark is not None else sp.end
