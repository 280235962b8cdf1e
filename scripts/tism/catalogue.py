"""A standards folder in, a Catalogue out: read (tism.load), then check (tism.validate), then build.

The one way in for everything downstream (site, index, report, CLI); nothing below imports upward.
"""
from __future__ import annotations

from pathlib import Path

from .load import build_catalogue, read_files
from .model import Catalogue
from .problems import CatalogueError, Problem
from .validate import validate_files

# Problems that leave a file unreadable or misshapen: even a lenient reader cannot build past them.
SHAPE = ("file-", "yaml-", "schema-", "registry-")


def check_catalogue(root: Path | str, lenient: bool = False) -> tuple[Catalogue | None, list[Problem]]:
    """The Catalogue (None if there are errors) and every problem found, warnings included.
    `lenient` builds it despite the rules' errors (a broken reference, an unannounced change), as
    long as every file could be read and has its shape: `tism diff` shows what changed even when
    the change itself is what `tism validate` refuses."""
    files, problems = read_files(Path(root))
    problems = sorted(set(problems + validate_files(files)))
    errors = [p for p in problems if not p.warning]
    if errors and (not lenient or any(p.code.startswith(SHAPE) for p in errors)):
        return None, problems
    return build_catalogue(files), problems


def load_catalogue(root: Path | str) -> Catalogue:
    """The Catalogue; CatalogueError with every problem if any of them is an error."""
    catalogue, problems = check_catalogue(root)
    if catalogue is None:
        raise CatalogueError(problems)
    return catalogue
