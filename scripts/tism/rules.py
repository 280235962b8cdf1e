"""Layer two of validation: the rules, one small function each, registered with a stable code.

A rule reads a Context (the files that passed their schema, and what is known across them) and
yields Problems; `run` stamps each with its rule's code. The first line of a rule's docstring is
what `tism rules` prints. Add a rule: write it here with @rule("a-new-code"), then add the folder
tests/fixtures/invalid/a-new-code/ with a standards/ overlay that breaks it and its expected.txt.
"""
from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from . import curriculum, editions
from .editions import edition_key, version_key
from .load import Document, build_standard, english_of, shown_path
from .problems import Problem
from .schema import dotted

SCHEMA_LINE = "# yaml-language-server: $schema=../schema/standard.schema.json"
# Who acts, at the start of a requirement: "The investigating officer must …".


@dataclass(frozen=True)
class Rule:
    code: str
    summary: str
    check: Callable[[Context], Iterator[Problem]]


RULES: list[Rule] = []


def rule(code: str):
    def register(check: Callable[[Context], Iterator[Problem]]):
        RULES.append(Rule(code, (check.__doc__ or "").strip().split("\n")[0], check))
        return check
    return register


def at(document: Document, where: tuple, message: str, warning: bool = False) -> Problem:
    """A problem at the field `where` of `document`, on that field's line."""
    return Problem(document.shown, document.line(where), dotted(where), message, warning)


class LawIndex:
    """What citations are checked against: each law's versions, its provisions file and what it lists."""

    def __init__(self, laws: Document | None, provisions: list[Document]):
        data = laws.data if laws is not None else {}
        self.known = laws is not None
        self.laws: dict = data
        # By their English: a citation names a version in English (laws.yaml may give it in other languages too).
        self.versions: dict[str, list[str]] = {key: [english_of(v) for v in value["versions"]]
                                               for key, value in data.items()}
        self.files: dict[str, Document] = {}
        self.read_in: dict[str, dict[str, str]] = {}  # law -> provision number -> source it was read in
        for document in provisions:
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


@dataclass
class Context:
    """Everything the rules read. Registries, standards and provisions files are the ones that
    passed their schema: a broken file is reported once, by its schema, and references into a
    missing or broken registry are not checked."""

    root: Path
    registries: dict[str, Document]
    standards: list[Document]
    provisions: list[Document]
    standard_ids: set[str]  # every standard's ID, from its file name too when the file is broken
    laws: LawIndex
    questions: list[Document] = dataclasses.field(default_factory=list)
    editions: list[Document] = dataclasses.field(default_factory=list)
    courses: list[Document] = dataclasses.field(default_factory=list)  # the training curriculum

    def published(self) -> Document | None:
        """The newest published edition whose file is named after it (the others are reported)."""
        named = [d for d in self.editions if d.path.stem == d.data["edition"]]
        return max(named, key=lambda d: edition_key(d.data["edition"]), default=None)

    def data(self, name: str) -> dict:
        document = self.registries.get(name)
        return document.data if document is not None else {}

    def keys(self, name: str, field: str | None = None) -> set[str]:
        data = self.data(name) if field is None else self.data(name).get(field, {})
        return {item["code"] for item in data} if isinstance(data, list) else set(data)

    def checks(self, name: str) -> bool:
        """Whether references into the registry `name` are checked (it is there and valid)."""
        return name in self.registries


def run(context: Context) -> list[Problem]:
    return [dataclasses.replace(problem, code=r.code) for r in RULES for problem in r.check(context)]


def _unknown(document: Document, where: tuple, keys, known: set, what: str) -> Iterator[Problem]:
    for index, key in enumerate(keys or ()):
        if key not in known:
            yield at(document, where + (index,), f"unknown {what} {key}")


def _vocabulary_message(kind: str, value: str, allowed: set) -> str:
    return f"unknown {kind} {value} (manual.yaml lists: {', '.join(sorted(allowed))})"


def _version_message(law: str, version: str, versions: list[str]) -> str:
    listed = "; ".join(f"'{v}'" for v in versions)
    return f"'{version}' is not a version of {law} (laws.yaml lists: {listed})"


def _version_key(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in version.split("."))


# -- the registries -------------------------------------------------------------------------------

@rule("source-without-url")
def source_without_url(ctx: Context) -> Iterator[Problem]:
    """A source names neither a url nor a reference, so no reader can find it."""
    for key, value in ctx.data("sources.yaml").items():
        if not (value.get("url") or value.get("reference")):
            yield at(ctx.registries["sources.yaml"], (key,), "a source needs a url or a reference")


@rule("law-replaced-by-unknown")
def law_replaced_by_unknown(ctx: Context) -> Iterator[Problem]:
    """A law's replaced_by names a law that laws.yaml does not list."""
    laws = ctx.data("laws.yaml")
    for key, value in laws.items():
        if value.get("replaced_by") and value["replaced_by"] not in laws:
            yield at(ctx.registries["laws.yaml"], (key, "replaced_by"), f"unknown law {value['replaced_by']}")


@rule("law-unknown-source")
def law_unknown_source(ctx: Context) -> Iterator[Problem]:
    """A law lists a source that sources.yaml does not."""
    if ctx.checks("sources.yaml"):
        for key, value in ctx.data("laws.yaml").items():
            for problem in _unknown(ctx.registries["laws.yaml"], (key, "sources"), value.get("sources"),
                                    ctx.keys("sources.yaml"), "source"):
                yield dataclasses.replace(problem, message=problem.message + " (not in sources.yaml)")


@rule("chapter-duplicate")
def chapter_duplicate(ctx: Context) -> Iterator[Problem]:
    """manual.yaml lists the same chapter code twice."""
    seen: dict[str, int] = {}
    for index, chapter in enumerate(ctx.data("manual.yaml").get("chapters", ())):
        manual, where = ctx.registries["manual.yaml"], ("chapters", index, "code")
        if chapter["code"] in seen:
            yield at(manual, where, f"duplicate chapter {chapter['code']} (first at line {seen[chapter['code']]})")
        seen.setdefault(chapter["code"], manual.line(where))


@rule("language-first-not-en")
def language_first_not_en(ctx: Context) -> Iterator[Problem]:
    """The first language of languages.yaml is not English, the language every text is written in."""
    languages = ctx.data("languages.yaml").get("languages")
    if languages and languages[0]["code"] != "en":
        yield at(ctx.registries["languages.yaml"], ("languages", 0, "code"),
                 "the first language must be en: every text is written in English first")


@rule("language-duplicate")
def language_duplicate(ctx: Context) -> Iterator[Problem]:
    """languages.yaml lists the same language twice."""
    seen: dict[str, int] = {}
    for index, language in enumerate(ctx.data("languages.yaml").get("languages", ())):
        document, where = ctx.registries["languages.yaml"], ("languages", index, "code")
        if language["code"] in seen:
            yield at(document, where, f"duplicate language {language['code']} (first at line {seen[language['code']]})")
        seen.setdefault(language["code"], document.line(where))


@rule("glossary-unknown-related")
def glossary_unknown_related(ctx: Context) -> Iterator[Problem]:
    """A glossary term relates to a standard that does not exist."""
    for key, term in ctx.data("glossary.yaml").items():
        yield from _unknown(ctx.registries["glossary.yaml"], (key, "related"), term.get("related"),
                            ctx.standard_ids, "standard")


def _registry_sources(ctx: Context, name: str) -> Iterator[Problem]:
    if ctx.checks("sources.yaml"):
        for key, entry in ctx.data(name).items():
            for problem in _unknown(ctx.registries[name], (key, "sources"), entry.get("sources"),
                                    ctx.keys("sources.yaml"), "source"):
                yield dataclasses.replace(problem, message=problem.message + " (not in sources.yaml)")


@rule("glossary-unknown-source")
def glossary_unknown_source(ctx: Context) -> Iterator[Problem]:
    """A glossary term lists a source that sources.yaml does not."""
    yield from _registry_sources(ctx, "glossary.yaml")


@rule("indicator-unknown-source")
def indicator_unknown_source(ctx: Context) -> Iterator[Problem]:
    """An indicator group lists a source that sources.yaml does not."""
    yield from _registry_sources(ctx, "indicators.yaml")


@rule("form-unknown-source")
def form_unknown_source(ctx: Context) -> Iterator[Problem]:
    """A form lists a source that sources.yaml does not."""
    yield from _registry_sources(ctx, "forms.yaml")


@rule("indicator-code-duplicate")
def indicator_code_duplicate(ctx: Context) -> Iterator[Problem]:
    """Two indicator groups share a code (the prefix of their indicator IDs)."""
    seen: dict[str, str] = {}
    for key, group in ctx.data("indicators.yaml").items():
        if group["code"] in seen:
            yield at(ctx.registries["indicators.yaml"], (key, "code"),
                     f"code {group['code']} is already used by {seen[group['code']]}")
        seen.setdefault(group["code"], key)


@rule("indicator-prefix")
def indicator_prefix(ctx: Context) -> Iterator[Problem]:
    """An indicator's ID does not start with its group's code (LAB-01 in the group LAB)."""
    for key, group in ctx.data("indicators.yaml").items():
        for index, item in enumerate(group["indicators"]):
            if not item["id"].startswith(f"{group['code']}-"):
                yield at(ctx.registries["indicators.yaml"], (key, "indicators", index, "id"),
                         f"indicator ID {item['id']} must start with its group code {group['code']}-")


@rule("indicator-duplicate")
def indicator_duplicate(ctx: Context) -> Iterator[Problem]:
    """Two indicators share an ID, in one group or across groups."""
    seen: dict[str, int] = {}
    for key, group in ctx.data("indicators.yaml").items():
        for index, item in enumerate(group["indicators"]):
            document, where = ctx.registries["indicators.yaml"], (key, "indicators", index, "id")
            if item["id"] in seen:
                yield at(document, where, f"duplicate indicator ID {item['id']} (first at line {seen[item['id']]})")
            seen.setdefault(item["id"], document.line(where))


def _card_blocks(ctx: Context) -> Iterator[tuple[tuple, dict]]:
    for key, card in ctx.data("cards.yaml").items():
        for side in ("front", "back"):
            for index, block in enumerate(card.get(side, ())):
                yield (key, side, index), block


@rule("card-unknown-role")
def card_unknown_role(ctx: Context) -> Iterator[Problem]:
    """A pocket card is for a role that manual.yaml does not list."""
    if ctx.checks("manual.yaml"):
        roles = ctx.keys("manual.yaml", "roles")
        for key, card in ctx.data("cards.yaml").items():
            if card["role"] not in roles:
                yield at(ctx.registries["cards.yaml"], (key, "role"), _vocabulary_message("role", card["role"], roles))


@rule("card-unknown-standard")
def card_unknown_standard(ctx: Context) -> Iterator[Problem]:
    """A pocket card block takes its checklist, procedure or musts from a standard that does not exist."""
    for where, block in _card_blocks(ctx):
        for field in ("checklist", "procedure", "musts"):
            if field in block and block[field] not in ctx.standard_ids:
                yield at(ctx.registries["cards.yaml"], (*where, field), f"unknown standard {block[field]}")


@rule("card-unknown-indicator-group")
def card_unknown_indicator_group(ctx: Context) -> Iterator[Problem]:
    """A pocket card block lists the indicators of a group that indicators.yaml does not have."""
    if ctx.checks("indicators.yaml"):
        for where, block in _card_blocks(ctx):
            if "indicators" in block and block["indicators"] not in ctx.keys("indicators.yaml"):
                yield at(ctx.registries["cards.yaml"], (*where, "indicators"),
                         f"unknown indicator group {block['indicators']} (not in indicators.yaml)")


# -- provisions files (standards/provisions/<law>.yaml) ------------------------------------------

def _provisions(ctx: Context) -> Iterator[Document]:
    """The provisions files whose law is known and which are the first for it."""
    for document in ctx.provisions:
        law = document.data["law"]
        if (not ctx.laws.known or law in ctx.laws.versions) and ctx.laws.files.get(law) is document:
            yield document


@rule("provisions-file-name")
def provisions_file_name(ctx: Context) -> Iterator[Problem]:
    """A provisions file is not named after its law (standards/provisions/<law>.yaml)."""
    for document in ctx.provisions:
        law = document.data["law"]
        if document.path.stem != law:
            yield at(document, ("law",),
                     f"{law} does not match the file name {document.path.name} (name the file after the law key)")


@rule("provisions-unknown-law")
def provisions_unknown_law(ctx: Context) -> Iterator[Problem]:
    """A provisions file is for a law that laws.yaml does not list."""
    for document in ctx.provisions:
        if ctx.laws.known and document.data["law"] not in ctx.laws.versions:
            yield at(document, ("law",), f"unknown law {document.data['law']} (not in laws.yaml)")


@rule("provisions-duplicate-file")
def provisions_duplicate_file(ctx: Context) -> Iterator[Problem]:
    """A second provisions file for the same law."""
    for document in ctx.provisions:
        first = ctx.laws.files.get(document.data["law"])
        if first is not None and first is not document:
            yield at(document, ("law",), f"{document.data['law']} already has a provisions file: {first.shown}")


@rule("provisions-version-unknown")
def provisions_version_unknown(ctx: Context) -> Iterator[Problem]:
    """A provisions file was read in a version of its law that laws.yaml does not list."""
    for document in _provisions(ctx):
        law, version = document.data["law"], document.data["version"]
        versions = ctx.laws.versions.get(law)
        if versions is not None and version not in versions:
            yield at(document, ("version",), _version_message(law, version, versions))


@rule("provisions-unknown-source")
def provisions_unknown_source(ctx: Context) -> Iterator[Problem]:
    """A provisions file, or one provision, names a source that sources.yaml does not list."""
    if not ctx.checks("sources.yaml"):
        return
    sources = ctx.keys("sources.yaml")
    for document in _provisions(ctx):
        if document.data["source"] not in sources:
            yield at(document, ("source",), f"unknown source {document.data['source']} (not in sources.yaml)")
        for index, provision in enumerate(document.data["provisions"]):
            if "source" in provision and provision["source"] not in sources:
                yield at(document, ("provisions", index, "source"),
                         f"unknown source {provision['source']} (not in sources.yaml)")


@rule("provision-duplicate-number")
def provision_duplicate_number(ctx: Context) -> Iterator[Problem]:
    """A provisions file lists the same provision twice."""
    for document in _provisions(ctx):
        seen: dict[str, int] = {}
        for index, provision in enumerate(document.data["provisions"]):
            where, number = ("provisions", index, "number"), provision["number"]
            if number in seen:
                yield at(document, where, f"duplicate provision {number} (first at line {seen[number]})")
            seen.setdefault(number, document.line(where))


def _successions(ctx: Context) -> Iterator[tuple[Document, tuple, dict, str | None]]:
    """(file, where, provision, the law that replaced the file's law or None) for known laws."""
    if not ctx.laws.known:
        return  # laws.yaml is missing or broken: nothing to check successors against
    for document in _provisions(ctx):
        entry = ctx.laws.laws.get(document.data["law"], {})
        if entry.get("status") == "repealed" and not entry.get("replaced_by"):
            continue  # laws.yaml reports the missing replaced_by
        successor = entry.get("replaced_by") if entry.get("status") == "repealed" else None
        for index, provision in enumerate(document.data["provisions"]):
            yield document, ("provisions", index), provision, successor


@rule("successors-on-law-in-force")
def successors_on_law_in_force(ctx: Context) -> Iterator[Problem]:
    """A provision of a law that is not repealed names successors."""
    for document, where, provision, successor in _successions(ctx):
        if successor is None and provision.get("successors") is not None:
            yield at(document, (*where, "successors"), "only a provision of a repealed law names successors "
                     f"({document.data['law']} is not repealed)")


@rule("successor-missing")
def successor_missing(ctx: Context) -> Iterator[Problem]:
    """A provision of a repealed law does not say which provisions of the law in force cover it."""
    for document, where, provision, successor in _successions(ctx):
        if successor is not None and provision.get("successors") is None:
            yield at(document, where, f"{document.data['law']} is repealed: name the provisions of {successor} "
                     f"that now cover {provision['number']} in successors (an empty list and a successor_note "
                     "if none does)")


@rule("successor-empty-without-note")
def successor_empty_without_note(ctx: Context) -> Iterator[Problem]:
    """A provision of a repealed law has no successor and no note saying why."""
    for document, where, provision, successor in _successions(ctx):
        if successor is not None and provision.get("successors") == [] and "successor_note" not in provision:
            yield at(document, (*where, "successors"),
                     "an empty successors list needs a successor_note saying why nothing replaces it")


@rule("successor-unknown")
def successor_unknown(ctx: Context) -> Iterator[Problem]:
    """A successor is not a provision read in the provisions file of the law in force."""
    for document, where, provision, successor in _successions(ctx):
        if successor is None:
            continue
        for position, number in enumerate(provision.get("successors") or ()):
            why = ctx.laws.unlisted(successor, number)
            if why:
                yield at(document, (*where, "successors", position), why)


# -- citations (a standard's legal_basis) ---------------------------------------------------------

def _citations(ctx: Context, known_law: bool = True) -> Iterator[tuple[Document, tuple, dict]]:
    for document in ctx.standards:
        for index, citation in enumerate(document.data["legal_basis"]):
            if not known_law or not ctx.laws.known or citation["law"] in ctx.laws.versions:
                yield document, ("legal_basis", index), citation


@rule("citation-unknown-law")
def citation_unknown_law(ctx: Context) -> Iterator[Problem]:
    """A citation names a law that laws.yaml does not list."""
    for document, where, citation in _citations(ctx, known_law=False):
        if ctx.laws.known and citation["law"] not in ctx.laws.versions:
            yield at(document, (*where, "law"), f"unknown law {citation['law']} (not in laws.yaml)")


@rule("citation-unknown-source")
def citation_unknown_source(ctx: Context) -> Iterator[Problem]:
    """A citation was read in a source that sources.yaml does not list."""
    for document, where, citation in _citations(ctx):
        source = citation.get("source")
        if source and ctx.checks("sources.yaml") and source not in ctx.keys("sources.yaml"):
            yield at(document, (*where, "source"), f"unknown source {source} (not in sources.yaml)")


@rule("citation-provision-not-listed")
def citation_provision_not_listed(ctx: Context) -> Iterator[Problem]:
    """A citation names a provision its law's provisions file does not list: invented, or not yet read."""
    for document, where, citation in _citations(ctx):
        why = ctx.laws.unlisted(citation["law"], citation["provision"])
        if why:
            yield at(document, (*where, "provision"), why)


def _verified(ctx: Context) -> Iterator[tuple[Document, tuple, dict]]:
    """Verified citations of listed provisions whose source is known."""
    for document, where, citation in _citations(ctx):
        source = citation.get("source")
        known = not ctx.checks("sources.yaml") or source in ctx.keys("sources.yaml")
        if citation["verified"] and source and known and not ctx.laws.unlisted(citation["law"], citation["provision"]):
            yield document, where, citation


@rule("citation-read-elsewhere")
def citation_read_elsewhere(ctx: Context) -> Iterator[Problem]:
    """A verified citation names a source other than the one its provision was read in."""
    for document, where, citation in _verified(ctx):
        law, number, source = citation["law"], citation["provision"], citation["source"]
        read_in = ctx.laws.read_in.get(law, {}).get(number)
        if read_in is not None and read_in != source:
            yield at(document, (*where, "source"), f"{law} {number} was read in {read_in} "
                     f"({ctx.laws.files[law].shown}), not in {source}: cite that source, "
                     "or record the reading there first")


@rule("citation-not-text-of-law")
def citation_not_text_of_law(ctx: Context) -> Iterator[Problem]:
    """A citation is verified in a source that does not reproduce the text of the law."""
    for document, where, citation in _verified(ctx):
        law, number, source = citation["law"], citation["provision"], citation["source"]
        read_in = ctx.laws.read_in.get(law, {}).get(number)
        if (read_in is None or read_in == source) and ctx.checks("sources.yaml") \
                and not ctx.data("sources.yaml")[source].get("text_of_law"):
            yield at(document, (*where, "verified"), f"{source} does not reproduce the text of the law "
                     "(text_of_law in sources.yaml): a citation read there stays verified: false")


@rule("citation-version-unknown")
def citation_version_unknown(ctx: Context) -> Iterator[Problem]:
    """A citation was checked against a version of its law that laws.yaml does not list."""
    for document, where, citation in _citations(ctx):
        versions = ctx.laws.versions.get(citation["law"])
        if versions is not None and citation["version"] not in versions:
            yield at(document, (*where, "version"), _version_message(citation["law"], citation["version"], versions))


@rule("citation-version-stale")
def citation_version_stale(ctx: Context) -> Iterator[Problem]:
    """A citation was checked against an older text of its law than the one in force (a warning)."""
    for document, where, citation in _citations(ctx):
        versions = ctx.laws.versions.get(citation["law"])
        if versions and citation["version"] in versions[1:]:
            yield at(document, (*where, "version"), f"checked against '{citation['version']}', but the text of "
                     f"{citation['law']} in force is '{versions[0]}': re-check against the amended text", warning=True)


@rule("citation-requirement-unknown")
def citation_requirement_unknown(ctx: Context) -> Iterator[Problem]:
    """A citation says it supports a requirement the standard does not have."""
    for document, where, citation in _citations(ctx, known_law=False):
        ids = {r["id"] for r in document.data["requirements"]}
        for position, requirement in enumerate(citation.get("requirements", ())):
            if requirement not in ids:
                yield at(document, (*where, "requirements", position),
                         f"{requirement} is not a requirement of {document.data['id']}")


# -- standards ------------------------------------------------------------------------------------

@rule("standard-first-line")
def standard_first_line(ctx: Context) -> Iterator[Problem]:
    """A standard's first line is not the schema line editors' tools read."""
    for document in ctx.standards:
        if document.first_line != SCHEMA_LINE:
            yield Problem(document.shown, 1, "-", f"first line must be '{SCHEMA_LINE}'")


@rule("standard-file-name")
def standard_file_name(ctx: Context) -> Iterator[Problem]:
    """A standard's file is not named after its ID (LF-003.yaml)."""
    for document in ctx.standards:
        if document.path.stem != document.data["id"]:
            yield at(document, ("id",), f"ID {document.data['id']} does not match the file name {document.path.name}")


@rule("standard-folder")
def standard_folder(ctx: Context) -> Iterator[Problem]:
    """A standard sits in a folder other than its chapter's."""
    for document in ctx.standards:
        if document.path.parent.name != document.data["chapter"]:
            yield at(document, ("chapter",), f"chapter {document.data['chapter']} does not match the folder "
                     f"{document.path.parent.name}/")


@rule("standard-unknown-chapter")
def standard_unknown_chapter(ctx: Context) -> Iterator[Problem]:
    """A standard's chapter is not one manual.yaml lists."""
    if ctx.checks("manual.yaml"):
        chapters = ctx.keys("manual.yaml", "chapters")
        for document in ctx.standards:
            if document.data["chapter"] not in chapters:
                yield at(document, ("chapter",), _vocabulary_message("chapter", document.data["chapter"], chapters))


@rule("standard-id-prefix")
def standard_id_prefix(ctx: Context) -> Iterator[Problem]:
    """A standard's ID does not start with its chapter code."""
    for document in ctx.standards:
        sid, chapter = document.data["id"], document.data["chapter"]
        if not sid.startswith(chapter + "-"):
            yield at(document, ("id",), f"ID {sid} does not start with its chapter code {chapter}")


@rule("requirement-id-prefix")
def requirement_id_prefix(ctx: Context) -> Iterator[Problem]:
    """A requirement's ID does not start with its standard's ID (LF-003.01 in LF-003)."""
    for document in ctx.standards:
        sid = document.data["id"]
        for index, requirement in enumerate(document.data["requirements"]):
            if not requirement["id"].startswith(sid + "."):
                yield at(document, ("requirements", index, "id"),
                         f"requirement ID {requirement['id']} must start with {sid}.")


def _vocabulary(ctx: Context, field: str, kind: str) -> Iterator[Problem]:
    if ctx.checks("manual.yaml"):
        allowed = ctx.keys("manual.yaml", field)
        for document in ctx.standards:
            for index, value in enumerate(document.data.get(field, ())):
                if value not in allowed:
                    yield at(document, (field, index), _vocabulary_message(kind, value, allowed))


@rule("standard-unknown-role")
def standard_unknown_role(ctx: Context) -> Iterator[Problem]:
    """A standard is for a role that manual.yaml does not list."""
    yield from _vocabulary(ctx, "roles", "role")


@rule("standard-unknown-tag")
def standard_unknown_tag(ctx: Context) -> Iterator[Problem]:
    """A standard carries a tag that manual.yaml does not list."""
    yield from _vocabulary(ctx, "tags", "tag")


@rule("related-self")
def related_self(ctx: Context) -> Iterator[Problem]:
    """A standard lists itself as related."""
    for document in ctx.standards:
        for index, other in enumerate(document.data.get("related", ())):
            if other == document.data["id"]:
                yield at(document, ("related", index), "a standard cannot be related to itself")


@rule("related-unknown")
def related_unknown(ctx: Context) -> Iterator[Problem]:
    """A standard lists a related standard that does not exist."""
    for document in ctx.standards:
        for index, other in enumerate(document.data.get("related", ())):
            if other != document.data["id"] and other not in ctx.standard_ids:
                yield at(document, ("related", index), f"unknown standard {other}")


@rule("withdrawn-without-replacement")
def withdrawn_without_replacement(ctx: Context) -> Iterator[Problem]:
    """A withdrawn standard does not say which standard replaces it."""
    for document in ctx.standards:
        if document.data["status"] == "withdrawn" and not document.data.get("replaced_by"):
            yield Problem(document.shown, document.line(("status",)), "replaced_by",
                          "a withdrawn standard must name replaced_by")


@rule("replaced-by-on-active")
def replaced_by_on_active(ctx: Context) -> Iterator[Problem]:
    """A standard in force names replaced_by."""
    for document in ctx.standards:
        if document.data.get("replaced_by") and document.data["status"] not in ("withdrawn", "deprecated"):
            yield at(document, ("replaced_by",), "only a withdrawn or deprecated standard names replaced_by")


@rule("replaced-by-unknown")
def replaced_by_unknown(ctx: Context) -> Iterator[Problem]:
    """A standard is replaced by a standard that does not exist."""
    for document in ctx.standards:
        replaced_by = document.data.get("replaced_by")
        if replaced_by and replaced_by not in ctx.standard_ids:
            yield at(document, ("replaced_by",), f"unknown standard {replaced_by}")


def _references(ctx: Context, field: str, registry: str, what: str) -> Iterator[Problem]:
    if ctx.checks(registry):
        known = ctx.keys(registry)
        for document in ctx.standards:
            for index, key in enumerate(document.data.get(field, ())):
                if key not in known:
                    yield at(document, (field, index), f"unknown {what} {key} (not in {registry})")


@rule("standard-unknown-source")
def standard_unknown_source(ctx: Context) -> Iterator[Problem]:
    """A standard lists a source that sources.yaml does not."""
    yield from _references(ctx, "sources", "sources.yaml", "source")


@rule("standard-unknown-indicator-group")
def standard_unknown_indicator_group(ctx: Context) -> Iterator[Problem]:
    """A standard lists an indicator group that indicators.yaml does not have."""
    yield from _references(ctx, "indicators", "indicators.yaml", "indicator group")


@rule("standard-unknown-form")
def standard_unknown_form(ctx: Context) -> Iterator[Problem]:
    """A standard lists a form that forms.yaml does not have."""
    yield from _references(ctx, "forms", "forms.yaml", "form")


@rule("changes-version")
def changes_version(ctx: Context) -> Iterator[Problem]:
    """The newest change in a standard's history is not its current version."""
    for document in ctx.standards:
        newest, version = document.data["changes"][0]["version"], document.data["version"]
        if newest != version:
            yield at(document, ("changes", 0, "version"),
                     f"newest change is version {newest} but the standard is version {version}")


@rule("changes-order")
def changes_order(ctx: Context) -> Iterator[Problem]:
    """A standard's history is not listed newest first."""
    for document in ctx.standards:
        changes = document.data["changes"]
        for index in range(1, len(changes)):
            newer, older = changes[index - 1], changes[index]
            if older["date"] > newer["date"] or _version_key(older["version"]) > _version_key(newer["version"]):
                yield at(document, ("changes", index), "changes must be listed newest first")


@rule("requirement-level-word")
def requirement_level_word(ctx: Context) -> Iterator[Problem]:
    """A requirement's English text does not say its level word (a MUST that says "should")."""
    for document in ctx.standards:
        for index, requirement in enumerate(document.data["requirements"]):
            if not re.search(rf"\b{requirement['level']}\b", requirement["text"]["en"].lower()):
                yield at(document, ("requirements", index, "text", "en"),
                         f"a {requirement['level'].upper()} requirement must say '{requirement['level']}'")


@rule("requirement-actor")
def requirement_actor(ctx: Context) -> Iterator[Problem]:
    """A requirement's English does not start with who acts, a role of the manual: "The investigating
    officer must …" (the actors are listed in manual.yaml, by role)."""
    manual = ctx.data("manual.yaml")
    actors = manual.get("actors") or {key: role["en"].lower() for key, role in manual.get("roles", {}).items()}
    if not actors:
        return
    names = sorted(set(actors.values()), key=len, reverse=True)
    pattern = re.compile(r"^(?:The|Every|Each) (?:" + "|".join(re.escape(n) for n in names) + r")\b", re.IGNORECASE)
    for document in ctx.standards:
        for index, requirement in enumerate(document.data["requirements"]):
            if not pattern.match(requirement["text"]["en"]):
                yield at(document, ("requirements", index, "text", "en"),
                         f"start with who acts, a role of the manual: The {' / '.join(names)} …")


@rule("standard-id-duplicate")
def standard_id_duplicate(ctx: Context) -> Iterator[Problem]:
    """Two standard files carry the same ID."""
    first: dict[str, str] = {}
    for document in ctx.standards:
        sid, here = document.data["id"], f"{document.shown}:{document.line(('id',))}"
        if sid in first:
            yield at(document, ("id",), f"duplicate standard ID {sid} (also at {first[sid]})")
        first.setdefault(sid, here)


@rule("requirement-id-duplicate")
def requirement_id_duplicate(ctx: Context) -> Iterator[Problem]:
    """Two requirements carry the same ID, in one standard or across standards."""
    first: dict[str, str] = {}
    for document in ctx.standards:
        for index, requirement in enumerate(document.data["requirements"]):
            rid, where = requirement["id"], ("requirements", index, "id")
            if rid in first:
                yield at(document, where, f"duplicate requirement ID {rid} (also at {first[rid]})")
            first.setdefault(rid, f"{document.shown}:{document.line(where)}")


# -- questions (standards/questions/<CHAPTER>.yaml) -----------------------------------------------

@rule("questions-file-name")
def questions_file_name(ctx: Context) -> Iterator[Problem]:
    """A questions file is not named after a chapter of manual.yaml (questions/IV.yaml)."""
    if ctx.checks("manual.yaml"):
        chapters = ctx.keys("manual.yaml", "chapters")
        for document in ctx.questions:
            if document.path.stem not in chapters:
                yield Problem(document.shown, 1, "-", _vocabulary_message("chapter", document.path.stem, chapters)
                              + ": name the file after the chapter of its standards")


@rule("questions-unknown-standard")
def questions_unknown_standard(ctx: Context) -> Iterator[Problem]:
    """A questions file lists a standard that does not exist, or one of another chapter."""
    for document in ctx.questions:
        for sid in document.data:
            if sid not in ctx.standard_ids:
                yield at(document, (sid,), f"unknown standard {sid}")
            elif not sid.startswith(document.path.stem + "-"):
                yield at(document, (sid,), f"{sid} belongs in questions/{sid[:2]}.yaml, not {document.path.name}")


# -- change control: the standards against the newest published edition (standards/editions/) ----

@rule("edition-file-name")
def edition_file_name(ctx: Context) -> Iterator[Problem]:
    """An edition's record is not named after its edition (editions/2026.1.yaml)."""
    for document in ctx.editions:
        if document.path.stem != document.data["edition"]:
            yield at(document, ("edition",), f"edition {document.data['edition']} does not match the file name "
                     f"{document.path.name}")


def _since(ctx: Context) -> Iterator[tuple[Document, dict, dict]]:
    """(standard file, its record in the newest edition, its record now) for published standards."""
    published = ctx.published()
    if published is None:
        return
    for document in ctx.standards:
        was = published.data["standards"].get(document.data["id"])
        if was is not None:
            yield document, was, editions.record(build_standard(document.data))


def _edition(ctx: Context) -> str:
    published = ctx.published()
    return published.data["edition"] if published is not None else ""


@rule("version-backwards")
def version_backwards(ctx: Context) -> Iterator[Problem]:
    """A standard's version is lower than the one published."""
    for document, was, now in _since(ctx):
        if version_key(now["version"]) < version_key(was["version"]):
            yield at(document, ("version",), f"version {now['version']} is lower than {was['version']}, "
                     f"published in edition {_edition(ctx)}")


@rule("change-without-version")
def change_without_version(ctx: Context) -> Iterator[Problem]:
    """A published standard's content changed but its version did not (raise it and add a change entry)."""
    for document, was, now in _since(ctx):
        if now["hash"] != was["hash"] and now["version"] == was["version"]:
            yield at(document, ("version",), f"{document.data['id']} changed since edition {_edition(ctx)} but is "
                     f"still version {now['version']}: raise the version (MINOR for wording, MAJOR for what "
                     "officers must do) and add a change entry")


@rule("change-needs-major")
def change_needs_major(ctx: Context) -> Iterator[Problem]:
    """What officers must, should or may do changed (a requirement added, removed, a level or a role
    changed) without a MAJOR version."""
    for document, was, now in _since(ctx):
        (change,) = editions.compare({"edition": "", "standards": {"x": was}},
                                     {"edition": "", "standards": {"x": now}}) or (None,)
        if change is None or not change.obligations:
            continue
        if version_key(now["version"])[0] <= version_key(was["version"])[0]:
            yield at(document, ("version",), f"{', '.join(change.obligations)} since edition {_edition(ctx)}: "
                     f"that changes what officers must do, so the version needs a MAJOR bump "
                     f"({was['version']} -> {version_key(was['version'])[0] + 1}.0)")


@rule("standard-deleted")
def standard_deleted(ctx: Context) -> Iterator[Problem]:
    """A published standard's file is gone: keep it, with status withdrawn and replaced_by."""
    published = ctx.published()
    if published is None:
        return
    for sid, was in published.data["standards"].items():
        if sid not in ctx.standard_ids:
            path = ctx.root / was["chapter"] / f"{sid}.yaml"
            yield Problem(shown_path(path), 0, "-", f"{sid} was published in edition {published.data['edition']} "
                          "and its file is gone: restore it with status: withdrawn and replaced_by")


@rule("requirement-renumbered")
def requirement_renumbered(ctx: Context) -> Iterator[Problem]:
    """A published requirement's text now stands under another ID: IDs are never renumbered."""
    for document, was, now in _since(ctx):
        old_ids = {r["text"]["en"]: r["id"] for r in was["requirements"]}
        for index, requirement in enumerate(now["requirements"]):
            old = old_ids.get(requirement["text"]["en"])
            if old is not None and old != requirement["id"]:
                yield at(document, ("requirements", index, "id"), f"{requirement['id']} has the text "
                         f"published as {old} in edition {_edition(ctx)}: keep the ID {old}")


@rule("withdrawn-id-reused")
def withdrawn_id_reused(ctx: Context) -> Iterator[Problem]:
    """A standard published as withdrawn is in force again: a withdrawn ID is never used again."""
    for document, was, now in _since(ctx):
        if was["status"] == "withdrawn" and now["status"] != "withdrawn":
            yield at(document, ("status",), f"{document.data['id']} was withdrawn in edition {_edition(ctx)}: "
                     "its ID is never used again (give the new standard a new ID)")


QUOTED = re.compile(r"'[^']*'|‘[^’]*’|“[^”]*”|\"[^\"]*\"")


def _bengali_texts(data, where: tuple = ()) -> Iterator[tuple[tuple, str]]:
    """Every Bengali text in `data` (the value of a `bn` key), with where it is."""
    if isinstance(data, dict):
        for key, value in data.items():
            if key == "bn" and isinstance(value, str):
                yield (*where, key), value
            else:
                yield from _bengali_texts(value, (*where, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _bengali_texts(value, (*where, index))


@rule("terminology-rejected")
def terminology_rejected(ctx: Context) -> Iterator[Problem]:
    """A Bengali text uses a word terminology.yaml rejects: write the manual's word for that idea."""
    terms = ctx.data("terminology.yaml").get("terms", {})
    rejected = [(word, term) for term in terms.values() for word in term["rejected"]]
    if not rejected:
        return
    documents = [d for name, d in ctx.registries.items() if name != "terminology.yaml"] + ctx.standards + ctx.courses
    for document in documents:
        for where, text in _bengali_texts(document.data):
            unquoted = QUOTED.sub("", text)  # a word in quotation marks is being talked about, not used
            for word, term in rejected:
                if word in unquoted:
                    yield at(document, where, f"'{word}' for {term['en']}: the manual writes '{term['bn']}' "
                             f"({term['basis']['en'].rstrip('.')}; standards/terminology.yaml)")


@rule("requirement-withdrawn")
def requirement_withdrawn(ctx: Context) -> Iterator[Problem]:
    """A withdrawn requirement does not name the requirement in force that replaced it (or a
    requirement in force names a replacement)."""
    in_force = _in_force(ctx)
    for document in ctx.standards:
        for index, requirement in enumerate(document.data["requirements"]):
            replacement = requirement.get("replaced_by")
            if requirement.get("status") != "withdrawn":
                if replacement is not None:
                    yield at(document, ("requirements", index, "replaced_by"),
                             "only a withdrawn requirement names what replaced it (add status: withdrawn)")
            elif replacement is None:
                yield at(document, ("requirements", index), f"{requirement['id']} is withdrawn: name the "
                         "requirement that now holds its duty (replaced_by)")
            elif replacement not in in_force:
                yield at(document, ("requirements", index, "replaced_by"),
                         f"{replacement} is not a requirement in force")


@rule("indicator-covers-unknown")
def indicator_covers_unknown(ctx: Context) -> Iterator[Problem]:
    """An indicator group covers a form of exploitation manual.yaml does not list (exploitation_forms)."""
    if not ctx.checks("indicators.yaml"):
        return
    forms = set(ctx.data("manual.yaml").get("exploitation_forms", {}))
    for key, group in ctx.data("indicators.yaml").items():
        for index, clause in enumerate(group.get("covers", ())):
            if clause not in forms:
                yield at(ctx.registries["indicators.yaml"], (key, "covers", index),
                         f"unknown form of exploitation {clause} (manual.yaml exploitation_forms: "
                         f"{', '.join(forms) or 'none'})")


# -- the training curriculum (standards/curriculum/<COURSE>.yaml) ----------------------------------

def _in_force(ctx: Context) -> set[str]:
    return {r["id"] for d in ctx.standards for r in d.data["requirements"] if r.get("status") != "withdrawn"}


def _requirement_links(course: Document) -> Iterator[tuple[tuple, str]]:
    """Every requirement a course points at, with where: objectives, questions, exercises."""
    for m, module in enumerate(course.data["modules"]):
        for o, objective in enumerate(module["objectives"]):
            for t, rid in enumerate(objective["teaches"]):
                yield ("modules", m, "objectives", o, "teaches", t), rid
        for q, question in enumerate(module["questions"]):
            yield ("modules", m, "questions", q, "tests"), question["tests"]
    for x, exercise in enumerate(course.data.get("exercises", ())):
        for r, rid in enumerate(exercise["requirements"]):
            yield ("exercises", x, "requirements", r), rid


@rule("curriculum-requirement-unknown")
def curriculum_requirement_unknown(ctx: Context) -> Iterator[Problem]:
    """An objective, question or exercise points at a requirement that is not in force (unknown or withdrawn)."""
    in_force = _in_force(ctx)
    withdrawn = {r["id"] for d in ctx.standards for r in d.data["requirements"] if r.get("status") == "withdrawn"}
    for course in ctx.courses:
        for where, rid in _requirement_links(course):
            if rid not in in_force:
                yield at(course, where, f"{rid} is {'withdrawn' if rid in withdrawn else 'not a requirement'}: "
                         "teach and test requirements in force")


@rule("curriculum-hours")
def curriculum_hours(ctx: Context) -> Iterator[Problem]:
    """A course's hours are not the sum of its modules' hours."""
    for course in ctx.courses:
        total = sum(module["hours"] for module in course.data["modules"])
        if abs(total - course.data["hours"]) > 1e-9:
            yield at(course, ("hours",), f"{course.data['hours']} h, but the modules add up to {total:g} h")


@rule("curriculum-reference")
def curriculum_reference(ctx: Context) -> Iterator[Problem]:
    """A course names an unknown role, course, standard, form, card or indicator group, a module of
    another course, or a question whose answer does not fit its kind; or its file is misnamed."""
    roles = ctx.keys("manual.yaml", "roles")
    courses = {c.data["id"]: c.data["kind"] for c in ctx.courses}
    known = {"standards": ctx.standard_ids, "forms": ctx.keys("forms.yaml"), "cards": ctx.keys("cards.yaml"),
             "indicators": ctx.keys("indicators.yaml")}
    for course in ctx.courses:
        data = course.data
        if course.path.stem != data["id"]:
            yield at(course, ("id",), f"the file of course {data['id']} is named {data['id']}.yaml")
        yield from _unknown(course, ("audience",), data["audience"], roles, "role")
        yield from _unknown(course, ("prerequisites",), data.get("prerequisites"), set(courses), "course")
        for index, included in enumerate(data.get("includes", ())):
            if courses.get(included) != "module":
                yield at(course, ("includes", index), f"{included} is not a cross-cutting module (kind: module)")
        for m, module in enumerate(data["modules"]):
            if not module["id"].startswith(f"{data['id']}-M"):
                yield at(course, ("modules", m, "id"), f"a module of {data['id']} is numbered {data['id']}-M01, -M02 …")
            for kind, keys in module.get("materials", {}).items():
                if kind in known and (kind != "forms" or ctx.checks("forms.yaml")) \
                        and (kind != "cards" or ctx.checks("cards.yaml")) \
                        and (kind != "indicators" or ctx.checks("indicators.yaml")):
                    yield from _unknown(course, ("modules", m, "materials", kind), keys, known[kind], kind[:-1])
            for q, question in enumerate(module["questions"]):
                answer, options = question["answer"], question.get("options")
                if question["kind"] == "true-false":
                    fits = isinstance(answer, bool) and not options
                else:
                    fits = not isinstance(answer, bool) and 3 <= len(options or ()) <= 5 and 0 <= answer < len(options)
                if not fits:
                    yield at(course, ("modules", m, "questions", q, "answer"),
                             "a true-false question has answer true or false and no options; a multiple-choice "
                             "question has 3 to 5 options and the index of the right one")


@rule("self-assessment-reference")
def self_assessment_reference(ctx: Context) -> Iterator[Problem]:
    """The unit self-assessment names an unknown chapter or a requirement not in force, numbers an
    item outside its section (SA-<chapter>-NN) or twice, or lists its sections out of the manual's
    chapter order."""
    if not ctx.checks("self-assessment.yaml"):
        return
    document = ctx.registries["self-assessment.yaml"]
    chapters = [c["code"] for c in ctx.data("manual.yaml").get("chapters", ())]
    in_force, seen, last = _in_force(ctx), set(), -1
    for s, section in enumerate(document.data["sections"]):
        code = section["chapter"]
        if code not in chapters:
            yield at(document, ("sections", s, "chapter"), f"unknown chapter {code} (manual.yaml chapters)")
        elif chapters.index(code) <= last:
            yield at(document, ("sections", s, "chapter"), f"section {code} is out of the manual's chapter order "
                     "(or given twice)")
        else:
            last = chapters.index(code)
        for i, item in enumerate(section["items"]):
            if not item["id"].startswith(f"SA-{code}-") or item["id"] in seen:
                yield at(document, ("sections", s, "items", i, "id"),
                         f"{item['id']}: items of section {code} are numbered SA-{code}-01, -02 …, each once")
            seen.add(item["id"])
            for c, rid in enumerate(item["checks"]):
                if rid not in in_force:
                    yield at(document, ("sections", s, "items", i, "checks", c),
                             f"{rid} is not a requirement in force")


@rule("curriculum-recheck")
def curriculum_recheck(ctx: Context) -> Iterator[Problem]:
    """A standard a course teaches changed after the course's lessons were written (a warning:
    check the lessons, then set the course's `written`)."""
    changed = {d.data["id"]: max((str(c["date"]) for c in d.data.get("changes", ())), default="")
               for d in ctx.standards}
    for course in ctx.courses:
        written = str(course.data["written"])
        taught = sorted({rid.split(".")[0] for _, rid in _requirement_links(course)})
        later = [sid for sid in taught if changed.get(sid, "") > written]
        if later:
            yield at(course, ("written",), f"{', '.join(later)} changed after {written}, when these lessons were "
                     "written: check them, then set written to the newest change's date", warning=True)


@rule("curriculum-untaught-must")
def curriculum_untaught_must(ctx: Context) -> Iterator[Problem]:
    """MUST requirements that no course for their roles teaches (a warning; tism report lists them)."""
    if not ctx.courses:
        return
    musts = [(r["id"], d.data["roles"]) for d in ctx.standards if d.data["status"] != "withdrawn"
             for r in d.data["requirements"] if r.get("status") != "withdrawn" and r["level"] == "must"]
    courses = [(c.data["audience"], [rid for m in c.data["modules"] for o in m["objectives"] for rid in o["teaches"]])
               for c in ctx.courses]
    untaught = curriculum.untaught(musts, courses)
    if untaught:
        first = ctx.courses[0]
        yield at(first, ("id",), f"{len(untaught)} MUST requirement(s) taught by no course for their roles "
                 "(tism report --json: untaught_must_requirements)", warning=True)

