"""Paste-to-add: find people (name, title, email, phone) in a pasted block.

Understands an Excel range (tab-separated, with or without a header row), an email signature list
(one block per person, lines in any order, or one line per person split by | / ， ; tabs, or commas
beside an e-mail or phone — each line in its own format) and a meeting invite (`"Name" <email>; Name
<email>, bare@email`, Outlook's `必需:` / `Optional:` fields). Sign-offs ("Best regards,", 此致) and fax
numbers are no one's field; every line or cell not used is returned with why (`Unread`), so the preview
lists it instead of dropping it. Pure Python, no Django.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from battlemap.inference.titles import read_title
from battlemap.io.matching import clean_name, clean_text, email_key, match_name, tidy_text

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
    # the solid-line manager, by name (people.services.people_bulk_create finds them); read only when labelled
    "manager": (
        "manager",
        "reports to",
        "line manager",
        "supervisor",
        "boss",
        "上级",
        "直接上级",
        "直属上级",
        "上级领导",
        "汇报给",
        "汇报对象",
        "汇报上级",
    ),
}
# A phone written with its label and no colon, as signatures do: "T +49 89 1234 5678", "M +49 170 …",
# "手机 139 1111 2222"; a fax ("F +49 …", "传真 …") is no number to call the person on.
_LABELLED_NUMBER = re.compile(r"^([^\W\d_]{1,8}\.?)\s*[:：]?\s*(\+?[\d(][\d\s()./-]{5,}\d)$")
PHONE_LABELS = tuple(
    "t m p d o tel tel. mob mob. mobile phone cell office direct 手机 电话 座机 移动电话 办公电话 联系电话".split()
)
FAX_LABELS = ("f", "fax", "fax.", "传真")
# Sign-offs above a signature: no one's name (compared case-folded, without trailing punctuation).
SIGN_OFFS = frozenset(
    (
        "best regards|regards|kind regards|warm regards|warmest regards|best wishes|best|all the best|thanks|"
        "thank you|many thanks|thanks and regards|thanks & regards|cheers|sincerely|yours sincerely|"
        "sincerely yours|yours faithfully|yours truly|respectfully|br|mit freundlichen grüßen|viele grüße|"
        "beste grüße|此致|敬礼|此致敬礼|此致 敬礼|祝好|谢谢|多谢|感谢|顺祝商祺|商祺|祝商祺|顺颂商祺|顺颂时祺|致礼|"
        "祝工作顺利|祝顺利"
    ).split("|")
)
_SIGN_OFF_END = " \t,，.。!！:：;；~"
# A sign-off and a name on one line ("Best regards, Jane Doe"): the sign-off is taken off the line.
SIGN_OFF_PREFIX = re.compile(
    r"^(?:" + "|".join(sorted((re.escape(s) for s in SIGN_OFFS), key=len, reverse=True)) + r")\s*[,，]\s*",
    re.IGNORECASE,
)
# The field labels of an invite or mail header pasted with its attendees (Outlook's 必需/可选, To/Cc).
INVITE_LABEL = re.compile(
    r"^\s*(?:必需与会者|可选与会者|必需|必选|可选|与会者|收件人|抄送|密送|required attendees|optional attendees|"
    r"required|optional|attendees|to|cc|bcc)\s*[:：]\s*",
    re.IGNORECASE,
)
QUOTES = "\"'“”‘’「」"
_GAP = re.compile(r" {2,}|\t")
# Kinds of cell that are no field of a person: listed as not read, with this reason.
UNREAD_KINDS = ("sign_off", "fax")
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
    manager: str = ""  # the name of their solid-line manager, from a column or a label that says so
    source: str = field(default="", compare=False)  # the text it came from, for the preview
    # (field, value) a second value of a field the person already had — not used; the preview flags the row
    doubts: list[tuple[str, str]] = field(default_factory=list, compare=False)
    lines: list[int] = field(default_factory=list, compare=False)  # the 1-based lines it came from

    def as_fields(self) -> dict[str, str]:
        return {
            "name": self.name,
            "title": self.title,
            "email": self.email,
            "phone": self.phone,
            "organisation": self.organisation,
            "department": self.department,
            "manager": self.manager,
        }


@dataclass(frozen=True)
class Unread:
    """A piece of the paste not used: its 1-based `line`, its `text` and why (`reason`): `sign_off`, `fax`,
    `no_person` (no name or e-mail in it or beside it), `duplicate`, `over_limit`, `column` (a cell of a
    column whose header the paste does not read) or `not_read`."""

    line: int
    text: str
    reason: str
    last: int = 0  # the last line, when it spans several (a signature block); 0 when one line

    @property
    def lines(self) -> range:
        return range(self.line, max(self.line, self.last) + 1)


def _label_kind(label: str) -> str | None:
    label = label.strip().lower()
    for kind, words in LABELS.items():
        if label in words:
            return kind
    return None


def classify(cell: str) -> tuple[str, str]:
    """(kind, value) for one cell: email, phone, title, organisation, department (only when labelled:
    `部门：信息中心`), name, sign_off, fax or unknown."""
    cell = cell.strip().strip('"“”').strip()
    if not cell:
        return "unknown", ""
    if cell.rstrip(_SIGN_OFF_END).casefold() in SIGN_OFFS:
        return "sign_off", cell
    number = _LABELLED_NUMBER.match(cell)
    if number and number.group(1).lower() in PHONE_LABELS + FAX_LABELS:
        return ("fax" if number.group(1).lower() in FAX_LABELS else "phone"), number.group(2).strip()
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


_TITLE_COMMA = re.compile(r"\s*[,，]\s*")


def title_and_unit(value: str) -> tuple[str, str]:
    """A title line's post and the department after a comma: `Procurement Manager, 采购部` → the post
    and 采购部, when the title table reads the part before the comma and not the part after it
    (`VP, CTO` is two posts; `Director, Finance` a director of finance)."""
    parts = _TITLE_COMMA.split(value.strip(), maxsplit=1)
    if len(parts) == 2 and all(parts) and read_title(parts[0]) is not None and read_title(parts[1]) is None:
        if classify(parts[1])[0] not in ("email", "phone", "organisation"):
            return parts[0], parts[1]
    return value, ""


def _header_kinds(cells: list[str]) -> list[str | None] | None:
    kinds = [_label_kind(c) for c in cells]
    return kinds if sum(k is not None for k in kinds) >= 2 else None


Cell = tuple[int, str]  # (1-based line number in the paste, the cell's text)


def _from_cells(
    cells: list[Cell], unread: list[Unread], forced: list[str | None] | None = None
) -> list[Candidate]:
    """Walk the cells in order; a second name, or an e-mail on a line of its own, starts the next person (two
    signatures pasted without a blank line between them), but not the same name again (a signature naming
    its signer twice); a second e-mail on the same line is a doubt. Any other field seen twice keeps the
    first value and notes the second in `doubts`, so the preview flags the row instead of one value being
    dropped unseen. Cells that are no field of a person (a sign-off, a fax number), cells of a column whose
    header (`forced`) names no field (a 上级 column is read, a 备注 one not: never guessed as a name, which
    would start a person), and people with neither name nor e-mail go to `unread` with the reason."""
    found: list[Candidate] = []
    current = Candidate()
    named_again = 0
    for i, (line, raw) in enumerate(cells):
        kind, value = classify(raw)
        labelled = bool(forced and i < len(forced) and forced[i])
        if forced is not None and not labelled:
            if raw.strip():
                unread.append(Unread(line, raw.strip(), "column"))
            continue
        if labelled:
            kind, value = forced[i] or kind, raw.strip()
        if not value:
            continue
        if kind in UNREAD_KINDS:
            unread.append(Unread(line, raw.strip(), kind))
            continue
        if kind == "unknown":
            kind = "name" if not current.name else "title" if not current.title else "organisation"
        if kind == "name" and current.name and match_name(value) == match_name(current.name):
            # a signature naming its signer twice (`王建国 | 华东能源` under 王建国): still the same person
            current.lines.append(line)
            named_again = line
            continue
        if kind == "name" and line == named_again:  # what stands beside the signer's name is where they work
            kind = "organisation" if not current.organisation else "department"
        if kind == "title" and not current.title and not labelled:  # a column says what a cell is
            value, unit = title_and_unit(value)
            if unit and not current.department:
                current.department = unit
        same_line = bool(current.lines) and current.lines[-1] == line
        if getattr(current, kind) and kind in ("name", "email") and not (kind == "email" and same_line):
            found.append(current)
            current = Candidate()
        if not getattr(current, kind):
            setattr(current, kind, value)
        elif getattr(current, kind) != value:
            current.doubts.append((kind, value))
        current.source = (current.source + " · " + value).strip(" ·")
        current.lines.append(line)
    found.append(current)
    for c in found:
        if not (c.name or c.email) and c.source:
            unread.append(Unread(c.lines[0], c.source, "no_person", _last(c)))
    return [c for c in found if c.name or c.email]


def _parse_invite(lines: list[Cell], unread: list[Unread]) -> list[Candidate]:
    """`"Name" <email>; Name <email>, bare@email` on any number of lines, with Outlook's attendee fields
    (`必需:` / `Optional:`) and a mail's To/Cc labels taken off the names. What is left of a line that is no
    entry is listed in `unread`."""
    found = []
    for number, line in lines:
        rest = line
        for m in INVITE_ENTRY.finditer(line):
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


def _invite_lines(block: list[Cell]) -> list[Cell]:
    """The lines of a block that list attendees or addressees (`必需: 王建国 <w@x.cn>; 李芳 <l@x.cn>`,
    `a@x.cn, b@x.cn`), read as such so a table or signature pasted beside them is still read line by line.
    A line with a field label (`必需:`, `Cc:`) is one wherever it stands; a lone `Name <email>` line or one of
    several e-mails only in a block of such lines: in a signature it is the signer's (`邮箱：a@x.cn / b@y.com`)."""

    def entries_only(line: str) -> bool:
        return bool(INVITE_ENTRY.search(line)) and not INVITE_ENTRY.sub("", line).strip(" \t;,；，、")

    if all(INVITE_LABEL.match(line) or line.count("@") > 1 or entries_only(line) for _, line in block):
        return block
    return [(n, line) for n, line in block if INVITE_LABEL.match(line)]


def _invite_name(name: str) -> str:
    """`必需: 王建国` → 王建国, `Optional: 'Liu Yang'` → Liu Yang."""
    return INVITE_LABEL.sub("", name.strip()).strip().strip(QUOTES).strip()


_BRACKETED = re.compile(r"^(.+?)\s*[(（]\s*([^()（）]+?)\s*[)）]$")


def _name_and_unit(name: str) -> tuple[str, str]:
    """`赵磊 (法务部)`, `Lei Zhang (Legal)` → the name and the bracketed unit after it (Outlook shows a
    department or company so)."""
    found = _BRACKETED.match(name)
    return (found[1].strip(), found[2]) if found else (name, "")


def _tidy_name(name: str) -> str:
    # "Doe, Jane" → "Jane Doe"; Chinese names stay as they are.
    if "," in name and not re.search(r"[\u4e00-\u9fff]", name):
        last, _, first = name.partition(",")
        return f"{first.strip()} {last.strip()}".strip()
    return name


def _cleaned(c: Candidate) -> Candidate:
    """Names as stored (`张　伟` → 张伟), e-mails and phones half-width (io.matching); titles,
    organisations and departments as typed (`副总经理（分管信息化）` keeps its brackets), only trimmed."""
    c.name, c.email, c.phone = clean_name(c.name), email_key(c.email), clean_text(c.phone)
    c.title, c.organisation = tidy_text(c.title), tidy_text(c.organisation)
    c.department = tidy_text(c.department)
    return c


def _contact(part: str) -> bool:
    return classify(part)[0] in ("email", "phone", "fax")


def _pieces(part: str) -> list[str]:
    """A cell holding an e-mail beside other words (`李芳 lifang@x.cn`) as the words and the e-mail."""
    kind, _ = classify(part)
    m = EMAIL.search(part)
    if kind in ("email", "phone", "fax", "sign_off") or not m:
        return [part]
    before, after = part[: m.start()].strip(" <>()[]（）"), part[m.end() :].strip(" <>()[]（）")
    if before.lower().endswith("mailto:"):
        before = before[:-7].strip()
    kept = [p for p in (before, m.group(0), after) if p and _label_kind(p.rstrip(":：")) is None]
    return kept


def split_line(line: str) -> list[str]:
    """The fields of one pasted line: split by | / ; ， 、 and tabs; by commas when a part is an e-mail
    or phone (`Liu Yang, Procurement Manager, liu@x.cn`, not `Doe, Jane` or `Northwind, Inc.`); by a
    wide gap of spaces when a part is (`手机 139…  E-mail: x@y.cn`); an e-mail inside a cell on its own."""
    line = SIGN_OFF_PREFIX.sub("", line.strip()) or line.strip()  # a sign-off alone stays, to be listed
    parts = [p for p in _SPLIT.split(line) if p.strip()]
    if len(parts) == 1 and "," in line:
        commas = [p.strip() for p in line.split(",") if p.strip()]
        if len(commas) > 1 and any(_contact(p) for p in commas):
            parts = commas
    spaced = []
    for part in parts:
        gaps = [p for p in _GAP.split(part.strip()) if p]
        spaced.extend(gaps if len(gaps) > 1 and any(_contact(p) for p in gaps) else [part])
    return [piece for part in spaced for piece in _pieces(part)]


@dataclass
class Pasted:
    """What a paste gives: the people found, and every piece of it not used with why (`Unread`)."""

    people: list[Candidate]
    unread: list[Unread]


def read_paste(text: str, limit: int | None = None) -> Pasted:
    """Every person found in a pasted block, in order, without duplicates (same email or same name), at
    most `limit`; every line or cell not used is in `unread` with its reason, never dropped unseen."""
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n").replace("＠", "@")
    lines = [(n, line) for n, line in enumerate(text.split("\n"), 1) if line.strip()]
    unread: list[Unread] = []
    candidates: list[Candidate] = []
    used: set[int] = set()
    if not lines:
        return Pasted([], [])
    header = _header_kinds(lines[0][1].split("\t")) if "\t" in lines[0][1] else None
    if header or all("\t" in line for _, line in lines):  # an Excel range (a row may hold one cell)
        if header:
            used.add(lines[0][0])
        for number, line in lines[1:] if header else lines:
            cells = [(number, cell) for cell in line.split("\t")]
            candidates.extend(_from_cells(cells, unread, header))
    else:
        invite = [cell for block in _blocks(lines) for cell in _invite_lines(block)]
        candidates = _parse_invite(invite, unread)
        blocks = _blocks([cell for cell in lines if cell not in invite])
        for block in blocks:
            split = [(number, split_line(line)) for number, line in block]
            if len(blocks) == 1 and all(len(parts) > 1 for _, parts in split):  # one person per line
                for number, parts in split:
                    candidates.extend(_from_cells([(number, p) for p in parts], unread))
            else:
                candidates.extend(_from_cells([(n, p) for n, parts in split for p in parts], unread))
    candidates.sort(key=lambda c: c.lines[0] if c.lines else 0)  # in the order pasted
    people = []
    seen: dict[str, Candidate] = {}
    for c in map(_cleaned, candidates):
        key = email_key(c.email) if c.email else match_name(c.name)
        if not (c.email or c.phone) and re.search("[:：]", c.name):  # `会议：项目启动会` is a label, no name
            unread.append(Unread(c.lines[0], c.source, "not_read", _last(c)))
        elif not key:
            unread.append(Unread(c.lines[0], c.source, "no_person", _last(c)))
        elif key in seen:
            unread.append(Unread(c.lines[0], c.source, "duplicate", _last(c)))
        elif limit is not None and len(people) >= limit:
            unread.append(Unread(c.lines[0], c.source, "over_limit", _last(c)))
        else:
            seen[key] = c
            people.append(c)
    used |= {n for c in people for n in c.lines} | {n for u in unread for n in u.lines}
    unread.extend(Unread(n, line.strip(), "not_read") for n, line in lines if n not in used)
    unread.sort(key=lambda u: u.line)
    return Pasted(people, unread)


def _last(c: Candidate) -> int:
    return c.lines[-1] if len(c.lines) > 1 and c.lines[-1] != c.lines[0] else 0


def _blocks(lines: list[Cell]) -> list[list[Cell]]:
    """Runs of lines with no blank line between them (one signature each)."""
    blocks: list[list[Cell]] = []
    for number, line in lines:
        if blocks and blocks[-1][-1][0] == number - 1:
            blocks[-1].append((number, line))
        else:
            blocks.append([(number, line)])
    return blocks
