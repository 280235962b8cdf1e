"""Searching the Whoosh index: query checking, ranking, filters and snippets.

Errors the user can fix (a malformed query, a missing index) are raised as SearchError with a
one-line message; the CLI prints it and exits non-zero.
"""
from __future__ import annotations

import json
import os
import re
from dataclasses import asdict, dataclass, field
from pathlib import Path

from whoosh import highlight, index as whoosh_index, scoring
from whoosh.qparser import MultifieldParser, OrGroup
from whoosh.query import And, Term

from .index import FORMAT, META_FILE

SEARCH_FIELDS = ("title", "summary", "requirements", "body")
SNIPPET_FIELDS = ("requirements", "summary", "body", "title")
STANDARD_ID = re.compile(r"^([A-Za-z]{2}-\d{3})(\.\d{2})?$")
MARK_START, MARK_END = "\x02", "\x03"
MAX_QUERY_CHARS = 500
_OPERATORS = {"AND", "OR", "NOT", "ANDNOT", "ANDMAYBE"}


class SearchError(Exception):
    """A problem the user can fix; the message is one line."""


@dataclass
class Hit:
    id: str
    title_en: str
    title_bn: str
    chapter: str
    score: float
    snippet: str  # matched words between MARK_START and MARK_END
    requirements: list[str] = field(default_factory=list)


def check_query(query: str) -> str:
    """The query, stripped, or SearchError saying what is wrong with it."""
    query = query.strip()
    if not query:
        raise SearchError("empty query: give one or more words to search for")
    if len(query) > MAX_QUERY_CHARS:
        raise SearchError(f"query too long ({len(query)} characters; at most {MAX_QUERY_CHARS})")
    if query.count('"') % 2:
        raise SearchError('unbalanced quote in query: close the phrase with a second "')
    depth = 0
    for char in query:
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth < 0:
            break
    if depth:
        raise SearchError("unbalanced parentheses in query")
    words = [w for w in re.split(r"[\s()\"]+", query) if w]
    meaningful = [w for w in words if w not in _OPERATORS and re.search(r"[\w\u0980-\u09ff]", w)]
    if not meaningful:
        raise SearchError("the query has no words to search for (only operators or symbols)")
    for word in meaningful:
        stem = word.rstrip("*?")
        if ("*" in word or "?" in word) and len(re.sub(r"[*?]", "", stem)) < 2:
            raise SearchError(f"wildcard '{word}' needs at least two letters before it")
    return query


def open_index(index_dir: Path):
    """Open the current generation read-only, or SearchError explaining how to build it."""
    index_dir = Path(index_dir)
    if not index_dir.exists():
        raise SearchError(f"no search index at {index_dir}: run `tism index` (or `make manual`)")
    real = Path(os.path.realpath(index_dir))  # resolve once: a rebuild may switch the link meanwhile
    try:
        meta = json.loads((real / META_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        raise SearchError(f"the search index at {index_dir} is damaged: run `tism index` to rebuild it") from None
    if meta.get("format") != FORMAT:
        raise SearchError(f"the search index at {index_dir} is from another version of tism: run `tism index`")
    try:
        return whoosh_index.open_dir(str(real), readonly=True)
    except Exception as error:  # whoosh raises several types for damaged files
        raise SearchError(f"the search index at {index_dir} cannot be opened ({type(error).__name__}): "
                          "run `tism index` to rebuild it") from None


def _snippet(hit, fields=SNIPPET_FIELDS) -> str:
    for name in fields:
        text = hit.highlights(name, top=2)
        if text:
            return text
    return ""


class _Marks(highlight.Formatter):
    between = " … "

    def format_token(self, text, token, replace=False):
        return f"{MARK_START}{highlight.get_text(text, token, replace)}{MARK_END}"


def search(index_dir: Path, query: str, *, chapter: str | None = None, role: str | None = None,
           limit: int = 10) -> list[Hit]:
    """Ranked standards for `query`. An exact standard or requirement ID goes straight to it."""
    query = check_query(query)
    ix = open_index(index_dir)
    try:
        with ix.searcher(weighting=scoring.BM25F()) as searcher:
            filters = [Term("chapter", chapter.upper())] if chapter else []
            filters += [Term("roles", role)] if role else []
            id_match = STANDARD_ID.match(query)
            if id_match:
                parsed = Term("id", id_match.group(1).upper())
            else:
                parser = MultifieldParser(list(SEARCH_FIELDS), ix.schema, group=OrGroup.factory(0.9))
                parsed = parser.parse(query)
            mask_filter = And(filters) if len(filters) > 1 else (filters[0] if filters else None)
            results = searcher.search(parsed, limit=limit, filter=mask_filter, terms=True)
            results.fragmenter = highlight.ContextFragmenter(maxchars=200, surround=60)
            results.formatter = _Marks()
            hits = []
            for result in results:
                requirements, snippet = [], _snippet(result)
                if id_match and id_match.group(2):
                    wanted = query.upper()
                    for line in result["requirements"].splitlines():
                        if line.startswith(wanted + " "):
                            requirements = [wanted]
                            snippet = f"{MARK_START}{wanted}{MARK_END}{line[len(wanted):]}"
                hits.append(Hit(id=result["id"], title_en=result["title_en"], title_bn=result["title_bn"],
                                chapter=result["chapter"], score=round(result.score, 3),
                                snippet=snippet.replace("\n", " "), requirements=requirements))
            return hits
    finally:
        ix.close()


def hits_as_json(query: str, hits: list[Hit]) -> str:
    """The documented --json shape: {"query", "results": [{id, title_en, title_bn, chapter, score,
    snippet (matches wrapped in <mark>…</mark>), requirements}]}."""
    results = []
    for hit in hits:
        item = asdict(hit)
        item["snippet"] = hit.snippet.replace(MARK_START, "<mark>").replace(MARK_END, "</mark>")
        results.append(item)
    return json.dumps({"query": query, "results": results}, ensure_ascii=False, indent=2)
