"""The import preview in Chromium for real-world files: encoding, sheet, header row and footer shown, the
encoding switched in the page, both languages; screenshots to look at."""

from __future__ import annotations

from pathlib import Path

from tests.e2e.conftest import login, screenshot

REALWORLD = Path(__file__).resolve().parents[1] / "io" / "realworld"


def _upload(page, name: str) -> None:
    page.goto(f"{page.base_url}/accounts/hdny/io/import/")
    page.set_input_files("input[name=file]", str(REALWORLD / name))
    page.locator("form[enctype] button").last.click()
    page.wait_for_load_state("networkidle")


def test_import_preview_shows_how_the_file_was_read(page, demo_world):
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    login(page)
    _upload(page, "05b_wecom_paths_userid_leader.xlsx")
    assert page.locator("select[name=sheet]").input_value() == "成员列表"
    assert "表头：第 1 行。" in page.content()
    screenshot(page, "import_preview_wecom_zh")
    _upload(page, "03_eu_semicolon_cp1252.csv")
    assert page.locator("select[name=encoding]").input_value() == "cp1252"
    assert "Jürgen" in page.content()
    page.select_option("select[name=encoding]", "gb18030")
    page.locator("#recheck button").click()
    page.wait_for_load_state("networkidle")
    assert page.locator("select[name=encoding]").input_value() == "gb18030"
    screenshot(page, "import_preview_cp1252_as_gb18030_zh")
    page.goto(f"{page.base_url}/accounts/hdny/io/import/")
    page.click("form.lang button")
    page.wait_for_load_state("networkidle")
    _upload(page, "01_sf_report_footer.csv")
    assert "Report footer lines skipped" in page.content()
    screenshot(page, "import_preview_sf_footer_en")
    assert errors == []
