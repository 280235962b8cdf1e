"""The catalogue as frozen data: standards, requirements, citations, laws, sources.

Nothing here reads files or imports mkdocs or Whoosh. `tism.load` builds these objects from YAML
after `tism.validate` has accepted it; everything downstream (render, site, index) reads only these.
"""
from __future__ import annotations

from dataclasses import dataclass, field

LANGUAGES = ("en", "bn")
LEVELS = ("must", "should", "may")


@dataclass(frozen=True)
class Text:
    """A text in English and, where the translation exists, Bengali."""

    en: str
    bn: str | None = None

    def get(self, lang: str) -> str:
        """The text in `lang`, falling back to English when the translation is missing."""
        if lang == "bn" and self.bn:
            return self.bn
        return self.en

    def has(self, lang: str) -> bool:
        return bool(self.en if lang == "en" else self.bn)


@dataclass(frozen=True)
class Requirement:
    id: str
    level: str
    text: Text


@dataclass(frozen=True)
class Citation:
    law: str
    version: str
    provision: str
    verified: bool
    source: str | None = None
    note: Text | None = None


@dataclass(frozen=True)
class Change:
    version: str
    date: str
    summary: str


@dataclass(frozen=True)
class Standard:
    id: str
    chapter: str
    title: Text
    summary: Text
    status: str
    version: str
    effective_from: str
    classification: str
    roles: tuple[str, ...]
    requirements: tuple[Requirement, ...]
    legal_basis: tuple[Citation, ...]
    procedure: tuple[Text, ...]
    checklist: tuple[Text, ...]
    sources: tuple[str, ...]
    changes: tuple[Change, ...]
    tags: tuple[str, ...] = ()
    related: tuple[str, ...] = ()
    audit_indicators: tuple[Text, ...] = ()
    rationale: Text | None = None
    replaced_by: str | None = None
    indicators: tuple[str, ...] = ()
    forms: tuple[str, ...] = ()
    path: str = ""

    def bn_complete(self) -> bool:
        """Whether every text of the standard exists in Bengali (the report counts these)."""
        texts = [self.title, self.summary, *(r.text for r in self.requirements), *self.procedure,
                 *self.checklist, *self.audit_indicators]
        texts += [self.rationale] if self.rationale else []
        return all(t.bn for t in texts)

    @property
    def number(self) -> int:
        return int(self.id.split("-")[1])


@dataclass(frozen=True)
class Chapter:
    code: str
    title: Text


@dataclass(frozen=True)
class Law:
    key: str
    title: Text
    short: str
    kind: str
    jurisdiction: str
    status: str
    replaced_by: str | None = None
    note: Text | None = None
    sources: tuple[str, ...] = ()
    dates: tuple[tuple[str, str], ...] = ()

    @property
    def repealed(self) -> bool:
        return self.status == "repealed"


@dataclass(frozen=True)
class Source:
    key: str
    title: str
    publisher: str
    year: int | None = None
    url: str | None = None
    reference: str | None = None


@dataclass(frozen=True)
class GlossaryTerm:
    key: str
    en: str
    bn: str
    definition: Text
    en_variants: tuple[str, ...] = ()
    bn_variants: tuple[str, ...] = ()
    latin: tuple[str, ...] = ()
    related: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()

    def variants(self) -> tuple[str, ...]:
        """Every way of writing the term: English, Bengali and Latin-letter Bengali."""
        return (self.en, self.bn, *self.en_variants, *self.bn_variants, *self.latin)


@dataclass(frozen=True)
class Indicator:
    id: str
    text: Text


@dataclass(frozen=True)
class IndicatorGroup:
    key: str
    code: str
    title: Text
    summary: Text
    sources: tuple[str, ...]
    indicators: tuple[Indicator, ...]


@dataclass(frozen=True)
class FormField:
    label: Text
    kind: str  # text | lines | check | choice | date | signature | table
    lines: int = 3
    rows: int = 0
    options: tuple[Text, ...] = ()
    columns: tuple[Text, ...] = ()
    help: Text | None = None


@dataclass(frozen=True)
class FormSection:
    title: Text
    fields: tuple[FormField, ...]


@dataclass(frozen=True)
class Form:
    id: str
    title: Text
    purpose: Text
    sections: tuple[FormSection, ...]
    sources: tuple[str, ...] = ()


@dataclass(frozen=True)
class CardBlock:
    kind: str  # indicators | checklist | procedure | musts | contacts
    ref: str = ""  # indicator group key or standard ID
    heading: Text | None = None
    limit: int | None = None
    contacts: tuple[Text, ...] = ()


@dataclass(frozen=True)
class Card:
    key: str
    title: Text
    role: str
    front: tuple[CardBlock, ...]
    back: tuple[CardBlock, ...]


@dataclass(frozen=True)
class Catalogue:
    edition: str
    title: Text
    chapters: tuple[Chapter, ...]
    roles: dict[str, Text]
    tags: dict[str, Text]
    standards: tuple[Standard, ...]
    laws: dict[str, Law]
    sources: dict[str, Source]
    glossary: dict[str, GlossaryTerm] = field(default_factory=dict)
    indicators: dict[str, IndicatorGroup] = field(default_factory=dict)
    forms: dict[str, Form] = field(default_factory=dict)
    cards: dict[str, Card] = field(default_factory=dict)
    by_id: dict[str, Standard] = field(default_factory=dict, compare=False)

    def standard(self, standard_id: str) -> Standard:
        return self.by_id[standard_id]

    def chapter(self, code: str) -> Chapter:
        return next(c for c in self.chapters if c.code == code)

    def in_chapter(self, code: str) -> tuple[Standard, ...]:
        """The chapter's standards in ID order (the reading order of the chapter)."""
        return tuple(sorted((s for s in self.standards if s.chapter == code), key=lambda s: s.number))

    def using(self, attribute: str, key: str) -> tuple[Standard, ...]:
        """Standards whose `attribute` (indicators, forms, sources, related) lists `key`."""
        return tuple(s for s in self.standards if key in getattr(s, attribute))

    def requirement(self, requirement_id: str) -> tuple[Standard, Requirement] | None:
        standard = self.by_id.get(requirement_id.split(".")[0])
        if standard is None:
            return None
        for requirement in standard.requirements:
            if requirement.id == requirement_id:
                return standard, requirement
        return None
