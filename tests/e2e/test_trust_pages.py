"""The pages of issue 18 in Chromium: changing one's password, the lock-out after wrong passwords, and the
import preview of a wide file (a page of columns, long cells cut)."""

from __future__ import annotations

from tests.e2e.conftest import login, screenshot


def test_password_page_and_lockout(page, demo_world):
    login(page)
    page.goto(page.base_url + "/settings/password/")
    page.fill("input[name=old_password]", "demo")
    page.fill("input[name=new_password1]", "12345678")
    page.fill("input[name=new_password2]", "12345678")
    page.click("button.primary")
    page.wait_for_load_state("networkidle")
    assert page.locator(".errorlist").count() >= 1
    screenshot(page, "trust_password_refused_zh")
    page.fill("input[name=old_password]", "demo")
    page.fill("input[name=new_password1]", "Wide-river-42")
    page.fill("input[name=new_password2]", "Wide-river-42")
    page.click("button.primary")
    page.wait_for_load_state("networkidle")
    assert page.locator(".message").count() == 1
    screenshot(page, "trust_password_changed_zh")
    page.context.clear_cookies()
    for _ in range(5):
        login(page, "manager", "wrong")
    login(page, "manager", "manager")  # the right password still waits
    assert page.locator("[role=alert]").count() == 1
    screenshot(page, "trust_locked_out_zh")


def test_wide_import_preview(page, demo_world, tmp_path):
    login(page)
    header = ",".join(["姓名"] + [f"列{i}" for i in range(60)])
    row = ",".join(["王五"] + ["很长的备注" * 100] * 60)
    path = tmp_path / "wide.csv"
    path.write_text(f"{header}\r\n{row}\r\n", encoding="utf-8")
    slug = "hdny"
    page.goto(page.base_url + f"/accounts/{slug}/io/import/")
    page.set_input_files("input[name=file]", str(path))
    page.click("form[enctype] button")
    page.wait_for_load_state("networkidle")
    screenshot(page, "trust_wide_preview_zh")
    assert "<th>列18</th>" in page.content() and "<th>列25</th>" not in page.content()
    screenshot(page, "trust_wide_preview_zh")
