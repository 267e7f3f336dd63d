"""Where an organisation's name is in a pasted cell: the words and legal forms that make a cell one
(`ORG_WORDS`, `ORG_SUFFIXES`), the branches written after it (中国银行上海分行), and the company or organisation a
cell opens with before a post (`without_company`, `org_and_post`). `cells.classify` reads a cell with them, and
they read the rest of a cell with it. Pure Python, no Django.
"""

from __future__ import annotations

import re

from battlemap.inference.titles import read_title

# Han words that make a cell an organisation wherever they stand (国电…集团有限公司, 电力设计院).
ORG_WORDS = ("公司", "集团", "有限", "研究院", "设计院", "大学", "银行", "医院")
# Latin legal forms, matched as whole words only: "Inc" inside Vincent, Lincoln or Quincy and "Corp"
# inside Corpuz are names (a tester's paste of "Vincent Lee" once filled the organisation, not the name).
# "Group" and "Company" count only as the last word ("Northwind Group", not "Group CFO").
_LEGAL_FORM = r"\b(?:inc|ltd|llc|llp|plc|gmbh|corp|co|limited|corporation)\b\.?"
ORG_SUFFIXES = re.compile(rf"(?:{_LEGAL_FORM}|\b(?:group|company)\.?\s*$)", re.IGNORECASE)
# Where an organisation's name ends in a cell: its last such word (华东能源集团有限公司, 上海分公司 whole, Acme Corp.)
_ORG_END = re.compile(rf"[分子]?(?:{'|'.join(ORG_WORDS)})|{_LEGAL_FORM}", re.IGNORECASE)
# A branch or office after an organisation's name, part of it: 中国银行上海分行, 招商银行深圳南山支行, 华东能源集团上海办事处
# (分公司 is an ORG_WORD's own); 营业部 only after a bank's 行 (…分行营业部): a company's 营业部 is its sales department.
_BRANCH = re.compile(r"[\u4e00-\u9fff]{0,8}?(?:分行|支行|总行|分理处|营业部|办事处|代表处|分部)")

_HAN = re.compile(r"[\u4e00-\u9fff]")


def _kind(cell: str) -> str:
    """What a cell is (`cells.classify`, which reads organisations with this module: imported when first called)."""
    from .cells import classify

    return classify(cell)[0]


def without_company(piece: str) -> tuple[str, str]:
    """The company written before the rest with a space, as a Chinese signature often has it, and the rest:
    `华东能源集团 采购部 副部长` → (`华东能源集团`, `采购部 副部长`); else the organisation a post follows (`org_and_post`:
    `华东能源集团有限公司总经理`, `Acme Corp CEO`); ("", piece) when it opens with none. `Group CFO` is a title."""
    words = piece.split()
    at = 0
    while (
        len(words) - at > 1
        and _HAN.search(words[at])
        and (_kind(words[at]) == "organisation" or (at and _branch_end(words[at], 0) == len(words[at])))
    ):  # `中国银行 上海分行 行长`: the branch is the organisation's too
        at += 1
    return (" ".join(words[:at]), " ".join(words[at:])) if at else org_and_post(piece)


def org_and_post(cell: str) -> tuple[str, str]:
    """An organisation and the post after it in one cell, the title table reading the post (`classify`):
    `华东能源集团有限公司总经理`, `华东能源集团 党委书记、董事长`, `Acme Corp CEO` → the organisation and the post;
    ("", cell) when the cell ends with the organisation's name (中国银行, 解放军总医院, 招商局集团) or no post follows it
    (中国建设银行总行, 华东能源集团董事会)."""
    ends = [m.end() for m in _ORG_END.finditer(cell)]
    if not ends:
        return "", cell
    end = _branch_end(cell, ends[-1])  # 中国银行上海分行行长: the bank's branch, then the post
    org, post = cell[:end].strip(), cell[end:].strip()
    spaced = cell[end : end + 1].isspace()  # `Acme Co-founder` is no company and its post
    if not post or _ORG_END.fullmatch(org) or not (spaced or _HAN.match(cell[end - 1])):
        return "", cell
    return (org, post) if _kind(post) == "title" else ("", cell)


def _branch_end(cell: str, end: int) -> int:
    """Where the branches written after an organisation's name ending at `end` end (`_BRANCH`): 中国银行|上海分行营业部|
    行长 → after 营业部; `end` when none follows, or what stands before the branch word is a post (行长兼上海分行)."""
    while (found := _BRANCH.match(cell, end)) and read_title(found.group(0)) is None:
        if found.group(0).endswith("营业部") and cell[end - 1 : end] != "行":
            break
        end = found.end()
    return end
