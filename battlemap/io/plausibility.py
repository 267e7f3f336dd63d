"""How much a decoded text reads like real writing — what `battlemap.io.text.decode` weighs when more than one
legacy encoding decodes the same bytes. Pure (no Django).

Rules (see `plausibility`): runs of common Chinese characters, accented letters inside words of one language's
alphabet and words cased as words are score; a Chinese character alone between Latin letters, C1 controls,
replacement and private-use characters, letters no one alphabet holds together, stray symbols cost.
"""

from __future__ import annotations

import re
import unicodedata

from battlemap.core.text import is_cjk


def _common_hanzi(ch: str) -> bool:
    """A frequent character: GB2312 level 1 (simplified) or Big5's frequent block (traditional)."""
    try:
        b = ch.encode("gb2312")
        if 0xB0 <= b[0] <= 0xD7:
            return True
    except UnicodeEncodeError:
        pass
    try:
        b = ch.encode("big5")
        return 0xA4 <= b[0] <= 0xC6
    except UnicodeEncodeError:
        return False


# Latin letters that only Windows-1252 puts at 0x80–0x9F (Š Œ Ž š œ ž Ÿ ƒ): rare in Western text, and
# what the lower-case accented letters of a Mac Roman file (ä å é ö ú û ü É) read as in Windows-1252.
_CP1252_C1_LETTERS = frozenset("ŠŒŽšœžŸƒ")


def plausibility(text: str) -> float:
    """How much `text` reads like real writing, per character (higher is better; about −3 … 1).

    Rules: common Chinese characters in runs of two or more score; a Chinese character standing alone between
    Latin letters ("J黵gen"), rare or private-use characters, C1 controls and replacement characters cost; an
    accented Latin letter inside a Latin word scores (the letters only Windows-1252 has at 0x80–0x9F, such as
    š and Ÿ, a quarter as much), an accented capital inside a lower-case word ("JŸrgen", a Mac Roman ü read
    as Windows-1252) costs, and so does a run of accented letters and symbols with no plain letter beside it
    (the look of GBK read as Windows-1252: "ÕÅΰ").
    """
    return _score(text) / len(text) if text else 0.0


# The letters beyond ASCII of the languages written in Windows-1252 and Windows-1250 (and Mac Roman): a word
# whose letters no one language has ("Jiøí", Windows-1250 Czech read as Windows-1252; "Núńez", Spanish read
# as Windows-1250) is another encoding's reading.
ALPHABETS = (
    "äöüß", "àâæçéèêëîïôœùûüÿ", "áéíñóúü", "áâãàçéêíóôõú", "àèéìíîòóùú", "àçèéíïòóúü", "éëïöüè", "æøåéó",
    "åäöé", "áæðéíóöúýþ", "ąćęłńóśźż", "áčďéěíňóřšťúůýž", "áäčďéíĺľňóôŕšťúýž", "áéíóöőúüű", "čćđšž",
    "ăâîșşțţ", "çë",
)  # fmt: skip
_LANGUAGES = {ch: frozenset(n for n, a in enumerate(ALPHABETS) if ch in a) for ch in "".join(ALPHABETS)}
# a run of letters (linear to find: "[^\W\d_]*[À-ɏ][^\W\d_]*" backtracked over every start of a long run without
# an accented letter — minutes for a 30 KB note); the runs without an accented letter are passed over
_WORD = re.compile(r"[^\W\d_]+")
_ACCENTED = re.compile(r"[\u00c0-\u024f]")
_VOWELS = frozenset("aeiouyáéíóúýěůąęAEIOUYÁÉÍÓÚÝĚŮĄĘ")
# Czech ř stands beside a vowel ("Jiří", "Ředitel"), and Polish ź ś ć ń do inside a word ("Woźniak", "Gdańsk";
# "Ćma", "Żółć" at its ends): between two consonants they are another encoding's letter ("Sřren", "Řrsted",
# "Mźller": Danish ø and German ü read as Windows-1250)
_BESIDE_VOWEL = frozenset("řŘźŹśŚćĆńŃ")
_AT_ENDS = frozenset("źŹśŚćĆńŃ")


def _incoherent(text: str) -> int:
    """How many accented Latin letters stand in words no language writes: letters of no one alphabet
    (`ALPHABETS`), or a letter of `_BESIDE_VOWEL` with no vowel beside it."""
    count = 0
    for match in _WORD.finditer(text):
        word = match.group()
        if not _ACCENTED.search(word):
            continue
        special = [ch.lower() for ch in word if "\u00c0" <= ch <= "\u024f"]
        langs = None
        for ch in special:
            langs = (
                _LANGUAGES.get(ch, frozenset()) if langs is None else langs & _LANGUAGES.get(ch, frozenset())
            )
        if not langs:
            count += len(special)
            continue
        for k, ch in enumerate(word):
            at_end = k == 0 or k == len(word) - 1
            if (ch in _BESIDE_VOWEL and not (ch in _AT_ENDS and at_end)) and not (
                k and word[k - 1] in _VOWELS or k + 1 < len(word) and word[k + 1] in _VOWELS
            ):
                count += 1
    return count


def _score(text: str, symbols: bool = True) -> float:
    """The sum behind `plausibility`; `symbols=False` (`letter_score`) leaves out the cost of stray symbols
    (£, ½, °), which real text may hold: the letters alone say whether a reading is wrong."""
    if not text:
        return 0.0
    score = -2.0 * _incoherent(text)
    n = len(text)
    start = 0  # where the word of letters around i begins (each word's casing read once: `cased`)
    cased: dict[tuple[int, int], bool] = {}

    def cased_word(below: int = 0x250) -> bool:
        if (start, below) not in cased:
            cased[(start, below)] = _cased_word(text, start, below)
        return cased[(start, below)]

    for i, ch in enumerate(text):
        if i and not text[i - 1].isalpha():
            start = i
        o = ord(ch)
        if o < 0x80:
            continue
        prev = text[i - 1] if i else " "
        nxt = text[i + 1] if i + 1 < n else " "
        if is_cjk(ch):
            neighbours_cjk = is_cjk(prev) or is_cjk(nxt)
            latin_beside = prev.isascii() and prev.isalpha() or nxt.isascii() and nxt.isalpha()
            if latin_beside and not neighbours_cjk:
                score -= 3
            elif _common_hanzi(ch):
                # two bytes read as one character weigh as two letters of a one-byte reading: "周杰" (GBK) is
                # no less likely than "ЦЬЅЬ" (the same bytes as Windows-1251)
                score += 2 if neighbours_cjk else 0.6
            else:
                score -= 1
        elif 0x80 <= o <= 0x9F or ch == "\ufffd" or 0xE000 <= o <= 0xF8FF:
            score -= 3
        elif 0x400 <= o <= 0x4FF and ch.isalpha():  # Cyrillic: in Cyrillic words, cased as words are
            if prev.isascii() and prev.isalpha() or nxt.isascii() and nxt.isalpha():
                score -= 3  # "Jьrgen": a Cyrillic letter inside a Latin word
            else:
                score += 1 if cased_word(0x500) else -1  # "Должность", not "РХГы" (GBK)
        elif 0x3100 <= o <= 0x318F:  # bopomofo, hangul letters: "ㄆkasz" is a Big5 reading of Latin bytes
            score -= 3 if prev.isascii() and prev.isalpha() or nxt.isascii() and nxt.isalpha() else 1
        elif ch.isalpha() and o < 0x250:  # Latin-1 / Latin Extended letters
            # a capital inside or after a lower-case word ("JŸrgen", "CafÈs", "JosÈ"): another encoding's letter
            if ch.isupper() and prev.isalpha() and (nxt.islower() or prev.islower()):
                score -= 1
            elif prev.isascii() and prev.isalpha() or nxt.isascii() and nxt.isalpha():
                score += 0.25 if ch in _CP1252_C1_LETTERS else 1
            elif cased_word():
                score += 0.5  # "Żółć", "ÖL": a word of accented letters only, cased as words are
            else:
                score -= 1
        elif symbols and unicodedata.category(ch).startswith(("S", "P", "N")) and o < 0x100:
            score -= 0.5  # ¤ ¦ ² ½ … scattered through text are mojibake more often than writing
        elif "\u3000" <= ch <= "\u30ff" or "\uff00" <= ch <= "\uffef":
            # CJK punctuation, kana, full-width forms — but one alone beside Latin letters or digits is a
            # Shift-JIS reading of Western bytes ("xx【y", "｣40k" for "£40k")
            alone = not (_east_asian(prev) or _east_asian(nxt))
            score += (
                -1
                if alone and (prev.isascii() and prev.isalnum() or nxt.isascii() and nxt.isalnum())
                else 0.5
            )
    return score


def letter_score(text: str) -> float:
    """`plausibility`'s sum over the whole text, its letters only (stray symbols cost nothing): at least 0
    when no letter reads as another encoding's."""
    return _score(text, symbols=False)


def _east_asian(ch: str) -> bool:
    return is_cjk(ch) or "\u3000" <= ch <= "\u30ff" or "\uff00" <= ch <= "\uffef"


def _cased_word(text: str, start: int, below: int = 0x250) -> bool:
    """Whether the word of letters beginning at `start` — two or more letters, each below `below` (Latin-1
    and Latin Extended; 0x500 lets Cyrillic in) — is written as words are: all lower case, all capitals, or a
    capital then lower case ("Żółć", "Должность"; not "ÐÕÃû" or "РХГы", GBK read as Windows-1252 or -1251)."""
    end = start + 1
    while end < len(text) and text[end].isalpha():
        end += 1
    word = text[start:end]
    if len(word) < 2 or not all(ord(c) < below for c in word):
        return False
    return word.islower() or word.isupper() or (word[0].isupper() and word[1:].islower())
