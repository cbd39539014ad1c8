"""Places that know their hierarchy: jurisdictions resolved against the
national administrative-division codes.

``divisions.tsv.gz`` (beside this module; built by ``tools/build_divisions.py``)
holds every province, prefecture, county and town with its code and its
parent: the 国家统计局's 统计用区划代码 of 2023 (as of 2023-06-30), whose codes
down to the county are the 民政部's GB/T 2260 codes. A place printed in a
document is resolved in that document's context (:class:`PlaceContext`):

* a name the data holds once is that division (盘山县 → 211122);
* a name several divisions share is the one within the document's own places
  (朝阳区 in a 长春市 document → 220104, in a 北京市 one → 110105), or, printed
  with its city (长春市朝阳区), the one within that city;
* a place printed without its level (西四, 牛庄) is the division of that name
  within the document's places (西四镇 of 海城市);
* a zone (新区, 开发区 …) is no division: it lies in the division it is named
  after (曹妃甸新区 in 唐山市, as 曹妃甸区 is), in the place ``zones.tsv`` gives for
  it, or else in the document's own place — hand rules, and said so.

Every resolution says what decided it (``Place.decided``); the builder writes
it on the Jurisdiction node, and ``govgraph aliases`` prints it.
"""
from __future__ import annotations

import gzip
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Iterable, Sequence

__all__ = ["Division", "Divisions", "Place", "PlaceContext", "divisions", "SOURCE"]

#: where the division data comes from (for notes and rules)
SOURCE = "国家统计局 统计用区划代码 2023"

LEVELS = ("province", "prefecture", "county", "town")

# level words a name ends with, longest first (a stem is the name without one)
_SUFFIXES = ("特别行政区", "街道办事处", "自治区", "自治州", "自治县", "自治旗", "办事处", "街道", "地区", "林区", "特区",
             "矿区", "苏木", "省", "市", "县", "区", "旗", "盟", "州", "镇", "乡")
_ZONE = re.compile(r"(?:新区|开发区|高新区|经济区|园区|工业园|示范区|试验区|合作区|保税区|综合保税区|港区)$")


def stem(name: str) -> str:
    """A place's name without its level word (the part printed when the level
    is left out).

    >>> stem("西四镇"), stem("盘山县"), stem("内蒙古自治区"), stem("宁城县")
    ('西四', '盘山', '内蒙古', '宁城')
    """
    for s in _SUFFIXES:
        if name.endswith(s) and len(name) - len(s) >= 2:
            return name[: -len(s)]
    return name


def has_level(name: str) -> bool:
    """Whether a name ends in a level word (镇, 县, 自治州 …) or a zone's (新区 …)."""
    return stem(name) != name or bool(_ZONE.search(name))


@dataclass(frozen=True)
class Division:
    code: str
    name: str
    level: str          # province, prefecture, county, town
    parent: str         # the parent's code ("" for a province)


class Divisions:
    """The division table, indexed by code, by name and by stem."""

    def __init__(self, rows: Iterable[Division]):
        self.by_code: dict[str, Division] = {}
        self.by_name: dict[str, list[Division]] = {}
        self.by_stem: dict[str, list[Division]] = {}
        self._parents: dict[str, list[Division]] = {}
        for d in rows:
            self.by_code[d.code] = d
            self.by_name.setdefault(d.name, []).append(d)
            s = stem(d.name)
            if s != d.name:
                self.by_stem.setdefault(s, []).append(d)

    def __len__(self) -> int:
        return len(self.by_code)

    def get(self, code: str) -> Division | None:
        return self.by_code.get(code)

    def parents(self, d: Division) -> list[Division]:
        """The divisions above ``d``, nearest first (盘山县 → 盘锦市, 辽宁省)."""
        cached = self._parents.get(d.code)
        if cached is not None:
            return cached
        out: list[Division] = []
        self._parents[d.code] = out
        p = self.by_code.get(d.parent)
        while p is not None and p not in out and p != d:
            out.append(p)
            p = self.by_code.get(p.parent)
        return out

    def related(self, d: Division, ctx: Division) -> bool:
        """``d`` lies within ``ctx``, or ``ctx`` within ``d``."""
        return d == ctx or ctx in self.parents(d) or d in self.parents(ctx)

    def shared(self, name: str) -> bool:
        """Whether several divisions bear this name (its node needs its code to be told apart)."""
        return len(self.by_name.get(name, ())) > 1


@lru_cache(maxsize=1)
def divisions() -> Divisions:
    """The national division table shipped with govgraph (read once)."""
    data = resources.files("loaders").joinpath("divisions.tsv.gz").read_bytes()
    rows = []
    for line in gzip.decompress(data).decode("utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        code, name, level, parent = line.split("\t")
        rows.append(Division(code, name, level, parent))
    return Divisions(rows)


@lru_cache(maxsize=1)
def _zones() -> dict[str, str]:
    """zones.tsv: a zone's name → the code of the division it lies in."""
    out = {}
    for line in resources.files("loaders").joinpath("zones.tsv").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            name, code = line.split("\t")[:2]
            out[name] = code
    return out


@dataclass(frozen=True)
class Place:
    """A printed place as resolved: the division it is (or, for a zone, lies
    in), and what decided it."""

    name: str                           # the canonical name (the division's, or the zone's as printed)
    division: Division | None = None    # the division it is; None for a zone or an unknown place
    host: Division | None = None        # for a zone: the division it lies in
    decided: str = ""
    chain: tuple[Division, ...] = field(default=())   # the divisions above it, nearest first

    @property
    def code(self) -> str | None:
        return self.division.code if self.division else None


def _choose(data: Divisions, cands: Sequence[Division], context: Sequence[Division]) -> tuple[Division | None, str]:
    if len(cands) == 1:
        return cands[0], f"division data ({SOURCE})"
    for ctx in context:      # the most specific of the document's places first
        near = [c for c in cands if data.related(c, ctx)]
        if len(near) == 1:
            return near[0], f"division data ({SOURCE}), of {len(cands)} so named the one in {ctx.name} (the document's place)"
    if cands:
        names = "、".join(f"{c.code} in {data.parents(c)[0].name if data.parents(c) else '-'}" for c in cands[:4])
        return None, f"{len(cands)} divisions share the name ({names}); the document's places do not decide"
    return None, ""


class PlaceContext:
    """Places resolved in one document's context: its own jurisdiction and the
    places its relative prefixes name (``levels``: {"市": "盘锦市", "县": "盘山县"})."""

    def __init__(self, home: str | None, levels: dict[str, str] | None = None, data: Divisions | None = None):
        self.data = data or divisions()
        self.home: Place | None = None
        self.context: list[Division] = []
        self._cache: dict[str, Place] = {}
        names = [n for n in dict.fromkeys([home or "", *(levels or {}).values()]) if n and n != "未知"]
        # resolve what the data holds once first, then the rest within it
        for _ in range(2):
            for n in names:
                d = self._division(n)[0]
                if d is not None and d not in self.context:
                    self.context.append(d)
            self._cache.clear()
        self.context.sort(key=lambda d: -LEVELS.index(d.level))   # the most specific first
        self.home = self.resolve(home) if home and home != "未知" else None

    def _division(self, name: str) -> tuple[Division | None, str]:
        data = self.data
        d, why = _choose(data, data.by_name.get(name, []), self.context)
        if d is not None or why:
            return d, why
        # printed with its parent: 长春市朝阳区, 盘锦市大洼区, 大连金州区
        for k in range(2, len(name) - 1):
            head, rest = name[:k], name[k:]
            heads = data.by_name.get(head, []) or data.by_stem.get(head, [])
            heads = [h for h in heads if h.level != "town"]
            if not heads or len(rest) < 2:
                continue
            within = [c for c in data.by_name.get(rest, []) if any(h in data.parents(c) for h in heads)]
            if len(within) == 1:
                return within[0], f"division data ({SOURCE}), {rest} within {head}"
        # printed without its level: 西四 → 西四镇, within the document's places
        if not has_level(name):
            d, why = _choose(data, data.by_stem.get(name, []), self.context)
            if d is not None:
                return d, why.replace("division data", "division data, the name without its level", 1)
            near = [c for c in data.by_stem.get(name, []) if any(data.related(c, x) for x in self.context)]
            if len(near) == 1:
                return near[0], f"division data ({SOURCE}), the name without its level, within the document's places"
        return None, why

    def resolve(self, name: str) -> Place:
        """The place a printed name means here.

        >>> PlaceContext("长春市").resolve("朝阳区").code, PlaceContext("北京市").resolve("朝阳区").code
        ('220104', '110105')
        >>> [d.name for d in PlaceContext(None).resolve("盘山县").chain]
        ['盘锦市', '辽宁省']
        """
        if name in self._cache:
            return self._cache[name]
        place = self._resolve(name)
        self._cache[name] = place
        return place

    def _resolve(self, name: str) -> Place:
        data = self.data
        d, why = self._division(name)
        if d is not None:
            return Place(d.name, d, None, why, tuple(data.parents(d)))
        if _ZONE.search(name):
            host, rule = self._zone_host(name)
            if host is not None:
                return Place(name, None, host, rule, (host, *data.parents(host)))
            return Place(name, None, None, rule or "a zone named without its place: no division decides where it lies")
        return Place(name, None, None, why or "no division of this name in the data")

    def _zone_host(self, name: str) -> tuple[Division | None, str]:
        data = self.data
        code = _zones().get(name)
        if code and data.get(code):
            return data.get(code), f"hand rule: zones.tsv places {name} in {data.get(code).name}"
        core = _ZONE.sub("", name)
        # printed with its city: 大连金州新区
        for k in range(2, len(core) + 1):
            head = core[:k]
            heads = [h for h in data.by_name.get(head, []) + data.by_stem.get(head, []) if h.level in ("province", "prefecture", "county")]
            h, _ = _choose(data, heads, self.context)
            if h is not None and k < len(core):
                # the rest names the zone itself (金州): the namesake within that city, if there is one
                rest = core[k:]
                inner = [c for c in data.by_stem.get(rest, []) if h in data.parents(c) and c.level == "county"]
                if len(inner) == 1:
                    return self._namesake_host(inner[0], name)
                return h, f"hand rule: a zone printed with its place ({head}) lies in {h.name}"
            if h is not None and k == len(core):
                return self._namesake_host(h, name)
        if self.home is not None and self.home.division is not None:
            return self.home.division, f"hand rule: a zone no division names lies in the document's place ({self.home.division.name})"
        return None, ""

    def _namesake_host(self, namesake: Division, name: str) -> tuple[Division, str]:
        """A zone named after a county lies in that county's city (曹妃甸新区: 曹妃甸区's 唐山市);
        one named after a city, in that city."""
        if namesake.level == "county" and namesake.parent and self.data.get(namesake.parent):
            host = self.data.get(namesake.parent)
            return host, f"hand rule: {name} is named after {namesake.name} ({namesake.code}), so lies in {host.name}"
        return namesake, f"hand rule: {name} is named after {namesake.name} ({namesake.code}), so lies in it"

    def province_levels(self) -> dict[str, str]:
        """Relative prefixes the data adds for this document: 省 (and the parent
        city where its own 市 is a county-level city's) — what "省财政厅" means in
        a 海城市 document.

        >>> PlaceContext("海城市", {"市": "海城市"}).province_levels()
        {'省': '辽宁省'}
        """
        out: dict[str, str] = {}
        if self.home is None or self.home.division is None:
            return out
        for d in (self.home.division, *self.home.chain):
            if d.level == "province" and d.name.endswith("省"):
                out["省"] = d.name
        return out
