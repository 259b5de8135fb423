"""What the visible part of a saved web page says about its story, where the extracted text
leaves it out: the elements the page marks as its byline, the lines that read as a byline
("By Jane Roe", "Posted on March 2, 2025 by Jane Roe", a "By" label with the name in the next
element), the page's headlines (its ``<h1>`` elements), its photo captions and credits, its
copyright notices, and whether the authors the metadata names are shown on the page at all.

Comments, related stories and other furniture name people too ("Jane Roe says:", the bylines
of the stories linked under the article): what sits in such a block is left out, and only the
first marked byline, with the marks next to it, is the story's. These are texts as written;
:mod:`archive.clean` reads the names in them.
"""

from __future__ import annotations

import re

# elements a page marks as its byline: rel="author" links, schema.org microdata, byline classes
_BYLINE_XPATH = (
    "//a[@rel='author'] | //*[@itemprop='author'] | "
    "//*[contains(@class, 'byline') or contains(@data-testid, 'byline') or "
    "contains(@class, 'author-name') or contains(@class, 'author__name')]"
)
# blocks that are not the story: comments and replies, lists of other stories, page furniture
# (a class or id word: "comment-author", "post-comments", "related-stories"; the page's
# ``<body>`` is not looked at, whose classes describe the page: "comments-open")
_FURNITURE = re.compile(
    r"(?i)^(?:[\w-]*[-_])?(?:comments?|commentlist|repl(?:y|ies)|related|recommended|credits?|captions?)(?:[-_][\w-]*)?$"
)
_FURNITURE_TAGS = {"aside", "footer", "nav", "figure", "figcaption"}
_SKIP_TAGS = {"script", "style", "noscript", "template", "select", "option", "button"}
# "By", "| By", "Posted by", "Written by", "Posted on March 2, 2025 by": a byline's lead
_BY_LEAD = re.compile(
    r"(?i)^[\s|•·/\-–—]*(?:(?:posted|written|published|words|story|text|reported)"
    r"(?:\s+on\s+[^|]{3,40}?)?\s+)?by\s*:?(?:\s+|$)(?P<rest>.*)$",
    re.S,
)

# where the names of a byline end: a date or time after them ("By Jo Roe 11 February 2020",
# "By Jo Roe/June 12, 2020", "By Jo Roe Thursday, November 9, 2023 4:41AM")
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_WEEKDAY = r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b"
_DATE_TAIL = re.compile(
    r"\s*[/,|•·–—-]?\s*(?:\d|" + _WEEKDAY + r"|" + _MONTH + r"(?:\s*,)?\s+\d).*$", re.S
)


def as_byline(text: str) -> str | None:
    """ "By NAMES" for a text that reads as a byline ("Posted on March 2, 2025 by Jo Roe" ->
    "By Jo Roe"; "By Jo Roe 11 February 2020" -> "By Jo Roe"), else None."""
    m = _BY_LEAD.match(text)
    rest = _DATE_TAIL.sub("", m["rest"]).strip(" -–—|/,") if m else ""
    return f"By {rest}" if rest and len(rest) <= 200 else None


def _text(el) -> str:
    """EL's text in the page's order, its words joined by single spaces (scripts, styles and
    comments inside left out; each element's text apart from the next: "Open Progress" "Why
    ..." are not glued)."""
    parts: list[str] = []
    stack: list = [(el, True)]  # (an element and whether its text is read) or a text
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            parts.append(item)
            continue
        node, shown = item
        if shown:
            parts.append(node.text or "")
        for child in reversed(node):  # each child's text, then the text after it
            if shown and child.tail:
                stack.append(child.tail)
            hidden = not isinstance(child.tag, str) or child.tag in _SKIP_TAGS
            stack.append((child, shown and not hidden))
    return " ".join(" ".join(parts).split())


def _skipped(node) -> bool:
    """Whether NODE is inside a script, style or the like."""
    while node is not None:
        if isinstance(node.tag, str) and node.tag in _SKIP_TAGS:
            return True
        node = node.getparent()
    return False


def _in_furniture(el) -> bool:
    """Whether EL sits in a comment, a list of related stories, an aside, a footer (not the
    footer of an ``<article>``: the story's) or a nav."""
    for node in [el, *el.iterancestors()]:
        if not isinstance(node.tag, str) or node.tag in ("body", "html"):
            continue
        if node.tag in _FURNITURE_TAGS and node is not el:
            # a story's own footer ("Posted by Jo Roe." under a blog post) is not the page's
            if not (node.tag == "footer" and any(a.tag == "article" for a in node.iterancestors())):
                return True
        if any(
            _FURNITURE.match(w) for w in f"{node.get('class', '')} {node.get('id', '')}".split()
        ):
            return True
    return False


def _within(el, block) -> bool:
    return block is el or any(a is block for a in el.iterancestors())


def marked_bylines(tree, most: int = 4) -> list[str]:
    """The texts of the elements TREE marks as bylines or authors (the names in their links
    when they have some), at most MOST, as written: what the visible byline says when the
    extracted text leaves it out. Only the first mark that says something counts, with the
    marks in the same block (two levels up): later marks are other stories' bylines or an
    author box; marks in comments and lists of other stories are left out."""
    out: list[str] = []
    block = None
    for el in tree.xpath(_BYLINE_XPATH)[:40]:
        if (
            _in_furniture(el)
            or el.tag in _SKIP_TAGS
            or (block is not None and not _within(el, block))
        ):
            continue
        names = el.xpath(".//*[@itemprop='name']") or el.xpath(".//a") or [el]
        texts = [_text(node) for node in names]
        texts = [as_byline(t) or t for t in texts if 2 < len(t) <= 200]
        if texts and block is None:
            parents = list(el.iterancestors())[:2]
            block = parents[-1] if parents else el
        out += [t for t in texts if t not in out]
        if len(out) >= most:
            break
    return out[:most]


def byline_lines(tree, most: int = 2) -> list[str]:
    """The page's lines that read as a byline, as "By NAMES...": an element whose own text
    starts with "By" ("By <a>Jane Roe</a>", "Posted on March 2, 2025 by Jane Roe"), or a "By"
    label alone followed by the name in the next element; outside comments and lists of other
    stories, at most MOST, in the page's order."""
    out: list[str] = []
    body = tree.find(".//body")
    for el in (body if body is not None else tree).iter():
        if not isinstance(el.tag, str) or el.tag in _SKIP_TAGS or not (el.text or "").strip():
            continue
        m = _BY_LEAD.match(el.text)
        if not m or _skipped(el) or _in_furniture(el):
            continue
        text = _text(el)
        lead = _BY_LEAD.match(text)
        if lead and not lead["rest"]:  # a "By" label: the name is the page's next text
            following = el.xpath("following::text()[normalize-space()][1]")
            text = f"By {following[0]}" if following else ""
        line = as_byline(" ".join(text.split()))
        if line and line not in out:
            out.append(line)
        if len(out) >= most:
            break
    return out


# a photo's caption or credit: <figcaption>, <figure><cite>, and elements whose class says so
# ("image__caption", "wp-caption-text", "Figure-credit", "caption__credit", "media-credit")
_CAPTION_XPATH = (
    "//figcaption | //figure//cite | //*[contains(@class, 'caption') or contains(@class, "
    "'Caption') or contains(@class, 'credit') or contains(@class, 'Credit') or contains(@class, "
    "'photographer')]"
)
_CREDIT_CLASS = re.compile(r"(?i)(?:^|[-_])(?:credits?|photographer|copyright)(?:$|[-_])")
_CAPTION_CLASS = re.compile(r"(?i)(?:^|[-_])caption(?:s|-?text)?(?:$|[-_])")
# what says an attribute's text holds a photo credit ("Photograph:", "Photo by", "/Getty")
_CREDIT_WORD = re.compile(
    r"(?i)\b(?:photo(?:graph)?s?\s*(?::|by\b)|credit\s*:|image\s*:|getty|/\s*AP\b|reuters|"
    r"afp\b|epa\b)"
)
# blocks of other stories and page furniture (a caption in a figure is no furniture here)
_NOT_STORY = re.compile(
    r"(?i)^(?:[\w-]*[-_])?(?:comments?|commentlist|repl(?:y|ies)|related|recommended|teasers?"
    r"|promo|newsletter)(?:[-_][\w-]*)?$"
)


def _in_other_block(el) -> bool:
    """Whether EL sits in a comment, a list of other stories, a footer or a nav (an
    ``<aside>`` may be a photo of the story set beside the text)."""
    for node in el.iterancestors():
        if not isinstance(node.tag, str) or node.tag in ("body", "html"):
            continue
        words = f"{node.get('class', '')} {node.get('id', '')}".split()
        if node.tag in ("footer", "nav") or any(_NOT_STORY.match(w) for w in words):
            return True
    return False


def _teaser(el) -> bool:
    """Whether EL, an image, is the picture of a link to another page (a slideshow, a story;
    not a link to the full-size image itself) or the poster of a video."""
    for node in el.iterancestors():
        if not isinstance(node.tag, str):
            continue
        href = (node.get("href") or "").split("?")[0].lower() if node.tag == "a" else ""
        if href and not re.search(r"\.(?:jpe?g|png|gif|webp|avif)$", href):
            return True
        if any(_VIDEO.search(w) for w in node.get("class", "").split()):
            return True
    return False


_VIDEO = re.compile(r"(?i)(?:^|[-_])video(?:s)?(?:$|[-_])")


def captions_and_credits(tree, most: int = 60) -> tuple[list[str], list[str]]:
    """(the texts of the page's photo captions, the texts of its photo credit elements), as
    written, outside comments, lists of other stories and page furniture, at most MOST of
    each: a caption ends with its credit or not ("Protesters in Lima. Jane Roe/AP"), a credit
    element is only the credit ("Photograph: Jane Roe/Getty Images"). The texts of an
    element's children are apart ("... in Lima." "Jane Roe/AP" are not glued). A caption
    written only in an attribute counts when it names a credit: ``data-caption``, an image's
    ``alt`` (not the picture of a link to another page: a slideshow's, another story's)."""
    captions: list[str] = []
    credits: list[str] = []
    for el in tree.xpath(_CAPTION_XPATH):
        if not isinstance(el.tag, str) or _skipped(el) or _in_other_block(el):
            continue
        text = _text(el)
        if not text or len(text) > 400:
            continue
        classes = el.get("class", "").split()
        if el.tag == "cite" or any(_CREDIT_CLASS.search(w) for w in classes):
            out = credits
        elif el.tag == "figcaption" or any(_CAPTION_CLASS.search(w) for w in classes):
            out = captions
        else:
            continue
        if text not in out and len(out) < most:
            out.append(text)
    # a caption only in an attribute: data-caption (msn.com), an image's alt text that ends
    # with its credit ("...: Photograph: Jane Roe/AFP/Getty", "... (Photo by Jane Roe/Getty)")
    for el in tree.xpath("//*[@data-caption] | //img[@alt]"):
        text = " ".join((el.get("data-caption") or el.get("alt") or "").split())
        if not 8 < len(text) <= 1000 or not _CREDIT_WORD.search(text) or _in_other_block(el):
            continue
        if _teaser(el):
            continue
        if text not in captions and len(captions) < most:
            captions.append(text)
    return captions, credits


def headlines(tree, most: int = 4) -> list[str]:
    """The texts of the page's ``<h1>`` elements (outside scripts), at most MOST."""
    out = []
    for el in tree.iter("h1"):
        text = _text(el)
        if text and not _skipped(el):
            out.append(text)
        if len(out) >= most:
            break
    return out


_NOTICE_XPATH = (
    "//text()[starts-with(normalize-space(.), '©') or starts-with(normalize-space(.), "
    "'Copyright') or starts-with(normalize-space(.), '(c)') or starts-with(normalize-space(.), "
    "'(C)')]"
)


def copyright_notices(tree, most: int = 8) -> list[str]:
    """The page's copyright notices ("©2005-2015 WebMD, LLC. All rights reserved."), in the
    page's order, each the text of the element it starts in, at most MOST (the first ones: a
    photo's at the top, the site's in the footer)."""
    out: list[str] = []
    for node in tree.xpath(_NOTICE_XPATH):
        el = node.getparent()
        if el is None or _skipped(el):
            continue
        if node.is_tail:  # text after a child element: from the notice on
            text = " ".join(str(node).split())
        else:
            text = _text(el)
        if text and len(text.split()) <= 30 and text not in out:
            out.append(text)
        if len(out) >= most:
            break
    return out


def unseen(tree, names: list[str]) -> bool:
    """Whether none of NAMES (authors the page's metadata gives) is shown on the page: the last
    word of each is no word of the page's visible text (a content system's account that posted
    the story, not the reporters its byline names)."""
    body = tree.find(".//body")
    words = set(re.findall(r"\w+", _text(body if body is not None else tree).casefold()))
    lasts = [re.findall(r"\w+", n.casefold())[-1:] for n in names]
    return bool(lasts) and all(last and last[0] not in words for last in lasts)


def as_written(name: str, html: str) -> str | None:
    """NAME, an author as the HTML extractor gives it, in the form the page HTML writes it:
    the extractor drops the periods of initials ("Nelson D Schwartz" for "Nelson D. Schwartz"),
    glues the next element's first word to a name ("Jo Roe July" for "<a>Jo Roe</a> <span>July
    10</span>", "Jo Roe Games Editor"; not "Jo Roe says", a comment's head) and title-cases what
    the page writes in lower case ("rfcmarkup version", a program's name; "ebb.org"). The
    page's form of the name, or of its first words when the whole is not written as such and
    they end an element; None for what the page writes only in lower case; NAME itself when
    the page does not write it at all (escaped in a script, say)."""
    words = name.split()
    if not words:
        return None
    for n in range(len(words), 1, -1):
        if n < len(words) and not words[n][:1].isupper():
            break  # a phrase goes on in lower case ("Jo Roe says"): not the next element's
        pattern = r"\.?\s+".join(re.escape(w.rstrip(".")) for w in words[:n]) + r"\.?"
        end = r"(?!\w)" if n == len(words) else r"(?=\s*<)"
        m = re.search(r"(?<!\w)" + pattern + end, html)
        if m:
            return " ".join(m[0].split())
    pattern = r"[.\s]+".join(re.escape(w.rstrip(".")) for w in words)
    m = re.search(r"(?<!\w)" + pattern + r"(?!\w)", html, re.I)
    if m and m[0] == m[0].lower():
        return None
    return name
