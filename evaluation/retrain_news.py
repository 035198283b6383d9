"""Correct the entity errors of some news-dev articles, retrain on them, score the others (issue 17).

    python -m evaluation.retrain_news prepare WORK   # corrections + training examples
    python training/train.py --extra WORK/corrected.spacy --base core/ner_model --no-package \\
        --output WORK/model --training.max_steps=400
    python -m evaluation.retrain_news score WORK [--model WORK/model/model-best]

``prepare`` annotates the odd half of news-dev (the articles the rules were tuned on) with the
shipped pipeline and writes, into WORK/config/entities.toml, the corrections a reader would make
where the scorer lists an error: ``[[untag]]`` for a form the gold does not have, ``[[tag]]``
(scope article) for a gold form that is missed or has another label. ``newslens corrections
export`` then writes the corrected articles as WORK/corrected.spacy. ``score`` runs the scorer on
the even half (held out) with the shipped model and with the retrained one. The texts stay in
../shared; WORK holds derived data only and is not committed.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from core.atomic import atomic_write
from evaluation.news_halves import NEWS, score

NEWSLENS = str(Path(sys.executable).with_name("newslens"))


def _table(name: str, **fields: str) -> str:
    """A TOML table of strings (a JSON string is a valid TOML basic string)."""
    lines = [f"[[{name}]]", *(f"{key} = {json.dumps(value, ensure_ascii=False)}" for key, value in fields.items())]
    return "\n".join(lines) + "\n"


def _halves(gold: Path) -> tuple[list[Path], list[Path]]:
    files = sorted(gold.glob("*.json"))
    return files[0::2], files[1::2]


def _dirs(work: Path) -> dict[str, str]:
    """newslens's config, cache and state folders under ``work``."""
    return {f"NEWSLENS_{name.upper()}_DIR": str(work / name) for name in ("config", "cache", "state")}


def corrections_for(annotated: dict, gold: dict) -> list[str]:
    """TOML tables that make one article's entity forms the gold's."""
    wanted = {(form, entity["label"]) for entity in gold["entities"] for form in entity["forms"]}
    gold_forms = {form for form, _ in wanted}
    found = {(m["text"], m["label"]) for m in annotated["mentions"] if m["label"] != "WEAPON"}
    article = annotated["id"]
    tables = [_table("untag", text=text, label=label, article=article)
              for text, label in sorted(found - wanted) if text not in gold_forms]  # fmt: skip
    tables += [_table("tag", text=text, label=label, scope="article", article=article)
               for text, label in sorted(wanted - found)]  # fmt: skip
    return tables


def prepare(work: Path, gold_dir: Path, articles: Path) -> None:
    odd, _even = _halves(gold_dir)
    golds = {gold["file"]: gold for gold in (json.loads(path.read_text(encoding="utf-8")) for path in odd)}
    files = [articles / name for name in sorted(golds) if (articles / name).exists()]
    (work / "config").mkdir(parents=True, exist_ok=True)
    env = {**os.environ, **_dirs(work)}
    result = subprocess.run(
        [NEWSLENS, "annotate", *map(str, files), "--format", "json"], capture_output=True, text=True, env=env
    )
    if result.returncode != 0:
        raise SystemExit(result.stderr.strip())
    annotated = json.loads(result.stdout)["articles"]
    tables: list[str] = []
    for record in annotated:
        tables += corrections_for(record, golds[Path(record["path"]).name])
    atomic_write(work / "config" / "entities.toml", "\n".join(tables), overwrite=True)
    tags = sum(table.startswith("[[tag]]") for table in tables)
    print(f"{len(files)} articles: {tags} [[tag]] and {len(tables) - tags} [[untag]] corrections")
    output = work / "corrected.spacy"
    command = [NEWSLENS, "corrections", "export", *map(str, files), "-o", str(output), "--force"]
    subprocess.run(command, check=True, env=env)


def score_even(work: Path, gold_dir: Path, articles: Path, models: list[str]) -> None:
    _odd, even = _halves(gold_dir)
    folder = work / "even-gold"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    for path in even:
        shutil.copy(path, folder)
    for number, model in enumerate(["", *models]):
        print(f"== even half (held out), {len(even)} articles, model: {model or 'shipped'}", flush=True)
        # no corrections, a cache of its own per model
        os.environ.update(_dirs(work / f"score-{number}"))
        command = NEWSLENS if not model else f"{sys.executable} -m evaluation.retrain_news annotate-with {model}"
        score(folder, articles, command)


def annotate_with(model: str, arguments: list[str]) -> None:
    """``newslens annotate … --model MODEL``: the scorer appends ``annotate FILES --format json``."""
    from tui.cli import main as newslens

    raise SystemExit(newslens([*arguments, "--model", model]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    if sys.argv[1:2] == ["annotate-with"]:
        annotate_with(sys.argv[2], sys.argv[3:])
        return
    parser.add_argument("step", choices=["prepare", "score"])
    parser.add_argument("work", type=Path)
    parser.add_argument("--gold", type=Path, default=NEWS / "gold")
    parser.add_argument("--articles", type=Path, default=NEWS / "articles")
    parser.add_argument("--model", action="append", default=[], help="a retrained pipeline to score (repeatable)")
    args = parser.parse_args()
    if args.step == "prepare":
        prepare(args.work, args.gold, args.articles)
    else:
        score_even(args.work, args.gold, args.articles, args.model)


if __name__ == "__main__":
    main()
