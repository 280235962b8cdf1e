"""The mkdocs plugin `tism`: wiring only; tism.pages plans what the site holds. `tism build` hands
it the Catalogue it validated (`mkdocs serve` loads one from `standards_dir`). The finished site may
load nothing from another host (tism.offline)."""
from __future__ import annotations

from pathlib import Path

from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.config.config_options import ExtraScriptValue
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel

from .. import crossrefs, pages
from ..catalogue import load_catalogue
from ..model import Catalogue
from ..offline import REMOTE_MESSAGE, scan_site
from ..paths import SHIM_URI, THEME_FIXES, published_files
from ..problems import CatalogueError
from ..templating import TemplateError, expand


class TismConfig(Config):
    standards_dir = config_options.Type(str, default="standards")
    assets_dir = config_options.Optional(config_options.Type(str))  # shared by every language's site
    lang = config_options.Optional(config_options.Type(str))  # see tism.pages.site_language


class TismPlugin(BasePlugin[TismConfig]):
    given: Catalogue | None = None  # the Catalogue `tism build` validated

    def on_config(self, config):
        here = Path(config.config_file_path).parent
        try:
            self.catalogue = self.given or load_catalogue(here / self.config.standards_dir)
        except CatalogueError as error:
            raise PluginError(f"the standards have problems (run `tism validate`):\n{error}") from None
        try:
            self.lang = pages.site_language(self.catalogue, self.config.lang, config.theme["language"])
        except ValueError as error:
            raise PluginError(str(error)) from None
        self.links = crossrefs.targets(self.catalogue)
        self.assets = here / self.config.assets_dir if self.config.assets_dir else None
        # Our theme fixes (tism/templates) go after the project's own overrides, before the theme's files.
        config.theme.dirs.insert(1 if config.theme.custom_dir else 0, str(THEME_FIXES))
        config.nav = pages.navigation(config.nav, self.catalogue, self.lang)
        config.extra["alternate"] = pages.alternates(self.catalogue, self.lang)
        config.extra["polyfills"] = [SHIM_URI]  # before the offline plugin adds its CDN copy
        config.extra["tism_search"] = pages.search_words(self.catalogue, self.lang)  # partials/search.html
        config.extra["tism_not_found"] = pages.not_found_words(self.catalogue, self.lang)  # 404.html
        for uri, load in pages.SCRIPTS.items():
            config.extra_javascript.append(script := ExtraScriptValue(uri))
            setattr(script, load, True)
        return config

    def on_files(self, files: Files, config) -> Files:
        intros = {}  # the hand-written introductions go inside the generated chapter pages
        for chapter in self.catalogue.chapters:
            if (written := files.get_file_from_path(pages.chapter_path(chapter.code))) is not None:
                try:
                    intros[chapter.code] = pages.check_intro(written.content_string)
                except ValueError as error:
                    raise PluginError(f"{written.src_uri}: {error}") from None
                files.remove(written)
        for path, page in pages.generated(self.catalogue, self.lang, intros).items():
            if files.get_file_from_path(path) is not None:
                raise PluginError(f"docs/{path} is generated from the standards; remove the hand-written file")
            inclusion = InclusionLevel.UNDEFINED if page.in_nav else InclusionLevel.NOT_IN_NAV
            files.append(File.generated(config, path, content=page.content, inclusion=inclusion))
        files.append(File.generated(config, pages.SEARCH_DATA, content=pages.search_data(self.catalogue)))
        try:
            for uri, source in published_files(self.assets).items():
                files.append(File.generated(config, uri, abs_src_path=str(source)))
        except FileNotFoundError as error:
            raise PluginError(str(error)) from None
        return files

    def on_page_markdown(self, markdown, *, page, config, files):
        if not page.meta.get("render_macros"):
            return markdown
        try:
            return expand(markdown, pages.placeholders(self.catalogue, self.lang))
        except TemplateError as error:
            raise PluginError(f"docs/{page.file.src_uri}: {error}") from None

    def on_page_content(self, html, *, page, config, files):
        return crossrefs.link_ids(html, self.links, "../" * page.file.url.count("/"))

    @event_priority(-200)  # last of all, after the offline plugin
    def on_post_build(self, *, config):
        remote = scan_site(Path(config.site_dir))
        if remote:
            raise PluginError(REMOTE_MESSAGE + "\n  ".join(remote[:20]))
