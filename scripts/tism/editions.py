"""Published editions: what each standard looked like when an edition was released, and what
changed since (pure: data in, data out; `tism release` writes, tism.rules checks, `tism diff` and
the what-changed pages read).

An edition's record is standards/editions/<EDITION>.yaml: for every standard its version, status,
roles, a hash of its whole content, and the wording an officer is held to (title, summary and each
requirement with its level, in every language) and its legal basis, so a later edition can show
the old wording beside the new without any git history.

MAJOR and MINOR: a change to what an officer must, should or may do (a requirement added or
removed, a level raised or lowered, a role added) needs a MAJOR version; anything else that changes
the content (wording, guidance, sources) needs at least a MINOR one.

The history (`changes`) is the record of those versions, not content: adding an entry, or a
translation of one, needs no version of its own (a translation of a history entry changes no duty).
Nor does translating the name or a version of a law in laws.yaml, since a citation names the
version by its English. Every other text, in every language, is content.
"""
from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field

from .model import Catalogue, Standard, Text

EDITIONS = "editions"  # standards/editions/<EDITION>.yaml
LEVEL_ORDER = {"may": 0, "should": 1, "must": 2}


def edition_key(edition: str) -> tuple[int, ...]:
    return tuple(int(part) for part in edition.split("."))


def version_key(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in version.split("."))


def _text(text: Text | None) -> dict[str, str] | None:
    return dict(text.items()) if text is not None else None


def _citation(c) -> str:
    return f"{c.law} {c.provision}"


def content(standard: Standard) -> dict:
    """Everything a standard says, as plain data, without its version and history (so a history
    entry, or its translation, never asks for a new version)."""
    return {
        "title": _text(standard.title), "summary": _text(standard.summary), "status": standard.status,
        "rationale": _text(standard.rationale), "roles": list(standard.roles), "tags": list(standard.tags),
        "classification": standard.classification,
        "requirements": [[r.id, r.level, _text(r.text)] for r in standard.requirements],
        "legal_basis": [[c.law, c.version, c.provision, c.verified, c.source, _text(c.note), _text(c.pending),
                         list(c.requirements)] for c in standard.legal_basis],
        "procedure": [_text(t) for t in standard.procedure], "checklist": [_text(t) for t in standard.checklist],
        "audit_indicators": [_text(t) for t in standard.audit_indicators], "sources": list(standard.sources),
        "related": list(standard.related), "replaced_by": standard.replaced_by,
        "indicators": list(standard.indicators), "forms": list(standard.forms),
    }


def content_hash(standard: Standard) -> str:
    canonical = json.dumps(content(standard), ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:16]


def record(standard: Standard) -> dict:
    """What an edition keeps of one standard."""
    return {
        "version": standard.version, "status": standard.status, "chapter": standard.chapter,
        "roles": list(standard.roles), "hash": content_hash(standard),
        "title": _text(standard.title), "summary": _text(standard.summary),
        "requirements": [{"id": r.id, "level": r.level, "text": _text(r.text)} for r in standard.requirements],
        "legal_basis": sorted({_citation(c) for c in standard.legal_basis}),
        **({"replaced_by": standard.replaced_by} if standard.replaced_by else {}),
    }


def snapshot(catalogue: Catalogue, edition: str, released: str) -> dict:
    """The record of an edition: every standard as `catalogue` has it now."""
    return {"edition": edition, "released": released,
            "standards": {s.id: record(s) for s in catalogue.standards}}


def working_tree(catalogue: Catalogue) -> dict:
    """The catalogue as it is now, in the shape of an edition's record."""
    return snapshot(catalogue, "working tree", "")


# -- what changed --------------------------------------------------------------------------------

@dataclass
class RequirementChange:
    id: str
    change: str  # added | removed | stronger | weaker | text
    old: dict | None = None  # {"level", "text"}
    new: dict | None = None


@dataclass
class StandardChange:
    id: str
    change: str  # added | removed | withdrawn | changed
    old_version: str | None = None
    new_version: str | None = None
    title: dict | None = None  # the newest title
    requirements: list[RequirementChange] = field(default_factory=list)
    roles_added: list[str] = field(default_factory=list)
    roles_removed: list[str] = field(default_factory=list)
    legal_added: list[str] = field(default_factory=list)
    legal_removed: list[str] = field(default_factory=list)
    title_changed: bool = False
    summary_changed: bool = False
    old_summary: dict | None = None
    new_summary: dict | None = None
    old_title: dict | None = None

    @property
    def obligations(self) -> list[str]:
        """What changed in what officers must do: the reasons a MAJOR version is needed."""
        kinds = ("added", "removed", "stronger", "weaker")
        reasons = [f"{r.id} {r.change}" for r in self.requirements if r.change in kinds]
        reasons += [f"role {role} added" for role in self.roles_added]
        return reasons


def _requirements(old: dict, new: dict) -> list[RequirementChange]:
    before = {r["id"]: r for r in old["requirements"]}
    after = {r["id"]: r for r in new["requirements"]}
    changes = []
    for rid, requirement in after.items():
        previous = before.get(rid)
        if previous is None:
            changes.append(RequirementChange(rid, "added", None, _brief(requirement)))
        elif previous["level"] != requirement["level"]:
            up = LEVEL_ORDER[requirement["level"]] > LEVEL_ORDER[previous["level"]]
            kind = "stronger" if up else "weaker"
            changes.append(RequirementChange(rid, kind, _brief(previous), _brief(requirement)))
        elif previous["text"] != requirement["text"]:
            changes.append(RequirementChange(rid, "text", _brief(previous), _brief(requirement)))
    changes += [RequirementChange(rid, "removed", _brief(r), None) for rid, r in before.items() if rid not in after]
    return changes


def _brief(requirement: dict) -> dict:
    return {"level": requirement["level"], "text": requirement["text"]}


def compare(old: dict, new: dict) -> list[StandardChange]:
    """Every standard that differs between two records (editions or the working tree), by ID."""
    changes = []
    before, after = old["standards"], new["standards"]
    for sid in sorted(set(before) | set(after)):
        was, now = before.get(sid), after.get(sid)
        if was is None:
            added = [RequirementChange(r["id"], "added", None, _brief(r)) for r in now["requirements"]]
            changes.append(StandardChange(sid, "added", None, now["version"], now["title"], added,
                                          roles_added=list(now["roles"])))
            continue
        if now is None:
            changes.append(StandardChange(sid, "removed", was["version"], None, was["title"]))
            continue
        if was["hash"] == now["hash"] and was["version"] == now["version"]:
            continue
        kind = "withdrawn" if now["status"] == "withdrawn" and was["status"] != "withdrawn" else "changed"
        changes.append(StandardChange(
            sid, kind, was["version"], now["version"], now["title"], _requirements(was, now),
            sorted(set(now["roles"]) - set(was["roles"])), sorted(set(was["roles"]) - set(now["roles"])),
            sorted(set(now["legal_basis"]) - set(was["legal_basis"])),
            sorted(set(was["legal_basis"]) - set(now["legal_basis"])),
            was["title"] != now["title"], was["summary"] != now["summary"], was["summary"], now["summary"],
            was["title"]))
    return changes


def as_json(old: dict, new: dict, changes: list[StandardChange]) -> dict:
    """The documented `tism diff --json` shape."""
    return {"from": old["edition"], "to": new["edition"], "format": 1, "standards": [
        {"id": c.id, "change": c.change, "version": {"old": c.old_version, "new": c.new_version},
         "obligations": c.obligations,
         "requirements": [{"id": r.id, "change": r.change, "old": r.old, "new": r.new} for r in c.requirements],
         "roles": {"added": c.roles_added, "removed": c.roles_removed},
         "legal_basis": {"added": c.legal_added, "removed": c.legal_removed},
         "title_changed": c.title_changed, "summary_changed": c.summary_changed}
        for c in changes]}


def word_diff(old: str, new: str) -> str:
    """`old` -> `new` as words with [-removed-] and {+added+} marks."""
    import difflib

    a, b = old.split(), new.split()
    out = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "equal":
            out += a[i1:i2]
        if op in ("delete", "replace"):
            out.append("[-" + " ".join(a[i1:i2]) + "-]")
        if op in ("insert", "replace"):
            out.append("{+" + " ".join(b[j1:j2]) + "+}")
    return " ".join(out)


def for_role(changes: list[StandardChange], role: str, records: dict) -> list[StandardChange]:
    """The changes to standards for `role` (as the newer record has them, or the older if removed)."""
    def roles(sid: str) -> list[str]:
        return (records["new"]["standards"].get(sid) or records["old"]["standards"].get(sid) or {}).get("roles", [])

    return [c for c in changes if role in roles(c.id)]


EDITION_PATTERN = re.compile(r"^[0-9]{4}\.[0-9]+$")


def stale_texts(catalogue: Catalogue, standard: Standard, lang: str) -> set[str]:
    """The texts ("title", "summary", requirement IDs) whose English changed since the newest
    edition while their translation into `lang` did not, unless a translator has reviewed the
    standard's translation since its newest change (translation_reviewed)."""
    names = sorted(catalogue.editions, key=edition_key)
    if not names or lang == "en":
        return set()
    was = catalogue.editions[names[-1]]["standards"].get(standard.id)
    if was is None:
        return set()
    reviewed = standard.translation_reviewed.get(lang)
    if reviewed and standard.changes and reviewed >= standard.changes[0].date:
        return set()
    before = {"title": was["title"], "summary": was["summary"], **{r["id"]: r["text"] for r in was["requirements"]}}
    now = {"title": standard.title, "summary": standard.summary, **{r.id: r.text for r in standard.requirements}}
    stale = set()
    for key, text in now.items():
        old = before.get(key)
        if old is not None and text.source != old.get("en") and lang in text and text[lang] == old.get(lang):
            stale.add(key)
    return stale
