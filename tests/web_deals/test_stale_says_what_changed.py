"""A stale edit's refusal says what changed since the form was opened: which field, to what, who changed it and
when (from the history the app keeps: core.history.changed_since), in the reader's language — not only "this
record was changed" (a team's trial: the seller could not tell what to redo)."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from battlemap.people.models import Person

pytestmark = pytest.mark.django_db


def _bob_retitles(world, person):
    bob = Client()
    bob.force_login(world.teammate)
    answer = bob.post(
        reverse("person", args=[world.cn.slug, person.pk]),
        {
            "name": person.name,
            "title": "信息中心总监",
            "reports_to": person.reports_to_id,
            "status": "active",
            "version": person.version,
        },
    )
    assert answer.status_code == 302


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("en", "bob changed title: 信息中心主任 → 信息中心总监 at "),
        ("zh-hans", "修改了职务：信息中心主任 → 信息中心总监。"),
    ],
)
def test_a_stale_person_edit_names_the_field_its_new_value_who_and_when(owner_client, world, lang, said):
    li = Person.objects.get(name="李明")
    seen = li.version  # alice opens 李明's page
    _bob_retitles(world, li)  # bob saves first
    answer = owner_client.post(
        reverse("person", args=[world.cn.slug, li.pk]),
        {"name": "李明", "title": "主任助理", "status": "active", "version": seen},
        HTTP_ACCEPT_LANGUAGE=lang,
    )
    assert answer.status_code == 409
    page = answer.content.decode()
    assert said in page
    bob_saved = Person.history.filter(id=li.pk).latest().history_date
    from battlemap.core.dates import moment_text

    assert moment_text(bob_saved) in page  # when, as the pages say a moment
    if lang == "zh-hans":
        assert "bob 于 " in page
    assert Person.objects.get(pk=li.pk).title == "信息中心总监"


def test_a_name_typed_with_markup_stays_text_in_the_refusal(owner_client, world):
    li = Person.objects.get(name="李明")
    seen = li.version
    bob = Client()
    bob.force_login(world.teammate)
    bob.post(
        reverse("person", args=[world.cn.slug, li.pk]),
        {"name": "李明", "title": "<script>alert(1)</script>", "status": "active", "version": seen},
    )
    page = owner_client.post(
        reverse("person", args=[world.cn.slug, li.pk]),
        {"name": "李明", "title": "x", "status": "active", "version": seen},
        HTTP_ACCEPT_LANGUAGE="en",
    ).content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "<script>alert(1)" not in page
