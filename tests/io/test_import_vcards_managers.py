"""vCards of the iPhone and macOS Contacts name a contact's manager as a related name in a group:
`item1.X-ABRELATEDNAMES:王建国` with `item1.X-ABLabel:_$!<Manager>!$_`. Imported, that is the person's reporting
line, found by name as a CSV's Manager column is (among the file's cards, then the account's people), with the
same problems when no one or several people have that name; an Assistant, a Spouse … is no manager. Names
invented."""

from __future__ import annotations

import pytest

from battlemap.io.tabular.problems import ImportFailed
from battlemap.io.tabular.services import people_import
from battlemap.io.tabular.vcards import read_vcards
from battlemap.people.models import Person
from tests import factories as f


def _crlf(text: str) -> bytes:
    return text.strip("\n").replace("\n", "\r\n").encode("utf-8") + b"\r\n"


def _card(name: str, family: str, given: str, title: str, *related: tuple[str, str]) -> str:
    """An iPhone's card (vCard 3.0, as Contacts → Export vCard writes it) with its related names, each with its
    label in the same group."""
    lines = [
        "BEGIN:VCARD",
        "VERSION:3.0",
        "PRODID:-//Apple Inc.//iPhone OS 17.4//EN",
        f"N:{family};{given};;;",
        f"FN:{name}",
        "ORG:国电智慧能源集团;信息中心",
        f"TITLE:{title}",
        "TEL;type=CELL;type=VOICE;type=pref:138 0013 8000",
    ]
    for i, (who, label) in enumerate(related, 1):
        lines += [f"item{i}.X-ABRELATEDNAMES:{who}", f"item{i}.X-ABLabel:{label}"]
    return "\n".join([*lines, "END:VCARD"])


# the iPhone's "export all": a manager on the map, one in the file, an assistant and a spouse (no managers), and a
# Mac's card with a label typed by the user (上级)
IPHONE_EXPORT = _crlf(
    "\n".join(
        [
            _card(
                "刘建华",
                "刘",
                "建华",
                "运维部经理",
                ("王建国", "_$!<Manager>!$_"),
                ("陈秘书", "_$!<Assistant>!$_"),
            ),
            _card("欧阳文静", "欧阳", "文静", "运维工程师", ("刘建华", "_$!<Manager>!$_")),
            _card("赵磊", "赵", "磊", "采购主管", ("孙丽", "_$!<Spouse>!$_"), ("李明", "_$!<Assistant>!$_")),
            _card("钱思远", "钱", "思远", "信息中心副主任", ("李明", "上级")),
        ]
    )
)


def _reports_to(account, name):
    person = Person.objects.select_related("reports_to").get(account=account, name=name)
    return person.reports_to.name if person.reports_to else None


def test_an_iphones_manager_is_the_reporting_line_and_an_assistant_or_spouse_is_none(world):
    result = people_import(account=world.cn, data=IPHONE_EXPORT, filename="联系人.vcf")
    assert result.created == 4
    assert _reports_to(world.cn, "刘建华") == "王建国"  # on the map already
    assert _reports_to(world.cn, "欧阳文静") == "刘建华"  # a card of the same file
    assert _reports_to(world.cn, "钱思远") == "李明"  # a label typed on a Mac, as a CSV's 上级 column
    assert _reports_to(world.cn, "赵磊") is None  # his spouse and his assistant are no managers
    assert not Person.objects.filter(account=world.cn, name__in=["陈秘书", "孙丽"]).exists()


def test_the_manager_is_a_column_of_the_cards_table_only_when_a_card_names_one():
    table = read_vcards(IPHONE_EXPORT)
    manager = table.headers.index("Manager")
    assert [row[manager] for row in table.rows] == ["王建国", "刘建华", "", "李明"]
    assistants = _crlf(_card("赵磊", "赵", "磊", "采购主管", ("李明", "_$!<Assistant>!$_")))
    assert "Manager" not in read_vcards(assistants).headers


@pytest.mark.parametrize(
    ("existing", "problem"),
    [
        ([], 'row 1, Manager: no person "孙一鸣" in the file or the account'),
        (["孙一鸣", "孙一鸣"], 'row 1, Manager: "孙一鸣" matches several people'),
    ],
)
def test_an_unknown_or_ambiguous_manager_is_refused_as_a_csvs_is(world, existing, problem):
    for name in existing:
        f.person(account=world.cn, name=name)
    card = _crlf(_card("周雨桐", "周", "雨桐", "采购经理", ("孙一鸣", "_$!<Manager>!$_")))
    with pytest.raises(ImportFailed) as caught:
        people_import(account=world.cn, data=card, filename="周雨桐.vcf")
    assert caught.value.problems[0].message("en").startswith(problem)
    assert not Person.objects.filter(account=world.cn, name="周雨桐").exists()
