"""Document metadata: title, 文号, issuer, jurisdiction, dates, status, citations."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .text import Line, SourceText

__all__ = ["DocMeta", "read_meta", "DOC_NUMBER", "parse_date", "find_jurisdiction", "find_parent_city"]

DOC_NUMBER = re.compile(r"[\u4e00-\u9fff]{1,10}[〔\[(【]\s*(?:19|20)\d{2}\s*[〕\])】]\s*\d{1,4}\s*号")
_DATE = re.compile(r"((?:19|20)\d{2})\s*[年\-./]\s*(\d{1,2})\s*[月\-./]\s*(\d{1,2})\s*日?")
_ISSUER = re.compile(r"^([\u4e00-\u9fff]{2,20}(?:人民政府(?:办公室|办公厅)?|委员会|办公室|管委会|管理委员会|局))$")
_JURISDICTION = re.compile(r"([\u4e00-\u9fff]{2,6}?(?:省|自治区|新区|开发区|高新区|市|自治县|县|区|旗))")
_TITLE = re.compile(r"(关于.{2,120}?的(?:通知|意见|方案|决定|通报|批复|办法|规定)|[^,。]{4,80}(?:工作要点|实施方案|工作方案|分工方案|责任分工|任务分解[^,。]*|工作计划|行动方案))")
_REPEALED = re.compile(r"[((]\s*(废止|失效|已废止|已失效)\s*[))]|效力状态\s*[::]\s*(废止|失效)")


def parse_date(text: str) -> str | None:
    """The first date in ``text`` as ISO ``YYYY-MM-DD``.

    >>> parse_date("2023年3月17日")
    '2023-03-17'
    >>> parse_date("发布日期: 2014-11-25")
    '2014-11-25'
    """
    m = _DATE.search(text)
    if not m:
        return None
    y, mo, d = (int(g) for g in m.groups())
    if not (1 <= mo <= 12 and 1 <= d <= 31):
        return None
    return f"{y:04d}-{mo:02d}-{d:02d}"


def find_jurisdiction(issuer: str) -> str | None:
    """The jurisdiction an issuer belongs to: the last place in its name.

    >>> find_jurisdiction("盘锦市大洼区人民政府办公室")
    '大洼区'
    >>> find_jurisdiction("海城市人民政府")
    '海城市'
    """
    places = _JURISDICTION.findall(issuer.split("人民政府")[0] if "人民政府" in issuer else issuer)
    if not places:
        return None
    last = places[-1]
    if len(places) >= 2 and last.startswith(places[-2]):
        last = last[len(places[-2]):]
    return last


def find_parent_city(lines: list[Line], home: str) -> str | None:
    """For a county or district document: the city its "市" means, i.e. the
    city named most often (盘锦市 in a 盘山县 document)."""
    if home.endswith("市"):
        return None
    counts: dict[str, int] = {}
    for ln in lines:
        for m in re.finditer(r"([\u4e00-\u9fff]{2,3}市)", ln.norm):
            city = m.group(1)
            if city.endswith(("城市", "全市", "本市", "该市", "各市", "省市", "县市", "区市")) or city == home:
                continue
            if city[0] in "在和与对向由及赋予到从为将的":
                city = city[1:]
                if len(city) < 3:
                    continue
            counts[city] = counts.get(city, 0) + 1
    if not counts:
        return None
    city, n = max(counts.items(), key=lambda kv: (kv[1], kv[0]))
    return city if n >= 2 else None


@dataclass
class DocMeta:
    title: str = ""
    title_line: int = 0
    doc_number: str | None = None
    issuer: str | None = None
    issuer_line: int = 0
    jurisdiction: str | None = None
    date_written: str | None = None
    date_published: str | None = None
    status: str = "in force"
    status_line: int = 0
    cites: list[tuple[str, int, str]] = field(default_factory=list)  # (文号 or 《title》, line, text)
    levels: dict[str, str] = field(default_factory=dict)

    def as_properties(self) -> dict[str, object]:
        props: dict[str, object] = {"title": self.title, "status": self.status}
        for key in ("doc_number", "issuer", "jurisdiction", "date_written", "date_published"):
            value = getattr(self, key)
            if value:
                props[key] = value
        return props


def read_meta(lines: list[Line], fallback_title: str = "") -> DocMeta:
    """Read what a document says about itself from its lines."""
    meta = DocMeta()
    head = lines[:40]
    for ln in head:
        if not meta.doc_number:
            m = DOC_NUMBER.search(ln.norm)
            if m:
                meta.doc_number = re.sub(r"\s+", "", m.group(0)).replace("[", "〔").replace("]", "〕")
        if not meta.date_published and re.search(r"发布(时间|日期)", ln.norm):
            meta.date_published = parse_date(ln.norm)
        if not meta.date_written and re.search(r"成文(时间|日期)", ln.norm):
            meta.date_written = parse_date(ln.norm)
        if _REPEALED.search(ln.norm) and not meta.status_line:
            meta.status = "repealed"
            meta.status_line = ln.no
    for ln in head:
        m = _TITLE.search(ln.norm)
        if m and not meta.title and "现将" not in ln.norm and "给你们" not in ln.norm \
                and not ln.norm.endswith(("。", ";")) and len(ln.norm) <= 150:
            title = re.sub(r"(?<=[\u4e00-\u9fff》]) (?=[\u4e00-\u9fff《])", "", ln.norm)
            if meta.doc_number and title.startswith(meta.doc_number):
                title = title[len(meta.doc_number):].strip()
            title = re.sub(r"^(标\s*题|题\s*目)\s*:\s*", "", title)
            if meta.doc_number:
                title = title.replace(meta.doc_number, "").strip()
            title = _REPEALED.sub("", title).strip()
            meta.title, meta.title_line = title, ln.no
    # issuer: a line that is just a body's name, followed by a date line
    for i, ln in enumerate(lines[:80]):
        if _ISSUER.match(ln.norm.replace(" ", "")) and i + 1 < len(lines) and parse_date(lines[i + 1].norm) \
                and len(lines[i + 1].norm) <= 16:
            meta.issuer, meta.issuer_line = ln.norm.replace(" ", ""), ln.no
            meta.date_written = meta.date_written or parse_date(lines[i + 1].norm)
            break
    if not meta.issuer:
        for ln in head:
            m = re.search(r"发文机关\s*:\s*([\u4e00-\u9fff]{2,20})", ln.norm)
            if m:
                meta.issuer, meta.issuer_line = m.group(1), ln.no
                break
    if not meta.issuer and meta.title:
        m = re.match(r"^([\u4e00-\u9fff]{2,20}?(?:人民政府(?:办公室)?|办公室))关于", meta.title)
        if m:
            meta.issuer, meta.issuer_line = m.group(1), meta.title_line
    if not meta.title:
        meta.title = fallback_title or (lines[0].norm if lines else "")
        meta.title_line = lines[0].no if lines else 0
    if meta.issuer:
        meta.jurisdiction = find_jurisdiction(meta.issuer)
        if meta.jurisdiction and not meta.jurisdiction.endswith("市"):
            before = meta.issuer.split(meta.jurisdiction)[0]
            cities = re.findall(r"[\u4e00-\u9fff]{2,3}市", before)
            parent = cities[-1] if cities else find_parent_city(lines, meta.jurisdiction)
            if parent:
                meta.levels = {"市": parent, meta.jurisdiction[-1]: meta.jurisdiction}
        elif meta.jurisdiction:
            meta.levels = {"市": meta.jurisdiction}
    zones: dict[str, int] = {}
    for ln in lines:
        for m in re.finditer("新区", ln.norm):
            for k in (2, 3, 4):
                cand = ln.norm[max(0, m.start() - k):m.end()]
                if len(cand) == k + 2 and re.fullmatch(r"[\u4e00-\u9fff]+", cand) \
                        and not cand.startswith(("全", "本", "各", "该", "市", "县", "区")):
                    zones[cand] = zones.get(cand, 0) + 1
    if zones:
        zone, n = max(zones.items(), key=lambda kv: (kv[1], len(kv[0])))
        if n >= 3:
            meta.levels.setdefault("新区", zone)
    for ln in lines:
        for m in DOC_NUMBER.finditer(ln.norm):
            num = re.sub(r"\s+", "", m.group(0))
            if num != meta.doc_number:
                meta.cites.append((num, ln.no, ln.raw))
    return meta
