"""The scoring scripts run on their gold files (dev half) and guard against regressions.

The floors sit a little below the figures of the shipped pipeline; the test half
(evaluation/gold/news-test.jsonl) is for reporting only and is not used here.
"""

from __future__ import annotations

import pytest

from evaluation import score_entities, score_quotes
from evaluation.gold import load_gold


@pytest.fixture(scope="module")
def quotes() -> dict:
    return score_quotes.score(["dev"], None, show_errors=False)


@pytest.fixture(scope="module")
def entities() -> dict:
    return score_entities.score(["dev"], None, show_errors=False)


def test_gold_files_are_valid():
    for split in ("dev", "test"):
        for article in load_gold([split]):
            for span in (*article.mentions, *article.quotes):
                assert article.text[span["start"] : span["end"]] == span["text"]


def test_quotation_detection_and_speakers(quotes):
    assert quotes["speech"]["f"] >= 0.90
    assert quotes["direct"]["f"] >= 0.95
    assert quotes["indirect"]["f"] >= 0.85
    assert quotes["speaker_accuracy"] >= 0.88


def test_mentions_weapons_and_linking(entities):
    assert entities["ALL"]["f"] >= 0.90
    assert entities["PERSON"]["f"] >= 0.93
    assert entities["WEAPON"]["f"] >= 0.93
    assert entities["WEAPON named"]["p"] >= 0.95
    assert entities["linking"]["accuracy"] >= 0.95
    assert entities["linking"]["b3_f"] >= 0.95
