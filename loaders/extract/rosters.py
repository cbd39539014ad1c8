"""Groups and the people a document names: rosters, offices, signatures, contacts.

* **Groups**: founded in the title or text (``成立X领导小组``), named by a roster
  heading (``X领导小组成员名单``) or defined with 以下简称 (see
  :mod:`.context`); their offices (``办公室设在X``), with the office's head
  (``X兼任办公室主任``).
* **Rosters**: role labels (``组 长:`` ``副组长:`` ``成 员:`` ``召集人:`` ``指挥长:`` …,
  from the vocabulary) with a person (name and titles, see
  :mod:`loaders.people`) on the label line and one per line after it while
  the label lasts; a roster table (职务 | 姓名 | 职务); members named by their
  units (``成员单位:A、B``, ``A、B主要负责同志为成员``, ``X、Y等部门为成员单位``).
  A post without a name (``市政府分管副秘书长``) is no person.
* **Signatures** (``省长 尹力`` on a line of its own) and **contacts**
  (``联系人:刘志勇``).
"""
from __future__ import annotations

import re

from ..facts import Facts, GroupFact, MemberFact, PersonFact, Unit
from ..layout import Layout
from ..people import is_post, person_name, split_person
from ..text import Line
from ..units import split_units
from .context import DocContext, is_unit_list

__all__ = ["rosters"]

_ROLE_LINE = re.compile(r"^(?P<label>[\u4e00-\u9fff][\u4e00-\u9fff ]{0,9}?)\s*[::]\s*(?P<value>.*)$")
_POST_SUFFIX = re.compile(r"(?:的)?(?:主要负责同志|主要负责人|主要领导|分管负责同志|分管负责人|分管领导|负责同志|负责人|有关负责同志|领导同志)$")
_MEMBERS_SENTENCE = re.compile(
    r"(?:^|[,;。])(?P<who>[^。;]{2,400}?)(?:等)?(?:单位|部门)?(?:的)?(?:主要负责同志|主要负责人|主要领导|分管负责同志|分管领导|负责同志|负责人)?"
    r"(?:为|任|作为)(?:领导小组|工作专班|专班|指挥部|联席会议|小组)?(?P<role>成员单位|成员)")
_SIGNATURE = re.compile(r"^(?P<title>代?(?:省|市|县|区|州|旗|镇|乡)长|主任|局长|厅长|书记|主席|部长|署长)\s*[:: ]?\s*(?P<name>[\u4e00-\u9fff]{2,3}|[\u4e00-\u9fff] [\u4e00-\u9fff]{1,2})$")
_CONTACT = re.compile(r"联系人\s*[::]\s*(?P<value>[^,;。]{2,60}?)(?=\s*(?:[,;。]|联系电话|电话|手机|邮箱|电子信箱|$))")


def rosters(layout: Layout, ctx: DocContext, facts: Facts) -> None:
    for name in ctx.groups:
        ln = _line_no(layout, ctx.group_lines.get(name, 0))
        facts.groups.append(GroupFact(name, ln, [(f, ln) for f in ctx.groups[name]], rule="group founded"))
    group = next(iter(ctx.groups), None) if len(ctx.groups) >= 1 else None
    _roster_lines(layout, ctx, facts, group)
    _narratives(layout, ctx, facts)
    _member_sentences(layout, ctx, facts, group)
    _offices(layout, ctx, facts, group)
    _signatures(layout, facts)
    _contacts(layout, facts)


def _line_no(layout: Layout, no: int) -> Line:
    for ln in layout.lines:
        if ln.no == no:
            return ln
    return layout.lines[0]


def _roster_lines(layout: Layout, ctx: DocContext, facts: Facts, group: str | None) -> None:
    role: str | None = None
    kind: str | None = None
    for ln in layout.lines:
        text = ln.norm
        cells = list(ln.cells) if ln.cells else ([c.strip() for c in ln.norm.strip("|").split("|")] if "|" in ln.norm else [])
        if len(cells) >= 2:
            # a roster table's row: 组长 | 杨光辉 | 副县长
            first = re.sub(r"\s+", "", cells[0])
            if ctx.vocab.roster_role(first):
                text = first + ":" + " ".join(c for c in cells[1:] if c.strip())
        m = _ROLE_LINE.match(text)
        label = re.sub(r"\s+", "", m.group("label")) if m else ""
        rk = ctx.vocab.roster_role(label) if m else None
        if rk and (len(label) >= 2 or m.group("value")):
            role, kind = label, rk
            value = m.group("value").strip()
            if value:
                _entry(value, role, kind, ln, ctx, facts, group)
            ctx.claimed.add(ln.no)
            continue
        if role is None:
            continue
        # a line under a label: one more person (or bodies) while the label lasts
        if m or len(text) > 60 or text.endswith("。") or re.match(r"^[一二三四五六七八九十]+、|^[((][一二三四五六七八九十]+[))]", text):
            role = None
            continue
        if not _entry(text, role, kind or "member", ln, ctx, facts, group):
            role = None
        else:
            ctx.claimed.add(ln.no)


def _entry(value: str, role: str, kind: str, ln: Line, ctx: DocContext, facts: Facts, group: str | None) -> bool:
    value = value.strip().rstrip("、,;。")
    if not value:
        return True
    head = kind == "head" and not role.startswith("副")
    if role in ("成员单位", "组成单位"):
        return _member_units(value, role, ln, ctx, facts, group)
    people = _people(value)
    if people:
        for p in people:
            facts.people.append(PersonFact(p.name, ln, value, p.titles, role, group, head, p.unit, rule="roster"))
        return True
    if is_post(value) or re.search(r"(?:秘书长|主任|书记|局长|长)$", value):
        return True          # a post without a name
    return _member_units(value, role, ln, ctx, facts, group)


def _people(value: str):
    p = split_person(value)
    if p:
        return [p]
    # several people on one line: "裘东耀、赵树梅", "林志强 副市长、陈素芬 市政府秘书长"
    parts = [x for x in re.split(r"[、,;](?=[\u4e00-\u9fff]{2,3}(?:[ (]|$|[、,;]))", value) if x.strip()]
    if len(parts) > 1:
        out = [split_person(x) for x in parts]
        if all(out):
            return out
    names = [x.strip() for x in re.split(r"[、,;]", value) if x.strip()]
    if len(names) > 1 and all(person_name(x) and len(re.sub(r"\s+", "", x)) <= 3 for x in names):
        return [split_person(x) for x in names]
    # names spaced apart without titles: "张三 李四 王五"
    toks = value.split()
    if len(toks) >= 2 and all(person_name(t) and len(t) in (2, 3) for t in toks):
        return [split_person(t) for t in toks]
    return []


_NARRATIVE = re.compile(r"成立(?:了)?以(?P<clauses>.{2,400}?)的(?P<name>[^\s,。;:、()的]{2,60}?)(?=[,。;]|$)")
_CLAUSE = re.compile(r"^(?P<who>.+?)(?:任|担任|为)(?P<role>第一组长|常务副组长|执行副组长|第一副组长|副组长|组长|成员单位|成员"
                     r"|总指挥|副总指挥|指挥长|副指挥长|召集人|副召集人|主任|副主任)$")
_TITLED_NAMES = re.compile(r"^(?P<title>.*?(?:长|书记|主任|常委|委员|秘书长|政委|主席))(?P<names>(?:[\u4e00-\u9fff]{2,3}、)*[\u4e00-\u9fff]{2,3})$")


def _narratives(layout: Layout, ctx: DocContext, facts: Facts) -> None:
    """A group founded in one sentence: "成立以县委书记A任组长,县委副书记、县长B任第一副
    组长,副县长C、D任副组长,县委办、县财政局等单位主要负责同志为成员的X领导小组"."""
    for ln in layout.lines:
        for m in _NARRATIVE.finditer(ln.norm):
            group = ctx.group_named(m.group("name")) or (m.group("name") if m.group("name") in ctx.groups else None)
            if group is None:
                continue
            for clause in re.split(r"[,;]", m.group("clauses")):
                c = _CLAUSE.match(clause.strip())
                if not c:
                    continue
                who, role = c.group("who").strip(), c.group("role")
                kind = ctx.vocab.roster_role(role) or "member"
                head = kind == "head" and not role.startswith("副")
                t = _TITLED_NAMES.match(who)
                names = [person_name(n) for n in t.group("names").split("、")] if t else []
                if t and names and all(names) and "成员" not in role:
                    title = t.group("title").strip()
                    titles = tuple(x for x in title.split("、") if x)
                    for n in names:
                        facts.people.append(PersonFact(n, ln, n, titles, role, group, head, rule="roster sentence"))
                    continue
                bodies = _POST_SUFFIX.sub("", re.sub(r"等(?:有关)?(?:部门|单位)+(?:的)?(?:主要负责同志|主要负责人|负责同志)?$", "", who))
                units = [u for u in split_units(bodies, ctx.units, ctx.vocab) if is_unit_list([u], ctx)]
                for u in units:
                    facts.members.append(MemberFact(Unit(u, ln), group, role, rule="roster sentence"))
            ctx.claimed.add(ln.no)


def _member_units(value: str, role: str, ln: Line, ctx: DocContext, facts: Facts, group: str | None) -> bool:
    if group is None:
        return False
    bodies = _POST_SUFFIX.sub("", value.rstrip("。;")).strip()
    units = [u for u in split_units(bodies, ctx.units, ctx.vocab) if not is_post(u)]
    if not units or not is_unit_list(units, ctx):
        return False
    for u in units:
        facts.members.append(MemberFact(Unit(u, ln), group, role, rule="roster units"))
    return True


def _member_sentences(layout: Layout, ctx: DocContext, facts: Facts, group: str | None) -> None:
    if group is None:
        return
    for ln in layout.lines:
        if "成员" not in ln.norm or _ROLE_LINE.match(ln.norm) or ln.no in ctx.claimed:
            continue
        m = _MEMBERS_SENTENCE.search(ln.norm)
        if not m:
            continue
        who = m.group("who")
        who = re.split(r"任召集人[,,]|召集人[,,]|组长[,,]", who)[-1]
        who = _POST_SUFFIX.sub("", who.strip())
        who = re.sub(r"等(?:有关|相关)?(?:部门|单位)*$", "", who).strip()
        units = [u for u in split_units(who, ctx.units, ctx.vocab) if not is_post(u)]
        units = [_POST_SUFFIX.sub("", u) for u in units]
        units = [u for u in units if u and is_unit_list([u], ctx) and not is_post(u)]
        for u in units:
            facts.members.append(MemberFact(Unit(u, ln), group, m.group("role"), rule="member sentence"))


_OFFICE = re.compile(r"(?P<g>[^,。;]{0,40}?)?办公室(?:设在|设于|设立在|在)(?P<host>[^,。;()]{2,40}?)(?=[,。;,(]|办公|$)")
_OFFICE_HEAD = re.compile(
    r"(?:由)?(?P<title>[^,。;]{0,30}?(?:主任|局长|部长|处长|科长|书记|主席|负责人|[区市县]长))?(?P<name>[\u4e00-\u9fff]{2,3})(?:同志)?(?:兼任|担任|兼)(?:领导小组|专班|指挥部)?办公室主任"
    r"|办公室主任由(?P<title2>[^,。;]{0,30}?(?:主任|局长|部长|处长|科长|书记|主席|负责人|[区市县]长))?(?P<name2>[\u4e00-\u9fff]{2,3})(?:同志)?(?:兼任|担任|兼)")


def _offices(layout: Layout, ctx: DocContext, facts: Facts, group: str | None) -> None:
    if group is None:
        return
    office = None
    for ln in layout.lines:
        m = _OFFICE.search(ln.norm)
        if m:
            host = m.group("host").strip()
            host_units = split_units(host, ctx.units, ctx.vocab)
            name = group + "办公室"
            if office is None:
                facts.groups.append(GroupFact(name, ln, office_of=group,
                                              host=Unit(host_units[0], ln) if host_units and is_unit_list(host_units[:1], ctx) else None,
                                              rule="office"))
                office = name
        h = _OFFICE_HEAD.search(ln.norm)
        if h and (office or group):
            name = h.group("name") or h.group("name2")
            title = (h.group("title") or h.group("title2") or "").strip()
            title = re.sub(r"^.*?(?:[,,]|由)", "", title)
            pn = person_name(name)
            if pn:
                if office is None:
                    office = group + "办公室"
                    facts.groups.append(GroupFact(office, ln, office_of=group, rule="office"))
                facts.people.append(PersonFact(pn, ln, name, (title,) if title else (), "办公室主任", office, True,
                                               rule="office head"))


def _signatures(layout: Layout, facts: Facts) -> None:
    for ln in layout.lines:
        m = _SIGNATURE.match(ln.norm)
        if m:
            pn = person_name(m.group("name"))
            if pn:
                facts.people.append(PersonFact(pn, ln, m.group("name"), (m.group("title"),), "签署", rule="signature"))


def _contacts(layout: Layout, facts: Facts) -> None:
    for ln in layout.lines:
        for m in _CONTACT.finditer(ln.norm):
            value = m.group("value").strip()
            toks = re.split(r"[\s,、]+", value)
            for cand in reversed(toks):
                pn = person_name(cand)
                if pn:
                    facts.people.append(PersonFact(pn, ln, cand, (), "联系人", rule="contact"))
                    break
            else:
                p = split_person(value)
                if p:
                    facts.people.append(PersonFact(p.name, ln, value, p.titles, "联系人", rule="contact"))
