"""Search quality on the judged query sets, for `tism search` and for the site's search box.

For each set (tests/search_eval/queries.yaml, the set the ranking was tuned on, and blind.yaml,
written blind and never tuned on) prints top-1, top-3 and MRR overall, per language (en, bn,
latin = Bengali typed in Latin letters) and per kind, for the command line and for the search box
of the built site typed into in headless Chromium (from file://, network blocked), then every
query whose expected standard is not in the top 3. Builds the real manual into a temporary folder.

    .venv/bin/python scripts/bench/search_quality.py [--standards DIR] [--no-site]
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))

from tism import cli  # noqa: E402
from tism.quality import Judged, Outcome, load_queries, outcomes, run, scores  # noqa: E402

SETS = {"first set (tuned on)": "queries.yaml", "blind set (never tuned on)": "blind.yaml"}


def site_rankings(site: Path, queries: list[Judged]) -> tuple[list[list[str]], int]:
    """What the site's search box shows for each query (data-id in rank order), and the number
    of requests it made outside file://."""
    from playwright.sync_api import sync_playwright

    from tism.browser import CHROMIUM, LAUNCH_ARGS, offline_context

    outside: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        page = offline_context(browser, outside).new_page()
        page.goto((site / "index.html").as_uri())
        ranked = []
        for judged in queries:
            page.fill(".tism-search__input", judged.query)
            ranked.append(page.locator(".tism-result").evaluate_all("items => items.map(i => i.dataset.id)"))
        browser.close()
    return ranked, len(outside)


def table(title: str, found: list[Outcome]) -> None:
    rows = scores(found)
    print(f"\n{title}")
    print(f"  {'group':<16}{'n':>4}{'top-1':>9}{'top-3':>9}{'MRR':>8}")
    for key in sorted(rows, key=lambda k: (k != "all", k)):
        row = rows[key]
        print(f"  {key:<16}{row['n']:>4}{row['top1']:>9.1%}{row['top3']:>9.1%}{row['mrr']:>8.3f}")
    misses = [o for o in found if not (o.rank and o.rank <= 3)]
    for o in misses:
        print(f"    miss [{o.judged.lang}/{o.judged.kind}] {o.judged.query!r}: expected {', '.join(o.judged.expect)}, "
              f"got {', '.join(o.ranked[:3]) or 'nothing'}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--standards", default=ROOT / "standards", type=Path)
    parser.add_argument("--no-site", action="store_true", help="the command line only (no Chromium)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        site, index = Path(folder) / "site", Path(folder) / "index"
        if cli.main(["build", "--standards", str(args.standards), "--site", str(site), "--index", str(index)]):
            return 1
        for title, name in SETS.items():
            queries = load_queries(ROOT / "tests" / "search_eval" / name)
            started = time.perf_counter()
            found = run(index, queries)
            per_query = (time.perf_counter() - started) / len(queries) * 1000
            table(f"{title}: {len(queries)} queries, tism search ({per_query:.1f} ms per query)", found)
            if not args.no_site:
                for lang_folder in ("", "bn/"):
                    ranked, outside = site_rankings(site / lang_folder, queries)
                    same = sum(r[:3] == list(o.ranked[:3]) for r, o in zip(ranked, found, strict=True))
                    table(f"{title}: the {'Bengali' if lang_folder else 'English'} site's search box "
                          f"(same top 3 as tism search: {same}/{len(queries)}; requests outside the site: {outside})",
                          outcomes(queries, ranked))
    return 0


if __name__ == "__main__":
    sys.exit(main())
