"""The training curriculum as data (standards/curriculum/<COURSE>.yaml): read into the Catalogue,
checked against the standards (tism validate: the curriculum-* rules, with invalid fixtures), and
counted by `tism report`."""
from __future__ import annotations

import json
import shutil

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
    assert figures["untaught_must_requirements"] == []


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
    rows = [line for line in matrix.splitlines() if line.startswith("| [")]
    assert len(rows) == sum(len(s.requirements) for s in catalogue.standards)
    # The course teaches three of the four requirements, every MUST among them: no gap is marked.
    assert sum(row.endswith("| শেখানো হয় |") for row in rows) == 3
    assert "শেখানো হয় না" not in matrix
    assert coursepages.course_pages(load_catalogue(copy_fixture(tmp_path / "bare") / "standards"), "en") == {}


def test_the_sites_have_the_curriculum(real_site, catalogue):
    for folder in ("", "bn/"):
        site = real_site / "site" / folder
        matrix = (site / "curriculum" / "matrix.html").read_text(encoding="utf-8")
        in_force = [r.id for s in catalogue.standards for r in s.requirements]
        assert all(f'href="../standards/{rid.split(".")[0]}.html#{rid}"' in matrix for rid in in_force)
        for course in catalogue.courses:
            assert (site / "curriculum" / f"{course}.html").is_file()
