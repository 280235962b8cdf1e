"""Searching the Whoosh index: query checking and rewriting, ranking, filters, typo help, snippets.

How a query is understood:
- an exact standard or requirement ID (`IV-004`, `iv-004.02`) goes straight to it;
- each word or phrase that is a glossary variant ("dalal", "দালাল", "broker", "manob pachar")
  also searches for every other variant of that term;
- a Bengali word also matches its inflected forms (ভুক্তভোগী finds ভুক্তভোগীর), and an inflected
  query word matches its stem (পাচারের finds পাচার);
- English words are stemmed by the index analyzer;
- when the words find nothing, misspelt words are corrected from the manual's own vocabulary
  ("traffiking" -> "trafficking") and the results say what was searched for.

Errors the user can fix (a malformed query, a missing or damaged index) are raised as
SearchError with a one-line message; the CLI prints it and exits non-zero.
"""
from __future__ import annotations

import json
import os
import re
from dataclasses import asdict, dataclass, field
from math import log
from pathlib import Path

from whoosh import highlight, scoring
from whoosh import index as whoosh_index
from whoosh.query import And, DisjunctionMax, Or, Phrase, Prefix, Term

from .analysis import bengali_stem, normalise, text_analyzer
from .index import BOOSTS, FORMAT, META_FILE

STANDARD_ID = re.compile(r"^([A-Za-z]{2}-\d{3})(\.\d{2})?$")
MARK_START, MARK_END = "\x02", "\x03"
MAX_QUERY_CHARS = 500
MAX_QUERY_WORDS = 32  # each word may expand to many glossary variants: bounds the cost of a query
MAX_WILDCARDS = 4  # each wildcard expands to every matching term of every field
_OPERATORS = {"AND", "OR", "NOT", "ANDNOT", "ANDMAYBE"}
_BENGALI = re.compile(r"[\u0980-\u09ff]")
WORD = re.compile(r'"[^"]*"|[^\s"]+')
COORD_POWER = 1.0  # rerank: score x (share of the query's ideas a standard matches) ** COORD_POWER
RERANK_DEPTH = 50
RELATED_BOOST = 5.0  # weight of a glossary term's related standards (see parse)
# Words that carry no meaning in a hurried question, in English, Bengali and Latin-letter
# Bengali. Dropped from plain query words only (a quoted phrase keeps them).
STOP_WORDS = frozenset((
    "a an the of to for in on at by with and or is are was be been it its this that these those there "
    "what which who whom whose when where why how do does did i we you he she they me us my our your if "
    "so as can could would will shall should must may might has have had get got about any some vs versus "
    "please tell কী কি কে কেন কখন কোথায় কীভাবে কিভাবে করব করবো করতে করা হলে হয় হবে যায় যাবে এবং ও বা "
    "আর না নেই এর ki ke keno kokhon kothay kivabe kibhabe korbo korte kora hole hoy hobe jay jabe ebong o "
    "ba ar na nai er r te lagbe dorkar"
).split())
# Latin-letter Bengali words that are also English words ("age" is আগে, before): dropped only
# when the query is plainly Latin-letter Bengali, i.e. it has one of the function words above
# that English does not use.
BANGLISH_MARKERS = frozenset((
    "ki ke keno kokhon kothay kivabe kibhabe korbo korte kora hole hoy hobe jabe er ar nai lagbe dorkar"
).split())
BANGLISH_ONLY_STOP_WORDS = frozenset(["age", "pore", "jonno", "theke", "sathe", "niye"])


class Weighting(scoring.BM25F):
    """BM25F with the Robertson-Sparck Jones IDF. Whoosh's default IDF (log(N/(df+1)) + 1) never
    falls below 1, so a word found in almost every standard ("victim", "officer") still outweighs
    the one rare word that says what the officer is looking for ("hijra")."""

    def idf(self, searcher, fieldname, text):
        parent = searcher.get_parent()
        documents = parent.doc_count_all()
        frequency = parent.doc_frequency(fieldname, text)
        return log(1 + (documents - frequency + 0.5) / (frequency + 0.5))


class SearchError(Exception):
    """A problem the user can fix; the message is one line."""


@dataclass
class Hit:
    id: str
    titles: dict[str, str]  # by language; --json shows them as title_en, title_bn, …
    chapter: str
    score: float
    snippet: str  # matched words between MARK_START and MARK_END
    requirements: list[str] = field(default_factory=list)  # requirement IDs whose text matched


@dataclass
class Results:
    query: str
    searched_for: str  # the query actually run: differs when misspellings were corrected
    hits: list[Hit]
    corrected: bool = False
    expanded: list[str] = field(default_factory=list)  # glossary variants added to the search
    lang: str = "en"  # the language of the snippets


def check_query(query: str) -> str:
    """The query, stripped, or SearchError saying what is wrong with it."""
    query = query.strip()
    if not query:
        raise SearchError("empty query: give one or more words to search for")
    if len(query) > MAX_QUERY_CHARS:
        raise SearchError(f"query too long ({len(query)} characters; at most {MAX_QUERY_CHARS})")
    if query.count('"') % 2:
        raise SearchError('unbalanced quote in query: close the phrase with a second "')
    depth = 0
    for char in query:
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth < 0:
            break
    if depth:
        raise SearchError("unbalanced parentheses in query")
    words = [w for w in re.split(r"[\s()\"]+", query) if w]
    if len(words) > MAX_QUERY_WORDS:
        raise SearchError(f"too many words in the query ({len(words)}; at most {MAX_QUERY_WORDS})")
    meaningful = [w for w in words if w not in _OPERATORS and re.search(r"[\w\u0980-\u09ff]", w)]
    if not meaningful:
        raise SearchError("the query has no words to search for (only operators or symbols)")
    wildcards = [word for word in meaningful if "*" in word or "?" in word]
    for word in wildcards:
        if len(re.sub(r"[*?]", "", word)) < 2:
            raise SearchError(f"wildcard '{word}' needs at least two letters before it")
    if len(wildcards) > MAX_WILDCARDS:
        raise SearchError(f"too many wildcard words ({len(wildcards)}; at most {MAX_WILDCARDS})")
    return query


def open_index(index_dir: Path):
    """Open the current generation read-only, with its metadata; SearchError says how to fix it."""
    index_dir = Path(index_dir)
    if not index_dir.exists():
        raise SearchError(f"no search index at {index_dir}: run `tism index` (or `make manual`)")
    real = Path(os.path.realpath(index_dir))  # resolve once: a rebuild may switch the link meanwhile
    try:
        meta = json.loads((real / META_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        raise SearchError(f"the search index at {index_dir} is damaged: run `tism index` to rebuild it") from None
    if meta.get("format") != FORMAT:
        raise SearchError(f"the search index at {index_dir} was built by another version of tism: run `tism index`")
    try:
        return whoosh_index.open_dir(str(real), readonly=True), meta
    except Exception as error:  # whoosh raises several types for damaged files
        raise SearchError(f"the search index at {index_dir} cannot be opened ({type(error).__name__}): "
                          "run `tism index` to rebuild it") from None


_ANALYZER = text_analyzer()


def _terms(text: str) -> list[str]:
    return [t.text for t in _ANALYZER(text)]


def languages(meta: dict) -> list[str]:
    """The languages the index holds, the source language first."""
    return [language["code"] for language in meta["languages"]]


def query_language(query: str, meta: dict) -> str:
    """The language of a query: the first whose letters it uses, else the source language."""
    for language in meta["languages"][1:]:
        if language["script"] and re.search(f"[{language['script']}]", query):
            return language["code"]
    return languages(meta)[0]


def _fields(meta: dict) -> list[tuple[str, float]]:
    return [(f"{name}_{code}", boost) for name, boost in BOOSTS.items() for code in languages(meta)]


def _word_query(word: str, meta: dict) -> Or | None:
    """One query word across every text field: analysed terms, plus Bengali inflections."""
    terms = _terms(word)
    if not terms:
        return None
    parts = []
    for field_name, _ in _fields(meta):
        if len(terms) == 1:
            parts.append(Term(field_name, terms[0]))
        else:
            parts.append(Phrase(field_name, terms))
    if len(terms) == 1 and "bn" in languages(meta) and _BENGALI.search(terms[0]):
        # Inflected forms: the stem field holds every form of a word as one term.
        parts.append(Term("stems_bn", bengali_stem(terms[0])))
    return Or(parts)


def _decoded(pairs) -> set[tuple[str, str]]:
    """(field, term) pairs from Whoosh, whose terms may come back as bytes, as text."""
    return {(field, text.decode() if isinstance(text, bytes) else text) for field, text in pairs}


def _cached(meta: dict, key: str, make):
    """Derived glossary tables, built once per opened index rather than once per query."""
    if key not in meta:
        meta[key] = make(meta)
    return meta[key]


def _glossary_words(meta: dict) -> set[str]:
    """Every single word of every glossary variant, for spelling correction (pacar -> pachar)."""
    return {w for group in meta.get("glossary", []) for variant in group["variants"] for w in variant.split()}


def _variant_groups(meta: dict) -> dict[tuple[str, ...], tuple[list[str], list[str]]]:
    """Glossary terms by the word sequence of each variant: ("manob", "pachar") -> (all variants
    of that term, the standards the glossary relates to it)."""
    groups: dict[tuple[str, ...], tuple[list[str], list[str]]] = {}
    for group in meta.get("glossary", []):
        for variant in group["variants"]:
            words = tuple(variant.split())
            variants, related = groups.get(words, ([], []))
            groups[words] = (sorted(set(variants) | set(group["variants"])),
                             sorted(set(related) | set(group["related"])))
    return groups


def parse(query: str, meta: dict, corrections: dict[str, str] | None = None) -> tuple[Or, list[str]]:
    """The Whoosh query for `query` and the glossary variants it added."""
    corrections = corrections or {}
    tokens = [t for t in WORD.findall(normalise(query)) if t not in _OPERATORS]
    # Stop words are dropped only where no glossary phrase uses them ("go in", "shasti na deoar niti").
    drop_stop_words = any(t.lower() not in STOP_WORDS for t in tokens)
    banglish = any(t.lower() in BANGLISH_MARKERS for t in tokens)
    groups = _cached(meta, "_groups", _variant_groups)
    longest = max((len(k) for k in groups), default=1)
    parts, expanded, i = [], [], 0
    plain = [t.strip('"').lower() for t in tokens]
    while i < len(tokens):
        token = tokens[i]
        if token.startswith('"'):  # a phrase: its words in this order
            words = _terms(token.strip('"'))
            if words:
                parts.append(Or([Phrase(f, words) if len(words) > 1 else Term(f, words[0]) for f, _ in _fields(meta)]))
            i += 1
            continue
        if banglish and plain[i] in BANGLISH_ONLY_STOP_WORDS:
            i += 1
            continue
        for size in range(min(longest, len(tokens) - i), 0, -1):
            key = tuple(corrections.get(w, w) for w in plain[i:i + size])
            if key in groups:
                variants, related = groups[key]
                alternatives = [q for q in (_word_query(v, meta) for v in variants) if q is not None]
                # The best-matching variant counts, not their sum: a standard says "broker" and
                # "দালাল" in its two languages, and must not score twice for one idea. The
                # standards the glossary relates to the term get a bonus: curated best bets.
                idea = [DisjunctionMax(alternatives)]
                idea += [Term("id", standard_id, boost=RELATED_BOOST) for standard_id in related]
                parts.append(Or(idea))
                if size > 1:  # the words of a matched phrase still count one by one
                    parts += [q for q in (_word_query(w, meta) for w in key) if q is not None]
                expanded += [v for v in variants if v != " ".join(key)]
                i += size
                break
        else:
            if drop_stop_words and plain[i] in STOP_WORDS:
                i += 1
                continue
            word = corrections.get(plain[i], token.strip("*?"))
            if "*" in token and len(token.strip("*")) >= 2:
                stem = normalise(token.strip("*")).lower()
                parts.append(Or([Prefix(f, stem) for f, _ in _fields(meta)]))
            else:
                one = _word_query(word, meta)
                if one is not None:
                    parts.append(one)
            i += 1
    return Or(parts), expanded


def edit_distance(a: str, b: str) -> int:
    """Levenshtein distance (small words only: query words against suggestions)."""
    previous = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        current = [i]
        for j, y in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x != y)))
        previous = current
    return previous[-1]


def _corrections(searcher, query: str, meta: dict) -> dict[str, str]:
    """Query words the manual does not know, and the nearest word it does know: from the
    standards' own text, or from the glossary's variants (so "pacar" becomes "pachar")."""
    from whoosh.spelling import ListCorrector

    variants = _cached(meta, "_words", _glossary_words)
    correctors = (searcher.corrector("spell"), ListCorrector(sorted(variants)))
    reader = searcher.reader()
    fixes = {}
    for word in (w.lower() for w in WORD.findall(normalise(query)) if not w.startswith('"')):
        known = reader.frequency("spell", word) > 0 or word in variants
        if len(word) < 5 or known or word in STOP_WORDS or word in _OPERATORS or "*" in word:
            continue
        maxdist = 2 if len(word) >= 7 else 1
        candidates = [c for corrector in correctors for c in corrector.suggest(word, limit=1, maxdist=maxdist)]
        if len(word) < 6:  # short words: only a missing letter (pacar -> pachar), not another word (niyom -> niyog)
            candidates = [c for c in candidates if len(c) == len(word) + 1]
        if candidates:
            fixes[word] = min(candidates, key=lambda c: (edit_distance(word, c), c))
    return fixes


class _Marks(highlight.Formatter):
    between = " … "

    def format_token(self, text, token, replace=False):
        return f"{MARK_START}{highlight.get_text(text, token, replace)}{MARK_END}"


def _snippet(result, lang: str) -> str:
    for name in ("requirements", "summary", "checklist", "body", "title"):
        text = result.highlights(f"{name}_{lang}", top=2)
        if text:
            return text
    return ""


def _matched_requirements(result, query_terms: set[str], prefixes: set[str], level_ids: set[str] | None,
                          codes: list[str]) -> list[str]:
    found = []
    for lang in codes:
        for line in result[f"requirements_{lang}"].splitlines():
            requirement_id, _, text = line.partition(" ")
            words = set(_terms(text))
            if (words & query_terms or any(w.startswith(p) for w in words for p in prefixes)) \
                    and requirement_id not in found and (level_ids is None or requirement_id in level_ids):
                found.append(requirement_id)
    return found


def search(index_dir: Path, query: str, *, chapter: str | None = None, role: str | None = None,
           level: str | None = None, lang: str | None = None, limit: int = 10) -> Results:
    """Ranked standards for `query`. Snippets are in `lang`, by default the query's language."""
    query = check_query(query)
    query, excluded_words = split_not(query)
    ix, meta = open_index(index_dir)
    lang = lang or query_language(query, meta)
    if lang not in languages(meta):
        ix.close()
        raise SearchError(f"unknown language {lang}: the index holds {', '.join(languages(meta))}")
    _check_filter("chapter", chapter.upper() if chapter else None, meta.get("chapters"))
    _check_filter("role", role, meta.get("roles"))
    try:
        return _search(ix, meta, query, excluded_words, chapter, role, level, lang, limit)
    except SearchError:
        raise
    except Exception as error:  # a damaged segment surfaces only when it is read
        raise SearchError(f"the search index at {index_dir} is damaged ({type(error).__name__}): "
                          "run `tism index --full` to rebuild it") from None
    finally:
        ix.close()


def _check_filter(kind: str, value: str | None, known: list[str] | None) -> None:
    if value is not None and known is not None and value not in known:
        raise SearchError(f"unknown {kind} {value!r} (the manual has: {', '.join(known)})")


def split_not(query: str) -> tuple[str, list[str]]:
    """The query without its `NOT word` parts, and those words: standards that have them are left out."""
    tokens = WORD.findall(query)
    kept, excluded, i = [], [], 0
    while i < len(tokens):
        if tokens[i] == "NOT" and i + 1 < len(tokens):
            excluded.append(tokens[i + 1].strip('"'))
            i += 2
            continue
        kept.append(tokens[i])
        i += 1
    if excluded and not kept:
        raise SearchError("the query only says what to leave out: give a word to search for as well")
    return " ".join(kept), excluded


def _search(ix, meta: dict, query: str, excluded_words: list[str], chapter, role, level, lang: str,
            limit: int) -> Results:
    with ix.searcher(weighting=Weighting()) as searcher:
        filters = [Term("chapter", chapter.upper())] if chapter else []
        filters += [Term("roles", role)] if role else []
        filters += [Term("levels", level)] if level else []
        only = And(filters) if len(filters) > 1 else (filters[0] if filters else None)
        id_match = STANDARD_ID.match(query)
        if id_match:
            return _by_id(searcher, query, id_match, only, lang, languages(meta))
        # Unknown words are corrected up front: they would match nothing as typed.
        fixes = _corrections(searcher, query, meta)
        parsed, expanded = parse(query, meta, fixes)
        excluded = [q for q in (_word_query(w, meta) for w in excluded_words) if q is not None]
        results = searcher.search(parsed, limit=max(limit, RERANK_DEPTH), filter=only, terms=True,
                                  mask=Or(excluded) if excluded else None)
        searched_for = " ".join(fixes.get(w.lower(), w) for w in WORD.findall(normalise(query)))
        corrected = bool(fixes)
        hits = _hits(results, level, lang, languages(meta), coordination(parsed, results), limit)
        return Results(query, searched_for, hits, corrected, expanded, lang)


def coordination(parsed: Or, results) -> dict[int, float]:
    """For each result (by document number), the share of the query's ideas it matched: one
    idea per query word, phrase or glossary term. Summed BM25 lets a standard that says one
    common idea many times outrank the one that answers every part of the question."""
    parts = [_decoded(part.iter_all_terms()) for part in getattr(parsed, "subqueries", [parsed])]
    parts = [p for p in parts if p]
    shares = {}
    for result in results:
        matched = _decoded(result.matched_terms())
        shares[result.docnum] = sum(bool(p & matched) for p in parts) / max(len(parts), 1)
    return shares


def _hits(results, level: str | None, lang: str, codes: list[str], shares: dict[int, float] | None = None,
          limit: int | None = None) -> list[Hit]:
    results.fragmenter = highlight.ContextFragmenter(maxchars=220, surround=70)
    results.formatter = _Marks()
    matched = _decoded(results.matched_terms())
    query_terms = {text for _, text in matched}
    prefixes = {text for field, text in matched if field == "stems_bn"}
    shares = shares or {}
    ranked = sorted(results, key=lambda r: -r.score * shares.get(r.docnum, 1.0) ** COORD_POWER)[:limit]
    hits = []
    for result in ranked:
        level_ids = None
        if level:
            pairs = (item.partition(":") for item in result["requirement_levels"].split())
            level_ids = {rid for rid, _, requirement_level in pairs if requirement_level == level}
        hits.append(Hit(
            id=result["id"], titles=_titles(result, codes),
            chapter=result["chapter"], score=round(result.score * shares.get(result.docnum, 1.0) ** COORD_POWER, 3),
            snippet=_snippet(result, lang).replace("\n", " "),
            requirements=_matched_requirements(result, query_terms, prefixes, level_ids, codes),
        ))
    return hits


def _titles(result, codes: list[str]) -> dict[str, str]:
    return {code: result[f"title_{code}"].partition(" ")[2] for code in codes}


def _by_id(searcher, query: str, id_match, mask, lang: str, codes: list[str]) -> Results:
    standard_id = id_match.group(1).upper()
    results = searcher.search(Term("id", standard_id), limit=1, filter=mask)
    hits = []
    for result in results:
        hit = Hit(id=result["id"], titles=_titles(result, codes), chapter=result["chapter"],
                  score=round(result.score, 3), snippet=result[f"summary_{lang}"])
        if id_match.group(2):
            wanted = query.upper()
            for line in result[f"requirements_{lang}"].splitlines():
                if line.startswith(wanted + " "):
                    hit.requirements = [wanted]
                    hit.snippet = f"{MARK_START}{wanted}{MARK_END}{line[len(wanted):]}"
        hits.append(hit)
    return Results(query, query, hits, lang=lang)


def results_as_json(results: Results) -> str:
    """The documented --json shape (see README): query, searched_for, corrected, expanded, results."""
    items = []
    for hit in results.hits:
        item = asdict(hit)
        titles = item.pop("titles")
        item = {"id": item.pop("id"), **{f"title_{lang}": title for lang, title in titles.items()}, **item}
        item["snippet"] = hit.snippet.replace(MARK_START, "<mark>").replace(MARK_END, "</mark>")
        items.append(item)
    return json.dumps({"query": results.query, "searched_for": results.searched_for,
                       "corrected": results.corrected, "expanded": results.expanded, "results": items},
                      ensure_ascii=False, indent=2)
