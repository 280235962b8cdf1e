"""Search quality floor on the judged queries (tests/search_eval/queries.yaml). The figures
themselves are printed by scripts/bench/search_quality.py."""
from __future__ import annotations

import pytest

from conftest import TESTS
from tism.quality import load_queries, run, scores

FLOOR_TOP3 = 0.90  # overall and for each of English, Bengali and Latin-letter Bengali


@pytest.fixture(scope="module")
def table(real_index):
    queries = load_queries(TESTS / "search_eval" / "queries.yaml")
    assert len(queries) >= 60
    return scores(run(real_index, queries))


def test_judged_queries_cover_each_language(table):
    for lang in ("en", "bn", "latin"):
        assert table[f"lang:{lang}"]["n"] >= 14


@pytest.mark.parametrize("group", ["all", "lang:en", "lang:bn", "lang:latin"])
def test_top3_floor(table, group):
    assert table[group]["top3"] >= FLOOR_TOP3, (group, table[group])
