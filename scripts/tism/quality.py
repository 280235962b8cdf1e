"""Search quality against sets of judged queries (tests/search_eval/: queries.yaml, the set the
ranking was tuned on, and blind.yaml, written blind and never tuned on): top-1, top-3 and mean
reciprocal rank, overall and by language and kind. Used by the quality benchmark
(scripts/bench/search_quality.py) and by the tests that hold the floors."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import yaml

from . import engine
from .search import open_index


@dataclass(frozen=True)
class Judged:
    query: str
    lang: str
    kind: str
    expect: tuple[str, ...]


@dataclass(frozen=True)
class Outcome:
    judged: Judged
    ranked: tuple[str, ...]

    @property
    def rank(self) -> int | None:
        """1-based rank of the first expected standard, or None when it is not in the results."""
        return next((i for i, sid in enumerate(self.ranked, 1) if sid in self.judged.expect), None)


def load_queries(path: Path) -> list[Judged]:
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    return [Judged(q["query"], q["lang"], q.get("kind", "plain"), tuple(q["expect"])) for q in data]


def run(index_dir: Path, queries: list[Judged], limit: int = 10) -> list[Outcome]:
    """Each query run by `tism search`'s engine on the index at `index_dir` (opened once)."""
    data, _ = open_index(index_dir)
    return [Outcome(q, tuple(h.id for h in engine.search(data, q.query, limit=limit).hits)) for q in queries]


def outcomes(queries: list[Judged], ranked: list[list[str]]) -> list[Outcome]:
    """Outcomes from rankings got elsewhere (the site's search box, driven in a browser)."""
    return [Outcome(q, tuple(ids)) for q, ids in zip(queries, ranked, strict=True)]


def scores(outcomes: list[Outcome]) -> dict:
    """{"all": {...}, "lang:en": {...}, "kind:typo": {...}} with n, top1, top3, mrr."""
    groups = defaultdict(list)
    for outcome in outcomes:
        for key in ("all", f"lang:{outcome.judged.lang}", f"kind:{outcome.judged.kind}"):
            groups[key].append(outcome)
    table = {}
    for key, items in groups.items():
        ranks = [o.rank for o in items]
        table[key] = {
            "n": len(items),
            "top1": sum(r == 1 for r in ranks) / len(items),
            "top3": sum(r is not None and r <= 3 for r in ranks) / len(items),
            "mrr": sum(1 / r for r in ranks if r) / len(items),
        }
    return table
