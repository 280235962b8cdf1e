"""The pure page builders on the fixture catalogue: tism.render (Markdown of each page), tism.pages
(what a site holds, its navigation and language switch) and tism.show (the terminal view).
Markdown is turned into HTML with Python-Markdown, as mkdocs does, where escaping is the point."""
from __future__ import annotations

import dataclasses
import re

import markdown
import pytest

from conftest import VALID
from tism import pages, render
from tism.catalogue import load_catalogue
from tism.model import Text
from tism.show import show_text


@pytest.fixture(scope="module")
def fixture():
    return load_catalogue(VALID / "standards")


def html_of(text: str) -> str:
    return markdown.markdown(text, extensions=["attr_list", "md_in_html", "tables"])


def test_inline_makes_data_plain_text():
    assert render.inline("a & <b> *c* [d](e)") == r"a &amp; &lt;b&gt; \*c\* \[d\]\(e\)"
    assert html_of(render.inline("<script>x</script> *y*")) == "<p>&lt;script&gt;x&lt;/script&gt; *y*</p>"


def test_attribute_escapes_once_in_the_finished_page(fixture):
    term = dataclasses.replace(fixture.glossary["broker"], latin=("a&b", "<x>"))
    catalogue = dataclasses.replace(fixture, glossary={"broker": term})
    page = html_of(render.render_glossary(catalogue, "en"))
    assert '<code lang="bn-Latn">a&amp;b</code>' in page and '<code lang="bn-Latn">&lt;x&gt;</code>' in page
    assert "&amp;amp;" not in page


def test_a_missing_translation_shows_english_with_a_mark(fixture):
    """The English is marked as English; the mark itself is in the page's language."""
    text = Text({"en": "Only English."})
    assert render.localized(text, "bn", fixture) == (
        '<span lang="en">Only English\\.</span> <span class="tism-missing">(বাংলা অনুবাদ অপেক্ষমাণ)</span>')
    assert render.localized(Text({"en": "E", "bn": "বা"}), "bn", fixture) == "বা"


def _unmarked_text(page_html: str) -> str:
    """The text of a page outside every element marked lang="en"."""
    from html.parser import HTMLParser

    class Unmarked(HTMLParser):
        def __init__(self):
            super().__init__()
            self.depth, self.marked, self.parts = 0, [], []

        def handle_starttag(self, tag, attrs):
            self.depth += 1
            if ("lang", "en") in attrs:
                self.marked.append(self.depth)

        def handle_endtag(self, tag):
            if self.marked and self.marked[-1] == self.depth:
                self.marked.pop()
            self.depth -= 1

        def handle_data(self, data):
            if not self.marked:
                self.parts.append(data)

    parser = Unmarked()
    parser.feed(page_html)
    return " ".join(parser.parts)


IDS = re.compile(r"\b(?:[A-Z]{2}-[0-9]{3}(?:\.[0-9]{2})?|FM-[0-9]{3})\b")


def test_every_english_fragment_on_a_bengali_page_is_marked(fixture):
    """LF-001 falls back to English in eight places (tests/test_report.py): each is marked
    lang="en", and outside the marked parts the page has no Latin letters but IDs."""
    page = render.render_standard(fixture.standard("LF-001"), fixture, "bn")
    assert page.count('(<span lang="en">as gazetted 2099</span>)') == 2       # versions of a law's text
    assert '(<span lang="en">as enacted 2012</span>)' in page
    assert 'এখন যে বিধানে: <span lang="en">Fixture Ordinance</span>' in page  # the successor's name
    assert ('| 2\\.0 | 2099\\-02\\-01 | <span lang="en">A MUST added\\.</span> '
            '<span class="tism-missing">(বাংলা অনুবাদ অপেক্ষমাণ)</span> |') in page        # the history
    assert '<span lang="en">Repealed; older facts only\\.</span>' in page            # a citation note
    text = _unmarked_text(html_of(page))
    assert re.findall(r"[A-Za-z]+", IDS.sub("", text)) == []
    # The English page marks nothing: the whole page is English.
    assert 'lang="en"' not in render.render_standard(fixture.standard("LF-001"), fixture, "en")


def test_translated_versions_and_names_are_printed_in_the_page_language(fixture):
    law = fixture.laws["fixture-new-law"]
    translated = dataclasses.replace(
        law, short_name=Text({"en": "Fixture Ordinance", "bn": "পরীক্ষামূলক অধ্যাদেশ"}),
        version_names=(Text({"en": "as gazetted 2099", "bn": "২০৯৯ সালে গেজেটে প্রকাশিত পাঠ"}),))
    catalogue = dataclasses.replace(fixture, laws={**fixture.laws, law.key: translated})
    page = render.render_standard(catalogue.standard("LF-001"), catalogue, "bn")
    assert page.count("(২০৯৯ সালে গেজেটে প্রকাশিত পাঠ)") == 2 and "as gazetted 2099" not in page
    assert "এখন যে বিধানে: পরীক্ষামূলক অধ্যাদেশ [ধারা ৫]" in page
    english = render.render_standard(catalogue.standard("LF-001"), catalogue, "en")
    assert english.count("(as gazetted 2099)") == 2 and "now covered by: Fixture Ordinance" in english


def test_a_source_title_keeps_its_language_and_its_english_runs_are_marked(fixture):
    title = "শিশু আইন, ২০১৩ (Children Act, 2013), official text"
    assert render.as_published(title, "bn", fixture) == (
        'শিশু আইন, ২০১৩ \\(<span lang="en">Children Act, 2013\\), official text</span>')
    assert render.as_published(title, "en", fixture) == render.inline(title)
    assert render.as_published("UNODC Toolkit", "bn", fixture) == '<span lang="en">UNODC Toolkit</span>'
    assert render.as_published("পাচার", "bn", fixture) == "পাচার"
    escaped = render.as_published("<b>x</b> *y* ক", "bn", fixture)
    assert "<b>" not in escaped and "&lt;" in escaped and "\\*" in escaped


def test_standard_page_has_levels_anchors_and_citation_states(fixture):
    standard = fixture.standard("LF-001")
    page = render.render_standard(standard, fixture, "en")
    assert page.startswith("# LF\\-001 · Fixture standard about consent\n")
    for requirement in standard.requirements:
        assert f"{{ #{requirement.id} .tism-requirement .tism-requirement--{requirement.level} }}" in page
    assert '<span class="tism-level tism-level--must">MUST</span>' in page
    assert '<span class="tism-pending">Citation pending legal review</span>' in page
    assert "<script>" not in page
    bengali = render.render_standard(standard, fixture, "bn")
    assert '<span class="tism-level tism-level--must">অবশ্যই</span>' in bengali


def test_chapter_page_is_title_then_introduction_then_standards(fixture):
    page = render.render_chapter_page("LF", "An *introduction*.", fixture, "en")
    title, intro, listed = (page.index(s) for s in ("# LF · ", "An *introduction*.", "### [LF\\-001 · "))
    assert title < intro < listed
    assert "IV-001" not in page and "IV\\-001" not in page


def test_every_generated_page_and_which_are_printed_only(fixture):
    planned = pages.generated(fixture, "en", {"LF": "Intro."})
    assert {"standards/LF-001.md", "standards/IV-001.md", "chapters/LF.md", "chapters/IV.md",
            "laws.md", "sources.md", "glossary.md", "indicators.md", "forms.md"} <= set(planned)
    printed = {path for path, page in planned.items() if not page.in_nav}
    assert printed == {"print/LF.md", "print/IV.md", *(f"print/cards/{key}.md" for key in fixture.cards)}
    assert "Intro." in planned["print/LF.md"].content


def test_navigation_replaces_the_markers_and_escapes_titles(fixture):
    chapter = dataclasses.replace(fixture.chapters[0], title=Text({"en": "<b>Law</b>", "bn": "আইন"}))
    catalogue = dataclasses.replace(fixture, chapters=(chapter, *fixture.chapters[1:]))
    nav = pages.navigation(["index.md", pages.NAV_CHAPTERS, pages.NAV_REFERENCE], catalogue, "en")
    assert nav[0] == "index.md"
    first = nav[1]
    assert list(first) == ["LF · &lt;b&gt;Law&lt;/b&gt;"]
    assert first["LF · &lt;b&gt;Law&lt;/b&gt;"][0] == {"Introduction": "chapters/LF.md"}
    assert {"Legal instruments"} <= {key for item in nav[3:] for key in item}
    assert pages.navigation(None, catalogue, "en") is None


def test_language_switch_links_each_site_root_from_this_one(fixture):
    assert pages.alternates(fixture, "en") == [{"name": "English", "lang": "en", "link": ""},
                                               {"name": "বাংলা", "lang": "bn", "link": "bn/"}]
    assert [a["link"] for a in pages.alternates(fixture, "bn")] == ["../", ""]


def test_site_language_comes_from_the_option_then_the_theme(fixture):
    assert pages.site_language(fixture, None, "bn") == "bn"
    assert pages.site_language(fixture, None, "fr") == "en"  # a theme language the manual lacks
    assert pages.site_language(fixture, "bn", "en") == "bn"
    with pytest.raises(ValueError, match="lang xx is not a language of the manual"):
        pages.site_language(fixture, "xx", "en")


@pytest.mark.parametrize("intro", ["---\na: 1\n---\nText", "# Title\nText", "Text {{ edition }}"])
def test_a_chapter_introduction_must_be_plain(intro):
    with pytest.raises(ValueError, match="a chapter introduction has no"):
        pages.check_intro(intro)
    assert pages.check_intro("Plain *Markdown*.\n") == "Plain *Markdown*.\n"


def test_show_prints_a_standard_and_a_requirement(fixture):
    whole = show_text(fixture, "lf-001")
    assert whole.startswith("LF-001 · Fixture standard about consent")
    assert "REQUIREMENTS" in whole and "LF-001.01 [MUST]" in whole
    one = show_text(fixture, "LF-001.01")
    assert one.splitlines()[0] == "LF-001 · Fixture standard about consent"
    assert one.splitlines()[2] == "LF-001.01 [MUST]"
    assert "অবশ্যই" in show_text(fixture, "LF-001.01", "bn")
    with pytest.raises(KeyError):
        show_text(fixture, "LF-999")
    with pytest.raises(KeyError):
        show_text(fixture, "LF-001.99")


def _legal_basis(shown: str, catalogue) -> list[str]:
    lines = shown.splitlines()
    start = lines.index(catalogue.languages.label("bn", "legal_basis").upper()) + 1
    return lines[start: lines.index("", start)]


# A provision keeps the instrument's own numbering: a clause letter in brackets, a Roman numeral,
# or a letter suffix of a section number (অনুচ্ছেদ ৩(b), ধারা ৮৫B).
NUMBERING = re.compile(r"\((?:[a-z]|[ivx]+)\)|(?<=[০-৯])[A-Z]\b")


def test_show_in_bengali_gives_the_legal_basis_in_bengali(catalogue):
    """Law names and labels in Bengali; the only Latin letters are the instruments' own numbering."""
    basis = _legal_basis(show_text(catalogue, "IV-004", "bn"), catalogue)
    assert basis[0].strip() == "শিশু আইন ২০১৩, ধারা ১৩"
    assert basis[-1].strip() == "২০২৬ সালের অধ্যাদেশ, ধারা ৫৫(২)"
    for standard in catalogue.standards:
        for line in _legal_basis(show_text(catalogue, standard.id, "bn", width=200), catalogue):
            assert re.findall(r"[A-Za-z]+", NUMBERING.sub("", line)) == [], (standard.id, line)


def test_show_folds_to_the_terminal_without_splitting_a_word(catalogue):
    """An 80-column terminal (or any width): lines fit, and every word, Bengali letters with their
    vowel signs, stays whole."""
    standard = catalogue.standard("IV-004")
    for width in (80, 40):
        shown = show_text(catalogue, "IV-004", "bn", width=width)
        for line in shown.splitlines():
            assert len(line) <= width or " " not in line.strip(), line
        assert set(standard.summary["bn"].split()) <= set(shown.split())
