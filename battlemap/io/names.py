"""What a name cell or a mail display name says besides the name: the post in brackets or after a bar
(`王强（总经理）`, `Amy Wu - VP Sales`), a department (`刘建华(信息中心)`), a mark that the person left
(`王五（已离职）`), the forms mail programs write names in (`Zhang, Wei`, `王芳/信息中心/华东能源`). The name
itself is then cleaned and keyed by `io.matching` (`clean_name`, `match_name`).

Pure (no Django).
"""

from __future__ import annotations

import re

from battlemap.inference.titles import UNIT_WORDS_EN
from battlemap.io.matching import LAST_FIRST, clean_name, without_honorific

# An org unit (paste reads a cell as a department by it; a mail display name drops it in brackets):
# named as such, unlabelled: 科技互联网部, 总经理办公室, 信息中心, 二车间, "IT Department", "Procurement
# Dept." (a trial's signature line 科技互联网部 was saved as the person's organisation). Read after the title
# table, so "Head of IT Department" and 采购部经理 stay titles; 科 only after three characters (信息技术科, not
# the given name of 王东科).
UNIT = re.compile(
    r"^[\u4e00-\u9fff]{2,15}(?:部|处|室|中心|车间)$|^[\u4e00-\u9fff]{3,15}科$|\b(?:department|dept\.?)(?=\s|$)"
    rf"|\S\s+(?:{'|'.join(UNIT_WORDS_EN)})\.?$",  # the title table's unit words ending a cell: `IT Team`, `CEO Office`
    re.IGNORECASE,
)
# quotation marks around a name or a cell
QUOTES = "\"'“”‘’「」"
_NOTES_PART = re.compile(r"^CN=", re.IGNORECASE)
# a name and what follows it in brackets: `王强（总经理）`, `赵磊 (法务部)`
BRACKET_AFTER = re.compile(r"^(.+?)\s*[（(]\s*([^()（）]{1,40}?)\s*[)）]$")


def name_and_title(value: str) -> tuple[str, str]:
    """A name cell that also says the post or a courtesy word, as hand-kept lists write it: `王强（总经理）` →
    (王强, 总经理) when the bracket reads as a title (`inference.titles.read_title`; `张伟（北京）` stays whole),
    `张伟 先生` / `李娜女士` → (张伟, ""), `Dr. John Smith` → (John Smith, ""). Otherwise (value, ""). A trial's
    `张伟 先生` was stored as 张伟先生, and the manager cell 张伟 then found nobody."""
    from battlemap.inference.titles import read_title

    text = value.strip()
    if (found := BRACKET_AFTER.match(text)) and read_title(found[2]) is not None:
        return found[1].strip(), found[2]
    return without_honorific(text), ""


# What a hand-kept list writes after the name of someone who left (`王五（已离职）`, `Anna Lee (left)`)
LEFT_MARKS = frozenset(
    {
        "离职",
        "已离职",
        "退休",
        "已退休",
        "调离",
        "已调离",
        "离任",
        "已离任",
        "left",
        "former",
        "retired",
        "left the company",
    }
)


def name_and_left_mark(value: str) -> tuple[str, str]:
    """A name cell that says the person left, as a hand-kept list marks it: `王五（已离职）` → (王五, 已离职),
    `张三(退休)`, `Anna Lee (left)`; otherwise (value, ""). A reviewer's file stored `王五（已离职）` as an active
    person, whom a later file naming 王五 did not find."""
    found = BRACKET_AFTER.match(value.strip())
    if found and found[2].strip().casefold() in LEFT_MARKS:
        return found[1].strip(), found[2].strip()
    return value, ""


# A post or a department written after the name in a display name, as mail programs let people sign their
# address: "孙磊 | 采购部", "Amy Wu - VP Sales", "李娜 采购部部长" (a space after a Chinese name). Review h4 #5.
_AFTER_BAR = re.compile(r"^(.+?)\s*(?:[|｜]|\s[-–—]+\s)\s*(.+)$")
_AFTER_HAN_NAME = re.compile(r"^([\u3400-\u9fff·]{2,5})\s+(\S.*)$")


def display_name_and_title(value: str) -> tuple[str, str]:
    """A display name's name and the post written in it (`display_name`): `王强（总经理）`, `李娜 采购部部长`,
    `Amy Wu - VP Sales` → the post, read by `inference.titles.read_title`; a department after the name
    (`孙磊 | 采购部`, `张伟 - 信息中心`: `UNIT`) is left out of both. ("", "") when it names no one."""
    from battlemap.inference.titles import read_title

    text = value.strip().strip(QUOTES).strip()
    if "@" in text:
        return "", ""
    outside = BRACKET_AFTER.sub(r"\1", text)  # a "/" in the brackets (`王芳 (Beijing/Shanghai)`) is no path
    if "/" in outside and (parts := [p.strip() for p in text.split("/")]) and all(parts):
        text = _NOTES_PART.sub("", parts[0])
    if (found := BRACKET_AFTER.match(text)) and UNIT.search(found[2].strip()):
        text = found[1]
    text, title = name_and_title(text)
    for pattern in () if title else (_AFTER_BAR, _AFTER_HAN_NAME):
        if (found := pattern.match(without_honorific(text))) is None:
            continue
        after = found[2].strip()
        if read_title(after) is not None:
            text, title = found[1], after
            break
        if UNIT.search(after):
            text = found[1]
            break
    name = clean_name(text)
    found = LAST_FIRST.match(name)
    return (clean_name(f"{found[1].strip()} {found[2].strip()}") if found else name), title


def display_name(value: str) -> str:
    """A display name of a mail header or calendar attendee as a person's name (`clean_name`), "" when it names
    no one: the address itself (`"chen.ming@x.cn" <chen.ming@x.cn>`, quoted or not) is no name. Also read:
    Outlook's "Last, First" form ("Zhang, Wei") written without its comma and in the same order ("Zhang Wei") — the
    order `match_name` keys on, so the person matches "Zhang Wei" on the map or in a later import; a Lotus Notes
    hierarchical name (`王芳/信息中心/华东能源`, `CN=Wang Fang/OU=IT/O=Acme`) is its first part; a department in
    brackets after the name, as Outlook shows a colleague (`刘建华(信息中心)`, `Lei Zhang (IT Department)`: `UNIT`),
    and a post (`王强（总经理）`: `name_and_title`; `李娜 采购部部长`, `Amy Wu - VP Sales`, `孙磊 | 采购部`:
    `display_name_and_title`) are left out. A mail trial stored all four forms as people's names."""
    return display_name_and_title(value)[0]
