"""What a browser context reports while a test walks through pages: Content-Security-Policy
violations, console messages, page errors and refused answers. Shared by the CSP journeys
(test_csp.py) and the whole-page checks (test_look.py)."""

from __future__ import annotations

# Every violation is kept in the page (window.__csp) and handed to the test at once, so one
# that happens just before a navigation is not lost with the page.
LISTENER = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", (event) => {
  const text = `${event.effectiveDirective} blocked ${event.blockedURI || "(inline)"}`
    + ` at ${event.sourceFile || location.pathname}:${event.lineNumber}`
    + (event.sample ? ` sample=${JSON.stringify(event.sample)}` : "");
  window.__csp.push(text);
  window.__cspReport(`${location.pathname}: ${text}`);
});
"""


class Watch:
    """What a browser context reports: CSP violations, console messages, page errors, and
    answers the server refused (4xx/5xx, e.g. the 413 and 415 of the body limits)."""

    def __init__(self, context):
        self.violations: list[str] = []
        self.console: list[str] = []
        self.refused: list[str] = []
        context.expose_function("__cspReport", self._violation)
        context.add_init_script(LISTENER)
        context.on("console", self._console)
        context.on("weberror", lambda error: self.console.append(f"pageerror: {error.error}"))
        context.on("response", self._response)

    def _violation(self, text: str) -> None:
        self.violations.append(text)

    def _console(self, message) -> None:
        url = message.page.url if message.page else "?"
        source = message.location.get("url") or url
        self.console.append(f"{message.type} on {url}: {message.text} ({source})")

    def _response(self, response) -> None:
        if response.status >= 400:
            self.refused.append(f"{response.status} {response.request.method} {response.url}")

    def assert_clean(self, page, *, expected: tuple[str, ...] = ()) -> None:
        """Nothing went wrong; ``expected`` names the refusals a test asked for ("404 GET
        /de/missing/", "400 POST "): they, and Chromium's console line about each, are fine."""
        refused = [r for r in self.refused if not any(r.startswith(e) for e in expected)]
        allowed = {r.split(" ", 2)[2] for r in self.refused if r not in refused}
        console = [
            m
            for m in self.console
            if not ("Failed to load resource" in m and any(url in m for url in allowed))
        ]
        # The current page's own record too (in case a report could not reach the test).
        in_page = [v for v in page.evaluate("window.__csp || []") if v not in str(self.violations)]
        problems = [
            *(f"CSP: {v}" for v in self.violations + in_page),
            *(f"console: {m}" for m in console),
            *(f"refused: {r}" for r in refused),
        ]
        assert problems == [], "\n".join(problems)
