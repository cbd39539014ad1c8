"""Build loaders/divisions.tsv.gz from the administrative-division tables of
the ``china-division`` package (modood/Administrative-divisions-of-China,
WTFPL): its dist/ folder's provinces.csv, cities.csv, areas.csv and
streets.csv (国家统计局 统计用区划代码, 2023: as of 2023-06-30).

    python tools/build_divisions.py PATH/TO/package/dist loaders/divisions.tsv.gz

Each row: code, name, level (province, prefecture, county, town), parent code.
Codes above the town level are the six-digit codes (GB/T 2260: 210000,
211100, 211122), towns the nine-digit ones (211122100). The NBS tables'
placeholders for a level that is not there (北京's 市辖区, 重庆's 县, a
province's 省直辖县级行政区划) are left out: their counties hang on the
province; a city without counties (东莞市, 中山市, 儋州市), which those tables
print again as its own county, is kept once, as the prefecture its towns hang on.
"""
from __future__ import annotations

import csv
import gzip
import sys
from pathlib import Path

PLACEHOLDERS = {"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"}


def build(dist: Path) -> list[tuple[str, str, str, str]]:
    def read(name: str) -> list[dict[str, str]]:
        with open(dist / name, encoding="utf-8", newline="") as f:
            return list(csv.DictReader(f))

    rows: list[tuple[str, str, str, str]] = []
    for p in read("provinces.csv"):
        rows.append((p["code"] + "0000", p["name"], "province", ""))
    cities = {}
    for c in read("cities.csv"):
        cities[c["code"]] = c["name"]
        if c["name"] not in PLACEHOLDERS:
            rows.append((c["code"] + "00", c["name"], "prefecture", c["provinceCode"] + "0000"))
    for a in read("areas.csv"):
        city = a["cityCode"]
        parent = a["provinceCode"] + "0000" if cities.get(city) in PLACEHOLDERS else city + "00"
        if a["code"] == parent:
            continue    # a city without counties (东莞市, 儋州市) printed again at the county level
        rows.append((a["code"], a["name"], "county", parent))
    for s in read("streets.csv"):
        rows.append((s["code"], s["name"], "town", s["areaCode"]))
    return rows


def main(argv: list[str]) -> None:
    dist, out = Path(argv[1]), Path(argv[2])
    rows = build(dist)
    text = "# code\tname\tlevel\tparent — 国家统计局 统计用区划代码 2023 (2023-06-30), via china-division 2.7.0 (WTFPL)\n"
    text += "".join("\t".join(r) + "\n" for r in rows)
    with open(out, "wb") as f, gzip.GzipFile(fileobj=f, mode="wb", mtime=0, filename="") as g:
        g.write(text.encode("utf-8"))
    print(f"{len(rows)} divisions → {out} ({out.stat().st_size:,} bytes)", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv)
