"""Nothing from data runs and nothing leaves the site: markup in every text field stays text in
every page type (checked in the HTML and in headless Chromium), pages cannot run Python through
placeholders, and a build that would load anything from another host fails."""
from __future__ import annotations

import contextlib
from pathlib import Path

import pytest
import yaml

from conftest import copy_fixture, run_tism
from tism.offline import external_references
from tism.templating import TemplateError, expand

# Markup a hostile or careless author might put into any text: each piece must stay text.
PAYLOADS = ('<img src=x onerror="alert(1)">', "<script>alert(2)</script>", '"><svg onload=alert(3)>',
            "</title><script>alert(4)</script>", "{{ 7*7 }}")
RAW = ("<img src=x onerror", "<script>alert(", "<svg onload", "</title><script>")
# Text fields: every en/bn text, plus the free-text fields of the registries.
TEXT_KEYS = {"en", "bn", "short", "publisher", "reference", "quote"}


def _poison(value, key=None):
    if isinstance(value, dict):
        return {k: _poison(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [_poison(v, key) for v in value]
    if isinstance(value, str) and key in TEXT_KEYS:
        return f"{value} {' '.join(PAYLOADS)}"
    return value


def _poison_titles(data: dict) -> dict:
    """sources.yaml: titles are plain strings, not en/bn texts."""
    return {key: {**entry, "title": f"{entry['title']} {' '.join(PAYLOADS)}"} for key, entry in data.items()}


@pytest.fixture(scope="module")
def poisoned_site(tmp_path_factory) -> Path:
    project = copy_fixture(tmp_path_factory.mktemp("poisoned") / "project")
    for path in sorted((project / "standards").rglob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        first = text.split("\n", 1)[0] + "\n" if text.startswith("#") else ""
        data = yaml.safe_load(text)
        data = _poison_titles(data) if path.name == "sources.yaml" else _poison(data)
        # Dates come back as dates and are written unquoted, which tism reads as text again.
        path.write_text(first + yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    # A Bengali site too, from the same pages: both sites must keep the markup as text.
    (project / "mkdocs.bn.yml").write_text("INHERIT: mkdocs.yml\nsite_dir: site/bn\ntheme:\n  language: bn\n",
                                           encoding="utf-8")
    check = run_tism("validate", cwd=project)
    assert check.returncode == 0, check.stderr
    result = run_tism("build", "--index", str(project / "build" / "index"), cwd=project)
    assert result.returncode == 0, result.stdout + result.stderr
    return project / "site"


def test_markup_in_the_data_never_reaches_a_page_as_markup(poisoned_site):
    pages = sorted(poisoned_site.rglob("*.html"))
    assert len(pages) > 15
    seen_escaped = 0
    for page in pages:
        text = page.read_text(encoding="utf-8")
        for raw in RAW:
            assert raw not in text, f"{page.relative_to(poisoned_site)} carries {raw!r} as markup"
        seen_escaped += "&lt;img src=x onerror" in text
    assert seen_escaped > 10  # the payloads are there, as text


def test_markup_in_titles_stays_text_in_navigation_and_title(poisoned_site):
    html = (poisoned_site / "standards" / "LF-001.html").read_text(encoding="utf-8")
    head = html[: html.index("</title>")]
    assert "&lt;script&gt;alert(4)&lt;/script&gt;" in head
    nav = html[html.index('<nav class="md-nav md-nav--primary"'):]
    assert "Fixture standard about consent &lt;img src=x onerror=" in nav


def test_no_script_runs_and_nothing_is_fetched_in_chromium(poisoned_site):
    from playwright.sync_api import sync_playwright

    from tism.browser import CHROMIUM, LAUNCH_ARGS

    pages = ["index.html", "chapters/LF.html", "standards/LF-001.html", "standards/IV-001.html",
             "laws.html", "laws/fixture-new-law.html", "laws/concordance.html", "laws/pending-review.html",
             "sources.html", "glossary.html", "indicators.html", "forms.html", "forms/FM-001.html",
             "print/LF.html", "print/cards/first-responder.html"]
    pages += [f"bn/{name}" for name in pages]
    assert (poisoned_site / "bn" / "standards" / "LF-001.html").is_file()
    dialogs, remote = [], []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        context = browser.new_context()

        def route(request_route):
            url = request_route.request.url
            if url.startswith("file://"):
                request_route.continue_()
            else:
                remote.append(url)
                request_route.abort()

        context.route("**/*", route)
        page = context.new_page()
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        for name in pages:
            if not (poisoned_site / name).exists():
                continue
            page.goto((poisoned_site / name).resolve().as_uri())
            page.wait_for_load_state("load")
        # The search box shows titles and text from the data too.
        page.goto((poisoned_site / "index.html").resolve().as_uri())
        page.fill(".tism-search__input", "consent")
        page.wait_for_selector(".tism-result", timeout=15000)
        page.wait_for_timeout(300)
        browser.close()
    assert dialogs == []
    assert remote == []


@pytest.mark.parametrize("expression", [
    "{{ self.__init__.__globals__ }}",
    "{{ cycler.__init__.__globals__.os.popen('id').read() }}",
    "{% for x in range(3) %}x{% endfor %}",
    "{{ no_such_macro() }}",
    "{{ 7*7 }}",
])
def test_a_page_cannot_run_anything_but_the_named_placeholders(expression):
    with pytest.raises(TemplateError):
        expand(f"# Page\n\n{expression}\n", {"edition": lambda: "2099.1"})


def test_named_placeholders_expand():
    macros = {"edition": lambda: "2099.1", "chapter_standards": lambda code: f"<{code}>"}
    assert expand('{{ edition }} {{edition}} {{ chapter_standards("IV") }}', macros) == "2099.1 2099.1 <IV>"


def test_a_placeholder_reaching_python_fails_the_build_with_the_page_named(tmp_path):
    project = copy_fixture(tmp_path / "project")
    (project / "docs" / "index.md").write_text(
        "---\nrender_macros: true\n---\n# Home\n\n{{ self.__init__.__globals__.__builtins__.__import__('os') }}\n",
        encoding="utf-8")
    result = run_tism("build", "--index", str(tmp_path / "index"), cwd=project)
    assert result.returncode == 1
    assert "docs/index.md: unknown placeholder {{ self.__init__" in result.stdout + result.stderr
    assert not (project / "site").exists()


def test_a_remote_image_in_a_page_fails_the_build_with_page_and_url(tmp_path):
    project = copy_fixture(tmp_path / "project")
    page = project / "docs" / "chapters" / "LF.md"
    page.write_text(page.read_text(encoding="utf-8") + '\n<img src="https://example.org/x.png" alt="x">\n',
                    encoding="utf-8")
    result = run_tism("build", "--index", str(tmp_path / "index"), cwd=project)
    assert result.returncode == 1
    output = result.stdout + result.stderr
    assert "the site would load from another host" in output
    assert 'chapters/LF.html: src="https://example.org/x.png"' in output
    assert not (project / "site").exists()


@pytest.mark.parametrize("text, found", [
    ('<img src="https://a.example/x.png">', 1),
    ("<script src='//cdn.example/x.js'></script>", 1),
    ('<link rel="stylesheet" href="http://a.example/s.css">', 1),
    ("body { background: url( 'https://a.example/b.png' ) }", 1),
    ('@import "https://a.example/s.css";', 1),
    ('<iframe src="https://a.example/"></iframe>', 1),
    ('<meta http-equiv="refresh" content="0; url=https://a.example/">', 1),
    ('<img src="assets/x.png"> <code>https://example.org/page</code>', 0),
    ('<a href="../sources.html#x">a source</a>', 0),
])
def test_remote_references_are_found_and_local_ones_are_not(text, found):
    assert len(external_references(text)) == found


# --- No traceback and no hang on any input -------------------------------------------------

def _one_clean_error(result, code=None):
    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode != 0 if code is None else result.returncode == code
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert lines, "a failure must say why"
    return lines


@pytest.fixture(scope="module")
def indexed(tmp_path_factory) -> Path:
    project = copy_fixture(tmp_path_factory.mktemp("indexed") / "project")
    result = run_tism("index", cwd=project)
    assert result.returncode == 0, result.stderr
    return project


def test_file_system_oddities_are_problems_not_crashes(tmp_path):
    import os

    project = copy_fixture(tmp_path / "project")
    chapter = project / "standards" / "LF"
    os.mkfifo(chapter / "LF-007.yaml")                      # a FIFO would block a reader forever
    os.symlink(tmp_path / "nowhere.yaml", chapter / "LF-008.yaml")  # a dangling link
    (chapter / "LF-009.yaml").mkdir()                      # a folder named like a standard
    result = run_tism("validate", cwd=project, timeout=30)
    lines = _one_clean_error(result, 1)
    assert ("standards/LF/LF-007.yaml:1: -: file is not a regular file; only regular .yaml files are read "
            "[file-not-readable]") in lines
    assert "standards/LF/LF-008.yaml:1: -: file cannot be read (no such file or directory) [file-not-readable]" in lines
    assert "standards/LF/LF-009.yaml:1: -: file is a folder; only regular .yaml files are read [file-not-readable]" \
        in lines
    # Search still answers beside them: its staleness check reads no FIFO and no folder.
    other = copy_fixture(tmp_path / "other")
    assert run_tism("index", cwd=other).returncode == 0
    os.mkfifo(other / "standards" / "LF" / "LF-007.yaml")
    searched = run_tism("search", "consent", cwd=other, timeout=30)
    assert searched.returncode == 0 and "LF-001" in searched.stdout


def test_huge_and_bomb_files_are_refused_quickly(tmp_path):
    project = copy_fixture(tmp_path / "project")
    chapter = project / "standards" / "LF"
    levels = ["a: &a [x, x, x, x, x, x, x, x, x]"]
    levels += [f"{chr(98 + i)}: &{chr(98 + i)} [" + ", ".join(["*" + chr(97 + i)] * 9) + "]" for i in range(8)]
    (chapter / "LF-002.yaml").write_text("\n".join(levels) + "\n", encoding="utf-8")
    with (chapter / "LF-003.yaml").open("w", encoding="utf-8") as big:
        for n in range(2_500_000):
            big.write(f"unknown_{n}: x\n")
    result = run_tism("validate", cwd=project, timeout=20)   # hangs would hit the timeout
    lines = _one_clean_error(result, 1)
    assert "standards/LF/LF-002.yaml:1: -: file uses more than 50 YAML aliases [yaml-aliases]" in lines
    assert any(line.startswith("standards/LF/LF-003.yaml:1: -: file is too large (") for line in lines)


def test_many_problems_in_one_file_are_bounded(tmp_path):
    project = copy_fixture(tmp_path / "project")
    standard = project / "standards" / "LF" / "LF-001.yaml"
    standard.write_text(standard.read_text(encoding="utf-8") + "".join(f"extra_{n}: 1\n" for n in range(500)),
                        encoding="utf-8")
    lines = _one_clean_error(run_tism("validate", cwd=project), 1)
    assert len([line for line in lines if line.startswith("standards/LF/LF-001.yaml")]) == 51
    assert "standards/LF/LF-001.yaml:0: -: … and 450 more problems in this file" in lines


def test_query_errors_are_one_line_and_json_when_asked(indexed):
    import json
    import subprocess

    from conftest import TISM

    bad_bytes = subprocess.run([str(TISM), "search", b"tr\xffafficking"], cwd=indexed, capture_output=True)
    assert bad_bytes.returncode == 2 and b"Traceback" not in bad_bytes.stderr
    assert b"the query is not valid UTF-8 text" in bad_bytes.stderr
    result = run_tism("search", '"unclosed', "--json", cwd=indexed)
    assert _one_clean_error(result, 2) == ['tism search: unbalanced quote in query: close the phrase with a second "']
    assert json.loads(result.stdout)["error"].startswith("unbalanced quote")
    result = run_tism("search", "consent", "--chapter", "ZZ", cwd=indexed)
    assert _one_clean_error(result, 2) == ["tism search: unknown chapter 'ZZ' (the manual has: LF, IV)"]
    result = run_tism("search", "consent", "--role", "boss", cwd=indexed)
    expected = "unknown role 'boss' (the manual has: interviewer, investigator, supervisor)"
    assert expected in _one_clean_error(result, 2)[0]
    result = run_tism("search", *(["word"] * 40), cwd=indexed)
    assert "too many words in the query (40; at most 32)" in _one_clean_error(result, 2)[0]
    result = run_tism("search", "co* pr* in* re* de*", cwd=indexed)
    assert "too many wildcard words (5; at most 4)" in _one_clean_error(result, 2)[0]


def test_not_leaves_standards_out(indexed):
    import json

    everything = json.loads(run_tism("search", "fixture", "--json", cwd=indexed).stdout)["results"]
    without = json.loads(run_tism("search", "fixture", "NOT", "consent", "--json", cwd=indexed).stdout)["results"]
    assert {r["id"] for r in everything} == {"LF-001", "IV-001"}
    assert {r["id"] for r in without} == {"IV-001"}


def test_a_damaged_index_is_one_line_not_a_traceback(tmp_path):
    import os

    project = copy_fixture(tmp_path / "project")
    assert run_tism("index", cwd=project).returncode == 0
    generation = Path(os.path.realpath(project / "build" / "index"))
    data = generation / "search-data.json"
    data.write_bytes(data.read_bytes()[: data.stat().st_size // 3])
    result = run_tism("search", "consent", cwd=project)
    lines = _one_clean_error(result, 2)
    assert len(lines) == 1 and "damaged" in lines[0] and "tism index" in lines[0]


def test_bundle_and_print_fail_cleanly(tmp_path, indexed):
    import os

    result = run_tism("bundle", "--pdfs", str(tmp_path), cwd=indexed)
    assert _one_clean_error(result, 1)[-1].startswith("tism bundle: ")
    env_result = run_tism("print", cwd=indexed, env={"TISM_CHROMIUM": "/nonexistent/chromium"})
    assert _one_clean_error(env_result, 1) == [
        "tism print: Chromium is not installed at /nonexistent/chromium: install Debian's package "
        "(sudo apt-get install chromium) or set TISM_CHROMIUM to its path"]
    assert os.path.isdir(indexed)


# --- Publishing: one writer, kill-safe, self-healing ----------------------------------------

def _pair(project: Path) -> tuple[str, str]:
    import os

    site = os.path.realpath(project / "site")
    index = os.path.realpath(project / "build" / "index")
    return os.path.dirname(site), os.path.dirname(index)


def test_a_kill_at_any_moment_of_publishing_leaves_a_matching_pair(tmp_path):
    import os
    import signal
    import subprocess
    import time

    from conftest import TISM
    from tism.index import intact

    project = copy_fixture(tmp_path / "project")
    index = project / "build" / "index"
    started = time.monotonic()
    assert run_tism("build", "--index", str(index), cwd=project).returncode == 0
    duration = time.monotonic() - started
    standard = project / "standards" / "IV" / "IV-001.yaml"
    original = standard.read_text(encoding="utf-8")
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    for run, fraction in enumerate((0.05, 0.2, 0.4, 0.6, 0.75, 0.9, 0.97, 1.05)):
        standard.write_text(original.replace("First publication.", f"First publication (run {run})."),
                            encoding="utf-8")
        process = subprocess.Popen([str(TISM), "build", "--index", str(index)], cwd=project, env=env,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        time.sleep(duration * fraction)
        with contextlib.suppress(ProcessLookupError):  # it finished first: the new pair must be whole
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        assert (project / "site" / "index.html").is_file(), f"no site after a kill at {fraction:.0%}"
        site_generation, index_generation = _pair(project)
        assert site_generation == index_generation, f"mismatched pair after a kill at {fraction:.0%}"
        assert intact(index)
        assert run_tism("search", "interview", cwd=project).returncode == 0
    standard.write_text(original, encoding="utf-8")
    assert run_tism("build", "--index", str(index), cwd=project).returncode == 0
    published = project / "build" / "published"
    generations = [p for p in published.iterdir() if p.name.startswith("gen-")]
    assert len(generations) <= 2  # current and previous: everything a kill left behind is gone
    assert not list(project.glob("site.*")) and not list((project / "build").glob("index.*"))


def test_two_builds_at_once_take_turns(tmp_path):
    import subprocess

    from conftest import TISM

    project = copy_fixture(tmp_path / "project")
    assert run_tism("index", cwd=project).returncode == 0
    runs = [subprocess.Popen([str(TISM), "index", "--full"], cwd=project, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True) for _ in range(3)]
    outcomes = [run.communicate(timeout=120) + (run.returncode,) for run in runs]
    for stdout, stderr, code in outcomes:
        assert code == 0 and "Traceback" not in stderr, stderr
        assert stdout.startswith("index: 2 standards")
    assert run_tism("search", "consent", cwd=project).returncode == 0


def test_a_damaged_index_file_is_repaired_by_the_next_build(tmp_path):
    import os

    project = copy_fixture(tmp_path / "project")
    index = project / "build" / "index"
    assert run_tism("build", "--index", str(index), cwd=project).returncode == 0
    for path in Path(os.path.realpath(index)).iterdir():
        if path.name != "tism-index.json":
            path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])  # every segment file truncated
    assert run_tism("search", "consent", cwd=project).returncode == 2
    assert run_tism("build", "--index", str(index), cwd=project).returncode == 0
    result = run_tism("search", "consent", cwd=project)
    assert result.returncode == 0 and "LF-001" in result.stdout


def test_published_folders_are_readable_by_others(tmp_path):
    import os
    import stat

    project = copy_fixture(tmp_path / "project")
    assert run_tism("build", "--index", str(project / "build" / "index"), cwd=project).returncode == 0
    generation = Path(os.path.realpath(project / "site")).parent
    mask = os.umask(0)
    os.umask(mask)
    assert stat.S_IMODE(generation.stat().st_mode) == 0o777 & ~mask  # not a private mkdtemp folder


def test_a_full_disk_is_one_line_and_leaves_the_published_pair(tmp_path):
    import os
    import subprocess

    small = tmp_path / "small"
    small.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(small)], capture_output=True)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs here to fill up: {mounted.stderr.decode().strip()}")
    try:
        project = copy_fixture(tmp_path / "project")
        result = run_tism("build", "--site", str(small / "site"), "--index", str(small / "build" / "index"),
                          cwd=project)
        assert result.returncode == 1 and "Traceback" not in result.stderr
        assert "No space left on device" in result.stderr
        assert not (small / "site").exists()
        assert [p.name for p in (small / "build" / "published").iterdir()] == ["lock"]
    finally:
        subprocess.run(["umount", str(small)], check=True)
    assert os.path.isdir(tmp_path)
