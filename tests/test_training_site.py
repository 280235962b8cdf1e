"""The training pages of the real site, driven in headless Chromium from file:// as on a field
laptop: the training matrix's role filter, and the unit self-assessment adding up its scores per
chapter and keeping the answers in the browser. No request leaves the site."""
from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from tism import curriculum
from tism.browser import offline_context


@pytest.fixture
def opened(browser, real_site):
    """A function opening a page of the built site (path inside site/) in a fresh offline context;
    the addresses of any requests outside the site are gathered in `opened.outside`."""
    outside: list[str] = []
    context = offline_context(browser, outside)
    page = context.new_page()

    def go(path: str):
        page.goto((real_site / "site" / path).as_uri())
        page.wait_for_load_state("load")
        return page

    go.outside = outside
    go.page = page
    yield go
    context.close()


def _visible(page, selector: str) -> int:
    return page.evaluate(f"""() => [...document.querySelectorAll({selector!r})]
        .filter(e => e.offsetParent !== null).length""")


def test_the_role_filter_shows_one_roles_requirements_courses_and_gaps(opened, catalogue):
    page = opened("curriculum/matrix.html")
    everything = sum(len(s.requirements) for s in catalogue.standards)
    untaught = curriculum.untaught_must(catalogue)
    assert page.is_visible("#tism-role-filter")  # shown once the script runs
    assert _visible(page, ".tism-matrix tbody tr") == everything
    assert _visible(page, ".tism-gap-mark") == len(untaught)
    gaps = curriculum.gaps_by_role(catalogue)
    for role in ("border-officer", "supervisor"):
        page.select_option("#tism-role-filter", role)
        rows = sum(len(s.requirements) for s in catalogue.standards if role in s.roles)
        assert _visible(page, ".tism-matrix tbody tr") == rows
        courses = [c for c in catalogue.courses.values() if role in c.audience]
        first_table = ".tism-matrix-wrap:not([hidden]) .tism-matrix"
        assert page.evaluate(f"""() => [...document.querySelector({first_table!r}).querySelectorAll('thead th')]
            .filter(e => e.offsetParent !== null).map(e => e.textContent)""")[2:] == [c.id for c in courses]
        assert _visible(page, ".tism-gap-mark") == sum(role in roles for roles in gaps.values())
    page.select_option("#tism-role-filter", "")
    assert _visible(page, ".tism-matrix tbody tr") == everything
    assert _visible(page, ".tism-gap-mark") == len(untaught)
    assert opened.outside == []


def test_the_self_assessment_scores_each_chapter_and_keeps_the_answers(opened, catalogue):
    for folder, percent in (("", "75 %"), ("bn/", "75 %")):
        page = opened(folder + "self-assessment.html")
        section = catalogue.self_assessment.sections[0]
        chapter, items = section.chapter, section.items
        assert len(items) >= 3
        score = f'[data-tism-sa-score="{chapter}"]'
        answered = f'[data-tism-sa-answered="{chapter}"]'
        assert page.text_content(score) == "–"
        page.check(f'input[name="{items[0].id}"][value="2"]')   # yes
        page.check(f'input[name="{items[1].id}"][value="1"]')   # partly
        assert page.text_content(score) == percent
        page.check(f'input[name="{items[2].id}"][value="na"]')  # not applicable: answered, not counted
        assert page.text_content(score) == percent
        assert page.text_content(answered) == f"3 / {len(items)}"
        page.fill("#tism-swot-weaknesses", "No female officer on the night shift")
        page.fill('input[name="action-1-1"]', "=1+1 roster a female officer at night")
        with page.expect_download() as download:
            page.click("[data-tism-sa-save]")
        saved = Path(download.value.path()).read_bytes().decode("utf-8")
        assert saved.startswith("\ufeff") and download.value.suggested_filename.startswith("self-assessment-")
        rows = list(csv.reader(io.StringIO(saved[1:])))
        answers = {row[0]: row for row in rows if row[0].startswith("SA-")}
        assert len(answers) == sum(len(s.items) for s in catalogue.self_assessment.sections)
        lang = "bn" if folder else "en"
        assert answers[items[0].id][1:] == [chapter, catalogue.languages.label(lang, "sa_yes"), items[0].text.get(lang)]
        assert answers[catalogue.self_assessment.sections[1].items[0].id][2] == ""  # not answered
        assert ["score", chapter, percent, f"3 / {len(items)}"] in rows
        assert ["action", "", "'=1+1 roster a female officer at night", "", ""] in rows  # never a formula
        assert any(row[0] == "worksheet" and row[2] == "No female officer on the night shift" for row in rows)
        page.reload()
        page.wait_for_load_state("load")
        assert page.is_checked(f'input[name="{items[1].id}"][value="1"]')
        assert page.input_value("#tism-swot-weaknesses") == "No female officer on the night shift"
        assert page.text_content(score) == percent
        page.click("[data-tism-sa-clear]")
        assert page.text_content(score) == "–" and page.input_value("#tism-swot-weaknesses") == ""
        page.reload()
        assert not page.is_checked(f'input[name="{items[0].id}"][value="2"]')
    assert opened.outside == []
