"""An id typed into a page's address or a form that no row can have — a number past SQLite's integers
(99999999999999999999) or a character Python calls a digit but int() does not read ("²") — answered 500 on
the meeting capture form, its participant picker, the interview guide, the account's map (`?deal=²`), the
merge page, the mail page and the training case form. Each page now reads it as no id (core.api.asked_id):
the page as it is without one."""

from __future__ import annotations

import pytest
from django.utils import translation
from django.utils.translation import gettext

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


@pytest.mark.parametrize("value", HOSTILE)
@pytest.mark.parametrize(
    ("path", "key"),
    [
        ("/accounts/guodian/people/{boss}/", "dotted_managers"),  # a person's dotted-line managers
        ("/accounts/guodian/deals/{deal}/people/{boss}/", "covered_by"),  # the colleagues covering a buyer
        ("/accounts/guodian/interactions/new/", "people"),  # who took part in a meeting
        ("/accounts/guodian/interactions/new/", "our_people"),
        ("/accounts/guodian/bodies/new/", "members"),  # a decision body's members
        ("/accounts/guodian/surveys/send/", "people"),  # whom a questionnaire goes to
    ],
)
def test_a_form_ticking_an_id_no_row_can_have_says_so(owner_client, world, path, key, value):
    """A multiple choice of people or colleagues posted with such an id: Django's own check queried
    `pk__in` with it and overflowed SQLite's integers (500). The form now refuses it as it refuses an
    unknown id: the page again, with the field's message, nothing saved."""
    url = path.format(boss=world.cn_boss.pk, deal=world.cn_deal.pk)
    response = owner_client.post(url, {key: [value, str(world.cn_boss.pk)]})
    assert response.status_code == 422, (url, key, value, response.status_code)
    with translation.override("zh-hans"):
        said = gettext("“%(pk)s” is not a valid value.") % {"pk": value}
    assert said in response.content.decode()
