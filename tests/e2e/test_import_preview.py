"""The import preview in Chromium for real-world files: encoding, sheet, header row and footer shown, the
encoding switched in the page, both languages; screenshots to look at."""

from __future__ import annotations

from pathlib import Path

from tests.e2e.conftest import login, screenshot, speak

REALWORLD = Path(__file__).resolve().parents[1] / "io" / "realworld"


def _upload(page, name: str, folder: Path = REALWORLD) -> None:
    page.goto(f"{page.base_url}/accounts/hdny/io/import/")
    page.set_input_files("input[name=file]", str(folder / name))
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
    speak(page, "en")
    _upload(page, "01_sf_report_footer.csv")
    assert "Report footer lines skipped" in page.content()
    screenshot(page, "import_preview_sf_footer_en")
    assert errors == []


OWN = Path(__file__).resolve().parents[1] / "fixtures" / "realworld_own"


def _upload_own(page, name: str) -> None:
    _upload(page, name, OWN)


def test_import_preview_of_files_unlike_the_shared_cases(page, demo_world):
    """Files of the same kinds made apart from the shared cases (issue #14): a hidden first sheet and a merged
    two-row header, a DingTalk roster whose manager is given by number, UTF-16 without BOM, an undecided
    day-month order asked for and answered in the page."""
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    login(page)
    _upload_own(page, "k3c_hidden_first_merged.xlsx")
    assert page.locator("select[name=sheet]").input_value() == "通讯录"
    assert "表头：第 2 和 3 行" in page.content() and "已跳过隐藏工作表：说明" in page.content()
    screenshot(page, "import_preview_own_hidden_merged_zh")
    _upload_own(page, "k4a_dingtalk_unseen.csv")
    assert "直属主管工号" in page.content() and "直属主管" in page.content()
    screenshot(page, "import_preview_own_dingtalk_zh")
    page.goto(f"{page.base_url}/accounts/hdny/io/import/")
    speak(page, "en")
    _upload_own(page, "k1b_utf16le_nobom.txt")
    assert page.locator("select[name=encoding]").input_value() in ("utf-16", "utf-16-le")
    assert "张一鸣" in page.content()
    screenshot(page, "import_preview_own_utf16_en")
    _upload_own(page, "k5b_ambiguous.csv")
    assert page.locator("select[name=date_order]").count() == 1
    screenshot(page, "import_preview_own_ambiguous_en")
    page.select_option("select[name=date_order]", "dmy")
    page.locator("#recheck button").click()
    page.wait_for_load_state("networkidle")
    assert page.locator("select[name=date_order]").input_value() == "dmy"
    screenshot(page, "import_preview_own_ambiguous_dmy_en")
    assert errors == []
