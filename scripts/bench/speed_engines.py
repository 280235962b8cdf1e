"""The three search engines compared by search_speed.py, behind one small interface.

Each engine builds an index of a Catalogue in a folder, rebuilds it after one standard changed,
answers a query with the IDs of at most 10 standards, and reports its index size:

- TismEngine: tism's index (tism.index.build_index / update_index: the search data of
  tism.searchdata in a folder) and tism.search.search, which reads the index for every query
  exactly as the `tism search` CLI does. `search_warm` is tism.engine.search on the data read
  once, as a long-running process (and the site's search box) would: the whole ranking,
  corrections, snippets and matched requirements included.
- LunrEngine: lunr.py configured like mkdocs-material's browser search (see the class).
- TantivyEngine: tantivy-py with a Bengali-safe regex tokenizer, a searcher kept open.

lunr.py and tantivy are optional: `.venv/bin/pip install lunr==0.8.0 tantivy` (or `pip install -e
'.[bench]'`).
"""
from __future__ import annotations

import gc
import json
import os
import re
import time
from pathlib import Path

from tism.index import build_index, update_index
from tism.model import Catalogue, Standard
from tism.searchdata import FIELDS, fields

LIMIT = 10


def folder_mb(folder: Path) -> float:
    """Total size of the regular files in `folder` (not following links), in MB."""
    total = sum(entry.stat().st_size for entry in Path(folder).rglob("*") if entry.is_file() and not entry.is_symlink())
    return total / 1e6


def title_and_body(standard: Standard, catalogue: Catalogue) -> tuple[str, str]:
    """The same text tism indexes, as two strings: title (ID, English, Bengali) and everything else."""
    texts = dict(zip(FIELDS, fields(standard, catalogue), strict=False))
    return texts["title"], "\n".join(texts[name] for name in FIELDS[1:] if texts.get(name))


def timed(function, *args, **kwargs) -> tuple[float, object]:
    start = time.perf_counter()
    result = function(*args, **kwargs)
    return time.perf_counter() - start, result


# --------------------------------------------------------------------------------------------- tism

class TismEngine:
    name = "tism"

    def __init__(self, folder: Path):
        self.target = Path(folder) / "index"
        self._warm = None

    def build(self, catalogue: Catalogue) -> float:
        seconds, _ = timed(build_index, catalogue, self.target)
        return seconds

    def rebuild_one(self, catalogue: Catalogue, changed_id: str) -> float:
        seconds, stats = timed(update_index, catalogue, self.target)
        if (stats.added, stats.changed, stats.removed) != (0, 1, 0):
            raise RuntimeError(f"update_index did not see exactly {changed_id} changed: {stats}")
        return seconds

    def size_mb(self) -> float:
        return folder_mb(Path(os.path.realpath(self.target)))

    def search(self, query: str) -> list[str]:
        from tism.search import search

        return [hit.id for hit in search(self.target, query, limit=LIMIT).hits]

    def open_warm(self) -> None:
        """Read the current index once, as a long-running process (or the site) would."""
        from tism.search import open_index

        self._warm, _ = open_index(self.target)

    def search_warm(self, query: str) -> list[str]:
        from tism import engine

        return [hit.id for hit in engine.search(self._warm, query, limit=LIMIT).hits]

    def close(self) -> None:
        self._warm = None


# -------------------------------------------------------------------------------------------- lunr

# mkdocs.yml's search separator (the same one the site uses), and Material's default field boosts.
MATERIAL_SEPARATOR = re.compile(r'[\s\-,:;!?=\[\]()"/\u0964\u0965]+')
MATERIAL_FIELDS = {"title": 1000.0, "text": 1.0, "tags": 1e6}


def material_query(query: str) -> str:
    """Material's query transform for plain words: split on the separator, a trailing `*` on each
    term (query/transform and transformSearchQuery in Material's search worker)."""
    terms = [term for part in query.split() for term in MATERIAL_SEPARATOR.split(part) if term]
    return " ".join(f"{term}*" for term in terms)


class LunrEngine:
    """lunr.py set up as mkdocs-material 9's search worker sets up lunr.js for this site.

    Builder() with b(0); fields title/text/tags with the boosts of `config.fields`; the site's
    search config is lang ["en"] with pipeline ["stopWordFilter"], so the index and the search
    pipelines are the English stop-word filter only (no trimmer, no stemmer); text is split on the
    site's separator by the field extractors (lunr.py accepts pre-split lists); every query term
    gets a trailing `*`; then Material's post-boost score * (1 + boost**2) with
    boost = 1 (not a section) + share of query terms that matched. One document per standard.
    Not reproduced: Material also whitelists token positions (for highlighting), which makes its
    in-browser index larger and slower to build and query than this one.
    """

    name = "lunr.py"

    def __init__(self, folder: Path):
        self.folder = Path(folder)
        self.index = None

    @staticmethod
    def _builder():
        from lunr.builder import Builder
        from lunr.stop_word_filter import stop_word_filter

        builder = Builder()
        builder.b(0)
        builder.pipeline.add(stop_word_filter)
        builder.search_pipeline.add(stop_word_filter)
        builder.ref("location")
        for name, boost in MATERIAL_FIELDS.items():
            builder.field(name, boost=boost, extractor=lambda doc, name=name: _split(doc.get(name)))
        return builder

    def _build(self, catalogue: Catalogue):
        builder = self._builder()
        for standard in catalogue.standards:
            title, body = title_and_body(standard, catalogue)
            builder.add({"location": f"standards/{standard.id}.html", "title": title, "text": body})
        return builder.build()

    def build(self, catalogue: Catalogue) -> float:
        seconds, self.index = timed(self._build, catalogue)
        return seconds

    def rebuild_one(self, catalogue: Catalogue, changed_id: str) -> float:
        """lunr has no incremental update: a full rebuild (the browser rebuilds it on every page load).
        The old index is dropped first, as a fresh page would not hold it either."""
        self.index = None
        gc.collect()
        seconds, self.index = timed(self._build, catalogue)
        return seconds

    def size_mb(self) -> float:
        path = self.folder / "lunr-index.json"
        path.write_text(json.dumps(self.index.serialize(), ensure_ascii=False), encoding="utf-8")
        return path.stat().st_size / 1e6

    def search(self, query: str) -> list[str]:
        from lunr.stop_word_filter import stop_word_filter

        clauses = [term.rstrip("*").lower() for term in material_query(query).split()]
        if not clauses:
            return []
        results = []
        for match in self.index.search(material_query(query)):
            matched = match["match_data"].metadata.keys()
            terms = {}
            for clause in clauses:
                if any(term.startswith(clause) for term in matched):
                    terms[clause] = True
                elif stop_word_filter(clause):  # unmatched non-stop-words count against the page
                    terms.setdefault(clause, False)
            boost = 1 + (sum(terms.values()) / len(terms) if terms else 0)
            results.append((match["score"] * (1 + boost ** 2), match["ref"]))
        results.sort(key=lambda pair: pair[0], reverse=True)
        return [ref.split("/")[1].removesuffix(".html") for _, ref in results[:LIMIT]]

    def close(self) -> None:
        self.index = None


def _split(text: str | None) -> list[str]:
    return [part for part in MATERIAL_SEPARATOR.split(text) if part] if text else []


# ----------------------------------------------------------------------------------------- tantivy

BENGALI_SAFE_WORDS = r"[\p{L}\p{M}\p{N}\x{200C}\x{200D}]+"
TANTIVY_BOOSTS = {"title": 6.0, "body": 1.0}  # tism's title boost


class TantivyEngine:
    """tantivy-py: fields id (raw, for delete), title and body (Bengali-safe regex tokenizer,
    lower-cased, stored). Queries are OR of the words over title and body, parsed leniently."""

    name = "tantivy"
    tokenizer = "bn_safe"

    def __init__(self, folder: Path):
        self.folder = Path(folder) / "tantivy"
        self.index = None
        self.searcher = None

    def _schema(self):
        import tantivy

        builder = tantivy.SchemaBuilder()
        builder.add_text_field("id", stored=True, tokenizer_name="raw")
        builder.add_text_field("title", stored=True, tokenizer_name=self.tokenizer)
        builder.add_text_field("body", stored=True, tokenizer_name=self.tokenizer)
        return builder.build()

    def _register(self, index) -> None:
        from tantivy import Filter, TextAnalyzerBuilder, Tokenizer

        analyzer = TextAnalyzerBuilder(Tokenizer.regex(BENGALI_SAFE_WORDS)).filter(Filter.lowercase()).build()
        index.register_tokenizer(self.tokenizer, analyzer)

    @staticmethod
    def _document(standard: Standard, catalogue: Catalogue):
        import tantivy

        title, body = title_and_body(standard, catalogue)
        return tantivy.Document(id=standard.id, title=title, body=body)

    def _build(self, catalogue: Catalogue) -> None:
        import tantivy

        self.folder.mkdir(parents=True, exist_ok=True)
        self.index = tantivy.Index(self._schema(), path=str(self.folder), reuse=False)
        self._register(self.index)
        writer = self.index.writer(heap_size=128_000_000)
        for standard in catalogue.standards:
            writer.add_document(self._document(standard, catalogue))
        writer.commit()
        writer.wait_merging_threads()

    def build(self, catalogue: Catalogue) -> float:
        seconds, _ = timed(self._build, catalogue)
        self._open_searcher()
        return seconds

    def _rebuild_one(self, catalogue: Catalogue, changed_id: str) -> None:
        writer = self.index.writer(heap_size=50_000_000)
        writer.delete_documents_by_term("id", changed_id)
        writer.add_document(self._document(catalogue.standard(changed_id), catalogue))
        writer.commit()
        writer.wait_merging_threads()

    def rebuild_one(self, catalogue: Catalogue, changed_id: str) -> float:
        seconds, _ = timed(self._rebuild_one, catalogue, changed_id)
        self._open_searcher()
        if self.searcher.num_docs != len(catalogue.standards):
            raise RuntimeError(f"tantivy has {self.searcher.num_docs} documents after the update")
        return seconds

    def _open_searcher(self) -> None:
        self.index.reload()
        self.searcher = self.index.searcher()

    def size_mb(self) -> float:
        return folder_mb(self.folder)

    def search(self, query: str) -> list[str]:
        parsed, _errors = self.index.parse_query_lenient(query, list(TANTIVY_BOOSTS), field_boosts=TANTIVY_BOOSTS)
        hits = self.searcher.search(parsed, LIMIT).hits
        return [self.searcher.doc(address)["id"][0] for _, address in hits]

    def close(self) -> None:
        self.searcher = None
        self.index = None
