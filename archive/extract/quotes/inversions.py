"""Speakers the parse puts in the wrong place around a cue: a cue set between commas before a
name ("..., said Jo Roe, an expert, would ..."), a name after a title the parse splits ("said Air
Force 1st Lt. Jo Roe"), a fronted phrase taken for the subject ("Of Reed, Roe said")."""

from __future__ import annotations

from archive.extract.quotes.article import QuoteArticle
from archive.extract.quotes.text import TextView
from archive.extract.quotes.units import Speaker
from archive.kinds import SpeakerKind


def named_in_parenthesis(art: QuoteArticle, cue: int) -> Speaker | None:
    """'Any "cleareyed" reading of it, said Jo Roe, an expert, would ...': a cue set between
    commas with a person's name right after it; that person speaks, whatever the parse makes
    the subject (not a possessor: ', said Roe's lawyer')."""
    v = art.view
    if cue == 0 or cue + 2 >= len(v.toks) or v.toks[cue - 1].text != ",":
        return None
    if v.toks[cue].tag not in ("VBD", "VBZ"):  # not ', telling Roe.'
        return None
    t = v.toks[cue + 1]
    pi = art.idx.at(t.idx, t.end)
    if pi is None:
        return None
    k = cue + 1
    while k + 1 < len(v.toks) and art.idx.at(v.toks[k + 1].idx, v.toks[k + 1].end) == pi:
        k += 1
    if k + 1 < len(v.toks) and v.toks[k + 1].text not in (",", "."):
        return None
    end = v.toks[k].end
    return Speaker(SpeakerKind.PERSON, pi, art.mention_text(pi, t.idx, end))


def named_after_title(art: QuoteArticle, s: int) -> Speaker | None:
    """'"...," said Air Force 1st Lt. Jo Roe': the parse took a word of the title for the
    subject of a cue before it; the person named right after it, with only words of the title
    between, speaks (not after 'for', 'of' or a comma: 'said the lawyer for Jo Roe')."""
    v = art.view
    for k in range(s + 1, min(s + 8, len(v.toks))):
        t = v.toks[k]
        pi = art.idx.at(t.idx, t.end)
        if pi is not None:
            return Speaker(SpeakerKind.PERSON, pi, art.mention_text(pi, t.idx, t.end))
        if t.pos not in ("PROPN", "NOUN", "NUM") and t.text not in (".", "-"):
            return None
    return None


def past_fronted_phrase(view: TextView, s: int) -> int:
    """'Of Carson, Roe said': the parse took the fronted preposition for the subject; the
    subject is the word after the phrase's comma."""
    v = view
    a, b = v.sent_range(s)
    if v.toks[s].pos != "ADP":
        # or the object of the preposition: 'Of Carl Diaz, Roe said' parsed "Diaz said"
        j = s
        while j > a and v.toks[j - 1].pos == "PROPN":
            j -= 1
        if not (j - 1 == a and v.toks[a].pos == "ADP" and s + 1 < b and v.toks[s + 1].text == ","):
            return s
    for k in range(s + 1, min(s + 10, b - 1)):
        if v.toks[k].text == ",":
            return k + 1 if v.toks[k + 1].text[:1].isalnum() else s
    return s
