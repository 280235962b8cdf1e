"""How fast is tism's search? tism's engine against lunr.py (the theme's former site search) and tantivy.

What it measures, for synthetic catalogues of 1 000 and 10 000 standards made from the real ones
(each standard a copy of a real one with a new ID, its requirements, procedure, checklist and
audit items drawn at random from the whole manual, English and Bengali kept together):

- build s        full index build;
- rebuild-one s  bringing the index up to date after one standard's text changed
                 (tism: tism.index.update_index; tantivy: delete + add + commit;
                 lunr.py: a full rebuild, it has no incremental update);
- p50 / p95 ms   query latency over a fixed list of 250 queries (English, Bengali and
                 Latin-letter Bengali words and glossary terms, a few misspellings; fixed seed).
                 "tism" is tism.search.search(), which reads the index for every query as the CLI
                 does; "tism (warm)" is tism.engine.search() on the search data read once, as the
                 site's search box runs it (the whole ranking). lunr.py may be timed on an
                 evenly spaced subset of the queries when all of them would take over
                 QUERY_BUDGET_S (the output says so); the
                 tism/lunr.py ratio is then taken over that same subset;
- size MB        index files on disk (lunr.py: the serialized index JSON);
- found          share of queries that returned at least one standard (a sanity check).

Then the cold start of the real CLI (`tism search consent --index <real index>`, median of 7 runs
after one warm-up) on the real manual, next to `python -c pass`, and the ratios the project has
targets for: tism p95 at 10 000 <= lunr.py's, full build at 10 000 <= 90 s, rebuild after one
change <= 1 s, cold start <= 0.5 s.

Run from the project folder (about 15 minutes on 2 cores):

    .venv/bin/pip install lunr==0.8.0 tantivy      # or: .venv/bin/pip install -e '.[bench]'
    .venv/bin/python scripts/bench/search_speed.py

For a quick trial of the script itself, TISM_BENCH_SIZES=100,300 sets other sizes. The table
goes to stdout, progress to stderr. Everything is built in temporary folders, which are
removed at the end. Nothing under standards/ or build/ is touched.
"""
from __future__ import annotations

import gc
import hashlib
import math
import os
import platform
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import replace
from pathlib import Path

from speed_engines import LunrEngine, TantivyEngine, TismEngine, timed

from tism.catalogue import load_catalogue
from tism.index import build_index, fingerprint
from tism.model import Catalogue, Chapter, Requirement, Text

PROJECT = Path(__file__).resolve().parents[2]
STANDARDS = PROJECT / "standards"
TISM = Path(sys.executable).with_name("tism")
SIZES = tuple(int(n) for n in os.environ.get("TISM_BENCH_SIZES", "1000,10000").split(","))
SEED = 2026
WARMUP_QUERIES = 5
COLD_RUNS = 7
QUERY_BUDGET_S = 120  # per reference engine and size; a slower one is timed on an even subset of the queries


def say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# ------------------------------------------------------------------------------ synthetic catalogue

def chapter_codes(real: Catalogue, n: int) -> list[str]:
    """The real chapter codes, plus synthetic ones (AA, AB, …) if n standards need more than 999 each."""
    codes = [c.code for c in real.chapters]
    spare = (a + b for a in "ABCDEFGHIJKLMNOPQRSTUVWXYZ" for b in "ABCDEFGHIJKLMNOPQRSTUVWXYZ")
    while len(codes) * 999 < n:
        code = next(spare)
        if code not in codes:
            codes.append(code)
    return codes


def synthetic_catalogue(real: Catalogue, n: int, seed: int = SEED) -> Catalogue:
    """n standards: real ones copied round-robin under new IDs, each with its requirements,
    procedure, checklist and audit items drawn from the pools of the whole manual."""
    rng = random.Random(f"{seed}-{n}")
    pools = {
        "requirements": [r for s in real.standards for r in s.requirements],
        "procedure": [t for s in real.standards for t in s.procedure],
        "checklist": [t for s in real.standards for t in s.checklist],
        "audit_indicators": [t for s in real.standards for t in s.audit_indicators],
        "summary": [s.summary for s in real.standards],
    }
    codes = chapter_codes(real, n)
    standards = []
    for i in range(n):
        base = real.standards[i % len(real.standards)]
        sid = f"{codes[i % len(codes)]}-{i // len(codes) + 1:03d}"
        drawn = rng.sample(pools["requirements"], len(base.requirements))
        standards.append(replace(
            base, id=sid, chapter=sid[:2], related=(), replaced_by=None,
            summary=rng.choice(pools["summary"]),
            requirements=tuple(Requirement(f"{sid}.{j:02d}", r.level, r.text) for j, r in enumerate(drawn, 1)),
            procedure=tuple(rng.sample(pools["procedure"], len(base.procedure))),
            checklist=tuple(rng.sample(pools["checklist"], len(base.checklist))),
            audit_indicators=tuple(rng.sample(pools["audit_indicators"], len(base.audit_indicators))),
        ))
    extra = tuple(Chapter(code, Text({"en": f"Synthetic chapter {code}", "bn": f"কৃত্রিম অধ্যায় {code}"}))
                  for code in codes if code not in {c.code for c in real.chapters})
    standards.sort(key=lambda s: s.id)
    return replace(real, chapters=real.chapters + extra, standards=tuple(standards),
                   by_id={s.id: s for s in standards})


def with_one_change(catalogue: Catalogue) -> tuple[Catalogue, str]:
    """The catalogue with one standard (in the middle) edited: a sentence added to its first
    requirement in both languages and a new minor version."""
    position = len(catalogue.standards) // 2
    old = catalogue.standards[position]
    first = old.requirements[0]
    text = Text({"en": first.text.source + " The supervisor must countersign the revised record.",
                 "bn": first.text.get("bn") + " তত্ত্বাবধায়ক সংশোধিত নথিতে প্রতিস্বাক্ষর করবেন।"})
    new = replace(old, version=f"{old.version}.1", requirements=(replace(first, text=text), *old.requirements[1:]))
    standards = catalogue.standards[:position] + (new,) + catalogue.standards[position + 1:]
    return replace(catalogue, standards=standards, by_id={**catalogue.by_id, new.id: new}), new.id


# ----------------------------------------------------------------------------------------- queries

EN_WORD = re.compile(r"[A-Za-z]{4,}")
BN_WORD = re.compile(r"[\u0980-\u09ff\u200c\u200d]{3,}")
EN_STOP = set((
    "that this with from must should have been their they them there which when where what while about "
    "into than then also only each every other such shall will would could under whether were does done "
    "after before being both more most much upon within without"
).split())
QUERY_MIX = {  # kind: how many
    "en word": 60, "en two words": 40, "bn word": 40, "bn two words": 30,
    "glossary en": 20, "glossary bn": 20, "latin bn": 30, "misspelt en": 10,
}


def _texts(real: Catalogue):
    for s in real.standards:
        yield from (s.title, s.summary, *(r.text for r in s.requirements), *s.procedure, *s.checklist)


def vocabulary(real: Catalogue) -> tuple[list[str], list[str]]:
    """English and Bengali words used at least twice in the manual, sorted (for a stable sample)."""
    en = Counter(w.lower() for t in _texts(real) for w in EN_WORD.findall(t.source))
    bn = Counter(w for t in _texts(real) if "bn" in t for w in BN_WORD.findall(t["bn"]))
    return (sorted(w for w, k in en.items() if k >= 2 and w not in EN_STOP),
            sorted(w for w, k in bn.items() if k >= 2))


def _misspell(word: str, rng: random.Random) -> str:
    i = rng.randrange(1, len(word) - 2)
    return word[:i] + word[i + 1] + word[i] + word[i + 2:]


def make_queries(real: Catalogue, seed: int = SEED) -> list[tuple[str, str]]:
    """(kind, query) pairs, the kinds interleaved so that any even subset keeps the mix."""
    rng = random.Random(seed)
    en, bn = vocabulary(real)
    terms = sorted(real.glossary.values(), key=lambda t: t.key)
    plain = lambda words: sorted({w for w in words if "(" not in w and w.strip()})  # noqa: E731
    glossary_en = plain(v for t in terms for v in (t.en, *t.en_variants))
    glossary_bn = plain(v for t in terms for v in (t.bn, *t.bn_variants))
    latin = plain(v for t in terms for v in t.latin)
    makers = {
        "en word": lambda: rng.choice(en),
        "en two words": lambda: " ".join(rng.sample(en, 2)),
        "bn word": lambda: rng.choice(bn),
        "bn two words": lambda: " ".join(rng.sample(bn, 2)),
        "glossary en": lambda: rng.choice(glossary_en),
        "glossary bn": lambda: rng.choice(glossary_bn),
        "latin bn": lambda: rng.choice(latin),
        "misspelt en": lambda: _misspell(rng.choice([w for w in en if len(w) >= 7]), rng),
    }
    lists = {kind: [makers[kind]() for _ in range(count)] for kind, count in QUERY_MIX.items()}
    queries = []
    for i in range(max(QUERY_MIX.values())):
        queries += [(kind, lists[kind][i]) for kind in QUERY_MIX if i < len(lists[kind])]
    return queries


# ------------------------------------------------------------------------------------- measuring

def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def query_latency(search, queries: list[str], budget: float | None = None) -> dict:
    """p50/p95 in ms, the share of queries with a hit and each timed query's ms by its position in
    `queries`. With a `budget` (s), if all queries would take longer, an evenly spaced subset is
    timed (and reported as such)."""
    for query in queries[:WARMUP_QUERIES]:
        search(query)
    step = 1
    if budget:
        probe = queries[::max(1, len(queries) // 10)][:10]
        estimate = sum(timed(search, q)[0] for q in probe) / len(probe) * len(queries)
        step = max(1, math.ceil(estimate / budget))
    times, found = {}, 0
    gc.collect()
    for position in range(0, len(queries), step):
        seconds, ids = timed(search, queries[position])
        times[position] = seconds * 1000
        found += bool(ids)
    return {**latency(times), "found": found / len(times), "times": times}


def latency(times: dict[int, float]) -> dict:
    values = list(times.values())
    return {"p50": percentile(values, 0.50), "p95": percentile(values, 0.95), "queries": len(values)}


def measure(engine, catalogue: Catalogue, changed: Catalogue, changed_id: str, queries: list[str],
            budget: float | None = None) -> dict:
    say(f"  {engine.name}: build")
    row = {"build": engine.build(catalogue)}
    row["size"] = engine.size_mb()
    say(f"  {engine.name}: queries")
    row.update(query_latency(engine.search, queries, budget))
    say(f"  {engine.name}: rebuild after one change")
    row["rebuild"] = engine.rebuild_one(changed, changed_id)
    return row


def measure_size(real: Catalogue, n: int, queries: list[str]) -> list[tuple[str, dict]]:
    catalogue = synthetic_catalogue(real, n)
    changed, changed_id = with_one_change(catalogue)
    rows = []
    with tempfile.TemporaryDirectory(prefix=f"tism-bench-{n}-") as folder:
        tism = TismEngine(Path(folder) / "tism")
        rows.append(("tism", measure(tism, catalogue, changed, changed_id, queries)))
        say("  tism (warm): queries")
        tism.open_warm()
        rows.append(("tism (warm)", query_latency(tism.search_warm, queries)))
        tism.close()
        for engine_class in (LunrEngine, TantivyEngine):
            engine = engine_class(Path(folder))
            rows.append((engine.name, measure(engine, catalogue, changed, changed_id, queries, QUERY_BUDGET_S)))
            engine.close()
            gc.collect()
    return rows


def run_seconds(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, cwd=PROJECT, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def cold_start(real: Catalogue) -> dict:
    """Median wall time of the real CLI and of a bare interpreter, one untimed warm-up run each."""

    with tempfile.TemporaryDirectory(prefix="tism-bench-real-") as folder:
        index = Path(folder) / "index"
        build_index(real, index, fingerprint=fingerprint(STANDARDS))
        commands = {
            "tism search consent": [str(TISM), "search", "consent", "--index", str(index)],
            "python -c 'import tism.search'": [sys.executable, "-c", "import tism.search"],
            "python -c pass": [sys.executable, "-c", "pass"],
        }
        result = {}
        for label, command in commands.items():
            run_seconds(command)
            result[label] = statistics.median(run_seconds(command) for _ in range(COLD_RUNS))
    return result


# -------------------------------------------------------------------------------------- printing

def machine() -> str:
    model = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                  if line.startswith("model name")), platform.processor() or "unknown")
    from importlib.metadata import version

    versions = ", ".join(f"{p} {version(p)}" for p in ("lunr", "tantivy"))
    return (f"machine: {os.cpu_count()} CPUs (nproc {len(os.sched_getaffinity(0))}), {model}; "
            f"Python {platform.python_version()}; {versions}")


def revision() -> str:
    """The commit, whether tism's code differs from it, and a digest of that code."""
    def git(*args: str) -> str:
        return subprocess.run(["git", *args], cwd=PROJECT, capture_output=True, text=True).stdout.strip()

    code = hashlib.sha256()
    for path in sorted((PROJECT / "scripts" / "tism").rglob("*.py")):
        code.update(path.read_bytes())
    commit = git("rev-parse", "--short", "HEAD") or "unknown"
    dirty = " + uncommitted changes in scripts/tism" if git("status", "--porcelain", "scripts/tism") else ""
    return f"tism at commit {commit}{dirty} (code digest {code.hexdigest()[:12]})"


def table(results: dict[int, list[tuple[str, dict]]], total_queries: int) -> str:
    head = f"{'engine':<14}{'N':>7}{'build s':>10}{'rebuild-one s':>15}{'p50 ms':>9}{'p95 ms':>9}" \
           f"{'size MB':>9}{'queries':>9}{'found':>7}"
    lines = [head, "-" * len(head)]
    fmt = lambda row, key, spec: format(row[key], spec) if key in row else "same"  # noqa: E731
    for n, rows in results.items():
        for name, row in rows:
            queries = f"{row['queries']}" + ("" if row["queries"] == total_queries else "*")
            lines.append(f"{name:<14}{n:>7,}{fmt(row, 'build', '.2f'):>10}{fmt(row, 'rebuild', '.3f'):>15}"
                         f"{row['p50']:>9.1f}{row['p95']:>9.1f}{fmt(row, 'size', '.1f'):>9}{queries:>9}"
                         f"{row['found']:>7.0%}")
    return "\n".join(lines)


NOTES = """\
tism         tism.search.search(): reads the index for every query (as the CLI does), corrects
             misspellings, ranks, makes snippets and lists matched requirements.
tism (warm)  tism.engine.search() on the search data read once (as the site's search box runs).
lunr.py      Material's configuration, index in memory; rebuild-one is a full build (no update).
tantivy      Bengali-safe regex tokenizer, searcher kept open; rebuild-one is delete + add + commit.
'same' = as the row above; found = queries with at least one result."""


def verdict(value: float, target: float) -> str:
    return "meets target" if value <= target else "MISSES target"


def p95_ratio(mine: dict, reference: dict) -> tuple[float, int]:
    """p95 of `mine` over the queries `reference` was timed on, divided by the reference's p95."""
    same = latency({position: mine["times"][position] for position in reference["times"]})
    return same["p95"] / reference["p95"], same["queries"]


def summary(results: dict[int, list[tuple[str, dict]]], cold: dict) -> list[str]:
    n = max(results)
    rows = dict(results[n])
    (ratio, count), (warm_ratio, _) = (p95_ratio(rows[name], rows["lunr.py"]) for name in ("tism", "tism (warm)"))
    lines = [f"tism p95 / lunr.py p95 at {n:,} (same {count} queries): {ratio:.2f} "
             f"(target <= 1: {verdict(ratio, 1.0)}); with the data read once: {warm_ratio:.2f}"]
    for size, size_rows in results.items():
        built, seconds = dict(size_rows)["tism"]["build"], dict(size_rows)["tism"]["rebuild"]
        lines.append(f"tism full build at {size:,}: {built:.1f} s (target at 10,000 <= 90 s: {verdict(built, 90)}); "
                     f"rebuild after one change: {seconds:.3f} s (target <= 1 s: {verdict(seconds, 1)})")
    cli = cold["tism search consent"]
    lines.append(f"cold start `tism search consent` (real manual, median of {COLD_RUNS}): {cli:.3f} s "
                 f"(target <= 0.5 s: {verdict(cli, 0.5)})")
    lines += [f"  reference {label}: {seconds:.3f} s"
              for label, seconds in cold.items() if label != "tism search consent"]
    return lines


def slowest(results: dict[int, list[tuple[str, dict]]], kinds_and_queries: list[tuple[str, str]],
            count: int = 5) -> str:
    """tism's slowest queries at the largest size, for whoever looks for the slow path."""
    n = max(results)
    times = dict(results[n])["tism"]["times"]
    worst = sorted(times, key=times.get, reverse=True)[:count]
    listed = "; ".join(f"{kinds_and_queries[i][1]!r} ({kinds_and_queries[i][0]}) {times[i]:.0f} ms" for i in worst)
    return f"slowest tism queries at {n:,}: {listed}"


def main() -> int:
    try:
        import lunr  # noqa: F401
        import tantivy  # noqa: F401
    except ImportError as error:
        print(f"search_speed: {error.name} is missing: .venv/bin/pip install lunr==0.8.0 tantivy", file=sys.stderr)
        return 2
    started, code_at_start = time.perf_counter(), revision()
    real = load_catalogue(STANDARDS)
    kinds_and_queries = make_queries(real)
    queries = [q for _, q in kinds_and_queries]
    results = {}
    for n in SIZES:
        say(f"{n:,} standards")
        results[n] = measure_size(real, n, queries)
    say("cold start")
    cold = cold_start(real)
    mix = ", ".join(f"{count} {kind}" for kind, count in QUERY_MIX.items())
    print(machine())
    print(code_at_start)
    if revision() != code_at_start:
        print(f"WARNING: scripts/tism changed during the run, now {revision()}: the table measured the code "
              "loaded at the start, the cold start the newer code")
    print(f"catalogue: {len(real.standards)} real standards recombined into {' and '.join(f'{n:,}' for n in SIZES)}; "
          f"queries: {len(queries)} ({mix}), seed {SEED}, limit 10, {WARMUP_QUERIES} untimed warm-up queries")
    print()
    print(table(results, len(queries)))
    print()
    print(NOTES)
    if any(row["queries"] < len(queries) for rows in results.values() for _, row in rows):
        print(f"* a reference engine timed on an evenly spaced subset of the queries (all of them would take "
              f"longer than {QUERY_BUDGET_S} s); tism is always timed on all of them.")
    print()
    print("\n".join(summary(results, cold)))
    print(slowest(results, kinds_and_queries))
    print(f"\ntotal run time: {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
