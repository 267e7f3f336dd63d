"""A name's middle names, as a people import reads them where no Middle Name column says which word is one: a
manager cell that leaves it out (Outlook's Manager's Name "Anna Schmidt" for the map's Anna M. Schmidt), a row
whose name adds it to the map's ("John Fitzgerald Kennedy", same e-mail, beside the map's John Kennedy).

The rule: a name of three or four words in letters only is its first and last word without the ones between
("Anna M. Schmidt" → "Anna Schmidt"). A name in Chinese characters, a name with a comma (a family name written
first: "Lay, Kenneth Lee"), a bracket or a digit has no middle name. Two people whose names differ only by a
middle name are never taken for one by this reading: the import asks which (io.tabular.reporting_lines)."""

from __future__ import annotations

import re

from .matching import clean_name, match_name

# a word of letters, with the apostrophes, hyphens and dots names hold (O'Brien, Jean-Luc, M.)
_WORD = re.compile(r"^[^\W\d_]+(?:['’.-][^\W\d_]*)*$")
_HAN = re.compile(r"[\u3400-\u9fff]")


def without_middle_names(name: str) -> str:
    """The name without its middle names: "Anna M. Schmidt" → "Anna Schmidt", "John Fitzgerald Kennedy" →
    "John Kennedy"; "" when the name has none by the module's rule (two words, Chinese characters, a comma)."""
    words = clean_name(name).split()
    if not 3 <= len(words) <= 4 or "," in name or _HAN.search(name):
        return ""
    if not all(_WORD.match(word) for word in words):
        return ""
    return f"{words[0]} {words[-1]}"


def middle_name_added(name: str, other: str) -> bool:
    """Whether `name` is `other` with a middle name added: "John Fitzgerald Kennedy" and "John Kennedy"
    (compared by `matching.match_name`)."""
    short = without_middle_names(name)
    return bool(short) and match_name(short) == match_name(other) != match_name(name)
