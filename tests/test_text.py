from __future__ import annotations

from hypothesis import given, strategies as st

from loaders.text import decode, normalize, read_text, split_list, strip_label_spaces
from graph.errors import LoadError
import pytest


def test_full_width_punctuation_is_folded():
    assert normalize("牵头单位：市财政局，市税务局（主办）；") == "牵头单位:市财政局,市税务局(主办);"


def test_non_breaking_spaces():
    assert normalize("组\u00a0\u00a0\u00a0长:于\u00a0\u00a0淼") == "组 长:于 淼"
    assert strip_label_spaces(normalize("组\u00a0\u00a0\u00a0长:于淼")) == "组长:于淼"
    assert strip_label_spaces("副 组 长:") == "副组长:"
    assert strip_label_spaces("牵 头 单 位:市财政局") == "牵头单位:市财政局"


def test_lines_keep_their_numbers_and_printed_text():
    src = read_text("标题\n\n  牵头单位：市财政局\n")
    assert [(ln.no, ln.raw, ln.norm) for ln in src.lines] == [
        (1, "标题", "标题"), (3, "牵头单位：市财政局", "牵头单位:市财政局")]


def test_navigation_is_dropped():
    src = read_text("您现在所在的位置: 首页 > 政务公开\n发布时间:2014-11-25 浏览次数:174\n正文第一行\n版权所有:某某\n")
    # the publication date is the page's, not furniture: kept without its view counter
    assert [ln.norm for ln in src.lines] == ["发布时间:2014-11-25", "正文第一行"]
    assert src.dropped["navigation"] == 2


def test_publication_date_of_a_saved_page_is_read():
    from loaders.meta import read_meta

    src = read_text("某县人民政府关于印发某某方案的通知\n发布时间:2022-02-08 浏览次数:926\n正文。\n")
    assert read_meta(src.lines).date_published == "2022-02-08"


def test_a_body_printed_twice_is_read_once():
    body = [f"第{i}条 内容{i}。" for i in range(12)]
    src = read_text("\n".join(["标题"] + body + ["附件"] + body))
    assert [ln.norm for ln in src.lines] == ["标题"] + body + ["附件"]
    assert src.dropped["repeated"] == 12


def test_short_repeats_stay():
    lines = ["1.任务一", "牵头单位:市财政局", "责任单位:各有关部门", "2.任务二", "牵头单位:市财政局", "责任单位:各有关部门"]
    assert len(read_text("\n".join(lines)).lines) == 6


def test_decode_gb18030_and_bom():
    assert decode("牵头单位".encode("gb18030"), "f") == "牵头单位"
    assert decode("\ufeff牵头单位".encode("utf-8"), "f") == "牵头单位"
    with pytest.raises(LoadError, match="binary"):
        decode(b"\x00\x01\x02abc", "f")


def test_split_list_keeps_parenthesised_separators():
    assert split_list("各镇(街道、园区),市直各部门") == ["各镇(街道、园区)", "市直各部门"]
    assert split_list("市财政局;市税务局/市统计局") == ["市财政局", "市税务局", "市统计局"]


@given(st.text(alphabet="市财政局税务、,， ;；\u00a0\u3000()（）等有关部门", max_size=40))
def test_split_list_never_returns_empty_items(text):
    for item in split_list(text):
        assert item and item == item.strip()


@given(st.text(max_size=60))
def test_normalize_is_idempotent(text):
    assert normalize(normalize(text)) == normalize(text)
