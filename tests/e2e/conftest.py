"""Browser tests: Playwright drives Debian's Chromium (never a downloaded browser) against a live server."""

from __future__ import annotations

import os
from contextlib import contextmanager
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
ARTIFACTS = Path(os.environ.get("TEST_ARTIFACTS", Path(__file__).resolve().parents[2] / "test-artifacts"))

HERE = Path(__file__).resolve().parent


def pytest_collection_modifyitems(config, items):
    """Every test in this folder is marked `e2e` (so `-m "not e2e"` leaves them out)."""
    for item in items:
        if HERE in Path(str(item.fspath)).resolve().parents:
            item.add_marker(pytest.mark.e2e)
            if not Path(CHROMIUM).exists():
                item.add_marker(pytest.mark.skip(reason=f"no Chromium at {CHROMIUM}"))


@pytest.fixture(scope="session")
def browser():
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs an event loop
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--disable-quic",
            ],
        )
        yield b
        b.close()


@pytest.fixture
def demo_world(transactional_db):
    """The demo accounts, as `battlemap demo` loads them."""
    from battlemap.demo.loader import load_demo

    load_demo()


@pytest.fixture
def small(transactional_db):
    """demo's small account: 小客户 with one person, 王总 (the forms' browser tests)."""
    from django.core.cache import cache

    from tests import factories as f

    cache.clear()
    demo = f.user("demo", password="demo")
    acct = f.account(owner=demo, slug="small", name="小客户")
    f.person(account=acct, name="王总", title="总经理")
    return acct


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(viewport={"width": 1366, "height": 768}, locale="zh-CN")
    pg = context.new_page()
    pg.base_url = live_server.url
    yield pg
    context.close()


@contextmanager
def phone(browser, live_server, locale: str = "zh-CN"):
    """A logged-in page on a 390 × 844 touch phone in `locale`, closed after the block."""
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, locale=locale, is_mobile=True, has_touch=True
    )
    page = context.new_page()
    page.base_url = live_server.url
    try:
        login(page)
        yield page
    finally:
        context.close()


# What is drawn on the page and matches a selector, whose box is under 44 × 44 px (WCAG 2.5.5), as [text, w, h].
# A checkbox's or radio's box is its own joined with its labels' (a tap on either ticks it). A link inside a running
# sentence (drawn inline, its parent saying more than it does) is exempt, as WCAG 2.5.8 exempts it: it keeps the
# sentence's line ("3 人新加入商机：陈静（采购者）、黄磊…"), its line made taller instead.
SMALL_TARGETS = """(selector) => [...document.querySelectorAll(selector)]
  .filter(e => e.getClientRects().length && !e.matches('.skip')
    && !e.closest('details:not([open]) > :not(summary), [hidden]'))
  .filter(e => !(e.matches('a') && getComputedStyle(e).display === 'inline'
    && e.parentElement.textContent.trim() !== e.textContent.trim()))
  .map(e => {
    let r = e.getBoundingClientRect();
    if (e.matches('input[type=checkbox], input[type=radio]')) for (const label of e.labels) {
      const b = label.getBoundingClientRect();
      r = {left: Math.min(r.left, b.left), right: Math.max(r.right, b.right),
           top: Math.min(r.top, b.top), bottom: Math.max(r.bottom, b.bottom)};
    }
    return [(e.textContent || e.value || e.name).trim().slice(0, 40), Math.round(r.right - r.left),
            Math.round(r.bottom - r.top)]; })
  .filter(([, w, h]) => w < 44 || h < 44)"""
TARGETS = "a, button, input:not([type=hidden]), select, summary"


def small_targets(page, selector: str = TARGETS) -> list:
    """The targets matching `selector` on `page` under 44 × 44 px, as [text, width, height] (SMALL_TARGETS)."""
    return page.evaluate(SMALL_TARGETS, selector)


def login(page, username: str = "demo", password: str | None = None) -> None:
    """Sign `username` in and open This week.

    With a password: through the login form, as a user types it (what the tests of signing in use). Without:
    the session a login makes, given to the browser as its cookie (Django's `force_login`): the form and its
    redirect are not what the other tests look at, and cost every one of them time."""
    if password is not None:
        page.goto(page.base_url + "/login/")
        page.fill("input[name=username]", username)
        page.fill("input[name=password]", password)
        page.click("button.primary")
        page.wait_for_load_state("networkidle")
        return
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.test import Client

    client = Client()
    user = get_user_model().objects.get(username=username)
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    page.context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": page.base_url}])
    page.goto(page.base_url + "/")


def speak(page, language: str) -> None:
    """Switch the page to `language` ("en", "zh-hans") with the top bar's button, as a user does; waits for
    the page in that language (the choice is kept for the user)."""
    from playwright.sync_api import expect

    button = page.locator(f"form.lang button[value={language}]")
    if button.count():
        button.click()
    expect(page.locator("html")).to_have_attribute("lang", language)


def screenshot(page, name: str) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def paste_preview(page, text: str, account: str = "hdny"):
    """`text` pasted on `account`'s paste-to-add page and previewed: the preview's table, drawn."""
    page.goto(f"{page.base_url}/accounts/{account}/people/paste/")
    page.fill("#paste-form textarea[name=text]", text)
    page.click("#paste-form button.primary")
    table = page.locator("#paste-add-form table.preview")
    table.wait_for()
    return table
