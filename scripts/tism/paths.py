"""Where things are in a checkout. tism is installed editable, so the package sits in scripts/tism/."""
from __future__ import annotations

from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]
SCHEMAS = PROJECT_ROOT / "standards" / "schema"
# Installed by `make manual` from the npm registry (package iframe-worker, MIT): the Web Worker
# shim that lets the site search run from file://. The offline plugin would load it from a CDN.
SEARCH_SHIM = PROJECT_ROOT / "build" / "vendor" / "node_modules" / "iframe-worker" / "shim" / "index.js"
SHIM_URI = "assets/vendor/iframe-worker-shim.js"
DEFAULT_INDEX = PROJECT_ROOT / "build" / "index"


def find_project(start: Path | None = None) -> Path:
    """The nearest folder at or above `start` holding standards/manual.yaml, else this checkout."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "standards" / "manual.yaml").is_file():
            return folder
    return PROJECT_ROOT
