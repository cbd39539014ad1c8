"""Name normalisation and agency canonicalisation."""
from __future__ import annotations

import json
import unicodedata

import pytest
from hypothesis import given, strategies as st

from loaders.names import AliasTable, NameContext, clean_name, expand_elliptical, is_collective, person_name

HAN = st.text(alphabet="市县区局委办财政住房城乡建设发展改革交通运输商务王威巍刘哲", min_size=1, max_size=12)
SPACES = st.sampled_from([" ", "\u00a0", "\u3000", "\t", ""])


def to_full_width(s: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if 0x21 <= ord(c) <= 0x7E else c for c in s)


@given(HAN)
def test_clean_name_is_idempotent(name):
    assert clean_name(clean_name(name)) == clean_name(name)


@given(HAN, SPACES, st.integers(min_value=0, max_value=12))
def test_clean_name_ignores_whitespace(name, space, at):
    spaced = name[:at] + space + name[at:]
    assert clean_name(spaced) == clean_name(name)


@given(st.text(alphabet="市财政局(主办)12,:", min_size=1, max_size=12))
def test_clean_name_ignores_full_width(name):
    assert clean_name(to_full_width(name)) == clean_name(name)


@given(HAN)
def test_agency_resolution_is_idempotent(name):
    ctx = NameContext("海城市")
    cleaned = clean_name(name)
    if not cleaned:
        return
    first = ctx.agency(cleaned)
    assert ctx.agency(first.name).name == first.name


def test_people():
    assert person_name("刘 哲") == "刘哲"
    assert person_name("王威") != person_name("王巍")
    assert person_name("于\u00a0\u00a0淼") == "于淼"
    assert person_name("市财政局") is None
    assert person_name("各有关部门") is None


@pytest.mark.parametrize("printed", ["市住房和城乡建设局", "市住房城乡建设局", "市住建局", "海城市住建局"])
def test_haicheng_housing_is_one_agency(printed):
    assert NameContext("海城市").agency(printed).name == "海城市住房和城乡建设局"


@pytest.mark.parametrize("a,b", [
    ("市发展和改革局", "市发展改革局"),
    ("市文化旅游和广播电视局", "市文化旅游和电视广播局"),
    ("市交通运输局", "市交通和运输局"),
    ("市政法委", "市委政法委"),
    ("商务局", "市商务局"),
])
def test_variants_merge(a, b):
    ctx = NameContext("海城市")
    assert ctx.agency(a).name == ctx.agency(b).name
    assert ctx.agency(a).jurisdiction == "海城市"


def test_branch_of_another_city():
    a = NameContext("海城市").agency("鞍山市生态环境局海城分局")
    assert (a.name, a.jurisdiction, a.type, a.parent.name) == ("鞍山市生态环境局海城分局", "鞍山市", "branch", "鞍山市生态环境局")


def test_levels_of_a_county_document():
    ctx = NameContext("盘山县", {"市": "盘锦市", "县": "盘山县"})
    assert ctx.agency("市公安局").name == "盘锦市公安局"
    assert ctx.agency("县公安局").name == "盘山县公安局"
    assert ctx.agency("县经信局").name == "盘山县经济和信息化局"


def test_reasons_are_recorded():
    a = NameContext("海城市").agency("市住建局")
    assert any("住建局 → 住房和城乡建设局" in r for r in a.reasons)
    assert any("市 → 海城市" in r for r in a.reasons)


@pytest.mark.parametrize("name", ["各有关部门", "各开发区", "市直各部门", "领导小组各成员单位", "区政府各部门"])
def test_collective_actors(name):
    a = NameContext("海城市").agency(name)
    assert is_collective(name) and a.collective and a.name == name


def test_elliptical_lists():
    assert [e for e, _ in expand_elliptical(["新区经济发展局", "环境保护局"])] == ["新区经济发展局", "新区环境保护局"]
    assert [e for e, _ in expand_elliptical(["西四", "牛庄", "岔沟等镇(街道)"])] == ["西四镇", "牛庄镇", "岔沟镇"]
    assert [e for e, _ in expand_elliptical(["市财政局", "各有关部门"])] == ["市财政局", "各有关部门"]


def test_user_alias_file_extends_the_table(tmp_path):
    f = tmp_path / "aliases.json"
    f.write_text(json.dumps({"agencies": {"大数据局": "大数据管理局"}}, ensure_ascii=False), encoding="utf-8")
    ctx = NameContext("海城市", aliases=AliasTable.default().extend(f))
    assert ctx.agency("市大数据局").name == "海城市大数据管理局"
    assert NameContext("海城市").agency("市大数据局").name == "海城市大数据局"


def test_bad_alias_file_names_the_line(tmp_path):
    from graph.errors import LoadError

    f = tmp_path / "aliases.json"
    f.write_text('{"agencies": {\n"a": }', encoding="utf-8")
    with pytest.raises(LoadError, match=r"aliases.json, line 2: invalid JSON"):
        AliasTable.default().extend(f)
