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


def _android_card(name: str, family: str, given: str, title: str, *related: tuple[str, str, str]) -> str:
    """An Android phone's card (Contacts → Export, vCard 2.1, Chinese as quoted-printable UTF-8) with its related
    names as Android writes them: `X-ANDROID-CUSTOM:vnd.android.cursor.item/relation;name;type;label;…`, the type
    a number of ContactsContract.CommonDataKinds.Relation (7 manager, 1 assistant, 14 spouse, 0 custom)."""

    def qp(text: str) -> str:
        return "".join(f"={b:02X}" for b in text.encode("utf-8"))

    lines = [
        "BEGIN:VCARD",
        "VERSION:2.1",
        f"N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:{qp(family)};{qp(given)};;;",
        f"FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:{qp(name)}",
        f"TITLE;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:{qp(title)}",
        "TEL;CELL:13800138000",
    ]
    for who, kind, label in related:
        fields = ";".join([qp(who), kind, qp(label)] + [""] * 12)
        lines.append(
            "X-ANDROID-CUSTOM;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:vnd.android.cursor.item/relation;"
            + fields
        )
    return "\n".join([*lines, "END:VCARD"])


ANDROID_EXPORT = _crlf(
    "\n".join(
        [
            _android_card("刘建华", "刘", "建华", "运维部经理", ("王建国", "7", ""), ("陈秘书", "1", "")),
            _android_card("欧阳文静", "欧阳", "文静", "运维工程师", ("刘建华", "7", "")),
            _android_card("赵磊", "赵", "磊", "采购主管", ("孙丽", "14", ""), ("李明", "0", "老同学")),
            _android_card("钱思远", "钱", "思远", "信息中心副主任", ("李明", "0", "直属上级")),
        ]
    )
)


def test_an_android_phones_manager_is_the_reporting_line_as_an_iphones(world):
    table = read_vcards(ANDROID_EXPORT)
    manager = table.headers.index("Manager")
    assert [row[manager] for row in table.rows] == ["王建国", "刘建华", "", "李明"]
    result = people_import(account=world.cn, data=ANDROID_EXPORT, filename="contacts.vcf")
    assert result.created == 4
    assert _reports_to(world.cn, "刘建华") == "王建国"  # type 7, on the map already
    assert _reports_to(world.cn, "欧阳文静") == "刘建华"  # type 7, a card of the same file
    assert _reports_to(world.cn, "钱思远") == "李明"  # a custom type labelled as a manager column is
    # a spouse (14), a custom type labelled 老同学 and an assistant (1) are no managers
    assert _reports_to(world.cn, "赵磊") is None


def test_an_android_manager_no_one_has_is_refused_as_a_csvs_is(world):
    card = _crlf(_android_card("周雨桐", "周", "雨桐", "采购经理", ("孙一鸣", "7", "")))
    with pytest.raises(ImportFailed) as caught:
        people_import(account=world.cn, data=card, filename="周雨桐.vcf")
    assert caught.value.problems[0].message("en").startswith('row 1, Manager: no person "孙一鸣"')
