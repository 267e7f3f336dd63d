"""The forms' days on a phone, with an English browser in the Chinese UI: a process step's planned date and the
review's day are the app's day box (core.dates.DayInput: text, YYYY-MM-DD), not the browser's date box, which
laid them out as mm/dd/yyyy there and made "2027/1/15" typed key by key into another day. Typed as a Chinese
seller writes them, they are saved and shown as that day. A timed interaction's date and time are that day box
and a time box (HH:MM, 24-hour clock), not the browser's date-and-time box (mm/dd/yyyy, hh:mm AM/PM)."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from django.utils import timezone
from playwright.sync_api import expect

from tests import factories as f
from tests.e2e.conftest import phone, screenshot, speak


def test_days_typed_on_a_phone_in_the_chinese_ui_are_saved(browser, live_server, small):
    from battlemap.process.models import ProcessStep
    from battlemap.reviews.models import Review

    deal = f.deal(account=small, name="信息化平台")
    planned = date(timezone.localdate().year + 1, 1, 15)
    reviewed = timezone.localdate() - timedelta(days=2)
    with phone(browser, live_server, locale="en-US") as page:
        speak(page, "zh-hans")
        page.goto(f"{page.base_url}/accounts/small/deals/{deal.pk}/")
        page.click("#process details summary:has-text('添加步骤')")
        box = page.locator("#step_planned_on")
        assert box.get_attribute("type") == "text" and box.get_attribute("placeholder") == "YYYY-MM-DD"
        page.select_option("#step_kind", "tender_notice")
        box.press_sequentially(f"{planned.year}/1/15")  # key by key, as a Chinese seller types it
        screenshot(page, "day-boxes-390-step")
        page.click("#step-form button.primary")
        steps = page.locator("#process-steps tbody tr")
        expect(steps).to_have_count(1)
        expect(steps.first).to_contain_text(planned.isoformat())
        assert ProcessStep.objects.get(deal=deal).planned_on == planned

        page.goto(f"{page.base_url}/accounts/small/reviews/")
        box = page.locator("#id_reviewed_on")
        assert box.get_attribute("type") == "text" and page.input_value("#id_reviewed_on") == (
            timezone.localdate().isoformat()
        )
        box.fill("")
        box.press_sequentially(f"{reviewed.year}年{reviewed.month}月{reviewed.day}日")
        page.click("form.card button.primary")
        page.goto(f"{page.base_url}/accounts/small/reviews/")
        expect(page.locator("#reviews tbody tr").first).to_contain_text(reviewed.isoformat())
        assert Review.objects.get(account=small).reviewed_on == reviewed
        screenshot(page, "day-boxes-390-reviews")
        width = page.evaluate("() => document.documentElement.scrollWidth")
        assert width <= 390, width


def test_a_timed_interaction_typed_on_a_phone_in_the_chinese_ui_is_saved(browser, live_server, small):
    from battlemap.interactions.models import Interaction

    day = timezone.localdate() - timedelta(days=3)
    with phone(browser, live_server, locale="en-US") as page:
        speak(page, "zh-hans")
        page.goto(f"{page.base_url}/accounts/small/interactions/new/")
        form = page.locator("#interaction-form")
        day_box, time_box = form.locator("input[name=occurred_at]"), form.locator("input[name=occurred_time]")
        assert (
            day_box.get_attribute("type") == "text" and day_box.get_attribute("placeholder") == "YYYY-MM-DD"
        )
        assert time_box.get_attribute("type") == "text" and time_box.get_attribute("placeholder") == "HH:MM"
        expect(form.locator("label[for=id_occurred_time]")).to_have_text("时间")
        day_box.fill("")
        day_box.press_sequentially(
            f"{day.year}/{day.month}/{day.day}"
        )  # key by key, as a Chinese seller types
        time_box.fill("")
        time_box.press_sequentially("25:00")  # a slip: refused beside the time box, naming it
        form.locator("label.check-label", has_text="王总").locator("input").check()
        form.locator("textarea[name=summary]").fill("电话沟通报价")
        form.locator("button[type=submit]").click()
        refusal = page.locator("#field-occurred_time .errorlist")
        expect(refusal).to_contain_text("25:00 不是一天中的时间")
        screenshot(page, "day-boxes-390-interaction-refused")
        assert page.evaluate("() => document.documentElement.scrollWidth") <= 390
        assert page.input_value("input[name=occurred_at]") == f"{day.year}/{day.month}/{day.day}"  # kept

        page.locator("input[name=occurred_time]").fill("")
        # the hour words a Chinese seller types (io.dates.time_of_day): refused as no time before
        page.locator("input[name=occurred_time]").press_sequentially("下午2点半")
        page.locator("#interaction-form button[type=submit]").click()
        expect(page.locator("#interaction-form")).to_have_count(0)
    saved = Interaction.objects.get(account=small, summary="电话沟通报价").occurred_at
    assert saved == timezone.make_aware(datetime(day.year, day.month, day.day, 14, 30))
