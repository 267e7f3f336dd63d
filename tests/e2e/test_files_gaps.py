"""Left from issue #14, in Chromium: a CSV mixing UTF-8 and GBK previewed with the GBK rows marked, then
imported; a refused mail upload bringing the form back as the user filled it. Screenshots to look at."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import expect

from battlemap.people.models import Person
from tests.e2e.conftest import login, screenshot

OWN = Path(__file__).resolve().parents[1] / "fixtures" / "realworld_own"


def test_a_mixed_encoding_csv_is_previewed_with_its_gbk_rows_marked_then_imported(page, demo_world):
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    login(page)
    page.goto(f"{page.base_url}/accounts/hdny/io/import/")
    page.set_input_files("input[name=file]", str(OWN / "m1_mixed_utf8_gbk.csv"))
    page.locator("form[enctype] button").last.click()
    expect(page.locator("tr.legacy-row")).to_have_count(2)
    assert page.locator("select[name=encoding]").input_value() == "utf-8+gb18030"
    assert "逐行读取：第 3、4 行按 GB18030 读取" in page.inner_text("body")
    screenshot(page, "import_preview_mixed_encoding_zh")
    page.locator("form[action$='confirm/'] button").click()
    page.wait_for_url("**/confirm/")
    assert Person.objects.filter(account__slug="hdny", name="王芳", title="采购经理").exists()
    assert errors == []


def test_a_refused_mail_upload_keeps_what_was_typed(page, demo_world):
    login(page)
    page.goto(f"{page.base_url}/accounts/hdny/mail/")
    page.set_input_files("input[name=files]", str(OWN / "m5_activity_mixed_gbk.csv"))
    page.fill("input[name=our_domains]", "ourco.example, ourco.cn")
    page.fill("input[name=customer_domains]", "hdny.com.cn")
    page.click("form[enctype] button.primary")
    expect(page.locator("#files-again")).to_have_count(1)
    assert page.input_value("input[name=our_domains]") == "ourco.example, ourco.cn"
    assert page.input_value("input[name=customer_domains]") == "hdny.com.cn"
    assert "第 3, 4 行为 GB18030" in page.inner_text("body")
    screenshot(page, "mail_upload_refused_kept_zh")
