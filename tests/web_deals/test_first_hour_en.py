"""A new English-speaking rep's first hour (session 43's walk): what the English pages said wrong."""

from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.fixture
def en_client(owner_client):
    owner_client.cookies["django_language"] = "en"
    return owner_client


def test_pasting_one_person_says_one_person_added(en_client, world):
    url = reverse("people_paste", args=[world.en.slug])
    one = en_client.post(url, {"step": "add", "pick": ["0"], "name_0": "Sarah O'Brien"}, follow=True)
    assert "1 person added." in one.content.decode()
    two = {"step": "add", "pick": ["0", "1"], "name_0": "Dana Whitfield", "name_1": "Kevin Park"}
    assert "2 people added." in en_client.post(url, two, follow=True).content.decode()
    en_client.cookies["django_language"] = "zh-hans"
    one_zh = {"step": "add", "pick": ["0"], "name_0": "José Núñez"}
    assert "已添加 1 人。" in en_client.post(url, one_zh, follow=True).content.decode()
