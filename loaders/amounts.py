"""Money amounts as printed ("17亿元", "3511.4万元", "5000万美元") → numbers."""
from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Amount", "parse_amount", "find_amounts", "AMOUNT"]

_UNITS = {"元": 1.0, "万元": 1e4, "亿元": 1e8, "千元": 1e3, "百万元": 1e6, "万": 1e4, "亿": 1e8,
          "美元": 1.0, "万美元": 1e4, "亿美元": 1e8}
AMOUNT = re.compile(r"(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s*(?:余|多)?\s*(亿美元|万美元|美元|百万元|千元|亿元|万元|元|亿|万)(?![\u4e00-\u9fff]*(?:吨|千瓦|平方|人|户|个|台|辆|公里|米))")


@dataclass(frozen=True)
class Amount:
    value: float
    unit: str
    text: str

    @property
    def yuan(self) -> float | None:
        """The amount in 元 (None for foreign currencies)."""
        if "美元" in self.unit:
            return None
        return self.value * _UNITS[self.unit]


def parse_amount(text: str) -> Amount | None:
    """The first amount of money in ``text``.

    >>> a = parse_amount("总投资3511.4亿元")
    >>> a.value, a.unit, a.yuan
    (3511.4, '亿元', 351140000000.0)
    >>> parse_amount("30万吨码头") is None
    True
    >>> parse_amount("计划投资3,500万元").value
    3500.0
    >>> a = parse_amount("总投资3000余万元")     # "over 3000万元": the printed figure
    >>> a.value, a.unit
    (3000.0, '万元')
    """
    for m in AMOUNT.finditer(text):
        unit = m.group(2)
        if unit in ("万", "亿"):
            # a bare 万/亿 counts only when money follows (万元 is matched above)
            continue
        return Amount(float(m.group(1).replace(",", "")), unit, m.group(0))
    return None


def find_amounts(text: str) -> list[Amount]:
    """Every amount of money in ``text``."""
    out = []
    for m in AMOUNT.finditer(text):
        if m.group(2) in ("万", "亿"):
            continue
        out.append(Amount(float(m.group(1).replace(",", "")), m.group(2), m.group(0)))
    return out
