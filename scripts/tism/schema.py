"""Layer one of validation: the shape of each file, by JSON Schema (scripts/tism/schemas/).

Every schema error becomes a Problem with a message an editor can act on and a code naming the
kind of error (CODES). Texts take the manual's languages at run time (`for_languages`).
"""
from __future__ import annotations

import json
import re
from datetime import date
from functools import cache
from pathlib import Path

from jsonschema import Draft202012Validator, ValidationError, validators

from .load import Document
from .problems import Problem

# Each kind of schema error: its code and what it means. A keyword the schemas start to use
# must be added here (tests/test_validate.py checks every keyword they use has its code).
CODES = {
    "required": ("schema-required", "a required field is missing"),
    "additionalProperties": ("schema-unknown-field", "a field the schema does not know (a typo, or the wrong level)"),
    "pattern": ("schema-pattern", "a value not in the expected form (IDs, dates, keys, blank text)"),
    "format": ("schema-calendar-date", "a date that is not on the calendar (2026-02-31)"),
    "enum": ("schema-enum", "a value not in the allowed list"),
    "const": ("schema-enum", "a value not in the allowed list"),
    "type": ("schema-type", "the wrong kind of value (text, number, list, mapping)"),
    "minItems": ("schema-min-items", "a list with too few items"),
    "minLength": ("schema-empty", "an empty text"),
    "maxLength": ("schema-too-long", "a text over its length limit"),
    "minimum": ("schema-range", "a number out of its range"),
    "maximum": ("schema-range", "a number out of its range"),
    "oneOf": ("schema-one-of", "a card block that is not exactly one kind of block"),
    "uniqueItems": ("schema-unique", "a list that names the same item twice"),
    "not": ("schema-verified-with-pending", "a verified citation that still gives a pending reason"),
}
OTHER = ("schema-other", "any other schema error (a keyword CODES does not name yet)")
# Keywords that only structure a schema and raise no error of their own.
STRUCTURAL = {"$defs", "$id", "$ref", "$schema", "additionalProperties", "allOf", "description", "if", "items",
              "properties", "propertyNames", "then", "title"}

# Friendlier words for the schemas' patterns, by the pattern itself.
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


def for_languages(schema: dict, languages: tuple[str, ...] | None) -> dict:
    """A schema whose texts take the manual's languages (standards/languages.yaml): a `text` may
    have any of them besides English, a `text_bilingual` must have all of them, and each label
    of languages.yaml is needed in all of them. The files on disk list en and bn, for editors.
    A `line_or_text` is a `text`, or a plain string (English only)."""
    if not languages:
        return schema
    definitions = schema.get("$defs", {})
    for name, required in (("text", ["en"]), ("line_or_text", ["en"]), ("text_bilingual", list(languages))):
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


@cache
def _validator(path: Path, languages: tuple[str, ...] | None = None):
    return _Validator(for_languages(json.loads(path.read_text(encoding="utf-8")), languages))


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


def dotted(where) -> str:
    return ".".join(str(part) for part in where) or "-"


def _message(error: ValidationError) -> str:
    kind, value, instance = error.validator, error.validator_value, error.instance
    if kind == "pattern":
        return f"{instance!r} {_PATTERN_HINTS.get(value, f'must match {value}')}"
    if kind in ("enum", "const"):
        allowed = value if kind == "enum" else [value]
        return f"{instance!r} is not one of: {', '.join(map(str, allowed))}"
    if kind == "type":
        wanted = " or ".join(_SCHEMA_TYPES.get(v, v) for v in ([value] if isinstance(value, str) else value))
        message = f"must be {wanted}, not {_JSON_TYPES.get(type(instance), 'this')}"
        if value == "string" and isinstance(instance, (int, float)):
            message += f' (put it in quotes: "{instance}")'
        return message
    if kind == "minItems":
        return f"needs at least {value} item(s)"
    if kind == "minLength":
        return "must not be empty"
    if kind == "maxLength":
        return f"is too long ({len(instance):,} characters; at most {value:,})"
    if kind in ("minimum", "maximum"):
        return f"must be {'at least' if kind == 'minimum' else 'at most'} {value}, not {instance}"
    if kind == "oneOf":
        return "needs exactly one of: indicators, checklist, procedure, musts, contacts"
    if kind == "uniqueItems":
        return "lists the same item twice"
    if kind == "not" and value == {"required": ["pending"]}:
        return "a verified citation has no pending reason: remove pending or set verified: false"
    return error.message


def schema_problems(document: Document, schema: Path, languages: tuple[str, ...] | None = None) -> list[Problem]:
    problems = []
    for error in _validator(schema, languages).iter_errors(document.data):
        where = tuple(error.absolute_path)
        kind = error.validator
        code = CODES.get(str(kind), OTHER)[0]
        if kind == "required":
            missing = next(name for name in error.validator_value if name not in error.instance)
            problems.append(Problem(document.shown, document.line(where), dotted(where + (missing,)),
                                    "required field is missing", code=code))
        elif kind == "additionalProperties" and isinstance(error.instance, dict):
            allowed = error.schema.get("properties", {})
            for extra in sorted((k for k in error.instance if k not in allowed), key=str):
                problems.append(Problem(document.shown, document.line(where + (extra,)), dotted(where + (extra,)),
                                        "unknown field", code=code))
        elif kind == "oneOf" and not isinstance(error.instance, dict):
            continue  # the type problem is already reported
        elif kind == "not" and error.validator_value == {"required": ["pending"]}:
            problems.append(Problem(document.shown, document.line(where + ("pending",)),
                                    dotted(where + ("pending",)), _message(error), code=code))
        else:
            problems.append(Problem(document.shown, document.line(where), dotted(where), _message(error), code=code))
    return problems
