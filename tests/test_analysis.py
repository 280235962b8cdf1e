"""Bengali-aware analysis and slugs: words stay whole, joiners and encodings don't split matches."""
from __future__ import annotations

import unicodedata

from tism.engine import bengali_stem, words
from tism.searchdata import SUFFIXES_BN, index_term
from tism.slugs import slugify


def tokens(text: str) -> list[str]:
    """The index terms of `text`, as tism.searchdata writes them."""
    return [index_term(word) for _, _, word in words(text)]


def test_bengali_word_stays_one_token():
    assert tokens("ভুক্তভোগী") == ["ভুক্তভোগী"]


def test_bengali_sentence_splits_on_spaces_and_danda():
    assert tokens("মানব পাচার তদন্ত। ক্ষতিগ্রস্ত শিশু") == ["মানব", "পাচার", "তদন্ত", "ক্ষতিগ্রস্ত", "শিশু"]


def test_brackets_and_quotes_separate_bengali_words():
    assert tokens('(আলামত) "জবানবন্দি"') == ["আলামত", "জবানবন্দি"]


def test_zero_width_joiner_does_not_change_the_token():
    assert tokens("র\u200d্যাব") == tokens("র্যাব") == ["র্যাব"]


def test_two_encodings_of_ya_match():
    decomposed = "\u09af\u09bc"  # য + nukta
    precomposed = "\u09df"      # য়
    assert precomposed != decomposed
    assert tokens("নি" + precomposed + "োগ") == tokens("নি" + decomposed + "োগ")


def test_english_is_stemmed_and_mixed_text_works():
    assert tokens("Trafficking victims মানব পাচার") == ["traffick", "victim", "মানব", "পাচার"]


def test_bengali_digits_are_part_of_words():
    assert tokens("ধারা ৩৭৯") == ["ধারা", "৩৭৯"]


def test_slug_keeps_vowel_signs_so_similar_words_differ():
    slugs = {slugify("কাল"), slugify("কল"), slugify("কিল")}
    assert len(slugs) == 3


def test_slug_of_mixed_heading():
    assert slugify("আলামত সংরক্ষণ") == "আলামত-সংরক্ষণ"
    assert slugify("Legal basis") == "legal-basis"
    assert slugify("র\u200d্যাব") == "র্যাব"
    assert unicodedata.is_normalized("NFC", slugify("নিয়োগ"))


def test_bengali_stem_joins_inflections_and_leaves_other_words():
    def stem(word):
        return bengali_stem(word, SUFFIXES_BN)

    assert stem("ভুক্তভোগীর") == stem("ভুক্তভোগী") == "ভুক্তভোগী"
    assert stem("ভুক্তভোগীদের") == "ভুক্তভোগী"
    assert stem("পাচারের") == "পাচার"
    assert stem("শিশুকে") == "শিশু"
    assert stem("কে") == "কে"                # too short to strip


def test_words_keep_their_place_in_the_text():
    text = "Victim's (ভিকটিমের) statement।"
    assert [(text[s:e], w) for s, e, w in words(text)] == [
        ("Victim", "victim"), ("s", "s"), ("ভিকটিমের", "ভিকটিমের"), ("statement", "statement")]
