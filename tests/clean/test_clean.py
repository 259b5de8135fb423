"""Cleaning: boilerplate removal, headline, byline, credits, outlet and agency."""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

import pytest

from archive.clean.outlets import canonical_outlet, outlet_from_domain, outlet_from_text
from archive.clean.page import clean
from archive.readers.files import read_path
from archive.records import RawDocument

HERE = Path(__file__).parents[1]
FIX = HERE / "fixtures"
SEEDS = HERE.parent / "seeds"
GOLD = {a["file"]: a for a in json.loads((FIX / "gold_seeds.json").read_text("utf-8"))["articles"]}


def norm(s):
    """The scorer's normalisation (case, curly quotes, punctuation)."""
    if not s:
        return ""
    s = (
        unicodedata.normalize("NFKC", s)
        .replace("’", "'")
        .replace("‘", "'")
        .replace("“", '"')
        .replace("”", '"')
    )
    return " ".join(re.sub(r"[^\w\s]", " ", s.lower()).split())


def seed(name: str):
    (doc,) = list(read_path(str(SEEDS / name)))
    return doc, clean(doc)


def text_doc(text: str, **meta) -> RawDocument:
    return RawDocument(path="x.txt", name="x.txt", raw_text=text, format="text", meta=meta)


@pytest.mark.parametrize("name", sorted(GOLD))
def test_seed_metadata_matches_gold(name):
    _, art = seed(name)
    gold = GOLD[name]
    assert art.source == gold["source"]
    assert art.wire == gold["wire"]
    assert norm(art.title) == norm(gold["title"])
    assert sorted(map(norm, art.authors)) == sorted(map(norm, gold["authors"]))
    assert sorted(map(norm, art.photographers)) == sorted(map(norm, gold["photographers"]))


@pytest.mark.parametrize("name", sorted(GOLD))
def test_seed_body_keeps_every_gold_quote_verbatim(name):
    _, art = seed(name)
    for quote in GOLD[name]["quotes"]:
        assert quote["text"] in art.body


def test_body_has_paragraphs_and_verbatim_lines():
    doc, art = seed("001_12ce20c31769740d.txt")
    paras = art.body.split("\n\n")
    assert all(p and p == p.strip() and "\n" not in p for p in paras)
    raw_lines = {ln.strip() for ln in doc.raw_text.split("\n")}
    # every paragraph is a raw line verbatim; captions come last, their credit cut off
    assert all(p in raw_lines or any(r.startswith(p) for r in raw_lines) for p in paras)


def test_moscow_times_donation_appeal_and_newsletter_are_removed():
    _, art = seed("001_12ce20c31769740d.txt")
    for junk in (
        "undesirable",
        "Dear readers",
        "Support The Moscow Times",
        "newsletter",
        "A Message from",
        "please support us",
        "Remind me later",
        "Read more",
        "Alexander Ryumin",
    ):
        assert junk not in art.body
    assert art.body.startswith("Senior Russian and Ukrainian officials")
    assert "since launching the full-scale invasion.\n\nThe Russian delegation at talks" in art.body
    assert art.body.endswith("with Vladimir Medinsky at center.")  # the caption, without its credit


def test_ksl_key_takeaways_captions_and_navigation_are_removed():
    _, art = seed("002_7876c24f4a7ff28a.txt")
    for junk in (
        "KEY TAKEAWAYS",
        "Key Takeaways",
        "•",
        "3 photos",
        "Save Story",
        "Pierre Albouy",
        "Related stories",
        "KSL",
        "Play button",
        "John Revill",
    ):
        assert junk not in art.body
    assert art.body.startswith("GENEVA — Two days of peace talks")
    assert art.dateline == "GENEVA"
    assert "Pressure from Trump" in art.body  # subheads are article text
    # the caption printed twice (alt text + credited line) is kept once, after the text
    assert art.body.count("A woman holds a Ukrainian flag") == 1
    assert art.body.endswith("between Russia and Ukraine in Geneva, Tuesday.")


def test_nyt_footer_gives_title_source_and_authors():
    _, art = seed("000_47f587bc625f9b0d.txt")
    assert "contributed reporting" not in art.body and "appeared first on" not in art.body
    assert "reports on the war" not in art.body
    assert art.body.endswith("to end the war by early summer.")


def test_independent_header_and_comment_prompt():
    _, art = seed("003_4f446afe6e3bcb96.txt")
    assert art.subtitle.startswith("Ukraine tempered expectations")
    assert art.body.startswith("Hopes of a Ukraine peace deal")
    assert "commenting forum" not in art.body and "bookmarks" not in art.body
    assert "toldThe Independent" in art.body  # an outlet quoted in the body stays


def test_shropshire_star_byline_captions_and_furniture():
    _, art = seed("004_9a9109655f13f050.txt")
    assert art.byline == "By contributor Jamey Keaten and Illia Novikov, Associated Press"
    assert (
        art.subtitle
        == "The negotiations in Switzerland were the third round of direct talks organised by the "
        "US."
    )
    for junk in (
        "Published",
        "Last updated",
        "Supporting image",
        "Mechanized Brigade",
        "Four Ukrainian soldiers",
        "In this photo provided",
        "Shropshire Star",
    ):
        assert junk not in art.body
    assert art.body.startswith("The latest US-brokered talks")


def test_html_fixture_uses_metadata():
    (doc,) = list(read_path(str(FIX / "guardian_style.html")))
    art = clean(doc)
    assert (
        art.source == "The Guardian"
        and art.source_domain == "theguardian.com"
        and art.source_country == "GB"
    )
    assert art.title == "Storm Darragh: thousands without power as flood defences tested"
    assert art.subtitle.startswith("Engineers work through the night")
    assert art.published_at == "2024-12-08T09:41:12+00:00"
    assert art.url.startswith("https://www.theguardian.com/environment/")
    assert art.authors == ["Helena Marsh"] and art.photographers == ["Ben Birchall"]
    assert art.wire is None
    assert "“higher than anything we have recorded in the past decade”" in art.body


def test_cp1252_text_fixture():
    (doc,) = list(read_path(str(FIX / "cp1252_article.txt")))
    art = clean(doc)
    assert art.title == "Café owners in Zürich fear “tourist tax” rise"
    assert art.subtitle == "City council’s plan would add 3.50 francs to every overnight stay"
    assert art.authors == ["Anaïs Lefèvre"]
    assert art.published_at == "2025-03-03"
    assert art.dateline == "ZURICH"
    assert art.wire is None
    assert "“We can’t keep absorbing costs – our margins are already thin,”" in art.body
    assert "reports on business" not in art.body and "By Anaïs" not in art.body


def test_ap_dateline_story():
    (doc,) = list(read_path(str(FIX / "ap_dateline.txt")))
    art = clean(doc)
    assert art.wire == "Associated Press"
    assert art.source == "Riverside Ledger"  # masthead of an unknown paper
    assert art.dateline == "WASHINGTON"
    assert art.title == "Senate passes stopgap bill to avert government shutdown"
    assert art.authors == ["Mary Clare Jalonick", "Kevin Freking", "Lisa Mascaro"]
    assert art.photographers == ["J. Scott Applewhite"]
    assert art.body.startswith("WASHINGTON (AP) — The Senate passed")
    assert "another fight before the holidays.\n\n" in art.body
    assert art.body.endswith("at the Capitol in Washington, Tuesday.")  # caption after the text
    assert "Copyright" not in art.body and "AP Photo" not in art.body


def test_jsonl_row_metadata_wins():
    items = list(read_path(str(FIX / "rows.jsonl")))
    art = clean(items[0])
    assert (art.title, art.source, art.authors) == (
        "Dam repairs finished early",
        "KSL.com",
        ["Sam Reed", "Lee Park"],
    )
    assert art.published_at == "2025-05-01T10:00:00+00:00" and art.dateline == "PROVO"
    last = clean(items[3])
    assert (last.source, last.wire) == ("Deseret News", "Associated Press")


def test_photo_agency_credit_alone_is_not_a_wire_story():
    text = (
        "Flooded streets\n\nResidents wade through water in Lagos. Ayodeji Ola / Reuters\n\n"
        "Heavy rain flooded parts of Lagos on Monday, cutting roads and forcing schools to close "
        "early.\n\n"
        "The state emergency agency said it had evacuated hundreds of families from low-lying "
        "areas."
    )
    art = clean(text_doc(text))
    assert (
        art.wire is None and art.photographers == ["Ayodeji Ola"] and art.title == "Flooded streets"
    )


def test_reuters_reporting_by_signoff():
    text = (
        "LONDON, Feb 18 (Reuters) - British inflation fell more than expected in January, official "
        "data "
        "showed on Wednesday.\n\nEconomists had expected a smaller decline.\n\n"
        "(Reporting by Andy Bruce and William Schomberg; Editing by Toby Chopra)"
    )
    art = clean(text_doc(text))
    assert art.wire == "Reuters" and art.dateline == "LONDON"
    assert art.authors == ["Andy Bruce", "William Schomberg"]
    assert "Editing" not in art.body


def test_generic_outlet_clues():
    assert outlet_from_text("Support The Foo Bar!").name == "The Foo Bar"
    assert outlet_from_text("follow other Kyiv Independent readers").name == "The Kyiv Independent"
    assert outlet_from_text("Zelensky told The Independent that ...") is None
    assert canonical_outlet("nytimes.com").name == "The New York Times"
    assert canonical_outlet("https://www.reuters.com/world/x").kind == "wire"
    assert outlet_from_domain("https://www.valley-herald.com/a/b").name == "Valley Herald"


def test_unknown_outlet_from_appeal_and_body_outlet_is_not_source():
    text = (
        "Bridge to close for repairs\n\nThe Old Mill bridge will close for six weeks from Monday, "
        "the county "
        "council said, and told The Guardian diversions would be signposted.\n\n"
        "Support The Valley Echo!\n\nWe rely on readers like you. Please support our journalism "
        "today."
    )
    art = clean(text_doc(text))
    assert art.source == "The Valley Echo"
    assert "rely on readers" not in art.body and "Support" not in art.body


def test_mojibake_in_text_is_repaired_in_body():
    text = (
        "Minister\u00e2\u20ac\u2122s plan\n\nThe minister\u00e2\u20ac\u2122s plan was "
        "\u00e2\u20ac\u0153bold\u00e2\u20ac\u009d, aides said on Friday morning."
    )
    art = clean(text_doc(text))
    assert (
        "The minister’s plan was “bold”, aides said" in art.body and art.title == "Minister’s plan"
    )


def test_clean_is_deterministic_and_pure():
    doc, art = seed("002_7876c24f4a7ff28a.txt")
    before = doc.raw_text
    assert clean(doc) == art and doc.raw_text == before


def test_hard_wrapped_text_is_unwrapped_and_bio_gives_author_and_outlet():
    text = (
        "Town council approves new\nbudget after long debate\n\nBy Jane Doe\nMarch 4, 2025\n\n"
        "The town council approved a new budget on Tuesday night after a\n"
        "debate that lasted more than four hours, with members split over\n"
        "how much to spend on roads.\n\n"
        '"We have to fix the potholes first," said council member Rob Hale,\n'
        "who voted in favour of the plan.\nHe added that the vote was close.\n\n"
        "Jane Doe is a staff reporter for the Valley Ledger.\n"
    )
    art = clean(text_doc(text))
    assert art.title == "Town council approves new budget after long debate"
    assert art.authors == ["Jane Doe"] and art.published_at == "2025-03-04"
    assert art.source == "The Valley Ledger"
    assert art.body.split("\n\n") == [
        "The town council approved a new budget on Tuesday night after a debate that lasted more "
        "than four "
        "hours, with members split over how much to spend on roads.",
        '"We have to fix the potholes first," said council member Rob Hale, who voted in favour of '
        "the plan.",
        "He added that the vote was close.",
    ]


def test_long_lines_are_paragraphs_even_next_to_wrapped_ones():
    """A line far longer than wrapped lines are (a reader's comment signed with a dash) is a
    paragraph of its own in a text whose other blocks are hard-wrapped."""
    wrapped = (
        "The town council approved a new budget on Tuesday night after a\n"
        "debate that lasted more than four hours, with members split over\n"
        "how much to spend on roads and on the library in the old mill.\n\n"
        "The mayor said the vote had been close and that he would ask for\n"
        "a second reading in the spring, when the new members take their\n"
        "seats and the figures for the winter are known to the council.\n\n"
    )
    one = "“I am so ashamed of this council. " + "They never listen to us. " * 6 + "” ― Ana Ruiz"
    two = "“The roads are a disgrace. " + "Nobody has fixed them in years. " * 5 + "” ― Tom Bell"
    art = clean(text_doc("Budget passes\n\nBy Jane Doe\n\n" + wrapped + one + "\n" + two + "\n"))
    paragraphs = art.body.split("\n\n")
    assert paragraphs[-2:] == [one, two]
    assert paragraphs[0].startswith("The town council") and paragraphs[0].endswith("old mill.")


def test_subheads_stay_and_promo_links_go():
    text = (
        "Explosions heard in Kyiv\n\nBy Reuters Staff\n\n"
        "KYIV (Reuters) - Explosions were heard in Kyiv early on Sunday, a Reuters witness "
        "said.\n\n"
        "Read more: Ukraine war latest\n\nSupport for Ukraine\n\n"
        "Officials said debris fell on two districts but there were no immediate reports of "
        "casualties."
    )
    art = clean(text_doc(text))
    assert art.wire == "Reuters" and art.authors == [] and art.dateline == "KYIV"
    assert "Support for Ukraine" in art.body and "Read more" not in art.body


def test_a_short_quotation_ending_the_story_is_body_not_footer():
    text = (
        "Phone banking in Dayton\n\nThe volunteers gathered in a church hall on Monday.\n\n"
        '"Well, thank you so much," Eva Milner said into the phone.\n\nThe crowd roars.\n\n'
        '"We want Rivera!"\n\nShare this\n\nRead more'
    )
    art = clean(text_doc(text))
    assert art.body.endswith('The crowd roars.\n\n"We want Rivera!"'), art.body
    assert "Read more" not in art.body and "Share this" not in art.body


def test_extracted_text_keeps_short_lead_when_metadata_has_the_title():
    doc = RawDocument(
        path="r.jsonl#1",
        name="r",
        raw_text="{}",
        format="jsonl",
        text="Fire at tower block\n\nShort lead.\n\nMore than 80 people were evacuated on Friday.",
        meta={"title": "Fire at tower block"},
    )
    art = clean(doc)
    assert art.title == "Fire at tower block"
    assert art.body == "Short lead.\n\nMore than 80 people were evacuated on Friday."


# --- general header / footer / credit rules (synthetic examples) ------------------------------

_PROSE = (
    "The city council voted on Tuesday to close three central streets to cars from next spring, "
    "officials said after a long meeting."
)


def test_navigation_and_section_labels_are_not_the_title():
    text = (
        "Evening Standard\nHome | News | Sport | Business | Culture\nSign in | Subscribe\nYour "
        "account\nPolitics\n\n"
        "Mayor unveils plan to pedestrianise three central streets\n\nBy Jane Roe\n12 March "
        "2025\n\n"
        "LONDON — " + _PROSE + '\n\n"It is time," the mayor said.'
    )
    art = clean(text_doc(text))
    assert art.title == "Mayor unveils plan to pedestrianise three central streets"
    assert art.source == "Evening Standard"
    assert art.authors == ["Jane Roe"]
    assert art.body.startswith("LONDON — The city council")
    for junk in ("Home |", "Sign in", "Your account", "Politics"):
        assert junk not in art.body


def test_nav_with_bullets_and_menu_words_without_byline():
    text = (
        "News • World • Opinion • Sport\nSubscribe now for just $1\nEurope\n"
        "Floods force thousands from homes in northern Italy\n"
        "Rescuers used boats to reach villages cut off by the water\n\n" + _PROSE
    )
    art = clean(text_doc(text))
    assert art.title == "Floods force thousands from homes in northern Italy"
    assert art.subtitle == "Rescuers used boats to reach villages cut off by the water"
    assert art.body == _PROSE


def test_homepage_masthead_and_sub_brand_named_under_the_byline():
    text = (
        "BBC Homepage\nSkip to content\nSport\nCricket\nCounty Championship\n\n"
        "Surrey edge Somerset in a tense finish at the Oval\n\nBy Tom Hale\nBBC Sport at the "
        "Oval\n\n"
        "Published\n3 May 2025\n\n" + _PROSE
    )
    art = clean(text_doc(text))
    assert art.title == "Surrey edge Somerset in a tense finish at the Oval"
    assert art.source == "BBC Sport"
    assert art.authors == ["Tom Hale"]
    assert art.body == _PROSE


def test_site_name_matching_the_copyright_holder_is_a_masthead():
    text = (
        "Rocky Mountain Outdoors Report\n\nTrail crews race to repair storm damage before "
        "summer\n\n" + _PROSE + "\n\n© 2025 Rocky Mountain Outdoors Report. All rights reserved."
    )
    art = clean(text_doc(text))
    assert art.title == "Trail crews race to repair storm damage before summer"
    assert art.source == "Rocky Mountain Outdoors Report"


def test_section_label_after_the_title_is_not_an_author():
    text = "Harbour club sign veteran striker on a one-year deal\nPremier League\n\n" + _PROSE
    art = clean(text_doc(text))
    assert art.title == "Harbour club sign veteran striker on a one-year deal"
    assert art.authors == []


def test_all_caps_byline_with_agency_and_email():
    art = clean(
        text_doc(
            "Judge delays ruling in pension fraud case\n\nBy JANE ROE Associated Press\n\n"
            "CHICAGO (AP) — " + _PROSE
        )
    )
    assert art.authors == ["Jane Roe"] and art.wire == "Associated Press"
    art = clean(
        text_doc(
            "Judge delays ruling in pension fraud case\n\nBy Jane Roe jroe@example.com\n\n" + _PROSE
        )
    )
    assert (
        art.authors == ["Jane Roe"]
        and art.byline.startswith("By Jane Roe")
        and art.subtitle is None
    )


@pytest.mark.parametrize(
    "line, names, agency",
    [
        ("Crowds gather outside the court. (Photo: Lina Park/Reuters)", ["Lina Park"], "Reuters"),
        (
            "Crowds gather outside the court. Photograph: Lina Park/Getty Images",
            ["Lina Park"],
            None,
        ),
        (
            "Crowds gather outside the court. AP Photo/Evan Marsh",
            ["Evan Marsh"],
            "Associated Press",
        ),
        ("Lina Park/Reuters", ["Lina Park"], "Reuters"),
        ("Crowds gather outside the court. PHOTO: AFP", [], "Agence France-Presse"),
        (
            "Crowds gather outside the court. PHOTO: Lina Park/AFP",
            ["Lina Park"],
            "Agence France-Presse",
        ),
        ("Image: Lina Park", ["Lina Park"], None),
        ("Image source, Reuters/Lina Park", ["Lina Park"], "Reuters"),
        (
            "Crowds gather outside the court in Lima [File: Lina Park/Reuters]",
            ["Lina Park"],
            "Reuters",
        ),
        (
            "Crowds gather outside the court in Lima, Peru. REUTERS/Lina Park/File Photo",
            ["Lina Park"],
            "Reuters",
        ),
    ],
)
def test_photo_credit_forms(line, names, agency):
    from archive.clean import credits as cr

    credit = cr.photo_credit(line)
    assert credit
    got_names, orgs = cr.credit_parts(credit)
    assert got_names == names
    assert (orgs[0].name if orgs else None) == agency


def test_photo_label_inside_prose_is_not_a_credit():
    from archive.clean import credits as cr

    assert cr.photo_credit("He posted a photo: a cat on the roof.") is None
    assert cr.photo_credit("The war [in the east] must end.") is None


def test_image_caption_label_goes_to_the_end_without_label_or_credit():
    text = (
        "Storm closes ports along the southern coast\n\nBy Jane Roe\n\n" + _PROSE + "\n\n"
        "Image source, Getty Images\nImage caption, Waves crash over the harbour wall on Sunday\n\n"
        "Ferries will not sail until Thursday, the port authority said in a short statement."
    )
    art = clean(text_doc(text))
    paras = art.body.split("\n\n")
    assert paras[-1] == "Waves crash over the harbour wall on Sunday"
    assert "Image source" not in art.body and "Image caption" not in art.body
    assert paras[1].startswith("Ferries will not sail")


@pytest.mark.parametrize("line", ["AFP", "— AFP", "(AFP)", "AFP/Reuters", "SOURCE: AFP"])
def test_agency_credit_line_after_the_article_is_the_wire(line):
    text = (
        "Floods force thousands from homes in northern Italy\n\n" + _PROSE + "\n\n"
        '"We lost everything," one resident said.\n\n' + line + "\n\n"
        "Join our WhatsApp channel for the latest news."
    )
    art = clean(text_doc(text))
    assert art.wire == "Agence France-Presse"
    assert art.body.endswith("one resident said.")


def test_source_line_naming_no_agency_is_dropped_without_wire():
    text = (
        "Floods force thousands from homes in northern Italy\n\n" + _PROSE + "\n\n"
        "SOURCE: Al Jazeera and news agencies\n\nKeep reading\nWhat is behind the floods?\nRivers "
        "rise again"
    )
    art = clean(text_doc(text))
    assert art.wire is None and art.body == _PROSE


def test_agency_named_over_the_headline_on_a_syndicating_site():
    text = (
        "Yahoo Finance\nHome | News | Markets | Videos\nReuters\n\n"
        "Carmaker beats profit estimates as truck demand holds up\n\nJane Roe and Tom Hale\n\n"
        + _PROSE
    )
    art = clean(text_doc(text))
    assert art.source == "Yahoo Finance" and art.wire == "Reuters"
    assert art.title == "Carmaker beats profit estimates as truck demand holds up"
    assert art.authors == ["Jane Roe", "Tom Hale"]


def test_about_the_author_bio_and_correction_note_leave_the_body():
    text = (
        "Vaccine study finds fewer strokes among older adults\n\nBy Jane Roe\n\n" + _PROSE + "\n\n"
        "About the Author\nTom Hale covers public health.\n"
        "To submit a correction request, please visit our Contact Us page."
    )
    art = clean(text_doc(text))
    assert art.body == _PROSE
    assert art.authors == ["Jane Roe", "Tom Hale"]


def test_navigation_lines_are_not_joined_as_wrapped_text():
    text = (
        "Local | Sports | Business | Opinion\nSubscribe | Sign in\n\n"
        "Mayor unveils plan to pedestrianise three central streets\n\n" + _PROSE + "\n\n"
        "More Local News\nSchool board approves new budget after long debate\nLibrary to extend "
        "weekend hours"
    )
    art = clean(text_doc(text))
    assert art.title == "Mayor unveils plan to pedestrianise three central streets"
    assert art.body == _PROSE


def test_short_headline_with_a_verb_is_not_a_section_label():
    text = (
        "Biden wins Iowa\nThe president swept the caucuses with ease on Monday night\n\n" + _PROSE
    )
    art = clean(text_doc(text))
    assert art.title == "Biden wins Iowa"
    assert art.subtitle == "The president swept the caucuses with ease on Monday night"
    assert art.body == _PROSE
