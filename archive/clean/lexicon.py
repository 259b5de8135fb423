"""The word lists and boilerplate markers of page cleaning, kept once: page furniture, boilerplate
block openers, words written to the reader, menu words, date-line words, placeholder authors
(:mod:`archive.clean.page` and its modules); words that are no personal names, photo-credit
labels and words (:mod:`archive.clean.credits`); newspaper-title words
(:mod:`archive.clean.outlets`).
Particles and suffixes of personal names are in :mod:`archive.names.lexicon`."""

from __future__ import annotations

import re

FURNITURE = re.compile(
    r"(?ix)^(?:"
    r"\d+\s+(?:photos?|images?|pictures?|videos?|comments?)|photos?|gallery|video|watch|listen"
    r"|advertisement|advert|sponsored(?:\s+content)?|save(?:\s+(?:story|article))?|share(?:\s+"
    r"(?:this\s+)?(?:story|article|on\s+\w+))?"
    r"|print|email|comments?|bookmark.{0,30}|(?:removed\s+from|added\s+to)\s+bookmarks|play(?:\s+"
    r"(?:button|video))?"
    r"|read\s+more|show\s+more|see\s+more|load\s+more|preview|continue"
    r"|(?:also|must)\s+(?:read|watch|see)\s*[:|-].{0,150}"
    r"|(?:read|watch|listen|see)\s+(?:more|also|next)(?:\s+on\s+[\w.]+)?\s*:.{0,150}|skip\s+to\s+"
    r"(?:main\s+)?content|(?:back\s+)?to\s+top"
    r"|menu|search|supporting\s+image\s+for\s+story:.*|(?:listen\s+to\s+(?:this\s+)?article"
    r"|\d+\s+min(?:ute)?s?\s+read).{0,40}"
    r"|(?:follow|like)\s+us\s+on\s+.{0,40}|subscribers\s+agree\s+to\s+.{0,40}"
    r"|(?:subscribe|sign\s+up|sign\s+in|log\s+in|register)(?:\s+(?:now|today|here))?(?:\s+(?:for"
    r"|from|to|and)\b.{0,40})?"
    r"|subscribers?\s+only|(?:in\s+)?this\s+article\s*:|view\s+comments|(?:image|photo"
    r"|picture)\s+caption\s*[,:]?"
    r"|(?:click|tap)\s+(?:here|to)\b.{0,60}|related\s*:.{0,150}|(?:image|photo)\s+source\s*:.{0,80}"
    r"|do\s+not\s+sell(?:\s+or\s+share)?\s+my\s+personal\s+information|your\s+privacy\s+choices"
    r"|gift\s+(?:this\s+)?article|social\s+sharing|view\s+comments|summary"
    r"|(?:privacy|cookie)\s+(?:policy|notice|settings|statement)|terms\s+(?:of\s+(?:use|service)"
    r"|and\s+conditions)"
    r")\s*[.!]?$"
)


AI_NOTE = re.compile(
    r"(?i)\b(?:generated|created|produced|written)\b.{0,60}\b(?:AI|artificial intelligence"
    r"|large language models?|LLMs?)\b"
)


AI_SUBJECT = re.compile(r"(?i)\b(?:this article|this story|takeaways|summary|summaries)\b")


BLOCK_START = re.compile(
    r"(?ix)^(?:"
    r"sign\s*up\b.{0,80}\bnewsletters?\b.*|.{0,50}\bnewsletters?|get\s+(?:our"
    r"|the)\b.{0,50}\bnewsletter.*"
    r"|a\s+(?:message|note|word)\s+from\s+.{2,60}|dear\s+(?:readers?|friends|subscribers)\b.{0,20}"
    r"|support\s+(?:us|our\s+(?:journalism|work|newsroom|reporting|mission)"
    r"|independent\s+journalism)\b.{0,40}"
    r"|support\s+.{2,40}!"
    r"|(?:donate|make\s+a\s+(?:donation|contribution)|become\s+a\s+(?:member|supporter"
    r"|subscriber))\b.{0,60}"
    r"|join\s+(?:our|the)\s+(?:commenting|conversation|discussion|community)\b.{0,60}"
    r"|related\s+(?:stories|topics|articles|content|coverage|reading|links|news|video)"
    r"|(?:more\s+from|more\s+on\s+this\s+story|most\s+recent|most\s+read|most\s+popular|trending"
    r"(?:\s+now)?"
    r"|recommended(?:\s+for\s+you)?|read\s+next|up\s+next|also\s+read|read\s+also|see\s+also"
    r"|you\s+may\s+also\s+like|you\s+might\s+also\s+like|latest\s+news|more\s+stories|top\s+stories"
    r"|in\s+short)\b.{0,60}|read\s+more|more\s+to\s+read"
    r"|key\s+takeaways|key\s+points|(?:ai[-\s])?summary|at\s+a\s+glance|in\s+brief|what\s+to\s+know"
    r"|tl;?dr"
    r"|(?:topics|tags|filed\s+under)\b.{0,80}|about\s+the\s+authors?|keep\s+reading|see\s+more\s+on"
    r"|related"
    r")\s*[:!,]?$"
)


# the pronouns of READER_WORDS: alone they make no appeal of a long sentence
READER_PRONOUNS = frozenset({"we", "our", "us", "you", "your", "yours"})
READER_WORDS = {
    "we",
    "our",
    "us",
    "you",
    "your",
    "yours",
    "journalism",
    "newsletter",
    "newsletters",
    "subscribe",
    "subscription",
    "subscribers",
    "donate",
    "donation",
    "contribution",
    "contributions",
    "support",
    "supporting",
    "readers",
    "mailbox",
    "inbox",
    "privacy",
    "membership",
    "member",
    "members",
}


# Navigation: menu words ("Home", "Sign in", "Your account") or several short items separated by
# "|", "•" or "·" ("News | Sport | Opinion").
MENU_WORDS = {
    "home",
    "homepage",
    "news",
    "sport",
    "sports",
    "opinion",
    "opinions",
    "subscribe",
    "subscriber",
    "subscribers",
    "only",
    "sign",
    "log",
    "in",
    "out",
    "up",
    "register",
    "account",
    "your",
    "my",
    "accessibility",
    "help",
    "skip",
    "to",
    "main",
    "content",
    "local",
    "business",
    "politics",
    "world",
    "nation",
    "national",
    "international",
    "us",
    "u.s.",
    "uk",
    "obituaries",
    "lifestyle",
    "life",
    "style",
    "culture",
    "arts",
    "entertainment",
    "weather",
    "video",
    "videos",
    "live",
    "podcast",
    "podcasts",
    "newsletter",
    "newsletters",
    "e-edition",
    "classifieds",
    "jobs",
    "contact",
    "about",
    "markets",
    "tech",
    "technology",
    "science",
    "health",
    "travel",
    "food",
    "features",
    "sections",
    "more",
    "latest",
    "search",
    "menu",
    "edition",
    "print",
    "digital",
    "premium",
    "trending",
    "explained",
    "investigations",
    "magazine",
    "games",
    "puzzles",
    "crosswords",
    "shop",
    "deals",
    "events",
    "and",
    "&",
    "the",
    "of",
    "a-z",
    "today",
    "listen",
    "watch",
    "audio",
    "close",
    "open",
}


MENU_FILLER = {"and", "&", "the", "of", "to", "in", "up", "out", "only", "my", "your"}


# promotion of the site's channels: "Join our Telegram channel ...", "Follow X on Instagram"
PROMO = re.compile(
    r"(?i)^(?:join|follow|get|download|sign\s+up\s+(?:for|to)|subscribe\s+to)\b.{0,80}?"
    r"\b(?:telegram|whatsapp|channel|newsletters?|app|alerts|notifications|podcasts?|"
    r"on\s+(?:x|twitter|facebook|instagram|tiktok|youtube|linkedin|threads|bluesky))\b"
)


COOKIES = re.compile(
    r"(?i)\bcookies?\b.{0,120}\b(?:accept|consent|agree|settings|preferences|privacy|partners)\b|"
    r"\b(?:accept|consent|agree)\b.{0,60}\bcookies?\b"
)


# notes to the reader after the article: "To submit a correction request, please visit ..."
SERVICE = re.compile(
    r"(?i)\b(?:please|click|visit\s+(?:our|us)|contact\s+us|e-?mail\s+us|write\s+to\s+us|send\s+us|"
    r"corrections?\s+request|subscribe|sign\s+up)\b"
)


# what a date line holds besides the date: weekday and month names, "at", "on", am/pm, time zones
DATE_WORDS = re.compile(
    r"(?i:\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?"
    r"(?:ember)?"
    r"|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|mon(?:day)?|tue(?:s|sday)?|wed(?:nesday)?|thu(?:rs?"
    r"|rsday)?"
    r"|fri(?:day)?|sat(?:urday)?|sun(?:day)?|at|on|[ap]\.?m\.?|st|nd|rd|th)\b)|\b[A-Z]{2,4}\b"
    r"|[\d\s,.:/|·•+()-]"
)


STAFF = re.compile(
    r"(?i)^(?:staff|staff writer|staff reporter|editorial staff|news desk|web desk|admin|editor"
    r"|no author|unknown(?: author)?|anonymous|none|n/a)$"
)


# --- bylines and credits (archive.clean.credits) ---------------------------------------------
# Capitalised words that make a phrase an organisation, a section or a page element, not a person.
NON_NAME = {
    w.lower()
    for w in """
    News Press Times Post Star Weather Forecast Series Business Sports Sport Video Videos Live Today
    Daily Weekly Photo Photos Photograph Images Image Pictures Picture Agency Service Brigade
    Ministry Office Department Council Group Center Centre Company Corporation Inc Ltd LLC Reuters
    Getty Pool Handout Associated Staff Editor Editors Reporter Reporters Correspondent Team Desk
    Wire Related Topics Topic Stories Story Latest Read More Most Recent Share Comments Join Sign
    Subscribe Newsletter Support Follow Home Menu Search World Europe Politics Opinion University
    Institute Foundation Association Union Force Forces Army Navy Police Government Party Republic
    Kingdom States United Nations Committee Court House Media Network Channel Radio Television
    Magazine Journal Herald Tribune Gazette Guardian Independent Telegraph Mail Express Mirror
    Standard Observer Chronicle Courier Examiner Globe Review Bulletin Register Monitor Echo
    Bureau Communications Press-Service Command Military Armed Ministry Embassy Administration
    Authority Commission Mission Parliament Senate Congress Club School College Hospital
    Airport Station Avenue Road Square River Mountain Island Islands
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April June
    July August September October November December Breaking Exclusive Analysis Explainer Watch
    Listen Podcast Podcasts Newsletters Advertisement Sponsored Contributor Contributors Courtesy
    Collection Archive Archives Library Museum Alamy Shutterstock Sputnik Anadolu Xinhua EPA AFP
    Beyond Play Button Forum Bookmark Bookmarks Takeaways Key Summary Privacy Policy Terms Cookie
    Cookies Copyright Rights Reserved Click Here Continue Monthly Annual Once Remind Later
    League Cup Championship Fixtures Scores Tables Results Standings Football Soccer Cricket Rugby
    Tennis Golf Basketball Baseball Hockey Formula Motorsport Athletics Olympics
    Obituaries Classifieds Lifestyle Entertainment Culture Science Health Technology Tech Markets
    Finance Economy Travel Homepage Account Accessibility Help Section Sections Edition Nation
    National International Local Regional Metro Editorial Editorials Letters Columns Features
    Than The To For With From After Over Into Under About Says Finds Warns Amid Against By
    Developer Developers Engineering Engineers Admin Administrator Webmaster Moderators
    """.split()
}
# months that are given names too ("Laura June Topolsky", "April Ryan"): a name's word unless
# it ends the name, where it is the date after a byline ("Jo Roe June 3")
NAME_MONTHS = {"april", "june", "august"}
# labels before a photo credit ("Photograph: Name/Agency")
CREDIT_LABELS = (
    "Photograph",
    "Photographs",
    "Photo",
    "Photos",
    "Pic",
    "Pics",
    "Picture",
    "Pictures",
    "Image",
    "Images",
    "Illustration",
    "Screenshot",
    "Foto",  # German, Spanish, Italian...
    "Fotos",
    "Bild",  # German
    "Credit",
    "Photo credit",
    "Image credit",
    "Photo source",
    "Image source",
    "Picture source",
)
# words of a photo credit in parentheses ("(Photo: Name/AP)")
CREDIT_WORDS = re.compile(
    r"(?i)\b(?:photo|photograph|photos|pictures?|images?|getty|reuters|ap|afp|epa|pa|tass|sputnik|"
    r"anadolu|xinhua|pool|handout|shutterstock|alamy|bloomberg|courtesy|file|press service|via|"
    r"efe|dpa|upi|zuma|nurphoto|sopa|eyevine|rex)\b"
)


# --- mastheads (archive.clean.outlets) ------------------------------------------------------
# Words that end typical newspaper titles; a short first line ending with one is a masthead.
MASTHEAD_WORDS = {
    "times",
    "post",
    "star",
    "news",
    "herald",
    "journal",
    "gazette",
    "tribune",
    "telegraph",
    "guardian",
    "mail",
    "express",
    "chronicle",
    "observer",
    "independent",
    "mirror",
    "standard",
    "record",
    "echo",
    "courier",
    "review",
    "sun",
    "globe",
    "examiner",
    "inquirer",
    "register",
    "bulletin",
    "press",
    "today",
    "daily",
    "advertiser",
    "argus",
    "sentinel",
    "dispatch",
    "monitor",
    "ledger",
    "statesman",
    "leader",
    "citizen",
    "enquirer",
    "democrat",
    "beacon",
    "eagle",
    "bee",
    "pilot",
    "transcript",
    "telegram",
    "messenger",
    "reporter",
    "recorder",
    "mercury",
}


# --- the outlet a page names (archive.clean.provenance.page_source) ---------------------------
# platforms that host other people's sites: a page's publisher or site name, never an outlet
HOSTING = {
    "wordpress",
    "wordpress.com",
    "blogger",
    "blogspot",
    "medium",
    "substack",
    "tumblr",
    "wix",
    "squarespace",
    "ghost",
    "weebly",
    "typepad",
    "livejournal",
    "jimdo",
    "github pages",
    "google sites",
}
# words of a photo credit, never of an outlet's name ("© Jane Roe", "Photo: Getty Images")
PHOTO_CREDIT = re.compile(
    r"(?i)©|\(c\)|\bphoto(?:graph)?s?\b|\bimages?\b|\bgetty\b|\bshutterstock\b"
)
