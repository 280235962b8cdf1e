"""The legal layer's pages, as Markdown: the list of instruments, one page per instrument with its
provisions and the standards that cite each (a reverse index), the 2012 -> 2026 concordance and the
pending-review worklist. Pure functions like tism.render, whose escaping and labels they share.

Paths: laws.md, laws/<law key>.md, laws/concordance.md, laws/pending-review.md.
"""
from __future__ import annotations

import html

from . import law
from .model import Catalogue, Law, Provision
from .render import as_published, attribute, inline, localized, named, words

CONCORDANCE = "laws/concordance.md"
PENDING = "laws/pending-review.md"


def _status(instrument: Law, lang: str, catalogue: Catalogue) -> str:
    word = words(catalogue, lang)
    status = word(instrument.status)
    return f'<span class="tism-law-status tism-law-status--{instrument.status}">{status}</span>'


def _uses_line(uses, lang: str, base: str) -> str:
    """IV-004 (IV-004.02, IV-004.03), PR-002 … — each standard once, with its requirement IDs."""
    parts: dict[str, set[str]] = {}
    for use in uses:
        parts.setdefault(use.standard.id, set()).update(use.citation.requirements)
    return ", ".join(
        f"[{inline(sid)}]({base}standards/{sid}.md)"
        + (" (" + ", ".join(f"[{inline(r)}]({base}standards/{sid}.md#{r})" for r in sorted(ids)) + ")" if ids else "")
        for sid, ids in parts.items())


def render_laws_index(catalogue: Catalogue, lang: str = "en") -> str:
    """laws.md: every instrument, its status and text in force, and how much of it is read and cited."""
    word = words(catalogue, lang)
    figures = law.by_law(catalogue)
    out = [f"# {word('laws')}", "", word("laws_intro"), "",
           f"- [{word('pending_review')}]({PENDING})",
           f"- [{word('concordance')}]({CONCORDANCE})", "",
           f"| {word('instrument')} | {word('status')} | {word('text_in_force')} | "
           f"{word('provisions_read')} | {word('citations')} |", "|---|---|---|---|---|"]
    for instrument in catalogue.laws.values():
        row = figures[instrument.key]
        status = _status(instrument, lang, catalogue)
        cited = (f"{row['cited']} ({row['verified']} {word('verified_short')}, "
                 f"{row['cited'] - row['verified']} {word('pending_short')})")
        in_force = named(instrument.version_name(instrument.version), lang)
        out.append(f"| [{inline(instrument.title.get(lang))}](laws/{instrument.key}.md) | {status} | "
                   f"{in_force} | {len(instrument.provisions) or '—'} | {cited} |")
    out.append("")
    return "\n".join(out)


def _facts(instrument: Law, lang: str, catalogue: Catalogue) -> str:
    word = words(catalogue, lang)
    facts = [word(instrument.kind), word(instrument.jurisdiction),
             _status(instrument, lang, catalogue)]
    facts += [f"{word('repealed_date' if name == 'repealed' else name)} {inline(date)}"
              for name, date in instrument.dates]
    return " · ".join(facts)


def _provision(catalogue: Catalogue, instrument: Law, provision: Provision, lang: str) -> list[str]:
    language = catalogue.languages[lang]
    word = words(catalogue, lang)
    number = law.label(provision.number, language)
    out = [f"### {inline(number)} — {inline(provision.heading.get(lang))} {{ #{law.anchor(provision.number)} }}", "",
           localized(provision.summary, lang, catalogue), ""]
    if provision.quote:
        quote_lang = "bn" if instrument.jurisdiction == "BD" else "en"
        title = attribute(catalogue.languages.label(lang, "quote"))
        out += [f'<blockquote class="tism-quote" lang="{quote_lang}" title="{title}">'
                f"{html.escape(provision.quote, quote=False)}</blockquote>", ""]
    if provision.successors is not None:
        covered = law.successors(catalogue, instrument, provision)
        now = catalogue.laws.get(instrument.replaced_by or "")
        if covered and now is not None:
            links = ", ".join(f"[{inline(law.label(p.number, language))} — {inline(p.heading.get(lang))}]"
                              f"({now.key}.md#{law.anchor(p.number)})" for p in covered)
            out += [f"**{word('now_covered_by')}:** {links}", ""]
        else:
            out += [f"**{word('no_successor')}.**", ""]
        if provision.successor_note is not None:
            out += [localized(provision.successor_note, lang, catalogue), ""]
    source = catalogue.sources[provision.source]
    read_in = f"{word('read_in')}: [{as_published(source.title, lang, catalogue)}](../sources.md#{source.key})"
    if not source.text_of_law:
        read_in += f' <span class="tism-pending">{word("not_text_of_law")}</span>'
    out += [read_in, "{ .tism-read-in }", ""]
    replaced = _replaced(catalogue, instrument, provision, lang)
    if replaced:
        out += [f"{word('successor_of')}: " + ", ".join(replaced), ""]
    uses = law.citing(catalogue, instrument.key, provision.number)
    out += [f"{word('cited_by')}: {_uses_line(uses, lang, '../')}" if uses else word("not_cited"), ""]
    return out


def _replaced(catalogue: Catalogue, instrument: Law, provision: Provision, lang: str) -> list[str]:
    """Links to the repealed provisions this one now covers (the concordance read backwards)."""
    language = catalogue.languages[lang]
    links = []
    for old in catalogue.laws.values():
        if old.replaced_by != instrument.key:
            continue
        for item in old.provisions:
            if provision.number in (item.successors or ()):
                links.append(f"[{inline(old.title.get(lang))}, {inline(law.label(item.number, language))}]"
                             f"({old.key}.md#{law.anchor(item.number)})")
    return links


def render_law(catalogue: Catalogue, instrument: Law, lang: str = "en") -> str:
    """laws/<key>.md: the instrument, how its text was read, and each provision in its own order."""
    language = catalogue.languages[lang]
    word = words(catalogue, lang)
    out = [f"# {inline(instrument.title.get(lang))}", "", _facts(instrument, lang, catalogue), "",
           f"**{word('text_in_force')}:** {named(instrument.version_name(instrument.version), lang)}", ""]
    if instrument.repealed and instrument.replaced_by in catalogue.laws:
        now = catalogue.laws[instrument.replaced_by]
        out += [f'<span class="tism-repealed">{word("repealed")}</span> '
                f'{word("now_in_force")}: [{inline(now.title.get(lang))}]({now.key}.md) · '
                f"[{word('concordance')}](concordance.md)", ""]
    if instrument.note is not None:
        out += [localized(instrument.note, lang, catalogue), ""]
    if instrument.provisions:
        out += [f"## {word('provisions')}", ""]
        if instrument.read is not None:
            out += [f"**{word('how_read')}:** {localized(instrument.read, lang, catalogue)}", "",
                    f"{word('version')}: {named(instrument.version_name(instrument.provisions_version), lang)}", ""]
        for provision in instrument.provisions:
            out += _provision(catalogue, instrument, provision, lang)
    else:
        out += [word("no_provisions"), ""]
        uses = law.uses(catalogue, instrument.key)
        if uses:
            out += [f"## {word('citations')}", ""]
            numbers = sorted({u.citation.provision for u in uses})
            for number in numbers:
                cited = [u for u in uses if u.citation.provision == number]
                out += [f"- {inline(law.label(number, language))}: {_uses_line(cited, lang, '../')}"]
            out.append("")
    return "\n".join(out)


def render_concordance(catalogue: Catalogue, lang: str = "en") -> str:
    """laws/concordance.md: each read provision of a repealed instrument and what now covers it."""
    language = catalogue.languages[lang]
    word = words(catalogue, lang)
    out = [f"# {word('concordance')}", "", word("concordance_intro"), ""]
    for old in catalogue.laws.values():
        if not (old.repealed and old.provisions and old.replaced_by in catalogue.laws):
            continue
        now = catalogue.laws[old.replaced_by]
        out += [f"## [{inline(old.title.get(lang))}]({old.key}.md) → [{inline(now.title.get(lang))}]({now.key}.md)", "",
                f"| {named(old.short_name, lang)} | {word('now_covered_by')} |", "|---|---|"]
        for provision in old.provisions:
            covered = law.successors(catalogue, old, provision)
            cell = "<br>".join(f"[{inline(law.label(p.number, language))} — {inline(p.heading.get(lang))}]"
                               f"({now.key}.md#{law.anchor(p.number)})" for p in covered) or word("no_successor")
            if provision.successor_note is not None:
                cell += f"<br>{localized(provision.successor_note, lang, catalogue)}"
            at = f"{old.key}.md#{law.anchor(provision.number)}"
            out.append(f"| [{inline(law.label(provision.number, language))}]({at}) "
                       f"{inline(provision.heading.get(lang))} | {cell} |")
        out.append("")
    return "\n".join(out)


def render_pending(catalogue: Catalogue, lang: str = "en") -> str:
    """laws/pending-review.md: the legal reviewer's worklist, by instrument."""
    language = catalogue.languages[lang]
    word = words(catalogue, lang)
    out = [f"# {word('pending_review')}", "", word("pending_intro"), ""]
    pending = law.pending(catalogue)
    if not pending:
        out += [word("none_pending"), ""]
    for key, instrument in catalogue.laws.items():
        rows = [u for u in pending if u.citation.law == key]
        if not rows:
            continue
        out += [f"## [{inline(instrument.title.get(lang))}]({key}.md)", "",
                f"| {word('standard')} | {word('provision')} | {word('reason')} |",
                "|---|---|---|"]
        for use in rows:
            citation = use.citation
            where = _uses_line([use], lang, "../")
            reason = localized(citation.pending, lang, catalogue) if citation.pending is not None else ""
            out.append(f"| {where} | {inline(law.label(citation.provision, language))} | {reason} |")
        out.append("")
    stale = law.stale(catalogue)
    if stale:
        out += [f"## {word('recheck_title')}", "", word("recheck_intro"), "",
                f"| {word('standard')} | {word('provision')} | {word('checked_against')} | "
                f"{word('text_in_force')} |", "|---|---|---|---|"]
        for use in stale:
            instrument = catalogue.laws[use.citation.law]
            out.append(f"| {_uses_line([use], lang, '../')} | [{named(instrument.short_name, lang)} "
                       f"{inline(law.label(use.citation.provision, language))}]({instrument.key}.md) | "
                       f"{named(instrument.version_name(use.citation.version), lang)} | "
                       f"{named(instrument.version_name(instrument.version), lang)} |")
        out.append("")
    return "\n".join(out)


def law_pages(catalogue: Catalogue, lang: str) -> dict[str, str]:
    """Every page of the legal layer, by path."""
    pages = {"laws.md": render_laws_index(catalogue, lang), CONCORDANCE: render_concordance(catalogue, lang),
             PENDING: render_pending(catalogue, lang)}
    pages.update({f"laws/{key}.md": render_law(catalogue, instrument, lang)
                  for key, instrument in catalogue.laws.items()})
    return pages
