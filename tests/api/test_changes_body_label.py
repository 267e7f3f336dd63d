"""The changes feed labels a decision body's role in a deal by the body's name as the edit left it: of two rows of the
body at one moment (an import, a back-dated write: renamed in the same write it was created in) the later written, as
every "as of" read takes it (maps.tables.recorded_at) — the feed named the role after the name the body had for no
time at all."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from battlemap.core.history_stamp import recorded
from battlemap.process import services
from battlemap.process.models import DecisionBody

pytestmark = pytest.mark.django_db


def test_the_feed_names_a_body_role_after_the_body_as_last_written_at_one_moment(owner_api, world):
    with recorded(at=timezone.now() - timedelta(minutes=5)):  # created and renamed at one moment
        body = services.body_create(account=world.cn, name="院长办公会", kind="executive_meeting")
        body = services.body_update(body=body, version=body.version, name="总经理办公会")
    moments = DecisionBody.history.filter(id=body.pk).values_list("history_date", flat=True)
    assert len(moments) == 2 and len(set(moments)) == 1
    services.body_role_create(deal=world.cn_deal, body=body, roles=["decision_maker"])
    changes = owner_api.get(f"/api/accounts/{world.cn.slug}/changes?since=2000-01-01&limit=100").json()[
        "changes"
    ]
    assert [c["label"] for c in changes if c["model"] == "body_role"] == ["总经理办公会"]


def test_the_feed_names_a_role_deleted_with_its_body_at_one_moment_after_the_body(owner_api, world):
    body = services.body_create(account=world.cn, name="院长办公会", kind="executive_meeting")
    services.body_role_create(deal=world.cn_deal, body=body, roles=["decision_maker"])
    with recorded(at=timezone.now()):  # the body and its role deleted in one write
        services.body_delete(body=body)
    changes = owner_api.get(f"/api/accounts/{world.cn.slug}/changes?since=2000-01-01&limit=100").json()[
        "changes"
    ]
    assert {c["label"] for c in changes if c["model"] == "body_role"} == {"院长办公会"}
