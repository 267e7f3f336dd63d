"""The deal form's decision factors once the customer has answered the questionnaire: the analysis reads the
answers, not the weights typed on the deal (analysis: deal factors). A new seller changed 价格 from 20 to 50,
saved, and saw the same weights on the decision chain — the form never said its weights were not the ones read."""

from __future__ import annotations

import re

import pytest
from django.utils import timezone

from battlemap.surveys.services.questionnaires import questionnaire_send, response_record
from tests import factories as f

NOTE = "客户的问卷回答（陈静）现在决定这些因素的权重：分析读取的是问卷回答，而不是这里填写的权重。"


def _edit_page(client, deal) -> str:
    return client.get(f"/accounts/{deal.account.slug}/deals/{deal.pk}/edit/").content.decode()


@pytest.mark.django_db
def test_the_deal_form_says_the_customers_answers_weigh_the_factors_not_the_typed_weights(client, world):
    deal = f.deal(account=world.cn, name="数据中台", decision_factors={"price": 20, "compliance": 30})
    chen = f.person(account=world.cn, name="陈静", title="信息中心主任")
    client.force_login(world.owner)
    page = _edit_page(client, deal)
    assert 'id="factor-answers-note"' not in page  # the typed weights are the ones read: nothing to say

    sent = questionnaire_send(
        account=world.cn, kind="decision_factors", people=[chen], sent_by=world.owner, deal=deal
    )
    response_record(
        link=sent[0].link, ratings={"price": 4, "quality": 5}, nps=None, consent_text="同意", consented=True,
        answered_at=timezone.now(),
    )  # fmt: skip
    page = _edit_page(client, deal)
    assert NOTE in page
    assert f'href="/accounts/{world.cn.slug}/chain/?deal={deal.pk}"' in page  # where the weights in use are
    assert re.search(r'<input[^>]* name="factor_price" value="20"', page)  # the typed weights stay, editable
