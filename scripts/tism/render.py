"""Catalogue -> finished Markdown for the site's pages. Pure functions: no mkdocs, no I/O.

Every data string passes through `inline` (HTML-escaped, Markdown punctuation escaped) so text in
the YAML can never become markup, a macro or a link. Links are Markdown links to .md files so that
`mkdocs build --strict` checks every one of them, anchors included.
"""
from __future__ import annotations

import html
import json
import re
from collections.abc import Callable
from functools import partial

from . import editions, law
from .fallbacks import untranslated_words
from .model import SOURCE_LANGUAGE, Catalogue, Citation, Standard, Text

_MARKDOWN_PUNCTUATION = re.compile(r"([\\`*_{}\[\]()#+\-.!|~])")


def inline(text: str) -> str:
    """A data string made safe for Markdown: no HTML, no emphasis, no links, no attr lists."""
    return _MARKDOWN_PUNCTUATION.sub(r"\\\1", html.escape(text, quote=False))


def attribute(text: str) -> str:
    """A data string made safe inside raw HTML (an attribute value, a <code> element): Markdown
    leaves raw HTML as it is, so this is escaped once, here. Never inside a Markdown code span,
    which escapes `&` again."""
    return html.escape(text, quote=True)


def words(catalogue: Catalogue, lang: str) -> Callable[[str], str]:
    """The words of a page around the data, in `lang`, made safe for Markdown like any data:
    `word = words(catalogue, "bn")`, then `word("must")` (the labels of standards/languages.yaml)."""
    return lambda key: inline(catalogue.languages.label(lang, key))


def html_words(catalogue: Catalogue, lang: str) -> Callable[[str], str]:
    """The same words for raw HTML (escaped once, for HTML: Markdown's escapes would show there)."""
    return lambda key: attribute(catalogue.languages.label(lang, key))


def localized(text: Text, lang: str, catalogue: Catalogue) -> str:
    """Text in the page language; where the translation is missing, the English (marked as
    English, for screen readers and hyphenation) and a visible mark in the page language."""
    word = words(catalogue, lang)
    if lang not in text:
        missing = word("missing_translation")
        return f'{in_english(text.source)} <span class="tism-missing">({missing})</span>'
    return inline(text[lang])


def in_english(text: str) -> str:
    """A data string shown in English on a page in any language: escaped, and marked as English."""
    return f'<span lang="{SOURCE_LANGUAGE}">{inline(text)}</span>'


def named(text: Text, lang: str) -> str:
    """A name or title in the page language; the English, marked as English, where it has none
    (tism.fallbacks lists those places)."""
    return inline(text[lang]) if lang in text else in_english(text.source)


def as_published(title: str, lang: str, catalogue: Catalogue) -> str:
    """The title of a published source, as published (never translated): on a page in another
    language each run of it in Latin letters is marked as English, since a Bengali title may
    quote an English one. Every part is escaped like any data string."""
    script = catalogue.languages[lang].script
    if lang == SOURCE_LANGUAGE or not script:
        return inline(title)
    # A run starts at a Latin letter and ends at the last Latin letter, digit, dot or bracket
    # before a letter of the page's script.
    parts = re.split(rf"([A-Za-z](?:[^{script}]*[A-Za-z0-9.)\]])?)", title)
    return "".join(in_english(part) if index % 2 else inline(part) for index, part in enumerate(parts))


def _in_language(text: str, code: str, lang: str) -> str:
    """A data string written in language `code`, marked as such on a page in another language."""
    return inline(text) if code == lang else f'<span lang="{code}">{inline(text)}</span>'


def level_badge(level: str, lang: str, catalogue: Catalogue) -> str:
    word = words(catalogue, lang)
    return f'<span class="tism-level tism-level--{level}">{word(level)}</span>'


def standard_title(standard: Standard, lang: str) -> str:
    return f"{standard.id} · {standard.title.get(lang)}"


def standard_link(standard: Standard, lang: str, base: str = "") -> str:
    return f"[{inline(standard_title(standard, lang))}]({base}{standard.id}.md)"


def law_link(law_key: str, number: str | None = None, base: str = "../") -> str:
    """The page of an instrument, at one of its provisions when it is listed there."""
    return f"{base}laws/{law_key}.md" + (f"#{law.anchor(number)}" if number else "")


def _provision(number: str, lang: str, catalogue: Catalogue) -> str:
    """A provision number as the page's language writes it (law.label); marked as English where a
    word of it has no translation in standards/languages.yaml (tism.fallbacks)."""
    label = law.label(number, catalogue.languages[lang])
    return in_english(label) if lang != SOURCE_LANGUAGE and untranslated_words(label) else inline(label)


def _citation(citation: Citation, catalogue: Catalogue, lang: str) -> str:
    word = words(catalogue, lang)
    instrument = catalogue.laws[citation.law]
    listed = instrument.provision(citation.provision) is not None
    provision = _provision(citation.provision, lang, catalogue)
    if listed:
        provision = f"[{provision}]({law_link(instrument.key, citation.provision)})"
    version = named(instrument.version_name(citation.version), lang)
    line = f"[{named(instrument.title, lang)}]({law_link(instrument.key)}), {provision} ({version})"
    if citation.verified and citation.source is not None:
        source = catalogue.sources[citation.source]
        line += (f' <span class="tism-verified">{word("verified")}: '
                 f'[{as_published(source.title, lang, catalogue)}](../sources.md#{source.key})</span>')
    else:
        line += f' <span class="tism-pending">{word("pending")}</span>'
    if law.is_stale(catalogue, citation):
        line += f' <span class="tism-recheck">{word("recheck")}</span>'
    if instrument.repealed:
        now = catalogue.laws.get(instrument.replaced_by) if instrument.replaced_by else None
        line += f' <span class="tism-repealed">{word("repealed")}'
        if now is not None:
            read = instrument.provision(citation.provision)
            covered = law.successors(catalogue, instrument, read) if read else ()
            if covered:
                links = ", ".join(f"[{_provision(p.number, lang, catalogue)}]({law_link(now.key, p.number)})"
                                  for p in covered)
                line += f'; {word("covered_by")}: {named(now.short_name, lang)} {links}'
            else:
                line += f'; {word("now_in_force")}: [{named(now.title, lang)}]({law_link(now.key)})'
        line += "</span>"
    if citation.note is not None:
        line += f" — {localized(citation.note, lang, catalogue)}"
    if citation.pending is not None:
        line += f" — {word('reason')}: {localized(citation.pending, lang, catalogue)}"
    return "- " + line


def render_standard(standard: Standard, catalogue: Catalogue, lang: str = "en", base: str = "") -> str:
    """The whole page of one standard, as Markdown. `base` leads from the page to standards/."""
    word = words(catalogue, lang)
    chapter = catalogue.chapter(standard.chapter)
    roles = ", ".join(named(catalogue.roles[r], lang) for r in standard.roles)
    out = [f"# {inline(standard.id)} · {named(standard.title, lang)}", ""]
    stale = editions.stale_texts(catalogue, standard, lang)
    changed_on = standard.changes[0].date if standard.changes else ""

    def current(key: str, text: Text) -> str:
        """The text, and where its translation lags a changed English, a note and the English."""
        if key not in stale:
            return localized(text, lang, catalogue)
        note = f"{word('english_changed_on')} {inline(changed_on)}; {word('translation_updating')}"
        return (f'{localized(text, lang, catalogue)} <span class="tism-stale">({note}: '
                f'<span lang="{SOURCE_LANGUAGE}">{inline(text.source)}</span>)</span>')

    if "title" in stale:
        out += [current("title", standard.title), "{ .tism-stale-title }", ""]
    status = f'<span class="tism-status tism-status--{standard.status}">{word(standard.status)}</span>'
    out += [
        f"{status} {word('version')} {inline(standard.version)}, {word('effective')} "
        f"{inline(standard.effective_from)} · {word('chapter')}: "
        f"[{named(chapter.title, lang)}](../chapters/{chapter.code}.md) · {word('for')}: {roles}",
        "{ .tism-meta }", "",
    ]
    if standard.replaced_by and standard.replaced_by in catalogue.by_id:
        out += [f"{word('replaced_by')}: {_link_to(catalogue.by_id[standard.replaced_by], lang, base)}",
                "{ .tism-replaced }", ""]
    out += [current("summary", standard.summary), "{ .tism-summary }", ""]
    if standard.rationale is not None:
        out += [f"**{word('rationale')}:** {localized(standard.rationale, lang, catalogue)}", ""]

    out += [f"## {word('requirements')}", ""]
    for requirement in standard.requirements:
        out += [
            f"{level_badge(requirement.level, lang, catalogue)} **{inline(requirement.id)}** "
            f"{current(requirement.id, requirement.text)}",
            f"{{ #{requirement.id} .tism-requirement .tism-requirement--{requirement.level} }}", "",
        ]

    for requirement in standard.withdrawn_requirements:  # kept so that old references land here
        replacement = requirement.replaced_by or ""
        out += [f'<span class="tism-status tism-status--withdrawn">{word("withdrawn")}</span> '
                f"**{inline(requirement.id)}** {word('replaced_by')}: {inline(replacement)}",
                f"{{ #{requirement.id} .tism-withdrawn-requirement }}", ""]

    out += [f"## {word('legal_basis')}", ""]
    if standard.legal_basis:
        out += [_citation(c, catalogue, lang) for c in standard.legal_basis] + [""]
    else:
        out += [word("no_legal_basis"), ""]

    if standard.procedure:
        out += [f"## {word('procedure')}", ""]
        out += [f"{n}. {localized(step, lang, catalogue)}" for n, step in enumerate(standard.procedure, 1)] + [""]

    out += [f"## {word('checklist')}", ""]
    out += [f"- [ ] {localized(item, lang, catalogue)}" for item in standard.checklist] + [""]

    if standard.audit_indicators:
        out += [f"## {word('audit')}", ""]
        out += [f"- {localized(item, lang, catalogue)}" for item in standard.audit_indicators] + [""]

    if standard.indicators:
        out += [f"## {word('indicators')}", ""]
        out += [f"- [{named(catalogue.indicators[k].title, lang)}](../indicators.md#{k})"
                for k in standard.indicators] + [""]

    if standard.forms:
        out += [f"## {word('forms')}", ""]
        out += [f"- [{inline(k)} · {named(catalogue.forms[k].title, lang)}](../forms/{k}.md)"
                for k in standard.forms] + [""]

    if standard.related:
        out += [f"## {word('related')}", ""]
        out += [f"- {_link_to(catalogue.by_id[r], lang, base)}" for r in standard.related] + [""]

    out += [f"## {word('sources')}", ""]
    out += [f"- [{as_published(catalogue.sources[k].title, lang, catalogue)}](../sources.md#{k})"
            for k in standard.sources] + [""]

    out += [f"## {word('history')}", ""]
    out += [f"| {word('version')} | {word('date')} | {word('change')} |", "|---|---|---|"]
    recorded = {record["standards"][standard.id]["version"] for record in catalogue.editions.values()
                if standard.id in record["standards"]} - {standard.version}
    out += [f"| {_version_cell(standard.id, c.version, recorded)} | {inline(c.date)} | "
            f"{localized(c.summary, lang, catalogue)} |" for c in standard.changes]
    out.append("")
    return "\n".join(out)


def _link_to(standard: Standard, lang: str, base: str) -> str:
    """`standard_link`, its title marked as English where it has no translation (tism.fallbacks)."""
    return f"[{inline(standard.id)} · {named(standard.title, lang)}]({base}{standard.id}.md)"


def _version_cell(sid: str, version: str, recorded: set[str]) -> str:
    """A version in the history table: a link to its text when an edition recorded it."""
    return f"[{inline(version)}](../versions/{sid}-{version}.md)" if version in recorded else inline(version)


def render_chapter_list(code: str, catalogue: Catalogue, lang: str = "en", base: str = "../standards/") -> str:
    """The standards of one chapter, in reading order, each with its summary and requirement levels."""
    out = []
    for standard in catalogue.in_chapter(code):
        counts = {level: sum(r.level == level for r in standard.requirements) for level in ("must", "should", "may")}
        badges = " ".join(f"{level_badge(level, lang, catalogue)}&nbsp;{n}" for level, n in counts.items() if n)
        out += [f"### {standard_link(standard, lang, base)}", "", localized(standard.summary, lang, catalogue), "",
                badges, "{ .tism-counts }", ""]
    return "\n".join(out)


def render_chapter_page(code: str, intro: str, catalogue: Catalogue, lang: str = "en") -> str:
    """A chapter's page: its title, its hand-written introduction (Markdown), then its standards."""
    chapter = catalogue.chapter(code)
    title = f"{code} · {chapter.title.get(lang)}"
    # The page's own title (the browser tab, bookmarks), not the navigation's "Introduction";
    # escaped like a navigation title, since the theme writes a page's title into its header raw.
    front = f"---\ntitle: {json.dumps(html.escape(title, quote=False), ensure_ascii=False)}\n---\n"
    # The standards under a heading of their own, so headings go h1 -> h2 -> h3 (never skip a level).
    return "\n".join([front + f"# {inline(title)}", "", intro.strip(), "",
                      f"## {words(catalogue, lang)('chapter_standards')}", "",
                      render_chapter_list(code, catalogue, lang)])


def render_chapter_index(catalogue: Catalogue, lang: str = "en", base: str = "chapters/") -> str:
    """The home page's table of chapters."""
    word = words(catalogue, lang)
    out = [f"| {word('chapter')} | {word('standards')} | {word('requirement_count')} |",
           "|---|---|---|"]
    for chapter in catalogue.chapters:
        standards = catalogue.in_chapter(chapter.code)
        requirements = sum(len(s.requirements) for s in standards)
        out.append(f"| [{inline(chapter.code)} · {inline(chapter.title.get(lang))}]({base}{chapter.code}.md) "
                   f"| {len(standards)} | {requirements} |")
    out.append("")
    return "\n".join(out)


def render_sources(catalogue: Catalogue, lang: str = "en", base: str = "standards/") -> str:
    """Every public source once, with what uses it."""
    word = words(catalogue, lang)
    out = [f"# {word('source_list')}", ""]
    for source in catalogue.sources.values():
        out += [f"## {as_published(source.title, lang, catalogue)} {{ #{source.key} }}", ""]
        facts = [as_published(source.publisher, lang, catalogue)] + ([str(source.year)] if source.year else [])
        out += [", ".join(facts), ""]
        if source.reference:
            out += [as_published(source.reference, lang, catalogue), ""]
        if source.url:
            # Shown as text, not a link: the manual is read offline and must not call out.
            out += [f"<code>{attribute(source.url)}</code>", ""]
        users = [s.id for s in catalogue.standards
                 if source.key in s.sources or any(c.source == source.key for c in s.legal_basis)]
        if users:
            out += [f"{word('used_by')}: " + ", ".join(f"[{inline(u)}]({base}{u}.md)" for u in users), ""]
    return "\n".join(out)


def _standard_links(standards, base: str) -> str:
    return ", ".join(f"[{inline(s.id)}]({base}{s.id}.md)" for s in standards)


def render_glossary(catalogue: Catalogue, lang: str = "en", base: str = "standards/") -> str:
    """Every term with its Bengali and Latin-letter forms, sorted in the page language."""
    word = words(catalogue, lang)
    out = [f"# {word('glossary')}", ""]
    terms = sorted(catalogue.glossary.values(), key=lambda t: (t.bn if lang == "bn" else t.en).lower())
    for term in terms:
        # Each term in its own language, marked as such (screen readers, hyphenation).
        english, bengali = _in_language(term.en, "en", lang), _in_language(term.bn, "bn", lang)
        first, second = (bengali, english) if lang == "bn" else (english, bengali)
        out += [f"## {first} — {second} {{ #{term.key} }}", ""]
        out += [localized(term.definition, lang, catalogue), ""]
        also = [*term.en_variants, *term.bn_variants]
        if term.latin:
            out += [f"**{word('latin')}:** " + ", ".join(f'<code lang="bn-Latn">{attribute(w)}</code>'
                                                         for w in term.latin), ""]
        if also:
            out += [f"**{word('also')}:** " + ", ".join(
                [_in_language(w, "en", lang) for w in term.en_variants]
                + [_in_language(w, "bn", lang) for w in term.bn_variants]), ""]
        if term.related:
            out += [f"{word('related')}: {_standard_links([catalogue.by_id[r] for r in term.related], base)}", ""]
    return "\n".join(out)


def render_indicators(catalogue: Catalogue, lang: str = "en", base: str = "standards/") -> str:
    """The indicator catalogue: one section per group, each indicator with its stable ID."""
    word = words(catalogue, lang)
    out = [f"# {word('indicators')}", "", f"!!! note \"{word('indicator_note')}\"", ""]
    for group in catalogue.indicators.values():
        out += [f"## {inline(group.title.get(lang))} {{ #{group.key} }}", "",
                localized(group.summary, lang, catalogue), ""]
        if group.covers:
            out += [f"{word('exploitation_covered')}: " + "; ".join(
                f"({inline(c)}) {localized(catalogue.exploitation_forms[c], lang, catalogue)}"
                for c in group.covers if c in catalogue.exploitation_forms), "{ .tism-meta }", ""]
        out += [f"- **{inline(i.id)}** {localized(i.text, lang, catalogue)}" for i in group.indicators] + [""]
        users = catalogue.using("indicators", group.key)
        if users:
            out += [f"{word('used_by')}: {_standard_links(users, base)}", ""]
        out += [f"{word('sources')}: " + ", ".join(
            f"[{as_published(catalogue.sources[k].title, lang, catalogue)}](sources.md#{k})"
            for k in group.sources), ""]
    return "\n".join(out)


def render_forms_index(catalogue: Catalogue, lang: str = "en") -> str:
    word = words(catalogue, lang)
    out = [f"# {word('forms')}", ""]
    for form in catalogue.forms.values():
        out += [f"## [{inline(form.id)} · {inline(form.title.get(lang))}](forms/{form.id}.md)", "",
                localized(form.purpose, lang, catalogue), ""]
    return "\n".join(out)


def _html_text(text: Text, lang: str) -> str:
    return html.escape(text.get(lang), quote=False)


def _form_field(field, lang: str) -> str:
    name = _html_text(field.label, lang)
    help_text = f'<span class="tism-help">{_html_text(field.help, lang)}</span>' if field.help else ""
    if field.kind == "check":
        return f'<p class="tism-field tism-check"><span class="tism-box"></span> {name}{help_text}</p>'
    if field.kind == "choice":
        options = " ".join(f'<span class="tism-box"></span> {_html_text(o, lang)}' for o in field.options)
        return f'<p class="tism-field"><span class="tism-label">{name}</span>{help_text} {options}</p>'
    if field.kind == "lines":
        lines = "".join('<span class="tism-line"></span>' for _ in range(field.lines))
        return f'<div class="tism-field"><span class="tism-label">{name}</span>{help_text}{lines}</div>'
    if field.kind == "table":
        head = "".join(f"<th>{_html_text(c, lang)}</th>" for c in field.columns)
        body = "".join("<tr>" + "<td></td>" * len(field.columns) + "</tr>" for _ in range(field.rows))
        return (f'<div class="tism-field"><span class="tism-label">{name}</span>{help_text}'
                f'<table class="tism-form-table"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>')
    kind = {"date": "tism-date", "signature": "tism-signature"}.get(field.kind, "tism-text")
    return (f'<p class="tism-field {kind}"><span class="tism-label">{name}</span>{help_text}'
            '<span class="tism-line"></span></p>')


def render_form(form, catalogue: Catalogue, lang: str = "en", base: str = "../standards/") -> str:
    """A printable fill-in form: labels in the page language, blank lines and boxes to fill in."""
    word = words(catalogue, lang)
    out = [f"# {inline(form.id)} · {inline(form.title.get(lang))}", "",
           f"**{word('purpose')}:** {localized(form.purpose, lang, catalogue)}", "{ .tism-form-purpose }", ""]
    for section in form.sections:
        # A section is one block on paper: kept on one page, or its heading repeated where it
        # continues (the print CSS makes the heading a table header group, which Chromium repeats).
        out += ['<section class="tism-form-section" markdown="block">', "",
                f"## {inline(section.title.get(lang))}", "",
                '<div class="tism-form">' + "".join(_form_field(f, lang) for f in section.fields) + "</div>", "",
                "</section>", ""]
    users = catalogue.using("forms", form.id)
    if users:
        out += [f"{word('used_by')}: {_standard_links(users, base)}", "{ .tism-form-used }", ""]
    return "\n".join(out)


def _shift_headings(markdown: str) -> str:
    """Every ATX heading one level down, so a standard page can sit inside a chapter print view."""
    return "\n".join("#" + line if line.startswith("#") else line for line in markdown.split("\n"))


def render_print_chapter(code: str, intro: str, catalogue: Catalogue, lang: str = "en") -> str:
    """A chapter for printing: its introduction, then every standard in full; the first follows
    the introduction on page 1, each other starts a new page (tism.css, "Print views")."""
    word = words(catalogue, lang)
    chapter = catalogue.chapter(code)
    out = [f"# {inline(code)} · {inline(chapter.title.get(lang))}", "",
           f"{word('print_edition')} {inline(catalogue.edition)}", "{ .tism-print-edition }", "",
           intro.strip(), ""]
    for standard in catalogue.in_chapter(code):
        body = _shift_headings(render_standard(standard, catalogue, lang, base="../standards/"))
        out += ['<div class="tism-print-standard" markdown="block">', "", body, "", "</div>", ""]
    return "\n".join(out)


def _card_block(block, catalogue: Catalogue, lang: str) -> list[str]:
    word = partial(catalogue.languages.label, lang)  # headings are escaped below, once
    if block.kind == "indicators":
        group = catalogue.indicators[block.ref]
        heading = block.heading.get(lang) if block.heading else group.title.get(lang)
        items = [localized(i.text, lang, catalogue) for i in group.indicators]
    elif block.kind == "contacts":
        heading = block.heading.get(lang) if block.heading else word("card_contacts")
        return [f"### {inline(heading)}", "", '<div class="tism-card-contacts">' + "".join(
            f'<p><span class="tism-label">{_html_text(c, lang)}</span><span class="tism-line"></span></p>'
            for c in block.contacts) + "</div>", ""]
    else:
        standard = catalogue.by_id[block.ref]
        if block.kind == "musts":
            items = [localized(r.text, lang, catalogue) for r in standard.requirements if r.level == "must"]
            default = f"{word('card_musts')} ({standard.id})"
        else:
            items = [localized(t, lang, catalogue) for t in getattr(standard, block.kind)]
            default = f"{word(block.kind)} ({standard.id})"
        heading = block.heading.get(lang) if block.heading else default
    items = items[: block.limit] if block.limit else items
    bullet = "- [ ] " if block.kind == "checklist" else "- "
    return [f"### {inline(heading)}", ""] + [bullet + item for item in items] + [""]


def render_card(card, catalogue: Catalogue, lang: str = "en") -> str:
    """A pocket card: two A6 sides composed from the standards' own checklists and indicators."""
    word = words(catalogue, lang)
    out = []
    for side in ("front", "back"):
        out += [f'<section class="tism-card-side tism-card-{side}" markdown="block">', ""]
        if side == "front":
            out += [f"## {inline(card.title.get(lang))}", ""]
        for block in getattr(card, side):
            out += _card_block(block, catalogue, lang)
        out += [f"{inline(catalogue.title.get(lang))} · {word('print_edition')} {inline(catalogue.edition)}",
                "{ .tism-card-edition }", "", "</section>", ""]
    return "\n".join([f"# {inline(card.title.get(lang))} {{ .tism-card-title }}", ""] + out)
