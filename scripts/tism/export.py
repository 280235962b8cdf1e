"""`tism export`: the catalogue for the systems around the manual (pure: Catalogue in, text out).

- JSON: every standard with its requirements, legal basis, sources and history, in every
  language, with a format version; its shape is the JSON Schema scripts/tism/schemas/export.schema.json
  (published with the package), for case-management systems and learning platforms.
- CSV: one row per requirement (ID, standard, chapter, level, roles, the text in each language,
  legal basis, version), UTF-8 with a byte-order mark so spreadsheet programs show Bengali.

Both are deterministic: the same standards give the same bytes.
"""
from __future__ import annotations

import csv
import io
import json

from .model import Catalogue, Text

FORMAT = 1


def _text(text: Text | None) -> dict[str, str] | None:
    return dict(text.items()) if text is not None else None


def as_data(catalogue: Catalogue) -> dict:
    return {
        "format": FORMAT, "edition": catalogue.edition, "title": _text(catalogue.title),
        "languages": list(catalogue.languages.codes),
        "chapters": [{"code": c.code, "title": _text(c.title)} for c in catalogue.chapters],
        "roles": {key: _text(text) for key, text in sorted(catalogue.roles.items())},
        "laws": {key: {"title": _text(law.title), "status": law.status, "in_force_text": law.version}
                 for key, law in sorted(catalogue.laws.items())},
        "standards": [{
            "id": s.id, "chapter": s.chapter, "title": _text(s.title), "summary": _text(s.summary),
            "status": s.status, "version": s.version, "effective_from": s.effective_from,
            "roles": list(s.roles), "tags": list(s.tags),
            "requirements": [{"id": r.id, "level": r.level, "text": _text(r.text)} for r in s.requirements],
            "legal_basis": [{"law": c.law, "provision": c.provision, "version": c.version, "verified": c.verified,
                             "source": c.source, "requirements": list(c.requirements)} for c in s.legal_basis],
            "procedure": [_text(t) for t in s.procedure], "checklist": [_text(t) for t in s.checklist],
            "sources": list(s.sources), "related": list(s.related), "replaced_by": s.replaced_by,
            # `summary` stays the English string of format 1; `summary_text` has it in every language.
            "changes": [{"version": c.version, "date": c.date, "summary": c.summary.source,
                         "summary_text": _text(c.summary)} for c in s.changes],
        } for s in catalogue.standards],
    }


def as_json(catalogue: Catalogue) -> str:
    return json.dumps(as_data(catalogue), ensure_ascii=False, indent=1, sort_keys=False) + "\n"


def _in(text: Text, lang: str) -> str:
    return text[lang] if lang in text else ""  # noqa: SIM401 (Text.get falls back to English)


def as_csv(catalogue: Catalogue) -> bytes:
    codes = catalogue.languages.codes
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["requirement", "standard", "chapter", "level", "roles", *(f"text_{c}" for c in codes),
                     "legal_basis", "version"])
    for s in catalogue.standards:
        for r in s.requirements:
            cited = "; ".join(f"{c.law} {c.provision}" for c in s.legal_basis if not c.requirements or r.id in
                              c.requirements)
            writer.writerow([r.id, s.id, s.chapter, r.level, "; ".join(s.roles),
                             *(_in(r.text, c) for c in codes), cited, s.version])
    return "\ufeff".encode() + out.getvalue().encode("utf-8")
