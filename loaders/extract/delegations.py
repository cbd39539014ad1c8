"""Delegations of powers: who passes which power to whom.

Read from sentences of decisions, orders and plans, in their printed forms:

* ``决定将325项县级行政职权赋予试点镇人民政府`` (将 POWER 赋予/下放至/交由 TO);
* ``由省直有关部门(单位)下放或委托A、B和C实施109项省级管理事项``
  (由 FROM 下放/委托 TO 实施 POWER);
* ``省政府决定将一批省级行政职权事项调整由X实施`` (the subject of 决定 grants);
* ``POWER 下放至/委托给 TO``, ``TO 承接 POWER``.

The granting body is the one printed (``由X``, the subject of 决定), else the
document's issuer when the sentence is the issuer's own decision, else not
known (``source`` None). Receivers named as a list give one delegation each.
"""
from __future__ import annotations

import re

from ..facts import DelegationFact, Facts, Unit
from ..layout import Layout
from ..units import split_units
from .context import DocContext, is_unit_list, sentences

__all__ = ["delegations"]

_VERB = r"(?:下放或委托|下放\(委托\)|委托或下放|下放|赋予|委托|交由|授权|划转|移交|下沉|调整由|调整至|调整到|交给|转由|改由|划归)"
_TAKE = r"(?:实施|行使|承接|管理|办理|执行|负责)?"
# 将 POWER VERB (至|给|到)? TO (实施)?
_GIVE = re.compile(rf"将(?P<power>[^,。;]{{2,80}}?){_VERB}(?:至|给|到|为)?(?P<to>[^,。;]{{2,200}}?){_TAKE}(?=[,。;]|$)")
# 由 FROM VERB TO 实施 POWER
_BY = re.compile(rf"由(?P<from>[^,。;]{{2,40}}?)(?P<verb>{_VERB})(?P<to>[^,。;]{{2,300}}?)(?:实施|行使|承接)(?P<power>[^,。;]{{2,80}})")
# POWER VERB (至|给|到) TO
_TO_VERBS = ("下放", "委托", "交由", "划转", "移交", "下沉")
_TO_VERB = re.compile("|".join(_TO_VERBS))
_TO = re.compile(rf"(?P<power>[^,。;]{{2,60}}?)(?:同步|统一|全部|依法)?(?P<verb>{'|'.join(_TO_VERBS)})(?:\([^()]*\))?(?:至|给|到)(?P<to>[^,。;]{{2,200}}?){_TAKE}(?=[,。;]|$)")
# FROM 赋予 TO (的) POWER, FROM 向 TO (委托)下放(了) POWER: the granter is the verb's subject
_SUBJ_GIVE = re.compile(r"(?:(?P<from>[^,。;]{2,30}?)(?:陆续|直接|依法|统一)?(?P<verb>赋予)(?P<to>[^,。;]{2,40}?)(?:的)?"
                        r"|(?P<from2>[^,。;]{2,30}?)(?:陆续|直接|依法|统一)?向(?P<to2>[^,。;]{2,40}?)(?P<verb2>委托下放|下放|委托)了?)"
                        r"(?P<power>(?:部分|一批|全部|\d+项|[一二三四五六七八九十百]+项)[^,。;]{0,60}?(?:权限|职权|权力|事项|管理权(?!限)))")
_SUBJECT = re.compile(r"(?P<subject>[\u4e00-\u9fff]{2,20}?)(?:研究)?决定")


_HAS_VERB = re.compile(_VERB)


def delegations(layout: Layout, ctx: DocContext, facts: Facts) -> None:
    seen: set[tuple[str, str, str]] = set()
    for ln in layout.lines:
        text = ln.norm
        if not _HAS_VERB.search(text):
            continue
        for a, b in sentences(text):
            s = text[a:b]
            for fact in _read(s, ln, ctx):
                key = (fact.power, fact.to.printed, fact.source.printed if fact.source else "")
                if key not in seen:
                    seen.add(key)
                    facts.delegations.append(fact)


def _read(s: str, ln, ctx: DocContext) -> list[DelegationFact]:
    out: list[DelegationFact] = []
    m = _BY.search(s)
    if m:
        src = split_units(m.group("from"), ctx.units, ctx.vocab)
        to = _receivers(m.group("to"), ctx)
        if to and is_unit_list(src[:1], ctx):
            for t in to:
                out.append(DelegationFact(_power(m.group("power")), Unit(t, ln), Unit(src[0], ln), ln,
                                          _mode(m.group("verb")), rule="由X下放Y实施"))
            return out
    m = _GIVE.search(s)
    if m:
        to = _receivers(m.group("to"), ctx)
        if to:
            source, issuer = _granter(s[: m.start()], ln, ctx)
            if source is None:
                # "省级行政机关将…委托给…": the subject of 将 grants
                subj = re.split(r"[,;:]", s[: m.start()])[-1].strip()
                units = split_units(subj, ctx.units, ctx.vocab) if subj else []
                if units and is_unit_list(units, ctx):
                    source, issuer = Unit(units[-1], ln), False
            power = m.group("power")
            held = _held_by(power, ln, ctx)
            if held:
                # "将审批权限由X下放至Y", "将X的审批权限下放至Y": the power's holder grants it
                source, issuer, power = held[0], False, held[1]
            for t in to:
                out.append(DelegationFact(_power(power), Unit(t, ln), source, ln, _mode(s[m.start():m.end()]),
                                          rule="将X赋予Y", issuer_grants=issuer))
            return out
    m = _SUBJ_GIVE.search(s) if "赋予" in s or "向" in s else None     # (its two forms' words)
    if m and not re.search(r"不得|严禁|禁止|收回|上收", s[: m.start()]):
        src = re.sub(r"^(?:对|由|经|现|特)", "", (m.group("from") or m.group("from2")).strip())
        units = split_units(src, ctx.units, ctx.vocab)
        to = _receivers(m.group("to") or m.group("to2"), ctx)
        if units and re.fullmatch(r"(?:[省市州县区]|自治[州区县])?本级", units[-1]):
            pass        # "州本级赋予…": a level grants through its own departments, as printed
        elif not (units and is_unit_list(units[-1:], ctx)):
            units = []
        if to and units:
            for t in to:
                out.append(DelegationFact(_power(m.group("power")), Unit(t, ln), Unit(units[-1], ln), ln,
                                          _mode(m.group("verb") or m.group("verb2")), rule="X赋予Y"))
            return out
    m = _TO.search(s) if _TO_VERB.search(s) else None
    if m and not re.search(r"不得|严禁|禁止", s[: m.start("verb")]):
        to = _receivers(m.group("to"), ctx)
        power = _power(m.group("power"))
        if to and len(power) >= 2:
            source, issuer = _granter(s[: m.start()], ln, ctx)
            for t in to:
                out.append(DelegationFact(power, Unit(t, ln), source, ln, _mode(m.group("verb")), rule="X下放至Y",
                                          issuer_grants=issuer))
    return out


def _held_by(power: str, ln, ctx: DocContext) -> tuple[Unit, str] | None:
    """The body a power is printed as held by: "审批权限由X" (将…由X下放至Y) or
    "X的审批权限"; with the power without it."""
    m = re.search(r"由(?P<from>[^,。;由]{2,40})$", power)
    if m:
        units = split_units(m.group("from"), ctx.units, ctx.vocab)
        if units and is_unit_list(units, ctx):
            return Unit(units[0], ln), power[: m.start()]
    m = re.match(r"^(?P<from>[^,。;]{2,40}?(?:机关|部门|政府|单位|厅|局|委))(?P<rest>(?:\d+|[一二三四五六七八九十百]+)项[^的]{0,30}(?:权限|职权|权力|事项|管理权)(?:依法)?)$", power)
    if m:
        # "将省级行政机关50项行政许可事项委托给…": the holder printed before the count
        units = split_units(m.group("from"), ctx.units, ctx.vocab)
        if units and is_unit_list(units[-1:], ctx):
            return Unit(units[-1], ln), m.group("rest")
    m = re.match(r"^(?P<from>[^,。;]{2,40})的(?P<rest>[^的]{0,30}(?:权限|职权|权力|事项|管理权))$", power)
    if m:
        units = split_units(m.group("from"), ctx.units, ctx.vocab)
        if units and is_unit_list(units[-1:], ctx):
            return Unit(units[-1], ln), power
    return None


def _receivers(text: str, ctx: DocContext) -> list[str]:
    text = re.sub(r"^(?:各|所有)?(?:符合条件的)?", lambda m: m.group(0) if m.group(0) == "各" else "", text.strip())
    text = re.sub(r"(?:组织)?(?:实施|行使|承接|管理|办理|执行)$", "", text).strip()
    if re.fullmatch(r"(?:[省市州县区乡镇]、)+[省市州县区乡镇]级?[\u4e00-\u9fff]{2,12}(?:机关|部门|政府|单位)", text):
        return [text]       # "市、县级行政机关": levels sharing one body word, one class of receivers
    units = split_units(text, ctx.units, ctx.vocab)
    return units if is_unit_list(units, ctx) else []


def _granter(before: str, ln, ctx: DocContext) -> tuple[Unit | None, bool]:
    """The body that grants: the subject of 决定 printed before, else the issuer."""
    m = None
    for m in _SUBJECT.finditer(before):
        pass
    if m:
        subj = re.sub(r"^(?:经研究|经|现|特|为此)", "", m.group("subject"))
        units = split_units(subj, ctx.units, ctx.vocab)
        if units and is_unit_list(units, ctx):
            return Unit(units[-1], ln), False
    if ctx.issuer and re.search(r"决定|现将|特将|拟将|同意将", before):
        return None, True        # the issuer's own decision
    return None, False


def _power(text: str) -> str:
    t = text.strip()
    t = re.sub(r"^(?:这|该|上述|以下|下列|本批|此次)", "", t)
    t = re.sub(r"(?:依法|统一|全部)$", "", t)
    return t.strip()


def _mode(text: str) -> str:
    for w in ("下放或委托", "委托", "下放", "赋予", "交由", "授权", "划转", "移交", "下沉", "调整", "划归"):
        if w in text:
            return w
    return ""
