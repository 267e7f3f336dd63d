"""Whether two names can be one person's, the rule a people import reads to tell a person's own mailbox from one
handed on to someone else (docs/import.md, "Matching"). Pure (no Django)."""

from __future__ import annotations

from battlemap.core.text import pinyin_spellings

from .matching import chinese_name_parts, clean_name, match_name, name_within, simplified
from .middle_names import middle_names_agree


def same_person_name(a: str, b: str) -> bool:
    """Whether two names can be one person's: the same by `match_name` (traditional and simplified alike), or
    — a name in Chinese characters against one in Latin letters only — the same letters once the Chinese is
    read in pinyin and family and given name are taken in either order (`core.text.pinyin_spellings`: 钱文 = "Wen Qian" = "Qian Wen";
    "Lei Wang" ≠ "Fang Chen"), or one name within the other (黄凯 and its bilingual form `Kevin Huang 黄凯`, or
    the English name Kevin alone), or one name with a middle name written out in one and as its initial in the
    other ("Grace B. Hopper" = "Grace Brewster Hopper", not "Grace K. Hopper": `middle_names.middle_names_agree`).
    Two names both in Chinese characters are never matched by their sound:
    汪芳 is not 王芳, nor 李章 张力 (a trial's re-import gave 王芳's record to 汪芳, who had her old mailbox). An
    import uses it to tell a person's own mailbox from one handed on to someone else (docs/import.md,
    "Matching")."""
    if match_name(a) == match_name(b) or match_name(simplified(a)) == match_name(simplified(b)):
        return True
    if name_within(a, b) or name_within(b, a) or middle_names_agree(a, b):
        return True
    if chinese_name_parts(a) and chinese_name_parts(b):
        return False
    return bool(pinyin_spellings(clean_name(a)) & pinyin_spellings(clean_name(b)))
