"""The Parquet store: built on a Dask LocalCluster of 2 workers (started once for the module) or
locally, it equals ``newslens annotate --format json``; it grows, resumes after a kill, and opens
in the reader and for analysts without spaCy."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("pyarrow")
distributed = pytest.importorskip("distributed")

from core.analysis import Options, analyse  # noqa: E402
from core.scale.build import BuildOptions, build  # noqa: E402
from core.scale.engines import DaskEngine, InProcess  # noqa: E402
from core.scale.layout import Manifest, StoreError  # noqa: E402
from core.scale.reader import ParquetStore  # noqa: E402
from tests.conftest import GOOD_TEXT, HOSTILE_TEXT  # noqa: E402
from tui.cli import main  # noqa: E402
from tui.commands.annotate import render  # noqa: E402

ROOT = Path(__file__).parents[1]
SEEDS = ROOT / "seeds"
MORE = (
    "Pistorius besucht Kiew\n"
    "Verteidigungsminister Boris Pistorius hat in Kiew weitere Patriot-Systeme zugesagt.\n"
    "„Wir stehen an der Seite der Ukraine“, sagte Pistorius. Selenskyj dankte ihm.\n"
)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Seeds, plain and hostile text, two JSON lines and a copy of a seed: 7 files, 7 articles."""
    folder = tmp_path_factory.mktemp("corpus")
    for seed in sorted(SEEDS.glob("*.txt")):
        (folder / seed.name).write_bytes(seed.read_bytes())
    (folder / "good.txt").write_text(GOOD_TEXT, encoding="utf-8")
    (folder / "hostile.txt").write_text(HOSTILE_TEXT, encoding="utf-8")
    (folder / "more.txt").write_text(MORE, encoding="utf-8")
    records = [{"title": "Scholz in Paris", "text": "Olaf Scholz traf Emmanuel Macron in Paris."},
               {"title": "Macron warnt", "text": "„Europa muss handeln“, sagte Macron am Montag."}]  # fmt: skip
    (folder / "wire.jsonl").write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records), encoding="utf-8")
    (folder / "zz-copy").mkdir()
    first = sorted(SEEDS.glob("*.txt"))[0]
    (folder / "zz-copy" / first.name).write_bytes(first.read_bytes())  # same stem and text: skipped, as in JSON
    return folder


@pytest.fixture(scope="module")
def cluster():
    """One LocalCluster of 2 worker processes for the module."""
    engine = DaskEngine(None, 2, None)
    yield engine
    engine.close()


def json_of(paths) -> str:
    return "".join(render(analyse(paths, Options(use_cache=False)), "json"))


def store_json(folder: Path) -> str:
    return "".join(render(ParquetStore(folder), "json"))


@pytest.fixture(scope="module")
def single_json(corpus: Path) -> str:
    return json_of([corpus])


@pytest.fixture(scope="module")
def dask_store(corpus: Path, cluster, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("stores") / "dask"
    report = build([corpus], folder, cluster, BuildOptions(partition_files=2))
    assert report.new_articles == 8 and report.linked
    assert len(report.worker_peak_mb) == 2  # both workers annotated
    return folder


def test_a_local_cluster_of_two_workers_gives_the_single_process_json(dask_store: Path, single_json: str):
    assert store_json(dask_store) == single_json
    manifest = Manifest.read(dask_store)
    assert len(manifest.shards) == 4 and manifest.linked.articles == 7
    assert any("same text as article" in problem for problem in manifest.problems)


def test_every_file_carries_the_pipeline_and_version(dask_store: Path):
    import pyarrow.parquet as pq

    files = sorted(dask_store.rglob("*.parquet"))
    assert {path.parent.name for path in files} == {"articles", "mentions", "quotes", "entities", "catalog"}
    for path in files:
        metadata = pq.read_schema(path).metadata
        assert metadata[b"newslens.pipeline"].decode() == Manifest.read(dask_store).pipeline
        assert b"newslens.version" in metadata


def test_rerunning_adds_nothing_and_keeps_the_links(dask_store: Path, corpus: Path, cluster):
    before = Manifest.read(dask_store)
    report = build([corpus], dask_store, cluster, BuildOptions(partition_files=2))
    assert (report.new_articles, report.skipped_files, report.linked) == (0, 7, False)
    assert Manifest.read(dask_store).linked == before.linked


def test_a_store_grows_and_equals_the_json_of_both_runs(corpus: Path, tmp_path: Path):
    extra = tmp_path / "extra"
    extra.mkdir()
    (extra / "late.txt").write_text("Merz in Kiew\nFriedrich Merz sprach in Kiew mit Selenskyj über Taurus.\n")
    folder = tmp_path / "store"
    build([corpus], folder, InProcess(), BuildOptions(partition_files=3))
    report = build([extra], folder, InProcess(), BuildOptions(partition_files=3))
    assert report.new_articles == 1 and report.articles == 8
    assert store_json(folder) == json_of([corpus, extra])


def run_cli(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "tui", *args], capture_output=True, text=True, cwd=ROOT,
                          env={**os.environ, **(env or {})}, timeout=300)  # fmt: skip


@pytest.mark.parametrize("fault", ["after-commit:2", "before-rename:3"])
def test_a_killed_run_resumes_to_the_same_store(corpus: Path, dask_store: Path, tmp_path: Path, fault: str):
    folder = tmp_path / "store"
    killed = run_cli("annotate", str(corpus), "--store", str(folder), "--partition-files", "2",
                     env={"NEWSLENS_STORE_FAULT": fault})  # fmt: skip
    assert killed.returncode == -9  # SIGKILL, mid-way
    manifest = Manifest.read(folder)
    assert len(manifest.shards) == 2 and manifest.linked is None
    listed = {f"{shard.name}.parquet" for shard in manifest.shards}
    on_disk = {path.name for path in (folder / "articles").iterdir()}
    assert listed <= on_disk and all(name in listed or name.endswith(".tmp") for name in on_disk)
    with pytest.raises(StoreError, match="no linked corpus yet"):
        ParquetStore(folder)
    resumed = run_cli("annotate", str(corpus), "--store", str(folder), "--partition-files", "2")
    assert resumed.returncode == 0, resumed.stderr
    assert re.search(r"(\d) new articles \((\d) files unchanged\)", resumed.stderr).groups() == ("3", "4")
    assert not list(folder.rglob("*.tmp"))
    assert store_json(folder) == store_json(dask_store)


def test_the_commands_read_a_store(dask_store: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path):
    assert main(["list", str(dask_store)]) == 0
    assert "7 articles in the store" in capsys.readouterr().out
    assert main(["quotes", str(dask_store), "--format", "json"]) == 0
    quotes = json.loads(capsys.readouterr().out)
    assert any(q["speaker_name"] == "Wolodymyr Selenskyj" for q in quotes)
    out = tmp_path / "view.html"
    assert main(["export", str(dask_store), "-o", str(out), "--articles", "3", "4"]) == 0
    page = out.read_text(encoding="utf-8")
    assert "Selenskyj" in page and "<script>alert" not in page and "&lt;script&gt;" in page


def test_store_errors_are_one_line(tmp_path: Path, corpus: Path, capsys: pytest.CaptureFixture[str]):
    (tmp_path / "broken").mkdir()
    (tmp_path / "broken" / "manifest.json").write_text("{not json")
    assert main(["entities", str(tmp_path / "broken")]) == 1
    assert "manifest.json: not a readable newslens store manifest" in capsys.readouterr().err
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "notes.txt").write_text("mine")
    assert main(["annotate", str(corpus), "--store", str(tmp_path / "full")]) == 1
    assert "not empty and not a newslens store" in capsys.readouterr().err
    assert main(["annotate", str(corpus), "--engine", "dask"]) == 2
    assert "--engine and --scheduler need --store DIR" in capsys.readouterr().err


def test_the_reader_and_json_path_never_import_pyarrow_or_dask():
    code = (
        "import sys\nimport tui.app, tui.screens.reader, tui.commands.annotate, core.analysis, newslens\n"
        "from core.store import store_folder\nassert store_folder(['seeds']) is None\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('pyarrow', 'dask', 'distributed')))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert result.stdout.strip() == "[]"


def test_opening_a_store_loads_no_spacy(dask_store: Path):
    code = (f"import sys\nfrom core.scale.reader import ParquetStore\ns = ParquetStore({str(dask_store)!r})\n"
            "a = s.articles[len(s) - 1]\ns.index.first(s.entities[0].id)\n"
            "print(len(s), bool(a.mentions), 'spacy' in sys.modules)")  # fmt: skip
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert result.stdout.split() == ["7", "True", "False"]


def readme_examples() -> list[str]:
    """The Python blocks of the README that follow a ``<!-- store-example -->`` marker."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return re.findall(r"<!-- store-example -->\n```python\n(.*?)```", text, re.DOTALL)


def test_the_readme_examples_run_on_a_store(dask_store: Path, capsys: pytest.CaptureFixture[str]):
    pytest.importorskip("duckdb")
    pytest.importorskip("pandas")
    examples = readme_examples()
    assert len(examples) == 2
    for example in examples:
        exec(example.replace('"archive-store"', repr(str(dask_store))), {})
        printed = capsys.readouterr().out
        assert "Selenskyj" in printed  # quoted in the seed that mentions Patriot


async def test_the_reader_opens_a_store_and_searches_its_titles(dask_store: Path):
    from textual.widgets import Input, OptionList

    from tui.app import NewslensApp
    from tui.loader import LoadRequest
    from tui.screens.article_picker import ArticlePicker

    store = ParquetStore(dask_store)
    app = NewslensApp(LoadRequest([dask_store]), store=store)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert screen.infos is store.infos  # the lazy list, never copied
        assert "7 articles" in screen.sub_title
        assert screen.pane("A").view.article.id == store.infos[0].id
        await pilot.press("o")
        picker = app.screen
        assert isinstance(picker, ArticlePicker)
        picker.query_one(Input).value = "script"  # the hostile article's title
        await pilot.pause()
        options = picker.query_one(OptionList)
        assert options.option_count == 1
        await pilot.press("enter")
        await pilot.pause()
        shown = screen.pane("A").view.article
        assert shown.path.endswith("hostile.txt") and "[bold red]Markup[/]" in shown.text
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert screen.pane("A").view.article.path.endswith("more.txt")
        screen.select("weapon:patriot")
        await pilot.press("n")
        await pilot.pause()
        assert screen.navigator.cursor is not None
        article_id, offset = screen.navigator.cursor
        assert store.article(article_id).text[offset:].startswith("Patriot")


@pytest.fixture(scope="module")
def lines_corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A JSON Lines file of 11 lines (with a BOM, a blank, a bad and a duplicate line) and a text file."""
    folder = tmp_path_factory.mktemp("lines")
    text = "Olaf Scholz traf Emmanuel Macron in Paris, Tag {}."
    records = [{"title": f"Meldung {n}", "text": text.format(n)} for n in range(6)]
    lines = [json.dumps(record, ensure_ascii=False) for record in records]
    lines[2:2] = ["", "{kein json", json.dumps({"title": "Ohne Text"})]
    lines += [lines[0], json.dumps({"headline": "Pistorius", "body": MORE})]
    (folder / "archive.jsonl").write_bytes(b"\xef\xbb\xbf" + "\n".join(lines).encode() + b"\n")
    (folder / "more.txt").write_text(MORE, encoding="utf-8")
    return folder


def test_a_json_lines_file_is_cut_into_line_ranges_at_line_starts(lines_corpus: Path, tmp_path: Path):
    from core.scale.ranges import line_ranges

    archive = lines_corpus / "archive.jsonl"
    data = archive.read_bytes()
    cut = line_ranges(str(archive), 3, 1 << 20)
    assert [(part.first, part.lines) for part in cut] == [(1, 3), (4, 3), (7, 3), (10, 2)]  # 11 lines
    assert [(part.first, part.lines) for part in line_ranges(str(archive), 5, 1 << 20)] == [(1, 5), (6, 6)]
    assert cut[0].start == 0 and cut[-1].end == len(data)
    assert all(data[part.start - 1 : part.start] == b"\n" for part in cut[1:])
    assert all(a.end == b.start for a, b in zip(cut, cut[1:], strict=False))  # noqa: RUF007
    assert line_ranges(str(archive), 11, 1 << 20) is None  # not more lines than a partition holds
    assert line_ranges(str(archive), 3, len(data) - 1) is None  # over the limit: read whole, refused as annotate does
    latin = tmp_path / "latin.jsonl"
    latin.write_bytes(data.replace(b"Tag", "Straße".encode("latin-1")))
    assert line_ranges(str(latin), 3, 1 << 20) is None  # decoded as a whole (cp1252), not in pieces


@pytest.mark.parametrize("engine", ["dask", "in-process"])
def test_line_ranges_of_one_file_give_the_single_process_json(lines_corpus: Path, cluster, tmp_path: Path,
                                                              engine: str):  # fmt: skip
    folder = tmp_path / "store"
    runner = cluster if engine == "dask" else InProcess()
    report = build([lines_corpus], folder, runner, BuildOptions(partition_files=2))
    manifest = Manifest.read(folder)
    ranges = [shard for shard in manifest.shards if shard.source]
    assert len(ranges) == 5 and {shard.source["file"] for shard in ranges} == {str(lines_corpus / "archive.jsonl")}
    if engine == "dask":
        assert len(report.worker_peak_mb) == 2  # the file's articles spread over both workers
    assert store_json(folder) == json_of([lines_corpus])
    assert any(problem.endswith("archive.jsonl:4: invalid JSON line: Expecting property name enclosed in double "
                                "quotes") for problem in report.problems)  # fmt: skip
    assert any("archive.jsonl#10: skipped: same text as article" in problem for problem in manifest.problems)


def test_a_killed_run_resumes_inside_a_file_and_a_changed_file_is_read_again(lines_corpus: Path, tmp_path: Path):
    folder = tmp_path / "store"
    killed = run_cli("annotate", str(lines_corpus), "--store", str(folder), "--partition-files", "2",
                     env={"NEWSLENS_STORE_FAULT": "after-commit:3"})  # fmt: skip
    assert killed.returncode == -9
    done = Manifest.read(folder).shards
    assert len(done) == 3 and all(shard.source for shard in done)
    report = build([lines_corpus], folder, InProcess(), BuildOptions(partition_files=2))
    assert report.new_articles == 8 - sum(shard.articles for shard in done)  # finished ranges are not read again
    assert store_json(folder) == json_of([lines_corpus])
    again = build([lines_corpus], folder, InProcess(), BuildOptions(partition_files=2))
    # more.txt is skipped; of archive.jsonl only lines 3-4 (a blank and a bad line: no shard) are read again
    assert (again.new_articles, again.skipped_files, again.linked) == (0, 1, False)
    assert any(problem.endswith("archive.jsonl:4: invalid JSON line: Expecting property name enclosed in double "
                                "quotes") for problem in again.problems)  # fmt: skip
    copy = tmp_path / "copy"
    copy.mkdir()
    (copy / "archive.jsonl").write_bytes((lines_corpus / "archive.jsonl").read_bytes())
    build([copy], folder := tmp_path / "other", InProcess(), BuildOptions(partition_files=2))
    with (copy / "archive.jsonl").open("a", encoding="utf-8") as stream:
        stream.write(json.dumps({"title": "Neu", "text": "Friedrich Merz sprach in Berlin."}) + "\n")
    changed = build([copy], folder, InProcess(), BuildOptions(partition_files=2))
    assert changed.new_articles == 1 and changed.skipped_files == 0
    assert len([s for s in Manifest.read(folder).shards if s.source and s.source["lines"]]) == 5 + 1
