"""Real strict mkdocs builds: the fixture catalogue and the real manual."""
from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from conftest import STANDARDS, copy_fixture, run_tism, tree_snapshot
from tism.catalogue import load_catalogue

EXTERNAL = re.compile(r"""(?:src|href|action)\s*=\s*["']?\s*(?:https?:)?//"""
                      r"""|url\(\s*["']?\s*(?:https?:)?//|@import\s+["']?(?:https?:)?//""", re.I)


def external_references(site: Path) -> list[str]:
    """Files in the built site that load or link anything from another host."""
    found = []
    for path in site.rglob("*"):
        if path.suffix in {".html", ".css", ".js", ".xml", ".json"} and path.is_file():
            text = path.read_text(encoding="utf-8", errors="replace")
            for match in EXTERNAL.finditer(text):
                found.append(f"{path.relative_to(site)}: {text[match.start():match.end() + 40]!r}")
    return found


def page(site_project: Path, name: str) -> str:
    return (site_project / "site" / name).read_text(encoding="utf-8")


def test_fixture_builds_every_standard_page(fixture_site):
    for standard in ("LF-001", "IV-001"):
        assert (fixture_site / "site" / "standards" / f"{standard}.html").is_file()
    home = page(fixture_site, "index.html")
    assert "Edition 2099.1" in home
    assert 'href="chapters/LF.html"' in home and 'href="chapters/IV.html"' in home


def test_standard_page_shows_levels_citations_and_history(fixture_site):
    html = page(fixture_site, "standards/LF-001.html")
    assert 'id="LF-001.01"' in html
    assert '<span class="tism-level tism-level--must">MUST</span>' in html
    assert '<span class="tism-level tism-level--should">SHOULD</span>' in html
    assert "Citation pending legal review" in html           # the unverified citation
    assert 'href="../sources.html#fixture-source"' in html    # the verified one names its source
    assert "Repealed; now covered by:" in html                # the repealed law points to what replaced it
    assert 'href="IV-001.html"' in html                       # related standards link
    assert "2099-02-01" in html and "A MUST added." in html   # change history


def test_data_is_escaped_not_executed(fixture_site):
    html = page(fixture_site, "standards/LF-001.html")
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "*stars*" in html and "<em>stars</em>" not in html
    assert "{{ 6*7 }}" in html and "42" not in re.sub(r"<[^>]+>", "", html.split("{{ 6*7 }}")[0][-50:])


def test_chapter_page_lists_its_standards_in_order(fixture_site):
    html = page(fixture_site, "chapters/LF.html")
    assert "LF-001 · Fixture standard about consent" in html
    assert "IV-001" not in html.split('<article')[1].split('</article>')[0]


def test_no_asset_or_link_from_another_host(fixture_site):
    assert external_references(fixture_site / "site") == []
    shim = fixture_site / "site" / "assets" / "vendor" / "iframe-worker-shim.js"
    assert shim.is_file()
    assert 'src="assets/vendor/iframe-worker-shim.js"' in page(fixture_site, "index.html")


def test_unknown_placeholder_fails_the_build(tmp_path):
    project = copy_fixture(tmp_path / "project")
    (project / "docs" / "index.md").write_text(
        "---\nrender_macros: true\n---\n# Home\n\n{{ no_such_macro() }}\n", encoding="utf-8")
    result = run_tism("build", "--index", str(tmp_path / "index"), cwd=project)
    assert result.returncode == 1
    assert "docs/index.md: unknown placeholder {{ no_such_macro() }} (allowed: chapter_index, edition)" \
        in result.stderr
    assert not (project / "site").exists()


@pytest.mark.parametrize("intro, why", [
    ("---\nrender_macros: true\n---\nText.\n", "has no front matter"),
    ("# IV · Interviews\n\nText.\n", "has no title: the title comes from manual.yaml"),
    ("Text.\n\n{{ edition }}\n", "has no placeholders"),
])
def test_a_chapter_introduction_is_plain_markdown(tmp_path, intro, why):
    project = copy_fixture(tmp_path / "project")
    (project / "docs" / "chapters" / "IV.md").write_text(intro, encoding="utf-8")
    result = run_tism("build", "--index", str(tmp_path / "index"), cwd=project)
    assert result.returncode == 1
    assert f"chapters/IV.md: a chapter introduction {why}" in result.stderr
    assert not (project / "site").exists()


def test_chapter_page_is_title_introduction_and_standards(fixture_site):
    html = page(fixture_site, "chapters/LF.html").split("<article")[1]
    title, intro, listed = (html.index(s) for s in (
        "<h1", "The fixture chapter on the law: its introduction", "LF-001 · Fixture standard about consent"))
    assert title < intro < listed
    assert ">IV · " in page(fixture_site, "chapters/IV.html")  # no introduction written: still a page


def test_failed_validation_leaves_site_and_index_byte_for_byte(tmp_path):
    project = copy_fixture(tmp_path / "project")
    index = project / "build" / "index"
    first = run_tism("build", "--index", str(index), cwd=project)
    assert first.returncode == 0, first.stderr
    site_before, index_before = tree_snapshot(project / "site"), tree_snapshot(index)
    standard = project / "standards" / "IV" / "IV-001.yaml"
    standard.write_text(standard.read_text(encoding="utf-8").replace("level: must", "level: mandatory"),
                        encoding="utf-8")
    second = run_tism("build", "--index", str(index), cwd=project)
    assert second.returncode == 1
    assert "standards/IV/IV-001.yaml:17: requirements.0.level: 'mandatory' is not one of: must, should, may" \
        in second.stderr
    assert "Traceback" not in second.stderr
    assert tree_snapshot(project / "site") == site_before
    assert tree_snapshot(index) == index_before


def test_failed_site_build_leaves_site_and_index(tmp_path):
    project = copy_fixture(tmp_path / "project")
    index = project / "build" / "index"
    assert run_tism("build", "--index", str(index), cwd=project).returncode == 0
    site_before, index_before = tree_snapshot(project / "site"), tree_snapshot(index)
    (project / "docs" / "index.md").write_text("# Home\n\n[broken](missing-page.md)\n", encoding="utf-8")
    result = run_tism("build", "--index", str(index), cwd=project)
    assert result.returncode == 1
    assert tree_snapshot(project / "site") == site_before
    assert tree_snapshot(index) == index_before
    assert not list(project.glob("site.build-*"))


def test_real_manual_builds_strict_with_every_standard(real_site):
    from tism.catalogue import load_catalogue

    catalogue = load_catalogue(STANDARDS)
    for standard in catalogue.standards:
        assert (real_site / "site" / "standards" / f"{standard.id}.html").is_file(), standard.id
    home = (real_site / "site" / "index.html").read_text(encoding="utf-8")
    for chapter in catalogue.chapters:
        assert f'href="chapters/{chapter.code}.html"' in home
    assert external_references(real_site / "site") == []


def test_glossary_indicators_and_forms_pages(fixture_site):
    glossary = page(fixture_site, "glossary.html")
    assert "দালাল" in glossary and '<code lang="bn-Latn">dalal</code>' in glossary
    indicators = page(fixture_site, "indicators.html")
    assert "LAB-01" in indicators and 'href="standards/LF-001.html"' in indicators
    form = page(fixture_site, "forms/FM-001.html")
    assert form.count('<span class="tism-box"></span>') == 3     # one check box, two choices
    assert form.count("<tr><td></td><td></td><td></td></tr>") == 4
    assert 'href="../standards/LF-001.html"' in form
    standard = page(fixture_site, "standards/LF-001.html")
    assert 'href="../forms/FM-001.html"' in standard and 'href="../indicators.html#labour-fixture"' in standard


def test_build_validates_once_for_every_site(tmp_path, monkeypatch):
    """`tism build` validates the standards once and hands that Catalogue to each site's build."""
    import tism.catalogue
    from tism import cli

    project = copy_fixture(tmp_path / "project")
    (project / "mkdocs.bn.yml").write_text("INHERIT: mkdocs.yml\ntheme:\n  language: bn\n", encoding="utf-8")
    validations = []
    validate = tism.catalogue.validate_files
    monkeypatch.setattr(tism.catalogue, "validate_files", lambda files: validations.append(1) or validate(files))
    monkeypatch.chdir(project)
    assert cli.main(["build", "--index", str(tmp_path / "index")]) == 0
    assert (project / "site" / "index.html").is_file() and (project / "site" / "bn" / "index.html").is_file()
    assert len(validations) == 1


LINK = re.compile(r'(?:href|src)="([^"#?]+)[^"]*"')


def test_every_link_of_every_page_leads_to_a_file(real_site):
    """Every page of both sites, without a browser: each local href and src names a file that is
    there (remote ones are refused by the build). The PDFs beside the site (pdf/, in the bundle)
    are checked in the unzipped bundle (test_print.py)."""
    site = real_site / "site"
    bundle_pdfs = real_site / "pdf"
    # 404.html is for a web server, which shows it at any address: its links start at the root.
    pages = sorted(p for p in site.rglob("*.html") if p.name != "404.html")
    assert len(pages) > 300  # both languages: standards, chapters, laws, forms, print views, …
    broken = []
    for page_path in pages:
        for target in set(LINK.findall(page_path.read_text(encoding="utf-8"))):
            if target.startswith(("mailto:", "data:", "javascript:")) or "//" in target:
                continue
            resolved = (page_path.parent / target).resolve()
            beside = Path(os.path.normpath(page_path.parent / target))  # site/ is a link: not resolved
            if beside.is_relative_to(bundle_pdfs) and beside.suffix == ".pdf":
                continue
            if not (resolved.is_file() or (resolved / "index.html").is_file()):
                broken.append(f"{page_path.relative_to(site)} -> {target}")
    assert broken == []


def test_every_chapter_page_has_its_own_title(real_site):
    for folder in ("", "bn/"):
        titles = [re.search(r"<title>(.*?)</title>", path.read_text(encoding="utf-8")).group(1)
                  for path in sorted((real_site / "site" / folder / "chapters").glob("*.html"))]
        assert len(titles) == len(set(titles)) == len(load_catalogue(STANDARDS).chapters), titles
        assert all(" · " in title for title in titles)


def test_the_not_found_page_speaks_the_sites_language(real_site, catalogue):
    for folder, lang in (("", "en"), ("bn/", "bn")):
        page = (real_site / "site" / folder / "404.html").read_text(encoding="utf-8")
        assert f"<h1>{catalogue.languages.label(lang, 'not_found_title')}</h1>" in page
        assert "404 - Not found" not in page
