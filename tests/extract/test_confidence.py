"""archive.extract.quotes.confidence: every quote gets a probability in [0, 1], from the weights
fitted on real news (the file ships with the package and names its features), and the facts a
reader would check move it the right way."""

from __future__ import annotations

import json

import pytest

from archive.extract.quotes import confidence
from archive.extract.quotes.find import find_quotes
from tests.extract.test_quotes import people_for


@pytest.fixture(scope="module")
def nlp():
    from archive import nlp as nlp_mod

    return nlp_mod.load()


def test_the_weights_file_ships_and_matches_the_features():
    data = json.loads(confidence.WEIGHTS.read_text(encoding="utf-8"))
    assert tuple(data["features"]) == confidence.FEATURES
    assert len(data["weights"]) == len(confidence.FEATURES)
    assert data["split"].startswith("PolNeAR") and data["quotes"] > 1000


def test_every_quote_gets_a_probability_and_the_clear_ones_score_higher(nlp):
    body = (
        "The council met on Monday to vote on the budget.\n\n"
        '"We will not raise taxes this year," Mayor Ines Korda said.\n\n'
        "Korda and her deputy, Paul Rusk, later spoke to residents about the new library. "
        'Someone in the crowd shouted that it was "a waste of money," and Rusk nodded.\n\n'
        '"It is the best plan we have had in years."'
    )
    people = people_for(body, [("Ines Korda", ["Mayor Ines Korda", "Korda"], "f"), ("Paul Rusk",)])
    quotes = find_quotes(body, nlp(body), people, reported=False)
    assert quotes and all(q.confidence is not None and 0 <= q.confidence <= 1 for q in quotes)
    said = next(q for q in quotes if q.text.startswith("We will not"))
    assert said.how == "cue" and said.confidence >= 0.9
    others = [q for q in quotes if q is not said]
    assert all(q.confidence < said.confidence for q in others)


def test_a_quote_with_nobody_named_is_one_to_check():
    f = dict.fromkeys(confidence.FEATURES, 0.0)
    named = dict(f, **{"how=cue": 1.0, "cue=said": 1.0, "quote_length": 0.6})
    nobody = dict(f, **{"how=none": 1.0, "quote_length": 0.6})
    crowded = dict(named, others_in_sentence=1.0, others_in_paragraph=1.0, shared_surname=1.0)
    assert confidence.estimate(nobody) < 0.5 < confidence.estimate(named)
    assert confidence.estimate(crowded) < confidence.estimate(named)


def test_no_usable_weights_leave_the_confidence_unset(monkeypatch, tmp_path):
    bad = tmp_path / "confidence.json"
    bad.write_text(json.dumps({"features": ["other"], "weights": [1.0], "intercept": 0.0}))
    monkeypatch.setattr(confidence, "WEIGHTS", bad)
    confidence.load_model.cache_clear()
    try:
        assert confidence.estimate(dict.fromkeys(confidence.FEATURES, 0.0)) is None
    finally:
        confidence.load_model.cache_clear()
