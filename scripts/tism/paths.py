"""Where things are in a checkout. tism is installed editable, so the package sits in scripts/tism/."""
from __future__ import annotations

from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]
SCHEMAS = PROJECT_ROOT / "standards" / "schema"
# Installed by `make manual` (and `make test`) from the npm registry into build/vendor, then
# published inside the site, so nothing is fetched when the site is built or opened:
# - iframe-worker (MIT): the Web Worker shim that lets the site search run from file://
#   (the offline plugin would load it from a CDN);
# - @fontsource/noto-sans-bengali (SIL OFL 1.1): Bengali renders on machines without a Bengali font.
NODE_MODULES = PROJECT_ROOT / "build" / "vendor" / "node_modules"
SEARCH_SHIM = NODE_MODULES / "iframe-worker" / "shim" / "index.js"
SHIM_URI = "assets/vendor/iframe-worker-shim.js"
_FONT = NODE_MODULES / "@fontsource" / "noto-sans-bengali"
VENDOR_FILES = {
    SHIM_URI: SEARCH_SHIM,
    "assets/vendor/iframe-worker-LICENSE.txt": NODE_MODULES / "iframe-worker" / "LICENSE",
    "assets/fonts/noto-sans-bengali-400.woff2": _FONT / "files" / "noto-sans-bengali-bengali-400-normal.woff2",
    "assets/fonts/noto-sans-bengali-700.woff2": _FONT / "files" / "noto-sans-bengali-bengali-700-normal.woff2",
    "assets/fonts/noto-sans-bengali-LICENSE.txt": _FONT / "LICENSE",
}
DEFAULT_INDEX = PROJECT_ROOT / "build" / "index"


def find_project(start: Path | None = None) -> Path:
    """The nearest folder at or above `start` holding standards/manual.yaml, else this checkout."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "standards" / "manual.yaml").is_file():
            return folder
    return PROJECT_ROOT
