"""Bodies named in running text: lists of units and who does what.

Two parsers, one per concept, used by every reader:

* :func:`split_units` cuts a printed list of bodies into the bodies as
  printed: at 、 , ; and at 和/及/与 between complete names; a collective
  that itself holds 、 stays whole (各地、各部门, 各盟行政公署、市人民政府,
  各市、县(区)政府); a bare trailing 等 goes, 等有关部门(单位) keeps the generic
  有关部门(单位); the parts of a body (市卫生局有关科室) stand for the body.
* :func:`parse_roles` reads what a label value, a parenthesis or a division
  clause says about roles: ``X牵头,Y配合``, ``X牵头负责``, ``A协同B负责``,
  ``X会同Y``, ``牵头单位:X;责任单位:Y;完成时限:…``, ``X、Y按职责分工负责``.
  Where a body leads (牵头), the bodies that 负责 beside it assist; where none
  leads, every body named as responsible leads.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from .vocab import Vocabulary, alternation

__all__ = ["Roles", "unwrap", "may_end_unit", "split_units", "parse_roles", "looks_like_unit", "is_deadline", "strip_parts", "UnitContext"]

# the words a body's name ends in
_AGENCY_ENDS = tuple((
    r"局|委|委员会|办|办公室|管委会|管理委员会|中心|大队|支队|中队|站|所|室|处|院|厅|部|会|组|队|署|公司|集团|银行|政府|机关|单位|学校"
    r"|医院|镇|乡|街道|办事处|分局|园区|开发区|法院|检察院|协会|联社|社|海关|银行|分行|支行|馆|台|团|科|股|部门|机构|党委|党组|工委|纪委|监委|法庭"
    r"|人民政府|行政公署|公署|专班|小组|指挥部|联席会议|工作组|片区|新区|高新区|试验区|示范区|集团公司|企业|医保|总工会|妇联|团委|共青团"
    r"|红十字会|残联|科协|侨联|工商联|文联|社科联|供销社|武装部|军分区|消防救援支队|气象台|网|报社|电视台|口岸|商会|基地|主体|镇区|财政"
    r"|人大|政协|政府办|区县|县区|县市区|市县|乡镇|镇街"
).split("|"))


def _ends_like_body(s: str) -> bool:
    """Whether ``s`` ends in one of :data:`_AGENCY_ENDS` (before a final newline: as a regex's $ would)."""
    return s.removesuffix("\n").endswith(_AGENCY_ENDS)


_LEVELS = "省市县区乡镇街道村社区州盟旗地"
# a list item that is only level words (with alternatives) and a government's kind: 市人民政府, 县(区)政府, 镇(街道)
_GENERIC_LEVEL = re.compile(rf"^(?:[{_LEVELS}]|自治[区州县旗]|县级市|旗县|\([^()]{{1,10}}\))+"
                            r"(?:人民政府|政府|行政公署|管委会|办事处|党委|党委和政府|人民政府办公室)?$")
_COLLECTIVE_HEAD = re.compile(rf"^(?:各|全)(?:[{_LEVELS}]|自治[区州县旗]|县级市|旗县|开发区|园区|\([^()]{{1,10}}\))+")


@dataclass
class UnitContext:
    """What a document itself defines: short names (以下简称) that are atomic."""

    aliases: dict[str, str] = field(default_factory=dict)   # short → full, as printed
    # the document says the first body listed leads ("列第一位者为牵头单位,下同")
    first_leads: bool = False

    def atoms(self) -> list[str]:
        return sorted(set(self.aliases) | set(self.aliases.values()), key=len, reverse=True)


# words no body's name holds, and verbs no name opens with
_NOT_A_NAME = re.compile(r"下设|设在|设立|成立|并|负责(?!人)|要求|通过|按照|根据|进行|决定|下放|委托|赋予|印发|关于|已经|同意|以下简称"
                         r"|会同|协同|牵头(?!单位|部门)|配合(?!单位|部门)|(?<![主重需纲])要|应当|必须|须|划归|划转|职责|[《》]|是|适用|规定|试行|以及|由|其它工作|其他工作|^所在(?:单位|部门|地)$"
                         r"|^(?:常务)?副?(?:省|市|州|县|区|镇|乡|旗)长$|实施主体|为下列")
_VERB_FIRST = re.compile(r"^(?:\d|请|不定期|定期|与|依托|借助|通过|利用|协助|配合|参与|两部门|两单位|[两三四五六七八九十]个|[一二三四五六七八九十]+是|聚焦|充分|调动|督办|督查|着力|大力|不断|持续|努力|力争|打造|构建|营造|促进|巩固|发挥|实现|提供|"
                         r"培育|鼓励|规范|改善|简化|推广|整治|防范|化解|查处|打击|取缔|清理|部署|争取|引进|招引|申报|审核|受理|贯彻|树立|弘扬|"
                         r"倡导|分解|细化|量化|压实|梳理|公布|报送|上报|汇报|通报|反馈|跟踪|处置|保持|维护|增加|减少|降低|控制|压减|取消|运用|"
                         r"利用|盘活|整合|共享|对接|衔接|联动|抓好|抓实|夯实|做实|谋划|探索|带头|引领|协调|组织|指导|督促|推动|加强|完成|研究|做好|落实|建立|完善|制定|开展|推进|确保|保障|实行|实施|进一步|积极|认真"
                         r"|切实|深化|健全|强化|统筹|提高|加快|鼓励|支持|引导|优化|扩大|全面|坚持|深入|提升|严格|依法|及时|对|在|将|把|使|让|以)")


_WS = re.compile(r"\s+")
_PUNCT_IN_NAME = re.compile(r"[。!?:;,“”]")
_END_BRACKET = re.compile(r"\([^()]*\)$")
_LEVEL_ALTERNATIVES = re.compile(r"[省市县区乡镇]{1,2}\([^()]{1,10}\)")


def looks_like_unit(name: str, ctx: UnitContext | None = None, vocab: Vocabulary | None = None) -> bool:
    """Whether a printed item can be a body: it ends like one, is a collective,
    or is a short name the document defines.

    >>> looks_like_unit("市住建局"), looks_like_unit("各地、各部门"), looks_like_unit("全年"), looks_like_unit("试点镇人民政府")
    (True, True, False, True)
    """
    s = _WS.sub("", name)
    if not s or len(s) > 40:
        return False
    if ctx and (s in ctx.aliases or s in ctx.aliases.values()):
        return True
    if _PUNCT_IN_NAME.search(s) or _NOT_A_NAME.search(s) or _VERB_FIRST.match(s):
        return False
    if len(s) > 10 and re.search(r"\s", s):
        return False          # fields of a page run together ("X办公厅 二〇〇九年九月十日 …")
    vocab = vocab or Vocabulary.default()
    if s.replace("、", "") in vocab.collective_whole or s in vocab.collective_whole:
        return True
    core = _END_BRACKET.sub("", s)      # "有关部门(单位)", "省直有关部门(单位)"
    if _LEVEL_ALTERNATIVES.fullmatch(s):
        return True           # "镇(街道)": every town (or street) of the place
    if core in ("部门", "单位", "机构", "政府", "机关", "办公室", "小组"):
        return False           # a kind of body, not one
    if s.startswith("各") and len(s) >= 2 and not re.match(r"^各(?:项|类|种|级$|自|方面|个|条|环节|阶段|领域|族|界)", s) \
            and (_ends_like_body(core) or re.fullmatch(rf"各(?:[{_LEVELS}]|地区|自治[区州县旗]|县级市|旗县|级|开发区|园区)+", core)):
        return True
    return _ends_like_body(core) and len(core) >= 2


def may_end_unit(text: str) -> bool:
    """A quick test: can ``text`` end with a body's name (before looking closer)?"""
    core = text.rstrip(")").rstrip()
    if "(" in core[-12:]:
        core = re.sub(r"\([^()]*$", "", core) or core
    return _ends_like_body(core) or "各" in text or "\uE001" in text


def strip_parts(name: str, vocab: Vocabulary) -> str:
    """A body's parts stand for the body: 市卫生局有关科室 → 市卫生局.

    >>> strip_parts("市卫生局有关科室", Vocabulary.default()), strip_parts("各有关科室", Vocabulary.default())
    ('市卫生局', '各有关科室')
    """
    m = _parts_of(vocab.section_parts).match(name)
    return m.group(1) if m else name


@lru_cache(maxsize=8)
def _parts_of(section_parts: str) -> re.Pattern[str]:
    return re.compile(rf"^(.{{2,}}?(?:局|委|办|厅|部|中心|政府|委员会|办公室|所|院|站)){section_parts}$")


_BRACKET_CHARS = re.compile(r"[(（\[【〔《“]")
_SEP_RX: dict[str, re.Pattern[str]] = {}


def _top_split(text: str, seps: str) -> list[str]:
    """Split at the separators outside brackets."""
    if not _BRACKET_CHARS.search(text):
        rx = _SEP_RX.get(seps)
        if rx is None:
            rx = _SEP_RX[seps] = re.compile("[" + re.escape(seps) + "]")
        return rx.split(text)
    parts, depth, buf = [], 0, []
    for ch in text:
        if ch in "(（[【〔《“":
            depth += 1
        elif ch in ")）]】〕》”":
            depth = max(0, depth - 1)
        if depth == 0 and ch in seps:
            parts.append("".join(buf))
            buf = []
        else:
            buf.append(ch)
    parts.append("".join(buf))
    return parts


_TRAILING_ETC = re.compile(r"等(?:其他|其它)?(?:有关|相关)?(?:部门|单位|机构)?$")
_ETC_GENERIC = re.compile(r"^(?P<head>.+?)等(?P<generic>(?:[省市县区]直)?(?:各|其他|其它)?(?:有关|相关)(?:部门|单位)(?:\([^()]*\))?)$")


def split_units(text: str, ctx: UnitContext | None = None, vocab: Vocabulary | None = None) -> list[str]:
    """The bodies a printed list names, as printed.

    >>> split_units("市人社局、市发改委、财政局")
    ['市人社局', '市发改委', '财政局']
    >>> split_units("各地、各部门"), split_units("各盟行政公署、市人民政府,各旗县(市、区)人民政府")
    (['各地、各部门'], ['各盟行政公署、市人民政府', '各旗县(市、区)人民政府'])
    >>> split_units("试点镇所在地级以上市人民政府和省有关部门")
    ['试点镇所在地级以上市人民政府', '省有关部门']
    >>> split_units("省编办等有关部门(单位)"), split_units("县公安局、县民政局等有关部门")
    (['省编办', '有关部门(单位)'], ['县公安局', '县民政局', '有关部门'])
    >>> split_units("市住房和城乡建设局、市工业和信息化局")
    ['市住房和城乡建设局', '市工业和信息化局']
    >>> split_units("各有关部门,各开发区、镇(街道)")
    ['各有关部门', '各开发区、镇(街道)']
    """
    return list(_split_units(text, tuple(ctx.atoms()) if ctx and ctx.aliases else (), vocab or Vocabulary.default()))


_NOTE_ON_WORK = re.compile(r"\((?=[^()]{4,})[^()]*(?:依法|实施|行使|负责)[^()]*\)$")


@lru_cache(maxsize=1 << 14)   # pure in the text, the document's atoms and the vocabulary; readers ask again and again
def _split_units(text: str, atoms: tuple[str, ...], vocab: Vocabulary) -> tuple[str, ...]:
    text = text.strip().strip("。;,、:").strip()
    if not text:
        return ()
    # names the document defines are atoms: protect their separators
    protected: dict[str, str] = {}
    if atoms:
        for k, atom in enumerate(atoms):
            if atom in text and len(atom) >= 2:
                key = f"\uE000{k}\uE001"
                protected[key] = atom
                text = text.replace(atom, key)
    out: list[str] = []
    parts = [p for p in _top_split(text, ",;，；/")]
    joined: list[str] = []
    for part in parts:
        # "各开发区,镇(街道)": a bare level word after a collective is part of it
        if joined and _COLLECTIVE_HEAD.match(joined[-1].split("、")[-1].strip()) and _GENERIC_LEVEL.match(part.strip()) \
                and not part.strip().startswith("各"):
            joined[-1] = joined[-1] + "、" + part.strip()
        else:
            joined.append(part)
    for part in joined:
        out.extend(_part_units(part, vocab))
    res: list[str] = []
    for it in out:
        for key, atom in protected.items():
            it = it.replace(key, atom)
        res.extend(_unit_as_named(it, vocab))
    return tuple(res)


@lru_cache(maxsize=1 << 14)   # a list's first parts come up again in the longer texts read after it
def _part_units(part: str, vocab: Vocabulary) -> tuple[str, ...]:
    """The items of one part of a list (between , and ;): cut at 、 and at 和 between whole names."""
    out: list[str] = []
    items = [x.strip() for x in _top_split(part, "、") if x.strip()]
    # "县教体局 各相关乡镇政府": bodies a table cell separates by spaces
    items = [t for x in items for t in (x.split() if " " in x and len(x.split()) > 1
                                        and all(_complete(t) or _COLLECTIVE_HEAD.match(t) for t in x.split()) else [x])]
    g = _TOWN_GROUP.match(items[-1]) if len(items) > 1 else None
    if g and all(re.fullmatch(r"[\u4e00-\u9fff]{2,4}", x) for x in items[:-1] + [g.group("last")]):
        # "西四、牛庄、岔沟等镇(街道)": places sharing the level printed once
        return tuple(x + g.group("level") for x in items[:-1] + [g.group("last")])
    merged: list[str] = []
    for it in items:
        if merged and _joins_collective(merged[-1], it, vocab):
            merged[-1] = merged[-1] + "、" + it
        else:
            merged.append(it)
    for it in merged:
        out.extend(_split_and(it))
    return tuple(out)


@lru_cache(maxsize=1 << 14)   # the same bodies come up in list after list
def _unit_as_named(it: str, vocab: Vocabulary) -> tuple[str, ...]:
    """One item of a list as the body (or bodies) it names: no note, no 等, no parts."""
    it = it.strip().strip("。.:;").strip()
    # "区城管执法局(依法实施行政处罚)": a note on what the body does is no part of its name
    it = _NOTE_ON_WORK.sub("", it).strip()
    m = _ETC_GENERIC.match(it)
    if m:
        return m.group("head"), m.group("generic")
    stripped = _TRAILING_ETC.sub("", it).strip()
    if stripped and len(stripped) >= 2:
        it = stripped
    it = strip_parts(it, vocab)
    return (it,) if it and len(it) >= 2 else ()


def _joins_collective(prev: str, item: str, vocab: Vocabulary) -> bool:
    """Whether ``item`` continues a collective that ``prev`` opened (各市、县(区)政府,
    各有关部门、单位)."""
    head = prev.split("、")[0]
    if item in ("单位", "部门", "有关单位", "相关单位", "各单位", "各部门", "有关部门", "相关部门", "机构") \
            and re.search(r"(?:有关|相关|各)(?:部门|单位)$", prev):
        return True
    # "各乡镇、县直各部门": a run of collectives without a place's own name is one collective
    if head.startswith("各") and re.match(rf"^(?:[{_LEVELS}]{{1,2}}(?:直|级|属))(?:各|有关|相关|其他)?(?:部门|单位|机构|委办局)$", item):
        return True
    if (head + item).replace("、", "") in vocab.collective_whole or (prev + item).replace("、", "") in vocab.collective_whole:
        return True
    if not _COLLECTIVE_HEAD.match(head):
        return False
    if item in ("各部门", "各单位", "各有关部门", "各有关单位", "各相关部门"):
        return True         # "各县区、各部门" as "各地、各部门": every level and every body, one collective
    return bool(_GENERIC_LEVEL.match(item)) and not item.startswith("各")


_TOWN_GROUP = re.compile(r"^(?P<last>[\u4e00-\u9fff]{2,4})等(?P<level>镇|乡|街道|村|社区)(?:\([^()]*\))?$")
_AND = re.compile(r"(?<=[\u4e00-\u9fff)\uE001])(?:和|及|与|以及|或)(?!其)(?=[\u4e00-\u9fff(\uE000])")
_ATOM = re.compile(r"^\uE000\d+\uE001$")


@lru_cache(maxsize=1 << 14)
def _split_and(item: str) -> tuple[str, ...]:
    """Split "A和B" where both sides are complete bodies (住房和城乡建设局 stays)."""
    for m in _AND.finditer(item):
        a, b = item[:m.start()], item[m.end():]
        if _complete(a) and (_complete_or_list(b) or (m.group(0) == "或" and _GENERIC_LEVEL.match(b))):
            return (a,) + _split_and(b)
    return (item,)


def _complete(s: str) -> bool:
    if _ATOM.match(s):
        return True
    core = _END_BRACKET.sub("", s)
    return len(core) >= 3 and _ends_like_body(core) and not core.endswith(("和", "及"))


def _complete_or_list(s: str) -> bool:
    return _complete(s) or bool(re.match(r"^(?:各|全|有关|相关|省|市|县|区)", s) and _complete(s + ""))


# -- deadlines -------------------------------------------------------------------------

_DEADLINE = re.compile(
    r"^(?:\d{4}年(?:\d{1,2}月)?(?:\d{1,2}日)?(?:底|末|前|以前|之前|年底|年末|上半年|下半年|内|起)?.*|全年|长期|持续推进|持续|常态化.*|"
    r"年底前|年内|每年.*|\d{1,2}月(?:底|末|前|中旬|上旬|下旬).*|.*(?:前完成|底前|月底|年底|季度|工作日内|日内|日前|月前|年前)|"
    r"(?:自|在)?本(?:决定|通知|办法|意见)(?:公布|印发|发布)之日起.*(?:内|前)|.*完成$|按年度|分年度.*|\d{4}\s*[-—~至]\s*\d{4}年?)$"
)


def is_deadline(text: str) -> bool:
    """Whether a value is a time limit as printed.

    >>> is_deadline("2023年11月20日前"), is_deadline("全年"), is_deadline("市财政局"), is_deadline("自本决定公布之日起30个工作日内")
    (True, True, False, True)
    """
    s = re.sub(r"\s+", "", text).strip("。;")
    return bool(s) and len(s) <= 40 and bool(_DEADLINE.match(s)) and not looks_like_unit(s)


# -- roles -------------------------------------------------------------------------------

@dataclass
class Roles:
    """What one assignment says: bodies that lead, assist or are responsible
    (resolved in :meth:`resolved`), lead officials by name, a deadline."""

    lead: list[str] = field(default_factory=list)
    assist: list[str] = field(default_factory=list)
    responsible: list[str] = field(default_factory=list)
    share: list[str] = field(default_factory=list)       # 按职责分工负责: assist beside a lead, else lead
    officials: list[str] = field(default_factory=list)
    persons: list[str] = field(default_factory=list)     # 责任人
    deadline: str | None = None
    rules: list[str] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.lead or self.assist or self.responsible or self.share or self.officials)

    def add(self, other: "Roles") -> "Roles":
        for f in ("lead", "assist", "responsible", "share", "officials", "persons", "rules"):
            cur = getattr(self, f)
            cur.extend(x for x in getattr(other, f) if x not in cur)
        self.deadline = self.deadline or other.deadline
        return self

    def resolved(self) -> tuple[list[str], list[str]]:
        """(leads, assists): where a body leads, the responsible and sharing
        bodies assist; else the responsible (and sharing) bodies lead."""
        lead = list(self.lead)
        assist = list(self.assist)
        if lead:
            assist += [x for x in self.responsible + self.share if x not in lead and x not in assist]
        else:
            lead = list(self.responsible) + [x for x in self.share if x not in self.responsible]
            if not lead and assist and not self.officials:
                pass
        assist = [x for x in assist if x not in lead]
        return lead, assist


def _verb_rx(vocab: Vocabulary) -> re.Pattern[str]:
    global _VERB_CACHE
    key = id(vocab)
    if _VERB_CACHE and _VERB_CACHE[0] == key:
        return _VERB_CACHE[1]
    kinds = {k: vocab.verbs(k) for k in ("lead", "assist", "share", "responsible")}
    alts = []
    for kind, words in kinds.items():
        alts.append(f"(?P<{kind}>{alternation(words)})")
    rx = re.compile(r"^(?P<units>.+?)(?:" + "|".join(alts) + r")(?P<rest>.*)$")
    _VERB_CACHE = (key, rx)
    return rx


_VERB_CACHE: tuple[int, re.Pattern[str]] | None = None
_WITH = re.compile(r"^(?P<a>.+?)(?P<verb>会同|联合|协同|协助|配合)(?P<b>.+?)(?:共同)?(?:牵头负责|负责|做好|开展|推进|落实|组织|实施|抓好|承担|办理|完成|研究|制定|建立|进行|对)(?P<rest>.*)$")
_BY = re.compile(r"(?:^|[,;，；])由(?P<units>[^,;。由]{2,60}?)(?P<verb>牵头负责|牵头|负责|承担|实施|组织实施|办理|落实|具体负责|统筹)")


def parse_roles(text: str, vocab: Vocabulary | None = None, ctx: UnitContext | None = None,
                labelled: bool = False) -> Roles:
    """What a parenthesis, a label value or a division clause says about roles.

    >>> r = parse_roles("市人社局牵头,市发改委、财政局、商务局负责")
    >>> r.resolved()
    (['市人社局'], ['市发改委', '财政局', '商务局'])
    >>> parse_roles("省发展改革委牵头,各地、各部门配合。").resolved()
    (['省发展改革委'], ['各地、各部门'])
    >>> parse_roles("市工商质监局牵头负责").resolved()
    (['市工商质监局'], [])
    >>> r = parse_roles("责任单位:市财政局、市税务局;完成时限:2023年11月20日前")
    >>> r.resolved(), r.deadline
    ((['市财政局', '市税务局'], []), '2023年11月20日前')
    >>> parse_roles("自治区住房城乡建设厅牵头,联席会议成员单位按职责分工负责;各盟行政公署、市人民政府,各旗县(市、区)人民政府负责落实。").resolved()
    (['自治区住房城乡建设厅'], ['联席会议成员单位', '各盟行政公署、市人民政府', '各旗县(市、区)人民政府'])
    >>> parse_roles("市公安局、市建委协同市交通运输局负责").resolved()
    (['市交通运输局'], ['市公安局', '市建委'])
    >>> parse_roles("四川自贸办会同省编办等有关部门(单位)").resolved()
    (['四川自贸办'], ['省编办', '有关部门(单位)'])
    >>> parse_roles("市科技局、各县级市(区)政府").resolved()
    (['市科技局', '各县级市(区)政府'], [])
    """
    vocab = vocab or Vocabulary.default()
    out = Roles()
    text = unwrap(text.strip())
    if not text:
        return out
    from .layout import read_label

    # labelled parts first: "牵头单位:X;责任单位:Y", "责任单位:A、B;完成时限:…"
    pieces = _label_pieces(text, vocab)
    if pieces:
        for word, role, value in pieces:
            _labelled(out, role, value, vocab, ctx)
        return out
    lab = read_label(text, vocab)
    if lab:
        _labelled(out, lab[1], lab[2], vocab, ctx)
        return out
    _clauses(out, text, vocab, ctx)
    return out


_PAIRS = {"(": ")", "（": "）", "[": "]", "【": "】", "〔": "〕"}


def unwrap(text: str) -> str:
    """The text inside a bracket that wraps all of it: "(X牵头)" → "X牵头",
    but "(一)…(单位)" stays.

    >>> unwrap("(市财政局牵头)"), unwrap("省编办等有关部门(单位)"), unwrap("【牵头单位:X】")
    ('市财政局牵头', '省编办等有关部门(单位)', '牵头单位:X')
    """
    text = text.strip().rstrip("。;")
    while len(text) >= 2 and text[0] in _PAIRS and text[-1] == _PAIRS[text[0]]:
        depth = 0
        for k, ch in enumerate(text):
            if ch in _PAIRS:
                depth += 1
            elif ch in _PAIRS.values():
                depth -= 1
                if depth == 0 and k < len(text) - 1:
                    return text
        text = text[1:-1].strip()
    return text


def _label_pieces(text: str, vocab: Vocabulary) -> list[tuple[str, str, str]]:
    """Several ``label:value`` parts in one text, cut at the labels."""
    rx = re.compile(r"(?:^|(?<=[;,。;\s]))(?P<word>" + vocab.label_words + r")\s*[::]")
    hits = [m for m in rx.finditer(text)]
    if not hits or hits[0].start() != 0:
        return []
    out = []
    for m, nxt in zip(hits, hits[1:] + [None]):
        value = text[m.end(): nxt.start() if nxt else len(text)].strip().strip(";,。;").strip()
        role = vocab.label_role(m.group("word"))
        if role:
            out.append((m.group("word"), role, value))
    return out


_BY_DUTIES_END = re.compile(r"(?:按|根据|按照)(?:各自)?(?:职责|职能)(?:分工)?(?:分别)?(?:负责|落实|推进)?$")


def _labelled(out: Roles, role: str, value: str, vocab: Vocabulary, ctx: UnitContext | None) -> None:
    value = value.strip().strip("。;").strip().split("。")[0]     # a label's value ends with its sentence
    value = _BY_DUTIES_END.sub("", value).strip()     # "责任单位:A、B按职责分工负责": A and B
    if not value:
        return
    if role in ("lead", "assist", "responsible"):
        inner = Roles()
        # a labelled value may itself say who leads: "责任单位:X牵头,Y配合" / "X(牵头)、Y"
        if re.search(r"牵头|配合|协同|会同|负责", value) and role == "responsible":
            _clauses(inner, value, vocab, ctx)
            if inner.lead or inner.assist:
                out.add(inner)
                out.rules.append(f"label {role} with verbs")
                return
        units = split_units(value, ctx, vocab)
        marked = [u for u in units if _LEAD_MARK.search(u)]
        if marked and role == "responsible":
            for u in units:
                clean = _LEAD_MARK.sub("", u).lstrip("☆*").strip()
                (out.lead if u in marked else out.assist).append(clean)
            out.rules.append("label responsible with lead marks")
            return
        units = [u.lstrip("★☆*").strip() for u in units]
        units = [u for u in units if looks_like_unit(u, ctx, vocab)]
        getattr(out, role).extend(u for u in units if u not in getattr(out, role))
        out.rules.append(f"label {role}")
        if role == "responsible":
            _first_leads(out, ctx)
    elif role == "lead_official":
        out.officials.extend(n for n in _names(value) if n not in out.officials)
        out.rules.append("label lead_official")
    elif role == "person":
        out.persons.extend(n for n in _names(value) if n not in out.persons)
    elif role == "deadline":
        out.deadline = out.deadline or value
    elif role == "division":
        _clauses(out, value, vocab, ctx)


# a body marked as the lead in a list of responsible bodies: "★区发改委", "市财政局(牵头)"
_LEAD_MARK = re.compile(r"^★|\((?:牵头|主办|牵头单位)\)$")


def _names(value: str) -> list[str]:
    from .people import split_names
    return split_names(value)


def _clauses(out: Roles, text: str, vocab: Vocabulary, ctx: UnitContext | None) -> None:
    """Role clauses: "X牵头,Y配合", "A协同B负责", "X会同Y", "由X负责", bare lists."""
    rx = _verb_rx(vocab)
    pending: list[str] = []          # units of clauses without a verb yet: the next verb is theirs
    for clause in _top_split(text, ",;。，；"):
        clause = clause.strip()
        if not clause:
            continue
        if is_deadline(clause):
            out.deadline = out.deadline or clause
            continue
        w = _WITH.match(clause)
        if w and looks_like_unit(_last_unit(w.group("a"), ctx, vocab), ctx) and split_units(w.group("b"), ctx, vocab):
            a = split_units(w.group("a"), ctx, vocab)
            b = split_units(w.group("b"), ctx, vocab)
            if w.group("verb") in ("会同", "联合"):
                out.lead.extend(x for x in a if x not in out.lead)
                out.assist.extend(x for x in b if x not in out.assist)
                out.rules.append("X会同Y")
            else:
                out.lead.extend(x for x in b if x not in out.lead)
                out.assist.extend(x for x in a if x not in out.assist)
                out.rules.append("A协同B负责")
            pending = []
            continue
        w2 = re.match(r"^(?P<a>.+?)(?P<verb>会同|联合)(?P<b>.+)$", clause)
        if w2 and split_units(w2.group("a"), ctx, vocab) and all(looks_like_unit(u, ctx) for u in split_units(w2.group("b"), ctx, vocab)):
            out.lead.extend(split_units(w2.group("a"), ctx, vocab))
            out.assist.extend(split_units(w2.group("b"), ctx, vocab))
            out.rules.append("X会同Y")
            continue
        by = _BY.search(clause)
        if by:
            units = split_units(by.group("units"), ctx, vocab)
            if units and all(looks_like_unit(u, ctx) for u in units):
                kind = "lead" if by.group("verb").startswith("牵头") else "responsible"
                getattr(out, kind).extend(u for u in units if u not in getattr(out, kind))
                out.rules.append("由X负责")
                continue
        m = rx.match(clause)
        if m and m.group("units"):
            units = split_units(m.group("units"), ctx, vocab)
            if units and all(looks_like_unit(u, ctx) for u in units):
                kind = next(k for k in ("lead", "assist", "share", "responsible") if m.group(k))
                if kind == "responsible" and m.group("responsible") in ("落实", "实施", "推进", "执行", "组织实施") \
                        and out.responsible:
                    kind = "assist"      # "X负责,Y落实": Y carries out what X is responsible for
                units = pending + units
                pending = []
                getattr(out, kind).extend(u for u in units if u not in getattr(out, kind))
                out.rules.append(f"verb {kind}")
                continue
        units = split_units(clause, ctx, vocab)
        if units and all(looks_like_unit(u, ctx) for u in units):
            pending.extend(units)
    if pending:
        out.responsible.extend(u for u in pending if u not in out.responsible)
        out.rules.append("bare list")
    _first_leads(out, ctx)


def _first_leads(out: Roles, ctx: UnitContext | None) -> None:
    """Where the document says the first body listed leads, a list of responsible
    bodies has its lead."""
    if ctx and ctx.first_leads and out.responsible and not out.lead:
        out.lead = [out.responsible[0]]
        out.assist.extend(u for u in out.responsible[1:] if u not in out.assist)
        out.responsible = []
        out.rules.append("first listed leads")


def _last_unit(text: str, ctx: UnitContext | None, vocab: Vocabulary) -> str:
    units = split_units(text, ctx, vocab)
    return units[-1] if units else ""
