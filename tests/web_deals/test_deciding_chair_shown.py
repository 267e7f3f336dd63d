"""The deal room, the API's analysis and the deck say who decides as the analysis does (coverage.deciders): a chair
who decides holds the decision-maker column "as chair of" his body, and a 党委会 deciding by majority is on the
decision-maker row with the members met (review rev36, findings 2 and 3)."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from battlemap.maps import account_analysis
from battlemap.process import services
from battlemap.users.models import Profile
from tests import factories as f
from tests.io.test_export_judgements import pptx_coverage_rows

pytestmark = pytest.mark.django_db


@pytest.fixture
def chaired(world):
    """李明 (an influencer, met) chairs the 总经理办公会 that decides the deal; 王建国 is no longer decision maker."""
    Profile.objects.update_or_create(user=world.owner, defaults={"language": "en"})
    li = world.cn.people.get(name="李明")
    world.cn_deal.roles.filter(person=world.cn_boss).update(roles=["influencer"])
    f.role(deal=world.cn_deal, person=li, roles=["influencer"], attitude="neutral", influence=4)
    f.interaction(account=world.cn, people=[li, world.cn_boss], days_ago=3)
    body = services.body_create(
        account=world.cn,
        name="总经理办公会",
        kind="executive_meeting",
        chair=li,
        members=[li, world.cn_boss],
        decision_rule="chair_decides",
    )
    services.body_role_create(deal=world.cn_deal, body=body, roles=["decision_maker"])
    return li


def test_the_deal_room_marks_the_deciding_chair_as_decision_maker(owner_client, world, chaired):
    html = owner_client.get(reverse("deal", args=[world.cn.slug, world.cn_deal.pk])).content.decode()
    row = re.search(rf'<tr id="coverage-{chaired.pk}".*?</tr>', html, re.S).group(0)
    assert "decides as chair of 总经理办公会" in row
    assert re.search(r'<td class="cell held card-inline" data-role="[Dd]ecision maker">', row)
    assert 'data-code="no_decision_maker"' not in html


def test_the_analysis_and_the_deck_agree(world, chaired):
    deal = account_analysis(account=world.cn, lang="en", deal_id=world.cn_deal.pk)["deals"][0]
    row = next(r for r in deal["coverage"] if r["role"] == "decision_maker")
    assert [(p["name"], p["chair_of"]) for p in row["people"]] == [("李明", ["总经理办公会"])]
    assert row["held"] and row["met"]
    cells = pptx_coverage_rows(world.cn, world.cn_deal)
    assert any(r[0] == "Decision maker" and r[1] == "李明 (decides as chair of 总经理办公会)" for r in cells)


def test_a_committee_deciding_by_majority_is_listed_as_the_decision_maker(world):
    world.cn_deal.roles.filter(person=world.cn_boss).update(roles=["influencer"])
    f.interaction(account=world.cn, people=[world.cn_boss], days_ago=3)
    li = world.cn.people.get(name="李明")
    body = services.body_create(
        account=world.cn,
        name="党委会",
        kind="party_committee",
        chair=world.cn_boss,
        members=[world.cn_boss, li],
    )
    services.body_role_create(deal=world.cn_deal, body=body, roles=["decision_maker"])
    deal = account_analysis(account=world.cn, lang="zh-hans", deal_id=world.cn_deal.pk)["deals"][0]
    assert "no_decision_maker" not in {fl["code"] for fl in deal["flags"]}
    element = next(e for e in deal["qualification"]["elements"] if e["code"] == "economic_buyer")
    assert element["evidence"] == ["党委会集体决策（多数表决）：其 2 位成员中我们已见过 1 位。"]
    cells = pptx_coverage_rows(world.cn, world.cn_deal)
    assert ["Decision maker", "党委会 (decides as a body: 1 of 2 members met)", "", "", "", "no", ""] in cells


@pytest.mark.parametrize(
    ("lang", "said"),
    [("en", "李明 (decides as chair of 总经理办公会)"), ("zh-hans", "李明（作为总经理办公会主持人拍板）")],
)
def test_the_xlsx_and_the_cli_say_why_the_chair_decides_as_the_deck_does(world, chaired, lang, said):
    """The XLSX's Deals and roles sheet and `battlemap analyze`'s coverage table wrote only "李明" where the deal
    room, the PDF and the deck say he decides as chair: one wording (analysis.coverage.as_chair_of), everywhere."""
    import io

    import openpyxl
    from django.core.management import call_command

    from battlemap.io.export import export_account

    book = openpyxl.load_workbook(io.BytesIO(export_account(world.cn, fmt="xlsx", lang=lang)))
    deal_sheet = book.worksheets[1]
    cells = [c for row in deal_sheet.iter_rows(values_only=True) for c in row if isinstance(c, str)]
    assert said in cells

    out = io.StringIO()
    call_command("analyze", world.cn.slug, "--deal", str(world.cn_deal.pk), "--lang", lang[:2], stdout=out)
    coverage = out.getvalue().split("-- Coverage --" if lang == "en" else "-- 角色覆盖 --")[1]
    assert said in coverage.split("\n\n")[0]
