"""Task-decomposition tables (任务分解, 责任分工) and special-action plans
(专项行动方案) whose tasks carry label lines, with their leadership groups.

What is read
------------
* **Tasks as label blocks.** A numbered item "12.…" (or "12、…", or "1.1 …"
  under a bare chapter line "1 夯实…", numbered "1.1") followed by
  label lines "牵头领导:…", "牵头单位:…", "责任单位:…", "完成时限:…" is one
  Duty, numbered as printed ("12"), with its full text, its section (the
  "一、" and "(一)" headings above it, joined by " / ") and its deadline.
  Consecutive numbered items without labels, directly followed by an item with
  labels and no heading between them, share that item's block ("7.…", "8.…",
  "9.…" then one 牵头单位/责任单位/完成时限 block). A line that is all one
  parenthesis of labels ("(责任单位:A、B)", "(牵头单位:A;配合单位:B)") is a label
  line: after an item whose subtasks "(1)…(2)…" follow it, it assigns the item
  (the subtasks are part of its text). When the numbering starts again under
  each "一、" heading, tasks are numbered "一.1", "二.1". A "(一)…" heading
  followed directly by label lines is a task ("一.(一)地区生产总值增长7%" then
  "责任单位:…"); one followed by items is only their heading. A label value
  closed by "。" is whole (the signature after it is no part of it). Numbered items never
  followed by labels (annexes, glossaries) are not tasks. A value broken
  across lines ("区\\n营商局") is joined, and so is any line after a value
  ending in 、 or , (the list goes on, however long the rest). A label may repeat on the same line
  as another ("牵头单位:A 责任单位:B"), run on after the task's sentence
  ("1.…。牵头单位:A;责任单位:B"), or have its value on the next line.
* **Tasks closed by their assignment in parentheses** (政府工作报告重点任务
  分工): "1.…。(X牵头,Y、Z按职责分工负责)" — X leads, Y and Z assist;
  "(X、Y按职责分工负责)", "(X负责)", "(X牵头负责)" — all lead; "(X牵头,Y配合,
  2024年9月底前完成)" — the last clause a deadline; "(责任单位:…;完成时限:…)"
  and "(牵头区领导:…;牵头单位:…)" — labels inside; a bare list "(X、Y、Z)" —
  all lead, unless the document says the first listed leads. Only lists of
  bodies count ("(含续建项目)" assigns nothing); lists joined by 及/和 part
  where both sides are bodies. A task's text may run over lines before its
  parenthesis; several sentences of one task may each close with their own
  (each its own assignment). "(一)…。(X牵头)" under "二、" is task "二.(一)".
  Label lines after an item win over a parenthesis closing its text.
* **Who leads.** A lead marked in a list ("区教育局(牵头)、区住建局") leads and
  the rest assist; a 责任单位 value may name its lead with verbs ("X牵头,Y配合").
  When the document says "列第一位的为牵头单位" (also 排在第一位的, 第一个为牵头单位,
  in a header cell's note), the first unit of a task with no lead named leads
  and the others assist.
* **Tasks as tables flattened to text.** A header row whose cells are header
  words (序号, 工作任务/重点任务/任务内容, 牵头领导, 牵头单位, 责任单位,
  完成时限/时间节点/时间进度 …), with cells separated by "|" or tabs, and the
  rows under it; or, one cell per line, a header run of such words (starting
  with 序号) and rows that each start with the next 序号 (a long task cell
  wrapped over several lines, as PDF text has it, joins: the row's other cells
  are read from its start and its end). Cells are read by
  their header, columns in any order; a header cell's note in parentheses is
  ignored ("完成时限(时间节点)"); a bar ending a row without one starting it
  closes an empty last cell ("1 | 任务 | 单位 |": no 备注). A heading between rows ("一、…") sets the
  section. A row that continues the task above (序号 and task cells merged over
  rows: left out, or 序号 left empty) adds its measure and units to it; another
  row with fewer cells than the header is read in order with a warning; the
  last row cut off mid-way gives a warning, not an error. A table of 职责
  (职责事项 column) is a duty division, not a task table.
* **Labels and header words** (the same vocabulary): lead officials
  牵头领导, 牵头负责领导, 分管领导, 责任领导, 牵头省/市/区/县/旗领导, 省/市/区/县/旗领导,
  分线(县/市/区)领导, 主管领导, 分管/主管/责任 市/县/区领导;
  lead units 牵头单位, 牵头部门, 牵头责任单位, 主办单位, 主责单位; responsible
  units 责任单位, 责任部门, 负责单位, 负责部门, 责任主体, 承办单位, 责任站所/科室 (they LEAD
  when the task names no lead unit, else they ASSIST); assisting units
  协同责任单位, 其他责任单位, 配合单位, 配合部门, 协办单位, 协同单位, 参与单位; deadlines
  完成时限, 完成时间, 完成期限, 时间节点, 时间进度, 时限要求. A unit label may
  carry its level in front ("区级牵头部门", "市级配合单位"). Stray spaces inside a label ("牵 头 单 位:")
  and full-width punctuation are folded first.
* **Edges.** Official/Agency LEADS Duty (role = label as printed), Agency
  ASSISTS Duty (role = label). Lists split on 、,; with elliptical items
  completed (“西四、牛庄、岔沟等镇(街道)” → 西四镇 …); "X等各有关部门" is X and
  the collective 各有关部门; a parenthetical second name of a body
  ("市财政局(金融局)") is dropped. Officials' names lose stray spaces
  ("刘 哲" → 刘哲); "姓名(职务)", "副市长张三", "张三副市长" keep the title;
  a role alone ("分管副市长") names no one.
* **Deadlines.** As printed; a cell with several steps ("6月底前完成A,12月底前
  完成B") gives the last date; a task with no deadline label takes the dated
  "2024年10月底前" clauses of its own text (a year printed). ``deadline_date`` is ISO when the text names a day
  ("2022年12月31日"), the end of a month ("2023年6月底", "2023年6月") or of a
  year ("2023年底", "2023年年底前", "2023年"), of a quarter ("2023年第二季度",
  "2024年三季度末") or a half ("2024年上半年"). Printed without a year
  ("年底前", "三季度末", "6月底") they fall in the plan's year (the year in its
  title, else the year it was written); "长期坚持", "持续推进" give no date.
* **Detection.** Label blocks and header rows, as before; a title saying
  任务分解/任务分工/责任分工/分工方案/任务清单/任务台账 with three or more
  assignment parentheses makes a task plan (the same parentheses in a 工作要点
  keep it a work plan).
* **Projects** (precision over recall): "投资1.5亿元的X项目" (amount before
  the name, no 等 in it) and names ending in 项目/工程 found by
  :func:`loaders.kinds.work_plan.find_projects`; Duty CONCERNS Project.
* **Leadership groups** with :func:`loaders.groups.read_groups`.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from graph.records import DocumentGraph

from ..amounts import parse_amount
from ..base import DocBuilder, Loader, register
from ..groups import LEADER_TITLE, read_groups, split_person
from ..dates import deadline_date, plan_year
from ..names import AliasTable, clean_name, is_collective, looks_like_agency, person_name
from ..text import Line, SourceText, normalize, opening_of_closing_paren, split_list, strip_label_spaces
from .work_plan import find_projects

__all__ = ["TaskTableLoader", "LABELS", "label_category", "parse_officials", "read_tasks",
           "Task", "parse_assignment", "split_tail", "marked_leads", "FIRST_LEADS"]

# label / header word → category
LABELS: dict[str, str] = {
    "牵头领导": "lead_official", "牵头负责领导": "lead_official", "分管领导": "lead_official",
    "责任领导": "lead_official", "牵头市领导": "lead_official", "牵头区领导": "lead_official",
    "牵头县领导": "lead_official", "包保领导": "lead_official",
    "分线领导": "lead_official", "分线县领导": "lead_official", "分线市领导": "lead_official",
    "分线区领导": "lead_official", "牵头旗领导": "lead_official", "旗领导": "lead_official",
    "牵头省领导": "lead_official", "省领导": "lead_official", "主管领导": "lead_official",
    "分管市领导": "lead_official", "分管县领导": "lead_official", "分管区领导": "lead_official",
    "主管市领导": "lead_official", "主管县领导": "lead_official", "责任市领导": "lead_official",
    "责任县领导": "lead_official", "责任区领导": "lead_official",
    "市领导": "lead_official", "区领导": "lead_official", "县领导": "lead_official",
    "牵头单位": "lead_unit", "牵头部门": "lead_unit", "牵头责任单位": "lead_unit", "主办单位": "lead_unit",
    "牵头责任部门": "lead_unit", "主责单位": "lead_unit", "主责部门": "lead_unit", "主要责任单位": "lead_unit",
    "主办部门": "lead_unit",
    "责任单位": "unit", "责任部门": "unit", "负责单位": "unit", "负责部门": "unit", "责任主体": "unit",
    "承办单位": "unit", "实施单位": "unit", "责任站所": "unit", "责任科室": "unit", "责任股室": "unit",
    "协同责任单位": "assist_unit", "配合单位": "assist_unit", "配合部门": "assist_unit", "协办单位": "assist_unit",
    "协同单位": "assist_unit", "参与单位": "assist_unit", "协助单位": "assist_unit", "配合责任单位": "assist_unit",
    "协办部门": "assist_unit", "协同部门": "assist_unit", "参与部门": "assist_unit",
    "其他责任单位": "assist_unit",
    "完成时限": "deadline", "完成时间": "deadline", "完成期限": "deadline", "时间节点": "deadline",
    "时间进度": "deadline", "时限要求": "deadline", "完成时间节点": "deadline", "进度安排": "deadline",
}
# "区级牵头部门", "市级配合单位": the level printed before a unit label (重庆 tables)
LABELS.update({lv + k: v for k, v in list(LABELS.items()) if v in ("lead_unit", "unit", "assist_unit")
               for lv in ("省级", "市级", "区级", "县级", "旗级")})
# header cells only (not labels: "任务:" in running text means nothing)
HEADER_ONLY: dict[str, str] = {
    "序号": "number", "编号": "number",
    "工作任务": "task", "重点任务": "task", "任务内容": "task", "主要任务": "task", "具体任务": "task",
    "工作内容": "task", "任务": "task", "目标任务": "task", "工作措施": "task", "具体措施": "task",
    "任务分解": "task", "重点工作": "task", "工作事项": "task", "重要项目": "task",
    "备注": "ignore",
    # a first column naming the field of work ("一、经济发展" on the first row of its block)
    "领域": "section", "工作领域": "section",
    # a table of 职责 (duty-boundary lists) is a duty division, not a task table
    "职责事项": "duty", "职责内容": "duty", "职责": "duty", "职责分工": "duty", "主要职责": "duty",
}
_ALT = "|".join(sorted(map(re.escape, LABELS), key=len, reverse=True))
_LABEL_AT = re.compile(rf"(?:^|(?<=[\s,;]))({_ALT})\s*:\s*")
_LABEL_LINE = re.compile(rf"^({_ALT})\s*:")
_ALT_INLINE = "(?:" + _ALT + ")"
_BRACKET_LABEL = re.compile(rf"\s*[【\[]({_ALT})[】\]]\s*:?\s*")

CN = "一二三四五六七八九十"
_TASK_TITLE = re.compile(r"任务分解|任务分工|责任分工|责任分解|分工方案|任务清单|任务台账|工作分工")
_H1 = re.compile(rf"^([{CN}]+)、\s*(.+)$")
_H2 = re.compile(rf"^\(([{CN}]+)\)\s*(.+)$")
_ITEM = re.compile(r"^(\d{1,3})\s*[.、．](?!\d)\s*(.+)$"
                   r"|^(\d{1,2}\.\d{1,2})(?:\s+|[、．]\s*)(?=[\u4e00-\u9fff“\"(])(.+)$")   # "1.1 推进…"
_BREAK = re.compile(r"^(附件\s*\d*\s*[::]?\s*$|附件\s*\d*\s*[::])")
_END_PUNCT = tuple("。;!?")
_GROUP_WORD = re.compile(r"领导小组|工作小组|指挥部|专班")   # a roster's title, not the rest of a name
_PROGRESS_HEADER = re.compile(r"第?[一二三四1-4]季度(?:末|进度|目标)?|[上下]半年(?:进度|目标)?")


_AND_WORD = re.compile(r"和|及|与")


def label_category(cell: str) -> str | None:
    """The category of a label or header cell, or None.

    >>> label_category("牵头 单位"), label_category("序号"), label_category("协同责任单位")
    ('lead_unit', 'number', 'assist_unit')
    >>> label_category("责任单位(第一个为牵头单位)"), label_category("备注说明")
    ('unit', None)
    """
    c = clean_name(cell)
    found = LABELS.get(c) or HEADER_ONLY.get(c)
    if found is None and "(" in c:
        # "责任单位(列第一位的为牵头单位)", "完成时限(时间节点)": the word before the note
        base = re.sub(r"\([^()]*\)", "", c)
        found = LABELS.get(base) or HEADER_ONLY.get(base)
    if found is None and _PROGRESS_HEADER.fullmatch(c):
        found = "ignore"            # "第一季度" … "第四季度": milestones, not the deadline
    if found is None:
        # "目标任务和工作要求", "工作任务及措施": a task word joined to another
        head = _AND_WORD.split(c, maxsplit=1)[0]
        if head != c and HEADER_ONLY.get(head) == "task":
            found = "task"
    return found


# -- tasks -------------------------------------------------------------------

@dataclass
class Field:
    category: str
    label: str
    value: str
    line: Line
    group: int = 0      # fields of one assignment (one parenthesis) share a group
    open: bool = False  # its line ended in 、 or , : the list goes on on the next line


@dataclass
class Task:
    number: str
    text: str
    line: Line
    section: str | None
    fields: list[Field] = field(default_factory=list)
    lines: list[Line] = field(default_factory=list)
    breaks: int = 0          # how many breaks (headings, loose lines) came before it
    cut: str | None = None   # why it looks cut off
    tail: bool = False       # its assignment is a parenthesis closing its own text
    printed_number: bool = False   # a table row that printed its 序号
    untailed: str | None = None    # its text with the closing parenthesis, when that was read as its assignment
    h1_no: str | None = None       # the number of the "一、" heading above it
    heading: bool = False          # a "(一)…。" heading with sentences: a task only when labels follow it


# -- assignments in a closing parenthesis ---------------------------------------

_VERB_TAIL = re.compile(
    r"(?:等)?(?:按(?:各自|照)?(?:职责|职能)(?:分工)?|分别|共同|具体|负责)?"
    r"(?P<verb>牵头负责|牵头抓总|牵头落实|牵头|负责落实|负责实施|负责|配合落实|配合|参与|协助|协同|协办|主办|承办|落实|实施)$"
)
_ASSIST_VERBS = ("配合", "参与", "协助", "协同", "协办")
_DEADLINE_CLAUSE = re.compile(r"(?:19|20)\d{2}\s*年|年底|年末|年内|季度|季末|半年|\d{1,2}月|长期|持续|常态")
_LEAD_MARK = re.compile(r"\((?:总?牵头|牵头单位|牵头部门|主责|主责单位)\)")


def _top_split(text: str, seps: str) -> list[str]:
    """Split at separators outside parentheses."""
    out, depth, buf = [], 0, ""
    for ch in text:
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth = max(0, depth - 1)
        if depth == 0 and ch in seps:
            out.append(buf)
            buf = ""
        else:
            buf += ch
    out.append(buf)
    return out


def _is_body(item: str) -> bool:
    c = _LEAD_MARK.sub("", clean_name(item))
    return len(c) >= 2 and not re.search(r"\d", c) and (looks_like_agency(c) or is_collective(c))


def bodies_only(value: str) -> bool:
    """True when a printed list names only bodies (agencies, governments,
    collectives), so a parenthesis holding it is an assignment.

    >>> bodies_only("市科技局、市住建局,各县级市(区)政府"), bodies_only("含续建项目")
    (True, False)
    >>> bodies_only("市有关部门及各区县市政府")
    True
    """
    items = [i for g in unit_groups(value) for i in split_list(g)]
    return bool(items) and all(_is_body(i) for i in items)


def closing_parenthesis(text: str) -> tuple[str, str] | None:
    """(text before, inside) of a parenthesis that ends ``text`` (nested
    parentheses inside it kept), or None.

    >>> closing_parenthesis("推进改造。(市科技局、各县级市(区)政府)")
    ('推进改造。', '市科技局、各县级市(区)政府')
    """
    t = text.rstrip().rstrip("。.;,")
    k = opening_of_closing_paren(t)
    return None if k is None else (t[:k].rstrip(), t[k + 1:-1].strip())


def parse_assignment(inner: str) -> list[tuple[str, str | None, str]] | None:
    """(category, label or verb as printed, value) pairs from the inside of a
    closing parenthesis, or None when it assigns nothing.

    >>> parse_assignment("市经信局牵头,市发展改革委、市科技局按职责分工负责")
    [('lead_unit', '牵头', '市经信局'), ('unit', '按职责分工负责', '市发展改革委、市科技局')]
    >>> parse_assignment("责任单位:市住房城乡建设局、各区县市政府;完成时限:2024年12月底")
    [('unit', '责任单位', '市住房城乡建设局、各区县市政府'), ('deadline', '完成时限', '2024年12月底')]
    >>> parse_assignment("市政府办公室牵头,市大数据局配合,2024年9月底前完成")
    [('lead_unit', '牵头', '市政府办公室'), ('assist_unit', '配合', '市大数据局'), ('deadline', None, '2024年9月底前完成')]
    >>> parse_assignment("市商务局、市发改委")
    [('unit', None, '市商务局、市发改委')]
    >>> parse_assignment("由市发改委牵头,各区政府配合")
    [('lead_unit', '牵头', '市发改委'), ('assist_unit', '配合', '各区政府')]
    >>> parse_assignment("含续建项目") is None, parse_assignment("以下简称市发改委") is None
    (True, True)
    """
    inner = strip_label_spaces(inner.strip().rstrip("。;,"))
    if not inner or "。" in inner:
        return None
    out: list[tuple[str, str | None, str]] = []
    ms = list(_LABEL_AT.finditer(inner))
    if ms and not inner[: ms[0].start()].strip(" ,;"):
        for k, m in enumerate(ms):
            end = ms[k + 1].start() if k + 1 < len(ms) else len(inner)
            value = inner[m.end(): end].strip().strip(",;").strip()
            cat = LABELS[m.group(1)]
            if cat in ("lead_unit", "unit", "assist_unit"):
                value = re.sub(r"(?:等)?(?:负责)?(?:落实|负责)$", "", value).strip()
            if value:
                out.append((cat, m.group(1), value))
        return out or None
    if re.match(r"^(?:含|包括|包含|其中|即|如|主要是|不含|涉及|以下简称|简称|下称|详见|见|参照)", inner):
        return None
    pending: list[str] = []
    for clause in (c.strip() for c in _top_split(inner, ",;")):
        clause = re.sub(r"^(?:由|请)", "", clause)     # "由市发改委牵头"
        if not clause:
            continue
        m = _VERB_TAIL.search(clause)
        units = clause[: m.start()].strip(",、 ") if m else ""
        if m and units:
            if not bodies_only(units):
                return None
            verb = clause[m.start():].lstrip("等")
            value = "、".join(pending + [units])
            pending = []
            cat = "lead_unit" if "牵头" in verb or verb == "主办" else \
                "assist_unit" if m.group("verb").startswith(_ASSIST_VERBS) else "unit"
            out.append((cat, verb, value))
        elif _DEADLINE_CLAUSE.search(clause) and len(clause) <= 24 and not bodies_only(clause):
            out.append(("deadline", None, clause))
        elif bodies_only(clause):
            pending.append(clause)
        else:
            return None
    if pending:
        out.append(("unit", None, "、".join(pending)))
    if not any(c != "deadline" for c, _, _ in out):
        return None
    return out


_INNER_TAIL = re.compile(r"(?<=[。;])\s*\(((?:[^()]|\([^()]*\))*)\)")


def split_tail(text: str) -> tuple[str, list[tuple[int, str, str | None, str]]] | None:
    """(task text, assignment) when ``text`` ends with an assignment in
    parentheses, else None. Sentences inside the text that carry their own
    assignment ("…。(X负责)…。(Y牵头)") add theirs, each its own group.

    >>> text, pairs = split_tail("推进A。(市发改委负责)推进B。(市财政局牵头,市税务局配合)")
    >>> text, [(g, c, v) for g, c, _, v in pairs]
    ('推进A。推进B。', [(0, 'unit', '市发改委'), (1, 'lead_unit', '市财政局'), (1, 'assist_unit', '市税务局')])
    """
    r = closing_parenthesis(text)
    if not r or not r[0]:
        return None
    pairs = parse_assignment(r[1])
    if not pairs:
        return None
    body = r[0]
    out: list[tuple[int, str, str | None, str]] = []
    kept, pos, group = [], 0, 0
    for m in _INNER_TAIL.finditer(body):
        inner = parse_assignment(m.group(1))
        if not inner:
            continue
        kept.append(body[pos:m.start()])
        pos = m.end()
        out.extend((group, c, lb, v) for c, lb, v in inner)
        group += 1
    kept.append(body[pos:])
    out.extend((group, c, lb, v) for c, lb, v in pairs)
    return "".join(kept).strip(), out


_INLINE_LABEL = re.compile(rf"(?<=[。;!?])\s*(?={_ALT_INLINE}\s*:)")


def _apply_inline_labels(t: Task, ln: Line) -> bool:
    """"1.抓好项目建设。牵头单位:X;责任单位:Y;完成时限:…" — labels after the
    task's own sentence on the same line."""
    m = _INLINE_LABEL.search(t.text)
    if not m:
        return False
    pairs = _labels_in(t.text[m.end():])
    if not pairs or not any(LABELS[lb] in ("lead_official", "lead_unit", "unit") for lb, _ in pairs):
        return False
    t.text = t.text[: m.start()].strip()
    t.fields = [Field(LABELS[lb], lb, v.strip(), ln) for lb, v in pairs]
    return True


def _apply_tail(t: Task, ln: Line) -> bool:
    r = split_tail(t.text)
    if not r:
        return False
    t.untailed = t.text
    t.text = r[0]
    t.fields = [Field(cat, label or "", value, ln, group) for group, cat, label, value in r[1]]
    t.tail = True
    return True


def _section(h1: str | None, h2: str | None) -> str | None:
    return " / ".join(x for x in (h1, h2) if x) or None


_IN_BRACKETS = re.compile(r"\((.+)\)[。;]?")


def _labels_in(text: str) -> list[tuple[str, str]]:
    """(label, value) pairs of a line that starts with a label ("牵头单位:",
    also "【牵头单位】")."""
    text = _BRACKET_LABEL.sub(lambda m: ("" if m.start() == 0 else " ") + m.group(1) + ":", text)
    text = strip_label_spaces(text)
    # a line that is all one parenthesis holding labels: "(责任单位:A、B)", "(牵头单位:A;配合单位:B)"
    m = _IN_BRACKETS.fullmatch(text)
    if m and _LABEL_LINE.match(m.group(1).strip()):
        inner = m.group(1).strip()
        if closing_parenthesis("x" + text) == ("x", inner):
            text = inner
    if not _LABEL_LINE.match(text):
        return []
    ms = list(_LABEL_AT.finditer(text))
    out = []
    for k, m in enumerate(ms):
        end = ms[k + 1].start() if k + 1 < len(ms) else len(text)
        out.append((m.group(1), text[m.end(): end].strip().rstrip(",;")))
    return out


def read_label_tasks(lines: list[Line]) -> list[Task]:
    """Numbered items with label blocks (see the module docstring)."""
    items: list[Task] = []
    h1 = h2 = h1_no = None
    cur: Task | None = None
    breaks = 0
    for ln in lines:
        text = ln.norm
        pairs = _labels_in(text)
        if pairs:
            if cur is None:
                continue
            if cur.tail:
                # label lines after the item: they assign it, and what closed its text
                # in parentheses ("(各县区)") was part of the text after all
                cur.text, cur.fields, cur.tail = cur.untailed or cur.text, [], False
            for label, value in pairs:
                cur.fields.append(Field(LABELS[label], label, value, ln))
            cur.fields[-1].open = text.rstrip().endswith(("、", ","))
            cur.lines.append(ln)
            continue
        m = _H1.match(text)
        if m and not _ITEM.match(text):
            h1, h2, h1_no = f"{m.group(1)}、{m.group(2).strip()}", None, m.group(1)
            cur, breaks = None, breaks + 1
            continue
        m = _H2.match(text)
        if m:
            rest = m.group(2).strip()
            tail = split_tail(rest)
            if tail and "。" in tail[0]:
                # "(三)加快…。(X牵头,Y配合)": a task numbered like a heading
                number = f"{h1_no}.({m.group(1)})" if h1_no else f"({m.group(1)})"
                cur = Task(number, rest, ln, _section(h1, None), lines=[ln], breaks=breaks)
                items.append(cur)
                _apply_tail(cur, ln)
                h2 = f"({m.group(1)}){re.split(r'[。;]', rest)[0]}"
                continue
            h2 = f"({m.group(1)}){rest}"
            breaks += 1
            # "(一)建立三级林长体系。2023年6月底前完成…。", "(一)地区生产总值增长7%以上": a task
            # when label lines follow it, else only a heading
            number = f"{h1_no}.({m.group(1)})" if h1_no else f"({m.group(1)})"
            cur = Task(number, rest, ln, _section(h1, None), lines=[ln], breaks=breaks, heading=True)
            items.append(cur)
            h2 = f"({m.group(1)}){re.split(r'[。;]', rest)[0]}"
            continue
        if _BREAK.match(text):
            cur, breaks = None, breaks + 1
            continue
        m = _ITEM.match(text)
        if m:
            number, rest = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
            cur = Task(number, rest.strip(), ln, _section(h1, h2), lines=[ln], breaks=breaks, h1_no=h1_no)
            items.append(cur)
            if not _apply_tail(cur, ln):
                _apply_inline_labels(cur, ln)
            continue
        if cur is not None and not cur.fields:
            cur.text += text                       # a task's text over several lines
            cur.lines.append(ln)
            _apply_tail(cur, ln)
            continue
        if (cur is not None and cur.fields and not cur.tail and cur.fields[-1].category != "deadline"
                and (cur.fields[-1].open or cur.fields[-1].value.endswith(("、", ",")))
                and ":" not in text and len(text) <= 80 and "。" not in text.rstrip("。")):
            cur.fields[-1].value += ("," if cur.fields[-1].open and not cur.fields[-1].value.endswith(("、", ","))
                                     else "") + text   # "市科技局、" then the rest of the list on the next line
            cur.fields[-1].open = text.rstrip().endswith(("、", ","))
            cur.lines.append(ln)
            continue
        if (cur is not None and cur.fields and not cur.tail
                and (cur.fields[-1].category != "deadline" or not cur.fields[-1].value)
                and not cur.fields[-1].value.endswith(_END_PUNCT)   # "各县、区政府。": the value is whole
                and len(text) <= 30 and not text.endswith(_END_PUNCT) and "。" not in text
                and ":" not in text and not _GROUP_WORD.search(text)
                and not re.fullmatch(r"\(.*\)", text)):       # "(此件公开发布)": a remark, not a name's end
            cur.fields[-1].value += text           # a name broken across lines
            cur.lines.append(ln)
            continue
        cur, breaks = None, breaks + 1
    # which items are tasks: labelled ones, and unlabelled runs that share the next block
    tasks: list[Task] = []
    run: list[Task] = []
    for it in items:
        if not it.fields and it.heading:
            run = []                                 # a heading with no labels of its own: no task
            continue
        if not it.fields:
            if run and run[-1].breaks != it.breaks:
                run = []
            run.append(it)
            continue
        for r in run:
            if r.breaks == it.breaks and not it.tail:   # a closing parenthesis is its own task's
                r.fields = list(it.fields)
                tasks.append(r)
        run = []
        tasks.append(it)
    if tasks and items and not items[-1].fields and items[-1] not in tasks:
        last = items[-1]
        if last.number.isdigit() and tasks[-1].number.isdigit() and int(last.number) == int(tasks[-1].number) + 1:
            last.cut = "no lead or responsible units after its text"
            tasks.append(last)
    if len(tasks) >= 3 and not tasks[-1].cut and not tasks[-1].tail:
        # cut off: the last task stops before the label the others usually end with
        # (a task that merely has no 协办单位 but ends like the others is whole)
        usual = Counter(tuple(dict.fromkeys(f.category for f in t.fields)) for t in tasks[:-1]).most_common(1)[0][0]
        have = {f.category for f in tasks[-1].fields}
        missing = [c for c in usual if c not in have]
        if usual and usual[-1] not in have:
            tasks[-1].cut = "no " + ", ".join(missing)
    # numbering that starts again under each "一、" heading: the heading's number tells the tasks apart
    if len({t.number for t in tasks}) < len(tasks):
        for t in tasks:
            if t.h1_no and t.number.isdigit():
                t.number = f"{t.h1_no}.{t.number}"
    return tasks


# -- tables ------------------------------------------------------------------

def _cells(ln: Line, sep: str) -> list[str] | None:
    if sep == "|":
        if "|" not in ln.norm:
            return None
        s = ln.norm.strip()
        if s.startswith("|") and s.endswith("|") and len(s) > 1:
            s = s[1:-1]             # "| a | b |": the outer bars frame the row
        elif s.startswith("|") and not s.endswith("|"):
            s = s[1:]
        # "1 | 任务 | 单位 |": a bar at the end only closes an empty last cell (备注)
        return [c.strip() for c in s.split("|")]
    if "\t" not in ln.raw:
        return None
    return [normalize(c) for c in ln.raw.split("\t")]


def _header(cells: list[str]) -> list[str | None] | None:
    cats = [label_category(c) if c else None for c in cells]
    known = [c for c in cats if c]
    if "duty" in known:
        return None
    if len(known) >= 2 and len(known) >= len(cells) - 1 and (
            "task" in known or "number" in known) and any(c in known for c in ("lead_unit", "unit", "lead_official")):
        return cats
    return None


def _row_task(b_cells: list[str], header: list[str | None], names: list[str], ln: Line, section: str | None,
              counter: int) -> Task:
    number = None
    texts = []
    fields = []
    for cat, name, value in zip(header, names, b_cells):
        value = value.strip()
        if not cat or cat in ("ignore", "section") or not value:
            continue
        if cat == "number":
            number = value.rstrip(".、")
        elif cat == "task":
            texts.append(value)
        else:
            fields.append(Field(cat, clean_name(name), value, ln))
    return Task(number or str(counter), " ".join(texts), ln, section, fields, [ln], printed_number=bool(number))


def read_separated_tables(lines: list[Line]) -> tuple[list[Task], set[int]]:
    """Rows with "|" or tab separated cells under a header row."""
    tasks: list[Task] = []
    used: set[int] = set()
    for sep in ("|", "\t"):
        header = names = None
        h1 = h2 = None
        for ln in lines:
            if ln.no in used:
                continue
            cells = _cells(ln, sep)
            if cells is not None and all(re.fullmatch(r":?-{2,}:?", c) for c in cells if c):
                used.add(ln.no)
                continue
            if cells is not None and len(cells) >= 2:
                hd = _header(cells)
                if hd:
                    header, names = hd, cells
                    used.add(ln.no)
                    continue
            if header is None:
                continue
            filled = [c for c in (cells or []) if c]
            if cells is None or len(filled) == 1:
                text = filled[0] if filled else ln.norm
                m1, m2 = _H1.match(text), _H2.match(text)
                if m1:
                    h1, h2 = text, None
                    used.add(ln.no)
                elif m2:
                    h2 = text
                    used.add(ln.no)
                continue
            prev = tasks[-1] if tasks and tasks[-1].line.no < ln.no else None
            cont = _continuation(cells, header, names, prev.printed_number) if prev is not None else None
            if cont is not None:
                # a row continuing the task above (its 序号 and task cells merged over several rows)
                extra = _row_task(cont[0], cont[1], cont[2], ln, prev.section, len(tasks))
                if extra.text:
                    prev.text = f"{prev.text} {extra.text}".strip()
                prev.fields.extend(extra.fields)
                prev.lines.append(ln)
                used.add(ln.no)
                continue
            if header[0] == "section":
                if len(cells) == len(header) - 1:
                    cells = [""] + cells        # the row leaves out its merged 领域 cell
                if cells[0]:
                    h1, h2 = cells[0], None
            t = _row_task(cells, header, names, ln, _section(h1, h2), len(tasks) + 1)
            if len(cells) < len(header):
                t.cut = f"{len(cells)} cells, the header has {len(header)}"
            tasks.append(t)
            used.add(ln.no)
    return tasks, used


_NUMBER_CELL = re.compile(r"^\d{1,3}\s*[.、]?$")


def _continuation(cells: list[str], header: list[str | None], names: list[str], numbered: bool
                  ) -> tuple[list[str], list[str | None], list[str]] | None:
    """(cells, header, names) to read a row by, when the row continues the task
    above: the row leaves out leading merged cells (fewer cells than the
    header, the first not a 序号), or leaves its 序号 empty where the row
    above printed one (``numbered``). None for a row of its own."""
    if not header or header[0] != "number":
        return None
    if len(cells) < len(header) and cells and not _NUMBER_CELL.match(cells[0].strip()):
        k = len(header) - len(cells)
        return cells, header[k:], names[k:]
    if len(cells) == len(header) and not cells[0].strip() and numbered:
        return cells, header, names
    return None


def read_cell_lines(lines: list[Line]) -> tuple[list[Task], set[int]]:
    """One cell per line under a header run that starts with 序号."""
    tasks: list[Task] = []
    used: set[int] = set()
    i = 0
    n = len(lines)
    while i < n:
        if label_category(lines[i].norm) != "number":
            i += 1
            continue
        j = i
        while j < n and label_category(lines[j].norm) and not _labels_in(lines[j].norm):
            j += 1
        names = [lines[k].norm for k in range(i, j)]
        header = [label_category(x) for x in names]
        if len(header) < 3 or "duty" in header or not any(c in header for c in ("lead_unit", "unit", "lead_official")):
            i += 1
            continue
        used.update(ln.no for ln in lines[i:j])
        ncells = len(header) - 1
        h1 = h2 = None
        row: list[Line] | None = None
        rows: list[tuple[list[Line], str | None]] = []
        expect = None
        k = j
        while k < n:
            ln = lines[k]
            t = ln.norm
            if re.fullmatch(r"\d{1,3}", t) and (expect is None or int(t) == expect) and (row is None or len(row) > 1):
                row = [ln]
                rows.append((row, _section(h1, h2)))
                expect = int(t) + 1
            elif label_category(t) and clean_name(t) in map(clean_name, names):
                pass                              # the header repeated (a page break)
            elif (row is None or len(row) - 1 >= ncells) and (_H1.match(t) or _H2.match(t)):
                if _H1.match(t):
                    h1, h2 = t, None
                else:
                    h2 = t
            elif row is not None and len(row) - 1 < ncells:
                row.append(ln)
            elif row is not None and _wrapped(lines, k, expect, header, row, ncells):
                row.append(ln)                    # a long cell wrapped over several lines (text from a PDF)
            else:
                break
            used.add(ln.no)
            k += 1
        for r, section in rows:
            r = _unwrap(r, header, ncells)
            cells = [x.norm for x in r]
            t = _row_task(cells, header, names, r[0], section, len(tasks) + 1)
            for f in t.fields:
                f.line = r[header.index(f.category)] if header.index(f.category) < len(r) else r[-1]
            t.lines = r
            if len(cells) < len(header):
                t.cut = f"{len(cells) - 1} cells, the header has {ncells}"
            tasks.append(t)
        i = k
    return tasks, used


_DEADLINE_CELL = re.compile(r"(?:19|20)\d{2}\s*年|\d{1,2}\s*月|季度|半年|年底|年末|年内|全年|长期|持续|常态|\d{4}[-.]\d{1,2}")


def _wrapped(lines: list[Line], k: int, expect: int | None, header: list[str | None], row: list[Line],
             ncells: int) -> bool:
    """True when line k still belongs to a one-cell-per-line row that already has
    as many lines as the header has cells: a cell wrapped. It does when the next
    序号 follows within a few lines, or when the last column is a deadline and
    the row's last line is none yet (the table's last row)."""
    if "task" not in header or len(row) - 1 >= ncells + 4:
        return False
    t = lines[k].norm
    if re.fullmatch(r"\d{1,3}", t) or _H1.match(t) or _H2.match(t) or _BREAK.match(t):
        return False
    ahead = [ln.norm for ln in lines[k + 1:k + 1 + ncells]]
    if expect is not None and str(expect) in ahead:
        return True
    return header[-1] == "deadline" and not _DEADLINE_CELL.search(row[-1].norm) and len(t) <= 40


def _unwrap(row: list[Line], header: list[str | None], ncells: int) -> list[Line]:
    """A row (序号 line, then its cell lines) with more lines than cells: the
    task cell wrapped, so the lines between the cells before it and the cells
    after it are its text, joined (kept as one line)."""
    cells = row[1:]
    if len(cells) <= ncells or "task" not in header:
        return row
    p = header.index("task") - 1
    after = ncells - p - 1
    task = cells[p:len(cells) - after]
    joined = Line(task[0].no, "".join(x.raw.strip() for x in task), "".join(x.norm for x in task))
    return [row[0]] + cells[:p] + [joined] + (cells[len(cells) - after:] if after else [])


def read_tasks(lines: list[Line]) -> list[Task]:
    """Every task of a text: tables first, then label blocks in what is left."""
    t1, used1 = read_separated_tables(lines)
    rest = [ln for ln in lines if ln.no not in used1]
    t2, used2 = read_cell_lines(rest)
    rest = [ln for ln in rest if ln.no not in used2]
    return sorted(t1 + t2, key=lambda t: t.line.no) + read_label_tasks(rest)


# -- names in cells ------------------------------------------------------------

_TITLE_WORD = re.compile(r"(长|书记|主任|委员|常委|秘书|局|部|厅|处|科|办|委|会|员|理|监)")


_ROLE_ONLY = re.compile(rf"^(?:分管|联系|相关|有关|各)?(?:{LEADER_TITLE})$|(?:领导|负责人|负责同志)$")


def parse_officials(value: str) -> list[tuple[str, str | None]]:
    """(name, title) pairs from a printed list of officials.

    >>> parse_officials("王 巍、夏 应")
    [('王巍', None), ('夏应', None)]
    >>> parse_officials("刘兴达(副市长),刘哲")
    [('刘兴达', '副市长'), ('刘哲', None)]
    >>> parse_officials("王威 刘兴达")
    [('王威', None), ('刘兴达', None)]
    >>> parse_officials("副市长张三、分管副市长、市政府分管领导")
    [('张三', '副市长')]
    """
    out = []
    for part in split_list(value):
        part = part.strip()
        if _ROLE_ONLY.search(clean_name(part)):
            continue                                  # "分管副市长": a role, no one named
        p = split_person(part)
        if p and (p[1] is None or _TITLE_WORD.search(p[1])):
            out.append(p)
            continue
        # names separated by spaces: full names of 2-3 characters, single characters joined
        tokens = part.split(" ")
        buf = ""
        for tok in tokens:
            if len(tok) >= 2 and len(buf) != 1:
                if buf and person_name(buf):
                    out.append((person_name(buf), None))
                buf = tok
            else:
                buf += tok
        if buf and person_name(buf):
            out.append((person_name(buf), None))
    return out


_PAREN_ALIAS = re.compile(r"(?<=[局委办])\([^()]{1,12}(?:局|委|办)\)")
_GENERIC_GROUP = re.compile(r"^(镇|乡|街道|乡镇|镇街|镇\(街道\)|开发区|园区)(、|$)")
_ETC_ALL = re.compile(r"等(各(?:有关|相关)(?:部门|单位))")


def _body_list(text: str) -> bool:
    items = split_list(text)
    return bool(items) and all(_is_body(i) for i in items)


def _conj_parts(g: str) -> list[str] | None:
    """``g`` cut at 及/以及/和 where each side is a list of bodies; None when
    ``g`` is not a list of bodies at all."""
    for m in re.finditer(r"以及|及|和", g):
        left, right = g[: m.start()].strip(), g[m.end():].strip()
        if left and right and _body_list(left):
            rest = _conj_parts(right)
            if rest:
                return [left] + rest
    return [g] if _body_list(g) else None


def unit_groups(value: str) -> list[str]:
    """A printed list of bodies cut into groups (at , ; outside parentheses),
    each of which shares its own elliptical prefix or suffix.

    >>> unit_groups("市住房和城乡建设局等各有关部门,各开发区、镇(街道)")
    ['市住房和城乡建设局、各有关部门', '各开发区、镇(街道)']
    >>> unit_groups("各开发区,镇(街道)")
    ['各开发区', '各镇(街道)']
    >>> unit_groups("市财政局(金融局),市妇联")
    ['市财政局', '市妇联']
    >>> unit_groups("市有关部门及各县市区政府")
    ['市有关部门', '各县市区政府']
    >>> unit_groups("省有关部门和各市政府、省发展和改革委员会")
    ['省有关部门', '各市政府、省发展和改革委员会']
    """
    value = _ETC_ALL.sub(r"、\1", value)
    value = _PAREN_ALIAS.sub("", value)
    out = _top_split(value, ",;")
    groups = [g.strip().strip("。.、") for g in out if g.strip().strip("。.、")]
    # "市有关部门及各区县市政府", "省有关部门和各市政府": 及/和 between two lists of bodies
    # parts them like a comma ("发展和改革委员会" keeps its 和: "市发展" is no body)
    groups = [p for g in groups for p in (_conj_parts(g) or [g])]
    # "各开发区,镇(街道)": a bare generic group still belongs to the 各 before it
    for k in range(1, len(groups)):
        if _GENERIC_GROUP.match(groups[k]) and groups[k - 1].startswith("各"):
            groups[k] = "各" + groups[k]
    return groups


# -- who leads ---------------------------------------------------------------------

FIRST_LEADS = re.compile(
    r"(?:(?:列|排|排名|排序|位列)(?:在)?(?:第一|首)位?|第一(?:个|家|位)|首位|第一(?:责任)?(?:单位|部门))"
    r"[^,。;]{0,10}?(?:为|是|系)牵头"
)
"""A document's statement that the first unit listed for a task leads it
("列第一位的为牵头单位", "责任单位排在第一位的为牵头单位")."""


def marked_leads(fields: list[Field]) -> list[Field]:
    """Fields with a lead marked inside a list ("区教育局(牵头)、区住建局")
    split: the marked bodies become a lead field (marker dropped), the others
    stay as they are (and so assist, a lead being named).

    >>> [(f.category, f.value) for f in marked_leads([Field("unit", "责任单位", "区教育局(牵头)、区住建局", None)])]
    [('lead_unit', '区教育局'), ('unit', '区住建局')]
    >>> [(f.category, f.value) for f in marked_leads([Field("unit", "责任单位", "区住建局牵头,各街道配合", None)])]
    [('lead_unit', '区住建局'), ('assist_unit', '各街道')]
    """
    out: list[Field] = []
    for f in fields:
        if f.category == "unit" and re.search(r"牵头|配合|协助|参与", f.value):
            # "责任单位:市住建局牵头,各区政府配合": the value names its own lead
            pairs = parse_assignment(f.value)
            if pairs and all(c in ("lead_unit", "unit", "assist_unit") for c, _, _ in pairs) \
                    and any(c == "lead_unit" for c, _, _ in pairs):
                out.extend(Field(c, f.label, v, f.line, f.group) for c, _, v in pairs)
                continue
        if f.category not in ("unit", "assist_unit", "lead_unit") or not _LEAD_MARK.search(f.value):
            out.append(f)
            continue
        items = [i for g in unit_groups(f.value) for i in split_list(g)]
        marked = [_LEAD_MARK.sub("", i) for i in items if _LEAD_MARK.search(i)]
        rest = [i for i in items if not _LEAD_MARK.search(i)]
        out.append(Field("lead_unit", f.label, "、".join(marked), f.line, f.group))
        if rest:
            out.append(Field(f.category, f.label, "、".join(rest), f.line, f.group))
    return out


# -- deadlines ---------------------------------------------------------------------

def task_deadline(value: str, year: int | None = None) -> str | None:
    """ISO date of a deadline cell; a cell naming several steps gives the last
    (the date the task is done by).

    >>> task_deadline("2024年6月底前完成平台升级,2024年12月底前全面推开")
    '2024-12-31'
    >>> task_deadline("5月底前完成招标;11月底前完工", 2024), task_deadline("2024年9月", 2024)
    ('2024-11-30', '2024-09-30')
    """
    parts = [p for p in re.split(r"[,;，；]", value) if p.strip()]
    dates = [d for d in (deadline_date(p, year) for p in parts) if d]
    if len(dates) > 1:
        return max(dates)
    return deadline_date(value, year)


_TEXT_DEADLINE = re.compile(r"((?:19|20)\d{2}\s*年\s*(?:\d{1,2}\s*月(?:底|末|\d{1,2}日)?|年?底|年?末))(?:以)?前")


def text_deadline(text: str) -> str | None:
    """The deadline a task with no deadline of its own states in its text
    ("2024年10月底前编制并公布…"): its dated "…前" clauses, joined, so the
    last of them counts; None when it states none.

    >>> text_deadline("2024年6月底前实现A,2024年12月底前实现B。")
    '2024年6月底前,2024年12月底前'
    >>> text_deadline("全年新开工项目300个") is None
    True
    """
    found = [m.group(0) for m in _TEXT_DEADLINE.finditer(text)]
    return ",".join(found) or None


# -- projects --------------------------------------------------------------------

_INVEST_NAME = re.compile(
    r"投资(?:约|达)?\s*(\d+(?:\.\d+)?\s*(?:亿元|万元|千元|元|亿美元|万美元))的([^,。;、“”()\s等]{3,40}?(?:项目|工程))(?![\u4e00-\u9fff]*等)"
)


_NOT_A_NAME = re.compile(r"加速|到|把|以上|新上|发展|开复工|及|和|一批|重点|相关")


def task_projects(text: str) -> list[tuple[str, object, str | None]]:
    """(name, Amount or None, amount as printed) for the projects a task names.

    >>> [(n, a.value) for n, a, _ in task_projects("重点推进投资0.5亿元的海城三鱼泵业数字化改造项目,推动数字社会")]
    [('海城三鱼泵业数字化改造项目', 0.5)]
    >>> task_projects("重点推进投资1亿元的海城市鑫荣智能装备等项目建设")
    []
    """
    out: list[tuple[str, object, str | None]] = []
    seen: set[str] = set()
    for m in _INVEST_NAME.finditer(text):
        name = m.group(2)
        out.append((name, parse_amount(m.group(1)), m.group(0)[: m.group(0).index("的")]))
        seen.add(name)
    for name, _, amount in find_projects(text):
        if name in seen or any(name in s or s in name for s in seen):
            continue
        if "等" in name or _NOT_A_NAME.search(name[:-2]) or len(re.sub(r"(工程)?(项目|工程)$", "", name)) < 5:
            continue
        out.append((name, amount, amount.text if amount else None))
        seen.add(name)
    return out


# -- the loader ----------------------------------------------------------------

@register
class TaskTableLoader(Loader):
    kind = "task_table"
    description = "task-decomposition tables (任务分解/责任分工) and special-action plans with label blocks and leadership groups"

    def score(self, src: SourceText) -> float:
        lines = src.lines
        if not lines:
            return 0.0
        label_lines = 0
        cats: Counter[str] = Counter()
        for ln in lines:
            pairs = _labels_in(ln.norm)
            if pairs:
                label_lines += 1
                cats.update(LABELS[lb] for lb, _ in pairs)
        headers = 0
        for ln in lines:
            for sep in ("|", "\t"):
                c = _cells(ln, sep)
                if c and len(c) >= 3 and _header(c):
                    headers += 1
        cell_header = sum(1 for k, ln in enumerate(lines[:-2]) if label_category(ln.norm) == "number"
                          and label_category(lines[k + 1].norm) not in (None, "duty")
                          and label_category(lines[k + 2].norm) not in (None, "duty"))
        s = 0.0
        leads = cats["lead_unit"] + cats["lead_official"] + cats["unit"]
        if label_lines >= 3 and leads >= 2:
            s += 0.3 + min(0.3, label_lines / 100)
            if cats["deadline"] or cats["lead_official"]:
                s += 0.1
        if headers or cell_header:
            s += 0.5
        titled = any(_TASK_TITLE.search(ln.norm) and "。" not in ln.norm and len(ln.norm) <= 100 for ln in lines[:40])
        # tasks whose assignment closes them in parentheses: a task plan when its title says so
        # (work plans — 工作要点 — carry such parentheses too, and keep them)
        tails = sum(1 for ln in lines if ln.norm.endswith((")", ")。", ");")) and split_tail(ln.norm))
        if titled or any(re.search(r"专项行动", ln.norm) for ln in lines[:40]):
            s += 0.1 if s else 0.0
        if tails >= 3:
            s = max(s, 0.65 + min(0.15, tails / 100) if titled else 0.15)
        return round(min(s, 0.9), 3)

    def parse(self, src: SourceText, aliases: AliasTable) -> list[DocumentGraph]:
        b = self.builder(src, aliases)
        lines = [ln for ln in src.lines if ln.no > b.meta.title_line] if b.meta.title_line else src.lines
        tasks = read_tasks(lines)
        year = plan_year(b.meta.title, b.meta.date_written)
        first = any(FIRST_LEADS.search(ln.norm) for ln in src.lines)
        for t in tasks:
            self._task(b, t, year=year, first_leads=first)
        read_groups(b, src.lines)
        return [b.build()]

    def _task(self, b: DocBuilder, t: Task, *, year: int | None = None, first_leads: bool = False) -> None:
        text = t.text.strip()
        listed: dict[int, str] = {}     # group → the first unit listed
        if not text:
            b.warn(t.line, f"task {t.number} has no text")
            text = f"(任务{t.number})"
        deadline = next((f for f in t.fields if f.category == "deadline" and f.value), None)
        printed = deadline.value if deadline else None
        if printed is None and not any(f.category == "deadline" for f in t.fields):
            printed = text_deadline(text)
        did = b.duty(t.number, text, t.line, section=t.section, deadline=printed,
                     deadline_date=task_deadline(printed, year) if printed else None)
        if t.cut:
            b.warn(t.lines[-1] if t.lines else t.line, f"task {t.number} seems cut off: {t.cut}")
        fields = marked_leads(t.fields)
        lead_groups = {f.group for f in fields if f.category == "lead_unit" and f.value}
        leads = 0
        for f in fields:
            if not f.value:
                continue
            if f.category == "lead_official":
                for name, title in parse_officials(f.value):
                    oid = b.official(name, f.line, title=title)
                    if oid:
                        b.edge("LEADS", oid, did, f.line, role=f.label or None)
                        leads += 1
            elif f.category in ("lead_unit", "unit", "assist_unit"):
                has_lead = f.group in lead_groups
                kind = "LEADS" if f.category == "lead_unit" or (f.category == "unit" and not has_lead) else "ASSISTS"
                # "列第一位的为牵头单位": with no lead named, the first unit listed leads, the rest assist
                first = first_leads and not has_lead and f.category == "unit"
                for group in unit_groups(f.value):
                    for aid in b.agencies(group, f.line):
                        k = kind
                        if first:
                            k = "ASSISTS" if listed.get(f.group) else "LEADS"
                            listed.setdefault(f.group, aid)
                        b.edge(k, aid, did, f.line, role=f.label or None)
                        leads += k == "LEADS"
        if not leads and not t.cut:
            b.warn(t.line, f"task {t.number} names no lead")
        for name, amount, amount_text in task_projects(text):
            kwargs = {}
            if amount is not None:
                kwargs = {"amount": amount.value, "unit": amount.unit, "amount_yuan": amount.yuan,
                          "amount_text": amount_text}
            line = next((ln for ln in t.lines if name in ln.norm), t.line)
            pid = b.project(name, line, **kwargs)
            b.edge("CONCERNS", did, pid, line)
