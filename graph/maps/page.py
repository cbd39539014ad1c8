"""What every map page shares: the font stack, JSON safe inside a script
block, the Content-Security-Policy (scripts only by hash, no request leaves
the page), short citations (文号 or short title, 第 N 行), Chinese property
names from the schema, natural sort keys (一 二 … 十 11 …), and the shell of
the table views (who.html, overlaps.html)."""
from __future__ import annotations

import base64
import hashlib
import html
import json
import re
from typing import Any, Mapping

__all__ = ["FONT", "json_for_script", "sha256_source", "csp", "short_title", "short_cite",
           "natural_key", "prop_zh", "table_page", "PRINT_CSS"]

FONT = '"WenQuanYi Micro Hei", "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", sans-serif'
TITLE_MAX = 18  # characters of a title kept in a short citation

PRINT_CSS = """
@media print{
  header input,header button,header select,#gg-legend input,.noprint{display:none!important}
  html,body{height:auto;background:#fff}
  a{color:#000;text-decoration:none}
}
"""


def json_for_script(obj: Any) -> str:
    """JSON safe inside ``<script type="application/json">``: no ``<``, ``>``,
    ``&`` (so no ``</script>``, no ``<!--``) and no U+2028/2029, all as \\u escapes.

    >>> json_for_script({"a": "</script><b>&"})
    '{"a":"\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e\\\\u0026"}'
    """
    s = json.dumps(obj, ensure_ascii=False, separators=(",", ":"), default=str)
    return (s.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def sha256_source(text: str) -> str:
    """A CSP hash source for an inline script."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def csp(*scripts: str) -> str:
    """The pages' policy: nothing is fetched; only these inline scripts run."""
    src = " ".join(sha256_source(s) for s in scripts) or "'none'"
    return ("default-src 'none'; script-src " + src + "; style-src 'unsafe-inline'; img-src data: blob:; "
            "font-src data:; connect-src 'none'; form-action 'none'; base-uri 'none'")


def short_title(title: str, n: int = TITLE_MAX) -> str:
    """A long title cut in the middle, keeping how it starts and ends.

    >>> short_title("海城市关于贯彻落实2023年《辽宁省政府工作报告》任务分解和责任分工方案")
    '海城市关于贯彻落实2…解和责任分工方案'
    >>> short_title("盘山县赋权方案")
    '盘山县赋权方案'
    """
    s = " ".join(str(title).split())
    if len(s) <= n + 4:
        return s
    tail = n * 4 // 9
    return s[: n - tail] + "…" + s[-tail:]


def short_cite(doc: Mapping[str, Any] | None, line: Any = None) -> str:
    """How a map cites evidence: 文号 (else a short title), 第 N 行.

    >>> short_cite({"doc_number": "海政发〔2023〕1号", "title": "x"}, 12)
    '海政发〔2023〕1号 第 12 行'
    """
    doc = doc or {}
    s = str(doc.get("doc_number") or "") or short_title(str(doc.get("title") or doc.get("label") or "?"))
    return s if line in (None, "") else f"{s} 第 {line} 行"


_CN_DIGIT = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_UNIT = {"十": 10, "百": 100, "千": 1000}
_NUM = re.compile(r"\d+|[零〇一二两三四五六七八九十百千]+")


def _cn_int(s: str) -> int:
    if not any(c in _CN_UNIT for c in s):  # 二〇二三: digit by digit
        return int("".join(str(_CN_DIGIT[c]) for c in s))
    total = cur = 0
    for ch in s:
        if ch in _CN_DIGIT:
            cur = _CN_DIGIT[ch]
        else:
            total += (cur or 1) * _CN_UNIT[ch]
            cur = 0
    return total + cur


def natural_key(s: Any) -> str:
    """A sort key in which numbers, Arabic or Chinese, sort as numbers.

    >>> sorted(["21", "9", "三", "十一", "二", "1.2"], key=natural_key)
    ['1.2', '二', '三', '9', '十一', '21']
    """
    def num(m: re.Match[str]) -> str:
        t = m.group(0)
        return f"{int(t) if t.isdigit() else _cn_int(t):09d}"

    return _NUM.sub(num, str(s if s is not None else ""))


def prop_zh(key: str) -> str:
    """The Chinese name of a property, from ``schema.json`` (the key itself if none)."""
    from ..schema import SCHEMA

    return SCHEMA.property_zh.get(key, key)


TABLE_CSS = """
*{box-sizing:border-box}
body{margin:0;font-family:%FONT%;font-size:14px;color:#222;background:#fafafa}
header{position:sticky;top:0;z-index:3;display:flex;flex-wrap:wrap;gap:10px;align-items:center;padding:6px 12px;background:#263238;color:#fff}
header h1{font-size:16px;margin:0;font-weight:600;margin-right:auto}
header a{color:#cfe8ff}
header input,header select,header button{font:inherit;padding:3px 6px}
main{padding:10px 14px}
.muted{color:#777}.cnt{color:#555}
table{border-collapse:collapse;background:#fff}
th,td{border-bottom:1px solid #e3e3e3;padding:3px 8px;text-align:left;vertical-align:top}
th{background:#eceff1;position:sticky;top:42px;z-index:2;cursor:pointer;white-space:nowrap}
th[aria-sort=ascending]::after{content:" ▲"}th[aria-sort=descending]::after{content:" ▼"}
td.n{text-align:right;font-variant-numeric:tabular-nums}
tr.hide{display:none}
.lead{color:#111;font-weight:600}.assist{color:#ad1457}
#panel{position:fixed;right:0;top:42px;bottom:0;width:420px;overflow:auto;background:#fff;border-left:1px solid #ccc;padding:8px 12px;display:none}
#panel.open{display:block}
#panel blockquote{margin:4px 0 10px;padding:4px 8px;border-left:3px solid #90a4ae;background:#f5f7f8;white-space:pre-wrap;word-break:break-all}
.cite{font-size:12px;color:#37474f}
"""


def table_page(title: str, body_html: str, script: str, data: Any, *, extra_css: str = "",
               nav: str = "") -> str:
    """A table view: header (title, links, ``nav`` controls), ``body_html``
    (already escaped), ``data`` as escaped JSON and one script run by hash."""
    esc = html.escape
    return (
        "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n"
        f"<meta http-equiv=\"Content-Security-Policy\" content=\"{esc(csp(script))}\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        "<meta name=\"generator\" content=\"govgraph (offline)\">\n"
        f"<title>{esc(title)}</title>\n<style>{TABLE_CSS.replace('%FONT%', FONT)}{extra_css}{PRINT_CSS}</style>\n"
        "</head>\n<body>\n"
        f"<header><h1>{esc(title)}</h1>{nav}"
        "<a href=\"index.html\">图 maps</a><a href=\"../report.html\">报告 report</a></header>\n"
        f"<main>{body_html}</main>\n<aside id=\"panel\"></aside>\n"
        f"<script type=\"application/json\" id=\"gg-data\">{json_for_script(data)}</script>\n"
        f"<script>{script}</script>\n</body>\n</html>\n")
