"""The Whoosh index of the Catalogue: one document per standard.

The index is built in a new folder beside the target and then switched into place by replacing a
symbolic link (`build/index -> index.XXXX`) in one atomic rename, so a search running during a
rebuild sees either the old index or the new one, never half of one. The previous generation is
kept for searches that opened it just before the switch; older ones are removed.
"""
from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh.fields import ID, KEYWORD, STORED, TEXT, Schema

from .analysis import text_analyzer
from .model import Catalogue, Standard

FORMAT = 1  # bump when the schema or analysis changes; search then asks for a rebuild
META_FILE = "tism-index.json"


def schema() -> Schema:
    analyzer = text_analyzer()
    return Schema(
        id=ID(stored=True, unique=True),
        chapter=ID(stored=True),
        roles=KEYWORD(stored=True, commas=True),
        levels=KEYWORD(stored=True, commas=True),
        title=TEXT(analyzer=analyzer, stored=True, field_boost=4.0),
        summary=TEXT(analyzer=analyzer, stored=True, field_boost=2.0),
        requirements=TEXT(analyzer=analyzer, stored=True, field_boost=1.5),
        body=TEXT(analyzer=analyzer, stored=True),
        title_en=STORED,
        title_bn=STORED,
    )


def _both(text) -> str:
    return "\n".join(t for t in (text.en, text.bn) if t)


def document(standard: Standard, catalogue: Catalogue) -> dict:
    """The fields indexed for one standard (both languages in each text field)."""
    body_parts = [standard.rationale] if standard.rationale else []
    body_parts += list(standard.procedure) + list(standard.checklist) + list(standard.audit_indicators)
    body_parts += [c.note for c in standard.legal_basis if c.note]
    body_parts += [catalogue.laws[c.law].title for c in standard.legal_basis]
    body_parts += [catalogue.tags[t] for t in standard.tags if t in catalogue.tags]
    return {
        "id": standard.id,
        "chapter": standard.chapter,
        "roles": ",".join(standard.roles),
        "levels": ",".join(sorted({r.level for r in standard.requirements})),
        "title": f"{standard.id}\n{_both(standard.title)}",
        "summary": _both(standard.summary),
        "requirements": "\n".join(f"{r.id} {_both(r.text)}" for r in standard.requirements),
        "body": "\n".join(_both(t) for t in body_parts),
        "title_en": standard.title.en,
        "title_bn": standard.title.bn or standard.title.en,
    }


def build_index(catalogue: Catalogue, target: Path, fingerprint: str = "") -> Path:
    """Build the index for `catalogue` and switch `target` to it. Returns the new generation folder."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    generation = Path(tempfile.mkdtemp(prefix=f"{target.name}.", dir=target.parent))
    try:
        ix = whoosh_index.create_in(str(generation), schema())
        writer = ix.writer()
        for standard in catalogue.standards:
            writer.add_document(**document(standard, catalogue))
        writer.commit()
        ix.close()
        meta = {"format": FORMAT, "edition": catalogue.edition, "standards": len(catalogue.standards),
                "fingerprint": fingerprint}
        (generation / META_FILE).write_text(json.dumps(meta), encoding="utf-8")
        _switch(target, generation)
    except BaseException:
        shutil.rmtree(generation, ignore_errors=True)
        raise
    return generation


def _switch(target: Path, generation: Path) -> None:
    previous = os.path.realpath(target) if target.is_symlink() else None
    if target.exists() and not target.is_symlink():
        shutil.rmtree(target)  # an index from before generations were used
    link = target.parent / f".{target.name}.link-{os.getpid()}"
    if link.is_symlink():
        link.unlink()
    os.symlink(generation.name, link)
    os.replace(link, target)
    keep = {generation.resolve(), Path(previous).resolve() if previous else None}
    for old in target.parent.glob(f"{target.name}.*"):
        if old.is_dir() and old.resolve() not in keep:
            shutil.rmtree(old, ignore_errors=True)
