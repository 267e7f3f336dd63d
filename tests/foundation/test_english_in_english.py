"""The English interface says things in English: no English message carries Chinese, except the few
that show what a user may type or find in a file (a header 姓名, a search for 国电)."""

from __future__ import annotations

import re
from pathlib import Path

import polib

HAN = re.compile("[\u4e00-\u9fff]")
ROOT = Path(__file__).resolve().parents[2] / "battlemap"
EXAMPLES_OF_INPUT = (
    "No column holds the people's names (e.g. Name, 姓名",
    "A Salesforce, HubSpot or Dynamics 365 contact export",
    "Name or pinyin, e.g. 国电",
    "the person left the company, and the file has no leaving date column",  # the header to add: 离职日期
    "the team's slug or name (华东大客户部)",  # `createuser --team`: a Chinese name gets a pinyin slug
    "an existing team's slug or name (华东大客户部)",  # the same, since --create-team
    "Give the day as 2026-12-31 (2026/12/31",  # core.dates.read_day reads 2026年12月31日 too
    "Give an amount such as 1,200,000",  # core.money.read_amount reads 120万 and 1.2亿 in every language
    "As you write it: 1,200,000, 120万",
)


def test_no_english_message_is_in_chinese():
    found = []
    for po in sorted(ROOT.glob("*/locale/en/LC_MESSAGES/django.po")):
        for entry in polib.pofile(str(po)):
            shown = entry.msgstr or entry.msgid
            if HAN.search(shown) and not entry.msgid.startswith(EXAMPLES_OF_INPUT):
                found.append(f"{po.parts[-5]}: {shown[:100]}")
    assert not found, found
