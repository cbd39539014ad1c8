"""Documents printed in traditional characters read as their simplified twins,
with mentions and evidence kept as printed."""
from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import opencc
import pytest

from loaders import load_file
from loaders.script import is_traditional, to_simplified, traditional_share
from loaders.text import read_text

ROOT = Path(__file__).resolve().parent.parent
LIAONING = ROOT / "examples" / "liaoning"
REAL = ROOT / "examples" / "real" / "docs"


def _fold(s: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", s))


@pytest.fixture(scope="module")
def twins(tmp_path_factory):
    simple = next(LIAONING.glob("002_*.txt"))
    text = simple.read_text(encoding="utf-8")
    trad = tmp_path_factory.mktemp("trad") / "002_traditional.txt"
    trad.write_text(opencc.OpenCC("s2t").convert(text), encoding="utf-8")
    s_src, s_docs = load_file(simple)
    t_src, t_docs = load_file(trad)
    return text, trad.read_text(encoding="utf-8"), s_src, s_docs, t_src, t_docs


def test_detection_tells_the_scripts_apart(twins):
    text, trad_text, s_src, _, t_src, _ = twins
    assert traditional_share(text) < 0.01 < 0.2 < traditional_share(trad_text)
    assert not is_traditional(text) and is_traditional(trad_text)
    assert s_src.printed is None and t_src.printed is not None
    assert t_src.text.strip() == trad_text.strip()     # the source text stays as printed


def test_traditional_copy_of_002_gives_the_same_graph(twins):
    _, _, _, s_docs, _, t_docs = twins
    assert [d.doc_id for d in s_docs] == [d.doc_id for d in t_docs]
    for s, t in zip(s_docs, t_docs):
        assert {(n.id, n.label, n.name) for n in s.nodes} == {(n.id, n.label, n.name) for n in t.nodes}
        assert {(e.id, e.type, e.source, e.target) for e in s.edges} == {(e.id, e.type, e.source, e.target) for e in t.edges}
        for kind in ("Duty", "Official", "Agency"):
            assert any(n.label == kind for n in s.nodes)
        for typ in ("LEADS", "ASSISTS"):
            assert any(e.type == typ for e in s.edges)


def test_mentions_and_evidence_are_as_printed(twins):
    text, trad_text, _, s_docs, _, t_docs = twins
    page, simple_page = _fold(trad_text), _fold(text)
    changed = 0
    for s, t in zip(s_docs, t_docs):
        s_nodes = {n.id: n for n in s.nodes}
        for n in t.nodes:
            simple_mentions = {(m.line, m.text) for m in s_nodes[n.id].mentions}
            # the same mentions, character for character the page's script
            assert {(m.line, to_simplified(m.text)) for m in n.mentions} == simple_mentions, n.name
            for m in n.mentions:
                # what the simplified copy prints (not a name it completed: 西四、牛庄等镇 → 牛庄镇), this one prints
                if _fold(to_simplified(m.text)) in simple_page:
                    assert _fold(m.text) in page, m.text
                changed += m.text != to_simplified(m.text)
        s_edges = {e.id: e for e in s.edges}
        for e in t.edges:
            assert {(v.line, to_simplified(v.text)) for v in e.evidence} == {(v.line, v.text) for v in s_edges[e.id].evidence}
            for v in e.evidence:
                if _fold(to_simplified(v.text)) in simple_page:
                    assert _fold(v.text) in page, v.text
    assert changed > 100     # the traditional forms are really there, not the simplified ones


def test_a_name_keeps_its_traditional_form_in_mentions_only(twins):
    _, _, _, _, _, t_docs = twins
    officials = [n for d in t_docs for n in d.nodes if n.label == "Agency" and n.name.endswith("发展和改革局")]
    assert officials
    n = officials[0]
    assert "發" not in n.name and any("發" in m.text for m in n.mentions)


def test_pinyin_glosses_are_dropped_for_reading():
    src = read_text("關於成立專班的通知\n高昌區(qū)人民政府,市有關單位:\n為協(xié)調推進建設工作,現(xiàn)將具體事宜通知如下:")
    assert [ln.norm for ln in src.lines] == ["关于成立专班的通知", "高昌区人民政府,市有关单位:",
                                              "为协调推进建设工作,现将具体事宜通知如下:"]
    assert src.printed.restore(2, "高昌区人民政府") == "高昌區人民政府"
    assert src.lines[1].raw == "高昌区人民政府,市有关单位:"


def test_a_simplified_document_is_left_alone():
    src = read_text("盘山县人民政府关于印发通知\n牵头单位:县发展和改革局")
    assert src.printed is None
    assert src.lines[1].norm == "牵头单位:县发展和改革局"


def test_a_real_traditional_document_reads():
    """rc08: 陜西省人民政府關于委托一批行政許可事項的決定, from a law mirror."""
    path = next(REAL.glob("rc08_*.txt"))
    src, docs = load_file(path)
    assert src.printed is not None
    doc = next(n for d in docs for n in d.nodes if n.id == d.doc_id)
    assert doc.name.startswith("陕西省人民政府关于委托一批行政许可事项的决定")
    assert doc.properties.get("kind") == "delegation"
    assert any(m.text.startswith("陜西省人民政府關于委托") for m in doc.mentions)
    issuers = [n for d in docs for n in d.nodes if n.name == "陕西省人民政府"]
    assert issuers and all(m.text == "陜西省人民政府" for m in issuers[0].mentions)
