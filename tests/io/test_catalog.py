from __future__ import annotations

from pathlib import Path

import polib

import battlemap.io

LOCALE = Path(battlemap.io.__file__).parent / "locale"


def test_chinese_catalog_is_complete():
    po = polib.pofile(str(LOCALE / "zh_Hans" / "LC_MESSAGES" / "django.po"))
    assert len(po) > 150
    assert not po.fuzzy_entries()
    assert not [e.msgid for e in po.untranslated_entries()]
    assert {e.msgid: e.msgstr for e in po}[
        "row %(row)s, %(column)s: %(message)s"
    ] == "第 %(row)s 行，%(column)s：%(message)s"
