"""A phone number holds digits (`people.models.validate_phone`, at least 3: an extension is a number): "abc" typed in
a person's phone field was saved without a word (a seller's trial), and the people import stored it too. One rule
for the web form, the API, the map import and the people import (by row)."""

from __future__ import annotations

import json

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from battlemap.io.mapformat import dumps_map, export_map
from battlemap.io.tabular.problems import ImportFailed
from battlemap.io.tabular.services import people_import
from battlemap.people.models import Person

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("phone", ["abc", "—", "n/a", "12"])
def test_a_phone_without_digits_is_refused_on_every_road(owner_client, owner_api, world, phone, tmp_path):
    page = owner_client.post(
        f"/accounts/{world.cn.slug}/people/new/", {"name": "测试甲", "phone": phone, "status": "active"}
    )
    assert page.status_code == 422 and "phone" in page.context["form"].errors
    api = owner_api.client.post(
        f"/api/accounts/{world.cn.slug}/people",
        data=json.dumps({"name": "测试乙", "phone": phone}),
        content_type="application/json",
        headers={"Authorization": f"Bearer {owner_api.token}"},
    )
    assert api.status_code == 422 and [e["field"] for e in api.json()["errors"]] == ["phone"]
    with pytest.raises(ImportFailed) as refused:
        people_import(account=world.cn, data=f"姓名,手机\r\n测试丙,{phone}\r\n".encode(), filename="p.csv")
    assert [(p.row, p.column, p.code) for p in refused.value.problems] == [(2, "phone", "not_a_phone")]
    data = json.loads(dumps_map(export_map(world.cn)))
    data["people"][0]["phone"] = phone
    path = tmp_path / "map.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with translation.override("en"), pytest.raises(CommandError, match="phone"):
        call_command("import-map", str(path), "--as", "copy")
    assert not Person.objects.filter(name__in=["测试甲", "测试乙", "测试丙"]).exists()


@pytest.mark.parametrize("phone", ["+86 (10) 6512-3456 转 801", "ext. 801", "138 0013 8000"])
def test_a_number_written_any_way_with_digits_is_kept(world, phone):
    people_import(account=world.cn, data=f"姓名,手机\r\n测试丁,{phone}\r\n".encode(), filename="p.csv")
    assert Person.objects.get(name="测试丁").phone == phone
