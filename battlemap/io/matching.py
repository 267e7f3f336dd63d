"""Text to the keys people and records are matched on, and the cleaning of every stored name — one place
for every match (import, ingest, paste, competitor names): two names match on `match_name`, e-mails on
`email_key`, phones on `io.phones.phone_key`, record ids on `id_key`, departments on `department_key` (companies on
`io.company_names.company_key`); every stored name goes through `clean_name`.

Pure (no Django). The text itself is tidied before, in `battlemap.io.cleaning` (`clean_text`, `tidy_text`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from functools import cache
from typing import Any, TypeVar

from battlemap.core.text import pinyin_spellings
from battlemap.io.cleaning import clean_text, tidy_text
from battlemap.io.profile_names import without_profile_additions

T = TypeVar("T")

# One space between two Chinese characters: only layout (`张 伟` is 张伟; a business card's OCR `信 息 中 心`)
HAN_SPACE = re.compile(r"(?<=[\u3400-\u9fff]) (?=[\u3400-\u9fff])")
# The separator dot of transcribed names (阿不都·热合曼) is typed as many dots: all are the middle dot.
_NAME_DOT = re.compile(r"(?<=[\u3400-\u9fff])\s*[.·•‧・∙⋅]\s*(?=[\u3400-\u9fff])")


# A space that is only layout in a department's name: beside a Chinese character or a bracket (after NFKC, which
# makes （） half-width) — `信息中心 (北京)`, a cell's Alt+Enter `信息中心⏎（北京）`, `信息 中心` are `信息中心(北京)`.
_LAYOUT_SPACE = re.compile(
    r" (?=[\u3400-\u9fff\uf900-\ufaff()\[\]【】〔〕《》「」])|(?<=[\u3400-\u9fff\uf900-\ufaff()\[\]【】〔〕《》「」]) "
)


def department_key(name: str) -> str:
    """The key departments (org units) are matched on, everywhere one is looked up by name (import, the person
    form's new department, paste): `clean_text` (full width as half width, spaces and line breaks collapsed) with
    no space beside a Chinese character or a bracket (`_LAYOUT_SPACE`). `Sales  Dept` is `Sales Dept`; `Sales
    Dept` and `SalesDept` stay two."""
    return _LAYOUT_SPACE.sub("", clean_text(name))


def clean_name(value: str, *, person: bool = True) -> str:
    """A person's name as stored: `tidy_text` (full-width Latin letters and digits half-width, full-width
    punctuation kept: `分管副总经理（待确认）`), no space between two Chinese characters (`张　伟` → 张伟),
    one middle dot between the parts of a transcribed name (`阿不都•热合曼` → 阿不都·热合曼), no courtesy
    word (`without_honorific`: 张伟先生 → 张伟) and no romanisation in brackets (`张伟 (Zhang Wei)` → 张伟), on every road a name comes by: form, paste, meeting, API, file.
    `person=False`: a company's name (a competitor), whose "Dr." or "Mr" is part of it (Dr. Oetker, Mr Price)."""
    text = tidy_text(value)
    return _joined_name(_person_part(text) if person else text)


# A Chinese name with its romanisation in brackets, as Outlook and CRM exports show colleagues: `张伟 (Zhang Wei)`,
# `李娜（Li Na）` — the person is 张伟 (a mail trial: the bracket was kept, and 张伟 on the map was not matched).
_ROMANISED = re.compile(r"^([\u3400-\u9fff·]{2,8})\s*[(（]\s*[A-Za-z][A-Za-z .'’-]*\s*[)）]$")


# The same, the romanisation beside the name without brackets, before or after it: `Lei Zhao 赵磊`, `赵磊 Zhao Lei`
_HAN_THEN_LATIN = re.compile(r"^([\u3400-\u9fff·]{2,8})\s*([A-Za-z][A-Za-z .'’-]*)$")
_LATIN_THEN_HAN = re.compile(r"^([A-Za-z][A-Za-z .'’-]*?)\s*([\u3400-\u9fff·]{2,8})$")


def _person_part(text: str) -> str:
    """A person's name without a courtesy word (`without_honorific`) or its romanisation, in brackets or beside it:
    it goes only when it is the name's own pinyin, either order (`张伟 (Zhang Wei)`, `张伟（Wei Zhang）`, `Lei Zhao
    赵磊` — a reviewer's file made a second 赵磊 so); anything else is kept — `张伟 (IT)`, `张伟 (David)`, `刘洋
    (Sales)` tell two people apart (a fresh reviewer: they had been dropped, and two people merged), `Kevin Huang
    黄凯` is his English name (the import says a row so named may be the map's 黄凯: `same_name_parts`)."""
    text = without_profile_additions(text.strip())
    if (found := _ROMANISED.match(text)) and _is_pinyin_of(found[1], found[0][len(found[1]) :]):
        text = found[1]
    elif (found := _HAN_THEN_LATIN.match(text)) and _is_pinyin_of(found[1], found[2]):
        text = found[1]
    elif (found := _LATIN_THEN_HAN.match(text)) and _is_pinyin_of(found[2], found[1]):
        text = found[2]
    return without_honorific(text)


def _is_pinyin_of(han: str, bracket: str) -> bool:
    """Whether `bracket` is the Chinese name `han` in pinyin, either order (`core.text.pinyin_spellings`)."""
    return bool(pinyin_spellings(without_honorific(han)) & pinyin_spellings(bracket))


def without_honorific(text: str) -> str:
    """The name without the courtesy word a hand-kept note adds: `张伟 先生` / `李娜女士` / `王芳小姐` → 张伟 / 李娜 /
    王芳 (a full Chinese name of two or more characters before it: 张先生 or 欧阳先生, a surname alone, stays as
    written — it is all the seller knows), `Dr. John Smith` / `Mr John Smith` → John Smith (`Mr Li` stays). A new user's trial: the file
    import dropped them, the person form, paste and meeting forms did not, and 张伟先生 became a second 张伟."""
    text = without_profile_additions(text.strip())
    if bracket := _HONORIFIC_BRACKET.search(text):
        # `张伟（女士）`, `John Smith (Mr)`: as 张伟女士 and Mr John Smith are; 张（先生）, a surname alone, stays as written
        name, word = text[: bracket.start()].strip(), bracket["word"]
        written = f"{word} {name}" if word.isascii() else f"{name}{word}"
        bare = without_honorific(written)
        return bare if bare != written else text
    if found := _HONORIFIC_AFTER.match(text):
        # 欧阳先生 is a compound surname alone, as 张先生 is a surname: kept as written (a fresh reviewer)
        return text if found[1] in COMPOUND_SURNAMES else found[1]
    bare = _HONORIFIC_BEFORE.sub("", text)
    # Mr Li, Prof Zhang: a surname alone, kept as written; Dr. John Smith is John Smith
    return bare if len(bare.split()) >= 2 else text


def _joined_name(text: str) -> str:
    if text.isascii():
        return text
    if " " in text:
        text = HAN_SPACE.sub("", text)
    return _NAME_DOT.sub("·", text)


_HONORIFIC_AFTER = re.compile(r"^([\u3400-\u9fff·]{2,6})\s*(?:先生|女士|小姐)$")
# The Chinese compound surnames (复姓) in use: one alone before 先生/女士 is a surname, not a full name
COMPOUND_SURNAMES = frozenset(
    "欧阳 司马 上官 诸葛 东方 皇甫 尉迟 公孙 慕容 令狐 夏侯 长孙 宇文 司徒 司空 轩辕 端木 南宫 西门 独孤 百里 呼延 "
    "澹台 公冶 太史 申屠 闻人 万俟 拓跋 钟离".split()
)
# A courtesy word in brackets after a name, as a member list or a contact card shows it: `张伟（女士）`, `Jane Doe (Ms.)`
_HONORIFIC_BRACKET = re.compile(
    r"\s*[（(]\s*(?P<word>先生|女士|小姐|dr|mr|mrs|ms|miss|prof)\.?\s*[)）]$", re.IGNORECASE
)
_HONORIFIC_BEFORE = re.compile(r"^(?:dr|mr|mrs|ms|miss|prof)\.?\s+(?=\S)", re.IGNORECASE)


def match_name(value: str, *, person: bool = True) -> str:
    """The key two names match on: `clean_name` after NFKC (full-width punctuation as half-width), case-folded,
    commas as spaces ("Lay, Kenneth" ≠ reordered); a person's name of Chinese characters and Latin words is
    keyed Chinese first, each script's parts in their order — `Kevin 黄` (Outlook's 名 Kevin, 姓 黄:
    `core.text.person_name_of`), `黄 Kevin` and `黄Kevin`, as it was stored before, are one person.

    Not `core.text.name_key`, the pinyin key names are sorted and searched by. A run of spaces counts as one before
    anything is read: the readers of profile additions took time growing with its square (`Stone,` + 8,000 spaces +
    `Oliver`, a manager cell: 0.9 s; a spreadsheet cell of 32,767 spaces, 16 s)."""
    value = " ".join(value.split())
    text = clean_text((without_profile_additions(value) if person else value).replace(",", " "))
    if not person:
        return _joined_name(text).casefold()
    key = _joined_name(_person_part(text)).casefold()
    if (
        not key.isascii()
        and _HAN.search(key)
        and _LETTER.search(key)
        and not _SCRIPT_PARTS.sub("", key).strip()
    ):
        parts = _SCRIPT_PARTS.findall(key)
        key = " ".join([p for p in parts if _HAN.match(p)] + [p for p in parts if not _HAN.match(p)])
    return key


# The parts of a name in Chinese characters or Latin letters: a name that is nothing else (no bracket, digit or
# other sign) is keyed by them (`match_name`)
_SCRIPT_PARTS = re.compile(r"[\u3400-\u9fff·]+|[^\W\d_\u3400-\u9fff]+(?:['’.-][^\W\d_\u3400-\u9fff]*)*")
_LETTER = re.compile(r"[^\W\d_\u3400-\u9fff]")


_HAN_PART = re.compile(r"^[\u3400-\u9fff\uf900-\ufaff·]+$")


def given_name_first(value: str) -> str | None:
    """A Chinese name written given name first, as Salesforce shows "First Last" ("建国 王", a Reports To
    cell), in the family-first order it is stored in ("王建国"); None for anything else. Matched only when the
    name as written matches nobody (io.tabular.reporting_lines; a person's own name cell:
    io.tabular.person_match.match_people)."""
    parts = clean_text(value).split(" ")
    if len(parts) == 2 and all(_HAN_PART.match(p) for p in parts):
        return parts[1] + parts[0]
    return None


# Outlook's "File As" form of a name, last name first after a comma: `Stone, Oliver`, `Zhang, Wei`
LAST_FIRST = re.compile(r"^([^,，]+)[,，]\s*([^,，]+)$")


def last_name_first(value: str) -> str | None:
    """A name written Outlook's "File As" way, last name, comma, given names ("Stone, Oliver", a Manager's Name
    cell), in the order people's names are stored ("Oliver Stone"); None for anything else. A manager cell is
    read in either order (io.tabular.reporting_lines)."""
    found = LAST_FIRST.match(clean_text(value))
    return f"{found[2].strip()} {found[1].strip()}" if found else None


def name_orders(value: str) -> list[str]:
    """The keys (`match_name`) a name as written finds people by, the people of any of them counted together (one
    is that person, several are asked, never one picked): the name, and, written last name first after a comma
    ("Stone, Oliver"), in the stored order too (`last_name_first`) — the map may hold either (a mail's "Zhang, Wei"
    is stored as Zhang Wei). The one rule of a manager cell (io.tabular.reporting_lines) and a mail display name
    (mail.selectors.people.PersonIndex)."""
    keys = [match_name(value)]
    if (turned := last_name_first(value)) is not None:
        keys.append(match_name(turned))
    return list(dict.fromkeys(k for k in keys if k))


# a name of two words in Latin letters alone, no comma: "Stone Oliver"
_TWO_LATIN_WORDS = re.compile(r"^([^\W\d_\u3400-\u9fff]+)\s+([^\W\d_\u3400-\u9fff]+)$")


def other_order(value: str) -> str | None:
    """A name of two words in Latin letters in the other order ("Stone Oliver" → "Oliver Stone"), None for any
    other: the form a mail's "Stone, Oliver" is read as a name in (`io.names.display_name`, comma dropped), so the
    name a suggestion or the inference carries finds the person its mail header found (`PersonIndex`)."""
    found = _TWO_LATIN_WORDS.match(clean_text(value))
    return f"{found[2]} {found[1]}" if found else None


def names_by_key(names: Iterable[str]) -> dict[str, str]:
    """{match key: the first spelling, cleaned} over `names`, in order; blanks dropped — the one rule for a
    list of names, each once (a deal's competitors: "华为云" and "华为云 " are one, so are "ＩＢＭ" and "IBM")."""
    out: dict[str, str] = {}
    for name in names:
        shown = clean_name(name or "", person=False)  # companies: "Dr. Oetker" keeps its "Dr."
        if shown:
            out.setdefault(match_name(shown, person=False), shown)
    return out


def person_keys(name: str, email: str = "") -> set[str]:
    """What a person is recognised by when a new one is added by hand or pasted: their name as names
    match (`match_name`) and their e-mail (`email_key`); two people share a key → likely the same."""
    found = {("name", match_name(name)), ("email", email_key(email))}
    return {f"{kind}:{key}" for kind, key in found if key}


def email_stored(value: str) -> str:
    """An e-mail as a person's record stores it, on every road: NFKC (＠ → @, full-width letters half-width),
    trimmed, lower case. Unlike `email_key` a space inside stays, so that `li ming@x.cn` is refused as no address
    rather than stored as another one (a fresh reviewer)."""
    return clean_text(value).lower()


def email_key(value: str) -> str:
    """The key two e-mail addresses match on: the stored form (`email_stored`: NFKC, ＠ → @, trimmed, lower case)
    without spaces."""
    return email_stored(value).replace(" ", "")


def emails_differ(a: str, b: str) -> bool:
    """Whether two e-mails are surely two people's: both given and another by `email_key` — then a name they
    share does not make them one person (the people import's rule, `io.tabular.namesakes.differs`; the ingest's
    `PersonIndex.match`)."""
    return bool(a and b) and email_key(a) != email_key(b)


def repeats(items: Iterable[tuple[T, str]], key: Callable[[str], str]) -> Iterator[tuple[T, str, T]]:
    """The one rule for a value two records of one file share (an e-mail by `email_key`, a CRM id by `id_key`):
    for each (record, value) whose key an earlier record has, (record, value, that earlier record); empty
    values are nobody's. Two people of one file with one e-mail would fight over one person when mail or a
    later import matches them: the people import and the map import refuse them."""
    seen: dict[str, T] = {}
    for item, value in items:
        k = key(value) if value else ""
        if not k:
            continue
        if k in seen:
            yield item, value, seen[k]
        else:
            seen[k] = item


_SF_ID = re.compile(r"^[a-zA-Z0-9]{15}([A-Z0-5]{3})?$")
_SF_SUFFIX = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345"


def _sf_suffix(id15: str) -> str:
    """Salesforce's three check characters: for each block of five, the bits of its upper-case letters."""
    out = ""
    for block in range(3):
        chunk = id15[block * 5 : block * 5 + 5]
        out += _SF_SUFFIX[sum(1 << i for i, ch in enumerate(chunk) if "A" <= ch <= "Z")]
    return out


def _sf_cased(id18: str) -> str | None:
    """The 15-character id an 18-character Salesforce id stands for, its letters' case restored from its check
    characters — the 18-character form exists to survive case-folding (Excel, a lower-cased export: a fresh
    reviewer's `003d000000qyk9hiaf` found nothing); None when `id18` is no such id."""
    # only a folded one (all lower or all upper case: a mixed case that failed the check is no Salesforce id) of a
    # standard object (key prefix 0…: 003 contact, 00Q lead, 001 account) — any other 18 characters stay as they are
    folded = id18.islower() or id18.isupper() or id18.isdigit()
    if len(id18) != 18 or not id18.isascii() or not id18.isalnum() or not folded or id18[0] != "0":
        return None
    letters = []
    for block in range(3):
        code = _SF_SUFFIX.find(id18[15 + block].upper())
        if code < 0:
            return None
        for i, ch in enumerate(id18[block * 5 : block * 5 + 5]):
            upper = bool(code >> i & 1)
            if upper and not ch.isalpha():
                return None
            letters.append(ch.upper() if upper else ch.lower())
    return "".join(letters)


def id_key(value: str) -> str:
    """The key two record ids match on: half-width and trimmed; a Salesforce id in its 18-character form
    (case-safe, three check characters, in any case) is the same id as its 15-character form, so both give the 15; a GUID
    (Dynamics 365's `(Do Not Modify) Contact`) in any letter case, with or without braces, is one id; a number
    written as a float (`502.0`: pandas, or a sheet's number cell, wrote HubSpot's Record ID 502 so) is the
    number (a trial's re-imports of both made second people); an id of digits only is the number, its leading
    zeros aside — Excel reads a 工号 `0001` as the number 1 and saves it so (a reviewer's re-import of a DingTalk
    roster saved by Excel added everyone again); `A001` and `A1`, not all digits, stay two ids."""
    text = clean_text(value)
    m = _SF_ID.match(text)
    if m and m.group(1) and _sf_suffix(text[:15]) == m.group(1):
        return text[:15]
    if (cased := _sf_cased(text)) is not None and _GUID.match(text) is None:
        return cased
    if _GUID.match(text):
        return text.strip("{}").lower()
    if _FLOAT_ZERO.match(text):
        text = text.split(".")[0]
    if _DIGITS.match(text):
        return text.lstrip("0") or "0"
    return text


_GUID = re.compile(r"^\{?[0-9a-fA-F]{8}(?:-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}\}?$")
_FLOAT_ZERO = re.compile(r"^\d+\.0+$")
_DIGITS = re.compile(r"^[0-9]+$")


_HAN = re.compile(r"[\u3400-\u9fff]")


_NAME_PARTS = re.compile(r"[\u3400-\u9fff·]+|[^\W\d_]+(?:['’.-][^\W\d_]+)*", re.UNICODE)


def _name_parts(name: str) -> set[str]:
    """A name's words (Latin, case-folded) and runs of Chinese characters: `Kevin Huang 黄凯` → kevin, huang,
    黄凯."""
    return {part.casefold() for part in _NAME_PARTS.findall(clean_name(name))}


def name_within(short: str, long: str) -> bool:
    """Whether every word of one name is in the other: the bilingual `Kevin Huang 黄凯` holds 黄凯 and its
    English name Kevin (a WeCom alias)."""
    parts = _name_parts(short)
    return bool(parts) and parts <= _name_parts(long)


def chinese_name_parts(name: str) -> set[str]:
    """The runs of Chinese characters of a name's words (`_name_parts`): `王建明 (Jimmy)` → 王建明, `曹雪Snow` → 曹雪."""
    return {part for part in _name_parts(name) if _HAN.search(part)}


def same_name_parts(a: str, b: str) -> bool:
    """Whether two names of another `match_name` share a run of Chinese characters and every word of one is in
    the other (`name_within`, the rule `io.same_person.same_person_name` reads): `王建明 (Jimmy)`, `曹雪Snow`, `Kevin 赵磊` and
    王建明, 曹雪, 赵磊 — perhaps one person with an English name added, perhaps two (`张伟 (David)` and 张伟): the
    people import warns, never merges."""
    if match_name(a) == match_name(b) or not chinese_name_parts(a) & chinese_name_parts(b):
        return False
    return name_within(a, b) or name_within(b, a)


@cache
def _to_simplified() -> Any:
    from opencc import OpenCC  # its tables load on first use only

    return OpenCC("t2s")


def simplified(text: str) -> str:
    """`text` with traditional Chinese characters written in simplified (OpenCC t2s: 東方電力 → 东方电力); other
    text as it is."""
    return _to_simplified().convert(text) if not text.isascii() else text
