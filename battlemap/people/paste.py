"""Paste-to-add: find people (name, title, email, phone) in a pasted block.

Understands an Excel range (tab-separated, with or without a header row), an email signature list
(one block per person, lines in any order, or one line per person split by | / ， ;) and a meeting
invite (`"Name" <email>; Name <email>, bare@email`). Pure Python, no Django.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from battlemap.inference.titles import read_title
from battlemap.io.matching import clean_name, clean_text, email_key, match_name

EMAIL = re.compile(r"[\w.+'-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)
PHONE = re.compile(r"^\+?[\d\s()./-]{7,}$")
HAN_NAME = re.compile(r"^[\u4e00-\u9fff·]{2,5}$")
LATIN_NAME = re.compile(r"^[A-Z][\w'’.-]*(?:[\s,]+[A-Z][\w'’.-]*){0,3}$", re.UNICODE)
INVITE_ENTRY = re.compile(r'(?:"([^"]*)"|([^<>;,"]*?))\s*<\s*([^<>\s]+@[^<>\s]+)\s*>')

# Words that make a cell a title without naming a post the title table reads (posts: inference.titles).
TITLE_HINTS = ("采购", "书记", "procurement", "chief", "vice", "owner", "founder")
# Han words that make a cell an organisation wherever they stand (国电…集团有限公司, 电力设计院).
ORG_WORDS = ("公司", "集团", "有限", "研究院", "设计院", "大学", "银行", "医院")
# Latin legal forms, matched as whole words only: "Inc" inside Vincent, Lincoln or Quincy and "Corp"
# inside Corpuz are names (a tester's paste of "Vincent Lee" once filled the organisation, not the name).
# "Group" and "Company" count only as the last word ("Northwind Group", not "Group CFO").
ORG_SUFFIXES = re.compile(
    r"(?:\b(?:inc|ltd|llc|llp|plc|gmbh|corp|co|limited|corporation)\b\.?|\b(?:group|company)\.?\s*$)",
    re.IGNORECASE,
)
LABELS = {
    "name": ("name", "姓名", "名字", "联系人", "full name"),
    "title": ("title", "职位", "职务", "岗位", "头衔", "job title", "position"),
    "email": ("email", "e-mail", "mail", "邮箱", "电子邮件", "邮件"),
    "phone": ("phone", "tel", "mobile", "cell", "电话", "手机", "座机"),
    # the employer; a department is the person's org unit on this account's map, not their organisation
    "organisation": ("company", "organisation", "organization", "公司", "单位", "机构", "所属机构"),
    "department": ("department", "dept", "dept.", "division", "部门", "所属部门", "处室", "科室"),
}
_LABEL_PREFIX = re.compile(r"^\s*([\w\s.-]{1,14}?)\s*[:：]\s*(.+)$", re.UNICODE)
_SPLIT = re.compile(r"\s*(?:\||｜|/|;|；|，|、|\t)\s*")


@dataclass
class Candidate:
    name: str = ""
    title: str = ""
    email: str = ""
    phone: str = ""
    organisation: str = ""
    department: str = ""
    source: str = field(default="", compare=False)  # the text it came from, for the preview
    # (field, value) a second value of a field the person already had — not used; the preview flags the row
    doubts: list[tuple[str, str]] = field(default_factory=list, compare=False)

    def as_fields(self) -> dict[str, str]:
        return {
            "name": self.name,
            "title": self.title,
            "email": self.email,
            "phone": self.phone,
            "organisation": self.organisation,
            "department": self.department,
        }


def _label_kind(label: str) -> str | None:
    label = label.strip().lower()
    for kind, words in LABELS.items():
        if label in words:
            return kind
    return None


def classify(cell: str) -> tuple[str, str]:
    """(kind, value) for one cell: email, phone, title, organisation, department (only when labelled:
    `部门：信息中心`), name or unknown."""
    cell = cell.strip().strip('"“”').strip()
    if not cell:
        return "unknown", ""
    labelled = _LABEL_PREFIX.match(cell)
    if labelled and _label_kind(labelled.group(1)):
        return _label_kind(labelled.group(1)) or "unknown", labelled.group(2).strip()
    if cell.lower().startswith("mailto:"):
        cell = cell[7:]
    email = EMAIL.search(cell)
    if email and len(cell) - len(email.group(0)) < 4:
        return "email", email.group(0)
    if PHONE.match(cell) and sum(c.isdigit() for c in cell) >= 7:
        return "phone", cell
    low = cell.lower()
    is_org = any(w in cell for w in ORG_WORDS) or ORG_SUFFIXES.search(cell)
    if is_org and not any(w in cell for w in ("经理", "主任", "总监")):
        return "organisation", cell
    if read_title(cell) is not None or any(w in low for w in TITLE_HINTS):
        return "title", cell
    if HAN_NAME.match(cell) or LATIN_NAME.match(cell):
        return "name", cell
    return "unknown", cell


def _header_kinds(cells: list[str]) -> list[str | None] | None:
    kinds = [_label_kind(c) for c in cells]
    return kinds if sum(k is not None for k in kinds) >= 2 else None


def _from_cells(cells: list[str], forced: list[str | None] | None = None) -> list[Candidate]:
    """Walk the cells in order; a second name or e-mail starts the next person (two signatures pasted
    without a blank line between them). Any other field seen twice keeps the first value and notes the
    second in `doubts`, so the preview flags the row instead of one value being dropped unseen."""
    found: list[Candidate] = []
    current = Candidate()
    for i, raw in enumerate(cells):
        kind, value = classify(raw)
        if forced and i < len(forced) and forced[i]:
            kind, value = forced[i] or kind, raw.strip()
        if not value:
            continue
        if kind == "unknown":
            kind = "name" if not current.name else "title" if not current.title else "organisation"
        if getattr(current, kind) and kind in ("name", "email"):
            found.append(current)
            current = Candidate()
        if not getattr(current, kind):
            setattr(current, kind, value)
        elif getattr(current, kind) != value:
            current.doubts.append((kind, value))
        current.source = (current.source + " · " + value).strip(" ·")
    found.append(current)
    return [c for c in found if c.name or c.email]


def _parse_invite(text: str) -> list[Candidate]:
    found = []
    rest = text
    for m in INVITE_ENTRY.finditer(text):
        name = (m.group(1) or m.group(2) or "").strip().strip("'")
        email = m.group(3)
        if not name:
            name = email.split("@")[0]
        found.append(Candidate(name=_tidy_name(name), email=email, source=m.group(0).strip()))
        rest = rest.replace(m.group(0), " ")
    for email in EMAIL.findall(rest):
        found.append(Candidate(name=email.split("@")[0], email=email, source=email))
    return found


def _tidy_name(name: str) -> str:
    # "Doe, Jane" → "Jane Doe"; Chinese names stay as they are.
    if "," in name and not re.search(r"[\u4e00-\u9fff]", name):
        last, _, first = name.partition(",")
        return f"{first.strip()} {last.strip()}".strip()
    return name


def _cleaned(c: Candidate) -> Candidate:
    """Names as stored (`张　伟` → 张伟), e-mails and phones half-width (io.text)."""
    c.name, c.email, c.phone = clean_name(c.name), email_key(c.email), clean_text(c.phone)
    c.title, c.organisation = clean_text(c.title), clean_text(c.organisation)
    c.department = clean_text(c.department)
    return c


def parse_people(text: str) -> list[Candidate]:
    """Every person found in a pasted block, in order, without duplicates (same email or same name)."""
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n").strip()
    text = text.replace("＠", "@")
    if not text:
        return []
    lines = [line for line in text.split("\n")]
    if any("\t" in line for line in lines):
        rows = [line.split("\t") for line in lines if line.strip()]
        header = _header_kinds(rows[0])
        candidates = [c for row in (rows[1:] if header else rows) for c in _from_cells(row, header)]
    elif INVITE_ENTRY.search(text) or (text.count("@") > 1 and "\n" not in text):
        candidates = _parse_invite(text)
    else:
        blocks = [b for b in re.split(r"\n\s*\n", text) if b.strip()]
        candidates = []
        for block in blocks:
            block_lines = [ln for ln in block.split("\n") if ln.strip()]
            if len(blocks) == 1 and all(len(_SPLIT.split(ln.strip())) > 1 for ln in block_lines):
                for ln in block_lines:  # one person per line, fields split by | / ， ;
                    candidates.extend(_from_cells(_SPLIT.split(ln.strip())))
            else:
                cells = [c for ln in block_lines for c in _SPLIT.split(ln.strip())]
                candidates.extend(_from_cells(cells))
    return _dedupe([_cleaned(c) for c in candidates])


def _dedupe(candidates: list[Candidate]) -> list[Candidate]:
    seen: set[str] = set()
    unique = []
    for c in candidates:
        key = email_key(c.email) if c.email else match_name(c.name)
        if key and key not in seen:
            seen.add(key)
            unique.append(c)
    return unique
