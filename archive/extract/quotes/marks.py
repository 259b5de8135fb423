"""Finding the passages between quotation marks (no attribution, no NLP).

Paragraphs are the runs of text between newline characters ("\\n" runs; lines holding only
whitespace separate paragraphs too). Marks are paired *within a paragraph* first, so one
unmatched mark never shifts or swallows the rest of the article:

* double marks: straight ``"`` and curly ``“ ”`` (also ``„`` and ``« »``); a straight mark opens
  or closes depending on the characters around it;
* single marks: ``‘ ’`` and straight ``'``, told apart from apostrophes (``Russia's``,
  ``They’re``, ``the talks’ progress``, ``’90s``); single marks are only looked at outside
  double-quoted text (a single pair nested in a double quote belongs to that quote);
* nested quotes are part of the outer quote (only top-level passages are returned);
* a quote running over several paragraphs (each paragraph reopens with a mark, only the last
  closes) gives one passage per paragraph (each without its marks), linked by ``group`` (the
  offset of the first opening mark) so that one attribution serves them all;
* broken marks from scraped text: a closing mark with no opener as the first mark of a paragraph
  opens the quote at the paragraph start (``missing_open``); an opener never closed runs to the
  end of its paragraph (``missing_close``).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

DOUBLE_OPEN = "“„«"
DOUBLE_CLOSE = "”»"
SINGLE_OPEN = "‘‹"
SINGLE_CLOSE = "’›"
STRAIGHT_DOUBLE = '"'
STRAIGHT_SINGLE = "'"
# any double / single quotation mark (found with one regex scan per paragraph, not char by char)
_DOUBLE_MARK_RE = re.compile("[" + re.escape(DOUBLE_OPEN + DOUBLE_CLOSE + STRAIGHT_DOUBLE) + "]")
_SINGLE_MARK_RE = re.compile("[" + re.escape(SINGLE_OPEN + SINGLE_CLOSE + STRAIGHT_SINGLE) + "]")
ALL_MARKS = (
    DOUBLE_OPEN + DOUBLE_CLOSE + SINGLE_OPEN + SINGLE_CLOSE + STRAIGHT_DOUBLE + STRAIGHT_SINGLE
)

_LEFT_OK = "([{—–-/" + DOUBLE_OPEN + SINGLE_OPEN + STRAIGHT_DOUBLE + STRAIGHT_SINGLE
_RIGHT_OK = ")]}.,;:!?—–-…/" + DOUBLE_CLOSE + SINGLE_CLOSE + STRAIGHT_DOUBLE + STRAIGHT_SINGLE
_SENT_END = re.compile(r"[.!?…]")
# a letter or a mark of punctuation that ends the words of a quote: a mark right after it, with
# a space after the mark, closes
_CLOSES_AFTER = re.compile(r"[^\W_]|[.,!?;…]")
# a tag of markup left in a text ('<tweet author="@jane" date="...">'): its marks delimit
# attribute values, not words anybody said
_TAG = re.compile(
    r"</?[A-Za-z][\w:.-]*(?:\s+[\w:.-]+(?:\s*=\s*(?:\"[^\"<>\n]*\"|'[^'<>\n]*'|[^\s\"'<>=]+))?)*"
    r"\s*/?>"
)


@dataclass
class MarkedSpan:
    """A top-level passage between quotation marks; ``body[start:end]`` is its text."""

    start: int
    end: int
    paragraph: int  # index of the paragraph where the passage starts
    open_mark: int | None  # offset of the opening mark (None when missing)
    close_mark: int | None  # offset of the closing mark (None when missing)
    single: bool = False  # single quotation marks
    broken: str | None = None  # None | "missing_open" | "missing_close"
    multi_paragraph: bool = False
    group: int | None = None  # pieces of one multi-paragraph quote share this (first opening mark)


_TWO_APOSTROPHES = re.compile(r"''(?!')")


def fold_double_apostrophes(body: str) -> str:
    """``body`` with each pair of straight apostrophes used as a double quotation mark (the
    ''...'' of some newspaper archives) turned into a straight double mark and a space, so that
    the mark rules apply; same length, so every offset still points into the stored text. An
    opening pair (nothing or a space before, a word after) becomes space + mark, a closing pair
    (a word or punctuation before, a space, punctuation or the end after; or a stray space
    after the punctuation: "coalitions, '' said") mark + space."""
    if "''" not in body:
        return body
    chars = list(body)
    n = len(body)
    for m in _TWO_APOSTROPHES.finditer(body):
        i = m.start()
        # three marks: a single one inside the pair ("...all,'" then '' closes; '' then "'Hey")
        triple = i > 0 and body[i - 1] == "'"
        if triple and i > 1 and body[i - 2] == "'":
            continue
        before = i - 1 if triple else i  # where the run of marks starts
        prev = body[before - 1] if before > 0 else " "
        nxt = body[i + 2] if i + 2 < n else " "
        if (prev.isspace() or prev in "([{—–-") and (nxt.isalnum() or nxt in "‘$."):
            # opening: the pair comes first, the single mark after it opens a quote inside
            chars[before], chars[before + 1] = " ", STRAIGHT_DOUBLE
        elif not prev.isspace() and (nxt.isspace() or nxt in _RIGHT_OK):
            # closing: the single mark closes the quote inside, the pair last
            chars[i], chars[i + 1] = STRAIGHT_DOUBLE, " "
        elif prev == " " and nxt.isspace() and before > 1 and body[before - 2] in ",.?!;":
            # closing after a stray space: '... coalitions, '' said Roe'
            chars[i], chars[i + 1] = STRAIGHT_DOUBLE, " "
    return "".join(chars)


def paragraph_spans(body: str) -> list[tuple[int, int]]:
    """(start, end) of every non-blank paragraph, stripped of surrounding whitespace."""
    spans = []
    for m in re.finditer(r"[^\n]+", body):
        s, e = m.start(), m.end()
        while s < e and body[s].isspace():
            s += 1
        while e > s and body[e - 1].isspace():
            e -= 1
        if s < e:
            spans.append((s, e))
    return spans


def paragraph_index(paragraphs: list[tuple[int, int]], offset: int) -> int:
    """Index of the paragraph holding ``offset`` (the nearest one before it when between)."""
    return max(bisect.bisect_right(paragraphs, (offset, float("inf"))) - 1, 0)


def _context(body: str, i: int, ps: int, pe: int) -> tuple[bool, bool, str, str]:
    prev = body[i - 1] if i > ps else ""
    nxt = body[i + 1] if i + 1 < pe else ""
    left_space = prev == "" or prev.isspace() or prev in _LEFT_OK
    right_space = nxt == "" or nxt.isspace() or nxt in _RIGHT_OK
    return left_space, right_space, prev, nxt


def _double_role(body: str, i: int, ps: int, pe: int) -> str:
    """'open', 'close' or 'either' for the double mark at ``i``. A curly mark typed the wrong way
    round is read by where it stands: '“It is over,“ he said' closes after the comma (as „...“
    does), ' ”Yes' opens before a word."""
    c = body[i]
    left_space, right_space, prev, nxt = _context(body, i, ps, pe)
    if c in DOUBLE_OPEN:
        if c == "“" and _CLOSES_AFTER.match(prev) and (nxt == "" or nxt.isspace()):
            return "close"
        return "open"
    if c in DOUBLE_CLOSE:
        if c == "”" and (prev == "" or prev.isspace()) and nxt.isalnum():
            return "open"
        return "close"
    if left_space and not right_space:
        return "open"
    if right_space and not left_space:
        return "close"
    return "either"


def _single_role(body: str, i: int, ps: int, pe: int) -> str | None:
    """'open', 'close', 'weak_close' (possibly a plural possessive) or None (apostrophe)."""
    c = body[i]
    left_space, right_space, prev, nxt = _context(body, i, ps, pe)
    if prev.isalnum() and nxt.isalnum():
        return None  # don't, Russia's, They’re
    if c in "’'" and left_space and re.match(r"\d\ds\b|\d\d\b", body[i + 1 : i + 4]):
        return None  # ’90s
    if c in SINGLE_OPEN:
        return "open"
    if c == "›":
        return "close"
    # ’ or '
    if left_space and not right_space:
        return "open" if nxt.isalnum() or nxt in '“"' else None
    if right_space and not left_space:
        if prev in "sSzZ" and nxt.isspace() and re.match(r"\s+[^\W\d_]", body[i + 1 : i + 4]):
            return "weak_close"  # the talks’ progress / 'the boys' fun' ...
        return "close"
    return None


def _trim(body: str, s: int, e: int) -> tuple[int, int]:
    while s < e and body[s].isspace():
        s += 1
    while e > s and body[e - 1].isspace():
        e -= 1
    return s, e


def _starts_with(body: str, ps: int, pe: int, chars: str) -> int | None:
    """Offset of the first character of the paragraph when it is one of ``chars``."""
    if ps < pe and body[ps] in chars:
        return ps
    return None


def _tag_ranges(body: str) -> list[tuple[int, int]]:
    """The tags of markup left in the text, as (start, end) offsets."""
    if "<" not in body:
        return []
    return [m.span() for m in _TAG.finditer(body)]


def _in_ranges(ranges: list[tuple[int, int]], i: int) -> bool:
    """Offset ``i`` lies in one of ``ranges`` (sorted, not overlapping)."""
    j = bisect.bisect_right(ranges, (i, float("inf"))) - 1
    return j >= 0 and ranges[j][0] <= i < ranges[j][1]


def _double_spans(
    body: str, paras: list[tuple[int, int]], tags: list[tuple[int, int]]
) -> list[MarkedSpan]:
    out: list[MarkedSpan] = []
    carry: tuple[int, int] | None = (
        None  # (opening mark offset, paragraph) of a multi-paragraph quote
    )
    for pi, (ps, pe) in enumerate(paras):
        nxt = paras[pi + 1] if pi + 1 < len(paras) else None
        marks = [m.start() for m in _DOUBLE_MARK_RE.finditer(body, ps, pe)]
        if tags:
            marks = [i for i in marks if not _in_ranges(tags, i)]
        roles = {i: _double_role(body, i, ps, pe) for i in marks}
        stack: list[int] = []
        first_para = pi
        multi = False
        if carry is not None:
            reopen = _starts_with(body, ps, pe, DOUBLE_OPEN + STRAIGHT_DOUBLE)
            stack = [carry[0]]
            first_para = carry[1]
            multi = True
            if reopen is not None:
                marks = [m for m in marks if m != reopen]
            carry = None
        # closers_after[k]: how many of the marks after the k-th can close (one pass, not one
        # count over the rest of the paragraph per opener)
        closers_after = [0] * (len(marks) + 1)
        for k in range(len(marks) - 1, -1, -1):
            closers_after[k] = closers_after[k + 1] + (roles[marks[k]] in ("close", "either"))
        closed_any = False
        for k, i in enumerate(marks):
            role = roles[i]
            if not stack:
                if role in ("open", "either"):
                    stack = [i]
                    first_para = pi
                    multi = False
                elif not closed_any and k == 0:
                    # closing mark with no opener as the first mark of the paragraph
                    s, e = _trim(body, ps, i)
                    if e > s:
                        out.append(MarkedSpan(s, e, pi, None, i, broken="missing_open"))
                    closed_any = True
                continue
            if role in ("close", "either"):
                opener = stack.pop()
                if not stack:
                    s, e = _trim(body, opener + 1, i)
                    if e > s:
                        out.append(MarkedSpan(s, e, first_para, opener, i, multi_paragraph=multi))
                    closed_any = True
                    multi = False
                continue
            # an opener while a quote is open: nested when enough closers remain, or when curly
            # marks nest in a straight one (the outer closing in a later paragraph), else broken
            if closers_after[k + 1] >= len(stack) + 1 or _curly_inside_straight(
                body, marks[k:], stack[-1], nxt
            ):
                stack.append(i)
                continue
            opener = stack[0]
            cut = None
            for m in _SENT_END.finditer(body, opener + 1, i):
                cut = m.end()
            if cut is not None and not multi:
                s, e = _trim(body, opener + 1, cut)
                if e > s:
                    out.append(MarkedSpan(s, e, first_para, opener, None, broken="missing_close"))
            stack = [i]
            first_para = pi
            multi = False
        if stack:
            opener = stack[0]
            if _reopens(body, nxt):
                carry = (opener, first_para)
                continue
            s, e = _trim(body, opener + 1, pe)
            if e > s:
                out.append(
                    MarkedSpan(
                        s,
                        e,
                        first_para,
                        opener,
                        None,
                        broken="missing_close",
                        multi_paragraph=multi,
                    )
                )
    return out


def _curly_inside_straight(
    body: str, rest: list[int], outer: int, nxt: tuple[int, int] | None
) -> bool:
    """A curly opener at ``rest[0]`` inside a quote opened by a straight mark is nested when a
    curly mark closes it in this paragraph and the straight quote goes on in the next one (that
    paragraph reopens with a mark): '"The department is not about “equal justice” any more.'
    """
    if body[outer] not in STRAIGHT_DOUBLE or body[rest[0]] not in DOUBLE_OPEN:
        return False
    if not any(body[j] in DOUBLE_CLOSE for j in rest[1:]):
        return False
    if any(body[j] in STRAIGHT_DOUBLE for j in rest[1:]):
        return True  # the straight quote closes in this paragraph
    return _reopens(body, nxt)


def _reopens(body: str, para: tuple[int, int] | None) -> bool:
    """Paragraph ``para`` opens with a double mark: a quote of the paragraph before goes on."""
    return (
        para is not None
        and _starts_with(body, para[0], para[1], DOUBLE_OPEN + STRAIGHT_DOUBLE) is not None
    )


def _single_spans(
    body: str, paras: list[tuple[int, int]], masked: list[tuple[int, int]]
) -> list[MarkedSpan]:
    # is offset i inside one of the masked ranges? (bisect over the ranges sorted by start, with
    # the running maximum of their ends: no scan of all ranges per mark)
    ranges = sorted(masked)
    range_starts = [a for a, _ in ranges]
    max_end: list[int] = []
    for _, b in ranges:
        max_end.append(max(b, max_end[-1]) if max_end else b)

    def is_masked(i: int) -> bool:
        j = bisect.bisect_right(range_starts, i) - 1
        return j >= 0 and max_end[j] > i

    out: list[MarkedSpan] = []
    carry: tuple[int, int] | None = None
    for pi, (ps, pe) in enumerate(paras):
        marks = []
        for mark in _SINGLE_MARK_RE.finditer(body, ps, pe):
            i = mark.start()
            if not is_masked(i):
                role = _single_role(body, i, ps, pe)
                if role:
                    marks.append((i, role))
        opener: int | None = None
        first_para = pi
        multi = False
        if carry is not None:
            reopen = _starts_with(body, ps, pe, "‘'")
            opener, first_para, multi = carry[0], carry[1], True
            marks = [(i, r) for i, r in marks if i != reopen]
            carry = None
        close_after = [False] * (len(marks) + 1)  # a strong closing mark comes after the k-th
        for k in range(len(marks) - 1, -1, -1):
            close_after[k] = close_after[k + 1] or marks[k][1] == "close"
        for k, (i, role) in enumerate(marks):
            if role == "open":
                if opener is None or not multi:
                    opener, first_para, multi = i, pi, False
                continue
            if opener is None:
                continue
            if role == "weak_close" and close_after[k + 1]:
                continue
            s, e = _trim(body, opener + 1, i)
            if e > s:
                out.append(
                    MarkedSpan(s, e, first_para, opener, i, single=True, multi_paragraph=multi)
                )
            opener, multi = None, False
        if opener is not None:
            nxt = paras[pi + 1] if pi + 1 < len(paras) else None
            at_start = opener == ps or multi
            if (
                nxt is not None
                and at_start
                and _starts_with(body, nxt[0], nxt[1], "‘'") is not None
            ):
                carry = (opener, first_para)
    return out


def find_marked_spans(
    body: str, paragraphs: list[tuple[int, int]] | None = None
) -> list[MarkedSpan]:
    """Every top-level passage between quotation marks, in text order."""
    paras = paragraphs if paragraphs is not None else paragraph_spans(body)
    tags = _tag_ranges(body)
    doubles = _double_spans(body, paras, tags)
    masked = tags + [
        (
            (d.open_mark if d.open_mark is not None else d.start),
            (d.close_mark + 1 if d.close_mark is not None else d.end),
        )
        for d in doubles
    ]
    singles = _single_spans(body, paras, masked)
    spans = doubles + singles
    # keep only top-level passages: drop any span inside another one
    # (sorted by start, longest first, every kept span starts at or before the next one: a span
    # lies inside a kept one exactly when it ends no later than the furthest kept end, and a later
    # span can never hold a kept one)
    spans.sort(key=lambda s: (s.start, -s.end))
    out: list[MarkedSpan] = []
    furthest = -1
    for sp in spans:
        if sp.end <= furthest:
            continue
        out.append(sp)
        furthest = sp.end
    out.sort(key=lambda s: s.start)
    pieces: list[MarkedSpan] = []
    for sp in out:
        pieces.extend(_split_paragraphs(body, paras, sp) if sp.multi_paragraph else [sp])
    return [s for s in pieces if any(ch.isalnum() for ch in body[s.start : s.end])]


def _split_paragraphs(body: str, paras: list[tuple[int, int]], sp: MarkedSpan) -> list[MarkedSpan]:
    """One piece per paragraph of a multi-paragraph quote: the first runs from its opening mark to
    the paragraph end, the next ones from their reopening mark, the last to the closing mark."""
    marks = DOUBLE_OPEN + STRAIGHT_DOUBLE if not sp.single else "‘'" + SINGLE_OPEN
    group = sp.open_mark if sp.open_mark is not None else sp.start
    out: list[MarkedSpan] = []
    for pi in range(sp.paragraph, len(paras)):
        ps, pe = paras[pi]
        if ps >= sp.end:
            break
        a, b = max(ps, sp.start), min(pe, sp.end)
        open_mark = sp.open_mark if pi == sp.paragraph else None
        if pi != sp.paragraph and body[ps] in marks:
            open_mark, a = ps, ps + 1
        last = sp.end <= pe
        a, b = _trim(body, a, b)
        if b <= a:
            continue
        out.append(
            MarkedSpan(
                a,
                b,
                pi,
                open_mark,
                sp.close_mark if last else None,
                single=sp.single,
                broken=sp.broken if last else None,
                multi_paragraph=True,
                group=group,
            )
        )
    return out or [sp]
