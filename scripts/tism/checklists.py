"""A Markdown extension: checklist items (`- [ ] text`) become labelled checkboxes.

Each item `- [ ] text` (or `- [x] text`) is written as
`<li class="tism-checklist__item"><label class="tism-checklist__label"><input type="checkbox"> text</label></li>`
inside `<ul class="tism-checklist">`: the item's words name its box for screen readers, a tap
anywhere on the line ticks it, and in print the box sits on the first line of its item. (The
usual task-list extension leaves the box unlabelled.) Listed in mkdocs.yml as `tism.checklists`.
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as etree

from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

BOX = re.compile(r"\[([ xX])\][ \t]+")


def label_item(holder: etree.Element) -> bool:
    """If `holder` (a list item, or its first paragraph) starts with `[ ]`, put a labelled
    checkbox there holding the text and inline content up to the first block. True if it did."""
    text = holder.text or ""
    match = BOX.match(text)
    if match is None:
        return False
    label = etree.Element("label", {"class": "tism-checklist__label"})
    box = etree.SubElement(label, "input", {"type": "checkbox"})
    if match.group(1) != " ":
        box.set("checked", "checked")
    box.tail = text[match.end():]
    holder.text = None
    for child in list(holder):
        if child.tag in ("ul", "ol", "p", "div", "table", "pre", "blockquote"):
            break
        holder.remove(child)
        label.append(child)
    holder.insert(0, label)
    return True


class _Checklists(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        for listing in root.iter("ul"):
            items = [li for li in listing if li.tag == "li"]
            found = [li for li in items
                     if label_item(li) or (len(li) and li[0].tag == "p" and not (li.text or "").strip()
                                           and label_item(li[0]))]
            for li in found:
                li.set("class", "tism-checklist__item")
            if found:
                listing.set("class", " ".join(filter(None, [listing.get("class"), "tism-checklist"])))


class ChecklistExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:  # Markdown's name
        # Before the inline patterns (priority 20), so the item's words are parsed inside the label.
        md.treeprocessors.register(_Checklists(md), "tism-checklists", 25)


def makeExtension(**kwargs) -> ChecklistExtension:  # Markdown's entry point
    return ChecklistExtension(**kwargs)
