"""The training curriculum read against the standards (pure): what each course teaches, and which
MUST requirements no course for their roles teaches (tism report, the training matrix)."""
from __future__ import annotations

from .model import Catalogue


def taught_by(catalogue: Catalogue) -> dict[str, list[str]]:
    """Requirement ID -> the courses (IDs, in catalogue order) whose objectives teach it."""
    found: dict[str, list[str]] = {}
    for course in catalogue.courses.values():
        for rid in sorted(course.teaches()):
            found.setdefault(rid, []).append(course.id)
    return found


def untaught_must(catalogue: Catalogue) -> list[str]:
    """MUST requirements in force that no course whose audience shares a role of their standard
    teaches, in ID order (with no curriculum yet, every MUST requirement). The rule
    curriculum-untaught-must warns with the same count from the files (tism.rules)."""
    roles_taught: dict[str, set[str]] = {}
    for course in catalogue.courses.values():
        for rid in course.teaches():
            roles_taught.setdefault(rid, set()).update(course.audience)
    return sorted(r.id for s in catalogue.standards if s.status != "withdrawn" for r in s.requirements
                  if r.level == "must" and not roles_taught.get(r.id, set()) & set(s.roles))
