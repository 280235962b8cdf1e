"""Problems found in the standards, as values with a location, until the CLI prints them."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    path: str  # as shown to the editor: relative to the working folder where possible
    line: int  # 1-based; 0 when the file itself is the problem
    field: str  # dotted path inside the file, e.g. requirements.2.level; "-" for the whole file
    message: str
    warning: bool = False  # reported, but does not make validation fail
    code: str = ""  # the rule or error kind, stable across releases: `tism rules` explains each

    def __str__(self) -> str:
        kind = "warning: " if self.warning else ""
        code = f" [{self.code}]" if self.code else ""
        return f"{self.path}:{self.line}: {self.field}: {kind}{self.message}{code}"


class CatalogueError(Exception):
    """Raised by `load_catalogue` when validation found errors; carries all of them (warnings too)."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))
