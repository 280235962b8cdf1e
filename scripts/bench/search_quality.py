"""Search quality of `tism search` on the judged queries in tests/search_eval/queries.yaml.

Prints top-1, top-3 and MRR overall, per language (en, bn, latin = Bengali typed in Latin
letters) and per kind (plain, typo, question, phrase), then every query whose expected standard
is not in the top 3. Builds a fresh index of the real manual in a temporary folder.

    .venv/bin/python scripts/bench/search_quality.py [--queries FILE] [--standards DIR]
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))

from tism.catalogue import load_catalogue  # noqa: E402
from tism.index import build_index  # noqa: E402
from tism.quality import load_queries, run, scores  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--queries", default=ROOT / "tests" / "search_eval" / "queries.yaml", type=Path)
    parser.add_argument("--standards", default=ROOT / "standards", type=Path)
    args = parser.parse_args()
    queries = load_queries(args.queries)
    with tempfile.TemporaryDirectory() as folder:
        index = Path(folder) / "index"
        build_index(load_catalogue(args.standards), index)
        started = time.perf_counter()
        outcomes = run(index, queries)
        seconds = time.perf_counter() - started
    table = scores(outcomes)
    print(f"{len(queries)} judged queries, {seconds / len(queries) * 1000:.0f} ms per query (index opened each time)")
    print(f"{'group':<16}{'n':>4}{'top-1':>9}{'top-3':>9}{'MRR':>8}")
    for key in sorted(table, key=lambda k: (k != "all", k)):
        row = table[key]
        print(f"{key:<16}{row['n']:>4}{row['top1']:>9.1%}{row['top3']:>9.1%}{row['mrr']:>8.3f}")
    misses = [o for o in outcomes if not (o.rank and o.rank <= 3)]
    if misses:
        print("\nnot in the top 3:")
        for o in misses:
            print(f"  [{o.judged.lang}/{o.judged.kind}] {o.judged.query!r}: expected {', '.join(o.judged.expect)}, "
                  f"got {', '.join(o.ranked[:3]) or 'nothing'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
