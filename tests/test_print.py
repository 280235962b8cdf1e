"""`tism print`: real PDFs from headless Chromium, read back with pdftotext and pdfinfo."""
from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from conftest import PROJECT, STANDARDS, copy_fixture, run_tism
from tism.catalogue import load_catalogue


def pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout


def pdf_info(path: Path) -> dict[str, str]:
    out = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return dict(line.split(":", 1) for line in out.splitlines() if ":" in line)


def squeeze(text: str) -> str:
    """Line breaks and runs of spaces as one space: a title wraps across lines on paper."""
    return re.sub(r"\s+", " ", text).strip()


def letters(text: str) -> str:
    """The text without any white space. pdftotext guesses word breaks from glyph positions and
    puts a space inside a few Bengali words where a reph (র্) is drawn over the next letter
    (নির্দেশক -> "নির্দে শক"); the characters and their order must still be exact."""
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def printed(real_site) -> Path:
    out = real_site / "print"
    result = run_tism("print", "--standards", str(STANDARDS), "--site", str(real_site / "site"),
                      "--out", str(out), cwd=PROJECT, timeout=600)
    assert result.returncode == 0, result.stderr
    assert re.search(r"printed \d+ PDFs \(\d+\.\d MiB\)", result.stdout)
    return out


def test_every_chapter_in_both_languages(printed):
    catalogue = load_catalogue(STANDARDS)
    for chapter in catalogue.chapters:
        for lang in ("en", "bn"):
            pdf = printed / "chapters" / f"{chapter.code}.{lang}.pdf"
            pages = int(pdf_info(pdf)["Pages"])
            # each standard starts on a new page, after the introduction
            assert len(catalogue.in_chapter(chapter.code)) < pages < 12 * len(catalogue.in_chapter(chapter.code)) + 2


def test_bengali_chapter_text_layer_is_exact(printed):
    catalogue = load_catalogue(STANDARDS)
    for chapter in catalogue.chapters:
        first = catalogue.in_chapter(chapter.code)[0]
        text = letters(pdf_text(printed / "chapters" / f"{chapter.code}.bn.pdf"))
        assert letters(first.title["bn"]) in text, (chapter.code, first.title["bn"])
        assert letters(first.requirements[0].text["bn"]) in text


def test_bengali_words_come_back_whole(printed):
    """Nearly every Bengali word of a printed chapter copies back as the same word (measured 99 %
    with the bundled Baloo Da 2; Noto Sans Bengali 3 gave almost none)."""
    catalogue = load_catalogue(STANDARDS)
    words = {w for s in catalogue.in_chapter("LF") for t in (s.title, s.summary, *(r.text for r in s.requirements))
             for w in re.findall(r"[\u0980-\u09ff]+", t["bn"])}
    printed_words = set(re.findall(r"[\u0980-\u09ff]+", pdf_text(printed / "chapters" / "LF.bn.pdf")))
    assert len(words & printed_words) >= 0.97 * len(words)


def test_english_chapter_has_levels_and_edition_on_every_page(printed):
    catalogue = load_catalogue(STANDARDS)
    pdf = printed / "chapters" / "LF.en.pdf"
    pages = pdf_text(pdf).split("\f")
    pages = [p for p in pages if p.strip()]
    assert all(f"edition {catalogue.edition}" in p for p in pages)
    assert "MUST" in pages[1]


def test_pocket_cards_are_two_a6_pages(printed):
    catalogue = load_catalogue(STANDARDS)
    assert len(catalogue.cards) >= 3
    for card in catalogue.cards.values():
        for lang in ("en", "bn"):
            info = pdf_info(printed / "cards" / f"{card.key}.{lang}.pdf")
            assert info["Pages"].strip() == "2", card.key
            width, height = (float(v) for v in re.findall(r"[\d.]+", info["Page size"])[:2])
            assert abs(width - 297.6) < 2 and abs(height - 419.5) < 2   # A6 in points
        assert letters(card.title["bn"]) in letters(pdf_text(printed / "cards" / f"{card.key}.bn.pdf"))


def test_forms_print_in_both_languages(printed):
    catalogue = load_catalogue(STANDARDS)
    assert len(catalogue.forms) >= 6
    for form in catalogue.forms.values():
        text = letters(pdf_text(printed / "forms" / f"{form.id}.bn.pdf"))
        assert letters(form.title["bn"]) in text


def test_print_without_a_built_site_says_so(tmp_path):
    project = copy_fixture(tmp_path / "project")
    result = run_tism("print", "--out", str(tmp_path / "pdf"), cwd=project)
    assert result.returncode == 1
    assert "run `tism build` first" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "pdf").exists()


def test_bundle_unzipped_elsewhere_works_offline(printed, real_site, tmp_path):
    import zipfile

    from playwright.sync_api import sync_playwright

    from tism.browser import CHROMIUM, LAUNCH_ARGS

    target = tmp_path / "tism.zip"
    result = run_tism("bundle", "--standards", str(STANDARDS), "--site", str(real_site / "site"),
                      "--index", str(real_site / "index"), "--pdfs", str(printed), "--out", str(target),
                      cwd=PROJECT)
    assert result.returncode == 0, result.stderr
    assert re.search(r"bundle: .*tism\.zip \(\d+\.\d MiB\)", result.stdout)
    elsewhere = tmp_path / "laptop"
    with zipfile.ZipFile(target) as archive:
        archive.extractall(elsewhere)
    (top,) = list(elsewhere.iterdir())
    assert (top / "pdf" / "chapters" / "LF.bn.pdf").is_file()
    search = run_tism("search", "consent", "--index", str(top / "index"), "--json", cwd=tmp_path)
    assert search.returncode == 0 and '"LF-003"' in search.stdout
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        context = browser.new_context()
        outside = []
        context.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file://")
                      else (outside.append(route.request.url), route.abort()))
        page = context.new_page()
        page.goto((top / "START-HERE.html").as_uri())
        page.click("a[href='site/index.html']")
        page.fill(".tism-search__input", "interview")
        page.wait_for_selector(".tism-result", timeout=15000)
        browser.close()
    assert outside == []


def test_what_changed_is_printed_in_both_languages(printed):
    for lang in ("en", "bn"):
        text = pdf_text(printed / f"what-changed.{lang}.pdf")
        assert ("What changed" if lang == "en" else "কী বদলেছে") in text
