"""The real-world people files of issue #14 (tests/io/realworld, copied from the shared cases): each lands
right — encodings, footers, Chinese org exports, full-width names — or is refused by row with nothing written."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.utils import translation

from battlemap.accounts.models import OrgUnit
from battlemap.io.tabular.problems import ImportFailed
from battlemap.io.tabular.services import people_import
from battlemap.io.tabular.summary import summary_lines
from battlemap.people.models import Person
from tests import factories as f

HERE = Path(__file__).parent / "realworld"


def _run(account, name: str, **kw):
    return people_import(account=account, data=(HERE / name).read_bytes(), filename=name, **kw)


@pytest.fixture
def account(db):
    return f.account(owner=f.user("rw"), slug="hdny", name="华东能源")


def _people(account) -> dict[str, Person]:
    return {
        p.name: p for p in Person.objects.filter(account=account).select_related("org_unit", "reports_to")
    }


def _path(unit: OrgUnit | None) -> str:
    parts = []
    while unit is not None:
        parts.append(unit.name)
        unit = unit.parent
    return " › ".join(reversed(parts))


def test_01_salesforce_report_footer_is_skipped_and_named(account):
    dry = _run(account, "01_sf_report_footer.csv", dry_run=True)
    result = _run(account, "01_sf_report_footer.csv")
    assert (dry.created, result.created) == (3, 3)
    people = _people(account)
    assert set(people) == {"Olivia Grant", "Noah Patel", "Emma Ruiz"}
    assert people["Olivia Grant"].notes == "Owns the budget\r\nMet at expo 2023"
    assert people["Noah Patel"].reports_to == people["Olivia Grant"]
    assert [text for _row, text in result.footer] == [
        "Grand Totals (3 records)",
        "Confidential Information - Do Not Distribute",
        "Copyright (c) 2000-2024 salesforce.com, inc. All rights reserved.",
    ]
    with translation.override("en"):
        lines = summary_lines(result)
    assert "Report footer lines skipped: 6: Grand Totals (3 records); 8: Confidential" in "\n".join(lines)


def test_03_windows_1252_is_read_right_and_named(account):
    result = _run(account, "03_eu_semicolon_cp1252.csv")
    assert result.encoding == "Windows-1252"
    assert set(_people(account)) == {"Jürgen Müller", "Françoise Lefèvre", "Søren Ørsted"}
    assert _people(account)["Søren Ørsted"].title == "IT-Architekt, Plattform"


def test_03_the_user_can_pick_another_encoding(account):
    with pytest.raises(Exception) as exc:  # Windows-1252 bytes are not UTF-8
        _run(account, "03_eu_semicolon_cp1252.csv", encoding="utf-8")
    assert "utf-8" in str(getattr(exc.value, "params", {}).get("value"))
    result = _run(account, "03_eu_semicolon_cp1252.csv", encoding="gbk", dry_run=True)
    assert result.encoding == "GB18030"  # the user's choice is obeyed (and named), even a poor one


def test_05b_wecom_paths_become_a_tree_and_leaders_resolve_through_the_account_id(account):
    dry = _run(account, "05b_wecom_paths_userid_leader.xlsx", dry_run=True)
    result = _run(account, "05b_wecom_paths_userid_leader.xlsx")
    assert dry.created == result.created == 4
    assert result.source == "wecom" and result.sheet == "成员列表" and result.header_row == 1
    people = _people(account)
    assert _path(people["何强"].org_unit) == "华东能源集团 › 信息中心 › 运维部"
    assert _path(people["郑丽"].org_unit) == "华东能源集团 › 信息中心 › 运维部"  # the first department
    assert _path(people["陈思远"].org_unit) == "华东能源集团 › 总经办"
    assert OrgUnit.objects.filter(account=account, name="华东能源集团").count() == 1
    assert OrgUnit.objects.get(account=account, name="安全生产委员会").parent.name == "华东能源集团"
    assert people["何强"].reports_to == people["郑丽"]
    assert people["郑丽"].reports_to == people["吴昊"]
    assert people["吴昊"].reports_to == people["陈思远"]
    assert (people["何强"].external_id, people["何强"].phone) == ("heqiang", "13900000005")
    again = _run(account, "05b_wecom_paths_userid_leader.xlsx")
    assert (again.created, again.unchanged) == (0, 4)
    assert OrgUnit.objects.filter(account=account).count() == 5


def test_06_dingtalk_gbk_roster_with_two_zhang_wei_is_refused_by_row(account):
    with pytest.raises(ImportFailed) as exc:
        _run(account, "06_dingtalk_roster_gbk.csv")
    messages = [p.message("en") for p in exc.value.problems]
    assert messages == ['row 5, Manager: "张伟" matches several people: row 3, row 4']
    assert [p.message("zh") for p in exc.value.problems][0].startswith("第 5 行")
    assert not Person.objects.filter(account=account).exists()
    assert not OrgUnit.objects.filter(account=account).exists()


def test_06_once_the_manager_is_given_by_employee_number_it_lands(account):
    data = (
        (HERE / "06_dingtalk_roster_gbk.csv")
        .read_bytes()
        .decode("gb18030")
        .replace("网络工程师,张伟,", "网络工程师,A0107,")
    )
    result = people_import(account=account, data=data.encode("gbk"), filename="roster.csv")
    assert (result.encoding, result.source, result.created) == ("GB18030", "dingtalk", 4)
    people = {p.external_id: p for p in Person.objects.filter(account=account)}
    assert people["A0412"].reports_to == people["A0107"]
    assert people["A0107"].reports_to == people["A0001"]
    assert _path(people["A0388"].org_unit) == "华东能源集团 › 财务部"  # DingTalk writes paths with "-"


def test_07_full_width_and_padded_names_are_cleaned_and_match_on_reimport(account):
    _run(account, "07_fullwidth_padded_names.csv")
    people = _people(account)
    assert set(people) == {"张伟", "王芳", "李娜"}
    assert people["王芳"].phone == "13900000012" and people["李娜"].email == "li.na@hdny.example"
    assert people["王芳"].reports_to == people["张伟"] and people["李娜"].reports_to == people["王芳"]
    again = _run(account, "07c_reimport_clean_name.csv")
    assert (again.created, again.unchanged) == (0, 1)


def test_07b_then_07c_match_by_the_cleaned_name(account):
    _run(account, "07b_fullwidth_no_manager.csv")
    assert set(_people(account)) == {"张伟", "王芳"}
    assert _people(account)["王芳"].phone == "13900000012"
    result = _run(account, "07c_reimport_clean_name.csv")
    assert (result.created, result.updated) == (0, 1)
    assert Person.objects.filter(account=account).count() == 2
    assert _people(account)["张伟"].email == "zhang.wei@hdny.example"
