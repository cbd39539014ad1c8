"""OFD (GB/T 33190) files, written by the test, read like their text twins:
wrapped paragraphs joined over lines and pages, page numbers dropped, a ruled
table's cells from its path lines; damaged files name the file."""
from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from docmakers import lines_of, ofd_bytes
from graph.errors import LoadError
from loaders.base import load_file
from loaders.evaluate import facts_of
from loaders.formats import to_lines
from test_old_office import HEAD, OPENING, ROWS, _twin

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "liaoning"
F003 = EXAMPLES / "003_5b890ae601a5bb51.txt"


def test_an_ofd_reads_as_its_text(tmp_path):
    f = tmp_path / "003.ofd"
    f.write_bytes(ofd_bytes(lines_of(F003)))
    lines = to_lines(f.read_bytes(), str(f))
    assert [ln.text for ln in lines] == lines_of(F003)      # no "— 2 —", paragraphs whole
    assert lines[0].page == 1 and lines[-1].page >= 4
    _, got = load_file(f)
    _, want = load_file(F003)
    assert facts_of(got) == facts_of(want)


def test_evidence_lines_map_to_their_pages(tmp_path):
    from loaders.formats import page_of

    f = tmp_path / "003.ofd"
    f.write_bytes(ofd_bytes(lines_of(F003)))
    lines = to_lines(f.read_bytes(), str(f))
    _, docs = load_file(f)
    doc = next(n for n in docs[0].nodes if n.label == "Document" and n.id == docs[0].doc_id)
    starts = doc.properties["page_starts"]
    assert len(starts) == lines[-1].page and starts[0] == 1
    evidence = [ev for e in docs[0].edges if e.type in ("LEADS", "ASSISTS") for ev in e.evidence]
    assert len({page_of(starts, ev.line) for ev in evidence}) >= 3
    for ev in evidence:
        assert page_of(starts, ev.line) == lines[ev.line - 1].page
        assert ev.text.replace(" ", "") in lines[ev.line - 1].text.replace(" ", "")


def test_an_ofd_ruled_table_comes_back_as_cells(tmp_path):
    table = [HEAD] + ROWS * 6
    table = [table[0]] + [[str(i)] + r[1:] for i, r in enumerate(table[1:], start=1)]
    f = tmp_path / "t.ofd"
    f.write_bytes(ofd_bytes(OPENING, table))
    lines = to_lines(f.read_bytes(), str(f))
    assert [ln.text for ln in lines if ln.cells is None] == OPENING
    rows = [ln for ln in lines if ln.cells is not None]
    assert [list(r.cells) for r in rows] == table             # cells wrapped over lines joined
    assert {r.table for r in rows} == {0} and {r.page for r in rows} == {1, 2}
    small = tmp_path / "small.ofd"
    small.write_bytes(ofd_bytes(OPENING, [HEAD] + ROWS))
    _, got = load_file(small)
    _, want = load_file(_twin(tmp_path))
    assert facts_of(got) == facts_of(want)


def _zip(parts: dict[str, str]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for k, v in parts.items():
            z.writestr(k, v)
    return buf.getvalue()


def test_damaged_ofd_files_name_the_file():
    with pytest.raises(LoadError, match="x.ofd: not a valid OFD file \\(not a zip"):
        to_lines(b"%PDF-1.4", "x.ofd")
    good = zipfile.ZipFile(io.BytesIO(ofd_bytes(["一、总则"])))
    parts = {n: good.read(n).decode() for n in good.namelist()}
    missing = dict(parts)
    del missing["Doc_0/Document.xml"]
    with pytest.raises(LoadError, match="m.ofd: not a valid OFD file \\(no Doc_0/Document.xml\\)"):
        to_lines(_zip(missing), "m.ofd")
    evil = dict(parts, **{"OFD.xml": '<!DOCTYPE d [<!ENTITY a "aaaa">]><d>&a;</d>'})
    with pytest.raises(LoadError, match="e.ofd: OFD.xml declares a DOCTYPE"):
        to_lines(_zip(evil), "e.ofd")
    broken = dict(parts, **{"Doc_0/Pages/Page_0/Content.xml": "<ofd:Page"})
    with pytest.raises(LoadError, match="b.ofd: Doc_0/Pages/Page_0/Content.xml is not well-formed"):
        to_lines(_zip(broken), "b.ofd")
    with pytest.raises(LoadError, match="s.ofd: the OFD file has no text.*OCR"):
        to_lines(ofd_bytes([]), "s.ofd")
