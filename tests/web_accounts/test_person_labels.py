"""A person's fields read the same on every page (a new user's reading, 2026-12-02: the paste preview said
名称 / 职位 / 电子邮件 where the person form says 姓名 / 职务 / 邮箱): the paste preview and the people list head
their columns with the person form's labels (`people.forms.person_labels`), in both languages."""

from __future__ import annotations

import re

import lxml.html
import pytest
from django.urls import reverse

LANGS = ["zh-hans", "en"]


@pytest.mark.parametrize("lang", LANGS)
def test_the_paste_preview_heads_its_columns_with_the_person_forms_labels(owner_client, world, lang):
    owner_client.cookies["django_language"] = lang
    form = lxml.html.fromstring(owner_client.get(reverse("person_new", args=[world.cn.slug])).content)
    labels = {
        name: " ".join(form.xpath(f"//label[@for='id_{name}']")[0].text_content().split()).rstrip("*： :")
        for name in ("name", "title", "email", "phone", "organisation", "org_unit", "reports_to", "duties")
    }
    text = "姓名\t职务\t邮箱\n赵六\t经理\tzhao6@guodian.cn\n"
    response = owner_client.post(
        reverse("people_paste", args=[world.cn.slug]), {"step": "preview", "text": text}
    )
    page = lxml.html.fromstring(response.content)
    heads = [th.text_content() for th in page.xpath("//form[@id='paste-add-form']//thead//th")]
    heads = heads[2:]  # after the row number (#) and Add
    assert heads == [
        labels[n]
        for n in ("name", "title", "email", "phone", "organisation", "org_unit", "reports_to", "duties")
    ]
    if lang == "zh-hans":
        assert heads[:3] == ["姓名", "职务", "邮箱"]  # not 名称 / 职位 / 电子邮件
    people = lxml.html.fromstring(owner_client.get(reverse("people", args=[world.cn.slug])).content)
    listed = [th.text_content() for th in people.xpath("//table[@id='people-table']//thead//th")]
    assert listed[0] == labels["name"] and listed[1] == labels["title"] and listed[5] == labels["email"]
    assert re.sub(r"\s", "", labels["name"]) in ("姓名", "Name")
