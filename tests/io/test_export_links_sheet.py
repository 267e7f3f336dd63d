"""The XLSX "Influence links" sheet and the web's influence-link table say the same (trial 21): the
strength in words (Strong / 强, not 3) and the link's note, which the web's table showed nowhere."""

from __future__ import annotations

import html
import io
import re

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import translation
from django.utils.translation import pgettext
from openpyxl import load_workbook

from battlemap.accounts.models import Account
from battlemap.demo.loader import load_demo
from battlemap.io.export import export_account

pytestmark = pytest.mark.django_db


def _web_links(client, account, lang: str) -> set[tuple[str, str, str, str]]:
    """(from, to, strength, note) of each row of the web's influence-link table, every page of it."""
    client.cookies["django_language"] = lang
    rows, page = set(), 1
    while True:
        text = client.get(reverse("people", args=[account.slug]), {"links": page}).content.decode()
        table = re.search(r'<table class="grid cards" id="links-table">(.*?)</table>', text, re.S).group(1)
        for row in re.findall(r'<tr id="link-\d+">(.*?)</tr>', table, re.S):
            cells = [
                html.unescape(re.sub(r"<[^>]+>", "", c)).strip()
                for c in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)
            ]
            rows.add((cells[0], cells[1], cells[3], cells[4]))
        if f'links={page + 1}"' not in text and f"links={page + 1}&" not in text:
            return rows
        page += 1


@pytest.mark.parametrize("lang", ["zh-hans", "en"])
def test_the_links_sheet_writes_strength_and_note_as_the_web_table_shows_them(client, lang):
    cache.clear()
    load_demo()
    client.login(username="demo", password="demo")
    for account in Account.objects.filter(influence_links__isnull=False).distinct():
        book = load_workbook(io.BytesIO(export_account(account, fmt="xlsx", lang=lang)), read_only=True)
        with translation.override(lang):
            sheet = book[pgettext("export", "Influence links")]
        rows = list(sheet.iter_rows(values_only=True))[1:]
        assert rows
        written = {(r[0], r[1], r[3], r[4] or "") for r in rows}
        assert all(isinstance(r[3], str) and not r[3].isdigit() for r in rows), rows
        assert any(note for *_rest, note in written), "the demo has a link with a note"
        assert written == _web_links(client, account, lang), account.slug
