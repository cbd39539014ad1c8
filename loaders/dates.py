"""Deadlines as printed (完成时限, 时间节点 …) to dates, and the year a plan is
for: shared by every loader that reads tasks."""
from __future__ import annotations

import calendar
import re

from .meta import parse_date
from .text import normalize

__all__ = ["deadline_date", "plan_year"]

_QUARTER = {"一": 3, "1": 3, "二": 6, "2": 6, "三": 9, "3": 9, "四": 12, "4": 12}


def _month_end(y: int, mo: int) -> str:
    return f"{y:04d}-{mo:02d}-{calendar.monthrange(y, mo)[1]:02d}"


_Y = r"((?:19|20)\d{2})年"


def deadline_date(text: str, year: int | None = None) -> str | None:
    """ISO date of a printed deadline, when it names one.

    ``year`` is the plan's own year: deadlines printed without one ("年底前",
    "6月底", "三季度末", "上半年") fall in it; without ``year`` they give None.

    >>> deadline_date("2022年12月31日"), deadline_date("2023年6月底前"), deadline_date("2023年底")
    ('2022-12-31', '2023-06-30', '2023-12-31')
    >>> deadline_date("2023年第二季度"), deadline_date("2024年三季度末"), deadline_date("长期坚持")
    ('2023-06-30', '2024-09-30', None)
    >>> deadline_date("年底前", 2024), deadline_date("三季度末", 2024), deadline_date("9月底前", 2024)
    ('2024-12-31', '2024-09-30', '2024-09-30')
    >>> deadline_date("年底前"), deadline_date("持续推进", 2024), deadline_date("2024年上半年")
    (None, None, '2024-06-30')
    >>> deadline_date("6月15日前", 2024), deadline_date("2024年"), deadline_date("2024—2025年")
    ('2024-06-15', '2024-12-31', '2025-12-31')

    """
    t = normalize(text).replace(" ", "")
    d = parse_date(t)
    if d:
        return d
    m = re.search(_Y + r"(\d{1,2})月(?:份)?(?:底|末|前|中旬|上旬|下旬)?", t)
    if m:
        y, mo = int(m.group(1)), int(m.group(2))
        if 1 <= mo <= 12:
            return _month_end(y, mo)
    m = re.search(_Y + r"(?:第)?([一二三四1-4])季(?:度)?", t)
    if m:
        return _month_end(int(m.group(1)), _QUARTER[m.group(2)])
    m = re.search(_Y + r"(上|下)半年", t)
    if m:
        return _month_end(int(m.group(1)), 6 if m.group(2) == "上" else 12)
    m = re.search(_Y + r"(?:年)?(?:底|末|内|年底|全年)", t)
    if m:
        return f"{int(m.group(1)):04d}-12-31"
    m = re.fullmatch(r"(?:(?:19|20)\d{2}\s*年?\s*[-—至~]\s*)?" + _Y + r"(?:前|完成|以前)?", t)
    if m:                                     # "2024年", "2024—2025年": the end of that year
        return f"{int(m.group(1)):04d}-12-31"
    if year is None or re.search(r"(?:19|20)\d{2}", t):
        return None
    # no year printed: the plan's year
    m = re.match(r"^(?:今年|本年度?|当年)?(\d{1,2})月(\d{1,2})日", t)
    if m and 1 <= int(m.group(1)) <= 12 and 1 <= int(m.group(2)) <= calendar.monthrange(year, int(m.group(1)))[1]:
        return f"{year:04d}-{int(m.group(1)):02d}-{int(m.group(2)):02d}"
    m = re.match(r"^(?:今年|本年度?|当年)?(\d{1,2})月(?:份)?(?:底|末|前|中旬|上旬|下旬)?", t)
    if m and 1 <= int(m.group(1)) <= 12:
        return _month_end(year, int(m.group(1)))
    m = re.match(r"^(?:今年|本年度?|当年)?(?:第)?([一二三四1-4])季(?:度)?", t)
    if m:
        return _month_end(year, _QUARTER[m.group(1)])
    m = re.match(r"^(?:今年|本年度?|当年)?(上|下)半年", t)
    if m:
        return _month_end(year, 6 if m.group(1) == "上" else 12)
    if re.match(r"^(?:今年|本年度?|当年)?(?:年底|年末|年内|全年|年度内)", t):
        return f"{year:04d}-12-31"
    return None


def plan_year(title: str | None, date_written: str | None) -> int | None:
    """The year a plan is for: the first year in its title, else the year it
    was written.

    >>> plan_year("2024年市政府工作报告重点任务分工方案", "2023-12-28"), plan_year("重点任务清单", "2024-03-08")
    (2024, 2024)
    """
    m = re.search(r"((?:19|20)\d{2})\s*年", title or "")
    if m:
        return int(m.group(1))
    m = re.match(r"((?:19|20)\d{2})-", date_written or "")
    return int(m.group(1)) if m else None
