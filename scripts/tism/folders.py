"""Replacing a generated folder (site/, build/print/) as a whole, never leaving half of one."""
from __future__ import annotations

import os
import shutil
from pathlib import Path


def swap_in(new: Path, target: Path) -> None:
    """Put the finished folder `new` at `target`; the old one is removed only after the switch."""
    old = None
    if target.exists():
        old = target.with_name(f"{target.name}.old-{os.getpid()}")
        target.rename(old)
    new.rename(target)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
