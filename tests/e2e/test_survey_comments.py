"""A long questionnaire comment on the questionnaires page, in Chromium at 1280 and 390 px: its start and
"Show all" (the comments' rule), the person's name on one line, the Revoke button of an open link in view;
Show all opens the whole comment."""

from __future__ import annotations

import pytest
from django.utils import timezone

from battlemap.surveys.services import questionnaire_send, response_record
from tests import factories as f
from tests.e2e.conftest import login, screenshot

HIDDEN_SIDEWAYS = (
    "Math.max(0, ...[...document.querySelectorAll('.table-wrap')].map(w => w.scrollWidth - w.clientWidth))"
)
COMMENT = ("交付团队响应太慢，" * 445)[:4000]  # 4,000 characters, the longest a comment may be


@pytest.fixture
def surveyed(transactional_db):
    owner = f.user("demo")
    account = f.account(owner=owner, slug="guodian", name="国电智慧能源集团")
    answered = f.person(account=account, name="王建国", title="总经理")
    waiting = f.person(account=account, name="Christopher Montgomery", title="CIO")
    sent = questionnaire_send(
        account=account, kind="satisfaction", people=[answered, waiting], sent_by=owner, language="zh-hans"
    )
    link = next(s.link for s in sent if s.link.person_id == answered.pk)
    ratings = {code: 2 for code in ("product", "delivery", "support", "communication", "value")}
    response_record(
        link=link, ratings=ratings, nps=3, consent_text="同意", consented=True, comment=COMMENT,
        answered_at=timezone.now(),
    )  # fmt: skip
    return account


@pytest.mark.parametrize("width", [1280, 390])
def test_a_long_comment_shows_its_start_and_show_all(browser, live_server, surveyed, width):
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="zh-CN")
    page = context.new_page()
    page.base_url = live_server.url
    try:
        login(page)
        page.goto(f"{page.base_url}/accounts/guodian/surveys/")
        comment = page.locator(".answer-comment")
        assert comment.locator("summary").inner_text().endswith("显示全部")
        assert len(comment.inner_text()) < 400  # its start, not the 4,000 characters
        name = page.locator("a.name", has_text="Christopher Montgomery")
        box = name.bounding_box()
        assert box["height"] < 60  # a word a line at most, not a letter a line
        assert box["x"] >= 0 and box["x"] + box["width"] <= width  # in sight without scrolling sideways
        revoke = page.locator('form[action$="/revoke/"] button')
        box = revoke.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= width  # in view, not cut off
        assert page.evaluate("document.scrollingElement.scrollWidth") <= width
        assert page.evaluate(HIDDEN_SIDEWAYS) <= 0  # no table scrolls: every cell is in sight
        screenshot(page, f"survey-comment-{width}")
        comment.locator("summary").click()
        assert len(comment.inner_text()) > 4000 - 10  # the whole
        screenshot(page, f"survey-comment-{width}-open")
    finally:
        context.close()
