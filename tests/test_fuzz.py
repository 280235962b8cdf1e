"""Fuzzing with a fixed budget: whatever an author writes into a standard file and whatever an
officer types into search, tism answers with problems or a one-line error, never an exception."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import VALID
from tism.catalogue import check_catalogue
from tism.search import SearchError, search

BUDGET = settings(max_examples=150, deadline=None, derandomize=True, database=None,
                  suppress_health_check=list(HealthCheck))

scalars = st.one_of(st.none(), st.booleans(), st.integers(-10**6, 10**6), st.floats(allow_nan=False),
                    st.text(max_size=40), st.sampled_from(["LF-001", "LF-001.01", "must", "2099-02-31", "1.0", ""]))
keys = st.one_of(st.sampled_from(["id", "chapter", "title", "en", "bn", "requirements", "level", "text",
                                  "legal_basis", "law", "provision", "verified", "source", "pending", "version",
                                  "changes", "date", "summary", "status", "roles", "related", "checklist"]),
                 st.text(max_size=8), st.integers(0, 9))
values = st.recursive(scalars, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                      st.dictionaries(keys, inner, max_size=5)), max_leaves=25)


@pytest.fixture(scope="module")
def workspace(tmp_path_factory) -> Path:
    target = tmp_path_factory.mktemp("fuzz") / "standards"
    shutil.copytree(VALID / "standards", target)
    return target


def _check(workspace: Path, text: str) -> None:
    (workspace / "LF" / "LF-001.yaml").write_text(text, encoding="utf-8")
    catalogue, problems = check_catalogue(workspace)
    assert (catalogue is None) == any(not p.warning for p in problems)
    for problem in problems:
        assert problem.path and isinstance(problem.line, int) and problem.message


@BUDGET
@given(values)
def test_any_structure_in_a_standard_file_gives_problems_not_exceptions(workspace, value):
    header = "# yaml-language-server: $schema=../schema/standard.schema.json\n"
    _check(workspace, header + yaml.safe_dump(value, allow_unicode=True))


@BUDGET
@given(st.text(max_size=300))
def test_any_text_in_a_standard_file_gives_problems_not_exceptions(workspace, text):
    _check(workspace, text)


@pytest.fixture(scope="module")
def index(tmp_path_factory) -> Path:
    from tism.catalogue import load_catalogue
    from tism.index import build_index

    target = tmp_path_factory.mktemp("fuzz-index") / "index"
    build_index(load_catalogue(VALID / "standards"), target)
    return target


@BUDGET
@given(st.text(max_size=120), st.sampled_from([None, "LF", "ZZ"]), st.sampled_from([None, "must", "may"]))
def test_any_query_gives_results_or_one_line(index, query, chapter, level):
    try:
        results = search(index, query, chapter=chapter, level=level, limit=5)
    except SearchError as error:
        assert "\n" not in str(error) and str(error)
    else:
        assert len(results.hits) <= 5
