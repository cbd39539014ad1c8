"""Document metadata rules (loaders/meta.py) on small synthetic texts in the
printed forms of other provinces: site metadata blocks, 文号 brackets, dates in
Chinese numerals, single-character counties, status notes and citations."""
from __future__ import annotations

import pytest

from loaders.meta import find_jurisdiction, is_date_line, normalize_doc_number, parse_date, read_meta, site_fields
from loaders.text import read_text


def meta_of(text: str):
    return read_meta(read_text(text).lines)


@pytest.mark.parametrize("printed,iso", [
    ("二〇二三年三月五日", "2023-03-05"),
    ("二○二二年四月十二日", "2022-04-12"),
    ("二OO五年十二月十日", "2005-12-10"),
    ("二00八年九月二十二日", "2008-09-22"),
    ("二零一九年十月三十一日", "2019-10-31"),
    ("2023年04月06日", "2023-04-06"),
])
def test_dates_in_chinese_and_arabic_numerals(printed, iso):
    assert parse_date(printed) == iso
    assert is_date_line(printed)


def test_impossible_or_partial_dates_are_not_dates():
    assert parse_date("二〇二三年十三月五日") is None
    assert parse_date("二〇二三年三月") is None
    assert not is_date_line("2023年4月6日前完成")


def test_the_first_date_in_a_line_wins():
    assert parse_date("二〇二一年一月二日印发,2022年3月4日修订") == "2021-01-02"


@pytest.mark.parametrize("printed,canonical", [
    ("汉滨政办发[2022]18号", "汉滨政办发〔2022〕18号"),
    ("萧政办(2023)21号", "萧政办〔2023〕21号"),
    ("武政〔2005〕32 号", "武政〔2005〕32号"),
    ("闽政【2020】3号", "闽政〔2020〕3号"),
])
def test_doc_numbers_fold_to_one_bracket_form(printed, canonical):
    assert normalize_doc_number(printed) == canonical


def test_single_character_county_from_the_issuer():
    assert find_jurisdiction("萧县人民政府办公室") == "萧县"
    assert find_jurisdiction("沛县发展和改革委员会") == "沛县"
    assert find_jurisdiction("全县人民政府") is None
    assert find_jurisdiction("沈丘县人民政府办公室") == "沈丘县"


SIGNED_IN_CHINESE = """\
沈丘县人民政府办公室关于印发沈丘县2023年重点项目建设工作要点的通知
沈政办〔2023〕9号
各乡镇人民政府:
现将《沈丘县2023年重点项目建设工作要点》印发给你们。
沈丘县人民政府办公室
二〇二三年三月五日
"""


def test_signature_dated_in_chinese_numerals_gives_issuer_and_date():
    m = meta_of(SIGNED_IN_CHINESE)
    assert (m.issuer, m.date_written, m.jurisdiction) == ("沈丘县人民政府办公室", "2023-03-05", "沈丘县")
    assert m.doc_number == "沈政办〔2023〕9号"
    assert m.status == "in force"


def test_site_block_on_one_line_with_status_expired():
    m = meta_of("索引号:1144/2021-00112 分类:综合政务\n发布机构:江门市人民政府办公室 成文日期:2021-05-20\n"
                "文号:江府办函〔2021〕36号 发布日期:2021-05-26\n有效性:失效\n"
                "江门市人民政府办公室关于印发江门市2021年政务公开工作要点的通知\n")
    assert m.doc_number == "江府办函〔2021〕36号"
    assert (m.date_written, m.date_published) == ("2021-05-20", "2021-05-26")
    assert m.status == "repealed" and m.status_line == 4
    assert m.issuer == "江门市人民政府办公室"


def test_site_block_with_values_on_the_next_line():
    m = meta_of("• 索引号:\n6109020000/2022-000318\n• 主题分类:\n• 发文机构:\n安康市汉滨区人民政府办公室\n"
                "• 发文字号:\n汉滨政办发[2022]18号\n• 发文日期:\n2022年04月12日\n• 有效性:\n有效\n"
                "汉滨区人民政府办公室关于印发汉滨区2022年农业农村工作要点的通知\n")
    assert m.doc_number == "汉滨政办发〔2022〕18号"
    assert m.date_written == "2022-04-12"
    assert m.status == "in force"
    assert m.issuer == "安康市汉滨区人民政府办公室"
    # an empty field (主题分类) does not take the next label as its value
    f = site_fields(read_text("• 主题分类:\n• 发文机构:\nX市人民政府\n").lines)
    assert "topic" not in f and f["issuer"][0] == "X市人民政府"


def test_site_block_as_a_table_and_without_separators():
    m = meta_of("索引号 | 003591004/2023-00021 | 发布时间 | 2023-03-10\n"
                "发布机构 | 福州市鼓楼区人民政府办公室 | 文号 | 鼓政办〔2023〕12号\n有效性 | 废止\n")
    assert (m.doc_number, m.date_published, m.status) == ("鼓政办〔2023〕12号", "2023-03-10", "repealed")
    m = meta_of("索引号 000014348/2020-00052 主题分类 综合政务\n发文机构武汉市人民政府办公厅发文字号武政办〔2020〕1号\n"
                "发布日期2020年01月23日有效性有效\n成文日期2020年01月17日\n")
    assert (m.doc_number, m.date_written, m.date_published, m.status) == \
        ("武政办〔2020〕1号", "2020-01-17", "2020-01-23", "in force")
    assert m.issuer == "武汉市人民政府办公厅"


def test_labels_inside_the_body_are_not_a_site_block():
    m = meta_of("X县2023年工作要点\n一、总体要求\n1.及时公开文号和有效性:失效文件目录。\n")
    assert m.status == "in force"


def test_a_note_that_this_document_is_repealed():
    assert meta_of("X市人民政府关于加强管理的通知\n此件已废止。\n一、总则\n").status == "repealed"
    assert meta_of("X市人民政府关于加强管理的通知\n一、总则\n本通知已于2020年宣布失效。\n").status == "repealed"


def test_repealing_an_older_document_leaves_this_one_in_force_and_cites_it():
    m = meta_of("汉滨区2022年农业农村工作要点\n一、稳定粮食生产\n1.抓好春播。\n"
                "本要点自印发之日起施行,原《汉滨区2021年农业农村工作要点》(汉滨政办发〔2021〕9号)同时废止。\n")
    assert m.status == "in force"
    assert [c[0] for c in m.cites] == ["汉滨政办发〔2021〕9号"]


def test_two_documents_cited_by_number_and_one_by_title_only():
    m = meta_of("萧县2023年优化营商环境工作要点\n"
                "根据《安徽省优化营商环境条例》《安徽省人民政府办公厅关于印发工作要点的通知》(皖政办〔2023〕3号)和"
                "《宿州市工作要点》(宿政办发[2023]6号)精神,结合我县实际,制定本要点。\n"
                "一、提升服务\n1.按照《政务服务事项清单》开展工作。\n")
    assert [c[0] for c in m.cites] == ["皖政办〔2023〕3号", "宿政办发〔2023〕6号", "安徽省优化营商环境条例"]


def test_the_notice_handing_out_a_plan_does_not_cite_it():
    m = meta_of("关于印发X的通知\n现将《X县2023年工作要点》印发给你们,请结合实际制定本单位方案。\n")
    assert m.cites == []


def test_repealed_marked_after_the_title_in_any_bracket():
    assert meta_of("湖州市人民政府办公室关于印发X工作要点的通知【已废止】\n").status == "repealed"
    assert meta_of("X市人民政府关于印发X工作要点的通知[失效]\n").status == "repealed"
    assert meta_of("X市人民政府关于印发X工作要点的通知\n").status == "in force"


def test_a_title_printed_in_book_marks_or_with_its_number_taken_out():
    m = meta_of("京政办发〔2016〕26号《北京市人民政府办公厅关于印发〈北京市2016年政务公开工作要点〉的通知》\n")
    assert m.title == "北京市人民政府办公厅关于印发〈北京市2016年政务公开工作要点〉的通知"
    assert m.doc_number == "京政办发〔2016〕26号"
    m = meta_of("中共岳阳市委办公室岳阳市人民政府办公室印发《关于全面推进政务公开工作的实施意见》的通知(岳办发〔2017〕2号)\n")
    assert m.title.endswith("的通知") and m.doc_number == "岳办发〔2017〕2号"


def test_a_department_signing_with_its_date():
    m = meta_of("江苏省教育厅关于印发2023年全省教育工作要点的通知\n各设区市教育局:\n现将要点印发给你们。\n"
                "江苏省教育厅\n2023年2月10日\n")
    assert (m.issuer, m.date_written, m.jurisdiction) == ("江苏省教育厅", "2023-02-10", "江苏省")


def test_a_sites_record_date_gives_way_to_the_signature():
    text = ("索引号: 003129766/201901-00336 组配分类: 规范性文件发布\n信息分类: 通知 发布机构: 太湖县人民政府办公室\n"
            "生成日期: 2019-01-23 文号:\n发文日期: 2019-01-23 生效时间: 2019-01-23\n"
            "太湖县人民政府关于印发《太湖县2019年政务公开工作要点》的通知\n各乡、镇人民政府:\n现予印发。\n"
            "太湖县人民政府\n2019年1月17日\n")
    m = meta_of(text)
    assert (m.date_written, m.date_source, m.issuer) == ("2019-01-17", "signature", "太湖县人民政府")
    # an empty 文号 does not take the next line's label as its value
    assert m.doc_number is None
    # without a signature the site's date stands
    m = meta_of(text.split("太湖县人民政府\n2019")[0])
    assert (m.date_written, m.date_source) == ("2019-01-23", "site")


def test_parent_city_is_read_where_its_name_starts():
    from loaders.meta import find_parent_city
    from loaders.text import read_text

    src = read_text("请盘锦市有关部门配合。\n接龙岩市通知,报盘锦市政府。\n在盘锦市统一部署下。\n")
    assert find_parent_city(src.lines, "盘山县") == "盘锦市"
    src = read_text("石家庄市人民政府办公室\n根据石家庄市要求,由石家庄市统筹。\n")
    assert find_parent_city(src.lines, "正定县") == "石家庄市"


def test_new_zone_is_read_where_its_name_starts():
    from loaders.meta import read_meta
    from loaders.text import read_text

    text = ("湖州市人民政府关于理顺新区管理体制的意见\n湖州南太湖新区管委会负责规划。\n"
            "湖州南太湖新区管委会负责建设。\n湖州南太湖新区管委会负责招商。\n")
    assert read_meta(read_text(text).lines).levels.get("新区") == "南太湖新区"


def test_a_town_government_named_with_its_county_is_the_town():
    assert find_jurisdiction("湄潭县永兴镇人民政府") == "永兴镇"
    assert find_jurisdiction("湄潭县人民政府办公室") == "湄潭县"
    assert find_jurisdiction("攸县乡村振兴局") == "攸县"


def test_a_site_table_with_a_file_status_column():
    m = meta_of("文号 | 光政办〔2012〕21号 |\n---|---|\n制发机关 | 光山县人民政府办公室 |\n成文日期 | 2012-02-28 15:10:21 |\n"
                "文件状态 | 已废止 |\n光山县人民政府办公室关于印发光山县2012年城建重点工作安排的通知\n")
    assert (m.doc_number, m.issuer, m.date_written, m.status) == (
        "光政办〔2012〕21号", "光山县人民政府办公室", "2012-02-28", "repealed")
    assert meta_of("文件状态 | 执行中 |\n关于印发某县工作要点的通知\n").status == "in force"


def test_offices_signing_together_are_the_issuer_together():
    m = meta_of("关于印发《攸县2023年乡村振兴重点工作要点》的通知\n各乡镇:\n现印发给你们。\n中共攸县县委办公室\n"
                "攸县人民政府办公室\n2023年3月15日\n")
    assert m.issuer == "攸县人民政府办公室" and m.jurisdiction == "攸县"
    assert m.as_properties()["issuer"] == "中共攸县县委办公室、攸县人民政府办公室"
    one = meta_of("关于印发某县工作要点的通知\n现印发给你们。\n攸县人民政府办公室\n2023年3月15日\n")
    assert one.as_properties()["issuer"] == "攸县人民政府办公室"


def test_eight_digit_signature_dates_and_street_offices():
    assert parse_date("20180309") == "2018-03-09" and is_date_line("20180309")
    assert parse_date("20181399") is None and not is_date_line("6107280000")
    m = meta_of("关于印发某某工作计划的通知\n现印发给你们。\n巴中市人民政府民生工作办公室\n20180309\n")
    assert (m.issuer, m.date_written, m.jurisdiction) == ("巴中市人民政府民生工作办公室", "2018-03-09", "巴中市")
    assert find_jurisdiction("上海市杨浦区五角场街道办事处") == "五角场街道"
    assert find_jurisdiction("五角场街道办事处") == "五角场街道"


def test_issuer_on_its_own_line_above_the_title_and_a_void_note_in_brackets():
    m = meta_of("沧州市住房和城乡建设局文件\n沧建发〔2016〕7号\n沧州市住房和城乡建设局\n关于印发2016年全市城建重点工作安排的通知\n"
                "现印发给你们。\n二〇一六年一月二十日\n2016年全市城建重点工作安排\n一、城建\n(一)改造管网。\n"
                "(该文件已于2019年3月宣布失效)\n")
    assert (m.issuer, m.jurisdiction, m.status, m.doc_number) == ("沧州市住房和城乡建设局", "沧州市", "repealed", "沧建发〔2016〕7号")
    # a body named inside the title's sentence is no issuer line
    assert meta_of("各县区:\n关于印发某县工作要点的通知\n").issuer is None


def test_autonomous_places_and_an_issuer_read_from_the_titles_office():
    assert find_jurisdiction("孟连傣族拉祜族佤族自治县人民政府办公室") == "孟连傣族拉祜族佤族自治县"
    assert find_jurisdiction("恩施土家族苗族自治州人民政府") == "恩施土家族苗族自治州"
    assert find_jurisdiction("云南省西双版纳傣族自治州人民政府") == "西双版纳傣族自治州"
    m = meta_of("杭州市人民政府办公厅关于做好2022年民生实事项目推进工作的通知\n文号: | 杭政办函〔2022〕21号 | 成文日期: | 2022-04-08 |\n"
                "发布单位: | 市政府办公厅 | 主题分类: | 综合政务 |\n各区:\n")
    assert (m.issuer, m.jurisdiction, m.doc_number, m.date_written) == (
        "杭州市人民政府办公厅", "杭州市", "杭政办函〔2022〕21号", "2022-04-08")


def test_a_league_is_a_jurisdiction():
    assert find_jurisdiction("锡林郭勒盟行政公署办公室") == "锡林郭勒盟"
    assert find_jurisdiction("阿拉善盟额济纳旗人民政府") == "额济纳旗"
    assert find_jurisdiction("某某产业联盟办公室") is None
