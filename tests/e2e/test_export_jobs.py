"""The export menu in Chromium: a click queues the export, the job page offers the file, the download is
the file (the tests run tasks inside the request, so the job is done when its page opens); both languages."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.e2e.conftest import login, screenshot, speak


def test_an_export_from_the_menu_goes_through_its_job_page(page, demo_world):
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    login(page)
    page.goto(page.base_url + "/accounts/hdny/")
    page.click("details.datamenu summary")
    screenshot(page, "export_menu_zh")
    page.click("details.datamenu button:has-text('PDF')")
    page.wait_for_url("**/io/export/job/*/")
    expect(page.locator("#download")).to_have_count(1)
    assert "文件已生成" in page.content()
    screenshot(page, "export_job_done_zh")
    with page.expect_download() as info:
        page.click("#download")
    download = info.value
    assert download.suggested_filename.endswith(".pdf")
    assert open(download.path(), "rb").read(5) == b"%PDF-"
    speak(page, "en")
    expect(page.locator("#download")).to_have_count(1)
    assert "The file is ready" in page.content()
    screenshot(page, "export_job_done_en")
    page.goto(page.base_url + "/accounts/hdny/io/export/xlsx/")  # an old link: the button that prepares it
    screenshot(page, "export_prepare_en")
    page.click("#job button")
    page.wait_for_url("**/io/export/job/*/")
    expect(page.locator("#download")).to_have_count(1)
    assert not errors
