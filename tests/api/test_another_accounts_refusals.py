"""A deal or a person of another account named on this account's records is refused in one set of words, kept once
(core.refusals: DEAL_OF_ANOTHER_ACCOUNT, PERSON_OF_ANOTHER_ACCOUNT; core.api: NO_SUCH_PEOPLE) and said alike by every
app that refuses it — as each app wrote it by hand before, in Chinese and in English."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from battlemap.comments.services import comment_create
from battlemap.deals.models import StakeholderRole
from battlemap.interactions.models import Interaction
from battlemap.people.models import InfluenceLink
from battlemap.process.models import BodyMember, DecisionBody
from battlemap.reviews.services import mark_reviewed
from battlemap.surveys.services import questionnaire_send
from tests import factories as f

pytestmark = pytest.mark.django_db

SAID = {
    "en": {
        "deal": "This deal belongs to another account.",
        "person": "This person belongs to another account.",
        "ids": "No such person in this account: {id}",
    },
    "zh-hans": {
        "deal": "该商机属于另一个客户。",
        "person": "该人员属于另一个客户。",
        "ids": "此客户中没有这些人员：{id}",
    },
}


@pytest.mark.parametrize("lang", ["en", "zh-hans"])
@pytest.mark.parametrize(
    ("path", "field", "body"),
    [
        ("interactions", "participants", {"occurred_at": "2026-06-01T10:00:00+08:00", "summary": "拜访"}),
        ("decision-bodies", "members", {"name": "采购委员会"}),
        ("questionnaires", "people", {"kind": "satisfaction", "language": "zh"}),
    ],
)
def test_a_list_of_ids_naming_another_account_s_person_is_refused_naming_that_id(
    world, owner_api, lang, path, field, body
):
    stranger = f.person(account=world.other, name="<script>秘密</script>")
    response = owner_api.post(
        f"/api/accounts/guodian/{path}",
        {**body, field: [world.cn_boss.pk, stranger.pk]},
        headers={"Accept-Language": lang},
    )
    assert response.status_code == 422, response.content
    errors = {e["field"]: e["message"] for e in response.json()["errors"]}
    assert errors == {field: SAID[lang]["ids"].format(id=stranger.pk)}
    assert "秘密" not in response.content.decode()


def _refusals(world) -> list[tuple[str, str, object]]:
    """(what is said, the field, a write naming another account's deal or person), one for each app that says it."""
    their_deal = f.deal(account=world.other, name="别人的商机")
    their_person = f.person(account=world.other, name="别人")
    body = DecisionBody.objects.create(account=world.cn, name="党委会")
    return [
        ("deal", "deal", lambda: comment_create(account=world.cn, author=world.owner, body="看", deal=their_deal)),
        ("person", "person", lambda: comment_create(account=world.cn, author=world.owner, body="看", person=their_person)),
        ("deal", "deal", lambda: mark_reviewed(account=world.cn, by=world.owner, deal=their_deal)),
        (
            "person",
            "people",
            lambda: questionnaire_send(account=world.cn, kind="satisfaction", people=[their_person], sent_by=world.owner),
        ),
        ("person", "person", lambda: StakeholderRole(deal=world.cn_deal, person=their_person).clean()),
        ("person", "person", lambda: BodyMember(body=body, person=their_person).clean()),
        ("person", "target", lambda: InfluenceLink(account=world.cn, source=world.cn_boss, target=their_person).clean()),
        ("deal", "deal", lambda: Interaction(account=world.cn, deal=their_deal, occurred_at=timezone.now()).clean()),
    ]  # fmt: skip


@pytest.mark.parametrize("lang", ["en", "zh-hans"])
def test_every_app_says_another_account_s_deal_or_person_in_the_reader_s_language(world, lang):
    for what, field, write in _refusals(world):
        with pytest.raises(ValidationError) as refused, translation.override(lang):
            write()
        with translation.override(lang):
            assert refused.value.message_dict[field] == [SAID[lang][what]], (what, field)
