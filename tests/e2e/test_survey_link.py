"""A questionnaire answered by link in Chromium, in Chinese and in English: the seller makes the link on
the questionnaires page, the customer opens it on a 390-px phone without logging in, answers with
taps and sees the thank-you; the answers are on the person's page and the link does not open twice."""

from __future__ import annotations

import pytest

from battlemap.people.models import Person
from battlemap.surveys.models import SurveyResponse
from tests.e2e.conftest import login, screenshot
from tests.e2e.test_deal_room import watch as watch  # noqa: F401  (the fixture: no script errors, no 404/500)

JOURNEYS = {
    # language, account, person asked, questionnaire, texts the customer sees, the thank-you
    "zh": ("hdny", "satisfaction", "zh-hans", ("您对我们的满意度如何？", "推荐"), "感谢您"),
    "en": (
        "northwind",
        "decision_factors",
        "en",
        ("What matters most in your decision?", "decisive"),
        "Thank you",
    ),
}


def _person(slug: str) -> Person:
    return Person.objects.filter(account__slug=slug, placeholder=False, external=False).order_by("id").first()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_customer_answers_a_questionnaire_on_a_phone(page, browser, demo_world, watch, lang):
    slug, kind, language, texts, thanks = JOURNEYS[lang]
    person = _person(slug)
    login(page)
    page.goto(f"{page.base_url}/accounts/{slug}/surveys/")
    form = page.locator("form.sendform")
    form.locator("select[name=kind]").select_option(kind)
    form.locator("select[name=language]").select_option(language)
    form.locator(f"input[name=people][value='{person.pk}']").check()
    form.locator("button.primary").click()
    box = page.locator("input.linkbox")
    box.wait_for()
    url = box.input_value()
    assert "/q/" in url
    screenshot(page, f"survey-01-sent-{lang}")

    phone = browser.new_context(
        viewport={"width": 390, "height": 844}, locale="en-US" if lang == "zh" else "zh-CN"
    )
    customer = phone.new_page()
    problems: list[str] = []
    customer.on("pageerror", lambda e: problems.append(str(e)))
    customer.goto(url)
    html = customer.content()
    for text in texts:
        assert text in html  # in the respondent's language, whatever the phone's locale
    for secret in (person.name, person.account.name, "demo"):
        assert secret not in customer.locator("body").inner_text()
    scroll, inner = customer.evaluate("[document.scrollingElement.scrollWidth, innerWidth]")
    assert scroll <= inner, f"the questionnaire scrolls sideways ({scroll} > {inner})"
    screenshot(customer, f"survey-02-phone-questions-{lang}")
    first = customer.locator("fieldset.q").first
    customer.locator("button.send").click()  # without consent and answers: refused, naming what is missing
    customer.wait_for_load_state("networkidle")
    assert customer.locator(".errorlist").count() >= 1
    for index, fieldset in enumerate(customer.locator("fieldset.q").all()):
        fieldset.locator("label.opt").nth(2 if index % 2 else 4).click()  # tap a box, not a tiny radio
    customer.locator("input[name=consent]").check()
    screenshot(customer, f"survey-03-phone-answered-{lang}")
    with customer.expect_navigation():
        customer.locator("button.send").click()
    assert thanks in customer.locator("h1").inner_text()
    screenshot(customer, f"survey-04-phone-thanks-{lang}")
    assert first is not None and problems == []

    answer = SurveyResponse.objects.get(person=person)
    assert answer.kind == kind and answer.ratings and answer.consent_text
    assert (answer.nps is not None) == (kind == "satisfaction")
    customer.goto(url)  # once answered: the thank-you again, never the form
    assert customer.locator("form").count() == 0 and thanks in customer.locator("h1").inner_text()
    phone.close()

    page.goto(f"{page.base_url}/accounts/{slug}/people/{person.pk}/")
    assert page.locator("#answers dd").count() >= 1
    screenshot(page, f"survey-05-person-answers-{lang}")


def test_an_interview_with_a_guide_proposes_map_updates_the_seller_accepts(page, demo_world, watch):
    person = _person("hdny")
    login(page)
    page.goto(f"{page.base_url}/accounts/hdny/people/{person.pk}/")
    page.click(f"a.button[href*='/interview/?person={person.pk}']")
    form = page.locator("form.interview")
    form.wait_for()
    form.locator("textarea[name=q_people_decides]").fill("党委会拍板；新来的财务总监孙一鸣可以否决")
    form.locator("textarea[name=named_people]").fill("孙一鸣, 财务总监")
    screenshot(page, "survey-06-interview-guide-zh")
    with page.expect_navigation():
        form.locator("button.primary").click()
    proposals = page.locator("ul.proposals li")
    assert proposals.count() == 1 and "孙一鸣" in proposals.first.inner_text()
    with page.expect_navigation():
        proposals.first.locator("button[value=accept]").click()
    assert page.locator("ul.proposals .badge").count() == 1
    screenshot(page, "survey-07-interview-accepted-zh")
    assert Person.objects.filter(account__slug="hdny", name="孙一鸣", title="财务总监").exists()
