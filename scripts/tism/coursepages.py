"""The training curriculum on the site, as Markdown (pure, escaped): an index of the courses, a
page per course (modules, objectives with the requirements they teach, materials, trainer's notes,
exercises with the model answer for the trainer) and the training matrix: every requirement in
force, by chapter, against the courses that teach it, with the ones no course teaches marked."""
from __future__ import annotations

from . import curriculum
from .model import Catalogue, Course
from .render import attribute, inline, localized, words

INDEX = "curriculum.md"
MATRIX = "curriculum/matrix.md"


def course_path(course_id: str) -> str:
    return f"curriculum/{course_id}.md"


def render_index(catalogue: Catalogue, lang: str) -> str:
    word = words(catalogue, lang)
    out = [f"# {word('curriculum')}", "", word("curriculum_intro"), "",
           f"[{word('training_matrix')}]({MATRIX})", "",
           f"| {word('course')} | {word('audience')} | {word('hours')} | {word('objectives')} |", "|---|---|---|---|"]
    for course in catalogue.courses.values():
        audience = ", ".join(inline(catalogue.roles[r].get(lang)) for r in course.audience if r in catalogue.roles)
        objectives = sum(len(m.objectives) for m in course.modules)
        out.append(f"| [{inline(course.id)} · {inline(course.title.get(lang))}]({course_path(course.id)}) "
                   f"| {audience} | {course.hours:g} | {objectives} |")
    return "\n".join(out + [""])


def _requirement_links(ids, catalogue: Catalogue) -> str:
    return ", ".join(f"[{inline(rid)}](../standards/{rid.split('.')[0]}.md#{rid})" for rid in ids
                     if rid.split(".")[0] in catalogue.by_id)


def render_course(course: Course, catalogue: Catalogue, lang: str) -> str:
    word = words(catalogue, lang)
    audience = ", ".join(inline(catalogue.roles[r].get(lang)) for r in course.audience if r in catalogue.roles)
    out = [f"# {inline(course.id)} · {inline(course.title.get(lang))}", "",
           localized(course.summary, lang, catalogue), "",
           f"{word('audience')}: {audience} · {word('hours')}: {course.hours:g}", "{ .tism-meta }", ""]
    for label, ids in (("prerequisites", course.prerequisites), ("includes", course.includes)):
        known = [i for i in ids if i in catalogue.courses]
        if known:
            out += [f"{word(label)}: " + ", ".join(f"[{inline(i)}]({i}.md)" for i in known), ""]
    for module in course.modules:
        out += [f"## {inline(module.id)} · {inline(module.title.get(lang))} ({module.hours:g} h)", "",
                f"{word('methods')}: " + ", ".join(inline(m) for m in module.methods), "",
                f"### {word('objectives')}", ""]
        out += [f"- {localized(o.text, lang, catalogue)} ({_requirement_links(o.teaches, catalogue)})"
                for o in module.objectives] + [""]
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
            out += [f"### {inline(exercise.id)} · {inline(exercise.title.get(lang))}", "",
                    localized(exercise.scenario, lang, catalogue), ""]
            out += [f"{n}. {localized(t, lang, catalogue)}" for n, t in enumerate(exercise.tasks, 1)] + [""]
            out += [f'??? note "{word("model_answer")}"', "",
                    "    " + localized(exercise.model_answer, lang, catalogue) + " ("
                    + _requirement_links(exercise.requirements, catalogue) + ")", ""]
    return "\n".join(out)


def render_matrix(catalogue: Catalogue, lang: str) -> str:
    """Requirements in force (rows, by chapter) against the courses (columns): which teach each."""
    word = words(catalogue, lang)
    taught = curriculum.taught_by(catalogue)
    courses = list(catalogue.courses.values())
    untaught = set(curriculum.untaught_must(catalogue))
    out = [f"# {word('training_matrix')}", "", word("matrix_intro"), "",
           f"{word('untaught_must')}: {len(untaught)}", "{ .tism-meta }", ""]
    head = " | ".join(f"[<code>{attribute(c.id)}</code>](../{course_path(c.id)})" for c in courses)
    for chapter in catalogue.chapters:
        out += [f"## {inline(chapter.code)} · {inline(chapter.title.get(lang))}", "",
                f"| {word('requirement')} | {word('level')} | {head} |", "|---|---|" + "---|" * len(courses)]
        for standard in catalogue.in_chapter(chapter.code):
            for r in standard.requirements:
                mark = f" **{word('not_taught')}**" if r.id in untaught else ""
                cells = " | ".join(word("taught") if c.id in taught.get(r.id, ()) else "" for c in courses)
                link = f"[{inline(r.id)}](../standards/{standard.id}.md#{r.id})"
                out.append(f"| {link}{mark} | {word(r.level)} | {cells} |")
        out.append("")
    return "\n".join(out)


def course_pages(catalogue: Catalogue, lang: str) -> dict[str, str]:
    """Every page of the curriculum, by path; none when the manual has no curriculum."""
    if not catalogue.courses:
        return {}
    pages = {INDEX: render_index(catalogue, lang), MATRIX: render_matrix(catalogue, lang)}
    pages.update({course_path(c.id): render_course(c, catalogue, lang) for c in catalogue.courses.values()})
    return pages
