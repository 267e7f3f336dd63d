"""A new English-speaking rep's first hour, second round (session 43): the Import a map page sent the rep to
"Import / export → JSON", a menu item the account page calls "Map (JSON)"."""

from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "language, menu, item",
    [("en", "Import / export", "Map (JSON)"), ("zh-hans", "导入 / 导出", "作战地图数据（JSON）")],
)
def test_the_map_import_page_names_the_export_menu_item_as_the_account_page_does(
    owner_client, world, language, menu, item
):
    head = {"Accept-Language": language}
    account_page = owner_client.get(reverse("account", args=[world.cn.slug]), headers=head).content.decode()
    assert f">{menu}" in account_page and f">{item}</button>" in account_page
    import_page = owner_client.get(reverse("account_import"), headers=head).content.decode()
    assert f"{menu} → {item}" in import_page
