"""Every create form guarded by a one-time token says autocomplete="off", so Back never hands its typed values
to a fresh token (the browser case: tests/e2e/test_forms_once.py)."""

from __future__ import annotations

import re
from pathlib import Path

TEMPLATES = Path(__file__).resolve().parents[2] / "battlemap"


def test_every_form_with_a_token_is_not_refilled_by_the_browser():
    unguarded = []
    for path in TEMPLATES.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        for token in re.finditer(r"\{% form_token %\}", text):
            form = text[text.rfind("<form", 0, token.start()) :]
            tag = form[: form.index(">")]
            if 'autocomplete="off"' not in tag:
                unguarded.append(f"{path.relative_to(TEMPLATES)}:{text.count(chr(10), 0, token.start()) + 1}")
    assert unguarded == []
