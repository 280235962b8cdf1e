"""`tism print`: PDFs for trainers and the field, printed by headless Chromium from the built site.

Chromium (Debian's package, driven by Playwright) writes a correct text layer for Bengali;
WeasyPrint does not (copying ধারা gives "ধোরো"). Every PDF is written into a new folder that
replaces the output folder only when all of them succeeded.

Footers and form headers are CSS page margin boxes in the page's language and fonts (`page_style`);
what CSS cannot lay out alone (a card's type fitted to A6, a form section too long for a page) is
done on the open page just before it prints (`lay_out`), and the tests measure that same layout.
"""
from __future__ import annotations

import os
import re
import shutil
import tempfile
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path

from . import trainerpack
from .browser import CHROMIUM, LAUNCH_ARGS, offline_context
from .folders import swap_in
from .model import Catalogue

PAGE_MARGINS = {"A4": "16mm 15mm 18mm 15mm", "A6": "5mm"}
# The writing area of a page in CSS pixels (96 per inch): the paper less PAGE_MARGINS.
CARD_WIDTH, CARD_HEIGHT = 95 * 96 / 25.4, 138 * 96 / 25.4     # A6, 105 x 148 mm
A4_WIDTH, A4_HEIGHT = 180 * 96 / 25.4, 263 * 96 / 25.4        # A4, 210 x 297 mm
# The type size of a card side is chosen between these (points) so that its content fills the side.
CARD_FONT_RANGE = (7.0, 10.5)
CARD_SPACING_MAX = 0.9  # em between a card's items at most
PRINT_WORKERS = 4  # browsers printing at once, at most (one per processor)


@dataclass(frozen=True)
class Job:
    source: str   # page inside the site, e.g. "bn/print/LF.html"
    target: str   # PDF inside the output folder, e.g. "chapters/LF.bn.pdf"
    paper: str    # "A4" or "A6" (pocket cards)
    label: str    # printed in the footer of A4 pages
    kind: str     # "chapter", "card", "form", "changes", "course" or "assessment" (the print page groups by it)
    key: str      # the chapter code, card key, form ID or course part (SI-BASIC-guide)
    lang: str     # the language of the page printed


def jobs(catalogue: Catalogue, languages: tuple[str, ...] | None = None) -> list[Job]:
    """Every PDF `tism print` writes: chapters, pocket cards, forms, what changed in this edition,
    each course's trainer's pack (tism.trainerpack) and the unit self-assessment, in each language
    (by default every language of the manual)."""
    out = []
    for lang in languages or catalogue.languages.codes:
        prefix = catalogue.languages.folder(lang)
        for chapter in catalogue.chapters:
            out.append(Job(f"{prefix}print/{chapter.code}.html", f"chapters/{chapter.code}.{lang}.pdf", "A4",
                           chapter.code, "chapter", chapter.code, lang))
        for card in catalogue.cards.values():
            out.append(Job(f"{prefix}print/cards/{card.key}.html", f"cards/{card.key}.{lang}.pdf", "A6", card.key,
                           "card", card.key, lang))
        for form in catalogue.forms.values():
            out.append(Job(f"{prefix}forms/{form.id}.html", f"forms/{form.id}.{lang}.pdf", "A4", form.id,
                           "form", form.id, lang))
        # What changed in this edition, for trainers (tism.changepages).
        out.append(Job(f"{prefix}changes.html", f"what-changed.{lang}.pdf", "A4",
                       catalogue.languages.label(lang, "what_changed"),
                       "changes", "changes", lang))
        for course in catalogue.courses.values():
            for kind in trainerpack.KINDS:
                key = f"{course.id}-{kind.key}"
                out.append(Job(f"{prefix}{trainerpack.view_path(course.id, kind.key)[:-3]}.html",
                               f"courses/{key}.{lang}.pdf", "A4",
                               f"{course.id} · {catalogue.languages.label(lang, kind.label)}", "course", key, lang))
        if catalogue.self_assessment is not None:
            out.append(Job(f"{prefix}{trainerpack.SELF_ASSESSMENT[:-3]}.html", f"self-assessment.{lang}.pdf", "A4",
                           catalogue.self_assessment.title.get(lang), "assessment", "self-assessment", lang))
    return out


def title(job: Job, catalogue: Catalogue) -> str:
    """What a printable is called in its language (plain text): "LF · Legal framework …", a card's
    title; what changed, a course's part and the self-assessment are named in full by their label."""
    if job.kind == "chapter":
        return f"{job.key} · {catalogue.chapter(job.key).title.get(job.lang)}"
    if job.kind == "card":
        return catalogue.cards[job.key].title.get(job.lang)
    if job.kind == "form":
        return f"{job.key} · {catalogue.forms[job.key].title.get(job.lang)}"
    return job.label


def in_each_language(all_jobs: list[Job]) -> dict[tuple[str, str], dict[str, Job]]:
    """The jobs by printable (kind, key), then by language: the PDFs of one printable."""
    found: dict[tuple[str, str], dict[str, Job]] = {}
    for job in all_jobs:
        found.setdefault((job.kind, job.key), {})[job.lang] = job
    return found


def _css_string(text: str) -> str:
    """`text` as a CSS string: quotes, backslashes and control characters escaped (data never
    becomes a rule)."""
    return '"' + "".join(f"\\{ord(c):x} " if c in '"\\' or ord(c) < 0x20 or ord(c) == 0x7f else c
                         for c in text) + '"'


def _counter_style(catalogue: Catalogue, lang: str) -> tuple[str, str]:
    """(an @counter-style rule, its name) for page numbers in the digits of `lang`."""
    digits = catalogue.languages[lang].digits
    if not digits:
        return "", "decimal"
    symbols = " ".join(_css_string(d) for d in digits)
    return f"@counter-style tism-digits {{ system: numeric; symbols: {symbols}; }}\n", "tism-digits"


def _page_of(catalogue: Catalogue, lang: str, counter: str) -> str:
    """The label print_page_of ("page {page} of {pages}") as CSS content with page counters."""
    parts = re.split(r"(\{pages?\})", catalogue.languages.label(lang, "print_page_of"))
    return " ".join(f"counter({part[1:-1]}, {counter})" if part in ("{page}", "{pages}") else _css_string(part)
                    for part in parts if part)


def page_style(job: Job, catalogue: Catalogue) -> str:
    """The @page rules `job` prints with: its margins and, on A4, a footer (manual, edition, what
    is printed, page x of y) and on forms a header (the form and a case-number field on every
    page). They are page margin boxes, so they use the page's own fonts (the bundled Bengali
    font): a footer_template cannot. Every word comes from standards/languages.yaml."""
    if job.paper != "A4":
        return f"@page {{ margin: {PAGE_MARGINS[job.paper]}; }}"
    label = catalogue.languages.label
    rule, counter = _counter_style(catalogue, job.lang)
    footer = " \u00b7 ".join((catalogue.title.get(job.lang), f"{label(job.lang, 'print_edition')} {catalogue.edition}",
                             job.label))
    # The site's text font (tism.css sets it on the root, where the page context inherits from),
    # then the theme's fallbacks: Bengali in the bundled font, Latin in the system's.
    font = "font-family: var(--md-text-font, _), Helvetica, Arial, sans-serif; color: #444;"
    boxes = [f"@bottom-center {{ content: {_css_string(footer + ' · ')} {_page_of(catalogue, job.lang, counter)}; "
             f"{font} font-size: 7pt; }}"]
    if job.kind == "form":
        title = f"{job.key} · {catalogue.forms[job.key].title.get(job.lang)}"
        case = f"{label(job.lang, 'print_case_number')}: " + "_" * 24
        boxes += [f"@top-left {{ content: {_css_string(title)}; {font} font-size: 8pt; vertical-align: middle; }}",
                  f"@top-right {{ content: {_css_string(case)}; {font} font-size: 9pt; color: #000; "
                  "vertical-align: middle; white-space: nowrap; }"]
    return rule + f"@page {{ margin: {PAGE_MARGINS['A4']}; " + " ".join(boxes) + " }"


# Chooses each card side's type size so its content fills the side (a binary search over
# CARD_FONT_RANGE), then the space between its items (up to CARD_SPACING_MAX em) so what is left
# is shared out rather than left at the foot. Then holds the side to the height of a page so its
# edition line sits at the foot. Returns the sizes chosen, in points.
_FIT_CARD = """([low, high, spacing, height]) => [...document.querySelectorAll('.tism-card-side')].map((side, i) => {
  side.style.minHeight = '0';
  const room = height - (i === 0 ? side.getBoundingClientRect().top + window.scrollY : 0) - 2;
  const search = (name, unit, lo, hi) => {
    const fits = value => {
      side.style.setProperty(name, value + unit);
      return side.getBoundingClientRect().height <= room;
    };
    if (fits(hi)) { lo = hi; } else {
      for (let step = 0; step < 10; step++) { const mid = (lo + hi) / 2; if (fits(mid)) lo = mid; else hi = mid; }
    }
    lo = Math.floor(lo * 100) / 100;
    fits(lo);
    return lo;
  };
  const size = search('--tism-card-font', 'pt', low, high);
  search('--tism-card-spacing', 'em', 0.08, spacing);
  side.style.minHeight = room + 'px';
  return size;
})"""

# A form section taller than a page cannot be kept together: it is cut, between fields, into
# parts that each fit on a page, and every part after the first gets the section's heading with
# the words "(continued)". Returns the number of parts added.
_SPLIT_SECTIONS = """([height, continued]) => {
  let added = 0;
  for (const section of [...document.querySelectorAll('.tism-form-section')]) {
    if (section.getBoundingClientRect().height <= height) continue;
    const heading = section.querySelector('h2'), form = section.querySelector('.tism-form');
    const fields = [...form.children];
    form.replaceChildren();
    let part = section, box = form;
    for (const field of fields) {
      box.append(field);
      if (part.getBoundingClientRect().height <= height || box.children.length === 1) continue;
      const next = section.cloneNode(false), title = heading.cloneNode(true);
      title.removeAttribute('id');
      title.querySelectorAll('.headerlink').forEach(link => link.remove());
      title.append(' ' + continued);
      box = form.cloneNode(false);
      next.append(title, box);
      part.after(next);
      part = next;
      box.append(field);
      added++;
    }
  }
  return added;
}"""


def lay_out(page, job: Job, catalogue: Catalogue) -> None:
    """The layout CSS cannot do, on the page open in `page` (Playwright) before it prints: a
    card's type fitted to its sides; a form's sections taller than a page cut into parts with
    their heading repeated. Print media, at the paper's width (the tests measure it so too)."""
    if job.paper == "A6":
        page.set_viewport_size({"width": int(CARD_WIDTH), "height": int(CARD_HEIGHT)})
        page.emulate_media(media="print")
        page.evaluate(_FIT_CARD, [*CARD_FONT_RANGE, CARD_SPACING_MAX, CARD_HEIGHT])
    elif job.kind == "form":
        page.set_viewport_size({"width": int(A4_WIDTH), "height": int(A4_HEIGHT)})
        page.emulate_media(media="print")
        continued = f"({catalogue.languages.label(job.lang, 'print_continued')})"
        page.evaluate(_SPLIT_SECTIONS, [A4_HEIGHT - 8, continued])   # a few pixels spare for rounding


def _print_share(site: Path, staging: Path, share: list[Job], catalogue: Catalogue, begin: Callable[[Job], None],
                 stop: threading.Event) -> None:
    """Print `share` of the jobs in a browser of its own (Playwright's sync API wants one
    instance per thread); stop early once `stop` is set (another share failed)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        context = offline_context(browser)  # offline by construction
        # Paper needs none of the site's own scripts (the search data alone is 2 MB of script
        # to parse on every page): only the theme's.
        context.route("**/assets/tism/*.js", lambda route: route.abort())
        page = context.new_page()
        viewport = page.viewport_size
        for job in share:
            if stop.is_set():
                break
            begin(job)
            page.goto((site / job.source).resolve().as_uri(), wait_until="load")
            page.evaluate("document.fonts.ready.then(() => true)")
            # The theme's print stylesheet sets 25 mm page margins, which CSS lets win over
            # the PDF options: set the margins for this paper here, with the footer.
            page.add_style_tag(content=page_style(job, catalogue))
            target = staging / job.target
            target.parent.mkdir(parents=True, exist_ok=True)
            lay_out(page, job, catalogue)
            if job.paper == "A6":
                page.pdf(path=str(target), width="105mm", height="148mm", print_background=True)
            else:
                page.pdf(path=str(target), format="A4", print_background=True)
            page.emulate_media(media=None)
            if viewport:
                page.set_viewport_size(viewport)
        browser.close()


def print_workers() -> int:
    """How many browsers print at once: one per processor, at most PRINT_WORKERS."""
    return max(1, min(PRINT_WORKERS, os.cpu_count() or 1))


def print_pdfs(site: Path, out: Path, catalogue: Catalogue, languages: tuple[str, ...] | None = None,
               on_job: Callable[[str], None] = lambda target: None, workers: int | None = None) -> list[Path]:
    """Print every job from `site` into `out` (replaced whole), `workers` browsers at once (by
    default one per processor, tism.printing.print_workers). Returns the PDFs written. `on_job`
    hears each PDF's path as its printing begins (for progress), one at a time."""
    all_jobs = jobs(catalogue, languages)
    missing = [j.source for j in all_jobs if not (site / j.source).is_file()]
    if missing:
        raise FileNotFoundError(f"{site / missing[0]} is missing: run `tism build` first")
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f"{out.name}.print-", dir=out.parent))
    count = max(1, min(workers or print_workers(), len(all_jobs)))
    heard = threading.Lock()
    stop = threading.Event()

    def begin(job: Job) -> None:
        with heard:
            on_job(job.target)

    try:
        with ThreadPoolExecutor(max_workers=count) as pool:
            # The heavy pages (chapters) come first in the list: dealt out in turn, each browser
            # gets its share of them.
            futures = [pool.submit(_print_share, site, staging, all_jobs[n::count], catalogue, begin, stop)
                       for n in range(count)]
            try:
                for future in as_completed(futures):
                    if future.exception() is not None:
                        stop.set()
            except BaseException:
                stop.set()  # interrupted: each browser stops after the page it is printing
                raise
            for future in futures:
                future.result()  # the first failure, raised here
    except BaseException:
        stop.set()
        shutil.rmtree(staging, ignore_errors=True)
        raise
    swap_in(staging, out)
    return sorted(out.rglob("*.pdf"))
