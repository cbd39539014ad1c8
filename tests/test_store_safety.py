"""The store you meant, and writers that do not lose each other's work.

- ``build -o OUT`` writes OUT/graph.db whatever GOVGRAPH_STORE says, and says so;
- a command that reads never creates a store, and names the missing one;
- a SQLite file that is not a govgraph store is refused and left byte for byte;
- a rebuild replaces its outputs as a whole (no stale maps; a failed build keeps the old ones);
- two ``govgraph load`` processes into one store at once lose nothing (SQLite and Neo4j).
"""
from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from corpus_copies import make_copies
from graph.cli import cli
from graph.stores.sqlite import LAYOUT_VERSION
from older_layouts import write_layout_4

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "examples" / "liaoning"
TASKS = SAMPLE / "003_5b890ae601a5bb51.txt"
DELEGATION = SAMPLE / "004_52e5f676ec82a240.txt"


def run(*args, env=None):
    return CliRunner(env=env).invoke(cli, [str(a) for a in args])


def documents(db) -> int:
    r = run("stats", "--store", db, "--json")
    assert r.exit_code == 0, r.output
    return json.loads(r.stdout)["documents"]


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def no_store_env(monkeypatch):
    monkeypatch.delenv("GOVGRAPH_STORE", raising=False)
    monkeypatch.delenv("NEO4J_URI", raising=False)


def test_build_writes_outdir_graph_db_whatever_govgraph_store_says(tmp_path, no_store_env):
    env_db = tmp_path / "envstore.db"
    assert run("load", "--store", env_db, "-q", TASKS, DELEGATION).exit_code == 0
    before = digest(env_db)
    out = tmp_path / "outenv"
    r = run("build", TASKS, "-o", out, "--no-maps", env={"GOVGRAPH_STORE": str(env_db)})
    assert r.exit_code == 0, r.output
    assert f"store: {out / 'graph.db'}\n" in r.stderr
    assert documents(env_db) == 2 and digest(env_db) == before
    assert documents(out / "graph.db") == 1


def test_build_into_a_named_store_says_so(tmp_path, no_store_env):
    db = tmp_path / "mine.db"
    r = run("build", TASKS, "-o", tmp_path / "out", "--no-maps", "--store", db)
    assert r.exit_code == 0, r.output
    assert f"store: {db}\n" in r.stderr
    assert documents(db) == 1 and not (tmp_path / "out" / "graph.db").exists()


def test_a_question_without_a_store_says_how_to_name_one(tmp_path, no_store_env, monkeypatch):
    monkeypatch.chdir(tmp_path)
    r = run("stats")
    assert r.exit_code == 2
    assert "no store named: give --store FILE" in r.output and "GOVGRAPH_STORE" in r.output
    assert list(tmp_path.iterdir()) == []          # no ./govgraph.db appears


@pytest.mark.parametrize("command", [["stats"], ["export"], ["workload"], ["remove", "x.txt"]])
def test_a_missing_store_is_an_error_not_a_new_store(tmp_path, no_store_env, command):
    typo = tmp_path / "typo.db"
    r = run(*command, "--store", typo)
    assert r.exit_code == 1, r.output
    assert f"Error: no store at {typo}" in r.output
    assert not typo.exists()


def _foreign(path: Path) -> str:
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE people (name TEXT, born INTEGER)")
    db.execute("INSERT INTO people VALUES ('张三', 1970)")
    db.commit()
    db.close()
    return digest(path)


@pytest.mark.parametrize("command", [["stats"], ["load", "-q", TASKS], ["remove", "x.txt"],
                                     ["build", TASKS, "-q", "--no-maps", "-o", "OUT", "--store"]])
def test_a_sqlite_file_that_is_not_a_govgraph_store_is_refused_and_left_alone(tmp_path, no_store_env, command):
    other = tmp_path / "other.db"
    before = _foreign(other)
    args = [str(tmp_path / "out") if a == "OUT" else a for a in command]
    r = run(*args, other) if args[-1] == "--store" else run(*args, "--store", other)
    assert r.exit_code == 1, r.output
    assert f"{other} is a SQLite database but not a govgraph store (tables: people)" in r.output
    assert digest(other) == before
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith(".")) in (["other.db"],
                                                                                           ["other.db", "out"])


def test_a_file_that_is_not_sqlite_at_all_is_refused_and_left_alone(tmp_path, no_store_env):
    notes = tmp_path / "notes.db"
    notes.write_text("my notes, not a database\n" * 100, encoding="utf-8")
    before = digest(notes)
    for args in (["stats", "--store", notes], ["load", "-q", "--store", notes, TASKS]):
        r = run(*args)
        assert r.exit_code == 1 and "not a govgraph store" in r.output, r.output
    assert digest(notes) == before


def test_a_rebuild_leaves_no_stale_maps_and_no_temporary_folders(tmp_path, no_store_env):
    def maps(folder):
        return sorted(p.name for p in (folder / "maps").iterdir())

    fresh = tmp_path / "fresh"
    assert run("build", TASKS, "-o", fresh, "-q").exit_code == 0
    out = tmp_path / "out"
    assert run("build", DELEGATION, "-o", out, "-q").exit_code == 0
    assert set(maps(out)) - set(maps(fresh))                # 004 has maps 003 has not (its delegations)
    r = run("build", TASKS, "-o", out, "-q")
    assert r.exit_code == 0, r.output
    assert maps(out) == maps(fresh)                         # none of them is left over
    assert run("build", TASKS, "-o", out, "-q", "--no-maps").exit_code == 0
    assert not (out / "maps").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["fresh", "out"]
    assert sorted(p.name for p in out.iterdir()) == ["graph.db", "graph.json", "report.html", "report.md"]


def test_a_failed_build_keeps_the_previous_outputs(tmp_path, no_store_env):
    out = tmp_path / "out"
    assert run("build", TASKS, "-o", out, "-q").exit_code == 0
    before = {p.name: digest(p) for p in out.iterdir() if p.is_file()}
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"")
    r = run("build", bad, "-o", out, "-q")
    assert r.exit_code == 1 and f"Error: {bad}: empty document (no text)" in r.output
    assert {p.name: digest(p) for p in out.iterdir() if p.is_file()} == before
    assert (out / "maps" / "index.html").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.txt", "out"]


def test_a_build_with_a_bad_file_builds_the_rest_and_reports_it(tmp_path, no_store_env):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"")
    out = tmp_path / "out"
    r = run("build", TASKS, bad, "-o", out, "--no-maps")
    assert r.exit_code == 3, r.output
    assert f"not loaded: {bad}: empty document (no text)\n" in r.stderr
    assert f"未能读入 {bad}: empty document (no text)" in (out / "report.md").read_text(encoding="utf-8")
    assert documents(out / "graph.db") == 1


def test_build_keep_starts_from_the_previous_store(tmp_path, no_store_env):
    out = tmp_path / "out"
    assert run("build", TASKS, "-o", out, "-q", "--no-maps").exit_code == 0
    assert run("build", DELEGATION, "-o", out, "-q", "--no-maps", "--keep").exit_code == 0
    assert documents(out / "graph.db") == 2
    assert run("build", DELEGATION, "-o", out, "-q", "--no-maps").exit_code == 0
    assert documents(out / "graph.db") == 1


def test_an_unwritable_output_folder_is_a_clear_error(tmp_path, no_store_env):
    r = run("build", TASKS, "-o", "/proc/nope", "-q")
    assert r.exit_code == 1
    assert r.output.startswith("Error: cannot write the output folder /proc/nope")


def test_a_store_of_the_first_layout_is_upgraded_with_its_evidence(tmp_path):
    """Stores written before evidence text moved to its own table still open, unchanged in content."""
    from graph.stores import SQLiteStore

    db = tmp_path / "old.db"
    with SQLiteStore(db) as st:
        assert run("load", "-q", "--store", db, TASKS).exit_code == 0
        edges = [e for e in st.edges()]
    write_layout_4(db)
    con = sqlite3.connect(db)  # rewrite it as the first layout had it
    rows = con.execute("SELECT e.edge_id, e.doc, t.line, t.text FROM evidence e JOIN texts t ON t.id = e.text_id").fetchall()
    con.executescript("DROP TABLE evidence; DROP TABLE texts; PRAGMA user_version = 0; PRAGMA application_id = 0;"
                      "CREATE TABLE evidence (edge_id TEXT NOT NULL, doc TEXT NOT NULL, line INTEGER NOT NULL, "
                      "text TEXT NOT NULL, PRIMARY KEY (edge_id, doc, line, text));"
                      "CREATE INDEX evidence_doc ON evidence(doc);")
    con.executemany("INSERT INTO evidence VALUES (?,?,?,?)", rows)
    con.commit()
    con.close()
    with SQLiteStore(db, create=False) as st:
        assert list(st.edges()) == edges
        assert st.db.execute("PRAGMA user_version").fetchone()[0] == LAYOUT_VERSION


def test_evidence_text_is_stored_once_per_line(tmp_path):
    """A line that names many bodies: its text is stored once, not once per edge."""
    from graph.stores import SQLiteStore

    bodies = "、".join(f"市第{i}局" for i in range(400))
    f = tmp_path / "many.txt"
    f.write_text(f"海城市重点任务分解表\n一、推进改革。牵头单位:{bodies}\n", encoding="utf-8")
    db = tmp_path / "g.db"
    r = run("load", "-q", "--store", db, f)
    assert r.exit_code == 0, r.output
    with SQLiteStore(db, create=False) as st:
        leads = [e for e in st.edges() if e.type in ("LEADS", "ASSISTS")]
        texts = st.db.execute("SELECT count(*), sum(length(text)) FROM texts").fetchone()
    long_line = [e for e in leads if len(e.evidence[0].text) >= 400]
    assert len(long_line) >= 300
    assert texts[0] <= 5 and texts[1] < 2 * len(bodies)  # stored about once, not 300+ times


# -- concurrent writers --------------------------------------------------------------------
def _load_process(store: str, folder: Path) -> subprocess.Popen:
    env = {**os.environ, "GOVGRAPH_WORKERS": "1"}
    return subprocess.Popen([sys.executable, "-c", "from graph.cli import main; main()", "load", "-q",
                             "--store", store, str(folder)], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            env=env, cwd=ROOT)


def _concurrent_loads(tmp_path: Path, store: str, copies: int = 3) -> tuple[int, list[str]]:
    folders = []
    for k in range(2):
        folder = tmp_path / f"part{k}"
        make_copies(SAMPLE, folder, copies, start=1 + k * copies)
        folders.append(folder)
    procs = [_load_process(store, f) for f in folders]
    outs = [p.communicate(timeout=600) for p in procs]
    for p, (out, err) in zip(procs, outs):
        assert p.returncode == 0, err.decode()
        assert b"Traceback" not in err
    lines = [ln for out, _ in outs for ln in out.decode().splitlines()]
    return 9 * 2 * copies, lines


def test_two_concurrent_loads_into_one_sqlite_store_lose_nothing(tmp_path):
    db = tmp_path / "shared.db"
    expected, lines = _concurrent_loads(tmp_path, str(db))
    assert len(lines) == 30
    assert documents(db) == expected
    from graph.stores import SQLiteStore

    with SQLiteStore(db, create=False) as st:
        n_sources = st.db.execute("SELECT count(DISTINCT source_file) FROM documents").fetchone()[0]
        duties = sum(1 for n in st.nodes() if n.label == "Duty")
    assert n_sources == 30
    # the same as one load of both folders, one after the other
    seq = tmp_path / "seq.db"
    assert run("load", "-q", "--store", seq, tmp_path / "part0", tmp_path / "part1").exit_code == 0
    assert run("stats", "--store", seq, "--json").stdout == run("stats", "--store", db, "--json").stdout
    assert duties > 0


@pytest.mark.neo4j
def test_two_concurrent_loads_into_one_neo4j_store_lose_nothing(tmp_path, neo4j_store):
    expected, lines = _concurrent_loads(tmp_path, neo4j_store.uri, copies=2)
    assert len(lines) == 20
    assert len(neo4j_store.documents()) == expected
    seq = tmp_path / "seq.db"
    assert run("load", "-q", "--store", seq, tmp_path / "part0", tmp_path / "part1").exit_code == 0
    counts = json.loads(run("stats", "--store", seq, "--json").stdout)
    assert neo4j_store.counts() == {"nodes": counts["nodes"], "edges": counts["edges"]}


def test_readers_keep_reading_while_a_writer_holds_the_store(tmp_path):
    """WAL: a question answers while another process is in the middle of a load."""
    db = tmp_path / "g.db"
    assert run("load", "-q", "--store", db, TASKS).exit_code == 0
    writer = sqlite3.connect(db, isolation_level=None)
    try:
        writer.execute("BEGIN IMMEDIATE")
        writer.execute("DELETE FROM node_facts")        # not committed: readers see the store as it was
        assert documents(db) == 1
        r = run("stats", "--store", db)
        assert r.exit_code == 0 and "nodes\tDuty\t" in r.stdout
    finally:
        writer.execute("ROLLBACK")
        writer.close()


def test_a_file_that_kills_or_exhausts_its_reader_costs_only_itself(tmp_path, monkeypatch):
    """A reading process that dies or runs out of memory fails its file only; the others load."""
    import loaders

    from graph.pipeline import ingest
    from graph.stores import SQLiteStore

    real = loaders.load_file

    def hostile(path, kind=None, aliases=None):
        name = Path(path).name
        if name == "crash.txt":
            os._exit(9)                      # as if killed
        if name == "bomb.txt":
            bytearray(8 * 2**30)             # fits the machine, not the 4 GiB a reader may add
        return real(path, kind, aliases)

    monkeypatch.setattr(loaders, "load_file", hostile)  # the forked readers inherit it
    folder = tmp_path / "docs"
    folder.mkdir()
    for name in ("a.txt", "bomb.txt", "crash.txt", "d.txt"):
        (folder / name).write_bytes(TASKS.read_bytes() if name != "d.txt" else DELEGATION.read_bytes())
    with SQLiteStore(tmp_path / "g.db") as st:
        res = ingest(st, [folder], workers=2)
        assert [p.path.name for p, _ in res.loaded] == ["a.txt", "d.txt"]
        assert [(f.path.name, f.message.split(": ", 1)[1]) for f in res.failures] == [
            ("bomb.txt", "too large to read in memory"),
            ("crash.txt", "the process reading it died (out of memory, or killed)")]
        assert len(st.documents()) == 2


def test_a_killed_build_leaves_the_previous_outputs_and_the_next_build_tidies_up(tmp_path, no_store_env):
    import signal
    import time

    out = tmp_path / "out"
    assert run("build", TASKS, "-o", out, "-q", "--no-maps").exit_code == 0
    before = {p.name: digest(p) for p in out.iterdir()}
    corpus = tmp_path / "corpus"
    make_copies(SAMPLE, corpus, 4)
    proc = subprocess.Popen([sys.executable, "-c", "from graph.cli import main; main()", "build", str(corpus),
                             "-o", str(out), "-q", "--no-maps"], cwd=ROOT, env={**os.environ, "GOVGRAPH_WORKERS": "1"})
    deadline = time.time() + 120
    while time.time() < deadline and not list(tmp_path.glob(".out.building-*/graph.db")):
        time.sleep(0.05)
    time.sleep(0.5)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert list(tmp_path.glob(".out.building-*")), "the build was killed before it began writing"
    assert {p.name: digest(p) for p in out.iterdir()} == before
    assert run("build", DELEGATION, "-o", out, "-q", "--no-maps").exit_code == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["corpus", "out"]
    assert documents(out / "graph.db") == 1


def test_counts_from_the_store_equal_counts_of_the_merged_graph(store):
    """stats counts with one query per store; the figures are those of the merged nodes and edges."""
    from graph.pipeline import ingest
    from graph.stores.base import Store

    ingest(store, [SAMPLE / "002_e8b0e201ade5810e.txt", TASKS, DELEGATION], workers=1)
    counts = store.counts()
    assert counts == Store.counts(store)
    assert counts["nodes"]["Duty"] > 50 and counts["edges"]["LEADS"] > 50


def test_a_store_of_a_newer_layout_is_refused_and_left_alone(tmp_path):
    db = tmp_path / "newer.db"
    assert run("load", "-q", "--store", str(db), TASKS).exit_code == 0
    with sqlite3.connect(db) as con:
        con.execute(f"PRAGMA user_version = {LAYOUT_VERSION + 1}")
    before = db.read_bytes()
    r = run("stats", "--store", str(db))
    assert r.exit_code != 0 and "newer govgraph" in r.output
    assert db.read_bytes() == before


def test_a_load_keeps_what_it_wrote_as_counts_not_as_graphs(tmp_path):
    from graph.pipeline import ingest
    from graph.stores import SQLiteStore

    with SQLiteStore(tmp_path / "g.db") as st:
        res = ingest(st, [SAMPLE], workers=1)
        assert res.loaded and all(not p.docs for p, _ in res.loaded)  # a corpus's graphs are not held
        assert res.documents == len(st.documents()) == sum(len(s.documents) for _, s in res.loaded)
        assert res.warnings == [w for p, _ in res.loaded for w in p.warnings]


def _sample_parsed():
    from graph.pipeline import collect_inputs, parse_files

    return [p for p in parse_files(collect_inputs([SAMPLE])) if p.docs]


def test_a_batch_commits_its_loads_once_and_a_failing_load_costs_only_itself(tmp_path, monkeypatch):
    from graph.errors import StoreError
    from graph.stores import SQLiteStore

    parsed = _sample_parsed()
    bad = parsed[1].path
    real = SQLiteStore._insert

    def insert(cur, d, source_file, sha256):
        real(cur, d, source_file, sha256)  # the rows are in, then the load fails
        if source_file == str(bad):
            raise sqlite3.OperationalError("disk I/O error (as if)")

    monkeypatch.setattr(SQLiteStore, "_insert", staticmethod(insert))
    db = tmp_path / "g.db"
    with SQLiteStore(db) as st, SQLiteStore(db) as other:
        with st.batch():
            for p in parsed:
                try:
                    st.load(p.docs, str(p.path), p.sha256)
                except StoreError as e:
                    assert p.path == bad and "disk I/O error" in str(e)
            assert other.documents() == []  # nothing committed before the batch ends
        loaded = {d["source_file"] for d in other.documents()}
        assert loaded == {str(p.path) for p in parsed if p.path != bad}
        assert not other.db.execute("SELECT 1 FROM node_facts nf LEFT JOIN documents d ON d.docno = nf.docno "
                                    "WHERE d.docno IS NULL LIMIT 1").fetchone()  # no rows of the failed load


def test_a_batch_killed_before_its_end_leaves_the_store_as_it_was(tmp_path):
    db = tmp_path / "g.db"
    assert run("load", "-q", "--store", db, TASKS).exit_code == 0
    code = ("import os, sys; sys.path.insert(0, 'tests'); "
            "from graph.stores import SQLiteStore; from graph.pipeline import collect_inputs, parse_files; "
            f"st = SQLiteStore({str(db)!r}); ps = parse_files(collect_inputs([{str(SAMPLE)!r}]))\n"
            "with st.batch():\n"
            "    for p in ps: st.load(p.docs, str(p.path) + '.copy', p.sha256)\n"
            "    os._exit(9)\n")
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT)
    assert proc.returncode == 9
    with sqlite3.connect(db) as con:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert [r[0] for r in con.execute("SELECT source_file FROM documents")] == [str(TASKS.resolve())]


def test_a_store_of_layout_4_is_copied_into_documents_by_number(tmp_path):
    """Stores that named every row's document by its ID open unchanged in content, and take loads after."""
    from graph.stores import SQLiteStore

    db = tmp_path / "old.db"
    assert run("load", "-q", "--store", db, SAMPLE).exit_code == 0
    with SQLiteStore(db, create=False) as st:
        before = (st.documents(), list(st.nodes()), list(st.edges()), st.counts())
    write_layout_4(db)
    with sqlite3.connect(db) as con:
        assert "docno" not in {r[1] for r in con.execute("PRAGMA table_info(node_facts)")}
    with SQLiteStore(db, create=False) as st:
        assert st.db.execute("PRAGMA user_version").fetchone()[0] == LAYOUT_VERSION
        assert (st.documents(), list(st.nodes()), list(st.edges()), st.counts()) == before
        assert st.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert not st.db.execute("SELECT name FROM sqlite_master WHERE name LIKE '%_v4'").fetchall()
    assert run("load", "-q", "--store", db, TASKS).exit_code == 0  # reloading a file replaces it
    assert run("remove", "--store", db, str(TASKS.resolve())).exit_code == 0
    with SQLiteStore(db, create=False) as st:
        left = {d["source_file"] for d in st.documents()}
        assert str(TASKS.resolve()) not in left and len(left) == len({d["source_file"] for d in before[0]}) - 1
        assert not st.db.execute("SELECT 1 FROM edge_facts e LEFT JOIN documents d ON d.docno = e.docno "
                                 "WHERE d.docno IS NULL LIMIT 1").fetchone()


def _unindexable(name: str):
    """A document whose title Neo4j refuses at write time: past the key size of a range index."""
    from graph.records import DocumentGraph, Mention, Node, node_id

    doc = node_id("Document", name)
    title = "长" * 12000
    return DocumentGraph(doc, name, nodes=[Node(doc, "Document", title, {"title": title}, (Mention(doc, 1, "长"),))])


@pytest.mark.neo4j
def test_a_neo4j_batch_writes_its_loads_together_and_a_failing_load_costs_only_itself(neo4j_store):
    from graph.errors import StoreError
    from graph.export import dumps_json
    from graph.stores.neo4j import Neo4jStore

    parsed = _sample_parsed()
    st = neo4j_store
    st.load(parsed[0].docs, str(parsed[0].path), "old")  # loaded before: the batch replaces it
    with Neo4jStore(st.uri) as other:
        summaries = []
        with pytest.raises(StoreError, match="too large to index"):
            with st.batch():
                for i, p in enumerate(parsed):
                    summaries.append(st.load(p.docs, str(p.path), p.sha256))
                    if i == 1:
                        st.load([_unindexable("huge.txt")], "huge.txt")
                assert [d["id"] for d in other.documents()] == sorted(d.doc_id for d in parsed[0].docs)  # nothing yet
                summaries.append(st.load(parsed[2].docs, str(parsed[2].path), "again"))  # the same file twice
        assert [s.replaced for s in summaries] == [True] + [False] * (len(parsed) - 1) + [True]
        assert {(d["source_file"], d["sha256"]) for d in other.documents()} == {
            (str(p.path), "again" if p is parsed[2] else p.sha256) for p in parsed}
        together = dumps_json(other.nodes(), other.edges())
    # the same graph as the files loaded one transaction each
    st.clear()
    for p in parsed:
        st.load(p.docs, str(p.path), p.sha256)
    assert dumps_json(st.nodes(), st.edges()) == together


@pytest.mark.neo4j
def test_a_neo4j_batch_killed_before_its_end_leaves_the_store_as_it_was(neo4j_store):
    neo4j_store.load(_sample_parsed()[0].docs, "first.txt")
    before = neo4j_store.documents()
    code = ("import os; from graph.stores.neo4j import Neo4jStore; "
            "from graph.pipeline import collect_inputs, parse_files\n"
            f"st = Neo4jStore({neo4j_store.uri!r}); ps = parse_files(collect_inputs([{str(SAMPLE)!r}]))\n"
            "with st.batch():\n"
            "    for p in ps: st.load(p.docs, str(p.path) + '.copy', p.sha256)\n"
            "    os._exit(9)\n")
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT)
    assert proc.returncode == 9
    assert neo4j_store.documents() == before
