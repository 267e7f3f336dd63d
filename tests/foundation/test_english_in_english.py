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
    "%(time)s is not a time of day: give it as 14:30",  # the time box (interactions.forms) reads 下午2:30 too
    "Give an amount such as 1,200,000",  # core.money.read_amount reads 120万 and 1.2亿 in every language
    "As you write it: 1,200,000, 120万",
    "duties (主持…, 分管…)",  # a paste's duty lines, as a Chinese leaders page writes them (io.paste.duties.duty)
)


def test_no_english_message_is_in_chinese():
    found = []
    for po in sorted(ROOT.glob("*/locale/en/LC_MESSAGES/django.po")):
        for entry in polib.pofile(str(po)):
            shown = entry.msgstr or entry.msgid
            if HAN.search(shown) and not entry.msgid.startswith(EXAMPLES_OF_INPUT):
                found.append(f"{po.parts[-5]}: {shown[:100]}")
    assert not found, found


def test_an_english_message_says_its_own_words():
    """The English catalogs are written in English: a message's English text is the message itself. An entry
    that makemessages guessed from a similar one (fuzzy) and that lost its fuzzy mark said another message —
    the refusal of a duplicate external id read as the duplicate e-mail's ("already has the e-mail %(email)s")."""
    found = []
    for po in sorted(ROOT.glob("*/locale/en/LC_MESSAGES/django.po")):
        for entry in polib.pofile(str(po)):
            if entry.obsolete or "fuzzy" in entry.flags:
                continue  # gettext never reads a fuzzy entry
            if entry.msgid_plural:
                forms = [f for f in entry.msgstr_plural.values() if f]
                if forms and forms != [entry.msgid, entry.msgid_plural]:
                    found.append(f"{po.parts[-5]}: {entry.msgid[:60]} → {forms[0][:60]}")
            elif entry.msgstr and entry.msgstr != entry.msgid:
                found.append(f"{po.parts[-5]}: {entry.msgid[:60]} → {entry.msgstr[:60]}")
    assert not found, found
