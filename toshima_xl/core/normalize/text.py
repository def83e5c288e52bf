"""Text folding for comparisons, kana script, and formula-looking text.

Stored text always stays as staff typed it. The folded form exists only to
compare two values, for example two resource names that differ in width,
spacing, ヶ/ケ or the way 株式会社 is written.
"""

from __future__ import annotations

import re
import unicodedata

# Characters that staff (or an IME) type where a hyphen is meant. The
# katakana long-vowel marks ー and ｰ are listed separately, because inside a
# word they are letters, not hyphens.
HYPHENS = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u2043\ufe63\uff0d\u002d"
LONG_VOWELS = "\u30fc\uff70"
HYPHEN_CLASS = "[" + re.escape(HYPHENS) + "]"
HYPHEN_LIKE_CLASS = "[" + re.escape(HYPHENS + LONG_VOWELS) + "]"

# Characters a spreadsheet treats as the start of a formula.
FORMULA_STARTS = "=+-@"

_SPACES = re.compile(r"\s+")
_HYPHENS = re.compile(HYPHEN_CLASS)
# A long-vowel mark is a hyphen unless it follows kana or another long vowel.
_LONG_VOWEL_AS_HYPHEN = re.compile(r"(?<![\u3041-\u30ff])\u30fc")
# Between two kanji, ヶ, ケ, が and ガ all read "ga" in place names
# (雑司ヶ谷, 雑司が谷, 雑司ケ谷), so they fold to one character.
_KANJI = "\u3400-\u4dbf\u4e00-\u9fff々"
_GA_BETWEEN_KANJI = re.compile(f"(?<=[{_KANJI}])[ヶケがガ](?=[{_KANJI}])")
_COMPANY_FORMS = (
    ("(株)", "株式会社"),
    ("(有)", "有限会社"),
    ("(合)", "合同会社"),
    ("(社)", "社団法人"),
    ("(財)", "財団法人"),
)


def nfkc(text: str) -> str:
    """Apply Unicode NFKC: full-width ASCII to half-width, half-width kana to full."""
    return unicodedata.normalize("NFKC", text)


def squash_spaces(text: str) -> str:
    """Turn every run of whitespace (full-width included) into one space, trimmed."""
    return _SPACES.sub(" ", text).strip()


def unify_hyphens(text: str) -> str:
    """Replace hyphen-like characters with ``-``, keeping long vowels after kana."""
    text = _HYPHENS.sub("-", text)
    return _LONG_VOWEL_AS_HYPHEN.sub("-", text)


def hiragana_to_katakana(text: str) -> str:
    """Shift hiragana (ぁ-ゖ, ゝ, ゞ) to the matching katakana."""
    chars = []
    for ch in text:
        code = ord(ch)
        if 0x3041 <= code <= 0x3096 or code in (0x309D, 0x309E):
            chars.append(chr(code + 0x60))
        else:
            chars.append(ch)
    return "".join(chars)


def to_katakana(text: str) -> str:
    """Convert kana to full-width katakana: NFKC, then hiragana to katakana.

    Args:
        text: Kana typed in any script or width, e.g. ｻﾛﾝ or さろん.

    Returns:
        The text with every kana in full-width katakana. Other characters
        pass through NFKC unchanged otherwise.
    """
    return hiragana_to_katakana(nfkc(text))


def is_katakana(text: str) -> bool:
    """Tell whether ``text`` holds only full-width katakana, ー, ・ and spaces."""
    if not text.strip():
        return False
    for ch in text:
        if ch in " \u3000・ー":
            continue
        if not 0x30A1 <= ord(ch) <= 0x30FA:
            return False
    return True


def fold(text: str) -> str:
    """Fold text into the form used to compare two values.

    The folded form applies NFKC, casefolds Latin letters, squashes spaces,
    writes every hyphen as ``-``, unifies ヶ/ケ/が between kanji, writes
    (株)/㈱ as 株式会社 (and the same for 有限会社 and similar), and turns
    hiragana into katakana.

    Args:
        text: Any cell text.

    Returns:
        The comparison form. Never store it in a cell.
    """
    folded = squash_spaces(nfkc(text)).casefold()
    folded = unify_hyphens(folded)
    for short, long in _COMPANY_FORMS:
        folded = folded.replace(short, long)
    folded = _GA_BETWEEN_KANJI.sub("ケ", folded)
    return hiragana_to_katakana(folded).replace("ヶ", "ケ").replace("ヵ", "カ")


def is_formula_like(text: str) -> bool:
    """Tell whether a spreadsheet would read ``text`` as a formula.

    True when the first non-blank character is ``=``, ``+``, ``-`` or ``@``.
    Such text is written back as a string, never as a formula.
    """
    stripped = text.lstrip()
    return bool(stripped) and stripped[0] in FORMULA_STARTS


def is_blank_text(text: str) -> bool:
    """Tell whether ``text`` holds only whitespace and invisible format characters.

    Format characters (Unicode category Cf) include the zero-width space
    U+200B, the joiners U+200C and U+200D, the word joiner U+2060 and the
    byte order mark U+FEFF. Pasted from web pages they make a cell look
    blank in Excel while it is not empty.
    """
    return all(ch.isspace() or unicodedata.category(ch) == "Cf" for ch in text)
