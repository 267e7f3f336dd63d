"""The competitor view (issue 17): per deal (who favours each competitor, what we know of them, the
outcome; notes edited in place), per account, and win/loss by competitor across the portfolio."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.urls import reverse

from battlemap.competition.models import CompetitorNote
from battlemap.competition.selectors import anchor
from battlemap.competition.services import competitor_note_set
from battlemap.deals.models import Deal
from tests import factories as f
from tests.io.test_web_and_commands import _normalise

pytestmark = pytest.mark.django_db


def _url(world, deal=None):
    return reverse("deal_competitors", args=["guodian", (deal or world.cn_deal).pk])


def _competitive_deal(world):
    deal = world.cn_deal
    deal.competitors = ["华为云", "ＳＡＰ"]
    deal.full_clean()  # as every write stores it (Deal.clean): ["华为云", "SAP"]
    deal.save()
    boss_role = deal.roles.get(person=world.cn_boss)
    boss_role.favoured_competitor = "华为云 "  # a trailing space: still the same competitor
    boss_role.save()
    li = world.cn.people.get(name="李明")
    f.role(deal=deal, person=li, roles=["user"], attitude="opponent", influence=3, favoured_competitor="sap")
    return deal


def test_each_competitor_shows_who_favours_them_from_the_map(client, world):
    _competitive_deal(world)
    client.force_login(world.owner)
    response = client.get(_url(world), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    competitors = response.context["competitors"]
    assert [c["name"] for c in competitors] == ["华为云", "SAP"]  # "华为云 ", "ＳＡＰ" and "sap" are one each
    huawei, sap = competitors
    assert [p["name"] for p in huawei["favoured_by"]] == ["王建国"]
    boss = huawei["favoured_by"][0]
    assert boss["roles"] == ["decision_maker"] and boss["attitude"] == "neutral" and boss["influence"] == 5
    assert boss["score"] is not None  # the influence score as the analysis gives it
    assert [p["name"] for p in sap["favoured_by"]] == ["李明"]
    page = response.content.decode()
    assert f'id="{anchor("华为云")}"' in page and "influence 5/5" in page and "open" in page


def test_the_owner_and_a_teammate_note_strengths_weaknesses_and_the_offer(client, world):
    _competitive_deal(world)
    client.force_login(world.owner)
    data = {
        "name": "华为云",
        "version": 0,
        "strengths": "本地服务团队",
        "weaknesses": "",
        "offer": "报价低 15%",
    }
    response = client.post(_url(world), data)
    assert response.status_code == 302 and response["Location"].endswith("#" + anchor("华为云"))
    note = CompetitorNote.objects.get()
    assert (note.name, note.offer) == ("华为云", "报价低 15%")
    client.force_login(world.teammate)
    data |= {"name": "华为云　", "version": note.version, "weaknesses": "没有行业案例"}  # full-width space
    assert client.post(_url(world), data).status_code == 302
    note = CompetitorNote.objects.get()
    assert note.weaknesses == "没有行业案例" and note.history.count() == 2
    page = client.get(_url(world)).content.decode()
    assert "没有行业案例" in page and "报价低 15%" in page


def test_a_stale_edit_is_refused_and_bad_input_names_the_field(client, world):
    client.force_login(world.owner)
    competitor_note_set(deal=world.cn_deal, name="华为云", version=0, strengths="a")
    stale = client.post(_url(world), {"name": "华为云", "version": 0, "strengths": "b"})
    assert stale.status_code == 409
    assert CompetitorNote.objects.get().strengths == "a"
    empty = client.post(_url(world), {"name": "   ", "version": 0, "strengths": "b"})
    assert empty.status_code == 422 and "name" in empty.context["new_form"].errors


def test_access_manager_views_only_outsider_404_anonymous_to_login(client, world):
    client.force_login(world.manager)
    page = client.get(_url(world))
    assert page.status_code == 200 and "Edit what we know" not in page.content.decode()
    assert client.post(_url(world), {"name": "华为云", "version": 0}).status_code == 403
    client.force_login(world.outsider)
    assert client.get(_url(world)).status_code == 404
    assert client.post(_url(world), {"name": "华为云", "version": 0}).status_code == 404
    assert client.get(reverse("account_competitors", args=["guodian"])).status_code == 404
    client.logout()
    for url in (_url(world), reverse("account_competitors", args=["guodian"]), reverse("win_loss")):
        response = client.get(url)
        assert response.status_code == 302 and "/login/" in response["Location"]
    response = client.post(_url(world), {"name": "华为云", "version": 0})
    assert response.status_code == 302 and "/login/" in response["Location"]
    assert not CompetitorNote.objects.exists()


def test_script_names_render_as_text(client, world):
    deal = world.cn_deal
    deal.competitors = ["<script>alert(1)</script>"]
    deal.status, deal.lost_to = "lost", "<script>alert(1)</script>"
    deal.save()
    f.person(account=world.cn, name="<script>x</script>")
    competitor_note_set(deal=deal, name="<script>alert(1)</script>", version=0, offer="<b>free</b>")
    client.force_login(world.owner)
    for url in (_url(world), reverse("account_competitors", args=["guodian"]), reverse("win_loss")):
        page = client.get(url, {"c": "<script>alert(1)</script>"}).content.decode()
        assert "<script>alert(1)</script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page, (
            url
        )
    assert "&lt;b&gt;free&lt;/b&gt;" in client.get(_url(world)).content.decode()


def test_the_account_page_gathers_each_competitor_over_the_deals(client, world):
    _competitive_deal(world)
    lost = f.deal(
        account=world.cn, name="二期", status="lost", lost_to="华为云", close_reason="价格", competitors=[]
    )
    client.force_login(world.owner)
    response = client.get(reverse("account_competitors", args=["guodian"]))
    rows = {r["name"]: r for r in response.context["competitors"]}
    assert [d["deal"].name for d in rows["华为云"]["deals"]] == ["物联网平台", "二期"]
    assert rows["华为云"]["deals"][1]["competitor"]["outcome"] == "lost_to_them"
    assert reverse("deal_competitors", args=["guodian", lost.pk]) in response.content.decode()


def _closed(world, name, status, amount, currency="CNY", account=None, **fields):
    return f.deal(
        account=account or world.cn,
        name=name,
        status=status,
        amount=Decimal(amount),
        currency=currency,
        **fields,
    )


def test_win_loss_by_competitor_counts_amounts_per_currency_and_lists_the_deals(client, world):
    _closed(world, "赢单", "won", "1000000", competitors=["华为云"], close_reason="案例更强")
    _closed(
        world, "输给华为", "lost", "2000000", competitors=["华为云"], lost_to="华为云 ", close_reason="价格"
    )
    _closed(
        world, "Lost to SAP", "lost", "500", "USD", account=world.en, competitors=["华为云"], lost_to="SAP"
    )
    _closed(world, "Mallory's", "lost", "9", account=world.other, competitors=["华为云"], lost_to="华为云")
    f.deal(account=world.cn, name="still open", competitors=["华为云"])
    client.force_login(world.owner)
    response = client.get(reverse("win_loss"), HTTP_ACCEPT_LANGUAGE="en")
    rows = {r["name"]: r for r in response.context["rows"]}
    huawei = rows["华为云"]
    assert (huawei["won"].count, huawei["lost_to_them"].count, huawei["lost_other"].count) == (1, 1, 1)
    assert huawei["lost_to_them"].amounts == {"CNY": Decimal("2000000")}  # Mallory's deal is not hers
    assert huawei["lost_other"].amounts == {"USD": Decimal("500")}
    assert rows["SAP"]["lost_to_them"].count == 1
    assert [r["reason"] for r in huawei["reasons"]] == ["价格", "案例更强"]  # why they won, then why we won
    page = response.content.decode()
    assert "2,000,000 CNY" in page and "?c=%E5%8D%8E%E4%B8%BA%E4%BA%91&amp;o=lost_to_them" in page
    drill = client.get(reverse("win_loss"), {"c": "华为云", "o": "lost_to_them"})
    assert [d.name for d, _o in drill.context["picked"]] == ["输给华为"]
    assert "价格" in drill.content.decode()
    client.force_login(world.manager)  # the manager sees the accounts of his team's members
    rows = {r["name"]: r for r in client.get(reverse("win_loss")).context["rows"]}
    assert rows["华为云"]["closed"] == 3
    client.force_login(world.outsider)
    rows = {r["name"]: r for r in client.get(reverse("win_loss")).context["rows"]}
    assert rows["华为云"]["closed"] == 1  # only Mallory's own deal


def test_pages_in_chinese_and_linked_from_the_deal_room_and_the_navigation(client, world):
    _competitive_deal(world)
    client.force_login(world.owner)
    room = client.get(reverse("deal", args=["guodian", world.cn_deal.pk]), HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert _url(world) in room.content.decode() and reverse("win_loss") in room.content.decode()
    page = client.get(_url(world), HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert "谁倾向他们" in page and "竞争对手" in page
    account_page = client.get(
        reverse("account", args=["guodian"]), {"deal": world.cn_deal.pk}
    ).content.decode()
    assert reverse("account_competitors", args=["guodian"]) in account_page


def test_the_map_format_round_trip_keeps_notes_and_outcomes(world, tmp_path):
    deal = _competitive_deal(world)
    competitor_note_set(
        deal=deal, name="华为云", version=0, strengths="服务", weaknesses="案例少", offer="八折"
    )
    lost = _closed(world, "二期", "lost", "10", lost_to="华为云", close_reason="价格")
    competitor_note_set(deal=lost, name="ＳＡＰ", version=0, offer="免费试用")
    path, again = tmp_path / "map.json", tmp_path / "again.json"
    call_command("export", "guodian", "--format", "json", "-o", str(path))
    call_command("import-map", str(path), "--as", "guodian-copy", "--owner", "alice", "--team", "east")
    call_command("export", "guodian-copy", "--format", "json", "-o", str(again))
    first = json.loads(path.read_text())
    assert _normalise(json.loads(again.read_text())) == _normalise(first)
    exported = {d["name"]: d for d in first["deals"]}
    assert exported["二期"]["lost_to"] == "华为云" and exported["二期"]["competition"][0]["name"] == "SAP"
    copy = Deal.objects.get(account__slug="guodian-copy", name="物联网平台")
    assert copy.competitor_notes.get().weaknesses == "案例少"


def test_a_note_on_a_misspelt_competitor_is_deleted_and_leaves_the_page(client, world):
    """A competitor noted by mistake ("Huawai") could never be taken off the deal's page: its note is
    deleted by an editor (history keeps it); readers, outsiders and a stale version cannot."""
    _competitive_deal(world)
    wrong = competitor_note_set(deal=world.cn_deal, name="Huawai", version=0, strengths="x")
    listed = competitor_note_set(deal=world.cn_deal, name="华为云", version=0, strengths="本地服务团队")
    delete = reverse("competitor_note_delete", args=["guodian", world.cn_deal.pk, wrong.pk])
    for user, status in ((world.manager, 403), (world.outsider, 404)):
        client.force_login(user)
        assert client.post(delete, {"version": wrong.version}).status_code == status
    client.force_login(world.owner)
    client.post(delete, {"version": 0})  # stale: refused, said
    assert CompetitorNote.objects.filter(pk=wrong.pk).exists()
    page = client.get(_url(world), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Huawai" in page and "Delete the note" in page
    response = client.post(delete, {"version": wrong.version}, HTTP_ACCEPT_LANGUAGE="en", follow=True)
    page = response.content.decode()
    assert "Note on Huawai deleted." in page and 'id="' + anchor("Huawai") + '"' not in page
    assert [c["name"] for c in response.context["competitors"]] == ["华为云", "SAP"]
    assert wrong.history.filter(history_type="-").exists()
    # a listed competitor's note goes, the competitor stays (the deal lists them)
    client.post(
        reverse("competitor_note_delete", args=["guodian", world.cn_deal.pk, listed.pk]), {"version": 1}
    )
    assert "本地服务团队" not in client.get(_url(world)).content.decode()
    assert [c["name"] for c in client.get(_url(world)).context["competitors"]] == ["华为云", "SAP"]
