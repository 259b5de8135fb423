"""The subject of a reporting verb: who it says speaks ("X said", "said X", "according to X",
"as described by X", "X was quoted as saying"), inherited through participles, co-ordinated verbs
and relative clauses, with the parser's usual slips mended (a dateline or the first half of a
hyphenated role taken for a second subject; a participle hung on the reported clause)."""

from __future__ import annotations

from archive.extract.quotes.article import SUBJ_DEPS
from archive.extract.quotes.lexicon import (
    DOCUMENT_NOUNS,
    EVIDENCE_NOUNS,
    ORG_WORDS,
    PERSON_HEADS,
    PERSON_SUFFIX,
    REPORTED_REQUEST_VERBS,
    REPORTED_SPEECH_VERBS,
    SUBORDINATORS,
    TIME_NOUNS,
    UNNAMED_HEADS,
)
from archive.extract.quotes.text import TextView
from archive.extract.quotes.verbs import is_cue


def subject_of(v: TextView, cue: int) -> int | None:
    """The token of the cue's subject (inherited through participles, co-ordinated verbs and
    relative clauses; the quoted one for "X was quoted as saying"); None without a parse."""
    if not v.parsed:
        return None
    t = v.toks[cue]
    if t.lower == "according":
        for to in v.children(cue, "prep"):
            for p in v.children(to, "pobj"):
                if _a_thing(v, p):
                    # 'Roe said that according to its analysis, the party has won': a document
                    # inside what a named reporter says is where the reporter's figures come from
                    reporter = _reporting_ancestor(v, cue)
                    if reporter is not None:
                        return reporter
                return p
        return None
    # "X was quoted as saying" / "agencies quoted a source as saying"
    h = v.head(cue)
    if t.lower == "saying" and h is not None and v.toks[h].lower == "as":
        q = v.head(h)
        if q is not None and v.toks[q].lower.startswith("quot"):
            for deps in (("dobj",), ("nsubjpass",), ("nsubj",)):
                kids = v.children(q, *deps)
                if kids:
                    return kids[0]
    if (
        t.tag == "VBG"
        and v.head(cue) is None
        and v.sent_range(cue)[0] == cue
        and not v.children(cue, *SUBJ_DEPS)
    ):
        return _previous_subject(v, cue)  # '... said the report "wasn't good." Adding, "..."'
    for agent in v.children(cue, "agent"):  # passive: 'as described by Director Jane Roe'
        for p in v.children(agent, "pobj"):
            return p
    if not v.children(cue, *SUBJ_DEPS) and (named := _name_before_aside(v, cue)) is not None:
        return named
    cur, steps = cue, 0
    # ", adding ...", ", saying ...": a participle the parser hung on the reported clause or on
    # a noun's clause ('Sanders said the process could be "messy," adding'; 'Carson rejected
    # the notion that ..., saying') reports for the reporter, not for that clause's subject
    participle = t.tag == "VBG" and t.dep in ("advcl", "xcomp")
    # "... before claiming", "..., saying that the bill had X and arguing": a participle hung
    # inside a reported clause whose subject is a thing speaks for the reporter too
    hung = t.tag == "VBG" and t.dep in ("pcomp", "conj")
    while cur is not None and steps < 6:
        kids = v.children(cur, *SUBJ_DEPS)
        if len(kids) > 1:
            # two subjects, a misparse: 'LONDON (Reuters) - Donald Trump said' (the dateline
            # is none), 'co-host Mika Brzezinski asked' ("co" and the name: the name)
            kids = [k for k in kids if not _dateline(v, k)] or kids
            # ('Tuesday at Baldwin College, Gov. John Kasich said': a day is nobody)
            kids = [k for k in kids if v.toks[k].ent not in ("DATE", "TIME")] or kids
            # ('Speaking in Salem, New Hampshire, Trump went after Bush': the place is where)
            kids = [k for k in kids if v.toks[k].ent not in ("GPE", "LOC", "FAC")] or kids
            kids = [k for k in kids if v.toks[k].pos == "PROPN"] or kids
        if (
            participle
            and cur != cue
            and _inner_clause(v, cur)
            and not _named_reporter(v, cur, kids)
        ):
            cur = _clause_owner(v, cur)
            steps += 1
            continue
        if kids and hung and cur != cue and _a_thing(v, kids[0]) and _reported_clause(v, cur):
            cur = v.head(cur)
            steps += 1
            continue
        if kids:
            s = kids[0]
            if cur != cue and v.toks[s].dep == "csubj":
                return None  # 'Explaining why ..., and frisking them was a smart policy'
            if (
                v.toks[s].tag == "VBG"
                and v.toks[s].pos == "VERB"
                and (v.toks[s].text.islower() or (v.toks[s].ent == "" and v.sent_range(s)[0] == s))
            ):
                return None  # 'Then, laying his hand on my shoulder, sighed', 'Boasting 108,000
                # residents, ...': a clause (not the name "Ebeling" tagged a participle)
            if participle and cur != cue and v.toks[s].lower in _EXPLETIVE:
                near = _clause_before(v, cur, cue)
                if near is not None:
                    return near  # 'It was a punch, as Mrs. Clinton echoed it, saying "..."'
            if v.toks[s].lower in _RELATIVE:
                rel = _relative_clause(v, cur)
                if rel is not None:
                    # "A, B and C, who joked ...": the name right before the comma, whatever
                    # conjunct the parser hung the clause on ("X, who ... and who worked the
                    # crowd, praising": the first "who")
                    first = next(iter(v.children(rel, *SUBJ_DEPS)), s)
                    for r in (s, first):
                        if r >= 2 and v.toks[r - 1].text == "," and v.toks[r - 2].pos == "PROPN":
                            return r - 2
                    return _framing_subject(v, v.head(rel))
            if v.toks[s].ent in ("DATE", "TIME"):
                # 'Saturday at the convention Sen. Jo Roe said': a day the parser took for the
                # subject is nobody (the name before the verb speaks)
                return None
            return s
        dep = v.toks[cur].dep
        nh = v.head(cur)
        if nh is None:
            return _first_of_a_series(v, cur)
        obj = _controller(v, cur, nh) if dep == "xcomp" else None
        if obj is not None:
            return obj  # 'That prompted Rubio to make a joke and call Trump "very flexible"'
        if dep in ("acl",) and v.toks[nh].pos in ("NOUN", "PROPN", "PRON"):
            if cur == cue and (named := _past_a_relative_clause(v, cue, nh)) is not None:
                return named
            if cur == cue and _in_an_adjunct(v, cue, nh):
                cur = v.head(v.head(nh))  # 'he bypassed the question for a second time saying'
                steps += 1
                continue
            if cur != cue and v.toks[cur].tag == "VB" and _a_thing(v, nh):
                # 'saying X has no intention to talk ... and calling it "senseless"': the thing
                # an infinitive belongs to says nothing; the clause it is in is someone's
                cur = v.head(nh)
                steps += 1
                continue
            if not (cur == cue and _set_off_from_an_object(v, cue, nh)):
                return nh
            cur = v.head(nh)  # 'Carson rejected the notion ..., saying': Carson's words
            steps += 1
            continue
        if dep == "conj" and is_cue(v, cur) and not is_cue(v, nh):
            # "X said his side had been 'unlucky' and described it as 'a disgrace'": the second
            # reporting verb belongs with the first one, not with the reported clause
            up = v.head(nh) if v.toks[nh].dep == "ccomp" else None
            if up is not None and is_cue(v, up):
                cur = up
                steps += 1
                continue
        if dep in ("advcl", "xcomp", "conj", "pcomp", "prep", "relcl", "ccomp", "dep", "oprd"):
            cur = nh
            steps += 1
            continue
        return None
    return None


_RELATIVE = frozenset({"who", "which", "that"})
# things that say something themselves: documents and evidence ("a study showing")
_SPEAKING_THINGS = DOCUMENT_NOUNS | EVIDENCE_NOUNS
_EXPLETIVE = frozenset({"it", "this", "that"})


def _clause_before(v, verb: int, cue: int) -> int | None:
    """The proper-name subject of the nearest clause of ``verb`` before the participle ``cue``
    (an "as"/"when" clause: "as Mrs. Clinton echoed the criticism, saying")."""
    for c in sorted((c for c in v.children(verb, "advcl") if c < cue), reverse=True):
        subj = [k for k in v.children(c, "nsubj") if v.toks[k].pos == "PROPN"]
        if subj:
            return subj[0]
    return None


def _previous_subject(v, k: int) -> int | None:
    """The named (or he/she) subject of the main verb of the sentence before token ``k``'s, in
    the same paragraph; None when there is none."""
    a = v.sent_range(k)[0]
    if a == 0:
        return None
    pa, pb = v.sent_range(a - 1)
    if "\n" in v.body[v.toks[pb - 1].end : v.toks[a].idx]:
        return None
    for r in range(pa, pb):
        if v.head(r) is None:
            for s in v.children(r, "nsubj"):
                if _named(v, s):
                    return s
    return None


def _relative_clause(v, verb: int) -> int | None:
    """The relative clause ("..., who said", "a statement that accused") whose verb is ``verb``
    or a conjunct of it ("who is running ... and who worked"); None for any other clause."""
    cur, steps = verb, 0
    while v.toks[cur].dep == "conj" and steps < 4:
        h = v.head(cur)
        if h is None:
            return None
        cur, steps = h, steps + 1
    if v.toks[cur].dep in ("relcl", "acl") and v.head(cur) is not None:
        return cur
    return None


def _named(v, k: int) -> bool:
    """Token ``k`` names someone: a proper name, or he/she."""
    return v.toks[k].pos == "PROPN" or v.toks[k].lower in ("he", "she")


def _reporting_ancestor(v, k: int) -> int | None:
    """The named subject (a name or he/she) of the reporting verb whose reported clause holds
    token ``k`` (at most four clauses up), None when there is none."""
    cur, steps = v.head(k), 0
    while cur is not None and steps < 4:
        h = v.head(cur)
        if h is None or h == cur:
            return None
        if v.toks[cur].dep == "ccomp" and is_cue(v, h):
            for s in v.children(h, *SUBJ_DEPS):
                if _named(v, s):
                    return s
            return None
        cur, steps = h, steps + 1
    return None


def _named_reporter(v, verb: int, subjects: list[int]) -> bool:
    """Verb ``verb`` reports speech itself and a name or he/she is its subject: a participle on it
    ('Roe cannot say that "...," Lee added, saying') goes on with that reporter, even where the
    verb's clause is reported in turn."""
    return bool(is_cue(v, verb)) and any(_named(v, k) for k in subjects)


def _framing_subject(v, noun: int | None) -> int | None:
    """The speaker behind a thing that "spoke" in a relative clause: "In an address that spoke
    to the "fear," Mrs. Clinton struck ...": the named subject of the verb the thing's phrase
    frames; else the noun itself."""
    if noun is None or not _a_thing(v, noun) or v.toks[noun].dep != "pobj":
        return noun
    prep = v.head(noun)
    verb = v.head(prep) if prep is not None and v.toks[prep].dep == "prep" else None
    steps = 0
    while verb is not None and v.toks[verb].pos in ("VERB", "AUX") and steps < 3:
        for k in v.children(verb, "nsubj"):
            if _named(v, k):
                return k
        # (the phrase hung on a clause inside the sentence: its main verb's subject)
        verb = v.head(verb) if v.toks[verb].dep in ("ccomp", "advcl") else None
        steps += 1
    return noun


def _dateline(v, k: int) -> bool:
    """Token ``k`` opens its sentence and a parenthesis or a dash follows it: a dateline
    ("LONDON (Reuters) -", "Washington (AFP) –")."""
    return (
        v.sent_range(k)[0] == k
        and k + 1 < len(v.toks)
        and v.toks[k + 1].text in ("(", "-", "–", "—", "--")
    )


def _set_off_from_an_object(v, cue: int, noun: int) -> bool:
    """A participle after a comma that the parser hung on the object of a verb ('rejected the
    notion that ..., saying'): it reports for that verb's subject, not for the object."""
    return (
        v.toks[cue].tag == "VBG"
        and cue > 0
        and v.toks[cue - 1].text == ","
        and v.toks[noun].dep == "dobj"
        and cue - noun > 2
    )


def _in_an_adjunct(v, cue: int, noun: int) -> bool:
    """A participle the parser hung on a time or a thing in a verb's prepositional phrase
    ('bypassed the question for a second time saying', 'was heard on a microphone telling'):
    it reports for that verb's subject. Not when the noun can say things itself ('despite
    research suggesting', 'with companies promising') or is someone's ('given Mr. Trump's
    comments saying': the owner's words)."""
    prep = v.head(noun)
    t = v.toks[noun]
    if not (
        v.toks[cue].tag == "VBG"
        and t.dep == "pobj"
        and prep is not None
        and v.toks[prep].dep == "prep"
        and v.head(prep) is not None
        and v.toks[v.head(prep)].pos in ("VERB", "AUX")
    ):
        return False
    if t.lower in TIME_NOUNS or t.ent in ("DATE", "TIME"):
        return True
    return (
        _a_thing(v, noun)
        and not {t.lower, _singular(t.lower)} & _SPEAKING_THINGS
        and not v.children(noun, "poss")
    )


def _first_of_a_series(v, root: int) -> int | None:
    """A main verb with no subject after a clause that has one and opens with no conjunction,
    ending in a comma: the first verb of a series the parser took for a clause of the second
    ("Roe summed up Lee as "weak," denounced her record and said ..."): its subject."""
    for c in v.children(root, "advcl", "ccomp"):
        if c > root or any(
            v.toks[m].lower in SUBORDINATORS for m in v.children(c, "mark", "advmod")
        ):
            continue
        if v.toks[c].tag != "VBD" or v.toks[root].tag != "VBD":
            continue
        subj = [k for k in v.children(c, "nsubj") if k < c]
        if (
            subj
            and (v.toks[subj[0]].text[:1].isupper() or not _a_thing(v, subj[0]))
            and v.toks[subj[0]].lower not in _EXPLETIVE
            and any(v.toks[k].text == "," for k in range(c, root))
        ):
            return subj[0]
    return None


def _name_before_aside(v, verb: int) -> int | None:
    """A main verb with no subject right after an aside set off by commas that opens with a
    participle after a name ("Mr. Roe, asked about the jailings, had said"): the name."""
    if v.toks[verb].tag not in ("VBD", "VBN", "VBZ", "VBP"):
        return None
    k = verb - 1
    while k >= 0 and v.head(k) == verb and v.toks[k].dep in ("aux", "neg", "advmod"):
        k -= 1
    a = v.sent_range(verb)[0]
    if k <= a or v.toks[k].text != ",":
        return None
    for j in range(k - 1, max(a, k - 25), -1):
        if v.toks[j].text in (";", ":", "(", ")"):
            return None
        if v.toks[j].text == ",":
            name, opener = v.toks[j - 1], v.toks[j + 1]
            if (
                name.pos == "PROPN"
                and name.ent in ("PERSON", "")
                and opener.tag in ("VBN", "VBD", "VBG")
            ):
                return j - 1
            return None
    return None


def _past_a_relative_clause(v, cue: int, noun: int) -> int | None:
    """A verb in the past tense after a comma that the parser hung on the last noun of a relative
    clause ("Mr. Roe, who had failed to win his party's nomination, called for"): the verb is
    the named antecedent's, the one the clause is about; None when that is not so."""
    if v.toks[cue].tag != "VBD" or cue == 0 or v.toks[cue - 1].text != ",":
        return None
    cur, steps = noun, 0
    while cur is not None and steps < 6:
        if v.toks[cur].dep == "relcl":
            h = v.head(cur)
            return h if h is not None and _named(v, h) else None
        cur, steps = v.head(cur), steps + 1
    return None


def _inner_clause(v, k: int) -> bool:
    """Verb ``k`` heads a clause reported by a verb of speech or belonging to a noun ("the notion
    that ...")."""
    dep, h = v.toks[k].dep, v.head(k)
    if h is None:
        return False
    return (dep == "ccomp" and bool(is_cue(v, h))) or dep in ("acl", "relcl")


def _controller(v, verb: int, head: int) -> int | None:
    """The object of ``head`` that is the subject of its infinitive ``verb`` ("prompted Rubio to
    call", "asked her to say"), None when there is none ("promised to say": the subject's)."""
    if not any(v.toks[c].lower == "to" for c in v.children(verb, "aux")):
        return None
    if v.toks[head].lower.startswith("promis") or is_cue(v, head) or _requests(v, head):
        return None  # "urged Sessions to tell Trump ...": the request is the subject's
    objs = [c for c in v.children(head, "dobj") if c < verb]
    if not objs:
        return None
    o = v.toks[objs[0]]
    # a person ("Rubio", "her", "lawmakers"), not a means ("used a crude expression to say")
    person = (o.pos == "PROPN" and o.ent in ("PERSON", "")) or (
        o.pos == "PRON" and o.lower in ("him", "her", "them", "us", "me")
    )
    if o.pos == "NOUN" and not _a_thing(v, objs[0]):
        person = _person_word(o.lower)
    return objs[0] if person else None


def _requests(v, k: int) -> bool:
    """Verb ``k`` asks for something ("urged", "asked"): what follows is its subject's words."""
    return REPORTED_SPEECH_VERBS.get(v.toks[k].lower) in REPORTED_REQUEST_VERBS


def _reported_clause(v, k: int) -> bool:
    """Verb ``k`` heads a clause reported by a verb of speech ("said the bill had")."""
    h = v.head(k)
    return h is not None and v.toks[k].dep == "ccomp" and bool(is_cue(v, h))


def _a_thing(v, k: int) -> bool:
    """Token ``k`` is a common noun for no person nor body of people ("the bill", "the
    deadlock"; not "supporters", "the committee"): it claims and argues nothing."""
    t = v.toks[k]
    if t.pos != "NOUN" or t.ent in ("NORP", "ORG", "PERSON"):
        return False
    return not (_person_word(t.lower) or {t.lower, _singular(t.lower)} & ORG_WORDS)


def _singular(word: str) -> str:
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"  # "companies"
    return word[:-1] if word.endswith("s") else word


def _person_word(word: str) -> bool:
    """A common noun for a person or people ("aide", "supporters", "the winner")."""
    one = _singular(word)
    return bool({word, one} & (UNNAMED_HEADS | PERSON_HEADS) or PERSON_SUFFIX.search(one))


def _clause_owner(v, k: int) -> int | None:
    """The verb that governs the inner clause headed by ``k``: the reporting verb, or the verb
    of the noun the clause belongs to (its object or subject)."""
    h = v.head(k)
    if h is not None and v.toks[k].dep in ("acl", "relcl") and v.toks[h].pos != "VERB":
        nh = v.head(h)
        return nh if nh is not None and nh != h else None
    return h
