"""What one pasted cell or line is (`classify`: a name, a title, an e-mail, a phone, an organisation, a
labelled department, a sign-off, a fax…), how a pasted line splits into fields (`split_line`), and the organisation
a cell opens with before a post (`org_and_post`, `without_company`: they read the post with `classify`, which reads
a cell with them; an organisation's words are in `orgs`, a field's labels in `labels`); the words and patterns they
read.
`battlemap.io.paste` finds people in a pasted block with them. Pure Python, no Django.
"""

from __future__ import annotations

import re
from functools import lru_cache

from battlemap.inference.title_table import POST_WORDS
from battlemap.inference.titles import read_title
from battlemap.io.matching import COMPOUND_SURNAMES, without_honorific
from battlemap.io.names import UNIT
from battlemap.io.profile_names import without_profile_additions

from .duties import CELL_END, duties_apart, duty
from .labels import label_kind, labelled
from .orgs import (
    ORG_END,
    ORG_SUFFIXES,
    ORG_WORDS,
    branch_end,
    latin_org_and_post,
    possessive_org_and_post,
    post_of_org,
)
from .places import city_and_degree_code, place

# An address starts where its run of characters starts (the look-behind): the same leftmost match, found in time
# linear in the text — without it a long run with no "@" was scanned again from each of its characters.
EMAIL = re.compile(r"(?<![\w.+'-])[\w.+'-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)
# The longest cell that can be a field of a person: an e-mail (254, RFC 5321's path limit); names, titles and
# organisations hold 200. A longer cell is read as nothing (a sentence, a disclaimer, a run of text with no
# space): the patterns below would otherwise take time growing with the square of its length (a mail trial's
# 200 KB body line held a worker for minutes).
CELL_MAX = 254
PHONE = re.compile(r"^\+?[\d\s()./-]{7,}$")
HAN_NAME = re.compile(r"^[\u4e00-\u9fff·]{2,5}$")
LATIN_NAME = re.compile(r"^[A-Z][\w'’.-]*(?:[\s,]+[A-Z][\w'’.-]*){0,3}$", re.UNICODE)
# `"Name" <a@x>` or `Name <a@x>`; an unquoted name starts after a separator (the look-behind) and the address is
# taken whole (possessive): the same matches as without them, in linear time
INVITE_ENTRY = re.compile(r'(?:"([^"]*)"|(?<![^<>;,"])([^<>;,"]*?))\s*<\s*([^<>\s@]++@[^<>\s]++)\s*>')
# The same in a line Outlook separates with semicolons: a name there may hold a comma, as Exchange writes them
# (`Wang, Fang (IT-Infra) <fang.wang@x.cn>; Zhou Lin <…>`), but no "@" (`a@x.cn, Name <b@x.cn>` is two entries)
INVITE_ENTRY_SEMI = re.compile(r'(?:"([^"]*)"|(?<![^<>;,"])([^<>;"@]*?))\s*<\s*([^<>\s@]++@[^<>\s]++)\s*>')

# Words that make a cell a title without naming a post the title table reads (posts: inference.title_table).
TITLE_HINTS = ("采购", "书记", "procurement", "chief", "vice", "owner", "founder")
# A sentence (a signature's disclaimer, a line of prose): no field of a person, however it splits. Chinese: a
# full stop, ! or ? in a line of 15 characters or more; English: ten words or more with a sentence's end.
_HAN_SENTENCE = re.compile(r"[。！？]")
_LATIN_SENTENCE = re.compile(r"[a-z]{2}[.!?](?:\s|$)")
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
# The field labels of an invite or mail header pasted with its attendees (Outlook's 必需/可选, From/To/Cc, 发件人).
INVITE_LABEL = re.compile(
    r"^\s*(?:必需与会者|可选与会者|必需|必选|可选|与会者|收件人|抄送|密送|required attendees|optional attendees|"
    r"required|optional|attendees|to|cc|bcc|from|发件人)\s*[:：]\s*",
    re.IGNORECASE,
)
_GAP = re.compile(r" {2,}|\t")
# Kinds of cell that are no field of a person: listed as not read, with this reason (`place`: a LinkedIn location)
UNREAD_KINDS = ("sign_off", "fax", "address", "messenger", "employee_no", "place")
_SPLIT = re.compile(
    r"\s*(?:\||｜|(?<!<)/|;|；|，|、|\t)\s*|\s+[·•]\s+"
)  # `信息中心 · 副主任` (WeCom); 阿依·买买提 whole; the / of a tag's `</…>` parts nothing (a name stays text)


def cells_in(text: str) -> int:
    """At most how many cells `read_paste` reads in `text` (each is read against the title table, about 0.1 ms):
    a paste's bound is in cells, not characters (a reviewer's 200 KB of `a; ` held a web worker for 20 s)."""
    return len(CELL_END.findall(text)) + 1


@lru_cache(maxsize=4096)  # split_line reads each cell, then the walk over the cells again
def classify(cell: str) -> tuple[str, str]:
    """(kind, value) for one cell: email, phone, title, organisation, department (labelled — `部门：信息中心` —
    or named as a unit: `UNIT`), name, sign_off, fax, address, messenger (`微信号：…`), employee_no (`工号：…`), place (`places.place`) or unknown (also any cell
    longer than CELL_MAX)."""
    cell = cell.strip().strip('"“”').strip()
    if not cell:
        return "unknown", ""
    if len(cell) > CELL_MAX:
        return "unknown", cell
    if cell.rstrip(_SIGN_OFF_END).casefold() in SIGN_OFFS:
        return "sign_off", cell
    if found := labelled(cell):
        return found
    if cell.lower().startswith("mailto:"):
        cell = cell[7:]
    email = EMAIL.search(cell)
    if email:  # the address alone, or in brackets, or after its label; a name beside it is a piece of its own
        rest = (cell[: email.start()] + cell[email.end() :]).strip(" <>()[]（）:：;；,，")
        if not rest or label_kind(rest) is not None:
            return "email", email.group(0)
    if PHONE.match(cell) and sum(c.isdigit() for c in cell) >= 7:
        return "phone", cell
    if duty(cell):  # before the organisation: 主持集团全面工作 names the group, it is no organisation
        return "duties", cell
    low = cell.lower()
    is_org = any(w in cell for w in ORG_WORDS) or ORG_SUFFIXES.search(cell)
    if is_org and not any(w in cell for w in ("经理", "主任", "总监")):
        # `华东能源集团 董事长`: a post after the organisation makes it a title line (without_company parts them)
        return ("title" if org_and_post(cell)[0] else "organisation"), cell
    # `Seattle, Washington, United States`, `上海 中国` under a LinkedIn headline: no one's field
    if place(cell):
        return "place", cell
    if addressed(cell) or _name_with_letters(cell):
        return "name", cell
    if read_title(cell) is not None:
        return "title", cell
    # a unit is a department before a hint makes it a title: 采购部, 书记处, `Chief Procurement Office` (采购部/采购经理
    # was two titles, the second a doubt); a post the title table reads stays a title (采购部经理, Head of Department)
    if UNIT.search(cell):
        return "department", cell
    if any(w in low for w in TITLE_HINTS):
        return "title", cell
    if HAN_NAME.match(cell) or LATIN_NAME.match(cell):
        return "name", cell
    # a name with its courtesy word (`猪八戒 女士`, `Dr. John Smith`): a name, which clean_name then stores without it
    # (a fresh reviewer: `猪八戒 女士` on a line of its own became the line above's organisation)
    bare = without_honorific(cell)
    if bare != cell and (HAN_NAME.match(bare) or LATIN_NAME.match(bare)):
        return "name", cell
    return "unknown", cell


def _name_with_letters(cell: str) -> bool:
    """A name with a profile's letters after it (`Jane Doe, MD`, `John Smith, MD, MPH`: `without_profile_additions`):
    a name, not the managing director the title table reads in MD (a doctor's signature was a title line, and the
    next person's name took hers)."""
    bare = without_profile_additions(cell)
    return bare != cell and LATIN_NAME.match(bare) is not None and read_title(bare) is None


# A one-word reply quoted under a mail's attribution or header (`> Agreed.`, `> OK`, `> 好的`): no one's name
# (compared as the sign-offs are, case-folded, without trailing punctuation)
REPLIES = frozenset(
    (
        "ok|okay|agreed|sure|yes|noted|done|confirmed|got it|will do|sounds good|perfect|great|"
        "ack|好|好的|好滴|收到|可以|同意|没问题|行|嗯|嗯嗯|对|是的|明白|了解|知道了|ok的"
    ).split("|")
)


def is_sentence(line: str, *, mail: bool = False) -> bool:
    """A line of prose, not of fields: `本邮件及其附件含有保密信息，仅限于…。`, `This email and any attachments are
    confidential…` (a fresh trial: a disclaimer under a signature was a person, or its first clause an organisation),
    and a short one too — a sentence's end and a word in lower case after the first (`Thanks, see you then.`,
    `Great, thanks!`), or a Chinese one of four characters or more (`好的，周二见。`), that the title table reads no
    post in: a reply's words, in a mail thread or out of one (a trial's gave its writer the title `see you then.`, and
    under a signature pasted alone it was the organisation). Under a mail's attribution or header (`mail`:
    `lines.mail_begins`) a one-word reply too (`REPLIES`: `Agreed.`, `OK`, `好的`)."""
    line = line.strip()
    if mail and line.rstrip(_SIGN_OFF_END).casefold() in REPLIES:
        return True
    if _HAN_SENTENCE.search(line):
        return len(line) >= (4 if read_title(line) is None else 15)
    # a legal form's dot ends no sentence (`Member of Board of Directors of Huadong Group Co., Ltd.`)
    ended = _LATIN_SENTENCE.search(ORG_SUFFIXES.sub("", line)) is not None
    if ended and any(w[:1].islower() for w in line.split()[1:]) and read_title(line) is None:
        return True
    return len(line.split()) >= 10 and ended


# Characters that begin a post, never a surname before one: 副经理, 总经理, 正处长, 代部长, 助理, 首席…
_POST_START = "副总正代助首"


def addressed(cell: str) -> bool:
    """A person named as a seller addresses them, a surname and a post of the title table (`POST_WORDS`) whole:
    张经理, 王高工, 李总监, 张老板, 欧阳经理 — a name (as 王工 and 刘总), not a title; a paste's `张老板⇥139…` row
    was read as no person. 副经理, 总经理, 信息主管 stay titles."""
    return (
        HAN_NAME.match(cell) is not None
        and len(cell) <= 4
        and cell[0] not in _POST_START
        and (cell[1:] in POST_WORDS or (cell[:2] in COMPOUND_SURNAMES and cell[2:] in POST_WORDS))
    )


_TITLE_COMMA = re.compile(r"\s*[,，]\s*")


def title_and_unit(value: str) -> tuple[str, str]:
    """A title line's post and its department: after a comma, `Procurement Manager, 采购部` → the post and 采购部,
    when the title table reads the part before the comma and not the part after it (`VP, CTO` is two posts;
    `Director, Finance` a director of finance); or a unit's name before a space, `科技互联网部 总经理`."""
    parts = _TITLE_COMMA.split(value.strip(), maxsplit=1)
    if len(parts) == 2 and all(parts) and read_title(parts[0]) is not None and read_title(parts[1]) is None:
        if classify(parts[1])[0] not in ("email", "phone", "organisation"):
            return parts[0], parts[1]
    # a unit, a space, the post: `科技互联网部 总经理` (a signature's one line) — written together, 科技互联网部总经理
    # is the title as the customer writes it, and stays whole
    unit, _space, post = value.strip().partition(" ")
    if post.strip() and UNIT.search(unit) and read_title(post.strip()) is not None:
        return post.strip(), unit
    return value, ""


def _contact(part: str) -> bool:
    return classify(part)[0] in ("email", "phone", "fax")


# A phone number at the end of a cell, after a space (`总经理 139 1234 5678`)
_LAST_NUMBER = re.compile(r"^(.*?[^\d\s+(.-])\s+(\+?[\d(][\d\s()./-]{5,}\d)$")


def _pieces(part: str) -> list[str]:
    """A cell holding an e-mail beside other words (`李芳 lifang@x.cn`) as the words and the e-mail; one ending with a
    phone number after a space, as the words and the phone."""
    kind, _ = classify(part)
    m = EMAIL.search(part)
    if kind in ("email", "phone", "fax", "sign_off"):
        return [part]
    if not m:  # `张伟 总经理 13912345678`: the number after a space is a phone of its own, not the title's
        # (a cell of CELL_MAX characters at most, as `classify` reads: a 9,000-character `) 1) 1…` took 0.3 s)
        number = _LAST_NUMBER.match(part.strip()) if len(part) <= CELL_MAX else None
        return [number[1], number[2]] if number and classify(number[2])[0] == "phone" else [part]
    before, after = part[: m.start()].strip(" <>()[]（）"), part[m.end() :].strip(" <>()[]（）")
    if before.lower().endswith("mailto:"):
        before = before[:-7].strip()
    kept = [p for p in (before, m.group(0), after) if p and label_kind(p.rstrip(":：")) is None]
    return kept


def split_line(line: str) -> list[str]:
    """The fields of one pasted line: split by | / ; ， 、 and tabs; by commas when a part is an e-mail
    or phone, or ends with one (`Liu Yang, Procurement Manager, liu@x.cn`, `Jane Doe, CTO +1 206 555 0100`; not `Doe,
    Jane` or `Northwind, Inc.`), or a name then a post (`KIM Min-jun, CTO`: `_name_and_post`); by a
    wide gap of spaces when a part is (`手机 139…  E-mail: x@y.cn`); an e-mail inside a cell on its own. Posts
    joined by 、 ， or a comma stay one title (`党委书记、董事长`, `_posts_together`)."""
    line = SIGN_OFF_PREFIX.sub("", line.strip()) or line.strip()  # a sign-off alone stays, to be listed
    line, duties = duties_apart(line, lambda cell: classify(cell)[0])
    parts = _posts_together(_SPLIT_KEPT.split(line))
    if len(parts) == 1 and "," in line:
        commas = _posts_together(re.split(r"(\s*,\s*)", line))
        if len(commas) > 1 and any(_contact(p) or len(_pieces(p)) > 1 for p in commas):  # `CTO +1 206 …`
            parts = commas
        else:
            parts = _name_and_post(line)
    parts += duties
    spaced: list[str] = []
    for part in parts:
        gaps = [p for p in _GAP.split(part.strip()) if p]
        spaced.extend(gaps if len(gaps) > 1 and any(_contact(p) for p in gaps) else [part])
    return [bit for part in spaced for piece in _pieces(part) for bit in _name_then_title(piece)]


def _name_and_post(line: str) -> list[str]:
    """`KIM Min-jun, CTO`, `Jane Doe, VP, CTO` (no contact on the line): the name and the post after its comma — the
    whole was a title, a second one of the row above (`Jane Roe | CTO⏎KIM Min-jun, CTO`); else [line]. A name with a
    profile's letters (`Jane Doe, MD`) and `Doe, Jane` stay one name, and a city with a code that is also a degree
    (`Baltimore, MD`: `places.city_and_degree_code`, which the walk reads by where it stands) one line."""
    name, _comma, post = line.partition(",")
    if (
        classify(line)[0] != "name"
        and not city_and_degree_code(line)
        and classify(name)[0] == "name"
        and classify(post)[0] == "title"
    ):
        return [name.strip(), post.strip()]
    return [line]


_SPLIT_KEPT = re.compile(f"({_SPLIT.pattern})")  # the same, each separator kept between the parts
# What joins the posts of one title (`党委书记、董事长`, `副总经理，总会计师`, `VP, CTO`); a | / ; or tab parts fields
_POST_JOINERS = ("、", "，", ",")


def _posts_together(pieces: list[str]) -> list[str]:
    """The parts of a line split with its separators kept (`[part, separator, part, …]`), posts joined by 、 ， or a
    comma kept one title as typed: `钱思远 | 党委书记、董事长` is 钱思远 and 党委书记、董事长 (the title table reads the
    highest post of several), never the title 党委书记 and a second title 董事长 doubted, nor two people."""
    parts: list[str] = []
    joinable = False  # the last part is a post and the separator after it one that joins posts
    for at, piece in enumerate(pieces):
        if at % 2:  # a separator
            joinable = bool(parts) and piece.strip() in _POST_JOINERS and classify(parts[-1])[0] == "title"
            continue
        if not piece.strip():
            joinable = False
            continue
        if joinable and classify(piece)[0] == "title":
            joiner = pieces[at - 1].strip()
            parts[-1] = f"{parts[-1].strip()}{joiner}{' ' if joiner == ',' else ''}{piece.strip()}"
        else:
            parts.append(piece)
    return parts


def _name_then_title(piece: str) -> list[str]:
    """`张伟 总经理` (a signature's first line) as the name and the title: a Chinese name, a space, and words that
    read as a post (a fresh reviewer: the whole became the title and the person had no name); else [piece]."""
    name, space, rest = piece.strip().partition(" ")
    if space and HAN_NAME.match(name) and classify(name)[0] == "name" and classify(rest)[0] == "title":
        return [name, rest.strip()]
    return [piece]


# One Han character: a company written with a space before a post is Chinese (`without_company`).
_HAN_CHAR = re.compile(r"[\u4e00-\u9fff]")


def without_company(piece: str) -> tuple[str, str]:
    """The company written before the rest with a space, as a Chinese signature often has it, and the rest:
    `华东能源集团 采购部 副部长` → (`华东能源集团`, `采购部 副部长`); else the organisation a post follows (`org_and_post`:
    `华东能源集团有限公司总经理`, `Acme Corp CEO`); ("", piece) when it opens with none. `Group CFO` is a title."""
    words = piece.split()
    at = 0
    while (
        len(words) - at > 1
        and _HAN_CHAR.search(words[at])
        and (classify(words[at])[0] == "organisation" or (at and branch_end(words[at], 0) == len(words[at])))
    ):  # `中国银行 上海分行 行长`: the branch is the organisation's too
        at += 1
    return (" ".join(words[:at]), " ".join(words[at:])) if at else org_and_post(piece)


# A LinkedIn headline: the post, then `at` or `@` and where (`Chief Information Officer at Northwind Logistics`)
_POST_AT = re.compile(r"^(?P<post>\S.*?)\s+(?:at|@)\s+(?P<org>\S.*)$", re.IGNORECASE)


def org_and_post(cell: str) -> tuple[str, str]:
    """An organisation and the post after it in one cell, the title table reading the post (`classify`):
    `华东能源集团有限公司总经理`, `华东能源集团 党委书记、董事长`, `Acme Corp CEO` → the organisation and the post;
    ("", cell) when the cell ends with the organisation's name (中国银行, 解放军总医院, 招商局集团) or no post follows it
    (中国建设银行总行, 华东能源集团董事会). A LinkedIn headline gives them the other way round, `VP Procurement @ Contoso`,
    `采购总监 @ 华东能源`: the organisation after ` at `/` @ ` when the title table reads what stands before it as a post
    (`Helping teams grow at scale`, `Jane Doe at Contoso` stay whole)."""
    headline = _POST_AT.match(cell)
    if headline and read_title(headline["post"]) is not None and classify(headline["post"])[0] == "title":
        return headline["org"].strip(), headline["post"].strip()
    if (of := post_of_org(cell, classify))[
        0
    ]:  # `Chairman and Chief Executive Officer of Huadong Energy Group`
        return of
    if (whose := possessive_org_and_post(cell, classify))[0]:  # `Huadong Group's CEO`
        return whose
    ends = [m.end() for m in ORG_END.finditer(cell)]
    if not ends:  # `Northwind Logistics CEO`: a company with no legal form, then a top post
        return latin_org_and_post(cell)
    end = branch_end(cell, ends[-1])  # 中国银行上海分行行长: the bank's branch, then the post
    org, post = cell[:end].strip(), cell[end:].strip()
    spaced = cell[end : end + 1].isspace()  # `Acme Co-founder` is no company and its post
    if not post or ORG_END.fullmatch(org) or not (spaced or _HAN_CHAR.match(cell[end - 1])):
        return "", cell
    return (org, post) if classify(post)[0] == "title" else ("", cell)
