"""Texts the Python side builds read as each language writes them (`battlemap.punctuation`): a label and its value
with 采购角色：决策者 / Roles: decision maker, a list with 张三、李四 / Alice, Bob, an aside with 李明（li-ming）/
Li Ming (li-ming). The history's values, the mail page's accept-all batches, the org chart's table, the import's
summary and the same-name question joined with ": " and ", " in Chinese too; the org chart's script is given the
page's punctuation (tests/e2e/test_process.py reads its chair note in the browser)."""

from __future__ import annotations

import re
from types import SimpleNamespace

import pytest
from django.urls import reverse
from django.utils import translation

from battlemap.core.history import display_value
from battlemap.deals.models import Deal, StakeholderRole
from battlemap.io.tabular.summary import where_lines
from battlemap.mail.models import Suggestion
from battlemap.mail.selectors.batches import accept_all_batch_rows
from battlemap.mail.services import suggestions_accept_above
from tests import factories as f
from tests.foundation.test_sentences_joined import seen

pytestmark = pytest.mark.django_db

LANGS = [("zh-hans", "：", "、"), ("en", ": ", ", ")]


@pytest.mark.parametrize(("lang", "colon", "sep"), LANGS)
def test_a_stakeholders_and_a_deals_history_values(lang, colon, sep):
    with translation.override(lang):
        roles = display_value(StakeholderRole, "roles", ["decision_maker", "user"])
        channels = display_value(Deal, "channels", {"evaluation": ["peers", "analysts"]})
    if lang == "en":
        assert (roles, channels) == ("decision maker, user", "evaluation: peers, analysts")
    else:
        assert (roles, channels) == ("决策者、使用者", "方案评估：同行、分析师")


@pytest.mark.parametrize(("lang", "colon", "sep"), LANGS)
def test_an_accept_all_batch_lists_what_it_wrote(world, lang, colon, sep):
    world.cn_boss.email = "wang@guodian.example"
    world.cn_boss.save()
    li = f.person(account=world.cn, name="李娜", email="li.na@guodian.example")
    Suggestion.objects.create(
        account=world.cn, kind="reports_to", email=li.email, name=li.name, value=world.cn_boss.email,
        probability=0.99,
    )  # fmt: skip
    suggestions_accept_above(account=world.cn, user=world.owner, percent=80)
    with translation.override(lang):
        (row,) = accept_all_batch_rows(world.cn)
        kind = str(Suggestion.Kind.REPORTS_TO.label)
    assert row.items == (f"{kind}{colon}李娜 → 王建国",)


@pytest.mark.parametrize(("lang", "colon", "sep"), LANGS)
def test_the_org_tables_sways_column(owner_client, world, lang, colon, sep):
    f.link(source=world.cn_boss, target=world.cn.people.get(name="李明"))
    f.link(source=world.cn_boss, target=f.person(account=world.cn, name="孙婷"))
    owner_client.cookies["django_language"] = lang
    lines = seen(owner_client.get(reverse("account", args=[world.cn.slug])).content.decode())
    assert any(f"孙婷{sep}李明" in line for line in lines), lines


@pytest.mark.parametrize(("lang", "colon", "sep"), LANGS)
def test_the_import_summary_names_the_sheets_it_passed_over(lang, colon, sep):
    meta = SimpleNamespace(
        empty_sheets=["封面", "目录"], hidden_sheets=["旧表", "草稿"], hidden_columns=["备注", "内部"],
        skipped_above=[1, 2], sheet="名单", group_row=None, header_row=3, footer=None, sections=None, groups=None,
    )  # fmt: skip
    with translation.override(lang):
        text = " ".join(where_lines(meta))
    for a, b in (("封面", "目录"), ("旧表", "草稿"), ("备注", "内部"), ("1", "2")):
        assert f"{a}{sep}{b}" in text, text


@pytest.mark.parametrize(("lang", "colon", "sep"), LANGS)
def test_the_same_name_question_names_the_other_account(owner_client, world, lang, colon, sep):
    owner_client.cookies["django_language"] = lang
    form = {"name": world.cn.name, "currency": "CNY", "lifecycle": "prospect", "team": ""}
    response = owner_client.post(reverse("account_new"), form)
    text = re.sub(r"<[^>]+>", "", response.content.decode())  # the name is a link to that account
    aside = "（guodian）" if lang == "zh-hans" else " (guodian)"
    assert f"{world.cn.name}{aside}" in text, text


@pytest.mark.parametrize(("lang", "colon", "sep"), LANGS)
def test_the_org_chart_is_given_the_languages_punctuation(owner_client, world, lang, colon, sep):
    """The chart's script writes a body's chair note (陈国强（主持人）), its tooltip's 主持人：陈国强 and its members
    with what the page gives it, not a rule of its own (" (" + chair + ")", members joined with "、" in English)."""
    owner_client.cookies["django_language"] = lang
    text = owner_client.get(reverse("account", args=[world.cn.slug])).content.decode()
    note = "（主持人）" if lang == "zh-hans" else " (chair)"
    for attribute in (f'data-chair-note="{note}"', f'data-colon="{colon}"', f'data-list-sep="{sep}"'):
        assert attribute in text, attribute
