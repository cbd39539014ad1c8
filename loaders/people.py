"""People named in documents: names, the titles printed beside them.

One parser of "name and title" for every reader:

* ``张顺彩(市政府副市长)`` — titles in brackets; ``何伟森(市市政局)`` — a unit in
  brackets instead of a title;
* ``孙某 区委常委、副区长``, ``罗  诚  副主任`` — name, spaces, titles (alignment
  spaces inside a name are dropped: ``罗  诚`` → 罗诚);
* ``陈某副省长``, ``副市长张三``, ``滕合方县政府办公室副主任)`` — a title run into
  the name, before or after it;
* cells naming several people: ``裘东耀、赵树梅``, ``陆 明俞 悦`` (two two-character
  names each printed with an alignment space).

A post without a name (``市政府分管副秘书长``, ``各成员单位主要负责同志``) is no
person.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .names import is_collective, looks_like_agency

__all__ = ["Person", "split_person", "split_names", "person_name", "is_post", "TITLE_WORDS"]

# the words a title ends with (a post held by a person)
_TITLE_END = (r"(?:书记|副书记|常委|委员|主任|副主任|局长|副局长|厅长|副厅长|部长|副部长|处长|副处长|科长|副科长|股长|所长|站长|院长|"
              r"校长|行长|经理|总经理|董事长|主席|副主席|秘书长|副秘书长|调研员|巡视员|督学|总工程师|工程师|负责人|队长|中队长|大队长|"
              r"支队长|政委|教导员|馆长|台长|会长|理事长|组长|专员|干事|助理|主任科员|科员|[省市区县州旗镇乡]长|副[省市区县州旗镇乡]长|"
              r"常务副[省市区县州旗镇乡]长|省长|市长|县长|区长|镇长|乡长|州长|旗长|盟长|主委|检察长|庭长|审判长|监察员|指挥长|召集人|联络员|"
              r"[一二三四]级调研员|[一二三四]级主任科员|党组书记|党组成员|党委书记|纪委书记|工委书记|社长|总编|主编|司令员|参谋长|部长助理)")
TITLE_WORDS = _TITLE_END
_TITLE = re.compile(rf"^[\u4e00-\u9fff()、]*{_TITLE_END}$")
_LEAD_TITLE = re.compile(rf"^(?P<title>(?:[\u4e00-\u9fff]{{0,14}}?)(?:常务)?副?(?:[省市区县州旗镇乡]长|秘书长|书记|主任|局长|部长|厅长|常委))(?P<name>[\u4e00-\u9fff]{{2,3}})$")
_TRAIL_TITLE = re.compile(rf"^(?P<name>[\u4e00-\u9fff]{{2,3}}?)(?P<title>(?:[\u4e00-\u9fff()、]{{0,20}}){_TITLE_END})$")
_NAME = re.compile(r"^[\u4e00-\u9fff]{2,4}$|^[\u4e00-\u9fff]{1,8}·[\u4e00-\u9fff]{1,8}$")
_POST = re.compile(r"(?:主要负责同志|主要负责人|负责同志|分管负责同志|分管负责人|负责人|主要领导|分管领导|有关负责同志|领导同志|同志)$"
                   r"|^(?:各|有关|相关|市|县|区|省|镇|乡)?.{0,12}(?:分管|主管).{0,10}$")
# common words that look like two- or three-character names but are not
_NOT_NAMES = set("组长 成员 副组长 组员 主任 副主任 召集人 联络员 秘书长 同志 领导 单位 部门 负责 牵头 配合 全年 长期 持续 年底 每年 "
                 "办公室 工作 职责 任务 各地 各级 有关 相关 其他 名单 如下 以上 以下 附件 通知 意见 方案 县委 市委 区委 省委 政府 "
                 "常务 专班 小组 指挥 委员 主席 副主席 书记 副书记 局长 厅长 处长 科长 县长 市长 区长 省长".split())


@dataclass(frozen=True)
class Person:
    name: str
    titles: tuple[str, ...] = ()
    unit: str | None = None        # a unit printed in brackets instead of a title


def person_name(text: str) -> str | None:
    """A person's name without alignment spaces, or None when it cannot be one.

    >>> person_name("刘 哲"), person_name("于\\u00a0\\u00a0淼同志"), person_name("各有关部门"), person_name("组长")
    ('刘哲', '于淼', None, None)
    """
    s = re.sub(r"[\s\u00a0\u3000]+", "", text).strip(",.;:、。()")
    if s.endswith("同志"):
        s = s[:-2]
    if not _NAME.match(s) or s in _NOT_NAMES or is_collective(s) or looks_like_agency(s) \
            or re.search(r"副|常务|主任|书记|秘书|委员|领导|同志|部门|单位|政府|办公|牵头|负责", s):
        return None
    if re.search(r"[省市县区]$", s) and len(s) <= 3:
        return None
    return s


def is_post(text: str) -> bool:
    """A post without a name: 市政府分管副秘书长, 各成员单位主要负责同志."""
    s = re.sub(r"\s+", "", text)
    return bool(_POST.search(s)) or bool(_TITLE.match(s)) and person_name(s) is None


def _titles(text: str) -> tuple[str, ...]:
    text = text.strip().strip("()").strip()
    if not text:
        return ()
    return tuple(t.strip() for t in re.split(r"[、,]", text) if t.strip())


def split_person(value: str) -> Person | None:
    """The person a roster value names, with titles as printed, or None.

    >>> split_person("张顺彩(市政府副市长)")
    Person(name='张顺彩', titles=('市政府副市长',), unit=None)
    >>> split_person("何伟森(市市政局)")
    Person(name='何伟森', titles=(), unit='市市政局')
    >>> split_person("孙会方(县委常委、县政府常务副县长)").titles
    ('县委常委', '县政府常务副县长')
    >>> split_person("罗  诚  副主任"), split_person("董传胜  工委书记").titles
    (Person(name='罗诚', titles=('副主任',), unit=None), ('工委书记',))
    >>> split_person("滕合方县政府办公室副主任)").name, split_person("陈某副省长").titles, split_person("副市长张三").name
    ('滕合方', ('副省长',), '张三')
    >>> split_person("李卫宁"), split_person("市政府分管副秘书长")
    (Person(name='李卫宁', titles=(), unit=None), None)
    >>> split_person("邓  敏  综合办公室负责人").titles
    ('综合办公室负责人',)
    """
    v = value.strip().strip("、,;。").strip()
    if not v or len(v) > 60:
        return None
    # name(titles) or name(unit)
    m = re.match(r"^(?P<name>[\u4e00-\u9fff·][\u4e00-\u9fff· \u00a0\u3000]{1,8}?)\s*[((](?P<inner>[^()()]{2,50})[))]\s*$", v)
    if m:
        name = person_name(m.group("name"))
        if name:
            inner = m.group("inner").strip()
            if looks_like_agency(re.sub(r"\s+", "", inner)) and not re.search(_TITLE_END + "$", inner):
                return Person(name, (), inner)
            return Person(name, _titles(inner))
    # name, spaces, titles; alignment spaces inside the name
    tokens = [t for t in re.split(r"[\s\u00a0\u3000]+", v) if t]
    if len(tokens) >= 2:
        name = tokens[0]
        k = 1
        while k < len(tokens) and len(name) < 2 or (k < len(tokens) and len(tokens[k]) == 1 and len(name) + 1 <= 3
                                                     and not _TITLE.match(tokens[k])):
            name += tokens[k]
            k += 1
        pn = person_name(name)
        if pn and k < len(tokens):
            rest = "".join(tokens[k:])
            if not person_name(rest) or _TITLE.match(rest):
                return Person(pn, _titles(rest.rstrip(")")))
        if pn and k == len(tokens):
            return Person(pn)
    squashed = re.sub(r"[\s\u00a0\u3000]+", "", v).rstrip(")").lstrip("(")
    pn = person_name(squashed)
    if pn and not is_post(squashed):
        return Person(pn)
    run = _name_then_title(squashed)
    if run:
        return run
    m = _LEAD_TITLE.match(squashed)
    if m and person_name(m.group("name")):
        return Person(person_name(m.group("name")) or "", _titles(m.group("title")))
    return None


_STRONG_TITLE = re.compile(r"^(?:副|常务|党组|党委|书记|主任|局长|处长|科长|部长|厅长|秘书长|调研员|巡视员|总工程师|主席|委员|常委)")
_PLACE_TITLE = re.compile(r"^[省市县区州旗镇乡]")


def _name_then_title(s: str) -> Person | None:
    """"陈某副省长", "滕合方县政府办公室副主任": a name of two or three characters run
    into a title; the cut that leaves the most title-like title wins."""
    best: tuple[int, Person] | None = None
    for n in (2, 3):
        name, title = s[:n], s[n:]
        if len(title) < 2 or not person_name(name) or not re.search(_TITLE_END + "$", title):
            continue
        score = 2 if _STRONG_TITLE.match(title) else 1 if _PLACE_TITLE.match(title) else 0
        if best is None or score > best[0]:
            best = (score, Person(name, _titles(title)))
    return best[1] if best and best[0] > 0 else (best[1] if best and len(s) <= 8 else None)


_PADDED_PAIR = re.compile(r"[\u4e00-\u9fff][ \u00a0\u3000]+[\u4e00-\u9fff]")


def split_names(value: str) -> list[str]:
    """The names in a cell or label value naming people.

    >>> split_names("裘东耀、赵树梅"), split_names("陆 明俞 悦"), split_names("刘 哲"), split_names("林克庆")
    (['裘东耀', '赵树梅'], ['陆明', '俞悦'], ['刘哲'], ['林克庆'])
    >>> split_names("市政府分管副秘书长")
    []
    """
    v = value.strip().strip("。;,、").strip()
    out: list[str] = []
    for part in re.split(r"[、,;/,;]", v):
        part = part.strip()
        if not part:
            continue
        squashed = re.sub(r"[\s\u00a0\u3000]+", "", part)
        pn = person_name(squashed) if len(squashed) <= 3 or " " not in part else None
        if pn and not re.search(r"[ \u00a0\u3000]", part.strip()):
            out.append(pn)
            continue
        # names padded to three places ("陆 明俞 悦", "刘 哲"), or several names spaced apart ("王一 李二")
        pieces = _padded(part)
        if pieces:
            out.extend(pieces)
            continue
        p = split_person(part)
        if p:
            out.append(p.name)
    return [n for k, n in enumerate(out) if n not in out[:k]]


def _padded(part: str) -> list[str]:
    s = part.strip()
    names = []
    k = 0
    while k < len(s):
        m = _PADDED_PAIR.match(s, k)
        if m:
            names.append(re.sub(r"\s+", "", m.group(0)))
            k = m.end()
            continue
        m = re.match(r"[\u4e00-\u9fff]{2,3}(?=\s|$)", s[k:])
        if m and person_name(m.group(0)):
            names.append(m.group(0))
            k += m.end()
            continue
        if s[k].isspace():
            k += 1
            continue
        return []
    return [n for n in names if person_name(n)]
