"""Punctuation as a reader of the language writes it — the one rule for every surface (pages through
`core/templatetags/punct.py`, the exports through `io.labels`, the analysis' reports through
`analysis.i18n`): a list of names or labels (张三、李四 / Alice, Bob), a label and its value
(影响力得分：79 / Influence score: 79), an aside in brackets (冯晓东（已离职） / Peter Novak (left)) and sentences
one after another (已导入。新增 3 条建议。 / Ingested. 3 new suggestions.).
Pure Python, no Django; `lang` is anything `vocab.normalize_language` accepts."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable

from battlemap.vocab import normalize_language

FSI, PDI = "\u2068", "\u2069"  # first-strong isolate … pop directional isolate (Unicode bidi)


def isolate(name: object) -> str:
    """A user-typed name (person, deal, account) set in a sentence, kept apart from the text around it: when it
    holds right-to-left letters (Arabic, Hebrew), wrapped in FSI … PDI, so it takes its own direction and
    neither pulls in what follows ("صفقة" before "没有待办的下一步", a date after "شركة النور" read reversed)
    nor is pulled in; any other name as it is. Browsers, LibreOffice and PowerPoint honour the isolate;
    the PDF and PNG draw it apart (io/export/scripts.py)."""
    text = str(name)
    if not any(unicodedata.bidirectional(ch) in ("R", "AL") for ch in text):
        return text
    return f"{FSI}{text}{PDI}"


def list_separator(lang: str) -> str:
    """What goes between two names or labels of a list in `lang`: 、 / ", "."""
    return "、" if normalize_language(lang) == "zh_Hans" else ", "


def join_names(lang: str, names: Iterable[str]) -> str:
    """A list of names as a reader of `lang` writes it: 张三、李四 / Alice, Bob."""
    return list_separator(lang).join(isolate(name) for name in names)


def colon(lang: str) -> str:
    """What joins a label to its value in `lang`: 采购角色：决策者 (full width, no space) / Roles: decision maker."""
    return "：" if normalize_language(lang) == "zh_Hans" else ": "


def labelled(lang: str, label: str, value: object) -> str:
    """A label and its value as one line of text: "影响力得分：79" / "Influence score: 79"."""
    return f"{label}{colon(lang)}{value}"


def clauses(lang: str, parts: Iterable[str]) -> str:
    """Clauses of one line, each a fact of its own: "决策风格：分析型；需求：高" / "decision style: analytical;
    needs: high"."""
    return ("；" if normalize_language(lang) == "zh_Hans" else "; ").join(parts)


def aside(lang: str, text: object) -> str:
    """An aside in brackets after what it explains: "（已离职）" in Chinese (full width, no space before),
    " (left)" in English."""
    return f"（{text}）" if normalize_language(lang) == "zh_Hans" else f" ({text})"


def sentences(parts: Iterable[str], *, read: Callable[[str], str] = str) -> str:
    """Sentences one after the other, as a reader of each writes them: a space after an English one, none after
    a Chinese full stop ("…作战地图上。已在邮件页…", not "…作战地图上。 已在邮件页…"). Empty parts are left
    out. By each sentence's own ending, not a language: a message may quote text of the other. `read`: the
    words of a part its ending is read from — a page's part is HTML, read without its tags (`{% sentences %}`,
    core/templatetags/punct.py)."""
    said = [str(part) for part in parts if str(part)]
    return "".join(
        part + ("" if read(part).endswith(SENTENCE_ENDS) or i == len(said) - 1 else " ")
        for i, part in enumerate(said)
    )


SENTENCE_ENDS = ("。", "！", "？", "；")  # a Chinese sentence's endings: no space after them


def sentence_separator(lang: str) -> str:
    """What goes between two sentences of `lang`, for a script that joins the server's messages (the org chart's
    data-sentence-sep): none in Chinese ("…不能汇报给自己。数据已被修改…"), a space in English — what
    `sentences` puts after a sentence ending as `lang` ends one."""
    stop = SENTENCE_ENDS[0] if normalize_language(lang) == "zh_Hans" else "."
    return sentences([stop, stop])[len(stop) : -len(stop)]


def with_id(lang: str, name: object, pk: object) -> str:
    """A record named with its id, as every message names a person the reader may open or send again by id:
    "王建国（id 47）" / "Wang Jianguo (id 47)" — "id" in both languages, as the pages and the API write it."""
    return isolate(name) + aside(lang, f"id {pk}")
