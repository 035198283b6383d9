"""The whole pipeline on the bundled seeds: the JSON contract and the issues' done-when checks."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from core.models import Corpus

ROOT = Path(__file__).resolve().parents[1]


def run_cli(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "tui.cli", *args], capture_output=True, text=True, cwd=ROOT, env=env)


@pytest.fixture(scope="module")
def contract(tmp_path_factory) -> dict:
    home = tmp_path_factory.mktemp("home")
    env = {
        "PATH": "/usr/bin:/bin",
        "NEWSLENS_CACHE_DIR": str(home / "c"),
        "NEWSLENS_CONFIG_DIR": str(home / "g"),
        "NEWSLENS_STATE_DIR": str(home / "s"),
    }
    result = run_cli("annotate", "--format", "json", env=env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_annotate_json_validates_and_offsets_slice_the_text(contract):
    corpus = Corpus.model_validate(contract)
    assert corpus.version == 1 and len(corpus.articles) == 2
    for article in corpus.articles:
        assert article.mentions and article.quotes
        for span in (*article.mentions, *article.quotes):
            assert article.text[span.start : span.end] == span.text
        ids = {entity.id for entity in corpus.entities}
        assert all(mention.entity in ids for mention in article.mentions)


def entity(store, name: str):
    found = [e for e in store.entities if e.name == name or name in e.aliases]
    assert len(found) == 1, [e.name for e in found]
    return found[0]


@pytest.mark.parametrize(
    ("name", "label", "aliases"),
    [
        ("Donald Trump", "PERSON", {"Trump", "Trumps"}),
        ("Wolodymyr Selenskyj", "PERSON", {"Selenskyj", "Zelensky"}),
        ("Wladimir Putin", "PERSON", {"Putin", "Putins"}),
        ("ATACMS", "WEAPON", {"Atacms", "Atacmas"}),
        ("Patriot", "WEAPON", {"Patriot-Raketen", "Patriot-Luftabwehrraketen"}),
        ("Moskau", "PLACE", {"Moskaus"}),
    ],
)
def test_one_entity_per_real_thing_in_both_articles(seeds_store, name, label, aliases):
    found = entity(seeds_store, name)
    assert found.label == label
    assert aliases <= set(found.aliases) | {found.name}


def test_trump_and_selenskyj_appear_in_both_articles(seeds_store):
    for name in ("Donald Trump", "Wolodymyr Selenskyj"):
        assert len(entity(seeds_store, name).articles) == 2


@pytest.mark.parametrize(
    "word", ["Telefonat", "Waffenstillstand", "Konflikt", "Armee", "Frustration", "Drone-", "Kannst"]
)
def test_no_common_noun_is_a_person_or_place(seeds_store, word):
    names = {e.name for e in seeds_store.entities if e.label in ("PERSON", "PLACE")}
    names |= {a for e in seeds_store.entities if e.label in ("PERSON", "PLACE") for a in e.aliases}
    assert word not in names


def quote(store, fragment: str):
    for article in store.articles:
        for found in article.quotes:
            if fragment in found.text and found.kind == "direct":
                return found
    raise AssertionError(f"no direct quotation with {fragment!r}")


@pytest.mark.parametrize(
    ("fragment", "speaker"),
    [
        ("Kannst du Moskau treffen", "person:donald-trump"),
        ("den Schmerz fühlen zu lassen", "person:donald-trump"),
        ("schlecht", "person:donald-trump"),  # speaker only "der US-Präsident"
        ("sehr unzufrieden", "person:donald-trump"),
        ("Ich bin von Präsident", "person:donald-trump"),  # speaker in the previous sentence
        ("Wolodymir, können Sie Moskau erreichen", "person:donald-trump"),  # speaker after the quote
        ("Absolut. Wir können es schaffen", "person:wolodymyr-selenskyj"),
        ("sie [die Russen] den Schmerz", "person:donald-trump"),
        ("theatralisches Ultimatum", "person:dmitri-medwedew"),
        ("globale Züge angenommen", "person:wladimir-putin"),
        ("unsere Waffen gegen Militäreinrichtungen", "person:wladimir-putin"),  # "Der russische Präsident"
    ],
)
def test_seed_quotations_have_their_speakers(seeds_store, fragment, speaker):
    assert quote(seeds_store, fragment).speaker_entity == speaker


def test_unnamed_source_keeps_text_without_entity(seeds_store):
    found = quote(seeds_store, "der Krieg zu den Moskauern")
    assert found.speaker == "Ein Beamter" and found.speaker_entity is None


def test_names_in_quotes_are_not_speech(seeds_store):
    found = quote(seeds_store, "Spinnennetz")
    assert not found.speech and found.speaker is None


def test_warm_start_does_not_import_spacy(tmp_path):
    env = {
        "PATH": "/usr/bin:/bin",
        "NEWSLENS_CACHE_DIR": str(tmp_path / "c"),
        "NEWSLENS_CONFIG_DIR": str(tmp_path / "g"),
        "NEWSLENS_STATE_DIR": str(tmp_path / "s"),
    }
    assert run_cli("annotate", "--format", "jsonl", env=env).returncode == 0
    code = (
        "import sys\nfrom tui.cli import main\n"
        "code = main(['annotate', '--format', 'jsonl', '-o', sys.argv[1]])\n"
        "assert code == 0\nprint('spacy' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path / "out.jsonl")], capture_output=True, text=True, cwd=ROOT, env=env
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"
    lines = (tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()
    assert json.loads(lines[0])["version"] == 1 and sum('"article"' in line[:12] for line in lines) == 2


def test_model_option_accepts_another_pipeline_folder(tmp_path):
    from core.resources import model_dir

    result = run_cli("entities", "--no-cache", "--model", str(model_dir()), "--label", "PERSON", "--format", "json")
    assert result.returncode == 0, result.stderr
    assert "Donald Trump" in result.stdout


def test_unknown_model_is_one_line(tmp_path):
    result = run_cli("entities", "--no-cache", "--model", "de_core_news_nonexistent")
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        "newslens: cannot find spaCy pipeline 'de_core_news_nonexistent': give an installed package name "
        "(e.g. de_core_news_lg) or the folder of a saved pipeline"
    ]


def test_merging_entities_in_the_config_file_changes_the_output(tmp_path):
    config = tmp_path / "g"
    config.mkdir()
    (config / "entities.toml").write_text(
        '[[merge]]\nentities = ["Wladimir Putin", "Dmitri Medwedew"]\nname = "Putin & Medwedew"\n', encoding="utf-8"
    )
    env = {
        "PATH": "/usr/bin:/bin",
        "NEWSLENS_CACHE_DIR": str(tmp_path / "c"),
        "NEWSLENS_CONFIG_DIR": str(config),
        "NEWSLENS_STATE_DIR": str(tmp_path / "s"),
    }
    result = run_cli("entities", "--label", "PERSON", "--format", "json", env=env)
    assert result.returncode == 0, result.stderr
    names = [e["name"] for e in json.loads(result.stdout)]
    assert "Putin & Medwedew" in names and "Dmitri Medwedew" not in names


def test_quotes_command_filters_by_speaker_any_spelling():
    result = run_cli("quotes", "--no-cache", "--speaker", "Medwedew", "--format", "json")
    assert result.returncode == 0, result.stderr
    (found,) = json.loads(result.stdout)
    assert found["speaker_name"] == "Dmitri Medwedew" and "theatralisches Ultimatum" in found["text"]
    table = run_cli("quotes", "--no-cache", "--speaker", "US-Präsident", env={"COLUMNS": "200", "PATH": "/usr/bin"})
    assert table.returncode == 0 and "Donald Trump" in table.stdout
    assert "[Wladimir]" in table.stdout  # brackets in the text are printed, not parsed as markup
