"""Nothing from data runs and nothing leaves the site: markup in every text field stays text in
every page type (checked in the HTML and in headless Chromium), pages cannot run Python through
placeholders, and a build that would load anything from another host fails."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from conftest import copy_fixture, run_tism
from tism.offline import external_references
from tism.templating import TemplateError, expand

# Markup a hostile or careless author might put into any text: each piece must stay text.
PAYLOADS = ('<img src=x onerror="alert(1)">', "<script>alert(2)</script>", '"><svg onload=alert(3)>',
            "</title><script>alert(4)</script>", "{{ 7*7 }}")
RAW = ("<img src=x onerror", "<script>alert(", "<svg onload", "</title><script>")
# Text fields: every en/bn text, plus the free-text fields of the registries.
TEXT_KEYS = {"en", "bn", "short", "publisher", "reference", "quote"}


def _poison(value, key=None):
    if isinstance(value, dict):
        return {k: _poison(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [_poison(v, key) for v in value]
    if isinstance(value, str) and key in TEXT_KEYS:
        return f"{value} {' '.join(PAYLOADS)}"
    return value


def _poison_titles(data: dict) -> dict:
    """sources.yaml: titles are plain strings, not en/bn texts."""
    return {key: {**entry, "title": f"{entry['title']} {' '.join(PAYLOADS)}"} for key, entry in data.items()}


@pytest.fixture(scope="module")
def poisoned_site(tmp_path_factory) -> Path:
    project = copy_fixture(tmp_path_factory.mktemp("poisoned") / "project")
    for path in sorted((project / "standards").rglob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        first = text.split("\n", 1)[0] + "\n" if text.startswith("#") else ""
        data = yaml.safe_load(text)
        data = _poison_titles(data) if path.name == "sources.yaml" else _poison(data)
        # Dates come back as dates and are written unquoted, which tism reads as text again.
        path.write_text(first + yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    check = run_tism("validate", cwd=project)
    assert check.returncode == 0, check.stderr
    result = run_tism("build", "--index", str(project / "build" / "index"), cwd=project)
    assert result.returncode == 0, result.stdout + result.stderr
    return project / "site"


def test_markup_in_the_data_never_reaches_a_page_as_markup(poisoned_site):
    pages = sorted(poisoned_site.rglob("*.html"))
    assert len(pages) > 15
    seen_escaped = 0
    for page in pages:
        text = page.read_text(encoding="utf-8")
        for raw in RAW:
            assert raw not in text, f"{page.relative_to(poisoned_site)} carries {raw!r} as markup"
        seen_escaped += "&lt;img src=x onerror" in text
    assert seen_escaped > 10  # the payloads are there, as text


def test_markup_in_titles_stays_text_in_navigation_and_title(poisoned_site):
    html = (poisoned_site / "standards" / "LF-001.html").read_text(encoding="utf-8")
    head = html[: html.index("</title>")]
    assert "&lt;script&gt;alert(4)&lt;/script&gt;" in head
    nav = html[html.index('<nav class="md-nav md-nav--primary"'):]
    assert "Fixture standard about consent &lt;img src=x onerror=" in nav


def test_no_script_runs_and_nothing_is_fetched_in_chromium(poisoned_site):
    from playwright.sync_api import sync_playwright

    from tism.browser import CHROMIUM, LAUNCH_ARGS

    pages = ["index.html", "chapters/LF.html", "standards/LF-001.html", "standards/IV-001.html",
             "laws.html", "laws/fixture-new-law.html", "laws/concordance.html", "laws/pending-review.html",
             "sources.html", "glossary.html", "indicators.html", "forms.html", "forms/FM-001.html",
             "print/LF.html", "print/cards/first-responder.html"]
    dialogs, remote = [], []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        context = browser.new_context()

        def route(request_route):
            url = request_route.request.url
            if url.startswith("file://"):
                request_route.continue_()
            else:
                remote.append(url)
                request_route.abort()

        context.route("**/*", route)
        page = context.new_page()
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        for name in pages:
            if not (poisoned_site / name).exists():
                continue
            page.goto((poisoned_site / name).resolve().as_uri())
            page.wait_for_load_state("load")
        # The search box shows titles and text from the data too.
        page.goto((poisoned_site / "index.html").resolve().as_uri())
        page.fill("input[data-md-component=search-query]", "consent")
        page.wait_for_selector(".md-search-result__item", timeout=15000)
        page.wait_for_timeout(300)
        browser.close()
    assert dialogs == []
    assert remote == []


@pytest.mark.parametrize("expression", [
    "{{ self.__init__.__globals__ }}",
    "{{ cycler.__init__.__globals__.os.popen('id').read() }}",
    "{% for x in range(3) %}x{% endfor %}",
    "{{ no_such_macro() }}",
    "{{ 7*7 }}",
])
def test_a_page_cannot_run_anything_but_the_named_placeholders(expression):
    with pytest.raises(TemplateError):
        expand(f"# Page\n\n{expression}\n", {"edition": lambda: "2099.1"})


def test_named_placeholders_expand():
    macros = {"edition": lambda: "2099.1", "chapter_standards": lambda code: f"<{code}>"}
    assert expand('{{ edition }} {{edition}} {{ chapter_standards("IV") }}', macros) == "2099.1 2099.1 <IV>"


def test_a_placeholder_reaching_python_fails_the_build_with_the_page_named(tmp_path):
    project = copy_fixture(tmp_path / "project")
    (project / "docs" / "index.md").write_text(
        "---\nrender_macros: true\n---\n# Home\n\n{{ self.__init__.__globals__.__builtins__.__import__('os') }}\n",
        encoding="utf-8")
    result = run_tism("build", "--index", str(tmp_path / "index"), cwd=project)
    assert result.returncode == 1
    assert "docs/index.md: unknown placeholder {{ self.__init__" in result.stdout + result.stderr
    assert not (project / "site").exists()


def test_a_remote_image_in_a_page_fails_the_build_with_page_and_url(tmp_path):
    project = copy_fixture(tmp_path / "project")
    page = project / "docs" / "chapters" / "IV.md"
    page.write_text(page.read_text(encoding="utf-8") + '\n<img src="https://example.org/x.png" alt="x">\n',
                    encoding="utf-8")
    result = run_tism("build", "--index", str(tmp_path / "index"), cwd=project)
    assert result.returncode == 1
    output = result.stdout + result.stderr
    assert "the site would load from another host" in output
    assert 'chapters/IV.html: src="https://example.org/x.png"' in output
    assert not (project / "site").exists()


@pytest.mark.parametrize("text, found", [
    ('<img src="https://a.example/x.png">', 1),
    ("<script src='//cdn.example/x.js'></script>", 1),
    ('<link rel="stylesheet" href="http://a.example/s.css">', 1),
    ("body { background: url( 'https://a.example/b.png' ) }", 1),
    ('@import "https://a.example/s.css";', 1),
    ('<iframe src="https://a.example/"></iframe>', 1),
    ('<meta http-equiv="refresh" content="0; url=https://a.example/">', 1),
    ('<img src="assets/x.png"> <code>https://example.org/page</code>', 0),
    ('<a href="../sources.html#x">a source</a>', 0),
])
def test_remote_references_are_found_and_local_ones_are_not(text, found):
    assert len(external_references(text)) == found
