"""Editions: `tism release` records one, `tism validate` holds every change against it, `tism diff`
and the what-changed pages show what changed, stale translations are flagged, exports read back."""
from __future__ import annotations

import csv
import io
import json
import re
import shutil

import pytest
from jsonschema import Draft202012Validator

from conftest import STANDARDS, copy_fixture, run_tism
from tism.paths import SCHEMAS

# The edition the copy of the real standards is released as, so that each test starts from a working
# tree equal to the newest edition, whatever changed since 2026.1.
EDITION = "2099.1"


@pytest.fixture
def released(tmp_path):
    """A copy of the real standards, released as edition EDITION, to edit."""
    project = tmp_path / "project"
    shutil.copytree(STANDARDS, project / "standards")
    shutil.rmtree(project / "standards" / "curriculum", ignore_errors=True)  # not what these tests are about
    result = run_tism("release", EDITION, "--date", "2099-01-01", "--standards", "standards", cwd=project)
    assert result.returncode == 0, result.stderr
    return project


def edit(path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def bump(path, version: str, summary: str, date: str = "2026-12-15") -> None:
    """A new version and a change entry at the top of the history."""
    text = path.read_text(encoding="utf-8")
    text = re.sub(r'(?m)^version: "[0-9.]+"$', f'version: "{version}"', text, count=1)
    text = re.sub(r"(?m)^changes:\n", f'changes:\n  - {{version: "{version}", date: "{date}", summary: "{summary}"}}\n',
                  text, count=1)
    path.write_text(text, encoding="utf-8")


def test_the_manual_records_its_first_edition():
    record = STANDARDS / "editions" / "2026.1.yaml"
    assert record.is_file()
    assert 'edition: "2026.1"' in (STANDARDS / "manual.yaml").read_text(encoding="utf-8")


def test_release_records_an_edition_once_and_only_from_valid_standards(tmp_path):
    project = copy_fixture(tmp_path / "project")
    first = run_tism("release", "2099.2", "--date", "2099-05-01", cwd=project)
    assert first.returncode == 0, first.stderr
    assert (project / "standards" / "editions" / "2099.2.yaml").is_file()
    assert 'edition: "2099.2"' in (project / "standards" / "manual.yaml").read_text(encoding="utf-8")
    assert run_tism("validate", cwd=project).returncode == 0
    again = run_tism("release", "2099.2", cwd=project)
    assert again.returncode == 1 and "already published" in again.stderr
    bad = project / "standards" / "IV" / "IV-001.yaml"
    edit(bad, "level: must", "level: mandatory")
    refused = run_tism("release", "2099.3", cwd=project)
    assert refused.returncode == 1 and "nothing was released" in refused.stderr
    assert not (project / "standards" / "editions" / "2099.3.yaml").exists()


def test_a_stronger_level_needs_a_major_version(released):
    path = released / "standards" / "IV" / "IV-004.yaml"
    edit(path, "level: should", "level: must")
    result = run_tism("validate", "standards", cwd=released)
    assert result.returncode == 1
    assert re.search(r"standards/IV/IV-004\.yaml:\d+: version: IV-004\.\d\d stronger since edition 2099\.1: "
                     r"that changes what officers must do, so the version needs a MAJOR bump", result.stderr)


def test_a_deleted_standard_fails(released):
    (released / "standards" / "LF" / "LF-007.yaml").unlink()
    result = run_tism("validate", "standards", cwd=released)
    assert result.returncode == 1
    assert "standards/LF/LF-007.yaml:0: -: LF-007 was published in edition 2099.1 and its file is gone" in result.stderr


def test_a_wording_change_with_a_minor_version_passes_and_diff_shows_exactly_it(released):
    path = released / "standards" / "IV" / "IV-001.yaml"
    old_version = re.search(r'(?m)^version: "([0-9]+)\.([0-9]+)"$', path.read_text(encoding="utf-8"))
    version = f"{old_version.group(1)}.{int(old_version.group(2)) + 1}"
    edit(path, "  en: Every victim and witness interview follows the five PEACE stages",
         "  en: Every victim and witness interview follows the five stages of the PEACE model")
    assert run_tism("validate", "standards", cwd=released).returncode == 1   # no version bump yet
    bump(path, version, "Wording.")
    checked = run_tism("validate", "standards", cwd=released)
    assert checked.returncode == 0, checked.stderr
    shown = run_tism("diff", EDITION, "--standards", "standards", cwd=released)
    assert shown.returncode == 0
    assert shown.stdout.startswith(f"changes from edition {EDITION} to working tree: 1 standard(s)")
    title_line = next(line for line in shown.stdout.splitlines() if line.startswith("  title: "))
    assert "{+" in title_line and "model" in title_line and "PEACE" in title_line
    as_json = json.loads(run_tism("diff", EDITION, "--json", "--standards", "standards", cwd=released).stdout)
    (only,) = as_json["standards"]
    assert only["id"] == "IV-001" and only["change"] == "changed" and only["obligations"] == []
    assert only["title_changed"] and only["requirements"] == []
    assert only["version"] == {"old": old_version.group(0).split('"')[1], "new": version}


def test_translating_the_history_or_a_law_version_needs_no_new_version(released):
    """The history is the record of versions, and a law's versions name the text a citation was
    checked against: a translation of either changes no duty and no wording an officer is held to,
    so change control asks for no new version (editions.content leaves the history out, and a
    citation names a version by its English). Any other translation is content, and does."""
    standard = released / "standards" / "IV" / "IV-004.yaml"
    laws = released / "standards" / "laws.yaml"
    edit(standard, 'summary: {en: "First publication.", bn: "প্রথম প্রকাশ।"}', 'summary: "First publication."')
    edit(laws, 'bn: "শিশু আইন ২০১৩"', 'bn: "শিশু আইন, ২০১৩"')
    edit(laws, '{en: "current text on bdlaws (with amendments)", bn: "bdlaws-এ সংশোধনীসহ বর্তমান পাঠ"}',
         '"current text on bdlaws (with amendments)"')
    untranslated = run_tism("validate", "standards", cwd=released)
    assert untranslated.returncode == 0 and untranslated.stderr == "", untranslated.stderr
    edit(standard, 'summary: "First publication."', 'summary: {en: "First publication.", bn: "প্রথম প্রকাশিত রূপ।"}')
    translated = run_tism("validate", "standards", cwd=released)
    assert translated.returncode == 0 and translated.stderr == "", translated.stderr
    edit(standard, "bn: শিশু অর্থ ১৮ বছরের কম বয়সী যেকোনো ব্যক্তি।", "bn: শিশু অর্থ ১৮ বছরের কম বয়সী প্রত্যেক ব্যক্তি।")
    content = run_tism("validate", "standards", cwd=released)
    assert content.returncode == 1 and "[change-without-version]" in content.stderr


def test_diff_lists_a_level_change_and_a_deletion(released):
    edit(released / "standards" / "IV" / "IV-004.yaml", "level: should", "level: must")
    (released / "standards" / "LF" / "LF-007.yaml").unlink()
    result = json.loads(run_tism("diff", "--json", "--standards", "standards", cwd=released).stdout)
    changes = {s["id"]: s for s in result["standards"]}
    assert set(changes) == {"IV-004", "LF-007"}
    assert changes["LF-007"]["change"] == "removed"
    (level,) = changes["IV-004"]["requirements"]
    assert (level["change"], level["old"]["level"], level["new"]["level"]) == ("stronger", "should", "must")
    only_supervisors = json.loads(run_tism("diff", "--json", "--role", "trainer", "--standards", "standards",
                                           cwd=released).stdout)
    assert {s["id"] for s in only_supervisors["standards"]} <= {"IV-004", "LF-007"}


def test_the_site_shows_what_changed_old_and_new_side_by_side(tmp_path):
    project = copy_fixture(tmp_path / "project")
    assert run_tism("release", "2099.1", "--date", "2099-03-01", cwd=project).returncode == 0
    path = project / "standards" / "IV" / "IV-001.yaml"
    edit(path, "The interviewer must plan the interview.", "The interviewer must plan the interview in writing.")
    bump(path, "1.1", "Plans are written.", date="2099-04-01")
    (project / "mkdocs.bn.yml").write_text("INHERIT: mkdocs.yml\ntheme:\n  language: bn\n", encoding="utf-8")
    built = run_tism("build", "--index", str(project / "build" / "index"), cwd=project)
    assert built.returncode == 0, built.stderr
    for folder in ("", "bn/"):
        page = (project / "site" / folder / "changes.html").read_text(encoding="utf-8")
        row = next(line for line in page.split("<tr>") if "IV-001.01" in line)
        assert "The interviewer must plan the interview." in row
        assert "The interviewer must plan the interview in writing." in row
        assert (project / "site" / folder / "versions" / "IV-001-1.0.html").is_file()
        history = (project / "site" / folder / "standards" / "IV-001.html").read_text(encoding="utf-8")
        assert 'href="../versions/IV-001-1.0.html"' in history
    # The Bengali of IV-001.01 did not change with its English: flagged on the Bengali page, counted.
    bengali = (project / "site" / "bn" / "standards" / "IV-001.html").read_text(encoding="utf-8")
    assert 'class="tism-stale"' in bengali and "The interviewer must plan the interview in writing." in bengali
    report = json.loads(run_tism("report", "--json", cwd=project).stdout)
    assert report["stale_translations"] == 1
    assert report["stale_translation_texts"] == {"bn": {"IV-001": ["IV-001.01"]}}
    reviewed = 'classification: public\ntranslation_reviewed: {bn: "2099-12-31"}\n'
    path.write_text(path.read_text(encoding="utf-8").replace("classification: public\n", reviewed), encoding="utf-8")
    assert json.loads(run_tism("report", "--json", cwd=project).stdout)["stale_translations"] == 0


def test_exports_are_valid_deterministic_and_keep_bengali(tmp_path):
    first = run_tism("export", "--format", "json", "--standards", str(STANDARDS), cwd=tmp_path)
    again = run_tism("export", "--format", "json", "--standards", str(STANDARDS), cwd=tmp_path)
    assert first.returncode == 0 and first.stdout == again.stdout
    data = json.loads(first.stdout)
    schema = json.loads((SCHEMAS / "export.schema.json").read_text(encoding="utf-8"))
    assert list(Draft202012Validator(schema).iter_errors(data)) == []
    assert len(data["standards"]) >= 90
    target = tmp_path / "requirements.csv"
    assert run_tism("export", "--format", "csv", "--out", str(target), "--standards", str(STANDARDS),
                    cwd=tmp_path).returncode == 0
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    by_id = {r["requirement"]: r for r in rows}
    iv = next(s for s in data["standards"] if s["id"] == "IV-004")
    first_requirement = iv["requirements"][0]
    assert by_id[first_requirement["id"]]["text_bn"] == first_requirement["text"]["bn"]
    assert len(rows) == sum(len(s["requirements"]) for s in data["standards"])
