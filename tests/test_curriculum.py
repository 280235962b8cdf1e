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
