"""Both catalogs of the people, deals and interactions apps are complete, and the pages speak both languages."""

from __future__ import annotations

from pathlib import Path

import polib
import pytest
from django.urls import reverse

from battlemap.users.models import Profile

ROOT = Path(__file__).resolve().parents[2] / "battlemap"


@pytest.mark.parametrize("app", ["people", "deals", "interactions"])
@pytest.mark.parametrize("lang", ["zh_Hans", "en"])
def test_catalog_is_complete(app, lang):
    po = polib.pofile(str(ROOT / app / "locale" / lang / "LC_MESSAGES" / "django.po"))
    assert len(po) > 10
    assert [e.msgid for e in po if not e.translated()] == []
    assert [e.msgid for e in po if "fuzzy" in e.flags] == []


@pytest.mark.django_db
@pytest.mark.parametrize(
    "language, words",
    [
        ("en", ["Red flags", "Coverage", "Has the final say"]),
        ("zh-hans", ["风险警示", "角色覆盖", "拥有最终拍板权"]),
    ],
)
def test_the_deal_room_speaks_the_users_language(owner_client, world, language, words):
    Profile.objects.update_or_create(user=world.owner, defaults={"language": language})
    html = owner_client.get(reverse("deal", args=[world.cn.slug, world.cn_deal.pk])).content.decode()
    for word in words:
        assert word in html
