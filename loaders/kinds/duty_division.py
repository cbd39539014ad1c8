"""Duty-division opinions (职责分工 / 职责划分 / 职能分工 / 职责边界清单 / 工作职责规定):
who does what, body by body.

Detection: the title (its first lines) says 职责分工/职责划分/职能分工/职责边界/
工作职责/…职责的意见 (the phrase "按职责分工负责" of a task plan does not count),
and the text has body headings, numbered items that name who acts, or a matrix.

What is read
------------
* **Where.** The document after its title, split into sections by "一、"
  headings and chapters (第X章). Sections with body headings are read; when some
  section has them, the others are read too unless their title is a principle,
  requirement or the like (指导思想, 基本原则, 工作要求, 保障措施, 总则, 附则 …).
  A sentence "…以X为主…" is read anywhere.
* **Bodies.** A body's block opens with one of
  - a label line "X主要职责:", "X职责:", "X工作职责", "一、X职责", "第三条 X职责:"
    (numbered or not; X is one body or a list of bodies);
  - a numbered heading that is only a body's name: "(一)市发展和改革委员会",
    optionally followed by ":" or "。" and its general statement;
  - an unnumbered colon heading "市民政局:" (or "市商务局:负责…" on one line);
  - "X负责以下工作:" / "X承担下列职责:";
  - an unnumbered lead sentence "X(具体|全面|主要)负责…", "X继续作为…主体",
    "…由X全面负责…", "…以X为主…".
  A block ends at the next body, at a numbered heading at or above the level
  the block was opened at ("3.交通工作" ends the bodies of "2.住房和城乡建设工作"),
  at a chapter, and (a block opened by a lead sentence, before its first item)
  at a numbered title ("1.关于安全生产方面").
  Printed bodies: a second nameplate in parentheses is dropped ("市城管局(市城市
  管理行政执法局)"), "X和Y" is two bodies, a sector's department as printed
  ("文化旅游部门") is a body in sentences (the text names no particular one), a
  collective ("其他部门", "各区人民政府") acts like any body and stays collective.
* **Duties.** Every numbered item inside a block ("(1)", "1.", "1、", "(一)" …) is a
  Duty with the number path as printed ("三.(一).2.(3)", "第三条.(二)"; chapters are
  not in the path, articles are numbered through the document); ``section`` is
  the body's heading (with the heading that encloses it). The block's body LEADS
  it (role "主要职责" or the printed label); an item whose own subject is another
  body (a branch: "市公安局交警支队负责…") has that body LEAD it too. An item with
  numbered children is a sub-heading, not a duty. Unnumbered text before the first
  item (or the lead sentence itself) is the body's general statement: a Duty with
  ``general`` true, numbered by the enclosing heading.
  A numbered item outside any block is a duty when its text says who acts
  (matter headings with "(一)区文旅局负责…", "(一)占道经营管理。由市城管局负责,
  各区人民政府配合。"): "由X负责", "X负责/牵头/承担/履行/行使/主管", "X对…负责/实施
  监督管理", "以X为主", "X会同Y…", "X指导、Y具体实施" (both lead), "X按照各自职责
  做好…" → X LEADS. Statements about the document itself ("本意见由X负责解释")
  are not duties.
* **Matrices.** A table whose header names a matter column and a lead column
  (序号|职责事项|主责部门|配合部门, cells split by | or tabs, or one cell per
  line with each row starting with its 序号) gives a Duty per row numbered by its
  序号: LEADS from the lead column, ASSISTS from the 配合/协同 column (or a second
  责任 column). A header with a deadline column is a task table, not a matrix.
* **Assisting bodies.** "会同A、B" and a clause "A、B(等部门)(按照各自职责)(做好)
  配合/协助/参与/支持" → ASSISTS (role as printed); collectives count.
  "配合/协助X做好…" inside a duty: X does that work and LEADS the duty (role
  "被配合"), the duty's own body ASSISTS it, and still LEADS it only when the duty
  has a part of its own ("负责…,配合X做好…").
* **Powers.** A licence or certificate named in 《》 in a duty ("核发《建设用地
  规划许可证》") is a Power (category 行政许可 when its name says 许可 or it
  is a 选址意见书); "X方面的行政处罚权", "X的行政处罚" are 行政处罚 powers.
  The duty's body HOLDS each (``via`` "duty division"), and HOLDS the category
  node (``is_category``) for every duty naming 许可 or a power kind of the
  权力清单 (行政处罚, 行政强制, 行政征收, 行政给付, 行政检查, 行政确认, 行政奖励,
  行政裁决); the duty CONCERNS the power.
* **Projects** (precision over recall): items of a list closed by "等项目"/
  "等工程" ("如中桥、东桥、30万吨码头等项目") when an item ends in a structure
  noun (桥, 码头, 防波堤, 厂 …) or carries a capacity ("30万吨码头"); names with
  a capacity ending in 项目/工程 ("中石化1000万吨炼油项目"); other names ending
  in 项目/工程 only when an amount follows them ("X项目,总投资5亿元"). The
  duty CONCERNS each; amounts via :mod:`loaders.amounts`. A project belongs to
  the place of this document's levels named before it in the same sentence
  ("由辽东湾新区承担的…项目,如中桥…" → 辽东湾新区), else to the document's own.
  Generic facilities ("污水处理厂", "集中供热项目") are left in the duty texts
  only, so overlap between bodies stays visible there.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import islice

from graph.records import DocumentGraph, node_id

from ..amounts import parse_amount
from ..base import DocBuilder, Loader, register
from ..names import AliasTable, clean_name, expand_elliptical, is_collective, looks_like_agency
from ..text import Line, SourceText, normalize, split_list
from .work_plan import find_projects

__all__ = ["DutyDivisionLoader", "body_heading", "lead_sentence", "assisting_lists", "find_powers",
           "find_division_projects"]

CN = "一二三四五六七八九十"
_H1 = re.compile(rf"^([{CN}]+)\s*、\s*(.*)$")
_H2 = re.compile(rf"^\(([{CN}]+)\)\s*(.*)$")
_H3 = re.compile(r"^(\d{1,3})\s*[、.．](?!\d)\s*(.*)$")
_H4 = re.compile(r"^\((\d{1,2})\)\s*(.*)$")
_ART = re.compile(rf"^(第[{CN}百零〇两]+条)\s*:?\s*(.*)$")     # "第三条 X…" (or "第三条:X:…")
_CHAPTER = re.compile(rf"^第[{CN}百零〇两]+[章编]\s*\S")
_LEVELS = ((1, _ART, "{}"), (1, _H1, "{}"), (2, _H2, "({})"), (3, _H3, "{}"), (4, _H4, "({})"))
_END_PUNCT = tuple("。;!?)”:")
_CJK_SPACE = re.compile(r"(?<=[\u4e00-\u9fff“”,。、;:]) (?=[\u4e00-\u9fff“”,。、;:(])")

_TITLE_WORDS = re.compile(r"职责分工|职责划分|职能分工|职责边界|工作职责|职责的(?:意见|通知|方案)|职责(?:意见|方案|清单|规定)|"
                          r"责任(?:规定|清单)|权责清单")
# "X主要职责:" / "X职责:" / "X的工作职责" (X: a body or a list of bodies)
_LABEL = re.compile(r"^(?P<body>[^,。;:!?]{2,60}?)(?:的)?(?P<label>主要职责|工作职责|具体职责|职责)\s*(?:是|为|如下)?\s*(?::\s*(?P<rest>.*))?$")
# "X(具体|全面…)负责…" at the start of a sentence
_LEAD = re.compile(r"^(?P<body>[^,。;:!?()]{2,40}?)(?P<verb>(?:具体|全面|主要|继续|统一|要|牵头)?(?:负责|行使|承担|作为))")
_BY = re.compile(r"由(?P<body>[^,。;:!?由]{2,40}?)(?P<verb>(?:具体|全面|统一)?负责)")
# "X负责以下工作:" / "X承担下列职责:" heading the numbered duties below it
_BELOW = re.compile(r"^(?P<body>[^,。;:!?]{2,40}?)(?P<label>(?:主要|具体)?(?:负责|承担|履行))(?:以下|下列|如下)(?:工作|职责|事项|任务)?(?:任务)?\s*:?\s*$")
_INCLUDES = re.compile(r"(?:主要|具体)?(?:包括|职责(?:是|为)?|有)\s*:\s*$")
_NOT_BODY_START = ("负责", "做好", "加强", "推进", "由", "对", "在", "按", "以", "关于", "坚持", "全面", "建立", "完善", "强化",
                   "落实", "其他", "其它", "本", "为", "各", "凡")


@lru_cache(maxsize=1 << 14)   # pure: detection and reading ask for the same texts
def _marker(norm: str) -> tuple[int, str, str] | None:
    for level, rx, fmt in _LEVELS:
        m = rx.match(norm)
        if m and m.group(2).strip() not in ("", "。"):
            return level, fmt.format(m.group(1)), m.group(2).strip()
    return None


def _heading_text(level: int, marker: str, title: str) -> str:
    """A numbered heading as printed: "一、指导思想", "(一)…", "1.规划工作"."""
    title = _clean(title).rstrip("。:")
    if marker.startswith("第"):
        return f"{marker} {title}"
    return f"{marker}、{title}" if level == 1 else f"{marker}.{title}" if level == 3 else f"{marker}{title}"


def _clean(text: str) -> str:
    return _CJK_SPACE.sub("", text).strip()


# a sector's department as printed ("文化旅游部门", "市场监管部门"): the text names no particular body
_SECTOR = re.compile(r"^(?!市直|县直|区直|省直|市级|县级|区级|有关|相关|其他|其它|各|职能|主管|行业|监管|执法|责任|牵头|配合|同级|上级|"
                     r"下级|本级|政府|党政|部分|其余|上述|以上|下列|哪个|所有)(?![\u4e00-\u9fff]*(?:承接|权力|职能|业务|主体|能够|代替|可以))[^但的将对在为由按可以及和与或并等之其所被把\W\d]{2,7}部门$")


_GLUED = re.compile(r"(?<=[局委办院厅部队所站心府会])(?:以及|和|与|及)(?=[\u4e00-\u9fff]{2})")
_NAMEPLATE = re.compile(r"\((?:[^()]*(?:局|委|办|厅|室|中心|牌子|署))\)$")


@lru_cache(maxsize=1 << 14)   # pure: the same bodies are asked about again and again
def body_text(printed: str) -> str:
    """A printed body or list as a 、-list of names: "X局和Y局" → "X局、Y局", a
    second nameplate in parentheses dropped ("市城管局(市城市管理行政执法局)").

    >>> body_text("市教育局和市卫生健康委")
    '市教育局、市卫生健康委'
    >>> body_text("市委宣传部(市新闻出版局)")
    '市委宣传部'
    """
    glued = printed.strip() if printed.strip().startswith("各") else _GLUED.sub("、", printed.strip())
    items = [e for e, _ in expand_elliptical(split_list(glued))]
    out = []
    for it in items:
        bare = _NAMEPLATE.sub("", clean_name(it))
        out.append(bare if len(bare) >= 2 else it)
    return "、".join(out)


@lru_cache(maxsize=1 << 14)   # pure: detection and reading ask for the same texts
def _is_body(printed: str) -> bool:
    """A printed name (or list of names) that is clearly a body."""
    items = split_list(body_text(printed)) if printed.strip() else []
    if not items:
        return False
    for it in items:
        n = clean_name(it)
        if _SECTOR.match(n) and not is_collective(n) and not n.startswith(_NOT_BODY_START):
            continue
        if len(n) < 2 or len(n) > 30 or is_collective(n) or not looks_like_agency(n):
            return False
        if n.startswith(_NOT_BODY_START) or re.search(r"[的和与及]$", n) or re.search(r"(?:场所|处所|住所|查处|处置|处理|惩处)$", n):
            return False
        if re.search(r"(负责|配合|协助|推进|做好|的|以上|以下|会同|牵头|指导|关于|印发)", n):
            return False
        if "工作" in n and not re.search(r"工作(委员会|办公室|部|组|领导小组)", n):
            return False
    return True


_A_TITLE = re.compile(r"关于|印发")
_ONE_BODY_HEAD = re.compile(r"^(?P<body>[^,。;:!?]{2,30}?)\s*(?:[:。]\s*(?P<rest>.*))?$")
_BODIES_HEAD = re.compile(r"^(?P<body>[^,。;:!?]{4,60}?)\s*(?::\s*(?P<rest>.*))?$")


@lru_cache(maxsize=1 << 14)   # pure: detection and reading ask for the same texts
def body_heading(text: str) -> tuple[str, str, str] | None:
    """(printed body, label, rest of the line) when a heading text names a
    body's block, else None.

    >>> body_heading("市规划局主要职责:")
    ('市规划局', '主要职责', '')
    >>> body_heading("市财政局职责:负责全市财政收支管理。")
    ('市财政局', '职责', '负责全市财政收支管理。')
    >>> body_heading("市发展和改革委员会")
    ('市发展和改革委员会', '', '')
    >>> body_heading("以市直各部门为主的重点工作职责") is None
    True
    """
    t = text.strip()
    if _A_TITLE.search(t):
        return None          # a title ("…关于印发…工作职责" wrapped before 规定的通知), not a body's label
    m = _BELOW.match(t)
    if m and _is_body(m.group("body")):
        return m.group("body").strip(), m.group("label"), ""
    m = _LABEL.match(t)
    if m and _is_body(m.group("body")):
        return m.group("body").strip(), m.group("label"), (m.group("rest") or "").strip()
    if m:
        # "市发展改革委生态环境保护工作职责:": the body, then the field its duties are in
        tm = _TOPIC.match(m.group("body").strip())
        if tm and _is_body(tm.group("body")) and not re.search(r"负责|配合|的", tm.group("topic")):
            return tm.group("body"), m.group("label"), (m.group("rest") or "").strip()
    m = _ONE_BODY_HEAD.match(t)
    if m and _is_body(m.group("body")) and len(split_list(m.group("body"))) == 1 \
            and (not _SECTOR.match(clean_name(m.group("body"))) or not (m.group("rest") or "").strip()):
        return m.group("body").strip(), "", (m.group("rest") or "").strip()
    # several bodies as the heading ("县自然资源局、县林业局", "市住建局、市城管局:按照职责分工负责…")
    m = _BODIES_HEAD.match(t)
    if m and len(split_list(body_text(m.group("body")))) > 1 and _is_body(m.group("body")) \
            and not any(_SECTOR.match(clean_name(x)) for x in split_list(body_text(m.group("body")))):
        return m.group("body").strip(), "", (m.group("rest") or "").strip()
    return None


_TOPIC = re.compile(r"^(?P<body>.+(?:局|委|委员会|办|办公室|中心|厅|院|部|政府|管委会|支队|大队|分局))(?P<topic>[\u4e00-\u9fff]{2,16})$")


def lead_sentence(sentence: str) -> tuple[str, str] | None:
    """(printed body, verb) when a sentence opens with a body that takes charge.

    >>> lead_sentence("辽东湾新区管委会具体负责新区域内安全生产工作。")
    ('辽东湾新区管委会', '具体负责')
    >>> lead_sentence("辽东湾新区的其它工作由辽东湾新区管委会全面负责,市直各部门做好配合。")
    ('辽东湾新区管委会', '全面负责')
    >>> lead_sentence("区住房城乡建委牵头负责城市地下管网建设的统筹协调,区发展改革委配合。")
    ('区住房城乡建委', '牵头负责')
    >>> lead_sentence("全面行使对辽东湾新区的城市规划管理职责。") is None
    True
    """
    s = sentence.strip()
    if _SELF.match(s):
        return None
    m = _LEAD.match(s)
    if m and _is_body(m.group("body")):
        return m.group("body"), m.group("verb")
    for clause in re.split(r"[,;]", s):
        m = _BY.search(clause)
        if m and _is_body(m.group("body")):
            return m.group("body"), m.group("verb")
    if "," in s or s.endswith(("。", ";")):
        m = _WEIZHU.search(s)
        if m and _is_actor(m.group("body")) and not _BARE_PLACE_WORD.fullmatch(clean_name(m.group("body"))):
            return m.group("body"), "为主"
    return None


# "经济事务以开发区为主、社会事务以属地为主": a kind of place, not a body
_BARE_PLACE_WORD = re.compile(r"(?:经济|工业|高新|产业)?(?:开发区|园区|新区|高新区|经济区)|属地|基层|地方")

# "本意见由市司法局负责解释": about the document, not a division of duties
_SELF = re.compile(r"^(?:本|此)(?:意见|规定|方案|办法|通知|清单|细则|决定)")

# "…以X为主" in a sentence (not in a heading "以X为主的重点工作职责")
_WEIZHU = re.compile(r"以(?P<body>[^,;。:以]{2,40}?)为主(?!体|的|要)")


_HUIJTONG = re.compile(r"会同(?P<list>[^,;。:()]{2,80}?)(?:等(?:有关|相关)?(?:部门|单位))?(?=共同|做好|争取|开展|研究|制定|制订|拟订|编制|组织|进行|实施|负责|推进|推动|完成|建立|健全|完善|审核|审查|查处|督促|指导|监督(?!管理局|局)|落实|加强|办理|处理|协调|[,;。)]|$)")
_CO_VERBS = ("配合", "协助", "参与", "支持")
_CO_VERB = re.compile("|".join(_CO_VERBS))
_CO = re.compile(r"(?:^|(?<=[,;。]))\s*(?:由)?(?P<list>[^,;。:()]{2,80}?)(?:等(?:有关|相关)?(?:部门|单位))?(?:要|负责|应)?(?:按照?(?:各自|本部门)?职责(?:分工)?)?(?:积极|全力|密切|共同|予以)?(?:做好)?(?:指导和|支持和|服务和)?(?P<verb>" + "|".join(_CO_VERBS) + ")")


def assisting_lists(text: str, *, collectives: bool = False) -> list[tuple[str, str]]:
    """(printed list of bodies, role) that a text names as helping.

    >>> assisting_lists("负责全市项目审批,会同市财政局、自然资源局做好资金安排。")
    [('市财政局、自然资源局', '会同')]
    >>> assisting_lists("市外经贸局、市经信委等部门全力做好配合工作。")
    [('市外经贸局、市经信委', '配合')]
    >>> assisting_lists("负责配合市卫生计生委做好应急工作;协助相关部门做好调查。")
    []
    """
    out = []
    ok = _is_actor if collectives else _is_body
    for m in _HUIJTONG.finditer(text):
        if ok(m.group("list")):
            out.append((m.group("list"), "会同"))
    for m in _CO.finditer(text) if _CO_VERB.search(text) else ():
        lst = re.sub(r"^(?:并|同时|其中)", "", m.group("list").strip())
        if ok(lst):
            out.append((lst, m.group("verb")))
    return out


@lru_cache(maxsize=1 << 14)   # pure: detection and reading ask for the same texts
def _is_actor(printed: str) -> bool:
    """A clearly named body, or a collective actor ("其他部门", "各区人民政府")."""
    items = split_list(body_text(printed)) if printed.strip() else []
    if not items:
        return False
    for it in items:
        n = clean_name(it)
        if is_collective(n) and 2 <= len(n) <= 16 and not re.search(r"(负责|配合|协助|推进|做好|职责|的|按照)", n):
            continue
        if not _is_body(it):
            return False
    return True


_ROLE_SUBJECT = r"(?P<body>[^,;。:、(][^,;。:、]{1,39}?(?:、[^,;。:、]{2,40}?)*)"
# (pattern, role, words): a clause holds one of the words wherever the pattern matches in it,
# so a clause holding none of them is not searched (most clauses: the searches are the costly part)
_ROLE_LEADS = tuple((rx, role, re.compile("|".join(words))) for rx, role, words in (
    (re.compile(r"由(?P<body>[^,;。:由]{2,40}?)(?P<role>(?:具体|全面|统一|牵头)?负责|牵头)"), None, ("由",)),
    (re.compile(r"以(?P<body>[^,;。:以]{2,40}?)为(?P<role>主)(?!体|的|要)"), "为主", ("为主",)),
    # "…进入市场后,由市市场监督管理局监督管理"
    (re.compile(r"由(?P<body>[^,;。:由]{2,40}?)(?P<role>(?:依法)?(?:统一)?(?:监督管理|监管|查处|组织实施))(?![局委办厅])"), None, ("由",)),
    # "市市场监督管理局应当及时向市卫生健康委员会提出…建议": a part of its own
    (re.compile(r"^(?P<body>[^,;。:、()]{2,24}?(?:局|委|委员会|办|办公室|中心|政府|管委会|支队|大队|分局))(?P<role>应当)(?!会同|配合|协助|支持)"), None, ("应当",)),
    (re.compile(r"^" + _ROLE_SUBJECT + r"(?:要|应)?(?P<role>(?:具体|全面|主要|统一|继续|共同)?负责|牵头(?:负责)?)(?!人|同志)"), None, ("负责", "牵头")),
    (re.compile(r"^" + _ROLE_SUBJECT + r"(?:要|应)?(?P<role>按照?(?:各自|本部门)?职责(?:分工)?)(?:做好|负责|履行|承担|开展|抓好)(?!.{0,4}(?:配合|协助|支持))"), None, ("职责",)),
    # "县直其他部门按照“管发展必须管环保…”的要求,履行本行业…责任"
    (re.compile(r"^" + _ROLE_SUBJECT + r"(?P<role>按照[^,;。《》]{2,40}?要求)(?:做好|履行|承担|抓好)"), None, ("按照",)),
    # "X为全市…的牵头部门", "X是辖区…的责任主体"
    (re.compile(r"^" + _ROLE_SUBJECT + r"(?:为|是)[^,;。]{0,30}?(?P<role>牵头部门|牵头单位|责任主体|落实主体|实施主体|监管主体|主管部门|第一责任人)"), None, ("牵头", "主体", "主管部门", "第一责任人")),
    (re.compile(r"^" + _ROLE_SUBJECT + r"(?:要|应)?会同"), "主办", ("会同",)),
    (re.compile(r"^" + _ROLE_SUBJECT + r"(?:要|应|依法|统一|具体)?(?P<role>承担|履行|行使|主管|负总责)(?!人)"), None, ("承担", "履行", "行使", "主管", "负总责")),
    (re.compile(r"^" + _ROLE_SUBJECT + r"(?:要|应|依法)?对[^,;。]{2,40}?(?P<role>负责|负总责|负[\u4e00-\u9fff]{0,6}?责任|实施(?:统一)?监督管理|实施(?:综合)?监管)"), None, ("对",)),
    # "县水务局依法实施河道采砂许可"
    (re.compile(r"^" + _ROLE_SUBJECT + r"(?:要|应)?(?P<role>依法实施|组织实施|负责实施)"), None, ("实施",)),
    # "(三)区城管局指导互联网租赁自行车停放管理": a body, then what it does
    (re.compile(r"^" + _ROLE_SUBJECT + r"(?:要|应|依法)?(?P<role>指导|督促|查处|核发|监管)(?!人|员|部门|单位|机构)"), None, ("指导", "督促", "查处", "核发", "监管")),
))
# any pattern's word: a clause holding none of them (most) is not tried pattern by pattern
_ROLE_WORDS = re.compile("|".join(words.pattern for _, _, words in _ROLE_LEADS))
_LEAD_LABELS = ("牵头", "主责", "责任", "主办", "主体责任")
_BODY_DUTY_LABEL = re.compile(r"(?:^|(?<=[。;]))\s*(?P<body>[^,。;:()]{2,30}?)(?:工作)?职责\s*:\s*(?=\S)")
_INLINE_LABEL = re.compile(r"(?:^|(?<=[。;]))\s*(?P<label>(?P<kind>牵头|主责|责任|主办|主体责任|配合|协办|协同|协助)(?:单位|部门))\s*:\s*(?P<list>[^;。:]+)")
# "区住建委(牵头)": the one body of a 责任单位 list that leads
_MARKED_LEAD = re.compile(r"\((?:牵头|主责|牵头单位|牵头部门)\)\s*$")
# "区城市管理和综合执法局(依法实施行政处罚)": a note on what the body does, not a second name
_NOTE_IN_BRACKETS = re.compile(r"\([^()]*(?:实施|负责|依法|行使|牵头|具体|承担)[^()]*\)")
_ROLE_COMMA = re.compile(r"(按照?(?:(?:各自|本部门)?职责(?:分工)?|[^,;。《》]{2,40}?要求))\s*,\s*(?=做好|负责|履行|承担|开展|抓好)")
_GUIDE_IMPLEMENT = re.compile(r"^(?P<a>[^,;。:()]{2,40}?)(?P<ra>指导|监督|统筹)、(?P<b>[^,;。:()]{2,40}?)(?P<rb>具体(?:实施|负责|落实|承办))")
_HELPED = re.compile(r"(?:^|负责|并|主动|积极|全力)(?P<role>配合|协助)(?P<body>[^,;。:()]{2,40}?)(?:做好|开展|行使|实施|推进|完成|进行|落实|抓好|办理|处置|查处|共同)")


def text_roles(text: str) -> tuple[list[tuple[str, str]], list[tuple[str, str]], list[tuple[str, str]]]:
    """(leads, assists, helped) a duty or sentence names, each (printed, role).

    ``helped`` are the bodies a "配合/协助X做好…" helps: X does the work.

    >>> text_roles("由市城管局负责,各区人民政府配合。")
    ([('市城管局', '负责')], [('各区人民政府', '配合')], [])
    >>> text_roles("市商务局指导、各区人民政府具体实施。")[0]
    [('市商务局', '指导'), ('各区人民政府', '具体实施')]
    >>> text_roles("责任单位:区住建委(牵头)、各街道办事处。")[:2]
    ([('区住建委', '牵头')], [('各街道办事处', '责任单位')])
    >>> text_roles("配合市农业农村局做好追溯体系建设。")[2]
    [('市农业农村局', '配合')]
    """
    leads, assists, helped = _text_roles(text)
    return list(leads), list(assists), list(helped)


@lru_cache(maxsize=1 << 14)   # pure: detection's score and the reader read the same items
def _text_roles(text: str) -> tuple[tuple[tuple[str, str], ...], ...]:
    leads: list[tuple[str, str]] = []
    assists: list[tuple[str, str]] = []
    helped: list[tuple[str, str]] = []
    # inline labels: "牵头单位:X;配合单位:Y、Z。"
    labelled = False
    for m in _INLINE_LABEL.finditer(text):
        items = [it.strip() for it in re.split(r"、(?![^()]*\))", m.group("list"))]
        marked = [it for it in items if _MARKED_LEAD.search(it)]
        if marked and m.group("kind") in _LEAD_LABELS and len(marked) < len(items):
            # "责任单位:X(牵头)、Y、Z": the body marked 牵头 leads, the others in the list take part
            lead_list = "、".join(_MARKED_LEAD.sub("", it) for it in marked)
            rest = "、".join(_NOTE_IN_BRACKETS.sub("", it) for it in items if it not in marked).strip()
            if _is_actor(lead_list) and _is_actor(rest):
                leads.append((lead_list, "牵头"))
                assists.append((rest, m.group("label")))
                labelled = True
                continue
        lst = _NOTE_IN_BRACKETS.sub("", m.group("list")).strip()
        if _is_actor(lst):
            (leads if m.group("kind") in _LEAD_LABELS else assists).append((lst, m.group("label")))
            labelled = True
    # "…。各街道办事处职责:组织巡查…。区城管执法局职责:依法查处…": each side named leads its share
    for m in _BODY_DUTY_LABEL.finditer(text):
        if _is_actor(m.group("body")) and (m.group("body"), "职责") not in leads:
            leads.append((m.group("body"), "职责"))
            labelled = True
    if labelled:
        return tuple(leads), tuple(assists), tuple(helped)
    # "按照各自职责,做好…" / "按照“…”要求,履行…": one clause
    text = _ROLE_COMMA.sub(r"\1", text)
    for clause in re.split(r"[,;。!?]", text):
        c = clause.strip()
        if not c or _SELF.match(c):
            continue
        g = _GUIDE_IMPLEMENT.match(c) if "具体" in c else None     # (its second verb: 具体…)
        if g and _is_actor(g.group("a")) and _is_actor(g.group("b")):
            leads += [(g.group("a"), g.group("ra")), (g.group("b"), g.group("rb"))]
            continue
        for rx, role, words in _ROLE_LEADS if _ROLE_WORDS.search(c) else ():
            if not words.search(c):
                continue
            for m in rx.finditer(c):
                body = re.sub(r"^(?:并|同时|其中|均|另)", "", m.group("body").strip())
                if _is_actor(body) and (body, role or m.group("role")) not in leads:
                    leads.append((body, role or m.group("role")))
        for m in _HELPED.finditer(c) if "配合" in c or "协助" in c else ():
            if _is_actor(m.group("body")):
                helped.append((m.group("body"), m.group("role")))
    for printed, role in assisting_lists(text, collectives=True):
        if (printed, role) not in assists and all(printed != h for h, _ in helped):
            assists.append((printed, role))
    return tuple(leads), tuple(assists), tuple(helped)


def pure_help(text: str) -> bool:
    """True when a duty is nothing but helping another body ("协助X做好…")."""
    t = re.sub(r"^(?:负责|主要|具体|积极|主动|全力)+", "", text.strip())
    if not re.match(r"^(?:配合|协助)", t):
        return False
    rest = re.split(r"[,;。]", t, maxsplit=1)
    return len(rest) == 1 or "负责" not in rest[1]


# -- powers ----------------------------------------------------------------------

_BOOK = re.compile(r"《(?P<name>[^《》]{2,40}?(?:许可证|许可|证书|证|意见书|执照|批准书|决定书))》")
_PENALTY = re.compile(r"(?P<name>(?P<dom>[^,;。:()]{2,40}?)(?:方面|领域)?的行政处罚(?P<quan>权)?)")
# a licence named without 《》 after the verb that grants it: "负责危险化学品经营许可、烟花爆竹经营(零售)许可",
# "负责排污许可证核发", "依法实施特种设备生产单位许可和行政处罚"
_NAMED_LICENCE = re.compile(r"(?:负责|实施|办理)(?P<list>[^,;。:《》]{1,80}?(?:许可证核发|许可))(?=[,;。和及与并等]|$)")
_LICENCE_ITEM = re.compile(r"(?!行政|相关|有关|各类|其他|审批)[\u4e00-\u9fff()]{2,16}?(?<!行政)(?:许可证核发|许可)")
_PLACE_CUT = re.compile(r".*(?:区内|域内|范围内|辖区|城区内|行使|负责|依法|集中|对)")


def find_powers(text: str) -> list[tuple[str, str | None]]:
    """(power name, category) named in a duty text.

    >>> find_powers("按审批权限核发《建设项目选址意见书》、《建设用地规划许可证》")
    [('建设项目选址意见书', '行政许可'), ('建设用地规划许可证', '行政许可')]
    >>> find_powers("负责行使辽东湾新区城区内城市容貌、环境卫生管理方面的行政处罚权。")
    [('城市容貌、环境卫生管理方面的行政处罚权', '行政处罚')]
    """
    out: list[tuple[str, str | None]] = []
    for m in _BOOK.finditer(text):
        name = m.group("name")
        cat = "行政许可" if ("许可" in name or name.endswith("选址意见书")) else None
        out.append((name, cat))
    seen = {n for n, _ in out}
    for m in _NAMED_LICENCE.finditer(text):
        for it in split_list(m.group("list")):
            it = re.sub(r"^(?:依法|负责|实施|办理|核发)+", "", it.strip())
            cut = re.match(r".*(?:区域内|域内|区内|范围内|辖区内|辖区)", it)
            it = it[cut.end():] if cut else it
            it = re.split(r"[和及与]", it)[-1]     # "环境影响评价审批和排污许可证核发": the licence is the last
            if _LICENCE_ITEM.fullmatch(it) and it not in seen and not any(it in n for n in seen):
                seen.add(it)
                out.append((it, "行政许可"))
    for m in _PENALTY.finditer(text):
        dom = m.group("dom")
        cut = _PLACE_CUT.match(dom)
        if cut:
            dom = dom[cut.end():]
        dom = dom.strip("、 ")
        if len(dom) < 2 or dom.startswith(("的", "等")):
            continue
        suffix = m.group("name")[len(m.group("dom")):]
        out.append((dom + suffix, "行政处罚"))
    return out


_LAW_CITED = re.compile(r"(?:依照|依据|根据|按照)《([^《》]{2,60}?(?:法|条例|规定|办法|细则|规则))》")

# the kinds of power of the 权力清单 (a duty naming one: its body HOLDS the category)
_CATEGORIES = ("行政处罚", "行政强制", "行政征收", "行政给付", "行政检查", "行政确认", "行政奖励", "行政裁决")


# -- projects --------------------------------------------------------------------

_LIST_PROJECTS = re.compile(r"(?P<list>[^,;。:()]{2,120}?)等(?:重点|重大|基础设施)?(?:项目|工程)")
_STRUCTURE = re.compile(r"(?:大桥|桥|防波堤|堤|码头|港区|泊位|航道|铁路|高速公路|公路|大道|隧道|管廊|电厂|水厂|污水处理厂|厂|电站|机场|场馆|体育馆|医院|炼油|乙烯|综合体)$")
_CAPACITY = re.compile(r"\d+(?:\.\d+)?\s*(?:万|千|百)?(?:吨|千瓦|标箱|立方米)(?:/年)?")
_MEASURED = re.compile(r"(?P<name>[\u4e00-\u9fff]{0,8}?\d+(?:\.\d+)?\s*(?:万|千|百)?(?:吨|千瓦|标箱|立方米)(?:/年)?[\u4e00-\u9fff]{1,10}?(?:工程项目|项目|工程))")
_VERB_PREFIX = re.compile(r"^.*?(?:推进|建设|实施|加快|完成|负责|做好|抓好|开工|启动|包括|如|其中|确保|推动|引进|落实|争取|服务)")
_GENERIC_ITEM = re.compile(r"^(?:各类?|相关|有关|其他|其它|重点|重大|一批)|(?:设施|项目|工程)$")


def find_division_projects(text: str) -> list[tuple[str, int, object]]:
    """(name, position, Amount or None) of the projects a duty text names.

    >>> [n for n, _, _ in find_division_projects("如中桥、东桥、西防波堤、吹填、30万吨码头等项目,继续由新区管理")]
    ['中桥', '东桥', '西防波堤', '30万吨码头']
    >>> [(n, a.value) for n, _, a in find_division_projects("推进中石化1000万吨炼油项目建设,总投资50亿元。")]
    [('中石化1000万吨炼油项目', 50.0)]
    >>> find_division_projects("负责集中供热项目的具体建设运营工作,明确招商项目")
    []
    """
    out: list[tuple[str, int, object]] = []
    seen: set[str] = set()

    def amount_after(end: int):
        rest = re.split(r"[。;]", text[end:], maxsplit=1)[0]
        am = re.match(r"^\s*[,]?\s*(?:建设)?\s*[,]?\s*(?:总投资|计划总投资|计划投资|投资|投资额)?\s*(?:约|达|为|共)?\s*"
                      r"(\d+(?:\.\d+)?\s*(?:亿元|万元|千元|元|亿美元|万美元))", rest)
        return parse_amount(am.group(1)) if am else None

    for m in _LIST_PROJECTS.finditer(text):
        lst = re.sub(r"^(?:如|包括|例如|其中|主要有|诸如)", "", m.group("list").strip())
        start = m.start("list") + (len(m.group("list").strip()) - len(lst))
        items = split_list(lst)
        if len(items) < 2:
            continue
        pos = start
        for it in items:
            k = text.find(it, pos)
            pos = k + len(it) if k >= 0 else pos
            if (_STRUCTURE.search(it) or _CAPACITY.search(it)) and not _GENERIC_ITEM.search(it) and 2 <= len(it) <= 20:
                if it not in seen:
                    seen.add(it)
                    out.append((it, k, None))
    for m in _MEASURED.finditer(text):
        name = m.group("name")
        cut = _VERB_PREFIX.match(name)
        if cut:
            name = name[cut.end():]
        if name and "等" not in name and name not in seen:
            seen.add(name)
            end = m.end("name")
            out.append((name, end - len(name), amount_after(end)))
    for name, pos, amount in find_projects(text):
        if amount is not None and name not in seen and not any(name.endswith(s) or s.endswith(name) for s in seen):
            seen.add(name)
            out.append((name, pos, amount))
    return out


# -- blocks ----------------------------------------------------------------------

@dataclass
class Item:
    level: int
    marker: str
    path: str
    lines: list[Line]
    texts: list[str]
    children: int = 0
    closed: bool = False

    @property
    def text(self) -> str:
        return _clean("".join(self.texts))


@dataclass
class Block:
    body: str                     # printed body name (or list)
    label: str                    # "主要职责", "具体负责" …
    heading: str                  # the body's heading, as printed
    section: str                  # what goes into Duty.section
    line: Line
    depth: int                    # the numbering level the block was opened at
    number: str                   # the enclosing number path (for its general statement)
    general: list[tuple[str, Line]] = field(default_factory=list)
    items: list[Item] = field(default_factory=list)
    free: bool = False            # a numbered item outside any body's block (its own text names who acts)
    by_sentence: bool = False     # opened by a lead sentence, not by a heading or label
    leads: list[tuple[str, str, Line]] = field(default_factory=list)    # extra (printed, role, line)
    assists: list[tuple[str, str, Line]] = field(default_factory=list)  # (printed, role, line) on the general


# -- matrices: "序号|事项|主责部门|配合部门" flattened to text -------------------------

_BY_DIVISION = re.compile(r"按照?(?:各自)?职责分工")
_COL_LEAD = re.compile(r"^(?:主责|牵头|责任|负责|主办|主管|主体)(?:部门|单位|机关)?$|^(?:主责|牵头|负责|主办)|^(?:实施|行使|执法)(?:主体|机关)$"
                       r"|^主体责任(?:部门|单位)?$")
# the kind of power a 权责清单 row is (职权类型 | 行政许可), what the bodies do in detail (职责分工), its legal basis
_COL_KIND = re.compile(r"^(?:职权|权力|事项|权责)(?:类型|类别|种类)$")
_COL_DETAIL = re.compile(r"^(?:职责分工|分工|具体职责|职责划分|职责边界|分工情况|具体分工|备注|说明)$")
_COL_BASIS = re.compile(r"^(?:实施|设定|法律|法定)?依据$")
_COL_ASSIST = re.compile(r"^(?:配合|协同|协助|参与|协办)")
_COL_MATTER = re.compile(r"事项|职责|内容|任务|工作|名称")
_COL_NUMBER = re.compile(r"^(?:序号|编号|序)$")
_COL_DEADLINE = re.compile(r"时限|时间|期限")


@dataclass
class Row:
    number: str
    text: str
    leads: str
    assists: str
    line: Line
    kind: str = ""        # 职权类型 (行政许可 …) of a 权责清单 row
    detail: str = ""      # the 职责分工 cell: who does which part
    lead_detail: str = "" # the "主体责任部门职责" cell: what the lead bodies do
    basis: str = ""       # the 实施依据 cell


@dataclass
class Matrix:
    header: Line
    lead_label: str
    assist_label: str
    rows: list[Row]
    taken: set[int] = field(default_factory=set)     # the numbers of the table's lines


def _cell_bodies(cell: str) -> list[str]:
    """The bodies a table cell names: a list of names, or "市城管局:负责…"
    (the name before the colon), or a sentence with its subjects.

    >>> _cell_bodies("市城管局:负责查处违法建设")
    ['市城管局']
    >>> _cell_bodies("市自然资源和规划局、市住建局")
    ['市自然资源和规划局、市住建局']
    """
    cell = cell.strip()
    if not cell:
        return []
    if _is_actor(cell):
        return [cell]
    out = []
    for part in re.split(r"[;。]", cell):
        m = re.match(r"^([^,:;。]{2,40}?)\s*:", part.strip())
        if m and _is_actor(m.group(1)):
            out.append(m.group(1))
            continue
        out += [p for p, _ in text_roles(part)[0]]
    return out


def _cells(norm: str) -> list[str] | None:
    for sep in ("|", "\t"):
        if sep in norm:
            cells = [c.strip() for c in norm.strip().strip("|").split(sep)]
            return cells if len(cells) >= 2 else None
    return None


def _row_text(ln: Line) -> str:
    """A table row's text with its cell separators: "|" as printed, or the tabs of the
    raw line (the normalised text folds them into spaces)."""
    if "|" in ln.norm or "\t" not in ln.raw:
        return ln.norm
    return "|".join(normalize(c) for c in ln.raw.rstrip("\r\n").split("\t"))


def find_matrix(lines: list[Line]) -> Matrix | None:
    """The first table whose header names a matter column and a lead column
    (主责部门/牵头部门 …), without a deadline column (that is a task table).

    >>> from loaders.text import read_text
    >>> m = find_matrix(read_text("序号|职责事项|主责部门|配合部门\\n1|违法建设查处|市城管局|市住建局").lines)
    >>> [(r.number, r.text, r.leads, r.assists) for r in m.rows]
    [('1', '违法建设查处', '市城管局', '市住建局')]
    """
    for k, ln in enumerate(lines):
        head = _cells(_row_text(ln))
        if not head or len(head) > 8:
            continue
        lead = next((i for i, c in enumerate(head) if _COL_LEAD.search(c)), None)
        matter = next((i for i, c in enumerate(head) if _COL_MATTER.search(c) and i != lead), None)
        if lead is None or matter is None or any(_COL_DEADLINE.search(c) for c in head):
            continue
        assist = next((i for i, c in enumerate(head) if _COL_ASSIST.search(c)), None)
        if assist is None:   # "牵头部门|责任部门": the second takes part
            assist = next((i for i, c in enumerate(head) if i not in (lead, matter) and _COL_LEAD.search(c)), None)
        number = next((i for i, c in enumerate(head) if _COL_NUMBER.match(c)), None)
        kind = next((i for i, c in enumerate(head) if _COL_KIND.match(c)), None)
        detail = next((i for i, c in enumerate(head) if _COL_DETAIL.match(c) and i not in (lead, matter)), None)
        basis = next((i for i, c in enumerate(head) if _COL_BASIS.match(c)), None)
        lead_detail = next((i for i, c in enumerate(head) if i != lead and c.startswith(head[lead]) and c.endswith("职责")), None)
        rows: list[Row] = []
        taken = {ln.no}
        prev: list[str] | None = None
        for rl in lines[k + 1:]:
            cells = _cells(_row_text(rl)) if "|" in rl.norm or "\t" in rl.raw else None
            if cells is None:
                if rows and not rows[-1].line.norm.rstrip().endswith("。") and not _marker(rl.norm) \
                        and not re.match(r"^(?:注|备注|说明)\s*[::]", rl.norm):
                    # the last cell wrapped onto a line of its own (a table copied from a PDF)
                    r = rows[-1]
                    if detail is not None and detail == len(head) - 1:
                        r.detail += rl.norm
                    taken.add(rl.no)
                    continue
                if (rows or _H1.match(rl.norm)) and len(rl.norm) <= 30 and not re.search(r"[。;,]", rl.norm):
                    taken.add(rl.no)        # a category row between the rows ("一、行政许可(2项)")
                    continue
                break
            taken.add(rl.no)
            short = len(head) - len(cells)
            if short > 0 and number is not None and number == short and re.fullmatch(r"\d{1,3}", cells[0]) \
                    and prev is not None:
                # a merged cell (a category spanning rows) printed only on its first row
                cells = prev[:short] + cells
            cells += [""] * (len(head) - len(cells))
            cells = cells[:len(head)]
            prev = cells
            text = _clean(cells[matter])
            if not text:
                continue
            no = cells[number].strip() if number is not None else str(len(rows) + 1)
            rows.append(Row(no or str(len(rows) + 1), text, cells[lead], cells[assist] if assist is not None else "", rl,
                            kind=cells[kind].strip() if kind is not None else "",
                            detail=cells[detail].strip() if detail is not None else "",
                            basis=cells[basis].strip() if basis is not None else "",
                            lead_detail=cells[lead_detail].strip() if lead_detail is not None else ""))
        if rows:
            return Matrix(ln, head[lead], head[assist] if assist is not None else "", rows, taken)
    return _cell_lines_matrix(lines)


def _cell_lines_matrix(lines: list[Line]) -> Matrix | None:
    """A table copied one cell per line: the header's cells on consecutive
    short lines (序号, 职责事项, 主责部门, 配合部门), then each row starting
    with its 序号 alone on a line. A row one cell short lacks its last cell."""
    for k in range(len(lines)):
        if not _COL_NUMBER.match(lines[k].norm):
            continue
        head = []
        for ln in lines[k:k + 8]:
            if len(ln.norm) > 10 or re.search(r"[,。;:|]", ln.norm) or (head and re.fullmatch(r"\d{1,3}", ln.norm)):
                break
            head.append(ln.norm)
        lead = next((i for i, c in enumerate(head) if _COL_LEAD.search(c)), None)
        matter = next((i for i, c in enumerate(head) if _COL_MATTER.search(c) and i != lead), None)
        if lead is None or matter is None or any(_COL_DEADLINE.search(c) for c in head):
            continue
        assist = next((i for i, c in enumerate(head) if _COL_ASSIST.search(c)), None)
        groups: list[list[Line]] = []
        expected = "1"
        for ln in lines[k + len(head):]:
            if ln.norm == expected:
                groups.append([ln])
                expected = str(int(expected) + 1)
            elif groups and len(groups[-1]) < len(head) and len(ln.norm) <= 120:
                groups[-1].append(ln)
            else:
                break
        rows = []
        for g in groups:
            cells = [c.norm for c in g] + [""] * (len(head) - len(g))
            if len(g) < len(head) - 1 or not _clean(cells[matter]):
                continue
            rows.append(Row(cells[0], _clean(cells[matter]), cells[lead], cells[assist] if assist is not None else "",
                            g[matter] if matter < len(g) else g[0]))
        if rows:
            taken = {ln.no for ln in lines[k:k + len(head)]} | {ln.no for g in groups for ln in g}
            return Matrix(lines[k], head[lead], head[assist] if assist is not None else "", rows, taken)
    return _space_matrix(lines)


def _space_matrix(lines: list[Line]) -> Matrix | None:
    """A table copied from a web page with its cells split by single spaces: a header
    line "序号 事项名称 主体责任部门 配合责任单位" of short cells, then rows numbered
    1, 2, 3 … each with as many cells (or one fewer: an empty last cell).

    >>> from loaders.text import read_text
    >>> m = _space_matrix(read_text("序号 事项名称 主体责任部门 配合责任单位\\n1 草原违法查处 旗林草局 各苏木镇人民政府").lines)
    >>> [(r.number, r.text, r.leads, r.assists) for r in m.rows]
    [('1', '草原违法查处', '旗林草局', '各苏木镇人民政府')]
    """
    for k, ln in enumerate(lines):
        head = ln.norm.split()
        if not 3 <= len(head) <= 8 or not _COL_NUMBER.match(head[0]) or any(len(c) > 10 for c in head):
            continue
        lead = next((i for i, c in enumerate(head) if _COL_LEAD.search(c)), None)
        matter = next((i for i, c in enumerate(head) if _COL_MATTER.search(c) and i != lead), None)
        if lead is None or matter is None or any(_COL_DEADLINE.search(c) for c in head):
            continue
        assist = next((i for i, c in enumerate(head) if _COL_ASSIST.search(c)), None)
        rows: list[Row] = []
        taken = {ln.no}
        for rl in lines[k + 1:]:
            cells = rl.norm.split()
            if not cells or cells[0] != str(len(rows) + 1) or not len(head) - 1 <= len(cells) <= len(head):
                break
            cells += [""] * (len(head) - len(cells))
            taken.add(rl.no)
            rows.append(Row(cells[0], _clean(cells[matter]), cells[lead], cells[assist] if assist is not None else "", rl))
        if rows:
            return Matrix(ln, head[lead], head[assist] if assist is not None else "", rows, taken)
    return None


def _collective_heading(text: str) -> bool:
    """A numbered heading that is only a collective's name ("各乡镇党委和政府", "各县(市、区)人民政府")."""
    t = clean_name(text.strip().rstrip(":"))
    return (2 <= len(t) <= 16 and is_collective(t) and not re.search(r"[,。;!?]", t)
            and not re.search(r"(负责|配合|协助|推进|做好|职责|工作|要求|的|按照)", t)
            and bool(re.search(r"(政府|部门|单位|办事处|党委|管委会|机构|乡镇|街道)$", t)))


_ZONE = re.compile(r"[\u4e00-\u9fff]{2,12}?(?:经济技术开发区|高新技术产业开发区|经济开发区|开发区|高新区|新区|工业园区|产业园区|园区|示范区|综保区|合作区)")


def the_zone(lines: list[Line]) -> str | None:
    """The one development zone's 管委会 a document names in full ("钦州港经济技术开发区管委会"),
    which its bare "管委会" then means; None when it names none or several.

    >>> from loaders.text import read_text
    >>> the_zone(read_text("关于印发钦州港经济技术开发区管委会与钦南区人民政府职责划分方案的通知\\n二、管委会职责").lines)
    '钦州港经济技术开发区管委会'
    >>> the_zone(read_text("衡阳高新区管委会、衡阳综保区管委会:").lines) is None
    True
    """
    found: set[str] = set()
    for ln in lines:
        for m in re.finditer(r"(?:管委会|管理委员会)", ln.norm):
            run = re.search(r"[\u4e00-\u9fff]{0,24}$", ln.norm[:m.start()]).group(0)
            run = re.split(r"关于印发|印发|关于|与|和|及|各|请|经(?=[市县区省]|国务院)", run)[-1]
            if _ZONE.fullmatch(run):
                found.add(run + "管委会")
    return found.pop() if len(found) == 1 else None


def _colon_heading(text: str) -> bool:
    """"市民政局:" or "市商务局:负责…": one body's name and a colon."""
    m = re.match(r"^([^,。;:!?()]{2,30}?)\s*:", text)
    return bool(m) and len(split_list(m.group(1))) == 1 and _is_body(m.group(1)) and not _SECTOR.match(clean_name(m.group(1)))


def is_heading_line(text: str) -> bool:
    """A short numbered title ("关于安全生产方面"), not a sentence."""
    return not re.search(r"[。;,]", text) and len(text) <= 40


def _sentences(text: str) -> list[str]:
    return [s for s in re.findall(r"[^。!?]+[。!?]?", text) if s.strip()]


# a 三定 article listing the department's internal sections, whose items are no bodies
_SECTIONS = re.compile(r"内设机构|设(?:下列|以下)(?:科|处|室|股|机构)|下设(?:下列|以下)?(?:科|处|室|股|机构)")
_SUBJECT_DUTIES = re.compile(r"^(?P<body>[^,。;:!?()]{2,24}?(?:局|委员会|委|办公室|办|中心|政府|管委会|厅))(?:是|为|贯彻|负责|在|坚持|主要)"
                             r".*(?:主要职责|职责)(?:是|为|如下)\s*:\s*$")
_NOT_DUTY_SECTION = re.compile(r"要求|保障|原则|指导思想|总则|附则|组织领导|目标|意义|依据|背景|适用范围|实施步骤|时间安排")


def _labels_body(ln: Line) -> bool:
    """A line (numbered or not) labelling a body's duties: "X主要职责:"."""
    lm = _LABEL.match((_marker(ln.norm) or (0, "", ln.norm))[2])
    return bool(lm and _is_body(lm.group("body")))


def _says_who(ln: Line) -> bool:
    """A numbered item that says who does it ("(一)区文旅局负责…", "由X负责,Y配合")."""
    mk = _marker(ln.norm)
    return bool(mk and not body_heading(mk[2]) and text_roles(mk[2])[0])


@register
class DutyDivisionLoader(Loader):
    kind = "duty_division"
    description = "duty-division opinions (职责分工/职责划分/职能分工 意见·方案), body by body"

    # -- detection -------------------------------------------------------------
    def _headings(self, lines: list[Line], limit: int | None = None) -> int:
        """How many lines head a body's block (counting no further than ``limit``)."""
        n = 0
        for ln in lines:
            mk = _marker(ln.norm)
            text = mk[2] if mk else ln.norm
            bh = body_heading(text)
            if bh and (bh[1] or mk or _colon_heading(text)):
                n += 1
                if n == limit:
                    break
        return n

    def most(self, src: SourceText) -> float:
        # without its title words the score is at most 0.3 × (0.4 + 0.2 + 0.3)
        return 0.9 if not src.lines or self._titled(src.lines) else 0.27

    @staticmethod
    def _titled(lines: list[Line]) -> bool:
        # the title words, not the phrase "按职责分工负责" of a task plan
        return any(_TITLE_WORDS.search(_BY_DIVISION.sub("", ln.norm)) for ln in lines[:20]
                   if len(ln.norm) <= 120 and not ln.norm.endswith(("。", ";")))

    def score(self, src: SourceText) -> float:
        lines = src.lines
        if not lines:
            return 0.0
        title = self._titled(lines)
        # (counted up to where the score stops growing: 10 headings and items, 10 labels)
        heads = self._headings(lines, limit=10)
        labelled = sum(1 for _ in islice(filter(_labels_body, lines), 10))
        said = sum(1 for _ in islice(filter(_says_who, lines), 10 - heads))
        table = find_matrix(lines) is not None
        s = 0.0
        s += 0.3 if title else 0.0
        s += min(0.4, 0.04 * (heads + said))
        s += min(0.2, 0.02 * labelled)
        s += 0.3 if table else 0.0
        if heads + said < 2 and not table:
            s *= 0.3
        elif heads + said < 3 and not table:
            s *= 0.6
        if not title:
            s *= 0.3
        return round(min(s, 0.9), 3)

    # -- reading ---------------------------------------------------------------
    def parse(self, src: SourceText, aliases: AliasTable) -> list[DocumentGraph]:
        b = self.builder(src, aliases)
        b._division_zone = the_zone(src.lines)
        b._division_all = {m.group(0) for ln in src.lines
                           for m in re.finditer(r"各(?:街道办事处|乡镇人民政府|镇人民政府|乡镇政府|村民委员会|社区居民委员会)", ln.norm)}
        lines = [ln for ln in src.lines if ln.no > b.meta.title_line] if b.meta.title_line else src.lines
        matrix = find_matrix(lines)
        if matrix is not None:
            self._emit_matrix(b, matrix)
            lines = [ln for ln in lines if ln.no not in matrix.taken]
        blocks = self.blocks(lines)
        for blk in blocks:
            self._emit(b, blk)
        if not any(v["label"] == "Duty" for v in b._nodes.values()):
            b.warn(lines[0] if lines else 1, "no body's block of duties found")
        return [b.build()]

    def _scope(self, lines: list[Line]) -> set[int]:
        """Line numbers of the "一、" sections that hold structural body headings
        (all lines when there are none, or no "一、" sections)."""
        sections: list[list[Line]] = [[]]
        for ln in lines:
            if (_H1.match(ln.norm) and _marker(ln.norm)) or _CHAPTER.match(ln.norm):
                sections.append([])
            sections[-1].append(ln)
        keep = [sec for sec in sections if self._headings(sec, limit=1)]
        if not keep:
            return {ln.no for ln in lines}
        # other sections count unless titled as principles, requirements … ("一、指导思想", "四、工作要求")
        for sec in sections[1:]:
            title = re.sub(r"\s", "", sec[0].norm) if sec else ""
            if sec and sec not in keep and not (_NOT_DUTY_SECTION.search(title) and is_heading_line(title)):
                keep.append(sec)
        return {ln.no for sec in keep for ln in sec}

    def blocks(self, lines: list[Line]) -> list[Block]:
        scope = self._scope(lines)
        stack: list[tuple[int, str, str, bool]] = []    # (level, marker, title, is heading)
        blocks: list[Block] = []
        cur: Block | None = None
        last_item: Item | None = None
        items_by_level: list[Item] = []

        def path(extra: str | None = None) -> str:
            parts = [m for _, m, _, _ in stack] + ([extra] if extra else [])
            return ".".join(parts)

        def enclosing_title() -> str | None:
            for lvl, mk, title, is_head in reversed(stack):
                if is_head:
                    return _heading_text(lvl, mk, title)
            return None

        def open_block(body: str, label: str, heading: str, line: Line, depth: int, numbered: bool) -> Block:
            enc = None if numbered else enclosing_title()
            section = f"{enc} / {heading}" if enc else heading
            blk = Block(body, label or "主要职责", heading, section, line, depth, path())
            blocks.append(blk)
            return blk

        sections_at: int | None = None
        for ln in lines:
            norm = ln.norm
            if _CHAPTER.match(norm) and not _marker(norm):
                stack.clear()
                cur, last_item, items_by_level = None, None, []
                continue
            mk = _marker(norm)
            in_scope = ln.no in scope
            if mk:
                level, marker, rest = mk
                # close items and blocks at or above this level
                while stack and stack[-1][0] >= level:
                    stack.pop()
                if cur is not None and (level <= cur.depth or (cur.by_sentence and not cur.items and is_heading_line(rest))):
                    cur = None
                items_by_level = [it for it in items_by_level if it.level < level]
                if sections_at is not None and level <= sections_at:
                    sections_at = None
                if sections_at is not None:
                    continue                              # an internal section ("(一)办公室。负责…"), no body
                if in_scope and _SECTIONS.search(rest) and rest.rstrip().endswith(":"):
                    sections_at = level                   # "第四条 市应急管理局设下列内设机构:"
                    stack.append((level, marker, rest, True))
                    cur, last_item = None, None
                    continue
                bh = body_heading(rest) if in_scope else None
                if bh is None and in_scope:
                    # "第三条 市应急管理局贯彻落实…。主要职责是:": the article's subject, then its duties
                    sm = _SUBJECT_DUTIES.match(rest)
                    if sm and _is_body(sm.group("body")):
                        bh = (sm.group("body"), "主要职责", "")
                if bh is None and in_scope and _collective_heading(rest):
                    bh = (rest.strip().rstrip(":"), "", "")     # "(七)各乡镇党委和政府": a collective's block
                if bh is None and in_scope:
                    cm = re.match(r"^([^,。;:]{2,16}?)\s*[:。]\s*(\S.*)$", rest)
                    if cm and _collective_heading(cm.group(1)):
                        bh = (cm.group(1), "", cm.group(2))      # "五、各县(市)人民政府:对…负总责" (or "。负责…")
                if bh and (cur is None or level <= cur.depth or not cur.items or bh[1]):
                    body, label, after = bh
                    stack.append((level, marker, rest, True))
                    heading = _heading_text(level, marker, rest.split(":")[0])
                    cur = open_block(body, label, heading, ln, level, True)
                    if after and not _INCLUDES.search(after):
                        cur.general.append((after, ln))
                    last_item = None
                    continue
                # (an article, "第五条 …", is a sentence even when a PDF's line break cuts it short)
                is_head = not re.search(r"[。;]", rest) and len(rest) <= 40 and not marker.startswith("第")
                if cur is not None:
                    parent = items_by_level[-1] if items_by_level else None
                    if parent is not None:
                        parent.children += 1
                    it = Item(level, marker, path(marker), [ln], [rest], closed=rest.endswith(_END_PUNCT))
                    cur.items.append(it)
                    items_by_level.append(it)
                    stack.append((level, marker, rest, is_head))
                    last_item = it
                    continue
                if in_scope:
                    # a numbered item outside any body's block: a duty when it names who does it
                    parent = items_by_level[-1] if items_by_level else None
                    if parent is not None:
                        parent.children += 1
                    section = enclosing_title()
                    it = Item(level, marker, path(marker), [ln], [rest], closed=rest.endswith(_END_PUNCT) or is_head)
                    free = Block("", "", section or "", section or _heading_text(level, marker, rest), ln, level,
                                 path(marker), free=True)
                    free.items.append(it)
                    blocks.append(free)
                    items_by_level.append(it)
                    stack.append((level, marker, rest, is_head))
                    last_item = it
                    continue
                stack.append((level, marker, rest, is_head))
                last_item = None
                continue
            # an unnumbered line
            if not in_scope and not (_WEIZHU.search(norm) and ("," in norm or norm.endswith("。"))):
                continue
            bh = body_heading(norm)
            if bh and not bh[1] and _colon_heading(norm):
                bh = (bh[0], "主要职责", bh[2])
            if bh and bh[1]:
                # a label line: "X主要职责:" (or "市商务局:")
                depth = cur.depth if cur is not None else (stack[-1][0] if stack else 0)
                self._truncate(stack, depth)
                items_by_level = []
                cur = open_block(bh[0], bh[1], _clean(norm.rstrip(":").split(":")[0]), ln, depth, False)
                if bh[2] and not _INCLUDES.search(bh[2]):
                    cur.general.append((bh[2], ln))
                last_item = None
                continue
            if last_item is not None and not last_item.closed:
                last_item.lines.append(ln)
                last_item.texts.append(norm)
                last_item.closed = norm.endswith(_END_PUNCT)
                continue
            if cur is not None and cur.general and not cur.items and not cur.by_sentence \
                    and not _clean(cur.general[-1][0]).endswith(_END_PUNCT) and not (bh and bh[1]):
                # a body's statement wrapped onto the next line (a text copied from a PDF)
                prev, pl = cur.general[-1]
                cur.general[-1] = (prev + norm, pl)
                continue
            # "主要职责:…" under a name-only heading: the general statement
            lm = re.match(r"^(?:主要|工作|具体)?职责\s*(?:是|为|如下)?\s*:\s*(.*)$", norm)
            if lm and cur is not None and not cur.items:
                if lm.group(1) and not _INCLUDES.search(lm.group(1)):
                    cur.general.append((lm.group(1), ln))
                continue
            # lead sentences: each sentence starting with a body opens its block
            sents = _sentences(norm)
            opened = False
            for k, s in enumerate(sents):
                ls = lead_sentence(s)
                if ls and (cur is None or cur.items or clean_name(ls[0]) != clean_name(cur.body)
                           or k > 0 or cur.general):
                    depth = cur.depth if cur is not None else (stack[-1][0] if stack else 0)
                    self._truncate(stack, depth)
                    items_by_level = []
                    text = _INCLUDES.sub("", s).strip()
                    cur = open_block(ls[0], ls[1], ls[0], ln, depth, False)
                    cur.by_sentence = True
                    cur.general.append((text, ln))
                    opened = True
                    last_item = None
                    self._clause_leads(cur, s, ln, skip_first=True)
                    continue
                if cur is None:
                    continue
                lists = [(p, r) for p, r in assisting_lists(s) if r != "会同"]
                starts_with_list = lists and s.strip().startswith(lists[0][0][:2])
                if starts_with_list and cur.general and not cur.items:
                    for p, r in lists:
                        cur.assists.append((p, r, ln))
                    continue
                if cur.items and (opened is False):
                    # a note after the numbered duties: keep it with the last one
                    if last_item is not None:
                        last_item.lines.append(ln)
                        last_item.texts.append(s)
                    continue
                text = _INCLUDES.sub("", s).strip()
                if cur.general and (opened or k > 0):
                    prev, pl = cur.general[-1]
                    cur.general[-1] = (prev + text, pl)
                elif text:
                    cur.general.append((text, ln))
                self._clause_leads(cur, s, ln, skip_first=False)
        return blocks

    @staticmethod
    def _truncate(stack: list, depth: int) -> None:
        while stack and stack[-1][0] > depth:
            stack.pop()
        # leaf items (closed sentences) are not headings to nest under
        while stack and not stack[-1][3]:
            stack.pop()

    @staticmethod
    def _clause_leads(blk: Block, sentence: str, line: Line, *, skip_first: bool) -> None:
        clauses = re.split(r"[,;]", sentence)
        for k, c in enumerate(clauses):
            if skip_first and k == 0:
                continue
            m = _LEAD.match(c.strip())
            if m and _is_body(m.group("body")) and "负责" in m.group("verb"):
                blk.leads.append((m.group("body"), m.group("verb"), line))
                continue
            leads, _, _ = text_roles(c)
            # a collective subject of its own clause ("各县(区、市)人民政府负责…")
            own = [(p, r) for p, r in leads if "负责" in r and is_collective(clean_name(p))
                   and c.strip().startswith(p) and clean_name(p) != clean_name(blk.body)]
            if own:
                blk.leads += [(p, r, line) for p, r in own]
                continue
            w = _WEIZHU.search(c)
            if w and _is_actor(w.group("body")) and clean_name(w.group("body")) != clean_name(blk.body):
                blk.leads.append((w.group("body"), "为主", line))
                continue
            for p, r in assisting_lists(c, collectives=True):
                if r != "会同" and c.strip().startswith(p[:2]):
                    blk.assists.append((p, r, line))

    # -- writing ---------------------------------------------------------------
    def _emit_matrix(self, b: DocBuilder, matrix: "Matrix") -> None:
        section = matrix.header.norm
        for row in matrix.rows:
            text = row.text
            leads, assists = _cell_bodies(row.leads), _cell_bodies(row.assists)
            if leads and leads != [row.leads]:
                text = f"{text} {row.leads}"      # a cell that says what the body does belongs to the duty
            did = b.duty(row.number, text, row.line, section=section)
            holders: list[str] = []
            for printed in leads:
                for aid in self._bodies(b, printed, row.line):
                    b.edge("LEADS", aid, did, row.line, role=matrix.lead_label)
                    holders.append(aid)
            for printed in assists:
                for aid in self._bodies(b, printed, row.line):
                    if aid not in holders:
                        b.edge("ASSISTS", aid, did, row.line, role=matrix.assist_label)
            self._facts(b, holders, did, text, [row.line])
            if row.kind in _CATEGORIES + ("行政许可",):
                # a 权责清单 row: the matter is a power of its kind, held by the body that exercises it
                pid = b.power(row.text, row.line, category=row.kind)
                b.edge("CONCERNS", did, pid, row.line)
                cid = b.power(row.kind, row.line, is_category=True)
                for aid in holders:
                    b.edge("HOLDS", aid, pid, row.line, via="duty division")
                    b.edge("HOLDS", aid, cid, row.line, via="duty division")
            if row.lead_detail:
                self._facts(b, holders, did, row.lead_detail, [row.line])
            for sent in re.split(r"[;。]", row.detail):
                # "市建设局负责燃气经营许可…": a power named in the detail goes to that sentence's subject
                own = [aid for p, _ in text_roles(sent)[0] for aid in self._bodies(b, p, row.line)]
                if own and (find_powers(sent) or any(c in sent for c in _CATEGORIES)):
                    self._facts(b, own, did, sent, [row.line])
            for m in re.finditer(r"《([^《》]{2,60})》", row.basis):
                self._cite(b, re.sub(r"\s+", "", m.group(1)), row.line)

    @staticmethod
    def _cite(b: DocBuilder, title: str, line: Line) -> None:
        """The document cites a law or rule by title (a 权责清单's 实施依据)."""
        cid = node_id("Document", title)
        b._add_node(cid, "Document", title, {"title": title, "doc_key": title}, line, title)
        b.edge("REFERENCES", b.doc_id, cid, line)

    def _emit_free(self, b: DocBuilder, blk: Block) -> None:
        for it in blk.items:
            text = it.text
            if it.children or not text:
                continue
            leads, assists, helped = text_roles(text)
            if not leads:
                continue
            line = it.lines[0]
            did = b.duty(it.path, text, line, section=blk.section)
            holders: list[str] = []
            for printed, role in leads:
                l2 = self._line_of(it.lines, printed)
                for aid in self._bodies(b, printed, l2):
                    b.edge("LEADS", aid, did, l2, role=role)
                    if aid not in holders:
                        holders.append(aid)
            self._roles(b, did, holders, assists, helped, it.lines, helper_only=False)
            # several sentences with their own subjects: a power goes to the subject of its sentence
            # several clauses with their own subjects: a power goes to the subject of its clause
            clauses = [c for c in re.split(r"(?<=[,;。])", text) if c.strip()]
            owners = [[aid for p, _ in text_roles(c)[0] for aid in self._bodies(b, p, it.lines[0])] for c in clauses]
            if len({tuple(o) for o in owners if o}) > 1:
                current = holders
                for c, own in zip(clauses, owners):
                    current = own or current
                    self._facts(b, current, did, c, it.lines)
            else:
                self._facts(b, holders, did, text, it.lines)

    def _roles(self, b: DocBuilder, did: str, holders: list[str], assists, helped, lines: list[Line], *,
               helper_only: bool) -> None:
        """ASSISTS of the helpers a text names; a helped body ("配合X做好") LEADS
        and the duty's own bodies ASSIST it."""
        for printed, role in assists:
            l2 = self._line_of(lines, printed)
            for aid in self._bodies(b, printed, l2):
                # a body named by 会同 also assists when another body leads it too
                if aid not in holders or (role == "会同" and len(holders) > 1):
                    b.edge("ASSISTS", aid, did, l2, role=role)
        for printed, role in helped:
            l2 = self._line_of(lines, printed)
            for aid in self._bodies(b, printed, l2):
                if aid not in holders:
                    b.edge("LEADS", aid, did, l2, role=f"被{role}")
            for aid in holders:
                b.edge("ASSISTS", aid, did, l2, role=role)

    def _emit(self, b: DocBuilder, blk: Block) -> None:
        if blk.free:
            self._emit_free(b, blk)
            return
        if not blk.general and not blk.items:
            return      # a heading over other bodies' blocks ("三、县直有关部门"): no duties of its own
        holders = self._bodies(b, blk.body, blk.line)
        if not holders:
            b.warn(blk.line, f"not a body: {blk.body!r}")
            return
        for text, line in blk.general:
            text = _clean(text)
            if not text:
                continue
            did = b.duty(blk.number or "0", text, line, section=blk.section, general=True)
            _, t_assists, helped = text_roles(text)
            helper_only = bool(helped) and pure_help(text)
            if not helper_only:
                for aid in holders:
                    b.edge("LEADS", aid, did, line, role=blk.label)
            subj = [(p, r) for p, r in t_assists
                    if r != "会同" and re.search(r"(?:^|[,;。])\s*" + re.escape(p), text)]
            self._roles(b, did, holders, [(p, r) for p, r in t_assists if r == "会同"] + subj, helped, [line],
                        helper_only=helper_only)
            for printed, role, l2 in blk.leads:
                for aid in self._bodies(b, printed, l2):
                    b.edge("LEADS", aid, did, l2, role=role)
            if not blk.by_sentence:
                # "县教育局:负责…,县市场监督管理局负责学校食堂的监督检查": a clause with a subject of its own
                for printed, role in text_roles(text)[0]:
                    if re.search(r"(?:^|[,;。])\s*" + re.escape(printed), text):
                        for aid in self._bodies(b, printed, line):
                            if aid not in holders:
                                b.edge("LEADS", aid, did, line, role=role)
            for printed, role, l2 in blk.assists:
                for aid in self._bodies(b, printed, l2):
                    if aid not in holders:
                        b.edge("ASSISTS", aid, did, l2, role=role)
            self._facts(b, holders, did, text, [line])
        for it in blk.items:
            if it.children:
                continue
            text = it.text
            if not text:
                continue
            did = b.duty(it.path, text, it.lines[0], section=blk.section)
            leads, assists, helped = text_roles(text)
            helper_only = bool(helped) and pure_help(text)
            if not helper_only:
                for aid in holders:
                    b.edge("LEADS", aid, did, it.lines[0], role=blk.label)
            for printed, role in leads:
                # an item whose subject is another body (a branch: "市公安局交警支队负责…")
                l2 = self._line_of(it.lines, printed)
                for aid in self._bodies(b, printed, l2):
                    if aid not in holders:
                        b.edge("LEADS", aid, did, l2, role=role)
            self._roles(b, did, holders, assists, helped, it.lines, helper_only=helper_only)
            self._facts(b, holders, did, text, it.lines)

    @staticmethod
    def _bodies(b: DocBuilder, printed: str, line: Line) -> list[str]:
        """The agencies a printed body or list names (see :func:`body_text`); a bare
        管委会 is the one zone's 管委会 the document names in full, when it names one."""
        text = body_text(printed)
        zone = getattr(b, "_division_zone", None)
        everyone = getattr(b, "_division_all", set())
        # a bare 管委会 is the zone's; a bare kind of body ("协助街道办事处做好…") is the
        # collective the document names with 各 ("各街道办事处")
        text = "、".join(zone if (it == "管委会" and zone) else "各" + it if "各" + it in everyone else it
                        for it in text.split("、"))
        return b.agencies(text, line)

    @staticmethod
    def _place_before(b: DocBuilder, text: str, pos: int) -> str | None:
        """The place a project is in: the last of this document's places (its
        levels: 市, 县, 新区 …) named before it in the same sentence ("由辽东湾新区
        承担的…工程项目,如中桥、东桥…" → 辽东湾新区), else None (the document's own)."""
        if pos < 0:
            return None
        start = max(text.rfind(p, 0, pos) for p in "。;") + 1
        sentence = text[start:pos]
        best, at = None, -1
        for place in set(b.ctx.levels.values()) | {b.ctx.home}:
            k = sentence.rfind(place)
            if k > at or (k == at and best is not None and len(place) > len(best)):
                best, at = place, k
        return best if at >= 0 and best != b.ctx.home else None

    @staticmethod
    def _line_of(lines: list[Line], snippet: str) -> Line:
        key = re.sub(r"\s", "", snippet)[:6]
        for ln in lines:
            if key and key in re.sub(r"\s", "", ln.norm):
                return ln
        return lines[0]

    def _facts(self, b: DocBuilder, holders: list[str], did: str, text: str, lines: list[Line]) -> None:
        # "依照《中华人民共和国矿产资源法》实施…": a law a duty rests on is cited by the document
        for m in _LAW_CITED.finditer(text):
            self._cite(b, re.sub(r"\s+", "", m.group(1)), self._line_of(lines, m.group(1)))
        cats: set[str] = set()
        for name, cat in find_powers(text):
            line = self._line_of(lines, name)
            pid = b.power(name, line, category=cat)
            b.edge("CONCERNS", did, pid, line)
            for aid in holders:
                b.edge("HOLDS", aid, pid, line, via="duty division")
            if cat:
                cats.add(cat)
        if "许可" in text:
            cats.add("行政许可")
        for cat in _CATEGORIES:
            if cat in text:
                cats.add(cat)
        for cat in sorted(cats):
            line = self._line_of(lines, cat if cat in text else "许可")
            cid = b.power(cat, line, is_category=True)
            for aid in holders:
                b.edge("HOLDS", aid, cid, line, via="duty division")
        for name, pos, amount in find_division_projects(text):
            line = self._line_of(lines, name)
            kwargs = {}
            if amount is not None:
                kwargs = {"amount": amount.value, "unit": amount.unit, "amount_yuan": amount.yuan,
                          "amount_text": amount.text}
            pid = b.project(name, line, jurisdiction=self._place_before(b, text, pos), **kwargs)
            b.edge("CONCERNS", did, pid, line)
