"""The corpus loader: formats, encodings, normalisation and every kind of bad input."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from core.corpus import article_id, load_corpus, load_file
from core.errors import InputError
from core.resources import seeds_dir

SEED_TITLES = {
    "000_870a9ef6018fa40b": ('"Kannst du Moskau treffen?" Trump bat Zelensky, Putin "den Schmerz fühlen zu lassen".'),
    "001_d8b280992632ea56": "Trump fragte Selenskyj, ob die Ukraine Moskau angreifen könnte",
}


def only(result):
    assert len(result.articles) == 1, result.problems
    return result.articles[0]


def test_seeds_load_with_titles_and_paragraphs():
    result = load_corpus()
    assert result.problems == []
    by_stem = {Path(article.path).stem: article for article in result.articles}
    assert {stem: a.title for stem, a in by_stem.items()} == SEED_TITLES
    assert [len(by_stem[stem].paragraphs) for stem in sorted(by_stem)] == [13, 19]
    for article in result.articles:
        start, end = article.paragraphs[0]
        assert article.text[start:end] == article.title
        assert article.encoding == "utf-8"
        assert article.warnings == ()


def test_seeds_are_the_users_files_byte_for_byte():
    shared = Path(__file__).resolve().parents[2] / "shared" / "seeds"
    if not shared.exists():
        pytest.skip("../shared/seeds is not present in this checkout")
    for path in shared.glob("*.txt"):
        assert (seeds_dir() / path.name).read_bytes() == path.read_bytes()


def test_ids_are_stable_and_depend_on_content():
    first, second = load_corpus().articles, load_corpus().articles
    assert [a.id for a in first] == [a.id for a in second]
    assert article_id("a", "text one") != article_id("a", "text two")
    assert article_id("Mein Artikel!", "x").startswith("Mein_Artikel-")


@pytest.mark.parametrize(
    ("raw", "encoding", "expected_encoding"),
    [
        ("Ärger – Öl über Straßen\nText", "utf-8", "utf-8"),
        ("Ärger – Öl über Straßen\nText", "utf-8-sig", "utf-8"),
        ("Ärger – Öl über Straßen\nText", "utf-16", "utf-16"),
        ("Ärger – Öl über Straßen\nText „Zitat“", "cp1252", "cp1252"),
        ("Ärger über Öl in Köln\nDie Straße ist groß.", "latin-1", "cp1252"),
    ],
)
def test_encodings(tmp_path: Path, raw: str, encoding: str, expected_encoding: str):
    path = tmp_path / "a.txt"
    path.write_bytes(raw.encode(encoding))
    article = only(load_corpus([path]))
    assert article.text == raw
    assert article.encoding == expected_encoding


def test_crlf_and_cr_become_lf_with_bom(tmp_path: Path):
    path = tmp_path / "crlf.txt"
    path.write_bytes("\ufeffTitel\r\nErster Absatz\r\nZweiter\rDritter\r\n".encode("utf-8"))
    article = only(load_corpus([path]))
    assert "\r" not in article.text
    assert article.text == "Titel\nErster Absatz\nZweiter\nDritter"
    assert [article.text[s:e] for s, e in article.paragraphs] == [
        "Titel",
        "Erster Absatz",
        "Zweiter",
        "Dritter",
    ]


def test_text_is_nfc(tmp_path: Path):
    path = tmp_path / "nfd.txt"
    path.write_text("Titel\nMu\u0308ller", encoding="utf-8")
    assert only(load_corpus([path])).text == "Titel\nMüller"


def test_control_ansi_and_bidi_removed_and_counted(hostile_file: Path):
    article = only(load_corpus([hostile_file]))
    for bad in ("\x1b", "\u202e", "\u202c", "\u2067", "\u2069", "\x07", "\x08"):
        assert bad not in article.text
    assert "[31m" not in article.text  # the whole escape sequence goes, not only ESC
    assert "ANSI-Rot" in article.text
    # Markup-looking text is text: kept exactly.
    assert "[bold red]Markup[/]" in article.title
    assert "<script>alert('x')</script>" in article.title
    assert "[link=https://evil.example]Link[/link] & <b>HTML</b>" in article.text
    (warning,) = article.warnings
    assert "2 ANSI escape sequence(s)" in warning
    assert "4 bidi control character(s)" in warning
    assert "2 control character(s)" in warning


def test_hard_wrapped_paragraphs(tmp_path: Path):
    path = tmp_path / "wrapped.txt"
    path.write_text("Titel\n\nErste Zeile\nzweite Zeile.\n\nNeuer Absatz\nweiter.\n", encoding="utf-8")
    article = only(load_corpus([path]))
    assert [article.text[s:e] for s, e in article.paragraphs] == [
        "Titel",
        "Erste Zeile\nzweite Zeile.",
        "Neuer Absatz\nweiter.",
    ]


def test_markdown_title_and_markup_removed(tmp_path: Path):
    path = tmp_path / "a.md"
    path.write_text(
        "---\nauthor: x\n---\n# Die **NATO** tagt\n\nEin Absatz mit *Betonung* und [Link](https://x.y).\n\n"
        "- Punkt mit `Code`\n\n> Zitat im Block\n",
        encoding="utf-8",
    )
    article = only(load_corpus([path]))
    assert article.title == "Die NATO tagt"
    assert [article.text[s:e] for s, e in article.paragraphs[1:]] == [
        "Ein Absatz mit Betonung und Link.",
        "Punkt mit Code",
        "Zitat im Block",
    ]
    assert "*" not in article.text and "](" not in article.text


def test_markdown_title_from_front_matter(tmp_path: Path):
    path = tmp_path / "b.md"
    path.write_text('---\ntitle: "Aus dem Kopf"\n---\nNur ein Absatz.\n', encoding="utf-8")
    article = only(load_corpus([path]))
    assert article.title == "Aus dem Kopf"


def test_json_records_of_scrapers(tmp_path: Path):
    path = tmp_path / "scraped.json"
    records = [
        {"title": "Erster", "text": "Absatz eins.\n\nAbsatz zwei."},
        {"headline": "Zweiter", "maintext": "Nur Text \u001b[1mfett\u001b[0m."},
        {"title": "Ohne Text"},
    ]
    path.write_text(json.dumps(records), encoding="utf-8")
    result = load_corpus([path])
    assert [a.title for a in result.articles] == ["Erster", "Zweiter"]
    assert [a.path for a in result.articles] == [f"{path}#1", f"{path}#2"]
    assert result.articles[1].text == "Zweiter\nNur Text fett."
    assert result.articles[1].warnings
    (problem,) = result.problems
    assert str(problem).startswith(f"{path}#3: record has no text")


def test_jsonl_bad_lines_reported_good_lines_loaded(tmp_path: Path):
    path = tmp_path / "feed.jsonl"
    path.write_text(
        '{"title": "Eins", "text": "Text eins."}\n{kaputt\n\n{"title": "Drei", "text": "Text drei."}\n[1, 2]\n',
        encoding="utf-8",
    )
    result = load_corpus([path])
    assert [a.title for a in result.articles] == ["Eins", "Drei"]
    assert [str(p).split(": ")[0] for p in result.problems] == [f"{path}:2", f"{path}:5"]
    assert "invalid JSON line" in str(result.problems[0])


def test_folder_recursive_sorted_hidden_skipped_unknown_reported(tmp_path: Path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "z.txt").write_text("Zett\nText", encoding="utf-8")
    (tmp_path / "a.txt").write_text("Ah\nText", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("Versteckt\nText", encoding="utf-8")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "x.txt").write_text("Git\nText", encoding="utf-8")
    (tmp_path / "bild.png").write_bytes(b"\x89PNG")
    (tmp_path / "notiz.").write_text("Notiz", encoding="utf-8")
    result = load_corpus([tmp_path])
    assert [a.title for a in result.articles] == ["Ah", "Zett"]
    assert [str(p) for p in result.problems] == [
        f"{tmp_path / 'bild.png'}: skipped: not an article file (.png)",
        f"{tmp_path / 'notiz.'}: skipped: not an article file (no extension)",
    ]


def test_folder_files_come_before_subfolders_and_linked_folders_are_not_followed(tmp_path: Path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "x.txt").write_text("Iks\nText", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Be\nText", encoding="utf-8")
    (tmp_path / "link").symlink_to(tmp_path / "a", target_is_directory=True)
    result = load_corpus([tmp_path])
    assert [a.title for a in result.articles] == ["Be", "Iks"]  # as os.walk: a folder's files, then its folders
    assert result.problems == []


def test_relative_folder_names_match_their_articles(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    from core.corpus import article_files

    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.txt").write_text("Ah\nText", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    for given in ("./docs", "docs/", "docs"):
        assert list(article_files([given])) == [str(Path("docs") / "a.txt")]
        assert load_corpus([given]).articles[0].path == str(Path("docs") / "a.txt")
    monkeypatch.chdir(tmp_path / "docs")
    assert list(article_files(["."])) == ["a.txt"]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.txt", b"", "empty file"),
        ("blank.txt", b"  \n\t\n  ", "empty file"),
        ("nul.txt", b"Titel\x00\x00Text", "binary file (contains NUL bytes)"),
        ("blob.bin", bytes(range(256)) * 8, "binary file"),
        ("bad.json", b'{"title": ', "invalid JSON"),
        ("empty.jsonl", b"\n\n", "empty file"),
        ("list.json", b"[]", "no records"),
    ],
)
def test_bad_files_give_one_line_and_others_still_load(tmp_path: Path, name: str, content: bytes, message: str):
    bad = tmp_path / name
    bad.write_bytes(content)
    good = tmp_path / "good.txt"
    good.write_text("Titel\nText", encoding="utf-8")
    result = load_corpus([bad, good])
    assert [a.title for a in result.articles] == ["Titel"]
    (problem,) = result.problems
    assert problem.path == str(bad)
    assert message in problem.message
    assert "\n" not in str(problem)


def test_missing_path_and_empty_folder(tmp_path: Path):
    (tmp_path / "leer").mkdir()
    result = load_corpus([tmp_path / "nope", tmp_path / "leer"])
    assert result.articles == []
    assert [p.message for p in result.problems] == [
        "no such file or directory",
        "no articles in folder (.txt, .md, .json, .jsonl)",
    ]


def test_size_limit(tmp_path: Path):
    path = tmp_path / "huge.txt"
    path.write_text("Titel\n" + "Wort " * 2000, encoding="utf-8")
    result = load_corpus([path], max_bytes=1000)
    assert result.articles == []
    assert "over the" in result.problems[0].message and "--max-size" in result.problems[0].message
    assert load_corpus([path], max_bytes=20_000).articles


def test_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    path = tmp_path / "secret.txt"
    path.write_text("Titel\nText", encoding="utf-8")

    def refuse(target, *args, **kwargs) -> int:
        raise PermissionError(13, "Permission denied", str(target))

    monkeypatch.setattr(os, "open", refuse)
    with pytest.raises(InputError, match=r"secret\.txt: cannot read: Permission denied"):
        load_file(path)


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read files without read permission")
def test_unreadable_file_for_real(tmp_path: Path):
    path = tmp_path / "secret.txt"
    path.write_text("Titel\nText", encoding="utf-8")
    path.chmod(0)
    result = load_corpus([path])
    assert "cannot read" in result.problems[0].message


def test_users_files_are_never_modified(corpus_dir: Path, hostile_file: Path):
    before = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in corpus_dir.rglob("*") if p.is_file()}
    load_corpus([corpus_dir])
    after = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in corpus_dir.rglob("*") if p.is_file()}
    assert before == after


def test_same_file_twice_loads_once(tmp_path: Path):
    path = tmp_path / "a.txt"
    path.write_text("Titel\nText", encoding="utf-8")
    assert len(load_corpus([path, path, tmp_path]).articles) == 1


def test_a_file_of_utf8_read_as_latin1_and_saved_again_loads_repaired(tmp_path: Path):
    path = tmp_path / "moji.txt"  # short, so its C1 characters are more than 2 % of it: still text
    path.write_text("Titel\n„Wir kommen“, sagte er.\n".encode().decode("latin-1"), encoding="utf-8")
    article = only(load_corpus([path]))
    assert article.text == "Titel\n„Wir kommen“, sagte er."
    assert "repaired" in article.warnings[0]


def test_an_unterminated_escape_in_a_file_keeps_the_rest_of_the_text(tmp_path: Path):
    path = tmp_path / "osc.txt"
    path.write_bytes(b"T\nScholz traf \x1b]0;Macron. Danach Kiew.\nZweiter Absatz.\n")
    article = only(load_corpus([path]))
    assert article.text == "T\nScholz traf 0;Macron. Danach Kiew.\nZweiter Absatz."
    assert len(article.paragraphs) == 3


DEEP = '{"title": "T", "text": "Tief.", "meta": ' + "[" * 1000 + "]" * 1000 + "}"
HUGE_INT = '{"title": "Zahl", "text": "Scholz traf Macron.", "n": ' + "1" * 5000 + "}"
SURROGATE = '{"title": "E \\ud83d", "text": "Scholz traf Macron."}'
GOOD_LINE = '{"title": "Zwei", "text": "Merz in Berlin."}'


@pytest.mark.parametrize("suffix", [".json", ".jsonl"])
def test_a_record_with_a_lone_surrogate_loads_with_a_warning(tmp_path: Path, suffix: str):
    path = tmp_path / f"records{suffix}"
    path.write_text(SURROGATE + "\n" + (GOOD_LINE if suffix == ".jsonl" else ""), encoding="utf-8")
    result = load_corpus([path])
    assert result.articles[0].title == "E \ufffd"
    assert "lone surrogate" in result.articles[0].warnings[0]
    assert len(result.articles) == (2 if suffix == ".jsonl" else 1)


def test_article_ids_never_fail_on_surrogates():
    assert article_id("x\udcff", "cut \ud83d").startswith("x-")


@pytest.mark.parametrize(("line", "message"), [(DEEP, "nested too deeply"), (HUGE_INT, None)], ids=["deep", "huge-int"])
def test_deep_nesting_and_huge_numbers_are_one_line_for_their_record(tmp_path: Path, line: str, message: str | None):
    path = tmp_path / "records.jsonl"
    path.write_text(line + "\n" + GOOD_LINE + "\n", encoding="utf-8")
    result = load_corpus([path])
    if message is None:  # a huge number in a field newslens does not read costs nothing
        assert [a.title for a in result.articles] == ["Zahl", "Zwei"] and result.problems == []
    else:
        assert [a.title for a in result.articles] == ["Zwei"]
        (problem,) = result.problems
        assert problem.path == f"{path}:1" and message in problem.message
    single = tmp_path / "one.json"
    single.write_text(line, encoding="utf-8")
    result = load_corpus([single])
    assert len(result.articles) == (1 if message is None else 0)
    assert all(message in p.message for p in result.problems)


def test_a_fifo_in_a_folder_is_refused_without_waiting(tmp_path: Path):
    (tmp_path / "a.txt").write_text("Titel\nText", encoding="utf-8")
    os.mkfifo(tmp_path / "b.txt")  # nobody writes to it: opening it to read would block forever
    result = load_corpus([tmp_path])
    assert [a.title for a in result.articles] == ["Titel"]
    assert [(Path(p.path).name, p.message) for p in result.problems] == [("b.txt", "not a regular file (a FIFO)")]


@pytest.mark.parametrize("device", ["/dev/urandom", "/dev/zero"])
def test_a_device_is_refused_before_it_is_read(device: str):
    if not os.path.exists(device):
        pytest.skip(f"{device} is missing")
    result = load_corpus([device], max_bytes=1024)
    assert result.articles == []
    assert result.problems[0].message == "not a regular file (a character device)"


def test_the_size_limit_holds_while_reading(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    path = tmp_path / "grows.txt"
    path.write_text("Titel\n" + "Wort " * 2000, encoding="utf-8")
    real_stat = os.stat

    def small(target, *args, **kwargs):  # as a file that grows after stat, or a lying file system
        info = real_stat(target, *args, **kwargs)
        return os.stat_result((info.st_mode, *info[1:6], 10, *info[7:]))

    monkeypatch.setattr(os, "stat", small)
    monkeypatch.setattr(os, "fstat", lambda fd: small(f"/proc/self/fd/{fd}"))
    result = load_corpus([path], max_bytes=1000)
    assert result.articles == [] and "over the" in result.problems[0].message


def test_an_unreadable_subfolder_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    (tmp_path / "a.txt").write_text("Titel\nText", encoding="utf-8")
    (tmp_path / "secret").mkdir()
    (tmp_path / "secret" / "b.txt").write_text("Zwei\nText", encoding="utf-8")
    real_scandir = os.scandir

    def scandir(folder):
        if str(folder).endswith("secret"):
            raise PermissionError(13, "Permission denied", str(folder))
        return real_scandir(folder)

    monkeypatch.setattr(os, "scandir", scandir)
    result = load_corpus([tmp_path])
    assert [a.title for a in result.articles] == ["Titel"]
    assert [str(p) for p in result.problems] == [f"{tmp_path / 'secret'}: cannot read folder: Permission denied"]


def test_the_default_limit_prints_as_20_mb(tmp_path: Path):
    from core.corpus import DEFAULT_MAX_BYTES

    path = tmp_path / "big.txt"
    with path.open("wb") as stream:
        stream.truncate(DEFAULT_MAX_BYTES + 1)
    (problem,) = load_corpus([path]).problems
    assert problem.message == "file is 20 MB, over the 20 MB limit (raise it with --max-size)"


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_byte_order_mark_is_detected(tmp_path: Path, codec: str):
    path = tmp_path / "utf16.txt"
    path.write_bytes("Ärger über Öl\nDie Straße ist gesperrt, sagte Jürgen Groß.\n".encode(codec))
    article = only(load_corpus([path]))
    assert article.title == "Ärger über Öl" and article.encoding == codec


def test_utf8_with_a_few_latin1_bytes_is_decoded_line_by_line_with_a_warning(tmp_path: Path):
    path = tmp_path / "mixed.txt"
    utf8 = "Köln und Düsseldorf\nÄrger über Straßen in München.\n".encode()
    path.write_bytes(utf8 + "Jürgen Groß sagte: „Nein.“\n".encode("cp1252"))
    article = only(load_corpus([path]))
    assert article.text == "Köln und Düsseldorf\nÄrger über Straßen in München.\nJürgen Groß sagte: „Nein.“"
    assert article.encoding == "utf-8"
    assert any("line 3" in w and "Windows-1252" in w for w in article.warnings), article.warnings
