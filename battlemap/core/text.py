"""Sort and search keys for names: Chinese characters become pinyin so 张伟 sorts under Z and is found by 'zhangwei'."""

from __future__ import annotations


def name_key(name: str) -> str:
    """A lower-case ASCII-first key: full pinyin syllables, then the initials, for sorting and searching."""
    from pypinyin import Style, lazy_pinyin  # its phrase dictionary takes 0.1 s to load: only when needed

    syllables = [s.lower() for s in lazy_pinyin(name or "", style=Style.NORMAL, errors="default")]
    full = "".join(s for s in syllables if not s.isspace()).replace(" ", "")
    initials = "".join(s[0] for s in syllables if s.strip())
    return f"{full} {initials}".strip()[:255]


def slug_suggestion(name: str, max_length: int = 60) -> str:
    """A URL slug from a name: Chinese in pinyin, words joined by hyphens (国电智慧能源 → guo-dian-zhi-hui-neng-yuan)."""
    from django.utils.text import slugify
    from pypinyin import Style, lazy_pinyin

    words = [w for w in lazy_pinyin(name or "", style=Style.NORMAL, errors="default") if w.strip()]
    return slugify(" ".join(words))[:max_length].strip("-")
