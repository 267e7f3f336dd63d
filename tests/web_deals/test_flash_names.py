"""Flash messages isolate the names they carry (core.messages.named): a right-to-left name, or one with
markup, is escaped inside <bdi> and cannot reorder or break the sentence around it."""

from __future__ import annotations

import re

from django.urls import reverse

from battlemap.core.messages import named
from battlemap.people.models import Person

RTL = "علي (Ali)"


def _messages(html: str) -> list[str]:
    return re.findall(r'<div class="message [^"]*" role="status">(.*?)</div>', html, re.S)


def test_named_escapes_and_isolates_each_name_and_keeps_numbers():
    text = named("%(count)d added to %(deal)s by %(user)s & co", count=3, deal=RTL, user="<b>x</b>")
    assert text == "3 added to <bdi>علي (Ali)</bdi> by <bdi>&lt;b&gt;x&lt;/b&gt;</bdi> &amp; co"


def test_a_right_to_left_name_is_isolated_in_the_message(owner_client, world):
    url = reverse("person_new", args=[world.cn.slug])
    page = owner_client.post(url, {"name": RTL + "<script>", "status": "active"}, follow=True)
    person = Person.objects.get(account=world.cn, name=RTL + "<script>")
    shown = _messages(page.content.decode())
    assert shown == ["已添加 <bdi>علي (Ali)&lt;script&gt;</bdi>。"]
    # two names in one sentence, each isolated (English)
    add = reverse("person_deal_add", args=[world.cn.slug, person.pk])
    body = {"deal": world.cn_deal.pk, "attitude": "supporter", "influence": 3}
    page = owner_client.post(add, body, follow=True, headers={"Accept-Language": "en"})
    assert _messages(page.content.decode()) == [
        "<bdi>علي (Ali)&lt;script&gt;</bdi> added to <bdi>物联网平台</bdi>."
    ]
