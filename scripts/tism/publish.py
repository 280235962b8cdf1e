"""Publishing the site and its search index together, so that they always match.

Every build writes a new *generation*: one folder holding `site/` and `index/`. A symbolic link
`current` points at the published generation and is switched by a single atomic rename, so a kill at
any instant leaves either the old pair or the new pair, never no site and never a site beside an
index from another build. The paths users open never move: `site/` and `build/index` are links,
made once, to `current/site` and `current/index`.

    build/published/            (beside the index folder)
        lock                    one writer at a time (flock); a second one waits
        gen-<time>-<pid>/site   a generation
        gen-<time>-<pid>/index
        current  -> gen-…       switched atomically
        previous -> gen-…       kept for searches that opened it just before a switch
    site         -> build/published/current/site
    build/index  -> published/current/index

Leftovers of an interrupted run (unfinished generations, folders of the layouts before this one)
are removed by the next run, under the lock.
"""
from __future__ import annotations

import fcntl
import os
import shutil
import sys
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

LOCK_WAIT_SECONDS = 900


class PublishError(Exception):
    """A publication that cannot go ahead; the message is one line."""


@dataclass(frozen=True)
class Generation:
    folder: Path

    @property
    def site(self) -> Path:
        return self.folder / "site"

    @property
    def index(self) -> Path:
        return self.folder / "index"


def root_of(index: Path) -> Path:
    return Path(index).absolute().parent / "published"


def published(index: Path) -> Generation | None:
    """The generation now published for this index path, if any."""
    current = root_of(index) / "current"
    return Generation(Path(os.path.realpath(current))) if current.is_symlink() and current.exists() else None


@contextmanager
def _locked(root: Path):
    root.mkdir(parents=True, exist_ok=True)
    with open(root / "lock", "w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            print(f"tism: another build is publishing into {root}; waiting for it to finish", file=sys.stderr)
            deadline = time.monotonic() + LOCK_WAIT_SECONDS
            while True:
                try:
                    fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() > deadline:
                        raise PublishError(f"gave up after {LOCK_WAIT_SECONDS} s waiting for another build "
                                           f"to finish publishing into {root}") from None
                    time.sleep(0.25)
        yield


@contextmanager
def publishing(index: Path, site: Path | None = None, carry_site: bool = False):
    """A new, empty generation to fill; published (with `index`, and `site` if given, linked to it)
    when the body returns, removed if it raises. With `carry_site`, the published site is carried
    into the new generation as hard links (for an index-only rebuild)."""
    index = Path(index).absolute()
    root = root_of(index)
    with _locked(root):
        _clean(root, index, site)
        before = published(index)
        folder = root / f"gen-{time.strftime('%Y%m%d-%H%M%S')}-{os.getpid()}-{time.monotonic_ns() % 10**6}"
        folder.mkdir()  # mode from the umask: readable by others, unlike a mkdtemp folder
        generation = Generation(folder)
        try:
            if carry_site and before is not None and before.site.is_dir():
                _hard_link_tree(before.site, generation.site)
            yield generation
            _point(root / "current", folder.name)
        except BaseException:
            shutil.rmtree(folder, ignore_errors=True)
            raise
        if before is not None:
            _point(root / "previous", before.folder.name)
        _link(index, root / "current" / "index")
        if site is not None and generation.site.is_dir():
            _link(Path(site).absolute(), root / "current" / "site")
        _clean(root, index, site)


def _point(link: Path, target: str) -> None:
    """Make `link` a symbolic link to `target` in one atomic rename."""
    temporary = link.with_name(f".{link.name}-{os.getpid()}")
    if temporary.is_symlink() or temporary.exists():
        temporary.unlink()
    os.symlink(target, temporary)
    os.replace(temporary, link)


def _link(path: Path, target: Path) -> None:
    """`path` becomes a fixed link to `target` (relative where possible), replacing an older layout."""
    wanted = os.path.relpath(target, path.parent)
    if path.is_symlink() and os.readlink(path) == wanted:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.is_dir() and not path.is_symlink():  # a folder from before links were used: moved aside
        aside = path.with_name(f"{path.name}.old-{os.getpid()}")
        path.rename(aside)
        _point(path, wanted)
        shutil.rmtree(aside, ignore_errors=True)
        return
    _point(path, wanted)


def _hard_link_tree(source: Path, target: Path) -> None:
    for folder, _, names in os.walk(source):
        relative = Path(folder).relative_to(source)
        (target / relative).mkdir(parents=True, exist_ok=True)
        for name in names:
            os.link(Path(folder) / name, target / relative / name)


def _clean(root: Path, index: Path, site: Path | None) -> None:
    """Remove what interrupted runs and earlier layouts left behind; keep current and previous."""
    keep = {os.path.realpath(root / name) for name in ("current", "previous") if (root / name).is_symlink()}
    for path in root.iterdir():
        if path.name.startswith("gen-") and os.path.realpath(path) not in keep:
            shutil.rmtree(path, ignore_errors=True)
        elif path.name.startswith((".current-", ".previous-")):
            path.unlink(missing_ok=True)
    leftovers = list(index.parent.glob(f"{index.name}.*")) + list(index.parent.glob(f".{index.name}.link-*"))
    if site is not None:
        site = Path(site).absolute()
        leftovers += list(site.parent.glob(f"{site.name}.build-*")) + list(site.parent.glob(f"{site.name}.old-*"))
    for path in leftovers:
        if path.is_symlink() or path.is_file():
            path.unlink(missing_ok=True)
        else:
            shutil.rmtree(path, ignore_errors=True)
