"""`tism print`: real PDFs from headless Chromium, read back with pdftotext and pdfinfo, and their
layout checked on rendered output: pages drawn to images by pdftoppm, and the print layout
measured in Chromium (print media, the paper's width) exactly as `tism print` lays it out."""
from __future__ import annotations

import functools
import re
import subprocess
from contextlib import contextmanager
from pathlib import Path

import pytest

from conftest import PROJECT, STANDARDS, copy_fixture, run_tism
from tism.catalogue import load_catalogue


@functools.cache  # the printed PDFs do not change during a run: read each once
def pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout


def pdf_info(path: Path) -> dict[str, str]:
    out = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return dict(line.split(":", 1) for line in out.splitlines() if ":" in line)


def pdf_pages(path: Path) -> list[str]:
    """The text of each page (pdftotext ends every page with a form feed)."""
    return pdf_text(path).split("\f")[:-1]


def ink_rows(pdf: Path, page: int, folder: Path, dpi: int = 40) -> list[bool]:
    """Which pixel rows of `page`, drawn in grey by pdftoppm, hold any ink (a pixel darker than
    light grey): top to bottom."""
    subprocess.run(["pdftoppm", "-gray", "-r", str(dpi), "-f", str(page), "-l", str(page), "-singlefile",
                    str(pdf), str(folder / "page")], check=True)
    data = (folder / "page.pgm").read_bytes()
    # A binary PGM: "P5", width, height, maximum value, then one white space and a byte a pixel.
    header = re.match(rb"P5\s+(\d+)\s+(\d+)\s+255\s", data)
    assert header is not None
    width, height, pixels = int(header[1]), int(header[2]), data[header.end():]
    assert len(pixels) == width * height
    return [min(pixels[row * width:(row + 1) * width]) < 160 for row in range(height)]


def largest_blank(rows: list[bool]) -> int:
    """The tallest run of rows without ink."""
    best = run = 0
    for ink in rows:
        run = 0 if ink else run + 1
        best = max(best, run)
    return best


def page_of(catalogue, lang: str, page: int, pages: int) -> str:
    """"page 2 of 4" as the footer writes it in `lang`, in the language's digits."""
    digits = catalogue.languages[lang].digits or "0123456789"
    number = str.maketrans("0123456789", digits)
    return catalogue.languages.label(lang, "print_page_of").format(
        page=str(page).translate(number), pages=str(pages).translate(number))


@contextmanager
def chromium_page():
    """A page in headless Chromium with the network cut (the tests open the built site)."""
    from playwright.sync_api import sync_playwright

    from tism.browser import CHROMIUM, LAUNCH_ARGS

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        context = browser.new_context()
        context.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file://")
                      else route.abort())
        yield context.new_page()
        browser.close()


def lay_out_for_print(page, job, catalogue) -> None:
    """Lay out the page open in `page` as `tism print` does before it prints `job`."""
    from tism.printing import lay_out, page_style

    page.evaluate("document.fonts.ready.then(() => true)")
    page.add_style_tag(content=page_style(job, catalogue))
    lay_out(page, job, catalogue)


def squeeze(text: str) -> str:
    """Line breaks and runs of spaces as one space: a title wraps across lines on paper."""
    return re.sub(r"\s+", " ", text).strip()


def letters(text: str) -> str:
    """The text without any white space. pdftotext guesses word breaks from glyph positions and
    puts a space inside a few Bengali words where a reph (র্) is drawn over the next letter
    (নির্দেশক -> "নির্দে শক"); the characters and their order must still be exact."""
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def printed(real_site) -> Path:
    out = real_site / "print"
    result = run_tism("print", "--standards", str(STANDARDS), "--site", str(real_site / "site"),
                      "--out", str(out), cwd=PROJECT, timeout=600)
    assert result.returncode == 0, result.stderr
    assert re.search(r"printed \d+ PDFs \(\d+\.\d MiB\)", result.stdout)
    # Not a terminal: one plain progress line per PDF, as it begins ("tism print: X (n of N)").
    steps = re.findall(r"^tism print: (\S+\.pdf) \((\d+) of (\d+)\)$", result.stderr, re.M)
    assert [int(n) for _, n, _ in steps] == list(range(1, len(steps) + 1))
    assert {total for *_, total in steps} == {str(len(steps))} and len(steps) == len(list(out.rglob("*.pdf")))
    return out


def test_every_chapter_in_both_languages(printed):
    catalogue = load_catalogue(STANDARDS)
    for chapter in catalogue.chapters:
        for lang in ("en", "bn"):
            pdf = printed / "chapters" / f"{chapter.code}.{lang}.pdf"
            pages = int(pdf_info(pdf)["Pages"])
            # each standard starts on a new page, the first right after the introduction
            assert len(catalogue.in_chapter(chapter.code)) <= pages < 12 * len(catalogue.in_chapter(chapter.code)) + 2


def test_bengali_chapter_text_layer_is_exact(printed):
    catalogue = load_catalogue(STANDARDS)
    for chapter in catalogue.chapters:
        first = catalogue.in_chapter(chapter.code)[0]
        text = letters(pdf_text(printed / "chapters" / f"{chapter.code}.bn.pdf"))
        assert letters(first.title["bn"]) in text, (chapter.code, first.title["bn"])
        assert letters(first.requirements[0].text["bn"]) in text


def test_bengali_words_come_back_whole(printed):
    """Nearly every Bengali word of a printed chapter copies back as the same word (measured 99 %
    with the bundled Baloo Da 2; Noto Sans Bengali 3 gave almost none)."""
    catalogue = load_catalogue(STANDARDS)
    words = {w for s in catalogue.in_chapter("LF") for t in (s.title, s.summary, *(r.text for r in s.requirements))
             for w in re.findall(r"[\u0980-\u09ff]+", t["bn"])}
    printed_words = set(re.findall(r"[\u0980-\u09ff]+", pdf_text(printed / "chapters" / "LF.bn.pdf")))
    assert len(words & printed_words) >= 0.97 * len(words)


def test_english_chapter_has_levels_and_edition_on_every_page(printed):
    catalogue = load_catalogue(STANDARDS)
    pdf = printed / "chapters" / "LF.en.pdf"
    pages = pdf_pages(pdf)
    edition = f"{catalogue.languages.label('en', 'print_edition')} {catalogue.edition}"
    assert all(edition in p and page_of(catalogue, "en", n, len(pages)) in p for n, p in enumerate(pages, 1))
    assert "MUST" in pages[0]   # the first standard's requirements, after the introduction


def test_chapter_first_page_is_not_mostly_blank(printed, tmp_path):
    """The first standard follows the chapter's introduction on page 1. Measured on the page drawn
    as an image: the tallest blank band between the margins was 52-75 % of the page when every
    standard started a new page, and is under 11 % now."""
    for pdf in sorted((printed / "chapters").glob("*.pdf")):
        rows = ink_rows(pdf, 1, tmp_path, dpi=20)
        top, bottom = round(len(rows) * 16 / 297), len(rows) - round(len(rows) * 18 / 297)
        assert largest_blank(rows[top:bottom]) < 0.25 * len(rows), pdf.name


def test_bengali_pdf_footers_are_bengali(printed, catalogue):
    """Every page of every Bengali A4 PDF carries the manual's Bengali title, the edition and
    "page x of y" in Bengali words and digits. The footer is drawn in the bundled Bengali font:
    in a fallback font the text layer loses letters (মানব came back as "মা ব"), so exact letters
    here also mean the right font."""
    label = catalogue.languages.label
    pdfs = [*sorted((printed / "chapters").glob("*.bn.pdf")), *sorted((printed / "forms").glob("*.bn.pdf")),
            printed / "what-changed.bn.pdf"]
    for pdf in pdfs:
        text = pdf_text(pdf)
        assert "Trafficking Investigation Standards Manual" not in text, pdf.name
        pages = pdf_pages(pdf)
        for number, page in enumerate(pages, 1):
            for words in (catalogue.title["bn"], f"{label('bn', 'print_edition')} {catalogue.edition}",
                          page_of(catalogue, "bn", number, len(pages))):
                assert letters(words) in letters(page), (pdf.name, number, words)


def test_pocket_cards_are_two_a6_pages(printed):
    catalogue = load_catalogue(STANDARDS)
    assert len(catalogue.cards) >= 3
    for card in catalogue.cards.values():
        for lang in ("en", "bn"):
            info = pdf_info(printed / "cards" / f"{card.key}.{lang}.pdf")
            assert info["Pages"].strip() == "2", card.key
            width, height = (float(v) for v in re.findall(r"[\d.]+", info["Page size"])[:2])
            assert abs(width - 297.6) < 2 and abs(height - 419.5) < 2   # A6 in points
        assert letters(card.title["bn"]) in letters(pdf_text(printed / "cards" / f"{card.key}.bn.pdf"))


def test_card_sides_are_filled(printed, tmp_path):
    """Each A6 side drawn as an image has no blank band taller than 14 % of the page between its
    margins: the type and spacing are chosen so the content fills the side (the bands were
    18-42 % with one fixed size, the lower part of most sides empty)."""
    for pdf in sorted((printed / "cards").glob("*.pdf")):
        for side in (1, 2):
            rows = ink_rows(pdf, side, tmp_path)
            margin = round(len(rows) * 5 / 148)
            assert largest_blank(rows[margin:-margin]) < 0.14 * len(rows), (pdf.name, side)


# For each side of the card open in the page: what is wrong with its layout, as sentences. A
# checkbox must lie within the line box of its item's first line (measured on the text after the
# box) and inside its item; headings, items, contact lines and the edition line must not overlap
# one another; nothing may reach past the side, which is one page high.
CARD_LAYOUT = """() => {
  const problems = [];
  let boxes = 0;
  const near = 1;  // px
  document.querySelectorAll('.tism-card-side').forEach((side, index) => {
    const where = `side ${index + 1}`;
    const bounds = side.getBoundingClientRect();
    if (side.scrollHeight > side.clientHeight + near) problems.push(`${where}: taller than the page`);
    for (const label of side.querySelectorAll('label.tism-checklist__label')) {
      boxes++;
      const box = label.querySelector('input[type=checkbox]').getBoundingClientRect();
      const words = document.createRange();
      words.setStartAfter(label.querySelector('input'));
      words.setEnd(label, label.childNodes.length);
      const rects = [...words.getClientRects()].filter(r => r.width > 0 && r.height > 0);
      const first = rects.reduce((a, b) => (b.top < a.top ? b : a));
      const line = rects.filter(r => (r.top + r.bottom) / 2 < first.bottom);
      const top = Math.min(...line.map(r => r.top)), bottom = Math.max(...line.map(r => r.bottom));
      const text = label.textContent.trim().slice(0, 30);
      if (box.top < top - near || box.bottom > bottom + near)
        problems.push(`${where}: box ${box.top.toFixed(1)}-${box.bottom.toFixed(1)} outside the first line ` +
                      `${top.toFixed(1)}-${bottom.toFixed(1)} of "${text}"`);
      const item = label.closest('li').getBoundingClientRect();
      if (box.top < item.top - near || box.bottom > item.bottom + near)
        problems.push(`${where}: box outside "${text}"`);
    }
    const blocks = [...side.querySelectorAll('h2, h3, li, p')];
    const name = block => `"${block.textContent.trim().slice(0, 30)}"`;
    blocks.forEach((block, i) => {
      const r = block.getBoundingClientRect();
      if (r.bottom > bounds.bottom + near) problems.push(`${where}: ${name(block)} runs off`);
      const next = blocks[i + 1];
      if (next && next.getBoundingClientRect().top < r.bottom - near)
        problems.push(`${where}: ${name(block)} overlaps ${name(next)}`);
    });
  });
  return {problems, boxes};
}"""


def test_card_layout_in_print(real_site, catalogue):
    """Each card laid out for print as `tism print` lays it out (print media, A6 width, its type
    fitted): every checkbox on the first line of its item, nothing overlapping, nothing off the
    side. Both languages."""
    from tism.printing import jobs

    cards = [job for job in jobs(catalogue) if job.kind == "card"]
    assert {job.lang for job in cards} == {"en", "bn"}
    boxes = 0
    with chromium_page() as page:
        for job in cards:
            page.goto((real_site / "site" / job.source).as_uri(), wait_until="load")
            lay_out_for_print(page, job, catalogue)
            layout = page.evaluate(CARD_LAYOUT)
            assert layout["problems"] == [], job.source
            boxes += layout["boxes"]
    assert boxes >= 20   # the checkboxes were measured


def test_forms_print_in_both_languages(printed):
    catalogue = load_catalogue(STANDARDS)
    assert len(catalogue.forms) >= 6
    for form in catalogue.forms.values():
        text = letters(pdf_text(printed / "forms" / f"{form.id}.bn.pdf"))
        assert letters(form.title["bn"]) in text


def form_body(page: str, catalogue, form, lang: str) -> list[str]:
    """The lines of a form page's text without its header (the case-number field and the form)."""
    case = letters(catalogue.languages.label(lang, "print_case_number"))
    header = letters(f"{form.id} · {form.title.get(lang)}")
    lines = [line for line in page.split("\n") if line.strip()]
    while lines and (letters(lines[0]).startswith(case) or letters(lines[0]) == header):
        lines.pop(0)
    return lines


def test_every_form_page_has_the_case_number_and_page_x_of_y(printed, catalogue):
    for form in catalogue.forms.values():
        for lang in ("en", "bn"):
            pages = pdf_pages(printed / "forms" / f"{form.id}.{lang}.pdf")
            case = letters(catalogue.languages.label(lang, "print_case_number"))
            for number, page in enumerate(pages, 1):
                assert case in letters(page), (form.id, lang, number)
                assert letters(page_of(catalogue, lang, number, len(pages))) in letters(page), (form.id, lang, number)


def test_form_pages_start_with_a_section_heading(printed, catalogue):
    """A section of a form is kept on one page: every page after the first starts with a
    section's heading (FM-001 used to start page 2 in the middle of "Risks to the victim")."""
    for form in catalogue.forms.values():
        for lang in ("en", "bn"):
            titles = [letters(section.title.get(lang)) for section in form.sections]
            pages = pdf_pages(printed / "forms" / f"{form.id}.{lang}.pdf")
            assert len(pages) >= 2 or len(form.sections) < 3
            for number, page in enumerate(pages[1:], 2):
                start = letters("".join(form_body(page, catalogue, form, lang)[:3]))
                assert any(start.startswith(title) for title in titles), (form.id, lang, number, start[:60])


def test_a_form_section_longer_than_a_page_continues_under_its_heading(real_site, catalogue, tmp_path):
    """A section too long for one page (here FM-001's second section, its fields repeated eight
    times on the real page) is cut between fields, and each page it continues on starts with its
    heading and the words "(continued)"."""
    from tism.printing import jobs

    form = catalogue.forms["FM-001"]
    (job,) = [j for j in jobs(catalogue, ("bn",)) if j.kind == "form" and j.key == form.id]
    section = form.sections[1]
    with chromium_page() as page:
        page.goto((real_site / "site" / job.source).as_uri(), wait_until="load")
        page.evaluate("""() => { const fields = document.querySelectorAll('.tism-form-section .tism-form')[1];
                                  fields.innerHTML = fields.innerHTML.repeat(8); }""")
        lay_out_for_print(page, job, catalogue)
        page.pdf(path=str(tmp_path / "long.pdf"), format="A4", print_background=True)
    pages = pdf_pages(tmp_path / "long.pdf")
    title = letters(section.title["bn"])
    continued = title + letters(f"({catalogue.languages.label('bn', 'print_continued')})")
    field = letters(section.fields[0].label["bn"])
    holding = [n for n, page in enumerate(pages) if field in letters(page)]
    assert len(holding) >= 2
    starts = [letters("".join(form_body(pages[n], catalogue, form, "bn")[:2])) for n in holding]
    assert starts[0].startswith(title) and all(start.startswith(continued) for start in starts[1:]), starts


def test_footer_words_stay_inside_their_css_string(catalogue):
    """Data in a page style (a form's title in its header) is a CSS string: a quote, backslash or
    line break in it cannot end the string or add a rule."""
    import dataclasses

    from tism.model import Text
    from tism.printing import jobs, page_style

    form = next(iter(catalogue.forms.values()))
    hostile = 'x"; } body { display: none } \\ \n'
    changed = dataclasses.replace(catalogue, forms={
        **catalogue.forms, form.id: dataclasses.replace(form, title=Text({"en": hostile}))})
    (job,) = [j for j in jobs(changed, ("en",)) if j.kind == "form" and j.key == form.id]
    style = page_style(job, changed)
    assert f'content: "{form.id} · x\\22 ; }} body {{ display: none }} \\5c  \\a ";' in style


def test_print_without_a_built_site_says_so(tmp_path):
    project = copy_fixture(tmp_path / "project")
    result = run_tism("print", "--out", str(tmp_path / "pdf"), cwd=project)
    assert result.returncode == 1
    assert "run `tism build` first" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "pdf").exists()


def test_bundle_unzipped_elsewhere_works_offline(printed, real_site, tmp_path):
    import zipfile

    from playwright.sync_api import sync_playwright

    from tism.browser import CHROMIUM, LAUNCH_ARGS

    target = tmp_path / "tism.zip"
    result = run_tism("bundle", "--standards", str(STANDARDS), "--site", str(real_site / "site"),
                      "--index", str(real_site / "index"), "--pdfs", str(printed), "--out", str(target),
                      cwd=PROJECT)
    assert result.returncode == 0, result.stderr
    assert re.search(r"bundle: .*tism\.zip \(\d+\.\d MiB\)", result.stdout)
    elsewhere = tmp_path / "laptop"
    with zipfile.ZipFile(target) as archive:
        archive.extractall(elsewhere)
    (top,) = list(elsewhere.iterdir())
    assert (top / "pdf" / "chapters" / "LF.bn.pdf").is_file()
    # START HERE and each site's "Print and hand out" page: every link opens a file of the bundle,
    # and every PDF of the bundle is linked from them.
    linked = set()
    pages = [top / "START-HERE.html", top / "site" / "printables.html", top / "site" / "bn" / "printables.html"]
    for page_path in pages:
        for href in re.findall(r'<a [^>]*href="([^"#]+)', page_path.read_text(encoding="utf-8")):
            target = (page_path.parent / href).resolve()
            assert target.is_file(), f"{page_path.name} -> {href}"
            linked.add(target)
    assert {p.resolve() for p in (top / "pdf").rglob("*.pdf")} <= linked
    search = run_tism("search", "consent", "--index", str(top / "index"), "--json", cwd=tmp_path)
    assert search.returncode == 0 and '"LF-003"' in search.stdout
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        context = browser.new_context()
        outside = []
        context.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file://")
                      else (outside.append(route.request.url), route.abort()))
        page = context.new_page()
        page.goto((top / "START-HERE.html").as_uri())
        page.click("a[href='site/index.html']")
        page.fill(".tism-search__input", "interview")
        page.wait_for_selector(".tism-result", timeout=15000)
        browser.close()
    assert outside == []


def test_what_changed_is_printed_in_both_languages(printed):
    for lang in ("en", "bn"):
        text = pdf_text(printed / f"what-changed.{lang}.pdf")
        assert ("What changed" if lang == "en" else "কী বদলেছে") in text


def test_every_course_has_its_trainers_pack_in_both_languages(printed, catalogue):
    """Trainer's guide, handout, knowledge check, pre- and post-course test and answer key of every
    course, in English and Bengali, each a PDF whose text is the course's own."""
    from tism import trainerpack

    for course in catalogue.courses.values():
        for kind in trainerpack.KINDS:
            for lang in ("en", "bn"):
                text = pdf_text(printed / "courses" / f"{course.id}-{kind.key}.{lang}.pdf")
                assert course.id in text and squeeze(catalogue.languages.label(lang, kind.label)) in squeeze(text)
    course = catalogue.courses["SI-BASIC"]
    module = course.modules[0]
    guide = pdf_text(printed / "courses" / "SI-BASIC-guide.en.pdf")
    assert squeeze(module.trainer_notes.get("en"))[:60] in squeeze(guide)
    assert squeeze(course.exercises[0].model_answer.get("en"))[:60] in squeeze(guide)
    handout = pdf_text(printed / "courses" / "SI-BASIC-handout.en.pdf")
    _, requirement = catalogue.requirement(module.objectives[0].teaches[0])
    assert squeeze(requirement.text.get("en"))[:60] in squeeze(handout)
    assert squeeze(course.exercises[0].model_answer.get("en"))[:60] not in squeeze(handout)


def test_knowledge_check_and_key_read_back_in_bengali(printed, catalogue):
    """The Bengali check has every question, numbered in Bengali digits, and no answers; the key
    has each right answer with the requirement it tests; the pre- and post-course test has the
    questions tism.curriculum.prepost draws, and the boxes for before and after."""
    from tism import curriculum, trainerpack

    course = catalogue.courses["SUPERVISOR"]
    check = letters(pdf_text(printed / "courses" / "SUPERVISOR-check.bn.pdf"))
    key = letters(pdf_text(printed / "courses" / "SUPERVISOR-key.bn.pdf"))
    test = letters(pdf_text(printed / "courses" / "SUPERVISOR-test.bn.pdf"))
    questions = course.questions()
    for question in questions:
        assert letters(question.text.get("bn")) in check
        assert letters(trainerpack.answer_text(question, catalogue, "bn")) in key
        assert question.tests in key
    count = len(questions)
    assert letters(f"{trainerpack.number(count, catalogue, 'bn')}.") in check
    assert letters(catalogue.languages.label("bn", "answer_key")) not in check
    chosen = curriculum.prepost(course)
    assert all(letters(q.text.get("bn")) in test for q in chosen)
    assert sum(letters(q.text.get("bn")) in test for q in questions) == len(chosen)
    assert letters("কোর্সের আগে") in test and letters("কোর্সের পরে") in test


def test_the_self_assessment_prints_with_its_worksheet(printed, catalogue):
    assessment = catalogue.self_assessment
    for lang in ("en", "bn"):
        text = letters(pdf_text(printed / f"self-assessment.{lang}.pdf"))
        for section in assessment.sections:
            assert all(letters(item.text.get(lang)) in text for item in section.items)
        assert letters(catalogue.languages.label(lang, "sa_score_rule")) in text
        # The four boxes of the worksheet stand side by side: each label's first words, not its whole line.
        for key in ("swot_strengths", "swot_weaknesses", "swot_opportunities", "swot_threats"):
            assert letters(catalogue.languages.label(lang, key).split(" (")[0]) in text


def test_ctrl_c_while_printing_keeps_the_pdfs_that_were_there(real_site, tmp_path):
    """Ctrl-C stops every browser after the page it is printing: one line, exit 130, the output
    folder as it was and no half-printed folder left beside it."""
    import signal

    from conftest import TISM

    out = tmp_path / "print"
    out.mkdir()
    (out / "earlier.pdf").write_bytes(b"%PDF- an earlier print")
    def ctrl_c_reaches_it() -> None:  # a background job starts with Ctrl-C ignored
        signal.signal(signal.SIGINT, signal.SIG_DFL)

    process = subprocess.Popen([str(TISM), "print", "--standards", str(STANDARDS), "--site", str(real_site / "site"),
                                "--out", str(out)], cwd=PROJECT, stderr=subprocess.PIPE, text=True,
                               stdout=subprocess.DEVNULL, preexec_fn=ctrl_c_reaches_it)
    assert process.stderr is not None
    for line in process.stderr:
        if re.match(r"tism print: \S+\.pdf \(3 of \d+\)", line):
            break
    process.send_signal(signal.SIGINT)
    rest = process.stderr.read()
    assert process.wait(timeout=60) == 130
    assert rest.strip().splitlines()[-1] == "tism print: interrupted" and "Traceback" not in rest
    assert sorted(p.name for p in tmp_path.iterdir()) == ["print"]
    assert [p.name for p in out.iterdir()] == ["earlier.pdf"]
