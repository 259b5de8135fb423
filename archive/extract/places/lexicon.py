"""The word lists and cue patterns of place extraction, kept once.

Curated gazetteer words (``not_place_words``, ``region_words``, ``outlet_words``, ``news_default``)
live with the gazetteer data in ``data/places.json``; the lists here are the ones the extractor
applies to the text around a name. Each user is named in the comment above a list.
"""

from __future__ import annotations

import re

# capitalised words that never start (or, before a name, belong to) a place name: articles,
# prepositions, conjunctions, pronouns, honorifics (scan, features, small places, unknown names)
FUNCTION_WORDS = frozenset(
    """The A An In On At From To Of For By With And But Or As After Before While When Since Until
    Across Inside Outside Near Both Between Against Over Under Into Like If Meanwhile Then Why How
    What Where Who This That Its His Her Their Our Mr Ms Mrs""".split()
)

# spaCy labels: entities that are places, and entities whose span no place scan may take
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
BLOCKING_LABELS = frozenset(
    {"ORG", "PERSON", "WORK_OF_ART", "EVENT", "PRODUCT", "LAW", "NORP", "FAC", "LANGUAGE"}
)

# --- physical features ------------------------------------------------------------------------
# generic words that make a physical feature ("Sutlej river", "Pat Mayse Lake")
FEATURE_HEADS = frozenset(
    """river lake mountains mountain range hills valley desert island islands sea ocean bay gulf
    strait peninsula harbour harbor canal glacier falls plateau basin delta reservoir creek trail
    volcano reef lagoon fjord archipelago""".split()
)
# feature heads also written in lower case after the name ("the Indus delta")
LOWER_HEADS = frozenset(
    "river harbour harbor valley delta basin glacier mountains desert volcano".split()
)
# features that lie in one country, located like buildings (by the place before them): "Lantau
# Island", "the Hel Peninsula" (rivers, seas, ranges may cross borders)
LOCAL_FEATURE_HEADS = frozenset(
    "island peninsula lake valley hills reservoir creek falls canal harbour harbor".split()
)
# features whose bare name is mentioned again later ("the Sutlej river" ... "the Sutlej")
RE_MENTION_HEADS = frozenset({"river", "rivers", "range", "ranges", "mountains"})
# common words that stay at the front of a feature name ("Red Sea", "North Sea", "Great Lake")
FEATURE_MODIFIERS = (
    "north",
    "south",
    "east",
    "west",
    "red",
    "black",
    "dead",
    "upper",
    "lower",
    "great",
    "little",
    "new",
    "old",
)
# seats of government standing for their occupants ("the White House said"), never a facility
METONYMS = frozenset(
    {
        "white house",
        "kremlin",
        "pentagon",
        "downing street",
        "elysee",
        "elysee palace",
        "capitol",
        "capitol hill",
        "blue house",
        "quai d orsay",
        "foggy bottom",
        "number 10",
        "no 10",
        "whitehall",
        "wall street",
        "fleet street",
        "main street",
        "madison avenue",
        "pennsylvania avenue",
        "scotland yard",
    }
)

# --- organisation names -----------------------------------------------------------------------
# words after a place name that make it part of an organisation name ("Texas Water Board")
ORG_HEADS = frozenset(
    """board college university commission authority department office court judge attorney
    attorneys ministry agency bureau police transit army navy corps institute foundation society
    association federation committee company corporation inc ltd llc bank hospital school academy
    party fc club airlines airways exchange council senate legislature prosecutor prosecutors
    sheriff network holdings museum orchestra clinic utilities federal credit chamber league
    united rovers athletic water energy electric electricity gas rail railway railways telecom
    center centre auditorium arena stadium theater theatre coliseum amphitheater amphitheatre
    pavilion""".split()
)
# lower-case words that may stand inside such a name ("Bank of England and Wales")
ORG_CONNECT = frozenset({"of", "and", "for", "on", "&", "de"})
# "University of Michigan", "Southern District of Ohio": the place ends an organisation name
ORG_BEFORE = re.compile(
    r"\b(?:University|College|Bank|District|Diocese|Archdiocese|Duke|Duchess|Earl|Prince|Princess"
    r"|Museum|Institute|Academy|Court|Federal Reserve Bank|Church)\s+of\s+(?:the\s+)?$"
)

# "Mila, an AI research institute": an apposition that makes a name an organisation's
ORG_APPOSITIVE = re.compile(
    r",[ \t]+(?:a|an|the)[ \t]+(?:[\w-]+[ \t]+){0,3}?(?:institute|company|firm|startup|start-up"
    r"|group|organisation|organization|agency|laboratory|lab|university|college|charity"
    r"|consultancy|nonprofit|non-profit|network|outlet|newspaper|magazine|website|platform|app"
    r"|brand|maker|manufacturer|retailer|bank|fund|publisher|broadcaster)\b"
)
# "a partner at Rhodium", "a researcher at Mila": where someone works is an organisation
AT_WORK = re.compile(
    r"\b(?:partner|researcher|professor|analyst|economist|scientist|fellow|engineer|executive"
    r"|employee|staffer|manager|director|editor|reporter|correspondent|lecturer|founder|president"
    r"|chairman|chairwoman|spokesman|spokeswoman|spokesperson|officer|intern|developer|designer"
    r"|investor|adviser|advisor|consultant|strategist|associate)s?[ \t]+at[ \t]+$",
    re.I,
)

# --- cues before and after a name ------------------------------------------------------------
# "in X", "near X": a locative before a name
LOCATIVE = re.compile(
    r"\b(?:in|at|from|to|near|around|outside|across|into|towards?|through|via|with|between|and"
    r"|downtown|suburban)\s+$",
    re.I,
)
# locatives that also introduce companies and people ("sold to Toyota", "talks with Ford")
WEAK_LOCATIVE = re.compile(r"\bto\s+$", re.I)
# what joins a company to the words before it as well as a place ("GoDaddy ... and Toyota")
JOINING_LOCATIVE = re.compile(r"\b(?:to|and|with|between)\s+$", re.I)
# a building used as a location ("at Paris City Hall")
FACILITY_BEFORE = re.compile(
    r"\b(?:in|at|inside|outside|near|to|from|into|on)\s+(?:the\s+)?$", re.I
)
# "the cities of Sialkot, Narowal and Kasur"
LIST_OF_PLACES = re.compile(
    r"\b(?:cities|towns|villages|city|town|village|provinces|states|districts|regions"
    r"|countries) of "
    r"(?:[A-Z][\w'’-]*(?: [A-Z][\w'’-]*)?, )*(?:[A-Z][\w'’-]*(?: [A-Z][\w'’-]*)?,? and )?$"
)
# "Carna, a fishing village", "Reno, a small town just west of Paris"
APPOSITIVE = re.compile(
    r",[ \t]+(?:a|an|the)[ \t]+(?:[\w-]+[ \t]+){0,3}?(?:town|city|village|hamlet|suburb|community"
    r"|municipality|county|port|capital|island|borough|township)\b"
)
# words around a name that is a city and a region of one country ("New York", "Washington")
# that make it the region: "the New York primary", "senator from New York", "upstate New York"
REGION_CUE_AFTER = re.compile(
    r"(?:['’]s)?[ \t]+(?:primary|primaries|caucus|caucuses|delegation|delegates|legislature"
    r"|governor|Gov\.|state[ \t]+(?:senator|legislature|assembly|law|officials))\b"
)
REGION_CUE_BEFORE = re.compile(
    r"\b(?:[Ss]enators?|[Gg]overnor|[Cc]ongress(?:man|woman)|[Ss]tate)[ \t]+(?:from|of)[ \t]+$"
    r"|\b(?:upstate|downstate|[Ww]on|carried)[ \t]+$"
)
# "Yamanashi and Shizuoka| prefectures": the names before are regions
PLURAL_REGION = re.compile(
    r"[ \t]+(prefectures|provinces|regions|states|oblasts|counties|districts)\b"
)
# "the eastern region of| Donetsk"
REGION_OF = re.compile(
    r"\b(?:region|province|oblast|state|county|prefecture|district) of (?:the )?$"
)
# words before a region name that leave the name after them ("County Galway", "Co Galway")
COUNTY_LEADS = ("county", "co")
# a region generic the gazetteer tries when "X region" is not a name ("Kursk region" ->
# "Kursk Oblast"), in this order
REGION_GENERICS = ("oblast", "krai", "province", "region")

# abbreviated words of place names, as name keys, and the gazetteer's spelling ("Port St.
# Lucie" -> "Port Saint Lucie", "Ft. Myers" -> "Fort Myers")
NAME_ABBREVIATIONS = {"st": "saint", "ste": "sainte", "ft": "fort", "mt": "mount"}
# words before a city's name that leave the city ("the City of Saskatoon"), as name keys
CITY_LEADS = ("city of", "town of", "village of", "municipality of", "borough of")
# lower-case words inside a town name before its qualifier ("Jerez de la Frontera, Spain")
TOWN_CONNECTORS = ("de la", "de", "la", "del", "do", "da", "di", "upon", "on", "sur")

# --- names no gazetteer knows ----------------------------------------------------------------
# a span run over two names ("the Netherlands with Duisburg"): the scan finds them apart
SPAN_JOINERS = ("with", "and", "from", "to", "near", "after", "before", "in", "on")
# demonyms ("Ukrainian", "Chinese", "Polish"): a people, not a place
DEMONYM = re.compile(r"(?:ian|ians|ese|ish|ean|eans|an|ans)$")
DEMONYM_ENDINGS = ("ian", "ians", "ese", "ish")

# --- names that are no places --------------------------------------------------------------
# celestial bodies: never places on a map, whatever town shares the name ("Mars", "Venus"),
# unless the text qualifies the town ("Mars, Pennsylvania")
CELESTIAL = frozenset(
    """mars venus jupiter saturn mercury neptune uranus pluto moon sun earth ceres titan europa
    io ganymede callisto enceladus""".split()
)
# words for a relative that stand before a first name as a title does ("Aunt Miranda")
KINSHIP = frozenset("aunt auntie uncle grandma grandpa granny nana cousin".split())
# time zones written as capitals ("10 p.m. EST")
TIME_ZONES = frozenset("EST EDT CST CDT MST MDT PST PDT AKST HST GMT BST CET CEST UTC".split())
# districts that are courts or electoral units, not places: "the Southern District (of New
# York)", "the Fifth Congressional District"
NOT_PLACE_DISTRICT = re.compile(
    r"^(?:the\s+)?(?:(?:Northern|Southern|Eastern|Western|Middle|Central|North|South|East|West)"
    r"|(?:First|Second|Third|Fourth|Fifth|Sixth|Seventh|Eighth|Ninth|Tenth|Eleventh|Twelfth"
    r"|\d+(?:st|nd|rd|th)))(?:\s+(?:Congressional|Judicial|Federal|Court|Assembly|Senate))?"
    r"\s+(?:District|Circuit)\b",
    re.I,
)
# a locative that says a person's surname is a place ("in Hastings", "near Bolton")
SURNAME_LOCATIVE = re.compile(
    r"\b(?:in|near|outside|around|across|downtown|suburban|town of|city of)\s+$", re.I
)
# last words of a facility span that make it an organisation or a publication, not a building
NOT_FACILITY_WORDS = frozenset(
    """institute institution foundation association society committee commission council
    company corporation observer times post journal herald tribune gazette quartet""".split()
)
