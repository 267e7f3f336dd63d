"""A label and the list after it read as each language writes them: 本单的竞争对手：华为云、阿里云 (a full-width colon,
no space after it) / Competitors in this deal: Huawei, Alibaba — the pages join them with `{% colon %}`, not a
label msgid ending in ":" and a space typed in the template, which read "本单的竞争对手： 华为云" in Chinese."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from tests import factories as f
from tests.bigaccount import build
from tests.foundation.test_sentences_joined import seen
from tests.io.files import csv_bytes
from tests.io.test_import_silent_writes import _web_upload

pytestmark = pytest.mark.django_db

LANGS = [("zh-hans", "："), ("en", ": ")]


def _lines(client, lang: str, url: str, post: dict | None = None) -> list[str]:
    client.cookies["django_language"] = lang
    response = client.post(url, post) if post is not None else client.get(url)
    assert response.status_code in (200, 422), (url, response.status_code)
    return seen(response.content.decode())


def _labelled(lines: list[str], lang: str, label: str, value: str) -> None:
    """`label` (its msgid) is followed by the language's colon, then at once by `value`."""
    with translation.override(lang):
        said = gettext(label)
    colon = "：" if lang == "zh-hans" else ": "
    assert any(said + colon + value in line for line in lines), (said, value, lines)
    if lang == "zh-hans":
        assert not [line for line in lines if "： " in line]


@pytest.mark.parametrize(("lang", "colon"), LANGS)
def test_a_deals_competitors_on_its_close_page(client, world, lang, colon):
    world.cn_deal.competitors = ["华为云", "阿里云"]
    world.cn_deal.save()
    client.force_login(world.owner)
    lines = _lines(client, lang, reverse("deal_close", args=[world.cn.slug, world.cn_deal.pk]))
    _labelled(
        lines, lang, "Competitors in this deal", "华为云" + ("、" if lang == "zh-hans" else ", ") + "阿里云"
    )


@pytest.mark.parametrize(("lang", "colon"), LANGS)
def test_the_role_form_of_an_account_with_nobody_on_the_map(client, world, lang, colon):
    account = f.account(owner=world.owner, slug="empty-map", name="空客户")
    deal = f.deal(account=account)
    client.force_login(world.owner)
    lines = _lines(client, lang, reverse("deal", args=[account.slug, deal.pk]))
    with translation.override(lang):
        _labelled(lines, lang, "Nobody of this account is on the map yet", gettext("add a person"))


@pytest.mark.parametrize(("lang", "colon"), LANGS)
def test_the_import_preview_names_the_other_readings_of_a_gbk_file(owner_client, world, lang, colon):
    data = csv_bytes(
        [["姓名", "职位", "部门"], ["张伟", "总经理", "总经办"], ["李娜", "采购经理", "采购部"]], "gbk"
    )
    url = reverse("io:import", kwargs={"slug": world.cn.slug})
    lines = _lines(owner_client, lang, url, {"file": _web_upload("名单.csv", data)})
    _labelled(lines, lang, "the file also reads as", "Big5")


@pytest.mark.parametrize(("lang", "colon"), LANGS)
def test_the_power_map_lists_the_dots_it_could_not_label(client, lang, colon):
    owner = f.user("demo")
    account = build(owner=owner, people=40, links=20, interactions=0, deals=1, slug="crowd")
    client.force_login(owner)
    lines = _lines(client, lang, reverse("account_power", args=[account.slug]))
    with translation.override(lang):
        label = gettext("Not labelled on the chart")
    listed = [line for line in lines if line.startswith(label)]
    assert listed  # the test can fail: a crowd with a dot left unlabelled
    assert re.match(re.escape(label + colon) + r"\S", listed[0]), listed[0]
