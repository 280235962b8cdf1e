"""The "Print and hand out" page of each site: every chapter, pocket card and form that `tism print`
makes, with its paper size, its printable view on the site and its PDF in each language (pure).

The printable views are pages of the site, so their links always work (a browser prints them).
The PDFs are made by `tism print` and travel in the bundle (`tism bundle`), in the folder pdf/
beside site/: the page links there, and says so, so that on a laptop given the bundle every link
opens a PDF, and on a site built alone the views are still one click away.
"""
from __future__ import annotations

from .model import Catalogue
from .printing import Job, in_each_language, jobs, title
from .render import attribute, inline, words

PAGE = "printables.md"
PDF_FOLDER = "pdf"  # beside site/ in the bundle (tism.bundle)


def pdf_href(catalogue: Catalogue, lang: str, target: str) -> str:
    """The link from a site's root page to a PDF of the bundle: site/ is one folder deep, a
    language's site one more (site/bn/)."""
    up = "../" * (1 + catalogue.languages.folder(lang).count("/"))
    return f"{up}{PDF_FOLDER}/{target}"


def _view(job: Job, catalogue: Catalogue) -> str:
    """The page inside the site (its Markdown path) that `job` prints, without the language folder."""
    return job.source.removeprefix(catalogue.languages.folder(job.lang)).removesuffix(".html") + ".md"


def render_printables(catalogue: Catalogue, lang: str) -> str:
    """The page, as Markdown: one table per kind (chapters, cards, forms, what changed)."""
    word = words(catalogue, lang)
    languages = catalogue.languages
    all_jobs = jobs(catalogue)
    alike = in_each_language(all_jobs)
    out = [f"# {word('printables')}", "", word("printables_intro"), "",
           f'{word("printables_pdfs")} <code>{attribute(PDF_FOLDER)}/</code>', "{ .tism-printables-note }", ""]
    heads = {"chapter": "chapters", "card": "cards", "form": "forms", "changes": "what_changed",
             "course": "courses_printed", "assessment": "self_assessment"}
    for kind, heading in heads.items():
        here = [j for j in all_jobs if j.kind == kind and j.lang == lang]
        if not here:
            continue
        out += [f"## {word(heading)}", ""]
        pdf_heads = " | ".join(f'PDF (<span lang="{attribute(lang_.code)}">{inline(lang_.native)}</span>)'
                               for lang_ in languages.languages)
        out += [f"| {word('printable')} | {word('paper')} | {word('printable_view')} | {pdf_heads} |",
                "|---|---|---|" + "---|" * len(languages.languages)]
        for job in here:
            pdfs = " | ".join(
                f'<a href="{attribute(pdf_href(catalogue, lang, other.target))}" hreflang="{attribute(other.lang)}" '
                f'type="application/pdf"><code>{attribute(other.target.rpartition("/")[2])}</code></a>'
                for code in languages.codes if (other := alike[job.kind, job.key].get(code)))
            paper = word("paper_a6") if job.paper == "A6" else "A4"
            out.append(f"| {inline(title(job, catalogue))} | {paper} | [{word('open')}]({_view(job, catalogue)}) "
                       f"| {pdfs} |")
        out.append("")
    return "\n".join(out)
