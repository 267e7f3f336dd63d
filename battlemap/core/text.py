"""Sort and search keys for names: Chinese characters become pinyin so 张伟 sorts under Z and is found by 'zhangwei'."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Collection, Iterable
from typing import TypeVar

T = TypeVar("T")

# The longest multi-line text kept (notes, plans, documents, summaries): the models refuse more
# (core.models.Versioned), the web forms and the API schemas read the same limit (core.models.text_limit).
TEXT_MAX = 20_000


def name_key(name: str) -> str:
    """A lower-case ASCII-first key: full pinyin syllables, then the initials, for sorting and searching.
    Full-width forms read as half-width (NFKC: `ＡＩＳＨＡ　ｋｈａｎ` keys as `Aisha Khan` does)."""
    from pypinyin import Style, lazy_pinyin  # its phrase dictionary takes 0.1 s to load: only when needed

    text = unicodedata.normalize("NFKC", name or "")
    syllables = [s.lower() for s in lazy_pinyin(text, style=Style.NORMAL, errors="default")]
    full = "".join(s for s in syllables if not s.isspace()).replace(" ", "")
    initials = "".join(s[0] for s in syllables if s.strip())
    return f"{full} {initials}".strip()[:255]


# A word of a name read for its sound: letters or digits; spaces, hyphens, apostrophes, dots, brackets end one
_WORD = re.compile(r"[^\W_]+")


def pinyin_words(text: str) -> list[str]:
    """The words of a name (a person's, a company's) read for their sound, lower-case: Chinese characters in pinyin
    without tones, a syllable a word (王建国 → wang jian guo, 华东 Energy → hua dong energy), words ending at anything
    but a letter or digit (`Mary-Jane O'Brien` → mary jane o brien, `jane.doe` → jane doe), which is left out. The
    one reading of a name's sound: a romanisation beside a name (`io.matching`), two names of one person
    (`io.same_person`), a signature's mailbox and company (`io.paste.signature`), a training case's names."""
    if text.isascii():
        return _WORD.findall(text.casefold())
    from pypinyin import Style, lazy_pinyin  # its phrase dictionary takes 0.1 s to load: only when needed

    return [w for part in lazy_pinyin(text, style=Style.NORMAL) for w in _WORD.findall(part.casefold())]


def pinyin_spellings(text: str) -> frozenset[str]:
    """A name's `pinyin_words` run together in each order its family name can take: as written, the first word last
    (王建国 → jianguowang), the last word first (`Jianguo Wang` → wangjianguo), the first two last (a compound
    family name: 欧阳娜娜 → nanaouyang). Two names share one when they sound the same (`王建国` and `Jianguo Wang`,
    `Wang Jianguo`, `Jian Guo Wang`); none for a name with no letters."""
    words = pinyin_words(text)
    if not words:
        return frozenset()
    orders = [words, words[1:] + words[:1], words[-1:] + words[:-1]]
    if len(words) > 2:
        orders.append(words[2:] + words[:2])
    return frozenset("".join(order) for order in orders)


def in_name_order(items: Iterable[T], name: Callable[[T], str] | None = None) -> list[T]:
    """`items` in the order every list of names keeps (the people lists sort by the stored `name_key`):
    by `name_key` (pinyin, so 党委 comes before 信息中心 and 医务处), then by the name itself; `name`
    reads an item's name (default: its `.name`)."""
    read = name or (lambda item: item.name)  # type: ignore[attr-defined]
    return sorted(items, key=lambda item: (name_key(read(item)), read(item)))


# A company's legal form at the end of its name, left out of the slug made from it (most customers carry one):
# 深圳市智慧交通集团有限公司 → shen-zhen-shi-zhi-hui-jiao-tong, not …-ji-tuan-you-xian-gong-si (56 characters).
_LEGAL_FORM = re.compile(
    r"(?:\s*(?:股份有限公司|有限责任公司|有限公司|股份公司|集团公司|集团|公司)"
    r"|[\s,，]+(?:co\.?,?\s*ltd\.?|ltd\.?|limited|inc\.?|llc|corp\.?|corporation|gmbh|plc|ag|s\.a\.))$",
    re.IGNORECASE,
)


def without_legal_form(name: str) -> str:
    """A company's name without its legal form (`_LEGAL_FORM`: 有限公司, 集团, Co., Ltd., Inc.…, one after another),
    unless nothing else is left: 华东省能源投资集团有限公司 → 华东省能源投资. The slug and the same-name check read it."""
    name = (name or "").strip()
    for _form in range(_LEGAL_FORMS_MAX):
        shorter = _LEGAL_FORM.sub("", name).strip()
        if not shorter or shorter == name:
            break
        name = shorter
    return name


_LEGAL_FORMS_MAX = 4  # 集团 + 股份有限公司 at most, in practice; bounds the work on a hostile name


def slug_suggestion(name: str, max_length: int = 60) -> str:
    """A URL slug from a name: Chinese in pinyin, words joined by hyphens (国电智慧能源 → guo-dian-zhi-hui-neng-yuan),
    its legal form left out (`_LEGAL_FORM`: 有限公司, 集团, Co., Ltd., Inc.…) unless nothing else is left; at most
    `max_length` characters, cut after a whole word (…-gong-si, not …-gong-s; a single word longer than that is cut)."""
    from django.utils.text import slugify
    from pypinyin import Style, lazy_pinyin

    words = [
        w for w in lazy_pinyin(without_legal_form(name), style=Style.NORMAL, errors="default") if w.strip()
    ]
    slug = slugify(" ".join(words))
    if len(slug) > max_length:
        head = slug[: max_length + 1]  # a hyphen just past the limit ends a whole word at it
        slug = head.rsplit("-", 1)[0] if "-" in head.strip("-") else slug[:max_length]
    return slug.strip("-")


def free_slug(name: str, *, among, reserved: Collection[str] = ()) -> str:
    """A slug suggested for a new row called `name` (`slug_suggestion`: pinyin for Chinese) that no row of
    `among` (a queryset or manager of a model with a `slug`) and nothing in `reserved` uses yet (a number
    added when needed: `east-2`); empty when the name gives none. New accounts and new teams use it."""
    base = slug_suggestion(name)
    if not base:
        return ""
    taken = set(among.filter(slug__startswith=base).values_list("slug", flat=True)) | set(reserved)
    candidate, n = base, 1
    while candidate in taken:
        n += 1
        candidate = f"{base}-{n}"
    return candidate


# Characters XML 1.0 cannot hold (C0 controls but tab and line breaks, surrogates, U+FFFE/U+FFFF) and the
# C1 controls and Unicode non-characters: junk in a name or a note, and the end of an XLSX or PPTX export.
_NOT_TEXT = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]")
# Line breaks written otherwise than "\n": Windows' CR LF (a Salesforce Description, a form's textarea), the old
# Mac's lone CR, Excel's in-cell break (\x0b), form feed, NEL, the Unicode line and paragraph separators.
_BREAKS = str.maketrans(
    {"\r": "\n", "\x0b": "\n", "\x0c": "\n", "\x85": "\n", "\u2028": "\n", "\u2029": "\n"}
)


def clean_control(text: str) -> str:
    """`text` without control characters, its lines ended by "\\n": CR LF and a lone CR, Excel's line
    break `\\x0b` (and \\x0c, NEL, U+2028, U+2029) become a newline, other C0/C1 controls, surrogates and
    non-characters (U+FFFE, U+FFFF, U+FDD0…) go. Tab and newline stay. Bidi embeddings, overrides and
    isolates (U+202A–U+202E, U+2066–U+2069) stay only where each is closed again within its line: an
    unclosed one (a name `Evil\\u202eRLO`) would reverse the page text after it, and goes. Text without any
    comes back as it is (one regex search)."""
    if not has_control(text):
        return text
    text = _NOT_TEXT.sub("", text.replace("\r\n", "\n").translate(_BREAKS))
    return _paired_bidi(text) if _BIDI.search(text) else text


# Bidi formatting characters: embeddings and overrides (LRE RLE PDF LRO RLO) and isolates (LRI RLI FSI PDI).
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")
_PDF, _PDI = "\u202c", "\u2069"


def _paired_bidi(text: str) -> str:
    """`text` keeping a bidi opener only with its closer later on the same line (PDF closes an embedding
    or override, PDI an isolate; a PDI also closes the embeddings opened inside its isolate), and a
    closer only with its opener: what is left cannot spill its direction past the text."""
    keep = [True] * len(text)
    opened: list[int] = []  # positions of the openers not closed yet, innermost last

    def drop_open() -> None:
        for i in opened:
            keep[i] = False
        opened.clear()

    for i, ch in enumerate(text):
        if ch in "\n\r":
            drop_open()  # a line (a paragraph to the bidi algorithm) ends every embedding
        elif ch == _PDF:
            if opened and text[opened[-1]] in "\u202a\u202b\u202d\u202e":
                opened.pop()
            else:
                keep[i] = False
        elif ch == _PDI:
            isolates = [k for k, j in enumerate(opened) if text[j] in "\u2066\u2067\u2068"]
            if isolates:
                for j in opened[isolates[-1] + 1 :]:
                    keep[j] = False  # embeddings left open inside the isolate
                del opened[isolates[-1] :]
            else:
                keep[i] = False
        elif "\u202a" <= ch <= "\u202e" or "\u2066" <= ch <= "\u2068":
            opened.append(i)
    drop_open()
    return "".join(ch for ch, kept in zip(text, keep, strict=True) if kept)


_ANY = re.compile(_NOT_TEXT.pattern[:-1] + "\r\x0b\x0c\x85\u2028\u2029\u202a-\u202e\u2066-\u2069]")
# What breaks a line or jumps a column: in a one-line field it is one space (with the spaces around it).
_BREAK = re.compile(r"\s*[\t\n\r\x0b\x0c\x85\u2028\u2029]\s*")
_ANY_LINE = re.compile(_ANY.pattern[:-1] + "\t\n\r\u2028\u2029]")


def has_control(text: str, *, one_line: bool = False) -> bool:
    """Whether `clean_control` (with `one_line`: `clean_line`) would change `text`."""
    return (_ANY_LINE if one_line else _ANY).search(text) is not None


def clean_line(text: str) -> str:
    """`clean_control` for a one-line field (a name, a title, a slug…): a line break (CR, LF, CRLF, the
    Unicode line and paragraph separators, Excel's `\\x0b`) or a tab, with the spaces around it, becomes
    one space, and the text is trimmed of white space and zero-width characters at both ends (`_EDGE`):
    `"Evil\\r\\nX: 1"` → `"Evil X: 1"`, `" \\u200b "` → `""`. A name on two lines would break a PDF
    title and show as `_x000D_` in PPTX and XLSX."""
    if has_control(text, one_line=True):
        text = clean_control(_BREAK.sub(" ", text))
    return text.strip(_EDGE)


def clean_lines(text: str) -> str:
    """`clean_control` for a multi-line field (notes, an action item's text…): its lines kept as typed, but a
    text of white space and zero-width characters alone is empty (`"   "` → `""`), and refused as such where
    the field is required — an action item of three spaces showed as an empty row."""
    text = clean_control(text)
    return text if text.strip(_EDGE) else ""


# Trimmed from both ends of a one-line field: white space (the ideographic space too) and the invisible
# zero-width characters, so that a name of spaces or of U+200B alone is empty, and refused as such.
_EDGE = "".join(chr(c) for c in range(0x110000) if chr(c).isspace()) + "\u200b\u200c\u200d\u2060\ufeff"


def is_cjk(ch: str) -> bool:
    """Whether `ch` is a Chinese character (CJK unified ideographs and extension A)."""
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf"


def _has_cjk(text: str) -> bool:
    return any(is_cjk(ch) for ch in text)


def person_name_of(first: str, last: str, username: str = "") -> str:
    """A person's name from its given and family name (a user's; the First name and Last name, 名 and 姓, of a
    file): family name first and no space when the parts are Chinese (李 + 丽 → 李丽), `First Last` otherwise —
    a Latin given name with a Chinese family name too (Kevin + 黄 → `Kevin 黄`, as Outlook shows such a contact;
    it was `黄Kevin`, and `io.matching.match_name` keys either order alike); the username when there is no name.
    Django's get_full_name always writes `first last` ("丽 李")."""
    first, last = (first or "").strip(), (last or "").strip()
    if not (first or last):
        return username or ""
    parts = [t for t in (first, last) if t]
    if all(_has_cjk(t) and not _LATIN.search(t) for t in parts):
        return f"{last}{first}"
    return " ".join(parts)


_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")


# The author history records for what the `battlemap` command writes without --user (core.cli.DataCommand): a user
# no one can log in as, and no login can be named (a username never holds a colon). Shown as `command_line`.
CLI_USERNAME = "battlemap:command-line"


def command_line() -> str:
    """How the command line is named where a user would be (who wrote, who asked for a job): "command line"
    in the reader's language (`user_name` of CLI_USERNAME; `battlemap jobs` for a task queued without --user)."""
    from django.utils.translation import gettext

    return gettext("command line")


def user_name(user) -> str:
    """The one way a user is shown (`person_name_of` of their first and last name, else their
    username); "" for no user; the command line's author (CLI_USERNAME) as "command line" in the reader's
    language. Templates: the `user_name` filter (core.templatetags.users)."""
    if user is None:
        return ""
    if user.get_username() == CLI_USERNAME:
        return command_line()
    return person_name_of(
        getattr(user, "first_name", ""), getattr(user, "last_name", ""), user.get_username()
    )


def colleague_label(user) -> str:
    """A colleague as every list of people on our side shows them: `user_name`, marked when deactivated —
    "dave (deactivated)", "dave（已停用）" — in the forms that keep such a colleague (an item's owner, a
    cover), where the deal room and a person's page list them at work (an item's owner, who covers a stakeholder)
    and wherever an account's owner is shown (pipeline, portfolio, their owner filters, This week):
    a seller who left is not taken for one at work. "" for no user. Templates: the `colleague_label` filter
    (core.templatetags.users)."""
    if user is None or user.is_active:
        return user_name(user)
    from django.utils.translation import gettext

    return gettext("%(name)s (deactivated)") % {"name": user_name(user)}
