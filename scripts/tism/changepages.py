"""The "What changed" page and the texts of earlier versions, as Markdown (pure, escaped).

The page compares the newest published edition with the standards as the site shows them when
they differ (changes not yet published), otherwise the newest edition with the one before it. It
opens with what a trainer reads out (new and stronger obligations, by role), then every change with
the old and the new wording side by side. An earlier version's text, as its edition recorded it,
gets a page of its own (versions/<ID>-<version>.md), linked from the standard's history.
"""
from __future__ import annotations

from . import editions
from .model import Catalogue
from .render import inline, words

PAGE = "changes.md"


def comparison(catalogue: Catalogue) -> tuple[dict, dict] | None:
    """(older record, newer record) the page shows, or None when there is nothing to compare."""
    names = sorted(catalogue.editions, key=editions.edition_key)
    if not names:
        return None
    newest = catalogue.editions[names[-1]]
    now = editions.working_tree(catalogue)
    if editions.compare(newest, now):
        return newest, now
    if len(names) > 1:
        return catalogue.editions[names[-2]], newest
    return None


def version_page(sid: str, version: str) -> str:
    return f"versions/{sid}-{version}.md"


def _t(text: dict | None, lang: str) -> str:
    return inline((text or {}).get(lang) or (text or {}).get("en", ""))


def _name(record: dict, catalogue: Catalogue, lang: str) -> str:
    word = words(catalogue, lang)
    if record["edition"] == "working tree":
        return word("working_tree")
    return f"{word('edition')} {inline(record['edition'])}"


def render_changes(catalogue: Catalogue, lang: str = "en") -> str:
    word = words(catalogue, lang)
    out = [f"# {word('what_changed')}", ""]
    pair = comparison(catalogue)
    if pair is None:
        first = sorted(catalogue.editions, key=editions.edition_key)
        out += [word("first_edition") + (f" ({inline(first[-1])})" if first else ""), ""]
        return "\n".join(out)
    old, new = pair
    changes = editions.compare(old, new)
    out += [f"{word('changes_from')} {_name(old, catalogue, lang)} → {_name(new, catalogue, lang)}", ""]
    roles = {sid: record["roles"] for record in (old, new) for sid, record in record["standards"].items()}
    out += [f"## {word('new_obligations')}", ""]
    stronger = [(c, r) for c in changes for r in c.requirements if r.change in ("added", "stronger")]
    if not stronger:
        out += [word("none"), ""]
    for role in sorted({role for c, _ in stronger for role in roles.get(c.id, ())}):
        out += [f"### {inline(catalogue.roles[role].get(lang)) if role in catalogue.roles else inline(role)}", ""]
        for change, requirement in stronger:
            if role in roles.get(change.id, ()):
                new_r = requirement.new or {}
                out.append(f"- **[{inline(requirement.id)}](standards/{change.id}.md#{requirement.id})** "
                           f"({word(new_r['level'])}) {_t(new_r['text'], lang)}")
        out.append("")
    out += [f"## {word('every_change')}", ""]
    for change in changes:
        versions = " → ".join(inline(v) for v in (change.old_version, change.new_version) if v)
        link = f"[{inline(change.id)}](standards/{change.id}.md)" if change.id in catalogue.by_id else inline(change.id)
        out += [f"### {link} · {_t(change.title, lang)}", "", f"{word(change.change)} · {versions}", ""]
        rows = []
        if change.title_changed:
            rows.append((word("title"), _t(change.old_title, lang), _t(change.title, lang)))
        for requirement in change.requirements:
            old_r, new_r = requirement.old or {}, requirement.new or {}
            # Where only the English changed (its translation is being updated), show the English.
            shown = lang
            if old_r and new_r and _t(old_r["text"], lang) == _t(new_r["text"], lang):
                shown = "en"
            before = f"({word(old_r['level'])}) {_t(old_r['text'], shown)}" if old_r else "—"
            after = f"({word(new_r['level'])}) {_t(new_r['text'], shown)}" if new_r else "—"
            rows.append((inline(requirement.id), before, after))
        if rows:
            out += [f"| | {word('before')} | {word('now')} |", "|---|---|---|"]
            out += [f"| {a} | {b} | {c} |" for a, b, c in rows] + [""]
        for added in change.legal_added:
            out.append(f"- {word('legal_basis')} + {inline(added)}")
        for removed in change.legal_removed:
            out.append(f"- {word('legal_basis')} − {inline(removed)}")
        if change.old_version and change.id in catalogue.by_id and change.old_version != change.new_version:
            out.append(f"- [{word('text_of_version')} {inline(change.old_version)}]"
                       f"({version_page(change.id, change.old_version)})")
        out.append("")
    return "\n".join(out)


def earlier_versions(catalogue: Catalogue) -> dict[str, tuple[str, dict]]:
    """Each earlier version an edition recorded of a standard that has changed since: its page's
    path -> (the edition, the record)."""
    pages: dict[str, tuple[str, dict]] = {}
    for name in sorted(catalogue.editions, key=editions.edition_key):
        for sid, record in catalogue.editions[name]["standards"].items():
            standard = catalogue.by_id.get(sid)
            if standard is not None and record["version"] != standard.version:
                pages[version_page(sid, record["version"])] = (name, record)
    return pages


def render_version(sid: str, edition: str, record: dict, catalogue: Catalogue, lang: str = "en") -> str:
    word = words(catalogue, lang)
    out = [f"# {inline(sid)} · {_t(record['title'], lang)}", "",
           f"{word('version')} {inline(record['version'])}, {word('edition')} {inline(edition)} · "
           f"[{word('current_version')}](../standards/{sid}.md)", "{ .tism-meta }", "",
           _t(record["summary"], lang), "", f"## {word('requirements')}", ""]
    out += [f"- **{inline(r['id'])}** ({word(r['level'])}) {_t(r['text'], lang)}" for r in record["requirements"]]
    return "\n".join(out + [""])


def change_pages(catalogue: Catalogue, lang: str) -> dict[str, str]:
    pages = {PAGE: render_changes(catalogue, lang)}
    for path, (edition, record) in earlier_versions(catalogue).items():
        sid = path.split("/")[1].rsplit("-", 1)[0]
        pages[path] = render_version(sid, edition, record, catalogue, lang)
    return pages
