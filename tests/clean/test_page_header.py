"""Whole-page scrapes: the page header (site name, menus, cookie banners, breadcrumbs, headline,
standfirst, byline, dates, captions) is told apart from the article, whatever its order."""

from __future__ import annotations

import pytest

from archive.clean import credits as cr
from archive.clean.dates import parse_date
from archive.clean.lines import date_line, parse_dateline
from archive.clean.page import clean
from archive.records import RawDocument

LEDE = (
    "Dozens of families were moved out of their homes on Monday after a river burst its banks "
    "overnight, officials in the town said."
)
SECOND = (
    '"We had twenty minutes to get out," said Ana Ruiz, who has lived on the street for 30 years. '
    '"Everything downstairs is gone."'
)


def doc(text: str) -> RawDocument:
    return RawDocument(path="page.txt", name="page.txt", raw_text=text, format="text", meta={})


def page(*header: str) -> str:
    return "\n".join(header) + "\n\n" + LEDE + "\n\n" + SECOND + "\n"


NAV = [
    "Skip to main content",
    "Sign in",
    "Search jobs",
    "UK edition",
    "News",
    "Opinion",
    "Climate crisis",
    "Global development",
    "Football",
    "Accept cookies? We and our partners use cookies. Accept all | Manage settings",
]


def test_headline_after_a_long_menu_and_a_section_label():
    art = clean(
        doc(
            page(
                *NAV,
                "Environment",
                "River floods force families from homes in market town",
                "Residents describe a night of rising water as rescue crews work through the dark",
                "Tue 10 Jun 2025 18.42 BST",
            )
        )
    )
    assert art.title == "River floods force families from homes in market town"
    assert art.subtitle.startswith("Residents describe a night")
    assert art.body.startswith("Dozens of families") and "Climate crisis" not in art.body
    assert art.published_at == "2025-06-10"


def test_standfirst_sentence_and_caption_before_the_byline_are_not_the_body():
    art = clean(
        doc(
            page(
                *NAV,
                "River floods force families from homes in market town",
                "Residents described a night of rising water as rescue crews worked through the "
                "dark.",
                "A rescue boat on a flooded street on Monday. Photograph: Jane Hollis/PA",
                "Tom Reed Environment correspondent",
                "Updated on: Jun 20, 2025 11:48 PM IST",
            )
        )
    )
    assert art.title == "River floods force families from homes in market town"
    assert art.authors == ["Tom Reed"] and art.photographers == ["Jane Hollis"]
    assert art.body.startswith("Dozens of families")


def test_headline_is_the_last_headline_run_before_the_byline():
    """A tagline or promo line high on the page is not the headline; a breadcrumb is not either."""
    art = clean(
        doc(
            page(
                "The Daily Ledger",
                "Your trusted source for news from the river valley and beyond",
                "Home",
                "Local",
                "Home / Local / River floods force families from homes",
                "River floods force families from homes in market town",
                "June 3, 2025 By Sam Okoro 3 min read",
            )
        )
    )
    assert art.title == "River floods force families from homes in market town"
    assert art.authors == ["Sam Okoro"]


def test_date_line_above_the_headline_and_slash_byline_below_it():
    art = clean(
        doc(
            page(
                "Menu",
                "This story is from October 14, 2025",
                "River floods force families from homes in market town",
                "Kiran Rao / TNN / Updated: Oct 14, 2025, 08:15 IST",
                "Share",
            )
        )
    )
    assert art.title == "River floods force families from homes in market town"
    assert art.authors == ["Kiran Rao"]


def test_name_then_role_line_is_the_byline():
    art = clean(
        doc(
            page(
                *NAV,
                "River floods force families from homes in market town",
                "Ellie Stone",
                "News reporter @elliestone",
                "Monday 3 March 2025 14:05, UK",
            )
        )
    )
    assert art.title == "River floods force families from homes in market town"
    assert art.authors == ["Ellie Stone"]


def test_dateline_paragraph_opens_the_body_after_captions_and_credit_lines():
    text = (
        "\n".join(
            [
                "NPR",
                "Open Navigation Menu",
                "Climate",
                "River floods force families from homes in market town",
                "By Claire Dunn",
                "A volunteer carries sandbags along the high street in Morpeth on Monday "
                "afternoon.",
                "Mario Vela for NPR",
                "hide caption",
            ]
        )
        + "\n\nMORPETH, England — "
        + LEDE
        + "\n\n"
        + SECOND
    )
    art = clean(doc(text))
    assert art.title == "River floods force families from homes in market town"
    assert art.body.startswith("MORPETH, England —") and art.dateline == "MORPETH, England"
    assert art.photographers == ["Mario Vela"]
    assert art.authors == ["Claire Dunn"]


def test_title_case_agency_dateline_and_inputs_credit_give_the_wire():
    art = clean(doc("Floods hit town\n\nBrussels (AFP) – " + LEDE + "\n\n" + SECOND))
    assert art.wire == "Agence France-Presse" and art.dateline == "Brussels"
    art = clean(
        doc(
            "Floods hit town\n\n"
            + LEDE
            + "\n\n(With inputs from PTI)\n\n"
            + SECOND
            + "\n\nTopics\nFloods"
        )
    )
    assert art.wire == "Press Trust of India"


def test_topic_lists_and_footer_links_are_not_sign_offs():
    text = (
        "Floods hit the market town\n\nBy Sam Okoro\n\n"
        + LEDE
        + "\n\n"
        + SECOND
        + "\n\nRelated topics\nEmergency Incidents\nFlood Warnings\n\nHelp\nText Only\n"
    )
    assert clean(doc(text)).authors == ["Sam Okoro"]


@pytest.mark.parametrize(
    "line,authors",
    [
        ("Helen Marsh Political correspondent", ["Helen Marsh"]),
        ("Jamal Whitaker, ESPN Staff Writer", ["Jamal Whitaker"]),
        ("By Neha Mishra, Lucknow", ["Neha Mishra"]),
        ("By Jo Penrose, BBC News, New York", ["Jo Penrose"]),  # where she files from
        ("Published 3 hours ago | By Jane Doe", ["Jane Doe"]),
        ("Author: Megan Thorsrud", ["Megan Thorsrud"]),
        ("By Clara LEMAIRE", ["Clara Lemaire"]),
    ],
)
def test_byline_forms(line, authors):
    bl = cr.parse_byline(line) or cr.bare_byline(line)
    assert bl is not None and bl.authors == authors


@pytest.mark.parametrize(
    "line", ["Climate Crisis", "Just In", "By the end of the day, we left", "Senior Editor"]
)
def test_not_bylines(line):
    assert cr.parse_byline(line) is None and cr.bare_byline(line) is None


@pytest.mark.parametrize(
    "line,credit",
    [
        ("Firefighters near Pomonal on Saturday. (ABC News: Darren Kellett)", "Darren Kellett"),
        (
            "Macron arrives in Brussels on December 18, 2025. © Théo Garnier, AFP",
            "Théo Garnier, AFP",
        ),
        (
            "Barges near Kaub carry a fraction of their cargoImage: Jonas Kettler/dpa",
            "Jonas Kettler/dpa",
        ),
        ("The hole is estimated to be 15m wide. Pic: Helen Marchetti", "Helen Marchetti"),
    ],
)
def test_photo_credit_forms(line, credit):
    assert cr.photo_credit(line) == credit


@pytest.mark.parametrize(
    "line", ["© 2025 The Guardian", "Hong Kong / Transport", "Copyright © 2025 CNN"]
)
def test_not_photo_credits(line):
    assert cr.photo_credit(line) is None


@pytest.mark.parametrize(
    "text,iso",
    [
        ("July 22, 20255:00 AM ET", "2025-07-22"),
        ("Issued on: 18/12/2025 - 16:52", "2025-12-18"),
        ("12/18/2025", "2025-12-18"),
        ("Sat 22 Feb 2025 at 5:12pm", "2025-02-22"),
    ],
)
def test_date_forms(text, iso):
    assert parse_date(text) == iso
    assert date_line(text) == (True, iso)


def test_a_headline_with_a_date_is_not_a_date_line():
    assert date_line("Biden wins Iowa on Feb 3, 2024")[0] is False


def test_dateline_forms():
    assert parse_dateline("New Delhi, June 3 (PTI) - The") == ("New Delhi", "PTI")
    assert parse_dateline("NEW YORK -- Jalen Brunson had") == ("NEW YORK", None)
    assert parse_dateline("Brussels (AFP) – French") == ("Brussels", "AFP")
    assert parse_dateline("The President (ret) - no") == (None, None)


def test_footer_rows_and_author_bios_leave_the_body():
    text = (
        "Floods hit the market town\n\nBy Joyce Tam Wing-sze\n\n" + LEDE + "\n\n" + SECOND + "\n\n"
        "Joyce Tam joined the Post in 2021 and covers transport and housing.\n\n"
        "Copyright © 2025, Daily Ledger | Terms of Service | Privacy Policy | "
        "Do Not Sell or Share My Personal Information\n"
    )
    art = clean(doc(text))
    assert art.authors == ["Joyce Tam Wing-sze"]
    assert "Personal Information" not in art.body and "joined the Post" not in art.body


def test_inline_also_read_links_leave_the_body():
    text = (
        "Floods hit the market town\n\nBy Sam Okoro\n\n" + LEDE + "\n\n"
        "Also Read: Council announces flood relief package ahead of monsoon\n\n" + SECOND
    )
    art = clean(doc(text))
    assert "Also Read" not in art.body and SECOND.split(",")[0] in art.body


def test_byline_laid_out_over_three_lines():
    art = clean(
        doc(
            page(
                *NAV,
                "River floods force families from homes in market town",
                "Gift Article",
                "Share",
                "By Kendra Ashby",
                "and",
                "Nathaniel Roemer",
                "November 18, 2025 at 7:52 p.m. EST",
            )
        )
    )
    assert art.authors == ["Kendra Ashby", "Nathaniel Roemer"]


@pytest.mark.parametrize(
    "line,authors",
    [
        (
            "By ELEANOR PRITCHARD and GARETH DOYLE FOR MAILONLINE",
            ["Eleanor Pritchard", "Gareth Doyle"],
        ),
        ("Hugo MARTINEAU with Yuna PARK in Seoul", ["Hugo Martineau", "Yuna Park"]),
    ],
)
def test_agency_and_tabloid_bylines(line, authors):
    art = clean(
        doc(page("Menu", "River floods force families from homes in market town", line, "Share"))
    )
    assert art.authors == authors


def test_weather_strip_is_not_the_headline_and_a_long_standfirst_keeps_the_run():
    art = clean(
        doc(
            page(
                *NAV,
                "Saturday, Nov 22nd 2025 4PM 8°C 7PM 6°C 5-Day Forecast",
                "River floods force families from homes in market town",
                "The river, which has flooded the lower town three times since 2000, burst its "
                "banks "
                "overnight after two days of heavy rain across the hills above the valley.",
                "Shopkeepers worry about losing customers during the clean-up",
                "Noah Pell · Valley News",
                "Posted: Nov 18, 2025 4:00 AM",
            )
        )
    )
    assert art.title == "River floods force families from homes in market town"


@pytest.mark.parametrize(
    "text, iso",
    [
        ("2015-07-10 09:53:00 -0400", "2015-07-10T13:53:00+00:00"),  # an offset after a space
        ("2015-07-10T09:53:00-04:00", "2015-07-10T13:53:00+00:00"),
        ("2017-11-16T14:15+0000", "2017-11-16T14:15:00+00:00"),
    ],
)
def test_iso_times_in_utc(text, iso):
    assert parse_date(text) == iso


def test_contributed_names_with_roles_and_places():
    line = (
        "Associated Press Aerospace Writer Jo Penrose in Cape Tarn, Florida, and Ansel Marrow "
        "in Moscow contributed to this report."
    )
    assert cr.contributed_names(line) == ["Jo Penrose", "Ansel Marrow"]
    assert cr.reporting_by("(Reporting by Jo Penrose in Kyiv, Ukraine, and Ansel Marrow)") == (
        ["Jo Penrose", "Ansel Marrow"],
        False,
    )


@pytest.mark.parametrize(
    "first",
    [
        # a "you" inside a pair of apostrophes (the quote style of some archives) is no appeal
        "On his office wall, the writer Dana Whitfield keeps a framed note from a rival. "
        "''Dana, you are a total loser! And your book is worse!'' the note says.",
        # a lede that speaks to the reader with no word of an appeal
        "Never before have we had so much information about the river.",
        "If you were on the council of a town by a river, you would want the hardest flood "
        "drill you could get.",
    ],
)
def test_a_lede_that_speaks_to_the_reader_opens_the_body(first):
    art = clean(doc("Floods hit the market town\n\n" + first + "\n\n" + LEDE + "\n\n" + SECOND))
    assert art.body.startswith(first)


def test_an_appeal_above_the_story_is_not_the_body():
    text = (
        "Floods hit the market town\n\nSupport our journalism: subscribe to our newsletter today "
        "and never miss a story.\n\n" + LEDE + "\n\n" + SECOND
    )
    art = clean(doc(text))
    assert art.body.startswith(LEDE)


@pytest.mark.parametrize(
    "headline",
    [
        # Title Case, with a full stop (how some archives write every headline)
        "Roe Says the Flood Defences Failed the Market Town When It Mattered Most.",
        # a short line in sentence case, with a full stop
        "Council stays ahead of the river in latest flood count.",
    ],
)
def test_a_first_line_with_a_full_stop_is_the_headline(headline):
    art = clean(doc(headline + "\n\n" + LEDE + "\n\n" + SECOND))
    assert art.title is not None and art.title.rstrip(".") == headline.rstrip(".")
    assert art.body.startswith(LEDE)


def test_a_text_without_a_headline_keeps_its_first_paragraph():
    art = clean(doc(LEDE + "\n\n" + SECOND))
    assert art.body.startswith(LEDE)


def test_a_sentence_that_introduces_a_quote_with_a_colon_is_the_body():
    intro = "From Jane Roe, writing in the Daily Ledger about the floods:"
    art = clean(doc("Floods hit the market town.\n\n" + intro + "\n\n" + SECOND + "\n\n" + LEDE))
    assert art.body.startswith(intro)
