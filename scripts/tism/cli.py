"""`tism`: the one command line of the manual. It owns exit codes and printing.

Exit codes: 0 success, 1 the standards have problems or a build failed, 2 a usage or search error.
Each command imports only what it needs, so `tism search` starts fast on a field laptop.
"""
from __future__ import annotations

import argparse
import os
import shutil
import sys
from pathlib import Path

from .paths import find_project


def _paths(args) -> tuple[Path, Path, Path]:
    root = find_project()
    given = getattr(args, "path", None) or getattr(args, "standards", None)
    standards = Path(given) if given else root / "standards"
    index = Path(args.index) if getattr(args, "index", None) else root / "build" / "index"
    return root, standards, index


def _load(standards: Path):
    """The Catalogue, or None after printing every problem. Warnings are printed either way."""
    from .catalogue import check_catalogue

    if not (standards / "manual.yaml").exists():
        print(f"tism: no standards folder at {standards} (expected {standards / 'manual.yaml'})", file=sys.stderr)
        return None
    catalogue, problems = check_catalogue(standards)
    for problem in problems:
        print(problem, file=sys.stderr)
    errors = [p for p in problems if not p.warning]
    if errors:
        files = len({p.path for p in errors})
        print(f"tism: {len(errors)} problem(s) in {files} file(s); nothing was built", file=sys.stderr)
        return None
    if problems:
        print(f"tism: {len(problems)} warning(s)", file=sys.stderr)
    return catalogue


def _paths_and_catalogue(args):
    """(project root, standards folder, index folder, Catalogue or None after printing problems)."""
    root, standards, index = _paths(args)
    return root, standards, index, _load(standards)


def _summary(catalogue) -> str:
    requirements = sum(len(s.requirements) for s in catalogue.standards)
    return (f"{len(catalogue.chapters)} chapters, {len(catalogue.standards)} standards, "
            f"{requirements} requirements (edition {catalogue.edition})")


def cmd_validate(args) -> int:
    *_, catalogue = _paths_and_catalogue(args)
    if catalogue is None:
        return 1
    print(f"ok: {_summary(catalogue)}")
    return 0


def cmd_release(args) -> int:
    import datetime
    import re

    import yaml

    from . import editions

    _, standards, _ = _paths(args)
    if not editions.EDITION_PATTERN.match(args.edition):
        print(f"tism release: {args.edition!r} is not an edition (like 2027.1)", file=sys.stderr)
        return 2
    catalogue = _load(standards)
    if catalogue is None:
        print("tism release: nothing was released", file=sys.stderr)
        return 1
    newest = max(catalogue.editions, key=editions.edition_key, default=None)
    if newest is not None and editions.edition_key(args.edition) <= editions.edition_key(newest):
        print(f"tism release: edition {newest} is already published; release a later one", file=sys.stderr)
        return 1
    released = args.date or datetime.date.today().isoformat()
    record = editions.snapshot(catalogue, args.edition, released)
    folder = standards / editions.EDITIONS
    folder.mkdir(exist_ok=True)
    text = yaml.safe_dump(record, allow_unicode=True, sort_keys=False, width=100)
    header = (f"# Edition {args.edition} as published on {released}, written by `tism release`: every standard's\n"
              "# version, roles, content hash and wording. Never edit by hand: tism validate checks the\n"
              "# standards against the newest edition here, and tism diff and the site compare with it.\n"
              "# yaml-language-server: $schema=../schema/edition.schema.json\n")
    (folder / f"{args.edition}.yaml").write_text(header + text, encoding="utf-8")
    manual = standards / "manual.yaml"
    manual.write_text(re.sub(r'(?m)^edition: .*$', f'edition: "{args.edition}"', manual.read_text(encoding="utf-8"),
                             count=1), encoding="utf-8")
    print(f"released edition {args.edition} ({len(record['standards'])} standards) -> "
          f"{folder / (args.edition + '.yaml')}")
    return 0


def cmd_diff(args) -> int:
    import json

    from . import editions
    from .catalogue import check_catalogue

    _, standards, _ = _paths(args)
    catalogue, problems = check_catalogue(standards, lenient=True)
    if catalogue is None:
        for problem in problems:
            print(problem, file=sys.stderr)
        print("tism diff: the standards cannot be read (see above)", file=sys.stderr)
        return 1
    records = dict(catalogue.editions)
    names = sorted(records, key=editions.edition_key)
    old_name = args.old or (names[-1] if names else None)
    if old_name is None:
        print("tism diff: no edition is published yet (tism release EDITION records one)", file=sys.stderr)
        return 2
    for name in (old_name, args.new):
        if name is not None and name not in records:
            print(f"tism diff: no edition {name} (published: {', '.join(names) or 'none'})", file=sys.stderr)
            return 2
    old = records[old_name]
    new = records[args.new] if args.new else editions.working_tree(catalogue)
    changes = editions.compare(old, new)
    if args.role:
        changes = editions.for_role(changes, args.role, {"old": old, "new": new})
    if args.json:
        print(json.dumps(editions.as_json(old, new, changes), ensure_ascii=False, indent=2))
        return 0
    print(f"changes from edition {old['edition']} to {new['edition']}: {len(changes)} standard(s)")
    lang = args.lang
    for change in changes:
        title = (change.title or {}).get(lang) or (change.title or {}).get("en", "")
        versions = " -> ".join(v for v in (change.old_version, change.new_version) if v)
        print(f"\n{change.change} {change.id} {versions}  {title}")
        for reason in change.obligations:
            print(f"  ! {reason}")
        for requirement in change.requirements:
            old_r, new_r = requirement.old or {}, requirement.new or {}
            if requirement.change in ("stronger", "weaker"):
                print(f"  {requirement.id} level {old_r['level']} -> {new_r['level']}")
            elif requirement.change == "text":
                old_text = old_r["text"].get(lang) or old_r["text"]["en"]
                new_text = new_r["text"].get(lang) or new_r["text"]["en"]
                print(f"  {requirement.id} text: {editions.word_diff(old_text, new_text)}")
            else:
                shown = new_r or old_r
                print(f"  {requirement.id} {requirement.change} ({shown['level']}): "
                      f"{shown['text'].get(lang) or shown['text']['en']}")
        for role in change.roles_added:
            print(f"  role added: {role}")
        for role in change.roles_removed:
            print(f"  role removed: {role}")
        for citation in change.legal_added:
            print(f"  legal basis added: {citation}")
        for citation in change.legal_removed:
            print(f"  legal basis removed: {citation}")
        if change.title_changed:
            old_title = change.old_title or {}
            print(f"  title: {editions.word_diff(old_title.get(lang) or old_title.get('en', ''), title)}")
        if change.summary_changed and change.old_summary and change.new_summary:
            old_s = change.old_summary.get(lang) or change.old_summary["en"]
            new_s = change.new_summary.get(lang) or change.new_summary["en"]
            print(f"  summary: {editions.word_diff(old_s, new_s)}")
    return 0


def cmd_export(args) -> int:
    from .export import as_csv, as_json

    *_, catalogue = _paths_and_catalogue(args)
    if catalogue is None:
        return 1
    if args.format == "moodle":
        from .moodle import question_bank

        if args.lang not in catalogue.languages.codes:
            print(f"tism export: unknown language {args.lang} ({', '.join(catalogue.languages.codes)})",
                  file=sys.stderr)
            return 2
        unknown = [c for c in args.course if c not in catalogue.courses]
        if unknown:
            print(f"tism export: unknown course {unknown[0]} ({', '.join(catalogue.courses) or 'none'})",
                  file=sys.stderr)
            return 2
        chosen = [catalogue.courses[c] for c in args.course] if args.course else None
        data = question_bank(catalogue, args.lang, chosen)
    else:
        data = as_json(catalogue).encode("utf-8") if args.format == "json" else as_csv(catalogue)
    if args.out:
        target = Path(args.out)
        try:
            partial = target.with_name(target.name + ".partial")
            partial.write_bytes(data)
            os.replace(partial, target)
        except OSError as error:
            print(f"tism export: cannot write {target}: {error.strerror or error}", file=sys.stderr)
            return 1
        print(f"export: {target} ({len(data):,} bytes)")
    else:
        sys.stdout.buffer.write(data)
    return 0


def cmd_rules(args) -> int:
    from .validate import codes

    for code, summary in codes().items():
        print(f"{code:<34}{summary}")
    return 0


def cmd_index(args) -> int:
    import time

    from .index import fingerprint, update_index
    from .publish import PublishError

    _, standards, index = _paths(args)
    started = time.perf_counter()
    catalogue = _load(standards)
    if catalogue is None:
        return 1
    try:
        stats = update_index(catalogue, index, fingerprint=fingerprint(standards))
    except PublishError as error:
        print(f"tism index: {error}", file=sys.stderr)
        return 1
    except OSError as error:
        print(f"tism index: cannot write {error.filename or index}: {error.strerror or error}; "
              "the index was left as it was", file=sys.stderr)
        return 1
    seconds = time.perf_counter() - started
    print(f"index: {stats.standards} standards ({stats.added} added, {stats.changed} changed, "
          f"{stats.removed} removed) -> {index} ({seconds:.2f} s)")
    return 0


def _site_dir(config: Path) -> Path:
    import yaml

    class _Loader(yaml.SafeLoader):
        pass

    # mkdocs.yml uses !!python/name and !ENV tags; only site_dir is needed here.
    _Loader.add_multi_constructor("", lambda loader, suffix, node: None)
    data = yaml.load(config.read_text(encoding="utf-8"), Loader=_Loader) or {}
    return config.parent / data.get("site_dir", "site")


def cmd_build(args) -> int:
    from .index import fingerprint, write_index
    from .progress import Progress
    from .publish import PublishError, published, publishing
    from .sitebuild import build_sites, language_config

    root, standards, index = _paths(args)
    config = Path(args.config) if args.config else root / "mkdocs.yml"
    catalogue = _load(standards)
    if catalogue is None:
        return 1
    site = Path(args.site) if args.site else _site_dir(config)
    sites = 1 + sum(language_config(config, lang).exists() for lang in catalogue.languages.codes[1:])
    progress = Progress("tism build", sites + 1)
    try:
        # The site and the index are written into one new generation and published together.
        with publishing(index, site) as generation:
            outcome = build_sites(config, generation.site, catalogue, progress.step, verbose=args.verbose)
            progress.finish()
            for message in outcome.messages:
                print(message, file=sys.stderr)
            if not outcome.ok:
                raise _SiteBuildFailed
            before = published(index)
            previous = before.index if before is not None and before.index.is_dir() else None
            progress.step("search index")
            write_index(catalogue, generation.index, fingerprint(standards), previous)
            progress.finish()
    except _SiteBuildFailed:
        print("tism: the site build failed (see above); site/ and the index were left as they were",
              file=sys.stderr)
        return 1
    except PublishError as error:
        print(f"tism build: {error}", file=sys.stderr)
        return 1
    except OSError as error:
        print(f"tism build: cannot write {error.filename or index}: {error.strerror or error}; "
              "site/ and the index were left as they were", file=sys.stderr)
        return 1
    print(f"built: {_summary(catalogue)}")
    print(f"  site:  {site / 'index.html'}")
    for language in catalogue.languages.languages[1:]:
        if (site / language.code / "index.html").exists():
            print(f"  {language.name} site: {site / language.code / 'index.html'}")
    print(f"  index: {index}")
    return 0


class _SiteBuildFailed(Exception):
    pass


def cmd_report(args) -> int:
    import json

    from .report import report, report_text

    *_, catalogue = _paths_and_catalogue(args)
    if catalogue is None:
        return 1
    figures = report(catalogue)
    print(json.dumps(figures, ensure_ascii=False, indent=2) if args.json else report_text(figures))
    return 0


def cmd_print(args) -> int:
    from .browser import CHROMIUM
    from .printing import jobs, print_pdfs
    from .progress import Progress

    if not Path(CHROMIUM).is_file():
        print(f"tism print: Chromium is not installed at {CHROMIUM}: install Debian's package "
              "(sudo apt-get install chromium) or set TISM_CHROMIUM to its path", file=sys.stderr)
        return 1
    root, _, _, catalogue = _paths_and_catalogue(args)
    if catalogue is None:
        return 1
    site = Path(args.site) if args.site else root / "site"
    out = Path(args.out) if args.out else root / "build" / "print"
    codes = catalogue.languages.codes
    unknown = [lang for lang in args.lang or () if lang not in codes]
    if unknown:
        print(f"tism print: unknown language {unknown[0]} (the manual has: {', '.join(codes)})", file=sys.stderr)
        return 1
    # By default every language whose site was built.
    languages = tuple(args.lang or (lang for lang in codes
                                    if (site / catalogue.languages.folder(lang) / "index.html").exists()))
    if args.workers is not None and args.workers < 1:
        print("tism print: --workers is a number of browsers, 1 or more", file=sys.stderr)
        return 1
    progress = Progress("tism print", len(jobs(catalogue, languages)))
    try:
        pdfs = print_pdfs(site, out, catalogue, languages, on_job=progress.step, workers=args.workers)
    except FileNotFoundError as error:
        progress.finish()
        print(f"tism print: {error}", file=sys.stderr)
        return 1
    progress.finish()
    total = sum(p.stat().st_size for p in pdfs)
    for pdf in pdfs:
        print(f"{pdf.stat().st_size / 1024:8.0f} KiB  {pdf.relative_to(out)}")
    print(f"printed {len(pdfs)} PDFs ({total / 1024 / 1024:.1f} MiB) into {out}")
    return 0


def cmd_bundle(args) -> int:
    from .bundle import write_bundle

    root, _, index, catalogue = _paths_and_catalogue(args)
    if catalogue is None:
        return 1
    site = Path(args.site) if args.site else root / "site"
    pdfs = Path(args.pdfs) if args.pdfs else root / "build" / "print"
    for needed, how in ((site / "index.html", "tism build"), (index, "tism build"), (pdfs, "tism print")):
        if not needed.exists():
            print(f"tism bundle: {needed} is missing: run `{how}` first", file=sys.stderr)
            return 1
    if not any(pdfs.rglob("*.pdf")):
        print(f"tism bundle: no PDFs in {pdfs}: run `tism print` first", file=sys.stderr)
        return 1
    target = Path(args.out) if args.out else root / "build" / f"tism-{catalogue.edition}.zip"
    try:
        write_bundle(catalogue, site, index, pdfs, target)
    except OSError as error:
        print(f"tism bundle: cannot write {target}: {error.strerror or error}", file=sys.stderr)
        return 1
    print(f"bundle: {target} ({target.stat().st_size / 1024 / 1024:.1f} MiB)")
    return 0


def _marked(snippet: str, colour: bool) -> str:
    from .search import MARK_END, MARK_START

    start, end = ("\x1b[1;33m", "\x1b[0m") if colour else ("[", "]")
    return snippet.replace(MARK_START, start).replace(MARK_END, end)


def cmd_search(args) -> int:
    from .search import SearchError, results_as_json, search

    _, standards, index = _paths(args)
    query = " ".join(args.query)
    try:
        query.encode("utf-8")  # arguments that were not UTF-8 arrive with lone surrogates
        results = search(index, query, chapter=args.chapter, role=args.role, level=args.level,
                         lang=args.lang, limit=args.limit)
    except (SearchError, UnicodeEncodeError) as error:
        message = str(error) if isinstance(error, SearchError) else "the query is not valid UTF-8 text"
        if args.json:
            import json

            print(json.dumps({"query": query.encode("utf-8", "replace").decode("utf-8"), "error": message},
                             ensure_ascii=False))
        print(f"tism search: {message}", file=sys.stderr)
        return 2
    _warn_if_stale(standards, index)
    if args.json:
        print(results_as_json(results))
        return 0
    if results.corrected:
        print(f"searched for: {results.searched_for}  (corrected from {query!r})")
    if not results.hits:
        print(f"no standard matches {query!r}")
        return 0
    from .show import wrap

    colour = sys.stdout.isatty() and "NO_COLOR" not in os.environ
    width = shutil.get_terminal_size((80, 24)).columns
    for rank, hit in enumerate(results.hits, 1):
        title = hit.titles.get(results.lang) or next(iter(hit.titles.values()))
        print(_hanging(f"{rank}. {hit.id}  {title}  [{hit.chapter}]", width))
        if hit.requirements:
            print(wrap(f"matches {', '.join(hit.requirements[:6])}", width, indent="   "))
        if hit.snippet:
            print(_marked(wrap(hit.snippet, width, indent="   "), colour))
    return 0


def _hanging(line: str, width: int) -> str:
    """A result's first line folded to `width`, its continuation lines indented under the text."""
    from .show import wrap

    folded = wrap(line, width, indent="   ").split("\n")
    return "\n".join([folded[0].lstrip()] + folded[1:])


def _warn_if_stale(standards: Path, index: Path) -> None:
    """A note on stderr when the standards changed after the index was built (results still shown)."""
    from .index import fingerprint, read_meta

    meta = read_meta(index)
    if meta and meta.get("fingerprint") and standards.is_dir() and meta["fingerprint"] != fingerprint(standards):
        print("tism search: note: the standards changed since the index was built; run `tism index`",
              file=sys.stderr)


def cmd_show(args) -> int:
    from .show import show_text

    *_, catalogue = _paths_and_catalogue(args)
    if catalogue is None:
        return 1
    if args.lang not in catalogue.languages.codes:
        print(f"tism show: unknown language {args.lang} (the manual has: {', '.join(catalogue.languages.codes)})",
              file=sys.stderr)
        return 2
    try:
        print(show_text(catalogue, args.id, args.lang, width=shutil.get_terminal_size((80, 24)).columns))
    except KeyError:
        print(f"tism show: no standard or requirement {args.id!r} (IDs look like IV-004 or IV-004.02)",
              file=sys.stderr)
        return 2
    return 0


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="tism", description="Trafficking Investigation Standards Manual")
    commands = top.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def add(name, function, help_text):
        command = commands.add_parser(name, help=help_text, description=help_text)
        command.set_defaults(function=function)
        return command

    validate = add("validate", cmd_validate, "check every standard: schema, IDs, references, versions")
    validate.add_argument("path", nargs="?", help="standards folder (default: standards/ of this project)")
    validate.add_argument("--standards", help="the same, as an option")

    add("rules", cmd_rules, "list every problem code tism validate reports, with what it means")

    export = add("export", cmd_export, "the standards as JSON (with a schema), requirements as CSV, or the "
                 "curriculum's questions as Moodle XML")
    export.add_argument("--format", choices=("json", "csv", "moodle"), default="json")
    export.add_argument("--lang", default="en", help="moodle: the language of the questions (default en)")
    export.add_argument("--course", action="append", default=[], metavar="ID",
                        help="moodle: only this course's questions (repeat for more; default every course)")
    export.add_argument("--out", help="file to write (default: standard output)")
    export.add_argument("--standards", help="standards folder")

    release = add("release", cmd_release, "record a published edition of every standard (standards/editions/)")
    release.add_argument("edition", help="the edition, like 2027.1 (later than every published one)")
    release.add_argument("--date", help="the release date (default: today), like 2027-01-15")
    release.add_argument("--standards", help="standards folder")

    diff = add("diff", cmd_diff, "what changed between two editions, or since one (default: the newest)")
    diff.add_argument("old", nargs="?", help="the older edition (default: the newest published)")
    diff.add_argument("new", nargs="?", help="the newer edition (default: the standards as they are now)")
    diff.add_argument("--role", help="only standards for this role")
    diff.add_argument("--lang", default="en", help="language of the wording shown (default en)")
    diff.add_argument("--json", action="store_true", help="print the changes as JSON")
    diff.add_argument("--standards", help="standards folder")

    build = add("build", cmd_build, "validate, then build the site and the search index")
    build.add_argument("--standards", help="standards folder")
    build.add_argument("--config", help="mkdocs.yml to build (default: the project's)")
    build.add_argument("--site", help="site folder (default: site_dir of the config, site/)")
    build.add_argument("--index", help="index folder (default: build/index)")
    build.add_argument("--verbose", action="store_true", help="also show what mkdocs says while it builds")

    index = add("index", cmd_index, "validate, then build the search index")
    index.add_argument("--standards", help="standards folder")
    index.add_argument("--index", help="index folder (default: build/index)")
    index.add_argument("--full", action="store_true", help="accepted for old scripts: every index is written whole")

    report = add("report", cmd_report, "coverage: chapters, standards, requirements, Bengali, citations, data")
    report.add_argument("--standards", help="standards folder")
    report.add_argument("--json", action="store_true", help="print the figures as JSON")

    printing = add("print", cmd_print, "print chapters, pocket field cards, forms, the trainer's packs and the unit "
                   "self-assessment to PDF (headless Chromium)")
    printing.add_argument("--standards", help="standards folder")
    printing.add_argument("--site", help="built site to print from (default: site/)")
    printing.add_argument("--out", help="folder for the PDFs (default: build/print)")
    printing.add_argument("--lang", action="append", help="only this language, e.g. bn (repeatable)")
    printing.add_argument("--workers", type=int, help="browsers printing at once (default: one per processor, "
                          "at most 4)")

    bundle = add("bundle", cmd_bundle, "one zip for a laptop: both sites, the index, the PDFs, START HERE")
    bundle.add_argument("--standards", help="standards folder")
    bundle.add_argument("--site", help="built site (default: site/)")
    bundle.add_argument("--index", help="index folder (default: build/index)")
    bundle.add_argument("--pdfs", help="PDFs from `tism print` (default: build/print)")
    bundle.add_argument("--out", help="zip to write (default: build/tism-<edition>.zip)")

    search = add("search", cmd_search, "search the standards (English, Bengali)")
    search.add_argument("query", nargs="+", help="words to search for; quote a phrase")
    search.add_argument("--chapter", help="only this chapter (e.g. IV)")
    search.add_argument("--role", help="only standards for this role (e.g. investigator)")
    search.add_argument("--level", choices=("must", "should", "may"),
                        help="only standards with requirements of this level")
    search.add_argument("--limit", type=int, default=10, help="at most this many results (default 10)")
    search.add_argument("--lang", help="language of titles and snippets, e.g. bn (default: the query's); "
                                         "every language is always searched")
    search.add_argument("--json", action="store_true", help="print results as JSON")
    search.add_argument("--index", help="index folder (default: build/index)")

    show = add("show", cmd_show, "print a standard or one requirement in the terminal")
    show.add_argument("id", help="a standard ID (IV-004) or requirement ID (IV-004.02)")
    show.add_argument("--lang", default="en", help="language, e.g. bn (default en)")
    show.add_argument("--standards", help="standards folder")
    return top


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    if getattr(args, "limit", 1) is not None and getattr(args, "limit", 1) < 1:
        print("tism search: --limit must be at least 1", file=sys.stderr)
        return 2
    try:
        return args.function(args)
    except BrokenPipeError:  # output piped into `head` and the like: stop quietly
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except KeyboardInterrupt:  # Ctrl-C: each command throws away what it had half written
        print(f"\ntism {args.command}: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
