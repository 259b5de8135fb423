"""The word lists of personal names, kept once: titles and honorifics, name particles, suffixes.

Data only (no functions): :mod:`archive.names.titles`, :mod:`archive.names.tokens` and the
extractors build their patterns from these lists; :mod:`archive.query.matching` drops
:data:`HONORIFICS` from the front of a looked-up name; :mod:`archive.clean.credits` may use
:data:`BYLINE_PARTICLES`. Each user's set is named here, so a change to one list is one edit.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Title:
    """A title or honorific written before a name."""

    pattern: str  # surface regex ("Mrs\\.?", "(?:Vice[- ])?President(?:-elect)?")
    gender: str | None  # "m" / "f" when the title tells, else None
    is_role: bool  # titles ("President", "Admiral") are roles; honorifics ("Mr", "Dr") are not


# --- titles and honorifics ------------------------------------------------------------------
# Honorifics (Mr, Mrs, ...) give gender and are not roles; titles (President, Admiral, ...) are
# roles too. The patterns are joined longest first, so their order here only decides which
# entry gives the gender and role of a title (the first that matches it whole).
TITLES: tuple[Title, ...] = (
    Title(r"Mrs\.?", "f", False),
    Title(r"Mr\.?", "m", False),
    Title(r"Ms\.?", "f", False),
    Title(r"Miss", "f", False),
    Title(r"Mx\.?", None, False),
    Title(r"Messrs\.?", None, False),
    Title(r"Dr\.?", None, False),
    Title(r"Prof\.?", None, False),
    Title(r"Professor", None, False),
    Title(r"Sir", "m", False),
    Title(r"Dame", "f", False),
    Title(r"Lord", "m", False),
    Title(r"Lady", "f", False),
    Title(r"Rev\.?", None, False),
    Title(r"Reverend", None, False),
    Title(r"Rabbi", None, True),
    Title(r"Imam", "m", True),
    Title(r"Sheikh", "m", True),
    Title(r"Ayatollah", "m", True),
    Title(r"Father", "m", True),
    Title(r"Sister", "f", True),
    Title(r"Brother", "m", True),
    Title(r"Pope", "m", True),
    Title(r"Cardinal", "m", True),
    Title(r"Archbishop", None, True),
    Title(r"Bishop", None, True),
    Title(r"Patriarch", "m", True),
    Title(r"King", "m", True),
    Title(r"Queen", "f", True),
    Title(r"Crown Prince", "m", True),
    Title(r"Prince", "m", True),
    Title(r"Princess", "f", True),
    Title(r"Emperor", "m", True),
    Title(r"Empress", "f", True),
    Title(r"Duke", "m", True),
    Title(r"Duchess", "f", True),
    Title(r"(?:Vice[- ])?President(?:-elect)?", None, True),
    Title(r"Premier", None, True),
    Title(r"(?:Deputy )?Prime Minister", None, True),
    Title(
        r"(?:Foreign|Defen[cs]e|Finance|Interior|Health|Justice|Economy|Energy|Culture|Trade|Home)"
        r" (?:Minister|Secretary)",
        None,
        True,
    ),
    Title(r"Minister", None, True),
    Title(r"Chancellor", None, True),
    Title(r"Secretary[- ]General", None, True),
    Title(r"Secretary of State", None, True),
    Title(r"Secretary", None, True),
    Title(r"Attorney General", None, True),
    Title(r"Senator", None, True),
    Title(r"Sen\.", None, True),
    Title(r"Rep\.", None, True),
    Title(r"Representative", None, True),
    Title(r"Congressman", "m", True),
    Title(r"Congresswoman", "f", True),
    Title(r"Governor", None, True),
    Title(r"Gov\.", None, True),
    Title(r"Lt\.? Gov\.", None, True),
    Title(r"Mayor", None, True),
    Title(r"Councillor", None, True),
    Title(r"Councilman", "m", True),
    Title(r"Councilwoman", "f", True),
    Title(r"Alderman", None, True),
    Title(r"Sheriff", None, True),
    Title(r"Speaker", None, True),
    Title(r"Ambassador", None, True),
    Title(r"Commissioner", None, True),
    Title(r"Chief Justice", None, True),
    Title(r"Justice", None, True),
    Title(r"Judge", None, True),
    Title(r"Chairman", "m", True),
    Title(r"Chairwoman", "f", True),
    Title(r"Field Marshal", None, True),
    Title(r"Marshal", None, True),
    Title(r"(?:Vice|Rear) Admiral", None, True),
    Title(r"Admiral", None, True),
    Title(r"Adm\.", None, True),
    Title(r"Brigadier General", None, True),
    Title(r"Brig\.? Gen\.", None, True),
    Title(r"Brigadier", None, True),
    Title(r"(?:Lieutenant|Major) General", None, True),
    Title(r"(?:Lt|Maj)\.? Gen\.", None, True),
    Title(r"General", None, True),
    Title(r"Gen\.", None, True),
    Title(r"Lieutenant Colonel", None, True),
    Title(r"Lt\.? Col\.", None, True),
    Title(r"Colonel", None, True),
    Title(r"Col\.", None, True),
    Title(r"Major", None, True),
    Title(r"Maj\.", None, True),
    Title(r"Captain", None, True),
    Title(r"Capt\.", None, True),
    Title(r"Lieutenant", None, True),
    Title(r"Lt\.", None, True),
    Title(r"Sergeant", None, True),
    Title(r"Sgt\.", None, True),
    Title(r"Corporal", None, True),
    Title(r"Cpl\.", None, True),
    Title(r"Private", None, True),
    Title(r"Pvt\.", None, True),
    Title(r"Commander", None, True),
    Title(r"Cmdr\.", None, True),
    Title(r"Detective", None, True),
    Title(r"Det\.", None, True),
    Title(r"Inspector", None, True),
    Title(r"Officer", None, True),
    Title(r"Coach", None, True),
    # heads of government and other offices that are written before a name
    Title(r"Taoiseach", None, True),
    Title(r"T[áa]naiste", None, True),
    Title(r"First Minister", None, True),
    Title(r"Chief Minister", None, True),
    Title(r"Emir", "m", True),
    Title(r"Sultan", "m", True),
    Title(r"Grand Duke", "m", True),
    Title(r"Grand Duchess", "f", True),
    Title(r"Archduke", "m", True),
    Title(r"Lord Mayor", None, True),
    Title(r"Cllr\.?", None, True),
    Title(r"Councilor", None, True),
    Title(r"Assemblyman", "m", True),
    Title(r"Assemblywoman", "f", True),
    Title(r"Assemblymember", None, True),
    Title(r"Superintendent", None, True),
    Title(r"Supt\.?", None, True),
    Title(r"Constable", None, True),
    Title(r"Chief Constable", None, True),
    Title(r"Chief Inspector", None, True),
    Title(r"Insp\.", None, True),
    Title(r"Pastor", None, True),
    Title(r"Monsignor", "m", True),
    Title(r"Msgr\.", "m", True),
    Title(r"Mufti", "m", True),
    Title(r"Grand Mufti", "m", True),
    Title(r"Abbot", "m", True),
    Title(r"District Attorney", None, True),
    Title(r"Prosecutor", None, True),
)
# the honorifics whose gender is that of the person ("Mr Smith" is a man)
HONORIFIC_GENDER = {"mr": "m", "mrs": "f", "ms": "f", "miss": "f"}

# Lowercase ASCII words that a name look-up (``archive.query.matching.name_tokens``) drops from the
# front of a name: honorifics, titles and the words of multi-word titles ("prime minister",
# "foreign secretary", "the"), so "Prime Minister Keir Starmer" looks up "keir starmer".
HONORIFICS = frozenset(
    """mr mrs ms miss mx dr prof professor sir dame lord lady president vice prime minister
    chancellor senator sen rep gov governor mayor general gen king queen prince princess pope
    secretary ambassador judge justice rev reverend sheikh colonel col captain capt admiral adm
    the foreign defence defense deputy""".split()
)

# --- name particles ---------------------------------------------------------------------------
# lowercase particles inside a name, which belong to the surname ("van Persie", "von der Leyen",
# "Osama bin Laden", "Marine Le Pen")
BASE_PARTICLES = frozenset(
    """de da di du do dos das des del della dei degli der den van von vom zu ter ten le la bin ibn
    al el abu ben st y""".split()
)
# Gaelic surname particles: written capitalised and as a separate word ("Declan Ó Muirí",
# "Nóra Ní Chonghaile", "Seán Mac Diarmada"); "Ó Muirí" alone is a surname, not "Ó" + "Muirí".
GAELIC_PARTICLES = frozenset("ó o ní ni nic uí ua mhic".split())
# "Mac"/"Mc"/"ap" are also given names ("Mac Jones"): they count only after a given name
LATE_PARTICLES = frozenset("mac mc ap".split())
# every particle (lowercased) that can stand between the words of a name
PARTICLES = BASE_PARTICLES | GAELIC_PARTICLES | LATE_PARTICLES
# Particles that are also common English given names when they open a name and are written
# capitalised (case-sensitive): "Ben Carson", "Al Sharpton" (a given name and a surname), unlike
# "Ben-Gurion", "Osama bin Laden" or "Marine Le Pen".
GIVEN_NAME_PARTICLES = frozenset("Ben Al".split())
# Arabic article and kinship prefixes glued to a capitalised word by a hyphen ("al-Sharaa",
# "bin-Salman"): the word after the hyphen is the name word
HYPHEN_PREFIXES = ("al", "el", "ad", "as", "ash", "at", "az", "bin", "ibn", "abu", "ben")
# the hyphen prefixes that the people extractor's name runs accept in front of a capital
NAME_RUN_HYPHEN_PREFIXES = ("al", "el", "bin", "ibn", "abu")
# particles between the words of a name in a credit line ("Photo by Jan van Dijk", the people
# extractor's byline and credit ranges)
CREDIT_PARTICLES = ("de", "da", "van", "von", "der", "le", "la", "bin", "al")
# particles of bylines and sign-offs as written there (``archive.clean.credits``: kept lowercase
# when a byline is re-cased, and never the first or last word of a name)
BYLINE_PARTICLES = frozenset(
    """de da di du del della der den van von le la bin ben al el dos das ter ten y st. af zu
    mac""".split()
)

# --- suffixes ---------------------------------------------------------------------------------
# generational suffixes after a surname, lowercased ("Martin Luther King Jr.", "Henry Ford II")
SUFFIXES = frozenset("jr jr. sr sr. ii iii iv".split())
