"""Hostile characters in a paste. `<script>alert(1)</script> Doe` pasted as a signature was split at the `/` of its
`</script>` (named `<script>alert(1)<`, titled `script> Doe`); a right-to-left override inside an e-mail address
(`ja\\u202ene.doe@x.com`) parted it, `ja` read as the organisation; a control character inside a name
(`Jane\\x07Roe`) was dropped on storing, the words joined (JaneRoe) unseen. Invisible characters are taken out by the
one rule that stores text (`io.cleaning.without_invisible`), a line holding a control character is listed, refused,
naming it (`core.text.has_control`), and the name stays text."""

from __future__ import annotations

from django.utils import translation

from battlemap.io.paste import read_paste
from battlemap.people.selectors_paste import unread_reason


def test_a_tag_in_a_name_stays_one_name():
    people = read_paste("<script>alert(1)</script> Doe\nCTO\njane@x.com").people
    assert [(p.name, p.title, p.email) for p in people] == [
        ("<script>alert(1)</script> Doe", "CTO", "jane@x.com")
    ]


def test_an_override_inside_an_address_is_taken_out():
    pasted = read_paste("Jane Doe\nCTO\nja\u202ene.doe@x.com")
    assert [(p.name, p.organisation, p.email) for p in pasted.people] == [("Jane Doe", "", "jane.doe@x.com")]


def test_a_line_holding_a_control_character_is_refused_naming_it():
    pasted = read_paste("Jane\x07Roe\nCFO\nroe@x.com\n\nBob\x00Lee | CTO")
    assert "JaneRoe" not in [p.name for p in pasted.people] and not [p for p in pasted.people if p.name]
    refused = [(u.line, u.last, u.text) for u in pasted.unread if u.reason == "control"]
    assert refused == [(1, 3, "Jane\ufffdRoe · CFO · roe@x.com"), (5, 0, "Bob\ufffdLee | CTO")]
    assert [u for u in pasted.unread if u.reason != "control"] == []
    with translation.override("zh-hans"):
        assert "控制字符" in unread_reason("control")


def test_the_lines_under_a_refused_name_are_refused_with_it():
    """Round 2, seen in the preview: only the name's line was refused, so the rest of its signature was read alone —
    `CFO` listed as having no name beside it (the refused name right above it), `Finance Department` a person."""
    pasted = read_paste("Jane Doe\nCTO\n\nJane\x07Roe\nCFO\nFinance Department\n\nBob Lee\nCEO")
    assert [(p.name, p.title) for p in pasted.people] == [("Jane Doe", "CTO"), ("Bob Lee", "CEO")]
    assert [(u.line, u.last, u.text, u.reason) for u in pasted.unread] == [
        (4, 6, "Jane\ufffdRoe · CFO · Finance Department", "control")
    ]
    alone = read_paste("Jane\x07Roe\nCFO").unread
    assert [(u.line, u.last, u.reason) for u in alone] == [(1, 2, "control")]
    with translation.override("en"):
        assert "NUL" not in unread_reason("control")  # the form refuses a NUL whole: never listed here


def test_a_row_of_an_excel_range_holding_one_is_refused_alone():
    pasted = read_paste("Name\tTitle\nA B\tCEO\nC\x07D\tCFO\nE F\tCTO")
    assert [p.name for p in pasted.people] == ["A B", "E F"]
    assert [(u.line, u.reason) for u in pasted.unread] == [(3, "control")]
