"""A hand-kept list's one-cell heading rows (`信息中心（3人）`, `Sales team (4 people)`, `财务部：`): the unit they
name, the people below them belonging to it (`section_unit`). The people import (`io.tabular.layout.take_sections`)
and paste-to-add (`io.paste.lines.heading_unit`: `三、采购部`) read headings with it. Pure Python, no Django (the
mail parsers, which read signatures with the paste, must stay free of it).
"""

from __future__ import annotations

import re

# A hand-kept list groups its people under one-cell heading rows (`信息中心（3人）`, `Sales team (4 people)`,
# `财务部：`). Such a row is no person: it is listed, and the people below it belong to that unit.
SECTION_COUNT_RE = re.compile(
    r"^(?P<unit>.+?)\s*[（(]\s*(共\s*)?\d+\s*(人|名|位|people|persons?|members?|staff)\s*[)）]\s*[:：]?$",
    re.IGNORECASE,
)
SECTION_UNIT_RE = re.compile(
    r"^(?P<unit>.+?(部|中心|处|科|室|组|团队|事业部|分公司|子公司|办公室|委员会|"
    r"department|dept\.?|team|division|group|office))\s*[:：]?$",
    re.IGNORECASE,
)


# The commonest Chinese family names: a two-character cell that starts with one and ends like a unit (李科, 王处)
# is a person's name, not a heading (科 is a common given name; a trial's 李科 became the unit of the people
# below her). 内科, 一组 or 财务科 stay headings.
COMMON_FAMILY_NAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢"
    "姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
)


def section_unit(text: str) -> str | None:
    """The unit a one-cell heading row names (`信息中心（3人）` -> `信息中心`), or None if it reads otherwise: a
    bare two-character name such as 李科 (`COMMON_FAMILY_NAMES`) is a person, unless a count says otherwise."""
    text = str(text).strip()
    if counted := SECTION_COUNT_RE.match(text):
        return counted.group("unit").strip()
    match = SECTION_UNIT_RE.match(text)
    if match is None or (len(text) == 2 and text[0] in COMMON_FAMILY_NAMES):
        return None
    return match.group("unit").strip()
