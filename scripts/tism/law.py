"""The legal layer as questions about the Catalogue: who cites which provision, what is pending legal
review, what was checked against an older text, and what replaced a repealed provision.

Pure functions over frozen data: no I/O, no mkdocs. The report and the legal pages both ask here.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .model import Catalogue, Citation, Language, Law, Provision, Standard


@dataclass(frozen=True)
class Use:
    """One citation where it stands: the standard that makes it."""

    standard: Standard
    citation: Citation


def uses(catalogue: Catalogue, law_key: str | None = None) -> list[Use]:
    """Every citation (of one instrument, if given), in standard order."""
    return [Use(s, c) for s in catalogue.standards for c in s.legal_basis if law_key in (None, c.law)]


def citing(catalogue: Catalogue, law_key: str, number: str) -> list[Use]:
    """The citations of one provision: the reverse index of its page."""
    return [u for u in uses(catalogue, law_key) if u.citation.provision == number]


def is_stale(catalogue: Catalogue, citation: Citation) -> bool:
    """Checked against a text of the instrument older than the one in force."""
    law = catalogue.laws[citation.law]
    return bool(law.versions) and citation.version != law.version


def pending(catalogue: Catalogue) -> list[Use]:
    return [u for u in uses(catalogue) if not u.citation.verified]


def stale(catalogue: Catalogue) -> list[Use]:
    return [u for u in uses(catalogue) if is_stale(catalogue, u.citation)]


def by_law(catalogue: Catalogue) -> dict[str, dict[str, int]]:
    """Citations and verified citations per instrument, for `tism report`."""
    counts = {key: {"cited": 0, "verified": 0} for key in catalogue.laws}
    for use in uses(catalogue):
        counts[use.citation.law]["cited"] += 1
        counts[use.citation.law]["verified"] += use.citation.verified
    return counts


def successors(catalogue: Catalogue, law: Law, provision: Provision) -> tuple[Provision, ...]:
    """The provisions of the replacing instrument that now cover a repealed provision."""
    replacing = catalogue.laws.get(law.replaced_by or "")
    if replacing is None or not provision.successors:
        return ()
    found = (replacing.provision(number) for number in provision.successors)
    return tuple(p for p in found if p is not None)


def anchor(number: str) -> str:
    """A stable HTML id for a provision: "s.30(5)" -> "s30-5", "Art. 3(b)" -> "art3-b"."""
    text = re.sub(r"[^0-9a-z\u0980-\u09ff]+", "-", number.lower()).strip("-")
    return re.sub(r"^(s|ss|art|arts|r)-(?=\d)", r"\1", text)


def label(number: str, language: Language) -> str:
    """A provision number as a reader of `language` writes it: s.30(5) / ধারা ৩০(৫)
    (the words and digits are in standards/languages.yaml)."""
    prefixes = dict(language.prefixes)
    if prefixes:
        pattern = "|".join(re.escape(p) for p in sorted(prefixes, key=len, reverse=True))
        number = re.sub(rf"(?<![A-Za-z])({pattern})\.\s*(?=\d)", lambda m: prefixes[m.group(1)], number)
    for word, translated in language.words:
        number = number.replace(word, translated)
    return language.in_digits(number)
