"""Attribution rules found on real news (PolNeAR train) and shown on invented sentences: a verb
of manner after a quote, a clause about the speaker between two quotes, a noun of speech, a
heading before a name and a colon, a signature in the next paragraph."""

from __future__ import annotations

import pytest

from archive.pipeline.extraction import extract_document
from archive.records import RawDocument
from tests.extract.test_quotes import by_text, nlp, run, who

__all__ = ["nlp"]  # the spaCy fixture, shared with test_quotes


def test_a_verb_of_manner_after_a_quote_reports_it(nlp):
    body = (
        "The council met on Monday.\n\n"
        '"We will not back down on this," Maria Lopez barked.\n\n'
        '"Why now?" laughed Councillor Tom Reed.\n\n'
        '"This is wonderful!" beamed Carla Mendes of Dayton.\n\n'
        '"Get out of my office," Lopez snapped and a guard led the reporter away.\n\n'
        '"We know." Lopez walked out.'
    )
    specs = [
        ("Maria Lopez", ["Lopez"], "f"),
        ("Tom Reed", ["Councillor Tom Reed"], "m"),
        ("Carla Mendes", [], "f"),
    ]
    quotes, people = run(body, specs, nlp)
    assert who(by_text(quotes, "back down"), people) == "Maria Lopez"
    assert by_text(quotes, "back down").cue == "barked"
    assert who(by_text(quotes, "Why now"), people) == "Tom Reed"
    # the subject may go on after the name ("of Dayton"); the verb may go on with "and"
    assert who(by_text(quotes, "wonderful"), people) == "Carla Mendes"
    assert who(by_text(quotes, "Get out"), people) == "Maria Lopez"
    # a full stop inside the marks ends the quote's sentence: the next verb reports nothing
    assert all(q.cue != "walked" for q in quotes)


def test_a_verb_that_reports_only_with_its_particle(nlp):
    body = (
        "Maria Lopez and Tom Reed met on Monday.\n\n"
        '"The stock has not done well," Reed pointed out.\n\n'
        '"We will grow," Lopez said. Reed pointed to the chart. "Look at this."'
    )
    specs = [("Maria Lopez", ["Lopez"], "f"), ("Tom Reed", ["Reed"], "m")]
    quotes, people = run(body, specs, nlp)
    assert by_text(quotes, "not done well").cue == "pointed"
    assert all(q.cue != "pointed" for q in quotes if "Look at this" in q.text)


def test_a_clause_about_the_speaker_does_not_stop_the_next_quote(nlp):
    body = (
        "Senator Bill Jones campaigned in El Paso on Monday.\n\n"
        '"It\'s a sad development," said Rep. Anna Ortiz, a Smith endorser whose district went '
        'strongly for her but who suggested that Jones could pull out voters. "In El Paso, she '
        'crushed him."\n\n'
        '"We lost," said Carl Diaz. Jones said the count was wrong. "It was stolen."\n\n'
        '"I am satisfied with his response," Diaz said after Jones spoke. '
        '"My biggest concern is the count."\n\n'
        '"We will see," said Diaz, and Jones agreed. "It is a long race."'
    )
    specs = [
        ("Bill Jones", ["Senator Bill Jones", "Jones"], "m"),
        ("Anna Ortiz", [], "f"),
        ("Carl Diaz", ["Diaz"], "m"),
    ]
    quotes, people = run(body, specs, nlp)
    assert who(by_text(quotes, "crushed him"), people) == "Anna Ortiz"
    # a person who is the subject of a sentence of their own between the quotes takes over
    assert who(by_text(quotes, "stolen"), people) != "Carl Diaz"
    # ... not one in a clause under the attribution ("after Jones spoke") ...
    assert who(by_text(quotes, "biggest concern"), people) == "Carl Diaz"
    # ... but one of a verb co-ordinated with the attribution's ("and Jones agreed")
    assert who(by_text(quotes, "long race"), people) != "Carl Diaz"


def test_a_noun_of_speech_introduces_its_owners_words(nlp):
    body = (
        "Governor Ann Tate and Senator Paul Greer met voters.\n\n"
        'Greer\'s response was: "Is the store open on Sunday?"\n\n'
        'Tate issued a statement, "Last night, our state was attacked by vandals."\n\n'
        'The mural\'s colour was "a bright, angry red."'
    )
    specs = [
        ("Ann Tate", ["Governor Ann Tate", "Tate"], "f"),
        ("Paul Greer", ["Senator Paul Greer", "Greer"], "m"),
    ]
    quotes, people = run(body, specs, nlp)
    assert who(by_text(quotes, "store open"), people) == "Paul Greer"
    assert who(by_text(quotes, "attacked by vandals"), people) == "Ann Tate"
    assert all(who(q, people) is None for q in quotes if "angry red" in q.text)


def test_a_heading_before_the_name_and_the_colon(nlp):
    body = (
        "Polls moved this week.\n\n"
        'RED STATES OUTNUMBER BLUE STATES - Ann Tate: "The analysis finds that twenty states are '
        'solidly red."'
    )
    quotes, people = run(body, [("Ann Tate", ["Tate"], "f")], nlp)
    assert who(by_text(quotes, "twenty states"), people) == "Ann Tate"


def test_a_signature_in_the_paragraph_after_the_quote(nlp):
    body = (
        "Claims from the debate, checked.\n\n"
        '"Boeing and other multinationals pay zero taxes."\n\n'
        "- Greer.\n\n"
        '"Great speech. She\'s tested."\n\n'
        "-President Tate, tweeting after the speech.\n\n"
        '"Nobody pays that."\n\n'
        "This is wrong - Greer exaggerates."
    )
    specs = [("Paul Greer", ["Greer"], "m"), ("Ann Tate", ["President Tate", "Tate"], "f")]
    quotes, people = run(body, specs, nlp)
    assert who(by_text(quotes, "zero taxes"), people) == "Paul Greer"
    assert who(by_text(quotes, "Great speech"), people) == "Ann Tate"
    # a dash inside a sentence of the next paragraph is no signature
    assert all(q.how != "signature" for q in quotes if "Nobody" in q.text)


def test_a_person_named_after_the_quote_with_a_verb_of_manner(nlp):
    body = (
        "The host Sean Hannity interviewed the candidate on Monday night.\n\n"
        '"Would it be negotiable?" Hannity pressed.'
    )
    quotes, people = run(body, [("Sean Hannity", ["Hannity"], "m")], nlp)
    assert who(by_text(quotes, "negotiable"), people) == "Sean Hannity"


def test_a_whole_quote_after_a_comma_or_a_dash_is_the_clauses_subject(nlp):
    body = (
        "The candidate spoke at two fundraisers on Long Island this week.\n\n"
        "Earlier this week, Ann Tate shared a bit of her anxiety with an audience at a "
        'fundraiser, "I do not know which rival will show up."\n\n'
        'Tate also embraced harsher methods -- "I think the old rules are peanuts."\n\n'
        'Tate read the sign, "Closed on Sundays", and left.'
    )
    quotes, people = run(body, [("Ann Tate", ["Tate"], "f")], nlp)
    assert who(by_text(quotes, "which rival"), people) == "Ann Tate"
    assert who(by_text(quotes, "peanuts"), people) == "Ann Tate"
    # the reporter's sentence goes on after the quote: not an introduction of speech
    assert all(who(q, people) is None for q in quotes if "Closed" in q.text)


def test_a_quote_paragraph_after_a_paragraph_that_reports_someone(nlp):
    body = (
        "Defense Secretary Ash Carter spoke in Singapore.\n\n"
        "Carter said that for decades some critics had been predicting a withdrawal from the "
        "region, but that this would not happen.\n\n"
        '"That is because this region remains the most consequential for our security."\n\n'
        '"We are here to stay," Carter said.\n\n'
        '"Nobody believes that."'
    )
    quotes, people = run(body, [("Ash Carter", ["Defense Secretary Ash Carter", "Carter"])], nlp)
    assert who(by_text(quotes, "most consequential"), people) == "Ash Carter"
    assert by_text(quotes, "most consequential").how == "paragraph"


@pytest.mark.parametrize(
    ("body", "spec", "fragment"),
    [
        # a cross-head between dashes after a quote is no signature
        (
            "Jorge Ramos spoke in Miami on Monday.\n\n"
            '"There is a real revolution in this country," Ramos said.\n\n'
            '"So I think that there is resistance among many people to that change."\n\n'
            "– An immigrant himself –.\n\n"
            "Ramos lives in Miami.",
            ("Jorge Ramos", ["Ramos"], "m"),
            "resistance among",
        ),
        # a bare surname the model tags ORG, with no mention in the people list: the person
        (
            "Jane Wells spoke to the council in Springfield on Monday about the budget.\n\n"
            '"The machines are very adept at this," Wells said.',
            ("Jane Wells", [], "f"),
            "very adept",
        ),
        # a dateline the parser takes for a second subject is no speaker
        (
            "Clinton takes a swipe at her rival.\n\n"
            "Washington (AFP) – Democrat Jane Roe has taken a swipe at her rival, saying that "
            "“bombastic comments” do more harm than good.",
            ("Jane Roe", ["Democrat Jane Roe"], "f"),
            "bombastic comments",
        ),
    ],
)
def test_one_quote_one_named_speaker(nlp, body, spec, fragment):
    quotes, people = run(body, [spec], nlp)
    assert who(by_text(quotes, fragment), people) == spec[0]


def test_a_participle_after_a_clause_reports_for_the_reporter(nlp):
    body = (
        "Senator Jane Roe and Mark Doe spoke in Iowa on Monday.\n\n"
        "In an interview, Roe said the process of writing the platform could be “messy,” "
        "adding, “Democracy is messy.”\n\n"
        "Doe rejected the notion that the episode should be forgotten, saying that if he "
        "“found something that was rotten, I would fix it.”\n\n"
        "Doe read a letter from a voter saying “I will not vote again.”"
    )
    specs = [("Jane Roe", ["Senator Jane Roe", "Roe"], "f"), ("Mark Doe", ["Doe"], "m")]
    quotes, people = run(body, specs, nlp)
    assert who(by_text(quotes, "Democracy is messy"), people) == "Jane Roe"
    assert who(by_text(quotes, "something that was rotten"), people) == "Mark Doe"
    # a participle right on its noun still reports for the noun (a voter's letter)
    assert who(by_text(quotes, "vote again"), people) is None


def pipeline_quote(body: str, fragment: str, nlp):
    """The quote holding ``fragment`` as the whole pipeline finds it (the people step's own
    mentions, as ingest runs it), and its speaker's name (None when no person)."""
    ex = extract_document(
        RawDocument(path="x.txt", name="x.txt", raw_text=body, format="text"), nlp=nlp
    )
    q = by_text(ex.quotes, fragment)
    return q, ex.people[q.speaker].name if q.speaker_kind == "person" else None


def test_the_name_of_two_subjects_is_the_speaker(nlp):
    # "co" of a hyphenated role, which the parser takes for a second subject
    body = (
        "The candidate appeared on the morning show.\n\n"
        "On Morning Joe, co-host Jane Roe asked Trump how he would handle the deportation of "
        "everyone, if he would have a “deportation force.”"
    )
    q, name = pipeline_quote(body, "deportation force", nlp)
    assert name == "Jane Roe"


def test_a_long_description_between_the_name_and_the_verb_after_a_quote(nlp):
    body = (
        "Tom Lott visited the Capitol.\n\n"
        '"We\'re just going to have to come to terms with it," Jane Roe, who was the majority '
        "leader under the former president, told lawmakers on a visit.\n\n"
        "''I had breakfast with Pinchuk. He will see you at the lunch,'' Mara Vellen, a "
        "Ukrainian-American then working for the State Department, wrote in a June 2012 email to "
        "Mrs. Clinton."
    )
    q, name = pipeline_quote(body, "breakfast with Pinchuk", nlp)
    assert (name, q.cue) == ("Mara Vellen", "wrote")


def test_a_fragment_in_the_clause_of_a_reporting_verb_is_the_speakers(nlp):
    # a quoted word that looks like a term is kept when a named speaker's verb governs it, not
    # when a clause with a subject of its own stands between them
    body = (
        "Jane Roe spoke on Monday. Roe promised a \u201ccomprehensive\u201d plan to fix the roads, "
        "and the council backed an \u201cundesirable\u201d tax."
    )
    q, name = pipeline_quote(body, "comprehensive", nlp)
    assert (name, q.cue) == ("Jane Roe", "promised")
    ex = extract_document(
        RawDocument(path="x.txt", name="x.txt", raw_text=body, format="text"), nlp=nlp
    )
    assert not [r for r in ex.quotes if "undesirable" in r.text]
    # nor when a relative clause gives the term to someone else
    body = (
        "Jane Roe spoke on Monday. Roe said she would call on the council to create the kind of "
        "\u201cfree parking zone\u201d that the mayor is proposing."
    )
    ex = extract_document(
        RawDocument(path="x.txt", name="x.txt", raw_text=body, format="text"), nlp=nlp
    )
    assert not [r for r in ex.quotes if r.text == "free parking zone"]


def test_a_quote_the_parser_hangs_on_the_speakers_name_is_still_reported(nlp):
    """The parser may hang the quoted clause on the name after it (a ccomp of "Quintero"): the
    cue of that name's clause reports the quote; only a quote inside the subject's own phrase,
    after the name ("X, who rates the stock "neutral," said"), is blocked."""
    body = (
        "The singer Marta Quintero campaigns for Paul Okafor.\n\n"
        "“That’s a legitimate concern, because they’re very passionate and very principled,” "
        "Quintero, 69, told CNN Monday when asked about concerns that Okafor’s supporters would "
        "not support Brandt if he loses the nomination."
    )
    quotes, people = run(
        body, [("Marta Quintero", ["Quintero"], "f"), ("Paul Okafor", [], "m")], nlp
    )
    q = by_text(quotes, "legitimate concern")
    assert who(q, people) == "Marta Quintero"
    assert q.cue == "told"


def test_a_fragment_in_the_clause_of_a_named_subject_is_theirs(nlp):
    """No reporting verb, but the fragment is what a named person does with words ('Lopez
    supports "appropriate pay raises"'): hers. Not when the clause is passive or its subject is
    no person ('the plan offers "real relief"')."""
    body = (
        "Senator Maria Lopez spoke to the union on Monday.\n\n"
        'Lopez supports "appropriate pay raises" for workers and opposes "arbitrary pay freezes" '
        "in the budget.\n\n"
        'The plan offers "real relief" to families. Lopez was described as "tireless" by aides.'
    )
    quotes, people = run(body, [("Maria Lopez", ["Lopez"], "f")], nlp)
    raises = by_text(quotes, "appropriate pay raises")
    assert who(raises, people) == "Maria Lopez" and raises.how == "clause"
    assert who(by_text(quotes, "arbitrary pay freezes"), people) == "Maria Lopez"
    assert all(q.speaker is None for q in quotes if q.text in ("real relief", "tireless"))


def test_a_blank_line_ends_a_sentence_so_a_dateline_is_no_speaker(nlp):
    """The parser joins paragraphs without a full stop into one sentence ("... (all times
    EDT):", "7 p.m."), and the dateline then becomes the subject of the next paragraph's verb."""
    body = (
        "DENVER (AP) — The Latest on the U.S. Senate race (all times MDT):\n\n"
        "7 p.m.\n\n"
        "Maria Lopez is once again questioning the integrity of the U.S. voting system, "
        "encouraging her supporters to visit polling locations on Election Day to make sure "
        "everything is “on the level.”"
    )
    q, name = pipeline_quote(body, "on the level", nlp)
    assert name == "Maria Lopez" and q.speaker_text == "Maria Lopez"
    assert [t.is_sent_start for t in nlp("One\n\nTwo\nthree")] == [True, False, True, False, False]


def test_a_participle_hung_inside_a_reported_clause_about_a_thing_speaks_for_the_reporter(nlp):
    """ "X said the ruling has "kept us safe" before claiming ...", "X pushed back, saying that
    the bill had ... and arguing that ...": the parser hangs the participle in the reported
    clause, whose subject (a thing) claims and argues nothing."""
    body = (
        "Maria Lopez spoke on Monday.\n\n"
        "Maria Lopez said the court’s deadlock has “kept us safe” on Twitter before claiming "
        "that open borders are “tearing American families apart.”\n\n"
        "Tom Reed pushed back on those claims Thursday, saying that the bill had the correct "
        "security components but was waylaid by voter mistrust - and arguing that he and Lopez "
        'shared "almost all the same views on immigration."'
    )
    ex = extract_document(
        RawDocument(path="x.txt", name="x.txt", raw_text=body, format="text"), nlp=nlp
    )
    marked = {q.text: q for q in ex.quotes if q.kind != "indirect"}
    for text, speaker in [
        ("tearing American families apart.", "Maria Lopez"),
        ("almost all the same views on immigration.", "Tom Reed"),
    ]:
        q = marked[text]
        assert q.speaker_kind == "person" and ex.people[q.speaker].name == speaker, q


def test_a_verb_after_a_whole_quoted_sentence_that_reports_its_own_clause(nlp):
    """'"... The abusive culture." Gov. Tom Reed said he would have fired him': the verb after
    the quote reports the clause it has, so the quote stays with the speaker before it."""
    body = (
        "The mayor's aide was charged on Tuesday. Maria Lopez and Tom Reed both criticized her.\n\n"
        '"It\'s a very sad development," Lopez told reporters outside a restaurant in Dayton. '
        '"This is the consequence of the culture of the Walsh campaign. The abusive culture." '
        "Ohio Gov. Tom Reed said he would have fired the aide if such an incident had happened "
        "in his campaign."
    )
    _, name = pipeline_quote(body, "consequence of the culture", nlp)
    assert name == "Maria Lopez"
    # the verb with nothing of its own reports the quote
    body = (
        "Maria Lopez and Tom Reed met on Monday.\n\n"
        '"It\'s a very sad development," Lopez said. "The abusive culture." Tom Reed said so too.'
    )
    _, name = pipeline_quote(body, "abusive culture", nlp)
    assert name == "Tom Reed"


def _marked(body: str, nlp) -> tuple[dict, list]:
    """The quotes of ``body`` in quotation marks by text, and the people (the whole pipeline)."""
    ex = extract_document(
        RawDocument(path="x.txt", name="x.txt", raw_text=body, format="text"), nlp=nlp
    )
    return {q.text: q for q in ex.quotes if q.kind != "indirect"}, ex.people


def _named(q, people) -> str | None:
    return people[q.speaker].name if q.speaker_kind == "person" else None


def test_the_object_that_an_infinitive_is_about_speaks(nlp):
    """ "That prompted Reed to make a joke and call Lopez "very flexible"", "a win that led her
    to declare ...": the object of the verb is the infinitive's subject (not when the verb is
    one of speech: "urged Reed to tell Lopez ..." is a request of the subject's)."""
    body = (
        "A long night.\n\n"
        "Maria Lopez and Tom Reed debated in Dayton on Tuesday night before a large crowd.\n\n"
        'At one point, Lopez coached Reed to "breathe, breathe." That prompted Tom Reed to make a '
        'joke about yoga and call Lopez "very flexible," a nod to her changes of position.\n\n'
        "Lopez won the county by a wide margin, a strong win that led her to declare that the "
        "nomination was “in sight.”"
    )
    quotes, people = _marked(body, nlp)
    assert _named(quotes["very flexible,"], people) == "Tom Reed"
    assert _named(quotes["in sight."], people) == "Maria Lopez"


def test_a_participle_after_an_it_clause_speaks_for_the_name_of_the_clause_before(nlp):
    body = (
        "A long night.\n\n"
        "Maria Lopez and Jane Roe spoke in Dayton on Tuesday night before a large crowd.\n\n"
        "It was a potent one-two punch by the two women, as Mrs. Lopez echoed the criticism, "
        "saying the governor ''reminds us every day that he is not in it for the people.''"
    )
    quotes, people = _marked(body, nlp)
    (q,) = [q for t, q in quotes.items() if t.startswith("reminds us")]
    assert _named(q, people) == "Maria Lopez"


def test_no_speaker_from_an_infinitive_of_a_noun(nlp):
    """'officials professing a "sincere religious belief" to deny services': "to deny" belongs
    to the noun; it reports nothing."""
    body = (
        "A long night.\n\n"
        "Judge Tom Reed issued an injunction blocking a law that would have allowed officials "
        'professing a "sincere religious belief" to deny services to couples.'
    )
    ex = extract_document(
        RawDocument(path="x.txt", name="x.txt", raw_text=body, format="text"), nlp=nlp
    )
    assert not [q for q in ex.quotes if q.cue == "deny"], ex.quotes


def test_a_verb_that_reports_with_back_and_a_claim_that_is_its_owners(nlp):
    """ "Lopez shot back, "..."" / "fired back": verbs that report only with their particle;
    "making an issue of Reed's claim that the mayor "founded the gang"": the claimant's words,
    not those of the verb that governs the noun ("blamed")."""
    body = (
        "A long night.\n\n"
        "Maria Lopez and Tom Reed debated in Dayton on Tuesday night before a large crowd.\n\n"
        "After Tom Reed criticized the mayor during the debate, Lopez shot back, “I suppose I "
        "could have stayed home, but I chose to run.”\n\n"
        "Lopez on Thursday blamed the media for making an issue out of Tom Reed’s claim that the "
        "mayor “founded the gang,” saying they were nitpicking.\n\n"
        "Reed shot a video in May. Lopez fired back in March, attacking Reed for “the greed, the "
        "showing off” of his campaign."
    )
    quotes, people = _marked(body, nlp)
    (q,) = [q for t, q in quotes.items() if t.startswith("I suppose")]
    assert _named(q, people) == "Maria Lopez" and q.cue == "shot"
    assert _named(quotes["founded the gang,"], people) == "Tom Reed"
    (q,) = [q for t, q in quotes.items() if t.startswith("the greed")]
    assert _named(q, people) == "Maria Lopez"


def test_a_possessors_noun_in_apposition_and_a_sentence_that_only_adds(nlp):
    """'"...," exhorted Lopez's introducer, actress Jane Roe': the introducer speaks, not the
    possessor; 'Reed stated that the report "was not good." Adding, "..."': a sentence of only
    a participle goes on with the subject of the sentence before."""
    body = (
        "A long night.\n\n"
        "Maria Lopez spoke at a rally in Dayton on Tuesday night before a large crowd.\n\n"
        'Then there was the most obvious change of all: "It is about time that we had a woman '
        'running this state," exhorted Lopez’s introducer, actress Jane Roe.\n\n'
        "Later in the show, Tom Reed stated of the scandal that the report “was not good.” "
        "Adding, “Now, like with all such scandals, what they do is never that bad.”\n\n"
        "Noting that he studied law, Tom Reed said he weighs “every side of it.”"
    )
    quotes, people = _marked(body, nlp)
    (q,) = [q for t, q in quotes.items() if t.startswith("It is about time")]
    assert _named(q, people) == "Jane Roe"
    (q,) = [q for t, q in quotes.items() if t.startswith("Now, like")]
    assert _named(q, people) == "Tom Reed"
    assert _named(quotes["every side of it."], people) == "Tom Reed"


def test_no_day_and_no_function_word_is_a_speaker(nlp):
    """'Tuesday at Baldwin College, after winning Ohio, Gov. Tom Reed (R-OH), said': the parser
    makes the day a second subject; '... opposes "pay freezes" and recalled the freeze': what is
    left between the quote and the verb ("and") is nobody."""
    body = (
        "A long night.\n\n"
        "Maria Lopez spoke at a rally in Dayton on Tuesday night before a large crowd.\n\n"
        "Tuesday at Baldwin College in Berea, OH, after winning Ohio in the primary, Gov. Tom "
        "Reed (R-OH), said, “I am getting ready to rent a covered wagon.”\n\n"
        'Maria Lopez supports "appropriate pay raises," opposes "across-the-board pay freezes" '
        "and recalled the freeze on pay rates."
    )
    quotes, people = _marked(body, nlp)
    assert _named(quotes["I am getting ready to rent a covered wagon."], people) == "Tom Reed"
    q = quotes["across-the-board pay freezes"]
    assert q.speaker_text != "and" and q.speaker_kind != "unnamed", q


def test_words_in_quotation_marks_that_someones_statement_is_about(nlp):
    """ "Lopez mocked Reed's remarks about "a wall of steel"": Reed's words."""
    body = (
        "A long night.\n\n"
        "Maria Lopez and Tom Reed debated in Dayton on Tuesday night before a large crowd.\n\n"
        "Lopez mocked Reed’s remarks about “a wall of steel” on Monday."
    )
    quotes, people = _marked(body, nlp)
    assert _named(quotes["a wall of steel"], people) == "Tom Reed"  # not the mocker's words


def test_a_name_between_commas_before_the_verb_and_a_rank_written_short(nlp):
    """'The editor I was talking to, Tom Reed, interrupted me to announce, "..."': the name the
    parser hangs on the relative clause is the subject's (not a clause: ", who backs Lopez,");
    'said spokesman Navy Capt. Tom Reed': "Navy Capt" is no person."""
    paragraphs = [
        "A long night.",
        "Maria Lopez spoke at a rally in Dayton on Tuesday night before a large crowd.",
        "The editor I was talking to, Tom Reed, interrupted me in mid-sentence to announce, "
        "“And there goes the franchise.”",
        "One of Lopez’s former supporters who still backs Soto, former Colorado Rep. Ann Marsh, "
        "lives in his district and wrote in an email that the campaign was “tragic in the year "
        "of the woman.”",
        "The influential delegate and conservative activist, who backs Lopez, warned of a "
        "“ferocious” battle ahead.",
        "“We are already working to accelerate that campaign,” said Pentagon spokesman Navy Capt. "
        "Carl Dunmore, who was asked about the strategy.",
    ]
    quotes, people = _marked("\n\n".join(paragraphs), nlp)
    named = {text: _named(q, people) for text, q in quotes.items()}
    assert named["And there goes the franchise."] == "Tom Reed"
    assert named["tragic in the year of the woman."] == "Ann Marsh"
    assert named["ferocious"] is None  # the delegate, unnamed
    assert named["We are already working to accelerate that campaign,"] == "Carl Dunmore"
    assert all("Capt" not in p.name for p in people)
