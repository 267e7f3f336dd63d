"""A mapping file that cannot be used, uploaded on the import page in Chromium: the error names the key and
lists the allowed codes in the page's language (with their labels in Chinese); a GB18030 mapping file's
Chinese headers are read. Screenshots to look at."""

from __future__ import annotations

from tests.e2e.conftest import login, screenshot, speak

BAD = '[values.roles]\n"拍板人" = ["boss"]\n'.encode()
PEOPLE = "姓名全称,职位\n赵敏,采购总监\n".encode()


def _upload(page, tmp_path, mapping: bytes) -> None:
    (tmp_path / "people.csv").write_bytes(PEOPLE)
    (tmp_path / "mapping.toml").write_bytes(mapping)
    page.goto(f"{page.base_url}/accounts/hdny/io/import/")
    page.set_input_files("input[name=file]", str(tmp_path / "people.csv"))
    page.set_input_files("input[name=mapping]", str(tmp_path / "mapping.toml"))
    page.locator("form[enctype] button").last.click()
    page.wait_for_load_state("networkidle")


def test_mapping_file_errors_in_both_languages_and_a_gbk_mapping_read(page, demo_world, tmp_path):
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    login(page)
    _upload(page, tmp_path, BAD)
    text = page.locator("main").inner_text()
    assert "映射文件：" in text and "未知角色“boss”" in text and "决策者（decision_maker）" in text
    screenshot(page, "import_mapping_error_zh")
    speak(page, "en")
    _upload(page, tmp_path, BAD)
    text = page.locator("main").inner_text()
    assert (
        'Mapping file: values.roles."拍板人": unknown role "boss" (one of decision_maker, influencer' in text
    )
    screenshot(page, "import_mapping_error_en")
    _upload(page, tmp_path, '[columns]\n"姓名全称" = "name"\n'.encode("gb18030"))
    assert "赵敏" in page.locator("main").inner_text()
    screenshot(page, "import_mapping_gb18030_preview_en")
    assert errors == []
