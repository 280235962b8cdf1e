"""Two layers of checks over the files read by `tism.load`.

Layer one is JSON Schema (standards/schema/*.schema.json): the shape of each file.
Layer two is the rules below: IDs, file and folder names, references between files, versions.
Each check returns Problems (path, line, field, message); nothing here prints or exits.
"""
from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import date
from functools import cache
from pathlib import Path

from jsonschema import Draft202012Validator, ValidationError, validators

from .load import Document, Files, standard_paths
from .paths import SCHEMAS
from .problems import Problem

# Friendlier words for the schema's patterns, by the pattern itself.
_PATTERN_HINTS = {
    "\\S": "must not be blank",
    "^[A-Z]{2}-[0-9]{3}$": "must look like LF-003 (chapter code, hyphen, three digits)",
    "^[A-Z]{2}$": "must be a two-letter chapter code like LF",
    "^[A-Z]{2}-[0-9]{3}\\.[0-9]{2}$": "must look like LF-003.01 (standard ID, dot, two digits)",
    "^[0-9]+\\.[0-9]+$": 'must be MAJOR.MINOR in quotes, like "1.0"',
    "^[a-z0-9]+(-[a-z0-9]+)*$": "must be a lower-case key like victim-safety",
    "^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$": "must be an ISO date like 2026-12-01",
    "^[0-9]{4}\\.[0-9]+$": 'must look like "2026.1"',
    "^https?://[^\\s]+$": "must be an http(s) URL",
}

_SCHEMA_TYPES = {"object": "a mapping", "array": "a list", "string": "text", "boolean": "true/false",
                 "integer": "a whole number", "number": "a number"}
_JSON_TYPES = {dict: "a mapping", list: "a list", str: "text", bool: "true/false", int: "a number",
               float: "a number", type(None): "empty"}


SCHEMA_LINE = "# yaml-language-server: $schema=../schema/standard.schema.json"


_DATE_PATTERN = "^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$"


def _pattern(validator, pattern, instance, schema):
    """JSON Schema's pattern, minus two traps of Python's `re`: `$` also matches before a final
    line break (so "IV-004.01\\n" passed as an ID), and a date pattern admits 2026-02-31."""
    if not validator.is_type(instance, "string"):
        return
    if not re.search(pattern, instance) or (pattern.endswith("$") and instance.endswith("\n")):
        yield ValidationError(f"{instance!r} does not match {pattern!r}")
    elif pattern == _DATE_PATTERN:
        try:
            date.fromisoformat(instance)
        except ValueError:
            yield ValidationError(f"{instance!r} is not a calendar date", validator="format")


_Validator = validators.extend(Draft202012Validator, {"pattern": _pattern})


@cache
def _validator(path: Path, languages: tuple[str, ...] | None = None):
    return _Validator(for_languages(json.loads(path.read_text(encoding="utf-8")), languages))


def for_languages(schema: dict, languages: tuple[str, ...] | None) -> dict:
    """A schema whose texts take the manual's languages (standards/languages.yaml): a `text` may
    have any of them besides English, a `text_bilingual` must have all of them, and each label
    of languages.yaml is needed in all of them. The files on disk list en and bn, for editors."""
    if not languages:
        return schema
    definitions = schema.get("$defs", {})
    for name, required in (("text", ["en"]), ("text_bilingual", list(languages))):
        if name in definitions:
            english = definitions[name]["properties"]["en"]
            definitions[name]["properties"] = {code: english for code in languages}
            definitions[name]["required"] = required
    labels = schema.get("properties", {}).get("labels", {}).get("additionalProperties")
    if labels is not None:
        english = labels["additionalProperties"]
        schema["properties"]["labels"]["additionalProperties"] = {
            "type": "object", "additionalProperties": False, "required": list(languages),
            "properties": {code: english for code in languages}}
    return schema


def language_codes(document: Document | None) -> tuple[str, ...] | None:
    """The codes languages.yaml declares, or None when it is missing or not shaped right."""
    data = document.data if document is not None else None
    entries = data.get("languages") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        return None
    codes = tuple(e.get("code") for e in entries if isinstance(e, dict))
    if not codes or codes[0] != "en" or not all(isinstance(c, str) and re.fullmatch("[a-z]{2,3}", c) for c in codes):
        return None
    return tuple(str(code) for code in codes)


def _dotted(where) -> str:
    return ".".join(str(part) for part in where) or "-"


def _describe(value) -> str:
    return _JSON_TYPES.get(type(value), type(value).__name__)


def schema_problems(document: Document, schema: Path, languages: tuple[str, ...] | None = None) -> list[Problem]:
    problems = []
    for error in _validator(schema, languages).iter_errors(document.data):
        where = tuple(error.absolute_path)
        kind = error.validator
        if kind == "required":
            missing = next(name for name in error.validator_value if name not in error.instance)
            field, line = where + (missing,), document.line(where)
            message = "required field is missing"
        elif kind == "additionalProperties" and isinstance(error.instance, dict):
            allowed = error.schema.get("properties", {})
            for extra in sorted((k for k in error.instance if k not in allowed), key=str):
                problems.append(Problem(document.shown, document.line(where + (extra,)),
                                        _dotted(where + (extra,)), "unknown field"))
            continue
        else:
            field, line = where, document.line(where)
            if kind == "pattern":
                hint = _PATTERN_HINTS.get(error.validator_value, f"must match {error.validator_value}")
                message = f"{error.instance!r} {hint}"
            elif kind == "enum":
                message = f"{error.instance!r} is not one of: {', '.join(map(str, error.validator_value))}"
            elif kind == "type":
                expected = _SCHEMA_TYPES.get(error.validator_value, error.validator_value)
                message = f"must be {expected}, not {_describe(error.instance)}"
                if error.validator_value == "string" and isinstance(error.instance, (int, float)):
                    message += f' (put it in quotes: "{error.instance}")'
            elif kind == "minItems":
                message = f"needs at least {error.validator_value} item(s)"
            elif kind == "minLength":
                message = "must not be empty"
            elif kind == "maxLength":
                message = f"is too long ({len(error.instance):,} characters; at most {error.validator_value:,})"
            elif kind == "format":
                message = error.message
            elif kind == "oneOf":
                if not isinstance(error.instance, dict):
                    continue  # the type problem is already reported
                message = "needs exactly one of: indicators, checklist, procedure, musts, contacts"
            elif kind == "uniqueItems":
                message = "lists the same item twice"
            elif kind == "not" and error.validator_value == {"required": ["pending"]}:
                field, line = where + ("pending",), document.line(where + ("pending",))
                message = "a verified citation has no pending reason: remove pending or set verified: false"
            else:
                message = error.message
        problems.append(Problem(document.shown, line, _dotted(field), message))
    return problems


def _keys(document: Document | None, field: str | None = None) -> set:
    if document is None or not isinstance(document.data, dict):
        return set()
    data = document.data if field is None else document.data.get(field)
    if isinstance(data, dict):
        return set(data)
    if isinstance(data, list):
        return {item.get("code") for item in data if isinstance(item, dict)}
    return set()


def registry_problems(files: Files) -> Iterator[Problem]:
    sources = files.registries.get("sources.yaml")
    laws = files.registries.get("laws.yaml")
    manual = files.registries.get("manual.yaml")
    source_keys = _keys(sources)
    if sources is not None and isinstance(sources.data, dict):
        for key, value in sources.data.items():
            if isinstance(value, dict) and not (value.get("url") or value.get("reference")):
                yield Problem(sources.shown, sources.line((key,)), key,
                              "a source needs a url or a reference")
    if laws is not None and isinstance(laws.data, dict):
        for key, value in laws.data.items():
            if not isinstance(value, dict):
                continue
            if value.get("replaced_by") and value["replaced_by"] not in laws.data:
                yield Problem(laws.shown, laws.line((key, "replaced_by")), f"{key}.replaced_by",
                              f"unknown law {value['replaced_by']}")
            for index, source in enumerate(value.get("sources") or ()):
                if sources is not None and source not in source_keys:
                    yield Problem(laws.shown, laws.line((key, "sources", index)),
                                  f"{key}.sources.{index}", f"unknown source {source} (not in sources.yaml)")
    languages = files.registries.get("languages.yaml")
    if languages is not None:
        yield from language_problems(languages)
    if manual is not None and isinstance(manual.data, dict):
        seen: dict[str, int] = {}
        for index, chapter in enumerate(manual.data.get("chapters") or ()):
            code = chapter["code"]  # the registry passed its schema
            if code in seen:
                yield Problem(manual.shown, manual.line(("chapters", index, "code")),
                              f"chapters.{index}.code", f"duplicate chapter {code} (first at line {seen[code]})")
            else:
                seen[code] = manual.line(("chapters", index, "code"))


def language_problems(languages: Document) -> Iterator[Problem]:
    if languages.data["languages"][0]["code"] != "en":
        yield Problem(languages.shown, languages.line(("languages", 0, "code")), "languages.0.code",
                      "the first language must be en: every text is written in English first")
    seen: dict[str, int] = {}
    for index, language in enumerate(languages.data["languages"]):
        at = ("languages", index, "code")
        if language["code"] in seen:
            yield Problem(languages.shown, languages.line(at), _dotted(at),
                          f"duplicate language {language['code']} (first at line {seen[language['code']]})")
        seen.setdefault(language["code"], languages.line(at))


def _unknown_sources(document: Document, where: tuple, keys, source_keys: set) -> Iterator[Problem]:
    for index, key in enumerate(keys or ()):
        if key not in source_keys:
            yield Problem(document.shown, document.line(where + (index,)), _dotted(where + (index,)),
                          f"unknown source {key} (not in sources.yaml)")


def data_registry_problems(files: Files, standard_ids: set[str]) -> Iterator[Problem]:
    """Glossary, indicator catalogue and forms: their references, and indicator IDs."""
    source_keys = _keys(files.registries.get("sources.yaml"))
    check_sources = "sources.yaml" in files.registries
    glossary = files.registries.get("glossary.yaml")
    if glossary is not None and isinstance(glossary.data, dict):
        for key, term in glossary.data.items():
            if not isinstance(term, dict):
                continue
            for index, other in enumerate(term.get("related") or ()):
                if other not in standard_ids:
                    yield Problem(glossary.shown, glossary.line((key, "related", index)),
                                  f"{key}.related.{index}", f"unknown standard {other}")
            if check_sources:
                yield from _unknown_sources(glossary, (key, "sources"), term.get("sources"), source_keys)
    indicators = files.registries.get("indicators.yaml")
    if indicators is not None and isinstance(indicators.data, dict):
        seen_codes: dict[str, str] = {}
        seen_ids: dict[str, int] = {}
        for key, group in indicators.data.items():
            if not isinstance(group, dict):
                continue
            code = group["code"]
            if code in seen_codes:
                yield Problem(indicators.shown, indicators.line((key, "code")), f"{key}.code",
                              f"code {code} is already used by {seen_codes[code]}")
            seen_codes.setdefault(code, key)
            for index, item in enumerate(group.get("indicators") or ()):
                where = (key, "indicators", index, "id")
                indicator_id = item.get("id", "") if isinstance(item, dict) else ""
                if code and not indicator_id.startswith(f"{code}-"):
                    yield Problem(indicators.shown, indicators.line(where), _dotted(where),
                                  f"indicator ID {indicator_id} must start with its group code {code}-")
                if indicator_id in seen_ids:
                    yield Problem(indicators.shown, indicators.line(where), _dotted(where),
                                  f"duplicate indicator ID {indicator_id} (first at line {seen_ids[indicator_id]})")
                seen_ids.setdefault(indicator_id, indicators.line(where))
            if check_sources:
                yield from _unknown_sources(indicators, (key, "sources"), group.get("sources"), source_keys)
    cards = files.registries.get("cards.yaml")
    if cards is not None and isinstance(cards.data, dict):
        roles = _keys(files.registries.get("manual.yaml"), "roles")
        groups = _keys(indicators) if indicators is not None else None
        for key, card in cards.data.items():
            if not isinstance(card, dict):
                continue
            if card["role"] not in roles:
                yield Problem(cards.shown, cards.line((key, "role")), f"{key}.role",
                              _vocabulary_message("role", card["role"], roles))
            for side in ("front", "back"):
                for index, block in enumerate(card.get(side) or ()):
                    for field in ("checklist", "procedure", "musts"):
                        if field in block and block[field] not in standard_ids:
                            where = (key, side, index, field)
                            yield Problem(cards.shown, cards.line(where), _dotted(where),
                                          f"unknown standard {block[field]}")
                    if "indicators" in block and groups is not None and block["indicators"] not in groups:
                        where = (key, side, index, "indicators")
                        yield Problem(cards.shown, cards.line(where), _dotted(where),
                                      f"unknown indicator group {block['indicators']} (not in indicators.yaml)")
    forms = files.registries.get("forms.yaml")
    if forms is not None and isinstance(forms.data, dict) and check_sources:
        for key, form in forms.data.items():
            if isinstance(form, dict):
                yield from _unknown_sources(forms, (key, "sources"), form.get("sources"), source_keys)


def _strings(value) -> list[str] | None:
    return value if isinstance(value, list) and value and all(isinstance(v, str) for v in value) else None


class LawIndex:
    """What citations are checked against: each law's versions, its provisions file and what it lists."""

    def __init__(self, files: Files, valid_provisions: list[Document]):
        laws = files.registries.get("laws.yaml")
        data = laws.data if laws is not None and isinstance(laws.data, dict) else {}
        self.known = "laws.yaml" in files.registries
        # None where the entry has no valid versions list: laws.yaml's own problem, reported once there.
        self.versions = {key: _strings(value.get("versions")) for key, value in data.items() if isinstance(value, dict)}
        self.laws = data
        self.files: dict[str, Document] = {}
        self.read_in: dict[str, dict[str, str]] = {}  # law -> provision number -> source it was read in
        for document in valid_provisions:
            law = document.data["law"]
            if law in self.files:
                continue
            self.files[law] = document
            self.read_in[law] = {p["number"]: p.get("source", document.data["source"])
                                 for p in document.data["provisions"]}

    def unlisted(self, law: str, number: str) -> str | None:
        """Why `number` cannot be cited for `law`, or None when it can."""
        if law not in self.read_in or number in self.read_in[law]:
            return None
        return f"{number} is not a provision of {law} read in {self.files[law].shown}"


def provisions_problems(document: Document, files: Files, laws: LawIndex) -> Iterator[Problem]:
    """The rules for one schema-valid provisions file (standards/provisions/<law>.yaml)."""
    data, shown, line = document.data, document.shown, document.line
    law = data["law"]
    source_keys = _keys(files.registries.get("sources.yaml"))
    if document.path.stem != law:
        yield Problem(shown, line(("law",)), "law",
                      f"{law} does not match the file name {document.path.name} (name the file after the law key)")
    if laws.known and law not in laws.versions:
        yield Problem(shown, line(("law",)), "law", f"unknown law {law} (not in laws.yaml)")
        return
    if laws.files.get(law) is not document:
        yield Problem(shown, line(("law",)), "law", f"{law} already has a provisions file: {laws.files[law].shown}")
        return
    versions = laws.versions.get(law)
    if versions is not None and data["version"] not in versions:
        yield Problem(shown, line(("version",)), "version", _version_message(law, data["version"], versions))
    if "sources.yaml" in files.registries and data["source"] not in source_keys:
        yield Problem(shown, line(("source",)), "source", f"unknown source {data['source']} (not in sources.yaml)")
    if not laws.known:
        return  # laws.yaml is missing or broken: reported there; nothing to check successors against
    entry = laws.laws.get(law) or {}
    repealed = entry.get("status") == "repealed"
    successor_law = entry.get("replaced_by") if repealed else None
    seen: dict[str, int] = {}
    for index, provision in enumerate(data["provisions"]):
        where = ("provisions", index)
        number = provision["number"]
        if number in seen:
            yield Problem(shown, line(where + ("number",)), _dotted(where + ("number",)),
                          f"duplicate provision {number} (first at line {seen[number]})")
        seen.setdefault(number, line(where + ("number",)))
        if "source" in provision and "sources.yaml" in files.registries and provision["source"] not in source_keys:
            yield Problem(shown, line(where + ("source",)), _dotted(where + ("source",)),
                          f"unknown source {provision['source']} (not in sources.yaml)")
        successors = provision.get("successors")
        if repealed and successor_law is None:
            continue  # laws.yaml reports the missing replaced_by
        if successor_law is None:
            if successors is not None:
                yield Problem(shown, line(where + ("successors",)), _dotted(where + ("successors",)),
                              f"only a provision of a repealed law names successors ({law} is not repealed)")
            continue
        if successors is None:
            yield Problem(shown, line(where), _dotted(where),
                          f"{law} is repealed: name the provisions of {successor_law} that now cover {number} "
                          "in successors (an empty list and a successor_note if none does)")
            continue
        if not successors and "successor_note" not in provision:
            yield Problem(shown, line(where + ("successors",)), _dotted(where + ("successors",)),
                          "an empty successors list needs a successor_note saying why nothing replaces it")
        for position, successor in enumerate(successors):
            why = laws.unlisted(successor_law, successor)
            if why:
                at = where + ("successors", position)
                yield Problem(shown, line(at), _dotted(at), why)


def _version_message(law: str, version: str, versions: list[str]) -> str:
    listed = "; ".join(f"'{v}'" for v in versions)
    return f"'{version}' is not a version of {law} (laws.yaml lists: {listed})"


def citation_problems(document: Document, files: Files, laws: LawIndex) -> Iterator[Problem]:
    """A standard's legal basis against laws.yaml, sources.yaml and the provisions files."""
    data, shown, line = document.data, document.shown, document.line
    sources = files.registries.get("sources.yaml")
    source_data = sources.data if sources is not None and isinstance(sources.data, dict) else {}
    requirement_ids = {r["id"] for r in data["requirements"]}
    for index, citation in enumerate(data["legal_basis"]):
        where = ("legal_basis", index)
        law, number = citation["law"], citation["provision"]
        if laws.known and law not in laws.versions:
            yield Problem(shown, line(where + ("law",)), _dotted(where + ("law",)),
                          f"unknown law {law} (not in laws.yaml)")
            continue
        source = citation.get("source")
        if source and sources is not None and source not in source_data:
            yield Problem(shown, line(where + ("source",)), _dotted(where + ("source",)),
                          f"unknown source {source} (not in sources.yaml)")
            source = None
        why = laws.unlisted(law, number)
        if why:
            yield Problem(shown, line(where + ("provision",)), _dotted(where + ("provision",)), why)
        elif citation["verified"] and source:
            read_in = laws.read_in.get(law, {}).get(number)
            if read_in is not None and read_in != source:
                yield Problem(shown, line(where + ("source",)), _dotted(where + ("source",)),
                              f"{law} {number} was read in {read_in} ({laws.files[law].shown}), not in {source}: "
                              "cite that source, or record the reading there first")
            elif sources is not None and not (source_data.get(source) or {}).get("text_of_law"):
                yield Problem(shown, line(where + ("verified",)), _dotted(where + ("verified",)),
                              f"{source} does not reproduce the text of the law (text_of_law in sources.yaml): "
                              "a citation read there stays verified: false")
        versions = laws.versions.get(law)
        version = citation["version"]
        if versions is None:
            pass
        elif version not in versions:
            yield Problem(shown, line(where + ("version",)), _dotted(where + ("version",)),
                          _version_message(law, version, versions))
        elif version != versions[0]:
            yield Problem(shown, line(where + ("version",)), _dotted(where + ("version",)),
                          f"checked against '{version}', but the text of {law} in force is '{versions[0]}': "
                          "re-check against the amended text", warning=True)
        for position, requirement in enumerate(citation.get("requirements", ())):
            if requirement not in requirement_ids:
                at = where + ("requirements", position)
                yield Problem(shown, line(at), _dotted(at), f"{requirement} is not a requirement of {data['id']}")


def _vocabulary_message(kind: str, value: str, allowed: set) -> str:
    return f"unknown {kind} {value} (manual.yaml lists: {', '.join(sorted(allowed))})"


def standard_problems(document: Document, files: Files, standard_ids: set[str], laws: LawIndex) -> Iterator[Problem]:
    """The rules for one schema-valid standard file."""
    data, shown, line = document.data, document.shown, document.line
    manual = files.registries.get("manual.yaml")
    sid = data["id"]
    if document.first_line != SCHEMA_LINE:
        yield Problem(shown, 1, "-", f"first line must be '{SCHEMA_LINE}'")
    if document.path.stem != sid:
        yield Problem(shown, line(("id",)), "id", f"ID {sid} does not match the file name {document.path.name}")
    if document.path.parent.name != data["chapter"]:
        yield Problem(shown, line(("chapter",)), "chapter",
                      f"chapter {data['chapter']} does not match the folder {document.path.parent.name}/")
    chapters = _keys(manual, "chapters")
    if manual is not None and data["chapter"] not in chapters:
        yield Problem(shown, line(("chapter",)), "chapter", _vocabulary_message("chapter", data["chapter"], chapters))
    if not sid.startswith(data["chapter"] + "-"):
        yield Problem(shown, line(("id",)), "id", f"ID {sid} does not start with its chapter code {data['chapter']}")
    for index, requirement in enumerate(data["requirements"]):
        if not requirement["id"].startswith(sid + "."):
            yield Problem(shown, line(("requirements", index, "id")), f"requirements.{index}.id",
                          f"requirement ID {requirement['id']} must start with {sid}.")
    for field, kind, allowed in (("roles", "role", _keys(manual, "roles")), ("tags", "tag", _keys(manual, "tags"))):
        for index, value in enumerate(data.get(field, ())):
            if manual is not None and value not in allowed:
                yield Problem(shown, line((field, index)), f"{field}.{index}",
                              _vocabulary_message(kind, value, allowed))
    for index, other in enumerate(data.get("related", ())):
        if other == sid:
            yield Problem(shown, line(("related", index)), f"related.{index}", "a standard cannot be related to itself")
        elif other not in standard_ids:
            yield Problem(shown, line(("related", index)), f"related.{index}", f"unknown standard {other}")
    replaced_by = data.get("replaced_by")
    if data["status"] == "withdrawn" and not replaced_by:
        yield Problem(shown, line(("status",)), "replaced_by", "a withdrawn standard must name replaced_by")
    if replaced_by and data["status"] not in ("withdrawn", "deprecated"):
        yield Problem(shown, line(("replaced_by",)), "replaced_by",
                      "only a withdrawn or deprecated standard names replaced_by")
    if replaced_by and replaced_by not in standard_ids:
        yield Problem(shown, line(("replaced_by",)), "replaced_by", f"unknown standard {replaced_by}")
    # A missing registry is reported once; its references are then not checked.
    has_sources = "sources.yaml" in files.registries
    sources = _keys(files.registries.get("sources.yaml"))
    for index, key in enumerate(data["sources"]):
        if has_sources and key not in sources:
            yield Problem(shown, line(("sources", index)), f"sources.{index}",
                          f"unknown source {key} (not in sources.yaml)")
    yield from citation_problems(document, files, laws)
    for field, registry, what in (("indicators", "indicators.yaml", "indicator group"),
                                  ("forms", "forms.yaml", "form")):
        if registry not in files.registries:
            continue  # missing or broken: reported there
        known = _keys(files.registries.get(registry))
        for index, key in enumerate(data.get(field, ())):
            if key not in known:
                yield Problem(shown, line((field, index)), f"{field}.{index}",
                              f"unknown {what} {key} (not in {registry})")
    changes = data["changes"]
    if changes[0]["version"] != data["version"]:
        yield Problem(shown, line(("changes", 0, "version")), "changes.0.version",
                      f"newest change is version {changes[0]['version']} but the standard is version {data['version']}")
    for index in range(1, len(changes)):
        newer, older = changes[index - 1], changes[index]
        if older["date"] > newer["date"] or _version_key(older["version"]) > _version_key(newer["version"]):
            yield Problem(shown, line(("changes", index)), f"changes.{index}",
                          "changes must be listed newest first")


def _version_key(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in version.split("."))


def unique_id_problems(documents: list[Document]) -> Iterator[Problem]:
    """Standard IDs and requirement IDs are unique across the whole catalogue."""
    first_standard: dict[str, str] = {}
    first_requirement: dict[str, str] = {}
    for document in documents:
        sid = document.data["id"]
        here = f"{document.shown}:{document.line(('id',))}"
        if sid in first_standard:
            yield Problem(document.shown, document.line(("id",)), "id",
                          f"duplicate standard ID {sid} (also at {first_standard[sid]})")
        else:
            first_standard[sid] = here
        for index, requirement in enumerate(document.data["requirements"]):
            rid = requirement["id"]
            where = ("requirements", index, "id")
            here = f"{document.shown}:{document.line(where)}"
            if rid in first_requirement:
                yield Problem(document.shown, document.line(where), _dotted(where),
                              f"duplicate requirement ID {rid} (also at {first_requirement[rid]})")
            else:
                first_requirement[rid] = here


def _schema_valid(documents: list[Document], schema: Path, problems: list[Problem],
                  languages: tuple[str, ...] | None) -> list[Document]:
    """The documents that pass `schema`; the problems of the others are added to `problems`."""
    valid = []
    for document in documents:
        found = schema_problems(document, schema, languages)
        problems += found
        if not found:
            valid.append(document)
    return valid


def validate_files(files: Files) -> list[Problem]:
    """Every problem in the catalogue, in file and line order."""
    schemas = SCHEMAS
    problems: list[Problem] = []
    # The rules read only registries that passed their schema; a broken one is reported once, by
    # its schema problems, and references into it are then not checked.
    languages = language_codes(files.registries.get("languages.yaml"))
    registries = {name: document for name, document in files.registries.items()
                  if not _add(problems, schema_problems(document, schemas / name.replace(".yaml", ".schema.json"),
                                                        languages))}
    files = Files(files.root, registries, files.standards, files.provisions)
    problems += registry_problems(files)
    valid_provisions = _schema_valid(files.provisions, schemas / "provisions.schema.json", problems, languages)
    laws = LawIndex(files, valid_provisions)
    for document in valid_provisions:
        problems += provisions_problems(document, files, laws)
    valid = _schema_valid(files.standards, schemas / "standard.schema.json", problems, languages)
    # Files that failed to parse still name a standard: don't report references to them as unknown.
    standard_ids = {path.stem for path in standard_paths(files.root)} | {d.data["id"] for d in valid}
    problems += data_registry_problems(files, standard_ids)
    for document in valid:
        problems += standard_problems(document, files, standard_ids, laws)
    problems += unique_id_problems(valid)
    return _bounded(sorted(set(problems)))


def _add(problems: list[Problem], found: list[Problem]) -> list[Problem]:
    problems += found
    return found


MAX_PROBLEMS_PER_FILE = 50


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
