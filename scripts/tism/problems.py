"""Problems found in the standards, as values with a location, until the CLI prints them."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    path: str  # as shown to the editor: relative to the working folder where possible
    line: int  # 1-based; 0 when the file itself is the problem
    field: str  # dotted path inside the file, e.g. requirements.2.level; "-" for the whole file
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.field}: {self.message}"


class CatalogueError(Exception):
    """Raised by `load_catalogue` when validation found problems; carries all of them."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))
