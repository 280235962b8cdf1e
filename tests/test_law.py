"""The legal layer: provisions as data, the reverse index, the concordance, pending review and stale
citations, on the fixture catalogue (exact) and on the real manual (the 2026 Ordinance)."""
from __future__ import annotations

import json

import pytest

from conftest import PROJECT, STANDARDS, copy_fixture, run_tism
from tism import law


@pytest.mark.parametrize("number, anchor, bengali", [
    ("s.30(5)", "s30-5", "ধারা ৩০(৫)"),
    ("s.5 Explanation", "s5-explanation", "ধারা ৫ ব্যাখ্যা"),
    ("Art. 3(b)", "art3-b", "অনুচ্ছেদ ৩(b)"),
    ("s.14(ক)", "s14-ক", "ধারা ১৪(ক)"),
    ("Schedule, list-1", "schedule-list-1", "তফসিল, তালিকা-১"),
])
def test_provision_numbers_have_an_anchor_and_a_bengali_form(number, anchor, bengali, catalogue):
    languages = catalogue.languages  # the words and digits come from standards/languages.yaml
    assert law.anchor(number) == anchor
    assert law.label(number, languages["bn"]) == bengali
    assert law.label(number, languages["en"]) == number


def _age_the_fixture_law(project):
    """The fixture Ordinance gets an amended text; LF-001 still cites the older one."""
    laws = project / "standards" / "laws.yaml"
    laws.write_text(laws.read_text(encoding="utf-8").replace(
        'versions: ["as gazetted 2099"]', 'versions: ["as amended 2100", "as gazetted 2099"]'), encoding="utf-8")


STALE = ("standards/LF/LF-001.yaml:25: legal_basis.0.version: warning: checked against 'as gazetted 2099', "
         "but the text of fixture-new-law in force is 'as amended 2100': re-check against the amended text "
         "[citation-version-stale]")


def test_a_citation_of_an_older_text_is_a_warning_not_an_error(tmp_path):
    project = copy_fixture(tmp_path / "stale")
    _age_the_fixture_law(project)
    result = run_tism("validate", cwd=project)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("ok: ")
    lines = result.stderr.splitlines()
    assert lines[0] == STALE
    assert lines[-1] == "tism: 2 warning(s)"   # both citations of fixture-new-law
    report = json.loads(run_tism("report", "--json", cwd=project).stdout)
    assert report["stale_citations"] == 2


def test_stale_citations_show_on_the_page_and_in_the_worklist(tmp_path):
    project = copy_fixture(tmp_path / "stale-site")
    _age_the_fixture_law(project)
    result = run_tism("build", "--index", str(project / "build" / "index"), cwd=project)
    assert result.returncode == 0, result.stdout + result.stderr
    standard = (project / "site" / "standards" / "LF-001.html").read_text(encoding="utf-8")
    assert standard.count('<span class="tism-recheck">re-check against the amended text</span>') == 2
    worklist = (project / "site" / "laws" / "pending-review.html").read_text(encoding="utf-8")
    assert "Checked against an older text" in worklist and "as amended 2100" in worklist


def test_fixture_law_pages(fixture_site):
    site = fixture_site / "site"
    ordinance = (site / "laws" / "fixture-new-law.html").read_text(encoding="utf-8")
    # each provision has its anchor, its escaped heading, its quotation and the standards that cite it
    assert 'id="s5"' in ordinance and "Consent &lt;b&gt;irrelevant&lt;/b&gt;" in ordinance
    assert '<blockquote class="tism-quote" lang="bn"' in ordinance and "সম্মতি বিবেচিত হইবে না।" in ordinance
    cited = ordinance[ordinance.index('id="s5"'):]
    assert 'href="../standards/LF-001.html"' in cited and 'href="../standards/LF-001.html#LF-001.01"' in cited
    assert 'href="fixture-old-law.html#s3-2"' in cited          # it replaces s.3(2) of the old Act
    assert "Fixture Act 2012, s.3(2)" in cited
    concordance = (site / "laws" / "concordance.html").read_text(encoding="utf-8")
    assert 'href="fixture-old-law.html#s3-2"' in concordance and 'href="fixture-new-law.html#s5"' in concordance
    pending = (site / "laws" / "pending-review.html").read_text(encoding="utf-8")
    assert "Only the heading was read; the text is to be checked." in pending
    standard = (site / "standards" / "LF-001.html").read_text(encoding="utf-8")
    assert 'href="../laws/fixture-new-law.html#s5"' in standard
    assert "now covered by: Fixture Ordinance" in standard      # the repealed citation names its successor


def test_real_ordinance_is_cited_by_section_and_verified(catalogue):
    ordinance = catalogue.laws["bd-tip-som-ordinance-2026"]
    assert len(ordinance.provisions) >= 100
    cited = law.uses(catalogue, ordinance.key)
    assert sum(u.citation.verified for u in cited) >= 60
    assert all(ordinance.provision(u.citation.provision) for u in cited)
    for use in cited:
        assert use.citation.source == "bdlaws-ordinance-2026", use.standard.id


def test_real_manual_pending_citations_each_carry_a_reason(catalogue):
    for use in law.pending(catalogue):
        assert use.citation.pending is not None and use.citation.pending.source.strip(), use.standard.id


def test_no_citation_of_the_2012_act_is_presented_as_in_force(catalogue):
    repealed = catalogue.laws["bd-pshta-2012"]
    assert repealed.repealed and repealed.replaced_by == "bd-tip-som-ordinance-2026"
    for provision in repealed.provisions:
        assert provision.successors is not None, provision.number


def test_real_site_provision_page_lists_the_standards_that_cite_it(real_site):
    for lang, root in (("en", real_site / "site"), ("bn", real_site / "site" / "bn")):
        page = (root / "laws" / "bd-tip-som-ordinance-2026.html").read_text(encoding="utf-8")
        section = page[page.index('id="s30-5"'):]
        section = section[: section.index("<h3", 10)]
        assert 'href="../standards/IP-004.html"' in section, lang
        assert (root / "laws" / "concordance.html").is_file() and (root / "laws" / "pending-review.html").is_file()
    bengali = (real_site / "site" / "bn" / "laws" / "bd-tip-som-ordinance-2026.html").read_text(encoding="utf-8")
    assert "ধারা ৩০(৫)" in bengali and "অনধিক ৯০ (নব্বই) দিবসের মধ্যে" in bengali


def test_report_counts_citations_by_law():
    figures = json.loads(run_tism("report", "--json", "--standards", str(STANDARDS), cwd=PROJECT).stdout)
    ordinance = figures["citations_by_law"]["bd-tip-som-ordinance-2026"]
    assert ordinance["verified"] >= 60
    assert figures["unverified_citations"] == sum(row["cited"] - row["verified"]
                                                  for row in figures["citations_by_law"].values())
