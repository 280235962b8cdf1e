"""Where a standard's page in a language shows English instead of that language (pure: Catalogue
and Standard in, readable paths out). `tism report` counts a standard as complete in a language
only when this finds nothing; tism.render marks each place it finds with lang="en".

The rule, for a page in any language besides English:

- Words written for the manual are translated, or they fall back. These are the standard's own
  texts (title, summary, rationale, requirements, procedure, checklist, audit indicators, each
  citation's note and pending reason, and each entry of its version history) and what the page
  takes from the registries: the chapter's title, the roles' names, the titles of the indicator
  groups, forms and standards it links to, and for each citation the instrument's title, the
  version of its text the citation was checked against (laws.yaml `versions`) and, for a
  repealed instrument, the name of the one that replaced it (laws.yaml `short`, or its title),
  and the words of provision numbers (standards/languages.yaml `numbers.words`). Where one has no
  translation the page shows the English, marked lang="en", and it is listed here; a text of the
  standard or of its history also carries the visible "translation pending" mark.
- The title of a published source (sources.yaml) is the name it was published under: shown as
  it is, never translated and never a fallback; on a page in another language the runs of it in
  Latin letters are marked lang="en" (a Bengali title may quote an English one).
- IDs (LF-003.01, FM-001), provision numbers (written in the page language's numbering,
  s.51(2) -> ধারা ৫১(২); a clause letter or suffix in Latin letters, Art. 3(b), s.85B, is the
  instrument's own numbering), dates and version numbers are not words of a language: neither
  fallbacks nor marked. So are the acronyms and names a translator keeps inside a translation.
- A translation kept while its English changed is not a fallback: the page shows it with the new
  English beside it, marked, and `tism report` counts it among the stale translations.

Paths name the field as an editor finds it: "summary", "IV-004.02" (a requirement),
"procedure[2]", "legal_basis[0].version", "roles.investigator", "history 1.0" (0-based indexes).
"""
from __future__ import annotations

import re
from collections.abc import Iterator

from . import law
from .model import SOURCE_LANGUAGE, Catalogue, Citation, Standard, Text


def fallbacks(catalogue: Catalogue, standard: Standard, lang: str) -> list[str]:
    """Every place the page of `standard` in `lang` shows English instead of `lang`, in page order."""
    if lang == SOURCE_LANGUAGE:
        return []
    return [where for where, text in _shown(catalogue, standard) if not _in(text, lang, catalogue)]


def by_standard(catalogue: Catalogue, lang: str) -> dict[str, list[str]]:
    """The standards whose page in `lang` falls back to English somewhere, with where."""
    return {s.id: found for s in catalogue.standards if (found := fallbacks(catalogue, s, lang))}


def untranslated_words(label: str) -> bool:
    """Whether a provision number as a language writes it (law.label) still has an English word in
    it, one standards/languages.yaml does not translate: "Guideline 5 (introduction)". Clause
    letters, suffixes and Roman numerals are the instrument's own numbering: "Art. 3(b)", "s.85B",
    "(iv)"."""
    return any(not _ROMAN.fullmatch(word) for word in _WORD.findall(label))


_WORD = re.compile(r"[A-Za-z]{2,}")
_ROMAN = re.compile(r"[ivxlcdm]+|[IVXLCDM]+")


class _Provision(str):
    """A provision number: shown in a language by its numbering (law.label), not by translation."""


def _in(text: Text | _Provision | None, lang: str, catalogue: Catalogue) -> bool:
    if text is None:
        return True
    if isinstance(text, _Provision):
        return not untranslated_words(law.label(text, catalogue.languages[lang]))
    return lang in text


def _shown(catalogue: Catalogue, standard: Standard) -> Iterator[tuple[str, Text | _Provision | None]]:
    """Every text of another language's page of `standard`, with its path, in the order
    tism.render.render_standard prints them."""
    yield "title", standard.title
    yield "chapter", catalogue.chapter(standard.chapter).title
    for role in standard.roles:
        yield f"roles.{role}", catalogue.roles[role]
    if standard.replaced_by and standard.replaced_by in catalogue.by_id:
        yield "replaced_by", catalogue.by_id[standard.replaced_by].title
    yield "summary", standard.summary
    yield "rationale", standard.rationale
    for requirement in standard.requirements:
        yield requirement.id, requirement.text
    for index, citation in enumerate(standard.legal_basis):
        yield from _citation(catalogue, citation, f"legal_basis[{index}]")
    for name in ("procedure", "checklist", "audit_indicators"):
        for index, text in enumerate(getattr(standard, name)):
            yield f"{name}[{index}]", text
    for key in standard.indicators:
        yield f"indicators.{key}", catalogue.indicators[key].title
    for key in standard.forms:
        yield f"forms.{key}", catalogue.forms[key].title
    for sid in standard.related:
        yield f"related.{sid}", catalogue.by_id[sid].title
    for change in standard.changes:
        yield f"history {change.version}", change.summary


def _citation(catalogue: Catalogue, citation: Citation,
              where: str) -> Iterator[tuple[str, Text | _Provision | None]]:
    instrument = catalogue.laws[citation.law]
    yield f"{where}.law", instrument.title
    yield f"{where}.provision", _Provision(citation.provision)
    yield f"{where}.version", instrument.version_name(citation.version)
    now = catalogue.laws.get(instrument.replaced_by or "") if instrument.repealed else None
    if now is not None:
        read = instrument.provision(citation.provision)
        covered = law.successors(catalogue, instrument, read) if read else ()
        yield f"{where}.replaced_by", now.short_name if covered else now.title
        for index, successor in enumerate(covered):
            yield f"{where}.replaced_by.provision[{index}]", _Provision(successor.number)
    yield f"{where}.note", citation.note
    yield f"{where}.pending", citation.pending
