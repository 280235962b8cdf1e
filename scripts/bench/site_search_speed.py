"""How fast is the site's search box? Measured in headless Chromium with performance marks.

Builds the real manual into a temporary folder, copies the English and Bengali sites elsewhere
(as the bundle's site/ folder is opened on a laptop), and for each site prints:

- payload: the bytes of the search scripts every page loads (engine, box, search data);
- ready ms: from the start of navigation to the `tism-search-ready` mark (the engine and the data
  parsed and the box wired), median and worst over 10 page loads of different page types;
- draw ms: from the last keystroke (`tism-search-typed`) to the results drawn (`tism-search-drawn`),
  median and p95 over every query of both judged sets, typed one character after another.

Targets (issue 9): ready <= 300 ms, draw <= 50 ms.

    .venv/bin/python scripts/bench/site_search_speed.py
"""
from __future__ import annotations

import shutil
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))

from tism import cli  # noqa: E402
from tism.quality import load_queries  # noqa: E402

PAGES = ["index.html", "standards/IV-004.html", "standards/LF-003.html", "chapters/IV.html", "laws.html",
         "laws/bd-tip-som-ordinance-2026.html", "glossary.html", "sources.html", "forms/FM-001.html",
         "print/LF.html"]
DRAWN = """() => {
  const typed = performance.getEntriesByName('tism-search-typed').pop();
  const drawn = performance.getEntriesByName('tism-search-drawn').pop();
  return drawn && typed && drawn.startTime >= typed.startTime ? drawn.startTime - typed.startTime : null;
}"""


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def measure(site: Path, queries: list[str]) -> dict:
    from playwright.sync_api import sync_playwright

    from tism.browser import CHROMIUM, LAUNCH_ARGS, offline_context

    ready, drawn, outside = [], [], []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        page = offline_context(browser, outside).new_page()
        for name in PAGES:
            page.goto((site / name).as_uri(), wait_until="load")
            ready.append(page.evaluate("performance.getEntriesByName('tism-search-ready')[0].startTime"))
        page.goto((site / "index.html").as_uri(), wait_until="load")
        box = page.locator(".tism-search__input")
        for query in queries:
            box.fill("")
            box.press_sequentially(query)
            value = page.evaluate(DRAWN)
            if value is not None:
                drawn.append(value)
        browser.close()
    return {"ready": ready, "drawn": drawn, "outside": len(outside)}


def main() -> int:
    queries = [q.query for name in ("queries", "blind")
               for q in load_queries(ROOT / "tests" / "search_eval" / f"{name}.yaml")]
    with tempfile.TemporaryDirectory() as folder:
        built = Path(folder) / "built"
        if cli.main(["build", "--site", str(built / "site"), "--index", str(built / "index")]):
            return 1
        laptop = Path(folder) / "laptop" / "site"
        shutil.copytree(Path(built / "site").resolve(), laptop)
        for name, site in (("English", laptop), ("Bengali", laptop / "bn")):
            payload = sum((site / "assets" / "tism" / f).stat().st_size
                          for f in ("engine.js", "search.js", "search-data.js"))
            result = measure(site, queries)
            ready, drawn = result["ready"], result["drawn"]
            print(f"{name} site: payload {payload / 1e6:.2f} MB; ready median {statistics.median(ready):.0f} ms, "
                  f"worst {max(ready):.0f} ms (target <= 300); draw after the last keystroke median "
                  f"{statistics.median(drawn):.1f} ms, p95 {percentile(drawn, 0.95):.1f} ms, worst {max(drawn):.1f} ms "
                  f"over {len(drawn)} queries (target <= 50); requests outside the site: {result['outside']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
