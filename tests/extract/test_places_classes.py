"""One invented sentence per error class of issue 14 (places you can put on a map): names of
people, teams, companies and planets are no places; qualifiers, abbreviations and the article's
dominant country decide the reading; lists and schedule lines yield their towns."""

from __future__ import annotations

import pytest

from archive.extract.places.resolve import find_places


@pytest.fixture(scope="module")
def nlp():
    from archive import nlp as nlp_mod

    return nlp_mod.load()


def places(nlp, text: str) -> dict[str, tuple[str | None, str]]:
    """name -> (country, kind) of the places of ``text``; every mention's offsets checked."""
    out = {}
    for e in find_places(text, nlp(text)):
        for m in e.mentions:
            assert text[m.start : m.end] == m.text
        out[e.name] = (e.country_code, e.kind.value)
        if e.latitude is not None:
            assert -90 <= e.latitude <= 90 and -180 <= e.longitude <= 180
    return out


# (error class, text, expected: "Name=CC" must be found in that country, "!Name" must not be
# found; names with spaces keep them, items are separated by " | ")
CASES = [
    (
        "a politician's surname is no village abroad",
        "Senator Jane Bolton criticised the plan in Ohio on Monday. Bolton said the vote would "
        "fail, and in Bolton's view the party was split.",
        "Ohio=US | !Bolton",
    ),
    (
        "a president's family name is no town in South America",
        "President Tom Kennedy met aides in Ohio and Texas. Kennedy later flew home; their "
        "faith in Kennedy held.",
        "Ohio=US | Texas=US | !Kennedy",
    ),
    (
        "a person named by surname alone is no small town",
        "The governor praised President Obama on Tuesday in Iowa. Obama's approval rating rose "
        "in Iowa and Ohio, and Obama's aides said so.",
        "Iowa=US | Ohio=US | !Obama",
    ),
    (
        "a seat of power or a market is no town",
        "Wall Street executives met Ohio officials; Downing Street said nothing.",
        "Ohio=US | !Wall | !Downing",
    ),
    (
        "a surname the gazetteer does not know is no town either",
        "The reporter Michelle Fields told police in Ohio that she had spoken with Fields's "
        "lawyer, and voters in Texas told Fields nothing.",
        "Ohio=US | Texas=US | !Fields",
    ),
    (
        "a surname is a place when the text says so",
        "The author Anna Hastings wrote about the coast of England. She still lives in Hastings.",
        "England=GB | Hastings=GB",
    ),
    (
        "a sports team named after an animal is no place",
        "The Eagles beat the Panthers 24-10 on Sunday in Philadelphia.",
        "Philadelphia=US | !Eagles | !Panthers",
    ),
    (
        "a games company is no place",
        "Ubisoft and Sega reported higher sales in Japan, while Capcom fell.",
        "Japan=JP | !Sega | !Ubisoft | !Capcom",
    ),
    (
        "a planet is no US town",
        "NASA said in Houston that the rover landed on Mars and that Venus would be next.",
        "Houston=US | !Mars | !Venus",
    ),
    (
        "a resort town qualified by its state is in that state",
        "The couple flew from Boston to their winter home in Palm Beach, Florida, in January.",
        "Palm Beach=US | Florida=US | Boston=US",
    ),
    (
        "a US state is the state, with coordinates",
        "Voters in Maryland and Florida went to the polls as Georgia counted its ballots.",
        "Maryland=US | Florida=US",
    ),
    (
        "the US capital is no small town of the same name in another state",
        "Farmers in Iowa, Ohio and Texas said Washington must act; the bill stalled in Washington.",
        "Washington, D.C.=US | Iowa=US | !Washington",
    ),
    (
        "a big city is no small namesake in a state the article mentions",
        "He flew from Boise, Idaho, to Moscow, where Russia's foreign minister met him.",
        "Moscow=RU | Boise=US | Russia=RU",
    ),
    (
        "a college town qualified by N.Y. is in New York state",
        "She studied in Ithaca, N.Y., and later taught in Cambridge, Mass., for a decade.",
        "Ithaca=US | New York=US | Cambridge=US | Massachusetts=US",
    ),
    (
        "a metropolitan area is no unrelated bay",
        "Rents in the Bay Area rose again, landlords in California said.",
        "San Francisco Bay Area=US | California=US | !Bay",
    ),
    (
        "federal court districts are no districts of Belize or Fiji",
        "A judge in the Southern District of New York ruled on Monday. The Southern District "
        "declined to comment, and prosecutors in the Eastern District agreed.",
        "!Southern District | !Eastern District | !Southern",
    ),
    (
        "schedule lines yield their towns",
        "Tour dates:\nOct. 3 Springfield, Ill. @ Sangamon Auditorium\nOct. 4 Columbia, Mo. @ "
        "Jesse Hall\nOct. 6 Rochester, Minn. @ Mayo Civic Center\nOct. 8 Greenville, S.C. @ "
        "Peace Center",
        "Springfield=US | Illinois=US | Columbia=US | Missouri=US | Rochester=US | "
        "Minnesota=US | Greenville=US | South Carolina=US",
    ),
    (
        "a state abbreviation that qualifies no town is no place",
        "Sen. Lindsey Graham (R-S.C.) and Rep. Charlie Dent (Pa.) spoke in Iowa at 10 a.m. EST.",
        "Iowa=US | !Pennsylvania | !South Carolina | !Pa | !Est",
    ),
    (
        "an ambiguous name in a story about another country takes the namesake at home or none",
        "The storm hit the West Coast on Tuesday, flooding roads in California, Oregon, Nevada "
        "and Washington state.",
        "California=US | Oregon=US | !Western Australia",
    ),
    (
        "abbreviated words of town names are read in full",
        "He met reporters at his home in Port St. Lucie, Florida, then drove to Ft. Myers, Fla.",
        "Port Saint Lucie=US | Fort Myers=US | Florida=US",
    ),
    (
        "a common word the model tags as a place is no unknown town",
        "The team moved to an office on the fifth floor in Building 24, a drab structure in "
        "Cambridge, Massachusetts, not far from Boston.",
        "Cambridge=US | Boston=US | !Building",
    ),
    (
        "a name after 'with' is no unknown town (a company, a magazine)",
        "The notes, shared with Quanta, tell a fuller story, a historian in Boston, "
        "Massachusetts, said.",
        "Boston=US | !Quanta",
    ),
    (
        "a company named after a city is no city when only 'and' comes before it",
        "GoDaddy stepped out of the advertisements and Toyota has announced it will not run "
        "commercials, a spokesman in Detroit, Michigan, said.",
        "Detroit=US | Michigan=US | !Toyota",
    ),
    (
        "a company's branch in a country is no place in that country",
        "This will stay with Yahoo, as will its stakes in Alibaba Group and Yahoo Japan, and "
        "fighting went on in Eastern Ukraine.",
        "Eastern Ukraine=UA | !Yahoo Japan",
    ),
    (
        "a town's name inside a longer name that is no place",
        "It was the most deadly attack since the Arab Spring in Tunisia, officials in Tunis "
        "said. Mission Control had to make a quick choice, engineers in Houston, Texas, recalled.",
        "Tunisia=TN | Houston=US | Texas=US | !Spring | !Mission",
    ),
    (
        "a company's name the model splits into a city and a region is no place",
        "Cambridge Analytica harvested the data of millions of users, the firm said. The "
        "scientist who built its model later moved from Paris to Oxford.",
        "Paris=FR | Oxford=GB | !Cambridge | !Analytica",
    ),
    (
        "a name after a person's title is the person's",
        "The monument to Queen Victoria stands in Melbourne, and Gen. Washington once camped "
        "near Trenton, New Jersey, where President Lincoln later spoke.",
        "Melbourne=AU | Trenton=US | New Jersey=US | !Washington, D.C. | !Lincoln",
    ),
    (
        "a name the gazetteer lacks, modifying a noun, is no town (a streaming service)",
        "Dern won for playing a lawyer in Netflix domestic drama “Marriage Story,” filmed in "
        "Los Angeles, California.",
        "Los Angeles=US | California=US | !Netflix",
    ),
    (
        "a name in a list of companies is no town",
        "Best Buy currently lists the cards from Nvidia , Gigabyte, MSI, Asus and EVGA at its "
        "store in Denver, Colorado.",
        "Denver=US | Colorado=US | !Nvidia",
    ),
    (
        "where someone works is an organisation, not a town",
        "“It is a good-news bad-news story,” said Trevor Houser, a partner at Rhodium and author "
        "of the report, in Boston, Massachusetts.",
        "Boston=US | Massachusetts=US | !Rhodium",
    ),
    (
        "a name with an apposition that makes it an organisation is no region abroad",
        "It is a worry, says Sasha Luccioni, a postdoctoral researcher at Mila, an AI research "
        "institute in Canada.",
        "Canada=CA | !Mila",
    ),
    (
        "a region named inside a longer name takes the article's country",
        "Services between London and Cardiff in Wales were cancelled, and East Midlands Railway "
        "said trains in the West Midlands were delayed. She moved to Hendersonville in Western "
        "North Carolina.",
        "London=GB | West Midlands=GB | !East Midlands Railway | Western North Carolina=US",
    ),
    (
        "a small region abroad, the only reading of a name, is left out of a story at home",
        "Bodies are buried on Hart Island, off the Bronx in New York City, and more are stored in "
        "hospitals on Long Island, officials in Chicago and Detroit said.",
        "New York City=US | Chicago=US | !Long Island",
    ),
    (
        "a name a relative clause of a person follows is no place",
        "The governor's campaign is tying the tax bill to Rubio, who supported it in the "
        "Senate, and to his allies in Tampa.",
        "Tampa=US | !Rubio",
    ),
    (
        "a place where a person is from stays before the person's relative clause",
        "Willie Minor, an actor in Dallas, who runs a small theater, met a teacher from Toledo, "
        "Ohio, who had never given money, and Jon Ralston, a commentator in Nevada, who came.",
        "Dallas=US | Toledo=US | Ohio=US | Nevada=US",
    ),
    (
        "a surname in the possessive with a bare apostrophe is no place",
        "Mayor Tom Hollis spoke in Denver on Monday. The plan failed because, in Hollis’ own "
        "words, nobody wanted to pay for it.",
        "Denver=US | !Hollis",
    ),
    (
        "a surname in a list of candidates' surnames is no place",
        "With five viable candidates (Trump, Cruz, Kasich, Bush and Rubio) all winning some "
        "delegates in Iowa, the race will go on.",
        "Iowa=US | !Rubio",
    ),
    (
        "a town stays in a list the parser made of it and people's names",
        "He scrapped plans to attend Thursday's Fox Business Channel debate in Detroit, a "
        "high-stakes opportunity for Marlow, Sen. Tom Carver (Tex.) and Ohio Gov. Jim Kessler "
        "to take shots at Dunn.",
        "Detroit=US",
    ),
    (
        "the first name of a person of the article is no town abroad",
        "Nancy Reagan ran the White House staff in Washington with a firm hand. One chief of "
        "staff was fired, in part after clashing with Nancy.",
        "!Nancy",
    ),
    (
        "a town the gazetteer names with its river is found by its short name",
        "The chemicals giant, whose main site in Ludwigshafen lies on the river, also cut jobs "
        "at its plant in Marburg and in Halle.",
        "Ludwigshafen am Rhein=DE | Marburg an der Lahn=DE | Halle (Saale)=DE",
    ),
    (
        "a big city is no tiny region abroad of the same name",
        "Protesters circled the stadium in Charlotte and marched to a park in uptown Charlotte.",
        "Charlotte=US",
    ),
]


@pytest.mark.parametrize("label, text, expected", CASES, ids=[c[0] for c in CASES])
def test_error_class(nlp, label, text, expected):
    items = [e for e in expected.split(" | ") if e]
    present = dict(e.split("=", 1) for e in items if not e.startswith("!"))
    absent = [e[1:] for e in items if e.startswith("!")]
    got = places(nlp, text)
    for name, cc in present.items():
        assert name in got, f"{label}: {name} missing from {sorted(got)}"
        assert got[name][0] == cc, f"{label}: {name} in {got[name][0]}, not {cc}"
    for name in absent:
        assert name not in got, f"{label}: {name} taken as a place ({got.get(name)})"


def test_qualified_reading_spreads_to_bare_mentions(nlp):
    """ "Paris, Texas" once makes the later bare "Paris" the Texas one."""
    text = "The fair opened in Paris, Texas, on Friday. Paris has 25,000 residents."
    got = find_places(text, nlp(text))
    paris = [e for e in got if e.name == "Paris"]
    assert len(paris) == 1 and paris[0].country_code == "US" and len(paris[0].mentions) == 2
