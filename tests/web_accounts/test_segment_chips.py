"""The account list's segment chips are separated as the language writes a list (、 / ", ") in text that
copying and screen readers keep, though the chips show none: they copied as "医院战略客户公立" (trial 21,
finding 15)."""

from __future__ import annotations

import lxml.html
import pytest
from django.urls import reverse

from battlemap.accounts.models import Account

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("lang", "copied"), [("zh-hans", "医院、战略客户、公立"), ("en", "医院, 战略客户, 公立")]
)
def test_segment_chips_copy_with_the_language_list_separator(owner_client, world, lang, copied):
    Account.objects.filter(pk=world.cn.pk).update(segments=["医院", "战略客户", "公立"])
    owner_client.cookies["django_language"] = lang
    page = lxml.html.fromstring(owner_client.get(reverse("portfolio")).content)
    cells = [td.text_content() for td in page.xpath("//td[span[@class='badge']]")]
    assert copied in cells, cells
