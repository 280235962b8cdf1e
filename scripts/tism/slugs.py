"""Heading anchors that keep Bengali whole.

The default slug functions keep only `\\w`, which in Python's `re` does not match Bengali vowel
signs or the virama, so কাল, কল and কিল all became the same anchor. This keeps every letter, mark
and digit, drops ZWJ/ZWNJ (invisible joiners must not make two anchors differ) and joins words
with hyphens.
"""
from __future__ import annotations

import re
import unicodedata

_JOINERS = str.maketrans("", "", "\u200c\u200d")


def _keep(char: str) -> bool:
    return unicodedata.category(char)[0] in "LMN" or char in "-_"


def slugify(value: str, separator: str = "-") -> str:
    """A URL-safe anchor for a heading: NFC, lower case, letters/marks/digits kept, spaces -> separator."""
    text = unicodedata.normalize("NFC", value).translate(_JOINERS).lower()
    words = ["".join(c for c in word if _keep(c)) for word in re.split(r"\s+", text)]
    return separator.join(w for w in words if w)
