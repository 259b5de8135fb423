"""The reporting (cue) verb of a quote: "said", "told", "wrote", "according to", ...

With a dependency parse the cue is found on the path from the quote up to the sentence root (the
outermost reporting verb of a chain of reported clauses wins: "Zelensky told Axios that Witkoff
said ..." -> told); without one (or when it finds nothing) next to the marks: ``"...," X said``,
``"...," said X``, ``X said: "..."``, ``X told Reuters that "..."``. The verbs and their forms are
in :mod:`archive.extract.quotes.lexicon`, what counts as one in :mod:`archive.extract.quotes.verbs`,
the cue's subject in :mod:`archive.extract.quotes.subjects`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from archive.extract.quotes.article import SENT_FINAL, SUBJ_DEPS, QuoteArticle
from archive.extract.quotes.lexicon import ACCORDING_TO, BELIEF_VERBS, REPLY_LEMMAS, WEAK_CUES
from archive.extract.quotes.marks import DOUBLE_OPEN, SINGLE_OPEN, STRAIGHT_DOUBLE, STRAIGHT_SINGLE
from archive.extract.quotes.subjects import subject_of
from archive.extract.quotes.text import TextView
from archive.extract.quotes.units import QuoteTokens
from archive.extract.quotes.verbs import is_cue

# a dash that opens or closes an aside ("—", "–" or "--" between spaces; "—" anywhere)
_ASIDE_DASH = re.compile(r"—|\s(?:–|--)\s")
_SUBJECT_PRONOUNS = frozenset({"he", "she", "they", "i", "we"})
_CLOSING_LEFTOVERS = " \n'’\"”"  # what may be left of marks that close a quote inside one
_AFTER_WORDS = 10  # words between a closing mark and its reporting verb
_AFTER_APPOSITION = 25  # ... when a name and a description set off by commas come first


@dataclass(frozen=True)
class CueSearch:
    """The reporting verb found for a quote (``token``, None when none). ``blocked``: none found,
    and none may be looked for next to the marks, as the parse puts the quote inside the noun
    phrase of a reporting verb's subject ("X, who rates the stock "neutral," said ...")."""

    token: int | None
    blocked: bool = False


# marks that open a quote (straight, curly, a pair of apostrophes, guillemets)
_OPENING_MARKS = frozenset(DOUBLE_OPEN + SINGLE_OPEN + STRAIGHT_DOUBLE + STRAIGHT_SINGLE)


class CueFinder:
    """Finds the reporting verb of each quote of one article."""

    def __init__(self, article: QuoteArticle):
        self.art = article
        self.view = article.view
        self.body = article.body
        self.idx = article.idx
        self.in_quote = article.in_quote
        self.walks = article.walks
        self.tok_para = article.tok_para
        self._outer: dict[int, int] = {}  # _outermost

    def find(self, quote: QuoteTokens, after_first: bool) -> CueSearch:
        """The quote's cue: by the parse, else the nearest one after the closing mark or before the
        opening one (after first when the quote opens a sentence or is a full one)."""
        found = self.by_parse(quote.first, quote.stop)
        if found.token is not None or found.blocked:
            return found
        order = (self.after, self.before) if after_first else (self.before, self.after)
        if not after_first and self._ends_sentence(quote):
            order = (self.before,)  # 'He directed "a reorganization." Critics called it ...'
        for fn in order:
            cue = fn(quote.close_tok) if fn == self.after else fn(quote.open_tok)
            if cue is not None and fn == self.after and self._reports_its_own(cue, quote):
                continue
            if cue is not None:
                return CueSearch(cue)
        return CueSearch(bare_verb_after(self, quote))

    def _ends_sentence(self, quote: QuoteTokens) -> bool:
        """A fragment whose last word ends with a full stop inside the marks and is followed by a
        capitalised word: the reporter's sentence ends there."""
        body = self.art.body
        sp = quote.span
        last = body[sp.start : sp.end].rstrip().rstrip(_CLOSING_LEFTOVERS)[-1:]
        if sp.close_mark is None or last != ".":
            return False
        toks = self.view.toks
        k = quote.close_tok
        while k < len(toks) and not toks[k].text.strip(_CLOSING_LEFTOVERS):
            k += 1  # the close of a quote inside it: "... 'China bad.'" But"
        return k < len(toks) and toks[k].text[:1].isupper()

    def _reports_its_own(self, cue: int, quote: QuoteTokens) -> bool:
        """The quote is a whole sentence and the verb after it has a clause of its own ('"... The
        abusive culture." Gov. John Kasich said he would have fired him') or a colon and another
        quote ('"We are not afraid." Mr. Roe said: "..."'): it reports that; a verb denied there
        reports nothing."""
        v = self.view
        if not self._ends_sentence(quote):
            return False
        k = cue + 1
        if k < len(v.toks) and v.toks[k].text == ":":
            return self.body[v.toks[k].end : v.toks[k].end + 4].lstrip()[:1] in _OPENING_MARKS
        if v.children(cue, "neg"):
            return True  # '"..." But Roe, again, did not respond in kind.': denied, it reports none
        return any(c > cue and not self.in_quote[c] for c in v.children(cue, "ccomp"))

    def text_of(self, cue: int) -> str:
        """The cue as reported: the verb as written, "according to", "quoted as saying"."""
        view = self.view
        t = view.toks[cue]
        cue_text = ACCORDING_TO if t.lower == "according" else t.text
        h = view.head(cue)
        if t.lower == "saying" and h is not None and view.toks[h].lower == "as":
            q = view.head(h)
            if q is not None and view.toks[q].lower.startswith("quot"):
                cue_text = f"{view.toks[q].text} as saying"
        return cue_text

    def by_parse(self, qa: int, qb: int) -> CueSearch:
        """The cue on the parse path from the quoted tokens [qa, qb) up to the sentence root, or a
        reporting verb hanging off the quoted clause ("..., he said" parsed as parataxis)."""
        v = self.view
        blocked = False
        if not v.parsed or qa >= qb:
            return CueSearch(None)
        inside = range(qa, qb)
        heads = [k for k in inside if v.head(k) is None or v.head(k) not in inside]
        # punctuation inside the marks ("neutral,") hangs anywhere; the words decide
        heads = [k for k in heads if v.toks[k].pos != "PUNCT"] or heads
        found = belief = None
        for h in heads:
            # a reporting verb hanging off the quoted clause ("..., he said" parsed as parataxis)
            for c in v.children(h, "parataxis", "ccomp", "advcl", "conj"):
                if (
                    c not in inside
                    and not self.in_quote[c]
                    and is_cue(v, c)
                    and self.subject_of(c) is not None
                    and self.art.same_para(c, qa)
                ):
                    if abs(c - qb) <= 12 or abs(qa - c) <= 12:
                        found = found if found is not None else c
            cur, prev, steps = v.head(h), h, 0
            while cur is not None and steps < 15:
                if (
                    v.toks[prev].dep == "conj"
                    and v.children(prev, *SUBJ_DEPS)
                    and not (prev == h and _quote_after_and(v, prev, qa))
                ):
                    break  # a co-ordinated clause with its own subject is not reported by its head
                if (
                    not self.in_quote[cur]
                    and is_cue(v, cur)
                    and self.art.same_para(cur, qa)
                    and not self.in_aside(cur, qa)
                ):
                    if prev not in inside and v.toks[prev].dep in SUBJ_DEPS and prev < qa:
                        # the quote sits inside the speaker's own noun phrase ("X, who rates the
                        # stock "neutral," said ..."): the cue reports something else (a quote
                        # before the subject the parser hung on it reports nothing of it)
                        blocked = True
                        break
                    return CueSearch(self._outermost(cur))
                if belief is None and _believes(self, cur, prev, qa):
                    belief = cur  # a reporting verb further up still reports the whole chain
                prev, cur, steps = cur, v.head(cur), steps + 1
        if found is None and belief is not None:
            return CueSearch(belief)
        return CueSearch(found, blocked=found is None and blocked)

    def in_aside(self, cue: int, qa: int) -> bool:
        """The cue sits in an aside between dashes or brackets that closes before the quote at
        token ``qa`` ('If Russia is behind it — as Democrats allege, but Moscow denies — "why
        not ...?" asked Dunn'): it reports the aside, not the quote."""
        body, toks = self.body, self.view.toks
        c, q = toks[cue].idx, toks[qa].idx
        if c >= q:
            return False
        ps = self.art.paragraphs[self.art.para_of(c)][0]
        before, between = body[ps:c], body[c:q]
        if len(_ASIDE_DASH.findall(before)) % 2 == 1 and _ASIDE_DASH.search(between):
            return True
        return before.rfind("(") > before.rfind(")") and ")" in between

    def _outermost(self, cue: int) -> int:
        """Climb from ``cue`` through a chain of reported clauses to the outermost reporting verb
        of the same paragraph. Remembered for every token of the climb: a run-on sentence of
        "..., he said "...", she said ..." is one long chain, climbed once, not once per quote."""
        v, memo = self.view, self._outer
        path = []
        outer = cue
        while outer not in memo:
            path.append(outer)
            up = v.head(outer)
            if (
                v.toks[outer].dep in ("ccomp", "xcomp", "parataxis")
                and up is not None
                and not self.in_quote[up]
                and is_cue(v, up)
                and is_cue(v, up) not in WEAK_CUES
                and self.art.same_para(up, outer)
                and not (is_cue(v, outer) in REPLY_LEMMAS and is_cue(v, up) == "ask")
                and not _participle_taken_for_a_verb(v, up)
            ):  # (a reply is no part of the question: "When X asked why, he responded that")
                outer = up
            else:
                break
        result = memo.get(outer, outer)
        for k in path:
            memo[k] = result
        return result

    def after(self, close_tok: int) -> int | None:
        """Reporting verb just after the closing mark: '"...," X said' / '"...," said X' / '"...,"
        X, a long description of X, said' (the verb right after the comma that closes it)."""
        v, words = self.view, 0
        k = close_tok
        if k < len(v.toks) and v.toks[k].text == "(":
            return None  # '"..." (Current models say ...)': the writer's aside after the quote
        tok_para = self.tok_para
        para = tok_para[close_tok - 1] if close_tok > 0 else 0
        appos = False  # a name and a comma: the description may run on to the verb
        while k < len(v.toks) and words <= (_AFTER_APPOSITION if appos else _AFTER_WORDS):
            # skip what cannot stop the walk but by a paragraph change (paragraphs only grow)
            j = self.walks.next_word[k] if words else self.walks.next_live[k]
            if j > k:
                if tok_para[j - 1] != para:
                    return None
                k = j
                continue
            t = v.toks[k]
            if tok_para[k] != para:
                return None
            if t.text in SENT_FINAL and not self.in_quote[k]:
                return None
            if self.in_quote[k]:
                if words:
                    return None
                k += 1
                continue
            after_comma = k >= 2 and v.toks[k - 1].text == ","
            base = is_cue(v, k)
            if base and (base not in WEAK_CUES or self._ends_clause(k, words)):
                if words <= _AFTER_WORDS or after_comma:
                    return k
            if after_comma and 1 <= words <= 4 and v.toks[k - 2].text[:1].isupper():
                appos = True
            if t.text[0].isalnum():
                words += 1
            k += 1
        return None

    def _ends_clause(self, k: int, words: int) -> bool:
        """A weak cue used without an object right after the quote's speaker ('"Why not?" Vitter
        demanded.'): it reports the quote."""
        toks = self.view.toks
        return 0 < words <= 4 and k + 1 < len(toks) and toks[k + 1].text in (".", ",", ";")

    def before(self, open_tok: int) -> int | None:
        """Reporting verb just before the opening mark: 'X said: "..."', 'X told Reuters that
        "..."'."""
        v, words = self.view, 0
        k = open_tok - 1
        tok_para = self.tok_para
        para = tok_para[open_tok] if open_tok < len(v.toks) else None
        while k >= 0 and words <= 20:
            j = self.walks.prev_live[
                k
            ]  # skip quoted tokens and punctuation (paragraphs only shrink)
            if j < k:
                if tok_para[j + 1] != para:
                    return None
                k = j
                continue
            t = v.toks[k]
            if tok_para[k] != para:
                return None
            if not self.in_quote[k]:
                if t.text in SENT_FINAL:
                    return None
                base = is_cue(v, k)
                if base and base not in WEAK_CUES and not self.in_aside(k, open_tok):
                    return k
                if t.text[0].isalnum():
                    words += 1
            k -= 1
        return None

    def subject_of(self, cue: int) -> int | None:
        """The token of the cue's subject (see :func:`archive.extract.quotes.subjects.subject_of`);
        None without a parse."""
        return subject_of(self.view, cue)


def _believes(finder: CueFinder, cur: int, prev: int, qa: int) -> bool:
    """``cur`` is a finite verb of belief with a subject, outside the quote, whose reported
    clause ``prev`` holds it ('Roe thinks the plan is "a terrible mistake"'): the cue when no
    reporting verb reports it ('X said they believe Russia "wants peace"' is X's)."""
    v = finder.view
    t = v.toks[cur]
    return (
        t.lower in BELIEF_VERBS
        and t.tag in ("VBZ", "VBD", "VBP")  # "thinks", not "to think"
        and v.toks[prev].dep == "ccomp"
        and not finder.in_quote[cur]
        and cur < qa
        and finder.art.same_para(cur, qa)
        and finder.subject_of(cur) is not None
    )


def _participle_taken_for_a_verb(v: TextView, k: int) -> bool:
    """``k`` is a past form right after a common noun, with no subject and no auxiliary: a
    participle the parser made the main verb ('a star likened to the Star of David, Rep. Roe
    said "..."' made "likened" report "said")."""
    t = v.toks[k]
    return (
        t.tag in ("VBD", "VBN")
        and k > 0
        and v.toks[k - 1].pos == "NOUN"  # right after the noun it describes
        and not v.children(k, *SUBJ_DEPS, "aux", "auxpass")
        and t.dep not in ("conj", "xcomp", "relcl", "acl")
    )


def _quote_after_and(v: TextView, conj: int, qa: int) -> bool:
    """The co-ordinated clause ``conj`` is the quote itself, opened right after its "and" /
    "but" ('X noted that officials have talked, and "we are in discussions"'): the words of
    the reporter of the first clause, not a clause of the writer's."""
    head = v.head(conj)
    ccs = [*v.children(conj, "cc"), *(v.children(head, "cc") if head is not None else ())]
    return any(c < qa and all(v.toks[k].pos == "PUNCT" for k in range(c + 1, qa)) for c in ccs)


def bare_verb_after(finder: CueFinder, quote: QuoteTokens) -> int | None:
    """A verb of no list that ends the reporter's clause right after a quote closed by a comma,
    a question or an exclamation mark, with a name or a pronoun for its subject
    ('"...," Oliver barked.', '"Why now?" she laughed'): how the words were said, so the
    verb reports them."""
    v, body, sp = finder.view, finder.art.body, quote.span
    if not v.parsed or sp.close_mark is None:
        return None
    if body[sp.start : sp.end].rstrip()[-1:] not in (",", "?", "!"):
        return None
    toks, k = v.toks, quote.close_tok
    para = finder.tok_para[k - 1] if k > 0 else 0
    if k < len(toks) and toks[k].pos == "VERB" and toks[k].tag == "VBD":
        # inverted: '"...," laughed Senator Reed.'
        s = finder.subject_of(k)
        if s is not None and k < s <= k + 4 and toks[s].pos == "PROPN":
            # the subject may go on: "laughed Senator Reed of Ohio."
            end = v.subtree(s)[-1] + 1
            return k if end < len(toks) and toks[end].text in (".", ",", ";") else None
        return None
    if k + 1 < len(toks) and toks[k].lower in ("a", "an", "the") and toks[k + 1].pos == "ADJ":
        k += 2  # '"...," an angry Roe retaliated'
    subj = k
    while k < len(toks) and k - subj < 4 and _name_word(finder, k):
        k += 1
    if k == subj and k < len(toks) and toks[k].lower in _SUBJECT_PRONOUNS:
        k += 1
    if k == subj or k >= len(toks) or finder.tok_para[k] != para:
        return None
    verb = toks[k]
    # (a past tense the tagger took for a participle: '"...," Roe barked and ...' has no auxiliary)
    past = verb.tag in ("VBD", "VBZ") or (verb.tag == "VBN" and not v.children(k, "aux", "auxpass"))
    if verb.pos != "VERB" or not past:
        return None
    nxt = k + 1
    if nxt < len(toks) and toks[nxt].pos == "ADV":
        nxt += 1
    # the clause ends, or another joins it ('Lopez snapped and a guard led her away')
    if nxt < len(toks) and toks[nxt].text not in (".", ",", ";", "!") and toks[nxt].pos != "CCONJ":
        return None
    if finder.subject_of(k) not in range(subj, k) and not all(
        v.head(j) == k and toks[j].dep == "compound" for j in range(subj, k)
    ):
        return None  # (the name parsed as a compound of the verb is its subject too)
    return k


def _name_word(finder: CueFinder, k: int) -> bool:
    """A proper noun, or a word of a person's name however the tagger took it ("Hannity" as a
    common noun)."""
    t = finder.view.toks[k]
    return t.pos == "PROPN" or finder.idx.at(t.idx, t.end) is not None
