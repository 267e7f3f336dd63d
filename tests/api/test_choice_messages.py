"""A value outside a list of codes (buying role, attitude, stage, lifecycle…) answers 422 in the asked
language: the codes stay as they are (they are the API's values), in Chinese each with its label, and
pydantic's English ("Input should be 'a', 'b' or 'c'") is gone."""

from __future__ import annotations

import pytest

from battlemap import vocab
from battlemap.core.api_input import allowed_choices

pytestmark = pytest.mark.django_db


def _errors(response) -> dict[str, str]:
    assert response.status_code == 422, response.content
    return {e["field"]: e["message"] for e in response.json()["errors"]}


def _role(api, world, objs, lang: str, **body):
    body = {"person": objs.person.pk, "roles": ["champion"], **body}
    return api.post(f"/api/deals/{world.cn_deal.pk}/roles", body, headers={"Accept-Language": lang})


def test_a_bad_buying_role_and_attitude_in_chinese(world, objs, owner_api):
    errors = _errors(_role(owner_api, world, objs, "zh-hans", roles=["boss"], attitude="happy"))
    assert errors["roles.0"] == (
        "请选择以下之一：决策者（decision_maker）、影响者（influencer）、使用者（user）、采购者（purchaser）、"
        "推荐者（champion）、教练（coach）、把关者（gatekeeper）。"
    )
    assert errors["attitude"].startswith("请选择以下之一：强烈支持（advocate）、支持（supporter）")
    assert not any(" or " in m or "Input should" in m or "'" in m for m in errors.values())


def test_a_bad_buying_role_and_attitude_in_english(world, objs, owner_api):
    errors = _errors(_role(owner_api, world, objs, "en", roles=["boss"], attitude="happy"))
    assert errors["roles.0"] == (
        "Select one of: decision_maker, influencer, user, purchaser, champion, coach, gatekeeper."
    )
    assert errors["attitude"] == "Select one of: advocate, supporter, neutral, skeptic, opponent, unknown."
    assert not any("boss" in r.roles for r in world.cn_deal.roles.all())


@pytest.mark.parametrize(
    "lang, said",
    [
        ("zh-hans", "需求识别（need_recognition）、信息搜索（information_search）"),
        ("en", "need_recognition, information_search"),
    ],
)
def test_a_bad_stage_in_a_patch_and_a_filter(world, owner_api, lang, said):
    deal = world.cn_deal
    patched = owner_api.patch(
        f"/api/deals/{deal.pk}",
        {"stage": "won_it", "version": deal.version},
        headers={"Accept-Language": lang},
    )
    assert said in _errors(patched)["stage"]
    filtered = owner_api.get("/api/deals?stage=won_it", headers={"Accept-Language": lang})
    assert said in _errors(filtered)["stage"]
    deal.refresh_from_db()
    assert deal.stage == "evaluation"


@pytest.mark.parametrize(
    "lang, said", [("zh-hans", "新客户（new）、成长（growing）"), ("en", "new customer (new), growing")]
)
def test_a_bad_lifecycle_names_the_field_and_the_codes(world, owner_api, lang, said):
    response = owner_api.post(
        "/api/accounts", {"slug": "x1", "name": "X", "lifecycle": "hot"}, headers={"Accept-Language": lang}
    )
    assert said in _errors(response)["lifecycle"]


def test_a_choice_that_may_be_left_empty_lists_labels_and_no_empty_choice(world, objs, owner_api):
    # a tester's finding: "请选择以下之一：、meeting、call…" — a stray 、 (the empty choice) and codes only
    errors = _errors(_role(owner_api, world, objs, "zh-hans", plan_channel="fax", response_mode="rush"))
    assert (
        errors["plan_channel"]
        == "请选择以下之一：会议（meeting）、电话（call）、邮件（email）、拜访（visit）、活动（event）。"
    )
    assert errors["response_mode"].startswith("请选择以下之一：") and "（growth）" in errors["response_mode"]
    assert not any("：、" in m or "、、" in m for m in errors.values())
    english = _errors(_role(owner_api, world, objs, "en", plan_channel="fax"))["plan_channel"]
    assert english == "Select one of: meeting, call, email, visit, event."


@pytest.mark.parametrize(
    "lang, said", [("zh-hans", "良好（good）、一般（fair）、较差（poor）"), ("en", "good, fair, poor")]
)
def test_a_bad_health_filter_lists_the_bands(world, owner_api, lang, said):
    response = owner_api.get("/api/pipeline?health=great", headers={"Accept-Language": lang})
    assert said in _errors(response)["health"]


def test_the_outsider_still_gets_404_and_anonymous_401(world, objs, outsider_api, anon_api):
    assert _role(outsider_api, world, objs, "en").status_code == 404
    assert _role(anon_api, world, objs, "en", roles=["boss"]).status_code == 401


def test_allowed_choices_reads_pydantics_list(settings):
    from django.utils import translation

    with translation.override("zh-hans"):
        assert allowed_choices("'skeptic' or 'opponent'") == "怀疑（skeptic）、反对（opponent）"
        assert allowed_choices("1, 2 or 3").endswith("（3）")  # influence levels, with their labels
        assert allowed_choices("'x' or 'y'") == "x、y"  # no vocabulary: the codes alone
    with translation.override("en"):
        assert allowed_choices("'dmy' or 'mdy'") == "dmy, mdy"
        assert allowed_choices("nothing to read") == "nothing to read"


def test_vocabulary_listing_and_lookup():
    assert vocab.BUYING_ROLES.listing("en", ("coach", "user")) == "coach, user"
    assert vocab.BUYING_ROLES.listing("zh", ("coach",)) == "教练（coach）"
    assert vocab.STAGES.listing("en").endswith("post_purchase")  # "post-purchase" says no more than the code
    assert vocab.vocabulary_of(tuple(vocab.ATTITUDES)) is vocab.ATTITUDES
    assert vocab.vocabulary_of(("nope",)) is None
