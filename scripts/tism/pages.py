"""What a site in one language is made of, planned from the Catalogue (pure: no mkdocs, no I/O).

- `generated`: every page that comes from data, by path inside docs/: standards, chapters (the
  hand-written introduction between the title and the list of standards), reference pages and
  print views (reached from the "Print and hand out" page and `tism print`, not from the navigation);
- `navigation`: mkdocs.yml's `nav` with its markers `tism:chapters` and `tism:reference` replaced;
- `placeholders`: the named placeholders a hand-written page may use (see tism.templating);
- `alternates`: the language switch, one entry per language of the manual.
"""
from __future__ import annotations

import html
import json
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from . import changepages, coursepages, lawpages, printables, render, searchdata, trainerpack
from .model import Catalogue

SEARCH_DATA = "assets/tism/search-data.js"  # the search data (tism.searchdata), as a script
# The engine and the data load while the page is still being read (async: a long page does not
# hold them back); the box wires itself once the page is read (defer).
# The training pages' script (the matrix's role filter, the self-assessment's scores) does nothing
# on other pages.
SCRIPTS = {"assets/tism/engine.js": "async_", SEARCH_DATA: "async_", "assets/tism/search.js": "defer",
           "assets/tism/training.js": "defer"}
NAV_CHAPTERS = "tism:chapters"  # one section per chapter: its page, then its standards
NAV_REFERENCE = "tism:reference"  # laws, sources, glossary, indicators, forms


@dataclass(frozen=True)
class Page:
    content: str  # Markdown
    in_nav: bool = True  # False: print views, reached from `tism print`


def site_language(catalogue: Catalogue, chosen: str | None, theme_language: str) -> str:
    """The language of a site's generated pages: the plugin's `lang` option, else the theme's
    language when the manual has it, else English. ValueError for a language the manual lacks."""
    codes = catalogue.languages.codes
    lang = chosen or (theme_language if theme_language in codes else codes[0])
    if lang not in codes:
        raise ValueError(f"lang {lang} is not a language of the manual ({', '.join(codes)})")
    return lang


def chapter_path(code: str) -> str:
    return f"chapters/{code}.md"


def check_intro(text: str) -> str:
    """A chapter's introduction as written (docs/<lang>/chapters/<CODE>.md): plain Markdown that
    goes between the chapter's title (from manual.yaml) and its standards. ValueError otherwise."""
    if text.startswith("---"):
        raise ValueError("a chapter introduction has no front matter: it is plain Markdown")
    if any(line.startswith("# ") for line in text.splitlines()):
        raise ValueError("a chapter introduction has no title: the title comes from manual.yaml")
    if "{{" in text or "{%" in text:
        raise ValueError("a chapter introduction has no placeholders: its standards are listed after it")
    return text


def generated(catalogue: Catalogue, lang: str, intros: dict[str, str]) -> dict[str, Page]:
    """Every generated page by its path inside docs/. `intros` holds each chapter's hand-written
    introduction (docs/<lang>/chapters/<CODE>.md, Markdown), by chapter code."""
    pages = {f"standards/{s.id}.md": Page(render.render_standard(s, catalogue, lang)) for s in catalogue.standards}
    for chapter in catalogue.chapters:
        intro = intros.get(chapter.code, "")
        pages[chapter_path(chapter.code)] = Page(render.render_chapter_page(chapter.code, intro, catalogue, lang))
        pages[f"print/{chapter.code}.md"] = Page(render.render_print_chapter(chapter.code, intro, catalogue, lang),
                                                 in_nav=False)
    for card in catalogue.cards.values():
        pages[f"print/cards/{card.key}.md"] = Page(render.render_card(card, catalogue, lang), in_nav=False)
    pack = trainerpack.pack_pages(catalogue, lang)  # the courses' trainer's packs: print views
    pages.update({path: Page(content, in_nav=False) for path, content in pack.items()})
    # Earlier versions' texts are reached from each standard's history, not from the navigation.
    pages.update({path: Page(content, in_nav=not path.startswith("versions/"))
                  for path, content in reference_pages(catalogue, lang).items()})
    return pages


def reference_pages(catalogue: Catalogue, lang: str) -> dict[str, str]:
    """The reference pages, by path; pages for data the catalogue lacks are left out."""
    pages = {**lawpages.law_pages(catalogue, lang), "sources.md": render.render_sources(catalogue, lang),
             **changepages.change_pages(catalogue, lang),
             printables.PAGE: printables.render_printables(catalogue, lang),
             **coursepages.course_pages(catalogue, lang)}
    if catalogue.self_assessment is not None:
        pages[trainerpack.SELF_ASSESSMENT] = trainerpack.render_self_assessment(catalogue, lang)
    if catalogue.glossary:
        pages["glossary.md"] = render.render_glossary(catalogue, lang)
    if catalogue.indicators:
        pages["indicators.md"] = render.render_indicators(catalogue, lang)
    if catalogue.forms:
        pages["forms.md"] = render.render_forms_index(catalogue, lang)
        for form in catalogue.forms.values():
            pages[f"forms/{form.id}.md"] = render.render_form(form, catalogue, lang)
    return pages


def _title(text: str) -> str:
    """A title from the data, safe in the navigation: the theme writes nav titles as raw HTML."""
    return html.escape(text, quote=False)


def _words(catalogue: Catalogue, lang: str) -> Callable[[str], str]:
    return lambda key: _title(catalogue.languages.label(lang, key))


def _reference_nav(catalogue: Catalogue, lang: str) -> list:
    word = _words(catalogue, lang)
    laws: list = ["laws.md"]
    laws += [{_title(law.title.get(lang)): f"laws/{key}.md"} for key, law in catalogue.laws.items()]
    laws += [{word("concordance"): lawpages.CONCORDANCE}, {word("pending_review"): lawpages.PENDING}]
    items: list = [{word("laws"): laws}, {word("source_list"): "sources.md"},
                   {word("what_changed"): changepages.PAGE}]
    if catalogue.glossary:
        items.append({word("glossary"): "glossary.md"})
    if catalogue.indicators:
        items.append({word("indicators"): "indicators.md"})
    if catalogue.forms:
        forms = [{_title(f"{f.id} · {f.title.get(lang)}"): f"forms/{f.id}.md"} for f in catalogue.forms.values()]
        items.append({word("forms"): ["forms.md", *forms]})
    items.append({word("printables"): printables.PAGE})
    if catalogue.courses:
        courses = [{_title(f"{c.id} · {c.title.get(lang)}"): coursepages.course_path(c.id)}
                   for c in catalogue.courses.values()]
        assessment = [{word("self_assessment"): trainerpack.SELF_ASSESSMENT}] if catalogue.self_assessment else []
        items.append({word("curriculum"): [coursepages.INDEX, {word("training_matrix"): coursepages.MATRIX},
                                           *assessment, *courses]})
    return items


def _chapters_nav(catalogue: Catalogue, lang: str) -> list:
    word = _words(catalogue, lang)
    sections = []
    for chapter in catalogue.chapters:
        children: list = [{word("introduction"): chapter_path(chapter.code)}]
        children += [{_title(render.standard_title(s, lang)): f"standards/{s.id}.md"}
                     for s in catalogue.in_chapter(chapter.code)]
        sections.append({_title(f"{chapter.code} · {chapter.title.get(lang)}"): children})
    return sections


def navigation(nav: list | None, catalogue: Catalogue, lang: str) -> list | None:
    """`nav` with the markers replaced by the chapter sections and the reference pages."""
    if nav is None:
        return None
    expanded: list = []
    for item in nav:
        if item == NAV_CHAPTERS:
            expanded += _chapters_nav(catalogue, lang)
        elif item == NAV_REFERENCE:
            expanded += _reference_nav(catalogue, lang)
        else:
            expanded.append(item)
    return expanded


def placeholders(catalogue: Catalogue, lang: str) -> dict[str, Callable[..., str]]:
    """The placeholders of a page with `render_macros: true`: {{ edition }}, {{ chapter_index() }}."""
    return {"edition": lambda: render.inline(catalogue.edition),
            "chapter_index": lambda: render.render_chapter_index(catalogue, lang)}


def alternates(catalogue: Catalogue, lang: str) -> list[dict[str, str]]:
    """The language switch of the site in `lang`: each language's site root relative to this one."""
    up = "../" * catalogue.languages.folder(lang).count("/")
    return [{"name": language.native, "lang": language.code,
             "link": "" if language.code == lang else up + catalogue.languages.folder(language.code)}
            for language in catalogue.languages.languages]


def search_data(catalogue: Catalogue) -> str:
    """The search data as a script that sets window.TISM_SEARCH_DATA (a script, not a JSON file:
    a page opened from file:// may run scripts beside it but not fetch files)."""
    data = json.dumps(searchdata.build(catalogue), ensure_ascii=False, separators=(",", ":"))
    return f'window.TISM_SEARCH_DATA={data};\nif (window.TismEngine) performance.mark("tism-search-ready");\n'


def not_found_words(catalogue: Catalogue, lang: str) -> dict:
    """What the site's 404 page (templates/404.html) says, in `lang`."""
    label = partial(catalogue.languages.label, lang)
    return {"title": label("not_found_title"), "text": label("not_found_text")}


def search_words(catalogue: Catalogue, lang: str) -> dict:
    """What the search box (templates/partials/search.html) shows around the results, in `lang`."""
    label = partial(catalogue.languages.label, lang)
    return {"lang": lang, "placeholder": label("search_placeholder"), "searched_for": label("searched_for"),
            "none": label("no_results"), "results": label("results"), "matches": label("matches"),
            "chapter": label("chapter"), "all_chapters": label("all_chapters"),
            "chapters": [[c.code, c.title.get(lang)] for c in catalogue.chapters]}
