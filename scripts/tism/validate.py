"""Every check over the files read by `tism.load`, in two layers, each problem with a stable code.

Layer one is JSON Schema (tism.schema): the shape of each file. Layer two is the rules (tism.rules):
IDs, file and folder names, references between files, versions, citations. The rules read only the
files that passed their schema. Nothing here prints or exits.
"""
from __future__ import annotations

from . import load, schema
from .load import Document, Files, standard_paths
from .paths import SCHEMAS
from .problems import Problem
from .rules import RULES, Context, LawIndex, run

MAX_PROBLEMS_PER_FILE = 50


def codes() -> dict[str, str]:
    """Every code a problem can carry, with what it means: reading, schema, then the rules."""
    found = dict(load.CODES)
    found.update({code: summary for code, summary in (*schema.CODES.values(), schema.OTHER)})
    found.update({r.code: r.summary for r in RULES})
    return found


def _schema_valid(documents: list[Document], name: str, problems: list[Problem],
                  languages: tuple[str, ...] | None) -> list[Document]:
    """The documents that pass the schema `name`; the problems of the others go into `problems`."""
    valid = []
    for document in documents:
        found = schema.schema_problems(document, SCHEMAS / name, languages)
        problems += found
        if not found:
            valid.append(document)
    return valid


def validate_files(files: Files) -> list[Problem]:
    """Every problem in the catalogue, in file and line order."""
    problems: list[Problem] = []
    languages = schema.language_codes(files.registries.get("languages.yaml"))
    registries = {}
    for name, document in files.registries.items():
        if _schema_valid([document], name.replace(".yaml", ".schema.json"), problems, languages):
            registries[name] = document
    provisions = _schema_valid(files.provisions, "provisions.schema.json", problems, languages)
    questions = _schema_valid(files.questions, "questions.schema.json", problems, languages)
    editions = _schema_valid(files.editions, "edition.schema.json", problems, languages)
    standards = _schema_valid(files.standards, "standard.schema.json", problems, languages)
    courses = _schema_valid(files.courses, "course.schema.json", problems, languages)
    # A standard whose file is broken still names a standard: references to it are not unknown.
    standard_ids = {path.stem for path in standard_paths(files.root)} | {d.data["id"] for d in standards}
    context = Context(files.root, registries, standards, provisions, standard_ids,
                      LawIndex(registries.get("laws.yaml"), provisions), questions, editions, courses)
    problems += run(context)
    return _bounded(sorted(set(problems)))


def _bounded(problems: list[Problem]) -> list[Problem]:
    """At most MAX_PROBLEMS_PER_FILE per file, then one line saying how many more there are."""
    kept: list[Problem] = []
    counts: dict[str, int] = {}
    for problem in problems:
        counts[problem.path] = counts.get(problem.path, 0) + 1
        if counts[problem.path] <= MAX_PROBLEMS_PER_FILE:
            kept.append(problem)
    for path, count in counts.items():
        if count > MAX_PROBLEMS_PER_FILE:
            kept.append(Problem(path, 0, "-", f"… and {count - MAX_PROBLEMS_PER_FILE} more problems in this file"))
    return sorted(kept)
