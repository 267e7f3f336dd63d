"""What a whole pasted line is before it is split into cells: a page's heading (`heading`: 领导班子, `一、公司领导`,
`Board of Directors`) and the department one names (`heading_unit`: `三、采购部`), a numbered list's number before a
person (`unnumbered`: `1. 张三 总经理`), a member list's heading, avatar and roles (`ROSTER_NOISE`, `roster_line`).
`battlemap.io.paste` reads the lines with them. Pure Python, no Django.
"""

from __future__ import annotations

import re

from battlemap.io.matching import HAN_SPACE, without_honorific
from battlemap.io.sections import COMMON_FAMILY_NAMES, section_unit


def _kind(cell: str) -> str:
    """What a cell is (`cells.classify`, which splits the lines these read: imported when first called)."""
    from .cells import classify

    return classify(cell)[0]


# A page's heading on a line of its own, over the people it lists (a leaders page's 领导班子, a site's `Our team`): no
# one's name (a fresh trial: 领导信息 was a card on the org chart and in the PDF). Whole lines of a closed list only,
# without a closing colon: 王领导 addresses a person, and a name of two to four characters stays a name (高管 too).
# The bodies a leaders page lists its people under (董事会, 监事会, 党委, 中层干部) are headings too: no unit of the map
# (a 董事长 who is also 总经理 sits on the board, he does not work in it), and the title says the seat.
_HAN_HEADING = re.compile(
    r"(?:公司|集团|本公司|现任|本届|单位)?(?:领导|高管团队|管理层|管理团队|核心团队|经营团队|班子成员|高级管理人员"
    r"|董事会|监事会|党委|党委会|纪委|经理层|经营层|(?:中层|高层|领导)(?:干部|领导|管理人员))"
    r"(?:班子|信息|简介|介绍|成员|名单|分工|团队)?|高管(?:信息|简介|介绍|名单)"
)
HEADINGS = frozenset(
    (
        "leadership|leadership team|our leadership|our leadership team|the leadership team|management|"
        "management team|our management team|the management team|senior management|senior leadership|"
        "senior leadership team|executive team|executive leadership|executives|our executives|our team|the team|"
        "meet the team|meet our team|team|people|our people|board of directors|management board|executive board|"
        "board|the board|our board|supervisory board|board of supervisors|advisory board"
    ).split("|")
)
# A section of a leaders page that lists the heads of departments (`二、总部部门负责人`, `（三）各单位主要负责人`): a
# heading after a section's number only — on a line of its own under a name, 部门负责人 is that person's post
_HEADS_OF_UNITS = re.compile(
    r"(?:总部|本部|机关|集团|公司)?各?(?:职能|直属|二级|下属)?(?:部门|单位|处室)(?:主要)?(?:负责人|领导)(?:名单|信息)?"
)
# The company before a heading's words, as 公司 before 领导 (`_HAN_HEADING`): `Company leadership`, `Group management`
_COMPANY = re.compile(r"^(?:the )?(?:company|group|corporate|our company's|the company's)\s+")
# A section's number before a heading, as a Word document or a leaders page numbers them: 一、 （二） 第一部分 (a Chinese
# document's sections, `_HAN_SECTION`), `I.` `IV.` (an English document's), `1.` `2、` `(3)` `①` — `一、公司领导`,
# `I. Management`. A section's (`section`), never a list's, names the department of the people under it.
_HAN_SECTION = r"[一二三四五六七八九十]{1,3}\s*[、.．]|[（(]\s*[一二三四五六七八九十]{1,3}\s*[)）]|第\s*[一二三四五六七八九十\d]{1,3}\s*(?:部分|章|节|篇)"
_LIST_NUMBER = r"\d{1,3}\s*[.．、)）](?!\d)|[（(]\s*\d{1,3}\s*[)）]|[①-⑳]"
SECTION_NUMBER = re.compile(rf"^\s*(?:(?P<section>{_HAN_SECTION}|[IVX]{{1,4}}\s*[.．、])|{_LIST_NUMBER})\s*")
# A numbered list's number before a person (`1. 张三 总经理`, `2、李四`, `(3) Jane Doe`): no part of the name. Roman
# numerals are not taken off a line: `C. Wang`, `V. Kumar` are initials.
LIST_NUMBER = re.compile(rf"^\s*(?:{_HAN_SECTION}|{_LIST_NUMBER})\s*(?=\S)")
# A member list copied from a group chat (WeCom, DingTalk, Feishu) or a meeting (Teams, Zoom, 腾讯会议): its
# heading with the count (`Participants (4)`, `参会成员(3)`), an avatar's alt text (`[头像]`) — no one's field —
# and the role a name is shown with (`(Organizer)`, `（外部）`, `(Host, me)`), no part of the name.
# A LinkedIn "People" page copied is a member list too: its buttons on lines of their own (`Connect`, `Message`,
# `Follow`, 加为好友, 发消息) are no one's name, and a connection's degree after a name (`John Smith · 2nd`) no title.
# A role on a line of its own (Teams shows `Organizer` under the name) is no one's name either.
_ROLE = r"外部|external|guest|organi[sz]er|host|co-host|me|presenter|unverified|主持人|联席主持人|主讲人|我|访客|嘉宾"
_BUTTONS = r"connect|message|follow|following|pending|view profile|加为好友|发消息|关注|已关注|查看档案"
# What a screen reader says, copied with the page, is on lines of its own: `View Jane Doe’s profile` under the name,
# the degree alone (`• 2nd`) and said (`2nd degree connection`) — no one's title (a trial's copy had every
# card's title `View … profile` and its headline refused as a second title).
_SCREEN_READER = (
    r"view\s+\S.{0,80}?['’]s?\s+profile|(?:[·•]\s*)?(?:1st|2nd|3rd\+?)(?:\s+degree\s+connection)?"
)
# A mail header's fields that name no one (Gmail's and Outlook's `Sent:`, `Subject:`, 发送时间, 主题), pasted with its
# From / To / Cc (the invite's labels: `cells.INVITE_LABEL`)
_MAIL_FIELDS = r"(?:sent|date|subject|importance|发送时间|发送日期|日期|时间|主题|重要性)\s*[:：].*"
# A mail's separators, no one's name: Outlook's `-----Original Message-----` / `-----原始邮件-----`, Gmail's `---------- Forwarded
# message ---------`, and a line of dashes or underscores alone (`________________________________`)
_SEPARATOR = r"[-_=~—–]{5,}|[-_=~—–]{3,}[^-_=~—–]{1,40}?[-_=~—–]{3,}"
ROSTER_NOISE = re.compile(
    r"^\s*(?:[^\t@]{1,40}?\s*[（(]\s*\d{1,4}\s*[)）]|\[[^\]]{1,10}\]|【[^】]{1,10}】|"
    rf"(?i:{_BUTTONS}|{_ROLE}|{_MAIL_FIELDS})|{_SEPARATOR})\s*$"
)
# A reply's quote marks (`> `, `>> `) at a line's head: the quoted signature is read as it was written
QUOTE_MARKS = re.compile(r"^[ \t]*(?:>(?=[ \t>]|$)[ \t]?)+", re.MULTILINE)
# A reply's attribution line: the writer, after the date (`On Mon, Mar 2, 2026 at 9:14 AM Jane Doe <jane@x.com> wrote:`,
# `Le 2 mars 2026 à 09:14, Jane Doe <…> a écrit :`, `在 2026年3月2日 上午9:14，王建国 <…> 写道：`, `2026年3月2日 周一 09:14，王建国
# <…> 写道：`, Gmail's Spanish `El lun, 2 mar 2026 a las 9:14, Jane Doe (<…>) escribió:`, Italian `Il giorno lun 2 mar 2026
# alle ore 09:14 Jane Doe <…> ha scritto:`, Portuguese `Em seg., 2 de mar. de 2026 às 09:14, Jane Doe <…> escreveu:`) or
# before it (Gmail's `王建国 <…> 于2026年3月2日周一 09:14写道：`), or after `schrieb` (`Am 02.03.2026 um 09:14 schrieb Jane Doe
# <…>:`), or after a Japanese date with no word for "wrote" (`2026年3月2日(月) 9:14 Jane Doe <…>:`) (`attribution`)
_ADDRESS = r"<(?P<email>[^<>\s@]+@[^<>\s]+)>"
_WROTE = r"wrote|a\s+écrit|写道|escribió|ha\s+scritto|escreveu"
_ATTRIBUTION = re.compile(
    rf"^\s*(?:(?:On|Le|在|El|Em|Il\s+giorno)\s)?(?P<when>[^<>]*?)\s*\(?{_ADDRESS}\)?\s*(?:于[^<>]*?)?\s*(?:{_WROTE})\s*[:：]\s*$"
    rf"|^\s*Am\s[^<>]*?\sschrieb\s+(?P<writer>[^<>]*?)\s*<(?P<to>[^<>\s@]+@[^<>\s]+)>\s*:\s*$"
    rf"|^\s*(?P<day>\d{{4}}年\d{{1,2}}月\d{{1,2}}日[^<>]*?)\s*<(?P<at>[^<>\s@]+@[^<>\s]+)>\s*[:：]\s*$"
)
# An attribution is a short line: a longer one is none (read against the pattern, a line of 64,000 characters
# repeating `schrieb` took 9 s, each `schrieb` a new start for the writer's name)
ATTRIBUTION_MAX = 400


def _attributed(line: str) -> re.Match[str] | None:
    return _ATTRIBUTION.match(line) if len(line) <= ATTRIBUTION_MAX else None


_WHEN_END = re.compile(r"[,，]|\d{1,2}:\d{2}(?:\s*[AaPp]\.?[Mm]\.?)?|\b\d{4}\b")
# A date's day and month before the name, when no comma, time or year ends the date (`On 2 March Jane Doe`, `On Mar 2
# Jane Doe`, `Le 2 mars Jane Doe`): no part of the name
_MONTH = (
    r"jan(?:uary|v|vier)?|feb(?:ruary)?|févr(?:ier)?|mar(?:ch|s)?|apr(?:il)?|avr(?:il)?|may|mai|june?|juin|"
    r"july?|juil(?:let)?|aug(?:ust)?|août|sept?(?:ember|embre)?|oct(?:ober|obre)?|nov(?:ember|embre)?|"
    r"dec(?:ember)?|déc(?:embre)?"
)
_DAY_MONTH = re.compile(
    rf"^\s*(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?\s+)?(?:\d{{1,2}}(?:st|nd|rd|th|er)?\.?\s+(?:{_MONTH})\.?|(?:{_MONTH})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?)(?:\s+(?:at|à))?\s+",
    re.IGNORECASE,
)
_MAIL_LINE = re.compile(rf"^\s*(?:(?i:{_MAIL_FIELDS})|{_SEPARATOR})\s*$")
_QUOTED_NAME = re.compile(r'"([^"]+)"\s*$')  # `On Mon, "Doe, Jane" <…> wrote:`: the comma is the name's
# … and, unlike a button between two cards, no end of a card: the name above and the headline below stay one block
SCREEN_READER = re.compile(rf"^\s*(?i:{_SCREEN_READER})\s*$")
_DEGREE = re.compile(r"\s*[·•]\s*(?:1st|2nd|3rd\+?|[一二三]度\+?)\s*$", re.IGNORECASE)
ROSTER_ROLE = re.compile(rf"\s*[（(]\s*(?:{_ROLE})(?:\s*[,，、]\s*(?:{_ROLE}))*\s*[)）]\s*$", re.IGNORECASE)
# WeCom shows an outside contact's company after an @: `孙一鸣@华东能源` (no address: no dot after the @)
ROSTER_COMPANY = re.compile(r"^\s*([\u4e00-\u9fff·]{2,5}|[A-Z][\w' -]{1,40}?)\s*@\s*([^@.\s][^@.]{0,60})$")


# A Chinese name with a bracket after it holding Chinese, as a WeChat group's member nicknames show where each works
# (`张伟(华东能源)`, `赵磊（法务部）`, `王芳（副总经理）`); a bracket of pinyin (`张伟 (Zhang Wei)`) is the name's own
_NAME_BRACKET = re.compile(
    r"^\s*([\u4e00-\u9fff·]{2,5})\s*[（(]\s*([^()（）a-zA-Z]*[\u4e00-\u9fff][^()（）]{1,39}?)\s*[)）]\s*$"
)


# A WeCom card's line: the organisation, the department and the post, dotted (`华东能源 · 信息中心 · 副主任`)
_DOTTED = re.compile(r"\s+[·•]\s+")


def _dotted_card(line: str, named_above: bool) -> str:
    """`华东能源 · 信息中心 · 副主任` → `单位：华东能源 · 信息中心 · 副主任`: in a dotted line of three parts, a department
    and a post after the first, the first is the organisation, however it reads alone (华东能源, with no 集团 or 公司,
    read as a name, was a second person holding the card's phone and e-mail) — but a person's name (`looks_named`:
    `李娜 · 信息中心 · 副主任`, a member list's line) unless the card's name stands alone on the line above
    (`named_above`: `孙一鸣⏎金石 · 信息中心 · 副主任`, 金石 a company). Under that name, a dotted line of two, a post
    after what is no department nor post, is the organisation and the post too (`华东能源 · 副主任`); other lines as
    they are."""
    parts = _DOTTED.split(line.strip())
    if len(parts) not in (2, 3) or _kind(parts[-1]) != "title" or _kind(parts[0]) == "organisation":
        return line
    if len(parts) == 3 and _kind(parts[1]) == "department" and (named_above or not looks_named(parts[0])):
        return f"单位：{line.strip()}"
    if len(parts) == 2 and named_above and _kind(parts[0]) in ("name", "unknown"):
        return f"单位：{line.strip()}"
    return line


def looks_named(text: str) -> bool:
    """A person's name more than an organisation's: a common surname and one or two characters (李娜, 王建国), a compound
    surname's (欧阳娜娜), or two Latin words or more (`Jane Doe`) — `李娜 · 信息中心 · 副主任` stays 李娜's line."""
    from battlemap.io.matching import COMPOUND_SURNAMES

    if text.isascii():
        return len(text.split()) >= 2
    return (len(text) <= 3 and text[0] in COMMON_FAMILY_NAMES) or (
        len(text) <= 4 and text[:2] in COMPOUND_SURNAMES
    )


def roster_line(line: str, named_above: bool = False) -> str:
    """A line of a member list as the paste reads it: the role shown with a name taken off (`Fang Wang (Organizer)`
    → `Fang Wang`), a connection's degree too (`John Smith · 2nd`), a WeCom card's dotted organisation (`_dotted_card`;
    `named_above`: the line above is a name alone), a company after a name's or a post's @ labelled as one
    (`孙一鸣@华东能源` → `孙一鸣 | 单位：华东能源`, `VP Procurement @ Contoso`); other lines as
    they are. (A trial's Teams list was one person named `Participants (4)` holding the others as title and
    organisation.)"""
    line = _dotted_card(_DEGREE.sub("", ROSTER_ROLE.sub("", line)) or line, named_above)
    bracket = _NAME_BRACKET.match(line)
    if (
        bracket
        and _kind(bracket[1]) == "name"
        and len(without_honorific(bracket[1] + bracket[2])) > len(bracket[1])
    ):
        # `张伟(华东能源)`: a group's nickname, the name and where they work (not `王芳（女士）`, a courtesy word)
        label = {"title": "", "department": "部门："}.get(_kind(bracket[2]), "单位：")
        return f"{bracket[1]} | {label}{bracket[2].strip()}"
    company = ROSTER_COMPANY.match(line)
    if company and _kind(company[1]) in (
        "name",
        "title",
    ):  # a name or a post before the @: `采购总监 @ 华东能源`
        return f"{company[1].strip()} | 单位：{company[2].strip()}"
    return line  # `Looking for new roles @ anywhere`: whole


# A business card's OCR letter-spacing: Chinese characters each apart, a wider gap between the words
_SPACED_HAN = re.compile(r"^[\u3400-\u9fff](?:[ \u3000]+[\u3400-\u9fff]){2,}$")
_HAN_GAP = re.compile(r"(?<=[\u3400-\u9fff])[ \u3000]+(?=[\u3400-\u9fff])")


def unspaced(line: str) -> str:
    """A line of Chinese characters each set apart, as a business card's OCR gives them: `信  息  中  心    主  任` →
    `信息中心 主任` — the narrowest gap between characters is only their spacing (then `matching.HAN_SPACE`'s, one space,
    as a name's `张 伟`), a wider one parts words, so the department and the post are read apart; other lines as
    they are (a card's title was `信 息 中 心 主 任`, spaces kept)."""
    if not _SPACED_HAN.match(line.strip()):
        return line
    narrow = min(len(gap) for gap in _HAN_GAP.findall(line))
    words = _HAN_GAP.sub(lambda gap: " " if len(gap[0]) == narrow else "  ", line.strip())
    return " ".join(HAN_SPACE.sub("", words).split())


# A name set apart as a card or a member list spaces it: a surname, spaces, the given name of one or two characters
_SPACED_NAME = re.compile(r"^([\u4e00-\u9fff]{1,2})[ \u3000]+([\u4e00-\u9fff]{1,2})(?=[\s|｜/,，;；]|$)")


def spaced_name(line: str) -> str:
    """A line opening with a Chinese name whose surname stands apart from the given name (`张 伟 总经理 139…`,
    `张   伟    总经理`, `欧阳 娜娜`) with the name joined, `张伟 总经理 139…` (the whole was read as no person, or 张 the name
    and 伟 the title); a surname is one of `COMMON_FAMILY_NAMES` or a compound one; other lines as they are."""
    from battlemap.io.matching import COMPOUND_SURNAMES

    found = _SPACED_NAME.match(line.strip())
    if not found or (found[1] not in COMMON_FAMILY_NAMES and found[1] not in COMPOUND_SURNAMES):
        return line
    return found[1] + found[2] + line.strip()[found.end() :]


def heading(line: str) -> bool:
    """A page's heading on a line of its own (`HEADINGS`, `_HAN_HEADING`), no one's name: 领导信息, 公司领导：,
    `Leadership team`, `Our Team`, the bodies people are listed under (董事会, 监事会, 党委, `Board of Directors`), and
    any of them after a section's number (`SECTION_NUMBER`: `一、公司领导`, `1. Leadership team`, `I. Management`)."""
    line = " ".join(line.strip().rstrip(":：").split())
    if _COMPANY.sub("", line.casefold()) in HEADINGS or _HAN_HEADING.fullmatch(line) is not None:
        return True
    numbered = SECTION_NUMBER.match(line)
    rest = line[numbered.end() :] if numbered else ""
    if not rest or rest == line:
        return False
    # a heading after its number (`一、公司领导`, `1. Leadership team`, `I. Management`), or after a document's
    # section number what is no person nor field of one (`（二）中层干部`, `三、采购部`, `II. Procurement Department`):
    # `一、张三` is a name; or the heads of the departments (`二、总部部门负责人`: `_HEADS_OF_UNITS`)
    return heading(rest) or bool(
        numbered
        and numbered["section"]
        and (_kind(rest) in ("department", "organisation") or _HEADS_OF_UNITS.fullmatch(rest) is not None)
    )


def mail_begins(line: str) -> bool:
    """A line a mail's quoted or forwarded part begins or goes on with: a reply's attribution, a header's field
    (`Sent:`, `Subject:`, 主题), a separator (`-----Original Message-----`); the prose under it is no one's field
    (`cells.is_sentence`'s `mail`)."""
    return bool(_attributed(line) or _MAIL_LINE.match(line))


def attribution(line: str) -> str:
    """A reply's attribution line (`_ATTRIBUTION`) as its writer, `Jane Doe <jane@x.com>`: the words after the date's last
    comma, time or year, and after its day and month (`_DAY_MONTH`); "" when what is left still holds a date's figure
    (a date written some other way: the caller lists the line as not read, never a name with a date inside — a trial's
    was the person `2 March Jane Doe`, `On Mon` titled `Mar 2`); other lines as they are."""
    said = _attributed(line)
    if not said:
        return line
    if said["to"]:
        name, email = said["writer"].strip(), said["to"]
    elif said["at"]:  # `2026年3月2日(月) 9:14 Jane Doe <…>:`: the words after the time
        name, email = _WHEN_END.split(said["day"])[-1].strip(), said["at"]
    elif quoted := _QUOTED_NAME.search(said["when"]):
        name, email = quoted[1].strip(), said["email"]
    else:
        name, email = _DAY_MONTH.sub("", _WHEN_END.split(said["when"])[-1]).strip(), said["email"]
    if re.search(r"\d", name):
        return ""
    return f'"{name}" <{email}>' if "," in name else f"{name} <{email}>".strip()


def unnumbered(line: str) -> str:
    """A line of a numbered list without its number (`LIST_NUMBER`): `1. 张三 总经理` → `张三 总经理`; other lines as they
    are. (A fresh trial: `1. Jane Doe⏎2. John Smith` was one person, `1. Jane Doe`, titled `2. John Smith`.)"""
    return line if heading(line) else LIST_NUMBER.sub("", line, count=1)


def heading_unit(line: str) -> str:
    """The department a heading (`heading`) names for the people listed under it: a department's name after a
    document's section number, `三、采购部`, `（二）信息中心`, `II. Procurement` → 采购部, 信息中心, Procurement — read as the people import reads a `财务部：`
    row above its people (`io.sections.section_unit`, the one rule) —; "" for any other heading: a body's
    (`二、董事会`, `（二）中层干部`) is no one's department (a 董事长 who is also 总经理 sits on the board, he does not work
    in it), nor is a page's (`一、公司领导`)."""
    line = " ".join(line.strip().rstrip(":：").split())
    numbered = SECTION_NUMBER.match(line)
    rest = line[numbered.end() :] if numbered and numbered["section"] else ""
    if not rest or heading(rest):
        return ""
    return section_unit(rest) or ""
