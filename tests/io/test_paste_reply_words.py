"""A rep's paste with a reply's words in it: prose under a signature pasted alone, outside any mail thread
(`Jane Doe⏎CTO⏎Thanks, see you then.` gave Jane the organisation `Thanks, see you then.`; `好的，周二见。` was a person
好的 titled 周二见。), and a one-word reply quoted under an attribution (`> Agreed.`, `> OK`, `> 好的`: a person of that
name). Each is listed as not read (`cells.is_sentence`, the mail thread's rule, and its `REPLIES`). Names invented."""

from __future__ import annotations

import pytest

from battlemap.io.paste import read_paste

ATTRIBUTION = "On Mon, Mar 2, 2026 at 9:14 AM Jane Doe <jane@x.com> wrote:"


def _read(text):
    pasted = read_paste(text)
    people = [(p.name, p.title, p.organisation, p.email) for p in pasted.people]
    return people, [(u.text, u.reason) for u in pasted.unread]


@pytest.mark.parametrize(
    ("text", "person", "prose"),
    [
        ("Jane Doe\nCTO\nThanks, see you then.", ("Jane Doe", "CTO", "", ""), "Thanks, see you then."),
        ("张伟\n总经理\n好的，周二见。", ("张伟", "总经理", "", ""), "好的，周二见。"),
        (
            "Jane Doe\nCTO\nContoso Ltd\nLooking forward to it.\njane@contoso.com",
            ("Jane Doe", "CTO", "Contoso Ltd", "jane@contoso.com"),
            "Looking forward to it.",
        ),
    ],
)
def test_prose_outside_a_mail_thread_is_listed_not_read(text, person, prose):
    people, unread = _read(text)
    assert people == [person]
    assert (prose, "not_read") in unread


@pytest.mark.parametrize("reply", ["> Agreed.", "> OK", "> 好的", "> 收到！", "> Sounds good!"])
@pytest.mark.parametrize(
    "attribution", [ATTRIBUTION, "在 2026年3月2日 上午9:14，Jane Doe <jane@x.com> 写道："]
)
def test_a_one_word_reply_under_an_attribution_is_no_one(attribution, reply):
    people, unread = _read(f"{attribution}\n{reply}")
    assert people == [("Jane Doe", "", "", "jane@x.com")]
    assert (reply[2:], "not_read") in unread


@pytest.mark.parametrize(
    "text",
    [
        "Jane Doe\nHead of Procurement, Northwind.",  # a post the title table reads
        "Jane Doe\nCTO\nNorthwind Logistics Co., Ltd.",  # a legal form's dot
        f"{ATTRIBUTION}\n> Jane Doe\n> CTO",  # a quoted signature
    ],
)
def test_a_line_of_fields_is_still_read(text):
    people, unread = _read(text)
    assert people and people[0][0] == "Jane Doe" and people[0][1]
    assert not [u for u in unread if u[1] == "not_read"]
