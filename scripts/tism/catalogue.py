"""A standards folder in, a Catalogue out: read (tism.load), then check (tism.validate), then build.

The one way in for everything downstream (site, index, report, CLI); nothing below imports upward.
"""
from __future__ import annotations

from pathlib import Path

from .load import build_catalogue, read_files
from .model import Catalogue
from .problems import CatalogueError, Problem
from .validate import validate_files


def check_catalogue(root: Path | str) -> tuple[Catalogue | None, list[Problem]]:
    """The Catalogue (None if there are errors) and every problem found, warnings included."""
    files, problems = read_files(Path(root))
    problems = sorted(set(problems + validate_files(files)))
    if any(not p.warning for p in problems):
        return None, problems
    return build_catalogue(files), problems


def load_catalogue(root: Path | str) -> Catalogue:
    """The Catalogue; CatalogueError with every problem if any of them is an error."""
    catalogue, problems = check_catalogue(root)
    if catalogue is None:
        raise CatalogueError(problems)
    return catalogue
