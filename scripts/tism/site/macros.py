"""mkdocs-macros module (`modules: [tism.site.macros]`): the macros hand-written pages may call.

Each macro returns finished Markdown from tism.render; unknown IDs or chapters raise, and with
`on_error_fail: true` the build fails instead of printing the error into the page.
"""
from __future__ import annotations

from .. import render


def define_env(env):
    plugin = env.conf["plugins"].get("tism")
    if plugin is None or plugin.catalogue is None:
        raise RuntimeError("the tism plugin must be listed before macros in mkdocs.yml")
    catalogue, lang = plugin.catalogue, plugin.lang

    env.variables["edition"] = catalogue.edition

    @env.macro
    def chapter_standards(code: str) -> str:
        """The standards of chapter `code`, in reading order, with summaries."""
        if code not in {c.code for c in catalogue.chapters}:
            raise KeyError(f"chapter_standards: unknown chapter {code!r}")
        return render.render_chapter_list(code, catalogue, lang)

    @env.macro
    def chapter_index() -> str:
        """The table of chapters with their counts, for the home page."""
        return render.render_chapter_index(catalogue, lang)
