"""Catalogue -> finished Markdown for the site's pages. Pure functions: no mkdocs, no I/O.

Every data string passes through `inline` (HTML-escaped, Markdown punctuation escaped) so text in
the YAML can never become markup, a macro or a link. Links are Markdown links to .md files so that
`mkdocs build --strict` checks every one of them, anchors included.
"""
from __future__ import annotations

import html
import re

from . import law
from .model import Catalogue, Citation, Standard, Text

LABELS = {
    "en": {
        "must": "MUST", "should": "SHOULD", "may": "MAY",
        "requirements": "Requirements", "legal_basis": "Legal basis", "procedure": "Procedure",
        "checklist": "Checklist", "audit": "How a supervisor checks it", "related": "Related standards",
        "sources": "Sources", "history": "Version history", "rationale": "Why it matters",
        "version": "Version", "effective": "effective from", "chapter": "Chapter", "for": "For",
        "status": "Status", "pending": "Citation pending legal review", "verified": "Verified in",
        "repealed": "Repealed", "now_in_force": "now in force", "no_legal_basis": "No legal provision is cited for this standard.",
        "active": "Active", "draft": "Draft", "deprecated": "Deprecated", "withdrawn": "Withdrawn",
        "replaced_by": "Replaced by", "missing_bn": "Bengali translation pending", "standards": "standards",
        "requirement_count": "requirements", "edition": "Edition", "laws": "Legal instruments",
        "in_force": "In force", "not_in_force": "Not in force", "cited_by": "Cited by",
        "source_list": "Sources", "treaty": "Treaty", "act": "Act", "ordinance": "Ordinance",
        "rules": "Rules", "guidelines": "Guidelines", "international": "International", "BD": "Bangladesh",
        "adopted": "adopted", "enacted": "enacted", "gazetted": "gazetted", "in_force_from": "in force from",
        "repealed_date": "repealed", "used_by": "Used by", "date": "Date", "change": "Change",
        "glossary": "Glossary", "indicators": "Indicators", "forms": "Forms and templates",
        "latin": "Typed as", "also": "Also", "definition": "Definition", "purpose": "Purpose",
        "indicator_note": "An indicator is a reason to ask more questions, never proof on its own.",
        "form": "Form", "english": "English", "bengali": "Bengali", "introduction": "Introduction",
        "print_edition": "Edition", "card_contacts": "Whom to call (fill in locally)",
        "card_musts": "You must",
        "laws_intro": "Every instrument the standards cite, with the provisions read in its text and the standards that rest on each.",
        "instrument": "Instrument", "text_in_force": "Text in force", "provisions_read": "Provisions read",
        "citations": "Citations", "verified_short": "verified", "pending_short": "pending",
        "provisions": "Provisions", "how_read": "How the text was read", "quote": "The words of the law",
        "not_cited": "Not cited by any standard yet.", "no_provisions": "No provisions file: its citations name provisions as their sources state them.",
        "concordance": "2012 Act to 2026 Ordinance", "concordance_intro": "Each provision of the repealed 2012 Act that the manual has read, and the provisions of the 2026 Ordinance that now cover it.",
        "repealed_provision": "2012 Act", "now_covered_by": "Now covered by", "covered_by": "now covered by", "no_successor": "No successor",
        "pending_review": "Pending legal review", "pending_intro": "Every citation not yet verified in the text of the law, with the standard and requirements that rest on it and what a legal reviewer must check.",
        "reason": "What must be checked", "standard": "Standard", "requirement_ids": "Requirements", "provision": "Provision",
        "recheck": "re-check against the amended text", "recheck_title": "Checked against an older text",
        "recheck_intro": "Citations checked against a text of the instrument older than the one in force.",
        "checked_against": "checked against", "none_pending": "No citation is pending legal review.",
        "successor_of": "Replaces", "read_in": "Read in", "not_text_of_law": "not the text of the law: citations of it stay pending",
    },
    "bn": {
        "must": "অবশ্যই", "should": "উচিত", "may": "পারেন",
        "requirements": "বাধ্যবাধকতা", "legal_basis": "আইনি ভিত্তি", "procedure": "কার্যপদ্ধতি",
        "checklist": "চেকলিস্ট", "audit": "তত্ত্বাবধায়ক যেভাবে যাচাই করবেন", "related": "সংশ্লিষ্ট মানদণ্ড",
        "sources": "উৎস", "history": "সংস্করণের ইতিহাস", "rationale": "কেন গুরুত্বপূর্ণ",
        "version": "সংস্করণ", "effective": "কার্যকর", "chapter": "অধ্যায়", "for": "যাদের জন্য",
        "status": "অবস্থা", "pending": "উদ্ধৃতি আইনি পর্যালোচনার অপেক্ষায়", "verified": "যাচাই করা হয়েছে",
        "repealed": "রহিত", "now_in_force": "বর্তমানে বলবৎ", "no_legal_basis": "এই মানদণ্ডের জন্য কোনো আইনি বিধান উদ্ধৃত করা হয়নি।",
        "active": "বলবৎ", "draft": "খসড়া", "deprecated": "অপ্রচলিত", "withdrawn": "প্রত্যাহৃত",
        "replaced_by": "প্রতিস্থাপন করেছে", "missing_bn": "বাংলা অনুবাদ অপেক্ষমাণ", "standards": "মানদণ্ড",
        "requirement_count": "বাধ্যবাধকতা", "edition": "সংস্করণ", "laws": "আইনি দলিল",
        "in_force": "বলবৎ", "not_in_force": "বলবৎ নয়", "cited_by": "যেসব মানদণ্ডে উদ্ধৃত",
        "source_list": "উৎস", "treaty": "চুক্তি", "act": "আইন", "ordinance": "অধ্যাদেশ",
        "rules": "বিধিমালা", "guidelines": "নির্দেশিকা", "international": "আন্তর্জাতিক", "BD": "বাংলাদেশ",
        "adopted": "গৃহীত", "enacted": "প্রণীত", "gazetted": "গেজেট প্রকাশ", "in_force_from": "বলবৎ",
        "repealed_date": "রহিত", "used_by": "ব্যবহার করেছে", "date": "তারিখ", "change": "পরিবর্তন",
        "glossary": "পরিভাষা", "indicators": "নির্দেশক", "forms": "ফরম ও টেমপ্লেট",
        "latin": "ইংরেজি হরফে লেখা হয়", "also": "আরও", "definition": "সংজ্ঞা", "purpose": "উদ্দেশ্য",
        "indicator_note": "নির্দেশক হলো আরও প্রশ্ন করার কারণ, নিজে কখনো প্রমাণ নয়।",
        "form": "ফরম", "english": "ইংরেজি", "bengali": "বাংলা", "introduction": "ভূমিকা",
        "print_edition": "সংস্করণ", "card_contacts": "কাকে ফোন করবেন (স্থানীয়ভাবে পূরণ করুন)",
        "card_musts": "আপনাকে অবশ্যই",
        "laws_intro": "মানদণ্ডগুলোতে উদ্ধৃত প্রতিটি আইনি দলিল, তার পাঠে পড়া বিধান এবং প্রতিটি বিধানের ওপর নির্ভরশীল মানদণ্ড।",
        "instrument": "আইনি দলিল", "text_in_force": "বলবৎ পাঠ", "provisions_read": "পড়া বিধান",
        "citations": "উদ্ধৃতি", "verified_short": "যাচাইকৃত", "pending_short": "অপেক্ষমাণ",
        "provisions": "বিধানসমূহ", "how_read": "পাঠ যেভাবে পড়া হয়েছে", "quote": "আইনের ভাষা",
        "not_cited": "এখনো কোনো মানদণ্ডে উদ্ধৃত হয়নি।", "no_provisions": "বিধান-তালিকা নেই: এর উদ্ধৃতিতে বিধান উৎসে যেভাবে আছে সেভাবে লেখা।",
        "concordance": "২০১২ সালের আইন থেকে ২০২৬ সালের অধ্যাদেশ", "concordance_intro": "রহিত ২০১২ সালের আইনের যে বিধানগুলো ম্যানুয়ালে পড়া হয়েছে, এবং ২০২৬ সালের অধ্যাদেশের যে বিধান এখন সেগুলোর স্থলাভিষিক্ত।",
        "repealed_provision": "২০১২ সালের আইন", "now_covered_by": "এখন যে বিধানে", "covered_by": "এখন যে বিধানে", "no_successor": "স্থলাভিষিক্ত বিধান নেই",
        "pending_review": "আইনি পর্যালোচনার অপেক্ষায়", "pending_intro": "আইনের পাঠে এখনো যাচাই না হওয়া প্রতিটি উদ্ধৃতি, যে মানদণ্ড ও বাধ্যবাধকতা এর ওপর নির্ভর করে এবং আইনি পর্যালোচককে যা যাচাই করতে হবে।",
        "reason": "যা যাচাই করতে হবে", "standard": "মানদণ্ড", "requirement_ids": "বাধ্যবাধকতা", "provision": "বিধান",
        "recheck": "সংশোধিত পাঠের সঙ্গে আবার মিলিয়ে দেখুন", "recheck_title": "পুরোনো পাঠের সঙ্গে মেলানো উদ্ধৃতি",
        "recheck_intro": "যেসব উদ্ধৃতি দলিলের বলবৎ পাঠের চেয়ে পুরোনো পাঠের সঙ্গে মেলানো হয়েছে।",
        "checked_against": "মেলানো হয়েছে", "none_pending": "কোনো উদ্ধৃতি আইনি পর্যালোচনার অপেক্ষায় নেই।",
        "successor_of": "যার স্থলাভিষিক্ত", "read_in": "যেখানে পড়া হয়েছে", "not_text_of_law": "আইনের মূল পাঠ নয়: এর উদ্ধৃতি অপেক্ষমাণ থাকবে",
    },
}

_MARKDOWN_PUNCTUATION = re.compile(r"([\\`*_{}\[\]()#+\-.!|~])")


def inline(text: str) -> str:
    """A data string made safe for Markdown: no HTML, no emphasis, no links, no attr lists."""
    return _MARKDOWN_PUNCTUATION.sub(r"\\\1", html.escape(text, quote=False))


def attribute(text: str) -> str:
    return html.escape(text, quote=True)


def label(lang: str, key: str) -> str:
    return LABELS[lang][key]


def localized(text: Text, lang: str) -> str:
    """Text in the page language; English with a visible mark where the translation is missing."""
    if lang == "bn" and not text.bn:
        return f'{inline(text.en)} <span class="tism-missing" lang="en">({label(lang, "missing_bn")})</span>'
    return inline(text.get(lang))


def level_badge(level: str, lang: str) -> str:
    return f'<span class="tism-level tism-level--{level}">{label(lang, level)}</span>'


def standard_title(standard: Standard, lang: str) -> str:
    return f"{standard.id} · {standard.title.get(lang)}"


def standard_link(standard: Standard, lang: str, base: str = "") -> str:
    return f"[{inline(standard_title(standard, lang))}]({base}{standard.id}.md)"


def law_link(law_key: str, number: str | None = None, base: str = "../") -> str:
    """The page of an instrument, at one of its provisions when it is listed there."""
    return f"{base}laws/{law_key}.md" + (f"#{law.anchor(number)}" if number else "")


def _citation(citation: Citation, catalogue: Catalogue, lang: str) -> str:
    instrument = catalogue.laws[citation.law]
    listed = instrument.provision(citation.provision) is not None
    provision = inline(law.label(citation.provision, lang))
    if listed:
        provision = f"[{provision}]({law_link(instrument.key, citation.provision)})"
    line = (f"[{inline(instrument.title.get(lang))}]({law_link(instrument.key)}), {provision} "
            f"({inline(citation.version)})")
    if citation.verified:
        source = catalogue.sources[citation.source]
        line += (f' <span class="tism-verified">{label(lang, "verified")}: '
                 f'[{inline(source.title)}](../sources.md#{source.key})</span>')
    else:
        line += f' <span class="tism-pending">{label(lang, "pending")}</span>'
    if law.is_stale(catalogue, citation):
        line += f' <span class="tism-recheck">{label(lang, "recheck")}</span>'
    if instrument.repealed:
        now = catalogue.laws.get(instrument.replaced_by) if instrument.replaced_by else None
        line += f' <span class="tism-repealed">{label(lang, "repealed")}'
        if now is not None:
            read = instrument.provision(citation.provision)
            covered = law.successors(catalogue, instrument, read) if read else ()
            if covered:
                links = ", ".join(f"[{inline(law.label(p.number, lang))}]({law_link(now.key, p.number)})" for p in covered)
                line += f'; {label(lang, "covered_by")}: {inline(now.short)} {links}'
            else:
                line += f'; {label(lang, "now_in_force")}: [{inline(now.title.get(lang))}]({law_link(now.key)})'
        line += "</span>"
    if citation.note is not None:
        line += f" — {localized(citation.note, lang)}"
    if citation.pending is not None:
        line += f" — {label(lang, 'reason')}: {localized(citation.pending, lang)}"
    return "- " + line


def render_standard(standard: Standard, catalogue: Catalogue, lang: str = "en", base: str = "") -> str:
    """The whole page of one standard, as Markdown. `base` leads from the page to standards/."""
    chapter = catalogue.chapter(standard.chapter)
    roles = ", ".join(inline(catalogue.roles[r].get(lang)) for r in standard.roles)
    out = [f"# {inline(standard_title(standard, lang))}", ""]
    status = f'<span class="tism-status tism-status--{standard.status}">{label(lang, standard.status)}</span>'
    out += [
        f"{status} {label(lang, 'version')} {inline(standard.version)}, {label(lang, 'effective')} "
        f"{inline(standard.effective_from)} · {label(lang, 'chapter')}: "
        f"[{inline(chapter.title.get(lang))}](../chapters/{chapter.code}.md) · {label(lang, 'for')}: {roles}",
        "{ .tism-meta }", "",
    ]
    if standard.replaced_by and standard.replaced_by in catalogue.by_id:
        out += [f"{label(lang, 'replaced_by')}: {standard_link(catalogue.by_id[standard.replaced_by], lang, base)}",
                "{ .tism-replaced }", ""]
    out += [localized(standard.summary, lang), "{ .tism-summary }", ""]
    if standard.rationale is not None:
        out += [f"**{label(lang, 'rationale')}:** {localized(standard.rationale, lang)}", ""]

    out += [f"## {label(lang, 'requirements')}", ""]
    for requirement in standard.requirements:
        out += [
            f"{level_badge(requirement.level, lang)} **{inline(requirement.id)}** {localized(requirement.text, lang)}",
            f"{{ #{requirement.id} .tism-requirement .tism-requirement--{requirement.level} }}", "",
        ]

    out += [f"## {label(lang, 'legal_basis')}", ""]
    if standard.legal_basis:
        out += [_citation(c, catalogue, lang) for c in standard.legal_basis] + [""]
    else:
        out += [label(lang, "no_legal_basis"), ""]

    if standard.procedure:
        out += [f"## {label(lang, 'procedure')}", ""]
        out += [f"{n}. {localized(step, lang)}" for n, step in enumerate(standard.procedure, 1)] + [""]

    out += [f"## {label(lang, 'checklist')}", ""]
    out += [f"- [ ] {localized(item, lang)}" for item in standard.checklist] + [""]

    if standard.audit_indicators:
        out += [f"## {label(lang, 'audit')}", ""]
        out += [f"- {localized(item, lang)}" for item in standard.audit_indicators] + [""]

    if standard.indicators:
        out += [f"## {label(lang, 'indicators')}", ""]
        out += [f"- [{inline(catalogue.indicators[k].title.get(lang))}](../indicators.md#{k})"
                for k in standard.indicators] + [""]

    if standard.forms:
        out += [f"## {label(lang, 'forms')}", ""]
        out += [f"- [{inline(k)} · {inline(catalogue.forms[k].title.get(lang))}](../forms/{k}.md)"
                for k in standard.forms] + [""]

    if standard.related:
        out += [f"## {label(lang, 'related')}", ""]
        out += [f"- {standard_link(catalogue.by_id[r], lang, base)}" for r in standard.related] + [""]

    out += [f"## {label(lang, 'sources')}", ""]
    out += [f"- [{inline(catalogue.sources[k].title)}](../sources.md#{k})" for k in standard.sources] + [""]

    out += [f"## {label(lang, 'history')}", ""]
    out += [f"| {label(lang, 'version')} | {label(lang, 'date')} | {label(lang, 'change')} |", "|---|---|---|"]
    out += [f"| {inline(c.version)} | {inline(c.date)} | {inline(c.summary)} |" for c in standard.changes]
    out.append("")
    return "\n".join(out)


def render_chapter_list(code: str, catalogue: Catalogue, lang: str = "en", base: str = "../standards/") -> str:
    """The standards of one chapter, in reading order, each with its summary and requirement levels."""
    out = []
    for standard in catalogue.in_chapter(code):
        counts = {level: sum(r.level == level for r in standard.requirements) for level in ("must", "should", "may")}
        badges = " ".join(f"{level_badge(level, lang)}&nbsp;{n}" for level, n in counts.items() if n)
        out += [f"### {standard_link(standard, lang, base)}", "", localized(standard.summary, lang), "",
                badges, "{ .tism-counts }", ""]
    return "\n".join(out)


def render_chapter_index(catalogue: Catalogue, lang: str = "en", base: str = "chapters/") -> str:
    """The home page's table of chapters."""
    out = [f"| {label(lang, 'chapter')} | {label(lang, 'standards')} | {label(lang, 'requirement_count')} |",
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
    out = [f"# {label(lang, 'source_list')}", ""]
    for source in catalogue.sources.values():
        out += [f"## {inline(source.title)} {{ #{source.key} }}", ""]
        facts = [inline(source.publisher)] + ([str(source.year)] if source.year else [])
        out += [", ".join(facts), ""]
        if source.reference:
            out += [inline(source.reference), ""]
        if source.url:
            # Shown as text, not a link: the manual is read offline and must not call out.
            out += [f"<code>{attribute(source.url)}</code>", ""]
        users = [s.id for s in catalogue.standards
                 if source.key in s.sources or any(c.source == source.key for c in s.legal_basis)]
        if users:
            out += [f"{label(lang, 'used_by')}: " + ", ".join(f"[{inline(u)}]({base}{u}.md)" for u in users), ""]
    return "\n".join(out)


def _standard_links(standards, base: str) -> str:
    return ", ".join(f"[{inline(s.id)}]({base}{s.id}.md)" for s in standards)


def render_glossary(catalogue: Catalogue, lang: str = "en", base: str = "standards/") -> str:
    """Every term with its Bengali and Latin-letter forms, sorted in the page language."""
    out = [f"# {label(lang, 'glossary')}", ""]
    terms = sorted(catalogue.glossary.values(), key=lambda t: (t.bn if lang == "bn" else t.en).lower())
    for term in terms:
        first, second = (term.bn, term.en) if lang == "bn" else (term.en, term.bn)
        out += [f"## {inline(first)} — {inline(second)} {{ #{term.key} }}", ""]
        out += [localized(term.definition, lang), ""]
        also = [*term.en_variants, *term.bn_variants]
        if term.latin:
            out += [f"**{label(lang, 'latin')}:** " + ", ".join(f"`{attribute(w)}`" for w in term.latin), ""]
        if also:
            out += [f"**{label(lang, 'also')}:** " + ", ".join(inline(w) for w in also), ""]
        if term.related:
            out += [f"{label(lang, 'related')}: {_standard_links([catalogue.by_id[r] for r in term.related], base)}", ""]
    return "\n".join(out)


def render_indicators(catalogue: Catalogue, lang: str = "en", base: str = "standards/") -> str:
    """The indicator catalogue: one section per group, each indicator with its stable ID."""
    out = [f"# {label(lang, 'indicators')}", "", f"!!! note \"{label(lang, 'indicator_note')}\"", ""]
    for group in catalogue.indicators.values():
        out += [f"## {inline(group.title.get(lang))} {{ #{group.key} }}", "", localized(group.summary, lang), ""]
        out += [f"- **{inline(i.id)}** {localized(i.text, lang)}" for i in group.indicators] + [""]
        users = catalogue.using("indicators", group.key)
        if users:
            out += [f"{label(lang, 'used_by')}: {_standard_links(users, base)}", ""]
        out += [f"{label(lang, 'sources')}: " + ", ".join(
            f"[{inline(catalogue.sources[k].title)}](sources.md#{k})" for k in group.sources), ""]
    return "\n".join(out)


def render_forms_index(catalogue: Catalogue, lang: str = "en") -> str:
    out = [f"# {label(lang, 'forms')}", ""]
    for form in catalogue.forms.values():
        out += [f"## [{inline(form.id)} · {inline(form.title.get(lang))}](forms/{form.id}.md)", "",
                localized(form.purpose, lang), ""]
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
    return f'<p class="tism-field {kind}"><span class="tism-label">{name}</span>{help_text}<span class="tism-line"></span></p>'


def render_form(form, catalogue: Catalogue, lang: str = "en", base: str = "../standards/") -> str:
    """A printable fill-in form: labels in the page language, blank lines and boxes to fill in."""
    out = [f"# {inline(form.id)} · {inline(form.title.get(lang))}", "",
           f"**{label(lang, 'purpose')}:** {localized(form.purpose, lang)}", "{ .tism-form-purpose }", ""]
    for section in form.sections:
        out += [f"## {inline(section.title.get(lang))}", ""]
        out += ['<div class="tism-form">' + "".join(_form_field(f, lang) for f in section.fields) + "</div>", ""]
    users = catalogue.using("forms", form.id)
    if users:
        out += [f"{label(lang, 'used_by')}: {_standard_links(users, base)}", "{ .tism-form-used }", ""]
    return "\n".join(out)


def _shift_headings(markdown: str) -> str:
    """Every ATX heading one level down, so a standard page can sit inside a chapter print view."""
    return "\n".join("#" + line if line.startswith("#") else line for line in markdown.split("\n"))


def render_print_chapter(code: str, intro: str, catalogue: Catalogue, lang: str = "en") -> str:
    """A chapter for printing: its introduction, then every standard in full, each on a new page."""
    chapter = catalogue.chapter(code)
    out = [f"# {inline(code)} · {inline(chapter.title.get(lang))}", "",
           f"{label(lang, 'print_edition')} {inline(catalogue.edition)}", "{ .tism-print-edition }", "",
           intro.strip(), ""]
    for standard in catalogue.in_chapter(code):
        body = _shift_headings(render_standard(standard, catalogue, lang, base="../standards/"))
        out += ['<div class="tism-print-standard" markdown="block">', "", body, "", "</div>", ""]
    return "\n".join(out)


def _card_block(block, catalogue: Catalogue, lang: str) -> list[str]:
    if block.kind == "indicators":
        group = catalogue.indicators[block.ref]
        heading = block.heading.get(lang) if block.heading else group.title.get(lang)
        items = [localized(i.text, lang) for i in group.indicators]
    elif block.kind == "contacts":
        heading = block.heading.get(lang) if block.heading else label(lang, "card_contacts")
        return [f"### {inline(heading)}", "", '<div class="tism-card-contacts">' + "".join(
            f'<p><span class="tism-label">{_html_text(c, lang)}</span><span class="tism-line"></span></p>'
            for c in block.contacts) + "</div>", ""]
    else:
        standard = catalogue.by_id[block.ref]
        if block.kind == "musts":
            items = [localized(r.text, lang) for r in standard.requirements if r.level == "must"]
            default = f"{label(lang, 'card_musts')} ({standard.id})"
        else:
            items = [localized(t, lang) for t in getattr(standard, block.kind)]
            default = f"{label(lang, block.kind)} ({standard.id})"
        heading = block.heading.get(lang) if block.heading else default
    items = items[: block.limit] if block.limit else items
    bullet = "- [ ] " if block.kind == "checklist" else "- "
    return [f"### {inline(heading)}", ""] + [bullet + item for item in items] + [""]


def render_card(card, catalogue: Catalogue, lang: str = "en") -> str:
    """A pocket card: two A6 sides composed from the standards' own checklists and indicators."""
    out = []
    for side in ("front", "back"):
        out += [f'<section class="tism-card-side tism-card-{side}" markdown="block">', ""]
        if side == "front":
            out += [f"## {inline(card.title.get(lang))}", ""]
        for block in getattr(card, side):
            out += _card_block(block, catalogue, lang)
        out += [f"{inline(catalogue.title.get(lang))} · {label(lang, 'print_edition')} {inline(catalogue.edition)}",
                "{ .tism-card-edition }", "", "</section>", ""]
    return "\n".join([f"# {inline(card.title.get(lang))} {{ .tism-card-title }}", ""] + out)
