"""The shape of personal names: titles and honorifics, name tokens, first names, folding.

Shared by :mod:`archive.extract.people.mentions` (finding people in one article) and :mod:`archive.names.identity`
(matching people across articles). Pure functions, no spaCy.
"""

from __future__ import annotations

import functools
import re
import unicodedata

# --- titles and honorifics ------------------------------------------------------------------
# (surface regex, gender, is_role). Honorifics (Mr, Mrs, ...) give gender and are not roles;
# titles (President, Admiral, ...) are roles too. Longer alternatives first.
_TITLES: list[tuple[str, str | None, bool]] = [
    (r"Mrs\.?", "f", False),
    (r"Mr\.?", "m", False),
    (r"Ms\.?", "f", False),
    (r"Miss", "f", False),
    (r"Mx\.?", None, False),
    (r"Messrs\.?", None, False),
    (r"Dr\.?", None, False),
    (r"Prof\.?", None, False),
    (r"Professor", None, False),
    (r"Sir", "m", False),
    (r"Dame", "f", False),
    (r"Lord", "m", False),
    (r"Lady", "f", False),
    (r"Rev\.?", None, False),
    (r"Reverend", None, False),
    (r"Rabbi", None, True),
    (r"Imam", "m", True),
    (r"Sheikh", "m", True),
    (r"Ayatollah", "m", True),
    (r"Father", "m", True),
    (r"Sister", "f", True),
    (r"Brother", "m", True),
    (r"Pope", "m", True),
    (r"Cardinal", "m", True),
    (r"Archbishop", None, True),
    (r"Bishop", None, True),
    (r"Patriarch", "m", True),
    (r"King", "m", True),
    (r"Queen", "f", True),
    (r"Crown Prince", "m", True),
    (r"Prince", "m", True),
    (r"Princess", "f", True),
    (r"Emperor", "m", True),
    (r"Empress", "f", True),
    (r"Duke", "m", True),
    (r"Duchess", "f", True),
    (r"(?:Vice[- ])?President(?:-elect)?", None, True),
    (r"Premier", None, True),
    (r"(?:Deputy )?Prime Minister", None, True),
    (
        r"(?:Foreign|Defen[cs]e|Finance|Interior|Health|Justice|Economy|Energy|Culture|Trade|Home)"
        r" (?:Minister|Secretary)",
        None,
        True,
    ),
    (r"Minister", None, True),
    (r"Chancellor", None, True),
    (r"Secretary[- ]General", None, True),
    (r"Secretary of State", None, True),
    (r"Secretary", None, True),
    (r"Attorney General", None, True),
    (r"Senator", None, True),
    (r"Sen\.", None, True),
    (r"Rep\.", None, True),
    (r"Representative", None, True),
    (r"Congressman", "m", True),
    (r"Congresswoman", "f", True),
    (r"Governor", None, True),
    (r"Gov\.", None, True),
    (r"Lt\.? Gov\.", None, True),
    (r"Mayor", None, True),
    (r"Councillor", None, True),
    (r"Councilman", "m", True),
    (r"Councilwoman", "f", True),
    (r"Alderman", None, True),
    (r"Sheriff", None, True),
    (r"Speaker", None, True),
    (r"Ambassador", None, True),
    (r"Commissioner", None, True),
    (r"Chief Justice", None, True),
    (r"Justice", None, True),
    (r"Judge", None, True),
    (r"Chairman", "m", True),
    (r"Chairwoman", "f", True),
    (r"Field Marshal", None, True),
    (r"Marshal", None, True),
    (r"(?:Vice|Rear) Admiral", None, True),
    (r"Admiral", None, True),
    (r"Adm\.", None, True),
    (r"Brigadier General", None, True),
    (r"Brig\.? Gen\.", None, True),
    (r"Brigadier", None, True),
    (r"(?:Lieutenant|Major) General", None, True),
    (r"(?:Lt|Maj)\.? Gen\.", None, True),
    (r"General", None, True),
    (r"Gen\.", None, True),
    (r"Lieutenant Colonel", None, True),
    (r"Lt\.? Col\.", None, True),
    (r"Colonel", None, True),
    (r"Col\.", None, True),
    (r"Major", None, True),
    (r"Maj\.", None, True),
    (r"Captain", None, True),
    (r"Capt\.", None, True),
    (r"Lieutenant", None, True),
    (r"Lt\.", None, True),
    (r"Sergeant", None, True),
    (r"Sgt\.", None, True),
    (r"Corporal", None, True),
    (r"Cpl\.", None, True),
    (r"Private", None, True),
    (r"Pvt\.", None, True),
    (r"Commander", None, True),
    (r"Cmdr\.", None, True),
    (r"Detective", None, True),
    (r"Det\.", None, True),
    (r"Inspector", None, True),
    (r"Officer", None, True),
    (r"Coach", None, True),
    # heads of government and other offices that are written before a name
    (r"Taoiseach", None, True),
    (r"T[áa]naiste", None, True),
    (r"First Minister", None, True),
    (r"Chief Minister", None, True),
    (r"Emir", "m", True),
    (r"Sultan", "m", True),
    (r"Grand Duke", "m", True),
    (r"Grand Duchess", "f", True),
    (r"Archduke", "m", True),
    (r"Lord Mayor", None, True),
    (r"Cllr\.?", None, True),
    (r"Councilor", None, True),
    (r"Assemblyman", "m", True),
    (r"Assemblywoman", "f", True),
    (r"Assemblymember", None, True),
    (r"Superintendent", None, True),
    (r"Supt\.?", None, True),
    (r"Constable", None, True),
    (r"Chief Constable", None, True),
    (r"Chief Inspector", None, True),
    (r"Insp\.", None, True),
    (r"Pastor", None, True),
    (r"Monsignor", "m", True),
    (r"Msgr\.", "m", True),
    (r"Mufti", "m", True),
    (r"Grand Mufti", "m", True),
    (r"Abbot", "m", True),
    (r"District Attorney", None, True),
    (r"Prosecutor", None, True),
]
HONORIFIC_GENDER = {"mr": "m", "mrs": "f", "ms": "f", "miss": "f"}

_TITLE_ALT = "|".join(sorted((t for t, _, _ in _TITLES), key=len, reverse=True))
# one or more titles in a row ("Brig. Gen."), ending right before a name
TITLE_CHAIN = rf"(?:(?:{_TITLE_ALT})\s+)+"
TITLE_BEFORE_RE = re.compile(rf"(?<![\w.])({TITLE_CHAIN})$")
TITLE_START_RE = re.compile(rf"(?<![\w.])(?:{TITLE_CHAIN})(?=[^\W\d_])")
_TITLE_ONLY_RE = re.compile(rf"^(?:(?:{_TITLE_ALT})\s*)+$")
_TITLE_ITEM_RES = [(re.compile(rf"^(?:{t})$"), g, r) for t, g, r in _TITLES]
_TITLE_ANY_RE = re.compile(rf"(?:{_TITLE_ALT})")
_TITLE_LEAD_RE = re.compile(rf"^(?:{_TITLE_ALT})\s+(?=\S)")
# The helpers below are pure functions of short strings that the extractors and identity matching
# call again and again with the same names (hundreds of times per article): they are cached.
_CACHE = 1 << 16


@functools.lru_cache(maxsize=_CACHE)
def title_info(title_text: str) -> tuple[str | None, bool]:
    """(gender, is_role) of a title chain such as "Mr." or "Brig. Gen."."""
    gender, role = None, False
    for part in _TITLE_ANY_RE.findall(title_text):
        for rx, g, r in _TITLE_ITEM_RES:
            if rx.match(part):
                gender = gender or g
                role = role or r
                break
    return gender, role


@functools.lru_cache(maxsize=_CACHE)
def is_title_word(text: str) -> bool:
    return bool(_TITLE_ONLY_RE.match(text.strip()))


def strip_titles(name: str) -> str:
    """ "President Vladimir V. Putin" -> "Vladimir V. Putin"."""
    prev = None
    name = name.strip()
    while prev != name:
        prev = name
        m = _TITLE_LEAD_RE.match(name)
        if m:
            name = name[m.end() :]
    return name


# --- name tokens ------------------------------------------------------------------------------
PARTICLES = frozenset(
    "de da di du do dos das del della der den van von ter ten le la bin ibn al el abu ben st y".split()
)
# Gaelic surname particles: written capitalised and as a separate word ("Declan Ó Muirí",
# "Nóra Ní Chonghaile", "Seán Mac Diarmada"); "Ó Muirí" alone is a surname, not "Ó" + "Muirí".
# "Mac"/"Mc" are also given names ("Mac Jones"), so they count only after a given name.
GAELIC_PARTICLES = frozenset("ó o ní ni nic uí ua mhic".split())
_LATE_PARTICLES = frozenset("mac mc ap".split())
# Particles that are also common English given names when they open a name and are written
# capitalised: "Ben Carson", "Al Sharpton" (a given name and a surname), unlike "Ben-Gurion",
# "Osama bin Laden" or "Marine Le Pen".
_GIVEN_PARTICLES = frozenset("Ben Al".split())
PARTICLES = PARTICLES | GAELIC_PARTICLES | _LATE_PARTICLES
SUFFIXES = frozenset("jr jr. sr sr. ii iii iv".split())
POSSESSIVE_RE = re.compile(r"(?:['’]s|(?<=s)['’])$")
_INITIAL_RE = re.compile(r"^(?:[^\W\d_]\.)+$")


def is_initial(tok: str) -> bool:
    """ "V." or "J.R." """
    return bool(_INITIAL_RE.match(tok))


_ARABIC_PREFIX_RE = re.compile(r"^(?:al|el|ad|as|ash|at|az|bin|ibn|abu|ben)-(?=[^\W\d_])")


@functools.lru_cache(maxsize=_CACHE)
def is_name_word(tok: str) -> bool:
    """A capitalised word that can be part of a name ("Putin", "O'Brien", "al-Sharaa", "V.")."""
    tok = _ARABIC_PREFIX_RE.sub("", tok) if tok[:1].islower() else tok
    if not tok or not tok[0].isupper() or any(c.isdigit() for c in tok):
        return False
    if is_initial(tok):
        return True
    letters = [c for c in tok if c.isalpha()]
    if not letters or not all(c.isalpha() or c in "'’-." for c in tok):
        return False
    if len(letters) > 1 and all(c.isupper() for c in letters):
        return False  # all-caps: acronyms, shouted headline words
    return True


def name_parts(name: str) -> list[str]:
    """Words of a bare name without titles, suffixes or a possessive ending."""
    return list(_name_parts(name))


_SPACES_RE = re.compile(r"\s+")


@functools.lru_cache(maxsize=_CACHE)
def _name_parts(name: str) -> tuple[str, ...]:
    name = POSSESSIVE_RE.sub("", strip_titles(name))
    parts = [p for p in _SPACES_RE.split(name.strip()) if p]
    while parts and parts[-1].lower().rstrip(",") in SUFFIXES:
        parts.pop()
    return tuple(p.rstrip(",") for p in parts)


@functools.lru_cache(maxsize=_CACHE)
def surname(name: str) -> str:
    """Last name word (with a preceding particle: "van Persie")."""
    parts = _name_parts(name)
    if not parts:
        return ""
    k = len(parts) - 1
    while k >= 1 and parts[k - 1].lower() in PARTICLES:  # "von der Leyen", "van Persie", "Ó Muirí"
        if k - 1 == 0 and (parts[0].lower() in _LATE_PARTICLES or parts[0] in _GIVEN_PARTICLES):
            break  # "Mac Jones", "Ben Carson": a given name
        k -= 1
    return " ".join(parts[k:])


def given_names(name: str) -> list[str]:
    """First and middle names (initials included)."""
    return list(_given_names(name))


@functools.lru_cache(maxsize=_CACHE)
def _given_names(name: str) -> tuple[str, ...]:
    parts = _name_parts(name)
    sur = surname(name).split()
    return parts[: len(parts) - len(sur)]


def without_middle_initials(name: str) -> str:
    """ "Vladimir V. Putin" -> "Vladimir Putin" (a leading initial is kept: "J. Smith")."""
    parts = name_parts(name)
    if len(parts) >= 3:
        parts = [parts[0]] + [p for p in parts[1:-1] if not is_initial(p)] + [parts[-1]]
    return " ".join(parts)


@functools.lru_cache(maxsize=_CACHE)
def is_full_name(name: str) -> bool:
    """At least a given name (not an initial alone) and a surname."""
    g = _given_names(name)
    return bool(g) and not all(is_initial(x) for x in g)


# --- first names (gender-guesser's name dictionary, shipped in its wheel) --------------------
@functools.lru_cache(maxsize=1)
def _detector():
    try:
        import gender_guesser.detector as gd
    except ImportError:  # optional: without it only titles and pronouns give evidence
        return None
    return gd.Detector(case_sensitive=False)


@functools.lru_cache(maxsize=20000)
def first_name_gender(word: str) -> str | None:
    """ "m"/"f" (clearly), "?m"/"?f" (mostly), "?" (either) for a known first name, else None."""
    det = _detector()
    if det is None or not word or not word[0].isupper() or is_initial(word):
        return None
    w = word.split("-")[0]
    res = det.get_gender(w)
    if res == "unknown" and ascii_fold(w) != w:
        res = det.get_gender(ascii_fold(w))  # "Micheál", "Éamon", "Siobhán"
    return {
        "male": "m",
        "mostly_male": "?m",
        "female": "f",
        "mostly_female": "?f",
        "andy": "?",
    }.get(res)


def is_first_name(word: str) -> bool:
    return first_name_gender(word) is not None


def is_clear_first_name(word: str) -> bool:
    """A first name that is mostly used for one sex ("Kevin", "Bertie"); not "Red", "Summer"."""
    return first_name_gender(word) in ("m", "f", "?m", "?f")


# --- common English words (the lemma index of the spaCy model, when it has one) -----------------
@functools.lru_cache(maxsize=1)
def english_words() -> frozenset[str]:
    """Lowercase English dictionary words ("villa", "cross", "taoiseach"), or empty if unavailable."""
    try:  # read the table from the model's files (50 ms; no second pipeline is loaded)
        import importlib.util
        from pathlib import Path

        from spacy.lookups import Lookups

        from archive import nlp as nlp_mod

        name = nlp_mod.model_name()
        spec = None if Path(name).is_dir() else importlib.util.find_spec(name)
        root = Path(name) if spec is None else Path(spec.origin).parent
        d = next(root.glob("lemmatizer/lookups"), None) or next(
            root.glob("*/lemmatizer/lookups"), None
        )
        if d is None:
            return frozenset()
        table = Lookups().from_disk(d).get_table("lemma_index")
        return frozenset(w for words in table.values() for w in words if w.isalpha())
    except Exception:  # no model / no lemmatizer tables: the rules using this stay off
        return frozenset()


@functools.lru_cache(maxsize=_CACHE)
def is_english_word(word: str) -> bool:
    """ "Villa", "Cross", "Woods" (plural of a word) are dictionary words; "Keegan", "Tonali" are not."""
    w = word.lower().replace("’", "'")
    words = english_words()
    if w in words:
        return True
    return len(w) > 3 and (
        (w.endswith("s") and w[:-1] in words) or (w.endswith("es") and w[:-2] in words)
    )


# --- folding for comparisons --------------------------------------------------------------------
def ascii_fold(s: str) -> str:
    try:
        from unidecode import unidecode

        return unidecode(s)
    except ImportError:  # pragma: no cover - unidecode is a dependency
        return unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode()


def fold_word(word: str) -> str:
    """Transliteration-tolerant form of one name word.

    lowercase ASCII, "kh" -> "h", "y" -> "i", doubled letters collapsed, final "ij" -> "i":
    Zelensky / Zelenskyy / Zelenskiy / Zelenskyi / Zelenskij -> "zelenski"; Dmitry / Dmitriy /
    Dmitri -> "dmitri"; Kostyukov / Kostiukov -> "kostiukov". Volodymyr -> "volodimir" stays
    distinct from Vladimir -> "vladimir".
    """
    w = re.sub(r"[^a-z]", "", ascii_fold(word).lower())
    w = w.replace("kh", "h").replace("y", "i")
    w = re.sub(r"(.)\1+", r"\1", w)
    return re.sub(r"ij$", "i", w)


def consonant_skeleton(word: str) -> str:
    """Folded word without vowels: "medvedev"/"medvediev" -> "mdvdv"."""
    return re.sub(r"[aeiou]", "", fold_word(word))
