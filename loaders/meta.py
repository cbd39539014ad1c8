"""Document metadata: title, 文号, issuer, jurisdiction, dates, status, citations.

Read from the text as printed, in the forms of many provinces:

* a site's metadata block (索引号/发布机构/发文字号/成文日期/发布日期/有效性 …) on
  one line, in | tables, run together without separators, or with each value on
  the line under its label (:func:`site_fields`);
* 文号 in 〔〕, [ ], ( ) or 【】, folded to 〔〕 (:func:`normalize_doc_number`); one
  printed right after 《…》( is a citation, not the document's own;
* dates in Arabic or Chinese numerals (二〇二三年三月五日, 二○/二OO/二00);
* the issuer on the signature line above the date, else the block's 发文机关,
  else the title's "X关于", else the block's 发布机构; the jurisdiction from the
  issuer (a county of one character, 萧县, included);
* status "repealed" from 有效性/时效性/效力状态 (失效, 废止 …), a mark after the
  title ((废止), 【已废止】) or a note that this document is repealed (此件已废止);
  "原《…》同时废止" repeals the cited document, not this one;
* citations: every other 文号, and documents cited by title only in the
  sentence the text says it is based on (根据《X》…,制定本…).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import lru_cache

from .text import Line, SourceText

__all__ = ["DocMeta", "read_meta", "DOC_NUMBER", "parse_date", "is_date_line", "normalize_doc_number",
           "find_jurisdiction", "find_parent_city", "site_fields", "status_of"]

DOC_NUMBER = re.compile(r"[\u4e00-\u9fff]{1,10}[〔\[(【]\s*(?:19|20)\d{2}\s*[〕\])】]\s*\d{1,4}\s*号")
_DATE = re.compile(r"((?:19|20)\d{2})\s*[年\-./]\s*(\d{1,2})\s*[月\-./]\s*(\d{1,2})\s*日?")
_ISSUER = re.compile(r"^([\u4e00-\u9fff]{2,20}(?:人民政府(?:办公室|办公厅)?|委员会|办公室|办公厅|管委会|管理委员会|局|厅|委|办|中心|署|街道办事处))$")
# (an autonomous prefecture or county has a long name: 孟连傣族拉祜族佤族自治县, 恩施土家族苗族自治州)
_JURISDICTION = re.compile(r"((?:(?![省市县])[\u4e00-\u9fff]){2,16}?族自治(?:州|县|旗)"
                           r"|[\u4e00-\u9fff]{2,6}?(?:省|自治区|新区|开发区|高新区|市|自治县|县|区|旗|(?<!联)盟))")
# a line that holds a title: 关于…的通知, or a kind of document after four characters of one phrase
# (asked only whether a line holds one: the four before the kind's word, not up to 80, are looked at)
_TITLE = re.compile(r"(关于.{2,120}?的(?:通知|意见|方案|决定|通报|批复|办法|规定|通告|公告)|(?<=[^,。]{4})(?:工作要点|实施方案|工作方案|分工方案|责任分工|任务分解[^,。]*|工作计划|行动方案|人员编制规定|职责规定|管理办法|实施办法|实施细则|权责清单|责任清单|权力清单|分解表))")
# an item of the body ("1、…", "(一)…", "一、…") is never the document's title
_ITEM_START = re.compile(r"^\s*(?:\d{1,3}\s*[、.．]|[一二三四五六七八九十]{1,3}\s*、|[((]\s*[一二三四五六七八九十\d]{1,3}\s*[))])")
_REPEALED = re.compile(r"[((【\[]\s*(废止|失效|已废止|已失效)\s*[))】\]]|效力状态\s*[::]\s*(废止|失效)")
# a note that THIS document is no longer in force ("此件已废止"); "原《…》同时废止" repeals another one
_BASIS = re.compile(r"根据|依据|按照|遵照|贯彻落实|贯彻执行|为落实|为贯彻")
_ENACTED = re.compile(r"(?:特|现)?制定(?:本|此|如下)|(?:现)?提出如下")
_REPEALED_NOTE = re.compile(r"(?:^|[,。;:!\s((【\[])(?:此件|本件|本文件|该文件|本文|本通知|本意见|本方案|本要点|本计划)"
                            r"\s*(?:已|现已|已经)\s*(?:于[^,。;]{1,14}?)?(?:被)?\s*(?:宣布)?\s*(?:废止|失效|停止执行)")


_CN_DIGIT = {"〇": 0, "○": 0, "零": 0, "O": 0, "o": 0, "0": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5,
             "六": 6, "七": 7, "八": 8, "九": 9}
_CN_YEAR = "〇○零Oo0一二三四五六七八九"
# 二〇二三年三月五日, 二○二二年四月十二日, 二OO五年十二月十日 (a Latin O or a digit 0 for 〇)
_CN_DATE = re.compile(rf"([一二][{_CN_YEAR}]{{3}})\s*年\s*([一二三四五六七八九十]{{1,3}})\s*月\s*([一二三四五六七八九十]{{1,4}})\s*日")


def _cn_number(s: str) -> int:
    """一 → 1, 十 → 10, 十二 → 12, 二十 → 20, 三十一 → 31 (0 when not a number)."""
    if not s or any(ch not in _CN_DIGIT and ch != "十" for ch in s):
        return 0
    if "十" not in s:
        return _CN_DIGIT[s] if len(s) == 1 else 0
    tens, _, ones = s.partition("十")
    if len(tens) > 1 or len(ones) > 1:
        return 0
    return (_CN_DIGIT[tens] if tens else 1) * 10 + (_CN_DIGIT[ones] if ones else 0)


def parse_date(text: str) -> str | None:
    """The first date in ``text`` as ISO ``YYYY-MM-DD``; dates in Chinese
    numerals count too (a signature's 二〇二三年三月五日).

    >>> parse_date("2023年3月17日")
    '2023-03-17'
    >>> parse_date("发布日期: 2014-11-25")
    '2014-11-25'
    >>> parse_date("二○二二年四月十二日")
    '2022-04-12'
    >>> parse_date("二OO五年十二月三十一日")
    '2005-12-31'

    A signature dated in eight digits (20180309) is a date when it is all the text:

    >>> parse_date("20180309"), parse_date("索引号 20180309")
    ('2018-03-09', None)
    """
    eight = re.fullmatch(r"\s*((?:19|20)\d{2})(\d{2})(\d{2})\s*", text)
    if eight:
        y, mo, d = (int(g) for g in eight.groups())
        return f"{y:04d}-{mo:02d}-{d:02d}" if 1 <= mo <= 12 and 1 <= d <= 31 else None
    found = []
    m = _DATE.search(text)
    if m:
        y, mo, d = (int(g) for g in m.groups())
        found.append((m.start(), y, mo, d))
    c = _CN_DATE.search(text)
    if c:
        y = int("".join(str(_CN_DIGIT[ch]) for ch in c.group(1)))
        found.append((c.start(), y, _cn_number(c.group(2)), _cn_number(c.group(3))))
    for _, y, mo, d in sorted(found):
        if 1 <= mo <= 12 and 1 <= d <= 31 and 1900 <= y <= 2099:
            return f"{y:04d}-{mo:02d}-{d:02d}"
    return None


_DATE_LINE = re.compile(rf"^[((]?\s*(?:(?:19|20)\d{{2}}\s*年\s*\d{{1,2}}\s*月\s*\d{{1,2}}\s*日|{_CN_DATE.pattern}"
                        rf"|(?:19|20)\d{{2}}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01]))\s*(?:印发)?\s*[))]?$")


def is_date_line(text: str) -> bool:
    """Whether a line is only a date (as under a signature).

    >>> is_date_line("2023年4月6日"), is_date_line("二〇二三年三月五日"), is_date_line("2023年4月6日前完成")
    (True, True, False)
    """
    return bool(_DATE_LINE.match(text.strip()))


def normalize_doc_number(num: str) -> str:
    """One printed form of a 文号: no spaces, the year in 〔〕 (printed also
    with [ ], ( ) or 【】).

    >>> normalize_doc_number("宿政办发[2023] 6 号")
    '宿政办发〔2023〕6号'

    Words run into the number are no part of it: a site label
    ("发文字号荆政发〔2022〕6号"), a verb ("根据临政字〔2023〕3号").

    >>> normalize_doc_number("人民政府发文字号荆政发〔2022〕6号"), normalize_doc_number("根据临政字〔2023〕3号")
    ('荆政发〔2022〕6号', '临政字〔2023〕3号')
    >>> normalize_doc_number("和宿政办发〔2023〕6号"), normalize_doc_number("和政发〔2023〕1号")
    ('宿政办发〔2023〕6号', '和政发〔2023〕1号')
    """
    num = re.sub(r"\s+", "", num)
    num = re.sub(r"^.*(?:文号|字号|编号|文件号)", "", num)
    num = re.sub(r"^(?:根据|按照|依据|依照|参照|贯彻|落实|执行|印发|转发|详见|见)+", "", num)
    # a joining word before the next number ("…号和B政发〔〕号"), but 和政发 is 和政县's own
    num = re.sub(r"^(?:和|及|与|或)(?=[\u4e00-\u9fff]{3,}〔)", "", num)
    return re.sub(r"[\[(【〔]((?:19|20)\d{2})[\])】〕]", r"〔\1〕", num)


# -- the metadata block government sites print above a document ---------------

# label → field; the labels of 政府信息公开 pages (索引号, 发文字号, 成文日期, 有效性 …)
_SITE_LABELS = {
    "索引号": "index", "信息索引号": "index", "主题分类": "topic", "组配分类": "topic", "信息分类": "topic",
    "体裁分类": "topic", "分类": "topic", "主题词": "keywords", "关键词": "keywords",
    "发布机构": "publisher", "发布单位": "publisher", "发文机构": "issuer", "发文机关": "issuer", "发文单位": "issuer", "制发机关": "issuer", "制发单位": "issuer",
    "文号": "doc_number", "发文字号": "doc_number", "发布文号": "doc_number", "文件编号": "doc_number",
    "成文日期": "date_written", "成文时间": "date_written", "发文日期": "date_issued", "生成日期": "date_issued",
    "印发日期": "date_issued", "发布日期": "date_published", "发布时间": "date_published",
    "有效性": "status", "效力状态": "status", "文件状态": "status", "时效性": "status", "时效状态": "status", "是否有效": "status",
    "名称": "title", "标题": "title", "文件名称": "title", "生效时间": "effective", "生效日期": "effective",
    "废止时间": "expires", "废止日期": "expires", "失效时间": "expires", "失效日期": "expires",
    "信息来源": "source", "来源": "source", "内容概述": "summary", "公开方式": "access", "公开范围": "access",
}
_SITE_LABEL = re.compile(
    "(?:" + "|".join(r"\s?".join(label) for label in sorted(_SITE_LABELS, key=len, reverse=True)) + ")"
)
_LABEL_SEP = re.compile(r"^\s*[::|]")


def _label_hits(norm: str) -> list[tuple[int, int, str]]:
    """(start, end, field) of site labels in a line; a label counts when a
    colon or | follows it, or when it starts the line or follows a separator."""
    hits = []
    found = list(_SITE_LABEL.finditer(norm))
    # a line of labels run together without separators ("发文机构X发文字号Y") starts with one
    bare = len(found) >= 2 and found[0].start() <= 2
    for m in found:
        label = re.sub(r"\s", "", m.group(0))
        before = norm[: m.start()].rstrip()
        starts = not before or before[-1] in "|•·●▪-*[【" or norm[m.start() - 1: m.start()] == " "
        if _LABEL_SEP.match(norm[m.end():]) or starts or bare:
            hits.append((m.start(), m.end(), _SITE_LABELS[label]))
    return hits


def site_fields(lines: list[Line], limit: int = 40) -> dict[str, tuple[str, Line]]:
    """The fields of a site's metadata block (field → (value, line)), in any
    of the printed forms: "文号:X 发布日期:Y" on one line, "| 文号 | X |"
    table cells, "发文机构武汉市人民政府办公厅发文字号…" without separators,
    or "• 发文字号:" with its value on the next line. Only lines holding two
    labels, or a label followed by ":" or "|", count, and only before the body.

    >>> from loaders.text import read_text
    >>> f = site_fields(read_text("文号:江府办函〔2021〕36号 发布日期:2021-05-26\\n有效性:失效").lines)
    >>> f["doc_number"][0], f["date_published"][0], f["status"][0]
    ('江府办函〔2021〕36号', '2021-05-26', '失效')
    >>> f = site_fields(read_text("• 发文字号:\\n汉滨政办发[2022]18号\\n• 有效性:\\n有效").lines)
    >>> f["doc_number"][0], f["status"][0]
    ('汉滨政办发[2022]18号', '有效')
    >>> site_fields(read_text("[制发单位] 北京市西城区人民政府\\n[有效性] 现行有效").lines)["issuer"][0]
    '北京市西城区人民政府'
    """
    out: dict[str, tuple[str, Line]] = {}
    head = lines[:limit]
    for i, ln in enumerate(head):
        norm = ln.norm
        if re.match(r"^(?:[一二三四五六七八九十]+、|\([一二三四五六七八九十]+\)|\d{1,2}[.、])", norm):
            break
        hits = _label_hits(norm)
        if not hits or len(norm) > 200:
            continue
        if len(hits) == 1 and not _LABEL_SEP.match(norm[hits[0][1]:]) and hits[0][0] > 2:
            continue
        for k, (st, en, fld) in enumerate(hits):
            end = hits[k + 1][0] if k + 1 < len(hits) else len(norm)
            value = norm[en:end].strip(" ::|•·●\t[]【】")  # "[制发单位] X": a bracketed label
            if not value and k + 1 == len(hits) and i + 1 < len(head):
                nxt = head[i + 1]
                if not _label_hits(nxt.norm) and len(nxt.norm) <= 80:
                    value, ln_used = nxt.norm.strip(" |•·●"), nxt
                    out.setdefault(fld, (value, ln_used))
                    continue
            if value:
                out.setdefault(fld, (value, ln))
    return out


def status_of(value: str) -> str | None:
    """A printed validity (有效性/效力状态) as a status: "repealed", "in force" or None.

    >>> status_of("失效"), status_of("现行有效"), status_of("")
    ('repealed', 'in force', None)
    """
    v = re.sub(r"\s", "", value)
    if re.match(r"^(?:已|宣布)?(?:废止|失效|无效|废除|停止执行)", v):
        return "repealed"
    if re.match(r"^(?:现行)?有效|^(?:尚未)?生效|^现行", v):
        return "in force"
    return None


def find_jurisdiction(issuer: str) -> str | None:
    """The jurisdiction an issuer belongs to: the last place in its name.

    >>> find_jurisdiction("盘锦市大洼区人民政府办公室")
    '大洼区'
    >>> find_jurisdiction("海城市人民政府")
    '海城市'
    >>> find_jurisdiction("萧县人民政府办公室")
    '萧县'
    >>> find_jurisdiction("孟连傣族拉祜族佤族自治县人民政府办公室"), find_jurisdiction("云南省西双版纳傣族自治州人民政府")
    ('孟连傣族拉祜族佤族自治县', '西双版纳傣族自治州')
    >>> find_jurisdiction("中共金华市委机构编制委员会办公室")  # the party's 中共 is no part of the place
    '金华市'
    >>> find_jurisdiction("中共沧州市委办公室沧州市人民政府办公室")  # two offices printed as one line
    '沧州市'
    >>> find_jurisdiction("洋口镇人民政府")
    '洋口镇'
    >>> find_jurisdiction("锡林郭勒盟行政公署办公室")  # a league (盟), Inner Mongolia's prefecture
    '锡林郭勒盟'
    """
    head = issuer.split("人民政府")[0] if "人民政府" in issuer else issuer
    head = re.sub(r"^中国共产党|^中共", "", head)
    head = re.split(r"(?<=[委府])(?:办公室|办公厅)", head)[0]      # offices signing together: the first one's place
    places = _JURISDICTION.findall(head)
    if not places:
        # a county named by one character (萧县, 沛县, 滑县): only as the name's very start
        m = re.match(r"^(?:中共)?([\u4e00-\u9fff]县)(?=人民政府|县委|政府|$|[\u4e00-\u9fff]{2,}(?:局|委|办|室|中心|会))", issuer)
        if m and m.group(1)[0] not in "全本该各我每一两本此某":
            return m.group(1)
        # a township's own government (洋口镇人民政府): the town
        m = re.match(r"^(?:中共)?([\u4e00-\u9fff]{2,4}?(?:[镇乡]|街道))(?=人民政府|党委|党工委|政府|办事处)", issuer)
        if m and m.group(1)[0] not in "全本该各我每一两本此某":
            return m.group(1)
        return None
    # a town's government named with its county ("湄潭县永兴镇人民政府"): the town
    town = re.match(r"^(?:中共)?[\u4e00-\u9fff]*?" + re.escape(places[-1])
                    + r"([\u4e00-\u9fff]{2,4}?(?:[镇乡]|街道))(?=人民政府|党委|党工委|政府|办事处)", issuer)
    if town and town.group(1)[0] not in "全本该各我每一两本此某":
        return town.group(1)
    last = places[-1]
    if len(places) >= 2 and last.startswith(places[-2]):
        last = last[len(places[-2]):]
    return last


def find_parent_city(lines: list[Line], home: str) -> str | None:
    """For a county or district document: the city its "市" means, i.e. the
    city named most often (盘锦市 in a 盘山县 document)."""
    if home.endswith("市"):
        return None
    # Every 市 gives two readings (a two- or three-character name before it); the reading
    # that starts where a word starts (line start, punctuation, 省/州 or a little word such
    # as 在/请/接) wins: "请盘锦市" and "接龙岩市" are 盘锦市 and 龙岩市, "石家庄市" stays whole.
    bounded: dict[str, int] = {}
    counts: dict[str, int] = {}
    for ln in lines:
        t = ln.norm
        for m in re.finditer("市", t):
            for k in (2, 3):
                if m.start() < k:
                    continue
                city = t[m.start() - k:m.end()]
                if not re.fullmatch(r"[\u4e00-\u9fff]+", city) or city == home or city.endswith(
                        ("城市", "全市", "本市", "该市", "各市", "省市", "县市", "区市", "州市", "地市")):
                    continue
                if city[0] in _FUNCTION_CHARS:
                    continue
                counts[city] = counts.get(city, 0) + 1
                before = t[m.start() - k - 1] if m.start() - k >= 1 else ""
                if not before or not re.match(r"[\u4e00-\u9fff]", before) or before in _FUNCTION_CHARS + "省":
                    bounded[city] = bounded.get(city, 0) + 1
    if not counts:
        return None
    city = max(counts, key=lambda c: (bounded.get(c, 0), counts[c], len(c), c))
    return city if counts[city] >= 2 else None


# little words a place name follows without a break ("请盘锦市…", "向盘山县…")
_FUNCTION_CHARS = "在和与对向由及赋予到从为将的请接经是赴至含于给同按把被或并即"


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
    # where date_written came from: "成文日期" (the block's written date), "signature"
    # or "site" (a site's 发文日期/生成日期, which a signature's date overrides)
    date_source: str = ""
    # bodies signing together (a joint party-government notice), in printed order; ``issuer``
    # stays the one the document's jurisdiction comes from
    issuers: list[str] = field(default_factory=list)

    def as_properties(self) -> dict[str, object]:
        props: dict[str, object] = {"title": self.title, "status": self.status}
        for key in ("doc_number", "issuer", "jurisdiction", "date_written", "date_published"):
            value = getattr(self, key)
            if value:
                props[key] = value
        if self.issuer and len(self.issuers) > 1 and self.issuer in self.issuers:
            props["issuer"] = "、".join(self.issuers)
        return props


def read_meta(lines: list[Line], fallback_title: str = "") -> DocMeta:
    """Read what a document says about itself from its lines.

    Detection, the kind's reader and the general readers each ask for the same
    document's metadata: it is read once and each caller gets its own copy."""
    m = _read_meta(tuple(lines), fallback_title)
    return replace(m, cites=list(m.cites), levels=dict(m.levels), issuers=list(m.issuers))


_HANDED_ON = re.compile(r"现将|现予|现就")
_NEW_AREA = re.compile("新区")
_ORDER_CITED = re.compile(r"[((]\s*([\u4e00-\u9fff]{2,16}?人民政府令\s*第\s*\d{1,4}\s*号)\s*[))]")
_SENTENCE_END = re.compile(r"[。!?]")


@lru_cache(maxsize=8)
def _read_meta(lines: tuple[Line, ...], fallback_title: str) -> DocMeta:
    meta = DocMeta()
    head = lines[:40]
    fields = site_fields(lines)
    if "doc_number" in fields:
        # a site's field may space the number out ("文  号: 渝北府发 〔2017〕 7号")
        m = DOC_NUMBER.search(re.sub(r"\s+", "", fields["doc_number"][0]))
        if m:
            meta.doc_number = normalize_doc_number(m.group(0))
    for key in ("date_written", "date_published"):
        if key in fields:
            setattr(meta, key, parse_date(fields[key][0]))
    if meta.date_written:
        meta.date_source = "成文日期"
    if "status" in fields and status_of(fields["status"][0]):
        meta.status = status_of(fields["status"][0]) or meta.status
        meta.status_line = fields["status"][1].no
    for ln in head:
        if not meta.doc_number:
            for m in DOC_NUMBER.finditer(ln.norm) if "号" in ln.norm else ():
                # "《…》(X发〔2016〕37号)" and "根据…号" cite another document
                if re.search(r"》\s*[((]\s*$", ln.norm[: m.start()]) or _BASIS.match(ln.norm):
                    continue
                meta.doc_number = normalize_doc_number(m.group(0))
                break
        if not meta.date_published and re.search(r"发布(时间|日期)", ln.norm):
            meta.date_published = parse_date(ln.norm)
        if not meta.date_written and re.search(r"成文(时间|日期)", ln.norm):
            meta.date_written = parse_date(ln.norm)
        if _REPEALED.search(ln.norm) and not meta.status_line:
            meta.status = "repealed"
            meta.status_line = ln.no
    if not meta.status_line:
        # a note that this document is repealed, at its head or its end
        for ln in head + lines[-8:]:
            if _REPEALED_NOTE.search(ln.norm):
                meta.status, meta.status_line = "repealed", ln.no
                break
    for ln in head:
        if meta.title:
            break          # the first title line is the title
        if _TITLE.search(ln.norm) and "现将" not in ln.norm and "给你们" not in ln.norm and not _ITEM_START.match(ln.norm) \
                and not ln.norm.endswith(("。", ";")) and len(ln.norm) <= 150:
            title = re.sub(r"(?<=[\u4e00-\u9fff》]) (?=[\u4e00-\u9fff《])", "", ln.norm)
            if meta.doc_number and title.startswith(meta.doc_number):
                title = title[len(meta.doc_number):].strip()
            title = re.sub(r"^(标\s*题|题\s*目|名\s*称|文件名称)\s*:\s*", "", title)
            if meta.doc_number:
                title = title.replace(meta.doc_number, "").strip()
            title = _REPEALED.sub("", title).strip()
            title = re.sub(r"[((]\s*[))]", "", title).strip()            # "(岳办发〔2017〕2号)" taken out
            if title.startswith("《") and title.endswith("》") and title.count("《") == 1:
                title = title[1:-1]                                      # the whole title in book marks
            meta.title, meta.title_line = title, ln.no
    # issuer: a line that is just a body's name, followed by a date line
    for i, ln in enumerate(lines[:80]):
        if _ISSUER.match(ln.norm.replace(" ", "")) and i + 1 < len(lines) and parse_date(lines[i + 1].norm) \
                and len(lines[i + 1].norm) <= 16:
            meta.issuer, meta.issuer_line = ln.norm.replace(" ", ""), ln.no
            # bodies signing together on one line, spaced apart ("平阳县农业农村局 平阳县财政局")
            tokens = ln.norm.split()
            if len(tokens) > 1 and all(_ISSUER.match(t) and len(t) >= 4 for t in tokens):
                meta.issuer, meta.issuers = tokens[0], tokens
            # bodies signing together, each on its own line above ("中共X县委办公室" / "X县人民政府办公室")
            above: list[str] = []
            for prev in reversed(lines[max(0, i - 3): i]):
                name = prev.norm.replace(" ", "")
                if not _ISSUER.match(name) or name == meta.issuer:
                    break
                above.insert(0, name)
            if above:
                meta.issuers = above + [meta.issuer]
            if not meta.date_written:
                meta.date_written, meta.date_source = parse_date(lines[i + 1].norm), "signature"
            break
    if not meta.issuer and "issuer" in fields:
        m = re.match(r"[\u4e00-\u9fff]{2,30}", fields["issuer"][0])
        if m and re.search(r"(?:政府|委员会|办公室|办公厅|管委会|局|厅|委|办|中心)$", m.group(0)):
            meta.issuer, meta.issuer_line = m.group(0), fields["issuer"][1].no
    if not meta.issuer and meta.title_line:
        # the issuer printed on its own line above the title's 关于…的通知
        k = next((i for i, ln in enumerate(lines) if ln.no == meta.title_line), 0)
        prev = lines[k - 1].norm.replace(" ", "") if k > 0 else ""
        if meta.title.startswith("关于") and _ISSUER.match(prev):
            meta.issuer, meta.issuer_line = prev, lines[k - 1].no
    if not meta.issuer and meta.title:
        m = re.match(r"^([\u4e00-\u9fff]{2,20}?(?:人民政府(?:办公室|办公厅)?|办公室|办公厅))关于", meta.title)
        if m:
            meta.issuer, meta.issuer_line = m.group(1), meta.title_line
    if not meta.issuer and "publisher" in fields:
        m = re.fullmatch(r"[\u4e00-\u9fff]{2,30}?(?:人民政府(?:办公室|办公厅)?|委员会|办公室|管委会|局|厅)", fields["publisher"][0])
        if m:
            meta.issuer, meta.issuer_line = m.group(0), fields["publisher"][1].no
    if not meta.issuer and "source" in fields:
        # "来源:洋口镇人民政府": a government named as the page's source, when nothing else names one
        m = re.match(r"[\u4e00-\u9fff]{2,30}?人民政府(?:办公室)?(?![\u4e00-\u9fff])", fields["source"][0])
        if m:
            meta.issuer, meta.issuer_line = m.group(0), fields["source"][1].no
    if not meta.date_written and "date_issued" in fields and parse_date(fields["date_issued"][0]):
        meta.date_written, meta.date_source = parse_date(fields["date_issued"][0]), "site"
    if not meta.title and "title" in fields and len(fields["title"][0]) >= 6:
        meta.title, meta.title_line = fields["title"][0], fields["title"][1].no   # a site's "名称:X"
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
    zone_starts: dict[str, int] = {}  # readings that start where a word starts (see find_parent_city)
    for ln in lines:
        for m in _NEW_AREA.finditer(ln.norm):
            for k in (2, 3, 4):
                cand = ln.norm[max(0, m.start() - k):m.end()]
                if len(cand) == k + 2 and re.fullmatch(r"[\u4e00-\u9fff]+", cand) \
                        and not cand.startswith(("全", "本", "各", "该", "市", "县", "区")) \
                        and cand[0] not in _FUNCTION_CHARS:
                    zones[cand] = zones.get(cand, 0) + 1
                    before = ln.norm[m.start() - k - 1] if m.start() - k >= 1 else ""
                    if not before or not re.match(r"[\u4e00-\u9fff]", before) or before in _FUNCTION_CHARS + "省市州":
                        zone_starts[cand] = zone_starts.get(cand, 0) + 1
    if zones:
        zone = max(zones, key=lambda z: (zone_starts.get(z, 0), zones[z], len(z)))
        if zones[zone] >= 3:
            meta.levels.setdefault("新区", zone)
    for ln in lines:
        for m in DOC_NUMBER.finditer(ln.norm) if "号" in ln.norm else ():   # (a 文号 ends in 号)
            num = normalize_doc_number(m.group(0))
            if num != meta.doc_number and not any(num == c[0] and ln.no == c[1] for c in meta.cites):
                meta.cites.append((num, ln.no, ln.raw))
    # a government order cited in parentheses: "《…决定》(山东省人民政府令第333号)"
    for ln in lines:
        for m in _ORDER_CITED.finditer(ln.norm):
            num = re.sub(r"\s+", "", m.group(1))
            if not any(num == c[0] for c in meta.cites):
                meta.cites.append((num, ln.no, ln.raw))
    # documents the text says it is based on, cited by title only: "根据《X》…,制定本规定"
    for ln in lines:
        for sentence in _SENTENCE_END.split(ln.norm):
            # a notice's "根据《X》要求,经…同意,现将《Y》印发给你们": X is cited, Y is the document itself
            before = _HANDED_ON.split(sentence)[0]
            if before != sentence and re.match(r"\s*(?:根据|依据|按照|为贯彻落实|为落实|贯彻落实)《", before):
                sentence = before
            elif not (_BASIS.search(sentence) and _ENACTED.search(sentence)) or re.search(r"现将|印发给", sentence):
                continue
            for m in re.finditer(r"《([^《》]{2,80})》", sentence):
                after = sentence[m.end(): m.end() + 40]
                if re.match(r"\s*[((〔\[]", after) and DOC_NUMBER.match(re.sub(r"^\s*[((]", "", after)):
                    continue                      # cited by its 文号 already
                title = re.sub(r"\s+", "", m.group(1))
                if title != meta.title and not any(c[0] == title for c in meta.cites):
                    meta.cites.append((title, ln.no, ln.raw))
    return meta
