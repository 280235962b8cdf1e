"""The trainer's pack of each course, as print views of the site (pure, escaped Markdown and HTML):
the trainer's guide (timetable and lesson plans), the participant handout (objectives with the text
of the requirements they teach, exercises without answers), the knowledge check (every module's
questions, no answers), the pre- and post-course test (tism.curriculum.prepost) and the answer key.
`tism print` makes each a PDF in each language (tism.printing); the "Print and hand out" page lists
them. Also the unit self-assessment page: questions with Yes / Partly / No / Not applicable, a
score per chapter (web/training.js adds them up on the site; on paper the rule is printed), and a
worksheet of barriers and actions (strengths, weaknesses, opportunities, threats)."""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from . import curriculum
from .model import Catalogue, Course, Exercise, Module, Question
from .render import attribute, html_words, inline, localized, words

SELF_ASSESSMENT = "self-assessment.md"
ACTION_ROWS = 8  # blank rows of the actions table
ACTION_COLUMNS = ("action_barrier", "action_what", "action_who", "action_when")  # their labels


@dataclass(frozen=True)
class Kind:
    key: str    # in the page's path and the PDF's name: guide, handout, check, test, key
    label: str  # its name, a label of languages.yaml


KINDS = (Kind("guide", "trainers_guide"), Kind("handout", "handout"), Kind("check", "knowledge_check"),
         Kind("test", "prepost_test"), Kind("key", "answer_key"))


def view_path(course_id: str, kind: str) -> str:
    """The print view of one part of a course's pack, inside the site (Markdown path)."""
    return f"print/curriculum/{course_id}-{kind}.md"


def audience(course: Course, catalogue: Catalogue, lang: str) -> str:
    """The roles a course is for, named in `lang` (Markdown)."""
    return ", ".join(inline(catalogue.roles[r].get(lang)) for r in course.audience if r in catalogue.roles)


def facts(course: Course, catalogue: Catalogue, lang: str) -> str:
    """"For: … · Hours: …", as the course page and the trainer's guide give them (Markdown)."""
    word = words(catalogue, lang)
    return (f"{word('audience')}: {audience(course, catalogue, lang)} · "
            f"{word('hours')}: {number(course.hours, catalogue, lang)}")


def _head(course: Course, catalogue: Catalogue, lang: str, kind: str) -> list[str]:
    word = words(catalogue, lang)
    label = next(k.label for k in KINDS if k.key == kind)
    return [f"# {inline(course.id)} · {inline(course.title.get(lang))}", "",
            f"**{word(label)}** · {word('print_edition')} {inline(catalogue.edition)}", "{ .tism-print-edition }", ""]


def _requirement_line(rid: str, catalogue: Catalogue, lang: str) -> str:
    found = catalogue.requirement(rid)
    if found is None:
        return inline(rid)
    _, requirement = found
    word = words(catalogue, lang)
    return f"**{inline(rid)}** ({word(requirement.level)}): {localized(requirement.text, lang, catalogue)}"


def render_guide(course: Course, catalogue: Catalogue, lang: str) -> str:
    """Timetable, then per module its lesson plan: objectives, methods, timings (the trainer's
    notes), materials from the manual and the questions that check it; then the exercises with
    their model answers."""
    word = words(catalogue, lang)
    changed = curriculum.changed_since(course, catalogue)
    out = _head(course, catalogue, lang, "guide") + [
        localized(course.summary, lang, catalogue), "",
        facts(course, catalogue, lang), ""]
    for key, ids in (("prerequisites", course.prerequisites), ("includes", course.includes)):
        known = [catalogue.courses[i] for i in ids if i in catalogue.courses]
        if known:
            out += [f"{word(key)}: " + "; ".join(
                f"{inline(c.id)} · {inline(c.title.get(lang))} ({hours(c.hours, catalogue, lang)})" for c in known), ""]
    if changed:
        out += [f"**{word('changed_since')}:** " + ", ".join(inline(s) for s in changed), ""]
    out += [f"## {word('timetable')}", "",
            f"| {word('module')} | {word('hours')} | {word('methods')} | {word('objectives')} |", "|---|---|---|---|"]
    out += [f"| {inline(m.id)} · {inline(m.title.get(lang))} | {number(m.hours, catalogue, lang)} "
            f"| {methods(m, catalogue, lang)} "
            f"| {number(len(m.objectives), catalogue, lang)} |" for m in course.modules]
    out += [f"| **{word('total')}** | **{number(course.hours, catalogue, lang)}** | | |", ""]
    for module in course.modules:
        out += ['<div class="tism-print-standard" markdown="block">', "",
                f"## {inline(module.id)} · {inline(module.title.get(lang))} "
                f"({hours(module.hours, catalogue, lang)})", "",
                f"### {word('objectives')}", ""]
        for objective in module.objectives:
            stale = curriculum.changed_for(objective.teaches, changed)
            mark = f" **{word('changed_since')}: {', '.join(inline(s) for s in stale)}**" if stale else ""
            teaches = ", ".join(inline(r) for r in objective.teaches)
            out.append(f"- {localized(objective.text, lang, catalogue)} ({teaches}){mark}")
        out += ["", f"### {word('lesson_plan')}", "", f"{word('methods')}: {methods(module, catalogue, lang)}", ""]
        if module.trainer_notes is not None:
            out += [localized(module.trainer_notes, lang, catalogue), ""]
        materials = _materials(module.materials, catalogue, lang)
        if materials:
            out += [f"{word('materials')}:", ""] + [f"- {line}" for line in materials] + [""]
        out += [f"{word('knowledge_check')}: " + ", ".join(f"<code>{attribute(q.id)}</code>" for q in module.questions),
                "", "</div>", ""]
    if course.exercises:
        out += ['<div class="tism-print-standard" markdown="block">', "", f"## {word('exercises')}", ""]
        for exercise in course.exercises:
            out += exercise_brief(exercise, catalogue, lang)
            out += [f"**{word('model_answer')}:** {localized(exercise.model_answer, lang, catalogue)}", ""]
        out += ["</div>", ""]
    return "\n".join(out)


def exercise_brief(exercise: Exercise, catalogue: Catalogue, lang: str) -> list[str]:
    """An exercise as participants get it (Markdown lines): its title, scenario and tasks."""
    return [f"### {inline(exercise.id)} · {inline(exercise.title.get(lang))}", "",
            localized(exercise.scenario, lang, catalogue), "",
            *(f"{n}. {localized(t, lang, catalogue)}" for n, t in enumerate(exercise.tasks, 1)), ""]


def _materials(materials: dict[str, tuple[str, ...]], catalogue: Catalogue, lang: str) -> list[str]:
    lines = [f"{inline(s)} · {inline(catalogue.by_id[s].title.get(lang))}"
             for s in materials.get("standards", ()) if s in catalogue.by_id]
    lines += [f"{inline(f)} · {inline(catalogue.forms[f].title.get(lang))}"
              for f in materials.get("forms", ()) if f in catalogue.forms]
    lines += [inline(catalogue.cards[c].title.get(lang)) for c in materials.get("cards", ()) if c in catalogue.cards]
    lines += [inline(catalogue.indicators[g].title.get(lang))
              for g in materials.get("indicators", ()) if g in catalogue.indicators]
    return lines


def render_handout(course: Course, catalogue: Catalogue, lang: str) -> str:
    """For participants: what each module teaches, with the text of the requirements behind it,
    and the exercises' scenarios and tasks (the model answers stay in the trainer's guide)."""
    word = words(catalogue, lang)
    out = _head(course, catalogue, lang, "handout") + [localized(course.summary, lang, catalogue), ""]
    for module in course.modules:
        out += [f"## {inline(module.id)} · {inline(module.title.get(lang))}", "", f"### {word('objectives')}", ""]
        out += [f"- {localized(o.text, lang, catalogue)}" for o in module.objectives] + [""]
        out += [f"### {word('what_the_manual_requires')}", ""]
        seen: list[str] = []
        for objective in module.objectives:
            seen += [r for r in objective.teaches if r not in seen]
        out += [f"- {_requirement_line(rid, catalogue, lang)}" for rid in seen] + [""]
    if course.exercises:
        out += [f"## {word('exercises')}", ""]
        for exercise in course.exercises:
            out += exercise_brief(exercise, catalogue, lang)
    return "\n".join(out)


def number(n: int | float, catalogue: Catalogue, lang: str) -> str:
    """A number in the digits of `lang` (the questions' numbers, hours): ১২ on Bengali paper."""
    return catalogue.languages[lang].in_digits(f"{n:g}")


def hours(h: float, catalogue: Catalogue, lang: str) -> str:
    """A duration as a heading shows it: "3 h", "৩ ঘণ্টা"."""
    return f"{number(h, catalogue, lang)} {inline(catalogue.languages.label(lang, 'hours_short'))}"


def methods(module: Module, catalogue: Catalogue, lang: str) -> str:
    """A module's teaching methods in `lang` (the names of languages.yaml, method_<name>)."""
    return ", ".join(inline(catalogue.languages.label(lang, "method_" + m.replace("-", "_"))) for m in module.methods)


def letters(catalogue: Catalogue, lang: str) -> list[str]:
    """The letters options are numbered with in `lang` (a, b, c … / ক, খ, গ …)."""
    return catalogue.languages.label(lang, "option_letters").split()


def _question(n: int, question: Question, catalogue: Catalogue, lang: str) -> str:
    """A question to answer on paper: its number, text and a box before each answer."""
    label = html_words(catalogue, lang)
    text = attribute(question.text.get(lang))
    if question.kind == "true-false":
        answers = [label("answer_true"), label("answer_false")]
    else:
        answers = [f"{letter}) {attribute(option.get(lang))}"
                   for letter, option in zip(letters(catalogue, lang), question.options, strict=False)]
    boxes = "".join(f'<li><span class="tism-box"></span> {a}</li>' for a in answers)
    return (f'<div class="tism-question"><p><strong>{number(n, catalogue, lang)}.</strong> {text}</p>'
            f'<ul class="tism-answers">{boxes}</ul></div>')


def _fill_in(catalogue: Catalogue, lang: str, *extra: str) -> str:
    label = html_words(catalogue, lang)
    fields = [f'<span class="tism-fill">{label("name_line")}: <span class="tism-line"></span></span>',
              f'<span class="tism-fill">{label("date_line")}: <span class="tism-line"></span></span>', *extra]
    return '<p class="tism-fill-in">' + " ".join(fields) + "</p>"


def _numbered(course: Course) -> Iterator[tuple[Module, list[tuple[int, Question]]]]:
    """Each module with its questions, numbered through the course (as the check and the key
    number them)."""
    first = 1
    for module in course.modules:
        yield module, list(enumerate(module.questions, first))
        first += len(module.questions)


def render_check(course: Course, catalogue: Catalogue, lang: str) -> str:
    """Every module's questions, numbered through the course, without the answers."""
    word = words(catalogue, lang)
    out = _head(course, catalogue, lang, "check") + [_fill_in(catalogue, lang), "", word("knowledge_check_intro"), ""]
    for module, questions in _numbered(course):
        out += [f"## {inline(module.id)} · {inline(module.title.get(lang))}", ""]
        for n, question in questions:
            out += [_question(n, question, catalogue, lang), ""]
    return "\n".join(out)


def render_test(course: Course, catalogue: Catalogue, lang: str) -> str:
    """The pre- and post-course test: the same questions before and after the course."""
    word, label = words(catalogue, lang), html_words(catalogue, lang)
    when = (f'<span class="tism-fill"><span class="tism-box"></span> {label("before_course")} '
            f'<span class="tism-box"></span> {label("after_course")}</span>')
    score = f'<span class="tism-fill">{label("score_line")}: <span class="tism-line tism-line--short"></span></span>'
    out = _head(course, catalogue, lang, "test")
    out += [_fill_in(catalogue, lang, when, score), "", word("prepost_intro"), ""]
    out += [_question(n, q, catalogue, lang) + "\n" for n, q in enumerate(curriculum.prepost(course), 1)]
    return "\n".join(out)


def answer_text(question: Question, catalogue: Catalogue, lang: str) -> str:
    """The right answer as printed in the key (plain text): "b) Sub-Inspector" or "True"."""
    label = catalogue.languages.label
    if question.kind == "true-false":
        return label(lang, "answer_true" if question.answer else "answer_false")
    return f"{letters(catalogue, lang)[question.answer]}) {question.options[question.answer].get(lang)}"


def render_key(course: Course, catalogue: Catalogue, lang: str) -> str:
    """The answers to the knowledge check and the pre- and post-course test, each with the
    requirement it tests and that requirement's text (so a trainer can explain the answer)."""
    word = words(catalogue, lang)
    in_test = {q.id: number(n, catalogue, lang) for n, q in enumerate(curriculum.prepost(course), 1)}
    out = _head(course, catalogue, lang, "key")
    for module, questions in _numbered(course):
        out += [f"## {inline(module.id)} · {inline(module.title.get(lang))}", ""]
        for n, question in questions:
            test = f" · {word('prepost_test')}: {in_test[question.id]}" if question.id in in_test else ""
            out += [f"**{number(n, catalogue, lang)}.** <code>{attribute(question.id)}</code> "
                    f"**{inline(answer_text(question, catalogue, lang))}**", "{ .tism-key-answer }", "",
                    f"{word('tests_requirement')}: {_requirement_line(question.tests, catalogue, lang)}{test}",
                    "{ .tism-key-tests }", ""]
    return "\n".join(out)


RENDER = {"guide": render_guide, "handout": render_handout, "check": render_check, "test": render_test,
          "key": render_key}


def pack_pages(catalogue: Catalogue, lang: str) -> dict[str, str]:
    """Every course's print views, by path."""
    return {view_path(c.id, kind.key): RENDER[kind.key](c, catalogue, lang)
            for c in catalogue.courses.values() for kind in KINDS}


def render_self_assessment(catalogue: Catalogue, lang: str) -> str:
    """The unit self-assessment: a section per chapter with its questions (four answers each),
    the score per chapter, then the worksheet of barriers and actions. It works on paper as
    printed and on the site, where web/training.js adds up the scores and keeps the answers."""
    assessment = catalogue.self_assessment
    assert assessment is not None
    word, label = words(catalogue, lang), html_words(catalogue, lang)
    answers = (("2", "sa_yes"), ("1", "sa_partly"), ("0", "sa_no"), ("na", "sa_na"))
    out = [f"# {inline(assessment.title.get(lang))}", "",
           f"{word('print_edition')} {inline(catalogue.edition)}", "{ .tism-print-edition }", "",
           localized(assessment.intro, lang, catalogue), "",
           '<p class="tism-fill-in">'
           f'<span class="tism-fill">{label("unit_line")}: <span class="tism-line"></span></span> '
           f'<span class="tism-fill">{label("date_line")}: <span class="tism-line"></span></span></p>', "",
           f"{word('sa_score_rule')}", "{ .tism-sa-rule }", "",
           f'<p class="tism-sa-tools" hidden><button type="button" data-tism-sa-save>{label("sa_save")}</button> '
           f'<button type="button" data-tism-sa-clear>{label("sa_clear")}</button> '
           f'<span data-tism-sa-kept hidden>{label("sa_saved")}</span></p>', ""]
    out += [f"## {word('sa_scores')}", "",
            f'<table class="tism-sa-scores"><thead><tr><th scope="col">{label("chapter")}</th>'
            f'<th scope="col">{label("sa_answered")}</th><th scope="col">{label("score_line")}</th></tr></thead><tbody>'
            + "".join(f'<tr data-chapter="{attribute(s.chapter)}"><th scope="row">{attribute(s.chapter)} · '
                      f'{attribute(catalogue.chapter(s.chapter).title.get(lang))}</th>'
                      f'<td><output data-tism-sa-answered="{attribute(s.chapter)}">/ {len(s.items)}</output></td>'
                      f'<td><output data-tism-sa-score="{attribute(s.chapter)}">%</output></td></tr>'
                      for s in assessment.sections)
            + "</tbody></table>", ""]
    for section in assessment.sections:
        out += [f"## {inline(section.chapter)} · {inline(catalogue.chapter(section.chapter).title.get(lang))}", ""]
        for item in section.items:
            choices = "".join(
                f'<label><input type="radio" name="{attribute(item.id)}" value="{value}" '
                f'data-chapter="{attribute(section.chapter)}"> {label(key)}</label>' for value, key in answers)
            evidence = (f'<p class="tism-sa-evidence">{label("sa_evidence")}: {attribute(item.evidence.get(lang))}</p>'
                        if item.evidence is not None else "")
            checks = ", ".join(attribute(r) for r in item.checks)
            out += [f'<fieldset class="tism-sa-item" id="{attribute(item.id)}">'
                    f'<legend><code>{attribute(item.id)}</code> '
                    f'{attribute(item.text.get(lang))}</legend>{evidence}'
                    f'<p class="tism-sa-checks">{label("sa_checks")}: {checks}</p>'
                    f'<p class="tism-sa-choices">{choices}</p></fieldset>', ""]
    boxes = "".join(f'<div class="tism-swot-box"><label for="tism-swot-{key}">{label("swot_" + key)}</label>'
                    f'<textarea id="tism-swot-{key}" name="swot-{key}" rows="6"></textarea></div>'
                    for key in ("strengths", "weaknesses", "opportunities", "threats"))
    heads = "".join(f'<th scope="col">{label(key)}</th>' for key in ACTION_COLUMNS)
    rows = "".join("<tr>" + "".join(f'<td><input type="text" name="action-{row}-{col}" aria-label="{label(key)} {row}">'
                                    "</td>" for col, key in enumerate(ACTION_COLUMNS))
                   + "</tr>" for row in range(1, ACTION_ROWS + 1))
    out += ['<section class="tism-sa-worksheet" markdown="block">', "", f"## {word('sa_worksheet')}", "",
            word("sa_worksheet_intro"), "", f'<div class="tism-swot">{boxes}</div>', "",
            f"### {word('actions')}", "",
            f'<table class="tism-sa-actions"><thead><tr>{heads}</tr></thead><tbody>{rows}</tbody></table>', "",
            "</section>", ""]
    return "\n".join(out)
