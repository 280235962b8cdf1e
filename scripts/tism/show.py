"""`tism show ID`: a standard or one requirement as plain text for the terminal (pure)."""
from __future__ import annotations

import textwrap
from functools import partial

from . import law as laws
from .model import Catalogue


def wrap(text: str, width: int, indent: str = "  ") -> str:
    """`text` folded to `width` columns at spaces only: a word (and so a Bengali letter with its
    vowel signs) is never split, even when it is longer than the line."""
    return textwrap.fill(text, width=max(width, 20), initial_indent=indent, subsequent_indent=indent,
                         break_long_words=False, break_on_hyphens=False)


def show_text(catalogue: Catalogue, item_id: str, lang: str = "en", width: int = 80) -> str:
    """The standard `item_id` (IV-004) or the requirement (IV-004.02) with its standard's title,
    folded to `width` columns. Raises KeyError for an unknown ID."""
    _wrap = partial(wrap, width=width)
    language = catalogue.languages[lang]
    word = partial(catalogue.languages.label, lang)
    item_id = item_id.upper()
    if "." in item_id:
        found = catalogue.requirement(item_id)
        if found is None:
            raise KeyError(item_id)
        standard, requirement = found
        return "\n".join([
            _wrap(f"{standard.id} · {standard.title.get(lang)}", indent=""),
            "",
            f"{requirement.id} [{word(requirement.level)}]",
            _wrap(requirement.text.get(lang)),
        ])
    standard = catalogue.by_id[item_id]
    out = [_wrap(f"{standard.id} · {standard.title.get(lang)}", indent=""),
           f"{word(standard.status)} · {word('version')} {standard.version} · "
           f"{word('effective')} {standard.effective_from}", "",
           _wrap(standard.summary.get(lang), indent=""), "", word("requirements").upper()]
    for requirement in standard.requirements:
        out += [f"  {requirement.id} [{word(requirement.level)}]", _wrap(requirement.text.get(lang), indent="    ")]
    out += ["", word("legal_basis").upper()]
    for citation in standard.legal_basis:
        law = catalogue.laws[citation.law]
        mark = "" if citation.verified else f"  ({word('pending')})"
        mark += f"  ({word('recheck')})" if laws.is_stale(catalogue, citation) else ""
        repealed = f"  ({word('repealed')})" if law.repealed else ""
        out.append(_wrap(f"{law.short_name.get(lang)}, {laws.label(citation.provision, language)}{mark}{repealed}"))
    if standard.procedure:
        out += ["", word("procedure").upper()]
        out += [_wrap(f"{n}. {step.get(lang)}") for n, step in enumerate(standard.procedure, 1)]
    out += ["", word("checklist").upper()]
    out += [_wrap(f"[ ] {item.get(lang)}") for item in standard.checklist]
    if standard.related:
        out += ["", _wrap(f"{word('related')}: {', '.join(standard.related)}", indent="")]
    return "\n".join(out)
