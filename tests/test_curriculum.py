"""The training curriculum as data (standards/curriculum/<COURSE>.yaml): read into the Catalogue,
checked against the standards (tism validate: the curriculum-* rules, with invalid fixtures), and
counted by `tism report`."""
from __future__ import annotations

import html
import json
import re
import shutil
import xml.etree.ElementTree as ET

from conftest import FIXTURES, copy_fixture, run_tism
from tism import curriculum
from tism.catalogue import load_catalogue

COURSE = FIXTURES / "course" / "FIX-BASIC.yaml"


def with_course(tmp_path):
    project = copy_fixture(tmp_path / "project")
    (project / "standards" / "curriculum").mkdir()
    shutil.copyfile(COURSE, project / "standards" / "curriculum" / COURSE.name)
    return project


def test_a_course_is_read_checked_and_counted(tmp_path):
    project = with_course(tmp_path)
    checked = run_tism("validate", cwd=project)
    assert checked.returncode == 0 and checked.stderr == "", checked.stderr
    catalogue = load_catalogue(project / "standards")
    course = catalogue.courses["FIX-BASIC"]
    (module,) = course.modules
    assert course.audience == ("investigator",) and course.hours == 3
    assert module.questions[1].options[0].source == "The interviewer" and module.questions[1].answer == 0
    assert course.teaches() == {"LF-001.01", "IV-001.01", "IV-001.02"}
    assert curriculum.taught_by(catalogue)["LF-001.01"] == ["FIX-BASIC"]
    figures = json.loads(run_tism("report", "--json", cwd=project).stdout)
    assert (figures["courses"], figures["objectives"], figures["questions"], figures["exercises"]) == (1, 2, 5, 1)
    assert figures["untaught_must_requirements"] == [] and figures["courses_to_recheck"] == {}


def test_a_must_no_course_teaches_is_listed(tmp_path):
    project = copy_fixture(tmp_path / "project")
    figures = json.loads(run_tism("report", "--json", cwd=project).stdout)
    assert figures["courses"] == 0
    assert figures["untaught_must_requirements"] == ["IV-001.01", "LF-001.01"]  # every MUST, with no curriculum


def test_course_pages_and_the_training_matrix(tmp_path):
    from tism import coursepages

    catalogue = load_catalogue(with_course(tmp_path) / "standards")
    pages = coursepages.course_pages(catalogue, "bn")
    assert set(pages) == {"curriculum.md", "curriculum/matrix.md", "curriculum/FIX-BASIC.md"}
    course = pages["curriculum/FIX-BASIC.md"]
    assert "অংশগ্রহণকারী সম্মতি বিষয়ে প্রতিটি বক্তব্য লিপিবদ্ধ করতে পারবেন।" in course
    assert "[LF\\-001\\.01](../standards/LF-001.md#LF-001.01)" in course
    matrix = pages["curriculum/matrix.md"]
    rows = re.findall(r"<tr data-roles=.*?</tr>", matrix)
    assert len(rows) == sum(len(s.requirements) for s in catalogue.standards)
    # The course teaches three of the four requirements, every MUST among them: no gap is shown
    # (LF-001.01 is marked for supervisors, hidden until the role filter picks them).
    assert sum(row.count("<td data-roles=\"investigator\">শেখানো হয়</td>") for row in rows) == 3
    assert 'class="tism-gap"' not in matrix and 'class="tism-gap-mark">' not in matrix
    assert coursepages.course_pages(load_catalogue(copy_fixture(tmp_path / "bare") / "standards"), "en") == {}


def test_the_sites_have_the_curriculum(real_site, catalogue):
    for folder in ("", "bn/"):
        site = real_site / "site" / folder
        matrix = (site / "curriculum" / "matrix.html").read_text(encoding="utf-8")
        in_force = [r.id for s in catalogue.standards for r in s.requirements]
        assert all(f'href="../standards/{rid.split(".")[0]}.html#{rid}"' in matrix for rid in in_force)
        for course in catalogue.courses:
            assert (site / "curriculum" / f"{course}.html").is_file()


def test_the_matrix_marks_a_gap_for_the_role_that_lacks_it(tmp_path):
    """A MUST taught only by a course for another role of its standard: not a gap for the report
    (some role is taught), but marked, hidden until the role filter picks the role that lacks it."""
    from tism import coursepages

    project = with_course(tmp_path)
    standard = project / "standards" / "LF" / "LF-001.yaml"
    text = standard.read_text(encoding="utf-8")
    roles = re.search(r"^roles: .*$", text, re.M).group(0)
    standard.write_text(text.replace(roles, "roles: [investigator, supervisor]"), encoding="utf-8")
    catalogue = load_catalogue(project / "standards")
    assert curriculum.untaught_must(catalogue) == []
    assert curriculum.gaps_by_role(catalogue) == {"LF-001.01": ["supervisor"]}
    matrix = coursepages.render_matrix(catalogue, "en")
    row = re.search(r'<tr data-roles="investigator supervisor" data-gap-roles="supervisor">.*?</tr>', matrix).group(0)
    assert '<strong class="tism-gap-mark" hidden>not taught</strong>' in row
    assert '<option value="supervisor">' in matrix


def test_a_standard_changed_after_the_lesson_was_written_is_marked(tmp_path):
    """`written` is the day the lessons were checked against the standards: a later entry in the
    history of a standard an objective teaches marks that objective, and only that one."""
    from tism import coursepages, trainerpack

    project = with_course(tmp_path)
    catalogue = load_catalogue(project / "standards")
    course = catalogue.courses["FIX-BASIC"]
    lf = catalogue.by_id["LF-001"]
    assert course.written == "2099-03-01" and all(c.date <= "2099-03-01" for c in lf.changes)
    assert curriculum.changed_since(course, catalogue) == {}
    assert "Standard changed since" not in coursepages.render_course(course, catalogue, "en")

    standard = project / "standards" / "LF" / "LF-001.yaml"
    text = standard.read_text(encoding="utf-8")
    bumped = "2.1"
    # The requirement the first objective teaches is reworded: a MINOR version and its history entry.
    text = text.replace("must record every statement about consent.", "must record every statement about consent "
                        "word for word.", 1)
    text = text.replace('version: "2.0"\n', f'version: "{bumped}"\n', 1)
    text = text.replace("changes:\n", f'changes:\n  - {{version: "{bumped}", date: "2099-05-04", summary: '
                        "{en: Consent recorded word for word., bn: সম্মতির বক্তব্য হুবহু লিপিবদ্ধ।}}\n", 1)
    standard.write_text(text, encoding="utf-8")
    checked = run_tism("validate", cwd=project)  # passes, and says which course to check again
    assert checked.returncode == 0
    assert "FIX-BASIC.yaml:8: written: warning: LF-001 changed after 2099-03-01" in checked.stderr
    catalogue = load_catalogue(project / "standards")
    course = catalogue.courses["FIX-BASIC"]
    assert list(curriculum.changed_since(course, catalogue)) == ["LF-001"]
    figures = json.loads(run_tism("report", "--json", cwd=project).stdout)
    assert figures["courses_to_recheck"] == {"FIX-BASIC": ["LF-001"]}
    for lang, words in (("en", "Standard changed since this lesson was written"),
                        ("bn", "এই পাঠ লেখার পরে মানদণ্ড পরিবর্তিত হয়েছে")):
        page = coursepages.render_course(course, catalogue, lang)
        objectives = page.split("### ")[1]
        consent, interview = objectives.split("\n- ")[1:3]
        assert words in consent and "2099\\-05\\-04" in consent and "2\\.1" in consent
        assert words not in interview  # IV-001 did not change
        assert words in trainerpack.render_guide(course, catalogue, lang)


def test_the_pre_and_post_course_test_draws_from_every_module(catalogue):
    for course in catalogue.courses.values():
        chosen = curriculum.prepost(course)
        assert chosen == curriculum.prepost(course)  # the same test every time it is printed
        for module in course.modules:
            mine = [q for q in chosen if q in module.questions]
            assert len(mine) == min(curriculum.PREPOST_PER_MODULE, len(module.questions))
            assert mine == sorted(mine, key=module.questions.index)
            # Each question of a module's share tests what a different objective teaches, while there are such.
            covering = [next((o.id for o in module.objectives if q.tests in o.teaches), None) for q in mine]
            found = [o for o in covering if o is not None]
            assert len(found) == len(set(found))


def test_the_trainers_pack_keeps_answers_out_of_the_participants_papers(tmp_path):
    from tism import trainerpack

    catalogue = load_catalogue(with_course(tmp_path) / "standards")
    course = catalogue.courses["FIX-BASIC"]
    question = course.modules[0].questions[1]  # multiple choice, answer 0: "The interviewer"
    check, test, key = (render(course, catalogue, "en").replace("\\", "")  # Markdown escapes off
                        for render in (trainerpack.render_check, trainerpack.render_test, trainerpack.render_key))
    assert "a) The interviewer" in check and "a) The interviewer" in key
    for paper in (check, test, trainerpack.render_handout(course, catalogue, "en")):
        assert "Requirement it tests" not in paper and "Model answer" not in paper
    assert trainerpack.answer_text(question, catalogue, "bn") == "ক) " + question.options[0].get("bn")
    assert trainerpack.answer_text(course.modules[0].questions[0], catalogue, "bn") == "সত্য"
    assert "**২\\.**" in trainerpack.render_check(course, catalogue, "bn") or "<strong>২.</strong>" in \
        trainerpack.render_check(course, catalogue, "bn")
    # The handout quotes the requirements the objectives teach, from the standards.
    _, requirement = catalogue.requirement("IV-001.02")
    assert requirement.text.get("en")[:40] in html.unescape(trainerpack.render_handout(course, catalogue, "en")
                                                            .replace("\\", ""))
    guide = trainerpack.render_guide(course, catalogue, "en")
    assert "Timetable" in guide and course.exercises[0].model_answer.get("en")[:30] in guide.replace("\\", "")


def _parse_bank(data: bytes) -> list[ET.Element]:
    quiz = ET.fromstring(data)
    assert quiz.tag == "quiz"
    return list(quiz)


def test_moodle_export_of_the_real_curriculum_parses_back(catalogue, tmp_path):
    from conftest import PROJECT, STANDARDS

    for lang in ("en", "bn"):
        out = tmp_path / f"bank.{lang}.xml"
        result = run_tism("export", "--format", "moodle", "--lang", lang, "--out", str(out),
                          "--standards", str(STANDARDS), cwd=PROJECT)
        assert result.returncode == 0, result.stderr
        elements = _parse_bank(out.read_bytes())
        categories = [e for e in elements if e.get("type") == "category"]
        questions = [e for e in elements if e.get("type") != "category"]
        expected = {q.id: q for c in catalogue.courses.values() for q in c.questions()}
        assert len(categories) == len(catalogue.courses) + sum(len(c.modules) for c in catalogue.courses.values())
        assert categories[0].findtext("category/text") == f"$course$/top/tism {catalogue.edition}/" \
            + next(iter(catalogue.courses))
        assert [q.findtext("name/text") for q in questions] == list(expected)
        for element in questions:
            question = expected[element.findtext("idnumber")]
            text = html.unescape(re.sub(r"</?p>", "", element.findtext("questiontext/text")))
            assert text == question.text.get(lang)
            assert question.tests in [t.text for t in element.iterfind("tags/tag/text")]
            assert element.findtext("generalfeedback/text").startswith(f"<p>{question.tests} (")
            answers = element.findall("answer")
            right = [a for a in answers if a.get("fraction") == "100"]
            assert len(right) == 1 and all(a.get("fraction") in ("0", "100") for a in answers)
            if question.kind == "true-false":
                assert element.get("type") == "truefalse"
                assert [a.findtext("text") for a in answers] == ["true", "false"]
                assert right[0].findtext("text") == ("true" if question.answer else "false")
            else:
                assert element.get("type") == "multichoice" and element.findtext("single") == "true"
                options = [html.unescape(a.findtext("text"))[3:-4] for a in answers]
                assert options == [o.get(lang) for o in question.options]
                assert answers.index(right[0]) == question.answer


def test_moodle_export_keeps_markup_as_text_and_refuses_unknown_courses(tmp_path):
    project = with_course(tmp_path)
    course = project / "standards" / "curriculum" / "FIX-BASIC.yaml"
    course.write_text(course.read_text(encoding="utf-8").replace(
        "{en: Who plans the interview?,", """{en: 'Who plans the <b>interview</b> & "why"? ]]>',"""), encoding="utf-8")
    result = run_tism("export", "--format", "moodle", "--course", "FIX-BASIC", cwd=project)
    assert result.returncode == 0, result.stderr
    elements = _parse_bank(result.stdout.encode("utf-8"))
    texts = [e.findtext("questiontext/text") for e in elements if e.get("type") == "multichoice"]
    assert texts == ['<p>Who plans the &lt;b&gt;interview&lt;/b&gt; &amp; "why"? ]]&gt;</p>']
    refused = run_tism("export", "--format", "moodle", "--course", "NO-SUCH", cwd=project)
    assert refused.returncode == 2 and "unknown course NO-SUCH (FIX-BASIC)" in refused.stderr
    refused = run_tism("export", "--format", "moodle", "--lang", "fr", cwd=project)
    assert refused.returncode == 2 and "unknown language fr" in refused.stderr


def test_the_self_assessment_is_read_and_rendered(tmp_path):
    from tism import trainerpack

    project = with_course(tmp_path)
    shutil.copyfile(FIXTURES / "course" / "self-assessment.yaml", project / "standards" / "self-assessment.yaml")
    checked = run_tism("validate", cwd=project)
    assert checked.returncode == 0 and checked.stderr == "", checked.stderr
    catalogue = load_catalogue(project / "standards")
    sections = catalogue.self_assessment.sections
    assert [s.chapter for s in sections] == ["LF", "IV"] and sections[0].items[0].checks == ("LF-001.01",)
    page = trainerpack.render_self_assessment(catalogue, "bn")
    assert page.count('<fieldset class="tism-sa-item"') == 3
    assert page.count('type="radio" name="SA-LF-01"') == 4  # yes, partly, no, not applicable
    assert "<b>" not in trainerpack.render_self_assessment(catalogue, "en")  # markup in the data stays text
    assert "&lt;b&gt;in full&lt;/b&gt;" in trainerpack.render_self_assessment(catalogue, "en")
    assert 'data-tism-sa-score="IV"' in page and "শক্তি (ইউনিটের ভেতরে)" in page
