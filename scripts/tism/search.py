"""`tism search`: the published index opened, checked and searched with tism.engine.

Errors the user can fix (a malformed query, a missing, stale-format or damaged index) are raised
as SearchError with a one-line message; the CLI prints it and exits non-zero.
"""
from __future__ import annotations

import hashlib
import json
import os
from dataclasses import asdict
from pathlib import Path

from . import engine
from .engine import MARK_END, MARK_START, Results, SearchError, check_query
from .index import DATA_FILE, FORMAT, META_FILE

__all__ = ["MARK_END", "MARK_START", "Results", "SearchError", "check_query", "open_index", "results_as_json",
           "search"]


def open_index(index_dir: Path) -> tuple[dict, dict]:
    """The search data and the metadata of the published index; SearchError says how to fix it."""
    index_dir = Path(index_dir)
    if not index_dir.exists():
        raise SearchError(f"no search index at {index_dir}: run `tism index` (or `make manual`)")
    real = Path(os.path.realpath(index_dir))  # resolve once: a rebuild may switch the link meanwhile
    try:
        meta = json.loads((real / META_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        raise SearchError(f"the search index at {index_dir} is damaged: run `tism index` to rebuild it") from None
    if meta.get("format") != FORMAT:
        raise SearchError(f"the search index at {index_dir} was built by another version of tism: run `tism index`")
    try:
        raw = (real / DATA_FILE).read_bytes()
        if hashlib.sha256(raw).hexdigest() != meta["files"][DATA_FILE]:
            raise ValueError("checksum")
        return json.loads(raw), meta
    except (OSError, ValueError, KeyError, TypeError):
        raise SearchError(f"the search index at {index_dir} is damaged: run `tism index` to rebuild it") from None


def search(index_dir: Path, query: str, *, chapter: str | None = None, role: str | None = None,
           level: str | None = None, lang: str | None = None, limit: int = 10) -> Results:
    """Ranked standards for `query` from the index at `index_dir` (see tism.engine)."""
    query = check_query(query)
    data, _ = open_index(index_dir)
    return engine.search(data, query, chapter=chapter, role=role, level=level, lang=lang, limit=limit)


def results_as_json(results: Results) -> str:
    """The documented --json shape (see README): query, searched_for, corrected, expanded, results."""
    items = []
    for hit in results.hits:
        item = asdict(hit)
        titles = item.pop("titles")
        item = {"id": item.pop("id"), **{f"title_{lang}": title for lang, title in titles.items()}, **item}
        item["snippet"] = hit.snippet.replace(MARK_START, "<mark>").replace(MARK_END, "</mark>")
        items.append(item)
    return json.dumps({"query": results.query, "searched_for": results.searched_for,
                       "corrected": results.corrected, "expanded": results.expanded, "results": items},
                      ensure_ascii=False, indent=2)
