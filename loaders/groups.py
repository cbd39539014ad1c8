"""Leadership groups (领导小组, 工作专班) and their rosters, for any loader.

What is read
------------
* **The group's name.** A roster title "X领导小组成员名单" / "X领导小组组成人员"
  gives the full name X领导小组; "成立(了)X领导小组" in a sentence gives a name
  too. A short name that ends a full one ("专项行动领导小组" in "全区…专项行动
  领导小组") is the same group.
* **The roster.** Label lines after the roster title (or anywhere when the
  document has one group): "组长:", "第一组长:", "常务副组长:", "副组长:",
  "成员:", "组员:" (stray spaces inside the label are removed: "副 组 长:").
  A value, or each following line while the label lasts, is "姓名 职务"
  ("于 淼 区委常委、区政府副区长" → 于淼, title 区委常委、区政府副区长).
  组长/第一组长 → Official HEADS Group (role as printed); every other role →
  Official MEMBER_OF Group (role as printed, title as printed). A value that is
  not a person ("各镇街(经济园区管委会)、区政府各部门主要负责同志", "成员单位:
  A、B") is a list of bodies: each Agency MEMBER_OF the group. One line may
  name several people ("林志强 副市长、陈素芬 市政府秘书长", "王一、李二",
  "吴志明(市政府副秘书长)、蔡国庆(市工信局局长)、"); a title may stand before
  or after the name without a space ("副市长张三", "张三副市长"). A roster printed
  as a table (职务 | 姓名 | 单位及职务) is read row by row the same way.
* **A group founded in one sentence.** "成立以县委书记A任组长,县委副书记、县长B任
  第一副组长,副县长C、D任副组长,县委办、县财政局等单位主要负责同志为成员的X领导
  小组": each clause "titles names 任 role" (the titles shared by the names after
  them); a clause of bodies makes each body a member (role as printed).
* **Where the roster starts.** After its title; under a heading that names no
  group ("一、领导小组组成人员": the group founded or named in the document's
  title); without a title, after the sentence founding the group ("成立X领导
  小组,组成人员如下:") when role labels follow it, else anywhere.
* **The office.** "领导小组办公室设在X" (also "下设办公室在X", "下设办公室(设在X)") → Group "…领导小组办公室" PART_OF the
  group and PART_OF Agency X (the body that houses it); "办公室主任由X主任Y
  同志担任" / "办公室主任由X局长Y兼任" / "Y同志任办公室主任" / "(由)X局长Y兼任
  办公室主任", on the same line or a later one → Y HEADS the office (role 办公室主任).
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .names import clean_name, person_name
from .text import Line, strip_label_spaces

if TYPE_CHECKING:  # pragma: no cover
    from .base import DocBuilder

__all__ = ["read_groups", "GROUP_NAME", "ROLE_LABEL", "LEADER_TITLE", "split_person", "split_people"]

_GROUP_WORD = r"(?:领导小组|工作小组|指挥部|工作专班|专班)"
GROUP_NAME = re.compile(rf"([^\s,。;:、()]{{2,60}}?{_GROUP_WORD})")
_ROSTER_TITLE = re.compile(rf"^(?:附件\s*\d*\s*[::]?\s*)?(?:\d{{1,2}}\s*[.、]\s*|[一二三四五六七八九十]+、\s*|\([一二三四五六七八九十]+\)\s*)?(.{{0,80}}?{_GROUP_WORD})\s*(?:成员名单|组成人员名单|组成人员|成员)\s*$")
_FOUNDED = re.compile(rf"成立(?:了)?(?:以[^,。]{{2,20}}为组长的)?([^\s,。;:、()]{{2,60}}?{_GROUP_WORD})")
ROLE_LABEL = re.compile(r"^(第一组长|常务副组长|执行副组长|副组长|组长|成员单位|成员|组员|秘书长)\s*[::]\s*(.*)$")
_OFFICE = re.compile(rf"({_GROUP_WORD})?办公室设在([^,。;,]{{2,40}}?)(?:[,。;,]|$)")
_OFFICE_HEAD = re.compile(
    r"办公室主任由([^,。;]{0,30}?(?:主任|局长|部长|处长|科长|书记|主席|负责人|[区市县]长))?"
    r"([\u4e00-\u9fff]{2,3}|[\u4e00-\u9fff] [\u4e00-\u9fff]{1,2})(?:同志)?(?:兼任|担任|兼)"
    r"|([\u4e00-\u9fff]{2,3})同志(?:兼)?任(?:领导小组)?办公室主任"
    r"|(?:由|(?<=[,;]))([^,。;]{0,30}?(?:主任|局长|部长|处长|科长|书记|主席|负责人|[区市县]长))?"
    r"([\u4e00-\u9fff]{2,3})(?:同志)?兼任(?:领导小组)?办公室主任"
)
_NARRATIVE = re.compile(rf"成立(?:了)?以(.+)的([^\s,。;:、()的]{{2,60}}?{_GROUP_WORD})")
_NARRATIVE_CLAUSE = re.compile(r"^(.+?)(?:任|担任|为)(第一组长|常务副组长|执行副组长|第一副组长|副组长|组长|成员单位|成员)$")
_TITLED_NAMES = re.compile(r"^(.*?(?:长|书记|主任|常委|委员|秘书长|政委|主席))((?:[\u4e00-\u9fff]{2,3}、)*[\u4e00-\u9fff]{2,3})$")
_PERSON_SUFFIX = re.compile(r"(主要负责同志|主要负责人|负责同志|分管负责同志|负责人|主要领导|分管领导)$")
_STOP = re.compile(r"^(附件\s*\d*\s*[::]?|[一二三四五六七八九十]+、|\(?[一二三四五六七八九十]+\)|\d{1,2}\s*[.、])")


# leaders' titles printed run together with a name ("副市长张三", "张三副市长")
LEADER_TITLE = (r"(?:[省市区县州旗镇乡]政府|[省市区县州旗镇乡]委)?(?:常务)?副?(?:[省市区县州旗镇乡]长|秘书长|书记)"
                 r"|(?:[省市区县州旗]委)?常委")


def split_person(value: str) -> tuple[str, str | None] | None:
    """(name, title) from "姓名 职务" with stray spaces in the name, or None.

    >>> split_person("宋 锦 区政府副区长")
    ('宋锦', '区政府副区长')
    >>> split_person("林学玮 区委副书记、区政府区长")
    ('林学玮', '区委副书记、区政府区长')
    >>> split_person("张三(区财政局局长)")
    ('张三', '区财政局局长')
    >>> split_person("各镇街(经济园区管委会)、区政府各部门主要负责同志") is None
    True
    >>> split_person("副市长张三"), split_person("李小明常务副区长"), split_person("市政府副秘书长王五")
    (('张三', '副市长'), ('李小明', '常务副区长'), ('王五', '市政府副秘书长'))
    """
    value = value.strip()
    m = re.match(r"^([\u4e00-\u9fff ]{2,6}?)\s*\(([^()]{2,40})\)\s*$", value)
    if m and person_name(m.group(1)):
        return person_name(m.group(1)), m.group(2).strip()
    # a leader's title written before or after the name, without a space
    m = re.fullmatch(rf"({LEADER_TITLE})\s*([\u4e00-\u9fff]{{2,3}})(?:同志)?", value)
    if m and person_name(m.group(2)):
        return person_name(m.group(2)), m.group(1)
    m = re.fullmatch(rf"([\u4e00-\u9fff]{{2,3}}?)({LEADER_TITLE})", value)
    if m and person_name(m.group(1)):
        return person_name(m.group(1)), m.group(2)
    tokens = value.split(" ")
    name = tokens[0]
    i = 1
    while i < len(tokens) and (len(tokens[i]) == 1 or len(name) == 1) and len(name) + len(tokens[i]) <= 4:
        name += tokens[i]
        i += 1
    p = person_name(name)
    if not p or len(name) > 4:
        return None
    title = " ".join(tokens[i:]).strip() or None
    return p, title


class _Roster:
    def __init__(self, b: "DocBuilder"):
        self.b = b
        self.names: dict[str, str] = {}      # name → group node ID

    def group(self, name: str, line: Line) -> str:
        name = clean_name(name)
        for full, gid in self.names.items():
            if full.endswith(name) or name.endswith(full):
                if len(name) > len(full):        # a fuller name seen later wins
                    continue
                self.b.group(full, line)
                return gid
        gid = self.b.group(name, line)
        self.names[name] = gid
        return gid


def read_groups(b: "DocBuilder", lines: list[Line]) -> list[str]:
    """Read every leadership group, its roster and its office; returns the
    group node IDs."""
    r = _Roster(b)
    # full names first (roster titles), then groups founded in the text
    titles: list[tuple[int, str]] = []
    generic: list[tuple[int, Line, str]] = []     # "一、领导小组组成人员": the group named elsewhere
    for k, ln in enumerate(lines):
        m = _ROSTER_TITLE.match(ln.norm)
        if m and re.fullmatch(_GROUP_WORD, clean_name(m.group(1))):
            generic.append((k, ln, m.group(1)))
        elif m:
            titles.append((k, r.group(m.group(1), ln)))
    founded_at: int | None = None
    for k, ln in enumerate(lines):
        for m in _FOUNDED.finditer(ln.norm):
            r.group(m.group(1), ln)
            founded_at = k if founded_at is None else founded_at
    narrated: list[tuple[Line, str, str]] = []   # (line, group ID, the clauses naming its members)
    for k, ln in enumerate(lines):
        for m in _NARRATIVE.finditer(ln.norm):
            narrated.append((ln, r.group(m.group(2), ln), m.group(1)))
            founded_at = k if founded_at is None else founded_at
    if generic and r.names:
        titles = sorted(titles + [(k, r.group(name, ln)) for k, ln, name in generic])
    if not r.names:
        return []
    only = next(iter(r.names.values())) if len(set(r.names.values())) == 1 else None
    # without a roster title, the roster follows the sentence founding the group
    # ("成立X领导小组,组成人员如下:"), or stands anywhere in the text
    if titles:
        starts = titles
    elif only:
        starts = [(founded_at if founded_at is not None and _roster_follows(lines, founded_at) else -1, only)]
    else:
        starts = []
    for k, gid in starts:
        _read_roster(b, lines[k + 1:], gid)
    for ln, gid, clauses in narrated:
        _read_narrative(b, gid, clauses, ln)
    office = None
    for ln in lines:
        office = _read_office(b, r, ln, only or (titles[-1][1] if titles else None), office)
    return list(dict.fromkeys(r.names.values()))


def _roster_follows(lines: list[Line], k: int) -> bool:
    """True when a role label ("组长:") comes within a few lines after line k."""
    return any(ROLE_LABEL.match(_as_label(ln.norm)) for ln in lines[k + 1:k + 4])


_ROLE_CELL = re.compile(r"^(第一组长|常务副组长|执行副组长|副组长|组长|成员单位|成员|组员|秘书长)$")


def _as_label(text: str) -> str:
    """A roster line as "role: value"; a table row "组长 | 杨光辉 | 副县长" (cells
    职务 | 姓名 | 单位及职务) becomes "组长:杨光辉 副县长".

    >>> _as_label("副组长 | 陈永清 | 县住房城乡建设局局长")
    '副组长:陈永清 县住房城乡建设局局长'
    """
    text = strip_label_spaces(text)
    if "|" in text:
        cells = [c.strip() for c in text.strip("|").split("|")]
        if len(cells) >= 2 and _ROLE_CELL.match(strip_label_spaces(cells[0])):
            return strip_label_spaces(cells[0]) + ":" + " ".join(c for c in cells[1:] if c)
    return text


_NEXT_PERSON = re.compile(r"[、,;](?=[\u4e00-\u9fff]{2,3}(?: |\())")


def split_people(value: str) -> list[str]:
    """One roster value naming several people, each "姓名 职务", cut into
    entries; titles holding 、 stay whole.

    >>> split_people("林志强 副市长、陈素芬 市政府秘书长")
    ['林志强 副市长', '陈素芬 市政府秘书长']
    >>> split_people("林学玮 区委副书记、区政府区长")
    ['林学玮 区委副书记、区政府区长']
    >>> split_people("王一、李二、张 三")
    ['王一', '李二', '张 三']
    """
    parts = [p.strip() for p in _NEXT_PERSON.split(value) if p.strip()]
    if len(parts) > 1 and all((sp := split_person(p)) and sp[1] for p in parts):
        return parts
    # bare names: "王一、李二、张三"
    names = [p.strip() for p in re.split(r"[、,;]", value) if p.strip()]
    if len(names) > 1 and all(person_name(n) and len(clean_name(n)) <= 3 for n in names):
        return names
    return [value]


def _read_roster(b: "DocBuilder", lines: list[Line], gid: str) -> None:
    role: str | None = None
    for ln in lines:
        text = _as_label(ln.norm)
        m = ROLE_LABEL.match(text)
        if m:
            role, value = m.group(1), m.group(2).strip()
            if value:
                _entry(b, gid, role, value, ln)
            continue
        if role is None:
            if _STOP.match(text) or _ROSTER_TITLE.match(text):
                return
            continue
        if _STOP.match(text) or _OFFICE.search(text) or len(text) > 60 or "。" in text:
            return
        if not _entry(b, gid, role, text, ln):
            return


def _entry(b: "DocBuilder", gid: str, role: str, value: str, ln: Line) -> bool:
    """Add one roster entry; False when the value is neither a person nor bodies."""
    value = value.strip().rstrip("、,;")
    people = split_people(value) if role != "成员单位" else [value]
    if len(people) > 1:
        return all([_entry(b, gid, role, v, ln) for v in people])
    p = split_person(value)
    if p and role != "成员单位":
        name, title = p
        oid = b.official(name, ln, title=title)
        if not oid:
            return False
        heads = role.endswith("组长") and "副" not in role
        b.edge("HEADS" if heads else "MEMBER_OF", oid, gid, ln, role=role, title=title)
        return True
    bodies = _PERSON_SUFFIX.sub("", value.rstrip("。;")).strip()
    if not bodies or re.search(r"[。]", bodies):
        return False
    ids = b.agencies(bodies, ln)
    for aid in ids:
        b.edge("MEMBER_OF", aid, gid, ln, role=role)
    return bool(ids)


def _read_narrative(b: "DocBuilder", gid: str, clauses: str, ln: Line) -> None:
    """The members of a group founded in one sentence: "成立以县委书记A任组长,
    县委副书记、县长B任第一副组长,副县长C、D任副组长,县委办、县财政局等单位
    主要负责同志为成员的X领导小组" — each clause "titles names 任 role"; a
    clause of bodies makes them members (role as printed)."""
    for clause in (c.strip() for c in re.split(r"[,;]", clauses)):
        m = _NARRATIVE_CLAUSE.match(clause)
        if not m:
            continue
        who, role = m.group(1).strip(), m.group(2)
        t = _TITLED_NAMES.match(who)
        names = t.group(2).split("、") if t else []
        if t and names and all(person_name(n) and len(n) <= 3 for n in names) and role != "成员单位":
            title = t.group(1).strip()
            for n in names:
                oid = b.official(n, ln, title=title)
                if oid:
                    heads = role.endswith("组长") and "副" not in role
                    b.edge("HEADS" if heads else "MEMBER_OF", oid, gid, ln, role=role, title=title)
            continue
        bodies = _PERSON_SUFFIX.sub("", who).strip()
        bodies = re.sub(r"等(?:有关)?(?:部门|单位)+$", "", bodies).strip()
        if bodies and not person_name(bodies):
            for aid in b.agencies(bodies, ln):
                b.edge("MEMBER_OF", aid, gid, ln, role=role)


def _read_office(b: "DocBuilder", r: _Roster, ln: Line, default_gid: str | None, office: str | None) -> str | None:
    """Read an office line; returns the office last seen (its director may
    be named on a later line: "办公室主任由X同志兼任")."""
    # "下设办公室在X", "下设办公室(设在X)": the same as "办公室设在X"
    text = re.sub(r"办公室\((设在[^()]{2,40})\)", r"办公室\1", re.sub(r"下设办公室在", "下设办公室设在", ln.norm))
    m = _OFFICE.search(text)
    if m and default_gid is not None:
        gname = next(n for n, g in r.names.items() if g == default_gid)
        office = b.group(gname + "办公室", ln)
        b.edge("PART_OF", office, default_gid, ln)
        host = m.group(2).strip()
        aid = b.agency(host, ln)
        if aid:
            b.edge("PART_OF", office, aid, ln)
    h = _OFFICE_HEAD.search(text)
    if h and office is not None:
        title = (h.group(1) or h.group(4) or "").strip() or None
        who = h.group(2) or h.group(3) or h.group(5)
        oid = b.official(who, ln, title=title)
        if oid:
            b.edge("HEADS", oid, office, ln, role="办公室主任", title=title)
    return office
