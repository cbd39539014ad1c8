"""N distinct copies of a folder of documents, for load tests and benchmarks.

Copy ``i`` of each file gets its own 文号 (``〔2014〕31号`` → ``〔2014〕3100007号``)
and its own titles (``工作要点`` → ``工作要点7``, ``分工方案`` → ``分工方案7``), so that
no copy's documents merge with another's: N copies of the five sample files
hold 9·N documents. Shared bodies and officials still merge, as in a real corpus.
"""
from __future__ import annotations

import re
from pathlib import Path

__all__ = ["make_copies", "copy_text"]

_DOC_NUMBER = re.compile(r"([〔„\[(]\d{4}[〕‟\])])(\d+)(号)")
_TITLE_WORDS = ("工作要点", "分工方案", "实施方案", "工作方案", "工作职责的意见")


def copy_text(text: str, i: int) -> str:
    text = _DOC_NUMBER.sub(lambda m: f"{m.group(1)}{m.group(2)}{i:05d}{m.group(3)}", text)
    for w in _TITLE_WORDS:
        text = text.replace(w, f"{w}{i}")
    return text


def make_copies(src: str | Path, dest: str | Path, n: int, start: int = 1) -> list[Path]:
    """Write copies ``start`` … ``start + n - 1`` of every ``.txt`` file in ``src``
    into ``dest`` (``dest/c00007_NAME.txt``); return the paths."""
    dest = Path(dest)
    dest.mkdir(parents=True, exist_ok=True)
    sources = [(p.name, p.read_text(encoding="utf-8")) for p in sorted(Path(src).glob("*.txt"))]
    out = []
    for i in range(start, start + n):
        for name, text in sources:
            p = dest / f"c{i:05d}_{name}"
            p.write_text(copy_text(text, i), encoding="utf-8")
            out.append(p)
    return out
