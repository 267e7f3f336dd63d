"""A row deleted with the rows it names is named as their history last had them (`core.access`, the 410 answer and
page): of two rows of one person at one moment — created and renamed in one write, an import's or a back-dated
one's, then deleted with it — the one written last, as every "as of" read takes it (`core.history_stamp.LATEST_FIRST`,
`maps.tables.latest_rows`). The link said "李工 → 王建国", the name 李总工 had for no time at all."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from battlemap.core.history_stamp import recorded
from battlemap.people import services
from battlemap.people.models import Person

pytestmark = pytest.mark.django_db


@pytest.fixture
def link(world):
    """李工, renamed 李总工 in the write that made them, influencing 王建国; then deleted at that moment too."""
    with recorded(at=timezone.now() - timedelta(minutes=5)):
        person = services.person_create(account=world.cn, name="李工", title="工程师")
        person = services.person_update(person=person, version=person.version, name="李总工")
        made = services.influence_link_create(account=world.cn, source=person, target=world.cn_boss)
        services.person_delete(person=person)
    moments = Person.history.filter(id=person.pk).values_list("history_date", flat=True)
    assert len(moments) == 3 and len(set(moments)) == 1
    return made


def test_the_410_answer_names_the_person_as_last_written(owner_api, link):
    answer = owner_api.get(f"/api/influence-links/{link.pk}", headers={"Accept-Language": "en"})
    assert answer.status_code == 410
    assert answer.json()["deleted"]["name"] == "李总工 → 王建国"
    assert answer.json()["detail"].startswith("Influence link 李总工 → 王建国 was deleted ")


def test_the_410_page_names_the_person_as_last_written(owner_client, world, link):
    owner_client.cookies["django_language"] = "zh-hans"
    answer = owner_client.get(reverse("link_edit", args=[world.cn.slug, link.pk]))
    assert answer.status_code == 410
    page = answer.content.decode()
    assert "李总工 → 王建国" in page and "李工 → 王建国" not in page
