"""The training curriculum read against the standards (pure): what each course teaches, which MUST
requirements no course for their roles teaches (tism report, the training matrix), which standards
changed since a course was written, and the questions of its pre- and post-course test."""
from __future__ import annotations

from collections.abc import Iterable

from .model import Catalogue, Change, Course, Question


def taught_by(catalogue: Catalogue) -> dict[str, list[str]]:
    """Requirement ID -> the courses (IDs, in catalogue order) whose objectives teach it."""
    found: dict[str, list[str]] = {}
    for course in catalogue.courses.values():
        for rid in sorted(course.teaches()):
            found.setdefault(rid, []).append(course.id)
    return found


def _roles_taught(courses: Iterable[tuple[Iterable[str], Iterable[str]]]) -> dict[str, set[str]]:
    """Requirement ID -> the roles of the audiences of the courses that teach it. `courses`:
    (audience, requirement IDs its objectives teach)."""
    roles_taught: dict[str, set[str]] = {}
    for audience, taught in courses:
        for rid in taught:
            roles_taught.setdefault(rid, set()).update(audience)
    return roles_taught


def untaught(musts: Iterable[tuple[str, Iterable[str]]],
             courses: Iterable[tuple[Iterable[str], Iterable[str]]]) -> list[str]:
    """The MUST requirements that no course whose audience shares a role of their standard
    teaches, in ID order. `musts`: (requirement ID, roles of its standard) for each MUST
    requirement in force; `courses`: (audience, requirement IDs its objectives teach)."""
    roles_taught = _roles_taught(courses)
    return sorted(rid for rid, roles in musts if not roles_taught.get(rid, set()) & set(roles))


def _musts(catalogue: Catalogue) -> list[tuple[str, tuple[str, ...]]]:
    """(ID, roles of its standard) of every MUST requirement in force, in catalogue order."""
    return [(r.id, s.roles) for s in catalogue.standards if s.status != "withdrawn"
            for r in s.requirements if r.level == "must"]


def _courses(catalogue: Catalogue) -> list[tuple[tuple[str, ...], set[str]]]:
    return [(c.audience, c.teaches()) for c in catalogue.courses.values()]


def untaught_must(catalogue: Catalogue) -> list[str]:
    """untaught() for the Catalogue (with no curriculum yet, every MUST requirement); the rule
    curriculum-untaught-must asks the same of the files."""
    return untaught(_musts(catalogue), _courses(catalogue))


def gaps_by_role(catalogue: Catalogue) -> dict[str, list[str]]:
    """MUST requirement ID -> the roles of its standard for which no course with that role in its
    audience teaches it (the matrix marks them under its role filter). A requirement is in
    untaught_must() when every role of its standard is here."""
    roles_taught = _roles_taught(_courses(catalogue))
    found = {}
    for rid, roles in _musts(catalogue):
        missing = [role for role in roles if role not in roles_taught.get(rid, set())]
        if missing:
            found[rid] = missing
    return found


def standards_taught(course: Course) -> list[str]:
    """The standards whose requirements the course teaches, tests or practises, in ID order."""
    found = {rid.split(".")[0] for rid in course.teaches()}
    found |= {q.tests.split(".")[0] for q in course.questions()}
    found |= {rid.split(".")[0] for x in course.exercises for rid in x.requirements}
    return sorted(found)


def changed_since(course: Course, catalogue: Catalogue) -> dict[str, list[Change]]:
    """The standards the course teaches that changed after its lessons were written (`written`),
    each with the history entries dated later, by standard ID. Nothing when the course gives no
    day. The history is what change control keeps honest: every change of content needs a new
    version and an entry (tism.editions)."""
    if course.written is None:
        return {}
    found = {}
    for sid in standards_taught(course):
        standard = catalogue.by_id.get(sid)
        later = [c for c in standard.changes if c.date > course.written] if standard else []
        if later:
            found[sid] = later
    return found


def changed_for(ids: Iterable[str], changed: dict[str, list[Change]]) -> list[str]:
    """Of the requirement IDs `ids`, the standards (IDs, in order) among `changed`."""
    return sorted({rid.split(".")[0] for rid in ids} & set(changed))


PREPOST_PER_MODULE = 2  # questions of each module in the pre- and post-course test


def prepost(course: Course) -> tuple[Question, ...]:
    """The pre- and post-course test: the same questions before and after, so the difference is
    what was learnt. From each module, up to PREPOST_PER_MODULE questions, each testing a
    requirement of a different objective (in the order of the objectives), then of any other."""
    chosen: list[Question] = []
    for module in course.modules:
        picked: list[Question] = []
        for objective in module.objectives:
            if len(picked) == PREPOST_PER_MODULE:
                break
            match = next((q for q in module.questions if q.tests in objective.teaches and q not in picked), None)
            if match is not None:
                picked.append(match)
        picked += [q for q in module.questions if q not in picked][:PREPOST_PER_MODULE - len(picked)]
        chosen += sorted(picked, key=module.questions.index)
    return tuple(chosen)
