"""A meeting invite or a mail's addressees pasted (`"Name" <email>; Name <email>, bare@email`, Outlook's `必需:` /
`Optional:` fields, To/Cc): the lines that list them (`invite_lines`) and the people they name (`parse_invite`).
`battlemap.io.paste` reads a paste's invite lines with them. Pure Python, no Django.
"""

from __future__ import annotations

import re

from battlemap.io.names import BRACKET_AFTER, QUOTES

from .cells import EMAIL, INVITE_ENTRY, INVITE_ENTRY_SEMI, INVITE_LABEL, classify
from .found import Candidate, Unread

Cell = tuple[int, str]  # (1-based line number in the paste, the cell's text)


def parse_invite(lines: list[Cell], unread: list[Unread]) -> list[Candidate]:
    """`"Name" <email>; Name <email>, bare@email` on any number of lines, with Outlook's attendee fields
    (`必需:` / `Optional:`) and a mail's To/Cc labels taken off the names. What is left of a line that is no
    entry is listed in `unread`."""
    found = []
    for number, line in lines:
        rest = line
        entries = INVITE_ENTRY_SEMI if re.search("[;；]", line) else INVITE_ENTRY
        for m in entries.finditer(line):
            name, unit = _name_and_unit(_invite_name(m.group(1) or m.group(2) or ""))
            email = m.group(3)
            found.append(
                Candidate(
                    name=_tidy_name(name or email.split("@")[0]), email=email, source=m.group(0).strip()
                )
            )
            if unit:  # `赵磊 (法务部)`: where they work, not their name
                kind = "organisation" if classify(unit)[0] == "organisation" else "department"
                setattr(found[-1], kind, unit)
            found[-1].lines.append(number)
            rest = rest.replace(m.group(0), " ", 1)
        for email in EMAIL.findall(rest):
            found.append(Candidate(name=email.split("@")[0], email=email, source=email, lines=[number]))
            rest = rest.replace(email, " ", 1)
        rest = INVITE_LABEL.sub("", rest).strip(" \t;,；，、")
        if rest:
            unread.append(Unread(number, rest, "not_read"))
    return found


def invite_lines(block: list[Cell]) -> list[Cell]:
    """The lines of a block that list attendees or addressees (`必需: 王建国 <w@x.cn>; 李芳 <l@x.cn>`,
    `a@x.cn, b@x.cn`), read as such so a table or signature pasted beside them is still read line by line.
    A line with a field label (`必需:`, `Cc:`) is one wherever it stands; a lone `Name <email>` line or one of
    several e-mails only in a block of such lines: in a signature it is the signer's (`邮箱：a@x.cn / b@y.com`). E-mail
    addresses are counted, not "@": `王芳 | 采购总监 @ 华东能源 | wf@hd.cn` is one person's row."""

    def entries_only(line: str) -> bool:
        return bool(INVITE_ENTRY.search(line)) and not INVITE_ENTRY.sub("", line).strip(" \t;,；，、")

    if all(
        INVITE_LABEL.match(line) or len(EMAIL.findall(line)) > 1 or entries_only(line) for _, line in block
    ):
        return block
    return [(n, line) for n, line in block if INVITE_LABEL.match(line)]


def _invite_name(name: str) -> str:
    """`必需: 王建国` → 王建国, `Optional: 'Liu Yang'` → Liu Yang."""
    return INVITE_LABEL.sub("", name.strip()).strip().strip(QUOTES).strip()


def _name_and_unit(name: str) -> tuple[str, str]:
    """`赵磊 (法务部)`, `Lei Zhang (Legal)` → the name and the bracketed unit after it (Outlook shows a
    department or company so)."""
    found = BRACKET_AFTER.match(name)
    return (found[1].strip(), found[2]) if found else (name, "")


def _tidy_name(name: str) -> str:
    # "Doe, Jane" → "Jane Doe"; Chinese names stay as they are.
    if "," in name and not re.search(r"[\u4e00-\u9fff]", name):
        last, _, first = name.partition(",")
        return f"{first.strip()} {last.strip()}".strip()
    return name
