"""The privacy pages of issue 18 in Chromium: a person's page offers the owner their data and erasure; the
erase page asks for the name (a wrong one is refused at the field), then the person is a placeholder; the
account's audit log lists the view, the export and the erasure."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.e2e.conftest import login, screenshot


def test_export_erase_and_audit_log(page, demo_world):
    from battlemap.people.models import Person

    person = Person.objects.filter(account__slug="hdny", email__gt="").order_by("pk").first()
    name = person.name
    login(page)
    page.goto(page.base_url + f"/accounts/hdny/people/{person.pk}/")
    expect(page.locator("#personal-data a")).to_have_count(2)
    with page.expect_download() as download:
        page.click("#personal-data a >> nth=0")
    assert download.value.suggested_filename == f"person-hdny-{person.pk}.json"
    page.click("#personal-data a >> nth=1")
    page.wait_for_url(f"**/people/{person.pk}/erase/")
    screenshot(page, "privacy_erase_page_zh")
    page.fill("input[name=confirm]", "不是这个名字")
    page.click("#erase-form button.danger")
    expect(page.locator("#field-confirm .errorlist")).to_have_count(1)
    screenshot(page, "privacy_erase_refused_zh")
    page.fill("input[name=confirm]", name)
    page.click("#erase-form button.danger")
    page.wait_for_url("**/accounts/hdny/people/")
    expect(page.locator(".message")).to_have_count(1)
    assert name not in page.content()
    screenshot(page, "privacy_erased_zh")
    page.goto(page.base_url + "/accounts/hdny/")
    page.click("details.datamenu summary")
    page.click("text=审计日志")
    page.wait_for_url("**/accounts/hdny/audit/")
    # viewed, erased, exported, and the demo loaded as an imported map file (newest first)
    expect(page.locator("#audit tbody tr")).to_have_count(4)
    screenshot(page, "privacy_audit_log_zh")
    assert name not in page.content()
    page.context.clear_cookies()
    login(page, "manager", "manager")
    page.goto(page.base_url + f"/accounts/hdny/people/{person.pk}/")
    expect(page.locator("#personal-data")).to_have_count(0)
