"""A download's file name (export trial, sixth round): an account named with 200 Chinese characters gave a 615-byte
name that no file system saves ("File name too long"), and a Chinese name had no ASCII `filename` for the clients
that read only that one (`curl -OJ`); a deal of another account was a bare 404 on `GET …/export/{fmt}` and a 422
naming `deal` on `POST …/exports`."""

from __future__ import annotations

from urllib.parse import unquote

import pytest

from battlemap.accounts.models import Account

pytestmark = pytest.mark.django_db


def _names(header: str) -> tuple[str, str]:
    plain = header.split('filename="')[1].split('"')[0]
    utf8 = unquote(header.split("filename*=utf-8''")[1]) if "filename*=" in header else plain
    return plain, utf8


def test_a_long_chinese_name_is_cut_and_has_an_ascii_fallback(owner_api, world):
    Account.objects.filter(pk=world.cn.pk).update(name="国" * 200)
    response = owner_api.get(f"/api/accounts/{world.cn.slug}/export/json")
    assert response.status_code == 200
    plain, utf8 = _names(response["Content-Disposition"])
    assert len(utf8.encode()) <= 255 and utf8.startswith("国" * 40) and utf8.endswith(".json")
    assert plain.isascii() and plain.startswith("guo-guo-") and plain.endswith(".json") and len(plain) <= 255


def test_the_demo_s_chinese_name_reads_in_both(owner_api, world):
    plain, utf8 = _names(owner_api.get(f"/api/accounts/{world.cn.slug}/export/json")["Content-Disposition"])
    assert utf8.startswith("国电智慧能源集团-") and plain.startswith("guo-dian-zhi-hui-neng-yuan")


def test_a_deal_of_another_account_is_named_on_both_export_routes(owner_api, world):
    other = world.other.deals.first() if world.other.deals.exists() else None
    deal = other.pk if other is not None else 999_999
    response = owner_api.get(f"/api/accounts/{world.cn.slug}/export/json?deal={deal}")
    assert response.status_code == 422 and response.json()["errors"][0]["field"] == "deal"


def test_an_english_legal_form_keeps_its_dot(owner_api, world):
    """A rep's "Harborline Freight Inc." was saved as "Harborline Freight Inc-2026-12-06.pdf": the date follows
    the name, so its dot ends no file name and stays (h1b)."""
    Account.objects.filter(pk=world.cn.pk).update(name="Harborline Freight Inc.")
    plain, utf8 = _names(owner_api.get(f"/api/accounts/{world.cn.slug}/export/json")["Content-Disposition"])
    assert plain == utf8 and plain.startswith("Harborline Freight Inc.-") and plain.endswith(".json")


def test_a_name_s_leading_dot_and_dashes_at_its_ends_go():
    from battlemap.io.export import export_filename

    assert export_filename(".Acme Corp. - ", "pdf", "2026-12-06") == "Acme Corp.-2026-12-06.pdf"
    assert export_filename(" ...", "pdf", "2026-12-06") == "account-2026-12-06.pdf"
