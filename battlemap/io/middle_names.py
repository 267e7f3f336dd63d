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


def middle_names_agree(a: str, b: str) -> bool:
    """Whether two names are one name whose middle names are written out in one and as initials in the other:
    "Grace B. Hopper" and "Grace Brewster Hopper" — the same first and last word (`match_name`), as many middle
    names, each the same word or its initial ("Grace K. Hopper" is another person)."""
    short = without_middle_names(a)
    if not short or match_name(short) != match_name(without_middle_names(b)):
        return False
    middle_a, middle_b = clean_name(a).split()[1:-1], clean_name(b).split()[1:-1]
    return len(middle_a) == len(middle_b) and all(map(_same_or_initial, middle_a, middle_b))


def _same_or_initial(a: str, b: str) -> bool:
    """Whether two middle names are one: the same word, or one is the other's initial ("B." and "Brewster")."""
    a, b = a.rstrip(".").casefold(), b.rstrip(".").casefold()
    return a == b or (len(a) == 1 and b.startswith(a)) or (len(b) == 1 and a.startswith(b))
