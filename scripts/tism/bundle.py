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


def start_here(catalogue: Catalogue, pdfs: list[str]) -> str:
    """A short page that opens the manual in each of its languages and lists the PDFs."""
    title = html.escape(catalogue.title.source)
    others = "".join(f'<p lang="{lang}">{html.escape(catalogue.title[lang])}</p>\n'
                     for lang in catalogue.languages.codes[1:] if lang in catalogue.title)
    links = "\n".join(
        f'<a class="big" lang="{language.code}" href="site/{catalogue.languages.folder(language.code)}index.html">'
        f"{html.escape(catalogue.languages.label(language.code, 'open_manual'))} ({html.escape(language.native)})</a>"
        for language in catalogue.languages.languages)
    items = "".join(f'<li><a href="{html.escape(p)}">{html.escape(p)}</a></li>' for p in pdfs)
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{title}: start here</title>
<style>@font-face{{font-family:"tism Bengali";src:url("site/assets/fonts/baloo-da-2-400.woff2") format("woff2");
unicode-range:U+0964-0965,U+0980-09FE,U+200C-200D}}
body{{font-family:"tism Bengali",system-ui,sans-serif;max-width:42em;margin:2em auto;padding:0 1em;line-height:1.5}}
a.big{{display:inline-block;margin:.3em .6em .3em 0;padding:.6em 1em;border:2px solid #283593;border-radius:.3em;
color:#283593;text-decoration:none;font-size:1.2em}}</style></head>
<body>
<h1>{title}</h1>
{others}<p>Edition {html.escape(catalogue.edition)}. Works with no network: open a link below.</p>
<p>{links}</p>
<h2>Printable PDFs</h2><ul>{items}</ul>
<h2>Command-line search</h2><p>See <a href="SEARCH-FROM-A-TERMINAL.txt">SEARCH-FROM-A-TERMINAL.txt</a>.</p>
</body></html>
"""


def _add_tree(archive: zipfile.ZipFile, folder: Path, prefix: str) -> None:
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            archive.write(path, f"{prefix}/{path.relative_to(folder).as_posix()}")


def write_bundle(catalogue: Catalogue, site: Path, index: Path, pdf_dir: Path, target: Path) -> Path:
    """Write the zip to `target` (through a temporary name, then renamed into place)."""
    top = f"tism-{catalogue.edition}"
    pdfs = sorted(p.relative_to(pdf_dir).as_posix() for p in pdf_dir.rglob("*.pdf"))
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    try:
        with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            archive.writestr(f"{top}/START-HERE.html", start_here(catalogue, [f"pdf/{p}" for p in pdfs]))
            archive.writestr(f"{top}/SEARCH-FROM-A-TERMINAL.txt", CLI_NOTE)
            archive.writestr(f"{top}/export/tism-{catalogue.edition}.json", as_json(catalogue))
            archive.writestr(f"{top}/export/tism-{catalogue.edition}-requirements.csv", as_csv(catalogue))
            _add_tree(archive, Path(os.path.realpath(site)), f"{top}/site")
            _add_tree(archive, Path(os.path.realpath(index)), f"{top}/index")
            _add_tree(archive, pdf_dir, f"{top}/pdf")
        os.replace(partial, target)
    except BaseException:
        partial.unlink(missing_ok=True)  # never leave half a zip behind
        raise
    return target
