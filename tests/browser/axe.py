"""axe-core in the real Chromium: the accessibility check every browser test can call.

axe-core ships inside axe-playwright-python (a dev dependency): nothing is downloaded while
the tests run.
"""

from __future__ import annotations

from axe_playwright_python.sync_playwright import Axe

BLOCKING = {"critical", "serious"}


def blocking_violations(page) -> list[str]:
    """The critical and serious axe-core violations on ``page``, one readable line each."""
    results = Axe().run(page)
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']} — "
        + ", ".join(str(node["target"]) for node in violation["nodes"][:3])
        for violation in results.response["violations"]
        if violation["impact"] in BLOCKING
    ]
