"""How tism starts Chromium: Debian's package, headless, with nothing that calls out.

Used by `tism print`, the benchmarks and the browser tests. Playwright drives it; no browser is downloaded.
"""
from __future__ import annotations

import os

CHROMIUM = os.environ.get("TISM_CHROMIUM", "/usr/bin/chromium")
# Without the background-networking flags Chromium tries to reach Google's hosts at start.
LAUNCH_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


def offline_context(browser, outside: list[str] | None = None):
    """A new context of a Playwright `browser` in which only file:// requests go through: any
    other request is refused, and its address added to `outside` when a list is given."""
    context = browser.new_context()

    def route(request_route) -> None:
        url = request_route.request.url
        if url.startswith("file://"):
            request_route.continue_()
            return
        if outside is not None:
            outside.append(url)
        request_route.abort()

    context.route("**/*", route)
    return context
