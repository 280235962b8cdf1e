"""A real index of the fixture and of the real manual, queried through `tism search` and tism.engine."""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from conftest import STANDARDS, VALID, copy_fixture, run_tism
from tism.catalogue import load_catalogue
from tism.index import build_index
from tism.search import SearchError, check_query, search


@pytest.fixture(scope="module")
def fixture_index(tmp_path_factory) -> Path:
    index = tmp_path_factory.mktemp("index") / "index"
    build_index(load_catalogue(VALID / "standards"), index)
    return index


def ids(results) -> list[str]:
    return [hit.id for hit in results.hits]


def test_english_query_finds_the_standard(fixture_index):
    results = search(fixture_index, "consent")
    assert ids(results)[0] == "LF-001"
    assert "\x02consent\x03" in results.hits[0].snippet.lower()
    assert results.hits[0].requirements == ["LF-001.01"]


def test_bengali_word_from_a_summary_finds_its_standard(fixture_index):
    assert ids(search(fixture_index, "বিরতি")) == ["IV-001"]   # only in IV-001's Bengali summary
    assert ids(search(fixture_index, "অনুসন্ধান")) == ["LF-001"]


def test_bengali_word_with_joiner_matches(fixture_index):
    assert ids(search(fixture_index, "বির\u200cতি")) == ["IV-001"]


def test_chapter_and_role_filters(fixture_index):
    assert ids(search(fixture_index, "standard", chapter="IV")) == ["IV-001"]
    assert ids(search(fixture_index, "standard", role="supervisor")) == ["LF-001"]


def test_requirement_id_goes_straight_to_it(fixture_index):
    results = search(fixture_index, "iv-001.02")
    assert ids(results) == ["IV-001"] and results.hits[0].requirements == ["IV-001.02"]
    assert "video" in results.hits[0].snippet


@pytest.mark.parametrize("query, message", [
    ('"unbalanced', "unbalanced quote"),
    ("AND", "no words"),
    ("*", "no words"),
    ("(trafficking", "unbalanced parentheses"),
    ("a*", "wildcard"),
    ("x" * 600, "too long"),
    ("   ", "empty query"),
])
def test_malformed_queries_are_refused_with_a_reason(query, message):
    with pytest.raises(SearchError, match=message):
        check_query(query)


def test_missing_index_says_how_to_build_it(tmp_path):
    with pytest.raises(SearchError, match="run `tism index`"):
        search(tmp_path / "nothing", "consent")


def test_rebuild_switches_generations_and_keeps_one_previous(tmp_path):
    catalogue = load_catalogue(VALID / "standards")
    index = tmp_path / "index"
    first = build_index(catalogue, index)
    second = build_index(catalogue, index)
    third = build_index(catalogue, index)
    assert index.resolve() == third.resolve()
    assert second.exists() and not first.exists()
    assert ids(search(index, "consent")) == ["LF-001"]


def test_cli_search_json_and_errors(tmp_path):
    project = copy_fixture(tmp_path / "project")
    assert run_tism("index", cwd=project).returncode == 0
    result = run_tism("search", "consent", "--json", cwd=project)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["query"] == "consent" and data["results"][0]["id"] == "LF-001"
    assert "<mark>" in data["results"][0]["snippet"]
    bad = run_tism("search", '"unbalanced', cwd=project)
    assert bad.returncode == 2
    assert bad.stderr.count("\n") == 1 and "Traceback" not in bad.stderr
    assert bad.stderr.startswith("tism search: unbalanced quote")
    text = run_tism("search", "interview", cwd=project)
    assert text.stdout.splitlines()[0] == "1. IV-001  Fixture standard about interviews  [IV]"
    assert "[interview]" in text.stdout


def test_real_manual_consent_standard_comes_first(real_index):
    assert ids(search(real_index, "consent"))[0] == "LF-003"


def test_real_manual_bengali_summary_words_find_their_standard(real_index):
    """A distinctive Bengali word from each standard's summary finds that standard in the top 3."""
    from tism import engine

    def tokens(text: str) -> list[str]:
        return [word for _, _, word in engine.words(text)]

    catalogue = load_catalogue(STANDARDS)
    document_frequency: dict[str, int] = {}
    words_of = {}
    for standard in catalogue.standards:
        texts = [standard.title, standard.summary, standard.rationale, *(r.text for r in standard.requirements),
                 *standard.procedure, *standard.checklist, *standard.audit_indicators,
                 *(c.note for c in standard.legal_basis)]
        words = set(tokens(" ".join(t["bn"] for t in texts if t is not None and "bn" in t)))
        words_of[standard.id] = words
        for word in words:
            document_frequency[word] = document_frequency.get(word, 0) + 1
    # Glossary words are left out: they stand for a whole term, and rightly find the standards
    # about that term first (ক্ষতিপূরণে, "in compensation", finds the compensation standards).
    glossary = {w for term in catalogue.glossary.values() for v in term.variants() for w in tokens(v)}
    checked = 0
    for standard in catalogue.standards:
        summary_words = [w for w in tokens(standard.summary["bn"]) if not w.isascii() and len(w) > 3
                         and not any(w.startswith(g) or g.startswith(w) for g in glossary if len(g) > 3)]
        rare = [w for w in summary_words if document_frequency.get(w) == 1]
        if not rare:
            continue
        checked += 1
        assert standard.id in ids(search(real_index, rare[0], limit=3)), (standard.id, rare[0])
    assert checked >= 10


def test_concurrent_searches_during_rebuilds_all_succeed(tmp_path):
    """20 `tism search` processes while `tism index --full` rebuilds the index again and again."""
    import subprocess

    from conftest import TISM

    project = copy_fixture(tmp_path / "project")
    index = project / "build" / "index"
    assert run_tism("index", cwd=project).returncode == 0
    env = dict(os.environ, NO_COLOR="1")
    rebuilds = subprocess.Popen(
        ["bash", "-c", f"for i in 1 2 3 4 5 6; do '{TISM}' index --full >/dev/null || exit 1; done"],
        cwd=project, env=env)
    searches = [subprocess.Popen([str(TISM), "search", word, "--json"], cwd=project, env=env,
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                for word in ["consent", "interview", "সম্মতি", "broker", "dalal"] * 4]  # dalal: via the glossary
    outputs = [process.communicate(timeout=120) for process in searches]
    assert rebuilds.wait(timeout=300) == 0
    for process, (out, err) in zip(searches, outputs, strict=True):
        assert process.returncode == 0, err
        assert json.loads(out)["results"], (process.args, out)
    generations = [p for p in index.parent.glob("index.*") if p.is_dir()]
    assert len(generations) <= 2
    assert not list(index.parent.rglob("*WRITELOCK*"))


def test_a_new_index_says_what_changed(tmp_path):
    from tism.index import update_index

    project = copy_fixture(tmp_path / "project")
    index = tmp_path / "index"
    first = update_index(load_catalogue(project / "standards"), index)
    assert (first.standards, first.added, first.changed, first.removed) == (2, 2, 0, 0)
    path = project / "standards" / "IV" / "IV-001.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("plan the interview", "plan the zebra interview"),
                    encoding="utf-8")
    second = update_index(load_catalogue(project / "standards"), index)
    assert (second.added, second.changed, second.removed) == (0, 1, 0)
    assert ids(search(index, "zebra")) == ["IV-001"]
    assert ids(search(index, "consent"))[0] == "LF-001"


def test_stale_or_damaged_index_is_explained(tmp_path):
    project = copy_fixture(tmp_path / "project")
    assert run_tism("index", cwd=project).returncode == 0
    path = project / "standards" / "IV" / "IV-001.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    stale = run_tism("search", "interview", cwd=project)
    assert stale.returncode == 0 and "run `tism index`" in stale.stderr
    meta = project / "build" / "index" / "tism-index.json"
    meta.write_text("{broken", encoding="utf-8")
    damaged = run_tism("search", "interview", cwd=project)
    assert damaged.returncode == 2
    assert damaged.stderr.strip() == (f"tism search: the search index at {project / 'build' / 'index'} is damaged: "
                                      "run `tism index` to rebuild it")
    repaired = run_tism("index", cwd=project)
    assert repaired.returncode == 0 and repaired.stdout.startswith("index: 2 standards")
    assert run_tism("search", "interview", cwd=project).returncode == 0


def test_did_you_mean_and_synonyms(fixture_index):
    results = search(fixture_index, "consnet")
    assert results.corrected and results.searched_for == "consent" and ids(results)[0] == "LF-001"
    broker = ids(search(fixture_index, "broker"))
    assert set(broker) == {"IV-001", "LF-001"}   # IV-001 says "broker"; the glossary relates it to LF-001
    assert ids(search(fixture_index, "dalal")) == ids(search(fixture_index, "দালাল")) == broker


def test_short_variants_expand_only_when_typed_alone():
    """A glossary variant of one Latin-letter word of at most three letters (pp, cd, io) stands for
    its term only when it is the query's only word once stop words are set aside; in a longer query
    it is searched as the letters it is (tism.engine's docstring)."""
    from tism import engine, searchdata

    data = searchdata.build(load_catalogue(VALID / "standards"))
    data["glossary"].append({"variants": ["PP", "Special Public Prosecutor", "pp", "public prosecutor"],
                             "related": ["LF-001"]})
    for query in ("pp", "PP", "what is pp", "pp?"):
        assert "public prosecutor" in engine.search(data, query).expanded, query
    for query in ("pp decision", "consent pp", "PP decision"):
        assert engine.search(data, query).expanded == [], query
    assert "pp" in engine.search(data, "public prosecutor decision").expanded   # a phrase variant still does
    assert "broker" in engine.search(data, "dalal consent").expanded   # so does a longer word


def test_real_manual_short_variants(real_index):
    assert "public prosecutor" in search(real_index, "pp").expanded
    assert search(real_index, "pp decision").expanded == []
    assert "case diary" in search(real_index, "cd").expanded
