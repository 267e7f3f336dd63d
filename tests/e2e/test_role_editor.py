"""The deal room's stakeholder editor in Chromium, on a 390 × 844 touch phone and a 1366 px desktop (a fresh
reviewer's findings): saving a person's attitude or plan left the window on the playbook, "已保存。" 4,222 px above
and the edited row out of sight."""

from __future__ import annotations

from contextlib import nullcontext

import pytest
from playwright.sync_api import expect

from battlemap.deals.models import Deal, StakeholderRole
from tests.e2e.conftest import login, phone, screenshot


def _in_sight(page, locator) -> bool:
    box = locator.bounding_box()
    return box is not None and 0 <= box["y"] and box["y"] + box["height"] <= page.viewport_size["height"]


def _edit(page, name: str):
    """Open the room's editor on `name`'s row; the form."""
    page.locator("table.coverage tbody tr", has_text=name).locator("a.edit-link").click()
    form = page.locator("#role-editor #role-form")
    form.wait_for()
    return form


def _saved_in_their_row(page, name: str, shot: str) -> None:
    row = page.locator("table.coverage tbody tr", has_text=name)
    saved = row.locator(".message[role=status]")
    saved.wait_for()
    assert saved.inner_text() == "已保存。"
    assert _in_sight(page, saved) and _in_sight(page, row.locator("a.name"))
    screenshot(page, shot)


@pytest.mark.parametrize("on_a_phone", [True, False], ids=["phone", "desktop"])
def test_saving_an_attitude_or_a_plan_shows_the_row_with_saved(
    browser, live_server, page, demo_world, on_a_phone
):
    deal = Deal.objects.get(account__slug="hdny", name="智慧能源物联网平台一期")
    with phone(browser, live_server) if on_a_phone else nullcontext(page) as pg:
        if not on_a_phone:
            login(pg)
        pg.goto(f"{pg.base_url}/accounts/hdny/deals/{deal.pk}/")
        form = _edit(pg, "赵磊")
        form.locator("label.att-choice[data-attitude=skeptic]").click()
        form.locator("button[type=submit]").click()
        _saved_in_their_row(pg, "赵磊", f"role-editor-saved-attitude-{'phone' if on_a_phone else 'desktop'}")
        assert StakeholderRole.objects.get(deal=deal, person__name="赵磊").attitude == "skeptic"

        form = _edit(pg, "周振华")
        form.locator("textarea[name=plan]").fill("请周总工牵头做一次现场评测")
        form.locator("button[type=submit]").click()
        _saved_in_their_row(pg, "周振华", f"role-editor-saved-plan-{'phone' if on_a_phone else 'desktop'}")
        assert (
            StakeholderRole.objects.get(deal=deal, person__name="周振华").plan == "请周总工牵头做一次现场评测"
        )


def test_editing_names_the_person_and_cancel_closes_the_editor_unchanged(browser, live_server, demo_world):
    deal = Deal.objects.get(account__slug="hdny", name="智慧能源物联网平台一期")
    with phone(browser, live_server) as page:
        page.goto(f"{page.base_url}/accounts/hdny/deals/{deal.pk}/")
        box = page.locator("#role-editor-box")
        form = _edit(page, "林涛")
        assert box.locator("> summary").inner_text() == "编辑 林涛 在本商机中的角色"
        assert box.locator("> p.hint").count() == 0
        form.locator("label.att-choice[data-attitude=opponent]").click()
        screenshot(page, "role-editor-editing-phone")
        page.locator("#role-cancel").click()
        expect(box.locator("> summary")).to_have_text("为此商机添加人员")
        assert box.evaluate("details => details.open") is False
        assert _in_sight(page, page.locator("table.coverage tbody tr", has_text="林涛").locator("a.name"))
        screenshot(page, "role-editor-cancelled-phone")
        assert StakeholderRole.objects.get(deal=deal, person__name="林涛").attitude == "unknown"
        box.locator("> summary").click()  # opened again: adding a person, as before the edit
        assert box.locator("#role-form select[name=person]").is_visible()


# Each role's or attitude's card in the editor: its name, the number of lines its name takes, and
# whether its help starts below the name (not squeezed beside it).
CHOICES = r"""(form) => [...form.querySelectorAll('label.choice')].map(label => {
  const name = label.querySelector('.choice-name'), help = label.querySelector('.help');
  const text = name.textContent, tops = new Set(), walk = document.createTreeWalker(name, NodeFilter.SHOW_TEXT);
  for (let n; (n = walk.nextNode());) for (let i = 0; i < n.data.length; i++) if (n.data[i].trim()) {
    const r = document.createRange(); r.setStart(n, i); r.setEnd(n, i + 1);
    tops.add(Math.round(r.getBoundingClientRect().top));
  }
  return [text.trim(), tops.size, help.getBoundingClientRect().top >= name.getBoundingClientRect().bottom - 1];
})"""


def test_on_a_phone_each_role_and_attitude_reads_its_name_on_one_line_with_its_help_under_it(
    browser, live_server, demo_world
):
    """A new seller on a touch phone saw 决 / 策 / 者 one character a line, squeezed beside its help (the touch
    rule made every checkbox's label a flex row, the cards' grid lost)."""
    deal = Deal.objects.get(account__slug="hdny", name="智慧能源物联网平台一期")
    with phone(browser, live_server) as page:
        page.goto(f"{page.base_url}/accounts/hdny/deals/{deal.pk}/")
        page.locator("#role-editor-box > summary").click()
        form = page.locator("#role-editor #role-form")
        form.wait_for()
        choices = form.evaluate(CHOICES)
        assert [name for name, _, _ in choices][:3] == ["决策者", "影响者", "使用者"]
        assert len(choices) == 7 + 6  # the seven buying roles and the six attitudes
        assert [c for c in choices if c[1] != 1 or not c[2]] == []
        screenshot(page, "role-editor-choices-phone")
