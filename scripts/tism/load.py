"""The only reader of standards/: YAML files with the line of every field, and the builders that turn
files validation accepted into the frozen Catalogue (tism.catalogue does both in order).

PyYAML silently keeps the last of two equal keys and turns bare dates into `date` objects; this
reader reports duplicate keys as problems and keeps dates as the ISO strings the schema expects.
"""
from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .model import (
    SOURCE_LANGUAGE,
    AssessmentItem,
    AssessmentSection,
    Card,
    CardBlock,
    Catalogue,
    Change,
    Chapter,
    Citation,
    Course,
    Exercise,
    Form,
    FormField,
    FormSection,
    GlossaryTerm,
    Indicator,
    IndicatorGroup,
    Language,
    Languages,
    Law,
    Module,
    Objective,
    Provision,
    Question,
    Requirement,
    SelfAssessment,
    Source,
    Standard,
    Text,
)
from .problems import Problem

REGISTRIES = ("manual.yaml", "sources.yaml", "laws.yaml", "languages.yaml")
OPTIONAL_REGISTRIES = ("glossary.yaml", "indicators.yaml", "forms.yaml", "cards.yaml", "terminology.yaml",
                       "self-assessment.yaml")
# Folders beside the chapter folders that hold no standards.
PROVISIONS = "provisions"  # provisions/<law key>.yaml: the provisions of one instrument read in its text
QUESTIONS = "questions"  # questions/<CHAPTER>.yaml: what each standard answers, in officers' words (search)
EDITIONS = "editions"  # editions/<EDITION>.yaml: every standard as a published edition had it (tism release)
CURRICULUM = "curriculum"  # curriculum/<COURSE>.yaml: a course or module of the training curriculum
NOT_CHAPTERS = ("schema", PROVISIONS, QUESTIONS, EDITIONS, CURRICULUM)


# libyaml's parser when PyYAML has it (15 times faster on the manual), else the Python one.
_BASE: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_BASE):  # type: ignore[valid-type,misc]
    """SafeLoader without the timestamp resolver: dates stay strings like "2026-12-01"."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@dataclass
class Document:
    """One parsed YAML file: its data and the 1-based line of each field (by path of keys/indices)."""

    path: Path
    shown: str
    data: Any
    lines: dict[tuple, int] = field(default_factory=dict)
    first_line: str = ""

    def line(self, where: tuple) -> int:
        """Line of the field at `where`, or of its nearest ancestor that exists in the file."""
        where = tuple(where)
        while where not in self.lines and where:
            text_key = where[:-1] + (str(where[-1]),)  # YAML keys are read as text: 5 is "5"
            if text_key in self.lines:
                return self.lines[text_key]
            where = where[:-1]
        return self.lines.get(where, 1)


def shown_path(path: Path) -> str:
    """The path as an editor wants to see it: relative to the working folder when inside it."""
    try:
        return os.path.relpath(path)
    except ValueError:
        return str(path)


# Limits that keep a hostile or broken file from hanging the tools: the largest standard is about
# 30 KB and the largest registry about 300 KB; none needs an alias or deep nesting.
MAX_FILE_BYTES = 2_000_000
MAX_ALIASES = 50
MAX_DEPTH = 40


# What reading can find wrong with a file, by code (see tism.problems).
CODES = {
    "file-not-readable": "a path that is a folder, not a regular file, or cannot be read",
    "file-too-large": f"a file over {MAX_FILE_BYTES:,} bytes",
    "file-not-utf8": "a file that is not UTF-8 text",
    "file-ignored": "a file or folder in a chapter folder that is not read (.yml, a subfolder): a warning",
    "registry-missing": "manual.yaml, sources.yaml, laws.yaml or languages.yaml is missing",
    "yaml-syntax": "YAML that cannot be parsed",
    "yaml-not-one-document": "a file holding more than one YAML document (a second --- line)",
    "yaml-duplicate-key": "the same key twice in one mapping (YAML would keep only the last)",
    "yaml-aliases": f"more than {MAX_ALIASES} YAML aliases (&anchor/*alias)",
    "yaml-too-deep": f"nesting deeper than {MAX_DEPTH} levels",
}


class _Limit(Exception):
    """A file over one of the limits above; the message says which, the code which limit."""

    def __init__(self, message: str, code: str):
        super().__init__(message)
        self.code = code


def _walk(root: yaml.Node, shown: str) -> tuple[dict[tuple, int], list[Problem]]:
    """The line of every field (by path of keys and indices) and the duplicate keys, read from the
    node graph before it is constructed, so an alias bomb or a deep nest stops here (_Limit)."""
    lines: dict[tuple, int] = {}
    problems: list[Problem] = []
    visited: set[int] = set()
    aliases = 0

    def walk(node: yaml.Node, where: tuple) -> None:
        nonlocal aliases
        if len(where) > MAX_DEPTH:
            raise _Limit(f"nested more than {MAX_DEPTH} levels deep", "yaml-too-deep")
        if id(node) in visited:  # an alias: the same node reached again
            aliases += 1
            if aliases > MAX_ALIASES:
                raise _Limit(f"uses more than {MAX_ALIASES} YAML aliases", "yaml-aliases")
            return
        visited.add(id(node))
        lines.setdefault(where, node.start_mark.line + 1)
        if isinstance(node, yaml.MappingNode):
            seen: dict[Any, int] = {}
            for key_node, value_node in node.value:
                key = key_node.value
                line = key_node.start_mark.line + 1
                child = where + (key,)
                if key in seen:
                    problems.append(Problem(shown, line, ".".join(map(str, child)),
                                            f"duplicate key '{key}' (first at line {seen[key]})",
                                            code="yaml-duplicate-key"))
                    continue
                seen[key] = line
                lines[child] = line
                walk(value_node, child)
        elif isinstance(node, yaml.SequenceNode):
            for index, item in enumerate(node.value):
                walk(item, where + (index,))

    walk(root, ())
    return lines, problems


def _read_text(path: Path) -> str:
    """The file's text; _Limit for anything that is not a readable UTF-8 regular file of sane size."""
    try:
        info = path.stat()
    except OSError as error:  # a dangling symbolic link, a vanished file
        raise _Limit(f"cannot be read ({(error.strerror or str(error)).lower()})", "file-not-readable") from None
    if not stat.S_ISREG(info.st_mode):
        kind = "a folder" if stat.S_ISDIR(info.st_mode) else "not a regular file"
        raise _Limit(f"is {kind}; only regular .yaml files are read", "file-not-readable")
    if info.st_size > MAX_FILE_BYTES:
        raise _Limit(f"is too large ({info.st_size:,} bytes; at most {MAX_FILE_BYTES:,})", "file-too-large")
    try:
        return path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as error:
        raise _Limit(f"is not UTF-8 text ({error.reason})", "file-not-utf8") from None
    except OSError as error:
        raise _Limit(f"cannot be read ({(error.strerror or str(error)).lower()})", "file-not-readable") from None


def read_yaml(path: Path) -> tuple[Document | None, list[Problem]]:
    """Parse one YAML file. Returns the document (None if unreadable) and the problems found."""
    shown = shown_path(path)
    try:
        text = _read_text(path)
        loader = _Loader(text)
        try:
            node = loader.get_single_node()
            # Walked before constructing: an alias bomb is refused, never expanded.
            lines, problems = _walk(node, shown) if node is not None else ({}, [])
            data = loader.construct_document(node) if node is not None else None
        finally:
            loader.dispose()
    except _Limit as limit:
        return None, [Problem(shown, 1, "-", f"file {limit}", code=limit.code)]
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else 1
        if error.context == "expected a single document in the stream":
            return None, [Problem(shown, line, "-", "a second YAML document starts here (a --- line): "
                                  "a file holds one", code="yaml-not-one-document")]
        what = " ".join(part for part in (error.context, error.problem) if part)
        return None, [Problem(shown, line, "-", f"YAML syntax error: {what}", code="yaml-syntax")]
    except yaml.YAMLError as error:
        return None, [Problem(shown, 1, "-", f"YAML error: {' '.join(str(error).split())}", code="yaml-syntax")]
    except RecursionError:
        return None, [Problem(shown, 1, "-", "file nested too deeply to read", code="yaml-too-deep")]
    first_line = text.split("\n", 1)[0]
    return Document(path, shown, data, lines, first_line), problems


@dataclass
class Files:
    """Everything read from a standards folder, before validation."""

    root: Path
    registries: dict[str, Document]
    standards: list[Document]
    provisions: list[Document] = field(default_factory=list)
    questions: list[Document] = field(default_factory=list)
    editions: list[Document] = field(default_factory=list)
    courses: list[Document] = field(default_factory=list)


def standard_paths(root: Path) -> list[Path]:
    """Standard files: every *.yaml one folder below the root (folder = chapter), schema and provisions excluded."""
    return sorted(p for p in root.glob("*/*.yaml") if p.parent.name not in NOT_CHAPTERS)


def provisions_paths(root: Path) -> list[Path]:
    return sorted((root / PROVISIONS).glob("*.yaml"))


def questions_paths(root: Path) -> list[Path]:
    return sorted((root / QUESTIONS).glob("*.yaml"))


def editions_paths(root: Path) -> list[Path]:
    return sorted((root / EDITIONS).glob("*.yaml"))


def course_paths(root: Path) -> list[Path]:
    return sorted((root / CURRICULUM).glob("*.yaml"))


def read_files(root: Path) -> tuple[Files, list[Problem]]:
    problems: list[Problem] = []
    registries: dict[str, Document] = {}
    for name in REGISTRIES + OPTIONAL_REGISTRIES:
        path = root / name
        if not path.exists():
            if name in REGISTRIES:
                problems.append(Problem(shown_path(path), 0, "-", "file is missing", code="registry-missing"))
            continue
        document, found = read_yaml(path)
        problems += found
        if document is not None:
            registries[name] = document
    problems += _ignored(root)
    standards = _read_all(standard_paths(root), problems)
    provisions = _read_all(provisions_paths(root), problems)
    questions = _read_all(questions_paths(root), problems)
    editions = _read_all(editions_paths(root), problems)
    courses = _read_all(course_paths(root), problems)
    return Files(root, registries, standards, provisions, questions, editions, courses), problems


def _ignored(root: Path) -> list[Problem]:
    """Warnings for files an editor may expect to be read but which are not."""
    found = []
    for folder in sorted(p for p in root.iterdir() if p.is_dir() and p.name not in NOT_CHAPTERS):
        for path in sorted(folder.iterdir()):
            if path.suffix == ".yml":
                found.append(Problem(shown_path(path), 0, "-", "ignored: standard files end in .yaml, not .yml",
                                     warning=True, code="file-ignored"))
            elif path.is_dir() and path.suffix != ".yaml":
                found.append(Problem(shown_path(path), 0, "-", "ignored: folders inside a chapter folder are not read",
                                     warning=True, code="file-ignored"))
    return found


def _read_all(paths: list[Path], problems: list[Problem]) -> list[Document]:
    """The documents that parsed; every problem found is added to `problems`."""
    documents = []
    for path in paths:
        document, found = read_yaml(path)
        problems += found
        if document is not None:
            documents.append(document)
    return documents


def _text(value: dict) -> Text:
    return Text(value)


def _maybe_text(value: dict | None) -> Text | None:
    return None if value is None else Text(value)


def _texts(values: list | None) -> tuple[Text, ...]:
    return tuple(_text(v) for v in values or ())


def line_or_text(value: str | dict) -> Text:
    """A `line_or_text` of the schemas: a text by language, or a plain string (English only)."""
    return Text({SOURCE_LANGUAGE: value}) if isinstance(value, str) else Text(value)


def english_of(value: str | dict) -> str:
    """The English of a `line_or_text` (what citations name a law's version by)."""
    return value if isinstance(value, str) else value[SOURCE_LANGUAGE]


def build_standard(data: dict) -> Standard:
    return Standard(
        id=data["id"],
        chapter=data["chapter"],
        title=_text(data["title"]),
        summary=_text(data["summary"]),
        rationale=_maybe_text(data.get("rationale")),
        status=data["status"],
        version=data["version"],
        effective_from=data["effective_from"],
        classification=data["classification"],
        roles=tuple(data["roles"]),
        tags=tuple(data.get("tags", ())),
        requirements=tuple(
            Requirement(r["id"], r["level"], _text(r["text"])) for r in data["requirements"]
            if r.get("status") != "withdrawn"
        ),
        withdrawn_requirements=tuple(
            Requirement(r["id"], r["level"], _text(r["text"]), r.get("replaced_by")) for r in data["requirements"]
            if r.get("status") == "withdrawn"
        ),
        legal_basis=tuple(
            Citation(c["law"], c["version"], c["provision"], c["verified"], c.get("source"),
                     _maybe_text(c.get("note")), _maybe_text(c.get("pending")), tuple(c.get("requirements", ())))
            for c in data["legal_basis"]
        ),
        procedure=_texts(data["procedure"]),
        checklist=_texts(data["checklist"]),
        audit_indicators=_texts(data.get("audit_indicators")),
        related=tuple(data.get("related", ())),
        sources=tuple(data["sources"]),
        changes=tuple(Change(c["version"], c["date"], line_or_text(c["summary"])) for c in data["changes"]),
        replaced_by=data.get("replaced_by"),
        translation_reviewed=dict(data.get("translation_reviewed", {})),
        indicators=tuple(data.get("indicators", ())),
        forms=tuple(data.get("forms", ())),
    )


def _registry(files: Files, name: str) -> dict:
    document = files.registries.get(name)
    return document.data if document is not None and document.data else {}


def build_glossary(data: dict) -> dict[str, GlossaryTerm]:
    return {
        key: GlossaryTerm(
            key=key, en=v["en"], bn=v["bn"], definition=_text(v["definition"]),
            en_variants=tuple(v.get("en_variants", ())), bn_variants=tuple(v.get("bn_variants", ())),
            latin=tuple(v.get("latin", ())), related=tuple(v.get("related", ())),
            sources=tuple(v.get("sources", ())),
        )
        for key, v in data.items()
    }


def build_indicators(data: dict) -> dict[str, IndicatorGroup]:
    return {
        key: IndicatorGroup(
            key=key, code=v["code"], title=_text(v["title"]), summary=_text(v["summary"]),
            sources=tuple(v["sources"]),
            indicators=tuple(Indicator(i["id"], _text(i["text"])) for i in v["indicators"]),
            covers=tuple(v.get("covers", ())),
        )
        for key, v in data.items()
    }


def _field(v: dict) -> FormField:
    return FormField(label=_text(v["label"]), kind=v["kind"], lines=v.get("lines", 3), rows=v.get("rows", 0),
                     options=_texts(v.get("options")), columns=_texts(v.get("columns")),
                     help=_maybe_text(v.get("help")))


def build_forms(data: dict) -> dict[str, Form]:
    return {
        key: Form(
            id=key, title=_text(v["title"]), purpose=_text(v["purpose"]), sources=tuple(v.get("sources", ())),
            sections=tuple(FormSection(_text(sec["title"]), tuple(_field(f) for f in sec["fields"]))
                           for sec in v["sections"]),
        )
        for key, v in sorted(data.items())
    }


_LAW_DATES = ("adopted", "enacted", "gazetted", "in_force_from", "repealed")


CARD_BLOCKS = ("indicators", "checklist", "procedure", "musts", "contacts")


def _block(v: dict) -> CardBlock:
    kind = next(k for k in CARD_BLOCKS if k in v)
    return CardBlock(kind=kind, ref="" if kind == "contacts" else v[kind], heading=_maybe_text(v.get("heading")),
                     limit=v.get("limit"), contacts=_texts(v.get("contacts")))


def build_course(data: dict) -> Course:
    def module(m: dict) -> Module:
        return Module(
            m["id"], _text(m["title"]), m["hours"], tuple(m["methods"]),
            tuple(Objective(o["id"], _text(o["text"]), tuple(o["teaches"])) for o in m["objectives"]),
            tuple(Question(q["id"], q["kind"], _text(q["text"]), q["answer"], q["tests"],
                           tuple(_text(x) for x in q.get("options", ()))) for q in m["questions"]),
            {k: tuple(v) for k, v in m.get("materials", {}).items()}, _maybe_text(m.get("trainer_notes")))

    return Course(
        data["id"], data["kind"], _text(data["title"]), _text(data["summary"]), tuple(data["audience"]),
        data["hours"], tuple(module(m) for m in data["modules"]), tuple(data.get("prerequisites", ())),
        tuple(data.get("includes", ())),
        tuple(Exercise(x["id"], _text(x["title"]), _text(x["scenario"]), tuple(_text(t) for t in x["tasks"]),
                       _text(x["model_answer"]), tuple(x["requirements"])) for x in data.get("exercises", ())),
        str(data["written"]) if "written" in data else None)


def build_self_assessment(data: dict) -> SelfAssessment | None:
    if not data:
        return None
    return SelfAssessment(_text(data["title"]), _text(data["intro"]), tuple(
        AssessmentSection(s["chapter"], tuple(
            AssessmentItem(i["id"], _text(i["text"]), _maybe_text(i.get("evidence")), tuple(i["checks"]))
            for i in s["items"]))
        for s in data["sections"]))


def build_cards(data: dict) -> dict[str, Card]:
    return {
        key: Card(key=key, title=_text(v["title"]), role=v["role"],
                  front=tuple(_block(b) for b in v["front"]), back=tuple(_block(b) for b in v["back"]))
        for key, v in data.items()
    }


def build_provisions(data: dict) -> tuple[Provision, ...]:
    return tuple(
        Provision(
            number=p["number"], heading=_text(p["heading"]), summary=_text(p["summary"]),
            source=p.get("source", data["source"]), quote=p.get("quote"),
            successors=tuple(p["successors"]) if "successors" in p else None,
            successor_note=_maybe_text(p.get("successor_note")),
        )
        for p in data["provisions"]
    )


def build_languages(data: dict) -> Languages:
    def language(v: dict) -> Language:
        numbers = v.get("numbers", {})
        return Language(code=v["code"], name=v["name"], native=v["native"], script=v.get("script", ""),
                        digits=numbers.get("digits", ""), prefixes=tuple(numbers.get("prefixes", {}).items()),
                        words=tuple(numbers.get("words", {}).items()))

    return Languages(tuple(language(v) for v in data["languages"]), data["labels"])


def build_catalogue(files: Files) -> Catalogue:
    """Turn validated files into the frozen Catalogue. Call only when validation found nothing."""
    manual = files.registries["manual.yaml"].data
    read = {d.data["law"]: d.data for d in files.provisions}
    laws = {
        key: Law(
            key=key, title=_text(value["title"]), short_name=line_or_text(value["short"]), kind=value["kind"],
            jurisdiction=value["jurisdiction"], status=value["status"],
            replaced_by=value.get("replaced_by"), note=_maybe_text(value.get("note")),
            sources=tuple(value.get("sources", ())),
            dates=tuple((name, value[name]) for name in _LAW_DATES if name in value),
            versions=tuple(english_of(v) for v in value["versions"]),
            version_names=tuple(line_or_text(v) for v in value["versions"]),
            provisions=build_provisions(read[key]) if key in read else (),
            provisions_version=read[key]["version"] if key in read else "",
            read=_maybe_text(read[key]["read"]) if key in read else None,
        )
        for key, value in files.registries["laws.yaml"].data.items()
    }
    sources = {
        key: Source(key, value["title"], value["publisher"], value.get("year"), value.get("url"),
                    value.get("reference"), value.get("text_of_law", False))
        for key, value in files.registries["sources.yaml"].data.items()
    }
    standards = tuple(
        sorted((build_standard(d.data) for d in files.standards), key=lambda s: s.id)
    )
    return Catalogue(
        edition=manual["edition"],
        title=_text(manual["title"]),
        chapters=tuple(Chapter(c["code"], _text(c["title"])) for c in manual["chapters"]),
        roles={k: _text(v) for k, v in manual["roles"].items()},
        tags={k: _text(v) for k, v in manual.get("tags", {}).items()},
        exploitation_forms={k: _text(v) for k, v in manual.get("exploitation_forms", {}).items()},
        standards=standards,
        laws=laws,
        sources=sources,
        glossary=build_glossary(_registry(files, "glossary.yaml")),
        indicators=build_indicators(_registry(files, "indicators.yaml")),
        forms=build_forms(_registry(files, "forms.yaml")),
        cards=build_cards(_registry(files, "cards.yaml")),
        languages=build_languages(files.registries["languages.yaml"].data),
        questions={sid: tuple(asked) for d in files.questions for sid, asked in d.data.items()},
        editions={d.data["edition"]: d.data for d in files.editions},
        courses={d.data["id"]: build_course(d.data) for d in files.courses},
        self_assessment=build_self_assessment(_registry(files, "self-assessment.yaml")),
        by_id={s.id: s for s in standards},
    )
