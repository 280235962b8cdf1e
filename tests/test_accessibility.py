"""The built site as every reader meets it, in headless Chromium: axe-core (from npm, WCAG 2.1 AA
and best practice) on every kind of page of both sites, phones 360 px wide and a laptop zoomed to
200 %, and Bengali drawn in the bundled font even on a machine with no Bengali font of its own.

The real site is served over http here (the 404 page only works from a server); test_browser.py
opens the same pages from file://.
"""
from __future__ import annotations

import functools
import http.server
import threading

import pytest

from conftest import STANDARDS
from tism.bundle import start_here
from tism.catalogue import load_catalogue
from tism.paths import NODE_MODULES

AXE = NODE_MODULES / "axe-core" / "axe.min.js"
BENGALI_FONT = "Baloo Da 2"  # the family name inside the bundled woff2 files (tism.paths)

# One page made from each template of the site (every kind of page there is), in each language.
PAGE_TYPES = ["index.html", "how-to-use.html", "about.html", "404.html", "chapters/LF.html",
              "standards/IV-004.html", "standards/LF-005.html", "laws.html", "laws/bd-tip-som-ordinance-2026.html",
              "laws/bd-pshta-2012.html", "laws/concordance.html", "laws/pending-review.html", "sources.html",
              "glossary.html", "indicators.html", "forms.html", "forms/FM-001.html", "changes.html",
              "printables.html", "print/LF.html", "print/cards/border-guard.html", "curriculum.html",
              "curriculum/SI-BASIC.html", "curriculum/matrix.html", "self-assessment.html",
              "print/curriculum/SI-BASIC-check.html", "print/curriculum/SI-BASIC-key.html"]
SITES = ["", "bn/"]
SEARCHES = {"": "victim interview consent", "bn/": "ভিকটিমের সাক্ষাৎকার"}


@pytest.fixture(scope="module")
def server(real_site):
    """The real site served over http on a free port; yields its base URL."""
    handler = functools.partial(_Quiet, directory=str(real_site / "site"))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture
def page(browser):
    context = browser.new_context()
    opened = context.new_page()
    yield opened
    context.close()


def serious_violations(page) -> list[str]:
    """axe-core's critical and serious violations on the page as it is now, one line each."""
    page.add_script_tag(path=str(AXE))
    found = page.evaluate("""() => axe.run(document, {resultTypes: ['violations']}).then(r => r.violations
        .filter(v => v.impact === 'critical' || v.impact === 'serious')
        .map(v => `${v.impact} ${v.id} (${v.nodes.length}): ${v.nodes[0].target.join(' ')}`))""")
    return [f"{page.url}: {line}" for line in found]


def open_search(page, words: str) -> None:
    """Open the search dialog as the header's button does, and type `words`."""
    page.evaluate("document.getElementById('__search').checked = true")
    page.fill(".tism-search__input", words)
    page.wait_for_selector(".tism-result")


@pytest.mark.parametrize("lang", SITES)
def test_no_critical_or_serious_accessibility_violations(page, server, lang):
    assert AXE.is_file(), "axe-core is missing: run `make test` (it installs build/vendor)"
    found: list[str] = []
    for path in PAGE_TYPES:
        page.goto(server + lang + path)
        found += serious_violations(page)
    page.goto(server + lang + "index.html")
    open_search(page, SEARCHES[lang])
    found += serious_violations(page)
    assert found == []


def test_start_here_is_accessible(page, real_site, tmp_path):
    """The bundle's first page, written beside a copy of the site's layout (site/ linked in)."""
    catalogue = load_catalogue(STANDARDS)
    (tmp_path / "site").symlink_to(real_site / "site")
    sizes = {"chapters/LF.en.pdf": 180_000, "chapters/LF.bn.pdf": 250_000, "cards/border-guard.en.pdf": 40_000}
    (tmp_path / "START-HERE.html").write_text(start_here(catalogue, sizes), encoding="utf-8")
    page.goto((tmp_path / "START-HERE.html").as_uri())
    assert serious_violations(page) == []
    assert page.locator("main h1").count() == 1
    assert page.locator("a[href='pdf/chapters/LF.bn.pdf']").count() == 1


def test_checklists_are_labelled_checkboxes_that_tick(page, server):
    page.goto(server + "bn/standards/IV-004.html")
    boxes = page.locator(".tism-checklist input[type=checkbox]")
    assert boxes.count() == len(load_catalogue(STANDARDS).standard("IV-004").checklist)
    label = page.locator("label.tism-checklist__label").first
    assert label.inner_text().strip()  # the item's own words name the box
    label.locator("xpath=.").click(position={"x": 200, "y": 5})  # a tap on the words, not on the box
    assert boxes.first.is_checked()


WIDTHS = [360, 640]  # a phone; a laptop 1280 px wide zoomed to 200 %


def test_no_page_scrolls_sideways(browser, server):
    context = browser.new_context(viewport={"width": WIDTHS[0], "height": 800})
    page = context.new_page()
    wide = []
    for lang in SITES:
        for path in PAGE_TYPES:
            page.goto(server + lang + path)
            for width in WIDTHS:
                page.set_viewport_size({"width": width, "height": 800})
                overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
                if overflow > 0:
                    wide.append(f"{lang}{path} at {width} px: {overflow} px too wide")
            page.set_viewport_size({"width": WIDTHS[0], "height": 800})
    shot = page.screenshot(full_page=True)
    context.close()
    assert wide == []
    assert int.from_bytes(shot[16:20], "big") == WIDTHS[0]  # the PNG of the last page is as wide as the screen


# Wraps one run of Bengali letters of every visible text node in a probe span, so that the fonts
# Chromium used for the span are the fonts that drew Bengali letters (and nothing else).
PROBE = r"""() => {
  const bengali = /[\u0980-\u09ff\u0964\u0965]+/;
  const nodes = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) if (bengali.test(n.data)) nodes.push(n);
  let count = 0;
  for (const node of nodes) {
    const parent = node.parentElement;
    if (!parent || parent.closest('script, style') || !parent.getClientRects().length) continue;
    const found = bengali.exec(node.data);
    const run = node.splitText(found.index);
    run.splitText(found[0].length);
    const probe = document.createElement('span');
    probe.setAttribute('data-tism-probe', parent.tagName.toLowerCase() + '.' + parent.className);
    run.replaceWith(probe);
    probe.appendChild(run);
    count++;
  }
  return count;
}"""


def fonts_drawing_bengali(page) -> dict[str, set[str]]:
    """For each kind of element holding Bengali text on the page: the font families Chromium drew
    its Bengali letters with (asked through the DevTools protocol)."""
    page.evaluate("document.fonts.ready.then(() => true)")
    assert page.evaluate(PROBE) > 0
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument", {"depth": -1})["root"]["nodeId"]
    drawn: dict[str, set[str]] = {}
    for node in cdp.send("DOM.querySelectorAll", {"nodeId": root, "selector": "[data-tism-probe]"})["nodeIds"]:
        attributes = cdp.send("DOM.getAttributes", {"nodeId": node})["attributes"]
        where = dict(zip(attributes[::2], attributes[1::2], strict=True))["data-tism-probe"]
        fonts = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
        drawn.setdefault(where, set()).update(font["familyName"] for font in fonts)
    cdp.detach()
    return drawn


@pytest.mark.parametrize("lang", SITES)
def test_bengali_is_drawn_only_in_the_bundled_font(page, server, lang):
    """Headings, running text, tables, code, badges, the language switch, the search box and its
    results: every Bengali letter comes from the bundled font, never a fallback (or empty boxes)."""
    elsewhere: list[str] = []
    for path in ["standards/IV-004.html", "how-to-use.html", "forms/FM-001.html", "laws/concordance.html",
                 "printables.html"]:
        page.goto(server + lang + path)
        elsewhere += [f"{lang}{path} {where}: {sorted(fonts)}"
                      for where, fonts in fonts_drawing_bengali(page).items() if fonts != {BENGALI_FONT}]
    page.goto(server + lang + "index.html")
    open_search(page, SEARCHES["bn/"])
    elsewhere += [f"{lang}search {where}: {sorted(fonts)}"
                  for where, fonts in fonts_drawing_bengali(page).items() if fonts != {BENGALI_FONT}]
    assert elsewhere == []


# Text of two or more words in Latin letters and none in Bengali: an English fragment.
ENGLISH_OUTSIDE_EN = r"""() => {
  const english = /[A-Za-z]{2,}[^A-Za-z\u0980-\u09ff]+[A-Za-z]{2,}/, bengali = /[\u0980-\u09ff]/;
  const found = [];
  const walker = document.createTreeWalker(document.querySelector('article'), NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const parent = n.parentElement;
    if (parent.closest('code, kbd, samp, script, style') || !english.test(n.data) || bengali.test(n.data)) continue;
    if (parent.closest('[lang]').getAttribute('lang') !== 'en') found.push(n.data.trim().slice(0, 60));
  }
  return found;
}"""


def test_english_on_bengali_pages_is_marked_english(page, server):
    """Screen readers switch voice and browsers hyphenate by the marked language: on the Bengali
    site every fragment left in English (a source's title, a term's English name) says so."""
    unmarked = []
    for path in PAGE_TYPES:
        page.goto(server + "bn/" + path)
        unmarked += [f"bn/{path}: {text}" for text in page.evaluate(ENGLISH_OUTSIDE_EN)]
    assert unmarked == []
