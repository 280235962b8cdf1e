"""How tism starts Chromium: Debian's package, headless, with nothing that calls out.

Used by `tism print` and by the browser tests. Playwright drives it; no browser is downloaded.
"""
from __future__ import annotations

import os

CHROMIUM = os.environ.get("TISM_CHROMIUM", "/usr/bin/chromium")
# Without the background-networking flags Chromium tries to reach Google's hosts at start.
LAUNCH_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
