"""Cross-references: every standard or requirement ID written in a page's text becomes a link to it
(pure: finished HTML in, HTML out).

"See IV-004" or "as IP-004.02 requires", in a standard, a chapter introduction, the glossary or
a change note, links to that standard's page, at the requirement. Text that already is a link, a
heading, code, a bold requirement number (the requirement's own label) or a script is left as it
is, and so is anything that is not the ID of a standard or requirement of the catalogue (FM-001,
a form, is not). Printed copies show the links as plain text (the print stylesheet).
"""
from __future__ import annotations

import html
import re

from .model import Catalogue

ID = re.compile(r"\b[A-Z]{2}-\d{3}(?:\.\d{2})?\b")
# A tag (quoted attribute values may hold ">"), or a comment.
TAG = re.compile(r"""<!--.*?-->|<(/?)([a-zA-Z][a-zA-Z0-9]*)(?:[^>"']|"[^"]*"|'[^']*')*>""", re.S)
# Inside these, text stays as it is.
PLAIN = {"a", "code", "pre", "kbd", "samp", "script", "style", "textarea", "select", "option", "title",
         "h1", "h2", "h3", "h4", "h5", "h6", "strong", "svg", "button", "label"}


def targets(catalogue: Catalogue) -> dict[str, str]:
    """Every ID a page may mention, with where it leads from the site's root."""
    found = {}
    for standard in catalogue.standards:
        found[standard.id] = f"standards/{standard.id}.html"
        for requirement in (*standard.requirements, *standard.withdrawn_requirements):
            found[requirement.id] = f"standards/{standard.id}.html#{requirement.id}"
    return found


def link_ids(page: str, where: dict[str, str], to_root: str) -> str:
    """`page` with each known ID in its text made a link; `to_root` leads from the page to the
    site's root ("" or "../" ...)."""
    out: list[str] = []
    inside: dict[str, int] = {}
    cursor = 0

    def text(chunk: str) -> str:
        if any(inside.values()):
            return chunk
        return ID.sub(lambda m: _link(m.group(0), where, to_root), chunk)

    for tag in TAG.finditer(page):
        out.append(text(page[cursor:tag.start()]))
        out.append(tag.group(0))
        cursor = tag.end()
        name = (tag.group(2) or "").lower()
        if name in PLAIN and not tag.group(0).endswith("/>"):
            inside[name] = max(0, inside.get(name, 0) + (-1 if tag.group(1) else 1))
    out.append(text(page[cursor:]))
    return "".join(out)


def _link(found: str, where: dict[str, str], to_root: str) -> str:
    if found not in where:
        return found
    return f'<a class="tism-xref" href="{html.escape(to_root + where[found])}">{found}</a>'
