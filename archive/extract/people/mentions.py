"""People mentioned in one article body: find, cluster, name, give roles and gender.

``find_people(body, doc, places, exclude)`` works on the body and its spaCy Doc only (no database).
This module runs the steps, each in its own module: :mod:`~archive.extract.people.candidates`
(1), :mod:`~archive.extract.people.accept` (2, 3), :mod:`~archive.extract.people.scan` (3),
:mod:`~archive.extract.people.cluster` (4), :mod:`~archive.extract.people.credits` (6),
:mod:`~archive.extract.people.roles` and :mod:`~archive.extract.people.gender`; their word lists
are in :mod:`archive.extract.people.lexicon`.

How it decides who is a person (the small spaCy model is weak on news text):
  1. candidates: spaCy PERSON entities; any capitalised name after a title or honorific
     ("Mr.", "President", "Brig. Gen."); ORG/GPE/NORP-tagged spans shaped "Firstname Lastname"
     (first word in gender-guesser's first-name dictionary); untagged "Firstname Lastname" runs in
     a person context (", the ...", "said", a role noun before them); as a last resort an untagged
     or ORG-tagged "Firstname Surname" whose first name is clear (mostly one sex) and whose surname
     is no dictionary word (the model's lemma index), no place, not after "at" ("dispossessed by
     Sandro Tonali", "the Kevin Keegan era"). A dictionary word that is no first name before
     "Firstname Surname" is an office learned for the article ("Taoiseach Micheál Martin").
  2. rejections: places (the article's places, ``archive.extract.places.gazetteer.is_place_name``,
     spans spaCy tags GPE/LOC more often than PERSON), nationalities (NORP), outlets, platforms and
     organisation-shaped names, all-caps words, lowercase words, digits, credit/byline lines,
     abbreviated heads ("Co Galway", "Mt Kenya"), names headed by "the" ("The Red Cross said"),
     names before a feature noun ("the Hindu Kush ranges"), spans made only of dictionary words
     with no clear first name ("Penguin Random House"), one-word names whose only "role" is an
     organisation type ("oil company Petrobras").
  3. document consistency: every accepted surface form and the surname of every full name is
     searched in the whole body, so a name tagged once counts at all its mentions; a two-word
     run ending in an accepted one-word name joins it ("Brewster Kahle" when only "Kahle" was
     tagged) when its first word is a first name or no dictionary word; a given name
     co-ordinated before a full name shares its surname ("Khizr and Ghazala Khan" names Khizr
     Khan, "Eric, Ivanka and Donald Trump Jr." Eric and Ivanka Trump).
  4. clustering: full names with the same surname and a compatible given name are one person;
     a surname or titled form ("Mr. Medinsky", "President Trump") joins the full name whose
     surname it is, the most recent one before it when several people share the surname; a
     word that is no surname but the first word of exactly one full name joins it ("Mr. Xi");
     a titled surname goes to no one whose title is of the other sex, and of people tied
     otherwise to the one its title's sex ("Mrs. Khan": Ghazala, not Khizr).
  5. a person known only by one word ("Trump") must have a title or a role somewhere in the
     article, else it is dropped ("Kyiv", "Bloomberg" tagged PERSON).
  6. authors/photographers (``exclude``): their mentions in bylines, credits and bio lines at
     the top or bottom of the body are dropped; mentions elsewhere make them subjects.
Names: canonical = longest full form without titles or middle initials; aliases = every
surface form including titled ones ("Mr. Zelensky", "President Volodymyr Zelensky").
Mentions cover the bare name (no title, no possessive). Gender: honorifics, then he/she in the
sentences where the person is the only one named, then gender-guesser's list for clearly
male/female first names.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from archive.extract.people.accept import accepted_forms
from archive.extract.people.article import Article
from archive.extract.people.candidates import find_candidates
from archive.extract.people.cluster import Mention, Person, aliases, canonical, cluster
from archive.extract.people.credits import drop_credited_mentions
from archive.extract.people.gender import Sentences, gender
from archive.extract.people.lexicon import SPEAKING_VERBS
from archive.extract.people.roles import is_org_role, person_roles
from archive.extract.people.scan import scan, scan_forms, shared_surnames
from archive.kinds import PersonRole
from archive.records import PersonEntity, PlaceEntity, Span


@dataclass
class _Found:
    """A person of the article with the roles found for them."""

    person: Person
    roles: list[str]
    org_roles: bool = False  # described as an organisation ("the Spanish daily El Pais")

    def supported(self, doc) -> bool:
        """Mentioned, and named in full, titled, given a role or reported as speaking ("Sanders
        said", the name tagged a person there) somewhere (step 5); not a name described only as an
        organisation that the model never tags a person."""
        p = self.person
        if not p.mentions:
            return False
        if self.org_roles and not self.roles and all(m.label != "PERSON" for m in p.mentions):
            return False
        return bool(
            p.full_forms
            or any(m.title for m in p.mentions)
            or self.roles
            or any(_speaks(doc, m) for m in p.mentions)
        )


def _speaks(doc, m: Mention) -> bool:
    """The mention, tagged PERSON, is the subject of "say" or "tell"."""
    if m.label != "PERSON":
        return False
    span = doc.char_span(m.start, m.end, alignment_mode="expand")
    if span is None:
        return False
    root = span.root
    return root.dep_ == "nsubj" and root.head.lower_ in SPEAKING_VERBS


def find_people(
    body: str, doc, places: list[PlaceEntity] | None = None, exclude: list[str] | None = None
) -> list[PersonEntity]:
    """People the article talks about, in order of first mention (see the module docstring)."""
    if not body.strip():
        return []
    art = Article(body, doc, places, exclude)
    candidates = find_candidates(art)
    forms = accepted_forms(art, candidates.found, candidates.loose_runs)
    search, surnames = scan_forms(forms)
    people = cluster(shared_surnames(art, scan(art, search, surnames)), body)
    drop_credited_mentions(art.body, people, art.exclude)
    found = []
    for p in people:
        roles = person_roles(art, p)
        kept = [r for r in roles if not is_org_role(r)]
        found.append(_Found(p, kept, len(kept) < len(roles)))
    keep = [i for i, f in enumerate(found) if f.supported(doc)]
    sentences = Sentences.of(doc, people, keep)
    names = {i: canonical(people[i]) for i in keep}
    shared = Counter(names.values())
    out: list[PersonEntity] = []
    for i in sorted(keep, key=lambda i: people[i].mentions[0].start):
        p = people[i]
        out.append(
            PersonEntity(
                name=canonical(p, middles=True) if shared[names[i]] > 1 else names[i],
                aliases=aliases(p),
                roles=found[i].roles,
                mentions=[Span(m.start, m.end, m.text) for m in p.mentions],
                gender=gender(p, sentences, i),
                role=PersonRole.SUBJECT,
            )
        )
    return out
