"""Search quality floors on the judged queries (tests/search_eval/). The first set (queries.yaml)
is the one the ranking was tuned on; the blind set (blind.yaml) was written blind and is never
tuned on, so its floor is the honest one. The figures are printed by scripts/bench/search_quality.py."""
from __future__ import annotations

import pytest

from conftest import TESTS
from tism.quality import load_queries, run, scores

FLOORS = {"queries": (0.90, 0.90), "blind": (0.88, 0.85)}  # top-3: overall, and each language


@pytest.fixture(scope="module", params=sorted(FLOORS))
def measured(request, real_index):
    queries = load_queries(TESTS / "search_eval" / f"{request.param}.yaml")
    return request.param, scores(run(real_index, queries))


def test_judged_queries_cover_each_language(measured):
    _, table = measured
    for lang in ("en", "bn", "latin"):
        assert table[f"lang:{lang}"]["n"] >= 14


def test_top3_floors(measured):
    name, table = measured
    overall, per_language = FLOORS[name]
    assert table["all"]["top3"] >= overall, table["all"]
    for lang in ("en", "bn", "latin"):
        assert table[f"lang:{lang}"]["top3"] >= per_language, (lang, table[f"lang:{lang}"])
