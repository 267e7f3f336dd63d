"""The mail intelligence page in Chromium: a generated organisation's mail ingested, titles on the map
anchoring the quiet chief executive, "accept all from N%" and its undo; names with markup stay text."""

from __future__ import annotations

import pytest

from tests import factories as f
from tests.e2e.conftest import login, screenshot

XSS = "<script>alert(1)</script>"


@pytest.fixture
def mail_world(transactional_db, tmp_path):
    from django.core.cache import cache

    from battlemap.mail.cache import account_inference
    from battlemap.mail.services import mail_ingest, suggestions_refresh
    from tests.inference.orggen import generate_quiet_top_org
    from tests.mail.proposals import org_csv

    cache.clear()
    demo = f.user("demo", password="demo")
    account = f.account(owner=demo, slug="corp", name="华东能源集团")
    org = generate_quiet_top_org(spans=(3, 2, 1), seed=4, days=40)
    ceo = f.person(account=account, name="王建国", title="总经理", email=org.top)
    titles = ["总会计师", "首席信息官", "副总经理"]
    c_level = [p for p in org.people if org.manager.get(p) == org.top]
    for i, email in enumerate(c_level):
        f.person(account=account, name=f"副总{i}", title=titles[i % 3], email=email, reports_to=None)
    directors = [p for p in org.people if org.manager.get(p) in c_level]
    for i, email in enumerate(directors):
        f.person(account=account, name=XSS if i == 0 else f"部长{i}", email=email)
    f.deal(account=account, name="智慧电厂")
    path = org_csv(org, tmp_path / "org.csv")
    mail_ingest(account=account, paths=[path], customer_domains=["corp.example"])
    suggestions_refresh(result=account_inference(account))
    return account, ceo


def test_accept_all_then_undo_in_the_browser(page, mail_world):
    account, ceo = mail_world
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    login(page)
    page.goto(page.base_url + f"/accounts/{account.slug}/mail/")
    page.wait_for_load_state("networkidle")
    first = page.locator("#inferred-people tr").nth(1)
    assert "王建国" in first.inner_text()  # the title on the map anchors the quiet chief executive
    assert XSS in page.inner_text("#inferred-people")  # shown as text, never run
    screenshot(page, "mail-insights-before")
    page.fill("#accept-above-percent", "30")
    page.click("#accept-above button")
    page.wait_for_load_state("networkidle")
    assert page.locator("#accept-batches").count() == 1
    screenshot(page, "mail-insights-accepted")
    from battlemap.people.models import Person

    assert Person.objects.filter(account=account, reports_to=ceo).exists()
    page.click("#accept-batches button")
    page.wait_for_load_state("networkidle")
    assert page.locator("#accept-batches").count() == 0
    assert not Person.objects.filter(account=account, reports_to=ceo).exists()
    screenshot(page, "mail-insights-undone")
    assert dialogs == []


def test_accept_all_and_undo_in_english_at_390px_restore_roles_and_show_in_the_timeline(
    browser, live_server, mail_world
):
    """At 390 px in English: accept all, the batch said in words, the changes in the timeline; undo gives
    back exactly what was there — the chief executive's earlier role and attitude in the deal, no lines."""
    from playwright.sync_api import expect

    from battlemap.deals.models import Deal, StakeholderRole
    from battlemap.deals.services import stakeholder_role_create
    from battlemap.people.models import Person

    account, ceo = mail_world
    deal = Deal.objects.get(account=account)
    stakeholder_role_create(deal=deal, person=ceo, roles=["influencer"], attitude="supporter", influence=4)
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="en-US", is_mobile=True)
    context.add_cookies([{"name": "django_language", "value": "en", "url": live_server.url}])
    page = context.new_page()
    page.base_url = live_server.url
    login(page)
    page.goto(page.base_url + f"/accounts/{account.slug}/mail/")
    page.wait_for_load_state("networkidle")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390, "the page scrolls sideways"
    page.fill("#accept-above-percent", "30")
    page.click("#accept-above button")
    expect(page.locator("#accept-batches")).to_have_count(1)
    assert "accepted by demo" in page.inner_text("#accept-batches")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(page, "mail-insights-accepted-en-390")
    role = StakeholderRole.objects.get(deal=deal, person=ceo)
    assert role.roles == ["decision_maker", "influencer"] and role.attitude == "supporter"
    assert Person.objects.filter(account=account, reports_to=ceo).exists()

    page.goto(page.base_url + f"/accounts/{account.slug}/timeline/")
    page.wait_for_load_state("networkidle")
    assert "accepted all suggestions from 30% up, by demo" in page.inner_text("main")
    screenshot(page, "mail-insights-timeline-en-390")

    page.goto(page.base_url + f"/accounts/{account.slug}/mail/")
    page.locator("#accept-batches button").first.click()
    expect(page.locator("#accept-batches")).to_have_count(0)
    role.refresh_from_db()
    assert (role.roles, role.attitude, role.influence) == (["influencer"], "supporter", 4)
    assert not Person.objects.filter(account=account, reports_to=ceo).exists()
    page.goto(page.base_url + f"/accounts/{account.slug}/timeline/")
    page.wait_for_load_state("networkidle")
    assert "undo of: accepted all suggestions from 30% up" in page.inner_text("main")
    screenshot(page, "mail-insights-undone-timeline-en-390")
    context.close()


def test_a_deal_opened_after_the_mail_gets_its_decision_makers_from_a_button(page, mail_world):
    """A mail trial: decision makers of a deal opened after the upload appeared only after another upload."""
    account, ceo = mail_world
    f.deal(account=account, name=f"二期 {XSS}")
    login(page)
    page.goto(page.base_url + f"/accounts/{account.slug}/mail/")
    notice = page.locator("#mail-refresh")
    assert f"二期 {XSS}" in notice.inner_text()  # the deal's name is text
    notice.scroll_into_view_if_needed()
    screenshot(page, "mail-refresh-new-deal")
    notice.locator("button").click()
    page.wait_for_load_state("networkidle")
    assert page.locator("#mail-refresh").count() == 0
    assert f"二期 {XSS}" in page.locator("#suggestions").inner_text()
