"""Training in Chromium, in Chinese and in English (issue 16): a trainee reads a scenario, fills the map
(roles, attitudes, influence, who decides, who sways whom, the flags), submits, and sees the score with
the reasons quoted from the narrative; at 390 px the exercise and the result have no horizontal page scroll."""

from __future__ import annotations

import re

import pytest

from battlemap.training import scenarios
from tests import factories as f
from tests.e2e.conftest import login, screenshot, speak
from tests.e2e.test_deal_room import watch as watch  # noqa: F401  (the fixture: no script errors, no 404/500)

KEY = "founder-manufacturer"


def _no_page_scroll(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("width", [1366, 390])
def test_complete_a_scenario_and_see_the_score_with_reasons(page, transactional_db, watch, lang, width):
    f.user("trainee", password="pw-trainee-1")
    page.set_viewport_size({"width": width, "height": 800})
    login(page, "trainee", "pw-trainee-1")
    if lang == "en":
        speak(page, "en")
    page.goto(page.base_url + "/training/")
    page.locator(f"a[href='/training/{KEY}/']").click()
    page.wait_for_url(re.compile(rf"/training/{KEY}/$"))
    assert page.locator("article.doc").count() == 5
    assert page.locator("input[type=checkbox]:checked").count() == 0  # nothing of the reference shown
    screenshot(page, f"training-01-exercise-{lang}-{width}")
    if width == 390:
        _no_page_scroll(page)

    ref = scenarios.reference_of(scenarios.load_library()[KEY], lang)
    form = page.locator("form.exercise")
    wrong_person = 3  # the general manager gets no role and a wrong attitude: two items wrong
    for pid, roles in ref.roles.items():
        box = form.locator(f"fieldset[data-person='{pid}']")
        if pid != wrong_person:
            for role in roles:
                box.locator(f"input[value={role}]").check()
        box.locator(f"select[name=p{pid}-attitude]").select_option(
            "opponent" if pid == wrong_person else ref.attitudes[pid]
        )
        box.locator(f"select[name=p{pid}-influence]").select_option(str(ref.influence[pid]))
    form.locator("select[name=decision_maker]").select_option(str(ref.decision_maker))
    for i, (a, b) in enumerate(sorted(ref.links)):
        form.locator(f"select[name=link-{i}-from]").select_option(str(a))
        form.locator(f"select[name=link-{i}-to]").select_option(str(b))
    for code in ref.flags:
        form.locator(f"input[name=flags][value={code}]").check()
    form.locator("button[type=submit]").click()
    page.wait_for_url(re.compile(rf"/training/{KEY}/attempts/1/$"))

    total = len(ref.keys())
    expected = round(100 * (total - 2) / total)
    assert page.locator("h1 .score").inner_text() == f"{expected}%"
    assert page.locator("tr.wrong").count() == 2
    assert page.locator("tr.right").count() == total - 2
    quote = ref.reasons["decision_maker"]
    assert page.locator("tr.right q", has_text=quote).count() >= 1  # the reason, quoted from the narrative
    assert page.locator("tr.wrong q").count() == 0  # no answer for a wrong item before the last attempt
    screenshot(page, f"training-02-result-{lang}-{width}")
    if width == 390:
        _no_page_scroll(page)
    assert watch == []


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_real_persons_page_shows_the_role_play_prompts(page, transactional_db, watch, lang):
    owner = f.user("seller", password="pw-seller-1")
    account = f.account(owner=owner, slug="acme", name="Acme 集团")
    boss = f.person(account=account, name="钱董", title="董事长", decision_style="driver")
    deal = f.deal(account=account, name="平台项目")
    f.role(deal=deal, person=boss, roles=["decision_maker", "influencer"], attitude="neutral", influence=5)
    page.set_viewport_size({"width": 390, "height": 800})
    login(page, "seller", "pw-seller-1")
    if lang == "en":
        speak(page, "en")
    page.goto(f"{page.base_url}/accounts/acme/people/{boss.pk}/")
    card = page.locator("#roleplay")
    assert card.locator("details").count() == 2  # one per buying role held
    assert ("投资回报" if lang == "zh" else "return on investment") in card.inner_text()
    assert ("支配型" if lang == "zh" else "Driver") in card.inner_text()
    card.scroll_into_view_if_needed()
    screenshot(page, f"training-03-person-roleplay-{lang}")
    assert card.evaluate("el => el.scrollWidth <= el.clientWidth + 1")  # the card itself fits
    assert watch == []


def test_a_manager_makes_a_case_and_sees_the_team_train_on_it(page, transactional_db, watch):
    manager, trainee = f.user("coach", password="pw-coach-1"), f.user("rookie", password="pw-rookie-1")
    team = f.team("east", members=[trainee], managers=[manager])
    account = f.account(owner=trainee, slug="acme", name="艾克米集团", team=team)
    boss = f.person(
        account=account, name="钱多多", title="总经理", email="qdd@acme.example.cn", phone="13900001111"
    )
    it = f.person(
        account=account, name="孙小美", title="信息中心主任", reports_to=boss, concerns="担心钱多多不批"
    )
    deal = f.deal(account=account, name="艾克米数据平台")
    f.role(deal=deal, person=boss, roles=["decision_maker"], attitude="supporter", influence=5)
    f.role(deal=deal, person=it, roles=["champion", "user"], attitude="advocate", influence=3)
    f.link(source=it, target=boss, kind="advises")
    deal.status = "won"
    deal.save()

    page.set_viewport_size({"width": 390, "height": 800})
    login(page, "coach", "pw-coach-1")
    page.goto(page.base_url + "/training/cases/new/")
    page.select_option("select[name=deal]", str(deal.pk))
    page.click("button.primary")
    page.wait_for_url(re.compile(r"/training/case-\d+/$"))
    text = page.locator("main").inner_text()
    for original in ("钱多多", "孙小美", "艾克米", "qdd@acme.example.cn", "13900001111"):
        assert original not in text, original
    screenshot(page, "training-04-case-exercise-zh")
    key = page.url.rstrip("/").rsplit("/", 1)[-1]

    page.context.clear_cookies()
    login(page, "rookie", "pw-rookie-1")
    page.goto(f"{page.base_url}/training/{key}/")
    page.locator("form.exercise select[name=decision_maker]").select_option("1")
    page.locator("form.exercise button[type=submit]").click()
    page.wait_for_url(re.compile(rf"/training/{key}/attempts/1/$"))
    assert page.locator("tr.right").count() >= 1

    page.context.clear_cookies()
    login(page, "coach", "pw-coach-1")
    page.goto(page.base_url + "/training/teams/east/")
    assert page.locator("table.progress td", has_text="rookie").count() == 1
    screenshot(page, "training-05-team-zh")
    _no_page_scroll(page)
    assert watch == []
