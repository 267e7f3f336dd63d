"""One department written with a space or a line break beside its Chinese text or bracket — `信息中心(北京)`,
`信息中心 (北京)`, a cell's Alt+Enter `信息中心⏎（北京）` — is one org unit, on every road a department is matched
by name (`matching.department_key`): it became two, and the people of one department were split between them."""

from __future__ import annotations

import pytest
from django.urls import reverse

from battlemap.io.tabular.services import people_import
from tests import factories as f

pytestmark = pytest.mark.django_db

SPACING = (
    "姓名,职务,部门,邮箱\n"
    "周八,专员,信息中心(北京),z8@kh9.example\n"
    "吴九,专员,信息中心 (北京),w9@kh9.example\n"
    '郑十,专员,"信息中心\n（北京）",zs@kh9.example\n'
    "冯一,专员,Sales Dept,f1@kh9.example\n"
    "陈二,专员,Sales  Dept,c2@kh9.example\n"
)


def _import(account, data: bytes, filename: str = "people.csv"):
    return people_import(account=account, data=data, filename=filename)


def _departments(account) -> dict[str, set[str]]:
    """{unit name: the names of its people}."""
    by_unit: dict[int, set[str]] = {}
    for person in account.people.all():
        by_unit.setdefault(person.org_unit_id, set()).add(person.name)
    return {account.org_units.get(pk=pk).name: names for pk, names in by_unit.items()}


@pytest.fixture
def account(world):
    return f.account(owner=world.owner, slug="kh9", name="客户九")


def test_spaces_and_line_breaks_beside_chinese_or_a_bracket_make_one_department(account):
    _import(account, SPACING.encode())
    units = _departments(account)
    assert sorted(map(sorted, units.values())) == [["冯一", "陈二"], ["吴九", "周八", "郑十"]]
    assert account.org_units.count() == 2


def test_a_later_file_with_the_department_spelled_otherwise_finds_the_same_unit(account):
    tab = (
        "姓名\t职务\t部门\t邮箱\n"
        '赵敏\t经理\t"信息中心\n（北京）"\tzm@kh2.example\n'
        "孙七\t经理\t信息中心（北京）\tsq@kh2.example\n"
    )
    _import(account, tab.encode("utf-16"), "people.txt")
    _import(account, SPACING.encode())
    assert account.org_units.count() == 2
    assert account.people.filter(org_unit__name__startswith="信息中心").count() == 5
    assert len({p.org_unit_id for p in account.people.filter(org_unit__name__startswith="信息中心")}) == 1


def test_a_new_department_typed_on_the_person_form_finds_the_imported_one(owner_client, world, account):
    _import(account, SPACING.encode())
    before = account.org_units.count()
    response = owner_client.post(
        reverse("person_new", args=[account.slug]),
        {"name": "钱进", "status": "active", "new_department": "信息中心 （北京）"},
    )
    assert response.status_code == 302
    assert account.org_units.count() == before
    assert account.people.get(name="钱进").org_unit == account.people.get(name="周八").org_unit
