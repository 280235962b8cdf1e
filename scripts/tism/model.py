"""The catalogue as frozen data: standards, requirements, citations, laws, sources.

Nothing here reads files or imports mkdocs or Whoosh. `tism.load` builds these objects from YAML
after `tism.validate` has accepted it; everything downstream (render, site, index) reads only these.
"""
from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

SOURCE_LANGUAGE = "en"  # every text is written in it first; the schemas require it
LEVELS = ("must", "should", "may")


class Text:
    """A text by language: always in the source language (English), in others once translated.

    Read it as a mapping (`text["bn"]`, `"bn" in text`); `text.get(lang)` gives the translation,
    or the English where there is none yet (pages then mark it as pending translation).
    """

    __slots__ = ("_values",)

    def __init__(self, values: Mapping[str, str | None]):
        self._values = {lang: value for lang, value in values.items() if value}
        if SOURCE_LANGUAGE not in self._values:
            raise ValueError(f"a text needs its {SOURCE_LANGUAGE} version: {values!r}")

    def get(self, lang: str) -> str:
        return self._values.get(lang) or self._values[SOURCE_LANGUAGE]

    @property
    def source(self) -> str:
        return self._values[SOURCE_LANGUAGE]

    def __getitem__(self, lang: str) -> str:
        return self._values[lang]

    def __contains__(self, lang: object) -> bool:
        return lang in self._values

    def __iter__(self) -> Iterator[str]:
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)

    def items(self):
        return self._values.items()

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Text) and other._values == self._values

    def __hash__(self) -> int:
        return hash(tuple(sorted(self._values.items())))

    def __repr__(self) -> str:
        return f"Text({self._values!r})"


@dataclass(frozen=True)
class Language:
    code: str  # also its site's folder: site/bn/
    name: str  # in English
    native: str  # in itself, as the language switch shows it
    script: str = ""  # a regular-expression range of its letters: a query with one is in this language
    digits: str = ""  # 0-9 as this language writes them
    prefixes: tuple[tuple[str, str], ...] = ()  # provision prefixes: ("s", "ধারা ")
    words: tuple[tuple[str, str], ...] = ()  # words of provision numbers: ("Schedule", "তফসিল")

    def in_digits(self, text: str) -> str:
        """`text` with 0-9 written in this language's digits (as it is when it has none)."""
        return text.translate(str.maketrans("0123456789", self.digits)) if self.digits else text


@dataclass(frozen=True)
class Languages:
    """The languages the manual is published in (standards/languages.yaml) and its page labels."""

    languages: tuple[Language, ...]
    labels: dict[str, dict[str, str]] = field(default_factory=dict, compare=False)

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(language.code for language in self.languages)

    def __getitem__(self, code: str) -> Language:
        return next(language for language in self.languages if language.code == code)

    def label(self, lang: str, key: str) -> str:
        return self.labels[key][lang]

    @staticmethod
    def folder(lang: str) -> str:
        """Where the site in `lang` sits inside site/: the source language's at the top."""
        return "" if lang == SOURCE_LANGUAGE else f"{lang}/"


@dataclass(frozen=True)
class Requirement:
    id: str
    level: str
    text: Text
    replaced_by: str | None = None  # set on a withdrawn requirement: the one that now holds its duty


@dataclass(frozen=True)
class Citation:
    law: str
    version: str  # the text of the law the citation was checked against (one of Law.versions)
    provision: str
    verified: bool
    source: str | None = None
    note: Text | None = None
    pending: Text | None = None  # why it is not verified: the legal reviewer's task
    requirements: tuple[str, ...] = ()  # the requirements that rest on this provision


@dataclass(frozen=True)
class Change:
    version: str
    date: str
    summary: Text  # what changed; a plain string in the file is English only


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
    translation_reviewed: dict[str, str] = field(default_factory=dict, compare=False)  # language -> date
    # Requirements withdrawn (merged into another, or no longer in force): kept so their IDs are never
    # reused and old references still lead somewhere. `requirements` holds only those in force.
    withdrawn_requirements: tuple[Requirement, ...] = ()

    def complete_in(self, lang: str) -> bool:
        """Whether every text of the standard is translated into `lang` (the report counts these)."""
        texts = [self.title, self.summary, *(r.text for r in self.requirements), *self.procedure,
                 *self.checklist, *self.audit_indicators]
        texts += [self.rationale] if self.rationale else []
        return all(lang in t for t in texts)

    @property
    def number(self) -> int:
        return int(self.id.split("-")[1])


@dataclass(frozen=True)
class Chapter:
    code: str
    title: Text


@dataclass(frozen=True)
class Provision:
    """One provision of an instrument as read in its text (standards/provisions/<law>.yaml)."""

    number: str  # as the instrument numbers it and citations write it: "s.30(5)", "Art. 3(b)"
    heading: Text
    summary: Text
    source: str  # where it was read
    quote: str | None = None  # the operative words, verbatim
    successors: tuple[str, ...] | None = None  # repealed instruments: what now covers it
    successor_note: Text | None = None


@dataclass(frozen=True)
class Law:
    key: str
    title: Text
    short_name: Text  # the name citations use: "2026 Ordinance"
    kind: str
    jurisdiction: str
    status: str
    replaced_by: str | None = None
    note: Text | None = None
    sources: tuple[str, ...] = ()
    dates: tuple[tuple[str, str], ...] = ()
    versions: tuple[str, ...] = ()  # texts of the instrument, newest (the one in force) first, in English
    version_names: tuple[Text, ...] = ()  # the same, by language (citations name the English)
    provisions: tuple[Provision, ...] = ()  # empty: no provisions file, citations are not checked
    provisions_version: str = ""  # the text the provisions were read in
    read: Text | None = None  # where and when they were read

    @property
    def repealed(self) -> bool:
        return self.status == "repealed"

    @property
    def short(self) -> str:
        """The short name in English (the key citations and the law pages use)."""
        return self.short_name.source

    def version_name(self, version: str) -> Text:
        """One of `versions` by language: "as adopted 2000" / "২০০০ সালে গৃহীত পাঠ"."""
        return next((name for name in self.version_names if name.source == version), Text({SOURCE_LANGUAGE: version}))

    @property
    def version(self) -> str:
        """The text in force (the newest version)."""
        return self.versions[0] if self.versions else ""

    def provision(self, number: str) -> Provision | None:
        return next((p for p in self.provisions if p.number == number), None)


@dataclass(frozen=True)
class Source:
    key: str
    title: str
    publisher: str
    year: int | None = None
    url: str | None = None
    reference: str | None = None
    text_of_law: bool = False  # reproduces a law's text as its authority published it: can verify a citation


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
    covers: tuple[str, ...] = ()  # clause letters of s.2(20) of the 2026 Ordinance (Catalogue.exploitation_forms)


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
    languages: Languages
    glossary: dict[str, GlossaryTerm] = field(default_factory=dict)
    indicators: dict[str, IndicatorGroup] = field(default_factory=dict)
    forms: dict[str, Form] = field(default_factory=dict)
    cards: dict[str, Card] = field(default_factory=dict)
    questions: dict[str, tuple[str, ...]] = field(default_factory=dict)  # by standard ID: for search
    # The forms of exploitation s.2(20) of the 2026 Ordinance lists, by clause letter (manual.yaml).
    exploitation_forms: dict[str, Text] = field(default_factory=dict)
    courses: dict[str, Course] = field(default_factory=dict)  # the training curriculum, by ID
    self_assessment: SelfAssessment | None = None  # the unit self-assessment (self-assessment.yaml)
    editions: dict[str, dict] = field(default_factory=dict, compare=False)  # published records (tism.editions)
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


# -- the training curriculum -----------------------------------------------------------------------

@dataclass(frozen=True)
class Objective:
    id: str
    text: Text  # observable: "The participant can …"
    teaches: tuple[str, ...]  # requirement IDs


@dataclass(frozen=True)
class Question:
    id: str
    kind: str  # "multiple-choice" or "true-false"
    text: Text
    answer: int | bool  # the index of the right option, or true / false
    tests: str  # the requirement it checks
    options: tuple[Text, ...] = ()


@dataclass(frozen=True)
class Module:
    id: str
    title: Text
    hours: float
    methods: tuple[str, ...]
    objectives: tuple[Objective, ...]
    questions: tuple[Question, ...]
    materials: dict[str, tuple[str, ...]] = field(default_factory=dict)
    trainer_notes: Text | None = None


@dataclass(frozen=True)
class Exercise:
    id: str
    title: Text
    scenario: Text
    tasks: tuple[Text, ...]
    model_answer: Text
    requirements: tuple[str, ...]


@dataclass(frozen=True)
class Course:
    """A course (or a cross-cutting module other courses include) of the training curriculum."""

    id: str
    kind: str  # "course" or "module"
    title: Text
    summary: Text
    audience: tuple[str, ...]  # roles
    hours: float
    modules: tuple[Module, ...]
    prerequisites: tuple[str, ...] = ()
    includes: tuple[str, ...] = ()
    exercises: tuple[Exercise, ...] = ()
    # The day of the standards' wording its lessons were written, or last checked, against: a
    # standard with a later history entry is marked on the course's page ("standard changed since
    # this lesson was written") and `tism validate` warns (curriculum-recheck).
    written: str | None = None

    def teaches(self) -> set[str]:
        return {rid for m in self.modules for o in m.objectives for rid in o.teaches}

    def questions(self) -> tuple[Question, ...]:
        return tuple(q for m in self.modules for q in m.questions)


# -- the unit self-assessment ------------------------------------------------------------------------

@dataclass(frozen=True)
class AssessmentItem:
    id: str  # SA-GV-01
    text: Text  # a yes/no question about what the unit has in place and records
    evidence: Text | None  # where to look to answer it
    checks: tuple[str, ...]  # the requirements it checks


@dataclass(frozen=True)
class AssessmentSection:
    chapter: str
    items: tuple[AssessmentItem, ...]


@dataclass(frozen=True)
class SelfAssessment:
    title: Text
    intro: Text
    sections: tuple[AssessmentSection, ...]
