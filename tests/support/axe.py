"""axe-core in the real browser: inject the pinned npm package into a page and run it.

axe-core is installed by ``npm ci`` from package.json / package-lock.json into node_modules/
(``make test`` and ``.ci/run`` do it). Without it the accessibility tests skip with a message saying
how to install it, except when CI=true, where they fail: CI must run them.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
#: What must not be found on any page (axe's two highest impact levels).
BLOCKING = ("serious", "critical")


def need_axe() -> Path:
    if AXE.exists():
        return AXE
    msg = f"axe-core not found at {AXE}: run `npm ci` in the project folder (needs Debian's npm)"
    if os.environ.get("CI") == "true":
        pytest.fail(msg)
    pytest.skip(msg)


def run_axe(page: Any) -> list[dict[str, Any]]:
    """Inject axe-core (once per document) and return its violations on the whole document.

    Waits for the page to settle first (see :func:`wait_settled`).
    """
    wait_settled(page)
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.add_script_tag(path=str(need_axe()))
    return page.evaluate(
        """async () => {
            const r = await window.axe.run(document, {resultTypes: ['violations']});
            return r.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.map(n => ({target: n.target.join(' '), html: n.html.slice(0, 160),
                                          summary: (n.failureSummary || '').slice(0, 300)})),
            }));
        }"""
    )


def blocking(violations: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [v for v in violations if v["impact"] in BLOCKING]


def describe(where: str, violations: list[dict[str, Any]]) -> str:
    """One readable block per violation: rule, impact, and the first nodes with axe's advice."""
    lines = []
    for v in violations:
        lines.append(f"{where}: {v['impact']} {v['id']} — {v['help']} ({len(v['nodes'])} nodes)")
        for n in v["nodes"][:3]:
            lines.append(f"    {n['html']}")
            lines.append(f"      {' '.join(n['summary'].split())}")
    return "\n".join(lines)


def wait_charts(page: Any) -> None:
    """Wait until every Plotly chart on the page has drawn its SVG (axe checks what is there)."""
    page.wait_for_function(
        """() => [...document.querySelectorAll('[data-testid="stPlotlyChart"]')]
                 .every(c => c.querySelector('svg.main-svg'))""",
        timeout=30_000,
    )


def wait_settled(page: Any, quiet_ms: int = 600, timeout_ms: int = 20_000) -> None:
    """Wait until the DOM has not changed for ``quiet_ms`` (charts and tables draw after the run).

    axe checks what is in the document at one moment; while a Plotly chart or a data grid is still
    drawing, parts of the page are replaced under it and give false findings.
    """
    settled = page.evaluate(
        """([quiet, limit]) => new Promise(resolve => {
            let last = performance.now();
            const start = last;
            const obs = new MutationObserver(() => { last = performance.now(); });
            obs.observe(document.body, {subtree: true, childList: true, attributes: true,
                                        characterData: true});
            const tick = () => {
                const now = performance.now();
                if (now - last >= quiet || now - start >= limit) {
                    obs.disconnect();
                    resolve(now - last >= quiet);
                } else {
                    setTimeout(tick, 100);
                }
            };
            setTimeout(tick, 100);
        })""",
        [quiet_ms, timeout_ms],
    )
    assert settled, f"the page kept changing for {timeout_ms} ms"
