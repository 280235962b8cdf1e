"""Languages are data: standards/languages.yaml lists them and holds every label of the pages.
Adding a third language is that file, a translation and a config; nothing in the code changes."""
from __future__ import annotations

import json
import re

import yaml

from conftest import copy_fixture, run_tism

FAKE = {"code": "xx", "name": "Test language", "native": "Xx-native"}
MISSING = re.compile(r"^(?P<path>[^:]+):\d+: (?P<field>\S+)\.xx: required field is missing \[schema-required\]$")


def _set(data, dotted: str, value: str) -> None:
    """data[a][0][b] = value for the dotted field a.0.b."""
    *parents, last = dotted.split(".")
    for part in parents:
        data = data[int(part)] if isinstance(data, list) else data[part]
    data[last] = {**data[last], "xx": value} if isinstance(data[last], dict) else value


def _edit(path, change) -> None:
    text = path.read_text(encoding="utf-8")
    first = text.split("\n", 1)[0] + "\n" if text.startswith("#") else ""  # the schema line of a standard
    data = yaml.safe_load(text)
    change(data)
    path.write_text(first + yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def test_a_third_language_is_data_a_translation_and_a_config(tmp_path):
    project = copy_fixture(tmp_path / "project")
    standards = project / "standards"
    _edit(standards / "languages.yaml", lambda data: data["languages"].append(FAKE))

    # Declared but not translated: validation lists every label and every text still to translate.
    first = run_tism("validate", cwd=project)
    assert first.returncode == 1
    missing = [m for m in map(MISSING.match, first.stderr.splitlines()) if m]
    assert any(m["path"].endswith("languages.yaml") and m["field"] == "labels.must" for m in missing)
    assert any(m["path"].endswith("manual.yaml") and m["field"] == "title" for m in missing)

    # The translator's work: labels, then the texts validation named (everything else may wait).
    _edit(standards / "languages.yaml",
          lambda data: [label.update(xx=f"xx:{label['en']}") for label in data["labels"].values()])
    for path in {m["path"] for m in missing if not m["path"].endswith("languages.yaml")}:
        fields = [m["field"] for m in missing if m["path"] == path]
        _edit(project / path, lambda data, fields=fields: [_set(data, f, f"xx:{f}") for f in fields])
    assert run_tism("validate", cwd=project).returncode == 0

    (project / "mkdocs.xx.yml").write_text(
        "INHERIT: mkdocs.yml\nsite_name: Fixture manual in xx\nplugins:\n  - tism:\n      lang: xx\n"
        "  - search\n  - offline\n", encoding="utf-8")
    built = run_tism("build", "--index", str(project / "build" / "index"), cwd=project)
    assert built.returncode == 0, built.stderr
    assert "Test language site:" in built.stdout

    page = (project / "site" / "xx" / "standards" / "LF-001.html").read_text(encoding="utf-8")
    assert "xx:MUST" in page                                    # a label in the new language
    assert '<span class="tism-missing">(xx:Translation pending)</span>' in page  # untranslated text
    assert 'hreflang="xx"' in (project / "site" / "standards" / "LF-001.html").read_text(encoding="utf-8")
    assert '<a href="../../" hreflang="en"' in page  # the language switch leads to each site

    report = json.loads(run_tism("report", "--json", cwd=project).stdout)
    assert {k: v for k, v in report["translations"]["xx"].items() if k != "fallbacks"} == {
        "complete": 0, "missing": ["IV-001", "LF-001"]}
    assert "history 1.0" in report["translations"]["xx"]["fallbacks"]["where"]["IV-001"]
    found = run_tism("search", "consent", "--lang", "xx", "--json", "--index", "build/index", cwd=project)
    assert found.returncode == 0, found.stderr
    assert json.loads(found.stdout)["results"][0]["title_xx"]
    shown = run_tism("show", "LF-001", "--lang", "xx", cwd=project)
    assert "xx:MUST" in shown.stdout or "xx:Active" in shown.stdout
