"""Load the gold files and run newslens on their texts.

Gold files (evaluation/gold/news-*.jsonl) hold one article per line with
hand-annotated mentions (entity slugs shared across articles) and quotations;
see evaluation/gold/GUIDELINES.md.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

from core.formats import paragraph_spans
from core.models import AnnotatedArticle, Article

GOLD_DIR = Path(__file__).resolve().parent / "gold"
SPLITS = {"dev": GOLD_DIR / "news-dev.jsonl", "test": GOLD_DIR / "news-test.jsonl"}


@dataclass
class GoldArticle:
    """One gold article: text, mentions and quotes as dicts."""

    id: str
    text: str
    mentions: list[dict]
    quotes: list[dict]

    def article(self) -> Article:
        spans = paragraph_spans(self.text)
        start, end = spans[0]
        return Article(id=self.id, title=self.text[start:end], path=f"gold/{self.id}", text=self.text,
                       paragraphs=tuple(spans))  # fmt: skip


def load_gold(splits: list[str]) -> list[GoldArticle]:
    """The gold articles of the given splits (``dev``, ``test``)."""
    articles = []
    for split in splits:
        for line in SPLITS[split].read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            articles.append(GoldArticle(record["id"], record["text"], record["mentions"], record["quotes"]))
    return articles


def run_system(gold: list[GoldArticle], model: str | None = None) -> list[AnnotatedArticle]:
    """Annotate and link the gold texts as one corpus, with no user overrides."""
    from core.analysis import annotate_articles, link_and_index
    from core.overrides import EntityOverrides

    annotated = annotate_articles([g.article() for g in gold], model=model)
    corpus, _ = link_and_index(annotated, pipeline=None, overrides=EntityOverrides())
    return list(corpus.articles)


def entity_mapping(gold: list[GoldArticle], system: list[AnnotatedArticle]) -> dict[str, str]:
    """System entity id -> the gold slug most of its overlapping mentions carry."""
    votes: dict[str, Counter] = defaultdict(Counter)
    for g, s in zip(gold, system, strict=True):
        for mention in s.mentions:
            for truth in g.mentions:
                if truth["start"] < mention.end and mention.start < truth["end"] and mention.entity:
                    votes[mention.entity][truth["entity"]] += 1
    return {entity: counts.most_common(1)[0][0] for entity, counts in votes.items()}


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    """Precision, recall, F1."""
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def run_scorer(doc: str | None, score, errors_help: str, title: str, keys: tuple[str, ...]) -> dict | None:
    """The command line both scorers share: parse the options, score, print the P/R/F1 table.

    Returns the figures for the caller to print more, or None when they were printed as JSON.
    """
    import argparse

    parser = argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--split", choices=("dev", "test", "all"), default="dev")
    parser.add_argument("--model", default=None)
    parser.add_argument("--errors", action="store_true", help=errors_help)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    splits = ["dev", "test"] if args.split == "all" else [args.split]
    result = score(splits, args.model, args.errors)
    if args.json:
        print(json.dumps(result, indent=2))
        return None
    width = max(len(key) for key in keys)
    print(f"{title}, gold split(s): {', '.join(splits)}")
    print(f"  {'':{width}} {'P':>6} {'R':>6} {'F1':>6} {'gold':>5}")
    for key in keys:
        f = result[key]
        print(f"  {key:{width}} {f['p']:6.3f} {f['r']:6.3f} {f['f']:6.3f} {f['gold']:5}")
    return result
