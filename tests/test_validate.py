"""`tism validate`: the real manual is clean, and every problem code has an invalid fixture, a
folder named after the code (or `code--variant`), with the exact lines it must report."""
from __future__ import annotations

import json
import re

import pytest

from conftest import INVALID, PROJECT, STANDARDS, VALID, copy_fixture, run_tism
from tism import cli, schema
from tism.catalogue import load_catalogue
from tism.load import read_yaml
from tism.paths import SCHEMAS
from tism.problems import CatalogueError
from tism.validate import codes

CASES = sorted(p.name for p in INVALID.iterdir() if p.is_dir())
CODE = re.compile(r" \[(?P<code>[a-z0-9-]+)\]$")


def test_every_code_has_a_fixture_named_after_it():
    fixtures = {case.split("--")[0] for case in CASES}
    # schema-other is the fallback for a schema keyword CODES does not name; none is used (below).
    assert sorted(set(codes()) - fixtures - {schema.OTHER[0]}) == []
    assert sorted(fixtures - set(codes())) == []


def test_every_schema_keyword_in_use_has_its_code():
    used: set[str] = set()

    def walk(node):
        if isinstance(node, dict):
            for key, value in node.items():
                used.add(key)
                for child in (value.values() if key in ("properties", "$defs") else [value]):
                    walk(child)
        elif isinstance(node, list):
            for child in node:
                walk(child)

    for path in SCHEMAS.glob("*.schema.json"):
        walk(json.loads(path.read_text(encoding="utf-8")))
    assert sorted(used - set(schema.CODES) - schema.STRUCTURAL) == []


@pytest.mark.parametrize("case", CASES)
def test_invalid_case_reports_exactly_its_problem(case, tmp_path, monkeypatch, capsys):
    project = copy_fixture(tmp_path / case, INVALID / case)
    expected = (INVALID / case / "expected.txt").read_text(encoding="utf-8").splitlines()
    assert expected, f"{case}/expected.txt is empty"
    assert case.split("--")[0] in {m["code"] for m in map(CODE.search, expected) if m}, "no line has its code"
    monkeypatch.chdir(project)
    exit_code = cli.main(["validate"])
    out, err = capsys.readouterr()
    problem_lines = [line for line in err.splitlines() if not line.startswith("tism: ")]
    assert problem_lines == expected
    errors = [line for line in expected if ": warning: " not in line]
    if errors:
        assert exit_code == 1 and out == ""
        assert err.splitlines()[-1].startswith(f"tism: {len(errors)} problem(s)")
    else:  # warnings only: reported, and the standards are still valid
        assert exit_code == 0 and out.startswith("ok: ")


def test_rules_lists_every_code():
    listed = run_tism("rules", cwd=PROJECT)
    assert listed.returncode == 0
    for code, summary in codes().items():
        assert f"{code:<34}{summary}" in listed.stdout


def test_valid_fixture_has_no_problems():
    result = run_tism("validate", cwd=VALID)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok: 2 chapters, 2 standards, 4 requirements (edition 2099.1)"
    assert result.stderr == ""


def test_real_manual_is_clean():
    result = run_tism("validate", "--standards", str(STANDARDS), cwd=PROJECT)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("ok: ")
    # Not even a warning (citation-version-stale, …), but the one the curriculum keeps until every
    # MUST requirement is taught: how many no course teaches yet (tism report lists them).
    warnings = [line for line in result.stderr.splitlines() if not line.startswith("tism: ")]
    assert all(line.endswith("[curriculum-untaught-must]") for line in warnings), result.stderr
    assert len(warnings) <= 1


def test_all_problems_are_reported_in_one_run(tmp_path):
    project = copy_fixture(tmp_path / "many", INVALID / "schema-enum")
    for case in ("related-unknown", "source-without-url"):
        copy_fixture_overlay = INVALID / case / "standards"
        for path in copy_fixture_overlay.rglob("*.yaml"):
            target = project / "standards" / path.relative_to(copy_fixture_overlay)
            target.write_bytes(path.read_bytes())
    with pytest.raises(CatalogueError) as caught:
        load_catalogue(project / "standards")
    messages = [p.message for p in caught.value.problems]
    assert "'shall' is not one of: must, should, may" in messages
    assert "unknown standard LF-077" in messages
    assert "a source needs a url or a reference" in messages


def test_duplicate_keys_are_found_where_pyyaml_would_hide_them(tmp_path):
    path = tmp_path / "d.yaml"
    path.write_text("a: 1\nb:\n  c: 2\n  c: 3\n", encoding="utf-8")
    document, problems = read_yaml(path)
    assert [(p.line, p.field, p.message) for p in problems] == [(4, "b.c", "duplicate key 'c' (first at line 3)")]
    assert document.line(("b", "c")) == 3


def test_dates_stay_text(tmp_path):
    path = tmp_path / "d.yaml"
    path.write_text("effective_from: 2026-12-01\n", encoding="utf-8")
    document, _ = read_yaml(path)
    assert document.data == {"effective_from": "2026-12-01"}


def test_not_utf8_is_a_problem_not_a_crash(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_bytes(b"title: \xff\xfe\n")
    document, problems = read_yaml(path)
    assert document is None and problems[0].message.startswith("file is not UTF-8 text")


def test_every_standard_and_provisions_file_names_its_schema():
    from tism.load import provisions_paths, standard_paths

    for paths, name in ((standard_paths(STANDARDS), "standard"), (provisions_paths(STANDARDS), "provisions")):
        assert paths
        for path in paths:
            assert path.read_text(encoding="utf-8").startswith(
                f"# yaml-language-server: $schema=../schema/{name}.schema.json\n"), path
