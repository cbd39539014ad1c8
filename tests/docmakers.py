"""Document files made by the tests from text: PDF (printed by headless
Chromium), old Excel (.xls), old Word (.doc) and OFD, so that each format can
be read against its text twin. Nothing here is read by govgraph itself."""
from __future__ import annotations

import html
import os
import subprocess
import tempfile
from pathlib import Path

import pytest

from graph import maps

FONT = "'WenQuanYi Micro Hei', 'Noto Sans CJK SC', sans-serif"
PAGE_CSS = f"""
@page {{ size: A4; margin: 20mm;
  @top-center {{ content: "海城市人民政府公报"; font-family: {FONT}; font-size: 9pt }}
  @bottom-center {{ content: "— " counter(page) " —"; font-family: {FONT}; font-size: 10pt }} }}
body {{ font-family: {FONT}; font-size: 12pt }}
p {{ text-indent: 2em; margin: 0 0 4pt 0 }}
table {{ border-collapse: collapse; width: 100% }}
td, th {{ border: 1px solid black; padding: 3pt; font-weight: normal }}
tr {{ break-inside: avoid }}
"""


def need_chromium() -> str:
    exe = maps.find_chromium()
    if not exe:
        why = "no Chromium to print PDF fixtures (apt-get install chromium fonts-wqy-microhei)"
        if os.environ.get("CI") or os.environ.get("GOVGRAPH_TEST_NEO4J"):
            pytest.fail(why + "; CI demands the PDF tests")
        pytest.skip(why)
    return exe


def page_html(body: str, css: str = PAGE_CSS) -> str:
    return f"<!doctype html><html><head><meta charset='utf-8'><style>{css}</style></head><body>{body}</body></html>"


def paragraphs(lines: list[str]) -> str:
    return "".join(f"<p>{html.escape(t)}</p>" for t in lines)


def table(rows: list[list[str]], head: list[str] | None = None) -> str:
    def tr(cells, tag="td"):
        return "<tr>" + "".join(f"<{tag}>{html.escape(c)}</{tag}>" for c in cells) + "</tr>"

    thead = f"<thead>{tr(head, 'th')}</thead>" if head else ""
    return f"<table>{thead}<tbody>{''.join(tr(r) for r in rows)}</tbody></table>"


def print_pdfs(pages: dict[Path, str]) -> None:
    """Print each HTML page to its PDF path with headless Chromium (in parallel)."""
    exe = need_chromium()
    procs = []
    with tempfile.TemporaryDirectory() as tmp:
        for i, (out, page) in enumerate(pages.items()):
            src = Path(tmp) / f"p{i}.html"
            src.write_text(page, encoding="utf-8")
            procs.append((out, subprocess.Popen(
                [exe, *maps.CHROMIUM_ARGS, f"--user-data-dir={tmp}/u{i}", "--no-pdf-header-footer",
                 f"--print-to-pdf={out}", src.as_uri()],
                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)))
        for out, p in procs:
            _, err = p.communicate(timeout=120)
            if p.returncode != 0 or not out.exists():
                raise RuntimeError(f"chromium could not print {out}: {err.decode(errors='replace')[-500:]}")


def lines_of(path: Path) -> list[str]:
    return [ln.strip() for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip()]
