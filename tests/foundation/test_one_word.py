"""One English message, one word on every page. Django merges the apps' catalogs and the app first in
INSTALLED_APPS wins, so a message translated differently in two apps' catalogs shows one app's word everywhere:
"name" (users: 名称) headed a person's column in the analysis where the analysis said 姓名, training's "title"
(标题) read 职务 on a lesson, and the exports said 风险预警 and 行动项 where the web says 风险警示 and 待办事项.
Where the meaning is one, the catalogs agree; where it differs by place, the code gives the message a context
(pgettext), so each place has its own entry."""

from collections import defaultdict
from pathlib import Path

import polib
import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "battlemap"

# the terms the product chose (docs/vocabulary.md), and the ones no catalog may use for them any more
RETIRED_TERMS = {"行动项": "待办事项", "风险预警": "风险警示"}


def _translated(entry: polib.POEntry) -> tuple[str, ...]:
    if entry.msgid_plural:
        return tuple(entry.msgstr_plural[n] for n in sorted(entry.msgstr_plural))
    return (entry.msgstr,)


def _translations(language: str) -> dict[tuple[str | None, str, str], dict[tuple[str, ...], list[str]]]:
    """(msgctxt, msgid, msgid_plural) → each translation → the apps whose catalog gives it."""
    found: dict = defaultdict(lambda: defaultdict(list))
    for path in sorted(PACKAGE.glob(f"*/locale/{language}/LC_MESSAGES/django.po")):
        for entry in polib.pofile(str(path)):
            text = _translated(entry)
            if entry.obsolete or "fuzzy" in entry.flags or not any(text):
                continue  # an untranslated message shows its English source, the same in every app
            found[(entry.msgctxt, entry.msgid, entry.msgid_plural)][text].append(path.parts[-5])
    return found


@pytest.mark.parametrize("language", ["zh_Hans", "en"])
def test_a_message_is_translated_alike_in_every_catalog(language):
    clashes = [
        f"{'[' + context + '] ' if context else ''}{msgid!r}: "
        + "; ".join(f"{' / '.join(text)!r} in {', '.join(apps)}" for text, apps in texts.items())
        for (context, msgid, _plural), texts in sorted(_translations(language).items(), key=str)
        if len(texts) > 1
    ]
    assert not clashes, (
        "translated differently in two catalogs (agree, or give each place a context):\n" + "\n".join(clashes)
    )


def test_no_catalog_says_a_retired_term():
    found = [
        f"{path.parts[-5]}: {entry.msgid!r} → {text!r} (say {RETIRED_TERMS[term]})"
        for path in sorted(PACKAGE.glob("*/locale/zh_Hans/LC_MESSAGES/django.po"))
        for entry in polib.pofile(str(path))
        for text in _translated(entry)
        for term in RETIRED_TERMS
        if term in text
    ]
    assert not found, "\n".join(found)
