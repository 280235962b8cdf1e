"""`tism show ID`: a standard or one requirement as plain text for the terminal (pure)."""
from __future__ import annotations

import textwrap

from . import law as laws
from .model import Catalogue
from .render import label


def _wrap(text: str, indent: str = "  ") -> str:
    return textwrap.fill(text, width=92, initial_indent=indent, subsequent_indent=indent)


def show_text(catalogue: Catalogue, item_id: str, lang: str = "en") -> str:
    """The standard `item_id` (IV-004) or the requirement (IV-004.02) with its standard's title.
    Raises KeyError for an unknown ID."""
    item_id = item_id.upper()
    if "." in item_id:
        found = catalogue.requirement(item_id)
        if found is None:
            raise KeyError(item_id)
        standard, requirement = found
        return "\n".join([
            f"{standard.id} · {standard.title.get(lang)}",
            "",
            f"{requirement.id} [{label(lang, requirement.level)}]",
            _wrap(requirement.text.get(lang)),
        ])
    standard = catalogue.by_id[item_id]
    out = [f"{standard.id} · {standard.title.get(lang)}",
           f"{label(lang, standard.status)} · {label(lang, 'version')} {standard.version} · "
           f"{label(lang, 'effective')} {standard.effective_from}", "",
           _wrap(standard.summary.get(lang), ""), "", label(lang, "requirements").upper()]
    for requirement in standard.requirements:
        out += [f"  {requirement.id} [{label(lang, requirement.level)}]", _wrap(requirement.text.get(lang), "    ")]
    out += ["", label(lang, "legal_basis").upper()]
    for citation in standard.legal_basis:
        law = catalogue.laws[citation.law]
        mark = "" if citation.verified else f"  ({label(lang, 'pending')})"
        mark += f"  ({label(lang, 'recheck')})" if laws.is_stale(catalogue, citation) else ""
        repealed = f"  ({label(lang, 'repealed')})" if law.repealed else ""
        out.append(_wrap(f"{law.short}, {laws.label(citation.provision, lang)}{mark}{repealed}"))
    if standard.procedure:
        out += ["", label(lang, "procedure").upper()]
        out += [_wrap(f"{n}. {step.get(lang)}") for n, step in enumerate(standard.procedure, 1)]
    out += ["", label(lang, "checklist").upper()]
    out += [_wrap(f"[ ] {item.get(lang)}") for item in standard.checklist]
    if standard.related:
        out += ["", f"{label(lang, 'related')}: {', '.join(standard.related)}"]
    return "\n".join(out)
