"""Shared test helpers: the fixture catalogues, the real project, and the `tism` command itself."""
from __future__ import annotations

import fcntl
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

TESTS = Path(__file__).parent
PROJECT = TESTS.parent
FIXTURES = TESTS / "fixtures"
VALID = FIXTURES / "valid"
INVALID = FIXTURES / "invalid"
TISM = Path(sys.executable).with_name("tism")  # the installed console script, as users run it
# The real manual's standards; a maintainer may point the tests at another copy while editing.
STANDARDS = Path(os.environ.get("TISM_TEST_STANDARDS", PROJECT / "standards"))


def run_tism(*args: str, cwd: Path, timeout: float = 300, env: dict | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ, NO_COLOR="1", NO_MKDOCS_2_WARNING="1", **(env or {}))
    return subprocess.run([str(TISM), *args], cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=timeout)


def copy_fixture(destination: Path, overlay: Path | None = None) -> Path:
    """The valid fixture project copied to `destination`, with an invalid case laid over it.

    An overlay holds files under standards/ that replace or add files; an empty `NAME.delete`
    removes NAME, and an empty `NAME.oversize` makes NAME a file one byte over the size limit.
    """
    shutil.copytree(VALID, destination, ignore=shutil.ignore_patterns("site", "site.*"))
    if overlay is not None:
        for path in sorted((overlay / "standards").rglob("*")):
            if path.is_dir():
                continue
            target = destination / "standards" / path.relative_to(overlay / "standards")
            if path.name.endswith(".delete"):
                target.with_name(path.name[: -len(".delete")]).unlink()
            elif path.name.endswith(".oversize"):
                from tism.load import MAX_FILE_BYTES

                target.with_name(path.name[: -len(".oversize")]).write_bytes(b"#" * (MAX_FILE_BYTES + 1))
            else:
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(path, target)
    return destination


@pytest.fixture
def fixture_project(tmp_path) -> Path:
    return copy_fixture(tmp_path / "project")


def tree_snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` (symbolic links followed) with its bytes: for byte-for-byte checks."""
    snapshot = {}
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            snapshot[path.relative_to(folder).as_posix()] = path.read_bytes()
    if folder.is_symlink():
        snapshot["<link>"] = os.readlink(folder).encode()
    return snapshot


def _build_real(out: Path) -> None:
    result = run_tism("build", "--standards", str(STANDARDS), "--site", str(out / "site"),
                      "--index", str(out / "index"), cwd=PROJECT)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.fixture(scope="session")
def real_site(tmp_path_factory, request) -> Path:
    """The real manual (both languages) built once into a temporary folder; the checkout's site/
    and index are not touched. Returns the folder holding site/ and index/. With parallel test
    workers (pytest-xdist) the first worker to ask builds it, under a lock, into the run's shared
    temporary folder, and the others use that build: the tests only read it."""
    if not hasattr(request.config, "workerinput"):  # not a pytest-xdist worker
        out = tmp_path_factory.mktemp("real")
        _build_real(out)
        return out
    shared = tmp_path_factory.getbasetemp().parent
    out = shared / "real"
    with open(shared / "real.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
        if not (out / "built").is_file():
            shutil.rmtree(out, ignore_errors=True)
            _build_real(out)
            (out / "built").touch()
    return out


@pytest.fixture(scope="session")
def real_index(real_site) -> Path:
    """The real manual's search index: the one `tism build` wrote for real_site (one per run)."""
    return real_site / "index"


@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory) -> Path:
    """The valid fixture project, built once (site and index) for the whole run."""
    project = copy_fixture(tmp_path_factory.mktemp("fixture") / "project")
    result = run_tism("build", "--index", str(project / "build" / "index"), cwd=project)
    assert result.returncode == 0, result.stdout + result.stderr
    return project


@pytest.fixture(scope="session")
def catalogue():
    """The real manual's Catalogue."""
    from tism.catalogue import load_catalogue

    return load_catalogue(STANDARDS)


@pytest.fixture(scope="module")
def browser():
    """Debian's Chromium, headless, driven by Playwright (one per test module)."""
    from playwright.sync_api import sync_playwright

    from tism.browser import CHROMIUM, LAUNCH_ARGS

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        yield instance
        instance.close()
