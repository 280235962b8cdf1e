"""`tism print`: PDFs for trainers and the field, printed by headless Chromium from the built site.

Chromium (Debian's package, driven by Playwright) writes a correct text layer for Bengali;
WeasyPrint does not (copying ধারা gives "ধোরো"). Every PDF is written into a new folder that
replaces the output folder only when all of them succeeded.
"""
from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .browser import CHROMIUM, LAUNCH_ARGS
from .folders import swap_in
from .model import Catalogue

PAGE_MARGINS = {"A4": "@page { margin: 16mm 15mm 18mm 15mm; }", "A6": "@page { margin: 5mm; }"}


@dataclass(frozen=True)
class Job:
    source: str   # page inside the site, e.g. "bn/print/LF.html"
    target: str   # PDF inside the output folder, e.g. "chapters/LF.bn.pdf"
    paper: str    # "A4" or "A6" (pocket cards)
    label: str    # printed in the footer of A4 pages


def jobs(catalogue: Catalogue, languages: tuple[str, ...] | None = None) -> list[Job]:
    """Every PDF `tism print` writes: chapters, pocket cards, forms and what changed in this
    edition, in each language (by default every language of the manual)."""
    out = []
    for lang in languages or catalogue.languages.codes:
        prefix = catalogue.languages.folder(lang)
        for chapter in catalogue.chapters:
            out.append(Job(f"{prefix}print/{chapter.code}.html", f"chapters/{chapter.code}.{lang}.pdf", "A4",
                           chapter.code))
        for card in catalogue.cards.values():
            out.append(Job(f"{prefix}print/cards/{card.key}.html", f"cards/{card.key}.{lang}.pdf", "A6", card.key))
        for form in catalogue.forms.values():
            out.append(Job(f"{prefix}forms/{form.id}.html", f"forms/{form.id}.{lang}.pdf", "A4", form.id))
        # What changed in this edition, for trainers (tism.changepages).
        out.append(Job(f"{prefix}changes.html", f"what-changed.{lang}.pdf", "A4", "what changed"))
    return out


def _footer(edition: str, label: str) -> str:
    # Header and footer templates cannot use the page's web fonts: keep them ASCII.
    return ('<div style="font-size:7px;width:100%;text-align:center;font-family:sans-serif;color:#444">'
            f"Trafficking Investigation Standards Manual &middot; edition {edition} &middot; {label} &middot; "
            'page <span class="pageNumber"></span> of <span class="totalPages"></span></div>')


def print_pdfs(site: Path, out: Path, catalogue: Catalogue, languages: tuple[str, ...] | None = None) -> list[Path]:
    """Print every job from `site` into `out` (replaced whole). Returns the PDFs written."""
    from playwright.sync_api import sync_playwright

    missing = [j.source for j in jobs(catalogue, languages) if not (site / j.source).is_file()]
    if missing:
        raise FileNotFoundError(f"{site / missing[0]} is missing: run `tism build` first")
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f"{out.name}.print-", dir=out.parent))
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
            context = browser.new_context()
            # Offline by construction: anything outside file:// is refused.
            context.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file://")
                          else route.abort())
            page = context.new_page()
            for job in jobs(catalogue, languages):
                page.goto((site / job.source).resolve().as_uri(), wait_until="load")
                page.evaluate("document.fonts.ready.then(() => true)")
                # The theme's print stylesheet sets 25 mm page margins, which CSS lets win over
                # the PDF options: set the margins for this paper here.
                page.add_style_tag(content=PAGE_MARGINS[job.paper])
                target = staging / job.target
                target.parent.mkdir(parents=True, exist_ok=True)
                if job.paper == "A6":
                    page.pdf(path=str(target), width="105mm", height="148mm", print_background=True)
                else:
                    page.pdf(path=str(target), format="A4", print_background=True, display_header_footer=True,
                             header_template="<span></span>", footer_template=_footer(catalogue.edition, job.label))
            browser.close()
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    swap_in(staging, out)
    return sorted(out.rglob("*.pdf"))
