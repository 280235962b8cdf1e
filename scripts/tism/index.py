"""The search index of the command line: the search data (tism.searchdata) in a folder.

An index is written into a new generation folder and published with its site by tism.publish,
so a search running during a rebuild sees either the old index or the new one, never half of one.
The folder holds `search-data.json` (what tism.engine reads; the site ships the same data) and
`tism-index.json`: the format, what the standards looked like (a digest per standard and a
fingerprint of the files, so `tism search` can say the index is stale) and a checksum of every
file, so a damaged index is rebuilt, never read.
"""
from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path

from . import searchdata
from .model import Catalogue, Standard
from .publish import published, publishing

FORMAT = 6  # bump when the index's files change; search then asks for a rebuild
META_FILE = "tism-index.json"
DATA_FILE = "search-data.json"


def fingerprint(standards: Path) -> str:
    """A digest of every YAML file under `standards`: `tism search` warns when it differs from the
    one recorded in the index (the standards changed after the index was built)."""
    digest = hashlib.sha256()
    for path in sorted(standards.rglob("*.yaml")):
        digest.update(path.relative_to(standards).as_posix().encode())
        try:
            if path.is_file():  # not a FIFO, a folder or a dangling link
                digest.update(path.read_bytes())
        except OSError:
            digest.update(b"unreadable")
    return digest.hexdigest()[:16]


def _digest(standard: Standard, catalogue: Catalogue) -> str:
    text = json.dumps(searchdata.fields(standard, catalogue), ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()[:20]


@dataclass(frozen=True)
class IndexStats:
    generation: Path
    standards: int
    added: int  # since the previous index, when there was one
    changed: int
    removed: int


def read_meta(index_dir: Path) -> dict | None:
    try:
        return json.loads((Path(os.path.realpath(index_dir)) / META_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _checksums(folder: Path) -> dict[str, str]:
    return {path.name: hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(folder.iterdir()) if path.name != META_FILE and path.is_file()}


def intact(index_dir: Path) -> bool:
    """Whether the index was written by this version of tism and every file is as it was written."""
    folder = Path(os.path.realpath(index_dir))
    meta = read_meta(folder)
    if not meta or meta.get("format") != FORMAT or not isinstance(meta.get("files"), dict):
        return False
    try:
        return all(hashlib.sha256((folder / name).read_bytes()).hexdigest() == digest
                   for name, digest in meta["files"].items())
    except OSError:
        return False


def write_index(catalogue: Catalogue, folder: Path, fingerprint: str = "", previous: Path | None = None) -> IndexStats:
    """Write the index of `catalogue` into the new folder `folder`; `previous` (the published
    index) is only compared with, to say what changed."""
    digests = {s.id: _digest(s, catalogue) for s in catalogue.standards}
    old = ((read_meta(previous) or {}).get("digests") or {}) if previous is not None else {}
    folder.mkdir(parents=True, exist_ok=True)
    data = searchdata.build(catalogue)
    (folder / DATA_FILE).write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    meta = {"format": FORMAT, "edition": catalogue.edition, "standards": len(digests),
            "chapters": data["chapters"], "roles": data["roles"], "fingerprint": fingerprint,
            "digests": digests, "files": _checksums(folder)}
    (folder / META_FILE).write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
    return IndexStats(folder, len(digests), sum(sid not in old for sid in digests),
                      sum(sid in old and old[sid] != digest for sid, digest in digests.items()),
                      sum(sid not in digests for sid in old))


def build_index(catalogue: Catalogue, target: Path, fingerprint: str = "") -> Path:
    """Build the index and publish it at `target` (an index-only generation; a published site is
    carried over). Returns the new index folder."""
    with publishing(Path(target), carry_site=True) as generation:
        write_index(catalogue, generation.index, fingerprint)
    return generation.index


def update_index(catalogue: Catalogue, target: Path, fingerprint: str = "") -> IndexStats:
    """Write a new index at `target`, saying what changed since the published one."""
    before = published(Path(target))
    with publishing(Path(target), carry_site=True) as generation:
        previous = before.index if before is not None and before.index.is_dir() else None
        return write_index(catalogue, generation.index, fingerprint, previous)
