"""Attribution rules found on PolNeAR train (real political news), shown on invented articles
run through the whole pipeline: an aside between a name and its verb, a denied verb in the next
sentence, a phrase that credits the words, a colon after a name, a participle the parser made the
main verb, a relative named in passing. Each case: the paragraphs (the first is the title), the
start of a quote, and who says it: ("person", name) or (kind, the words that name them)."""

from __future__ import annotations

import pytest

from tests.extract.test_attribution_classes import _extract, check_speaker, first_quote
from tests.extract.test_quotes import nlp

__all__ = ["nlp"]  # the spaCy fixture, shared with test_quotes

CASES = [
    pytest.param(
        # 'X mocked it, saying, "... ." But Y did not respond in kind.': a verb denied in the
        # next sentence reports nothing of the quote before it
        [
            "A debate on trade",
            "Senator Alma Fenwick and Governor Ross Hollis met for a debate in Omaha.",
            "Ms. Fenwick seemed to mock his loose talk, saying at one point, “The answer is not "
            "simply to shout at the factories.” But Mr. Hollis, again, did not respond in kind.",
        ],
        "The answer is not simply",
        ("person", "Alma Fenwick"),
        id="a-denied-verb-in-the-next-sentence",
    ),
    pytest.param(
        # the same when a quote inside the quote closes with it (a single mark, then two)
        [
            "A debate on trade",
            "Senator Alma Fenwick and Governor Ross Hollis met for a debate in Omaha.",
            "Ms. Fenwick seemed to mock his loose talk, saying at one point, ''The answer is not "
            "simply to yell, 'Factories bad, imports bad.''' But Mr. Hollis, again, did not "
            "respond in kind.",
        ],
        "The answer is not simply",
        ("person", "Alma Fenwick"),
        id="a-denied-verb-after-a-quote-closing-a-quote-inside-it",
    ),
    pytest.param(
        # 'after Mr. Trump, asked about ... Mr. Putin, had said, "..."': the verb the parser left
        # without a subject is the one of the name before the aside set off by commas
        [
            "A remark on killing",
            "Governor Ross Hollis and President Ivan Marek traded praise this week.",
            "The issue had come up on Friday after Mr. Hollis, asked about the jailing of "
            "reporters under Mr. Marek, had said, “I think our country does plenty of that too.”",
        ],
        "I think our country",
        ("person", "Ross Hollis"),
        id="a-name-then-an-aside-then-its-verb",
    ),
    pytest.param(
        # '"You know, it happens, right?" Trump went on': "go on" reports (not the previous
        # quote's speaker, a woman who answered before)
        [
            "An interview in Omaha",
            "Ross Hollis sat down with the host, Alma Fenwick, on Monday.",
            "Ms. Fenwick responded pointedly, with a smile: “It can happen at any age.” She is 45.",
            "“You know, it happens, right?” Hollis went on, as if he had not heard her.",
        ],
        "You know, it happens",
        ("person", "Ross Hollis"),
        id="went-on-reports",
    ),
    pytest.param(
        # 'As the chief executive, Jeff Weiner, put it in his memo to employees explaining the
        # deal, "..."': the named account credits the words, not the participle inside it
        [
            "A merger of two firms",
            "Two software firms agreed to merge on Monday.",
            "As the Fabrikam chief executive, Nora Lindqvist, put it in her memo to employees "
            "explaining the deal, “Imagine a world where we no longer look up at the giants.”",
        ],
        "Imagine a world",
        ("person", "Nora Lindqvist"),
        id="a-named-account-over-a-participle-inside-it",
    ),
    pytest.param(
        # 'The summit was held there because, in Forbes’ words, "..."': the parser split the
        # bare apostrophe off the name, and the verb of the sentence is nobody's; the name whose
        # words they are speaks
        [
            "Start-ups in the desert",
            "The summit was held last month in Haifa and Eilat because, in Fabrikams’ words, "
            "“they are the most entrepreneurial places on the planet.”",
        ],
        "they are the most",
        ("organisation", "Fabrikams"),
        id="in-a-name-s-words",
    ),
    pytest.param(
        # the same with a person's surname, with a bare apostrophe or with "’s"
        [
            "A plan that failed",
            "Mayor Tom Hollis spoke on Monday. The plan failed because, in Hollis’ own words, "
            "“nobody wanted to pay for it.”",
            "The second plan failed because, in Hollis’s own words, “nobody wanted it.”",
        ],
        "nobody wanted it",
        ("person", "Tom Hollis"),
        id="in-a-person-s-own-words",
    ),
    pytest.param(
        # 'The timing doesn't surprise Republican pollster Daron Shaw: "..."': a described name
        # that ends the clause before the colon speaks
        [
            "A surge in the polls",
            "The senator gained ten points in a month.",
            "The timing of the surge does not surprise Republican pollster Tobias Marlow: "
            "“Historically, lesser-known candidates have seen the biggest boost.”",
        ],
        "Historically, lesser-known",
        ("person", "Tobias Marlow"),
        id="a-described-name-before-a-colon",
    ),
    pytest.param(
        # 'Here's Clinton in December 1992: "..."': the name a presentative "here is" introduces
        [
            "The new direction",
            "Governor Ross Hollis gave a speech on the economy in 1992.",
            "Here’s Hollis in December 1992: “Our new direction must rest on an understanding "
            "of the new realities.”",
        ],
        "Our new direction",
        ("person", "Ross Hollis"),
        id="here-is-a-name-before-a-colon",
    ),
    pytest.param(
        # 'during their first debate, Hillary Clinton cracked, "..."': "crack" is a verb of
        # speech (a joke)
        [
            "A progressive who gets things done",
            "Senator Alma Fenwick has often been an effective legislator, though critics call "
            "her a crusader - during their first debate, Governor Ross Hollis cracked, “I’m a "
            "progressive who likes results” - and she passed many bills.",
        ],
        "I’m a progressive",
        ("person", "Ross Hollis"),
        id="cracked-reports",
    ),
    pytest.param(
        # '... a six-pointed star likened to the Star of David, Rep. Paul Ryan (R-WI) said "..."':
        # the parser made the participle the main verb and "said" its clause; no subject, it
        # reports nothing above the name's verb
        [
            "A cartoon in a campaign",
            "Tuesday on WKRP’s “Midday with Lou Grant,” while discussing a crude cartoon from "
            "presumptive nominee Ross Hollis featuring an image of Alma Fenwick, money and a "
            "five-pointed star likened to the Star of Texas, Speaker of the House Rep. Dana "
            "Kellerby (R-OH) said “crude images, they’ve got no place in a serious campaign.”",
        ],
        "crude images",
        ("person", "Dana Kellerby"),
        id="a-participle-taken-for-the-main-verb",
    ),
    pytest.param(
        # 'a visit by Chelsea Clinton and her husband. Mrs. Clinton replied, "..."': the daughter
        # named in passing does not take the "Mrs. Clinton" that the article keeps for her mother
        [
            "The foundation and its donors",
            "Alma Fenwick ran the State Department for four years. Mrs. Fenwick has said the "
            "foundation will stop taking foreign gifts, and Mrs. Fenwick’s aides agree.",
            "Earlier in 2012, Ambassador Tom Reed wrote to Mrs. Fenwick about a visit to Kyiv by "
            "Rosa Fenwick and her husband, Mark Dalton. Mrs. Fenwick replied, “Hearing nice "
            "things about your children is as good as it gets.”",
        ],
        "Hearing nice things",
        ("person", "Alma Fenwick"),
        id="a-relative-named-in-passing-keeps-no-titled-surname",
    ),
    pytest.param(
        # verbs of speech the lexicon lacked: "proclaimed" after a long apposition
        [
            "A convention speech",
            "Taxes are “the ultimate drag on growth” and “stunt small firms,” Howard Pellman, the "
            "former governor of Oregon, proclaimed to a cheering crowd on Tuesday.",
        ],
        "the ultimate drag",
        ("person", "Howard Pellman"),
        id="proclaimed-is-a-cue",
    ),
    pytest.param(
        # a worry reported with the speaker's own words as its complement
        [
            "Safety nets",
            "In the depths of the recession, Senator Paula Rynd worried that the safety net was "
            "becoming “a hammock that lulls able-bodied people to lives of dependency.”",
        ],
        "a hammock that lulls",
        ("person", "Paula Rynd"),
        id="worried-that-is-a-cue",
    ),
    pytest.param(
        # what someone calls someone else: "refers to X as", "portrayed him as"
        [
            "Old friends",
            "Senator Chris Dalton refers to the candidate, who is supposedly his longtime friend, "
            "as “Mr. Hollis,” and he avoids him at events.",
        ],
        "Mr. Hollis",
        ("person", "Chris Dalton"),
        id="refers-to-as-is-a-cue",
    ),
    pytest.param(
        [
            "The introduction",
            "His daughter Ivanka Hollis portrayed him as a generous executive who would be “the "
            "people's champion” in the White House.",
        ],
        "the people's champion",
        ("person", "Ivanka Hollis"),
        id="portrayed-as-is-a-cue",
    ),
    pytest.param(
        # 'X called Y a "Z"' that the parser read as "X, called Y" (a thing named) and left the
        # sentence with no verb at its root
        [
            "A rush to judgment",
            "Senator Dana Morrow campaigned in Ohio on Tuesday.",
            "Morrow’s campaign called AP’s report a “rush to judgment,” because delegates can "
            "change their minds.",
        ],
        "rush to judgment",
        ("unnamed", "Morrow’s campaign"),
        id="called-misread-as-naming",
    ),
    pytest.param(
        # a digest's line: a claim, a dash, then a name the model tags nothing and its quote
        [
            "Pollster digest",
            "The interplay has been important for the contests - Carol Dunk: “Two weeks "
            "ago, the strongest territory had been the South. Now, it is the Northeast.”",
        ],
        "Two weeks ago",
        ("person", "Carol Dunk"),
        id="an-untagged-name-before-a-colon-and-a-quote",
    ),
    pytest.param(
        # a short stage direction between two quotes of one speaker that names nobody
        [
            "Phone banking",
            "The volunteers gathered in a church hall on Monday.",
            "“I am calling from the Rivera campaign,” Eva Milner, a retired nurse, said into "
            "the phone.",
            "She pauses.",
            "“Well, thank you so much. Rivera will appreciate it.”",
            "The volunteers cheer.",
        ],
        "Well, thank you",
        ("person", "Eva Milner"),
        id="a-stage-direction-between-two-quotes",
    ),
    pytest.param(
        # a digest's heading with a verb, a dash, then a source that is no person: not the
        # heading's subject ("Media shares") but that source
        [
            "Pollster digest",
            "This is the digest for Wednesday.",
            "Media shares blame in Iowa poll overhype - PollDigest: “Pollsters are taking a lot "
            "of heat from the public for not anticipating the victory.”",
        ],
        "Pollsters are taking",
        ("organisation", "PollDigest"),
        id="a-source-after-a-heading-dash-is-not-the-heading-subject",
    ),
]


@pytest.mark.parametrize(("paragraphs", "start", "expected"), CASES)
def test_speaker_rule(nlp, paragraphs, start, expected):
    check_speaker(nlp, paragraphs, start, expected)


def _quote(nlp, text: str, start: str):
    """The first direct quote of the article ``text`` that starts with ``start``."""
    return first_quote(_extract(nlp, text), start)


def test_someone_else_acting_between_two_quotes_keeps_the_second_apart(nlp):
    q = _quote(
        nlp,
        "Phone banking\n\nThe volunteers gathered in a church hall on Monday.\n\n"
        "“I am calling from the Rivera campaign,” Eva Milner said into the phone.\n\n"
        "They pause.\n\n“We want Rivera, all of us here tonight!”\n\nThe volunteers cheer.",
        "We want",
    )
    assert q.speaker is None, q  # "they" are not Eva


def test_no_clause_or_idiom_is_a_speaker(nlp):
    """Speakers are noun phrases: not an idiom of "say" ("That said," "easier said than done"),
    not a clause ("which get answered says"), not words up to a verb ("People are keen on
    telling"), and no "and" or "of the" is left hanging where a conjunct or a title was cut."""
    ex = _extract(
        nlp,
        "Polls and questionnaires\n\nThe candidates answered questions in Iowa.\n\n"
        "That said, a loss in the state would be “a sour end” to the primary season.\n\n"
        "But “dumping the mayor” is easier said than done.\n\n"
        "In a poll released Monday, 31% of Republicans and Republican-leaning voters said they "
        "were “extremely enthusiastic” about voting.\n\n"
        "“If we want minority voters to support us, we have to engage them,” wrote the authors "
        "of the “Growth and Opportunity Project.”\n\n"
        "But which get answered says “something” about the candidates.\n\n"
        "People are especially keen on telling women to stop “moaning” when they speak up.",
    )
    said = {q.text: q.speaker_text for q in ex.quotes if q.kind != "indirect"}
    assert said.get("extremely enthusiastic") == "31% of Republicans", said
    assert said.get("If we want minority voters to support us, we have to engage them,") == (
        "the authors"
    ), said
    for text in ("a sour end", "dumping the mayor", "something", "moaning"):
        assert said.get(text) is None, said


def test_a_headline_before_its_byline_is_no_quote(nlp):
    ex = _extract(
        nlp,
        "New York newsletter\n\nWelcome to the newsletter for the week.\n\n"
        'FAREWELL—"The Living Room to close at the end of December," by Times\' Ben Sisario.'
        '\n\n"Met accused of whitewashing baby Jesus," by Post\'s Kathianne Boniello.\n\n'
        '"We will win this," by all accounts, was what Mayor Dana Roe said.',
    )
    assert [q.text for q in ex.quotes] == ["We will win this,"], ex.quotes


def test_a_paragraph_that_introduces_a_transcript_is_no_stage_direction(nlp):
    q = _quote(
        nlp,
        "An interview\n\nOn Sunday, Governor Ron Pellman said the tweet was only “to mock” his "
        "rival.\n\nPartial transcript as follows:\n\n“HOST: Let us start with the news of the "
        "debate. Why would he do that?”",
        "HOST",
    )
    assert q.speaker is None, q


def test_an_unnamed_source_introduced_before_is_whole_words(nlp):
    """'the statement said' after 'a written statement in response to ... about the emails': the
    introduction as written, cut at a whole word and not after a small one."""
    q = _quote(
        nlp,
        "Emails\n\nThe Chronicle said Dale Hicks provided a written statement in response to the "
        "newspapers’ inquiries about the emails.\n\n“After reviewing his practices, the "
        "secretary believes his use of email was fine,” the statement said.",
        "After reviewing",
    )
    assert q.speaker_text == "a written statement in response to the newspapers’ inquiries", q


def test_a_thing_named_and_a_price_are_no_speech(nlp):
    """'a group called "..."' names a thing; 'charged for "..."' is a price, no speech."""
    ex = _extract(
        nlp,
        "A court date\n\nTom Reddick joined a group called “Moms for Truth” in 2019.\n\n"
        "The company charged for “premium access” since May.",
    )
    assert [q.text for q in ex.quotes] == [], ex.quotes


def test_the_sentence_before_the_speaker_is_no_reported_clause(nlp):
    """'The issue had come up after Mr. Roe, asked about ..., had said, "..."': the parser hung
    the words before the name on "said"; with the name as its subject, they are not what the
    name said."""
    ex = _extract(
        nlp,
        "A remark\n\nGovernor Sam Biggs and President Ivan Petrov traded praise this week.\n\n"
        "The issue had come up Friday after Mr. Biggs, asked about the deaths of journalists "
        "under Mr. Petrov, had said, ''I think our country does plenty of killing also.''",
    )
    assert not [q for q in ex.quotes if q.text.startswith("The issue")], ex.quotes
