"""The mkdocs plugin `tism`: loads the Catalogue once, generates the pages that come from data,
puts each chapter's standards into the navigation, expands the named placeholders of hand-written
pages (tism.templating: no Jinja, no Python from a page) and refuses a site that loads anything
from another host (tism.offline). Thin wiring only: pages come from tism.render and tism.lawpages.

In mkdocs.yml, put the string `tism:chapters` in `nav` where the chapter sections belong and
`tism:reference` where the reference pages go.
"""
from __future__ import annotations

import html
import os
import re
from pathlib import Path

from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel

from .. import lawpages, render
from ..catalogue import load_catalogue
from ..model import Catalogue
from ..offline import scan_site
from ..paths import SHIM_URI, VENDOR_FILES
from ..problems import CatalogueError
from ..templating import TemplateError, expand

TEMPLATES = Path(__file__).parent / "templates"  # main.html: the page <title> stays text
NAV_CHAPTERS = "tism:chapters"    # one section per chapter: its page, then its standards
NAV_REFERENCE = "tism:reference"  # laws, sources, glossary, indicators, forms


class TismConfig(Config):
    standards_dir = config_options.Type(str, default="standards")
    # Files shared by the English and Bengali sites (stylesheet, font), published under assets/.
    assets_dir = config_options.Optional(config_options.Type(str))
    # The language of generated pages; by default the theme's language (mkdocs.bn.yml sets bn).
    lang = config_options.Optional(config_options.Choice(("en", "bn")))


class TismPlugin(BasePlugin[TismConfig]):
    catalogue: Catalogue | None = None

    def on_config(self, config):
        here = Path(config.config_file_path).parent
        self.assets = here / self.config.assets_dir if self.config.assets_dir else None
        # `tism build --standards DIR` passes its folder down, so the site shows what was validated.
        root = Path(os.environ.get("TISM_STANDARDS_DIR") or here / self.config.standards_dir)
        try:
            self.catalogue = load_catalogue(root)
        except CatalogueError as error:
            raise PluginError("the standards have problems (run `tism validate`):\n" + str(error)) from None
        self.lang = self.config.lang or ("bn" if config.theme["language"] == "bn" else "en")
        # Our template fixes go after the project's own overrides, before the theme's files.
        config.theme.dirs.insert(1 if config.theme.custom_dir else 0, str(TEMPLATES))
        config.nav = _expand_nav(config.nav, self.catalogue, self.lang)
        # Listed before the offline plugin adds its CDN copy, so that one is never added.
        config.extra["polyfills"] = [SHIM_URI]
        return config

    def on_files(self, files: Files, config) -> Files:
        catalogue, lang = self.catalogue, self.lang
        pages = {f"standards/{s.id}.md": render.render_standard(s, catalogue, lang) for s in catalogue.standards}
        pages.update(reference_pages(catalogue, lang))
        printed = print_pages(catalogue, lang, Path(config.docs_dir))
        for src_uri, content in {**pages, **printed}.items():
            if files.get_file_from_path(src_uri) is not None:
                raise PluginError(f"docs/{src_uri} is generated from the standards; remove the hand-written file")
            # Print views are reached from `tism print`, not from the navigation.
            inclusion = InclusionLevel.NOT_IN_NAV if src_uri in printed else InclusionLevel.UNDEFINED
            files.append(File.generated(config, src_uri, content=content, inclusion=inclusion))
        for uri, path in VENDOR_FILES.items():
            if not path.is_file():
                raise PluginError(f"{path} is missing: run `make manual` (it installs the npm packages in build/vendor)")
            files.append(File.generated(config, uri, abs_src_path=str(path)))
        if self.assets is not None:
            for path in sorted(p for p in self.assets.rglob("*") if p.is_file()):
                uri = "assets/" + path.relative_to(self.assets).as_posix()
                files.append(File.generated(config, uri, abs_src_path=str(path)))
        return files

    def on_page_markdown(self, markdown, *, page, config, files):
        if not page.meta.get("render_macros"):
            return markdown
        try:
            return expand(markdown, self.macros())
        except TemplateError as error:
            raise PluginError(f"docs/{page.file.src_uri}: {error}") from None

    def macros(self) -> dict:
        """The placeholders a hand-written page may use (see tism.templating)."""
        catalogue, lang = self.catalogue, self.lang

        def chapter_standards(code: str) -> str:
            if code not in {c.code for c in catalogue.chapters}:
                raise KeyError(f"unknown chapter {code!r}")
            return render.render_chapter_list(code, catalogue, lang)

        return {"edition": lambda: render.inline(catalogue.edition),
                "chapter_index": lambda: render.render_chapter_index(catalogue, lang),
                "chapter_standards": chapter_standards}

    # Last of all, after the offline plugin: the site may not load anything from another host.
    @event_priority(-200)
    def on_post_build(self, *, config):
        self._strip_joiners(config)
        remote = scan_site(Path(config.site_dir))
        if remote:
            raise PluginError("the site would load from another host (it must work offline):\n  "
                              + "\n  ".join(remote[:20]))

    # Words with and without ZWJ/ZWNJ must index the same: the search plugin's index and the
    # offline plugin's copy of it (search_index.js) lose their joiners.
    @staticmethod
    def _strip_joiners(config):
        for name in ("search_index.json", "search_index.js"):
            index = Path(config.site_dir) / "search" / name
            if index.is_file():
                text = index.read_text(encoding="utf-8")
                cleaned = strip_joiners(text.replace("\\u200c", "").replace("\\u200d", ""))
                if cleaned != text:
                    index.write_text(cleaned, encoding="utf-8")


JOINERS = ("\u200c", "\u200d")


def strip_joiners(text: str) -> str:
    for joiner in JOINERS:
        text = text.replace(joiner, "")
    return text


MACRO_LINE = re.compile(r"^\{\{\s*chapter_standards\(\s*[\"'](?P<code>[A-Z]{2})[\"']\s*\)\s*\}\}\s*$", re.M)


def chapter_intro(path: Path) -> str:
    """A chapter page's hand-written introduction: the page without front matter, its title and
    the chapter_standards macro (the print view lists the standards in full instead)."""
    text = path.read_text(encoding="utf-8")
    if text.startswith("---"):
        text = text.split("---", 2)[2]
    text = MACRO_LINE.sub("", text)
    lines = [line for line in text.strip().split("\n") if not line.startswith("# ")]
    intro = "\n".join(lines).strip()
    if "{{" in intro or "{%" in intro:
        raise PluginError(f"{path}: the print view supports no macros in a chapter introduction besides chapter_standards")
    return intro


def print_pages(catalogue: Catalogue, lang: str, docs_dir: Path) -> dict[str, str]:
    """Print views: each chapter in full (print/<CODE>.md) and the pocket cards (print/cards/<key>.md)."""
    pages = {}
    for chapter in catalogue.chapters:
        page = docs_dir / "chapters" / f"{chapter.code}.md"
        intro = chapter_intro(page) if page.is_file() else ""
        pages[f"print/{chapter.code}.md"] = render.render_print_chapter(chapter.code, intro, catalogue, lang)
    for card in catalogue.cards.values():
        pages[f"print/cards/{card.key}.md"] = render.render_card(card, catalogue, lang)
    return pages


def reference_pages(catalogue: Catalogue, lang: str) -> dict[str, str]:
    """The generated reference pages, by path; pages for data the catalogue lacks are left out."""
    pages = {**lawpages.law_pages(catalogue, lang), "sources.md": render.render_sources(catalogue, lang)}
    if catalogue.glossary:
        pages["glossary.md"] = render.render_glossary(catalogue, lang)
    if catalogue.indicators:
        pages["indicators.md"] = render.render_indicators(catalogue, lang)
    if catalogue.forms:
        pages["forms.md"] = render.render_forms_index(catalogue, lang)
        for form in catalogue.forms.values():
            pages[f"forms/{form.id}.md"] = render.render_form(form, catalogue, lang)
    return pages


def _reference_nav(catalogue: Catalogue, lang: str) -> list:
    label = lambda key: render.label(lang, key)  # noqa: E731
    laws = ["laws.md"] + [{_nav_text(law.title.get(lang)): f"laws/{key}.md"} for key, law in catalogue.laws.items()]
    laws += [{label("concordance"): lawpages.CONCORDANCE}, {label("pending_review"): lawpages.PENDING}]
    items = [{label("laws"): laws}, {label("source_list"): "sources.md"}]
    if catalogue.glossary:
        items.append({label("glossary"): "glossary.md"})
    if catalogue.indicators:
        items.append({label("indicators"): "indicators.md"})
    if catalogue.forms:
        items.append({label("forms"): ["forms.md"] + [
            {_nav_text(f"{f.id} · {f.title.get(lang)}"): f"forms/{f.id}.md"} for f in catalogue.forms.values()]})
    return items


def _nav_text(text: str) -> str:
    """A title from the data, safe in the navigation: the theme writes nav titles as raw HTML."""
    return html.escape(text, quote=False)


def _expand_nav(nav, catalogue: Catalogue, lang: str):
    """Replace the markers with the chapter sections and the reference pages."""
    if nav is None:
        return None
    expanded = []
    for item in nav:
        if item == NAV_REFERENCE:
            expanded += _reference_nav(catalogue, lang)
        elif item == NAV_CHAPTERS:
            for chapter in catalogue.chapters:
                title = _nav_text(f"{chapter.code} · {chapter.title.get(lang)}")
                children = [{render.label(lang, "introduction"): f"chapters/{chapter.code}.md"}]
                children += [{_nav_text(render.standard_title(s, lang)): f"standards/{s.id}.md"}
                             for s in catalogue.in_chapter(chapter.code)]
                expanded.append({title: children})
        else:
            expanded.append(item)
    return expanded
