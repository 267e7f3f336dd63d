from __future__ import annotations

import pytest
from django.utils import translation

from battlemap.core.reasons import reason_text
from battlemap.deals.models import StakeholderRole
from battlemap.io.tabular.mappingfile import load_mapping
from battlemap.io.tabular.problems import ImportFailed
from battlemap.io.tabular.services import people_import
from battlemap.people.models import Person
from tests import factories as f

from .files import CHINESE, HEADER_SETS, SALESFORCE, csv_bytes, xlsx_bytes

ENCODINGS = {
    "utf-8": "UTF-8",
    "utf-8-sig": "UTF-8 (BOM)",
    "gbk": "GB18030",
    "gb18030": "GB18030",
}  # gbk read as GB18030


def _file(kind: str, fmt: str) -> tuple[bytes, str]:
    rows = HEADER_SETS[kind]
    if fmt == "xlsx":
        return xlsx_bytes(rows), f"{kind}.xlsx"
    return csv_bytes(rows, fmt), f"{kind}.csv"


@pytest.fixture
def target(db):
    owner = f.user("imp")
    account = f.account(owner=owner, slug="sdny", name="山东能源")
    deal = f.deal(account=account, name="平台")
    return account, deal


@pytest.mark.parametrize("fmt", [*ENCODINGS, "xlsx"])
@pytest.mark.parametrize("kind", list(HEADER_SETS))
def test_it_imports_each_header_set_in_each_encoding(target, kind, fmt):
    account, deal = target
    data, name = _file(kind, fmt)
    result = people_import(account=account, data=data, filename=name, deal=deal)
    assert result.source == kind
    assert result.encoding == (ENCODINGS.get(fmt) if fmt != "xlsx" else None)
    people = {p.name: p for p in Person.objects.filter(account=account)}
    assert {"王建国", "李明", "刘芳"} <= set(people)
    wang, li = people["王建国"], people["李明"]
    assert li.reports_to_id == (wang.pk if kind != "hubspot" else None)
    assert li.email == "li@sdny.cn"
    if kind != "hubspot":
        assert li.phone == "13900000002"  # never 13900000002.0 from XLSX numbers
        assert li.org_unit.name == "信息中心"
    yan = "刘岩" if fmt == "gbk" else "刘䶮"
    assert yan in people
    roles = {r.person.name: r for r in StakeholderRole.objects.filter(deal=deal).select_related("person")}
    assert roles["王建国"].roles == ["decision_maker"]
    if kind == "chinese":
        assert roles["李明"].roles == ["influencer", "champion"]
        assert (roles["李明"].attitude, roles["李明"].influence, roles["李明"].relationship) == (
            "advocate",
            4,
            3,
        )
        assert people[yan].reports_to_id == li.pk
        assert people["刘芳"].reports_to_id == wang.pk  # manager given by email
    if kind == "hubspot":
        assert roles["刘芳"].attitude == "opponent"  # Blocker is an attitude, not a role
        assert people["吴伟"].external and people["吴伟"].organisation == "省设计院"
        assert not wang.external
        assert roles["吴伟"].roles == ["gatekeeper"]


def test_errors_in_rows_3_and_7_are_all_reported_and_nothing_is_written(target):
    account, _deal = target
    rows = [CHINESE[0]] + [[f"人{i}", "", "", f"p{i}@x.cn", "", "", "", "", "", ""] for i in range(2, 9)]
    rows[2][0] = ""  # row 3: no name
    rows[6][8] = "9"  # row 7: influence out of range
    before = Person.objects.count()
    with pytest.raises(ImportFailed) as caught:
        people_import(account=account, data=csv_bytes(rows, "utf-8"), filename="bad.csv")
    messages = [p.message("en") for p in caught.value.problems]
    nobody = "no one on the map has the e-mail p3@x.cn, so the row would be a new person, and a person needs a name"
    assert messages == [
        f"row 3, Name: empty — {nobody}: fill it in, or leave the row out",
        'row 7, Influence: "9" is not between 1 and 5',
    ]
    assert (
        caught.value.problems[0]
        .message("zh-hans")
        .startswith("第 3 行，姓名：为空——地图上没有邮箱为“p3@x.cn”的人")
    )
    assert Person.objects.count() == before


def test_reimport_is_idempotent(target):
    account, deal = target
    data, name = _file("salesforce", "xlsx")
    first = people_import(account=account, data=data, filename=name, deal=deal)
    history = Person.history.count()
    again = people_import(account=account, data=data, filename=name, deal=deal)
    assert (first.created, again.created, again.updated, again.unchanged) == (4, 0, 0, 4)
    assert Person.objects.filter(account=account).count() == 4
    assert Person.history.count() == history
    assert StakeholderRole.objects.filter(deal=deal).count() == 3


def test_reimport_updates_and_keeps_history(target):
    account, _deal = target
    first = people_import(
        account=account, data=csv_bytes(SALESFORCE, "utf-8"), filename="c.csv", user=account.owner
    )
    changed = [row[:] for row in SALESFORCE]
    changed[2][4] = "副总经理"
    result = people_import(account=account, data=csv_bytes(changed, "utf-8"), filename="c.csv")
    assert (result.created, result.updated, result.unchanged) == (0, 1, 3)
    li = Person.objects.get(account=account, external_id="003A2")
    assert li.title == "副总经理"
    assert [h.title for h in li.history.order_by("history_date")] == ["信息中心主任", "副总经理"]
    created = li.history.earliest("history_date")
    # core.reasons: the import's own reason, its id for the undo (io.tabular.undo)
    assert (created.history_type, created.history_change_reason) == (
        "+",
        f"@imported|{first.import_id}|c.csv",
    )
    with translation.override("zh-hans"):
        assert reason_text(created.history_change_reason) == "导入 c.csv"
    assert created.history_user == account.owner and created.name_key.startswith("liming")
    li_then = created.instance  # the person as the import created them, rebuilt from history
    assert (li_then.email, li_then.phone, li_then.account_id) == ("li@sdny.cn", "13900000002", account.pk)
    assert (li_then.org_unit_id, li_then.reports_to_id) == (li.org_unit_id, li.reports_to_id)
    assert li_then.created_at == li.created_at and li_then.version == 1


def test_mapping_file_maps_other_headers_and_values(target):
    account, deal = target
    rows = [
        ["Nom", "Fonction", "Rôle"],
        ["Marie Curie", "Directrice", "Sponsor"],
        ["Paul Dirac", "Ingénieur", "Fan"],
    ]
    mapping = load_mapping("""
[columns]
"Nom" = "name"
"Fonction" = "title"
"Rôle" = "roles"
[values.roles]
"Sponsor" = ["decision_maker", "champion"]
"Fan" = { roles = ["user"], attitude = "advocate" }
""")
    people_import(
        account=account, data=csv_bytes(rows, "utf-8"), filename="fr.csv", deal=deal, mapping=mapping
    )
    marie = StakeholderRole.objects.get(deal=deal, person__name="Marie Curie")
    assert marie.roles == ["decision_maker", "champion"] and marie.person.title == "Directrice"
    assert StakeholderRole.objects.get(deal=deal, person__name="Paul Dirac").attitude == "advocate"


def test_ambiguous_manager_name_is_an_error_naming_the_row(target):
    account, _deal = target
    f.person(account=account, name="张伟")
    f.person(account=account, name="张伟")
    rows = [["姓名", "上级"], ["李四", "张伟"]]
    with pytest.raises(ImportFailed) as caught:
        people_import(account=account, data=csv_bytes(rows, "utf-8"), filename="a.csv")
    assert caught.value.problems[0].message("en").startswith('row 2, Manager: "张伟" matches several people')


def test_reporting_cycle_is_an_error(target):
    account, _deal = target
    rows = [["姓名", "上级"], ["甲", "乙"], ["乙", "丙"], ["丙", "甲"]]
    with pytest.raises(ImportFailed) as caught:
        people_import(account=account, data=csv_bytes(rows, "utf-8"), filename="a.csv")
    assert [p.code for p in caught.value.problems] == ["cycle"]
    assert "2, 3, 4" in caught.value.problems[0].message("en")
    assert not Person.objects.filter(account=account).exists()


def test_manager_is_found_among_the_account_people(target):
    account, _deal = target
    boss = f.person(account=account, name="赵总", email="zhao@sdny.cn")
    rows = [["姓名", "上级"], ["钱一", "赵总"], ["孙二", "zhao@sdny.cn"]]
    people_import(account=account, data=csv_bytes(rows, "utf-8"), filename="a.csv")
    assert set(Person.objects.filter(reports_to=boss).values_list("name", flat=True)) == {"钱一", "孙二"}


def test_contact_role_file_puts_roles_on_known_contacts(target):
    account, deal = target
    people_import(account=account, data=csv_bytes(SALESFORCE, "utf-8"), filename="contacts.csv")
    roles = [
        ["OpportunityId", "ContactId", "Role", "IsPrimary"],
        ["006A", "003A3", "Decision Maker", "true"],
        ["006A", "003A9", "Evaluator", "false"],
    ]
    with pytest.raises(ImportFailed) as caught:
        people_import(account=account, data=csv_bytes(roles, "utf-8"), filename="roles.csv", deal=deal)
    assert [p.message("en") for p in caught.value.problems] == [
        'row 3, External id: no person with id "003A9" in the file or the account'
    ]
    result = people_import(
        account=account, data=csv_bytes(roles[:2], "utf-8"), filename="roles.csv", deal=deal
    )
    assert (result.skipped, result.roles_created) == (1, 1)
    assert StakeholderRole.objects.get(deal=deal).person.name == "刘芳"


def test_dry_run_writes_nothing_but_reports_the_same(target):
    account, _deal = target
    result = people_import(account=account, data=csv_bytes(CHINESE, "utf-8"), filename="c.csv", dry_run=True)
    assert (result.created, result.roles_ignored) == (4, 4)  # no deal given: the roles are not written
    assert not Person.objects.filter(account=account).exists()


def test_scientific_notation_from_excel_csv_is_refused(target):
    account, _deal = target
    rows = [["姓名", "手机"], ["王五", "1.39E+10"]]
    with pytest.raises(ImportFailed) as caught:
        people_import(account=account, data=csv_bytes(rows, "utf-8"), filename="s.csv")
    assert "scientific notation" in caught.value.problems[0].message("en")


def test_a_deal_chosen_for_a_file_without_roles_says_nobody_joined_it(target):
    """The trial chose a deal for a roster without a role column: 25 people came in, none joined the deal,
    and nothing said so."""
    from battlemap.io.tabular.summary import summary_lines

    account, deal = target
    rows = [
        ["姓名", "职位", "角色"],
        ["王建国", "总经理", "决策者"],
        ["李明", "主任", ""],
        ["刘芳", "工程师", ""],
    ]
    result = people_import(account=account, data=csv_bytes(rows, "utf-8"), filename="r.csv", deal=deal)
    assert (result.created, result.roles_created, result.roles_absent) == (3, 1, 2)
    with translation.override("en"):
        assert (
            "2 rows give no role, attitude or influence: those people were not added to the deal"
            in "\n".join(summary_lines(result))
        )
    with translation.override("zh-hans"):
        assert "2 行没有角色、态度或影响力：这些人没有加入商机" in "\n".join(summary_lines(result))
    without = people_import(account=account, data=csv_bytes(rows, "utf-8"), filename="r.csv")
    assert without.roles_absent == 0  # no deal chosen: nothing to join
