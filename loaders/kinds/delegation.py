"""Power-delegation plans: 赋权 / 下放 / 委托 / 承接 行政职权 方案, 扩权强县.

What is read
------------
* **Who grants, who receives.** From the title (after an enclosing "关于印发"):
  "A赋予B…职权", "(A)向B下放/赋予/委托…", "B承接(A)…". A missing granter is
  the issuer's jurisdiction (a province or city giving powers away) or, when
  the issuer is the receiver, the city its "市" means. The receiver's and the
  granter's level characters ("县", "市", "省") are set to them, so "县X局"
  is the receiver's and "市X局" the granter's department. ``scope`` is what
  the title says is passed on ("市级同等行政职权"; "行政职权" if none).
* **Categories.** A line naming two or more of the power categories (行政许可,
  行政处罚, 行政强制, 行政征收, 行政给付, 行政检查, 行政确认 — printed also as
  "行政确定" —, 行政奖励, 行政裁决, 其他行政权力) lists the categories passed
  on; so does a table's 类别 column and "县X局(行政许可3项、行政处罚1项)".
  Each is a Power with ``is_category``. The receiving jurisdiction
  DELEGATED_FROM the granting one for each category (stated, ``inferred``
  false) and HOLDS it (``via`` "delegation"); the granter HOLDS it too
  (``via`` "original holder": it can only pass on what it has).
* **Receiving departments.** "(权力)承接部门(29家):A、B…" (a stated count is
  checked; names run together without a separator, "县农经局县动监局", are
  split at the repeated prefix); the 承接单位 column of a table flattened with
  "|" (序号|事项名称|类别|承接单位, merged cells carried down); a department
  followed by per-category counts; "将(A的)X下放至B". Each receiving
  department DELEGATED_FROM its counterpart in the granting jurisdiction:
  the body the document names for it (a table's 原实施/下放部门 column, "将A的…
  下放至B": stated, ``inferred`` false); else a granter-level body the
  document mentions with the same function ("counterpart named in the
  document", inferred); else the same name under the granter's prefix, with
  the rank words a level up (大队→支队→总队; a province's 厅 for the usual
  厅-rank functions) ("counterpart by name", inferred). ``power`` is the
  department's category or specific power where the document ties one to
  it, else the document's scope; per-category counts stay in the evidence
  text (the schema has no count property). A department HOLDS a power only
  where the document ties that power to it; a stated source body HOLDS it
  too (``via`` "original holder").
* **Items.** An item passed on (建设工程规划许可) is a Power of its own, with
  its category where the document gives one; the receiver and a stated source
  HOLD it. Items are read from:

  - table rows, columns found by their header words: 事项名称 (a 子项名称
    wins over its 主项; not 权力编码, 事项数量 …), 事项类别/权力类型, the source
    (原实施部门, 市级实施部门, 市级主管部门, 赋权部门; a plain 实施部门 beside a
    承接 column, or naming the granter's own departments), the receiver
    (承接单位, 承接机构, 下放后实施机关 …), 调整方式/下放方式/赋权方式 and 备注.
    Tables flattened with "|", tabs, one cell per line, or as label blocks
    ("事项名称:X" / "承接单位:Y" per item); merged cells carried down; a table
    without a receiver column belongs to the receiver its caption names
    (下放至各县(市、区)人民政府实施的…目录), else to the title's; a count matrix
    (承接部门 | 行政许可 | 行政处罚 | …) gives each department the categories it
    has a count of;
  - numbered lines (1. 1、 (1) ① 1.1) under a heading — numbered or not, with
    or without its count — that names the granting department ("(一)市发展改革
    委(2项)"), a receiving department ("(一)县发展改革局(2项)": its source is
    inferred), a category ("一、行政许可(3项)"), a way of passing on and maybe
    its receiver ("二、委托美兰区实施的事项"), or a catalogue title; an item may
    carry its source in parentheses or before a colon ("燃气经营许可(市城管局)")
    or labelled parts ("(原实施机关:A;调整后实施机关:B)");
  - numbered lines after a lead ("现将县X局的下列行政处罚事项下放各乡(镇)人民
    政府行使:", "下列事项由A委托B实施:");
  - "<department>(N项):A、B、C" lines, and a receiving department's counts
    followed by its items ("县住建局(行政处罚1项、行政检查1项):A、B",
    categories in the counts' order); inline lists (下放的事项包括:A、B);
  - sentences "将(A的)X、Y委托B、C实施", "A将X委托B实施", "下放至B,由其实施",
    "赋予B X等N项…权限".

  Items with a source but no receiver go to the listed receiving department of
  the same function (``inferred``, method "receiver matched by function"), else
  to the title's receiving jurisdiction.
* **Nothing passed on.** Rows, sections, captions, clauses and sentences that
  take a power back or keep it (收回, 取消, 保留, 暂不/暂缓/不予下放, 不再,
  不承接 …) give no edge; nor do phrases that name nothing particular ("将部分
  县级行政处罚事项委托有关镇…", "赋予乡镇(街道)部分县级…权限").
* **How a power travels.** Each DELEGATED_FROM edge carries ``mode``: 下放, 委托,
  授权 or 赋予 (赋权 too) as the document states it — the row's 调整方式/下放方式/
  承接方式 cell (委托下放 is 委托, 下放管理层级 is 下放) or a 备注 that is only a mode,
  the item's own note ("城市道路挖掘审批(委托)"), its section heading ("二、委托实施
  事项") or lead, the sentence's verb, else the title's word; empty when none is
  stated or the title names several (承接市级下放和委托实施…).
* **Notes that are no part of a name.** A trailing "(委托实施)", "(含子项:…)" /
  "(子项:…)" or "(A镇、B镇暂不承接)" is taken off the item's name (the item still
  passes; a bare "(暂不下放)" withholds it); "2.1 …(新建)" in a 子项 column is a
  part of the item, which passes once. A line "(以下事项暂不赋予…)" withholds the
  items after it; a section heading between table rows ("一、县应急管理局(2项)")
  keeps the table; a row printed with empty first cells (" | | | 2.2 …") keeps
  its columns.
* **Receivers named first.** "(一)A镇、B镇两个镇在其行政区域内以自身名义行使下列
  行政处罚权:" gives the numbered items after it to those towns; "赋予各乡(镇)人民政府
  X等7项…权限。具体如下:" to its receiver, one "县X局:A;B(委托)" line per source. A
  zone's committee named as receiver ("赋予X开发区管理委员会行使…", "交由X管理委员会
  …行使", "关于X管理委员会行使…的通告") is that Agency, not the zone. A sentence that
  points to its list (具体如下, 详见附件, 目录附后) names examples or a summary, not
  grants; "将县直有关部门的部分…" names no source; a cited title (《…》) grants
  nothing here. "调整由广州、深圳市实施": each place listed before the title's
  receiver receives the document's categories (or scope) too; a receiver cell
  "广州市、深圳市发展改革委" is two bodies. With no receiver in the title, "由各乡镇综合
  行政执法队以乡镇人民政府名义实施" makes 各乡镇人民政府 the receiver of the items;
  a heading "一、县X局委托事项(2项)" names their source before the way; so does
  "赋予各乡镇人民政府(街道办事处)县级行政权力事项5项" for a table without a
  receiver column (where a plain 部门 column is the source). What is only a level
  and power words (县级行政权力事项) names nothing particular. A lead
  "将区有关部门的部分…下放至各街道办事处、各镇人民政府,由其以自身名义实施。…如下:"
  gives its receivers the list after it, under headings that name their source
  in labelled parts ("一、城管执法领域(3项,原实施部门:区X局)"); "委托各街道办事处
  在其辖区内实施": where it acts is no part of the receiver; a lead listing several
  places ("向市南区、…、城阳区下放…") names no single receiving place; a 下放方式 of
  界定 or 归还 is 下放. Labelled parts
  "(实施机关:A;下放至:B)": a plain 实施机关 beside a stronger receiver label (下放至,
  承接…) is the source; a part may hold one nested parenthesis (市(州)…).
* **Receivers below.** Collective receivers (各乡(镇)人民政府, 县(市、区)住房
  和城乡建设局, 设区市林业主管部门) stay as printed; a county, district or zone
  named alone is that Jurisdiction; a town named alone (钱清镇) is its
  government. Collectives, towns, zones and other governments without a
  stated source receive from the issuing government (stated). When granter
  and receiver are of one level (三门峡市 → 灵宝市), "市" keeps meaning the
  issuer; a county's 承接 notice receives from the place its title names.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import islice

from graph.records import DocumentGraph

from ..base import Loader, register
from ..meta import read_meta
from ..names import AgencyName, AliasTable, clean_name, expand_elliptical, is_collective, looks_like_agency
from ..text import Line, SourceText, normalize, split_list

__all__ = ["DelegationLoader", "CATEGORIES", "canonical_category", "find_parties", "counterpart"]

CATEGORIES = ("行政许可", "行政处罚", "行政强制", "行政征收", "行政给付", "行政检查", "行政确认", "行政奖励",
              "行政裁决", "其他行政权力")
_CAT_VARIANTS = {"行政确定": "行政确认", "其它行政权力": "其他行政权力", "其他权力": "其他行政权力"}
_CAT = re.compile(r"(行政许可|行政处罚|行政强制|行政征收|行政给付|行政检查|行政确认|行政确定|行政奖励|行政裁决"
                  r"|其[他它]行政权力|其他权力)")
_VERB = r"(?:赋予|赋权|下放|委托|承接|接权|扩权强县|扩权强镇|放权|交由)"
_HAS_VERB = re.compile(_VERB)
_HEAD = re.compile(rf"{_VERB}.{{0,30}}?(?:职权|权力|权限|事权|审批|事项|管理权|清单|目录)|扩权强县|扩权强镇"
                   r"|调整由[^,。;]{1,15}?(?:实施|行使)|调整实施.{0,20}?(?:事项|职权|权力)")
_NOVERB = r"(?!下放|赋予|赋权|委托|承接|交由|调整|实施|行使)"
# a place: a zone by its full name (潍坊滨海经济技术开发区), else a province … county
_PC = r"[^\x00-\u4dff\ua000-\uffff向将由把给至到的和与及为从对在]"  # a CJK character that can be part of a place name
_PL = (rf"(?!部分|一批|有关|相关|全部|设区)(?:(?:{_NOVERB}{_PC}){{2,12}}?(?:开发区|高新区|新区|园区|试验区|示范区|合作区)"
       rf"|{_PC}{{1,8}}?(?:自治区|自治州|自治县|省|市|县|区|旗)"
       rf"|(?!乡镇|镇街|城镇|集镇){_PC}{{1,6}}?(?:镇|乡|街道)(?!人民政府|政府|办事处|[(（]))(?!级|辖)")
_SCOPE = r"(?P<scope>[^的,。]{0,40}?(?:职权|权力|权限|事权|事项|管理权限|管理权)(?:事项)?)"
_GV = r"(?:下放|赋予|委托|赋权|交由)(?:(?:和|及|、|或)(?:下放|委托|赋予|赋权))?(?:实施)?"  # 下放和委托实施
_PARTY_PATTERNS = (
    re.compile(rf"(?P<g>{_PL})?(?:人民政府)?(?:决定)?(?:赋予|赋权)(?:给)?(?P<r>{_PL}){_SCOPE}"),
    re.compile(rf"(?P<g>{_PL})?(?:人民政府)?(?:决定)?向(?:[\u4e00-\u9fff]{{2,6}}?、)*(?P<r>{_PL}){_GV}{_SCOPE}"),
    re.compile(rf"(?P<g>{_PL})?(?:人民政府)?(?:决定)?(?:下放|委托)(?P<scope>[^的,。]{{0,20}}?)(?:给|至|到)(?P<r>{_PL})"),
    re.compile(rf"(?P<r>{_PL})(?:人民政府)?承接(?P<g>{_PL})?{_SCOPE}"),
    # "交由X开发区管理委员会(以下简称…)在…内行使N项市级管理权限", "关于X管理委员会行使部分市级管理权限的通告"
    re.compile(rf"(?:(?P<g>{_PL})?(?:人民政府)?(?:决定)?(?:交由|委托)|^)(?P<r>{_PL}(?:管理委员会|管委会))(?:\(以下简称[^()]*\))?"
               rf"(?:在[^,。;]{{0,20}}?内)?行使{_SCOPE}"),
    # 广东: "将一批市级行政职权事项调整由南海区实施"
    re.compile(rf"(?P<g>{_PL})?(?:人民政府)?(?:将)?{_SCOPE}(?:调整)?(?:交)?由(?:[\u4e00-\u9fff]{{2,6}}?、)*(?P<r>{_PL}(?:管理委员会|管委会)?)"
               rf"(?:人民政府)?(?:实施|行使|承接)"),
)
# the word each of them cannot match without: a title lacking it is not searched (a failing search is slow)
_PARTY_WORDS = tuple(re.compile(w) for w in ("赋予|赋权", "向", "下放|委托", "承接", "行使", "由"))
_SUFFIX = r"(?:委员会|联合会|残联|管委会|办公室|局|厅|委|办|大队|支队|总队|中心|总站|站|所|院|署)"
_LIST = re.compile(r"(?:承接|接权|受托|接收)(?:部门|单位|主体|机关)?(?P<pre>[^:]{0,14}):\s*(?P<list>.+)$")
# "承接部门为A、B", "分别由A、B承接": the same lists, less often printed
_LIST_MORE = (re.compile(r"(?:承接|接权)(?:部门|单位)(?P<pre>\s*\(\s*\d+\s*[家个]\s*\))?\s*(?:为|是|包括)\s*(?P<list>[^。;]+)"),
              # (not "以上事项由X承接": the items above already went to their receiver)
              re.compile(r"(?<!以上事项)(?<!上述事项)(?:分别)?由(?P<list>[^。;,:]{4,80}?)(?:分别|负责)?承接"))
_COUNT = re.compile(r"(\d+)\s*(?:家|个)")
_CAT_COUNT = re.compile(r"(行政许可|行政处罚|行政强制|行政征收|行政给付|行政检查|行政确认|行政确定|行政奖励|行政裁决"
                        r"|其[他它]行政权力)(?:类|事项)?\s*(\d+)\s*(?:项|类|件)")
# "赋予各乡(镇)政府X等23项县级经济社会管理权限": the receiver first, then what it is given
_GIVE = re.compile(r"(?:赋予|授予)(?P<dst>[^,。;:]{2,24}?(?:人民政府|政府|管委会|管理委员会|办事处|街道|局|委员会|办公室|中心)"
                   r"(?:\((?:街道办事处|街道|办事处|管委会)\))?)"
                   r"(?P<what>[^,。;:]{2,60}?(?:权限|职权|权力|事项|管理权|执法权|处罚权))")
_SENTENCE = re.compile(r"(?:将|把)(?P<what>[^。;]+?)(?:下放|委托|交由|赋予|划转)(?:给|至|到)?(?P<dst>[^,。;:]{3,30}?)"
                       # "委托各街道办事处在其辖区内实施", "…,由其以自身名义实施": where and in whose name
                       r"(?:\s*在[^,。;:]{0,12}?内)?(?:,\s*由其\s*(?:依法|负责|统一|以[^,。;:]{0,8}?名义)?\s*)?"
                       r"(?:实施|行使|承接|办理|管理|负责)")
_TING = ("教育", "科学技术", "科技", "公安", "民政", "司法", "财政", "人力资源和社会保障", "人社", "自然资源", "国土资源",
         "生态环境", "环境保护", "环保", "住房和城乡建设", "住建", "交通运输", "交通", "水利", "农业农村", "农业",
         "商务", "文化和旅游", "文化旅游", "卫生", "工业和信息化", "经济和信息化", "应急管理", "退役军人事务")
_HEADER_ROLES = (
    ("mode", re.compile(r"方式|形式")),  # 下放方式 / 调整方式: 直接下放, 委托, 收回 …
    ("source", re.compile(r"原(?:实施|行使|执法|审批)?(?:单位|部门|主体|机关)|(?:下放|赋权|(?<!受)委托|放权|赋予)(?:单位|部门|机关|方)"
                          r"|^(?:省|市|县|区)(?:级|直)?(?:实施|行使|执法|审批|主管|责任|业务)?(?:单位|部门|机关)$|^(?:所属|主管)?部门$")),
    ("receiver", re.compile(r"承接|接收|受托|受委托|下放后|调整后|(?:实施|行使)(?:单位|部门|主体|机关)")),
    ("category", re.compile(r"类别|类型|种类")),
    ("subname", re.compile(r"子项")),  # 主项名称 | 子项名称: the sub-item is what passes
    ("name", re.compile(r"^(?!.*(?:编码|代码|编号|依据|数量|个数|层级)).*(?:名称|事项|职权|权力)")),
    ("number", re.compile(r"^(?:序号|编号|号)$")),
    ("note", re.compile(r"^备\s*注$")),
)
# a 备注 that withholds the row's power (a 备注 may also just qualify it: 限区内项目)
_NOTE_SKIP = re.compile(r"^(?:已|该事项|此项)?(?:暂缓|暂不|不予|不再|停止)?(?:下放|委托|赋权)?(?:暂缓|暂不|收回|取消|保留|不予下放|不下放|不承接)"
                        r"|^(?:暂缓|暂不|不予)(?:下放|委托|赋予|赋权|调整|承接)")
# words that take a power back or keep it: such rows, sections and sentences pass nothing on
_NEG = re.compile(r"暂不|不予|不再|不得|不宜|收回|取消|保留|暂缓|撤回|停止|不下放|不赋权|不委托|不承接")
_H1 = re.compile(r"^[一二三四五六七八九十]+\s*[、.]")
_H2 = re.compile(r"^\(\s*[一二三四五六七八九十]+\s*\)")
_ITEM = re.compile(r"^(?:\d{1,3}(?:\.\d{1,3})+\.?|\d{1,3}\s*[.、]|\(\d{1,3}\)|\d{1,3}\))\s*(?P<body>\S.*)$")
_COUNT_TAIL = re.compile(r"\s*[(:]?\s*(?:共\s*)?\d+\s*(?:项|类|个|件)\s*\)?\s*$")
_LEAD = re.compile(r"(?:下列|以下|如下)")
# a note after an item that says how it passes, not what it is: "(委托实施)"
_MODE_NOTE = re.compile(r"^(?:委托|委托实施|委托下放|委托行使|下放|下放实施|直接下放|部分下放|下放管理层级|授权|授权实施|授权行使"
                        r"|赋予|赋权)$")
# a note listing an item's parts: "(含子项:(1)…;(2)…)", "(子项:临时使用林地审批)"
_SUBITEM_NOTE = re.compile(r"^(?:含)?子项\s*[:：]")
# a note excepting some receivers: "(铁门镇、石寺镇暂不承接)" — the item still passes to the others
_EXCEPT_NOTE = re.compile(r"(?:镇|乡|街道|区|县|市|管委会)\s*(?:暂不|不)(?:承接|下放|委托|赋予|赋权|实施)$")
# a sentence that points to its list: what it names is an example or a summary
_POINTER = re.compile(r"(?:详见|见)附件|目录附后|附后\)|具体(?:事项)?如下|如下:|见下表")
_GENERIC_WHAT = re.compile(r"^(?:下列|以下|如下|部分|一批|相关|有关|上述|全部|所有|这些|该|本|各类|一些)"
                           # nothing but a level and power words: "县级行政权力事项", "市级经济社会管理权限"
                           r"|^(?:[省市县区乡镇]级)?(?:行政|经济社会|经济|社会)?(?:管理)?(?:权力|职权|权限|事权|管理权)?(?:事项)?$")


def mode_of(text: str) -> str:
    """How a power travels as a text states it: 下放, 委托, 授权 or 赋予 ("" when
    none is stated, or several are: "下放和委托实施"). Cited titles (《…》) do not count.

    >>> mode_of("委托下放"), mode_of("下放管理层级"), mode_of("赋权事项"), mode_of("下放和委托实施"), mode_of("调整方式")
    ('委托', '下放', '赋予', '', '')
    """
    t = re.sub(r"《[^》]*》", "", text or "").replace("委托下放", "委托").replace("下放管理层级", "下放")
    found: list[str] = []
    for word, mode in (("委托", "委托"), ("授权", "授权"), ("下放", "下放"), ("赋予", "赋予"), ("赋权", "赋予")):
        if word in t and mode not in found:
            found.append(mode)
    return found[0] if len(found) == 1 else ""


def _trailing_notes(text: str) -> tuple[str, list[str]]:
    """An item's text without the trailing notes that are no part of its name (a mode,
    its parts, receivers excepted), and those notes."""
    name, notes = text.strip(), []
    while True:
        m = re.match(r"^(?P<item>.+?)\((?P<note>(?:[^()]|\([^()]*\))*)\)$", name)
        if not m:
            break
        note = m.group("note").strip()
        if not (_MODE_NOTE.match(note) or _SUBITEM_NOTE.match(note) or _EXCEPT_NOTE.search(note)):
            break
        name = m.group("item").strip()
        notes.append(note)
    return name, notes


def note_mode(text: str) -> str:
    """The mode an item's trailing note states ("城市道路挖掘审批(委托)" → 委托), else ""."""
    return next((mode_of(n) for n in _trailing_notes(clean_name(text))[1] if _MODE_NOTE.match(n)), "")


def canonical_category(text: str) -> str | None:
    """The category a printed category (or a cell naming one) stands for.

    >>> canonical_category("行政确定"), canonical_category("行政许可类"), canonical_category("备案")
    ('行政确认', '行政许可', None)
    """
    m = _CAT.search(clean_name(text))
    if not m:
        return None
    return _CAT_VARIANTS.get(m.group(1), m.group(1))


# -- parties -----------------------------------------------------------------

def _strip_outer(title: str) -> str:
    return re.sub(r"^.*?(?:关于印发|关于转发|印发|转发|关于)", "", title, count=1)


def find_parties(title: str) -> tuple[str | None, str | None, str | None]:
    """(granter, receiver, scope) as the title names them.

    >>> find_parties("盘山县人民政府办公室关于印发盘锦市赋予盘山县市级同等行政职权工作实施方案的通知")
    ('盘锦市', '盘山县', '市级同等行政职权')
    >>> find_parties("辽宁省人民政府关于向沈阳市下放部分省级行政职权的决定")
    (None, '沈阳市', '部分省级行政职权')
    >>> find_parties("广东省人民政府关于将一批省级行政职权事项调整由广州、深圳市实施的决定")  # the last place; see more_r
    (None, '深圳市', '一批省级行政职权事项')
    >>> find_parties("襄垣县人民政府关于赋予襄垣经济技术开发区管理委员会行使部分县级行政管理权的通知")
    (None, '襄垣经济技术开发区管理委员会', '部分县级行政管理权')
    >>> find_parties("江门市人民政府关于江门高新技术产业开发区管理委员会行使部分市级管理权限的通告")
    (None, '江门高新技术产业开发区管理委员会', '部分市级管理权限')
    """
    t = _strip_outer(clean_name(title))
    for rx, word in zip(_PARTY_PATTERNS, _PARTY_WORDS):
        m = rx.search(t) if word.search(t) else None
        if m:
            g, r = m.group("g"), m.group("r")
            scope = (m.group("scope") or "").strip()
            cm = re.match(r"^(管理委员会|管委会)(?:\(以下简称[^()]*\))?(?:在[^,。;]{0,20}?内)?(?:行使|实施)?", scope)
            if r and cm and re.search(r"(?:开发区|高新区|新区|园区|试验区|示范区|合作区)$", r):
                # "赋予X开发区管理委员会行使…": the committee receives, not the zone
                r, scope = r + cm.group(1), scope[cm.end():]
            scope = re.sub(r"^(?:下放|赋予|委托|交由)(?:的)?", "", scope) or None
            return g, r, scope
    return None, None, None


# -- departments ---------------------------------------------------------------

def _dept_regex(prefixes: list[str]) -> re.Pattern[str]:
    alt = "|".join(re.escape(p) for p in sorted(set(prefixes), key=len, reverse=True))
    return re.compile(rf"(?:{alt})[\u4e00-\u9fff]{{1,20}}?{_SUFFIX}")


def _is_body(name: str) -> bool:
    """Ends like a body: the shared test, plus short forms such as 残联.

    >>> _is_body("县残联"), _is_body("行政许可")
    (True, False)
    """
    return looks_like_agency(name) or bool(re.search(rf"{_SUFFIX}$", name))


def _split_run_together(item: str, prefixes: list[str]) -> list[str]:
    """"县农经局县动监局" → ["县农经局", "县动监局"]: a name that restarts with
    its own prefix after a body's ending is two names."""
    for p in sorted(prefixes, key=len, reverse=True):
        if item.startswith(p):
            cut = [m.start() for m in re.finditer(re.escape(p), item) if m.start() > 0
                   and _is_body(item[:m.start()]) and _is_body(item[m.start():])
                   and not item[m.start():].startswith(p + "场")]
            if cut:
                out, last = [], 0
                for c in cut:
                    if _is_body(item[last:c]):
                        out.append(item[last:c])
                        last = c
                out.append(item[last:])
                return out
            break
    return [item]


def _stem(core: str) -> str:
    return re.sub(r"(委员会|管理局|局|厅|委|办公室|办|总队|支队|大队)$", "", core)


def counterpart(a: AgencyName, granter: str, named: dict[str, str]) -> tuple[str, str]:
    """The granting jurisdiction's body with the same function as ``a``:
    (name, method). ``named`` maps function stems to granter-level bodies the
    document mentions.

    >>> counterpart(AgencyName("县消防大队", "盘山县消防大队", "盘山县"), "盘锦市", {})
    ('盘锦市消防支队', 'counterpart by name (盘山县 → 盘锦市; 大队 → 支队)')
    >>> counterpart(AgencyName("市教育局", "沈阳市教育局", "沈阳市"), "辽宁省", {})[0]
    '辽宁省教育厅'
    """
    core = a.name[len(a.jurisdiction):] if a.name.startswith(a.jurisdiction) else a.name
    stem = _stem(core)
    if stem in named:
        return named[stem], "counterpart named in the document"
    notes = [f"{a.jurisdiction} → {granter}"]
    level = granter[-1]
    new = core
    if level in "市州盟" and core.endswith("大队"):
        new = core[:-2] + "支队"
    elif level == "省" and core.endswith(("大队", "支队")):
        new = core[:-2] + "总队"
    elif level == "省" and core.endswith("局") and stem in _TING:
        new = core[:-1] + "厅"
    if new != core:
        notes.append(f"{core[len(stem):]} → {new[len(stem):]}")
    return granter + new, "counterpart by name (" + "; ".join(notes) + ")"


@dataclass
class Grant:
    printed: str
    line: Line
    # (power, category, source as printed or None, pairing method or None, line) — one per power passed on
    powers: list[tuple[str, str | None, str | None, str | None, Line]] = field(default_factory=list)
    source: str | None = None      # the granting body as printed, where stated for the whole grant
    collective: bool = False


@dataclass
class Item:
    """One power listed under a heading or a lead sentence."""
    power: str
    category: str | None
    source: str | None          # the granting body as printed
    receivers: list[str]        # receiving bodies as printed (empty: the document's receiver)
    line: Line
    mode: str = ""              # 下放 / 委托 / 授权 / 赋予 as its note, section or lead states it


def _cells(norm: str) -> list[str]:
    return [c.strip() for c in norm.strip().strip("|").split("|")]


@register
class DelegationLoader(Loader):
    kind = "delegation"
    description = "power-delegation plans (赋权/下放/委托/承接 行政职权, 扩权强县): receiving departments, categories"

    def most(self, src: SourceText) -> float:
        # without a heading that passes powers on the score is at most 0.3 × (0.15 + 0.15 + 0.15)
        return 0.9 if not src.lines or self._head(src.lines)[1] else 0.135

    @staticmethod
    def _head(lines: list[Line]) -> tuple[bool, bool]:
        # the title says it passes powers on (strong), or only an early line does (a work
        # plan may mention 下放…权限 in passing: weaker)
        in_title = bool(_HEAD.search(clean_name(read_meta(lines).title)))
        return in_title, in_title or any(_HEAD.search(ln.norm) for ln in lines[:40])

    def score(self, src: SourceText) -> float:
        lines = src.lines
        if not lines:
            return 0.0
        in_title, head = self._head(lines)
        # (counted up to where the score stops growing: 10 verbs, one line of each other kind, 2 counts)
        verbs = sum(1 for _ in islice((ln for ln in lines if _HAS_VERB.search(ln.norm)), 10))
        cat_lines = any(len(set(_CAT.findall(ln.norm))) >= 2 for ln in lines)
        lists = any(_LIST.search(ln.norm)
                    or ("|" in ln.norm and re.search(r"承接|下放|受托|赋权", ln.norm) and _CAT.search(ln.norm) is None
                        and re.search(r"类别|类型|名称|事项", ln.norm)) for ln in _table_lines(lines))
        counts = sum(1 for _ in islice((ln for ln in lines if _CAT_COUNT.search(ln.norm)), 2))
        s = 0.45 if in_title else 0.3 if head else 0.0
        s += min(0.15, 0.015 * verbs)
        s += 0.15 if cat_lines else 0.0
        s += 0.15 if lists or counts >= 2 else 0.0
        if not head:
            s *= 0.3
        return round(min(s, 0.9), 3)

    def parse(self, src: SourceText, aliases: AliasTable) -> list[DocumentGraph]:
        meta = read_meta(src.lines)
        g, r, scope = find_parties(meta.title)
        head_line = src.lines[0] if src.lines else None
        if not r:
            for ln in src.lines[:40]:
                if _HEAD.search(ln.norm):
                    g2, r2, s2 = find_parties(ln.norm)
                    if r2 and re.search(rf"(?:[\u4e00-\u9fff]{{2,6}}?、)+{re.escape(r2)}", ln.norm):
                        break  # "向市南区、市北区、…城阳区下放…": several places share the list, none is the receiver
                    if r2:
                        g, r, scope = g2, r2, s2
                        head_line = ln
                        break
        home = meta.jurisdiction
        if r and (r.startswith(("各", "全", "有关")) or len(r) < 2 or r in ("乡镇", "镇街", "街道")):
            r = None
        # "调整由广州、深圳市实施": places listed before the receiver, sharing its level word, receive too
        more_r: list[str] = []
        if r and _is_place(r):
            lm = re.search(rf"(?:由|向|至|给|赋予)(?P<list>(?:[\u4e00-\u9fff]{{2,6}}?、)+){re.escape(r)}",
                           _strip_outer(clean_name(meta.title)))
            for x in (lm.group("list").rstrip("、").split("、") if lm else []):
                x = x if x.endswith(r[-1]) else x + r[-1]
                if _is_place(x) and x != r:
                    more_r.append(x)
        # "目录所列事项由各乡镇综合行政执法队以乡镇人民政府名义实施": the body in whose name they act receives
        named_receiver = None
        if not r:
            # "区人民政府决定赋予各乡镇人民政府(街道办事处)县级行政权力事项5项": the prose names the receiver
            for ln in src.lines[:60]:
                gm = _GIVE.search(re.sub(r"《[^》]*》", "", ln.norm))
                if gm and not _NEG.search(ln.norm[:gm.start()]):
                    x = clean_name(gm.group("dst"))
                    if x.count("(") != x.count(")"):
                        continue  # "赋予乡镇(街道)…": no body named
                    if is_collective(x) or _is_body(x) and not _is_place(x):
                        named_receiver = x
                        break
        for ln in src.lines:
            nm = re.search(r"由(?P<who>[^,。;由]{2,30}?)以(?P<name>[^,。;]{2,20}?)(?:的)?名义(?:实施|行使)", ln.norm)
            if nm and not _NEG.search(ln.norm[:nm.start()]) and not named_receiver:
                who, name = clean_name(nm.group("who")), clean_name(nm.group("name"))
                name = "各" + name if who.startswith("各") and not name.startswith(("各", "自身", "自己")) else name
                if _is_body(name) or is_collective(name):
                    named_receiver = name
                    break
        tm = re.search(rf"(?:承接|接收|接权)(?P<g>{_PL})?", meta.title)
        if not r and not g and home and tm:
            # "X县…关于做好承接Y市下放…的通知": the issuer receives, from the place named or its city
            g = tm.group("g") or meta.levels.get("市")
            r = home if g and g != home else None
            g = g if r else None
        if not g:
            if home and home != r:
                g = home
            elif meta.levels.get("市") and meta.levels.get("市") != r:
                g = meta.levels["市"]
        if not r and home and home != g:
            r = home
        levels = dict(meta.levels)
        for place in (g, r):
            if place and not re.search(r"(?:镇|乡|街道|管理委员会|管委会)$", place):  # a town or committee is no level prefix
                # granter and receiver of one level (三门峡市 → 灵宝市): "市" stays the issuer's own
                if levels.get(place[-1]) == home and home in (g, r) and place != home:
                    continue
                levels[place[-1]] = place
        meta.levels = levels
        b = self.builder(src, aliases, meta=meta)
        scope = scope or "行政职权"
        title_line = b.line_at(meta.title_line)
        # prefixes a receiving department starts with
        rprefixes = [p for p, v in levels.items() if v == r] + ([r] if r else []) or list(levels) or ["市", "县", "区"]
        gprefixes = [p for p, v in levels.items() if v == g] + ([g] if g else [])
        grants: dict[str, Grant] = {}
        order: list[str] = []
        # how each power travels, where its row, note, section or sentence says: (power, line no) → mode;
        # else the title's word (关于委托…, 关于赋予…)
        modes: dict[tuple[str, int], str] = {}
        doc_mode = mode_of(_strip_outer(clean_name(meta.title)))
        listed: list[str] = []  # receiving departments named in a 承接部门 list (keys of grants)

        def add(printed: str, line: Line, powers=(), source: str | None = None,
                allow_collective: bool = False) -> str | None:
            """Record a receiving body and what it receives; powers are (power, category[, source, method])."""
            name = clean_name(printed)
            if not name or not _is_body(name) and not (allow_collective and is_collective(name)):
                return None
            collective = is_collective(name)
            if collective and not allow_collective:
                return None
            a = b.agency_name(name)
            key = a.name
            if key not in grants:
                grants[key] = Grant(name, line, collective=collective)
                order.append(key)
            gr = grants[key]
            for p in powers:
                power, cat = p[0], p[1]
                psource = p[2] if len(p) > 2 else source
                method = p[3] if len(p) > 3 else None
                entry = (power, cat, psource, method, p[4] if len(p) > 4 else line)
                if not any(e[:4] == entry[:4] for e in gr.powers):
                    gr.powers.append(entry)
            if source and not gr.source:
                gr.source = source
            return key

        def in_granter(printed: str) -> bool:
            """Does a printed body belong to the granting jurisdiction?"""
            name = clean_name(printed)
            if not g or not name or not _is_body(name) or is_collective(name):
                return False
            return b.agency_name(name).jurisdiction == g

        # categories the document lists
        categories: dict[str, Line] = {}
        for ln in src.lines:
            # clauses that cancel or keep (取消行政确认1项) name no category passed on
            kept = "".join(c for c in re.split(r"(?<=[,;。])", ln.norm) if not _NEG.search(c))
            found = [canonical_category(c) for c in _CAT.findall(kept)]
            if len(set(found)) >= 2 and "|" not in ln.norm:
                for c in found:
                    categories.setdefault(c, ln)
        dept_rx = _dept_regex(rprefixes) if rprefixes else None
        # 1. lists of receiving departments
        lines = src.lines
        for idx, ln in enumerate(lines):
            m = _LIST.search(ln.norm) or next((x for x in (rx.search(ln.norm) for rx in _LIST_MORE) if x), None)
            listed_text = m.group("list") if m else None
            if not m:
                # "四、承接部门(3家)" then one body per line
                hm = re.match(r"^(?:[一二三四五六七八九十]+[、.]|\([一二三四五六七八九十]+\)|\d+[.、])?\s*"
                              r"(?:权力)?(?:承接|接权)(?:部门|单位)(?P<pre>\s*\(\s*\d+\s*[家个]\s*\))?\s*:?$", ln.norm)
                if not hm:
                    continue
                run = []
                for nxt in lines[idx + 1:]:
                    t = nxt.norm.rstrip("。;,、")
                    if not t or len(t) > 60 or not all(_is_body(clean_name(x)) for x in split_list(t)):
                        break
                    run.append(t)
                if not run:
                    continue
                listed_text, m = "、".join(run), hm
            if _NEG.search(ln.norm[:m.start()]):
                continue
            found_here = 0
            for item, _reason in expand_elliptical(split_list(listed_text)):
                for part in _split_run_together(item, rprefixes):
                    counts = [(canonical_category(c), int(n)) for c, n in _CAT_COUNT.findall(part)]
                    name = re.split(r"[(:]", part, maxsplit=1)[0]
                    powers = [(c, c) for c, _ in counts]
                    before = len(grants)
                    key = add(name, ln, powers)
                    if key and key not in listed:
                        listed.append(key)
                    found_here += len(grants) > before
            cm = _COUNT.search(m.groupdict().get("pre") or "")
            if cm and int(cm.group(1)) != found_here:
                b.warn(ln, f"the list says {cm.group(1)} receiving bodies; {found_here} read")
        # 2. a department followed by per-category counts
        if dept_rx is not None:
            for ln in src.lines:
                if _LIST.search(ln.norm) or "|" in ln.norm:
                    continue
                for m in dept_rx.finditer(ln.norm):
                    rest = ln.norm[m.end():]
                    cm = re.match(r"\s*[(:]\s*((?:[^()。;]{0,8}?\d+\s*(?:项|类|件)[、,;\s]*)+)", rest)
                    if cm:
                        counts = _CAT_COUNT.findall(cm.group(1))
                        if counts:
                            add(m.group(0), ln, _counted_items(counts, rest[cm.end():]))
        # 3. tables flattened with | (or one cell per line, rebuilt as | rows)
        header: dict[str, int] | None = None
        matrix: dict[int, str] = {}  # a count matrix: column → category (承接部门|行政许可|行政处罚|…)
        carry: dict[str, str] = {}
        default_receiver: str | None = None
        weak_receiver = False
        hwidth = 0
        caption = ""  # the text line before a table: "取消的…目录" tables pass nothing on
        # items a receiving jurisdiction itself takes: (power, category, source, line, place)
        jitems: list[tuple[str, str | None, str | None, Line, str]] = []
        for ln in _table_lines(src.lines):
            if "|" not in ln.norm:
                if header is not None and (_H1.match(ln.norm) or _H2.match(ln.norm)) and len(ln.norm) <= 30 \
                        and not _NEG.search(ln.norm):
                    continue  # "一、县应急管理局(2项)" between rows: a section of the same table
                header = None if not ln.norm.startswith("|") else header
                caption = ln.norm or caption
                continue
            cells = _cells(ln.norm)
            if header is not None and ln.norm.lstrip().startswith("|") and len(cells) < hwidth:
                # " | | | 2.2 …": a row whose first cells are empty keeps its columns
                full = [c.strip() for c in ln.norm.strip().split("|")]
                cells = full[:-1] if len(full) > hwidth and not full[-1] else full
            roles = _header_roles(cells)
            catcols = {i: canonical_category(c) for i, c in enumerate(cells)
                       if len(c) <= 8 and canonical_category(c) and re.fullmatch(r"[\u4e00-\u9fff]+", c)}
            if len(catcols) >= 2 and ("receiver" in roles and roles["receiver"] not in catcols
                                      or "source" in roles and roles["source"] not in catcols):
                roles = {k: v for k, v in roles.items() if v not in catcols and k in ("receiver", "source", "number")}
                header, matrix, carry = (None if _NEG.search(caption) else roles), catcols, {}
                continue
            # no receiver column: the caption's receiver ("下放至各县(市、区)人民政府实施的…目录"), else the title's
            cm = _CAPTION_RECEIVER.search(re.sub(r"《[^》]*》", "", caption))  # (not a cited title's receiver)
            cap = clean_name(cm.group("x")) if cm and "receiver" not in roles else None
            cap = cap if cap and (_is_place(cap) or _is_body(cap) or is_collective(cap)) else None
            if ("receiver" in roles or (r or cap or named_receiver) and "number" in roles
                    and ("source" in roles or "category" in roles)) \
                    and ("name" in roles or "category" in roles) and not _CAT.search(ln.norm):
                header, matrix, carry = (None if _NEG.search(caption) else roles), {}, {}
                hwidth = len(cells)
                default_receiver = cap or (named_receiver if not r else None)
                weak_receiver = "receiver" in roles and not _STRONG_RECEIVER.search(cells[roles["receiver"]])
                continue
            if header is None:
                continue
            if matrix:  # counts per category: a body receives each category it has a count of
                who = cells[header["receiver"]] if "receiver" in header and header["receiver"] < len(cells) else ""
                src_cell = cells[header["source"]] if "source" in header and header["source"] < len(cells) else None
                got = [c for i, c in matrix.items() if i < len(cells) and re.fullmatch(r"\d+", cells[i]) and int(cells[i]) > 0]
                if not who and src_cell and r:
                    for c in got:
                        categories.setdefault(c, ln)
                        jitems.append((c, c, src_cell, ln, r))
                elif who and got and (_is_body(clean_name(who)) or is_collective(clean_name(who))):
                    for c in got:
                        categories.setdefault(c, ln)
                    add(who, ln, [(c, c) for c in got], src_cell, allow_collective=True)
                continue
            row = {role: (cells[i] if i < len(cells) else "") for role, i in header.items()}
            for role in ("receiver", "category", "source", "mode") + (("name",) if "subname" in header else ()):
                if row.get(role):
                    carry[role] = row[role]
                elif role in carry:
                    row[role] = carry[role]
            if row.get("subname") and not re.match(r"^\d{1,3}\.\d{1,3}(?!\d)", row["subname"]):
                # (a numbered sub-item, "2.1 …(新建)", is a part of the item in the name column: the item passes)
                row["name"] = row["subname"]
            if _NEG.search(row.get("mode", "")) or _NOTE_SKIP.search(row.get("note", "")):
                continue  # 收回 / 取消 / 保留 / 暂不下放: nothing passed on
            if weak_receiver and row.get("receiver") and "source" not in header and (r or default_receiver) \
                    and all(in_granter(x) for x in split_list(row["receiver"])):
                # a 实施部门 column naming the granter's own departments: the source, passing it to the title's receiver
                row["source"], row["receiver"] = row["receiver"], default_receiver or r
            if "receiver" in header and not row.get("receiver"):
                continue
            cat = canonical_category(row.get("category", "")) or (clean_name(row["category"]) if row.get("category") else None)
            name = _item_name(row.get("name", ""))
            power = (name, cat) if name and name != cat else (cat, cat) if cat else None
            if power is None or name and not re.search(r"[\u4e00-\u9fff]", name):
                continue
            if cat and cat in CATEGORIES and cat not in categories:
                categories[cat] = ln
            note = (row.get("note") or "").strip()
            row_mode = mode_of(row.get("mode", "")) or (mode_of(note) if _MODE_NOTE.match(note) else "") \
                or note_mode(row.get("name", ""))
            if re.fullmatch(r"(?:内部)?界定|归还", (row.get("mode") or "").strip()):
                row_mode = "下放"  # 青岛's 下放方式: 界定 to the bureau's branch, 归还 to the level the law names
            if row_mode:
                modes[(power[0], ln.no)] = row_mode
            if "receiver" not in header and default_receiver:
                row["receiver"] = default_receiver
            elif "receiver" not in header:  # a catalogue for the one receiving jurisdiction of the title
                jitems.append((power[0], power[1], row.get("source") or None, ln, r))
                continue
            for rec, _why in expand_elliptical(split_list(row["receiver"])):  # "广州市、深圳市发展改革委": two bodies
                if _is_place(rec):  # a receiving county or district itself ("桐庐县")
                    jitems.append((power[0], power[1], row.get("source") or None, ln, clean_name(rec)))
                else:
                    add(rec, ln, [power] if power else [], row.get("source") or None, allow_collective=True)
        # 4. "将(A的)X下放至B实施"
        for ln in src.lines:
            cited = [(c.start(), c.end()) for c in re.finditer(r"《[^》]*》", ln.norm)]
            for m in list(_SENTENCE.finditer(ln.norm)) + list(_GIVE.finditer(ln.norm)):
                if _NEG.search(ln.norm[max(0, m.start() - 6):m.end()]):
                    continue
                if any(a <= m.start() < z for a, z in cited):
                    continue  # a cited title (《…关于赋予乡镇…的决定》) passes nothing on here
                what = re.sub(r"^\(以下简称[^()]*\)", "", m.group("what"))
                what = re.sub(r"^(?:在[^,。;]{0,20}?内)?(?:行使|实施)", "", what)
                sentence_mode = mode_of(ln.norm[m.start():m.end()].replace(m.group("what"), ""))
                source = None
                # "将县直有关部门的部分…": the source is the departments at large; what follows says what
                wm = re.match(r"^(?P<src>[\u4e00-\u9fff]{1,8}?(?:有关|相关|各|直)[\u4e00-\u9fff]{0,4}?(?:部门|单位))的(?P<rest>.+)$", what)
                if wm:
                    what = wm.group("rest")
                sm = None if wm else re.match(rf"^(?:由)?(?P<src>[\u4e00-\u9fff]{{2,25}}?{_SUFFIX})(?:的|负责的|实施的|行使的|承担的)(?P<rest>.+)$", what)
                if sm:
                    source, what = sm.group("src"), sm.group("rest")
                else:  # "旗农牧局将X委托Y实施": the granting body is the subject
                    pm = re.search(rf"(?:^|[,;。:、)\s])(?:[一二三四五六七八九十\d]+[、.])?(?P<src>[\u4e00-\u9fff]{{2,25}}?{_SUFFIX})\s*$",
                                   ln.norm[:m.start()])
                    if pm and _is_body(pm.group("src")) and not is_collective(pm.group("src")):
                        source = pm.group("src")
                if _LEAD.match(what):
                    continue  # "将X的下列事项下放Y行使:" — the items follow (read below)
                counts = _CAT_COUNT.findall(what)
                cat = canonical_category(what)
                cm = re.search(r"等?\s*\d+\s*项", what)
                head = re.sub(r"等(?:行政)?(?:职权|权力|事项)$", "", what[:cm.start()] if cm else what).rstrip("的")
                # no particular power printed: "部分县级行政处罚事项", "自然资源领域的25项行政处罚事项"
                generic = not head or bool(_GENERIC_WHAT.match(head)) or bool(
                    cm and re.search(r"(?:领域|方面|类|范围|部分)$", head))
                if counts:
                    powers = [(canonical_category(c),) * 2 for c, _ in counts]
                elif generic:
                    powers = [(cat, cat)] if cat else []
                else:
                    items = [_item_name(i) for i in split_list(head)]
                    powers = [(i, cat) for i in items if 2 <= len(i) <= 40 and canonical_category(i) != i]
                    if not powers and cat:
                        powers = [(cat, cat)]
                if generic and not powers or what.startswith(")") or m.group("dst").count("(") != m.group("dst").count(")"):
                    continue  # "赋予乡镇(街道)部分县级经济社会管理权限": nothing particular (the list says what)
                after = ln.norm[m.end():]
                if (generic or cm or re.match(r"^\s*\d+\s*项", after)) and _POINTER.search(after):
                    # "赋予各乡(镇)X等7项…权限。具体如下:", "…(详见附件)": the list gives the items — an example
                    # named here counts only when the list is not in the text (a page without its annex)
                    powers = [] if generic else [p for p in powers
                                                 if not any(p[0] in o.norm for o in src.lines if o.no != ln.no)]
                    if not powers:
                        continue
                for p in powers:
                    if sentence_mode:
                        modes.setdefault((p[0], ln.no), sentence_mode)
                for dst in split_list(m.group("dst")):
                    dst = clean_name(dst)
                    if generic and not counts and dst.startswith(("有关", "相关")):
                        continue  # "委托有关镇人民政府": the receivers are named elsewhere
                    if _is_place(dst):  # "将X下放至桐庐县实施"
                        jitems.extend((p[0], p[1], source, ln, dst) for p in powers)
                    elif _is_body(dst) or is_collective(dst):
                        add(dst, ln, powers, source, allow_collective=True)
        # 5. items listed under a heading (a granting department, a category) or a lead sentence
        def in_receiver(printed: str) -> bool:
            """Does a printed body belong to the receiving jurisdiction?"""
            name = clean_name(printed)
            if not r or not name or not _is_body(name) or is_collective(name):
                return False
            return b.agency_name(name).jurisdiction == r and b.agency_name(name).type == "department"

        items = _read_items(src.lines, in_granter, in_receiver)
        # granter-level bodies the document names, by function
        named: dict[str, str] = {}
        if g and gprefixes:
            dept_re = _dept_regex(gprefixes)
            for ln in src.lines:
                for m in dept_re.finditer(ln.norm):
                    a = b.agency_name(m.group(0))
                    if a.jurisdiction == g and not a.collective and a.type == "department":
                        core = a.name[len(g):]
                        if not core.startswith(("直", "级", "政府")) and _stem(core) != core:
                            named.setdefault(_stem(core), a.name)

        def function(name: str) -> str:
            a = b.agency_name(name)
            core = a.name[len(a.jurisdiction):] if a.name.startswith(a.jurisdiction) else a.name
            return _stem(core)

        by_function = {function(grants[k].printed): k for k in listed}
        for it in items:
            power = (it.power, it.category)
            if it.mode:
                modes.setdefault((it.power, it.line.no), it.mode)
            if it.category and it.category in CATEGORIES and it.category not in categories:
                categories[it.category] = it.line
            if it.receivers:
                for rec in it.receivers:
                    if _is_place(rec):
                        jitems.append((it.power, it.category, it.source, it.line, clean_name(rec)))
                    else:
                        add(rec, it.line, [power + (it.source, None, it.line)], allow_collective=True)
            elif it.source and function(it.source) in by_function:
                # the listed receiving department with the source's function takes it: not printed, inferred
                key = by_function[function(it.source)]
                add(grants[key].printed, grants[key].line, [power + (it.source, "receiver matched by function", it.line)])
            elif r:
                jitems.append((it.power, it.category, it.source, it.line, r))
            elif named_receiver:
                add(named_receiver, it.line, [power + (it.source, None, it.line)], allow_collective=True)
            else:
                b.warn(it.line, f"{it.power}: no receiving body found")
        # --- edges -----------------------------------------------------
        cat_ids = {}
        for cat, ln in categories.items():
            cat_ids[cat] = b.power(cat, ln, is_category=True)

        def power_id(power: str, cat: str | None, line: Line) -> str:
            if power == cat and power in cat_ids:
                return cat_ids[power]
            return b.power(power, line, category=cat if cat != power else None, is_category=power == cat)

        def place_node(place: str, line: Line) -> str:
            """A receiving place: a Jurisdiction, or for a town its government (钱清镇 → …钱清镇人民政府)."""
            if re.search(r"(?:镇|乡)$", place):
                return b.agency(place + "人民政府", line)
            if re.search(r"(?:管理委员会|管委会)$", place):  # a zone's committee named as the receiver
                return b.agency(place, line)
            if place.endswith("街道"):
                return b.agency(place + "办事处", line)
            return b.jurisdiction(place, line)

        rj = gj = None
        if r and g:
            rj = place_node(r, title_line)
            gj = b.jurisdiction(g, title_line)
            if categories:
                for rjx in [rj] + [place_node(x, title_line) for x in more_r]:
                    for cat, ln in categories.items():
                        b.edge("DELEGATED_FROM", rjx, gj, ln, power=cat, inferred=False, method="stated", mode=doc_mode)
                        b.edge("HOLDS", rjx, cat_ids[cat], ln, via="delegation")
                        b.edge("HOLDS", gj, cat_ids[cat], ln, via="original holder")
            else:
                hl = head_line if head_line and head_line.no != title_line.no else title_line
                for rjx in [rj] + [place_node(x, title_line) for x in more_r]:
                    b.edge("DELEGATED_FROM", rjx, gj, hl, power=scope, inferred=False, method="stated", mode=doc_mode)
        elif g:
            gj = b.jurisdiction(g, title_line)
        for power, cat, source, line, place in jitems:
            sid = b.agency(source, line) if source else gj
            if sid is None or not place:
                b.warn(line, f"{power}: no granting body or jurisdiction found")
                continue
            pid = power_id(power, cat, line)
            pj = place_node(place, title_line if place == r else line)
            b.edge("HOLDS", pj, pid, line, via="delegation")
            b.edge("HOLDS", sid, pid, line, via="original holder")
            b.edge("DELEGATED_FROM", pj, sid, line, power=power, inferred=False, method="stated",
                   mode=modes.get((power, line.no), doc_mode))
        for key in order:
            gr = grants[key]
            a = b.agency_name(gr.printed)
            rid = b.agency(gr.printed, gr.line, resolved=a)
            if rid is None:
                continue
            entries = gr.powers or [(scope, None, gr.source, None, gr.line)]
            for power, cat, source, pairing, line in entries:
                if source:
                    sid = b.agency(source, line)
                    inferred, method, source_stated = pairing is not None, pairing or "stated", True
                elif gj and (gr.collective or a.type in ("town", "zone", "government")
                             or re.search(r"(?:镇|乡|街道)(?:人民政府|政府|办事处)$|管委会$|管理委员会$", a.name)):
                    # "下放至各乡镇", "赋予城关镇人民政府…": a government below, no counterpart
                    # department: the issuing government passes it on
                    sid, inferred, method, source_stated = gj, False, "stated", True
                elif g and not gr.collective:
                    cname, method = counterpart(a, g, named)
                    sa = AgencyName(gr.printed, cname, g)
                    # not printed: the mention is the receiving body's name, and the reason says so
                    sid = b.agency(gr.printed, gr.line, resolved=sa,
                                   extra_reason=f"not printed: the {g} counterpart of {gr.printed}, {method}")
                    inferred, source_stated = True, False
                else:
                    b.warn(gr.line, f"{a.name}: no granting body or jurisdiction found")
                    continue
                if sid is None:
                    continue
                pid = power_id(power, cat, line) if gr.powers else b.power(power, line)
                b.edge("HOLDS", rid, pid, line, via="delegation")
                if source_stated:  # the document names the body the power comes from
                    b.edge("HOLDS", sid, pid, line, via="original holder")
                b.edge("DELEGATED_FROM", rid, sid, line, power=power, inferred=inferred, method=method,
                       mode=modes.get((power, line.no), doc_mode))
        if not grants and not categories and not jitems:
            b.warn(title_line, "no receiving departments or power categories found")
        return [b.build()]


def _is_place(text: str) -> bool:
    """A county, district, city or zone named on its own (not one of its bodies).

    >>> _is_place("桐庐县"), _is_place("县住建局"), _is_place("南海区、顺德区"), _is_place("钱清镇")
    (True, False, False, True)
    """
    name = clean_name(text)
    return bool(re.fullmatch(_PL, name)) and (not _is_body(name) or bool(re.search(r"(?:镇|乡|街道)$", name)))


def _item_name(text: str) -> str:
    """An item's name: cleaned, without the book-title marks of a certificate's name,
    and without trailing notes that say how it passes, list its parts or except some
    receivers (a qualifier such as "(二级医院)" stays).

    >>> _item_name("《建设工程规划许可证》核发")
    '建设工程规划许可证核发'
    >>> _item_name("城市道路挖掘审批(委托)"), _item_name("建设项目使用林地审核(子项:临时使用林地审批)")
    ('城市道路挖掘审批', '建设项目使用林地审核')
    >>> _item_name("困难残疾人生活补贴审核(铁门镇、石寺镇暂不承接)"), _item_name("医疗机构设置审批(二级医院)")
    ('困难残疾人生活补贴审核', '医疗机构设置审批(二级医院)')
    """
    return _trailing_notes(re.sub(r"[《》〈〉]", "", clean_name(text)))[0]


_CAPTION_RECEIVER = re.compile(r"(?:下放至|下放到|下放给|委托|交由|调整由|赋予|向)(?P<x>[^的,。:]{2,24}?)"
                               r"(?:实施|行使|承接|办理|下放|赋予|赋权)?的")
_STRONG_RECEIVER = re.compile(r"承接|接收|受托|受委托|下放后|调整后|下放至|赋权对象")


def _header_roles(cells: list[str]) -> dict[str, int]:
    """Which column is which, from a header row's words. A plain 实施部门 is the
    receiver unless another column is the 承接 one: then it is the source.

    >>> _header_roles(["序号", "事项名称", "实施部门", "承接街道"])
    {'number': 0, 'name': 1, 'source': 2, 'receiver': 3}
    >>> _header_roles(["序号", "事项名称", "实施部门"])["receiver"]
    2
    >>> _header_roles(["序号", "权力编码", "权力名称", "承接单位"])["name"]
    2
    """
    roles: dict[str, int] = {}
    strong = [i for i, c in enumerate(cells) if _STRONG_RECEIVER.search(c) and len(c) <= 12]
    named = [i for i, c in enumerate(cells) if "名称" in c and len(c) <= 12]  # 事项名称 before 权力编码
    for i, cell in enumerate(cells):
        for role, rx in _HEADER_ROLES:
            if role not in roles and rx.search(cell) and len(cell) <= 12:
                if role == "receiver" and strong and i not in strong:
                    if "source" in roles:
                        continue
                    role = "source"  # 实施部门 beside a 承接 column: the body passing it on
                if role == "name" and named and i not in named:
                    continue
                roles[role] = i
                break
    return dict(sorted(roles.items(), key=lambda kv: kv[1]))


def _counted_items(counts: list[tuple[str, str]], after: str) -> list[tuple[str, str | None]]:
    """What a department receives when its per-category counts are printed: the items
    listed after them ("(行政处罚1项、行政检查1项):A、B", categories taken in order when
    the counts add up to the items), else the categories themselves.

    >>> _counted_items([("行政处罚", "1"), ("行政检查", "1")], "):对违法建设的处罚、监督检查。")
    [('对违法建设的处罚', '行政处罚'), ('监督检查', '行政检查')]
    >>> _counted_items([("行政许可", "2")], ")")
    [('行政许可', '行政许可')]
    """
    cats = [canonical_category(c) for c, _ in counts]
    im = re.match(r"\s*\)?\s*:\s*(?P<items>[^。;]+)", after)
    names = [_item_name(x) for x in split_list(im.group("items"))] if im else []
    names = [x for x in names if 2 <= len(x) <= 40 and canonical_category(x) != x and not _NEG.search(x)]
    if not names:
        return [(c, c) for c in cats]
    sizes = [int(n) for _, n in counts]
    if sum(sizes) == len(names):
        order = [c for c, k in zip(cats, sizes) for _ in range(k)]
        return list(zip(names, order))
    return [(x, cats[0] if len(set(cats)) == 1 else None) for x in names]


_LABEL = re.compile(r"^(?:\d{1,3}\s*[.、]\s*)?(?P<label>[\u4e00-\u9fff]{2,8})\s*:\s*(?P<value>\S.*)$")


def _label_role(label: str) -> str | None:
    roles = _header_roles([label])
    return next(iter(roles), None)


def _label_blocks(lines: list[Line], i: int) -> tuple[list[Line], int] | None:
    """A table printed as label blocks ("1.事项名称:X" / "承接单位:Y" …, one block per
    row) starting at line ``i``: the rebuilt "|" lines and the index after it."""
    records: list[list[tuple[str, Line]]] = []
    j = i
    while j < len(lines):
        m = _LABEL.match(lines[j].norm)
        if not m or _label_role(m.group("label")) is None:
            break
        label = m.group("label")
        if not records or re.match(r"^\d", lines[j].norm) or label in [lb for lb, _ in records[-1]]:
            records.append([])
        records[-1].append((label, lines[j]))
        j += 1
    labels: list[str] = []
    for rec in records:
        for lb, _ in rec:
            if lb not in labels:
                labels.append(lb)
    roles = {_label_role(lb) for lb in labels}
    if len(labels) < 3 or "name" not in roles or not roles & {"receiver", "source"}:
        return None
    first = records[0][0][1]
    out = [Line(first.no, " | ".join(labels), "|".join(labels))]
    for rec in records:
        cells = dict((lb, _LABEL.match(ln.norm).group("value").strip()) for lb, ln in rec)
        raw = " | ".join(ln.raw for _, ln in rec)
        out.append(Line(rec[0][1].no, raw, "|".join(cells.get(lb, "") for lb in labels)))
    out.append(Line(lines[j - 1].no, "", ""))  # the table ends
    return out, j


def _join_wrapped(lines: list[Line]) -> list[Line]:
    """"|" rows whose last cell wrapped onto the next line, joined again: a row
    with fewer cells than the last 序号 header, followed by a line that does not
    start a row (no number first) and makes up the width."""
    out: list[Line] = []
    width = 0
    i = 0
    while i < len(lines):
        ln = lines[i]
        if "|" in ln.norm:
            cells = _cells(ln.norm)
            if cells and cells[0] in ("序号", "编号"):
                width = len(cells)
            elif width and len(cells) < width and i + 1 < len(lines) and "|" in lines[i + 1].norm:
                nxt = _cells(lines[i + 1].norm)
                if nxt and not re.fullmatch(r"\d+", nxt[0]) and len(cells) + len(nxt) - 1 == width:
                    joined = cells[:-1] + [cells[-1] + nxt[0]] + nxt[1:]
                    out.append(Line(ln.no, ln.raw + lines[i + 1].raw, "|".join(joined)))
                    i += 2
                    continue
        out.append(ln)
        i += 1
    return out


def _table_lines(lines: list[Line]) -> list[Line]:
    """The lines, with tables printed one cell per line, tab-separated or as label
    blocks rebuilt as "|" rows, and wrapped rows joined.

    A header is a 序号 line followed by at least three short header cells; a row
    starts at its number and runs to the next number or the header's width.
    """
    return _join_wrapped(_rebuilt_tables(lines))


_NUMBER_HEADER = re.compile(r"序号|编号")


def _rebuilt_tables(lines: list[Line]) -> list[Line]:
    out: list[Line] = []
    i = 0
    n = len(lines)
    while i < n:
        ln = lines[i]
        if _LABEL.match(ln.norm):
            block = _label_blocks(lines, i)
            if block:
                out.extend(block[0])
                i = block[1]
                continue
        if ln.raw.count("\t") >= 2 and "|" not in ln.norm:  # a tab-separated row
            out.append(Line(ln.no, ln.raw, "|".join(normalize(c) for c in ln.raw.split("\t"))))
            i += 1
            continue
        if _NUMBER_HEADER.fullmatch(ln.norm):
            j = i + 1
            while j < n and len(lines[j].norm) <= 10 and not re.search(r"\d", lines[j].norm) \
                    and any(rx.search(lines[j].norm) for _, rx in _HEADER_ROLES + (("x", re.compile(r"依据|备注|层级|时间")),)):
                j += 1
            width = j - i
            if width >= 4:
                out.append(Line(ln.no, " | ".join(x.raw for x in lines[i:j]), "|".join(x.norm for x in lines[i:j])))
                k, num = j, 1
                while k < n and lines[k].norm == str(num):
                    end = k + 1
                    while end < n and end - k < width and lines[end].norm != str(num + 1):
                        end += 1
                    cells = lines[k:end]
                    if any(len(c.norm) > 60 for c in cells):
                        break
                    out.append(Line(ln.no if False else cells[0].no, " | ".join(c.raw for c in cells),
                                    "|".join(c.norm for c in cells)))
                    k, num = end, num + 1
                out.append(Line(lines[k - 1].no, "", ""))  # the table ends
                i = k
                continue
        out.append(ln)
        i += 1
    return out


_DEPT_ITEMS = re.compile(r"^(?:(?:\d{1,3}\s*[.、]|\(\d{1,3}\)|[一二三四五六七八九十]+、|\([一二三四五六七八九十]+\))\s*)?"
                         r"(?P<who>[^:()。,;]{2,25}?)\s*(?P<count>\((?:共\s*)?\d+\s*项\))?\s*:\s*(?P<items>[^:]+?)[。;]?$")
_ITEM_VERB = re.compile(r"^(?:负责|承担|指导|做好|加强|牵头|配合|会同|统筹|组织|协调|研究|制定|推进|落实|督促|按照|根据|要|应)")


def _labelled_parts(text: str) -> dict[str, str]:
    """Labelled parts of an item's parenthesis, by table role.

    >>> _labelled_parts("原实施机关:市水务局;调整后实施机关:各区水务部门")
    {'source': '市水务局', 'receiver': '各区水务部门'}
    >>> _labelled_parts("实施机关:省林业厅;下放至:市(州)林业主管部门")
    {'source': '省林业厅', 'receiver': '市(州)林业主管部门'}
    >>> _labelled_parts("市城管局")
    {}
    """
    out: dict[str, str] = {}
    parts = []
    for part in re.split(r"[;,]", text):
        m = re.match(r"^\s*(?P<label>[\u4e00-\u9fff]{2,8})\s*:\s*(?P<value>\S.*)$", part)
        if m:
            label = m.group("label")
            role = "receiver" if re.search(r"下放至|下放到|调整至|交由", label) else next(iter(_header_roles([label])), None)
            parts.append((label, role, clean_name(m.group("value"))))
    # "实施机关:A;下放至:B": a plain 实施机关 beside a stronger receiver label is the source
    strong = any(role == "receiver" and re.search(r"下放至|下放到|调整至|交由|" + _STRONG_RECEIVER.pattern, label)
                 for label, role, _ in parts)
    for label, role, value in parts:
        if role == "receiver" and strong and not re.search(r"下放至|下放到|调整至|交由|" + _STRONG_RECEIVER.pattern, label):
            role = "source"
        if role in ("source", "receiver") and role not in out:
            out[role] = value
    return out


# "(一)壶镇镇、新建镇两个镇在其行政区域内以自身名义行使下列行政处罚权:": the receivers first
_FRONT_LEAD = re.compile(r"^(?:[一二三四五六七八九十]+\s*[、.]|\(\s*[一二三四五六七八九十]+\s*\)|\d{1,2}\s*[.、])?\s*"
                         r"(?:对|由)?(?P<dst>[^,。;:]{2,60}?)(?:(?:[两二三四五六七八九十\d]+个|等\s*\d+\s*个)(?:乡镇|镇街|镇|乡|街道)"
                         r"(?:\(街道\))?)?(?:在其(?:行政区域|辖区)(?:范围)?内)?(?:以(?:自身|其|本级政府|自己的)名义)?"
                         r"(?:行使|实施|承接)(?P<what>[^,。;:]*?(?:下列|以下|如下)[^,。;:]*):?$")


def _front_receivers(text: str) -> list[str]:
    """The receivers a lead names before its verb ("A镇、B镇两个镇…行使下列行政处罚权:"), else [].

    >>> _front_receivers("(一)壶镇镇、新建镇两个镇在其行政区域内以自身名义行使下列行政处罚权:")
    ['壶镇镇', '新建镇']
    >>> _front_receivers("(二)五云街道在其行政区域内以自身名义行使下列行政处罚权:")
    ['五云街道']
    """
    m = _FRONT_LEAD.match(text)
    if not m or _NEG.search(text):
        return []
    out = [clean_name(x) for x in split_list(m.group("dst"))]
    ok = all(_is_place(x) or _is_body(x) or is_collective(x) for x in out)
    return out if out and ok else []


def _read_items(lines: list[Line], in_granter, in_receiver=lambda name: False) -> list[Item]:
    """Powers listed one per numbered line, under a heading that names the granting
    department ("(一)市发展改革委(2项)") or a category ("一、行政许可(3项)"), or after a
    lead sentence ("现将县X局的下列行政处罚事项下放各乡(镇)人民政府行使:"). Headings and
    leads with 暂不/不予/取消/收回/保留 … open a section whose items pass nothing on.
    An item may name its source: "城市大型户外广告设置审批(市城管局)", "市交通运输局:公路超限运输许可".
    """
    out: list[Item] = []
    h1: dict | None = None   # the context opened by the last 一、 heading
    list_receivers: list[str] = []  # receivers a lead sentence names for the headed list after it
    ctx: dict | None = None  # the context items are read in
    lead = False
    for ln in lines:
        s = ln.norm
        lb = _LABEL.match(s)
        if lb and _label_role(lb.group("label")) is not None:
            continue  # "1.事项名称:X" / "实施机关:Y": a table printed as label blocks (read as a table)
        circled = re.match(r"^\s*([\u2460-\u2473])", ln.raw)
        if circled:  # "①X": an item numbered with a circled digit, read as "1.X"
            s = re.sub(r"^[\u2460-\u2473]", lambda d: str(ord(d.group(0)) - 0x245F) + ".", s, count=1)
        heading = _H1.match(s) or _H2.match(s)
        if not heading and _COUNT_TAIL.search(s) and ":" not in s and len(s) <= 30 and not _ITEM.match(s):
            # an unnumbered heading with its count: "行政许可(4项)", "市发展改革委(2项)"
            bare = _COUNT_TAIL.sub("", s).strip()
            if canonical_category(bare) and len(bare) <= 10 or in_granter(bare) or in_receiver(bare):
                heading = re.match("", s)
        if heading and len(s) <= 40 and not s.endswith(("。", ";")):
            head = _COUNT_TAIL.sub("", s[heading.end():]).strip()
            # "一、城管执法领域(3项,原实施部门:区城市管理综合行政执法局)": a count and labelled parts
            hp = re.search(r"\((?P<p>[^()]*:[^()]*)\)$", head)
            hparts = _labelled_parts(hp.group("p")) if hp else {}
            if hparts:
                head = _COUNT_TAIL.sub("", head[:hp.start()]).strip()
            level1 = bool(_H1.match(s))
            parent = None if level1 else h1
            new = {"excluded": bool(_NEG.search(head)) or bool(parent and parent["excluded"]),
                   "source": parent["source"] if parent else None,
                   "category": parent["category"] if parent else None,
                   "receivers": list(parent["receivers"]) if parent else [],
                   "mode": parent.get("mode", "") if parent else ""}
            if hparts.get("source"):
                new["source"] = hparts["source"]
            if hparts.get("receiver"):
                new["receivers"] = [hparts["receiver"]]
            elif not new["receivers"] and list_receivers:
                new["receivers"] = list(list_receivers)  # the lead before the list named them
            front = _front_receivers(s)
            if front:  # "(一)A镇、B镇…行使下列行政处罚权:"
                new["receivers"] = front
                new["category"] = canonical_category(_FRONT_LEAD.match(s).group("what")) or new["category"]
            cat = canonical_category(head)
            if cat and len(head) <= 10:
                new["category"] = cat
            elif in_granter(head) and len(head) <= 25:
                new["source"] = head
            elif in_receiver(head) and len(head) <= 25:
                new["receivers"] = [head]  # "(一)县发展改革局(2项)": what this department takes over
            else:
                # "一、县自然资源和规划局委托事项(2项)", "二、县农业农村局交由乡镇行使事项": the source, then the way
                sh = re.match(rf"^(?P<src>[\u4e00-\u9fff]{{2,25}}?{_SUFFIX})(?=委托|下放|交由|赋予|赋权|授权)", head)
                if sh and in_granter(sh.group("src")):
                    new["source"] = sh.group("src")
            # "一、下放事项(共2项)", "二、委托实施事项": a section of items passed on
            granted = bool(re.search(r"下放|赋予|赋权|委托|交由|调整由|承接", head)
                           and re.search(r"事项|权限|职权|权力|清单|目录", head))
            hm = _CAPTION_RECEIVER.search(head) if granted and not new["excluded"] else None
            if hm and not new["receivers"]:  # "一、下放至各区实施的…", "二、委托美兰区实施的…"
                x = clean_name(hm.group("x"))
                if _is_place(x) or _is_body(x) or is_collective(x):
                    new["receivers"] = [x]
            if granted and mode_of(head):
                new["mode"] = mode_of(head)  # "二、委托实施事项"
            new["opens"] = bool(new["source"] or new["category"] or new["excluded"] or granted or new["receivers"]
                                or parent and parent.get("opens"))
            if level1:
                h1 = new
            ctx, lead = (new if new["opens"] else None), False
            continue
        dm = _DEPT_ITEMS.match(s)
        if dm and not (ctx and ctx["excluded"]):
            # "市行政审批局(3项):A、B、C。": a department and the items it passes on (or takes over)
            who = clean_name(dm.group("who"))
            role = "source" if in_granter(who) else "receiver" if in_receiver(who) else None
            names = [_item_name(x) for x in split_list(dm.group("items"))]
            names = [x for x in names if 2 <= len(x) <= 40 and not _ITEM_VERB.match(x) and not _NEG.search(x)
                     and canonical_category(x) != x]
            if role and names and (dm.group("count") or ctx is not None) and "," not in dm.group("items"):
                category = ctx["category"] if ctx else None
                receivers = [who] if role == "receiver" else list(ctx["receivers"]) if ctx else []
                source = who if role == "source" else ctx["source"] if ctx else None
                raw = [x for x in split_list(dm.group("items"))]
                for x in names:
                    mode = next((note_mode(y) for y in raw if _item_name(y) == x and note_mode(y)), "")
                    out.append(Item(x, category, source, receivers, ln, mode or (ctx.get("mode", "") if ctx else "")))
                continue
        m = _ITEM.match(s)
        if m and ctx is None and not (s.endswith(":") and _LEAD.search(s)):
            continue  # a numbered line outside any list ("2、向盘山县赋权事项目录(308项)" among 附件)
        if m and ctx is not None:
            if ctx["excluded"]:
                continue
            body = m.group("body").strip().rstrip("。;,")
            mode = note_mode(body) or ctx.get("mode", "")
            body = _trailing_notes(body)[0]  # "X(市城管局)(委托)": the mode note first
            source, category, receivers = ctx["source"], ctx["category"], list(ctx["receivers"])
            pm = re.match(r"^(?P<item>.+?)\((?P<who>(?:[^()]|\([^()]*\)){2,60})\)$", body)  # (…市(州)…) nests once
            cm = re.match(r"^(?P<who>[^::]{2,25}):(?P<item>.+)$", body)
            labelled = _labelled_parts(pm.group("who")) if pm else {}
            if labelled:  # "X(原实施机关:A;调整后实施机关:B)"
                body = pm.group("item")
                source = labelled.get("source", source)
                receivers = [labelled["receiver"]] if "receiver" in labelled else receivers
            elif pm and in_granter(pm.group("who")):
                body, source = pm.group("item"), pm.group("who")
            elif cm and in_granter(cm.group("who")):
                body, source = cm.group("item"), cm.group("who")
            body = _item_name(body)
            sentence = m.group("body").rstrip().endswith("。") and (
                "," in body or re.search(r"要|应|须|负责|做好|确保|加强|按照|根据|做到", body))
            catalogue = bool(re.search(r"(?:下放|赋权|赋予|委托|调整|承接)[^。]{0,30}(?:目录|清单)$", body))  # an annex named
            if 2 <= len(body) <= 40 and "。" not in body and not _NEG.search(body) and not sentence and not catalogue:
                out.append(Item(body, category, source, receivers, ln, mode))
            continue
        if re.match(r"^\(?\s*(?:以下|下列)[^()。]{0,6}?(?:事项|权限|职权)?[^()。]{0,4}?(?:暂不|暂缓|不予|不再)", s):
            # "(以下事项暂不赋予,待条件成熟后另行研究)": the items after it pass nothing on
            ctx = dict(ctx or {"source": None, "category": None, "receivers": []}, excluded=True)
            continue
        if lead:  # a lead's list ends at the first line that is not an item
            ctx, lead = None, False
        title = _COUNT_TAIL.sub("", s)
        if len(s) <= 60 and "。" not in s and re.search(r"(?:下放|赋权|赋予|委托|调整由|承接).{0,30}(?:目录|清单)$", title) \
                and not s.startswith("附件"):  # (not "附件:1.向…下放的…目录", the list of annexes)
            # a catalogue's title ("向三台县下放的市级行政权力事项目录"): numbered items follow
            ctx, lead = {"excluded": bool(_NEG.search(title)), "source": None, "category": None, "receivers": [],
                         "mode": mode_of(title)}, False
            cr = _CAPTION_RECEIVER.search(title)
            got = [clean_name(x) for x in split_list(cr.group("x"))] if cr else []
            if got and all(_is_place(x) or _is_body(x) or is_collective(x) for x in got):
                ctx["receivers"] = got  # "向芝罘区、莱山区下放的…目录": those places receive the items
            continue
        if s.endswith(":") and _LEAD.search(s):
            new = {"excluded": bool(_NEG.search(s)), "source": None, "category": canonical_category(s), "receivers": []}
            lm = re.search(rf"(?:将|把)(?:(?P<src>[\u4e00-\u9fff]{{2,25}}?{_SUFFIX})的)?(?P<what>[^。;]*?(?:下列|以下|如下)[^。;]*?)"
                           rf"(?:下放|委托|交由|赋予|划转)(?:给|至|到)?(?P<dst>[^,。;:]{{2,40}}?)(?:实施|行使|承接|办理|管理)?:$", s)
            # "下列事项由县市场监管局委托各镇人民政府实施:"
            bm = None if lm else re.search(
                rf"由(?P<src>[\u4e00-\u9fff]{{2,25}}?{_SUFFIX})(?:下放|委托|交由|赋予)(?:给|至|到)?(?P<dst>[^,。;:]{{2,40}}?)"
                rf"(?:实施|行使|承接|办理|管理)?:$", s)
            if lm or bm:
                new["source"] = (lm or bm).group("src")
                new["receivers"] = [clean_name(x) for x in split_list((lm or bm).group("dst"))]
            elif _front_receivers(s):  # "A镇、B镇在其行政区域内以自身名义行使下列行政处罚权:"
                new["receivers"] = _front_receivers(s)
            elif _GIVE.search(s):  # "…赋予各乡(镇)人民政府X等7项县级经济社会管理权限。具体如下:"
                new["receivers"] = [clean_name(_GIVE.search(s).group("dst"))]
            elif (sm := _SENTENCE.search(s)) and _POINTER.search(s[sm.end():]) and not _NEG.search(s[:sm.end()]):
                # "将区有关部门的部分…下放至各街道办事处、各镇人民政府,由其…实施。下放职权目录如下:":
                # the receivers of the list, under its headings too
                got = [clean_name(x) for x in split_list(sm.group("dst"))]
                if got and all(is_collective(x) or _is_body(x) or _is_place(x) for x in got):
                    new["receivers"] = list_receivers = got
            new["mode"] = mode_of(s)
            if new["excluded"] or new["receivers"]:
                ctx, lead = new, True
            continue
        # "赋予的事项包括:A、B、C。": an inline list after 包括/具体为
        im = re.search(r"(?:下放|赋予|赋权|委托|承接)[^。;:]{0,12}?(?:事项|权限|职权)[^。;:]{0,6}?(?:包括|具体为|分别为|为)\s*:"
                       r"(?P<items>[^:]+?)(?:等\s*\d+\s*项[^。;]*)?[。;]?$", s)
        if im and not _NEG.search(s[:im.start("items")]):
            names = [_item_name(x) for x in split_list(im.group("items"))]
            names = [x for x in names if 2 <= len(x) <= 40 and not _ITEM_VERB.match(x) and canonical_category(x) != x]
            if names and "," not in im.group("items"):
                cat = canonical_category(s[:im.start("items")])
                out.extend(Item(x, cat, None, [], ln) for x in names)
    return out
