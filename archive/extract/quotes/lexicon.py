"""The words of the quote extractor, kept once: reporting (cue) verbs and the word lists the cue,
speaker and quote rules look at (the way spaCy keeps ``lang/en/stop_words.py`` and textacy
``constants.REPORTING_VERBS``).

The pipeline runs without a lemmatizer, so verb forms are listed, not lemmatised:
``REPORTING_VERBS`` maps each base form (lemma) to its inflected forms and ``CUE_FORMS`` maps every
form back to its lemma. Other extractors that look for speech after a name import the named
subsets below (``SAID_SAYS_TOLD``, ``SPEECH_VERBS_AFTER_NAME``) instead of keeping their own copies.
"""

from __future__ import annotations

import re

# --- reporting verbs -----------------------------------------------------------------------------

# lemma -> forms, for verbs whose forms no rule gives
_IRREGULAR_VERBS: dict[str, tuple[str, ...]] = {
    "say": ("say", "says", "said", "saying"),
    "tell": ("tell", "tells", "told", "telling"),
    "write": ("write", "writes", "wrote", "written", "writing"),
    "speak": ("speak", "speaks", "spoke", "spoken", "speaking"),
    "tweet": ("tweet", "tweets", "tweeted", "tweeting"),
    "post": ("post", "posts", "posted", "posting"),
    "reply": ("reply", "replies", "replied", "replying"),
    "deny": ("deny", "denies", "denied", "denying"),
    "admit": ("admit", "admits", "admitted", "admitting"),
    "quip": ("quip", "quips", "quipped", "quipping"),
    "label": ("label", "labels", "labelled", "labeled", "labelling", "labeling"),
    "signal": ("signal", "signals", "signalled", "signaled", "signalling", "signaling"),
    "dub": ("dub", "dubs", "dubbed", "dubbing"),
    "testify": ("testify", "testifies", "testified", "testifying"),
    "cry": ("cried",),
    "hit": ("hit", "hits", "hitting"),  # with its particle only (CUE_PARTICLES)
    "shoot": ("shoot", "shoots", "shot", "shooting"),
    "fire": ("fire", "fires", "fired", "firing"),
    "hold": ("held",),  # a court "held that ..."
    "slam": ("slam", "slams", "slammed", "slamming"),
    "marvel": ("marvel", "marvels", "marvelled", "marveled", "marvelling", "marveling"),
    "sum": ("sum", "sums", "summed", "summing"),  # with its particle only (CUE_PARTICLES)
    "snap": ("snap", "snaps", "snapped", "snapping"),
    "go": ("go", "goes", "went", "going"),  # with its particle only: 'Roe went on, "..."'
}

# lemmas inflected by rule (``_inflect``); "tell" is also listed here, so its forms are the rule's
# ("telled" included, as they always were) plus the irregular ones above
_REGULAR_VERBS: tuple[str, ...] = tuple(
    """add warn insist describe call claim accuse confirm explain argue note stress urge ask
announce declare state comment acknowledge suggest recall respond remark assert predict promise vow
pledge threaten concede emphasise emphasize brand term complain demand propose praise criticise
criticize condemn blame hail maintain reiterate underline underscore indicate observe caution
counter report reveal tell plead shout whisper mutter scream yell joke boast lament conclude
characterise characterize welcome question challenge allege agree rule continue exclaim
recount liken blast deride lambaste mock tout muse fume assure retort scoff chide decry dismiss rail
gush opine interject answer contend point exhort mention elaborate remember email rant inform
growl bellow roar sneer rumble grumble gripe sigh bark thunder crack proclaim chant charge worry
fear recommend disclose refer portray""".split()
)

ACCORDING_TO = "according to"  # the lemma of the form "according" (followed by "to")
# nouns of a stretch of time: a participle hung on one ("for a second time saying") reports for
# the verb's subject (subjects.subject_of)
TIME_NOUNS = frozenset(
    """time times day days week weeks month months year years moment moments minute minutes hour
    hours night nights morning mornings afternoon evening occasion occasions while point""".split()
)
# nouns of what can say things though it is no person: a participle hung on one is its claim
# ("despite research suggesting"), not the verb's subject's (subjects.subject_of)
EVIDENCE_NOUNS = frozenset(
    """research evidence data findings analysis analyses figures statistics poll polls survey
    surveys""".split()
)
# verbs of a reply: their he/she is the one a question was just put to (pronouns.addressee)
REPLY_LEMMAS = frozenset({"reply", "answer", "respond", "retort", "counter"})


def _inflect(v: str) -> list[str]:
    """Base, third person, past and -ing forms of a regular verb."""
    if v.endswith("e"):
        return [v, v + "s", v + "d", v[:-1] + "ing"]
    if v.endswith("y") and v[-2] not in "aeiou":
        return [v, v[:-1] + "ies", v[:-1] + "ied", v + "ing"]
    if v.endswith(("s", "sh", "ch", "x", "z")):
        return [v, v + "es", v + "ed", v + "ing"]
    return [v, v + "s", v + "ed", v + "ing"]


def _forms_to_lemmas() -> dict[str, str]:
    out: dict[str, str] = {}
    for v in _REGULAR_VERBS:
        for f in _inflect(v):
            out.setdefault(f, v)
    for v, forms in _IRREGULAR_VERBS.items():
        for f in forms:
            out[f] = v
    out["according"] = ACCORDING_TO
    return out


# every inflected form of a reporting verb -> its lemma ("said" -> "say", "according" -> "according
# to"); the lemmas are what ``verbs.is_cue`` returns
CUE_FORMS: dict[str, str] = _forms_to_lemmas()

# lemma -> its forms, in the order above
REPORTING_VERBS: dict[str, tuple[str, ...]] = {}
for _form, _lemma in CUE_FORMS.items():
    REPORTING_VERBS[_lemma] = (*REPORTING_VERBS.get(_lemma, ()), _form)
del _form, _lemma

# every form of every reporting verb
ALL_CUE_FORMS: frozenset[str] = frozenset(CUE_FORMS)

# the commonest forms after a name ("Lee said", "Lee told"): a role or an apposition ends there
# (people.roles, people.mentions)
SAID_SAYS_TOLD: tuple[str, ...] = ("said", "says", "told")

# forms that, right after a name, show the name is a speaking person (people.mentions)
SPEECH_VERBS_AFTER_NAME: tuple[str, ...] = (
    *SAID_SAYS_TOLD,
    "tells",
    "added",
    "adds",
    "wrote",
    "writes",
    "explained",
    "noted",
    "argued",
    "warned",
    "insisted",
    "declared",
    "stated",
    "announced",
    "confirmed",
    "denied",
    "according",
)

# "call on/off ...": no reporting verb ("called for a "cultural war"" reports the words called for)
NOT_CUE_AFTER_CALL = frozenset({"on", "upon", "off", "in", "up", "out", "back"})
# verbs that report nothing before these words ("will continue to be", "continued to insist":
# the infinitive's verb reports, if any)
NOT_CUE_BEFORE = {
    "continue": ("to",),
    "crack": ("down", "up", "open", "into"),
    "charge": ("with", "for", "by", "up"),  # "charged with fraud": an indictment, a price
    "worry": ("about",),
}
# ... and after these two words (an idiom: "not to mention "perks"" reports nothing)
NOT_CUE_AFTER = {"mention": (("not", "to"),)}
# verbs that report only with their particle ("pointed out"; "pointed to" reports nothing)
CUE_PARTICLES = {
    "point": ("out",),
    "hit": ("back", "out"),  # "hit back", "hit out at"
    "shoot": ("back",),  # 'Hillary shot back, "..."'
    "fire": ("back",),
    "sum": ("up",),  # 'Roe once summed up the danger with a metaphor.'
    "go": ("on",),  # 'Roe went on, as if he had not heard her'
    "refer": ("to",),  # 'Roe refers to the governor as "Chris"'
}
# cues whose object may be a medium ("told Axios") rather than an addressee
TELL_LIKE = frozenset({"tell"})
# weak cues: only count when the quote is their complement (never by mere adjacency)
WEAK_CUES = frozenset(
    """hold propose demand praise welcome blame agree question challenge report indicate signal
    suggest conclude answer worry fear recommend disclose refer portray""".split()
)

# --- reported speech (archive.extract.quotes.reported) ------------------------------------------

# verbs of speech or writing whose content is reported without quotation marks ("X said the plan
# would fail", "X warned residents to stay indoors"): speech acts only; beliefs, plans and
# evidence ("hope", "think", "show") are not speech, nor are verbs that take a quotation but
# report no content ("joke", "shout", "welcome"), nor acts and disclosures that a reporting verb
# may also name ("threaten", "propose", "demand", "reveal": on PolNeAR train their objects were
# almost never reported speech: 1 of 38 "proposed", 0 of 27 "revealed")
_REPORTED_LEMMAS = frozenset(
    """say tell write tweet post add warn insist claim accuse confirm explain argue note stress
urge ask announce declare state acknowledge suggest recall respond predict promise vow pledge
concede emphasise emphasize complain maintain report allege deny admit testify reply counter
contend describe criticise criticize praise assert call""".split()
)
# every form of those verbs -> its lemma, with "according" -> "according to"
REPORTED_SPEECH_VERBS: dict[str, str] = {
    form: lemma
    for form, lemma in CUE_FORMS.items()
    if lemma in _REPORTED_LEMMAS or lemma == ACCORDING_TO
}
# verbs that report a request or a promise through a clause after their object ("urged Congress
# to act", "promised to build a wall", "told aides that ..."): an object alone ("pledged their
# support") reports nothing
REPORTED_REQUEST_VERBS = frozenset("""urge ask tell warn promise vow pledge""".split())
# verbs that report a judgement of their object, which is then the content, with its complement
# ("accused Smith of lying", "described the plan as a disaster", "criticized the ruling")
REPORTED_JUDGEMENT_VERBS = frozenset("""accuse describe criticise criticize praise""".split())
# "call for a recount", "call on Congress to act": the content follows the preposition
REPORTED_CALL_PREPS = frozenset({"for", "on", "upon"})

# --- pronouns ------------------------------------------------------------------------------------

PRONOUN_GENDER = {"he": "m", "him": "m", "she": "f", "her": "f"}
SUBJECT_PRONOUNS = ("he", "she")  # what a pronoun speaker is resolved from
PLURAL_PRONOUNS = frozenset({"they", "we", "them"})
# nouns for a person of one sex: "The woman who started it all" is whom a later "she" stands for
GENDERED_HEADS = {
    **dict.fromkeys("woman girl mother daughter wife sister widow grandmother".split(), "f"),
    **dict.fromkeys("man boy father son husband brother widower grandfather".split(), "m"),
}

# --- speakers ------------------------------------------------------------------------------------

# heads of organisation speakers ("the ministry said", "Reuters reported")
ORG_WORDS = frozenset(
    """kremlin ministry government office agency agencies army military police court council
    committee administration embassy company service services department house party union
    commission parliament delegation newspaper outlet channel network bank fund authorities
    authority cabinet senate congress duma presidency secretariat board firm group prosecutor's
    headquarters command staff media press tass reuters ria interfax bbc cnn axios bloomberg afp ap
    un nato eu""".split()
)
# words of an organisation name that make a head in ORG_WORDS an organisation
ORG_NAME_WORDS = frozenset({"kremlin", "ministry", "government", "white"})
# heads of descriptions that introduce an unnamed speaker, never an earlier named person
# ("a Ford spokesperson", "the official", "an analyst", "sources")
UNNAMED_HEADS = frozenset(
    """spokesperson spokesman spokeswoman spokespeople official officials source sources analyst
    analysts expert experts insider insiders aide aides adviser advisers advisor advisors
    representative representatives diplomat diplomats observer observers witness witnesses
    resident residents person people man woman men women someone somebody member members staffer
    staffers employee employees executive executives statement report study paper letter document
    filing survey poll note release post article editorial memo complaint lawsuit order ruling
    judgment decision""".split()
)
# words denoting a person, for definite descriptions that point back to a person named earlier
# ("the Spaniard", "the World Cup winner", "the 45-year-old")
PERSON_HEADS = frozenset(
    """veteran star boss chief coach captain leader president minister champion legend actor
    actress singer father mother son daughter brother sister husband wife youngster teenager
    pensioner premier chancellor senator governor mayor judge lawyer attorney defendant suspect
    victim survivor candidate founder owner chairman chairwoman chair ceo billionaire tycoon
    politician lawmaker monarch king queen prince princess pope bishop priest artist author
    novelist poet director producer musician rapper striker midfielder goalkeeper keeper forward
    winger defender manager player skipper mp mep msp mla secretary envoy sheriff""".split()
)
# endings of nouns that denote a person ("the Spaniard", "the winner", "the novelist")
PERSON_SUFFIX = re.compile(r"(?:er|or|ist|ian|ard|ese|ean|man|woman)$")
# ... and nouns with such an ending that denote no person
NOT_PERSON_ER = frozenset(
    """paper letter order number chapter newspaper poster flyer computer matter quarter center
    centre border corner factor sector error water power tower river winter summer manner filter
    register counter charter cluster meter minor major mirror monitor motor tabloid broadcaster
    operator regulator publisher carrier provider retailer lender insurer manufacturer maker
    supplier distributor developer contractor exporter importer producer's investor ruler's
    committee""".split()
)
# entity labels of things that are no person
NOT_PERSON_ENTS = frozenset(
    """ORG GPE NORP LOC FAC PRODUCT EVENT WORK_OF_ART LAW LANGUAGE""".split()
)
# words that end the head of a role ("Chief Executive of Ford" -> executive)
ROLE_HEAD_STOP = frozenset("""of at for in to with from on and who whose since""".split())
# words of a description that say nothing about whose role it is ("the", "his", "of")
DETERMINERS = frozenset(
    """the a an its his her their this that these those 's ’s of for and in at with on
    to""".split()
)
# words that end the few words before a cue that describe its speaker ("... that sources said")
TAIL_STOP = (
    frozenset(
        """with and that but while as when meanwhile however also of to said told after before
        because if which who where""".split()
    )
    | ALL_CUE_FORMS
)
# words dropped from the end of those few words ("sources have said" -> "sources")
TAIL_ADVERBS = frozenset(
    """also again later earlier then previously repeatedly reportedly once had has have was were
    is are would will""".split()
)
# words that, after a name, make it a subject when there is no parse ("Lee has ...", "Lee said")
SUBJECT_FOLLOWERS = frozenset(
    """has had have was is were are will would also again later earlier then repeatedly
    previously told said says added could can did does might may""".split()
)

# words that make no speaker on their own ("and", "that would", "to": what is left of a misparse)
NO_SPEAKER_WORDS = frozenset(
    """with and that but while as when meanwhile however also of to after before because if
    which who where has had have was is were are will would again later earlier then could can
    did does might may or nor so yet the a an this these those it its""".split()
)

# --- quotes that are no speech -------------------------------------------------------------------

# small words of a title ("The Lord of the Rings")
TITLE_SMALL_WORDS = frozenset("a an the of and or in on to for at by but with".split())
# works whose title may follow them in quotation marks ('her book, "Strangers at the Gate,"')
TITLED_WORKS = frozenset(
    """book books film films movie movies album song show series play novel memoir documentary
    column essay poem article op-ed episode program programme podcast ad video speech report
    study""".split()
)

# nouns of speech and of the documents that carry it: a quote they introduce without a reporting
# verb ("Greer's response was: ...", "Tate issued a statement: ...") or that they are the subject
# of ("a statement saying", "her email notes") is the words of their possessor, their author, or
# the subject of the verb that issued them (attribution.Attributor._speech_noun,
# documents.document_owner)
SPEECH_NOUNS = frozenset(
    """statement statements response reply replies answer message messages comment comments remark
remarks words tweet
tweets email e-mail emails note letter slogan mantra motto retort verdict warning explanation
argument pitch refrain quip plea vow promise assessment conclusion question post filing release
memo appeal petition complaint affidavit testimony declaration""".split()
)
# nouns whose "that" clause is their possessor's words ("Trump's claim that Obama "founded
# ISIS"", "her insistence that ...")
CLAIM_NOUNS = SPEECH_NOUNS | frozenset(
    """claim claims assertion assertions accusation accusations allegation allegations charge
contention suggestion insistence argument declaration pledge boast prediction denial""".split()
)
# works that speak for their author as the subject of a reporting verb ("an ad calling", "a study
# by X found", "his book argues") but whose quoted words after a comma or a colon are mostly a
# title ('his book, "Crippled America,"'), so they introduce no quote themselves
DOCUMENT_NOUNS = SPEECH_NOUNS | frozenset(
    """ad ads advertisement commercial spot video document address speech op-ed editorial column
essay book report study mailer flyer website blog lawsuit motion brief""".split()
)
# what may stand between such a noun and the quote's opening mark
SPEECH_NOUN_LINKS = frozenset(
    {"was", "is", ":", ",", "read", "reads", "reading", "saying", "simply"}
)
# verbs whose object is such a noun ("issued a statement", "released an ad"): their subject is
# the speaker
SPEECH_NOUN_VERBS = frozenset(
    """issue issued issues issuing release released releases releasing send sent sends sending
post posted posts posting give gave gives giving delivered delivers delivering offered offers
put puts had has tweeted wrote write writes writing penned pens publish published publishes
publishing file filed files air aired airs airing ran runs running launch launched launches
launching unveil unveiled unveils unveiling sign signed signs signing circulated circulates
distributed distributes submitted submits shared shares emailed emails mailed produced
broadcast""".split()
)
# verbs of belief: not speech (no cue of their own), but a quote in the clause they report ('Roe
# thinks the plan is "a terrible mistake"', 'X, who believes his staff "need to listen"') is the
# believer's words (cues.CueFinder.by_parse)
BELIEF_VERBS = frozenset(
    """think thinks thought believe believes believed feel feels felt""".split()
)
# verbs of a reaction: a noun of speech as their subject ("Roe's tweet drew a reply: ...") does
# not introduce its owner's words after the colon (documents.speaking_subject)
REACTION_VERBS = frozenset(
    """draw draws drew drawn drawing prompt prompts prompted prompting spark sparks sparked
sparking trigger triggers triggered triggering provoke provokes provoked provoking elicit elicits
elicited eliciting get gets got getting receive receives received receiving earn earns earned
earning meet meets met meeting""".split()
)
# prepositions that put such a noun in its author's mouth ("In a statement, ..., X struck a
# tone"): the subject of the verb they modify is the author
SPEECH_NOUN_PREPS = frozenset({"in", "through", "via"})
# possessive pronouns and the subject pronouns they are resolved as
POSSESSIVE_TO_SUBJECT = {"his": "he", "her": "she"}

# words that open a clause of time, cause or condition ("when Roe spoke, ..."): no series
SUBORDINATORS = frozenset(
    """when as if after before while because since though although once until unless whether
    where whenever""".split()
)
