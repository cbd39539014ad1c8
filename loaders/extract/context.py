"""What a document says about itself that every extractor needs: its issuer,
its title, the short names it defines (以下简称), the groups it founds."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from ..layout import Layout
from ..units import UnitContext, looks_like_unit
from ..vocab import Vocabulary

__all__ = ["DocContext", "read_context", "sentences", "brackets"]


_WS = re.compile(r"\s+")


@dataclass
class DocContext:
    vocab: Vocabulary
    units: UnitContext
    title: str = ""
    issuer: str | None = None
    groups: dict[str, list[str]] = field(default_factory=dict)    # group name → other printed forms
    group_lines: dict[str, int] = field(default_factory=dict)
    claimed: set[int] = field(default_factory=set)     # lines a roster has read: no task stands on them
    holder: str | None = None      # the body whose duties the document sets out (its title says so)

    def ours(self, printed: str) -> str:
        """"我厅", "本局": the issuer, as printed ("我厅" in an 环境保护厅's notice)."""
        m = re.fullmatch(r"[我本](厅|局|委|办|院|部|署|中心|会|所|站)", printed)
        if m and self.issuer and self.issuer.endswith(m.group(1)):
            return self.issuer
        return printed

    def group_named(self, printed: str) -> str | None:
        """The group a printed name means (its own name, an alias, a short form)."""
        if not self.groups:
            return None         # (what follows finds none)
        p = _WS.sub("", printed)
        for name, forms in self.groups.items():
            if p == name or p in forms:
                return name
        full = self.units.aliases.get(p)
        if full:
            for name, forms in self.groups.items():
                if full == name or full in forms:
                    return name
        # "领导小组" alone, "专班", "联席会议": the document's only group
        if len(self.groups) == 1 and re.fullmatch(self.vocab.group_ends, p):
            return next(iter(self.groups))
        if len(self.groups) == 1:
            name = next(iter(self.groups))
            if len(p) >= 4 and (name.endswith(p) or p.endswith(name)):
                return name
        return None


_FIRST_LEADS = re.compile(r"(?:列|排)(?:在|名)?(?:第一|首)(?:位)?(?:者|的)?(?:责任)?(?:单位|部门)?为牵头|第一(?:个|家)?(?:责任)?(?:单位|部门)?为牵头"
                          r"|加粗(?:的)?(?:单位)?为牵头")
_ALIAS = re.compile(r"[((]\s*(?:以下|下文)?(?:简称|统称)\s*[“\"《]?(?P<short>[^()()”\"》]{1,24}?)[”\"》]?\s*[))]")
_LEAD_IN = re.compile(r"^.*?(?:建立|成立|设立|组建|组成|调整|明确|将|由|对|把|决定|同意)(?!.*(?:建立|成立|设立|组建|将|由|对|把))")


def read_context(layout: Layout, vocab: Vocabulary, title: str = "", issuer: str | None = None) -> DocContext:
    """The document's own definitions: 以下简称 aliases and founded groups."""
    units = UnitContext()
    ctx = DocContext(vocab, units, title, issuer)
    for ln in layout.lines:
        for m in _ALIAS.finditer(ln.norm):
            short = m.group("short").strip()
            before = ln.norm[: m.start()]
            full = re.split(r"[,。;:、!?]", before)[-1].strip()
            full = _LEAD_IN.sub("", full).strip() or full
            if not full or len(full) < 2 or short == full:
                continue
            units.aliases[short] = full
    _found_groups(layout, ctx)
    units.first_leads = any(_FIRST_LEADS.search(ln.norm) for ln in layout.lines)
    ctx.holder = _holder_in_title(re.sub(r"\s+", "", title or ""), units, vocab)
    return ctx


def _holder_in_title(title: str, units: UnitContext, vocab: Vocabulary) -> str | None:
    """The body a title sets out the duties of: "…关于印发X主要职责内设机构和人员编制
    规定的通知" → X."""
    m = re.search(r"(?:的)?(?:主要职责|职能配置|职责任务|工作职责)", title)
    if not m:
        return None
    before = title[: m.start()]
    for word in ("印发", "关于", "《", "〈"):
        k = before.rfind(word)
        if k >= 0:
            before = before[k + len(word):]
    return before if looks_like_unit(before, units, vocab) else None


def _found_groups(layout: Layout, ctx: DocContext) -> None:
    ends = ctx.vocab.group_ends
    named = re.compile(rf"(?:成立|建立|组建|设立|调整|成立了|组成)(?P<name>[^\s,。;:、()()“”]{{2,50}}?{ends})(?:制度|机制)?(?![\u4e00-\u9fff])")
    narrated = re.compile(rf"成立(?:了)?以.{{2,400}}?的(?P<name>[^\s,。;:、()()“”的]{{2,60}}?{ends})(?![\u4e00-\u9fff])")
    texts = [ctx.title] + [ln.norm for ln in layout.lines]
    first_line = {}
    for k, text in enumerate(texts):
        for m in narrated.finditer(text):
            _add_group(ctx, m.group("name"), layout.lines[k - 1].no if k else 0, first_line)
        for m in named.finditer(text):
            name = m.group("name")
            name = re.sub(r"^(?:以[^,。]{2,30}为组长的|了)", "", name)
            _add_group(ctx, name, layout.lines[k - 1].no if k else 0, first_line)
    # a roster heading "X领导小组成员名单" names its group too
    for ln in layout.lines:
        m = re.match(rf"^(?:附件\s*\d*\s*[::]?\s*)?(?:\d{{1,2}}\s*[.、]\s*|[一二三四五六七八九十]+、\s*|[((][一二三四五六七八九十]+[))]\s*)?"
                     rf"(?P<name>[^\s,。;:、]{{2,50}}?{ends})\s*(?:成员名单|组成人员名单|组成人员|成员)", ln.norm)
        if m:
            _add_group(ctx, m.group("name"), ln.no, first_line)
    # groups defined with an alias: "市场监管联席会议(以下简称联席会议)"
    for short, full in ctx.units.aliases.items():
        if re.search(ends + "$", full) and looks_like_unit(full, ctx.units, ctx.vocab):
            _add_group(ctx, full, 0, first_line)
            name = _canonical_group(ctx, full)
            if name in ctx.groups:
                ctx.groups[name].append(short)


def _canonical_group(ctx: DocContext, name: str) -> str:
    for have in ctx.groups:
        if have == name or name in ctx.groups[have]:
            return have
    return name


def _add_group(ctx: DocContext, name: str, line: int, first_line: dict[str, int]) -> None:
    name = re.sub(r"\s+", "", name).strip("《》“”\"")
    if len(name) < 3:
        return
    for have in list(ctx.groups):
        if have == name or name in ctx.groups[have]:
            return
        # the same group, printed with or without a word (政务公开工作领导小组 / 政务公开领导小组)
        if _same_group(have, name):
            ctx.groups[have].append(name)
            return
    ctx.groups[name] = []
    ctx.group_lines[name] = line


def _same_group(a: str, b: str) -> bool:
    if a.endswith(b) or b.endswith(a):
        return True
    short, long_ = sorted((a, b), key=len)
    # one word more or less inside (…工作领导小组 / …领导小组)
    i = 0
    while i < len(short) and short[i] == long_[i]:
        i += 1
    j = 0
    while j < len(short) - i and short[-1 - j] == long_[-1 - j]:
        j += 1
    return i + j >= len(short) and len(long_) - len(short) <= 4 and i >= 3


# -- text helpers ----------------------------------------------------------------

_OPEN, _CLOSE = "(（[【〔《“", ")）]】〕》”"
_ENDS, _STRONG_ENDS = "。;!?；", "。!?"
# the characters the loops below act on (the others they pass over: found in C, not one by one)
_MARKS = {False: re.compile("[" + re.escape(_OPEN + _CLOSE + _ENDS) + "]"),
          True: re.compile("[" + re.escape(_OPEN + _CLOSE + _STRONG_ENDS) + "]")}
_PAIRS = {"(": ")", "（": "）", "[": "]", "【": "】", "〔": "〕"}
_BRACKET_MARKS = re.compile("[" + re.escape("".join(_PAIRS) + "".join(_PAIRS.values())) + "]")


@lru_cache(maxsize=8192)
def sentences(text: str, strong: bool = False) -> list[tuple[int, int]]:
    """(start, end) of each sentence: cut after 。 ; ! ? outside brackets
    (``strong``: after 。 ! ? only)."""
    ends = _STRONG_ENDS if strong else _ENDS
    out, depth, start = [], 0, 0
    for m in _MARKS[bool(strong)].finditer(text):
        k, ch = m.start(), m.group()
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            depth = max(0, depth - 1)
        elif depth == 0 and ch in ends:
            out.append((start, k + 1))
            start = k + 1
    if start < len(text) and text[start:].strip():
        out.append((start, len(text)))
    return out


@lru_cache(maxsize=8192)
def brackets(text: str) -> list[tuple[int, int]]:
    """(start, end) of every top-level bracketed span: (…), 〔…〕, 【…】, […]."""
    out, depth, start = [], 0, 0
    stack: list[str] = []
    for m in _BRACKET_MARKS.finditer(text):
        k, ch = m.start(), m.group()
        if ch in _PAIRS:
            if not stack:
                start = k
            stack.append(_PAIRS[ch])
        elif stack and ch == stack[-1]:
            stack.pop()
            if not stack:
                out.append((start, k + 1))
    return out


def is_unit_list(units: list[str], ctx: DocContext, printed: str = "") -> bool:
    """Whether every name is a body's; ``printed``, the list as printed: a list that
    calls itself departments ("县经贸、统计、工商、税务等部门") names bodies by their sector."""
    if not units:
        return False
    if all(looks_like_unit(u, ctx.units, ctx.vocab) for u in units):
        return True
    return len(units) >= 2 and bool(_SECTOR_LIST.search(printed)) \
        and all(_SECTOR.fullmatch(u) for u in units) and "、" in printed


_SECTOR_LIST = re.compile(r"等(?:有关|相关)?(?:职能)?(?:部门|单位)$")
_SECTOR = re.compile(r"[\u4e00-\u9fff]{2,6}")
