"""A statement, an ad, a letter or an email that is the subject of a reporting verb speaks for
whoever issued it (archive.extract.quotes.documents): invented sentences of the kinds found on
real news."""

import pytest

from archive.pipeline.extraction import extract_document
from archive.records import RawDocument
from tests.extract.test_attribution_rules import pipeline_quote
from tests.extract.test_quotes import nlp

__all__ = ["nlp"]  # the spaCy fixture, shared with test_quotes


@pytest.mark.parametrize(
    "body, fragment, speaker",
    [
        (  # the subject of the verb that issued it
            "Jane Roe is the new mayor. On Saturday, Roe issued a statement saying that the judge "
            'was "a remarkable person and a brilliant jurist."',
            "brilliant jurist",
            "Jane Roe",
        ),
        (
            "Jane Roe is running for governor. After the storm, Roe released a new radio ad "
            'calling the plan "dangerous."',
            "dangerous",
            "Jane Roe",
        ),
        (
            "Phoenix Mayor Jane Roe wrote a letter to the governor asking the state to investigate "
            'the "fiasco."',
            "fiasco",
            "Jane Roe",
        ),
        (  # its possessor
            "Senator Jane Roe spoke on Monday. Roe's fundraising email to her supporters notes "
            'that the mayor "is a civil rights attorney who fought for fair wages."',
            "civil rights attorney",
            "Jane Roe",
        ),
        (
            "John Doe defended his record. When Doe tried to defend his remarks calling the "
            'government "strong," the governor differed.',
            "strong",
            "John Doe",
        ),
        (  # its author
            'The case was closed. "The evidence is insufficient to support a prosecution," '
            "according to a court document filed by state attorney John Doe.",
            "evidence is insufficient",
            "John Doe",
        ),
        (  # the verb that the phrase "in a statement" belongs to
            "John Doe is the mayor. Doe said he would run again. In a statement that spoke to the "
            '"frustration and the anger" of voters, Doe struck a hopeful tone.',
            "frustration and the anger",
            "John Doe",
        ),
        (  # "that" of a clause of the document, after a participle of its issuer
            "But Mr. Doe showed no sign of backing down, releasing a statement that, while "
            "condemning violence, accused the party leadership of using "
            '"its power to prevent a fair process."',
            "fair process",
            "Doe",
        ),
        (  # not a document: "who" of a relative clause in a conjunct is the name it follows
            "The senator was rallying for a 70-year-old academic named John Doe, who is running "
            'for Congress and who worked the crowd, praising "the senator\'s integrity" as he '
            "spoke.",
            "senator's integrity",
            "John Doe",
        ),
    ],
)
def test_a_document_speaks_for_its_owner(nlp, body, fragment, speaker):
    q, name = pipeline_quote(body, fragment, nlp)
    assert name is not None and name.endswith(speaker)


def test_a_document_without_an_owner_stays_unnamed(nlp):
    body = (
        "The council met on Monday. A statement posted on the door said the hall would be "
        '"closed until further notice."'
    )
    q, name = pipeline_quote(body, "closed until further notice", nlp)
    assert name is None and q.speaker_kind in ("unnamed", "organisation")


def test_a_title_after_a_book_is_no_quote(nlp):
    body = (
        'Jane Roe spoke about immigration. In her book, "Strangers at the Gate," Roe argued that '
        "the city had changed."
    )
    ex = extract_document(
        RawDocument(path="x.txt", name="x.txt", raw_text=body, format="text"), nlp=nlp
    )
    assert not [q for q in ex.quotes if "Strangers" in q.text and q.speaker_kind == "person"]
