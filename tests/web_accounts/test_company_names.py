"""The names an account is also written as (`Account.company_names`: 华东能投 for 华东能源集团有限公司, kept by a people
import or typed by the seller) are shown and edited where the account's other facts are: the web's form (one a line,
"Also written as" / 也写作) and the map format — an older map without them still loads. The API's
`company_names`: tests/api/test_account_company_names.py."""

from __future__ import annotations

import json

import lxml.html
import pytest
from django.urls import reverse
from django.utils import translation

from battlemap.accounts.models import Account
from battlemap.io.mapformat import export_map
from battlemap.io.mapformat.limits import read_map
from battlemap.io.mapformat.load import map_import
from battlemap.io.mapformat.loading import MapImportError

pytestmark = pytest.mark.django_db


def _names(account) -> list[str]:
    return Account.objects.get(pk=account.pk).company_names


def _edit(client, account, **fields):
    account = Account.objects.get(pk=account.pk)
    body = {"name": account.name, "currency": account.currency, "lifecycle": account.lifecycle,
            "version": account.version, "owner": account.owner_id, **fields}  # fmt: skip
    return client.post(reverse("account_edit", args=[account.slug]), body)


def test_the_edit_page_shows_the_names_one_a_line_and_a_seller_removes_a_wrong_one(owner_client, world):
    Account.objects.filter(pk=world.cn.pk).update(company_names=["华东能投", "华东电力设计院"])
    owner_client.cookies["django_language"] = "zh-hans"
    page = lxml.html.fromstring(owner_client.get(reverse("account_edit", args=[world.cn.slug])).content)
    (area,) = page.xpath("//textarea[@name='company_names_text']")
    assert area.text_content().strip() == "华东能投\n华东电力设计院"
    assert page.xpath("//label[@for='id_company_names_text']")[0].text_content().strip() == "也写作"

    response = _edit(owner_client, world.cn, company_names_text="华东能投\n\n 华东能投有限公司 \n")
    assert response.status_code == 302, response.content.decode()[:2000]
    assert _names(world.cn) == ["华东能投"]  # one company once, by its key


def test_a_name_too_long_is_refused_naming_the_field(owner_client, world):
    response = _edit(owner_client, world.cn, company_names_text="华" * 201)
    assert response.status_code == 422 and list(response.context["form"].errors) == ["company_names_text"]
    assert _names(world.cn) == []


def test_the_map_format_carries_the_names_and_an_older_map_without_them_loads(world):
    Account.objects.filter(pk=world.cn.pk).update(company_names=["华东能投"])
    data = export_map(Account.objects.get(pk=world.cn.pk))
    assert data["account"]["company_names"] == ["华东能投"]
    raw = json.dumps(data, ensure_ascii=False).encode()
    copy = map_import(data=read_map(raw), owner=world.owner, slug="copy", team=None)
    assert copy.company_names == ["华东能投"]

    del data["account"]["company_names"]
    older = map_import(data=read_map(json.dumps(data).encode()), owner=world.owner, slug="older", team=None)
    assert older.company_names == []


def test_a_map_with_too_many_names_is_refused_naming_the_place(world):
    data = export_map(Account.objects.get(pk=world.cn.pk))
    data["account"]["company_names"] = [f"公司{n}" for n in range(51)]
    with translation.override("en"), pytest.raises(MapImportError) as refused:
        read_map(json.dumps(data).encode())
    assert "account.company_names" in str(refused.value)
