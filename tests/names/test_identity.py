"""archive.names.identity: one person across articles, without false merges."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from archive.names.identity import MATCH_THRESHOLD, WEAK, best_match, person_key, same_person
from archive.records import PersonEntity

try:
    from tests.people_seed_helpers import scorer, seed_people
except ImportError:  # tests/ run as a plain folder
    from tests.people_seed_helpers import scorer, seed_people


def same(a, b, a_al=(), b_al=()):
    return same_person(a, list(a_al), b, list(b_al)) >= MATCH_THRESHOLD


def test_person_key_folds_transliterations_and_titles():
    keys = {
        person_key(n)
        for n in (
            "Volodymyr Zelensky",
            "Volodymyr Zelenskyy",
            "Volodymyr Zelenskiy",
            "President Volodymyr Zelenskyi",
            "Mr. Volodymyr Zelensky",
        )
    }
    assert keys == {"volodimir zelenski"}
    assert (
        person_key("President Vladimir V. Putin")
        == person_key("Vladimir Putin")
        == "vladimir putin"
    )
    assert person_key("Zelenskyy") == person_key("Mr. Zelensky") == "zelenski"
    assert person_key("Constant Méheut") == "constant meheut"
    assert person_key("Vladimir Putin") != person_key("Volodymyr Putin")
    assert person_key("") == ""


def test_same_person_variants():
    assert same("Steve Witkoff", "Steven Witkoff")
    assert same("Volodymyr Zelensky", "Volodymyr Zelenskyy")
    assert same("Dmitry Peskov", "Dmitri Peskov")
    assert same("Vladimir Putin", "Vladimir V. Putin")
    assert same("Igor Kostyukov", "Igor Kostiukov")
    assert same("Dmitry Medvedev", "Dmitry Medvediev")
    assert same("Vladimir Putin", "Putin", b_al=["President Vladimir Putin", "Mr Putin"])


def test_same_person_guards():
    assert same_person("Vladimir Putin", [], "Volodymyr Zelensky", []) == 0.0
    assert not same(
        "Vladimir Putin", "Volodymyr Putin"
    )  # different given names, never fuzzy-merged
    assert not same("Boris Johnson", "Dustin Johnson")
    assert not same("Mike Johnson", "Mike Johnston")
    assert not same("George W. Bush", "George H. W. Bush")
    assert not same("Jared Kushner", "Charles Kushner")
    # an alias cannot overrule a conflict between the canonical names
    assert not same("Boris Johnson", "Dustin Johnson", ["Johnson"], ["Johnson", "Boris Johnson"])
    # a bare surname is only weak evidence
    assert same_person("Trump", ["President Trump"], "Donald Trump", []) == WEAK
    assert same_person("Trump", [], "Trump", []) == WEAK
    assert same_person("Trump", [], "Putin", []) == 0.0


def entity(name, *aliases):
    return PersonEntity(name=name, aliases=[name, *aliases])


def test_best_match_full_names():
    cands = [
        (1, "Vladimir Putin", ["Putin"]),
        (2, "Volodymyr Zelensky", ["Zelensky"]),
        (3, "Steve Witkoff", []),
    ]
    assert best_match(entity("Volodymyr Zelenskyy", "Zelenskyy"), cands) == 2
    assert best_match(entity("Vladimir Putin", "President Vladimir V. Putin"), cands) == 1
    assert best_match(entity("Steven Witkoff"), cands) == 3
    assert best_match(entity("Vladimir Medinsky", "Mr. Medinsky"), cands) is None
    assert best_match(entity("Vladimir Putin"), []) is None


def test_best_match_bare_surname_rule():
    trump = (7, "Donald Trump", ["President Donald Trump", "Trump"])
    # unique surname among the candidates: merge
    assert best_match(entity("Trump", "President Trump"), [trump]) == 7
    # two people with that surname (even if one is incompatible): never guess
    ivanka = (8, "Ivanka Trump", [])
    assert best_match(entity("Trump", "President Trump"), [trump, ivanka]) is None
    # a full name against a person known only by the surname, when that is the only Trump
    assert best_match(entity("Donald Trump"), [(9, "Trump", ["President Trump"])]) == 9
    assert best_match(entity("Donald Trump"), [(9, "Trump", []), ivanka]) is None
    # two different Johnsons
    cands = [(1, "Boris Johnson", ["Johnson"]), (2, "Dustin Johnson", ["Johnson"])]
    assert best_match(entity("Johnson"), cands) is None
    assert best_match(entity("Dustin Johnson", "Johnson"), cands) == 2


def test_best_match_refuses_ties():
    cands = [(1, "John Smith", []), (2, "John Smith", [])]
    assert best_match(entity("John Smith"), cands) is None


names = st.lists(
    st.sampled_from(
        ["Anna", "Boris", "Dustin", "Olena", "Vladimir", "Volodymyr", "Steve", "Steven"]
    ),
    min_size=1,
    max_size=1,
)
surnames = st.sampled_from(["Johnson", "Zelensky", "Zelenskyy", "Putin", "Kowalski", "Witkoff"])


@settings(max_examples=200, deadline=None)
@given(names, surnames, names, surnames)
def test_same_person_is_symmetric_and_keys_decide(g1, s1, g2, s2):
    a, b = f"{g1[0]} {s1}", f"{g2[0]} {s2}"
    assert same_person(a, [], b, []) == same_person(b, [], a, [])
    assert same(a, a)
    if person_key(a) == person_key(b):
        assert same(a, b)
    if {g1[0], g2[0]} == {"Vladimir", "Volodymyr"}:
        assert not same(a, b)


# --- seeds: simulate the store step over the five articles -----------------------------------
def _resolve_all(order):
    """Assign ids the way archive.store.writer does: best_match, else a new person; merged
    aliases."""
    entity_score, greedy_match = scorer()
    rows: dict[int, tuple[int, str, list[str]]] = {}
    gold_ids: dict[str, set[int]] = {}
    for name, body, gold, people in order:
        assigned = []
        for p in people:
            pid = best_match(p, list(rows.values()))
            if pid is None:
                pid = len(rows)
                rows[pid] = (pid, p.name, list(p.aliases))
            else:
                _, n, al = rows[pid]
                if len(p.name.split()) > len(n.split()):
                    n = p.name
                rows[pid] = (pid, n, list(dict.fromkeys(al + [p.name, *p.aliases])))
            assigned.append(pid)
        pairs = greedy_match(
            gold["people"], [{"name": p.name, "aliases": p.aliases} for p in people], entity_score
        )
        for i, j in pairs:
            gold_ids.setdefault(gold["people"][i]["name"], set()).add(assigned[j])
    return gold_ids


@pytest.mark.parametrize("reverse", [False, True])
def test_seed_people_one_identity_each(reverse):
    order = list(seed_people())
    if reverse:
        order.reverse()
    gold_ids = _resolve_all(order)
    counts = {}
    for _, _, gold, _ in order:
        for p in gold["people"]:
            counts[p["name"]] = counts.get(p["name"], 0) + 1
    multi = [n for n, c in counts.items() if c >= 2]
    assert len(multi) >= 6
    for n in multi:
        assert len(gold_ids.get(n, ())) == 1, (n, gold_ids.get(n))
    # no two gold people share an identity
    owner = {}
    for n, ids in gold_ids.items():
        for i in ids:
            assert owner.setdefault(i, n) == n, (n, owner[i])


def test_gaelic_particle_surnames():
    assert person_key("Mr Ó Muirí") == person_key("Ó Muirí") == "omuiri"
    assert person_key("Declan Ó Muirí") == person_key("Declan O Muiri") == "declan omuiri"
    assert same("Declan Ó Muirí", "Declan O Muiri")
    assert same_person("Declan Ó Muirí", [], "Ó Muirí", ["Mr Ó Muirí"]) == WEAK
    assert not same("Declan Ó Muirí", "Declan Ó Briain")
    assert not same("Nóra Ní Chonghaile", "Nóra Ní Bhriain")


def test_short_forms_of_a_first_name_are_one_person_when_nobody_else_has_the_surname():
    assert same_person("Bob Kerrigan", [], "Robert Kerrigan", []) == WEAK
    assert same_person("Joe Dallimore", [], "Joseph R. Dallimore", []) == WEAK
    assert same_person("Bill Tannery", [], "William Tannery", []) == WEAK
    robert = (1, "Robert Kerrigan", ["Kerrigan"])
    assert best_match(entity("Bob Kerrigan", "Kerrigan"), [robert]) == 1
    # a retired letter carrier "Bob Kerrigan" and a professor "Robert Kerrigan" in other
    # articles, beside a third Kerrigan: a short form is no evidence which one he is
    nora = (2, "Nora Kerrigan", [])
    assert best_match(entity("Bob Kerrigan", "Kerrigan"), [robert, nora]) is None
    # the same spelling stays strong evidence
    assert best_match(entity("Robert Kerrigan"), [robert, nora]) == 1
    # a short form of another name, or another person of the family, stays apart
    assert not same("Bill Tannery", "Hillary Tannery")
    assert not same("Mary Tannery", "Michelle Tannery")


def test_short_forms_of_a_first_name_with_one_role_title_are_one_person():
    # "Joseph R. Dallimore Jr." in one paper, "Joe Dallimore" in another, both the vice
    # president, while the archive has another Dallimore: the shared title is the evidence
    joe = (1, "Joe Dallimore", ["Vice President Joe Dallimore", "Dallimore"])
    beau = (2, "Beau Dallimore", ["Beau Dallimore"])
    joseph = entity("Joseph Dallimore", "Vice President Joseph R. Dallimore Jr.", "Mr. Dallimore")
    assert best_match(joseph, [joe, beau]) == 1
    # the title written out or abbreviated is one title
    dick = (3, "Dick Tannery", ["Senator Dick Tannery"])
    assert best_match(entity("Richard Tannery", "Sen. Richard J. Tannery"), [dick, beau]) == 3
    # other roles, an honorific only, or a role before a bare surname are no evidence
    assert best_match(entity("Joseph Dallimore", "Judge Joseph Dallimore"), [joe, beau]) is None
    assert best_match(entity("Joseph Dallimore", "Mr. Joseph Dallimore"), [joe, beau]) is None
    assert best_match(entity("Joseph Dallimore", "Vice President Dallimore"), [joe, beau]) is None
    # two people who both fit equally: no guess
    joey = (4, "Joey Dallimore", ["Vice President Joey Dallimore"])
    assert best_match(joseph, [joe, joey, beau]) is None


def test_middle_initials_of_any_form_keep_two_people_apart():
    # a person first stored as plain "George Dallimore" who has since been written "George H.W.
    # Dallimore" is not the "George W. Dallimore" of another article: one middle initial that
    # conflicts with a form the person already has vetoes the plain form's agreement
    senior = (1, "George Dallimore", ["George Dallimore", "George H.W. Dallimore", "Dallimore"])
    assert best_match(entity("George W. Dallimore", "Mr. Dallimore"), [senior]) is None
    assert best_match(entity("George P. Dallimore"), [senior]) is None
    # the same initials, spaced or not, or some of them, are no conflict
    assert best_match(entity("George H. W. Dallimore"), [senior]) == 1
    assert best_match(entity("George H. Dallimore"), [senior]) == 1
    assert best_match(entity("George Dallimore"), [senior]) == 1
    assert same("George H.W. Dallimore", "George H. W. Dallimore")
