"""The reopen form's reason holds what the API's does (one limit per field, `core.models.text_limit`: TEXT_MAX for
a multi-line text), not the 4,000 characters the form had of its own: a reason the API wrote, or one pasted from a
mail, was refused on the web."""

from __future__ import annotations

import pytest
from django.urls import reverse

from battlemap.deals.models import Deal

pytestmark = pytest.mark.django_db


def test_the_reopen_form_takes_a_reason_as_long_as_the_api_does(owner_client, world):
    Deal.objects.filter(pk=world.cn_deal.pk).update(status="won", close_reason="ROI")
    reason = "客户新增第二个厂区。" * 500  # 5,000 characters
    response = owner_client.post(
        reverse("deal_reopen", args=[world.cn.slug, world.cn_deal.pk]),
        {"version": Deal.objects.get(pk=world.cn_deal.pk).version, "reopen_reason": reason},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    deal = Deal.objects.get(pk=world.cn_deal.pk)
    assert (deal.status, deal.reopen_reason) == ("open", reason)
