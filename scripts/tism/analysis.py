"""Tokens for English and Bengali text, shared by the index and by tests.

Python's `\\w` does not match Bengali vowel signs or the virama, so Whoosh's default analyzers cut
"ভুক্তভোগী" into fragments. Here a word is a run of word characters, combining marks and the
Bengali block, with ZWJ/ZWNJ allowed inside; every token is NFC-normalised with the joiners removed
(so র‍্যাব and র্যাব match), lower-cased, and English words are stemmed.
"""
from __future__ import annotations

import re
import unicodedata

from whoosh.analysis import Filter, LowercaseFilter, RegexTokenizer, StemFilter

# Combining diacritics, the Bengali block (letters, vowel signs, virama, digits), ZWNJ and ZWJ.
# The danda (U+0964) lies outside these ranges, so it separates words.
WORD_PATTERN = re.compile(r"[\w\u0300-\u036f\u0980-\u09ff\u200c\u200d]+")
_JOINERS = str.maketrans("", "", "\u200c\u200d")


def normalise(text: str) -> str:
    """NFC without ZWJ/ZWNJ: the form every token and every query word is compared in."""
    return unicodedata.normalize("NFC", text).translate(_JOINERS)


class NormaliseFilter(Filter):
    def __call__(self, tokens):
        for token in tokens:
            token.text = normalise(token.text)
            if token.text:
                yield token


class EnglishStemFilter(StemFilter):
    """Porter stemming for Latin-letter words only; Bengali words pass through whole."""

    def __call__(self, tokens):
        stem = self.stemfn
        for token in tokens:
            if not token.stopped and token.text.isascii():
                token.text = stem(token.text)
            yield token


# Light Bengali suffix list (case endings, plural and classifier markers), longest first:
# ভুক্তভোগীর, ভুক্তভোগীদের -> ভুক্তভোগী; পাচারের -> পাচার. Measured with scripts/bench/search_quality.py.
BENGALI_SUFFIXES = tuple(sorted(["গুলোর", "গুলো", "গুলি", "দেরকে", "দের", "েরা", "কে", "তে", "ের", "র", "টি", "টা",
                                 "য়", "ে", "রা"], key=len, reverse=True))
_BENGALI = re.compile(r"[\u0980-\u09ff]")


def bengali_stem(word: str) -> str:
    """The word without one common Bengali suffix, if at least two letters remain; other words unchanged."""
    if not _BENGALI.search(word):
        return word
    for suffix in BENGALI_SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 2:
            return word[: -len(suffix)]
    return word


class BengaliStemFilter(Filter):
    def __call__(self, tokens):
        for token in tokens:
            token.text = bengali_stem(token.text)
            yield token


def stem_analyzer():
    """For the Bengali stem field: inflected forms of one word become one term (with one IDF)."""
    return RegexTokenizer(WORD_PATTERN) | NormaliseFilter() | LowercaseFilter() | BengaliStemFilter()


def text_analyzer():
    """Analyzer for full-text fields: Bengali-safe words, normalised, lower-cased, English stems."""
    return RegexTokenizer(WORD_PATTERN) | NormaliseFilter() | LowercaseFilter() | EnglishStemFilter()


def tokens(text: str) -> list[str]:
    """The index terms of `text` (for tests and diagnostics)."""
    return [token.text for token in text_analyzer()(text)]
