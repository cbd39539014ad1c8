"""Done means: `govgraph build` on a folder holding the sample documents as
PDF, .doc, .xls and OFD (made here) gives the same tasks, leads and assists
as on the text versions, and names the files it skips."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from docmakers import doc_bytes, lines_of, ofd_bytes, page_html, paragraphs, print_pdfs, xls_bytes
from graph.cli import cli

pytestmark = pytest.mark.browser

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "liaoning"


def _facts(graph: Path) -> dict[str, set]:
    g = json.loads(graph.read_text(encoding="utf-8"))
    nodes = {n["id"]: n for n in g["nodes"]}

    def name(nid: str):
        n = nodes[nid]
        if n["label"] == "Duty":
            return (n["properties"].get("number"), n["properties"].get("text"))
        return n["name"]

    out: dict[str, set] = {"tasks": {name(n["id"]) for n in g["nodes"] if n["label"] == "Duty"}}
    for kind in ("LEADS", "ASSISTS"):
        out[kind] = {(name(e["source"]), name(e["target"])) for e in g["edges"] if e["type"] == kind}
    return out


def test_build_on_pdf_doc_xls_and_ofd_gives_the_text_graph(tmp_path):
    texts = sorted(EXAMPLES.glob("*.txt"))
    text_dir, mixed = tmp_path / "text", tmp_path / "mixed"
    text_dir.mkdir()
    mixed.mkdir()
    for f in texts:
        shutil.copy(f, text_dir / f.name)
    # each format at least once; the task table (002) and the delegation plan (004) as PDF
    made = {}
    for f in texts:
        stem, lines = f.stem, lines_of(f)
        if stem.startswith(("002", "004")):
            made[mixed / f"{stem}.pdf"] = page_html(paragraphs(lines))
        elif stem.startswith("000"):
            (mixed / f"{stem}.ofd").write_bytes(ofd_bytes(lines))
        elif stem.startswith("001"):
            (mixed / f"{stem}.doc").write_bytes(doc_bytes(lines))
        else:
            (mixed / f"{stem}.xls").write_bytes(xls_bytes([[t] for t in lines]))
    print_pdfs(made)
    (mixed / "~$002.doc").write_bytes(b"lock")
    (mixed / "logo.png").write_bytes(b"\x89PNG")
    assert {p.suffix for p in mixed.iterdir()} >= {".pdf", ".doc", ".xls", ".ofd"}

    runner = CliRunner()
    want = runner.invoke(cli, ["build", str(text_dir), "-o", str(tmp_path / "b_text"), "-q", "--no-maps"])
    assert want.exit_code == 0, want.output
    got = runner.invoke(cli, ["build", str(mixed), "-o", str(tmp_path / "b_mixed"), "-q", "--no-maps"])
    assert got.exit_code == 0, got.output
    a, b = _facts(tmp_path / "b_text" / "graph.json"), _facts(tmp_path / "b_mixed" / "graph.json")
    assert len(a["tasks"]) > 200 and len(a["LEADS"]) > 100 and len(a["ASSISTS"]) > 100
    for k in a:
        assert b[k] == a[k], (k, sorted(a[k] - b[k])[:5], sorted(b[k] - a[k])[:5])


def test_a_folder_names_what_it_skips(tmp_path, caplog):
    from loaders.formats import documents_in

    (tmp_path / "a.txt").write_text("一、总则", encoding="utf-8")
    (tmp_path / "b.ofd").write_bytes(b"")
    (tmp_path / "~$c.docx").write_bytes(b"lock")
    (tmp_path / "d.png").write_bytes(b"\x89PNG")
    with caplog.at_level("WARNING"):
        assert [p.name for p in documents_in(tmp_path)] == ["a.txt", "b.ofd"]
    assert "skipped 2 file(s)" in caplog.text and "~$c.docx (a lock or hidden file)" in caplog.text
    assert "d.png (.png: not a format govgraph reads)" in caplog.text
