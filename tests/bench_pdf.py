"""Pages per second reading PDFs: govgraph's reader (pdfplumber: text in
reading order and ruled tables), pdfplumber's plain text and tables alone, and
pypdfium2's plain text.

    python tests/bench_pdf.py FILE.pdf [FILE.pdf …] [--repeat 3]

Prints, per file and for all, the median seconds of each reader, its
pages/s, and its ratio to pypdfium2.
"""
from __future__ import annotations

import argparse
import logging
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def _govgraph(data: bytes, name: str) -> int:
    from loaders.pdf import pdf_lines

    return len(pdf_lines(data, name))


def _plumber_text(data: bytes, name: str) -> int:
    from io import BytesIO

    import pdfplumber

    with pdfplumber.open(BytesIO(data)) as pdf:
        return sum(len(p.extract_text() or "") for p in pdf.pages)


def _plumber_tables(data: bytes, name: str) -> int:
    from io import BytesIO

    import pdfplumber

    with pdfplumber.open(BytesIO(data)) as pdf:
        return sum(len(p.find_tables()) for p in pdf.pages)


def _pdfium_text(data: bytes, name: str) -> int:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(data)
    try:
        return sum(len(p.get_textpage().get_text_range()) for p in pdf)
    finally:
        pdf.close()


READERS = {"govgraph (pdfplumber, lines+tables)": _govgraph, "pdfplumber extract_text": _plumber_text,
           "pdfplumber find_tables": _plumber_tables, "pypdfium2 text": _pdfium_text}


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("pdfs", nargs="+", type=Path)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args(argv)
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    import pypdfium2 as pdfium

    totals = {k: 0.0 for k in READERS}
    pages_total = 0
    for f in args.pdfs:
        data = f.read_bytes()
        pdf = pdfium.PdfDocument(data)
        pages = len(pdf)
        pdf.close()
        pages_total += pages
        times = {}
        for name, fn in READERS.items():
            runs = []
            for _ in range(args.repeat):
                t = time.perf_counter()
                fn(data, str(f))
                runs.append(time.perf_counter() - t)
            times[name] = statistics.median(runs)
            totals[name] += times[name]
        base = times["pypdfium2 text"]
        print(f"{f.name}: {pages} pages")
        for name, s in times.items():
            print(f"  {name:38s} {s:8.3f} s  {pages / s:8.1f} pages/s  ×{s / base:6.1f}")
    if len(args.pdfs) > 1:
        print(f"all: {pages_total} pages")
        for name, s in totals.items():
            print(f"  {name:38s} {s:8.3f} s  {pages_total / s:8.1f} pages/s  ×{s / totals['pypdfium2 text']:6.1f}")


if __name__ == "__main__":
    main()
