"""The built site in headless Chromium (Debian's package, driven by Playwright) from file://, with
every request outside file:// blocked and recorded."""
from __future__ import annotations

from pathlib import Path

import pytest

from conftest import STANDARDS
from tism.catalogue import load_catalogue


class Recorder:
    def __init__(self):
        self.requests: list[str] = []

    def __call__(self, route):
        url = route.request.url
        self.requests.append(url)
        if url.startswith("file://"):
            route.continue_()
        else:
            route.abort()


@pytest.fixture
def offline(browser):
    """A page with the network cut: only file:// requests go through; all requests are recorded."""
    context = browser.new_context()
    recorder = Recorder()
    context.route("**/*", recorder)
    page = context.new_page()
    page.recorder = recorder
    yield page
    context.close()


def url(site: Path, path: str) -> str:
    return (site / path).resolve().as_uri()


def search(page, words: str) -> list[str]:
    """Type into the site's search box; the standards it shows, in rank order (their data-id)."""
    page.fill(".tism-search__input", words)
    return page.locator(".tism-result").evaluate_all("items => items.map(item => item.dataset.id)")


def test_home_pages_render_with_chapters(offline, real_site):
    site = real_site / "site"
    catalogue = load_catalogue(STANDARDS)
    offline.goto(url(site, "index.html"))
    text = offline.locator("article").inner_text()
    for chapter in catalogue.chapters:
        assert chapter.title.source in text
    offline.goto(url(site, "bn/index.html"))
    text = offline.locator("article").inner_text()
    assert "অধ্যায়সমূহ" in text
    for chapter in catalogue.chapters:
        assert chapter.title["bn"] in text
    assert offline.locator("html").get_attribute("lang") == "bn"


def test_english_search_shows_results_offline(offline, real_site):
    offline.goto(url(real_site / "site", "index.html"))
    assert search(offline, "interview")
    assert all(u.startswith("file://") for u in offline.recorder.requests)


def test_bengali_search_shows_results_offline(offline, real_site):
    offline.goto(url(real_site / "site", "bn/index.html"))
    titles = search(offline, "সাক্ষাৎকার")
    assert titles
    assert all(u.startswith("file://") for u in offline.recorder.requests)


def test_bengali_search_ignores_zero_width_joiner(offline, real_site):
    offline.goto(url(real_site / "site", "bn/index.html"))
    plain = search(offline, "সাক্ষাৎকার")
    offline.goto(url(real_site / "site", "bn/index.html"))
    joined = search(offline, "সাক্ষা\u200cৎকার")
    assert joined == plain


def test_language_switch_lands_on_the_same_page(offline, real_site):
    site = real_site / "site"
    offline.goto(url(site, "standards/IV-004.html"))
    href = offline.locator("a[hreflang=bn]").first.get_attribute("href")
    offline.goto(url(site / "standards", href))
    assert offline.url.endswith("/bn/standards/IV-004.html")
    assert "শিশু" in offline.locator("h1").inner_text()
    back = offline.locator("a[hreflang=en]").first.get_attribute("href")
    offline.goto(url(site / "bn" / "standards", back))
    assert offline.url.endswith("/site/standards/IV-004.html")


def test_standard_page_shows_its_requirements(offline, real_site):
    standard = load_catalogue(STANDARDS).standard("IV-004")
    offline.goto(url(real_site / "site", "standards/IV-004.html"))
    shown = offline.locator(".tism-requirement").all_inner_texts()
    assert len(shown) == len(standard.requirements)
    for requirement, text in zip(standard.requirements, shown, strict=True):  # in the file's order
        assert requirement.id in text
    assert offline.locator(".tism-level--must").first.is_visible()


def test_bengali_renders_in_the_bundled_font(offline, real_site):
    offline.goto(url(real_site / "site", "bn/index.html"))
    offline.evaluate("document.fonts.ready")
    loaded = offline.evaluate(
        "Array.from(document.fonts).filter(f => f.family.includes('tism Bengali') && f.status === 'loaded').length")
    assert loaded >= 1


# One page made from each template, in each language: every kind of page the site has. (That every
# link of every page leads to a file is checked without a browser, in test_site.py.)
ONE_OF_EACH = ["index.html", "how-to-use.html", "about.html", "404.html", "chapters/LF.html",
               "standards/IV-004.html", "laws.html", "laws/bd-tip-som-ordinance-2026.html",
               "laws/bd-pshta-2012.html", "laws/concordance.html", "laws/pending-review.html", "sources.html",
               "glossary.html", "indicators.html", "forms.html", "forms/FM-001.html", "print/LF.html",
               "print/cards/border-guard.html"]


@pytest.mark.parametrize("lang", ["", "bn/"])
def test_every_kind_of_page_loads_offline_without_script_errors(offline, real_site, lang):
    site = real_site / "site"
    errors: list[str] = []
    offline.on("pageerror", lambda error: errors.append(str(error)))
    for path in ONE_OF_EACH:
        assert (site / lang / path).is_file(), lang + path
        offline.goto(url(site, lang + path), wait_until="load")
        assert offline.locator("h1").count() >= 1, lang + path
    assert errors == []
    outside = [u for u in offline.recorder.requests if not u.startswith("file://")]
    assert outside == []
    assert len(offline.recorder.requests) > len(ONE_OF_EACH)


def test_bengali_search_finds_words_beside_danda_and_brackets(offline, real_site):
    """A word written glued to a danda or inside brackets in the text is found by the word alone."""
    offline.goto(url(real_site / "site", "bn/index.html"))
    assert search(offline, "আলামত")   # written "(আলামত)" and "আলামত।" in the standards
    assert search(offline, "জবানবন্দি")
