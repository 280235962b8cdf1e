"""Where things are in a checkout. tism is installed editable, so the package sits in scripts/tism/."""
from __future__ import annotations

from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]
# The JSON Schemas ship inside the package; standards/schema is a link to them for editors.
SCHEMAS = Path(__file__).resolve().parent / "schemas"
# Theme templates the site plugin puts before the theme's own: main.html keeps the page <title> text,
# 404.html speaks the site's language.
THEME_FIXES = Path(__file__).resolve().parent / "templates"
# The site's scripts (see tism.pages.SCRIPTS): tism.engine in JavaScript, the search box, and the
# training pages' script.
WEB = Path(__file__).resolve().parent / "web"
# Installed by `make manual` (and `make test`) from the npm registry into build/vendor, then
# published inside the site, so nothing is fetched when the site is built or opened:
# - iframe-worker (MIT): the Web Worker shim that lets the site search run from file://
#   (the offline plugin would load it from a CDN);
# - @fontsource/baloo-da-2 (SIL OFL 1.1): Bengali renders on machines without a Bengali font.
#   Chosen over Noto Sans Bengali 3.x because Chromium's PDFs of it give back the exact text
#   (pdftotext of ভুক্তভোগী is ভুক্তভোগী, not "ভু ক্ত ভোগী"), so printed chapters copy and search right.
NODE_MODULES = PROJECT_ROOT / "build" / "vendor" / "node_modules"
SEARCH_SHIM = NODE_MODULES / "iframe-worker" / "shim" / "index.js"
SHIM_URI = "assets/vendor/iframe-worker-shim.js"
_FONT = NODE_MODULES / "@fontsource" / "baloo-da-2"
VENDOR_FILES = {
    SHIM_URI: SEARCH_SHIM,
    "assets/vendor/iframe-worker-LICENSE.txt": NODE_MODULES / "iframe-worker" / "LICENSE",
    "assets/fonts/baloo-da-2-400.woff2": _FONT / "files" / "baloo-da-2-bengali-400-normal.woff2",
    "assets/fonts/baloo-da-2-700.woff2": _FONT / "files" / "baloo-da-2-bengali-700-normal.woff2",
    "assets/fonts/baloo-da-2-LICENSE.txt": _FONT / "LICENSE",
}


def published_files(assets: Path | None) -> dict[str, Path]:
    """Files published as they are inside every site, by their path in it: the vendored files and
    everything in `assets` (the project's stylesheet and script) under assets/."""
    missing = [path for path in VENDOR_FILES.values() if not path.is_file()]
    if missing:
        raise FileNotFoundError(f"{missing[0]} is missing: run `make manual` (it installs build/vendor)")
    found = dict(VENDOR_FILES)
    found.update({f"assets/tism/{name}": WEB / name for name in ("engine.js", "search.js", "training.js")})
    if assets is not None:
        for path in sorted(p for p in assets.rglob("*") if p.is_file()):
            found[f"assets/{path.relative_to(assets).as_posix()}"] = path
    return found


def find_project(start: Path | None = None) -> Path:
    """The nearest folder at or above `start` holding standards/manual.yaml, else this checkout."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "standards" / "manual.yaml").is_file():
            return folder
    return PROJECT_ROOT
