"""`tism report`: the coverage figures, on the fixture (exact) and the real manual (floors)."""
from __future__ import annotations

import dataclasses
import json

from conftest import PROJECT, STANDARDS, VALID, copy_fixture, run_tism
from tism import fallbacks
from tism.catalogue import load_catalogue
from tism.report import report

# Every place the fixture's Bengali page of LF-001 shows English (tism.fallbacks), in page order.
LF_001_FALLBACKS = [
    "LF-001.02",                   # a requirement with no Bengali text
    "legal_basis[0].version",      # laws.yaml gives "as gazetted 2099" in English only
    "legal_basis[1].version",
    "legal_basis[2].version",      # "as enacted 2012"
    "legal_basis[2].replaced_by",  # the repealed Act's successor is named by its English short name
    "legal_basis[2].note",         # a citation note with no Bengali text
    "history 2.0",                 # change summaries given as plain (English) strings
    "history 1.0",
]


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
    # IV-001 is complete: its texts and its history are in Bengali, and it cites no law.
    assert figures["bn_fallbacks"] == {"count": 8, "where": {"LF-001": LF_001_FALLBACKS}}
    assert figures["translations"]["bn"] == {"complete": 1, "missing": ["LF-001"],
                                             "fallbacks": figures["bn_fallbacks"]}


def test_a_standard_with_every_text_translated_is_still_incomplete_while_its_page_shows_english(tmp_path):
    project = copy_fixture(tmp_path / "project")
    standards = project / "standards"
    history = standards / "IV" / "IV-001.yaml"
    history.write_text(history.read_text(encoding="utf-8").replace(
        'summary: {en: "First publication.", bn: "প্রথম প্রকাশ।"}', 'summary: "First publication."'), encoding="utf-8")
    figures = json.loads(run_tism("report", "--json", cwd=project).stdout)
    assert figures["bn_complete_standards"] == 0 and figures["bn_missing"] == ["IV-001", "LF-001"]
    assert figures["bn_fallbacks"]["where"]["IV-001"] == ["history 1.0"]
    assert figures["bn_fallbacks"]["count"] == 9


def test_translating_a_version_a_name_and_a_history_entry_removes_exactly_those(tmp_path):
    project = copy_fixture(tmp_path / "project")
    standards = project / "standards"
    laws = standards / "laws.yaml"
    version = '[{en: "as gazetted 2099", bn: "২০৯৯ সালে গেজেটে প্রকাশিত পাঠ"}]'
    laws.write_text(laws.read_text(encoding="utf-8")
                    .replace('versions: ["as gazetted 2099"]', f"versions: {version}")
                    .replace("short: Fixture Ordinance", "short: {en: Fixture Ordinance, bn: পরীক্ষামূলক অধ্যাদেশ}"),
                    encoding="utf-8")
    standard = standards / "LF" / "LF-001.yaml"
    standard.write_text(standard.read_text(encoding="utf-8").replace(
        'summary: "A MUST added."', 'summary: {en: "A MUST added.", bn: "একটি অবশ্যই-বাধ্যবাধকতা যোগ হয়েছে।"}'),
        encoding="utf-8")
    assert run_tism("validate", cwd=project).returncode == 0
    figures = json.loads(run_tism("report", "--json", cwd=project).stdout)
    assert figures["bn_fallbacks"] == {"count": 4, "where": {"LF-001": [
        "LF-001.02", "legal_basis[2].version", "legal_basis[2].note", "history 1.0"]}}


def test_report_text_names_missing_translations_and_where_english_shows():
    result = run_tism("report", cwd=VALID)
    assert result.returncode == 0
    assert "complete in Bengali    1 of 2 standards" in result.stdout
    assert "Bengali translation missing in: LF-001" in result.stdout
    assert "English on the Bengali pages (8 places):" in result.stdout
    assert f"  LF-001   {', '.join(LF_001_FALLBACKS)}" in result.stdout


def test_real_manual_report_is_complete_in_bengali():
    figures = json.loads(run_tism("report", "--json", "--standards", str(STANDARDS), cwd=PROJECT).stdout)
    assert figures["bn_fallbacks"] == {"count": 0, "where": {}}
    assert figures["bn_complete_standards"] == figures["standards"] and figures["bn_missing"] == []
    assert figures["chapters"] >= 3 and figures["standards"] >= 18 and figures["requirements"] >= 50


def test_fallbacks_are_listed_in_page_order_and_never_for_english():
    catalogue = load_catalogue(VALID / "standards")
    standard = catalogue.standard("LF-001")
    assert fallbacks.fallbacks(catalogue, standard, "bn") == LF_001_FALLBACKS
    assert fallbacks.fallbacks(catalogue, standard, "en") == []
    assert fallbacks.by_standard(catalogue, "bn") == {"LF-001": LF_001_FALLBACKS}


def test_a_provision_number_with_an_untranslated_word_falls_back():
    """languages.yaml translates the words of provision numbers; clause letters, Roman numerals
    and section suffixes are the instrument's numbering, not English."""
    assert fallbacks.untranslated_words("নির্দেশিকা ৫ (introduction)")
    assert fallbacks.untranslated_words("Annex ২")
    for numbering in ("অনুচ্ছেদ ৩(b)", "অনুচ্ছেদ ৬(১)(b)-(c)", "ধারা ৮৫B", "ধারা ৩(iv)", "ধারা ২(২০)(ক)"):
        assert not fallbacks.untranslated_words(numbering), numbering
    catalogue = load_catalogue(VALID / "standards")
    standard = catalogue.standard("LF-001")
    cited = dataclasses.replace(standard.legal_basis[0], provision="Annex 2")
    changed = dataclasses.replace(standard, legal_basis=(cited, *standard.legal_basis[1:]))
    assert fallbacks.fallbacks(catalogue, changed, "bn")[1:3] == ["legal_basis[0].provision", "legal_basis[0].version"]


def test_the_manual_covers_bangladesh_and_every_form_of_exploitation(catalogue):
    """Issue 12: at least 105 standards in force (withdrawn ones not counted), and an indicator
    group for every form of exploitation s.2(20) of the 2026 Ordinance lists."""
    figures = report(catalogue)
    assert figures["standards"] >= 105
    assert figures["standards"] + len(figures["withdrawn_standards"]) == len(catalogue.standards)
    assert len(catalogue.exploitation_forms) == 11
    assert figures["exploitation_forms_without_indicators"] == []
