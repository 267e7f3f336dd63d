"""Django's `{# … #}` comment ends on its own line: one spread over two lines is not a comment, and the page shows
it as text (the mail page's runs table printed its maintainer's note to every user). Longer notes use
`{% comment %}`."""

from __future__ import annotations

import re
from pathlib import Path

import battlemap

OPEN_COMMENT = re.compile(r"\{#(?:(?!#\}).)*$", re.MULTILINE)


def test_no_template_comment_runs_past_its_line():
    root = Path(battlemap.__file__).parent
    unended = [
        f"{path.relative_to(root)}:{text[: match.start()].count(chr(10)) + 1}"
        for path in sorted(root.rglob("templates/**/*.html"))
        for text in [path.read_text(encoding="utf-8")]
        for match in OPEN_COMMENT.finditer(text)
    ]
    assert unended == []
