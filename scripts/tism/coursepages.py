"""The training curriculum on the site, as Markdown (pure, escaped): an index of the courses, a
page per course (modules, objectives with the requirements they teach, materials, trainer's notes,
exercises with the model answer for the trainer, the course's printables) and the training matrix:
every requirement in force, by chapter, against the courses that teach it, with the MUST
requirements no course for their roles teaches marked, and a filter by role.

Where a standard a course teaches changed after the course's lessons were written (`written`), the
objectives that teach it say so ("standard changed since this lesson was written"), with the
change from the standard's history, until a trainer checks the lessons and sets a new day."""
from __future__ import annotations

from . import curriculum, trainerpack
from .model import Catalogue, Change, Course
from .render import attribute, html_words, inline, localized, words

INDEX = "curriculum.md"
MATRIX = "curriculum/matrix.md"


def course_path(course_id: str) -> str:
    return f"curriculum/{course_id}.md"


def render_index(catalogue: Catalogue, lang: str) -> str:
    word = words(catalogue, lang)
    out = [f"# {word('curriculum')}", "", word("curriculum_intro"), "",
           f"[{word('training_matrix')}]({MATRIX})", ""]
    if catalogue.self_assessment is not None:
        out += [f"[{word('self_assessment')}]({trainerpack.SELF_ASSESSMENT})", ""]
    out += [f"| {word('course')} | {word('audience')} | {word('hours')} | {word('objectives')} |", "|---|---|---|---|"]
    for course in catalogue.courses.values():
        objectives = sum(len(m.objectives) for m in course.modules)
        out.append(f"| [{inline(course.id)} · {inline(course.title.get(lang))}]({course_path(course.id)}) "
                   f"| {trainerpack.audience(course, catalogue, lang)} "
                   f"| {trainerpack.number(course.hours, catalogue, lang)} "
                   f"| {trainerpack.number(objectives, catalogue, lang)} |")
    return "\n".join(out + [""])


def _requirement_links(ids, catalogue: Catalogue) -> str:
    return ", ".join(f"[{inline(rid)}](../standards/{rid.split('.')[0]}.md#{rid})" for rid in ids
                     if rid.split(".")[0] in catalogue.by_id)


def _changed_note(sids: list[str], changed: dict[str, list[Change]], catalogue: Catalogue, lang: str) -> str:
    """The mark on an objective whose standards changed after the lesson was written."""
    word = words(catalogue, lang)
    parts = []
    for sid in sids:
        entries = "; ".join(f"{inline(c.version)}, {inline(c.date)}: {localized(c.summary, lang, catalogue)}"
                            for c in changed[sid])
        parts.append(f"[{inline(sid)}](../standards/{sid}.md) ({entries})")
    return f'<span class="tism-changed-since">{word("changed_since")}</span>: ' + "; ".join(parts)


def render_course(course: Course, catalogue: Catalogue, lang: str) -> str:
    word = words(catalogue, lang)
    changed = curriculum.changed_since(course, catalogue)
    out = [f"# {inline(course.id)} · {inline(course.title.get(lang))}", "",
           localized(course.summary, lang, catalogue), "",
           trainerpack.facts(course, catalogue, lang), "{ .tism-meta }", ""]
    if course.written is not None:
        out += [f"{word('written_on')}: {inline(course.written)}", "{ .tism-meta }", ""]
    if changed:
        out += ['!!! warning "' + word("changed_since") + '"', "",
                "    " + ", ".join(f"[{inline(sid)}](../standards/{sid}.md)" for sid in changed), ""]
    for label, ids in (("prerequisites", course.prerequisites), ("includes", course.includes)):
        known = [i for i in ids if i in catalogue.courses]
        if known:
            out += [f"{word(label)}: " + ", ".join(f"[{inline(i)}]({i}.md)" for i in known), ""]
    printables = " · ".join(f"[{word(kind.label)}](../{trainerpack.view_path(course.id, kind.key)})"
                            for kind in trainerpack.KINDS)
    out += [f"{word('print_course')}: {printables}", "{ .tism-course-printables }", ""]
    for module in course.modules:
        out += [f"## {inline(module.id)} · {inline(module.title.get(lang))} "
                f"({trainerpack.hours(module.hours, catalogue, lang)})", "",
                f"{word('methods')}: {trainerpack.methods(module, catalogue, lang)}", "",
                f"### {word('objectives')}", ""]
        for objective in module.objectives:
            out.append(f"- {localized(objective.text, lang, catalogue)} "
                       f"({_requirement_links(objective.teaches, catalogue)})")
            stale = curriculum.changed_for(objective.teaches, changed)
            if stale:
                out += ["", "    " + _changed_note(stale, changed, catalogue, lang), ""]
        out.append("")
        standards = [s for s in module.materials.get("standards", ()) if s in catalogue.by_id]
        if standards:
            links = ", ".join(f"[{inline(s)}](../standards/{s}.md)" for s in standards)
            out += [f"{word('materials')}: {links}", ""]
        if module.trainer_notes is not None:
            notes = localized(module.trainer_notes, lang, catalogue)
            out += [f'??? note "{word("trainer_notes")}"', "", f"    {notes}", ""]
    if course.exercises:
        out += [f"## {word('exercises')}", ""]
        for exercise in course.exercises:
            out += trainerpack.exercise_brief(exercise, catalogue, lang)
            out += [f'??? note "{word("model_answer")}"', "",
                    "    " + localized(exercise.model_answer, lang, catalogue) + " ("
                    + _requirement_links(exercise.requirements, catalogue) + ")", ""]
    return "\n".join(out)


def render_matrix(catalogue: Catalogue, lang: str) -> str:
    """Requirements in force (rows, by chapter) against the courses (columns): which teach each.
    An HTML table per chapter, its rows and columns carrying their roles, so the role filter
    (web/training.js) can show one role's requirements and courses; without script, all show."""
    word, label = words(catalogue, lang), html_words(catalogue, lang)
    taught = curriculum.taught_by(catalogue)
    courses = list(catalogue.courses.values())
    untaught = set(curriculum.untaught_must(catalogue))
    gaps = curriculum.gaps_by_role(catalogue)
    options = "".join(f'<option value="{attribute(key)}">{attribute(role.get(lang))}</option>'
                      for key, role in catalogue.roles.items())
    out = [f"# {word('training_matrix')}", "", word("matrix_intro"), "",
           f"{word('untaught_must')}: {len(untaught)}", "{ .tism-meta }", "",
           f'<p class="tism-matrix-filter" hidden><label for="tism-role-filter">{label("role_filter")}</label> '
           f'<select id="tism-role-filter" data-tism-role-filter><option value="">{label("all_roles")}</option>'
           f'{options}</select></p>', ""]
    heads = "".join(f'<th scope="col" data-roles="{attribute(" ".join(c.audience))}">'
                    f'<a href="../{attribute(course_path(c.id)[:-3])}.html"><code>{attribute(c.id)}</code></a></th>'
                    for c in courses)
    for chapter in catalogue.chapters:
        rows = []
        for standard in catalogue.in_chapter(chapter.code):
            for r in standard.requirements:
                hidden = "" if r.id in untaught else " hidden"  # shown by the role filter where a role lacks it
                mark = f' <strong class="tism-gap-mark"{hidden}>{label("not_taught")}</strong>' if r.id in gaps else ""
                cells = "".join(f'<td data-roles="{attribute(" ".join(c.audience))}">'
                                f'{label("taught") if c.id in taught.get(r.id, ()) else ""}</td>' for c in courses)
                gap = ' class="tism-gap"' if r.id in untaught else ""
                rows.append(f'<tr data-roles="{attribute(" ".join(standard.roles))}" '
                            f'data-gap-roles="{attribute(" ".join(gaps.get(r.id, ())))}"{gap}>'
                            f'<th scope="row">{attribute(r.id)}{mark}</th><td>{label(r.level)}</td>{cells}</tr>')
        if not rows:
            continue
        out += [f"## {inline(chapter.code)} · {inline(chapter.title.get(lang))}", "",
                '<div class="tism-matrix-wrap"><table class="tism-matrix">'
                f'<thead><tr><th scope="col">{label("requirement")}</th>'
                f'<th scope="col">{label("level")}</th>{heads}</tr>'
                "</thead><tbody>" + "".join(rows) + "</tbody></table></div>", ""]
    return "\n".join(out)


def course_pages(catalogue: Catalogue, lang: str) -> dict[str, str]:
    """Every page of the curriculum, by path; none when the manual has no curriculum."""
    if not catalogue.courses:
        return {}
    pages = {INDEX: render_index(catalogue, lang), MATRIX: render_matrix(catalogue, lang)}
    pages.update({course_path(c.id): render_course(c, catalogue, lang) for c in catalogue.courses.values()})
    return pages
