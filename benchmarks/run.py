"""Speed and memory of newslens at corpus scale. Run by hand, not in CI:

    python benchmarks/run.py [--sizes 2 100 1000 10000] [--repeats 3] [--source FOLDER ...]

Builds corpora of the given sizes from the bundled seeds (and any folders
given), varied so that no two articles are the same, then prints, each the
median of several runs (throughput: the total of several turns):

- pipeline throughput (words/s) and its ratio to the bare NER model, both run
  in turns on slices of the texts with the batch size ``newslens annotate`` uses;
- ``newslens annotate`` cold (empty cache) and warm (full cache), peak memory
  (with ``--jobs``: the main process plus each worker's peak);
- reader start in a pseudo-terminal: cold to its first frame; warm to its first
  frame and to the articles on screen, and that against a minimal Textual app
  started alternately with it (so a busier moment of the machine hits both);
- next-mention latency in the mention index at the largest size;
- key to next frame of Textual's stock widgets in the reader's layout for ``]``, a filter
  key, ``t`` and a repaint of every widget (benchmarks/minimal_app.py): the floor under the
  reader's key latencies;
- the floor under the reader's start: the minimal app after importing
  newslens's pydantic records, and Textual's stock widgets in the reader's
  layout with no newslens code, and both (benchmarks/minimal_app.py), run in
  turns with the minimal app.

Ratios to the minimal app are the median of the ratios within each pair or turn.

The project is byte-compiled first, as ``pip install`` does, so that a source
file edited since its last import is not compiled inside a timed start.

Cold runs of the largest corpus are timed once (they take minutes).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
CHILD = Path(__file__).resolve().parent / "child.py"
MINIMAL_APP = Path(__file__).resolve().parent / "minimal_app.py"
sys.path.insert(0, str(Path(__file__).resolve().parent))

from terminal import first_paint, key_latencies, percentile  # noqa: E402 (after the path is set)

READER_KEYS = {"n": b"n", "]": b"]", "1 (filter)": b"1", "t (theme)": b"t"}
"""The keys whose latency the reader must keep low (issue 16: p95 at most 50 ms)."""

PEOPLE = [
    "Olaf Scholz",
    "Friedrich Merz",
    "Annalena Baerbock",
    "Boris Pistorius",
    "Emmanuel Macron",
    "Keir Starmer",
    "Mark Rutte",
    "Ursula von der Leyen",
    "Sergej Lawrow",
    "Dmitri Peskow",
    "Antony Blinken",
    "Marco Rubio",
]
PLACES = ["Berlin", "Paris", "London", "Warschau", "Kiew", "Charkiw", "Odessa", "Brüssel", "Wien", "Rom", "Madrid"]
WEAPONS = ["Taurus", "Leopard 2", "IRIS-T", "HIMARS", "Storm Shadow", "F-16", "Shahed", "Iskander", "Kinschal"]


def build_corpus(size: int, target: Path, sources: list[Path]) -> Path:
    """``size`` article files in ``target``: seed paragraphs recombined with varied names."""
    from core.corpus import load_corpus

    articles = load_corpus(sources or None).articles
    paragraphs = [a.text[s:e] for a in articles for s, e in a.paragraphs[1:]]
    rng = random.Random(size)
    target.mkdir(parents=True, exist_ok=True)
    for number in range(size):
        body = rng.sample(paragraphs, k=min(len(paragraphs), rng.randint(4, 9)))
        text = "\n".join(body)
        text = text.replace("Trump", rng.choice(PEOPLE).split()[-1]).replace("Moskau", rng.choice(PLACES))
        text = text.replace("Patriot", rng.choice(WEAPONS))
        title = f"Meldung {number + 1}: {rng.choice(PEOPLE)} in {rng.choice(PLACES)}"
        (target / f"article-{number:05d}.txt").write_text(f"{title}\n{text} (Nr. {number})\n", encoding="utf-8")
    return target


def child(args: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Run ``newslens ARGS`` in a fresh process: (seconds, peak memory in MB)."""
    started = time.perf_counter()
    result = subprocess.run([sys.executable, str(CHILD), *args], capture_output=True, text=True, env=env, cwd=ROOT)
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(f"newslens {' '.join(args)} failed:\n{result.stderr[-2000:]}")
    return elapsed, float(result.stderr.strip().splitlines()[-1].split()[-1])


def reader_warm_start(reader: list[str], env: dict[str, str], repeats: int) -> tuple[float, float, float, float]:
    """Medians of the reader's first frame, of its articles on screen and of a minimal Textual app's
    first frame, run alternately so that a busier moment of the machine hits both; and the median
    of the ratio articles/minimal within each pair."""
    frames, contents, minimals = [], [], []
    for _ in range(repeats):
        frame, content = first_paint(reader, env, b"Prev article", b" articles,")
        frames.append(frame)
        contents.append(content)
        minimals.append(first_paint([sys.executable, str(MINIMAL_APP)], dict(os.environ), b"minimal-ready")[0])
    ratio = median([content / minimal for content, minimal in zip(contents, minimals, strict=True)])
    return median(frames), median(contents), median(minimals), ratio


def floors(repeats: int) -> dict[str, tuple[float, float]]:
    """The minimal app and its floor variants, run in turns: (median seconds, median ratio to the
    minimal app within each turn)."""
    variants = {"minimal": [], "records": ["--records"], "reader_layout": ["--reader-layout"],
                "both": ["--records", "--reader-layout"]}  # fmt: skip
    times: dict[str, list[float]] = {name: [] for name in variants}
    for _ in range(repeats):
        for name, flags in variants.items():
            command = [sys.executable, str(MINIMAL_APP), *flags]
            times[name].append(first_paint(command, dict(os.environ), b"minimal-ready")[0])
    return {
        name: (median(values), median([value / base for value, base in zip(values, times["minimal"], strict=True)]))
        for name, values in times.items()
    }


def reader_keys(corpus: Path | None, env: dict[str, str], presses: int, quiet: float) -> dict[str, tuple[float, float]]:
    """Median and p95 seconds from a key to the reader's next frame, at 160x45 with a warm cache.

    The most mentioned person is remembered as selected, so that ``n`` walks its mentions.
    """
    from core.analysis import Options, open_corpus
    from core.state import Position, ReaderState, corpus_key, save_state

    paths = [corpus] if corpus else []
    warmed = Path(env["NEWSLENS_CACHE_DIR"]).parent / "warm.jsonl"  # never os.devnull: the write is atomic (a rename)
    subprocess.run([sys.executable, "-m", "tui", "annotate", *map(str, paths), "-o", str(warmed), "--force"],
                   env=env, cwd=ROOT, capture_output=True, check=True)  # fmt: skip
    before = dict(os.environ)
    os.environ.update(env)
    try:
        step = next(open_corpus(paths or None, Options()))  # warm: the first step is Ready
    finally:
        os.environ.clear()
        os.environ.update(before)
    store = step.store
    person = max((e for e in store.entities if e.label == "PERSON"), key=lambda e: e.mentions)
    key = corpus_key([info.id for info in store.infos])
    state = ReaderState(positions={key: Position(selected=person.id)})
    save_state(state, Path(env["NEWSLENS_STATE_DIR"]) / "reader.json")
    command = [sys.executable, "-m", "tui", *map(str, paths)]
    timings = key_latencies(command, env, READER_KEYS, presses, b" articles,", quiet)
    return {name: (median(values), percentile(values, 0.95)) for name, values in timings.items()}


FLOOR_KEYS = {"]": b"]", "1 (filter)": b"1", "t (theme)": b"t", "r (repaint all)": b"r"}
"""The stock-widget app's keys that do the least of what the reader's keys of the same name do,
and a repaint of every widget with nothing changed (the least a theme switch must do)."""


def floor_keys(presses: int, quiet: float) -> dict[str, tuple[float, float]]:
    """Median and p95 seconds from a key to the next frame of Textual's stock widgets in the
    reader's layout (benchmarks/minimal_app.py --reader-layout), at 160x45: the floor under
    the reader's key latencies on this machine."""
    command = [sys.executable, str(MINIMAL_APP), "--reader-layout"]
    timings = key_latencies(command, dict(os.environ), FLOOR_KEYS, presses, b"minimal-ready", quiet)
    return {name: (median(values), percentile(values, 0.95)) for name, values in timings.items()}


def print_keys(label: str, figures: dict[str, tuple[float, float]]) -> None:
    """Two lines: key to the next frame, and key to the last frame it caused (the screen settled)."""
    for kind, settled in (("key to next frame", False), ("key to settled screen", True)):
        cells = "   ".join(f"{name.removesuffix(' settled')} {p50 * 1000:.0f}/{p95 * 1000:.0f}"
                           for name, (p50, p95) in figures.items() if name.endswith(" settled") == settled)  # fmt: skip
        target = " (target p95 <= 50)" if not settled else ""
        print(f"{kind}, {label}, median/p95 ms: {cells}{target}")


def median(values: list[float]) -> float:
    return statistics.median(values)


def throughput(corpus: Path, repeats: int) -> tuple[float, float]:
    """Words per second of the whole pipeline and of the bare NER model, on the same texts."""
    import spacy

    from core.annotate import BATCH_SIZE
    from core.corpus import load_corpus
    from core.pipeline import load_pipeline
    from core.resources import model_dir

    texts = [article.text for article in load_corpus([corpus]).articles]
    words = sum(len(text.split()) for text in texts)
    pipelines = {"bare": spacy.load(model_dir()), "whole": load_pipeline()}
    for nlp in pipelines.values():
        list(nlp.pipe(texts[:20]))  # warm up
    # Both pipelines take turns on small slices of the corpus, so that a busier moment of the
    # machine (this one is shared) hits both alike; whole passes in turn varied by +-8 %.
    slices = [texts[start : start + BATCH_SIZE] for start in range(0, len(texts), BATCH_SIZE)]
    seconds = dict.fromkeys(pipelines, 0.0)
    for turn in range(repeats * len(slices)):
        names = list(pipelines) if turn % 2 == 0 else list(reversed(pipelines))
        for name in names:
            started = time.perf_counter()
            for _doc in pipelines[name].pipe(slices[turn % len(slices)], batch_size=BATCH_SIZE):
                pass
            seconds[name] += time.perf_counter() - started
    return words * repeats / seconds["whole"], words * repeats / seconds["bare"]


def next_mention_latency(corpus: Path, env: dict[str, str]) -> tuple[float, int]:
    """Median microseconds of index.next() on the cached corpus, and its article count."""
    os.environ.update(env)
    from core.analysis import Options, open_corpus

    step = next(open_corpus([corpus], Options()))  # with a warm cache the first step is Ready
    store = step.store
    entities = [e.id for e in sorted(store.entities, key=lambda e: -e.mentions)][:50]
    rng = random.Random(1)
    ids = store.index.article_ids
    timings = []
    for _ in range(20000):
        entity, article = rng.choice(entities), rng.choice(ids)
        started = time.perf_counter()
        store.index.next(entity, article, rng.randint(0, 3000))
        timings.append(time.perf_counter() - started)
    return median(timings) * 1e6, len(ids)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[2, 100, 1000, 10000])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--jobs", type=int, default=max(1, (os.cpu_count() or 1)))
    parser.add_argument("--source", type=Path, nargs="*", default=[], help="more folders of articles to draw from")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    parser.add_argument("--presses", type=int, default=20, help="presses of each key for the key latencies")
    parser.add_argument("--quiet", type=float, default=2.5,
                        help="seconds the screen must be still before each press (notifications gone)")  # fmt: skip
    parser.add_argument("--keys-only", action="store_true",
                        help="only the reader's warm start and key latencies on the seeds (a few minutes)")  # fmt: skip
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="newslens-bench-"))
    figures: dict = {"sizes": {}}
    print(f"newslens benchmarks in {work} ({os.cpu_count()} cores, --jobs {args.jobs})\n")

    subprocess.run([sys.executable, "-m", "compileall", "-q", "core", "tui"], cwd=ROOT, check=True)
    seeds_env = {
        **os.environ,
        "NEWSLENS_CACHE_DIR": str(work / "cache-seeds"),
        "NEWSLENS_STATE_DIR": str(work / "state-seeds"),
        "NEWSLENS_CONFIG_DIR": str(work / "config"),
    }
    keys = reader_keys(None, seeds_env, args.presses, args.quiet)
    figures["keys_seeds_ms"] = {name: [round(a * 1000, 1), round(b * 1000, 1)] for name, (a, b) in keys.items()}
    print_keys("the seeds", keys)
    floor = floor_keys(args.presses, args.quiet)
    figures["keys_floor_ms"] = {name: [round(a * 1000, 1), round(b * 1000, 1)] for name, (a, b) in floor.items()}
    print_keys("floor (stock widgets, no newslens)", floor)
    seeds_command = [sys.executable, "-m", "tui"]
    _frame, warm_seeds, _minimal, _ratio = reader_warm_start(seeds_command, seeds_env, max(9, args.repeats))
    figures["reader_warm_seeds_s"] = round(warm_seeds, 3)
    print(f"warm start to highlighted articles, the seeds: {warm_seeds:.2f} s median (target <= 1)\n")
    if args.keys_only:
        if args.json:
            args.json.write_text(json.dumps(figures, indent=2), encoding="utf-8")
        return
    corpora = {size: build_corpus(size, work / f"corpus-{size}", args.source) for size in args.sizes}
    whole, bare = throughput(corpora[min(args.sizes, key=lambda s: abs(s - 100))], max(5, args.repeats))
    figures["throughput"] = {
        "pipeline_words_per_s": round(whole),
        "bare_model_words_per_s": round(bare),
        "ratio": round(whole / bare, 2),
    }
    print(
        f"pipeline throughput   {whole:10,.0f} words/s   bare NER model {bare:,.0f} words/s   "
        f"ratio {whole / bare:.2f} (target >= 0.8)"
    )

    print(
        f"{'articles':>9} {'annotate cold':>14} {'warm':>8} {'peak MB cold':>13} {'warm':>7} "
        f"{'reader cold':>12} {'warm frame':>11} {'articles':>9} {'minimal':>8} {'warm/minimal':>13}"
    )
    for size, corpus in corpora.items():
        env = {
            **os.environ,
            "NEWSLENS_CACHE_DIR": str(work / f"cache-{size}"),
            "NEWSLENS_STATE_DIR": str(work / f"state-{size}"),
            "NEWSLENS_CONFIG_DIR": str(work / "config"),
        }
        cold_runs = 1 if size >= 10000 else args.repeats
        cold, cold_memory = [], []
        for _ in range(cold_runs):
            subprocess.run([sys.executable, "-m", "tui", "cache", "clear"], env=env, cwd=ROOT, capture_output=True)
            seconds, memory = child(
                [
                    "annotate",
                    "--format",
                    "jsonl",
                    "-o",
                    str(work / "out.jsonl"),
                    "--force",
                    "--jobs",
                    str(args.jobs),
                    str(corpus),
                ],
                env,
            )
            cold.append(seconds)
            cold_memory.append(memory)
        warm, warm_memory = zip(
            *[
                child(["annotate", "--format", "jsonl", "-o", str(work / "out.jsonl"), "--force", str(corpus)], env)
                for _ in range(args.repeats)
            ],
            strict=True,
        )
        reader = [sys.executable, "-m", "tui", str(corpus)]  # what the newslens console script runs
        warm_frame, reader_warm, minimal, warm_ratio = reader_warm_start(reader, env, max(9, args.repeats))
        cold_env = {**env, "NEWSLENS_CACHE_DIR": str(work / f"cold-reader-{size}")}
        reader_cold = first_paint(reader, cold_env, b"Prev article")[0]
        row = {
            "annotate_cold_s": round(median(cold), 2),
            "annotate_warm_s": round(median(warm), 2),
            "peak_mb_cold": round(max(cold_memory)),
            "peak_mb_warm": round(max(warm_memory)),
            "reader_cold_s": round(reader_cold, 2),
            "reader_warm_first_frame_s": round(warm_frame, 3),
            "reader_warm_s": round(reader_warm, 3),
            "minimal_textual_start_s": round(minimal, 3),
            "reader_warm_vs_minimal": round(warm_ratio, 2),
        }
        figures["sizes"][size] = row
        print(
            f"{size:9} {row['annotate_cold_s']:13.1f}s {row['annotate_warm_s']:7.2f}s {row['peak_mb_cold']:12}  "
            f"{row['peak_mb_warm']:6}  {row['reader_cold_s']:11.2f}s {warm_frame:10.2f}s {reader_warm:8.2f}s "
            f"{minimal:7.2f}s {row['reader_warm_vs_minimal']:12.2f}x"
        )
        if size == max(args.sizes):
            keys = reader_keys(corpus, env, max(5, args.presses // 2), args.quiet)
            figures["keys_largest_ms"] = {n: [round(a * 1000, 1), round(b * 1000, 1)] for n, (a, b) in keys.items()}
            print_keys(f"{size:,} articles", keys)
            latency, articles = next_mention_latency(corpus, env)
            figures["next_mention_us"] = round(latency, 2)
            print(f"\nnext mention at {articles:,} articles: {latency:.1f} µs median (target < 1 ms)")
    smallest, largest = figures["sizes"][min(args.sizes)], figures["sizes"][max(args.sizes)]
    ratio = largest["reader_warm_s"] / smallest["reader_warm_s"]
    figures["warm_open_largest_vs_smallest"] = round(ratio, 2)
    print(f"warm reader start, {max(args.sizes):,} vs {min(args.sizes)} articles: {ratio:.2f}x (target <= 2)")
    print(f"warm reader start vs minimal Textual app: {smallest['reader_warm_vs_minimal']:.2f}x (target <= 1.5)")
    floor = floors(max(15, args.repeats))
    figures["floor"] = {
        "minimal_s": round(floor["minimal"][0], 3),
        "minimal_with_records_s": round(floor["records"][0], 3),
        "stock_reader_layout_s": round(floor["reader_layout"][0], 3),
        "records_and_stock_layout_s": round(floor["both"][0], 3),
        "records_vs_minimal": round(floor["records"][1], 2),
        "stock_reader_layout_vs_minimal": round(floor["reader_layout"][1], 2),
        "records_and_stock_layout_vs_minimal": round(floor["both"][1], 2),
    }
    print(
        f"floor, against the minimal app ({floor['minimal'][0]:.2f}s), collector paused like the reader: "
        f"importing newslens's pydantic records {floor['records'][1]:.2f}x; Textual's stock widgets in the "
        f"reader's layout, no newslens code, {floor['reader_layout'][1]:.2f}x; both together {floor['both'][1]:.2f}x"
    )
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
