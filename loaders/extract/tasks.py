"""Assignments: who leads and who assists each task, from every layout.

A task is a numbered item, a table row, or a paragraph (or one sentence of
it) that gives work to a body. What it says about roles is read from, in
order of strength:

1. **label lines** under the item (``牵头单位:…`` ``责任单位:…`` ``分管省领导:…``
   ``部门分工:X牵头,Y配合。`` ``完成时限:…``), or labels run into its text;
2. **role columns** of a table row (a ``责任单位`` column next to a ``牵头``
   column assists; alone it leads), a section row's ``(牵头领导:A、B)`` for
   the rows under it, a list's holder named in its title (X权责清单);
3. **a parenthesis** closing the item or one of its sentences:
   ``(X牵头,Y配合)``, ``〔责任单位:…〕``, ``【牵头单位:…】``, ``[牵头单位:…;责任单位:…]``,
   ``(责任单位:A、B;完成时限:…)``;
4. **prose**: ``X负责…``, ``X要…``, ``X会同Y…``, ``A协同B负责…``, ``由X负责``,
   ``日常工作由X承担``, ``X的主要职责是:``;
5. **the heading above**: the duties listed under a group's ``主要职责`` are the
   group's.

Numbered items without an assignee are tasks when a sibling has one (a list
of tasks the page cut short); a paragraph is a task only with an assignee.
A paragraph that names one assignee is one task; one that names several
gives a task per assignee sentence.
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..facts import Facts, ProjectFact, TaskFact, Unit
from ..layout import Item, Layout, Segment, marker_at, read_label
from ..tables import Table
from ..text import Line
from ..people import person_name, split_person
from ..units import Roles, is_deadline, looks_like_unit, may_end_unit, parse_roles, split_units
from .context import DocContext, brackets, is_unit_list, sentences

__all__ = ["tasks", "subject_roles"]


def tasks(layout: Layout, ctx: DocContext, facts: Facts) -> None:
    out: list[TaskFact] = []
    for t in layout.tables:
        if "project" in t.roles:
            facts.projects.extend(_table_projects(t, ctx))
        else:
            out.extend(_table_tasks(t, ctx))
    out.extend(_list_tasks(layout.items, ctx, Inherited()))
    out.extend(_loose_tasks(layout, ctx))
    _short_numbers(out)
    facts.tasks.extend(out)


def _short_numbers(out: list[TaskFact]) -> None:
    """Number tasks as printed (1, 2 …) where that names each one; keep the
    parents' numbers (二.(一).1) where numbering restarts."""
    def leaf(n: str) -> str:
        head, _, tail = n.partition("-")
        return head.rsplit(".", 1)[-1] + (f"-{tail}" if tail else "")
    numbered = [t for t in out if not t.number.startswith("unnumbered")]
    leaves = [leaf(t.number) for t in numbered]
    if len(set(leaves)) == len(leaves):
        for t, short in zip(numbered, leaves):
            t.number = short


class Inherited:
    """What a heading passes to the items under it."""

    def __init__(self, roles: Roles | None = None, group: str | None = None, holder: str | None = None,
                 holder_line: Line | None = None, section: str | None = None):
        self.roles = roles or Roles()
        self.group = group
        self.holder = holder
        self.holder_line = holder_line
        self.section = section
        self.principles = False
        self.general = False

    def under(self, roles: Roles | None = None, group: str | None = None, holder: str | None = None,
              holder_line: Line | None = None, section: str | None = None) -> "Inherited":
        r = Roles().add(self.roles)
        principles = self.principles
        if roles:
            # a heading's own officials or units replace the ones above it
            if roles.officials:
                r.officials = list(roles.officials)
            if roles.lead or roles.responsible or roles.assist or roles.share:
                r.lead, r.assist, r.responsible, r.share = (list(roles.lead), list(roles.assist),
                                                           list(roles.responsible), list(roles.share))
        out = Inherited(r, group or self.group, holder or self.holder, holder_line or self.holder_line,
                        section or self.section)
        out.principles = principles
        out.general = self.general
        return out


# -- items -------------------------------------------------------------------------------

_HEADING_END = re.compile(r"[。;!?]$")
_REQUIREMENTS = re.compile(r"^(?:工作要求|有关要求|保障措施|组织保障|组织实施|实施保障|工作保障|保障机制)")
_PRINCIPLES = re.compile(r"^(?:基本原则|指导思想|总体要求|总体目标|工作目标|主要目标|工作原则|目标要求|发展目标|基本要求|总体思路|工作思路)")
_BY_OFFICIAL = re.compile(r"由(?P<names>[\u4e00-\u9fff]{2,3}(?:、[\u4e00-\u9fff]{2,3})*)(?:同志)?"
                          r"(?P<title>(?:常务)?副?(?:省长|市长|县长|区长|州长|厅长|局长|主任|书记|秘书长|部长|处长)|总工程师|总工|总经济师|总会计师|巡视员|调研员)"
                          r"(?:同志)?(?:分别|具体|共同)?(?:负责|牵头|主抓|分管)")
_WORK_HEADING = re.compile(r"^(?P<who>.{2,40}?)(?P<verb>牵头|负责|分管|主抓|联系|承担|配合|协助|参与)(?:的)?"
                           r"(?:工作任务|重点任务|重点工作|工作|事项|任务|领域)(?:\(共?\d+项\))?$")


_ASSIGN_LABELS = ("lead", "assist", "responsible", "lead_official", "division", "deadline")


def _is_heading(item: Item) -> bool:
    t = item.head.text
    return bool(t) and len(t) <= 40 and not _HEADING_END.search(t) \
        and not any(lab.role in _ASSIGN_LABELS for lab in item.labels) \
        and (bool(item.children) or bool(item.body)) and not _assign_in(t)


def _assign_in(text: str) -> bool:
    return bool(re.search(r"牵头|负责|配合|责任单位|承担", text))


_FIRST_STOP = re.compile(r"[。:;]")


def _item_tasks(item: Item, ctx: DocContext, inh: Inherited) -> list[TaskFact]:
    out: list[TaskFact] = []
    head_text = item.head.text
    # what the heading says for the items under it
    head_roles = _bracket_roles(head_text, ctx) if item.children else Roles()
    group = inh.group
    holder, holder_line = inh.holder, inh.holder_line
    first = _FIRST_STOP.split(head_text, maxsplit=1)[0]
    if item.holder and is_unit_list(split_units(item.holder, ctx.units, ctx.vocab), ctx):
        g = ctx.group_named(item.holder)
        if g:
            group = g
        else:
            holder, holder_line = item.holder, item.head.line
    elif re.search(ctx.vocab.duty_heads, first) and len(first) <= 30:
        group = group or _only_group(ctx)
        m = re.match(rf"^(?P<who>.+?)(?:的)?{ctx.vocab.duty_heads}", first)
        if m and is_unit_list(split_units(m.group("who"), ctx.units, ctx.vocab), ctx):
            g = ctx.group_named(m.group("who"))
            if g:
                group = g
            else:
                holder, holder_line = m.group("who"), item.head.line
        elif not group and not holder and ctx.holder:
            # "二、主要职责" in a document on one body's duties (X主要职责内设机构和人员编制规定)
            holder, holder_line = ctx.holder, item.head.line
    heading = _is_heading(item)
    wh = _WORK_HEADING.match(head_text)
    if wh and (item.children or item.body):
        # "孟学农省长负责的工作", "(一)省监察厅牵头的工作": the items and paragraphs under it are theirs
        who = wh.group("who")
        units = split_units(who, ctx.units, ctx.vocab)
        person = split_person(who)
        if units and is_unit_list(units, ctx):
            assists = wh.group("verb") in ("配合", "协助", "参与")
            head_roles = Roles(lead=[] if assists else units, assist=units if assists else [], rules=["heading"])
            heading = True
        elif person and person.titles:
            head_roles = Roles(officials=[person.name], rules=["heading"])
            heading = True
    section = inh.section
    if heading:
        mine = head_text.rstrip(":") if item.marker.kind == "holder" else item.marker.text.strip() + head_text
        section = " / ".join(x for x in (inh.section, mine) if x)
    sub = inh.under(head_roles, group, holder, holder_line, section)
    if _PRINCIPLES.match(head_text) and not item.labels:
        sub.principles = True      # principles and aims: only what labels or parentheses assign is a task
    if _REQUIREMENTS.match(head_text):
        sub.general = True         # requirements on every body: general statements, not the division's duties
    if item.marker.kind == "holder":
        heading = True
        if item.body:
            # the body's general statement before its numbered duties
            for t in _paragraph_tasks(item.body, ctx, sub, number=item.path() or "general", section=head_text):
                t.general = True
                out.append(t)
    elif heading and item.body and item.children:
        for t in _paragraph_tasks(item.body, ctx, sub, number=item.path(), section=section):
            t.general = True
            out.append(t)
    if item.children:
        child_tasks = _list_tasks(item.children, ctx, sub)
        own = None if heading else _own_task(item, ctx, inh, body_only_before_children=True)
        if own and own.assigned and not any(t.assigned for t in child_tasks):
            # the item is the task; its unassigned sub-items are points of it
            out.append(own)
            return out
        out.extend(child_tasks)
        return out
    if heading and item.body:
        paras = _paragraph_tasks(item.body, ctx, sub, number=item.path(), section=section)
        if len(paras) == 1 and paras[0].assigned and item.marker.kind != "holder" and not sub.general \
                and len(item.body) == 1 and wh is None \
                and re.match(r"^(?:由[^,。;]{2,30}?(?:负责|牵头)|[^,。;]{2,30}?牵头[,;])", item.body[0].text):
            # "1、X事宜" over one paragraph "由A副市长负责,B牵头,C配合,…": the numbered title is the task's
            own = _own_task(item, ctx, inh)
            if own and own.assigned:
                return [own]
        if paras:
            for t in paras:
                t.general = True       # statements under a heading, not numbered duties of their own
            return paras
    own = _own_task(item, ctx, inh, body_only=heading and bool(item.body))
    if own:
        out.append(own)
    return out


def _list_tasks(items: list[Item], ctx: DocContext, inh: Inherited) -> list[TaskFact]:
    """The tasks of sibling items, list by list (a list ends where its numbering
    starts again): a list where some items are assigned keeps its unassigned ones
    too (the page cut their units); a list that assigns nothing (principles, a
    glossary, annexes named by number) gives no tasks."""
    out: list[TaskFact] = []
    run: list[tuple[Item, list[TaskFact]]] = []
    prev: Item | None = None
    for it in items:
        if prev is not None and (it.marker.kind != prev.marker.kind or it.marker.value <= prev.marker.value):
            out.extend(_keep(run))
            run = []
        run.append((it, _item_tasks(it, ctx, inh)))
        prev = it
    out.extend(_keep(run))
    return out


def _keep(run: list[tuple[Item, list[TaskFact]]]) -> list[TaskFact]:
    """A run's items' own tasks stay when one of them is assigned; the tasks of
    their sub-items were decided in their own lists."""
    def own(it: Item, t: TaskFact) -> bool:
        p = it.path()
        return t.number == p or t.number.startswith(p + "-")
    assigned = any(t.assigned for it, ts in run for t in ts if own(it, t))
    return [t for it, ts in run for t in ts if assigned or not own(it, t)]


def _own_task(item: Item, ctx: DocContext, inh: Inherited, body_only_before_children: bool = False,
              body_only: bool = False) -> TaskFact | None:
    """The item as one task; ``body_only``: the item is a heading, its task is the
    paragraph under it."""
    body = [s for s in item.body if s.line.no not in ctx.claimed]
    segs = body if body_only and body else [item.head] + body
    if len(segs) == 1 and item.body and _is_heading(item) and not body:
        return None       # a heading over a roster
    text = "".join(s.text for s in segs).strip()
    if len(text) < 4 or (_TITLE_LIKE.search(text) and len(text) <= 60 and not item.labels):
        return None       # too short, or a document's title (an annex listed by number)
    if _GENERAL_ARTICLE.match(text) and not item.labels:
        return None       # why the text is issued, whom it binds, when it takes effect, who interprets it
    roles = Roles()
    rules: list[str] = []
    # 1. label lines under the item, and labels run into its text
    for lab in item.labels:
        if lab.role in _ASSIGN_LABELS:
            roles.add(parse_roles(f"{lab.word}:{lab.value}", ctx.vocab, ctx.units))
            rules.append("label lines")
    cut = len(text)
    inline = _inline_labels(text, ctx)
    if inline is not None:
        k, r = inline
        roles.add(r)
        cut = min(cut, k)
        rules.append("labels in text")
    # 3. a parenthesis closing the item or a sentence of it
    br = _closing_brackets(text[:cut], ctx)
    if br:
        for k, r in br:
            roles.add(r)
        if br[-1][0] + _bracket_len(text[:cut], br[-1][0]) >= len(text[:cut].rstrip("。;")):
            cut = min(cut, br[-1][0])
        rules.append("parenthesis")
    # 4. prose: who the sentences name (besides a parenthesis: "(牵头单位:X)。由Y副厅长负责,Z处落实。")
    spans = brackets(text[:cut])
    bare = "".join(ch if not any(a <= k < b for a, b in spans) else " " for k, ch in enumerate(text[:cut])) if br else text[:cut]
    pr = _prose_roles(bare, ctx) if not inh.principles else None
    if pr:
        if roles.lead or roles.responsible or roles.assist or roles.share:
            lead, assist = pr.resolved()
            roles.lead.extend(u for u in lead if u not in roles.lead)
            roles.assist.extend(u for u in assist if u not in roles.assist)
            roles.officials.extend(o for o in pr.officials if o not in roles.officials)
        else:
            roles.add(pr)
        rules.append("prose")
    # 5. inherited from the heading (an item that only names who assists keeps the heading's lead)
    group = None
    if not (roles.lead or roles.responsible or roles.share):
        inherited = inh.roles
        if inherited.lead or inherited.responsible or inherited.assist or inherited.share:
            roles.lead = list(inherited.lead)
            roles.assist = roles.assist or list(inherited.assist)
            roles.responsible, roles.share = list(inherited.responsible), list(inherited.share)
            rules.append("heading")
        elif inh.group:
            group = inh.group
            rules.append("group duties")
        elif inh.holder:
            roles.lead = [inh.holder]
            rules.append("duty heading")
            helped = re.match(r"^(?:协助|配合)(?P<units>[^,。;]{2,40}?)(?:做好|行使|开展|负责|推进|落实|组织|实施|完成|办理|,)", text)
            if helped and is_unit_list(split_units(helped.group("units"), ctx.units, ctx.vocab), ctx):
                # "协助相关部门做好…" in a body's list: that body assists the one named
                roles.lead = split_units(helped.group("units"), ctx.units, ctx.vocab)
                roles.assist = [inh.holder]
    if not roles.officials and inh.roles.officials:
        roles.officials = list(inh.roles.officials)
    task_text = text[:cut].rstrip(" ,;。") + ("。" if text[:cut].rstrip().endswith("。") else "")
    return _general(inh, _task(item.path(), task_text or text, segs[0].line, [item.head.line] + [s.line for s in segs], roles, ctx,
                 rule=", ".join(dict.fromkeys(rules)) or "numbered item", section=inh.section, group=group))


def _general(inh: Inherited, t: TaskFact) -> TaskFact:
    t.general = t.general or inh.general
    return t


def _bracket_len(text: str, start: int) -> int:
    for a, b in brackets(text):
        if a == start:
            return b - a
    return 0


def _bracket_roles(text: str, ctx: DocContext) -> Roles:
    r = Roles()
    for _, roles in _closing_brackets(text, ctx):
        r.add(roles)
    return r


def _closing_brackets(text: str, ctx: DocContext) -> list[tuple[int, Roles]]:
    """The brackets in ``text`` that assign roles: at its end, or closing one of its
    sentences, or standing alone."""
    out = []
    for a, b in brackets(text):
        inner = text[a + 1:b - 1]
        if len(inner) < 2 or len(inner) > 200:
            continue
        after = text[b:b + 1]
        r = parse_roles(inner, ctx.vocab, ctx.units)
        if after and after not in "。;;(（【〔[" and b < len(text) - 1:
            # a bracket inside a sentence counts with labels ("〔责任单位:…〕") or role verbs
            # closing the sentence before the next ("…(省财政厅负责)加快…")
            strong = any(x.startswith(("label", "verb", "X会同Y", "A协同B", "由X")) for x in r.rules)
            if not read_label(inner, ctx.vocab) and not (strong and re.match(r"[\u4e00-\u9fff]", after)):
                continue
        if r and (r.lead or r.assist or r.responsible or r.share or r.officials):
            out.append((a, r))
        elif r.deadline and out:
            out[-1][1].deadline = out[-1][1].deadline or r.deadline
    return out


_INLINE_LABEL = None


@lru_cache(maxsize=8)
def _labels_run_in(label_words: str) -> re.Pattern[str]:
    return re.compile(r"(?:(?<=[。;;\s(\[【〔])|^)(?P<word>" + label_words + r")\s*[::]")


def _inline_labels(text: str, ctx: DocContext) -> tuple[int, Roles] | None:
    """Labels run into a task's text: "…。牵头单位:X;配合单位:Y"."""
    # after a sentence, or after a bracket the page cut before it closed ("…。(牵头单位:X;责任单位:Y、")
    if ":" not in text:
        return None        # no label without its colon
    rx = _labels_run_in(ctx.vocab.label_words)
    inside = brackets(text)
    for m in rx.finditer(text):
        if any(a < m.start() < b for a, b in inside):
            continue       # a label inside a parenthesis is the parenthesis's
        role = ctx.vocab.label_role(m.group("word"))
        if role in ("lead", "assist", "responsible", "lead_official", "division", "deadline"):
            r = parse_roles(text[m.start():], ctx.vocab, ctx.units)
            if r or r.deadline:
                return m.start(), r
    return None


# -- prose -----------------------------------------------------------------------------

_LEADING = re.compile(r"^(?:[^,。;]{0,24}?(?:指出|要求|强调|提出|明确|规定)[,:]\s*)?(?:请|由此,)?"
                      r"(?:(?:(?!牵头|负责|要|应|由|将)[^,。;]){2,30}?(?:之后|以后|后|期间),\s*(?!要|应|须|必须|负责|均))?(?:(?:根据|为了?|按照|依据|依照|经|在|对于|针对|围绕|结合|同时|此外|另外|其中|对|通过|以|凡|各地区|今后|目前|当前|"
                      r"本通知|本意见|自本|从|于)(?:(?!由[^,。;]{1,30}?负责)[^,。;]){0,60}?,\s*)*")
_OPENERS = None
# a sentence opening with these leads in with a clause of its own: its subject is not after the comma
_LEADING_WORD = re.compile(r"^(?:如|若|如果|凡|对于?|除)")


def _openers(ctx: DocContext) -> re.Pattern[str]:
    global _OPENERS
    if _OPENERS is None or _OPENERS[0] is not ctx.vocab:
        words = ctx.vocab.words("obligation", "modal") + ctx.vocab.words("obligation", "act")
        for k in ("lead", "assist", "share", "responsible", "with", "under"):
            words += ctx.vocab.verbs(k)
        words += ["的主要职责", "的职责", "主要职责", "职责是", "牵头", "为成员单位", "等部门", "按职责",
                  "将对", "将把", "将加强", "将适时", "将定期", "将会同", "将继续", "将进一步"]
        from ..vocab import alternation
        _OPENERS = (ctx.vocab, re.compile(alternation(words)))
    return _OPENERS[1]


_STOP_IN_SUBJECT = re.compile(r"[。;:]")
_BY_X = re.compile(r"(?:^|[,;])(?:[^,;由]{0,20}?)(?<![自理缘因经来])由(?P<units>[^,;。由]{2,60}?)(?:牵头负责|牵头|负责(?!同志|人)|承担|具体负责|组织实施|统筹|实施|办理|向|报|提出|批准|审批|审核|审定|任命)(?!的)")
_COLON_SUBJECT = re.compile(r"^(?P<units>[^,。;:]{2,40}):\s*(?=负责|承担|牵头|主要职责|职责|协助|配合)")
_OFFICE_SET_IN = re.compile(r"^(?P<office>[^,。;]{0,40}?办公室)(?:设在|设于)[^,。;]{2,40}?,\s*(?:具体)?(?:负责|承担)")
_IN_CHARGE_OF = re.compile(r"^(?P<units>[^,。;]{2,30}?)(?:是|为|作为)(?:本[区市县省镇乡])?[^,。;]{0,40}?(?:主管部门|责任主体|牵头部门|责任单位|主管机关|执法主体)")
_DUTY_OF = re.compile(r"^(?P<units>.{2,60}?)(?:的)?(?:总体|主要)?(?:工作)?职责(?:是|为|如下|\s*:)")
_IN_CHARGE_WORD = re.compile("主管|主体|牵头部门|责任单位")
_TIME_CLAUSE = re.compile(r"^(?P<head>[^,。;]{3,60}?(?:后|时|前|中|以来)),\s*(?=要|应当|应|须|必须|负责)")
_ADVERB_BEFORE = re.compile(r"(?:主动|积极|认真|切实|及时|进一步|要|应)(?:与|和|同|向|对)")


def subject_roles(sentence: str, ctx: DocContext) -> Roles | None:
    """The roles a sentence gives its subject: "X负责…", "X、Y要…", "X会同Y…",
    "A协同B负责…", "X牵头,Y配合…", "由X负责…", "X的主要职责是…".

    >>> from loaders.vocab import Vocabulary
    >>> from loaders.units import UnitContext
    >>> c = DocContext(Vocabulary.default(), UnitContext())
    >>> subject_roles("市交通运输局负责城市综合交通管理工作。", c).resolved()
    (['市交通运输局'], [])
    >>> subject_roles("省政府办公厅、省委编办、司法厅抓好调整实施事项的跟踪问效。", c).resolved()
    (['省政府办公厅', '省委编办', '司法厅'], [])
    >>> subject_roles("根据改革需要,四川自贸办会同省编办等有关部门(单位)可以对事项进行调整。", c).resolved()
    (['四川自贸办'], ['省编办', '有关部门(单位)'])
    >>> subject_roles("领导小组不设办公室,日常工作由市卫生局有关科室承担。", c).resolved()
    (['市卫生局'], [])
    >>> subject_roles("全市居民收入年均增幅在9%以上。", c) is None
    True
    """
    s = sentence.strip()
    # (what _LEADING takes off holds a comma or a colon, or is the opening 请)
    m = _LEADING.match(s) if "," in s or ":" in s or s.startswith("请") else None
    body = s[m.end():] if m else s
    # "由X负责/承担": anywhere
    # (each pattern below holds a word: a body without it is not searched)
    by = _BY_X.search(body) if "由" in body else None
    if by and re.search(r"(?:调整|决定将|下放|委托|赋予)[^,;。]{0,40}$", body[:by.start("units")]):
        by = None       # a delegation ("调整由X实施"), not an assignment
    if by:
        units = split_units(by.group("units"), ctx.units, ctx.vocab)
        if is_unit_list(units, ctx):
            r = Roles(responsible=units, rules=["由X负责"])
            if "牵头" in body[by.start():by.end()]:
                r = Roles(lead=units, rules=["由X牵头"])
            return r
    # "由鲁国会、郑忠安副厅长分别负责": officials named with their title
    who = _BY_OFFICIAL.search(body) if "由" in body else None
    officials: list[str] = []
    if who:
        officials = [n for n in (person_name(x) for x in who.group("names").split("、")) if n]
    if officials:
        rest = body[who.end():]
        r = Roles(officials=officials, rules=["由某某负责"])
        # the clauses after it: "…负责,市发改委牵头,相关部门配合", "…负责,Y处落实"
        for clause in re.split(r"[,;。]", rest.lstrip(",;"))[:4]:
            more = re.match(r"^(?P<units>[^,;。]{2,60}?)(?:分别)?(?P<verb>牵头负责|牵头|配合|协助|参与|落实|负责|承办|实施)$", clause.strip())
            if not more:
                break
            units = split_units(more.group("units"), ctx.units, ctx.vocab)
            if not is_unit_list(units, ctx):
                break
            verb = more.group("verb")
            target = r.lead if verb.startswith("牵头") else r.assist if verb in ("配合", "协助", "参与") else r.responsible
            target.extend(u for u in units if u not in target)
        return r
    # "市委宣传部:负责…": a body named before a colon, then its duties
    colon = _COLON_SUBJECT.match(body) if ":" in body else None
    if colon:
        units = split_units(colon.group("units"), ctx.units, ctx.vocab)
        if is_unit_list(units, ctx, colon.group("units")):
            rest = body[colon.end():]
            if re.match(r"^(?:协助|配合)", rest) and not re.search(r"牵头|负责", rest[:12]):
                return Roles(assist=units, rules=["X:配合"])
            return Roles(responsible=units, rules=["X:负责"])
    # "领导小组办公室设在X,承担领导小组日常工作": the office does the group's daily work
    office = _OFFICE_SET_IN.match(body) if "办公室" in body else None
    if office and (ctx.group_named(office.group("office")) or is_unit_list(split_units(office.group("office"), ctx.units, ctx.vocab), ctx)):
        return Roles(responsible=[office.group("office")], rules=["办公室设在X,承担"])
    # "X是本区…的行政主管部门,负责…"
    comp = _IN_CHARGE_OF.match(body) if _IN_CHARGE_WORD.search(body) else None
    if comp:
        units = split_units(comp.group("units"), ctx.units, ctx.vocab)
        if is_unit_list(units, ctx):
            return Roles(responsible=units, rules=["X是主管部门"])
    duty = _DUTY_OF.match(body) if "职责" in body else None
    if duty:
        units = split_units(duty.group("units"), ctx.units, ctx.vocab)
        if is_unit_list(units, ctx) or ctx.group_named(duty.group("units")):
            return Roles(responsible=[duty.group("units")] if ctx.group_named(duty.group("units")) else units,
                         rules=["X的主要职责"])
    # the subject: the longest run of bodies that an opener follows
    best: tuple[int, list[str]] | None = None
    for op in _openers(ctx).finditer(body, 0, 90):
        k = op.start()
        if k < 2:
            continue
        subj = body[:k].strip().rstrip(",")
        if len(subj) > 80 or _STOP_IN_SUBJECT.search(subj):
            break
        if not (may_end_unit(subj) or subj in ctx.units.aliases or ctx.group_named(subj)):
            continue
        if _ADVERB_BEFORE.search(subj):
            continue        # "X主动与Y对接": the subject ends before its adverb
        units = split_units(subj, ctx.units, ctx.vocab)
        if is_unit_list(units, ctx, subj):
            best = (k, units)
        elif "," in subj and best is None:
            # "联席会议审定的事项,各相关职能部门应…": a topic clause, then the subject
            head, tail = (x.strip() for x in subj.rsplit(",", 1))
            units = split_units(tail, ctx.units, ctx.vocab)
            if tail and re.search(r"的(?:事项|问题|工作|任务)$", head) and is_unit_list(units, ctx, tail) \
                    and not _LEADING_WORD.match(subj):
                best = (k, units)
    if best is None:
        # "各单位接到通知后,要…": a time clause between the subject and its verb
        t = _TIME_CLAUSE.match(body) if "," in body else None
        if t:
            head = t.group("head")
            for k in range(len(head) - 1, 1, -1):
                units = split_units(head[:k], ctx.units, ctx.vocab)
                if is_unit_list(units, ctx):
                    return Roles(responsible=units, rules=["prose subject"])
    if best is not None:
        k, units = best
        subj = body[:k].strip().rstrip(",")
        rest = body[k:]
        if re.match(r"^(?:要|应|应当|须|将)?(?:[^,。;与和同的]{2,6},)?(?:全力|积极|主动|认真|密切|切实)?(?:做好|抓好|给予)?(?:配合|协助)(?!.{0,30}(?:牵头|负责))"
                    r"|^(?:要|应|须)?全力支持", rest):
            return Roles(assist=units, rules=["prose subject assists"])
        r = parse_roles(subj + _role_clause(rest), ctx.vocab, ctx.units)
        lead, assist = r.resolved()
        if not (lead or assist):
            r = Roles(responsible=units)
        r.rules.append("prose subject")
        # further bodies the sentence makes responsible: "…的主体,市政府负责宏观管理,…"
        for more in re.finditer(r"[,;]\s*(?:(?P<u>[^,;。由]{2,30}?)(?:负责|牵头)(?!同志|人)"
                                r"|由(?P<by>[^,;。]{2,30}?)(?:负责|牵头|将|统一|汇总|组织)(?!同志|人))", rest):
            extra = split_units(more.group("u") or more.group("by"), ctx.units, ctx.vocab)
            if is_unit_list(extra, ctx):
                r.responsible.extend(u for u in extra if u not in r.responsible and u not in r.lead)
        return r
    return None


def _role_clause(rest: str) -> str:
    """The part of a predicate that says roles: "牵头,Y配合", "会同Y", "协同Y负责"."""
    m = re.match(r"^(?:牵头负责|牵头)(?:,|,)?(?P<more>[^。;]*?(?:配合|参与|协助|按职责分工负责|负责落实))?", rest)
    if m:
        return m.group(0)
    m = re.match(r"^(?:会同|联合|协同|协助|配合)(?P<b>[^,。;]{2,80}?)(?=可以|可|要|应|负责|共同|做好|开展|推进|落实|组织|实施|抓好|研究|制定|建立|进行|对|[,。;]|$)", rest)
    if m:
        verb = rest[:2]
        return verb + m.group("b") + ("负责" if verb in ("协同", "协助", "配合") else "")
    return "负责" if not rest.startswith(("负责", "牵头")) else rest[:2]


def _prose_roles(text: str, ctx: DocContext) -> Roles | None:
    """Roles from the sentences of a task's text: every sentence with a subject
    names an assignee of the task ("X要…。Y要…" gives X and Y)."""
    r = Roles()
    spans = sentences(text)
    # "县委宣传部。负责…": a body named alone, then its duties
    if spans:
        a, b = spans[0]
        alone = text[a:b].rstrip("。:;")
        units = split_units(alone, ctx.units, ctx.vocab)
        if len(spans) > 1 and len(alone) <= 30 and is_unit_list(units, ctx):
            return Roles(responsible=units, rules=["body then its duties"])
    for a, b in spans:
        sr = subject_roles(text[a:b], ctx)
        if sr:
            r.add(sr)
    return r if r else None


# -- paragraphs ---------------------------------------------------------------------------

_TITLE_LIKE = re.compile(r"的(?:决定|通知|意见|方案|办法|规定|批复|通告|公告|函)$"
                         r"|(?:工作要点|实施方案|工作方案|分工方案|行动方案|工作计划|规定|办法|细则|条例|清单|名单|分解表|一览表|汇总表|目录)$")
_SKIP_PARA = re.compile(r"^(?:您当前所在的?位置|当前位置|您现在的位置|附件|抄送|联系人|联系电话|电话|地址|邮编|来源|发布|索引号|主题分类|浏览|字号)"
                        r"|首页\s*[>>»]")       # a site's breadcrumb
# articles that assign no work: purpose, scope, definitions, commencement, interpretation
_GENERAL_ARTICLE = re.compile(r"^(?:为了?[^。]*?(?:制定本|特制定)"
                              r"|本(?:规定|办法|细则|条例|意见|方案|制度|清单|规则)(?:适用于|所称|自|中的)"
                              r"|[^。]{0,30}自(?:印发|发布|公布)之日起(?:施行|执行|实施)"
                              r"|本(?:规定|办法|细则|条例|意见|方案|制度|清单|规则)由[^。]{2,30}负责解释)")
# a preamble: why and by what the document is issued ("为…,根据…,现将…印发给你们"), no duty of its own
_PREAMBLE = re.compile(r"^(?:(?:为了?|根据|按照|依据|为进一步|为贯彻|为加快|为深入)[^。]*?(?:现将|特制定|制定本|现就|现提出|特作如下|经[^,。]{0,12}同意,现)"
                       r"|经[^,。]{2,20}(?:同意|研究),\s*现将)")


def _loose_tasks(layout: Layout, ctx: DocContext) -> list[TaskFact]:
    segs = [s for s in layout.loose if not s.marker]
    return _paragraph_tasks(segs, ctx, Inherited(), number=None, section=None)


def _paragraph_tasks(segs: list[Segment], ctx: DocContext, inh: Inherited, number: str | None,
                     section: str | None) -> list[TaskFact]:
    out: list[TaskFact] = []
    n = 0
    for s in segs:
        text = s.text
        if len(text) < 8 or _SKIP_PARA.search(text) or (text.endswith(":") and len(text) <= 80) or read_label(text, ctx.vocab) or s.line.no in ctx.claimed \
                or _TITLE_LIKE.search(text) or looks_like_unit(text, ctx.units, ctx.vocab):
            continue          # a title, or a body's name alone (a signature)
        sents = sentences(text, strong=True)
        found: list[tuple[int, int, Roles]] = []
        alone = _prose_roles(text, ctx) if len(sents) > 1 else None
        if alone is not None and alone.rules == ["body then its duties"]:
            n += 1
            out.append(_task(_para_number(number, n), text, s.line, [s.line], alone, ctx,
                             rule="paragraph: body then its duties", section=section))
            continue
        for a, b in sents:
            if _PREAMBLE.match(text[a:b]):
                continue
            r = subject_roles(text[a:b], ctx)
            if r is None:
                br = _closing_brackets(text[a:b], ctx)
                if br:
                    r = Roles()
                    for _, x in br:
                        r.add(x)
            if r is not None:
                found.append((a, b, r))
        if not found:
            inherited = inh.roles
            if number is not None and (inherited.lead or inherited.responsible or inherited.officials):
                n += 1
                out.append(_task(_para_number(number, n), text, s.line, [s.line], Roles().add(inherited), ctx,
                                 rule="heading", section=section))
            elif inh.group and number is not None and len(text) >= 15 and text.endswith(("。", ";")):
                n += 1
                out.append(_task(number if n == 1 else f"{number}-{n}", text, s.line, [s.line], Roles(), ctx,
                                 rule="group duties", section=section, group=inh.group))
            continue
        if out and all(not r.resolved()[0] and r.resolved()[1] for _, _, r in found):
            # "Y等部门全力做好配合工作": they assist the task of the paragraph before
            prev = out[-1]
            for _, _, r in found:
                prev.assists.extend(Unit(u, s.line) for u in r.resolved()[1]
                                    if u not in [x.printed for x in prev.assists])
            prev.lines.append(s.line)
            continue
        distinct = {tuple(sorted(r.resolved()[0] + r.resolved()[1])) for _, _, r in found}
        if len(distinct) == 1:
            roles = Roles()
            for _, _, r in found:
                roles.add(r)
            n += 1
            # a preamble before the first sentence that assigns is no part of the task
            first = found[0][0]
            own = text[first:] if first and any(_PREAMBLE.match(text[a:b]) for a, b in sents if b <= first) else text
            out.append(_task(_para_number(number, n), own, s.line, [s.line], roles, ctx,
                             rule="paragraph: " + ", ".join(dict.fromkeys(roles.rules)), section=section))
            continue
        # several assignees: a task per assignee sentence (sentences without one go with the one before,
        # and a sentence naming only who assists adds them to the task before)
        merged: list[tuple[int, int, Roles]] = []
        for a, b, r in found:
            lead, assist = r.resolved()
            if merged and not lead and assist:
                merged[-1][2].assist.extend(u for u in assist if u not in merged[-1][2].assist)
                continue
            merged.append((a, b, r))
        found = merged
        for k, (a, b, r) in enumerate(found):
            end = found[k + 1][0] if k + 1 < len(found) else len(text)
            start = a if k > 0 or not _delegation_lead(text[:a]) else a
            start = 0 if k == 0 and not _delegation_lead(text[:a]) and not _has_other_sentence(text[:a]) else start
            n += 1
            out.append(_task(_para_number(number, n), text[start:end].strip(), s.line, [s.line], r, ctx,
                             rule="sentence: " + ", ".join(dict.fromkeys(r.rules)), section=section))
    return out


def _has_other_sentence(text: str) -> bool:
    return bool(text.strip())


def _delegation_lead(text: str) -> bool:
    return bool(re.search(r"下放|赋予|委托|决定将|调整由", text))


def _para_number(number: str | None, n: int) -> str:
    if number is None:
        return f"unnumbered-{n}"
    return number if n == 1 else f"{number}-{n}"


# -- tables --------------------------------------------------------------------------------

_HOLDER = re.compile(r"^(?P<who>.+?)(?:\d{4}年)?(?:权力清单和责任清单|权责清单|权力清单|责任清单|职责清单|职权清单|事项清单|清单)")


def _table_tasks(t: Table, ctx: DocContext) -> list[TaskFact]:
    out: list[TaskFact] = []
    roles = t.roles
    unit_cols = [k for k, r in enumerate(roles) if r in ("lead", "assist", "responsible")]
    has_lead_col = "lead" in roles
    task_cols = [k for k, r in enumerate(roles) if r == "task"]
    holder = None
    if not unit_cols and t.title:
        m = _HOLDER.match(re.sub(r"\s+", "", t.title))
        if m and is_unit_list([m.group("who")], ctx):
            holder = m.group("who")
    for row in t.rows:
        category = None
        if len(task_cols) > 1 and row.cell(task_cols[-1]):
            # two task-like columns (项目 | 重点工作): the last holds the task, the first its category
            text = row.cell(task_cols[-1]).text
            category = " ".join(row.cell(k).text for k in task_cols[:-1] if row.cell(k)) or None
        elif task_cols:
            texts = [row.cell(k).text for k in task_cols if row.cell(k)]
            text = " ".join(texts)
        else:
            text = " ".join(c.text for k, c in enumerate(row.cells) if c and roles[k] in (None, "category"))
        if len(text) < 2:
            continue
        r = Roles()
        for k in unit_cols:
            c = row.cell(k)
            if not c:
                continue
            role = roles[k]
            if role == "responsible" and not has_lead_col:
                inner = parse_roles(f"责任单位:{c.text}", ctx.vocab, ctx.units)
            elif role == "responsible":
                inner = Roles(assist=split_units(c.text, ctx.units, ctx.vocab), rules=["column"])
            else:
                inner = parse_roles(f"{'牵头单位' if role == 'lead' else '配合单位'}:{c.text}", ctx.vocab, ctx.units)
            r.add(inner)
        for k, role in enumerate(roles):
            c = row.cell(k)
            if not c:
                continue
            if role == "lead_official":
                r.add(parse_roles(f"牵头领导:{c.text}", ctx.vocab, ctx.units))
            elif role == "deadline":
                r.deadline = r.deadline or c.text
        if row.section is not None:
            sec = _bracket_roles(row.section.text(), ctx)
            inline = _inline_labels(row.section.text(), ctx)
            if inline:
                sec.add(inline[1])
            if not r.officials and sec.officials:
                r.officials = list(sec.officials)
            if not (r.lead or r.assist or r.responsible) and (sec.lead or sec.responsible):
                r.lead, r.assist, r.responsible = list(sec.lead), list(sec.assist), list(sec.responsible)
        if holder and not (r.lead or r.responsible):
            r.lead = [holder]
        # a text cell may carry its own parenthesis of units
        if not (r.lead or r.responsible or r.assist):
            for _, x in _closing_brackets(text, ctx):
                r.add(x)
        number = row.number or str(len(out) + 1)
        mk = marker_at(text)
        if mk and mk.kind in ("num", "dec", "pnum", "cn", "pcn", "circ") and len(text) > len(mk.text) + 2:
            # the task cell numbers its own task ("1.地区生产总值…")
            text = text[len(mk.text):].strip()
            number = mk.number if not row.number or row.number == mk.number else f"{row.number}.{mk.number}"
        line = row.cell(task_cols[0]).line if task_cols and row.cell(task_cols[0]) else row.line
        out.append(_task(number, text, line, row.lines, r, ctx, rule=f"table ({t.form})",
                         section=row.section.text() if row.section else category))
    return out


def _table_projects(t: Table, ctx: DocContext) -> list[ProjectFact]:
    """The rows of a project table (项目名称 | 总投资(亿元) | 责任单位 …): each a project."""
    from ..amounts import parse_amount

    roles = t.roles
    name_col = roles.index("project")
    amount_col = roles.index("amount") if "amount" in roles else (roles.index("amount_year") if "amount_year" in roles else None)
    unit_in_header = None
    if amount_col is not None:
        m = re.search(r"(亿元|万元|元|亿美元|万美元)", t.header[amount_col])
        unit_in_header = m.group(1) if m else None
    out = []
    for row in t.rows:
        c = row.cell(name_col)
        if not c or len(c.text) < 2:
            continue
        p = ProjectFact(c.text, c.line, rule=f"project table ({t.form})")
        a = row.cell(amount_col) if amount_col is not None else None
        if a:
            text = a.text if not unit_in_header or re.search(r"[元]", a.text) else a.text + unit_in_header
            amt = parse_amount(text)
            if amt:
                p.amount, p.unit, p.amount_yuan, p.amount_text = amt.value, amt.unit, amt.yuan, a.text
        r = Roles()
        for k, role in enumerate(roles):
            cell = row.cell(k)
            if not cell:
                continue
            if role in ("lead", "responsible"):
                r.add(parse_roles(f"{'牵头单位' if role == 'lead' else '责任单位'}:{cell.text}", ctx.vocab, ctx.units))
            elif role == "assist":
                r.add(parse_roles(f"配合单位:{cell.text}", ctx.vocab, ctx.units))
            elif role == "lead_official":
                r.add(parse_roles(f"牵头领导:{cell.text}", ctx.vocab, ctx.units))
        lead, assist = r.resolved()
        p.leads = [Unit(ctx.ours(u), c.line) for u in lead]
        p.assists = [Unit(ctx.ours(u), c.line) for u in assist]
        p.lead_officials = [(n, c.line) for n in r.officials]
        out.append(p)
    return out


# -- making the fact ------------------------------------------------------------------------

_DATE_DEADLINE = re.compile(r"(?:于|在)?(\d{4}年\d{1,2}月(?:\d{1,2}日)?(?:底|末)?前|\d{4}年(?:底|年底|上半年|下半年)前)")


def _task(number: str, text: str, line: Line, lines: list[Line], roles: Roles, ctx: DocContext, *, rule: str,
          section: str | None = None, group: str | None = None) -> TaskFact:
    lead, assist = roles.resolved()
    leads, group_lead = [], group
    lead = [ctx.ours(u) for u in lead]
    assist = [ctx.ours(u) for u in assist]
    for u in lead:
        g = ctx.group_named(u)
        if g and group_lead is None:
            group_lead = g
            continue
        leads.append(Unit(u, line))
    deadline = roles.deadline
    if deadline is None:
        m = _DATE_DEADLINE.search(text) if "前" in text else None      # (each form ends in 前)
        if m:
            deadline = m.group(1)
    return TaskFact(number, text, line, lines or [line], leads, [Unit(u, line) for u in assist],
                    [(n, line) for n in roles.officials], deadline if deadline and is_deadline(deadline) or deadline else None,
                    section, rule, group_lead)


def _only_group(ctx: DocContext) -> str | None:
    return next(iter(ctx.groups)) if len(ctx.groups) == 1 else None
