"""A red flag's severity is named by the one label table, vocab.SEVERITIES (the `severity_label` filter), on
every page that tags a flag — the deal room, the portfolio's worst flag, the map's deal chain — as in the
exports (io.labels.SEVERITY_LABELS): no template spells high / medium / low again."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.template.loader import render_to_string
from django.utils import translation

import battlemap
from battlemap import vocab

PACKAGE = Path(battlemap.__file__).resolve().parent
HAND_SPELLED = re.compile(r"severity\s*==\s*[\"'](high|medium|low)[\"']")


def test_no_template_spells_the_severity_labels_again():
    spelled = [
        path.relative_to(PACKAGE).as_posix()
        for path in PACKAGE.rglob("*.html")
        if "node_modules" not in path.parts and HAND_SPELLED.search(path.read_text(encoding="utf-8"))
    ]
    assert spelled == []


@pytest.mark.parametrize(("lang", "code"), [("zh-hans", "zh"), ("en", "en")])
@pytest.mark.parametrize("severity", ["high", "medium", "low"])
def test_the_flag_tags_name_the_severity_as_the_vocabulary_does(lang, code, severity):
    flag = {"severity": severity, "reason": "Nobody covers the economic buyer", "action": "Meet them"}
    with translation.override(lang):
        listed = render_to_string("partials/flags.html", {"flags": [flag]})
        worst = render_to_string("accounts/partials/worst_flag.html", {"flag": flag})
    shown = vocab.SEVERITIES.label(severity, code)
    assert f'<span class="sev">{shown}</span>' in listed
    assert f'<span class="sevtag sevtag-{severity}">{shown}</span>' in worst
