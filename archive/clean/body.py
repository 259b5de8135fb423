"""The page body: every line after the header except captions, page furniture, boilerplate
blocks and footer credits; then reporter sign-offs after the text."""

from __future__ import annotations

import re

from archive.clean import credits as cr
from archive.clean.found import Found, footer_line, take_caption_label, take_credit
from archive.clean.lexicon import SERVICE
from archive.clean.lines import (
    CAPTION_LEAD,
    MATERIAL_FROM,
    caption_at,
    date_line,
    is_block_line,
    is_block_start,
    is_furniture,
    is_sentence,
    n_words,
    reader_directed,
)

# a line that is a quotation: an opening mark, words, a closing mark ('"We want Rivera!"')
_QUOTED_LINE = re.compile(r"""\s*["“‘'][^\W\d_].*\w[.!?,…]*["”’'][.!?]?\s*$""")


def scan_body(found: Found, lines: list[str]) -> list[str]:
    kept: list[str] = []
    kept_idx: list[int] = []
    wire_lines: list[int] = []
    block = False
    for i, line in enumerate(lines):
        if wires := cr.wire_credit(
            line
        ):  # "AFP", "(Reuters)", "AFP/Reuters": an agency credit, never prose
            if MATERIAL_FROM.search(
                line
            ):  # "(With inputs from PTI)": said in words wherever it stands
                found.footer_wires.extend(wires)
            else:
                wire_lines.append(i)
            found.dropped.append(line)
            continue
        if take_caption_label(found, line):
            continue
        credit = cr.photo_credit(line)
        if credit:
            take_credit(found, credit, line)
            # alt text or a lead-in right before the credited caption
            if (
                kept
                and kept_idx[-1] == i - 1
                and (
                    not is_sentence(kept[-1])
                    and n_words(kept[-1]) <= 25
                    or CAPTION_LEAD.match(kept[-1])
                    or line.startswith(kept[-1].rstrip(". "))
                )
            ):
                kept.pop()
                kept_idx.pop()
            continue
        if caption_at(lines, i):
            continue
        if footer_line(found, line):
            found.dropped.append(line)
            continue
        if is_block_start(line):
            block = True
            found.dropped.append(line)
            continue
        if block and is_block_line(line):
            if name := cr.bio_name(line):  # "About the author" / "Jane Roe covers health."
                found.footer_authors.append(name)
            found.dropped.append(line)
            continue
        block = False
        if is_furniture(line) or date_line(line)[0] and n_words(line) <= 6:
            found.dropped.append(line)
            continue
        kept.append(line)
        kept_idx.append(i)
    # trailing lines that are not article prose: navigation, sign-offs, reporter bios
    while kept:
        line = kept[-1]
        name = cr.bio_name(line) if len(kept) > 1 else None
        if name:
            found.footer_authors.insert(0, name)
        elif (
            len(kept) > 1 and n_words(line) <= 30 and SERVICE.search(line) and reader_directed(line)
        ):
            pass
        elif (
            len(kept) == 1
            or n_words(line) > (3 if is_sentence(line) else 12)
            or _QUOTED_LINE.match(line)
        ):
            break  # prose, or a quotation ('"Yes, we do."' ends a story; no menu reads so)
        found.dropped.append(line)
        kept.pop()
        kept_idx.pop()
    last_body = kept_idx[-1] if kept_idx else -1
    found.nav = [ln for j, ln in enumerate(lines) if j > last_body and not cr.photo_credit(ln)]
    # an agency credited on a line of its own right after the article ("AFP", "— Reuters")
    for j in wire_lines:
        if last_body < j <= last_body + 3:
            found.footer_wires.extend(cr.wire_credit(lines[j]) or [])
            break
    return kept


def find_signoff(found: Found, body: str) -> None:
    """Reporter names alone on a line after the article (none of them mentioned in the body)."""
    after_block = False
    for k, line in enumerate(found.nav):
        if is_block_start(line):
            after_block = True
            continue
        names = cr.signoff_names(line)
        if not names or any(n in body or n.split()[-1] in body for n in names):
            continue
        # one name far down the page or under a heading is a link or a topic ("Related topics")
        if len(names) >= 2 or (k < 4 and not after_block):
            found.signoff = names
            return
