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
