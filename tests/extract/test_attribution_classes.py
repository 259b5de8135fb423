"""Attribution rules found on real news (PolNeAR train; saved pages of the trafilatura and
mozilla/readability test sets), shown on invented articles run through the whole pipeline: quotes
with no reporting verb of their own, quotation marks that are not quotes, a place or an aside
taken for the speaker. One case per rule: the paragraphs (the first is the title), who says the
quote starting with each given text (None: nobody named), and words that must be in no quote."""

from __future__ import annotations

import pytest

from archive.pipeline.extraction import extract_document
from archive.records import RawDocument
from tests.extract.test_quotes import nlp

__all__ = ["nlp"]  # the spaCy fixture, shared with test_quotes

CASES = [
    pytest.param(
        # '“It is over,“ said Roe. “...”': the second mark, after a comma and before a space,
        # closes (typed as an opening mark); 'said Roe.' is no quote
        [
            "A long night in Dayton",
            "Maria Lopez conceded the race in Dayton on Tuesday night.",
            "“Apparently it is over,“ said Maria Lopez, the county clerk. “A leopard doesn’t "
            "change its spots.”",
            "“Do you want to be part of that?“ asked Tom Reed, her campaign manager.",
        ],
        {
            "Apparently it is over,": "Maria Lopez",
            "A leopard doesn’t change": "Maria Lopez",
            "Do you want to be part": "Tom Reed",
        },
        ("said", "asked"),
        id="curly-mark-typed-the-wrong-way-round",
    ),
    pytest.param(
        # a saved text with a tag left in it: its marks delimit attribute values
        [
            "A long night in Dayton",
            "Maria Lopez wrote to her followers on Tuesday night:",
            '<post author="@jlopez" date="2016-12-02" id="6721385">We will win this county</post>.',
            "“We will win,” Maria Lopez said.",
        ],
        {"We will win,": "Maria Lopez"},
        ("jlopez", "2016", "6721385"),
        id="marks-inside-a-tag-of-markup",
    ),
    pytest.param(
        # 'Pollsters agree - Jane Roe: "..."' (a digest of other writers): the name after the
        # dash speaks, not the subject of the verb before it
        [
            "Polls in Iowa",
            "The Iowa polls were close on Monday night.",
            "Pollsters agree - Maria Lopez: “One of the biggest lessons was a simple one: keep "
            "on calling voters as late as possible.” [Daily Post.]",
        ],
        {"One of the biggest lessons": "Maria Lopez"},
        (),
        id="a-name-after-a-heading-dash",
    ),
    pytest.param(
        # '"...," said Roe, head of policy at the council. Now, "there is ..."': a short lead-in
        # with no name and no reporting verb leaves the quote to the speaker before it; not when
        # the lead-in names someone ('For Reed, "..."')
        [
            "A tax in Dayton",
            "The city council of Dayton passed a tax on carbon in 2008.",
            "“We were not very happy when it was first announced,” said Maria Lopez, head of "
            "policy at the Dayton Business Council. Now, “within the business community there "
            "is a sizable constituency saying this is fine.”",
            "“It was a hard fight,” said Carl Diaz, a council member. For Tom Reed, the mayor, "
            "“the fight is not over yet.”",
        ],
        {"within the business community": "Maria Lopez", "the fight is not over yet.": None},
        (),
        id="a-lead-in-of-the-reporter",
    ),
    pytest.param(
        # 'Roe was quick to add that ...', 'Roe distanced herself by saying ...': the quote that
        # follows, alone in its paragraph or in the same one, is that person's
        [
            "A wall in Dayton",
            "“Things are negotiable,” Tom Reed said on Monday.",
            "Maria Lopez was quick to add that the negotiation does not include nixing the idea "
            "altogether.",
            "“Building it? Not negotiable.”",
            "Carl Diaz distanced himself from the movement by saying he would be willing to help "
            "the campaign. “I’m going to support her, and support her enthusiastically.”",
        ],
        {"Building it? Not negotiable.": "Maria Lopez", "I’m going to support her": "Carl Diaz"},
        (),
        id="a-verb-whose-subject-is-the-one-of-its-head",
    ),
    pytest.param(
        # '"...," Roe notes. ¶ Roe is upbeat about the race. ¶ "..."': the paragraph between is
        # about the speaker, who goes on; not when someone else reports in it ('Aides said')
        [
            "A race in Dayton",
            "Maria Lopez has backed Tom Reed for mayor since March.",
            "“He has a lot of the appeal the old mayor had,” Lopez notes.",
            "Lopez is upbeat about his chances of winning in November, in part because she sees "
            "Reed as a uniter.",
            "“Not only can Tom Reed win in November, he is the one with the best chance.”",
            "“We lost the first round,” said Carl Diaz, his rival.",
            "Aides to the council said the count was wrong, and Diaz agreed on Friday.",
            "“It was taken from us in the last hours of the count.”",
        ],
        {"Not only can Tom Reed": "Maria Lopez", "It was taken from us": None},
        (),
        id="a-paragraph-about-the-speaker-between-quotes",
    ),
    pytest.param(
        # two subjects a misparse gives the verb, a place and a person: the person speaks
        [
            "Race in Ohio",
            "Maria Lopez and Tom Reed campaigned in New Hampshire on Monday.",
            "Speaking at a town hall event in Salem, New Hampshire, Lopez went after Reed, calling "
            "him “a total stiff.”",
            "Tuesday at Baldwin College in Berea, OH, after winning Ohio in the primary, Gov. Carl "
            "Diaz (R-OH), said, “I’m getting ready to rent a covered wagon to Cleveland.”",
        ],
        {"a total stiff.": "Maria Lopez", "I’m getting ready to rent": "Carl Diaz"},
        (),
        id="a-place-is-not-the-subject",
    ),
    pytest.param(
        # 'If Russia is behind it — as researchers believe, but Moscow denies — "why not ...?"
        # asked Roe': the verb between the dashes reports the aside
        [
            "Hacking in Dayton",
            "Maria Lopez spoke about the hacking of the party on Monday.",
            "If Russia is indeed attempting to sway the race — as many researchers believe, and "
            "Democrats are alleging, but Moscow strongly denies — “why wouldn’t you want to raise "
            "the potential for tampering?” asked Lopez, now a partner at a law firm.",
        ],
        {"why wouldn’t you want to raise": "Maria Lopez"},
        (),
        id="a-verb-in-an-aside",
    ),
    pytest.param(
        # 'As The Post's Jane Roe puts it, the mayor is trying to "..."': the person named
        # between "as" and "put it"; "will continue to be" reports nothing
        [
            "A fight in Dayton",
            "Tom Reed named a judge on Monday. Maria Lopez writes a column for the Post.",
            "As the Post’s Maria Lopez puts it, Reed is trying to make the council “an offer "
            "they can’t afford to refuse.”",
            "In a statement, Reed said he is certain Carl Diaz will continue to be “a champion for "
            "opportunity in the city.”",
        ],
        {"an offer they can’t afford": "Maria Lopez", "a champion for opportunity": "Tom Reed"},
        (),
        id="as-a-named-person-puts-it",
    ),
    pytest.param(
        # the '' ... '' of a newspaper archive, closed after a stray space: "coalitions, '' said"
        [
            "A law in Dayton",
            "''The reason he has been so successful is that he built strong coalitions, '' said "
            "Tom Reed, who now works on the campaign. ''He sees himself as fighting for working "
            "people.''",
        ],
        {"The reason he has been": "Tom Reed", "He sees himself": "Tom Reed"},
        ("said",),
        id="two-apostrophes-after-a-stray-space",
    ),
    pytest.param(
        # '"...," said Air Force 1st Lt. Jo Roe': the parse takes "1st" for the subject
        [
            "A vote in Dayton",
            "Soldiers at the base voted early this year.",
            "“I really don’t understand how a better candidate didn’t jump into the race,” said "
            "Air Force 1st Lt. Dana Whitfield. “I was hoping we’d see something else.”",
        ],
        {"I really don’t understand": "Dana Whitfield"},
        (),
        id="a-name-after-a-rank-the-parse-splits",
    ),
    pytest.param(
        # 'Of Reed, Lopez, who ..., said, "..."': the fronted phrase is not the subject
        [
            "A race in Dayton",
            "Tom Reed and Carl Diaz are running for mayor, said Maria Lopez, a lawyer in Dayton.",
            "Of Reed, Lopez, who has given money to Diaz, said, “He’s flat-out scary. I think he’s "
            "a wonderful man.”",
        ],
        {"He’s flat-out scary.": "Maria Lopez"},
        (),
        id="a-fronted-phrase-before-the-subject",
    ),
    pytest.param(
        # 'Said Lopez, "..."': the verb before its subject is no first name ("Said" is one)
        [
            "A shooting in Dayton",
            "Maria Lopez, the police chief, said the city had made a mistake.",
            "Said Lopez, “The thought that an error on our part is connected to this is very "
            "painful to us.”",
        ],
        {"The thought that an error": "Maria Lopez"},
        (),
        id="said-before-its-subject",
    ),
    pytest.param(
        # a no-break space inside a name: one name to the tagger, as with a plain space
        [
            "A show in Dayton",
            "The show's hosts talked about the race on Monday.",
            "“Imagine Carl Diaz going up against both of them on the same stage,” mused radio "
            "co-host Dana\u00a0Whitfield. “We are the biggest show ever.”",
        ],
        {"Imagine Carl Diaz": "Dana Whitfield", "We are the biggest": "Dana Whitfield"},
        (),
        id="a-no-break-space-in-a-name",
    ),
    pytest.param(
        # 'Any "cleareyed" reading of it, said Jo Roe, an expert, would ...': the name after a cue
        # set between commas speaks, not the phrase the parse makes the subject
        [
            "A deal in Dayton",
            "The city council approved the trade deal on Monday.",
            "Any “cleareyed” reading of the deal, said Dana Whitfield, an expert on trade at the "
            "Dayton Policy Center, would see it as a public admission that the city is retreating.",
        ],
        {"cleareyed": "Dana Whitfield"},
        (),
        id="a-name-after-a-cue-between-commas",
    ),
    pytest.param(
        # 'As Jo Roe, professor of law and author of "...," put it, "..."': a name with a
        # description between "as" and "put it"
        [
            "A court in Dayton",
            "The justices will meet on Monday.",
            "As Quill Amberson, professor of law at Dayton and author of “Ohio’s Unwritten "
            "Charter,” put it, “The council should remember that a compromise today may be far "
            "better for them.”",
        ],
        {"The council should remember": "Quill Amberson"},
        ("put it",),
        id="as-a-described-person-put-it",
    ),
    pytest.param(
        # '"...," an angry Roe retaliated': a verb of no list after a described name reports
        [
            "A row in Dayton",
            "Carl Diaz said the city had lost its way: “Dayton is no longer Dayton,” he claimed.",
            "“Dayton will always be Dayton,” an angry Maria Lopez retaliated. “It never gives up.”",
        ],
        {"Dayton will always be Dayton": "Maria Lopez", "It never gives up": "Maria Lopez"},
        (),
        id="a-bare-verb-after-a-described-name",
    ),
    pytest.param(
        # 'Roe called for a "cultural war"': the words called for are the caller's
        [
            "A speech in Dayton",
            "Carl Diaz spoke to the party in 1992.",
            "Some Democrats said they feared a repeat of that convention, when Mr. Diaz, a senator "
            "from Ohio, called for a “cultural war” against “liberals and radicals.”",
        ],
        {"liberals and radicals": "Carl Diaz"},
        (),
        id="the-words-called-for",
    ),
    pytest.param(
        # 'her "plan," promising to campaign': the infinitive after the verb is nobody
        [
            "A meeting in Dayton",
            "Maria Lopez met the county's Democrats on Wednesday.",
            "Lopez talked up her “50-state strategy,” promising to campaign across the country.",
            "“We will not give up,” said retired judge Tom Reed, who chairs the party.",
        ],
        {"50-state strategy": "Maria Lopez", "We will not give up": "Tom Reed"},
        (),
        id="an-infinitive-after-the-verb-is-nobody",
    ),
    pytest.param(
        # 'Saturday at the convention Sen. Jane Roe said': the day the parser took for the
        # subject is nobody
        [
            "Jane Roe: Tom Smith Is a ‘Proven Failure’ in Business.",
            "Saturday at the Massachusetts Democratic state’s party convention Sen. Jane Roe "
            "(D-MA) said presumptive Republican presidential nominee Tom Smith was a “proven "
            "failure” in business.",
        ],
        {"proven failure": "Jane Roe"},
        (),
        id="a-day-is-no-subject",
    ),
    pytest.param(
        # 'In an address that spoke to the "fear," Mrs. Roe struck': the address is hers
        [
            "Lopez and Diaz in Dayton",
            "Maria Lopez spoke in Dayton on Monday with Carl Diaz.",
            "In an address that spoke to the ''frustration, the fear, the anxiety and, yes, the "
            "anger'' over an economy in which the wealthiest have thrived as middle-class wages "
            "have remained virtually stagnant, Mrs. Lopez struck many of the same notes.",
        ],
        {"frustration, the fear": "Maria Lopez"},
        (),
        id="a-thing-that-spoke-in-a-framing-phrase",
    ),
    pytest.param(
        # 'Reed cannot say that "...," Lopez added, saying': the participle goes on with the
        # reporter of its own verb, not with the subject of the clause that verb sits in
        [
            "A prosecutor in Dayton",
            "Tom Reed and Maria Lopez disagreed on Tuesday.",
            "Reed cannot say that “from his perspective,” Lopez added, saying it should be “up to "
            "the prosecutor to move forward or not.”",
        ],
        {"up to the prosecutor": "Maria Lopez"},
        (),
        id="a-participle-on-a-named-reporter",
    ),
    pytest.param(
        # '"..." Mr. Diaz said: "..."': a verb before a colon and a quote introduces that quote,
        # not the whole sentence quoted before it
        [
            "A camp in Dayton",
            "On Tuesday, at the camp outside Dayton, Carl Diaz, 25, and his wife, Maria Lopez, 27, "
            "pleaded for understanding.",
            "''We are refugees,'' Ms. Lopez said. ''We are not terrorists.'' Mr. Diaz said: ''The "
            "attack that happened today is the work of terrorists.''",
        ],
        {
            "We are refugees": "Maria Lopez",
            "We are not terrorists": "Maria Lopez",
            "The attack that happened": "Carl Diaz",
        },
        (),
        id="a-verb-before-a-colon-introduces-the-next-quote",
    ),
    pytest.param(
        # 'Roe said that according to its analysis, ..., but "..."': a document inside what a
        # named reporter says is no speaker, the reporter is
        [
            "A vote in Dayton",
            "Jo Roe, a member of the party's committee, said Tuesday morning that according to "
            "its analysis, the party has won 82 percent of the vote, but “we are still counting "
            "the seats.”",
        ],
        {"we are still counting": "Jo Roe"},
        (),
        id="according-to-a-document-in-a-reported-clause",
    ),
    pytest.param(
        # a paragraph that is only a quote, after a sentence that reports someone speaking and
        # quotes words of theirs outside the reporting verb's clause: that reporter's
        [
            "A night in Dayton",
            "Instead, Jo Roe told the Herald, her plan would merely be “to start over” if she "
            "wins.",
            "What “start over” actually means is left to the imagination of voters, since Roe "
            "spoke only in slogans during the interview.",
            "“We have to do something, and it is the only way we win.”",
        ],
        {"We have to do something": "Jo Roe"},
        (),
        id="a-scare-quote-beside-the-reporting-clause",
    ),
    pytest.param(
        # a quote over several paragraphs in straight marks, with curly marks inside: nested
        [
            "A mayor in Dayton",
            "Jo Roe, who is running for mayor, stated:",
            '"The city hall is not about “fair play” any more. It is about the mayor.',
            '"The solution to the parking problem is not politics. Period.',
            '"The council was supposed to be the guardian of the city. I will stop the mayor."',
            "The election is on May 3.",
        ],
        {
            "The city hall is not about": "Jo Roe",
            "The council was supposed": "Jo Roe",
        },
        (),
        id="curly-marks-inside-a-straight-quote-over-paragraphs",
    ),
    pytest.param(
        # 'Mr. Roe, who had failed to win his party's nomination, called for': the verb the
        # parser hung on the clause's last noun is the named antecedent's
        [
            "A convention in Dayton",
            "Some delegates said they feared a repeat of Carl Diaz's speech at the 1992 "
            "convention, when Mr. Diaz, who had failed to win his party's nomination, called "
            "for a ''cultural war'' against ''liberals and radicals.''",
        ],
        {"liberals and radicals": "Carl Diaz"},
        (),
        id="a-verb-after-a-relative-clause",
    ),
    pytest.param(
        # 'Roe further summed up Lee as "terrible," denounced her record and said ...': the
        # first verb of a series, taken for a clause of the second, has the subject
        [
            "A debate in Dayton",
            "In an interview on Saturday, Carl Diaz said Maria Lopez lacks the patience to run "
            "the city.",
            "Carl Diaz further summed up Lopez as “terrible,” denounced her record as mayor and "
            "said she should not even be allowed to run for office.",
        ],
        {"terrible": "Carl Diaz"},
        (),
        id="the-first-verb-of-a-series",
    ),
    pytest.param(
        # 'X noted that officials have talked ..., and "we're in discussions ..."': a quote that
        # is the clause after the "and" of the reported clause is the reporter's too
        [
            "Storm talks open",
            "Dana Kellerby, an aide, said the talks opened on Monday.",
            "Kellerby noted that Canadian officials have long been talking with Danish, Dutch, "
            "and Norwegian officials about the risk posed by the storms, and \"we're in talks "
            'about the building of additional sea walls" along the coast.',
        ],
        {"we're in talks": "Dana Kellerby"},
        (),
        id="a-quote-after-the-and-of-a-reported-clause",
    ),
    pytest.param(
        # "Hoff's letter makes a case: "..."": a noun of speech, subject of the clause the colon
        # ends, introduces its owner's words; not when the clause is a reaction to it
        [
            "Debate over the platform",
            "The platform committee met on Monday in Cleveland.",
            "Dana Kellerby’s letter makes a modest, practical case: “Our party must welcome "
            "every voter. We cannot win by shutting doors on people who agree with us.”",
            "Kellerby’s tweet drew a swift reply from the chairman: “Nobody is shutting doors.”",
        ],
        {"Our party must": "Dana Kellerby", "Nobody is shutting": None},
        (),
        id="a-letter-makes-a-case",
    ),
    pytest.param(
        # 'X, who thinks his staff "need to ..."': a quote in the clause a verb of belief reports
        # is the believer's words, though believing is no speech
        [
            "City news",
            '"People are angry," said Alderman Jason Kellerby, who thinks the mayor and his staff '
            '"need to be more collaborative, working with the community."',
            "Dana Marsh, a council member, thinks the plan is “a terrible mistake.”",
            # but a reporting verb above the belief reports the whole chain
            "Ryan Holt told reporters on Tuesday that the two envoys said they believe the "
            "council “genuinely wants to end the dispute.”",
        ],
        {
            "need to be more": "Jason Kellerby",
            "a terrible mistake": "Dana Marsh",
            "genuinely wants": "Ryan Holt",
        },
        (),
        id="a-verb-of-belief-reports-a-quote",
    ),
    # the cases below were found on saved web pages (the test pages of trafilatura and
    # mozilla/readability), not on PolNeAR
    pytest.param(
        # 'he bypassed the question for a second time saying "..."', 'was heard on a microphone
        # telling': a participle the parser hung on a time or a thing in the verb's phrase
        # reports for the verb's subject; not one hung on what can say things ("despite
        # research suggesting") or on someone's words ("given Roe's comments saying")
        [
            "Minister under fire",
            "Health Minister Carl Diaz came in for heavy criticism on Monday night.",
            'Speaking on the radio he bypassed the question for a second time saying "It is '
            'not about who is right and who is wrong."',
            "He blames the budget, despite research suggesting that the plan “cost the "
            "hospitals nothing at all.”",
            "Diaz was heard on a microphone telling an aide to “get on a plane and go home” "
            "after the vote.",
            "Maria Lopez said she would reassure the nurses, given Diaz’s comments saying he "
            "would “close the ward” next year.",
        ],
        {
            "It is not about who": "Carl Diaz",
            "cost the hospitals": None,
            "get on a plane": "Carl Diaz",
            "close the ward": "Carl Diaz",
        },
        (),
        id="a-participle-hung-on-a-phrase-of-time",
    ),
    pytest.param(
        # 'Speaking in the Commons, the Conservative MP said:': a definite description by an
        # office points back to the person the sentence before is about
        [
            "Travel firms hit",
            "Dana Kellerby warned on Monday that the sector is facing “mass job cuts” across "
            "the country.",
            "Speaking in the Commons, the Conservative MP said: “It does not need to be like "
            "this.”",
        ],
        {"It does not need": "Dana Kellerby"},
        (),
        id="a-definite-description-by-an-office",
    ),
    pytest.param(
        # 'X's lawyer, Y, had a short statement after the ruling. "..."': the quote right after
        # a sentence that issues a noun of speech is its owner's
        [
            "Court rules on the warehouse",
            "The appeals court found for the family on Thursday.",
            "The family’s lawyer, Ryan Holt, had a more succinct statement after the ruling on "
            "Thursday. “It is impossible to overstate the size of this ruling.”",
        ],
        {"It is impossible": "Ryan Holt"},
        (),
        id="a-statement-issued-in-the-sentence-before",
    ),
    pytest.param(
        # 'a reporter asked Roe, "...?" / "...," she replied': the he/she of a reply is the one
        # the question was put to, not its asker
        [
            "A judge sworn in",
            "At a press conference announcing her appointment, a reporter asked Judge Maria "
            "Lopez, “What do you see as the biggest problem in the courts?”",
            "“The biggest hurdle is getting people to understand their biases,” she replied. "
            "“That is where we have to start.”",
        ],
        {"The biggest hurdle": "Maria Lopez", "That is where": "Maria Lopez"},
        (),
        id="a-reply-to-a-question",
    ),
    pytest.param(
        # a chain of sentences led by "he" goes on over paragraphs of quotes: the last he of
        # the chain is still the person the first one stood for
        [
            "An interview in Washington",
            "On race relations, President Carl Diaz said recent concerns were “legitimate.”",
            "Children growing up during his presidency “will see race differently,” he said.",
            "“There are going to be tensions that arise.”",
            "“But if you look at my daughters’ generation, they have another attitude.”",
            "Talking about how he was feeling, he said “every leader has weaknesses”.",
            "“One of my strengths is that I have a pretty even temperament,” he said.",
        ],
        {"One of my strengths": "Carl Diaz"},
        (),
        id="a-chain-of-he-over-paragraphs",
    ),
    pytest.param(
        # 'X accepts the risks, but says ... . "..."', 'X once summed up the danger with a
        # metaphor. "..."': a co-ordinated reporting verb, or "sum up", in the sentence before
        # a quote of the same paragraph reports it
        [
            "Campus life",
            "The term began on Monday.",
            "Professor Dana Kellerby accepts that universities face real risks, but says "
            "shutting campuses down is unsustainable. “This approach assumes that there will be "
            "a vaccine soon.”",
            "The council met on Tuesday.",
            "Ryan Holt, chairman of the council, once summed up the danger of debt with a "
            "metaphor. “It is not so much the wolf at the door as termites in the woodwork.”",
        ],
        {"This approach assumes": "Dana Kellerby", "It is not so much": "Ryan Holt"},
        (),
        id="a-co-ordinated-verb-or-sum-up-in-the-sentence-before",
    ),
    pytest.param(
        # 'In Roe's case, she decided ... "...," she continued': a pronoun that leads its
        # sentence after a possessor stands for that possessor, not for an earlier speaker
        [
            "Hospitals run short",
            "Dr. Dana Kellerby said 22 infants were in the ward. “Families have many "
            "difficulties in reaching their children,” she said.",
            "In Hajjaj’s case, she decided to stay at the hospital to be near her child. “I am "
            "worried about him,” she continued.",
            "Maria Hajjaj, 25, fled the north with her family.",
        ],
        {"Families have many": "Dana Kellerby", "I am worried": "Maria Hajjaj"},
        (),
        id="a-pronoun-after-a-possessor",
    ),
    pytest.param(
        # '"...," remembers X': remembering reports; 'X says she hopes ... . It is easy, she
        # says, for people to marvel at ... . "..."': two reporting verbs of one person before
        # a quote report it (an infinitive, "to marvel", reports nothing)
        [
            "Goats of the island",
            "Volunteers went in with a plan.",
            "“Those goats were so smart,” remembers Dana Kellerby, coordinator of the programme, "
            "with a laugh.",
            "Maria Lopez says she hopes that people will admire the island. It is easy, she "
            "says, for people to marvel at how beautiful an island is. “But they do not know the "
            "work that goes into keeping it that way.”",
        ],
        {"Those goats were": "Dana Kellerby", "But they do not know": "Maria Lopez"},
        (),
        id="remembers-and-two-verbs-of-one-reporter",
    ),
    pytest.param(
        # 'The woman who started it all identified herself ... "...," she said': a definite
        # description of the pronoun's sex as the subject is whom the pronoun stands for; the
        # search stops there, before the writer quoted in the paragraph above
        [
            "A rally in Ohio",
            "“It was likely the first time a candidate used the phrase,” wrote Maria Lopez in "
            "the Guardian.",
            "The woman who started it all identified herself to reporters as a resident of "
            "Salem named Caroline.",
            "“He truly cares about the American people,” she said of the candidate.",
        ],
        {"He truly cares": None},
        (),
        id="a-definite-description-of-the-pronouns-sex",
    ),
    pytest.param(
        # 'Gov. X — who is being vetted as a running mate for Y — made ..., and he has battled
        # ..., at one point calling the mayor a "liar"': the parser makes the name the root of
        # its own relative clause; it is still the subject the later "he" stands for
        [
            "The city’s revival",
            "Ryan Holt spoke in Trenton on Monday.",
            "Gov. Carl Diaz — who is being vetted as a possible running mate for Ryan Holt — "
            "made reviving the city a priority in his first term, but the effort stalled, and he "
            "has battled with the council over the budget, at one point calling the mayor a "
            "“liar” who was not “honorable.”",
        ],
        {"liar": "Carl Diaz"},
        (),
        id="a-name-the-parser-made-a-root",
    ),
]


def _extract(nlp, body: str):
    return extract_document(
        RawDocument(path="x.txt", name="x.txt", raw_text=body, format="text"), nlp=nlp
    )


@pytest.mark.parametrize(("paragraphs", "speakers", "in_no_quote"), CASES)
def test_attribution_rule(nlp, paragraphs, speakers, in_no_quote):
    body = "\n\n".join(paragraphs)
    ex = _extract(nlp, body)
    quotes = [q for q in ex.quotes if q.kind != "indirect"]
    for start, expected in speakers.items():
        hits = [q for q in quotes if q.text.startswith(start)]
        if expected is None and not hits:
            continue  # not kept at all: nobody is named either
        assert hits, f"no quote starting {start!r} in {[q.text for q in quotes]}"
        q = hits[0]
        assert (ex.people[q.speaker].name if q.speaker_kind == "person" else None) == expected
    for word in in_no_quote:
        assert not any(word in q.text for q in quotes), word


def test_no_break_spaces_are_plain_to_the_extractors_and_kept_in_the_text(nlp):
    # the tagger and the people list read "Dana\u00a0Whitfield" as "Dana Whitfield"; the stored
    # text and each quote keep the no-break spaces they were written with, at the same offsets
    body = (
        "A show in Dayton\n\nThe hosts talked on Monday.\n\n“We are the biggest\u00a0show in "
        "Ohio,” mused radio co-host Dana\u00a0Whitfield."
    )
    ex = _extract(nlp, body)
    assert "\u00a0" in ex.article.body
    assert [p.name for p in ex.people] == ["Dana Whitfield"]
    (q,) = [q for q in ex.quotes if q.kind != "indirect"]
    assert q.text == "We are the biggest\u00a0show in Ohio,"
    assert ex.article.body[q.start : q.end] == q.text
    assert ex.people[q.speaker].name == "Dana Whitfield"


def test_a_bare_verb_the_tagger_took_for_a_participle_reports(nlp):
    # '"...," Reed barked and a guard led him out': on real text the tagger made "barked" a
    # participle (VBN) and the name its compound; the parse of the real sentence, given by hand
    from archive.clean.page import clean
    from archive.pipeline.extraction import extract_parsed

    body = (
        "A press conference in Dayton\n\nTom Reed threw a reporter out of a news conference.\n\n"
        "“Go back to Univision,” Reed barked and a security guard escorted the reporter out."
    )
    raw = RawDocument(path="x.txt", name="x.txt", raw_text=body, format="text")
    article = clean(raw)
    doc = nlp(article.body)
    (name,) = [t for t in doc if t.text == "Reed" and t.nbor(1).text == "barked"]
    verb = name.nbor(1)
    verb.tag_, verb.dep_, verb.head = "VBN", "ROOT", verb
    name.dep_, name.head = "compound", verb
    ex = extract_parsed(raw, article, doc)
    (q,) = [q for q in ex.quotes if q.text.startswith("Go back")]
    assert ex.people[q.speaker].name == "Tom Reed"
    assert q.cue == "barked"


def test_a_text_that_ends_with_a_quote_closed_by_a_comma(nlp):
    # the words after a closing mark are looked at for a verb: none is there at the very end
    body = "A rally in Dayton\n\nMaria Lopez spoke to the crowd on Monday. “We will win,”"
    ex = _extract(nlp, body)
    assert [q.text for q in ex.quotes if q.kind != "indirect"] == ["We will win,"]


def test_a_headline_echo_gives_way_to_the_quote_it_echoes(nlp):
    # the headline's words take the speaker of the body's quote they echo; of the two, the
    # quote where the speaker says them is kept (the same speaker's words once)
    body = (
        "Maria Lopez: Tom Reed Is a ‘Proven Failure’ in Business.\n\n"
        "Sen. Maria Lopez said on Saturday that Tom Reed was a “proven failure” in business."
    )
    ex = _extract(nlp, body)
    (q,) = [q for q in ex.quotes if q.kind == "partial"]
    assert q.text == "proven failure"
    assert ex.article.body[q.start : q.end] == "proven failure"
    assert ex.people[q.speaker].name == "Maria Lopez"


def test_a_line_in_title_case_is_no_name(nlp):
    # a subhead in Title Case the tagger reads as one name ("Roe Just Responded To Smith"): its
    # function words show it is none, and "Smith" is Tom Smith
    body = "\n\n".join(
        [
            "A debate in Detroit",
            "The debate from Detroit on Thursday night started with a bang when Jane Roe and Tom "
            "Smith were pressed about the attacks.",
            "Roe Just Responded To Smith’s Biggest Attack Yet With 1 Line That Had Crowd In "
            "Stitches",
            "“He’s always calling me ‘Little Tom.’ I admit, he’s taller than me,” Smith said "
            "Sunday in Virginia as the crowd roared.",
        ]
    )
    ex = _extract(nlp, body)
    assert sorted(p.name for p in ex.people) == ["Jane Roe", "Tom Smith"]
    (q,) = [q for q in ex.quotes if q.text.startswith("He’s always")]
    assert ex.people[q.speaker].name == "Tom Smith"


def test_a_clause_is_no_speaker(nlp):
    """'Explaining why he argued ... that throwing people "up against walls" and frisking them
    was a smart policy': the clause that is the subject of the sentence says nothing."""
    body = (
        "A mayor explains\n\nThe former mayor Carl Diaz spoke in Dayton on Monday.\n\n"
        "Explaining why he argued as recently as 2015 that throwing young people “up against "
        "walls” and frisking them was a smart policy."
    )
    ex = _extract(nlp, body)
    assert not [q for q in ex.quotes if "frisking" in (q.speaker_text or "")]


def test_not_to_mention_reports_nothing(nlp):
    """'The job pays well, not to mention "free lunches"': an idiom, no reporting verb."""
    ex = _extract(nlp, "Perks\n\nThe job pays well, not to mention “free lunches” and a gym.")
    assert not [q for q in ex.quotes if q.cue == "mention"], ex.quotes


# rules found on the saved pages of newspaper4k's test set; each case: the paragraphs, the start
# of a quote, and who says it: ("person", name) or (kind, the words of the text that name them)
SPEAKER_CASES = [
    pytest.param(
        # 'the ex-partner later testified': a hyphenated noun the parser split into three
        # subjects is one phrase; said again, it is the one of the sentence before, not the
        # person named inside that sentence
        [
            "A security firm in Spain",
            "Carl Diaz ran a security firm in Spain for many years, and it guarded an embassy.",
            "The ex-partner suspected that Carl Diaz was paid by a foreign client. “I deduced "
            "from our talks that he lied,” the ex-partner later testified in court.",
        ],
        "I deduced from",
        ("unnamed", "the ex-partner"),
        id="a-hyphenated-noun-said-again",
    ),
    pytest.param(
        # a description said again after a name it stands beside is that name's
        [
            "A security firm in Spain",
            "Carl Diaz ran a security firm in Spain for many years, and it guarded an embassy.",
            "Dana Kellerby, the lawyer for the family, was in court on Monday. “It was the last "
            "step,” the lawyer said.",
        ],
        "It was the last step",
        ("person", "Dana Kellerby"),
        id="a-description-beside-a-name-said-again",
    ),
    pytest.param(
        # 'When X asked what Y meant, he responded that he had turned to the "dark side"': the
        # reply is no part of the question; the quote is the one who replied
        [
            "A security firm in Spain",
            "Luis Morales ran a security firm in Spain for many years, and it guarded an embassy.",
            "When a co-owner of UC Global asked what Morales meant, he responded that he had "
            "turned to the “dark side” - an apparent reference to the spies.",
        ],
        "dark side",
        ("person", "Luis Morales"),
        id="a-reply-parsed-as-the-content-of-a-question",
    ),
    pytest.param(
        # 'In its coverage of ... X's firm, the New York Times claimed': the verb left without a
        # subject by the parser; the name before it is only a possessor, the paper speaks
        [
            "A security firm in Spain",
            "Peter Adler ran a casino in Las Vegas for many years.",
            "In its coverage of the alleged relationship between the CIA, UC Global, and Adler's "
            "Sands, the New York Times claimed it was “unclear whether the Americans were behind "
            "it.”",
        ],
        "unclear whether",
        ("organisation", "the New York Times"),
        id="a-possessor-before-the-subject-the-parser-missed",
    ),
    pytest.param(
        # 'The Spanish daily El Pais reported': a name described as a newspaper, which the model
        # tags an organisation, is no person
        [
            "A burglary in Madrid",
            "The Spanish daily El Pais reported that three hooded men broke into the office, "
            "took no money, but “shuffled through documents.”",
        ],
        "shuffled through",
        ("organisation", "The Spanish daily El Pais"),
        id="a-name-described-as-a-newspaper",
    ),
    pytest.param(
        # a paragraph that ends with a reporting verb and a comma introduces the next one, as a
        # colon does
        [
            "A security firm in Spain",
            "Carl Diaz ran a security firm in Spain for many years, and it guarded an embassy.",
            "It was increasingly clear to his partners that he was lying to his clients.",
            "A former business partner at the firm stated in their testimony,",
            "“Sometimes, when I asked him who his friends were, he answered that they were spies.”",
        ],
        "Sometimes, when I asked",
        ("unnamed", "A former business partner at the firm"),
        id="a-paragraph-ending-with-a-comma",
    ),
    pytest.param(
        # '"...," X emailed his employees, "..."': emailing reports
        [
            "A security firm in Spain",
            "Carl Diaz ran a security firm in Spain for many years, and it guarded an embassy.",
            "“Nobody can know about my trips,” Diaz emailed his employees, “because they are "
            "onto us.”",
        ],
        "Nobody can know",
        ("person", "Carl Diaz"),
        id="emailed",
    ),
    pytest.param(
        # '"...," he rumbled from the podium': a verb of the voice reports
        [
            "A speech in Washington",
            "Ryan Holt spoke at a think tank in April. The director made no secret of his target.",
            "“It is time to call the group what it really is,” he rumbled from the podium.",
        ],
        "It is time to call",
        ("person", "Ryan Holt"),
        id="a-verb-of-the-voice",
    ),
    pytest.param(
        # 'saying the council has no intention to talk ... and calling it a "senseless" hope':
        # the thing an infinitive belongs to says nothing
        [
            "Talks in Dayton",
            "A spokesperson for the union issued a statement on Friday, saying the council has "
            "no intention to talk with the union again and calling it a “senseless” hope.",
        ],
        "senseless",
        ("organisation", "the council"),
        id="the-noun-of-an-infinitive-says-nothing",
    ),
    pytest.param(
        # 'PETA said': one word in capitals is the initials of an organisation
        [
            "Drones over the hills",
            "PETA said it aims through its “air angels” effort to protect deer.",
        ],
        "air angels",
        ("organisation", "PETA"),
        id="initials",
    ),
    pytest.param(
        # '"..." (Current models say that ...)': the writer's aside after a quote reports none
        # of it; the quote goes on the speaker before
        [
            "A climate paper",
            "Dana Kellerby disputes the paper in a commentary.",
            "“The authors are promoting a gambit,” Kellerby writes. “This desperate action is "
            "motivated by a fallacy.” (Current models say that the warming will be slower.)",
        ],
        "This desperate action",
        ("person", "Dana Kellerby"),
        id="an-aside-after-a-quote",
    ),
]


SPEAKER_CASES.append(
    pytest.param(
        # 'Then, laying his hand on my shoulder, muttered, "..."': the parser made the participle
        # the subject; a clause is no speaker
        [
            "The forger",
            "“Did you know Monroe Edwards?” he added touchingly, and paused. Then, laying his "
            "hand pityingly on my shoulder, muttered, “he died of consumption at Sing-Sing.”",
        ],
        "he died of consumption",
        ("none", None),
        id="a-participle-is-no-speaker",
    )
)


SPEAKER_CASES.append(
    pytest.param(
        # 'Boasting 108,000 residents ..., called the "Crossroads of America" by the citizens,
        # the voters ...': a participle opening the sentence is no speaker (the citizens are)
        [
            "A bellwether county",
            "Boasting 108,000 residents who run the gamut from farmers to professors, with its "
            "nominal capital in Terre Haute, called the “Crossroads of America” by the citizens, "
            "the voters in the area seem enamored with the mayor, according to the Courier.",
        ],
        "Crossroads of America",
        ("unnamed", "the citizens"),
        id="a-participle-opening-a-sentence-is-no-speaker",
    )
)


@pytest.mark.parametrize(("paragraphs", "start", "expected"), SPEAKER_CASES)
def test_speaker_rule(nlp, paragraphs, start, expected):
    check_speaker(nlp, paragraphs, start, expected)


def first_quote(ex, start):
    """The first direct quote of the extraction ``ex`` that starts with ``start``."""
    hits = [q for q in ex.quotes if q.kind != "indirect" and q.text.startswith(start)]
    assert hits, f"no quote starting {start!r} in {[q.text for q in ex.quotes]}"
    return hits[0]


def check_speaker(nlp, paragraphs, start, expected):
    """The quote starting with ``start`` is said by ``expected``: ("person", name) or (kind, the
    words of the text that name them), and a speaker that is no person is no person either."""
    ex = _extract(nlp, "\n\n".join(paragraphs))
    q = first_quote(ex, start)
    if q.speaker_kind == "person":
        got = ("person", ex.people[q.speaker].name)
    else:
        got = (q.speaker_kind, q.speaker_text)
    assert got == expected
    if expected[0] != "person":
        assert expected[1] not in [p.name for p in ex.people]


def test_a_name_tagged_as_a_participle_is_still_the_subject(nlp):
    """'Walking to the next address, Ebeling reminisced ... and said': a name ending in -ing that
    the tagger reads as a participle is no clause; she reports what she said."""
    body = (
        "A caucus night\n\nJane Ebeling knocked on doors in Iowa for her old friend on Monday.\n\n"
        "Walking to the next address, Ebeling reminisced about her days growing up as a Goldwater "
        "girl with Clinton, and said their political views were both changed by “the Vietnam War.”"
    )
    ex = _extract(nlp, body)
    (q,) = [q for q in ex.quotes if q.kind == "indirect" and q.text.startswith("their political")]
    assert q.speaker_kind == "person" and ex.people[q.speaker].name == "Jane Ebeling"
