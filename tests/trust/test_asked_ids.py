"""An id typed into a page's address or a form that no row can have — a number past SQLite's integers
(99999999999999999999) or a character Python calls a digit but int() does not read ("²") — answered 500 on
the meeting capture form, its participant picker, the interview guide, the account's map (`?deal=²`), the
merge page, the mail page and the training case form. Each page now reads it as no id (core.api.asked_id):
the page as it is without one."""

from __future__ import annotations

import pytest

from battlemap.core.api import asked_id

HOSTILE = ["99999999999999999999", "9223372036854775808", "²", "١٢"]


def test_asked_id_reads_only_ascii_digits_a_row_can_have():
    assert asked_id("12") == 12
    assert asked_id(7) == 7
    assert [asked_id(text) for text in [*HOSTILE, "", None, "-1", "1.0", " 3"]] == [None] * 9


@pytest.mark.parametrize("value", HOSTILE)
@pytest.mark.parametrize(
    ("path", "key"),
    [
        ("/accounts/guodian/", "deal"),
        ("/accounts/guodian/interactions/new/", "deal"),
        ("/accounts/guodian/interactions/people/", "deal"),
        ("/accounts/guodian/interview/", "person"),
        ("/accounts/guodian/interview/", "deal"),
        ("/accounts/guodian/people/merge/", "survivor"),
        ("/accounts/guodian/mail/runs/", "active"),
    ],
)
def test_a_page_asked_for_an_id_no_row_can_have_opens_as_without_one(owner_client, world, path, key, value):
    response = owner_client.get(path, {key: value})
    assert response.status_code == 200, (path, key, value)


@pytest.mark.parametrize("value", HOSTILE)
def test_the_training_case_form_says_choose_a_deal(client, world, value):
    client.force_login(world.manager)
    response = client.post("/training/cases/new/", {"deal": value})
    assert response.status_code == 422
