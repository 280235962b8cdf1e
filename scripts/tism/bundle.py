"""`tism bundle`: one zip for a field laptop: both sites, the search index, the PDFs, START HERE.

Everything inside is relative, so the folder works wherever it is unzipped, from file://.
"""
from __future__ import annotations

import html
import os
import zipfile
from pathlib import Path

from .export import as_csv, as_json
from .model import Catalogue
from .moodle import question_bank

CLI_NOTE = """Searching this manual from a terminal
=======================================

The folder index/ is the manual's search index. With tism installed (see the manual's
README: `make manual` in its source folder sets it up), search it with:

    tism search consent --index index
    tism search ভুক্তভোগী --index index --lang bn
    tism search IV-004.02 --index index
    tism search dalal --index index --json

Options: --chapter IV, --role investigator, --limit 5, --json.
The site itself (START-HERE.html) needs no installation: open it in any browser.
"""


def _size(size: int) -> str:
    return f"{size / 1024:.0f} KB" if size < 1024 * 1024 else f"{size / 1024 / 1024:.1f} MB"


def start_here(catalogue: Catalogue, pdf_sizes: dict[str, int]) -> str:
    """A short page that opens the manual in each of its languages and lists what can be printed:
    one row per chapter, card and form, with its title, paper and a PDF link (and size) per
    language. `pdf_sizes` holds the bundle's PDFs by their path under pdf/."""
    from . import printing

    e = html.escape
    languages = catalogue.languages
    title = e(catalogue.title.source)
    others = "".join(f'<p lang="{lang}">{e(catalogue.title[lang])}</p>\n'
                     for lang in languages.codes[1:] if lang in catalogue.title)

    def button(lang: str, page: str, key: str) -> str:
        native = e(languages[lang].native)
        return (f'<a class="big" lang="{lang}" href="site/{languages.folder(lang)}{page}">'
                f"{e(languages.label(lang, key))} ({native})</a>")

    opens = " ".join(button(code, "index.html", "open_manual") for code in languages.codes)
    prints = " ".join(button(code, "printables.html", "printables") for code in languages.codes)
    rows = []
    first = languages.codes[0]
    all_jobs = printing.jobs(catalogue)
    alike = printing.in_each_language(all_jobs)
    for job in (j for j in all_jobs if j.lang == first):
        cells = []
        for code in languages.codes:
            other = alike[job.kind, job.key].get(code)
            target = other.target if other is not None else ""
            cells.append(f'<td><a href="pdf/{e(target)}">{e(target.rpartition("/")[2])}</a> '
                         f"{_size(pdf_sizes[target])}</td>" if target in pdf_sizes else "<td>-</td>")
        rows.append(f"<tr><td>{e(printing.title(job, catalogue))}</td><td>{job.paper}</td>{''.join(cells)}</tr>")
    heads = "".join(f'<th>PDF (<span lang="{c}">{e(languages[c].native)}</span>)</th>' for c in languages.codes)
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}: start here</title>
<style>@font-face{{font-family:"tism Bengali";src:url("site/assets/fonts/baloo-da-2-400.woff2") format("woff2");
unicode-range:U+0964-0965,U+0980-09FE,U+200C-200D}}
body{{font-family:"tism Bengali",system-ui,sans-serif;max-width:48em;margin:2em auto;padding:0 1em;line-height:1.5;
color:#1a1a1a}}
a{{color:#1a237e}}
a.big{{display:inline-block;margin:.3em .6em .3em 0;padding:.6em 1em;border:2px solid #1a237e;border-radius:.3em;
text-decoration:none;font-size:1.15em}}
table{{border-collapse:collapse;width:100%;font-size:.9em}} th,td{{text-align:left;padding:.25em .5em;
border-bottom:1px solid #ccc;vertical-align:top}}
.wide{{overflow-x:auto}}</style></head>
<body><main>
<h1>{title}</h1>
{others}<p>Edition {e(catalogue.edition)}. Everything here works with no network.</p>
<h2>Read</h2>
<p>{opens}</p>
<h2>Print and hand out</h2>
<p>{prints}</p>
<div class="wide"><table><thead><tr><th>Printable</th><th>Paper</th>{heads}</tr></thead>
<tbody>{"".join(rows)}</tbody></table></div>
<h2>Search from a terminal</h2><p>See <a href="SEARCH-FROM-A-TERMINAL.txt">SEARCH-FROM-A-TERMINAL.txt</a>.</p>
</main></body></html>
"""


def _add_tree(archive: zipfile.ZipFile, folder: Path, prefix: str) -> None:
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            archive.write(path, f"{prefix}/{path.relative_to(folder).as_posix()}")


def write_bundle(catalogue: Catalogue, site: Path, index: Path, pdf_dir: Path, target: Path) -> Path:
    """Write the zip to `target` (through a temporary name, then renamed into place)."""
    top = f"tism-{catalogue.edition}"
    pdfs = {p.relative_to(pdf_dir).as_posix(): p.stat().st_size for p in sorted(pdf_dir.rglob("*.pdf"))}
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    try:
        with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            archive.writestr(f"{top}/START-HERE.html", start_here(catalogue, pdfs))
            archive.writestr(f"{top}/SEARCH-FROM-A-TERMINAL.txt", CLI_NOTE)
            archive.writestr(f"{top}/export/tism-{catalogue.edition}.json", as_json(catalogue))
            archive.writestr(f"{top}/export/tism-{catalogue.edition}-requirements.csv", as_csv(catalogue))
            for lang in catalogue.languages.codes if catalogue.courses else ():
                archive.writestr(f"{top}/export/tism-{catalogue.edition}-questions.{lang}.moodle.xml",
                                 question_bank(catalogue, lang))
            _add_tree(archive, Path(os.path.realpath(site)), f"{top}/site")
            _add_tree(archive, Path(os.path.realpath(index)), f"{top}/index")
            _add_tree(archive, pdf_dir, f"{top}/pdf")
        os.replace(partial, target)
    except BaseException:
        partial.unlink(missing_ok=True)  # never leave half a zip behind
        raise
    return target
