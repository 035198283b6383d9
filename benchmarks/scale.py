"""Distributed annotation into a Parquet store, on Dask LocalClusters. Run by hand, not in CI:

    python benchmarks/scale.py [--size 10000] [--reduce-sizes 1000 10000] [--workers 1 2] [--json FILE]

Builds the corpus with benchmarks/run.py's builder, then for each worker count
starts a LocalCluster (processes, one thread each) and annotates the corpus into
a fresh store (``newslens annotate --store --engine dask``'s code, in this
process as the driver), and prints:

- throughput of the annotation stage (words/s, wall time from the first task to
  the last shard, the cluster already up) and the speed-up over 1 worker;
- each worker's peak resident memory (VmHWM, as the worker reports it);
- the linking stage (map over shards, reduce on the driver, write-back), and
  the reduce alone, at each of ``--reduce-sizes`` (a store of that many articles);
- the equality check: ``newslens annotate STORE --format json`` against
  ``newslens annotate CORPUS --format json --no-cache --jobs 2`` (linked in one process; the
  two processes only annotate): byte for byte;
- the warm open of a store in the reader: 2 articles against ``--size`` articles;
- a projection for 1M articles on N workers from the measured rates.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.run import build_corpus, first_paint, median  # noqa: E402


def build_store(corpus: Path, store: Path, workers: int) -> dict:
    """One store built on a fresh LocalCluster of ``workers``; the build report's figures."""
    from core.scale.build import BuildOptions, build
    from core.scale.engines import DaskEngine

    started = time.perf_counter()
    engine = DaskEngine(None, workers, None)
    startup = time.perf_counter() - started
    try:
        report = build([corpus], store, engine, BuildOptions(partition_files=50))
    finally:
        engine.close()
    return {
        "workers": workers,
        "articles": report.articles,
        "words": report.words,
        "cluster_start_s": round(startup, 1),
        "annotate_s": round(report.annotate_seconds, 1),
        "words_per_s": round(report.words / report.annotate_seconds),
        "link_s": round(report.link_seconds, 2),
        "reduce_s": round(report.reduce_seconds, 2),
        "distinct_mentions": report.distinct_mentions,
        "worker_peak_mb": sorted(round(mb) for mb in report.worker_peak_mb.values()),
    }


def newslens(*args: str, env: dict[str, str]) -> float:
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "tui", *args], capture_output=True, text=True, env=env, cwd=ROOT)
    if result.returncode != 0:
        raise SystemExit(f"newslens {' '.join(args)} failed:\n{result.stderr[-2000:]}")
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", type=int, default=10000)
    parser.add_argument("--reduce-sizes", type=int, nargs="*", default=[1000])
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="newslens-scale-"))
    env = {**os.environ, "NEWSLENS_CACHE_DIR": str(work / "cache"), "NEWSLENS_STATE_DIR": str(work / "state"),
           "NEWSLENS_CONFIG_DIR": str(work / "config")}  # fmt: skip
    os.environ.update(env)
    load = os.getloadavg()
    print(f"newslens scale benchmark in {work} ({os.cpu_count()} cores; load average {load[0]:.2f} {load[1]:.2f})\n")
    corpus = build_corpus(args.size, work / f"corpus-{args.size}", [])
    figures: dict = {"size": args.size, "runs": [], "reduce": [], "load_average_at_start": load}
    for workers in args.workers:
        run = build_store(corpus, work / f"store-{workers}", workers)
        run["load_average_after"] = round(os.getloadavg()[0], 2)
        figures["runs"].append(run)
        print(f"{args.size:,} articles, {workers} worker(s): {run['words_per_s']:,} words/s "
              f"({run['words']:,} words in {run['annotate_s']} s; cluster start {run['cluster_start_s']} s), "
              f"link {run['link_s']} s (reduce {run['reduce_s']} s, {run['distinct_mentions']:,} distinct mentions), "
              f"peak MB per worker {run['worker_peak_mb']}; load after {run['load_average_after']}")  # fmt: skip
    rates = {run["workers"]: run["words_per_s"] for run in figures["runs"]}
    if 1 in rates and 2 in rates:
        figures["speedup_2_workers"] = round(rates[2] / rates[1], 2)
        print(f"speed-up, 2 workers over 1: {figures['speedup_2_workers']}x (target >= 1.7)")
    for size in args.reduce_sizes:
        small = build_corpus(size, work / f"corpus-{size}", [])
        run = build_store(small, work / f"store-reduce-{size}", max(args.workers))
        figures["reduce"].append({"articles": size, **{k: run[k] for k in ("link_s", "reduce_s", "distinct_mentions")}})
        print(f"linking {size:,} articles: {run['link_s']} s (reduce {run['reduce_s']} s, "
              f"{run['distinct_mentions']:,} distinct mentions)")  # fmt: skip
    big = figures["runs"][-1]
    figures["reduce"].append(
        {"articles": args.size, **{k: big[k] for k in ("link_s", "reduce_s", "distinct_mentions")}}
    )

    store = work / f"store-{max(args.workers)}"
    started = time.perf_counter()
    # one process links (the path the store must equal); --jobs 2 only annotates in two processes
    newslens("annotate", str(corpus), "--format", "json", "-o", str(work / "single.json"), "--no-cache", "--jobs", "2",
             env=env)  # fmt: skip
    single_s = time.perf_counter() - started
    newslens("annotate", str(store), "--format", "json", "-o", str(work / "store.json"), env=env)
    equal = (work / "single.json").read_bytes() == (work / "store.json").read_bytes()
    figures["equal_to_single_process_json"] = equal
    figures["single_process_json_s"] = round(single_s, 1)
    print(f"store == annotate --format json (single process, {single_s:.0f} s): {equal}")

    two = build_corpus(2, work / "corpus-2", [])
    build_store(two, work / "store-two", 1)
    opens = {}
    for name, folder in (("2", work / "store-two"), (str(args.size), store)):
        reader = [sys.executable, "-m", "tui", str(folder)]
        times = [first_paint(reader, env, b" articles,")[0] for _ in range(7)]
        opens[name] = round(median(times), 3)
    figures["reader_warm_open_s"] = opens
    ratio = opens[str(args.size)] / opens["2"]
    figures["reader_open_ratio"] = round(ratio, 2)
    print(f"reader opens a store, articles on screen: 2 articles {opens['2']} s, {args.size:,} articles "
          f"{opens[str(args.size)]} s ({ratio:.2f}x, target <= 2)")  # fmt: skip

    per_worker = rates[1] if 1 in rates else big["words_per_s"] / big["workers"]
    efficiency = figures.get("speedup_2_workers", 2) / 2
    words_per_article = big["words"] / big["articles"]
    print(
        "\nprojection, 1,000,000 articles of this corpus's length "
        f"({words_per_article:.0f} words; 600-word articles take {600 / words_per_article:.1f}x as long):"
    )
    figures["projection_hours"] = {}
    for workers in (1, 2, 8, 32, 100):
        rate = per_worker * (1 if workers == 1 else workers * efficiency)
        hours = 1_000_000 * words_per_article / rate / 3600
        figures["projection_hours"][workers] = round(hours, 2)
        print(f"  {workers:3} workers: {hours:6.1f} h annotation")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
