"""Bad input: a one-line `Error:` naming the file (and line), non-zero exit,
and the store left as it was."""
from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from graph.cli import cli

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "liaoning"
TASKS = EXAMPLES / "003_5b890ae601a5bb51.txt"


@pytest.fixture
def store(tmp_path):
    db = tmp_path / "g.db"
    r = CliRunner().invoke(cli, ["load", "--store", str(db), "-q", str(TASKS)])
    assert r.exit_code == 0, r.output
    return db


def stats(db):
    r = CliRunner().invoke(cli, ["stats", "--store", str(db), "--json"])
    assert r.exit_code == 0, r.output
    return r.output


def run_load(db, path):
    return CliRunner().invoke(cli, ["load", "--store", str(db), "-q", str(path)])


def test_missing_file(store, tmp_path):
    before = stats(store)
    missing = tmp_path / "nope.txt"
    r = run_load(store, missing)
    assert r.exit_code == 1
    assert r.output == f"Error: {missing}: no such file or folder\n"
    assert stats(store) == before


def test_folder_without_documents(store, tmp_path):
    before = stats(store)
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "notes.md").write_text("# not a document", encoding="utf-8")
    r = run_load(store, empty)
    assert r.exit_code == 1
    assert r.output.startswith(f"Error: {empty}: no documents (*.txt, ") and r.output.endswith(" in this folder\n")
    assert stats(store) == before


def test_binary_file(store, tmp_path):
    before = stats(store)
    f = tmp_path / "image.txt"
    f.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    r = run_load(store, f)
    assert r.exit_code == 1
    assert r.output == f"Error: {f}: binary file, not a text document\n"
    assert stats(store) == before


def test_undecodable_file_names_the_line(store, tmp_path):
    before = stats(store)
    f = tmp_path / "bad.txt"
    f.write_bytes("牵头单位:市财政局\n".encode("utf-8") + b"\xff\xfe\xff abc\n")
    r = run_load(store, f)
    assert r.exit_code == 1
    assert r.output == f"Error: {f}, line 2: cannot decode text (neither UTF-8 nor GB18030)\n"
    assert stats(store) == before


def test_empty_file(store, tmp_path):
    before = stats(store)
    f = tmp_path / "empty.txt"
    f.write_bytes(b"")
    r = run_load(store, f)
    assert r.exit_code == 1
    assert r.output == f"Error: {f}: empty document (no text)\n"
    assert stats(store) == before


def test_text_of_no_known_kind_is_read_as_other(store, tmp_path):
    """A readable Chinese text is never refused as "unknown kind": it is read as
    ``other`` (its metadata and whatever the readers find), with a warning when
    they find nothing."""
    before = stats(store)
    f = tmp_path / "weather.txt"
    f.write_text("今天天气很好。\n我们去公园散步。\n", encoding="utf-8")
    r = run_load(store, f)
    assert r.exit_code == 0, r.output
    assert "no task, person, group or power was found" in r.output
    after = stats(store)
    assert after != before


def test_one_bad_file_among_good_ones_costs_only_itself(tmp_path):
    """The good files load, the bad one is named with its reason, exit status 3."""
    db = tmp_path / "g.db"
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")
    r = CliRunner().invoke(cli, ["load", "--store", str(db), "-q", str(TASKS), str(bad)])
    assert r.exit_code == 3, r.output
    assert f"not loaded: {bad}: empty document (no text)\n" in r.stderr
    assert r.stdout.startswith(f"{TASKS}\t")
    assert '"documents": 1' in stats(db)


def test_strict_loads_nothing_when_one_file_is_bad(tmp_path):
    db = tmp_path / "g.db"
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")
    r = CliRunner().invoke(cli, ["load", "--store", str(db), "-q", "--strict", str(TASKS), str(bad)])
    assert r.exit_code == 1
    assert r.output == f"Error: {bad}: empty document (no text); --strict: nothing was loaded\n"
    assert '"documents": 0' in stats(db)


def test_a_folder_with_bad_files_loads_the_rest_and_names_each(tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    good = folder / "a.txt"
    good.write_bytes(TASKS.read_bytes())
    (folder / "b.txt").write_bytes(b"")
    (folder / "c.txt").write_bytes("牵头单位:市财政局\n".encode("utf-8") + b"\xff\xfe\xff abc\n")
    db = tmp_path / "g.db"
    r = CliRunner().invoke(cli, ["load", "--store", str(db), "-q", "-j", "2", str(folder)])
    assert r.exit_code == 3, r.output
    assert r.stderr.splitlines()[-2:] == [
        f"not loaded: {folder / 'b.txt'}: empty document (no text)",
        f"not loaded: {folder / 'c.txt'}, line 2: cannot decode text (neither UTF-8 nor GB18030)"]
    assert '"documents": 1' in stats(db)
    # every file bad: nothing loads, exit 1, each named
    good.unlink()
    r = CliRunner().invoke(cli, ["load", "--store", str(tmp_path / "h.db"), "-q", str(folder)])
    assert r.exit_code == 1
    assert f"not loaded: {folder / 'b.txt'}: empty document (no text)" in r.stderr
    assert r.stderr.endswith(f"Error: {folder / 'b.txt'}: empty document (no text) (and 1 more file not loaded)\n")


def test_unknown_kind_option(tmp_path):
    r = CliRunner().invoke(cli, ["load", "--store", str(tmp_path / "g.db"), "--kind", "poetry", str(TASKS)])
    assert r.exit_code == 1
    assert r.output.startswith(f"Error: {TASKS}: unknown kind 'poetry' (valid kinds: ")


def test_remove_unknown_document(store):
    r = CliRunner().invoke(cli, ["remove", "--store", str(store), "nothing.txt"])
    assert r.exit_code == 1
    assert r.output == "Error: no loaded document matches 'nothing.txt' (loaded: 003_5b890ae601a5bb51.txt)\n"


def test_gb18030_is_decoded(tmp_path):
    f = tmp_path / "gbk.txt"
    f.write_bytes(TASKS.read_text(encoding="utf-8").encode("gb18030"))
    db = tmp_path / "g.db"
    assert run_load(db, f).exit_code == 0
    db2 = tmp_path / "g2.db"
    assert run_load(db2, TASKS).exit_code == 0
    assert stats(db) == stats(db2)
