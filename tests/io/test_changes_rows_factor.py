"""An outside factor changed, as the review's What changed says it: the Chinese PDF and deck read "effect on us 1 → 1"
in English — the word sat inside an f-string, where makemessages never saw it — and said the effect changed when only
the description had (a reviewer's trial). Only what changed, in the reader's language."""

from __future__ import annotations

from django.utils import translation

from battlemap.io.export.changes_rows import account_rows


def _factor(before: dict, after: dict) -> dict:
    return {"factors_changed": [{"kind_label": "政策", "before": before, **after}]}


def test_a_changed_description_alone_says_no_effect():
    with translation.override("zh-hans"):
        [[_title, text]] = account_rows(
            _factor({"description": "信创", "effect": 1}, {"description": "信创目录", "effect": 1})
        )
    assert "信创 → 信创目录" in text and "1 → 1" not in text and "effect" not in text


def test_a_changed_effect_is_said_in_the_readers_language():
    for lang, word in (("zh-hans", "对我方的影响"), ("en", "effect on us")):
        with translation.override(lang):
            [[_title, text]] = account_rows(
                _factor({"description": "信创", "effect": 1}, {"description": "信创", "effect": -1})
            )
        assert f"{word} 1 → -1" in text and "信创 →" not in text
