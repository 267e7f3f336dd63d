"""Paste-to-add, a leaders page (领导信息) pasted into the web preview: its duty lines are listed with why they are
not kept, and its units are departments of the people added. Names invented."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from battlemap.people.models import Person

LEADERS_PAGE = "张建国\n董事长\n主持集团全面工作。\n\n赵磊 | 采购部/采购经理 | 13912345678"


@pytest.mark.django_db
def test_the_preview_lists_duty_lines_as_duties_and_adds_the_unit_as_the_department(owner_client, world):
    url = reverse("people_paste", args=[world.en.slug])
    html = owner_client.post(url, {"step": "preview", "text": LEADERS_PAGE}).content.decode()
    assert re.search(
        r"(Line 3, “主持集团全面工作。”: not read — duties \(主持…, 分管…\): not kept; add them under Duties"
        r"|第 3 行“主持集团全面工作。”未读取.{0,10}分管工作：不保存，可在此人页面的“职责”中填写)",
        html.replace("&#x27;", "'"),
    ), html
    assert 'value="采购部"' in html and 'value="采购经理"' in html
    names = re.findall(r'name="name_\d+" value="([^"]*)"', html)
    assert names == ["张建国", "赵磊"]
    fields = {
        "step": "add",
        "pick": ["0", "1"],
        **{f"{k}_{i}": v for i, row in enumerate(_posted(html)) for k, v in row.items()},
    }
    assert owner_client.post(url, fields).status_code == 302
    zhao = Person.objects.get(account=world.en, name="赵磊")
    assert (zhao.title, zhao.org_unit.name) == ("采购经理", "采购部")
    assert Person.objects.get(account=world.en, name="张建国").org_unit is None


def _posted(html: str) -> list[dict[str, str]]:
    """The preview's rows as its form holds them (each field's input value)."""
    rows: dict[int, dict[str, str]] = {}
    for field, index, value in re.findall(r'name="(\w+?)_(\d+)" value="([^"]*)"', html):
        rows.setdefault(int(index), {})[field] = value
    return [rows[i] for i in sorted(rows)]
