"""The words of the people extractor, kept once: names that are no people, organisation and place
words, role nouns, function words, pronouns.

Data only; the rules of :mod:`archive.extract.people.rules`,
:mod:`archive.extract.people.candidates`, :mod:`archive.extract.people.accept`,
:mod:`archive.extract.people.roles` and :mod:`archive.extract.people.gender` read them. The words
of personal names themselves (titles, particles, suffixes) are in :mod:`archive.names.lexicon`;
reporting verbs in :mod:`archive.extract.quotes.lexicon`.
"""

from __future__ import annotations

# capital letters a name word may start with (a regex character class body)
UPPER = "A-ZÀ-ÖØ-ÞŁŚŠŽČŘĆŹŻĐ"

# spaCy entity labels whose spans may be people the model mislabelled
CANDIDATE_LABELS = ("PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "PRODUCT", "WORK_OF_ART")
# the labels other than PERSON that a "Firstname Lastname" in a person context may carry
NON_PERSON_LABELS = ("ORG", "GPE", "NORP", "LOC", "FAC", "PRODUCT", "WORK_OF_ART")

# --- names that are no people -----------------------------------------------------------------
# outlets, platforms and institutions that spaCy often tags PERSON ("told Bloomberg")
NON_PERSON_NAMES = frozenset(
    """bloomberg axios reuters ap afp dpa ansa efe bbc cnn cnbc nbc abc cbs fox msnbc npr pbs
    politico semafor guardian telegraph independent economist forbes fortune newsweek time vox
    vice wired huffpost breitbart tass interfax ria novosti ukrinform xinhua kyodo yonhap
    al jazeera sky news times post journal tribune herald gazette
    telegram whatsapp facebook instagram youtube tiktok twitter x truth social signal reddit
    linkedin substack google apple amazon microsoft meta netflix spotify uber tesla nvidia
    nato kremlin pentagon congress parliament senate bundestag duma rada knesset downing street
    white house capitol hill wall street eu un unesco unicef who imf opec""".split()
)
NON_PERSON_PHRASES = frozenset(
    {
        "al jazeera",
        "sky news",
        "truth social",
        "downing street",
        "white house",
        "capitol hill",
        "wall street",
        "ria novosti",
        "associated press",
        "agence france-presse",
        "new york times",
        "washington post",
        "wall street journal",
        "financial times",
        "the guardian",
        "der spiegel",
        "le monde",
        "fox news",
        "abc news",
        "cbs news",
        "nbc news",
        "kyiv independent",
    }
)
# last words that make a span an organisation, facility or event, whoever tagged it
STRONG_ORG_WORDS = frozenset(
    """inc corp corporation ltd llc plc gmbh ag group council ministry department university
    college institute foundation fund agency office plant brigade army navy corps forces force
    bank association union committee commission federation league party network airlines
    airways motors administration assembly parliament senate airport station stadium arena
    hospital school museum police service services board authority cathedral mosque church
    summit conference talks treaty act times news post journal tribune herald gazette
    press media radio television channel studios holdings partners technologies systems
    pharmaceuticals index exchange fc cup championship games olympics award prize oblast region
    province republic kingdom state states nations islands island mountains river sea ocean lake
    street avenue road square bridge tower palace building hotel books publishers boulevard drive
    highway expressway motorway freeway parkway library centre center gardens
    publishing records entertainment labs capital ventures petroleum company club united city
    rovers wanderers athletic society enterprises industries brands foods stores range ranges
    mountain valley desert glacier peninsula bay gulf canal dam""".split()
)
# lowercase words that, right after an untagged "Firstname Surname", make it a thing's name
# ("the Kevin Keegan trophy", "the Sandro Tonali line"): the organisation words and a few more
FALLBACK_NOT_BEFORE = STRONG_ORG_WORDS | {"airport", "line", "centre", "center", "trophy"}
# first words of named storms, ships, buildings ... that the model tags PERSON
NON_PERSON_HEADS = frozenset(
    "hurricane storm typhoon cyclone tropical tornado operation project "
    "camp fort mount lake cape saint st. st san santa hms uss "
    "co co. mt mt. ft ft. pt pt. dept dept. rd rd. ave ave. mts mts.".split()
)
# a lowercase noun right after a name that makes it a geographic feature or an area
# ("the Hindu Kush ranges", "the Ravi, Sutlej and Chenab rivers"): regex alternatives
GEO_FEATURE_NOUNS = (
    "rivers?",
    "ranges?",
    "mountains?",
    "valleys?",
    "lakes?",
    "deserts?",
    "glaciers?",
    "peninsulas?",
    "islands?",
    "canals?",
    "dams?",
    "basins?",
    "plains",
    "plateaus?",
    "hills",
    "straits?",
    "bays?",
    "gulfs?",
    "coasts?",
    "provinces?",
    "count(?:y|ies)",
    "districts?",
    "regions?",
    "oblasts?",
    "prefectures?",
    "municipalit(?:y|ies)",
    "volcano(?:es)?",
    "falls",
    "creek",
    "estuary",
)
# lowercase nouns whose head makes a "role" an organisation type ("state-run oil company Petrobras")
ORG_ROLE_HEADS = frozenset(
    """company companies firm group giant maker manufacturer producer carrier retailer brand bank
    lender insurer operator chain outlet newspaper daily weekly tabloid magazine broadcaster channel
    network club team side party agency organisation organization charity body regulator utility
    conglomerate startup start-up exchange fund airline publisher label studio platform app website
    service""".split()
)

# --- function words -----------------------------------------------------------------------------
# capitalised words opening a sentence that are no part of a name ("Then Zelensky", "The Kremlin")
SENT_START_STOP = frozenset(
    """the a an in on at for from to by with as after before when while if but and or so then
    this that these those it its his her their our my your we they he she i you there here
    meanwhile however also still yet now today yesterday tomorrow despite though although
    according asked speaking like unlike under over during since until among between amid
    both all some many most several few other another each every no not only just even neither
    either nor without whether unless upon against about via toward towards because once who
    whose whom what where why how
    earlier later last next new former""".split()
)
# function words that a headline in Title Case capitalises: inside a name-shaped span they show
# a headline's words, not a name ("Roe Just Responded To Smith's Attack"); no name particle and no
# given name or surname in any language that names in English news are written this way
# ("To Lam", "An Cheol-soo" open a name: only words inside a span are judged)
TITLE_CASE_INNER_STOP = frozenset(
    """to for from with into onto and but the of at by than that this these those is are was were
    has have had will would just not""".split()
)
# prepositions before an organisation ("analysts at Morgan Stanley"): regex alternatives
ORG_PREPOSITIONS = ("at", "for", "of", "from", "by", "with", "in", "on", "into", "against", "to")

# --- titles and roles ---------------------------------------------------------------------------
# title words that are also ordinary words: they do not outweigh a place name ("General Kherson")
WEAK_TITLES = frozenset(
    "General Major Private Justice Officer Coach Speaker Father Sister Brother Marshal "
    "Commander Inspector Detective Captain Lieutenant Minister Secretary".split()
)
# role nouns right before a one-word name that make it a person ("Brazil forward Neymar",
# "spokesman Peskov"): regex alternatives, in this order
ROLE_BEFORE_NOUNS = (
    "spokes(?:man|woman|person)",
    "forward",
    "striker",
    "midfielder",
    "defender",
    "goalkeeper",
    "winger",
    "quarterback",
    "pitcher",
    "coach",
    "manager",
    "captain",
    "envoy",
    "adviser",
    "advisor",
    "aide",
    "minister",
    "president",
    "chairman",
    "chairwoman",
    "ceo",
    "founder",
    "singer",
    "rapper",
    "actor",
    "actress",
    "director",
    "author",
    "artist",
    "player",
    "leader",
    "chief",
    "negotiator",
    "officer",
    "lawyer",
    "attorney",
    "analyst",
    "economist",
)
# nouns of a person's office, job or relation, for roles in apposition (", an energy analyst
# at"; "a former director in the ... Ministry, Chukwuemeka Obi"): regex alternatives, in this order
APPOSITION_ROLE_NOUNS = (
    "analyst",
    "economist",
    "head",
    "chief",
    "director",
    "spokes(?:man|woman|person)",
    "minister",
    "secretary",
    "president",
    "chairman",
    "chairwoman",
    "chair",
    "founder",
    "professor",
    "researcher",
    "scientist",
    "lawyer",
    "attorney",
    "prosecutor",
    "judge",
    "manager",
    "owner",
    "resident",
    "mother",
    "father",
    "son",
    "daughter",
    "wife",
    "husband",
    "widow",
    "sister",
    "brother",
    "uncle",
    "aunt",
    "cousin",
    "nephew",
    "niece",
    "grandson",
    "granddaughter",
    "grandmother",
    "grandfather",
    "fiancée?",
    "farmer",
    "teacher",
    "student",
    "nurse",
    "doctor",
    "officer",
    "commissioner",
    "adviser",
    "advisor",
    "aide",
    "executive",
    "ceo",
    "coach",
    "captain",
    "leader",
    "member",
    "mayor",
    "governor",
    "senator",
    "lawmaker",
    "official",
    "campaigner",
    "activist",
    "expert",
    "editor",
    "ambassador",
    "envoy",
    "general",
    "colonel",
    "inspector",
    "superintendent",
    "councillor",
    "councilor",
    "worker",
    "driver",
    "operator",
    "organiser",
    "organizer",
)
# lowercase words that make a noun phrase next to a name a role even when spaCy does not tag
# them NOUN ("the Kremlin spokesman", "U.S. Army Secretary", "Brazil forward")
ROLE_TITLE_WORDS = frozenset(
    """president secretary minister envoy spokesman spokeswoman spokesperson admiral general
    ambassador chancellor governor mayor senator judge director chairman chairwoman ceo chief
    adviser advisor commander leader head coach manager captain negotiator aide officer king queen
    prince pope premier speaker analyst member official founder owner striker goalkeeper
    midfielder defender player executive economist forward winger quarterback pitcher singer
    rapper actor actress author artist lawyer attorney chair chairperson""".split()
)
# words after which an appositive role ends ("X, the chief, who ..."); with the commonest
# reporting verbs of :data:`archive.extract.quotes.lexicon.SAID_SAYS_TOLD`
ROLE_STOP_WORDS = frozenset({"who", "whom", "whose", "which", "that", "when", "where"})

# --- pronouns -----------------------------------------------------------------------------------
PRONOUNS_M = frozenset({"he", "him", "his", "himself"})
PRONOUNS_F = frozenset({"she", "her", "hers", "herself"})
# verbs whose subject, tagged a person, is one even when named by one word only ("Sanders said");
# word forms (the pipeline runs no lemmatizer)
SPEAKING_VERBS = frozenset({"say", "says", "said", "saying", "tell", "tells", "told", "telling"})
