"""The PDF's influence circle lists the people it found no room to label, "listed whole" as the docs say — but
the list read the chart label's cut: "[21] 分管数字化副总经理（待…", "[27] 国资委要求 2025 …" (export trial, sixth
round). Each listed entry now holds the whole name (an outside factor's text up to LISTED_LIMIT characters)."""

from __future__ import annotations

import subprocess

import pytest

from battlemap.accounts.chart_labels import LISTED_LIMIT
from battlemap.accounts.models import Account
from battlemap.io.export import export_account

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("lang", ["zh-hans", "en"])
def test_the_circle_s_list_names_everyone_whole(demo, lang):
    for account in Account.objects.all():
        pdf = export_account(account, fmt="pdf", lang=lang)
        text = subprocess.run(
            ["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True
        ).stdout.decode()
        flat = "".join(text.split())
        listed = [p for p in account.people.all() if f"]{''.join(p.name.split())}" in flat]
        for person in account.people.all():
            name = "".join(person.name.split())
            if f"]{name[:8]}" in flat and len(name) <= LISTED_LIMIT:
                assert f"]{name}" in flat, person.name  # begun in the list: whole there
        assert listed  # the demo's crowded circles list some
