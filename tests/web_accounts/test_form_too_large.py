"""A form past BODY_MAX_MB (a 7 MB paste of 120,000 lines, a new user's trial) is told in the reader's language,
with the limit, what to do and the way back — not Django's bare English "Bad Request (400)"."""

from __future__ import annotations

import pytest
from django.test.utils import override_settings
from django.urls import reverse

from battlemap.people.models import Person

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("lang", "words"), [("en", "Nothing was saved"), ("zh-hans", "没有保存")])
@override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=1024 * 1024)
def test_a_paste_past_the_limit_says_so(world, client, lang, words):
    client.force_login(world.owner)
    url = reverse("people_paste", args=[world.cn.slug])
    text = "\n".join(f"张{n:06d}\t工程师" for n in range(120_000))  # about 2 MB
    response = client.post(
        url, {"text": text}, headers={"Accept-Language": lang, "Referer": f"http://testserver{url}"}
    )
    page = response.content.decode()
    assert response.status_code == 413 and "Bad Request" not in page
    assert words in page and "1 MB" in page
    assert f'href="http://testserver{url}"' in page  # the way back
    assert Person.objects.filter(account=world.cn).count() == 2


@override_settings(DATA_UPLOAD_MAX_NUMBER_FIELDS=100)
def test_a_form_of_too_many_fields_says_so(world, client):
    """A fresh reviewer: 1,100 fields gave Django's bare English "Bad Request (400)"."""
    client.force_login(world.owner)
    url = reverse("people_paste", args=[world.cn.slug])
    fields = {f"name_{n}": "x" for n in range(150)}
    response = client.post(url, fields, headers={"Accept-Language": "en"})
    page = response.content.decode()
    assert response.status_code == 413 and "Bad Request" not in page
    assert "more than 100 fields" in page
