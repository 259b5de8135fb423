"""Reported speech (kind ``indirect``) on invented sentences: each cue pattern, the boundaries of
the content, the speaker, and what is not speech."""

from __future__ import annotations

import pytest

from archive.extract.quotes.find import find_quotes
from archive.kinds import QuoteKind, SpeakerKind
from tests.extract.test_quotes import nlp, people_for

__all__ = ["nlp"]  # the spaCy fixture, shared with test_quotes

PEOPLE = [
    ("Jane Roe", ["Senator Jane Roe", "Roe"], "f"),
    ("Mark Doe", ["Doe"], "m"),
]
LEAD = "Senator Jane Roe and Mark Doe spoke in Springfield on Monday.\n\n"


def reported(body: str, nlp, specs=PEOPLE):
    """The indirect records of ``body`` and the article's people."""
    people = people_for(body, specs)
    quotes = find_quotes(body, nlp(body), people)
    for q in quotes:
        assert body[q.start : q.end] == q.text
    return [q for q in quotes if q.kind == QuoteKind.INDIRECT], people


def one(body: str, nlp, specs=PEOPLE):
    """The single indirect record of ``body``, with its speaker's name (or words)."""
    got, people = reported(body, nlp, specs)
    assert len(got) == 1, [q.text for q in got]
    q = got[0]
    name = people[q.speaker].name if q.speaker_kind == SpeakerKind.PERSON else q.speaker_text
    return q, name


@pytest.mark.parametrize(
    ("sentence", "content", "speaker", "cue"),
    [
        # a verb and its clause, with or without "that", with words between them
        (
            "Roe said on Tuesday that the plan would fail.",
            "that the plan would fail",
            "Jane Roe",
            "said",
        ),
        ("Doe says the budget is balanced.", "the budget is balanced", "Mark Doe", "says"),
        (
            "Roe told reporters that she would vote against the bill.",
            "that she would vote against the bill",
            "Jane Roe",
            "told",
        ),
        (
            "Doe has denied that he knew about the payments.",
            "that he knew about the payments",
            "Mark Doe",
            "denied",
        ),
        # the content before the verb, and the verb set inside the content
        (
            "The tax would hurt working families, Doe argued.",
            "The tax would hurt working families",
            "Mark Doe",
            "argued",
        ),
        (
            "The plan, Roe said, would cost billions of dollars.",
            "The plan, Roe said, would cost billions of dollars",
            "Jane Roe",
            "said",
        ),
        # according to
        (
            "According to two officials, the deal is off.",
            "the deal is off",
            "two officials",
            "according to",
        ),
        ("The deal is off, according to Doe.", "The deal is off", "Mark Doe", "according to"),
        # a request, a promise, an accusation: object and complement
        (
            "Doe urged Congress to act quickly on the measure.",
            "Congress to act quickly on the measure",
            "Mark Doe",
            "urged",
        ),
        (
            "Roe promised to build a new bridge over the river.",
            "to build a new bridge over the river",
            "Jane Roe",
            "promised",
        ),
        (
            "Doe accused Roe of lying about the budget.",
            "Roe of lying about the budget",
            "Mark Doe",
            "accused",
        ),
        (
            "Roe called for a recount of the votes in Ohio.",
            "a recount of the votes in Ohio",
            "Jane Roe",
            "called",
        ),
        # a question
        (
            "Roe asked whether the agency had read the report.",
            "whether the agency had read the report",
            "Jane Roe",
            "asked",
        ),
    ],
)
def test_cue_patterns_and_content_boundaries(nlp, sentence, content, speaker, cue):
    q, name = one(LEAD + sentence, nlp)
    assert q.text == content
    assert name == speaker
    assert q.cue.lower() == cue


def test_a_pronoun_source_is_the_person_it_points_back_to(nlp):
    body = LEAD + "Roe spent the day in meetings. She said the vote would be close."
    q, name = one(body, nlp)
    assert (q.text, name, q.speaker_text) == ("the vote would be close", "Jane Roe", "She")


def test_an_organisation_and_an_unnamed_source(nlp):
    got, _ = reported(
        LEAD + "The ministry said the border would reopen next week. Officials warned residents "
        "to stay indoors during the storm.",
        nlp,
    )
    by_text = {q.text: q for q in got}
    assert by_text["the border would reopen next week"].speaker_kind in (
        SpeakerKind.ORGANISATION,
        SpeakerKind.UNNAMED,
    )
    warned = by_text["residents to stay indoors during the storm"]
    assert (warned.speaker_kind, warned.speaker_text) == (SpeakerKind.UNNAMED, "Officials")


@pytest.mark.parametrize(
    "sentence",
    [
        "Roe hopes the bill will pass before the summer.",  # a hope
        "Doe thinks the plan will fail in the Senate.",  # a belief
        "Polls show the race is tight in three states.",  # evidence
        "Roe faced criticism over the plan from her own party.",  # no speech
        "Doe plans to run for governor next year.",  # a plan
        "Roe said so.",  # too short to be a statement
        "Roe pledged her full support to the mayor.",  # a promise needs a clause
        "Doe proposed a new tax on the largest banks.",  # an act, not speech
        "Roe threatened the committee with a lawsuit over the vote.",
    ],
)
def test_not_speech(nlp, sentence):
    got, _ = reported(LEAD + sentence, nlp)
    assert got == []


def test_a_quotation_stays_a_direct_quote(nlp):
    body = LEAD + 'Roe said: "The plan will fail and everyone in this town knows it."'
    people = people_for(body, PEOPLE)
    quotes = find_quotes(body, nlp(body), people)
    assert [q.kind for q in quotes] == [QuoteKind.FULL]


def test_a_mixed_sentence_keeps_its_quotation_and_reports_the_rest(nlp):
    body = (
        LEAD + 'Doe said the plan was "a disaster" that would cost every family in the state '
        "thousands of dollars."
    )
    people = people_for(body, PEOPLE)
    quotes = find_quotes(body, nlp(body), people)
    kinds = {q.kind: q for q in quotes}
    assert kinds[QuoteKind.PARTIAL].text == "a disaster"
    indirect = kinds[QuoteKind.INDIRECT]
    assert indirect.text.startswith("the plan was") and people[indirect.speaker].name == "Mark Doe"


def test_no_source_no_record_and_no_parse_no_record(nlp):
    body = LEAD + "It was said that the bridge would close for the winter."
    assert reported(body, nlp)[0] == []
    people = people_for(body, PEOPLE)
    assert [q for q in find_quotes(body, None, people) if q.kind == QuoteKind.INDIRECT] == []


def test_the_reported_flag_leaves_reported_speech_out(nlp):
    body = LEAD + "Roe said on Tuesday that the plan would fail."
    people = people_for(body, PEOPLE)
    assert find_quotes(body, nlp(body), people, reported=False) == []


def test_a_name_before_a_headline_colon_says_what_follows(nlp):
    body = (
        "Daily Ledger: City Budget Leaves Schools Short\n\n"
        "Senator Jane Roe spoke to the council on Monday about the schools.\n\n"
        "Jane Roe: The Bill Is Dead and the Council Killed It\n\n"
        "ROE: We will vote against this budget on Tuesday.\n\n"
        "SPRINGFIELD: The council voted on the budget on Monday."
    )
    got, people = reported(body, nlp)
    by_text = {q.text: q for q in got}
    ledger = by_text["City Budget Leaves Schools Short"]
    assert (ledger.cue, ledger.speaker_kind) == (":", SpeakerKind.ORGANISATION)
    roe = by_text["The Bill Is Dead and the Council Killed It"]
    assert people[roe.speaker].name == "Jane Roe"
    # a transcript's speaker label in capitals names the person of that name
    label = by_text["We will vote against this budget on Tuesday"]
    assert people[label.speaker].name == "Jane Roe"
    # a dateline before a colon is no source
    assert not any(q.text.startswith("The council voted") for q in got)


def test_a_thing_that_explains_is_no_speaker(nlp):
    body = LEAD + (
        "The talks skipped the hard questions, which experts said may explain why the "
        "meeting was called constructive."
    )
    got, _ = reported(body, nlp)
    assert not any(q.speaker_text == "which" for q in got), [(q.text, q.speaker_text) for q in got]
    assert not any(q.text.startswith("why the meeting") for q in got)
    # a relative pronoun that stands for a person still reports them
    q, name = one(LEAD + "It was Roe, who said that the council would vote on Tuesday.", nlp)
    assert (q.text, name) == ("that the council would vote on Tuesday", "Jane Roe")


def test_a_subordinate_clause_reports_nothing_of_the_clause_it_hangs_from(nlp):
    # "after Roe stated an interest in ...": the clause "stated" hangs from is Doe's quote and
    # Doe's telling, not Roe's words; "as Roe noted" still reports the clause around it
    body = LEAD + (
        "“The contracts are binding,” Doe told the Journal in July, after Roe stated an interest "
        "in ending the city's business with the firm."
    )
    got, _ = reported(body, nlp)
    assert not any("binding" in q.text for q in got), [q.text for q in got]
    q, name = one(LEAD + "The plan, as Roe noted on Monday, would fail in the Senate.", nlp)
    assert name == "Jane Roe" and "would fail in the Senate" in q.text
