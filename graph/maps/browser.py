"""Headless Chromium for the maps: find Debian's ``chromium`` (never
downloads one) and take screenshots with every non-file request refused."""
from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

from ..errors import GovGraphError

__all__ = ["CHROMIUM_ARGS", "find_chromium", "screenshot"]

CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-default-apps",
    "--disable-extensions", "--disable-domain-reliability", "--disable-client-side-phishing-detection",
    "--no-default-browser-check", "--metrics-recording-only", "--disable-breakpad",
]


def find_chromium() -> str | None:
    """A Chromium to drive: ``$GOVGRAPH_CHROMIUM``, else ``chromium`` /
    ``chromium-browser`` on PATH. Never downloads one."""
    env = os.environ.get("GOVGRAPH_CHROMIUM")
    if env:
        return env if Path(env).exists() else None
    for name in ("chromium", "chromium-browser"):
        p = shutil.which(name)
        if p:
            return p
    return None


def screenshot(html_path: str | Path, png_path: str | Path, *, width: int = 1600, height: int = 1000,
               timeout: float = 60.0) -> dict[str, Any]:
    """Open a map in headless Chromium (every non-file request blocked), wait
    for the first draw, save a PNG. Returns ``png``, ``draw_ms`` (page start to
    first draw), ``nodes``/``edges`` drawn (a table view: its rows) and ``blocked`` (requests refused:
    should be empty)."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as e:
        raise GovGraphError("screenshots need playwright", hint="pip install playwright (no browser download needed)") from e
    exe = find_chromium()
    if not exe:
        raise GovGraphError("no Chromium found", hint="apt-get install chromium, or set GOVGRAPH_CHROMIUM")
    html_path, png_path = Path(html_path).resolve(), Path(png_path)
    blocked: list[str] = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=exe, args=CHROMIUM_ARGS, headless=True)
        try:
            page = browser.new_page(viewport={"width": width, "height": height})

            def route(r: Any) -> None:
                if r.request.url.startswith(("file:", "data:", "blob:", "about:")):
                    r.continue_()
                else:
                    blocked.append(r.request.url)
                    r.abort()

            page.route("**/*", route)
            page.goto(html_path.as_uri())
            page.wait_for_function("() => window.gg && window.gg.ready === true", timeout=timeout * 1000)
            info = page.evaluate("gg.network ? {drawMs: gg.drawMs, nodes: gg.network.body.nodeIndices.length, "
                                 "edges: gg.network.body.edgeIndices.length} : {drawMs: gg.drawMs, "
                                 "nodes: document.querySelectorAll('tbody tr, #m tr').length, edges: 0}")
            png_path.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(png_path))
        finally:
            browser.close()
    return {"png": png_path, "draw_ms": info["drawMs"], "nodes": info["nodes"], "edges": info["edges"],
            "blocked": blocked}
