"""A deal named in Arabic, shown in the deal room's red flags: the name is isolated (FSI … PDI) from the
Chinese words after it, which a tester read run together as "صفقة没有待办的下一步"."""

from __future__ import annotations

import re

import pytest
from django.core.cache import cache
from django.urls import reverse

from battlemap.punctuation import FSI, PDI
from battlemap.users.models import Profile

pytestmark = pytest.mark.django_db


def test_the_deal_rooms_flags_isolate_a_right_to_left_deal_name(owner_client, world):
    Profile.objects.update_or_create(user=world.owner, defaults={"language": "zh-hans"})
    world.cn_deal.name = "صفقة"
    world.cn_deal.save()
    cache.clear()
    html = owner_client.get(reverse("deal", args=[world.cn.slug, world.cn_deal.pk])).content.decode()
    assert re.search(f"{FSI}صفقة{PDI}[\u4e00-\u9fff]", html)  # a flag's or suggestion's words follow the name
    assert "صفقة没有" not in html and "صفقة的" not in html  # never run into the words after it
