"""Narrative annual work plans (工作要点, 工作计划, 工作安排) and compilations of them.

What is read
------------
* **Parts.** A page that holds several plans ("第一篇:…", "第二篇:…", or the
  same kind of bare title line repeated after a plan's body) is split into
  parts; each part is its own Document, with its own title, jurisdiction,
  levels (what "新区", "市", "区" mean in it) and issuer, and is PART_OF one
  compilation Document for the page. The compilation node is added to every
  part's graph (its ID comes from the page title and the part titles, so the
  copies merge); ``parse`` returns one DocumentGraph per part.
* **Duties.** Every numbered work item is a Duty, so that items without a
  named lead can be found: "一、" headings, "(一)", "1、"/"1.", "(1)" items at
  the start of a line, and "一是…二是…" inside an item. A numbered node with
  numbered children is a section (its heading becomes the duties' ``section``);
  a numbered node without numbered children is a duty. An item that splits
  into 一是/二是 gives one duty for its lead-in text and one per sub-item.
  Numbers are the printed markers along the path: "二.(二).1", "三.(二).一是".
* **Metadata** (besides :mod:`loaders.meta`): the plan's own bare title (also
  when broken over two lines), the place its title starts with ("沈丘县2023年…",
  "2023年淮安市…", "萧县…"; never a place further in, "推进平安县城…"), the bodies
  signing the notice above a date line (also in Chinese numerals), a 文号 on its
  own line or opening/closing the notice's title. A plan's kind comes from its
  title lines: 工作要点/建设要点/工作计划/工作安排…; a title naming a task
  decomposition, duty division or delegation leaves it to those loaders.
* **Responsible units.** A parenthesis closing an item (it may hold parentheses
  itself: "(责任单位:区农业农村局、各镇(街道))"): "(牵头单位:A;责任单位:B)" → A
  LEADS, B ASSISTS (role = label); "(责任单位:B)" alone → LEADS; "(A、B等有关
  部门落实)", "(A负责)" → LEADS with the printed verb as role; lists each ending
  in their verb, "(A牵头,B、C配合)" → LEADS / ASSISTS, "(A牵头,B落实)" → B
  ASSISTS (with a lead named, the others work with it). A deadline in it
  ("完成时限:2023年12月底前", "A牵头,2023年6月底前完成") is the duty's deadline;
  without one, the latest dated "…前" clause in the task's text ("2025年9月底前完成…";
  bullet lines "●…" under a task are its text).
  The parenthesis may stand on its own line under the item, and an item may
  hold several paragraphs each closed by its own. Bodies joined by 及/和 are
  two ("市级各有关部门及各县市区政府"). Elliptical names inherit the list's
  prefix ("新区经济发展局、环境保护局" → 新区环境保护局). A parenthesis without a
  label or a closing verb ("(不含唐海数字)") is not a list of units.
* **Projects** (precision over recall): a name is the run of text ending in
  项目/工程 inside one clause, cut after the last verb or function word before
  it ("全力推进凤凰湖工程项目建设" → 凤凰湖工程项目). Rejected: names with 等/的/
  digits-only cores, generic names (重点项目, 政府投资项目, 基础设施项目 …),
  cores shorter than two characters, names inside 《》, names starting with a
  number, areas of work ("5万亩…工程"), meetings ("项目推进会"). Capacities stay
  in names ("年产30万吨面粉加工项目", "15万千瓦光伏发电项目"), so do work words
  before the suffix ("保护提升工程") and 与 inside a name ("续建配套与节水改造
  工程"). A list "A、B等项目" gives no project (the list items carry no suffix);
  "A工程、B项目等重大项目" gives two. An amount counts only when it directly
  follows the name ("星湖湾房产项目4亿元", "X项目,总投资5亿元", "X工程:计划投资…",
  "X项目(总投资5亿元)", "X项目。总投资…" opening the next sentence); 总投资 wins
  over a year's share (年度计划投资) printed first, which counts alone. A bare
  亿/万 is money only after an investment word. A duty whose text names a
  project CONCERNS it.
* **Project tables** attached to a plan ("序号 | 项目名称 | … | 总投资(亿元) |
  责任单位", | or tab cells): each row is a project with its total investment
  in the header's unit, LED by the row's body.
* **Contact.** "联系人:(科室)姓名,(联系)电话:…" → Official CONTACT_FOR the
  Document, with the phone.
* **Other layouts** (from the blind rounds): label lines under an item
  ("责任单位:…" on its own line, numbered fields "1.责任领导:…", or a label run
  after the item's last sentence without brackets) are its assignment, and a plan
  titled as one keeps them (it is no task table); "(列第一位者为牵头单位)" makes the
  first body of each 责任单位 list lead; a section headed "X市长主抓重点工作" is led
  by that official; a heading over a project table is no duty; entries printed as
  "项目名称:…;总投资:…;责任单位:…" are projects; a table's 责任领导 column leads
  its row's project; a signature closes the last item; joint signers are the
  issuer together; a town's or street's plan has the town or street as its
  jurisdiction and the county it signs with as its 县.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from graph.records import DocumentGraph, node_id

from ..amounts import parse_amount
from ..base import DocBuilder, Loader, register
from ..dates import deadline_date, plan_year
from ..meta import DOC_NUMBER, DocMeta, normalize_doc_number, find_jurisdiction, find_parent_city, is_date_line, parse_date, read_meta
from ..names import AgencyName, AliasTable, clean_name, is_collective, looks_like_agency
from ..text import Line, SourceText, normalize, opening_of_closing_paren, split_list

__all__ = ["WorkPlanLoader", "split_parts", "parse_units", "closing_paren", "find_projects", "find_contact"]

CN = "一二三四五六七八九十"
# (also a scheme for the year's 民生实事 or key projects: "十件民生实事实施方案", "重点项目建设推进方案")
_PLAN_WORDS = (r"(?:工作要点|建设要点|工作计划|工作安排|工作重点|工作思路|重点工作安排|年度计划"
               r"|(?:民生实事|办实事|实事项目|重[点大]项目|重点工程)[^,。;]{0,8}?(?:实施方案|工作方案|推进方案|建设计划)"
               # a county's scheme for pooling and spending its funds on projects ("财政涉农资金统筹整合使用方案")
               r"|资金[^,。;]{0,8}?使用方案)")
_OTHER_KINDS = re.compile(r"任务分解|责任分解|责任分工|分工方案|任务分工|任务清单|职责分工|职责划分|职能分工|工作职责|职责规定"
                          r"|赋权|下放|委托|承接|权力清单|责任清单")
# "第一篇:…", "篇一:…", "【篇二】…", "[第3篇]…": one plan of a compilation page
_PART = re.compile(rf"^[【\[]?\s*(?:第([{CN}百\d]+)篇|篇([{CN}百\d]+))\s*[】\]]?\s*[::]?\s*(.*)$")
# a notice arranging the year's work itself: "关于做好2022年民生实事项目推进工作的通知"
_YEAR_ARRANGEMENT = re.compile(r"关于(?:做好|抓好|推进|落实)(?:19|20)\d{2}年度?.{0,16}?(?:民生实事|为民办实事|实事项目|重点项目|重点工作)")
_BARE_TITLE = re.compile(rf"^[^,。;:!?()《》“”\"]{{2,40}}{_PLAN_WORDS}(?:\([^()]{{1,8}}\))?$")
_H1 = re.compile(rf"^([{CN}]+)、\s*(.*)$")
_H2 = re.compile(rf"^\(([{CN}]+)\)\s*(.*)$")
_H3 = re.compile(r"^(\d{1,3})\s*[、.．](?!\d)\s*(.*)$")
_H4 = re.compile(r"^\((\d{1,2})\)\s*(.*)$")
_LEVELS = ((1, _H1, "{}"), (2, _H2, "({})"), (3, _H3, "{}"), (4, _H4, "({})"))
_SHI = re.compile(rf"(?:^|(?<=[。;,:!]))([{CN}]{{1,2}})是")
_PAGE_NO = re.compile(r"—\s*\d{1,3}\s*—\s*|(?<=[\u4e00-\u9fff]) \d{1,3} (?=[\u4e00-\u9fff])")
_CJK_SPACE = re.compile(r"(?<=[\u4e00-\u9fff“”,。、]) (?=[\u4e00-\u9fff“”,。、])")
_END_PUNCT = tuple("。;!?)”:")


def _cn_value(s: str) -> int:
    if s.isdigit():
        return int(s)
    if s == "十":
        return 10
    if s.startswith("十"):
        return 10 + CN.index(s[1]) + 1
    if s.endswith("十"):
        return (CN.index(s[0]) + 1) * 10
    if "十" in s:
        return (CN.index(s[0]) + 1) * 10 + CN.index(s[2]) + 1
    return CN.index(s[0]) + 1 if s and s[0] in CN else 0


def _clean_text(text: str) -> str:
    text = _PAGE_NO.sub("", text)
    return _CJK_SPACE.sub("", text).strip()


# -- parts -------------------------------------------------------------------

@dataclass
class Part:
    label: str | None        # "第一篇" or None
    heading: Line | None     # the 第X篇 line
    heading_title: str
    lines: list[Line]


def _strip_footer(lines: list[Line], page_title: str | None) -> list[Line]:
    out = list(lines)
    while out and (re.fullmatch(r"[A-Za-z\s]{1,12}", out[-1].norm)
                   or (page_title and out[-1].norm.replace(" ", "") == page_title.replace(" ", ""))):
        out.pop()
    return out


def split_parts(lines: list[Line]) -> tuple[list[Line], list[Part]]:
    """(page header lines, parts). One part, without label, when the text is
    not a compilation."""
    heads = [i for i, ln in enumerate(lines) if _PART.match(ln.norm)]
    if len(heads) >= 2:
        header = lines[: heads[0]]
        page_title = next((ln.norm for ln in header if _BARE_TITLE.match(ln.norm)), None)
        parts = []
        for k, i in enumerate(heads):
            end = heads[k + 1] if k + 1 < len(heads) else len(lines)
            m = _PART.match(lines[i].norm)
            body = lines[i + 1: end]
            if k + 1 == len(heads):
                body = _strip_footer(body, page_title)
            number = m.group(1) or m.group(2)
            if number.isdigit():
                number = CN[int(number) - 1] if 1 <= int(number) <= 10 else number
            parts.append(Part(f"第{number}篇", lines[i], m.group(3).strip() or lines[i].norm, body))
        return header, parts
    # repeated bare title lines, each followed by its own numbered body
    cuts = []
    seen_section = False
    for i, ln in enumerate(lines):
        if _BARE_TITLE.match(ln.norm):
            if seen_section or not cuts:
                cuts.append(i)
                seen_section = False
        elif _H1.match(ln.norm) or _H2.match(ln.norm):
            seen_section = True
    if len(cuts) >= 2:
        parts = []
        for k, i in enumerate(cuts):
            end = cuts[k + 1] if k + 1 < len(cuts) else len(lines)
            body = lines[i: end]
            if k + 1 == len(cuts):
                body = _strip_footer(body, None)
            if any(_H1.match(ln.norm) or _H2.match(ln.norm) or _H3.match(ln.norm) for ln in body):
                parts.append(Part(f"第{k + 1}部分", lines[i], lines[i].norm, body))
        if len(parts) >= 2:
            return lines[: cuts[0]], [Part(p.label if len(parts) > 1 else None, p.heading, p.heading_title, p.lines)
                                      for p in parts]
    return [], [Part(None, None, "", lines)]


# -- metadata of one part ----------------------------------------------------

_PLACE_IN_TITLE = re.compile(r"(某新区|\*\*新区|[\u4e00-\u9fff]{2,8}?(?:新区|高新区|开发区|自治县|自治州|自治区|省|市|县|区|旗|(?<!联)盟)(?!圈))")  # (银川都市圈: a metropolitan area, no place)
_OWN_NUMBER = re.compile(r"^([\u4e00-\u9fff]{2,12})\s*[„〔\[(【]\s*((?:19|20)\d{2})\s*[‟〕\])】]\s*(\d{1,4})\s*号$")


_SITE_TITLE_LABEL = re.compile(r"^(?:名\s*称|标\s*题|文件名称)\s*[:|]?\s*")


_DIGIT_SPACE = re.compile(r"(?<=[\u4e00-\u9fff\d]) (?=[\u4e00-\u9fff\d])")


def _despace(text: str) -> str:
    """A line letter-spaced for show ("西 吉 县 2024 年 财 政") as words."""
    return _DIGIT_SPACE.sub("", text)


def _title_line(lines: list[Line], heading_title: str) -> Line | None:
    """The plan's own bare title: the last one before its first section
    (a site block's "名  称 X" is X; a letter-spaced title is read as words)."""
    found = None
    for k, ln in enumerate(lines):
        if _H1.match(ln.norm):
            break
        norm = _despace(_SITE_TITLE_LABEL.sub("", ln.norm))
        nxt = _despace(lines[k + 1].norm) if k + 1 < len(lines) else ""
        if _BARE_TITLE.match(norm) and "关于" not in norm and "印发" not in norm:
            found = Line(ln.no, ln.raw, norm)
        elif nxt and (re.fullmatch(rf"[^,。;:]{{0,8}}{_PLAN_WORDS}", nxt)
                      or re.fullmatch(r"[^,。;:()]{0,12}(?:方案|要点|计划|安排)", nxt)) \
                and _BARE_TITLE.match(norm + nxt) and not re.search(r"关于|印发|[,。;:]", norm):
            # a title broken over two lines ("2022年荆门市优化营商环境" / "工作要点")
            found = Line(ln.no, ln.raw + lines[k + 1].raw, norm + nxt)
    return found


_VERB_START = re.compile(r"^(?:推进|加快|加强|深化|全面|关于|实施|开展|做好|建设|打造|创建|持续|提升|推动|巩固|争创|创新)")


def _place(title: str, anywhere: bool = False) -> str | None:
    """The place a plan's title starts with ("沈丘县2023年…", "2023年淮安市…",
    "萧县2023年…"); a place further in ("推进平安县城建设…") only when
    ``anywhere``."""
    title = re.sub(r"^[《〈]|^中共", "", title.strip())
    t = re.sub(r"(?:19|20)\d{2}\s*年度?", "", title).strip()
    one = re.match(r"^(?:(?:19|20)\d{2}\s*年度?)?([\u4e00-\u9fff]县)(?:(?:19|20)\d{2}|人民政府|政府|县委)", title.strip())
    if one and one.group(1)[0] not in "全本我各该每":
        return one.group(1)                      # a county named by one character: 萧县, 沛县
    for m in _PLACE_IN_TITLE.finditer(t):
        p = m.group(1)
        if p.startswith(("全", "本", "我", "各", "该")) or _VERB_START.match(p):
            continue                             # "推进平安县城建设…": no place
        if m.start() > 0 and not anywhere:
            return None
        # "曲靖市麒麟区…": the place printed last in a chain of places
        nxt = _PLACE_IN_TITLE.match(t, m.end())
        while nxt and not _VERB_START.match(nxt.group(1)) and len(nxt.group(1)) <= 8 \
                and not re.search(r"[局委办厅院站所队]", nxt.group(1)):
            p, nxt = nxt.group(1), _PLACE_IN_TITLE.match(t, nxt.end())
        return "某新区" if p == "**新区" else p
    return None


# a plan published as adopted, the note under its title: "(2024年2月20日市政府第5次常务会议审议通过)"
_ADOPTED = re.compile(r"^[((]\s*(?P<date>[^()()]{6,16}?日)\s*(?:经)?(?P<body>[\u4e00-\u9fff]{1,16}?)"
                      r"(?:第[\d一二三四五六七八九十百]+次)?(?:常务会议|全体会议|常委会会议|常委会|会议)\s*(?:审议|研究)?(?:通过|同意)\s*[))]$")


def part_meta(part: Part, page_date: str | None = None) -> tuple[DocMeta, list[tuple[Line, str]]]:
    """The part's metadata and the bodies that signed it (line, name)."""
    lines = part.lines or ([part.heading] if part.heading else [])
    meta = read_meta(lines, fallback_title=part.heading_title)
    tl = _title_line(lines, part.heading_title)
    if tl is not None:
        meta.title, meta.title_line = re.sub(r"(?<=[\u4e00-\u9fff]) (?=[\u4e00-\u9fff])", "", tl.norm), tl.no
    elif part.heading is not None:
        meta.title, meta.title_line = part.heading_title, part.heading.no
    # a 文号 only counts as the document's own when it stands on its own line, or
    # opens or closes the notice's title ("…的通知(岳办发〔2017〕2号)")
    if meta.doc_number:
        def has(ln: Line) -> bool:
            return meta.doc_number in normalize_doc_number(ln.norm)

        own = [ln for ln in lines[:40] if has(ln) and not ln.norm.startswith(("按照", "根据", "依据"))
               and (len(ln.norm) <= 40 or (not ln.norm.endswith(("。", ";")) and "《" not in ln.norm.split("》")[-1]
                                          and re.search(r"(?:通知|意见|方案|要点|计划|安排)[))]?\s*[((]?[^()]*号[))]?$|^[^《]{2,20}号", ln.norm)))]
        if not own:
            for ln in lines:
                if has(ln):
                    meta.cites.insert(0, (meta.doc_number, ln.no, ln.raw))
                    break
            meta.doc_number = None
    head = [ln for ln in lines if tl is None or ln.no < tl.no]
    if not meta.doc_number:
        for ln in head[:10]:
            m = _OWN_NUMBER.match(ln.norm)
            if m:
                meta.doc_number = f"{m.group(1)}〔{m.group(2)}〕{m.group(3)}号"
                break
    # issuers: a short line of bodies followed by a date line (in the notice)
    signers: list[tuple[Line, str]] = []
    for i, ln in enumerate(head[:-1]):
        nxt = head[i + 1]
        if is_date_line(nxt.norm) and len(ln.norm) <= 60 and not _BARE_TITLE.match(ln.norm):
            names = [n for n in ln.norm.split(" ") if looks_like_agency(n) and len(n) >= 4]
            if names:
                signers = [(ln, n) for n in names]
                # bodies signing together, each on its own line above the last one
                for prev in reversed(head[max(0, i - 3): i]):
                    above = [n for n in prev.norm.split(" ") if n]
                    if not above or len(prev.norm) > 60 or not all(looks_like_agency(n) and len(n) >= 4 for n in above) \
                            or any(n == s for n in above for _, s in signers):
                        break
                    signers = [(prev, n) for n in above] + signers
                if len(signers) > 1:
                    meta.issuers = [n for _, n in signers]
                if not meta.date_written or meta.date_source == "site":
                    meta.date_written, meta.date_source = parse_date(nxt.norm), "signature"
                break
    adopted = None
    if tl is not None and not signers:
        adopted = next((am for ln in [ln for ln in lines if ln.no > tl.no][:2] if (am := _ADOPTED.match(ln.norm))), None)
        if adopted and parse_date(adopted.group("date")) and not meta.date_written:
            meta.date_written, meta.date_source = parse_date(adopted.group("date")), "adopted"
    if not meta.date_written:
        # a date line of its own: the plan's signature after its title, else the notice's
        # (a date under a seal, without a name: "二〇一六年一月二十日")
        dated = [ln for ln in lines if is_date_line(ln.norm)]
        after = [ln for ln in dated if tl is None or ln.no > tl.no]
        if after or dated:
            meta.date_written = parse_date((after or dated)[0].norm)
    # jurisdiction and what the relative prefixes mean in this part
    j = _place(meta.title) or _place(part.heading_title)
    gov = [n for _, n in signers if not n.startswith("中共")]
    if not j and gov:
        j = find_jurisdiction(gov[-1])
    j = j or meta.jurisdiction or _place(meta.title, anywhere=True)
    # the title's short form of an autonomous place ("孟连县…" signed by 孟连傣族拉祜族佤族自治县…): the full name
    full = find_jurisdiction(gov[-1]) if gov else meta.jurisdiction
    if j and full and full != j and "族自治" in full and full.startswith(j[:-1]) and full[-1] == j[-1]:
        j = full
    city = None
    if j:
        body = "".join(ln.norm for ln in lines)
        m = re.match(r"^([\u4e00-\u9fff]{2})([\u4e00-\u9fff]{2,4}(?:新区|开发区|高新区))$", j)
        if m and f"{m.group(1)}市" in body:
            city, j = f"{m.group(1)}市", m.group(2)
        if not city:
            for _, n in signers:
                cm = re.search(r"([\u4e00-\u9fff]{2,3}市)(?=.*" + re.escape(j) + ")", n)
                if cm:
                    city = re.sub(r"^中共", "", cm.group(1))
                    break
        if not city and not j.startswith("某"):
            city = find_parent_city(lines, j)
        levels: dict[str, str] = {}
        if city and city != j:
            levels["市"] = city
        if j.endswith("新区") and not j.endswith("高新区"):
            levels["新区"] = j
        elif j.endswith(("高新区", "开发区")):
            levels[j[-3:]] = j
            levels["区"] = j
        elif j.endswith("街道"):
            levels["街道"] = j
        else:
            levels[j[-1]] = j
        if j.endswith(("镇", "乡", "街道")):
            # a town's plan: "县" is the county its government signs with ("信丰县大塘埠镇人民政府")
            for n in [n for _, n in signers] + ([meta.issuer] if meta.issuer else []):
                cm = re.match(r"^(?:中共)?([\u4e00-\u9fff]{1,6}?(?:县|市|区|旗))" + re.escape(j), n)
                if cm:
                    # the place printed last before the town ("上海市杨浦区五角场街道" → 杨浦区)
                    county = re.sub(r"^.*?(?:省|自治区|市|州)(?=[\u4e00-\u9fff]{2,}(?:县|区|旗|市)$)", "", cm.group(1))
                    levels.setdefault(county[-1], county)
                    break
        meta.jurisdiction, meta.levels = j, levels
    if gov:
        meta.issuer, meta.issuer_line = gov[-1], signers[-1][0].no
    elif meta.issuer and not signers:
        pass
    elif adopted and meta.jurisdiction:
        # adopted by "市政府第5次常务会议": the government of the plan's own place
        j = meta.jurisdiction
        body = adopted.group("body")
        if re.fullmatch(rf"(?:{re.escape(j)}|{re.escape(j[-1])})?(?:人民)?政府", body) and j[-1] in "省市县区旗":
            meta.issuer, meta.issuer_line = f"{j}人民政府", 0
    if page_date and not meta.date_published:
        meta.date_published = None  # the page's publication date is the compilation's, not the part's
    return meta, signers


# -- numbered items ----------------------------------------------------------

@dataclass
class Node:
    level: int
    marker: str
    head: str
    lines: list[Line] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    children: list["Node"] = field(default_factory=list)
    closed: bool = False
    # label lines under the item ("责任单位:…", "1.责任领导:…"): its assignment, not its text
    labels: list[Line] = field(default_factory=list)

    @property
    def text(self) -> str:
        return _clean_text("".join(self.texts))


def _marker(norm: str) -> tuple[int, str, str] | None:
    for level, rx, fmt in _LEVELS:
        m = rx.match(norm)
        if m and m.group(2).strip() not in ("", "。"):
            return level, fmt.format(m.group(1)), m.group(2)
    return None


def item_tree(lines: list[Line]) -> list[Node]:
    """Numbered items as a tree; un-numbered lines continue the open item
    when it ends mid-sentence, a loose unfinished line directly before an item
    is that item's start (a number printed one line late)."""
    roots: list[Node] = []
    stack: list[Node] = []
    loose: list[Line] = []
    for k, ln in enumerate(lines):
        if is_date_line(ln.norm) or (k + 1 < len(lines) and is_date_line(lines[k + 1].norm) and len(ln.norm) <= 40
                                     and all(looks_like_agency(n) for n in ln.norm.split(" ") if n)):
            # a signature (bodies above a date line) closes the items before it
            if stack:
                stack[-1].closed = True
            stack = []
            loose = []
            continue
        mk = _marker(ln.norm)
        # a label line under an item ("责任单位:区教育局", or numbered as a field: "2.牵头单位:…")
        # is the item's assignment
        field_text = (mk[2] if mk else ln.norm).strip()
        if stack and _LABEL.match(field_text) and (mk is None or mk[0] > stack[-1].level):
            stack[-1].labels.append(Line(ln.no, ln.raw, field_text))
            stack[-1].closed = True
            continue
        if mk is None:
            cur = stack[-1] if stack else None
            t = closing_paren(ln.norm)
            assigns = t is not None and bool(parse_units(t.inner))
            # an item's assignment may stand on its own line under it, and an item
            # may hold further paragraphs, each closed by its own assignment
            # so may bullet lines ("●2025年6月底前开通…") listing its parts
            bullet = ln.norm[:1] in "●•▪◆■"
            if cur is not None and (not cur.closed or ((assigns or bullet) and not cur.children)):
                cur.lines.append(ln)
                cur.texts.append(ln.norm)
                cur.closed = ln.norm.endswith(_END_PUNCT)
            else:
                loose.append(ln)
            continue
        level, marker, rest = mk
        while stack and stack[-1].level >= level:
            stack.pop()
        node = Node(level, marker, rest)
        if loose and not loose[-1].norm.endswith(_END_PUNCT) and level >= 3:
            node.texts.append(loose[-1].norm)
            node.lines.append(loose[-1])
        loose = []
        node.lines.append(ln)
        node.texts.append(rest)
        node.closed = rest.endswith(_END_PUNCT)
        # a heading line without punctuation opens a body that follows it
        if level <= 2 and not re.search(r"[。;]", rest):
            node.closed = False
        (stack[-1].children if stack else roots).append(node)
        stack.append(node)
    return roots


def _section_title(node: Node) -> str:
    head = _CJK_SPACE.sub("", node.head) if len(node.head) <= 40 else node.head.split(" ")[0]
    head = re.split(r"[。;]", head)[0]
    return f"{node.marker}、{head}" if node.level == 1 else f"{node.marker}{head}"


# -- responsible units ---------------------------------------------------------

_LABEL = re.compile(r"(牵头单位|牵头部门|主办单位|责任单位|责任部门|配合单位|配合部门|协办单位|参与单位|协同单位|协助单位"
                    r"|完成时限|完成时间|完成期限|时间节点|时限要求|时限|牵头领导|责任领导|分管领导|包抓领导|包联领导)\s*:")
_OFFICIAL_LABELS = ("牵头领导", "责任领导", "分管领导", "包抓领导", "包联领导")
_TEXT_DEADLINE = re.compile(r"((?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*(?:底|末|\d{1,2}\s*日)?)\s*(?:之)?前")
_DEADLINE_LABELS = ("完成时限", "完成时间", "完成期限", "时间节点", "时限要求", "时限")
# a deadline closing the units: "2023年6月底前完成", "年底前完成", "2023年12月31日前"
_DEADLINE = re.compile(r"^(?:(?:19|20)\d{2}\s*年|今年|年内|年底|上半年|下半年|[一二三四1-4]季度|\d{1,2}\s*月).{0,12}?(?:前|底|末|内)?(?:完成|完工|办结|建成)?$")
_LEAD_LABELS = ("牵头单位", "牵头部门", "主办单位")
_VERB_END = re.compile(r"(?:等)?(?:按(?:职责)?分工)?(?:分别|共同|具体|负责)?(落实|负责|牵头|配合|参与|协助|协同|实施|承办|办理)$")
_ASSIST_VERBS = ("配合", "参与", "协助", "协同")
# a note that the first body of each list leads: "(列第一位者为牵头单位,下同)", "排在第一位的为牵头单位"
_FIRST_LEADS = re.compile(r"(?:列|排)(?:在)?(?:第一位|第一个|首位|第一)(?:者|的|单位)?(?:为|是)(?:工作)?(?:牵头|主办|主责)")
_FIRST_LEADS_NOTE = re.compile(r"[((][^()()]*" + _FIRST_LEADS.pattern + r"[^()()]*[))]")
# a section headed by the leader in charge of it: "一、徐志远市长主抓重点工作", "(二)刘慧敏副县长分管工作"
_LEADER_HEADING = re.compile(r"^(?P<name>[\u4e00-\u9fff]{2,3}?)\s*(?P<title>(?:常务)?副?(?:省长|市长|州长|县长|区长|旗长|镇长|乡长|主任|书记))"
                             r"\s*(?:主抓|分管|牵头|负责|联系|领衔)(?:的)?(?:重点)?工作")
@dataclass
class Tail:
    """The parenthesis closing an item: where it starts and what it holds."""
    start: int
    inner: str


_END_STOP = re.compile(r"[。.;]$")


def closing_paren(text: str) -> Tail | None:
    """The parenthesis that closes ``text`` (it may hold parentheses itself:
    "(责任单位:区农业农村局、各镇(街道))").

    >>> closing_paren("推进改革。(市财政局牵头,各市(区)人民政府落实)。").inner
    '市财政局牵头,各市(区)人民政府落实'
    >>> closing_paren("推进改革(试点)工作") is None
    True
    """
    t = text.rstrip()
    t = _END_STOP.sub("", t).rstrip()
    i = opening_of_closing_paren(t)
    if i is None:
        return None
    inner = t[i + 1: -1]
    return Tail(i, inner) if 2 <= len(inner) <= 300 else None


def parse_units(inner: str) -> list[tuple[str, str, str]] | None:
    """(edge type, role, printed list) from the text inside a closing
    parenthesis, or None when it names no responsible units.

    >>> parse_units("牵头单位:新区管委会办公室、公共行政服务中心,责任单位:管委会各部门、各功能区落实")
    [('LEADS', '牵头单位', '新区管委会办公室、公共行政服务中心'), ('ASSISTS', '责任单位', '管委会各部门、各功能区')]
    >>> parse_units("新区经济发展局、环境保护局等有关部门落实")
    [('LEADS', '落实', '新区经济发展局、环境保护局等有关部门')]
    >>> parse_units("不含唐海数字") is None
    True
    """
    inner = inner.strip().rstrip("。;,")
    if "。" in inner:
        return None
    labels = list(_LABEL.finditer(inner))
    out: list[tuple[str, str, str]] = []
    if labels:
        has_lead = any(m.group(1) in _LEAD_LABELS for m in labels)
        for k, m in enumerate(labels):
            end = labels[k + 1].start() if k + 1 < len(labels) else len(inner)
            value = inner[m.end(): end].strip().rstrip(",;,;。 ")
            value = _VERB_END.sub("", value).strip().rstrip(",;")
            label = m.group(1)
            if not value:
                continue
            if label in _DEADLINE_LABELS:
                out.append(("DEADLINE", label, value))
                continue
            if label in _OFFICIAL_LABELS:
                out.append(("LEADS", label, value))         # officials, named by person
                continue
            if label in _LEAD_LABELS:
                kind = "LEADS"
            elif label.startswith("责任"):
                kind = "ASSISTS" if has_lead else "LEADS"
            else:
                kind = "ASSISTS"
            out.append((kind, label, value))
        return out or None
    deadline = None
    clauses = [c.strip() for c in re.split(r"[;,]", inner) if c.strip()]
    if len(clauses) >= 2 and _DEADLINE.match(clauses[-1]) and not _VERB_END.search(clauses[-1]):
        deadline = clauses[-1]
        inner = inner[: inner.rfind(deadline)].rstrip(",; ")
    if not _VERB_END.search(inner):
        return None
    # clauses "A牵头,B、C配合", "A、B负责", "A牵头,B落实": each list ends in its verb
    groups: list[tuple[str, str]] = []
    buf: list[str] = []
    for c in re.split(r"[;,]", inner):
        if not c.strip():
            continue
        buf.append(c.strip())
        m = _VERB_END.search(c.strip())
        if m:
            joined = ",".join(buf)
            m = _VERB_END.search(joined)
            groups.append((joined[: m.start()].strip(",、 "), joined[m.start():].lstrip("等")))
            buf = []
    if buf:
        return None
    # with a body named to lead (牵头, else the first named 负责), the others work with it
    lead_at = next((k for k, (_, verb) in enumerate(groups) if verb.endswith("牵头")), None)
    if lead_at is None and len(groups) > 1 and groups[0][1].endswith("负责"):
        lead_at = 0
    for k, (names, verb) in enumerate(groups):
        if not names:
            continue
        if verb.endswith(_ASSIST_VERBS) or (lead_at is not None and k != lead_at and not verb.endswith("牵头")):
            kind = "ASSISTS"
        else:
            kind = "LEADS"
        out.append((kind, verb, names))
    if out and deadline:
        out.append(("DEADLINE", "完成时限", deadline))
    return out or None


# -- projects ------------------------------------------------------------------

# words that end the text before a project name: verbs, adverbs, conjunctions
_STOP_ANYWHERE = sorted(set(
    "推进 抓好 启动 建设 实施 完成 加快 紧跟 落实 做好 支持 协调 开展 提升 提高 推动 加强 加大 新增 谋划 制定 "
    "组织 确保 力争 继续 争取 通过 全力 全面 基本 适时 高效 认真 积极 盯办 利用 充分 依托 围绕 坚持 增强 "
    "搞好 办好 打造 培育 引进 实现 包括 其中 以及 对于 按照 根据 另外 同时 年内 全年 计划 建立 上报 按时 "
    "列入 纳入 成为 形成 参加 承办 开工 竣工 投产 建成 完善 优化 整合 针对 重点抓好 启动建设 "
    "公开 召开 申报 督促 跟踪 确定 报送 通报 汇报 和 及 或 的".split()), key=len, reverse=True)
# (whether a text holds any of them, or any of two characters or more: one search)
_STOP_ANYWHERE_RX = re.compile("|".join(map(re.escape, _STOP_ANYWHERE)))
_STOP_ANYWHERE_LONG = re.compile("|".join(re.escape(w) for w in _STOP_ANYWHERE if len(w) >= 2))
# words for the kind of work that end a project's name ("保护提升工程", "道路建设工程")
_WORK_WORDS = ("提升", "建设", "完善", "优化", "整合")
# "与" joins two parts of one name ("月河灌区续建配套与节水改造工程") unless it
# follows a name ("A项目与B工程") or nothing of a name follows it ("资金与项目")
_STOP_LEADING = tuple("以对在将把被从由向为使让按并还要抓做创")
_NEVER_LEADING = tuple("以在对把将被从于按就")  # not 向 (向城…) or 由 (由家…): places begin so
_GENERIC_START = re.compile(r"^(?:各类?|全[省市县区盟旗州镇乡域]|该|本|此|这|相关|有关|其他|其它|重大|重点|突出|龙头|产业链|一批|现有|已经|新开工|续建|在建|"
                            r"前期|投产|竣工|储备|签约|关联|新兴|战略性|政府投资|商业性|基础设施|配套|城市建设|若干|城区|城乡|农村|乡村|"
                            r"[\d一二三四五六七八九十百千万几]+[个项类批])")
_GENERIC_END = re.compile(r"(?:产业|龙头|重点|新兴|关联|签约|现有|落户|内|外|开发|建设|投资|各类|相关|有关|一批|示范|试点|实事)$")
_AREA = re.compile(r"\d+(?:\.\d+)?\s*万?\s*(?:平方公里|平方米|公里|亩|米|户|人)")
_MEASURE = re.compile(r"\d+(?:\.\d+)?\s*(?:万?吨|千瓦|平方公里|平方米|公里|亩|米|户|人)")
_MEETING = r"推进会|调度会|观摩会?|现场会|协调会|联席会|评审会|洽谈会|推介会|签约会|对接会"
_SUFFIX = re.compile(r"(?:工程项目|项目(?!录|库|群|制|部|办|经费|资金|管理费|专账|单位|代办|工作进展|" + _MEETING + r")"
                     r"|工程(?!师|技术|招投标|质量|进度|" + _MEETING + r"))")
_SEGMENT = re.compile(r"[^,。;:!?、()“”‘’\"'《》\s]+")
_AMOUNT_AFTER = re.compile(
    r"^\s*[,:(]?\s*(?:开工建设|建设|开工|落地|实施)?\s*[,]?\s*(?P<what>(?:项目|工程)?总投资|计划总投资|概算总投资|估算总投资|计划投资|完成投资|计划完成投资|年内完成投资"
    r"|(?:年度|当年|今年|本年度?)(?:计划)?(?:完成)?投资|投资|投资额|安排(?:[\u4e00-\u9fff]{0,4}资金)|下达资金)?\s*(?:约|达|为|共)?\s*"
    r"(?P<amount>(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?\s*(?:余|多)?\s*(?:亿元|万元|千元|元|亿美元|万美元|(?<=\d)亿(?![\u4e00-\u9fff])|(?<=\d)万(?![\u4e00-\u9fff])))"
)
# a total printed later in the same clause wins over a year's share printed first
_TOTAL_LATER = re.compile(r"^[^。;项工]{0,30}?(?:计划|概算|估算)?总投资\s*(?:约|达|为|共)?\s*(\d+(?:\.\d+)?\s*(?:亿元|万元|千元|元|亿美元|万美元))")


def _money(am: re.Match[str]):
    """The Amount of a match: a bare 亿/万 after an investment word is 亿元/万元 ("总投资12.5亿")."""
    text = am.group("amount")
    if re.search(r"[亿万]$", text):
        if not am.group("what"):
            return None
        text += "元"
    return parse_amount(text)


def _amount_after(rest: str) -> re.Match[str] | None:
    """The amount printed directly after a project's name: its total
    investment, else what is printed (计划投资, 投资, 年度投资 …).

    >>> _amount_after(",年度计划投资8000万元,总投资2.3亿元").group(0)
    '总投资2.3亿元'
    >>> _amount_after(",总投资2.3亿元,年度计划投资8000万元").group(0)
    ',总投资2.3亿元'
    >>> _amount_after(",年度投资6000万元").group("amount")
    '6000万元'
    """
    am = _AMOUNT_AFTER.match(rest)
    if am and am.group("what") and re.match(r"年度|当年|今年|本年", am.group("what")):
        total = _TOTAL_LATER.match(rest[am.end():])
        if total:
            return re.search(r"(?P<what>(?:计划|概算|估算)?总投资)\s*(?:约|达|为|共)?\s*(?P<amount>\d+(?:\.\d+)?\s*(?:亿元|万元|千元|元|亿美元|万美元))",
                             rest[am.end():])
    return am


def _strip_book_titles(text: str) -> str:
    return re.sub(r"《[^《》]*》", lambda m: "《" + "□" * (len(m.group(0)) - 2) + "》", text)


def _cut_name(before: str, suffix: str, quoted: bool, opening: bool = False) -> str | None:
    """The project name that ends a run of text: what follows the last verb or
    function word; None when what is left is not a real name. ``opening``: the
    name is a whole clause opening the text ("将台堡镇…项目,安排资金…"), where a
    将/把 cannot be a preposition (nothing follows for it to govern)."""
    core = before
    cut_at = 0
    for w in _STOP_ANYWHERE:
        k = core.rfind(w)
        if k >= 0 and w in _WORK_WORDS and (k + len(w) == len(core) or re.fullmatch(r"改造|整治|改建|扩建|改扩建|升级", core[k + len(w):])):
            k = core.rfind(w, 0, k)               # "保护提升工程", "道路提升改造工程": the verb names the work
        if k >= 0 and k + len(w) > cut_at:
            cut_at = k + len(w)
    k = core.rfind("与")
    if k >= cut_at and (len(core) - k - 1 < 2 or k - cut_at < 2 or re.search(r"(?:项目|工程)$", core[cut_at:k])):
        cut_at = k + 1
    if cut_at and before[cut_at - 1] == "的":
        return None                                # "拆平区的整理美化工程": a description
    core = core[cut_at:]
    # a preposition opening what is left ("以…", "对…"); not right after a verb ("实施向城至芦柞公路…": a place)
    while core and core[0] in _STOP_LEADING and len(core) > 2 and not cut_at \
            and not (opening and core[0] in "将把"):
        core = core[1:]
    # a building verb opening the name ("新建温宿县第二幼儿园项目"); not 新建区, a place
    lead = re.match(r"^(?:新建|改建|扩建|迁建|续建|新开工)(?!区)", core)
    if lead and len(core) - lead.end() >= 4:
        core = core[lead.end():]
    # after a cut, prepositions that never open a name still go ("和以城市综合体项目…", "力争在重大…项目")
    while cut_at and core and core[0] in _NEVER_LEADING and len(core) > 3:
        core = core[1:]
    if quoted and len(core) >= 2 and core == before:
        pass                                       # "花海工程", as printed in quotes
    elif len(core) < 3:
        return None
    if "等" in core or "□" in core or "+" in core or "—" in core or "-" in core:
        return None
    if core.endswith("建设") and len(core) >= 7 and not _GENERIC_END.search(core[:-2]):
        pass                                       # "麒麟区第三幼儿园建设项目": a named thing being built
    elif core.endswith("开发") and len(core) >= 6 and not _GENERIC_END.search(core[:-2]):
        pass                                       # "衢江航运开发工程": a named development
    elif core.endswith(("试点", "示范")) and len(core) >= 8 and not _GENERIC_END.search(core[:-2]) \
            and not _GENERIC_START.match(core):
        pass                                       # "沧州市区海绵城市试点项目": a named pilot
    elif _GENERIC_END.search(core):
        return None
    if _GENERIC_START.match(core) or re.match(r"[\d.×x]", core) or core.endswith("类"):
        return None                                # ("能源类项目": a category of projects)
    if _AREA.search(core):
        return None                                # "5万亩高标准农田工程": a quantity of work
    if _MEASURE.search(core) and len(re.sub(_MEASURE, "", core)) < 4:
        return None                                # capacities stay in names, but a name is more than one
    if re.fullmatch(r"[\d.×x%]+", core):
        return None
    return core + suffix


def find_projects(text: str) -> list[tuple[str, int, object]]:
    """Named projects in a text: (name, position, Amount or None).

    >>> [(n, a.value if a else None) for n, _, a in find_projects("其中星湖湾房产项目4亿元,大通工贸房产项目3.5亿元,供销、电力等工程项目约1.3亿元")]
    [('星湖湾房产项目', 4.0), ('大通工贸房产项目', 3.5)]
    >>> [n for n, _, _ in find_projects("通过全力推进凤凰湖工程项目建设,以城市综合体项目、金融商务区项目启动建设为核心")]
    ['凤凰湖工程项目', '城市综合体项目', '金融商务区项目']
    >>> [n for n, _, _ in find_projects("和以城市综合体项目启动建设为核心,力争在重大龙头装备制造项目上有所突破")]
    ['城市综合体项目']
    >>> [n for n, _, _ in find_projects("按照“中央公共卫生专项资金结核病防治项目”和“陕西省民生八大工程结核病控制项目”要求")]
    ['中央公共卫生专项资金结核病防治项目', '陕西省民生八大工程结核病控制项目']
    >>> find_projects("抓好重点项目,加强项目和药品管理,推进政府投资项目")
    []
    """
    scan = _strip_book_titles(text)
    out = []
    for seg in _SEGMENT.finditer(scan):
        st = seg.start()
        piece = seg.group(0)
        quoted = st > 0 and scan[st - 1] in "“\"'‘" and seg.end() < len(scan) and scan[seg.end()] in "”\"'’"
        ends = [m for m in _SUFFIX.finditer(piece)]
        # a suffix directly followed by more name ("八大工程结核病控制项目") is part of the name
        chosen = []
        for k, m in enumerate(ends):
            nxt = ends[k + 1] if k + 1 < len(ends) else None
            if nxt is not None:
                between = piece[m.end(): nxt.start()]
                if between and not between.startswith(("与", "等")) and not _STOP_ANYWHERE_RX.search(between):
                    continue
            chosen.append(m)
        prev = 0
        for m in chosen:
            opening = st == 0 and prev == 0 and m.end() == len(piece)
            name = _cut_name(piece[prev: m.start()], m.group(0), quoted and m.end() == len(piece), opening)
            prev = m.end()
            if not name:
                continue
            pos = st + m.end() - len(name)
            if len(name) - len(m.group(0)) <= 4 and pos > st and re.match(r"建设(?:[。;]|$)", scan[st + m.end():]):
                continue                           # "加快能源基地项目建设。": a class of work, not a name
            # a name standing as a sentence of its own ("(一)弦山路北延工程。全长…,总投资1.1亿元")
            alone = piece.endswith(name) and re.fullmatch(r"(?:新建|改建|扩建|迁建|续建|新开工)?", piece[: len(piece) - len(name)]) \
                and (st == 0 or scan[st - 1] in "。;")
            am = _amount_following(scan[st + m.end():], alone)
            if am is None:
                # the project's investment later in its sentence, no other project named between
                # ("完成运河区老旧管网改造工程,改造供热管网46公里,计划投资1.9亿元")
                rest = re.split(r"[。;]", scan[st + m.end():], maxsplit=1)[0]
                later = _LATER_INVESTMENT.search(rest)
                if later and not _SUFFIX.search(rest[: later.start()]) and not re.search(r"[((]", rest[: later.start()]):
                    am = later
            out.append((name, pos, _money(am) if am else None))
    # a thing being built named without 项目/工程, its total investment directly after it:
    # "建设佛子岭至诸佛庵旅游公路,总投资1.6亿元", "建设县域远程心电诊断中心,项目总投资680万元"
    for m in _BUILT_NAMED.finditer(scan):
        core = m.group("name")
        if any(core in n or n in core for n, _, _ in out) or _SUFFIX.search(core) or "及" in core:
            continue
        if any(p < m.start() and scan[p + len(n):].startswith("。") and "。" not in scan[p + len(n) + 1: m.start()]
               for n, p, _ in out):
            continue                               # "X项目。新建牛舍…,总投资…": the heading's project is built
        if (_GENERIC_START.match(core) or _GENERIC_END.search(core) or re.match(r"[\d.]", core) or _AREA.search(core)
                or _MEASURE.search(core) or _STOP_ANYWHERE_LONG.search(core) or "等" in core):
            continue
        am = _amount_after(scan[m.end("name"):])
        if am and am.group("what") and "总投资" in am.group("what"):
            out.append((core, m.start("name"), _money(am)))
    return out


_LATER_INVESTMENT = re.compile(r"[,,]\s*(?P<what>(?:项目|工程)?(?:计划|概算|估算)?总投资|计划(?:完成)?投资)\s*(?:约|达|为|共)?\s*"
                               r"(?P<amount>(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?\s*(?:余|多)?\s*(?:亿元|万元|千元|亿美元|万美元))")
# an entry printed as key-value pairs, opening with the project's name
_KV_PROJECT = re.compile(r"^项目名称\s*:\s*[^;;]{3,}[;;].*(?:投资|责任单位|牵头单位|建设单位)")
_BUILT_NAMED = re.compile(r"(?:新建|建设|建成|实施|改建|扩建|迁建)(?P<name>[^,。;:、()“”《》\s\d]{4,24}?)(?=[,,]\s*(?:项目|工程)?(?:计划|概算|估算)?总投资)")


def _amount_following(after: str, alone: bool = False) -> re.Match[str] | None:
    """The amount printed after a project's name, in its clause ("X项目,总投资…",
    "X工程:计划投资…", "X项目(总投资5亿元)") or opening the next sentence
    when the name stands alone ("X项目。总投资12.5亿元,…")."""
    am = _amount_after(re.split(r"[。;]", after, maxsplit=1)[0])
    if am is None and after.startswith("。"):
        nxt = re.split(r"[。;]", after[1:], maxsplit=1)[0]
        if re.match(r"\s*(?:项目)?(?:计划|概算|估算)?总?投资", nxt):
            am = _amount_after(nxt)
        elif alone:
            # the name is the item's heading: the next sentence's total is its own, else
            # its investment ("…86公里,投资1250万元"), never a year's share (年度计划投资)
            am = re.search(r"(?P<what>(?:计划|概算|估算)?总投资)\s*(?:约|达|为|共)?\s*"
                           r"(?P<amount>\d+(?:\.\d+)?\s*(?:亿元|万元|千元|元|亿美元|万美元))", nxt) \
                or re.search(r"(?:^|(?<=[,,]))\s*(?P<what>(?:项目|工程)?投资|安排资金)\s*(?:约|达|为|共)?\s*"
                             r"(?P<amount>\d+(?:\.\d+)?\s*(?:亿元|万元|千元|元|亿美元|万美元))", nxt)
    return am


def _amount_text(text: str, name: str, pos: int) -> str | None:
    am = _amount_following(text[pos + len(name):])
    return am.group(0).strip(" ,:()。") if am else None


# -- project tables ----------------------------------------------------------

@dataclass
class ProjectRow:
    line: Line
    name: str
    amount: object | None       # Amount
    amount_text: str | None
    lead: str | None
    lead_label: str | None
    leader: str | None = None        # a person in a 责任领导 column
    leader_label: str | None = None


@dataclass
class ProjectTable:
    header: Line
    rows: list[ProjectRow]

    def __iter__(self):
        return iter(self.rows)


_NAME_COL = re.compile(r"^(?:项目名称|项目|工程名称|名称)$")
_TOTAL_COL = re.compile(r"^(?:计划|概算|估算)?总投资(?:额)?(?:\((?P<unit>亿元|万元|元)\))?$")
_INVEST_COL = re.compile(r"^(?:\d{4}年|年度|当年|本年)?(?:计划)?(?:完成)?投资(?:额)?(?:\((?P<unit>亿元|万元|元)\))?$")
_LEAD_COL = re.compile(r"^(?:责任单位|牵头单位|责任主体|实施单位|责任部门|牵头部门|建设单位|业主单位)$")
_LEADER_COL = re.compile(r"^(?:责任领导|牵头领导|包抓领导|包联领导|分管领导|挂点领导|联系领导|(?:县|市|区|镇|乡)级(?:责任|包抓|联系)?领导)$")


def _cells(ln: Line) -> list[str] | None:
    """A table row's cells, split by | (in the normalised text) or tabs (as printed)."""
    if ln.norm.count("|") >= 2:
        return [c.strip() for c in ln.norm.strip("| ").split("|")]
    if ln.raw.strip("\t ").count("\t") >= 2:
        return [normalize(c) for c in re.split(r"\t", ln.raw.strip("\t "))]
    return None


def project_tables(lines: list[Line]) -> list[ProjectTable]:
    """Tables of projects ("序号 | 项目名称 | … | 总投资(亿元) | … | 责任单位"),
    cells split by | or tabs: each row a project with its total investment (in
    the header's unit) and the body responsible for it.

    >>> from loaders.text import read_text
    >>> t = project_tables(read_text("序号|项目名称|总投资(亿元)|责任单位\\n1|临港物流园项目|15.2|区经信局").lines)
    >>> [(r.name, r.amount.value, r.amount.unit, r.lead) for r in t[0]]
    [('临港物流园项目', 15.2, '亿元', '区经信局')]
    """
    out: list[ProjectTable] = []
    i = 0
    while i < len(lines):
        cells = _cells(lines[i])
        cols = [re.sub(r"\s", "", c) for c in cells] if cells else []
        name_at = next((k for k, c in enumerate(cols) if _NAME_COL.match(c)), None)
        total_at = next((k for k, c in enumerate(cols) if _TOTAL_COL.match(c)), None)
        if total_at is None:
            total_at = next((k for k, c in enumerate(cols) if _INVEST_COL.match(c)), None)
        if name_at is None or total_at is None:
            i += 1
            continue
        m = _TOTAL_COL.match(cols[total_at]) or _INVEST_COL.match(cols[total_at])
        unit = m.group("unit") if m else None
        lead_at = next((k for k, c in enumerate(cols) if _LEAD_COL.match(c)), None)
        leader_at = next((k for k, c in enumerate(cols) if _LEADER_COL.match(c)), None)
        table = ProjectTable(lines[i], [])
        i += 1
        while i < len(lines):
            row = _cells(lines[i])
            if row is None or abs(len(row) - len(cols)) > 1 or len(row) <= max(name_at, total_at):
                break
            name = re.sub(r"\s", "", row[name_at])
            if name and not re.fullmatch(r"(?:合计|小计|总计|共计)", name):
                raw = row[total_at].replace(" ", "")
                amount = parse_amount(raw) if re.search(r"[元]", raw) else (
                    parse_amount(raw + unit) if unit and re.fullmatch(r"\d+(?:\.\d+)?", raw) else None)
                lead = row[lead_at].strip() if lead_at is not None and lead_at < len(row) and row[lead_at].strip() else None
                leader = row[leader_at].strip() if leader_at is not None and leader_at < len(row) and row[leader_at].strip() else None
                table.rows.append(ProjectRow(lines[i], name, amount, raw if amount else None, lead,
                                             cols[lead_at] if lead is not None else None,
                                             leader, cols[leader_at] if leader is not None else None))
            i += 1
        if table.rows:
            out.append(table)
    return out


# -- contact ---------------------------------------------------------------

_CONTACT = re.compile(
    r"联系人\s*[::]\s*(?P<who>[^,;。:]{2,24}?)\s*[,;]?\s*(?:联系)?(?:电话|手机)\s*[::]?\s*(?P<phone>[\d\-—()]{5,20})"
)


def find_contact(text: str) -> tuple[str, str | None, str] | None:
    """(name, office or None, phone).

    >>> find_contact("联系人:政务公开处王海莉,联系电话:88172210,邮箱:a@b.cn。")
    ('王海莉', '政务公开处', '88172210')
    >>> find_contact("联系人:张三,电话:0411-1234567")
    ('张三', None, '0411-1234567')
    """
    m = _CONTACT.search(text)
    if not m:
        return None
    who = m.group("who").replace(" ", "")
    office = None
    om = re.match(r"^(.{2,16}?(?:处|科|室|办|股|中心|局|部))([\u4e00-\u9fff]{2,4})$", who)
    if om:
        office, who = om.group(1), om.group(2)
    return who, office, m.group("phone")


# -- the loader ----------------------------------------------------------------

_LABEL_LINE = re.compile(r"^(牵头单位|责任单位|牵头领导|配合单位|完成时限)\s*:")
_DUTY_LINE = re.compile(r"[\u4e00-\u9fff]{2,20}(?:主要职责|工作职责)\s*:")


@register
class WorkPlanLoader(Loader):
    kind = "work_plan"
    description = "narrative work plans (工作要点/工作计划/工作安排) and compilations of several (第一篇 …)"

    def score(self, src: SourceText) -> float:
        lines = src.lines
        if not lines:
            return 0.0
        titles = sum(1 for ln in lines if _BARE_TITLE.match(ln.norm) or (_PART.match(ln.norm) and re.search(_PLAN_WORDS, ln.norm)))
        # the lines that can be a title: before the first section, short, not a sentence
        heads = []
        for ln in lines[:40]:
            if _H1.match(ln.norm) and _marker(ln.norm):
                break
            t = re.sub(r"^(?:名\s*称|标\s*题|文件名称)\s*[:|]?\s*", "", ln.norm)
            if len(t) <= 100 and not re.search(r"[。,;:]", t):
                heads.append(t)
        plan_title = any(re.search(_PLAN_WORDS, h) or _YEAR_ARRANGEMENT.search(h) for h in heads)
        other_kind = any(_OTHER_KINDS.search(h) for h in heads)
        parts = sum(1 for ln in lines if _PART.match(ln.norm))
        items = sum(1 for ln in lines if _H2.match(ln.norm) or _H3.match(ln.norm))
        shi = sum(len(_SHI.findall(ln.norm)) for ln in lines)
        tails = sum(1 for ln in lines if (t := closing_paren(ln.norm)) and parse_units(t.inner))
        s = 0.0
        s += 0.45 if plan_title else 0.0
        s += min(0.1, 0.05 * titles)
        s += 0.15 if parts >= 2 else 0.0
        s += min(0.1, (items + shi) / 100)
        s += min(0.1, tails / 20)
        if not plan_title and parts < 2:
            s *= 0.4
        # a plan titled as a task decomposition, a duty division or a delegation is one of those
        if other_kind and parts < 2:
            s = min(s, 0.15)
        # label lines belong to task tables, "X局主要职责:" to duty divisions
        label_lines = sum(1 for ln in lines if _LABEL_LINE.match(ln.norm))
        duty_lines = sum(1 for ln in lines if "职责" in ln.norm and _DUTY_LINE.search(ln.norm))
        # (a plan titled as one keeps its label lines under its items: "责任单位:…" below "(一)…")
        if label_lines >= 3 and not plan_title:
            s = min(s, 0.15)
        if duty_lines >= 3:
            s = min(s, 0.15)
        return round(min(s, 0.8), 3)

    def parse(self, src: SourceText, aliases: AliasTable) -> list[DocumentGraph]:
        header, parts = split_parts(src.lines)
        comp = None
        if len(parts) > 1:
            page_title_line = next((ln for ln in header if _BARE_TITLE.match(ln.norm)), header[0] if header else parts[0].heading)
            page_title = page_title_line.norm if page_title_line else "汇编"
            page_date = next((parse_date(ln.norm) for ln in header if re.search(r"发布(时间|日期)", ln.norm)), None)
            metas = [part_meta(p) for p in parts]
            key = f"汇编:{page_title}|" + "、".join(m.title for m, _ in metas)
            props = {"title": page_title, "status": "in force", "kind": self.kind, "source_file": Path(src.path).name,
                     "loaded": True, "doc_key": key}
            if page_date:
                props["date_published"] = page_date
            comp = (node_id("Document", key), page_title, props, page_title_line)
        else:
            metas = [part_meta(parts[0])]
        out = []
        for part, (meta, signers) in zip(parts, metas):
            b = self.builder(src, aliases, lines=part.lines, part=part.label if comp else None, meta=meta)
            if comp is not None:
                cid, ctitle, cprops, cline = comp
                b._add_node(cid, "Document", ctitle, cprops, cline, cline.raw)
                b.edge("PART_OF", b.doc_id, cid, part.heading or cline)
            for line, name in signers:
                if name == meta.issuer:
                    continue
                aid = self._signer(b, name, line)
                if aid:
                    b.edge("ISSUED", aid, b.doc_id, line)
            self._read_body(b, part, meta)
            out.append(b.build())
        return out

    # -- helpers -------------------------------------------------------------
    def _signer(self, b: DocBuilder, name: str, line: Line) -> str | None:
        if name.startswith("中共"):
            cm = re.search(r"中共([\u4e00-\u9fff]{2,3}市)", name)
            a = AgencyName(name, clean_name(name), cm.group(1) if cm else b.ctx.home, type="party")
            return b.agency(name, line, resolved=a)
        return b.agency(name, line)

    def _read_body(self, b: DocBuilder, part: Part, meta: DocMeta) -> None:
        lines = [ln for ln in part.lines if ln.no > meta.title_line] if meta.title_line else part.lines
        # "(列第一位者为牵头单位,下同)": in a list of 责任单位 the first body leads, the others assist
        self._first_leads = any(_FIRST_LEADS.search(ln.norm) for ln in lines)
        tables = project_tables(lines)
        in_table = {row.line.no for t in tables for row in t} | {t.header.no for t in tables}
        # the line just before a table (its heading: "二、重点项目清单") heads the table, it is no duty
        nos = [ln.no for ln in lines]
        before_table = {nos[nos.index(t.header.no) - 1] for t in tables if t.header.no in nos and nos.index(t.header.no) > 0}
        for t in tables:
            for row in t:
                self._table_project(b, row)
        lines = [ln for ln in lines if ln.no not in in_table]
        roots = item_tree(lines)
        in_duty: set[int] = set()

        def walk(node: Node, path: list[str], sections: list[str], leaders: list[tuple[str, str, Line]]) -> None:
            number_path = path + [node.marker]
            lm = _LEADER_HEADING.match(node.head) if node.level <= 2 else None
            if lm and (looks_like_agency(lm.group("name")) or lm.group("name")[-1] in "室局委办部处科厅组会"):
                lm = None                          # "办公室主任负责工作": an office, not a person
            if lm:
                leaders = leaders + [(lm.group("name"), lm.group("title"), node.lines[0])]
            if node.children:
                for c in node.children:
                    walk(c, number_path, sections + [_section_title(node)], leaders)
                return
            if _KV_PROJECT.match(_clean_text(node.head)):
                self._kv_project(b, node)
                in_duty.update(ln.no for ln in node.lines)
                return
            if len(node.lines) == 1 and not node.labels and node.lines[0].no in before_table \
                    and not re.search(r"[。;]", node.head):
                return
            self._duty(b, node, ".".join(number_path), " / ".join(sections) or None, leaders)
            in_duty.update(ln.no for ln in node.lines)

        for r in roots:
            walk(r, [], [], [])
        # projects named outside the duties (preamble, section introductions)
        for ln in lines:
            if ln.no not in in_duty:
                self._projects(b, _clean_text(ln.norm), [ln], None)
        for ln in part.lines:
            c = find_contact(ln.norm)
            if c:
                who, office, phone = c
                oid = b.official(who, ln, title=office)
                if oid:
                    b.edge("CONTACT_FOR", oid, b.doc_id, ln, phone=phone)

    def _duty(self, b: DocBuilder, node: Node, number: str, section: str | None,
              leaders: list[tuple[str, str, Line]] | None = None) -> None:
        # assignments closing a paragraph of the item (an item may hold several)
        assigned: list[tuple[str, str, str, Line]] = []
        texts = list(node.texts)
        for k, t in enumerate(texts[:-1]):
            tail = closing_paren(t)
            if tail and (units := parse_units(tail.inner)):
                assigned += [(kind, role, printed, node.lines[k]) for kind, role, printed in units]
                texts[k] = t[: tail.start].rstrip()
        text = _clean_text("".join(texts))
        tail = closing_paren(text)
        units = parse_units(tail.inner) if tail else None
        if tail and units:
            text = text[: tail.start].rstrip()
            units_line = node.lines[-1]
            inner = re.sub(r"\s", "", tail.inner)[:8]
            for ln in reversed(node.lines):
                if inner and inner in re.sub(r"\s", "", ln.norm):
                    units_line = ln
                    break
            assigned += [(kind, role, printed, units_line) for kind, role, printed in units]
        if not (tail and units) and not node.labels:
            # the assignment run on after the item's last sentence, without brackets:
            # "…新建加工厂1座。责任领导:陈国华;责任单位:镇农业服务中心"
            m = re.search(r"(?:^|(?<=[。;]))\s*(?=" + _LABEL.pattern + ")", text)
            if m and m.start() > 0 and (run := parse_units(text[m.start():])):
                line = self._line_of(node, text[m.start(): m.start() + 8])
                assigned += [(kind, role, printed, line) for kind, role, printed in run]
                text = text[: m.start()].rstrip()
        if node.labels:
            joined = ";".join(ln.norm.rstrip("。;;") for ln in node.labels)
            for kind, role, printed in parse_units(joined) or []:
                line = next((ln for ln in node.labels if ln.norm.startswith(role)), node.labels[0])
                assigned.append((kind, role, printed, line))
        heading_only = node.level <= 2 and not re.search(r"[。;]", node.head) and len(node.lines) > 1
        duties: list[tuple[str, str, str | None, Line]] = []
        if heading_only:
            body = text[len(_clean_text(node.head)):].strip() or text
            duties.append((number, body, _clean_text(node.head), node.lines[0]))
        else:
            duties.append((number, text, None, node.lines[0]))
        # 一是…二是… inside the item
        num, body, name, first = duties[0]
        marks = []
        expect = 1
        for m in _SHI.finditer(body):
            if _cn_value(m.group(1)) == expect:
                marks.append(m)
                expect += 1
        if len(marks) >= 2:
            lead = body[: marks[0].start()].strip()
            subs = []
            for k, m in enumerate(marks):
                end = marks[k + 1].start() if k + 1 < len(marks) else len(body)
                subs.append((f"{num}.{m.group(1)}是", body[m.end(): end].strip(), None,
                             self._line_of(node, body[m.end(): m.end() + 8])))
            duties = ([(num, lead, name, first)] if lead else []) + subs

        parent_section = section
        deadline = next((printed for kind, _, printed, _ in assigned if kind == "DEADLINE"), None)
        if deadline is None and assigned and len(duties) == 1:
            # an assigned task whose parenthesis gives no time: the dated "…前" clauses in its
            # text ("2025年6月底前开通…"), the latest of them ("2025年建成" is a target, not a deadline)
            dated = [(d, dd) for m in _TEXT_DEADLINE.finditer(text) if (dd := deadline_date(d := m.group(1)))]
            if dated:
                deadline = max(dated, key=lambda p: p[1])[0]
        assigned = [u for u in assigned if u[0] != "DEADLINE"]
        year = plan_year(b.meta.title, b.meta.date_written)
        for k, (dn, dtext, dname, dline) in enumerate(duties):
            if not dtext:
                continue
            sec = parent_section
            if dn != number and (name or lead_name(duties[0][1])):
                sec = " / ".join(x for x in (parent_section, f"{node.marker}{name or lead_name(duties[0][1])}") if x)
            did = b.duty(dn, dtext, dline, section=sec, name=dname, deadline=deadline,
                         deadline_date=deadline_date(deadline, year) if deadline else None)
            for name, title, hline in leaders or []:
                oid = b.official(name, hline, title=title)
                if oid:
                    b.edge("LEADS", oid, did, hline, role="主抓")
            for kind, role, printed, units_line in assigned:
                printed = _FIRST_LEADS_NOTE.sub("", printed).strip()
                if self._first_leads and kind == "LEADS" and role.startswith("责任") and len(parts := split_list(printed)) > 1:
                    # the first body listed leads, the others assist
                    first, *rest = parts
                    for kind2, names in (("LEADS", first), ("ASSISTS", "、".join(rest))):
                        for aid in b.agencies(_join_words_as_commas(names), units_line):
                            b.edge(kind2, aid, did, units_line, role=role)
                    continue
                if role in _OFFICIAL_LABELS:
                    for who in split_list(printed):
                        m = re.match(r"^(?P<title>.*?(?:书记|主任|县长|市长|区长|镇长|乡长|局长|组长|主席|部长|秘书长))?\s*(?P<name>[\u4e00-\u9fff ]{2,5})$", who)
                        oid = b.official(m.group("name") if m else who, units_line,
                                         title=m.group("title") if m and m.group("title") else None)
                        if oid:
                            b.edge(kind, oid, did, units_line, role=role)
                    continue
                for aid in b.agencies(_join_words_as_commas(printed), units_line):
                    b.edge(kind, aid, did, units_line, role=role)
            self._projects(b, dtext, node.lines, did)

    def _kv_project(self, b: DocBuilder, node: Node) -> None:
        """An entry printed as key-value pairs ("项目名称:X;建设内容:…;总投资:4.2亿元;责任单位:Y"):
        a project, led by its 责任单位, as a project table's row is."""
        text = _clean_text("".join(node.texts))
        fields: dict[str, str] = {}
        for m in re.finditer(r"([\u4e00-\u9fff]{2,8})\s*:\s*([^;;]*)", text):
            fields.setdefault(m.group(1), m.group(2).strip(" 。"))
        name = re.sub(r"\s", "", fields.get("项目名称", ""))
        if not name:
            return
        total = next((fields[k] for k in ("总投资", "计划总投资", "概算总投资", "估算总投资", "投资", "计划投资", "总投资额") if k in fields), "")
        amount = parse_amount(total) if total else None
        lead = next((fields[k] for k in ("责任单位", "牵头单位", "建设单位", "业主单位", "实施单位") if k in fields), None)
        self._table_project(b, ProjectRow(node.lines[0], name, amount, total if amount else None, lead,
                                          next((k for k in ("责任单位", "牵头单位", "建设单位", "业主单位", "实施单位") if k in fields), None)))

    def _table_project(self, b: DocBuilder, row: "ProjectRow") -> None:
        kwargs = {}
        if row.amount is not None:
            kwargs = {"amount": row.amount.value, "unit": row.amount.unit, "amount_yuan": row.amount.yuan,
                      "amount_text": row.amount_text}
        pid = b.project(row.name, row.line, **kwargs)
        for who in split_list(row.leader) if row.leader else []:
            m = re.match(r"^(?P<title>.*?(?:书记|主任|县长|市长|区长|镇长|乡长|局长|委员|部长|主席))?\s*(?P<name>[\u4e00-\u9fff]{2,4})$", who.strip())
            oid = b.official(m.group("name") if m else who, row.line, title=m.group("title") if m and m.group("title") else None)
            if oid:
                b.edge("LEADS", oid, pid, row.line, role=row.leader_label)
        if row.lead:
            for aid in b.agencies(_join_words_as_commas(row.lead), row.line):
                b.edge("LEADS", aid, pid, row.line, role=row.lead_label)

    @staticmethod
    def _line_of(node: Node, snippet: str) -> Line:
        snippet = re.sub(r"\s", "", snippet)[:6]
        for ln in node.lines:
            if snippet and snippet in _clean_text(ln.norm).replace(" ", ""):
                return ln
        return node.lines[0]

    def _projects(self, b: DocBuilder, text: str, lines: list[Line], duty: str | None) -> None:
        for name, pos, amount in find_projects(text):
            line = lines[0]
            for ln in lines:
                if name in _clean_text(ln.norm):
                    line = ln
                    break
            kwargs = {}
            if amount is not None:
                kwargs = {"amount": amount.value, "unit": amount.unit, "amount_yuan": amount.yuan,
                          "amount_text": _amount_text(text, name, pos)}
            pid = b.project(name, line, **kwargs)
            if duty:
                b.edge("CONCERNS", duty, pid, line)


def _join_words_as_commas(printed: str) -> str:
    """A list of bodies joined by 及/以及/和 is a list: "市级各有关部门及各县市区政府",
    "市财政局和市税务局" (not 住房和城乡建设局: 和 only after a body's name).

    >>> _join_words_as_commas("市级各有关部门及各县市区政府"), _join_words_as_commas("市住房和城乡建设局")
    ('市级各有关部门、各县市区政府', '市住房和城乡建设局')
    """
    printed = re.sub(r"(?<=[局委办室府门位会心司处所院队站])(?:以及|及|和)(?=[市县区镇乡各省有相其])", "、", printed)
    return _town_governments(printed)


_TOWN_GOV = re.compile(r"^(?P<town>[\u4e00-\u9fff]{2,6}?[镇乡])(?:人民)?政府$")


def _town_governments(printed: str) -> str:
    """A town's government is its 人民政府, and towns listed before one that names its
    government share it: "佛子岭镇、诸佛庵镇政府" → 佛子岭镇人民政府、诸佛庵镇人民政府.

    >>> _town_governments("县住房城乡建设局、衡山镇政府"), _town_governments("佛子岭镇、诸佛庵镇政府")
    ('县住房城乡建设局、衡山镇人民政府', '佛子岭镇人民政府、诸佛庵镇人民政府')
    """
    items = printed.split("、")
    if not any(_TOWN_GOV.match(i.strip()) for i in items):
        return printed
    out = []
    for k, item in enumerate(items):
        it = item.strip()
        m = _TOWN_GOV.match(it)
        if m:
            out.append(m.group("town") + "人民政府")
        elif re.fullmatch(r"[\u4e00-\u9fff]{2,6}?[镇乡]", it) and any(_TOWN_GOV.match(x.strip()) for x in items[k + 1:]):
            out.append(it + "人民政府")
        else:
            out.append(item)
    return "、".join(out)


def lead_name(text: str) -> str:
    return re.split(r"[。;]", text, maxsplit=1)[0][:24]
