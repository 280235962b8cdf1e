"""The manual's sites, built by mkdocs in this process from a Catalogue `tism build` has validated.

mkdocs.yml builds the English site; each other language of the manual with a config beside it
(mkdocs.bn.yml) builds into a folder named after it (site/bn/). Every build is strict. What mkdocs
says is kept back unless a reader needs it: warnings, and the errors of a build that failed.
"""
from __future__ import annotations

import logging
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .model import Catalogue


@dataclass
class Outcome:
    ok: bool = True
    messages: list[str] = field(default_factory=list)


class _Collect(logging.Handler):
    def __init__(self, messages: list[str], level: int = logging.WARNING):
        super().__init__(level)
        self.messages = messages

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(f"{record.levelname:<8}-  {record.getMessage()}")


def language_config(config: Path, lang: str) -> Path:
    """The config of the site in `lang` beside the English one: mkdocs.yml -> mkdocs.bn.yml."""
    return config.with_name(f"{config.stem}.{lang}{config.suffix}")


def build_one(config: Path, site_dir: Path, catalogue: Catalogue, outcome: Outcome, verbose: bool = False) -> None:
    """One strict mkdocs build of `config` into `site_dir`, its plugin given `catalogue`. mkdocs's
    own lines are kept only when they are warnings or errors, or when `verbose`."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # mkdocs-material's notice about MkDocs 2.0
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, MkDocsException

    from .site.plugin import TismPlugin

    logger = logging.getLogger("mkdocs")
    handler = _Collect(outcome.messages, logging.INFO if verbose else logging.WARNING)
    propagate, level = logger.propagate, logger.level
    logger.addHandler(handler)
    logger.propagate = False
    if verbose:
        logger.setLevel(logging.INFO)
    try:
        settings = load_config(str(config), site_dir=str(site_dir), strict=True)
        plugin = settings.plugins.get("tism")
        if not isinstance(plugin, TismPlugin):
            raise MkDocsException(f"{config} does not use the tism plugin (plugins: - tism)")
        plugin.given = catalogue
        settings.plugins.on_startup(command="build", dirty=False)
        try:
            build(settings)
        finally:
            settings.plugins.on_shutdown()
    except Abort as error:  # the errors and warnings that caused it are already collected
        outcome.ok = False
        if not outcome.messages:
            outcome.messages.append(f"ERROR   -  {error}")
    except MkDocsException as error:  # a bad config: mkdocs has not logged it
        outcome.ok = False
        outcome.messages.append(f"ERROR   -  {error}")
    except Exception as error:  # a crash inside mkdocs or a theme: one line, not a traceback
        outcome.ok = False
        outcome.messages.append(f"mkdocs stopped: {type(error).__name__}: {error}")
    finally:
        logger.removeHandler(handler)
        logger.propagate, logger.level = propagate, level


def build_sites(config: Path, target: Path, catalogue: Catalogue,
                on_site: Callable[[str], None] = lambda name: None, verbose: bool = False) -> Outcome:
    """The English site into `target`, then the site in each other language that has a config.
    `on_site` hears the name of each site as its build begins (for progress)."""
    outcome = Outcome()
    others = [lang for lang in catalogue.languages.codes[1:] if language_config(config, lang).exists()]
    on_site(f"{catalogue.languages[catalogue.languages.codes[0]].name} site")
    build_one(config, target, catalogue, outcome, verbose)
    for lang in others:
        if outcome.ok:
            on_site(f"{catalogue.languages[lang].name} site")
            build_one(language_config(config, lang), target / lang, catalogue, outcome, verbose)
    return outcome
