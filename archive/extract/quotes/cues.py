"""Reporting (cue) verbs of news prose: "said", "told", "wrote", "according to", ...

``CUE_FORMS`` maps every inflected form to its base form (the pipeline runs without a
lemmatizer, so forms are listed here rather than lemmatised).
"""

from __future__ import annotations

_IRREGULAR = {
    "say": ["say", "says", "said", "saying"],
    "tell": ["tell", "tells", "told", "telling"],
    "write": ["write", "writes", "wrote", "written", "writing"],
    "speak": ["speak", "speaks", "spoke", "spoken", "speaking"],
    "tweet": ["tweet", "tweets", "tweeted", "tweeting"],
    "post": ["post", "posts", "posted", "posting"],
    "reply": ["reply", "replies", "replied", "replying"],
    "deny": ["deny", "denies", "denied", "denying"],
    "admit": ["admit", "admits", "admitted", "admitting"],
    "quip": ["quip", "quips", "quipped", "quipping"],
    "label": ["label", "labels", "labelled", "labeled", "labelling", "labeling"],
    "signal": ["signal", "signals", "signalled", "signaled", "signalling", "signaling"],
    "dub": ["dub", "dubs", "dubbed", "dubbing"],
    "testify": ["testify", "testifies", "testified", "testifying"],
    "cry": ["cried"],
    "hit": ["hit out"],
    "hold": ["held"],  # a court "held that ..."
}

_REGULAR = """add warn insist describe call claim accuse confirm explain argue note stress urge ask
announce declare state comment acknowledge suggest recall respond remark assert predict promise vow
pledge threaten concede emphasise emphasize brand term complain demand propose praise criticise
criticize condemn blame hail maintain reiterate underline underscore indicate observe caution
counter report reveal tell plead shout whisper mutter scream yell joke boast lament conclude
characterise characterize welcome question challenge allege agree rule continue exclaim recount""".split()

NOT_CUE_AFTER_CALL = {"on", "upon", "for", "off", "in", "up", "out", "back"}


def _inflect(v: str) -> list[str]:
    if v.endswith("e"):
        return [v, v + "s", v + "d", v[:-1] + "ing"]
    if v.endswith("y") and v[-2] not in "aeiou":
        return [v, v[:-1] + "ies", v[:-1] + "ied", v + "ing"]
    if v.endswith(("s", "sh", "ch", "x", "z")):
        return [v, v + "es", v + "ed", v + "ing"]
    return [v, v + "s", v + "ed", v + "ing"]


CUE_FORMS: dict[str, str] = {}
for _v in _REGULAR:
    for _f in _inflect(_v):
        CUE_FORMS.setdefault(_f, _v)
for _v, _forms in _IRREGULAR.items():
    for _f in _forms:
        CUE_FORMS[_f] = _v
CUE_FORMS["according"] = "according to"

# cues whose object may be a medium ("told Axios") rather than an addressee
TELL_LIKE = {"tell"}
# weak cues: only count when the quote is their complement (never by mere adjacency)
WEAK = {
    "hold",
    "propose",
    "demand",
    "praise",
    "welcome",
    "blame",
    "agree",
    "welcome",
    "question",
    "challenge",
    "report",
    "indicate",
    "signal",
    "suggest",
    "conclude",
}
