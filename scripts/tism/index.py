"""The Whoosh index of the Catalogue: one document per standard, a field per language.

An index is written into a new generation folder and published with its site by tism.publish,
so a search running during a rebuild sees either the old index or the new one, never half of one.
`write_index` makes the new index from the published one when that is intact (hard links to its
segment files) and rewrites only the standards whose indexed text changed, so editing one standard
costs a fraction of a second even for a large catalogue. Each index records a checksum of every
file it holds (`intact`): a damaged index is never updated in place of being rebuilt.
"""
from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh.analysis import LowercaseFilter, RegexTokenizer
from whoosh.fields import ID, KEYWORD, STORED, TEXT, Schema

from .analysis import WORD_PATTERN, NormaliseFilter, normalise, stem_analyzer, text_analyzer
from .model import Catalogue, Standard
from .publish import published, publishing

FORMAT = 5  # bump when the schema or analysis changes; search then asks for a rebuild
META_FILE = "tism-index.json"
# Field boosts: an ID or title match outranks the same words in requirements, summary or body.
BOOSTS = {"title": 6.0, "summary": 2.5, "requirements": 2.0, "checklist": 1.2, "body": 1.0}
STEM_BOOST = 1.0  # the Bengali stem field: every inflection of a word as one term


def schema(languages: tuple[str, ...]) -> Schema:
    """A text field per part of a standard and language (title_en, title_bn, …)."""
    analyzer = text_analyzer()
    fields = {
        "id": ID(stored=True, unique=True),
        "chapter": ID(stored=True),
        "roles": KEYWORD(stored=True, commas=True),
        "levels": KEYWORD(stored=True, commas=True),
        "requirement_levels": STORED,  # "IV-004.01:must IV-004.02:must …", for --level
        # Unstemmed words of every text, for "did you mean" suggestions.
        "spell": TEXT(analyzer=RegexTokenizer(WORD_PATTERN) | NormaliseFilter() | LowercaseFilter(),
                      spelling=True),
    }
    for name, boost in BOOSTS.items():
        for lang in languages:
            fields[f"{name}_{lang}"] = TEXT(analyzer=analyzer, stored=True, field_boost=boost)
    if "bn" in languages:  # Bengali's stemmer (tism.analysis): every inflection of a word as one term
        fields["stems_bn"] = TEXT(analyzer=stem_analyzer(), field_boost=STEM_BOOST)
    return Schema(**fields)


def _lines(texts, lang: str) -> str:
    return "\n".join(t[lang] for t in texts if lang in t)


def document(standard: Standard, catalogue: Catalogue) -> dict:
    """The fields indexed for one standard."""
    doc = {
        "id": standard.id,
        "chapter": standard.chapter,
        "roles": ",".join(standard.roles),
        "levels": ",".join(sorted({r.level for r in standard.requirements})),
        "requirement_levels": " ".join(f"{r.id}:{r.level}" for r in standard.requirements),
    }
    body = [standard.rationale] if standard.rationale else []
    body += list(standard.procedure) + list(standard.audit_indicators)
    body += [c.note for c in standard.legal_basis if c.note]
    body += [catalogue.laws[c.law].title for c in standard.legal_basis]
    body += [catalogue.tags[t] for t in standard.tags if t in catalogue.tags]
    body += [catalogue.indicators[g].title for g in standard.indicators if g in catalogue.indicators]
    languages = catalogue.languages.codes
    for lang in languages:
        doc[f"title_{lang}"] = f"{standard.id} {standard.title.get(lang)}"
        doc[f"summary_{lang}"] = standard.summary.get(lang)
        # One line per requirement, starting with its ID, so search can say which ones matched.
        doc[f"requirements_{lang}"] = "\n".join(f"{r.id} {r.text.get(lang)}" for r in standard.requirements)
        doc[f"checklist_{lang}"] = _lines(standard.checklist, lang)
        doc[f"body_{lang}"] = _lines(body, lang)
    doc["spell"] = " ".join(doc[f"{name}_{lang}"] for name in BOOSTS for lang in languages)
    if "bn" in languages:
        doc["stems_bn"] = " ".join(doc[f"{name}_bn"] for name in BOOSTS)
    return doc


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


def _digest(doc: dict) -> str:
    return hashlib.sha256(json.dumps(doc, sort_keys=True, ensure_ascii=False).encode()).hexdigest()[:20]


def glossary_groups(catalogue: Catalogue) -> list[dict]:
    """Each glossary term as {"variants": [...normalised], "related": [standard IDs]}: "dalal",
    "দালাল" and "broker" in one group."""
    groups = []
    for term in catalogue.glossary.values():
        variants = sorted({normalise(v).lower().strip() for v in term.variants() if v.strip()})
        groups.append({"variants": variants, "related": list(term.related)})
    return groups


@dataclass(frozen=True)
class IndexStats:
    generation: Path
    mode: str  # "full" or "update"
    added: int
    changed: int
    removed: int


def read_meta(index_dir: Path) -> dict | None:
    try:
        return json.loads((Path(os.path.realpath(index_dir)) / META_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _checksums(folder: Path) -> dict[str, str]:
    sums = {}
    for path in sorted(folder.iterdir()):
        if path.name != META_FILE and path.is_file():
            sums[path.name] = hashlib.sha256(path.read_bytes()).hexdigest()
    return sums


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


def write_index(catalogue: Catalogue, folder: Path, fingerprint: str = "", previous: Path | None = None,
                full: bool = False, max_share: float = 0.3) -> IndexStats:
    """Write the index of `catalogue` into the new folder `folder`: from `previous` when that index is
    intact and at most `max_share` of the standards changed, otherwise in full."""
    docs = {s.id: document(s, catalogue) for s in catalogue.standards}
    digests = {sid: _digest(doc) for sid, doc in docs.items()}
    old = None
    if previous is not None and not full:
        old = (read_meta(previous) or {}).get("digests")
        if old is not None and not intact(previous):
            old = None  # damaged or foreign: rebuilt in full, never updated over
    added = [sid for sid in digests if old is not None and sid not in old]
    changed = [sid for sid in digests if old is not None and sid in old and old[sid] != digests[sid]]
    removed = [sid for sid in (old or ()) if sid not in digests]
    folder.mkdir(parents=True, exist_ok=True)
    if old is None or len(added) + len(changed) + len(removed) > max_share * max(len(digests), 1):
        ix = whoosh_index.create_in(str(folder), schema(catalogue.languages.codes))
        # Separate files, not one compound file: Whoosh copies a compound segment into memory
        # every time a searcher opens it (183 ms per query at 10 000 standards; 0.3 ms without).
        writer = ix.writer(compound=False)
        for doc in docs.values():
            writer.add_document(**doc)
        writer.commit()
        stats = IndexStats(folder, "full", len(docs), 0, 0)
    else:
        assert previous is not None  # old came from it
        source = Path(os.path.realpath(previous))
        for path in source.iterdir():
            if path.name != META_FILE and not path.name.endswith("_WRITELOCK"):
                os.link(path, folder / path.name)  # segment files are never modified in place
        ix = whoosh_index.open_dir(str(folder))
        if added or changed or removed:
            writer = ix.writer(compound=False)
            for sid in removed:
                writer.delete_by_term("id", sid)
            for sid in added + changed:
                writer.update_document(**docs[sid])
            writer.commit()
        stats = IndexStats(folder, "update", len(added), len(changed), len(removed))
    ix.close()
    for lock in folder.glob("*_WRITELOCK"):  # Whoosh leaves its released lock file behind
        lock.unlink()
    meta = {"format": FORMAT, "edition": catalogue.edition, "standards": len(digests),
            "chapters": [c.code for c in catalogue.chapters], "roles": sorted(catalogue.roles),
            "languages": [{"code": x.code, "script": x.script} for x in catalogue.languages.languages],
            "fingerprint": fingerprint, "digests": digests, "glossary": glossary_groups(catalogue),
            "files": _checksums(folder)}
    (folder / META_FILE).write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
    return stats


def build_index(catalogue: Catalogue, target: Path, fingerprint: str = "") -> Path:
    """Build the whole index and publish it at `target` (an index-only generation; a published
    site is carried over). Returns the new index folder."""
    with publishing(Path(target), carry_site=True) as generation:
        write_index(catalogue, generation.index, fingerprint, full=True)
    return generation.index


def update_index(catalogue: Catalogue, target: Path, fingerprint: str = "", max_share: float = 0.3,
                 full: bool = False) -> IndexStats:
    """Bring the index at `target` up to date, rewriting only what changed where it can."""
    before = published(Path(target))
    with publishing(Path(target), carry_site=True) as generation:
        previous = before.index if before is not None and before.index.is_dir() else None
        return write_index(catalogue, generation.index, fingerprint, previous, full=full, max_share=max_share)
