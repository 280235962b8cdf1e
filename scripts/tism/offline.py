"""The offline promise, checked: nothing in a built site may load from another host.

A reference that makes a browser fetch something (a script, image, stylesheet, font, frame, form
target, CSS import or url(), a meta refresh) and names another host or a scheme-relative `//`
address is reported with the file it is in. Plain text that happens to contain an address
(the source list shows URLs as text) is not a reference. Pure functions over text and a folder.
"""
from __future__ import annotations

import re
from pathlib import Path

_REMOTE = r"""\s*["']?\s*(?:[a-z][a-z0-9+.-]*:)?//"""
_PATTERNS = [
    re.compile(r"""\b(?:src|href|action|data|poster|srcset|formaction|background)\s*=""" + _REMOTE, re.I),
    re.compile(r"""url\(""" + _REMOTE, re.I),
    re.compile(r"""@import\s+(?:url\()?""" + _REMOTE, re.I),
    re.compile(r"""http-equiv\s*=\s*["']?refresh["']?[^>]*url\s*=\s*(?:[a-z][a-z0-9+.-]*:)?//""", re.I),
]
SCANNED = {".html", ".htm", ".css", ".svg", ".xml"}
REMOTE_MESSAGE = "the site would load from another host (it must work offline):\n  "


def external_references(text: str) -> list[str]:
    """Each remote reference in `text`, as the matched fragment and a little of what follows."""
    found = []
    for pattern in _PATTERNS:
        for match in pattern.finditer(text):
            end = min(len(text), match.end() + 60)
            found.append(" ".join(text[match.start():end].split()))
    return found


def scan_site(site: Path) -> list[str]:
    """`path: fragment` for every remote reference in the built site's pages and stylesheets."""
    problems = []
    for path in sorted(site.rglob("*")):
        if path.suffix.lower() in SCANNED and path.is_file():
            text = path.read_text(encoding="utf-8", errors="replace")
            problems += [f"{path.relative_to(site).as_posix()}: {fragment}" for fragment in external_references(text)]
    return problems
