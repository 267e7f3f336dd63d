"""The XLSX export's People sheet imports back into its own account unchanged, in both languages: every column
the importer reads is there (a person who left keeps the day they left), so a user who edits the sheet and
imports it again changes only what they edited."""

from __future__ import annotations

import io

import pytest
from django.utils import translation
from django.utils.translation import pgettext
from openpyxl import load_workbook

from battlemap.accounts.models import Account
from battlemap.demo.loader import load_demo
from battlemap.io.export import export_account
from battlemap.io.tabular.services import people_import
from battlemap.people.models import Person
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("lang", ["zh-hans", "en"])
def test_the_people_sheet_imports_back_unchanged(lang):
    load_demo()
    for account in Account.objects.all():
        left = account.people.filter(status="left").exclude(left_on=None)
        assert left.exists(), "the demo has a person who left, with the day"
        data = export_account(account, fmt="xlsx", lang=lang)
        with translation.override(lang):
            sheet = pgettext("export", "People")
            column = pgettext("export", "Left on")
        rows = list(load_workbook(io.BytesIO(data), read_only=True)[sheet].values)
        at = rows[0].index(column)
        dated = sorted(r[at].date() for r in rows[1:] if r[at] is not None)  # a date cell, not text
        assert dated == sorted(left.values_list("left_on", flat=True))
        report = people_import(account=account, data=data, filename="export.xlsx", sheet=sheet, dry_run=True)
        assert (report.created, report.updated) == (0, 0), (account.slug, report)
        assert report.suspicious_columns == []  # no "looks like a department or id column" about our own
        assert report.unchanged == account.people.count()
        # the real run writes nothing either: no CRM id made of the map's ids, names as they were
        before = list(account.people.order_by("pk").values_list("name", "external_id", "left_on", "version"))
        people_import(account=account, data=data, filename="export.xlsx", sheet=sheet)
        after = list(account.people.order_by("pk").values_list("name", "external_id", "left_on", "version"))
        assert after == before


def _moved(world, source, slug: str, lang: str):
    """`source`'s XLSX People sheet imported into a new account `slug`: that account, and {person: their
    manager's title} for those whose manager has a title."""
    with translation.override(lang):
        sheet = pgettext("export", "People")
    target = f.account(owner=world.owner, slug=slug, name=slug.title())
    data = export_account(source, fmt="xlsx", lang=lang)
    people_import(account=target, data=data, filename="x.xlsx", sheet=sheet)
    people = target.people.exclude(reports_to=None).select_related("reports_to")
    return target, {p.name: p.reports_to.title for p in people if p.reports_to.title}


@pytest.mark.parametrize("lang", ["zh-hans", "en"])
def test_two_namesake_managers_move_to_another_account_each_with_their_own_reports(world, lang):
    """Two 张强 manage one person each: the sheet names the manager by e-mail where the name is shared (else by
    the Battlemap id of their row), so the sheet imported into another account keeps who reports to whom."""
    source = f.account(owner=world.owner, slug="source", name="Source")
    cardio = f.person(account=source, name="张强", title="心内科主任", email="zq.cardio@hospital.cn")
    it_head = f.person(account=source, name="张强", title="信息科科长", email="zq.it@hospital.cn")
    f.person(account=source, name="李四", reports_to=cardio)
    f.person(account=source, name="王五", reports_to=it_head)
    f.person(account=source, name="赵六", reports_to=f.person(account=source, name="陈洁"))
    target, managers = _moved(world, source, "target", lang)
    assert managers == {"李四": "心内科主任", "王五": "信息科科长"}
    assert target.people.get(name="赵六").reports_to.name == "陈洁"  # no namesake: by name, as before

    # namesakes with neither e-mail nor CRM id: the sheet names the manager by the Battlemap id of their row
    Person.objects.filter(pk__in=[cardio.pk, it_head.pk]).update(email="")
    again, managers = _moved(world, source, "again", lang)
    assert managers == {"李四": "心内科主任", "王五": "信息科科长"}
    assert again.people.filter(name="张强").count() == 2


@pytest.mark.parametrize("lang", ["zh-hans", "en"])
def test_a_unit_whose_name_holds_a_comma_or_a_list_mark_moves_to_another_account_whole(world, lang):
    """The sheet writes one unit a person, its path joined by `›`: a subsidiary named "… Co., Ltd." (or
    "党办、董办") is one unit on the way back, not two (the people of a group's English-named subsidiary landed
    in a unit "East China Energy International Trading Co." beside a new top unit "Ltd.")."""
    source = f.account(owner=world.owner, slug="source", name="Source")
    group = f.org_unit(account=source, name="华东能投集团")
    trading = f.org_unit(
        account=source, name="East China Energy International Trading Co., Ltd.", parent=group
    )
    f.person(
        account=source, name="程立轩", org_unit=f.org_unit(account=source, name="财务资产部", parent=trading)
    )
    f.person(
        account=source, name="白琪", org_unit=f.org_unit(account=source, name="党办、董办", parent=group)
    )
    target, _ = _moved(world, source, "target", lang)

    def path(name):
        unit, names = target.people.get(name=name).org_unit, []
        while unit is not None:
            names.append(unit.name)
            unit = unit.parent
        return list(reversed(names))

    assert path("程立轩") == [
        "华东能投集团",
        "East China Energy International Trading Co., Ltd.",
        "财务资产部",
    ]
    assert path("白琪") == ["华东能投集团", "党办、董办"]
    assert target.org_units.count() == source.org_units.count()
