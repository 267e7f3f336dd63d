"""Where an organisation's name is in a pasted cell: the words and legal forms that make a cell one
(`ORG_WORDS`, `ORG_SUFFIXES`), where its name ends (`ORG_END`) and the branches written after it (中国银行上海分行,
`branch_end`). `cells` reads a cell with them (`classify`, and `org_and_post` / `without_company`, which read the
post after an organisation with `classify`). Pure Python, no Django.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from battlemap.inference.titles import read_title

# Han words that make a cell an organisation wherever they stand (国电…集团有限公司, 电力设计院).
ORG_WORDS = ("公司", "集团", "有限", "研究院", "设计院", "大学", "银行", "医院")
# Latin legal forms, matched as whole words only: "Inc" inside Vincent, Lincoln or Quincy and "Corp"
# inside Corpuz are names (a tester's paste of "Vincent Lee" once filled the organisation, not the name).
# "Group" and "Company" count only as the last word ("Northwind Group", not "Group CFO").
_LEGAL_FORM = r"\b(?:inc|ltd|llc|llp|plc|gmbh|corp|co|limited|corporation)\b\.?"
ORG_SUFFIXES = re.compile(rf"(?:{_LEGAL_FORM}|\b(?:group|company)\.?\s*$)", re.IGNORECASE)
# Where an organisation's name ends in a cell: its last such word (华东能源集团有限公司, 上海分公司 whole, Acme Corp.)
ORG_END = re.compile(rf"[分子]?(?:{'|'.join(ORG_WORDS)})|{_LEGAL_FORM}", re.IGNORECASE)
# A branch or office after an organisation's name, part of it: 中国银行上海分行, 招商银行深圳南山支行, 华东能源集团上海办事处
# (分公司 is an ORG_WORD's own); 营业部 only after a bank's 行 (…分行营业部): a company's 营业部 is its sales department.
_BRANCH = re.compile(r"[\u4e00-\u9fff]{0,8}?(?:分行|支行|总行|分理处|营业部|办事处|代表处|分部)")


def branch_end(cell: str, end: int) -> int:
    """Where the branches written after an organisation's name ending at `end` end (`_BRANCH`): 中国银行|上海分行营业部|
    行长 → after 营业部; `end` when none follows, or what stands before the branch word is a post (行长兼上海分行)."""
    while (found := _BRANCH.match(cell, end)) and read_title(found.group(0)) is None:
        if found.group(0).endswith("营业部") and cell[end - 1 : end] != "行":
            break
        end = found.end()
    return end


# A company's name with no legal form, then a top post, as a card or a speaker list writes it (`Northwind Logistics
# CEO`, `Contoso President`): the post (`_TOP_POST`, the case of its letters as written) and the capitalised words before
# it, when none of them is a word a title takes before such a post (`_TITLE_WORDS`: `Group CFO`, `Executive Vice
# President`, `Regional General Manager`), a post itself (`Founder CEO`) or a place (`China General Manager`)
_TOP_POST = re.compile(
    r"^(?P<org>[A-Z][\w&'’.-]*(?:\s+[A-Z&][\w&'’.-]*){0,3})\s+"
    r"(?P<post>C[A-Z]{1,3}O|Chief [A-Z]\w+ Officer|Chairman|Chairwoman|Founder|Co-[Ff]ounder|President|"
    r"Managing Director|General Manager)$"
)
# Posts a function's word may stand before as part of the title (`Sales General Manager`): then no organisation
_FUNCTION_POSTS = ("President", "Managing Director", "General Manager")
_TITLE_WORDS = frozenset(
    (
        "group|deputy|vice|executive|senior|sr|acting|interim|former|ex|regional|global|country|division|divisional|"
        "associate|assistant|joint|co|honorary|founding|area|plant|site|branch|business|unit|board|chief|managing|"
        "general|non-executive|independent|lead|first|emeritus|the|of|and|&|apac|emea|asia|pacific|greater|americas|"
        "europe|north|south|east|west|china|international|corporate|company"
    ).split("|")
)


def latin_org_and_post(cell: str) -> tuple[str, str]:
    """`Northwind Logistics CEO` → (`Northwind Logistics`, `CEO`) (`_TOP_POST`); ("", cell) for a title
    (`Group CFO`, `Executive Vice President`, `Sales General Manager`, `IT CIO`: words of a function alone) or
    anything else."""
    from battlemap.inference.title_table import FUNCTIONS

    from .places import place

    found = _TOP_POST.match(cell.strip())
    if not found:
        return "", cell
    org, post = found["org"], found["post"]
    words = org.casefold().replace("-", " ").split()
    if any(w in _TITLE_WORDS for w in words) or read_title(org) is not None or place(org):
        return "", cell
    if post in _FUNCTION_POSTS and any(re.search(p, org.casefold()) for p, _f in FUNCTIONS):
        return "", cell
    if all(w in ("&", "and") or any(re.search(p, w) for p, _f in FUNCTIONS) for w in words):
        return (
            "",
            cell,
        )  # `IT CIO`, `Digital & Technology CTO`: a function's words before the post, no company
    return org, post


# `<post> of <organisation>`, as an English leaders page or a bio writes it: each ` of ` a place the post may end
_OF = re.compile(r"\s+of\s+", re.IGNORECASE)
# What stands after a title's own `of` (`Vice President of the Board`, `Secretary of the Party Committee`), not an
# organisation's first word
_TITLE_OF = re.compile(
    r"^(?:the\s|board\b|committee\b|party\b|directors\b|supervisors\b|trustees\b)", re.IGNORECASE
)


def post_of_org(cell: str, classify: Callable[[str], tuple[str, str]]) -> tuple[str, str]:
    """`Chairman and Chief Executive Officer of Huadong Energy Group` → (`Huadong Energy Group`, the post): the
    organisation after the last ` of ` that leaves an organisation by the paste's rule (`cells.classify`: a legal form,
    a last `Group`…) after it and a post the title table reads before it; ("", cell) else. A title's own `of` stays
    in it — `Head of IT`, `VP of Sales`, `Director of Procurement of Huadong Group` (a function, a unit, the board:
    `_TITLE_OF`) — and an organisation's own joins it: `President of Bank of China Ltd` is the President of Bank of
    China Ltd. `classify` is `cells.classify`, passed in (cells reads organisations with this module)."""
    ofs = list(_OF.finditer(cell))
    for at, found in reversed(list(enumerate(ofs))):
        post, org = cell[: found.start()].strip(), cell[found.end() :].strip()
        if classify(org)[0] != "organisation" or classify(post)[0] != "title" or read_title(post) is None:
            continue
        for before in reversed(ofs[:at]):  # `Bank` in `President of Bank`: the organisation's, not the post's
            word, wider = cell[before.end() : found.start()], cell[before.end() :].strip()
            if _TITLE_OF.match(word) or _function_or_unit(word) or classify(wider)[0] != "organisation":
                break
            post, org, found = cell[: before.start()].strip(), wider, before
        return (org, post) if read_title(post) is not None else ("", cell)
    return "", cell


def _function_or_unit(words: str) -> bool:
    """A function's words (`IT`, `Sales`, `Human Resources`: the title table's `FUNCTIONS`) or a unit's (`Finance
    Department`, `UNIT`): what a title's `of` names."""
    from battlemap.inference.title_table import FUNCTIONS
    from battlemap.io.names import UNIT

    return UNIT.search(words) is not None or any(re.search(p, words.casefold()) for p, _f in FUNCTIONS)


# `Huadong Group's CEO`, `Northwind’s Chief Financial Officer`: the organisation, its 's, the post
_POSSESSIVE = re.compile(r"^(?P<org>\S.*?)['’]s\s+(?P<post>\S.*)$")


def possessive_org_and_post(cell: str, classify: Callable[[str], tuple[str, str]]) -> tuple[str, str]:
    """`Huadong Group's CEO` → (`Huadong Group`, `CEO`): an organisation's post as a bio writes it, when the title table
    reads what follows the 's as a post and what stands before it is an organisation by the paste's rule
    (`cells.classify`) or one capitalised word that is no common given name (`Northwind's CEO`; `Jane's assistant`
    stays whole); ("", cell) else. `classify` is `cells.classify`, passed in."""
    from battlemap.io.given_names import given_name

    found = _POSSESSIVE.match(cell.strip())
    if not found or read_title(found["post"]) is None or classify(found["post"])[0] != "title":
        return "", cell
    org = found["org"].strip()
    one_word = re.fullmatch(r"[A-Z][\w&.-]+", org) is not None and not given_name(org)
    return (org, found["post"].strip()) if classify(org)[0] == "organisation" or one_word else ("", cell)
