"""The package stands on its own: a wheel built from this checkout, installed into a fresh virtual
environment outside it, validates and searches a copy of the standards (schemas ship inside)."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

from conftest import PROJECT, STANDARDS
from tism.catalogue import load_catalogue


def test_a_wheel_installed_elsewhere_validates_and_searches(tmp_path):
    wheels = tmp_path / "wheels"
    built = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
                            "-w", str(wheels), str(PROJECT)], capture_output=True, text=True)
    assert built.returncode == 0, built.stderr
    (wheel,) = wheels.glob("tism-*.whl")
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = venv / "bin" / "python"
    installed = subprocess.run([str(python), "-m", "pip", "install", "--no-deps", "-q", str(wheel)],
                               capture_output=True, text=True)
    assert installed.returncode == 0, installed.stderr
    # The dependencies come from this checkout's environment, on the path; tism itself only from the
    # wheel (the editable install is a .pth file, which PYTHONPATH entries do not read).
    env = dict(os.environ, PYTHONPATH=sysconfig.get_paths()["purelib"], NO_COLOR="1")
    elsewhere = tmp_path / "elsewhere"
    shutil.copytree(STANDARDS, elsewhere / "standards", symlinks=True)
    where = subprocess.run([str(python), "-c", "import tism; print(tism.__file__)"], cwd=elsewhere,
                           env=env, capture_output=True, text=True)
    assert str(venv) in where.stdout, where.stdout + where.stderr
    tism = venv / "bin" / "tism"
    checked = subprocess.run([str(tism), "validate", "standards"], cwd=elsewhere, env=env,
                             capture_output=True, text=True)
    assert checked.returncode == 0, checked.stderr
    assert checked.stdout.startswith(f"ok: {len(load_catalogue(STANDARDS).chapters)} chapters")
    indexed = subprocess.run([str(tism), "index", "--standards", "standards", "--index", "index"], cwd=elsewhere,
                             env=env, capture_output=True, text=True)
    assert indexed.returncode == 0, indexed.stderr
    found = subprocess.run([str(tism), "search", "consent", "--index", "index", "--limit", "1"], cwd=elsewhere,
                           env=env, capture_output=True, text=True)
    assert found.returncode == 0 and found.stdout.startswith("1. LF-003"), found.stdout + found.stderr
    assert Path(elsewhere / "standards").is_dir()
