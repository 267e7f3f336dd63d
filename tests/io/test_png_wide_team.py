"""The PNG org chart wraps a boss's many reports into columns, as the web chart does: 14 reports of one
boss were one column 2,923 px tall."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from battlemap.io.export import export_account
from tests import factories as f

pytestmark = pytest.mark.django_db


def test_fourteen_reports_of_one_boss_wrap_into_columns(world):
    account = f.account(owner=world.owner, slug="wide14", name="信息中心")
    deal = f.deal(account=account, name="运维平台")
    boss = f.person(account=account, name="王主任", title="信息中心主任")
    f.role(deal=deal, person=boss, roles=["decision_maker"], attitude="supporter", influence=4)
    for i in range(14):
        f.person(account=account, name=f"工程师{i}", title="系统工程师", reports_to=boss)
    image = Image.open(io.BytesIO(export_account(account, fmt="png", lang="zh-hans")))
    width, height = image.size
    assert height < 1200, image.size  # 14 cards in a column took 2,923 px
    assert width > 600, image.size  # side by side
