"""Hostile inputs end quickly, in bounded memory, with a clear message naming
the file: cells far beyond Excel's last column, an enormous document.xml, a
FIFO or a device named .txt, a line naming thousands of bodies, a body
repeated thousands of times; UTF-16 text is read, with or without a BOM.

Each hostile case runs ``govgraph load`` in a child process that reports its
own peak memory, so a regression shows as a failed bound (500 MB), and a hang
as a timeout, not as a stuck test run."""
from __future__ import annotations

import os
import random
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from graph.errors import LoadError
from loaders.formats import MAX_XML_BYTES, xlsx_text
from loaders.text import MAX_LINE_CHARS, Line, _drop_repeated_body, decode, read_document, read_text

ROOT = Path(__file__).resolve().parent.parent
TASKS = ROOT / "examples" / "liaoning" / "003_5b890ae601a5bb51.txt"
MB = 1024 * 1024
RSS_BOUND_MB = 500
HANG_GUARD_S = 120  # not a speed target: a child that runs this long is stuck

_CHILD = (
    "import resource, sys\n"
    "from graph.cli import cli\n"
    "try:\n"
    "    cli.main(sys.argv[1:], prog_name='govgraph')\n"
    "finally:\n"
    "    sys.stderr.write('\\nMAXRSS_KB %d\\n' % resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)\n"
)


def govgraph(*args: str, cwd: Path) -> tuple[int, str, str, float]:
    """Run ``govgraph ARGS`` in a child: exit code, stdout, stderr (without
    the memory line) and the child's peak RSS in MB."""
    p = subprocess.run([sys.executable, "-c", _CHILD, *args], capture_output=True, text=True, cwd=cwd,
                       timeout=HANG_GUARD_S, env={**os.environ, "PYTHONPATH": str(ROOT)})
    m = re.search(r"\nMAXRSS_KB (\d+)\n", p.stderr)
    assert m, p.stderr
    return p.returncode, p.stdout, p.stderr[: m.start()], int(m.group(1)) / 1024


def _xlsx(path: Path, sheet_xml: str) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/workbook.xml",
                   '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
                   'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
                   '<sheets><sheet name="任务" sheetId="1" r:id="rId1"/></sheets></workbook>')
        z.writestr("xl/_rels/workbook.xml.rels",
                   '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                   '<Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>')
        z.writestr("xl/worksheets/sheet1.xml",
                   '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
                   + sheet_xml + "</sheetData></worksheet>")
    return path


def _cell(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


# -- .xlsx -----------------------------------------------------------------------------
def test_xlsx_cell_beyond_the_last_column(tmp_path):
    f = _xlsx(tmp_path / "far.xlsx", '<row r="1">' + _cell("A1", "序号") + _cell("ZZZZZZZ1", "x") + "</row>")
    assert f.stat().st_size < 2000
    code, out, err, rss = govgraph("load", "--store", str(tmp_path / "g.db"), "-q", str(f), cwd=tmp_path)
    assert code == 1
    assert f"Error: {f}: sheet 任务: cell ZZZZZZZ1 lies beyond Excel's last column (XFD)" in err
    assert "Traceback" not in err
    assert rss < RSS_BOUND_MB


def test_xlsx_last_column_and_sparse_rows_are_read(tmp_path):
    f = _xlsx(tmp_path / "wide.xlsx",
              '<row r="1">' + _cell("A1", "序号") + _cell("C1", "牵头单位") + '<c r="XFD1" s="3"/></row>'
              '<row r="2">' + _cell("A2", "1") + _cell("C2", "市财政局") + "</row>")
    # the formatted but empty cell at XFD does not spread the row over 16,384 cells
    assert xlsx_text(f.read_bytes(), str(f)) == "任务\n序号 |  | 牵头单位\n1 |  | 市财政局\n"


def test_xlsx_rows_spread_over_too_many_cells(tmp_path):
    rows = "".join(f'<row r="{r}">' + _cell(f"A{r}", "x") + _cell(f"XFD{r}", "y") + "</row>" for r in range(1, 200))
    f = _xlsx(tmp_path / "spread.xlsx", rows)
    with pytest.raises(LoadError, match=r"sheet 任务: more than 2,000,000 cells"):
        xlsx_text(f.read_bytes(), str(f))


# -- .docx -----------------------------------------------------------------------------
def test_docx_with_a_huge_document_xml(tmp_path):
    f = tmp_path / "huge.docx"
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    para = "<w:p><w:r><w:t>一、推进政务服务改革。牵头单位:市政务服务中心</w:t></w:r></w:p>"
    with zipfile.ZipFile(f, "w", zipfile.ZIP_DEFLATED) as z:
        with z.open("word/document.xml", "w", force_zip64=True) as part:
            part.write(f'<w:document xmlns:w="{w}"><w:body>'.encode())
            block = (para * 1000).encode()
            for _ in range(190 * MB // len(block)):
                part.write(block)
            part.write(b"</w:body></w:document>")
    assert f.stat().st_size < 5 * MB
    code, out, err, rss = govgraph("load", "--store", str(tmp_path / "g.db"), "-q", str(f), cwd=tmp_path)
    assert code == 1
    assert f"Error: {f}: word/document.xml is too large (" in err
    assert f"govgraph reads parts of up to {MAX_XML_BYTES:,})" in err
    assert rss < RSS_BOUND_MB


# -- special files -----------------------------------------------------------------------
def test_fifo_named_txt_is_refused(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    code, out, err, rss = govgraph("load", "--store", str(tmp_path / "g.db"), "-q", str(fifo), cwd=tmp_path)
    assert code == 1
    assert f"Error: {fifo}: a FIFO (named pipe), not a regular file; refused" in err


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
def test_device_named_txt_is_refused(tmp_path):
    dev = tmp_path / "zero.txt"
    dev.symlink_to("/dev/zero")
    with pytest.raises(LoadError, match=r"zero\.txt: a device, not a regular file; refused"):
        read_document(dev)
    code, out, err, rss = govgraph("load", "--store", str(tmp_path / "g.db"), "-q", str(dev), cwd=tmp_path)
    assert code == 1 and "a device, not a regular file" in err
    assert rss < RSS_BOUND_MB


def test_special_file_in_a_folder_does_not_cost_the_others(tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "tasks.txt").write_bytes(TASKS.read_bytes())
    os.mkfifo(folder / "pipe.txt")
    code, out, err, rss = govgraph("load", "--store", str(tmp_path / "g.db"), str(folder), cwd=tmp_path)
    assert "Traceback" not in err
    code, out, err, rss = govgraph("stats", "--store", str(tmp_path / "g.db"), "--json", cwd=tmp_path)
    assert code == 0 and '"Duty"' in out


# -- over-long lines -----------------------------------------------------------------------
_CHARS = "东南西北中甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥金木水火土山川河海湖江林田农工商学医文体"


def _bodies(n: int) -> list[str]:
    rng = random.Random(9)
    names: set[str] = set()
    while len(names) < n:
        names.add("市" + "".join(rng.choice(_CHARS) for _ in range(3)) + "局")
    return sorted(names)


def test_a_line_naming_8000_bodies(tmp_path):
    line = "1.推进全市政务服务事项标准化。牵头单位:市政务服务中心;责任单位:" + "、".join(_bodies(8000)) + "。"
    assert len(line) > 40000
    f = tmp_path / "many.txt"
    f.write_text("XX市人民政府办公室关于印发重点任务分工方案的通知\n\n一、重点任务\n" + line + "\n", encoding="utf-8")
    db = tmp_path / "g.db"
    code, out, err, rss = govgraph("load", "--store", str(db), str(f), cwd=tmp_path)
    assert code == 0, err
    longest = max(len(p) for p in re.split(r"(?<=[。!?;])", line))
    assert f"{f}, line 4: a sentence of {longest:,} characters; only its first {MAX_LINE_CHARS:,} are read" in err
    assert rss < RSS_BOUND_MB
    # evidence is bounded by the cut line: the store stays small
    assert db.stat().st_size < 100 * MB


def test_long_line_cut_keeps_the_rest_of_the_document():
    src = read_text("标题\n" + "甲" * (MAX_LINE_CHARS + 10) + "\n二、结尾", "f.txt")
    assert [len(ln.norm) for ln in src.lines][-1] == 4
    assert max(len(ln.raw) for ln in src.lines) <= MAX_LINE_CHARS
    assert src.warnings == [f"f.txt, line 2: a sentence of {MAX_LINE_CHARS + 10:,} characters; "
                            f"only its first {MAX_LINE_CHARS:,} are read"]


# -- repeated bodies: a linear pass, the same answer as the direct one ----------------------
def _drop_repeated_direct(keys: list[str], min_run: int = 8) -> list[int]:
    """The direct (quadratic) reading of the rule, as the indexes kept."""
    first: dict[str, list[int]] = {}
    drop: set[int] = set()
    i = 0
    while i < len(keys):
        matched = False
        for j in first.get(keys[i], ()):
            k = 0
            while i + k < len(keys) and j + k < i and keys[j + k] == keys[i + k]:
                k += 1
            if k >= min_run:
                drop.update(range(i, i + k))
                i += k
                matched = True
                break
        if not matched:
            first.setdefault(keys[i], []).append(i)
            i += 1
    return [i for i in range(len(keys)) if i not in drop]


def _lines(keys: list[str]) -> list[Line]:
    return [Line(i + 1, k, k) for i, k in enumerate(keys)]


@pytest.mark.parametrize("seed", range(40))
def test_drop_repeated_matches_the_direct_rule(seed):
    rng = random.Random(seed)
    alphabet = [f"第{i}条" for i in range(rng.choice([2, 3, 5, 12]))]
    keys = [rng.choice(alphabet) for _ in range(rng.randint(0, 60))]
    if rng.random() < 0.7 and keys:  # a body printed twice, with or without a seam
        cut = rng.randint(0, len(keys))
        keys = keys + keys[:cut] * rng.randint(1, 3) + keys[cut:]
    kept, dropped = _drop_repeated_body(_lines(keys))
    want = _drop_repeated_direct(keys)
    assert [ln.no - 1 for ln in kept] == want
    assert dropped == len(keys) - len(want)


def test_drop_repeated_on_a_million_lines():
    # 1M lines with few distinct texts: the direct rule compares each line with
    # every earlier line of the same text (not done in 300 s at 1M lines)
    body = [f"第{i % 97}条 任务{i % 13}" for i in range(500_000)]
    kept, dropped = _drop_repeated_body(_lines(body + body))
    assert dropped >= 500_000 and len(kept) <= 500_000


# -- UTF-16 ------------------------------------------------------------------------------
TEXT = "一、重点任务\n1.推进改革。牵头单位:市财政局(2024年底前)\n"


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_with_and_without_bom(encoding):
    data = TEXT.encode(encoding)
    assert decode(data, "f.txt") == TEXT


def test_utf16_file_loads(tmp_path):
    for enc in ("utf-16", "utf-16-le"):
        f = tmp_path / f"tasks-{enc}.txt"
        f.write_bytes(TASKS.read_text(encoding="utf-8").encode(enc))
        assert read_document(f).text == read_document(TASKS).text


def test_binary_still_refused():
    with pytest.raises(LoadError, match="binary file, not a text document"):
        decode(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "f")
    with pytest.raises(LoadError, match="binary"):
        decode(b"\x00\x01\x02abc", "f")


def test_a_body_scraped_into_one_long_line_is_read_whole():
    body = "".join(f"{i}.推进第{i}项工作,市发展改革委牵头,市财政局配合。" for i in range(1, 400))
    assert len(body) > MAX_LINE_CHARS
    src = read_text("标题\n" + body + "\n", "f.txt")
    assert src.warnings == []
    assert "".join(ln.raw for ln in src.lines if ln.no == 2).endswith("399.推进第399项工作,市发展改革委牵头,市财政局配合。")
