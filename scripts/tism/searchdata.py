"""The search data of the manual: what tism.engine (and its JavaScript twin in the site) reads.

Built from the Catalogue: for every standard, the index terms of each field with their counts,
the field lengths, the texts shown in results (titles, summary, requirements per language), and
for the whole manual the glossary's variant groups, the words it uses (for typo correction and
endings), and every setting of the ranking. The settings live here and travel in the data, so the
command line and the browser rank with the same numbers.
"""
from __future__ import annotations

from collections import Counter

from whoosh.lang.porter import stem as porter_stem

from . import engine
from .model import Catalogue, Standard

FORMAT = 1  # bump when the shape of the data or the analysis changes
# The last field, stems, holds each Bengali word of the others as its stem term (~ভিকটিম).
FIELDS = ("title", "questions", "summary", "requirements", "checklist", "body", "stems")
BOOSTS = (6.0, 3.0, 2.5, 2.0, 1.2, 1.0, 1.0)  # a title or question match outranks the same words in the body
K1, B = 1.2, 0.75
PARAMS = {
    "coordination": 1.0,  # score x (share of the query's ideas a standard matches) ** this
    "best_bet": 0.5,  # a glossary term's related standards get this share of the term's best score
    "best_bet_share": 0.15,  # … only when the term is found in at most this share of the standards
}
# Words that carry no meaning in a hurried question, in English, Bengali and Latin-letter Bengali.
STOP_WORDS = (
    "a an the of to for in on at by with and or is are was be been it its this that these those there "
    "what which who whom whose when where why how do does did i we you he she they me us my our your if "
    "so as can could would will shall should must may might has have had get got about any some vs versus "
    "under from into than please tell কী কি কে কেন কখন কোথায় কীভাবে কিভাবে করব করবো করতে করা হলে হয় হবে যায় যাবে এবং ও বা "
    "আর না নেই এর ki ke keno kokhon kothay kivabe kibhabe korbo korte kora hole hoy hobe jay jabe ebong o "
    "ba ar na nai er r te lagbe dorkar"
).split()
# Latin-letter Bengali words that are also English ("age" is আগে): dropped only when the query is
# plainly Latin-letter Bengali, i.e. it has one of these function words English does not use.
BANGLISH_MARKERS = ("ki ke keno kokhon kothay kivabe kibhabe korbo korte kora hole hoy hobe jabe er ar nai lagbe "
                    "dorkar").split()
BANGLISH_ONLY_STOP = "age pore jonno theke sathe niye".split()
# Bengali case endings, plural and classifier markers, longest first: ভিকটিমের -> ভিকটিম.
SUFFIXES_BN = sorted(["গুলোর", "গুলো", "গুলি", "দেরকে", "দের", "েরা", "কে", "তে", "ের", "র", "টি", "টা", "য়", "ে",
                      "রা"], key=len, reverse=True)
# English endings tried on a word the manual does not use, to reach one it does ("interviewing").
SUFFIXES_EN = [["ies", "y"], ["ing", ""], ["ing", "e"], ["ed", ""], ["ed", "e"], ["es", ""], ["s", ""],
               ["ers", ""], ["er", ""], ["ly", ""]]
ANALYSIS = {"stop": STOP_WORDS, "banglish_markers": BANGLISH_MARKERS, "banglish_only_stop": BANGLISH_ONLY_STOP,
            "suffixes_bn": SUFFIXES_BN, "suffixes_en": SUFFIXES_EN}


def index_term(word: str) -> str:
    """A normalised word's term in the index: Porter's stem of an English word, any other word as
    it is (a Bengali word's stem goes into the stems field)."""
    return porter_stem(word) if word.isascii() and word.isalpha() else word


def _texts(texts, lang: str) -> list[str]:
    return [t[lang] for t in texts if t is not None and lang in t]


def fields(standard: Standard, catalogue: Catalogue) -> tuple[str, ...]:
    """The text of each field (FIELDS order), every language together."""
    codes = catalogue.languages.codes
    body = [standard.rationale, *standard.procedure, *standard.audit_indicators]
    body += [c.note for c in standard.legal_basis]
    body += [catalogue.laws[c.law].title for c in standard.legal_basis if c.law in catalogue.laws]
    body += [catalogue.tags[t] for t in standard.tags if t in catalogue.tags]
    body += [catalogue.indicators[g].title for g in standard.indicators if g in catalogue.indicators]
    per_lang = {
        "title": lambda lang: [standard.title.get(lang)],
        "summary": lambda lang: [standard.summary.get(lang)],
        "requirements": lambda lang: [r.text.get(lang) for r in standard.requirements],
        "checklist": lambda lang: _texts(standard.checklist, lang),
        "body": lambda lang: _texts(body, lang),
    }
    out = []
    for name in FIELDS[:-1]:
        if name == "questions":
            out.append("\n".join(catalogue.questions.get(standard.id, ())))
        else:
            parts = [standard.id] if name == "title" else []
            parts += [text for lang in codes for text in per_lang[name](lang)]
            out.append("\n".join(parts))
    return tuple(out)


def build(catalogue: Catalogue) -> dict:
    """The search data of `catalogue` (JSON-serialisable)."""
    codes = catalogue.languages.codes
    postings: dict[str, list[int]] = {}
    lengths, docs = [], []
    surface: Counter = Counter()  # words -> number of standards using them
    stems: dict[str, str] = {}
    for doc_index, standard in enumerate(catalogue.standards):
        seen: set[str] = set()
        doc_lengths = []
        stemmed: Counter = Counter()
        for f, text in enumerate(fields(standard, catalogue)):
            counts: Counter = Counter()
            for _, _, word in engine.words(text):
                t = stems.get(word) or index_term(word)
                if t != word:
                    stems[word] = t
                counts[t] += 1
                seen.add(word)
                if engine.is_bengali(word):
                    stemmed["~" + engine.bengali_stem(word, SUFFIXES_BN)] += 1
            doc_lengths.append(sum(counts.values()))
            for t, tf in counts.items():
                postings.setdefault(t, []).extend((doc_index, f, tf))
        doc_lengths.append(sum(stemmed.values()))
        for t, tf in stemmed.items():
            postings.setdefault(t, []).extend((doc_index, len(FIELDS) - 1, tf))
        surface.update(seen)
        lengths.append(doc_lengths)
        docs.append({
            "id": standard.id, "chapter": standard.chapter, "roles": list(standard.roles),
            "levels": {r.id: r.level for r in standard.requirements},
            "titles": {lang: standard.title.get(lang) for lang in codes},
            "text": {lang: {"summary": standard.summary.get(lang),
                            "requirements": [[r.id, r.text.get(lang)] for r in standard.requirements]}
                     for lang in codes},
        })
    glossary = []
    for entry in catalogue.glossary.values():
        variants = sorted({v.strip() for v in entry.variants() if v.strip()})
        glossary.append({"variants": variants, "related": list(entry.related)})
        for variant in variants:
            for _, _, word in engine.words(variant):
                surface[word] = max(surface[word], 1)
                t = index_term(word)
                if t != word:
                    stems[word] = t
    average = [sum(row[f] for row in lengths) / max(len(lengths), 1) for f in range(len(FIELDS))]
    return {
        "format": FORMAT, "edition": catalogue.edition,
        "languages": [{"code": x.code, "script": x.script} for x in catalogue.languages.languages],
        "chapters": [c.code for c in catalogue.chapters], "roles": sorted(catalogue.roles),
        "fields": list(FIELDS), "boosts": list(BOOSTS), "k1": K1, "b": B, "params": dict(PARAMS),
        "analysis": ANALYSIS, "docs": docs, "lengths": lengths, "average": average,
        "postings": dict(sorted(postings.items())), "stems": dict(sorted(stems.items())),
        "vocabulary": dict(sorted(surface.items())), "glossary": glossary,
    }
