"""The training curriculum read against the standards (pure): what each course teaches, and which
MUST requirements no course for their roles teaches (tism report, the training matrix)."""
from __future__ import annotations

from collections.abc import Iterable

from .model import Catalogue


def taught_by(catalogue: Catalogue) -> dict[str, list[str]]:
    """Requirement ID -> the courses (IDs, in catalogue order) whose objectives teach it."""
    found: dict[str, list[str]] = {}
    for course in catalogue.courses.values():
        for rid in sorted(course.teaches()):
            found.setdefault(rid, []).append(course.id)
    return found


def untaught(musts: Iterable[tuple[str, Iterable[str]]],
             courses: Iterable[tuple[Iterable[str], Iterable[str]]]) -> list[str]:
    """The MUST requirements that no course whose audience shares a role of their standard
    teaches, in ID order. `musts`: (requirement ID, roles of its standard) for each MUST
    requirement in force; `courses`: (audience, requirement IDs its objectives teach)."""
    roles_taught: dict[str, set[str]] = {}
    for audience, taught in courses:
        for rid in taught:
            roles_taught.setdefault(rid, set()).update(audience)
    return sorted(rid for rid, roles in musts if not roles_taught.get(rid, set()) & set(roles))


def untaught_must(catalogue: Catalogue) -> list[str]:
    """untaught() for the Catalogue (with no curriculum yet, every MUST requirement); the rule
    curriculum-untaught-must asks the same of the files."""
    musts = [(r.id, s.roles) for s in catalogue.standards if s.status != "withdrawn"
             for r in s.requirements if r.level == "must"]
    return untaught(musts, [(c.audience, c.teaches()) for c in catalogue.courses.values()])
