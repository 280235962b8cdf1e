"""`tism report`: the coverage figures, on the fixture (exact) and the real manual (floors)."""
from __future__ import annotations

import json

from conftest import PROJECT, STANDARDS, VALID, run_tism


def test_fixture_report_json_has_exact_figures():
    result = run_tism("report", "--json", cwd=VALID)
    assert result.returncode == 0, result.stderr
    figures = json.loads(result.stdout)
    assert {k: figures[k] for k in ("chapters", "standards", "requirements", "bn_complete_standards",
                                     "citations", "unverified_citations", "sources", "glossary_terms",
                                     "indicators", "forms")} == {
        "chapters": 2, "standards": 2, "requirements": 4,
        "bn_complete_standards": 1,   # LF-001.02 has no Bengali text
        "citations": 3, "unverified_citations": 1, "sources": 2, "glossary_terms": 2,
        "indicators": 2, "forms": 1,
    }
    assert figures["bn_missing"] == ["LF-001"]
    assert figures["requirements_by_level"] == {"must": 2, "should": 1, "may": 1}


def test_report_text_names_missing_translations():
    result = run_tism("report", cwd=VALID)
    assert result.returncode == 0
    assert "complete in Bengali    1 of 2 standards" in result.stdout
    assert "Bengali translation missing in: LF-001" in result.stdout


def test_real_manual_report_is_complete_in_bengali():
    figures = json.loads(run_tism("report", "--json", "--standards", str(STANDARDS), cwd=PROJECT).stdout)
    assert figures["bn_complete_standards"] == figures["standards"]
    assert figures["chapters"] >= 3 and figures["standards"] >= 18 and figures["requirements"] >= 50
