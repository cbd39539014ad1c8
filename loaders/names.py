"""Canonical names for agencies and people, with every decision recorded.

Agencies are canonical per jurisdiction: the document's context says what the
relative prefixes mean ("市" is 海城市 in a 海城市 document, 盘锦市 in a 盘山县
one); an alias table (``aliases.json``, extendable by users) folds short and
variant forms; branches ("鞍山市生态环境局海城分局") keep their parent.
Collective actors ("各有关部门") are kept apart and marked.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Iterable

from graph.errors import LoadError

from .text import normalize

__all__ = [
    "AliasTable",
    "AgencyName",
    "NameContext",
    "clean_name",
    "person_name",
    "is_collective",
    "looks_like_agency",
    "expand_elliptical",
]

_SPACE = re.compile(r"\s+")


@lru_cache(maxsize=1 << 16)   # a pure function of the text, asked again and again for the same names
def clean_name(text: str) -> str:
    """Normalise a printed name: NFKC, no spaces at all, no stray punctuation.

    Idempotent, and insensitive to whitespace and full/half width:

    >>> clean_name("市住建局 ") == clean_name("市住建局") == clean_name("市 住建局")
    True
    >>> clean_name("(市财政局)")
    '市财政局'
    """
    s = _SPACE.sub("", normalize(text))
    s = s.strip(",.;:、。·-—\"'“”‘’")
    while s.startswith("(") and s.endswith(")") and s.count("(") == 1:
        s = s[1:-1]
    if s.endswith(")") and "(" not in s:
        s = s[:-1]
    if s.startswith("(") and ")" not in s:
        s = s[1:]
    return s


_PERSON = re.compile(r"^[\u4e00-\u9fff]{2,4}$|^[\u4e00-\u9fff]{1,8}·[\u4e00-\u9fff]{1,8}$")


def person_name(text: str) -> str | None:
    """A person's name without stray spaces, or None if it cannot be one.

    >>> person_name("刘 哲")
    '刘哲'
    >>> person_name("于\u00a0\u00a0淼同志")
    '于淼'
    >>> person_name("各有关部门") is None
    True
    """
    s = clean_name(text)
    if s.endswith("同志"):
        s = s[:-2]
    if not _PERSON.match(s) or is_collective(s) or looks_like_agency(s):
        return None
    return s


_COLLECTIVE = re.compile(
    r"^(各|全(市|县|区|省)|所有|相关|有关|其他|其它)|^[省市县区乡镇州盟旗]{1,2}\([省市县区乡镇街道州盟旗地、]+\)|^设区(的)?市|^(省|市|县|区|乡镇|乡|镇)级(?!人民政府|机关)|各(有关|相关)?(部门|单位|成员单位|直属机构|机构|乡镇|镇|街道|开发区|园区|县区|区县)"
    r"|(有关|相关)(部门|单位)$|成员单位$|主要负责同志$|牵头单位$|责任单位$"
    r"|^(市直|县直|区直|省直)(其他|其它|有关|相关|各)|[局委]各[\u4e00-\u9fff]{2,10}(所|站|中队|分局|科|股)$"
    r"|^(中省直|中省市直|中直省直|驻[市县区旗]中省直)(各|有关|相关)?(单位|部门|机构)"
    r"|^(社区居民委员会|居民委员会|社区居委会|村民委员会|村委会|乡镇党委和政府)$"
)


def is_collective(name: str) -> bool:
    """True for collective actors: "各有关部门", "市直各部门", "…各成员单位".

    >>> is_collective("各有关部门"), is_collective("市直各部门"), is_collective("市财政局")
    (True, True, False)
    >>> is_collective("县(市、区)住房和城乡建设局")  # a level and its alternatives: all of them
    True
    >>> is_collective("设区市林业主管部门"), is_collective("县级自然资源主管部门")  # a kind of body at a level
    (True, True)
    >>> is_collective("市(州)住房城乡建设主管部门"), is_collective("区县(市)交通运输局")  # 州 and 盟 are levels too
    (True, True)
    >>> is_collective("市(地)水行政主管部门")  # 黑龙江's cities and 地区 (行署)
    True
    >>> is_collective("县直其他部门"), is_collective("社区居民委员会")  # no place: every such body
    (True, True)
    >>> is_collective("中省直单位"), is_collective("中省直各有关单位")  # the central and provincial bodies stationed here
    (True, True)
    """
    return bool(_COLLECTIVE.search(name))


_AGENCY_END = re.compile(
    r"(局|委|委员会|办|办公室|管委会|管理委员会|中心|大队|支队|站|所|室|处|院|厅|部|会|组|队|署|公司|集团|银行|政府|机关|单位|学校|医院|镇|乡|街道|办事处|分局|园区|开发区|法院|检察院|协会|联社|社|海关)$"
)


def looks_like_agency(name: str) -> bool:
    """True when a name ends like a body (局, 委员会, 管委会, 公司 …)."""
    return bool(_AGENCY_END.search(name))


_COMPANY = re.compile(r"(公司|集团|银行|厂|企业|联社)$")
_UTILITY = re.compile(r"(供电|供水|供热|供气|燃气|热力|水务|自来水|公交)(?:分)?(?:公司|集团)$")
# a town, a village, or a village's (community's) own committee ("蛇墩村村委会"): named by its own place
_TOWN = re.compile(r"^[\u4e00-\u9fff]{1,6}(镇|乡|街道|街道办事处|村|社区)$"
                   r"|^[\u4e00-\u9fff]{1,6}(?:村|社区)(?:村委会|村民委员会|居委会|居民委员会)$")
_PLACE = re.compile(
    r"^(?P<place>[\u4e00-\u9fff]{2,8}?(?:省|自治区|自治州|自治县|新区|开发区|经济区|高新区|市|县|区|旗))(?P<core>[\u4e00-\u9fff(].*)$"
)
_BRANCH = re.compile(r"^(?P<parent>.+?(?:局|委|厅))(?P<place>[\u4e00-\u9fff]{2,5}?|[\u4e00-\u9fff]{6,12}?(?=[支大]队$))"
                     r"(?P<kind>分局|支队|大队|分中心)$")


UNKNOWN = "未知"   # the jurisdiction of a document that names none


class AliasTable:
    """Variant agency names (without their jurisdiction prefix) → canonical form."""

    def __init__(self, agencies: dict[str, str] | None = None, jurisdictions: dict[str, str] | None = None,
                 source: str = "aliases.json"):
        self.agencies = dict(agencies or {})
        self.jurisdictions = dict(jurisdictions or {})
        self.source = source

    @classmethod
    def default(cls) -> "AliasTable":
        """The packaged table (``loaders/aliases.json``), each call its own copy."""
        agencies, jurisdictions = _packaged_aliases()
        return cls(agencies, jurisdictions, "loaders/aliases.json")

    def extend(self, path: str | Path) -> "AliasTable":
        """A copy with the entries of a user's alias file added (they win)."""
        try:
            raw = json.loads(Path(path).read_text(encoding="utf-8"))
        except OSError as e:
            raise LoadError(str(path), f"cannot read alias file: {e.strerror}") from None
        except json.JSONDecodeError as e:
            raise LoadError(str(path), f"invalid JSON: {e.msg}", line=e.lineno) from None
        if not isinstance(raw, dict) or not isinstance(raw.get("agencies", {}), dict):
            raise LoadError(str(path), 'an alias file is {"agencies": {"variant": "canonical", …}}')
        agencies = {clean_name(k): clean_name(v) for k, v in raw.get("agencies", {}).items()}
        return AliasTable({**self.agencies, **agencies}, {**self.jurisdictions, **raw.get("jurisdictions", {})},
                          f"{self.source} + {path}")

    def canonical_core(self, core: str) -> str:
        return self.agencies.get(core, core)


@lru_cache(maxsize=1)   # the packaged file, read once (a table copies what it is given)
def _packaged_aliases() -> tuple[dict[str, str], dict[str, str]]:
    raw = json.loads(resources.files("loaders").joinpath("aliases.json").read_text(encoding="utf-8"))
    return raw.get("agencies") or {}, raw.get("jurisdictions") or {}


@dataclass(frozen=True)
class AgencyName:
    """The outcome of resolving one printed agency name."""

    printed: str
    name: str
    jurisdiction: str
    collective: bool = False
    type: str = "department"
    parent: "AgencyName | None" = None
    reasons: tuple[str, ...] = ()


@dataclass
class NameContext:
    """What relative names mean in one document.

    ``home`` is the jurisdiction that issued it; ``levels`` maps the relative
    prefixes to places, e.g. ``{"市": "盘锦市", "县": "盘山县"}``.
    """

    home: str
    levels: dict[str, str] = field(default_factory=dict)
    aliases: AliasTable = field(default_factory=AliasTable.default)

    def __post_init__(self) -> None:
        if not self.levels:
            level = self.home[-2:] if self.home.endswith("新区") else self.home[-1:]
            self.levels = {level: self.home}
        for place in list(self.levels.values()):
            # an autonomous county, prefecture, banner or region calls itself 自治县/自治州/自治旗/自治区 ("自治县教育局"),
            # a prefecture (新疆's, 西藏's 地区) calls itself 地区 ("地区应急管理局")
            auto = re.search(r"自治(?:县|州|旗|区)$|(?<=[\u4e00-\u9fff]{2})地区$", place)
            if auto:
                self.levels.setdefault(auto.group(0), place)
        self.known_places = sorted(
            set(self.levels.values()) | set(self.aliases.jurisdictions.values()) | {self.home},
            key=len, reverse=True,
        )

    # -- places ---------------------------------------------------------
    def _split_place(self, s: str) -> tuple[str | None, str, str | None]:
        """(place, core, reason) for a cleaned name."""
        for place in self.known_places:
            if s.startswith(place) and len(s) > len(place):
                return place, s[len(place):], None
        for short, place in self.aliases.jurisdictions.items():
            if s.startswith(short) and len(s) > len(short) and not s.startswith(place):
                core = s[len(short):]
                if looks_like_agency(core) and not core.startswith(("市", "县", "区")):
                    return place, core, f"{short} → {place}"
        for prefix in sorted(self.levels, key=len, reverse=True):
            party = prefix + "委"
            if s.startswith(party) and len(s) > len(party) and not s.startswith(prefix + "委员会"):
                return self.levels[prefix], s[len(prefix):], f"{prefix} → {self.levels[prefix]} (this document's {prefix})"
            if s.startswith(prefix) and len(s) > len(prefix):
                core = s[len(prefix):]
                if s.startswith("市场") and not s.startswith("市市场"):
                    break
                if core.startswith(("直", "级")):
                    break
                return self.levels[prefix], core, f"{prefix} → {self.levels[prefix]} (this document's {prefix})"
        m = _PLACE.match(s)
        if m and looks_like_agency(m.group("core")) and not _TOWN.match(s):
            return m.group("place"), m.group("core"), None
        return None, s, None

    def _company(self, printed: str, s: str) -> AgencyName:
        """A company keeps its name, except two habits of local documents: the State
        Grid's local company printed with or without 国网 (国网海城供电公司 = 海城供电公司),
        and a local utility named after a known place without its level (海城供电公司 =
        海城市供电公司). Other companies keep their names as printed.

        >>> NameContext("海城市").agency("国网海城供电公司").name
        '海城市供电公司'
        >>> NameContext("海城市").agency("海城三鱼泵业有限公司").name
        '海城三鱼泵业有限公司'
        >>> NameContext("海城市").agency("中国移动海城分公司").name
        '中国移动海城分公司'
        """
        reasons: list[str] = []
        m = re.match(r"^国网(?P<rest>[\u4e00-\u9fff]{2,8}供电(?:分)?公司)$", s)
        if m:
            s = m.group("rest")
            reasons.append("国网X供电公司 → X供电公司 (the State Grid's local company)")
        for place in sorted(self.known_places, key=len, reverse=True) if _UTILITY.search(s) else ():
            stem = place[:-1]
            if place[-1] in "市县区旗" and len(stem) >= 2 and s.startswith(stem) and not s.startswith(place):
                s = place + s[len(stem):]
                reasons.append(f"{stem} → {place}")
                break
        return AgencyName(printed, s, self.home, type="company", reasons=tuple(reasons))

    def agency(self, printed: str) -> AgencyName:
        """Resolve a printed agency name in this document's context.

        >>> ctx = NameContext("海城市")
        >>> ctx.agency("市住建局").name
        '海城市住房和城乡建设局'
        >>> ctx.agency("商务局").name
        '海城市商务局'
        >>> ctx.agency("营口海关").name, ctx.agency("市公安局食品药品和环境犯罪侦查支队").parent.name
        ('营口海关', '海城市公安局')
        >>> b = ctx.agency("鞍山市生态环境局海城分局")
        >>> b.jurisdiction, b.parent.name
        ('鞍山市', '鞍山市生态环境局')
        >>> ctx.agency("各有关部门").collective
        True
        >>> NameContext("千山区").agency("千山经济开发区").name, ctx.agency("腾鳌经济开发区").name
        ('千山经济开发区', '海城市腾鳌经济开发区')
        """
        s = clean_name(printed)
        if not s:
            raise ValueError(f"empty agency name: {printed!r}")
        if is_collective(s):
            return AgencyName(printed, s, self.home, collective=True, type="collective",
                              reasons=("collective actor: kept as its own node",))
        if re.fullmatch(r"[\u4e00-\u9fff]{2,6}海关", s):
            # a customs office is named by its own place (三亚海关, 黄埔海关): kept as printed
            return AgencyName(printed, s, self.home, type="department")
        m = _BRANCH.match(s)
        if m:
            parent = self.agency(m.group("parent"))
            name = parent.name + m.group("place") + m.group("kind")
            reasons = tuple(r for r in parent.reasons) + (f"branch of {parent.name}",)
            return AgencyName(printed, name, parent.jurisdiction, type="branch", parent=parent, reasons=reasons)
        if _COMPANY.search(s) and not s.startswith(tuple(self.levels)):
            return self._company(printed, s)
        place, core, reason = self._split_place(s)
        reasons: list[str] = [reason] if reason else []
        if place is None:
            if _TOWN.match(s):
                return AgencyName(printed, s, self.home, type="town")
            stem = self.home[:-1]
            if _NAMED_ZONE.match(s) and len(stem) >= 2 and s.startswith(stem):
                # a zone named after the jurisdiction itself ("千山经济开发区" in a 千山区
                # document) keeps its name: 千山区千山经济开发区 would say the place twice
                return AgencyName(printed, s, self.home, type="zone")
            if _COMPANY.search(s) or not looks_like_agency(s):
                return AgencyName(printed, s, self.home, type="company" if _COMPANY.search(s) else "other")
            if self.home == UNKNOWN:
                # the document names no place of its own: the name stays as printed
                return AgencyName(printed, s, self.home, type="department")
            place = self.home
            if len(stem) >= 2 and s.startswith(stem) and len(s) > len(stem) + 1 and not s.startswith(self.home):
                # "海城中心医院" in a 海城市 document: the place named without its level
                core = s[len(stem):]
                reasons.append(f"{stem} → {self.home} (the place without its level)")
            else:
                reasons.append(f"no prefix → {self.home} (the document's jurisdiction)")
        canonical_core = self.aliases.canonical_core(core)
        if canonical_core != core:
            reasons.append(f"{core} → {canonical_core} ({self.aliases.source})")
        name = place + canonical_core
        kind = "company" if _COMPANY.search(name) else "government" if canonical_core == "人民政府" else "department"
        if canonical_core.endswith(("管委会", "管理委员会")):
            kind = "zone"
        return AgencyName(printed, name, place, type=kind, reasons=tuple(reasons))


_GENERIC = re.compile(r"^(镇|乡|乡镇|街道|镇街|镇\(街道\)|部门|单位|县区|区县|开发区|园区|经济区|直属机构|管委会|管理委员会"
                      r"|县区政府|县\(市、区\)政府|乡镇政府|乡镇人民政府|街道办事处|县\(市、区\)人民政府)(\(.*\))?$")
_TRAILING_GROUP = re.compile(r"^(?P<last>.+?)等(?P<suffix>镇\(街道\)|镇街|镇|乡|街道|村|社区|县区|区县|县|区|部门|单位)$")


# a zone named by its own place ("海城经济开发区", "腾鳌经济开发区") takes no list prefix
_NAMED_ZONE = re.compile(r"^(?!(?:经济|工业|高新|高新技术|产业)?(?:开发区|园区|经济区|高新区)$)[\u4e00-\u9fff]{2,8}?(?:经济开发区|开发区|工业园区|产业园区|经济区|高新区)$")


_PLACE_GOV = re.compile(r"^(?P<place>[\u4e00-\u9fff]{1,6}[区县市旗])(?P<suffix>人民政府|政府)$")
# "广州市、深圳市发展改革委": a department after bare places of its level, which share it
_PLACE_DEPT = re.compile(r"^(?P<place>[\u4e00-\u9fff]{1,6}?[区县市旗])(?P<suffix>[\u4e00-\u9fff]{2,14}(?:局|委|委员会|厅|办))$")
_BARE_PLACE = re.compile(r"^[\u4e00-\u9fff]{1,6}[区县市旗]$")
_BARE_BRANCH = re.compile(r"^[\u4e00-\u9fff]{2,5}(?:分局|支队|大队)$")


_LEVEL_HEAD = re.compile(r"^(新区|高新区|开发区|[市县区](?!场))")


def expand_elliptical(items: Iterable[str]) -> list[tuple[str, str | None]]:
    """Apply a list's shared prefix or suffix to the items that leave it out.

    Returns ``(expanded, reason)`` pairs.

    >>> [e for e, _ in expand_elliptical(["新区经济发展局", "环境保护局"])]
    ['新区经济发展局', '新区环境保护局']
    >>> [e for e, _ in expand_elliptical(["各开发区", "镇(街道)"])]
    ['各开发区', '各镇(街道)']
    >>> [e for e, _ in expand_elliptical(["各县区政府", "管委会"])]
    ['各县区政府', '各管委会']
    >>> [e for e, _ in expand_elliptical(["西四", "牛庄", "岔沟等镇(街道)"])]
    ['西四镇', '牛庄镇', '岔沟镇']
    >>> [e for e, _ in expand_elliptical(["珠晖区", "雁峰区", "蒸湘区人民政府", "衡阳高新区管委会"])]
    ['珠晖区人民政府', '雁峰区人民政府', '蒸湘区人民政府', '衡阳高新区管委会']
    >>> [e for e, _ in expand_elliptical(["广州市", "深圳市发展改革委"])]
    ['广州市发展改革委', '深圳市发展改革委']
    >>> [e for e, _ in expand_elliptical(["市生态环境局通化县分局", "柳河分局"])]
    ['市生态环境局通化县分局', '市生态环境局柳河分局']
    """
    items = [clean_name(i) for i in items if clean_name(i)]
    out: list[tuple[str, str | None]] = []
    if items:
        m = _TRAILING_GROUP.match(items[-1])
        if m and m.group("suffix") not in ("部门", "单位"):
            suffix = m.group("suffix")
            suffix = "镇" if suffix in ("镇(街道)", "镇街") else suffix
            bare = items[:-1] + [m.group("last")]
            if all(len(b) <= 4 and not looks_like_agency(b) for b in bare):
                return [(b + suffix, f"{b} + {suffix} (shared suffix of the list)") for b in bare]
    inherited: dict[int, tuple[str, str]] = {}   # index -> (the item as completed, why)
    for k, item in enumerate(items):
        # "珠晖区、雁峰区、蒸湘区人民政府": bare places before "X区人民政府" take its suffix
        g = _PLACE_GOV.match(item) or _PLACE_DEPT.match(item)
        if g:
            j = k - 1
            while j >= 0 and _BARE_PLACE.match(items[j]) and items[j][-1] == g.group("place")[-1] and j not in inherited:
                new = items[j] + g.group("suffix")
                inherited[j] = (new, f"{items[j]} → {new} (shared suffix in the list)")
                j -= 1
        # "市生态环境局通化县分局、柳河分局": a bare branch takes the parent of the branch before it
        b = _BRANCH.match(item)
        if b:
            for j in range(k + 1, len(items)):
                if not _BARE_BRANCH.match(items[j]) or _BRANCH.match(items[j]):
                    break
                new = b.group("parent") + items[j]
                inherited[j] = (new, f"{items[j]} → {new} (shared parent in the list)")
    for j, (new, _) in inherited.items():
        items[j] = new
    prefix = None
    collective = bool(items) and items[0].startswith("各")
    for k, item in enumerate(items):
        if k in inherited:
            out.append(inherited[k])
            continue
        if collective and _GENERIC.match(item):
            out.append(("各" + item, f"{item} inherits 各 from the list"))
            continue
        if prefix is None:
            m = _LEVEL_HEAD.match(item)
            if m and looks_like_agency(item):
                prefix = m.group(1)
            out.append((item, None))
            continue
        if (not item.startswith(prefix) and looks_like_agency(item) and not is_collective(item)
                and not _PLACE.match(item) and not re.match(r"^[市县区省]|^[镇乡](?!村)", item)
                and not _COMPANY.search(item) and not _TOWN.match(item) and not _NAMED_ZONE.match(item)
                and not item.endswith("海关")):
            out.append((prefix + item, f"{item} inherits {prefix} from the list"))
        else:
            out.append((item, None))
    return out
