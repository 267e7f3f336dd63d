"""Job titles as evidence of level, in Chinese and English (state-owned, private and foreign companies).

`read_title("副总经理")` → `TitleReading(level=6, function="general_management", ...)`. Levels run from 1
(staff) to 8 (chair of the board / party secretary); the table is documented in docs/inference.md. A title
that names several posts ("VP & CTO", "党委书记、董事长") takes the highest. Modifiers:

- 副 / Deputy / Vice (outside the rows that name them, e.g. 副总经理, Vice President): one level down;
- Assistant / Asst / 助理 before a post ("Assistant General Counsel", "总经理助理"): one level down
  (two for the top posts, whose assistants are staff officers, not deputies);
- Acting / 代理 / 代 / 常务 / Senior / Sr. / 高级: the same level as the post.

Pure Python; the table is data, not code, so a reviewer reads one place: `title_table`.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from battlemap.inference.title_table import EN_POSTS, FUNCTIONS, LEVEL_NAMES, ZH_POSTS

_EN_WORDS = tuple(
    (re.compile(rf"\b(?:{pattern})\b"), level, function) for pattern, level, function in EN_POSTS
)
_ASSISTANT_EN = re.compile(r"\b(assistant|asst\.?|asst)\b")
# an assistant or secretary *to* someone ("Executive Assistant to the CEO") is staff, whoever they serve
_ASSISTANT_TO_EN = re.compile(
    r"\b(?:assistant|asst|secretary)\s+to\b|\b(?:executive|personal|administrative)\s+assistant\b"
)
_DEPUTY_EN = re.compile(r"\b(deputy|vice)\b")
_SPLIT = re.compile(r"\s*(?:[&/,;、，；|+()]|\band\b|\bof\b(?=\s+enron)|兼|及)\s*")

# 首席…官 is a C-level officer (首席数字官, 首席运营官, 首席风险官), as "Chief … Officer"; the rows above that
# name one (首席执行官, 首席财务官…) win over this pattern
_ZH_CHIEF_OFFICER = re.compile(r"首席[\u4e00-\u9fff]{1,4}官")
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_LATIN = re.compile(r"[a-z]")
# A unit is not a post: "总经理办公室", "CEO Office", "President's Office", "Office of the CEO", "董事会"
# name a department or a body. In Chinese the post ends the word (a post followed by more characters —
# 总经理|办公室, 董事|会, 请总经理|审批 — is part of another word); in English a post followed by a unit word,
# or after "office of (the)", names the unit (or a meeting: "the VP meeting").
UNIT_WORDS_EN = ("office", "offices", "department", "dept", "division", "team", "unit")  # io.names.UNIT too
_UNIT_AFTER_EN = re.compile(
    rf"^(?:['’]s)?\s+(?:{'|'.join(UNIT_WORDS_EN)}|meeting|meetings|committee|council)\b"
)
_UNIT_BEFORE_EN = re.compile(r"\boffice of(?: the)?\s+$")
# The leadership of a unit — a branch, subsidiary, region, division, province (分公司总经理, Regional General
# Manager, Country Manager, Division President) — stands one level below the same post at the top, so a
# branch's general manager (6) can report to the group's (7). Only posts of level 5 and up move: a unit's
# directors and staff keep their level, as the table cannot tell a group department from a branch one.
_UNIT_ZH = re.compile(
    r"分公司|子公司|分子公司|区域|大区|片区|地区|事业部|事业群|省公司|市公司|分部|分行|支行|分院|分厂|分局|办事处"
)
_UNIT_EN = re.compile(
    r"\b(?:country|regional|region|area|district|zone|division|divisional|branch|subsidiary|"
    r"business unit|provincial|province)\b"
)
UNIT_LEVELS_FROM = 5


@dataclass(frozen=True, slots=True)
class TitleReading:
    title: str
    level: int  # 1 staff .. 8 chair
    function: str  # finance, legal, engineering, it, procurement, sales, hr, operations, trading, party,
    # board, general_management, or "" when the title does not say

    @property
    def level_name(self) -> str:
        return LEVEL_NAMES[self.level]


def _fold(title: str) -> str:
    text = unicodedata.normalize("NFKC", title).casefold()
    return re.sub(r"\s+", " ", text.replace(".", " ")).strip()


def _en_match(part: str) -> tuple[int, str, str] | None:
    """The highest post named, counting a match only where no longer match covers it ("vice president"
    hides "president"; "lead engineer" is a lead) and where it names a post, not a unit ("CEO Office")."""
    found = []
    for pattern, level, function in _EN_WORDS:
        for m in pattern.finditer(part):
            found.append((m.end() - m.start(), m.start(), m.end(), level, function))
    taken: list[tuple[int, int]] = []
    best: tuple[int, str, str] | None = None
    for _length, start, end, level, function in sorted(found, key=lambda f: (-f[0], f[1])):
        if any(start < e and s < end for s, e in taken):
            continue
        taken.append((start, end))
        if _UNIT_AFTER_EN.match(part[end:]) or _UNIT_BEFORE_EN.search(part[:start]):
            continue
        if best is None or level > best[0]:
            best = (level, function, part[start:end])
    return best


def _ends_word(part: str, end: int) -> bool:
    """A Chinese post ends its word: nothing, or no Chinese character, follows it."""
    return end == len(part) or not _CJK.match(part[end])


def _zh_match(part: str) -> tuple[int, str, int, int] | None:
    best: tuple[int, str, int, int] | None = None  # (level, function, length, end)
    best_key: tuple[int, int, int] = (-1, -1, -1)
    candidates = [(word, level, function, 1) for word, level, function in ZH_POSTS]
    candidates += [(m.group(0), 6, "", 0) for m in _ZH_CHIEF_OFFICER.finditer(part)]
    for word, level, function, named in candidates:
        at = part.rfind(word)
        while at >= 0 and not _ends_word(part, at + len(word)):
            at = part.rfind(word, 0, at + len(word) - 1)
        if at < 0:
            continue
        end = at + len(word)
        # the post is the last word of the title (总经理助理 is an assistant, 销售经理 a manager); among
        # words ending at the same place the longest wins (副总经理 over 总经理), then a named row
        key = (end, len(word), named)
        if key > best_key:
            best, best_key = (level, function, len(word), end), key
    return best


def _step_down(level: int) -> int:
    """An assistant's level below their post: one down, two for the top posts (levels ≥ 6), whose assistants
    are staff officers, not deputies (总经理助理 and Assistant General Manager: 5)."""
    return max(1, level - (2 if level >= 6 else 1))


def _read_part(part: str, whole: str) -> tuple[int, str] | None:
    # each table is read only where its script stands: a paste's thousands of cells are read in a second
    zh = _zh_match(part) if _CJK.search(part) else None
    if zh is not None:
        level, function, length, end = zh
        start = end - length
        boss = _zh_match(part[:start]) if part[start:end] == "助理" and start > 0 else None
        if boss is not None and boss[3] == start:  # 部长助理: an assistant to a head, below the head
            level, function = _step_down(boss[0]), boss[1]
            start -= boss[2]
        elif part[:start].endswith("助理"):  # 助理总经理, as 总经理助理
            level = _step_down(level)
        elif start > 0 and part[start - 1] == "副":  # 副 before a post the table does not name
            level = max(1, level - 1)
        before = part[:start]
        if level >= UNIT_LEVELS_FROM and (_UNIT_ZH.search(before) or before.endswith("区")):  # 华东区总经理
            level -= 1
        return level, function
    en = _en_match(part) if _LATIN.search(part) else None
    if en is None:
        return None
    level, function, post = en
    if _ASSISTANT_TO_EN.search(part):
        return 1, ""
    rest = part.replace(post, " ", 1)  # modifiers outside the post ("deputy director" names its own)
    if _ASSISTANT_EN.search(rest) and level > 1:
        level = _step_down(level)
    elif _DEPUTY_EN.search(rest):
        level = max(1, level - 1)
    # English names the unit anywhere in the title ("General Manager, Northern Region"), so the whole of it
    if level >= UNIT_LEVELS_FROM and (_UNIT_EN.search(whole) or _UNIT_ZH.search(whole)):
        level -= 1
    return level, function


# A former post, as a signature gives it after the current one: "高级顾问（原总经理）", "前副总裁", "Advisor (former
# CEO)", "ex-CFO" (review h4 #8). 原料…, 前台, 前端 and their like are words of a unit or a post, not "former".
_FORMER = re.compile(r"^(?:(?:原|前)(?!料|材料|辅|油|子|台|端|沿|线|厅|期|处理)|former\b|ex[- ])")


def read_title(title: str | None) -> TitleReading | None:
    """The level and function a job title states, or None when it names no post we know (or only a unit:
    "总经理办公室", "Office of the CEO"); a former post (`_FORMER`: 原总经理, 前…, former, ex-) gives none. The table and its rules: docs/inference.md, "Titles as evidence"."""
    if not title or not title.strip():
        return None
    text = _fold(title)
    parts = [p for p in _SPLIT.split(text) if p.strip()]
    current = [p for p in parts if not _FORMER.match(p.strip())]
    if len(current) < len(parts):  # a former post says what they were, not their level now
        if not current:
            return None
        text = " ".join(current)
        parts = current
    readings = [r for r in (_read_part(p, text) for p in parts) if r is not None]
    whole = _read_part(text, text)
    if whole is not None:
        readings.append(whole)
    if not readings:
        return None
    level = max(level for level, _function in readings)
    function = next((f for lv, f in readings if lv == level and f), "")
    if not function:
        function = next((name for pattern, name in FUNCTIONS if re.search(pattern, text)), "")
    if not function and level >= 7:
        function = "general_management"
    return TitleReading(title=title.strip(), level=level, function=function)


# A line of free text (a signature's) is a title only when it looks like one: short, no sentence
# punctuation, no words of a sentence or a request ("请总经理审批。", "Please forward to the CEO", "Thanks,
# see you at the VP meeting" name a post but are sentences), no salutation ("林主任：", "林主任：本周POC进展如下……",
# "各位领导：" — a colon with text after it or a line ending in a colon or comma opens a message, it signs none).
# Pronouns that are also abbreviations in titles ("US", "ME", "I" in "Engineer I") are left out of the English
# words. A Chinese title, with its unit and company, fits in `TITLE_LINE_MAX_HAN` characters; more is a sentence.
TITLE_LINE_MAX_CHARS = 80
TITLE_LINE_MAX_WORDS = 12
TITLE_LINE_MAX_HAN = 30
# matched on the NFKC form, where … is "...", ： ":" and ， ","; a full stop after a lower-case word ends a
# sentence ("The CFO agrees."), after an abbreviation it does not ("Procurement Mgr.")
_SENTENCE_MARKS = re.compile(r"[。！？!?…]|\.\.\.|:\s*\S|[:,;、]\s*$|\b[a-z]{3,}\.\s*$")
_SENTENCE_EN = re.compile(
    r"\b(?:please|pls|plz|kindly|thanks|thank|thx|regards|cheers|dear|hi|hello|see|let|let's|attached|"
    r"i'm|we|you|your|yours|our|my|he|she|they|them|his|her|their|will|would|could|should|shall|must|"
    r"is|are|was|were|been|have|has|had|does|did|not|if|when|this|that|these|those|here|there)\b"
)
_SENTENCE_ZH_START = (
    "请", "烦请", "麻烦", "敬请", "恳请", "谢谢", "感谢", "多谢", "附件", "附上", "如有", "如需", "若",
    "祝", "此致", "您好", "你好", "大家好", "各位", "收到", "已", "将", "关于", "根据", "按照", "发自",
)  # fmt: skip
_SENTENCE_ZH = re.compile(
    r"我|您|你|谢谢|审批|批示|审阅|查收|查阅|汇报|转发|转给|报给|发给|抄送|参加|出席|的"
)


def read_title_line(line: str | None) -> TitleReading | None:
    """`read_title` of a line of free text that looks like a title, else None: a signature's title line
    (io/mail/signature.py). At most `TITLE_LINE_MAX_CHARS` characters, `TITLE_LINE_MAX_WORDS` words and
    `TITLE_LINE_MAX_HAN` Chinese characters; no 。！？!?…, no colon followed by text, no colon or comma at the end
    (a salutation: "林主任：", "Hi Tom,"); no words of a sentence or a request (请…, 谢谢, 我/您, 审批, please, thanks, you, is …)."""
    if not line or len(line.strip()) > TITLE_LINE_MAX_CHARS:
        return None
    text = _fold(line)
    if (
        len(text.split()) > TITLE_LINE_MAX_WORDS
        or len(_CJK.findall(text)) > TITLE_LINE_MAX_HAN
        or _SENTENCE_MARKS.search(unicodedata.normalize("NFKC", line))
        or _SENTENCE_EN.search(text.replace("’", "'"))
        or text.startswith(_SENTENCE_ZH_START)
        or _SENTENCE_ZH.search(text)
    ):
        return None
    return read_title(line)
