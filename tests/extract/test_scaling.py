"""Articles with many quotation marks (attribution must stay right at that size) and the
per-article time budget of extraction. No timing assertions: speed is measured by
``benchmarks/quote_scaling.py``; the budget tests only check what happens when a step runs out of
time (a fake slow step that would otherwise sleep for a minute)."""

from __future__ import annotations

import random
import re
import signal
import threading
import time

import pytest

from archive.extract.quotes.antecedents import Antecedents
from archive.extract.quotes.article import QuoteArticle
from archive.extract.quotes.find import find_quotes
from archive.extract.quotes.marks import find_marked_spans, paragraph_spans
from archive.extract.quotes.people_index import PeopleIndex
from archive.extract.quotes.text import TextView
from archive.pipeline import budget as budget_mod
from archive.pipeline import extraction as extract
from archive.pipeline.budget import BudgetExceeded, article_budget, time_budget
from archive.pipeline.extraction import Failure, extract_batch
from archive.records import Extraction, PersonEntity, RawDocument, Span

NAMES = [("Anna Kovalenko", "f"), ("Boris Brennan", "m")]
SPECS = [(n, [n.split()[1]], g) for n, g in NAMES]


@pytest.fixture(scope="module")
def nlp():
    from archive import nlp as nlp_mod

    return nlp_mod.load()


def people_for(body: str) -> list[PersonEntity]:
    out = []
    for name, gender in NAMES:
        surname = name.split()[1]
        spans = [
            Span(m.start(), m.end(), m.group())
            for m in re.finditer(re.escape(name) + "|" + surname, body)
        ]
        out.append(PersonEntity(name=name, aliases=[name, surname], gender=gender, mentions=spans))
    return out


def who(q, people):
    return people[q.speaker].name if q.speaker_kind == "person" else None


def many_named(n: int, sep: str) -> str:
    return sep.join(f'"We will meet again on day {i}," {NAMES[i % 2][0]} said.' for i in range(n))


# --- many marks: everything found, every speaker right -------------------------------------------


@pytest.mark.parametrize("sep", [" ", "\n"], ids=["one_paragraph", "paragraphs"])
@pytest.mark.parametrize("parsed", [True, False], ids=["parsed", "regex"])
def test_400_named_quotes_all_found_with_their_speakers(nlp, sep, parsed):
    body = many_named(400, sep)
    people = people_for(body)
    quotes = find_quotes(body, nlp(body) if parsed else None, people, reported=False)
    assert [q.text for q in quotes] == [f"We will meet again on day {i}," for i in range(400)]
    assert [who(q, people) for q in quotes] == [NAMES[i % 2][0] for i in range(400)]
    assert all(q.cue == "said" and q.kind == "full" for q in quotes)


@pytest.mark.parametrize("parsed", [True, False], ids=["parsed", "regex"])
def test_400_follow_up_quotes_keep_their_speaker(nlp, parsed):
    body = "\n".join(
        f'"Point number {i} stands," {NAMES[i % 2][0]} said. "And that is final, {i}."'
        for i in range(400)
    )
    people = people_for(body)
    quotes = find_quotes(body, nlp(body) if parsed else None, people, reported=False)
    assert len(quotes) == 800
    for i in range(400):
        first, follow = quotes[2 * i], quotes[2 * i + 1]
        assert first.text == f"Point number {i} stands,"
        assert follow.text == f"And that is final, {i}."
        assert who(first, people) == who(follow, people) == NAMES[i % 2][0]


def test_a_run_of_quotes_before_one_cue_is_that_speakers(nlp):
    body = (
        "Boris Brennan spoke in Kyiv.\n"
        + "".join(f'"Yes to plan {i}." ' for i in range(600))
        + '"Maybe," Anna Kovalenko said.'
    )
    people = people_for(body)
    for doc in (nlp(body), None):
        quotes = find_quotes(body, doc, people, reported=False)
        assert len(quotes) == 601
        assert {who(q, people) for q in quotes} == {"Anna Kovalenko"}


def test_stray_marks_by_the_thousand_leave_the_next_paragraph_alone(nlp):
    for junk in ('" ' * 4000, "“we " * 3000, '"we ' * 3000, "’s ' " * 2000):
        body = "Anna Kovalenko spoke in Kyiv.\n" + junk + '\n"We will win," Anna Kovalenko said.'
        people = people_for(body)
        for doc in (nlp(body), None):
            quotes = find_quotes(body, doc, people, reported=False)
            assert quotes[-1].text == "We will win,"
            assert who(quotes[-1], people) == "Anna Kovalenko"


def test_thousands_of_marked_spans_in_one_paragraph():
    body = " ".join(f'“quote {i}” and ‘single {i}’ and "straight {i}"' for i in range(1500))
    spans = find_marked_spans(body)
    want = []
    for i in range(1500):
        want += [f"quote {i}", f"single {i}", f"straight {i}"]
    assert [body[s.start : s.end] for s in spans] == want


# --- the lookups behind attribution: same answers as the plain scans they replace ----------------


def test_people_index_lookups_match_a_plain_scan():
    rng = random.Random(3)
    for _ in range(300):
        size = rng.randint(1, 400)
        people = []
        for _p in range(rng.randint(1, 4)):
            ms = []
            for _m in range(rng.randint(0, 12)):
                s = rng.randrange(size)
                ms.append(Span(s, min(size, s + rng.randint(1, 15)), "x"))
            people.append(PersonEntity(name="P", aliases=[], mentions=ms))
        ranges = sorted(
            (a, a + rng.randint(0, 40))
            for a in (rng.randrange(size) for _ in range(rng.randint(0, 5)))
        )
        idx = PeopleIndex(people, ranges)
        plain = sorted(
            (m.start, m.end, pi)
            for pi, p in enumerate(people)
            for m in p.mentions
            if not any(a <= m.start and m.end <= b for a, b in ranges)
        )
        assert idx.mentions == plain
        for _q in range(20):
            start = rng.randrange(size)
            end = start + rng.randint(0, 30)
            at = next((pi for s, e, pi in plain if s < end and start < e), None)
            assert idx.at(start, end) == at
            assert idx.between(start, end) == [m for m in plain if m[0] >= start and m[1] <= end]
            pis = set(rng.sample(range(len(people)), rng.randint(1, len(people))))
            best, pos = None, -1
            for s, e, pi in plain:
                if e <= start and pi in pis and s > pos:
                    best, pos = pi, s
            assert idx.last_before(start, pis) == best
            pi = rng.randrange(len(people))
            assert idx.mention_at(pi, start, end) == next(
                (m for m in plain if m[2] == pi and m[0] < end and start < m[1]), None
            )


def test_introductions_match_a_scan_of_the_whole_range():
    """'the manager' -> 'An HR manager at one of the companies': searched stretch by stretch."""
    rng = random.Random(5)
    words = [
        "a",
        "an",
        "An",
        "one",
        "manager",
        "managers",
        "senior",
        "HR",
        "at",
        "of",
        "the",
        "firm",
        ",",
        ".",
        ";",
        ":",
        '"',
        "“",
        "”",
        "\n",
        "’s",
        "-",
        "Lee",
        "said",
        "in",
    ]
    for _ in range(400):
        body = (
            "".join(
                ("" if w in ",.;:’s-" or rng.random() < 0.2 else " ") + w
                for w in (rng.choice(words) for _ in range(rng.randint(1, 60)))
            ).strip()
            or "a"
        )
        people = [
            PersonEntity(
                name="Lee",
                aliases=[],
                mentions=[Span(m.start(), m.end(), "Lee") for m in re.finditer("Lee", body)],
            )
        ]
        paras = paragraph_spans(body)
        article = QuoteArticle(TextView(body, None), people, [], paras)
        antecedents = Antecedents(article)
        for _q in range(5):
            lo = paras[rng.randrange(len(paras))][0] if paras else 0
            hi = rng.randint(lo, len(body))
            word = rng.choice(["manager", "firm"])
            want = None
            for m in re.finditer(
                r"\b(?:[Aa]n?|[Oo]ne)\s+(?:[\w'’-]+\s+){0,3}?"
                + word
                + r"\b(?:\s+(?:at|of|for|from|with|in)\s+[^,.;:\"“”\n]{0,49}\w\b)?",
                body[lo:hi],
            ):
                at = lo + m.start()
                if not any(at - 3 <= e <= at for _s, e, _p in article.idx.mentions):
                    want = (at, m.group(0))
            assert antecedents.last_introduction(word, lo, hi) == want


# --- the time budget -----------------------------------------------------------------------------


def test_time_budget_stops_a_block_that_runs_too_long():
    deadline = time.monotonic() + 30
    with pytest.raises(BudgetExceeded) as info:
        with time_budget(0.05):
            while time.monotonic() < deadline:
                pass
    assert time.monotonic() < deadline  # stopped by the budget, not by the end of the loop
    assert info.value.seconds == 0.05


def test_time_budget_is_not_swallowed_by_except_exception():
    with pytest.raises(BudgetExceeded):
        with time_budget(0.05):
            try:
                time.sleep(30)
                # (what this tests: budgeted code catching everything must not hide the budget)
            except Exception:  # noqa: BLE001
                pytest.fail("the budget's exception was caught as an Exception")


def test_time_budget_restores_the_previous_handler_and_timer():
    calls = []

    def mine(signum, frame):
        calls.append(signum)

    old = signal.signal(signal.SIGALRM, mine)
    try:
        signal.setitimer(signal.ITIMER_REAL, 100)
        with time_budget(5):
            pass
        with pytest.raises(BudgetExceeded):
            with time_budget(0.05):
                time.sleep(30)
        assert signal.getsignal(signal.SIGALRM) is mine
        left, _ = signal.getitimer(signal.ITIMER_REAL)
        assert 0 < left <= 100
        assert calls == []
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def test_time_budget_leaves_no_timer_behind():
    before = signal.getsignal(signal.SIGALRM)
    with time_budget(5):
        pass
    with pytest.raises(ValueError):
        with time_budget(5):
            raise ValueError("boom")
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    assert signal.getsignal(signal.SIGALRM) == before


def test_nested_budgets():
    with pytest.raises(BudgetExceeded) as outer:
        with time_budget(0.3):
            with pytest.raises(BudgetExceeded) as inner:
                with time_budget(0.05):
                    time.sleep(30)
            assert inner.value.seconds == 0.05
            with time_budget(10):  # the outer budget ends first: its exception, not this one's
                time.sleep(30)
    assert outer.value.seconds == 0.3


@pytest.mark.parametrize("seconds", [None, 0, -1])
def test_no_budget(seconds):
    before = signal.getsignal(signal.SIGALRM)
    with time_budget(seconds):
        assert signal.getsignal(signal.SIGALRM) == before


def test_no_budget_outside_the_main_thread():
    seen = {}

    def work():
        seen["available"] = budget_mod.available()
        with time_budget(0.01):
            time.sleep(0.1)
        seen["done"] = True

    t = threading.Thread(target=work)
    t.start()
    t.join()
    assert seen == {"available": False, "done": True}


def test_article_budget_from_the_environment(monkeypatch):
    monkeypatch.delenv("ARCHIVE_ARTICLE_TIMEOUT", raising=False)
    assert article_budget() == budget_mod.ARTICLE_TIME_BUDGET == 60
    for raw, want in [
        ("5", 5.0),
        ("0.5", 0.5),
        ("0", 0.0),
        ("-3", 0.0),
        ("", 60.0),
        ("soon", 60.0),
    ]:
        monkeypatch.setenv("ARCHIVE_ARTICLE_TIMEOUT", raw)
        assert article_budget() == want


def raw_doc(name: str, body: str) -> RawDocument:
    return RawDocument(path=name, name=name, raw_text=body, format="text")


ARTICLE = (
    'Talks resume in Kyiv\n\nAnna Kovalenko met Boris Brennan in Kyiv on Monday.\n\n"We will meet '
    'again," Kovalenko said.\n'
)
SLOW = "SLOW-MARKER"


def batch():
    return [
        raw_doc("slow.txt", ARTICLE.replace("Monday", "Monday " + SLOW)),
        raw_doc("next.txt", ARTICLE),
        raw_doc("last.txt", ARTICLE.replace("Kyiv", "Lviv")),
    ]


def check_only_the_slow_one_failed(results, seconds="2"):
    assert isinstance(results[0], Failure)
    assert results[0].reason == f"extraction took longer than {seconds} s (ARCHIVE_ARTICLE_TIMEOUT)"
    assert all(isinstance(r, Extraction) for r in results[1:])
    assert [q.text for q in results[1].quotes] == ["We will meet again,"]
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def test_a_slow_extraction_fails_alone(nlp, monkeypatch):
    real = extract.extract_parsed

    def extract_parsed(raw, article, doc):
        if SLOW in article.body:
            time.sleep(60)  # the budget cuts this short
        return real(raw, article, doc)

    monkeypatch.setattr(extract, "extract_parsed", extract_parsed)
    monkeypatch.setenv("ARCHIVE_ARTICLE_TIMEOUT", "2")
    check_only_the_slow_one_failed(extract_batch(batch(), nlp=nlp))


def test_a_slow_cleaning_fails_alone(nlp, monkeypatch):
    import archive.clean.page

    real = archive.clean.page.clean

    def clean(raw):
        if SLOW in raw.raw_text:
            time.sleep(60)
        return real(raw)

    monkeypatch.setattr(archive.clean.page, "clean", clean)
    check_only_the_slow_one_failed(extract_batch(batch(), nlp=nlp, budget=2))


class SlowParser:
    """The real pipeline, but one text takes a minute to parse."""

    def __init__(self, nlp):
        self.nlp = nlp
        self.calls = 0

    def __call__(self, text):
        self.calls += 1
        if SLOW in text:
            time.sleep(60)
        return self.nlp(text)

    def pipe(self, texts, batch_size=32):
        for t in texts:
            yield self(t)


def test_a_slow_parse_fails_alone(nlp):
    parser = SlowParser(nlp)
    check_only_the_slow_one_failed(extract_batch(batch(), nlp=parser, budget=2))
    assert parser.calls == 1 + 3  # the batched pass stopped at the slow text, then one by one


def test_no_budget_when_disabled(nlp, monkeypatch):
    def no_timers(*args):
        raise AssertionError("a timer was set with the budget disabled")

    monkeypatch.setenv("ARCHIVE_ARTICLE_TIMEOUT", "0")
    monkeypatch.setattr(signal, "setitimer", no_timers)
    results = extract_batch(batch()[1:], nlp=nlp)
    assert all(isinstance(r, Extraction) for r in results)


def test_budget_does_not_change_results(nlp, monkeypatch):
    monkeypatch.setenv("ARCHIVE_ARTICLE_TIMEOUT", "0")
    plain = extract_batch(batch()[1:], nlp=nlp)
    timed = extract_batch(batch()[1:], nlp=nlp, budget=60)
    assert [(r.quotes, r.people, r.places) for r in plain] == [
        (r.quotes, r.people, r.places) for r in timed
    ]
