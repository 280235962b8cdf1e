"""The search engine of the manual: one definition of how a query is understood and ranked.

It reads the search data that tism.searchdata writes (a plain JSON structure) and nothing else,
so the same data answers `tism search` here and the site's search box in the browser, where
scripts/tism/web/engine.js is this module written again in JavaScript, step for step (the tests
run both on every judged query and require the same ranking). Keep the two in step: a change
here is a change there.

How a query is understood:
- an exact standard or requirement ID (`IV-004`, `iv-004.02`) goes straight to it;
- words are cut, normalised (NFC, no ZWJ/ZWNJ, lower case) and reduced to index terms: a word the
  manual uses has its term in the data's `stems`; another word loses a common ending when that
  gives a word the manual uses ("interviewing" -> "interview"); Bengali words lose one case or
  plural ending (ভিকটিমের -> ভিকটিম);
- each glossary variant ("dalal", "দালাল", "broker", "manob pachar") is one idea with all the
  term's other variants, scored by the best of them; but a very short variant, one word of at most
  SHORT_VARIANT Latin letters or digits ("cd", "si", "pp", "io", "bgb"), stands for its term only when it is
  the query's only word once stop words are set aside ("pp", "what is pp"); in a longer query
  ("pp decision") it is searched as the word it is: two or three letters mean too many things
  ("tip", "act", "pay") to bring in a whole term and its best bets;
- stop words (English, Bengali, Latin-letter Bengali) are dropped unless the query has nothing else;
- a word the manual does not know is corrected to the nearest word it does ("traffiking");
- `"a phrase"` needs all its words in one standard; `word*` any term starting so; `NOT word`
  leaves out the standards that have it;
- each standard scores BM25F over its fields (title, questions, summary, requirements, checklist,
  body) with an IDF that falls to almost nothing for a word in every standard, summed over the
  query's ideas and multiplied by the share of the ideas it matches.
"""
from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass, field

MARK_START, MARK_END = "\x02", "\x03"
MAX_QUERY_CHARS = 500
MAX_QUERY_WORDS = 32  # each word may expand to many glossary variants: bounds the cost of a query
MAX_WILDCARDS = 4
SHORT_VARIANT = 3  # a glossary variant of one Latin-letter word this short expands only when typed alone
OPERATORS = {"AND", "OR", "NOT", "ANDNOT", "ANDMAYBE"}
STANDARD_ID = re.compile(r"^([A-Za-z]{2}-\d{3})(\.\d{2})?$")
# A word: letters, digits, underscore, combining diacritics, the Bengali block (vowel signs,
# virama), ZWNJ and ZWJ. The danda (U+0964) is outside it and separates words. In JavaScript:
# /[\p{L}\p{N}_\u0300-\u036f\u0980-\u09ff\u200c\u200d]+/gu (the tests compare the two on the manual).
WORD = re.compile(r"[\w\u0300-\u036f\u0980-\u09ff\u200c\u200d]+")
TOKEN = re.compile(r'"[^"]*"|[^\s"]+')
_JOINERS = str.maketrans("", "", "\u200c\u200d")


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
    lang: str = "en"  # the language of titles and snippets


# -- words ----------------------------------------------------------------------------------------

def normalise(text: str) -> str:
    """NFC without ZWJ/ZWNJ, lower case: the form every word is compared in."""
    return unicodedata.normalize("NFC", text).translate(_JOINERS).lower()


def words(text: str) -> list[tuple[int, int, str]]:
    """(start, end, normalised word) for each word of `text`, positions in `text` itself."""
    found = []
    for match in WORD.finditer(text):
        word = normalise(match.group())
        if word:
            found.append((match.start(), match.end(), word))
    return found


def bengali_stem(word: str, suffixes: list[str]) -> str:
    """The word without one of `suffixes` (longest first), if at least two letters remain."""
    for suffix in suffixes:
        if word.endswith(suffix) and len(word) - len(suffix) >= 2:
            return word[: -len(suffix)]
    return word


def is_bengali(word: str) -> bool:
    return any("\u0980" <= char <= "\u09ff" for char in word)


def term(word: str, data: dict) -> str:
    """The index term of a normalised word: its stem when the manual uses the word, else the
    stem of the word it becomes without a common ending, else the word itself. (A Bengali word
    is its own term; its stem is a second term, see `stem_term`.)"""
    stems, known = data["stems"], data["vocabulary"]
    if word in stems:
        return stems[word]
    if word in known or is_bengali(word):
        return word
    for suffix, replacement in data["analysis"]["suffixes_en"]:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            base = word[: -len(suffix)] + replacement
            if base in known:
                return stems.get(base, base)
    return word


def stem_term(word: str, data: dict) -> str | None:
    """A Bengali word's second term: "~" and the word without its ending, so every inflected form
    of a word (ভিকটিমের, ভিকটিমকে) is found in the `stems` field; None for other words."""
    return "~" + bengali_stem(word, data["analysis"]["suffixes_bn"]) if is_bengali(word) else None


def alternatives(found: list[str], data: dict) -> list[list[str]]:
    """The term sequences that stand for these words: their terms, and for Bengali words their
    stem terms too (either will do)."""
    exact = [term(w, data) for w in found]
    if not any(is_bengali(w) for w in found):
        return [exact] if exact else []
    return [exact, [stem_term(w, data) or term(w, data) for w in found]]


def key_term(word: str, data: dict) -> str:
    """How a word is compared with the glossary's variants: ভিকটিমের as ভিকটিম, brokers as broker."""
    return stem_term(word, data) or term(word, data)


def matches(word: str, terms: set[str], data: dict) -> bool:
    return term(word, data) in terms or stem_term(word, data) in terms


# -- the query ------------------------------------------------------------------------------------

def check_query(query: str) -> str:
    """The query stripped, or SearchError saying what is wrong with it."""
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
    parts = [w for w in re.split(r"[\s()\"]+", query) if w]
    if len(parts) > MAX_QUERY_WORDS:
        raise SearchError(f"too many words in the query ({len(parts)}; at most {MAX_QUERY_WORDS})")
    meaningful = [w for w in parts if w not in OPERATORS and words(w)]
    if not meaningful:
        raise SearchError("the query has no words to search for (only operators or symbols)")
    wildcards = [w for w in meaningful if "*" in w or "?" in w]
    for word in wildcards:
        if len(re.sub(r"[*?]", "", word)) < 2:
            raise SearchError(f"wildcard '{word}' needs at least two letters before it")
    if len(wildcards) > MAX_WILDCARDS:
        raise SearchError(f"too many wildcard words ({len(wildcards)}; at most {MAX_WILDCARDS})")
    return query


def split_not(query: str) -> tuple[str, list[str]]:
    """The query without its `NOT word` parts, and those words."""
    tokens = TOKEN.findall(query)
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


def edit_distance(a: str, b: str) -> int:
    previous = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        current = [i]
        for j, y in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x != y)))
        previous = current
    return previous[-1]


def correction(word: str, data: dict) -> str | None:
    """The word the manual knows that `word` (unknown to it) was probably meant to be."""
    stop = data["analysis"]["stop"]
    if len(word) < 5 or word in data["vocabulary"] or word in stop or term(word, data) in data["postings"]:
        return None
    most = 2 if len(word) >= 7 else 1
    best: tuple[int, int, str] | None = None
    for known, frequency in data["vocabulary"].items():
        if abs(len(known) - len(word)) > most or (len(word) < 6 and len(known) != len(word) + 1):
            continue
        distance = edit_distance(word, known)
        if distance <= most and (best is None or (distance, -frequency, known) < best):
            best = (distance, -frequency, known)
    return best[2] if best else None


@dataclass
class Idea:
    """One thing the query asks for: alternatives of index-term sequences, any one will do."""

    alternatives: list[list[str]]
    related: list[str] = field(default_factory=list)  # glossary best bets: standard IDs


def ideas(query: str, data: dict) -> tuple[list[Idea], dict[str, str], list[str]]:
    """The query's ideas, the corrections made and the glossary variants added."""
    analysis = data["analysis"]
    stop = set(analysis["stop"])
    tokens = [t for t in TOKEN.findall(query) if t not in OPERATORS]
    surface = [[w for _, _, w in words(t)] for t in tokens]
    plain = [t if t.startswith('"') else " ".join(s) for t, s in zip(tokens, surface, strict=True)]
    drop_stop = any(p and p not in stop for p in plain)
    banglish = any(p in analysis["banglish_markers"] for p in plain)
    # Unknown words are corrected first, so a misspelt glossary word still finds its term.
    fixes: dict[str, str] = {}
    for token, found in zip(tokens, surface, strict=True):
        if not token.startswith('"') and "*" not in token:
            for word in found:
                fixed = correction(word, data)
                if fixed:
                    fixes[word] = fixed
    keys = [" ".join(key_term(fixes.get(w, w), data) for w in found) for found in surface]
    groups = data["glossary"]
    by_terms = _variant_index(data)
    alone = sum(1 for p in plain if p and p not in stop
                and not (banglish and p in analysis["banglish_only_stop"])) == 1  # the query's one word
    short = [len(found) == 1 and found[0].isascii() and len(found[0]) <= SHORT_VARIANT for found in surface]
    longest = max((k.count(" ") + 1 for k in by_terms), default=1)
    result: list[Idea] = []
    expanded: list[str] = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if token.startswith('"'):  # a phrase: all its words
            if surface[i]:
                result.append(Idea(alternatives(surface[i], data)))
            i += 1
            continue
        if not plain[i] or (banglish and plain[i] in analysis["banglish_only_stop"]):
            i += 1
            continue
        for size in range(min(longest, len(tokens) - i), 0, -1):
            key = " ".join(keys[i:i + size])
            if key in by_terms and all(keys[i:i + size]) and (size > 1 or alone or not short[i]):
                group = groups[by_terms[key]]
                either = [a for v in group["variants"] for a in alternatives([w for _, _, w in words(v)], data)]
                result.append(Idea(either, list(group["related"])))
                if size > 1:  # the words of a matched phrase still count one by one
                    result += [Idea(alternatives([fixes.get(w, w)], data))
                               for found in surface[i:i + size] for w in found if w not in stop]
                shown = " ".join(plain[i:i + size])
                expanded += [v for v in group["variants"] if normalise(v) != shown]
                i += size
                break
        else:
            if drop_stop and plain[i] in stop:
                i += 1
                continue
            if "*" in token:
                prefix = normalise(token.strip("*?"))
                result.append(Idea([[t] for t in sorted(data["postings"]) if t.startswith(prefix)][:200]))
            else:
                result += [Idea(alternatives([fixes.get(w, w)], data)) for w in surface[i]]
            i += 1
    return [idea for idea in result if idea.alternatives], fixes, expanded


def _variant_index(data: dict) -> dict[str, int]:
    """Each glossary variant's index terms -> its group (the first group for a variant two terms
    share), by their key terms."""
    cached = data.get("_variants")
    if cached is None:
        cached = {}
        for index, group in enumerate(data["glossary"]):
            for variant in group["variants"]:
                key = " ".join(key_term(w, data) for _, _, w in words(variant))
                if key:
                    cached.setdefault(key, index)
        data["_variants"] = cached
    return cached


# -- scoring --------------------------------------------------------------------------------------

def _term_scores(t: str, data: dict) -> dict[int, float]:
    """The term's score for every standard that has it: BM25 in each field (with the field's own
    document frequency), times the field's boost, summed over the fields."""
    postings = data["postings"].get(t)
    if not postings:
        return {}
    boosts, lengths, average = data["boosts"], data["lengths"], data["average"]
    k1, b = data["k1"], data["b"]
    total = len(data["docs"])
    frequency = [0] * len(boosts)
    for i in range(1, len(postings), 3):
        frequency[postings[i]] += 1
    idf = [math.log(1 + (total - n + 0.5) / (n + 0.5)) for n in frequency]
    scores: dict[int, float] = {}
    for i in range(0, len(postings), 3):
        doc, f, tf = postings[i], postings[i + 1], postings[i + 2]
        norm = k1 * (1 - b + b * lengths[doc][f] / average[f]) if average[f] else k1
        scores[doc] = scores.get(doc, 0.0) + boosts[f] * idf[f] * tf * (k1 + 1) / (tf + norm)
    return scores


def _idea_scores(idea: Idea, data: dict, cache: dict) -> dict[int, float]:
    """The best alternative's score for each standard (an alternative of several terms counts
    only where the standard has all of them)."""
    best: dict[int, float] = {}
    for alternative in idea.alternatives:
        scores = None
        for t in alternative:
            if t not in cache:
                cache[t] = _term_scores(t, data)
            one = cache[t]
            scores = dict(one) if scores is None else {d: s + one[d] for d, s in scores.items() if d in one}
        for doc, score in (scores or {}).items():
            if score > best.get(doc, 0.0):
                best[doc] = score
    return best


def rank(query_ideas: list[Idea], data: dict, allowed: set[int] | None) -> tuple[list[tuple[int, float]], set]:
    """(standard, score) best first, and the index terms that matched."""
    params = data["params"]
    cache: dict[str, dict[int, float]] = {}
    totals: dict[int, float] = {}
    matched_ideas: dict[int, int] = {}
    by_id = {doc["id"]: i for i, doc in enumerate(data["docs"])}
    for idea in query_ideas:
        scores = _idea_scores(idea, data, cache)
        # Best bets: the standards the glossary relates to a term, when the term is the whole
        # query or is specific (found in few standards): in a longer question, a word found
        # everywhere ("victim", "child") points nowhere in particular.
        specific = len(query_ideas) == 1 or len(scores) <= params["best_bet_share"] * len(data["docs"])
        top = max(scores.values(), default=0.0)
        for standard_id in idea.related if specific else ():
            doc = by_id.get(standard_id)
            if doc is not None:
                scores[doc] = scores.get(doc, 0.0) + params["best_bet"] * max(top, 1.0)
        for doc, score in scores.items():
            if allowed is None or doc in allowed:
                totals[doc] = totals.get(doc, 0.0) + score
                matched_ideas[doc] = matched_ideas.get(doc, 0) + 1
    count = max(len(query_ideas), 1)
    ranked = [(doc, round(total * (matched_ideas[doc] / count) ** params["coordination"], 6))
              for doc, total in totals.items()]
    ranked.sort(key=lambda pair: (-pair[1], pair[0]))
    matched_terms = {t for t, scores in cache.items() if scores}
    return ranked, matched_terms


# -- results --------------------------------------------------------------------------------------

def _marked(text: str, terms: set[str], data: dict, width: int = 160) -> tuple[str, bool]:
    """`text` with the words whose term is in `terms` marked (never a stop word such as "of",
    which a glossary phrase may bring in), cut to a short window around the first."""
    stop = data["analysis"]["stop"]
    spans = [(s, e) for s, e, w in words(text) if w not in stop and matches(w, terms, data)]
    if not spans:
        return text[:width] + ("…" if len(text) > width else ""), False
    start = max(0, spans[0][0] - 50)
    end = min(len(text), start + width)
    out, cursor = [], start
    for s, e in spans:
        if s < start or e > end:
            continue
        out += [text[cursor:s], MARK_START, text[s:e], MARK_END]
        cursor = e
    out.append(text[cursor:end])
    return ("…" if start else "") + "".join(out) + ("…" if end < len(text) else ""), True


def _hit(doc: dict, score: float, terms: set[str], lang: str, level_ids: set[str] | None, data: dict) -> Hit:
    text = doc["text"]
    matched = []
    for code in [lang] + [c for c in text if c != lang]:
        for rid, line in text.get(code, {}).get("requirements", []):
            if rid not in matched and (level_ids is None or rid in level_ids) \
                    and any(matches(w, terms, data) for _, _, w in words(line)):
                matched.append(rid)
    mine = text.get(lang) or text[next(iter(text))]
    candidates = [f"{rid} {line}" for rid, line in mine["requirements"] if rid in matched]
    candidates += [mine["summary"]] + [f"{rid} {line}" for rid, line in mine["requirements"]]
    snippet = ""
    for candidate in candidates:
        snippet, found = _marked(candidate, terms, data)
        if found:
            break
    if not any(MARK_START in s for s in [snippet]):
        snippet, _ = _marked(mine["summary"], terms, data)
    return Hit(doc["id"], dict(doc["titles"]), doc["chapter"], score, snippet, matched)


def query_language(query: str, data: dict) -> str:
    """The language of a query: the first whose letters it uses, else the source language."""
    for language in data["languages"][1:]:
        if language["script"] and re.search(f"[{language['script']}]", query):
            return language["code"]
    return data["languages"][0]["code"]


def search(data: dict, query: str, *, chapter: str | None = None, role: str | None = None,
           level: str | None = None, lang: str | None = None, limit: int = 10) -> Results:
    """Ranked standards for `query`; titles and snippets in `lang`, by default the query's."""
    query = check_query(query)
    query, excluded_words = split_not(query)
    codes = [language["code"] for language in data["languages"]]
    lang = lang or query_language(query, data)
    if lang not in codes:
        raise SearchError(f"unknown language {lang}: the manual has {', '.join(codes)}")
    for kind, value, known in (("chapter", chapter.upper() if chapter else None, data["chapters"]),
                               ("role", role, data["roles"])):
        if value is not None and value not in known:
            raise SearchError(f"unknown {kind} {value!r} (the manual has: {', '.join(known)})")
    allowed = {i for i, doc in enumerate(data["docs"])
               if (not chapter or doc["chapter"] == chapter.upper()) and (not role or role in doc["roles"])
               and (not level or level in doc["levels"].values())}
    if not excluded_words and allowed == set(range(len(data["docs"]))):
        allowed_or_none: set[int] | None = None
    else:
        excluded: set[int] = set()
        for word in excluded_words:
            for _, _, w in words(word):
                postings = data["postings"].get(term(w, data), [])
                excluded |= set(postings[0::3])
        allowed_or_none = allowed - excluded
    level_ids = None
    id_match = STANDARD_ID.match(query)
    if id_match:
        return _by_id(query, id_match, data, lang, allowed_or_none)
    query_ideas, fixes, expanded = ideas(query, data)
    ranked, terms = rank(query_ideas, data, allowed_or_none)
    hits = []
    for doc_index, score in ranked[:limit]:
        doc = data["docs"][doc_index]
        if level:
            level_ids = {rid for rid, lv in doc["levels"].items() if lv == level}
        hits.append(_hit(doc, score, terms, lang, level_ids, data))
    searched_for = " ".join(fixes.get(w, w) for _, _, w in words(query))
    return Results(query, searched_for, hits, bool(fixes), expanded, lang)


def _by_id(query: str, id_match, data: dict, lang: str, allowed: set[int] | None) -> Results:
    standard_id = id_match.group(1).upper()
    hits = []
    for i, doc in enumerate(data["docs"]):
        if doc["id"] != standard_id or (allowed is not None and i not in allowed):
            continue
        mine = doc["text"].get(lang) or doc["text"][next(iter(doc["text"]))]
        hit = Hit(doc["id"], dict(doc["titles"]), doc["chapter"], 1.0, mine["summary"])
        if id_match.group(2):
            wanted = query.upper()
            for rid, line in mine["requirements"]:
                if rid == wanted:
                    hit.requirements = [wanted]
                    hit.snippet = f"{MARK_START}{wanted}{MARK_END} {line}"
        hits.append(hit)
    return Results(query, query, hits, lang=lang)
