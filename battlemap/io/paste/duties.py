"""A person's duties as a leaders page (领导信息) gives them: a duty line or cell (`duty`: 主持集团全面工作, 分管财务部、审计部,
`Oversees procurement`) and the run of duties a line ends with (`duties_apart`). `cells` reads a cell and splits a line
with them. Pure Python, no Django.
"""

from __future__ import annotations

import re
from collections.abc import Callable

# What can part a pasted line into cells (`cells.split_line`), the commas and line ends too: counted, an upper bound
# of the cells a paste holds (`cells.cells_in`).
CELL_END = re.compile(r"[|｜/;；，、\t,\n]")

# A duty line, as a leaders page (领导信息) gives it under a post: 主持集团全面工作, 分管财务部、审计部, 协助总经理分管采购,
# `Responsible for …`, and an English page's verbs of a duty in the third person (`Presides over the board's work`,
# `Oversees procurement`, `Leads the IT strategy`, `Manages supplier relations`, `Heads the legal team`) — no title or
# organisation (主持集团全面工作 held the organisation; `Leads the IT strategy` too): the person's duties. A verb's `s`
# and a word after it: `Manager`, `Lead Engineer`, `Head of IT` stay titles.
_DUTY_VERBS = (
    r"(?:is\s+|also\s+)?(?:responsible\s+for|in\s+charge\s+of)|presides\s+over|oversees|supervises|leads|manages|"
    r"heads(?!\s+of\b)|directs|coordinates|assists|chairs(?!\s+of\b)"
)
_DUTY = re.compile(
    rf"^\s*(?:(?:主持|分管|协管|协助|负责|牵头)(?![人者])[\u4e00-\u9fff]|主管\S*工作|(?:{_DUTY_VERBS})\s+\S)",
    re.IGNORECASE,
)


def duty(line: str) -> bool:
    """A line or cell naming a person's duties (`_DUTY`), not a field of them: 主持集团全面工作, 分管审计工作."""
    return _DUTY.match(line) is not None


_HARD_END = re.compile(r"[|｜/;；\t]")  # what ends a run of duties, whose 、 and ， are its own
# What a comma before it ends a run of duties with: a contact or the organisation after them (`…, jane@x.com`);
# else the comma is the duties' own (`Oversees finance, treasury and IT`, `分管财务部,审计部`)
_AFTER_DUTIES = ("email", "phone", "fax", "organisation")


def _duties_end(line: str, start: int, kind: Callable[[str], str]) -> int:
    """Where a run of duties starting at `start` ends: a hard separator (`_HARD_END`), or a comma before a contact or
    an organisation (`kind`: what a cell is); else the line's end."""
    end = _HARD_END.search(line, start)
    stop = end.start() if end else len(line)
    for comma in re.finditer(",", line[:stop]):
        if comma.start() >= start:
            after = re.split(r"[,|｜/;；\t]", line[comma.end() :], maxsplit=1)[0]
            if kind(after) in _AFTER_DUTIES:
                return comma.start()
    return stop


def duties_apart(line: str, kind: Callable[[str], str]) -> tuple[str, list[str]]:
    """The line without the duties it ends with, and them whole: `王芳 | 副总经理 | 分管财务部、审计部` →
    (`王芳 | 副总经理 | `, [`分管财务部、审计部`]) — split at 、, 审计部 was read as the person's department; `Jane Doe | CFO
    | Oversees finance, treasury and IT` keeps its comma's part (`treasury and IT` was the department). `kind` is what
    a cell is (`cells.classify`'s kind, passed in: cells reads the duties with this module)."""
    for sep in CELL_END.finditer(line):
        if duty(line[sep.end() :].lstrip()):
            stop = _duties_end(line, sep.end(), kind)
            return line[: sep.start()] + line[stop:], [line[sep.end() : stop].strip()]
    return line, []
