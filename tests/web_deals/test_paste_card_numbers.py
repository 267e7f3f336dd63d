"""What a business card holds beside a person's fields: an employee number (a DingTalk card's `工号：00123`) was taken
for the person's organisation when the card named none, and the add saved it — it is listed as not kept, like a fax
or a 微信号; an OCR's letter inside a labelled phone (`Tel: 021-6l23 4567`, `Mob: l39 l234 5678`) was saved with the
letter, or the line read as the title — after a phone's label it is the digit it stands for. Names invented."""

from __future__ import annotations

import pytest
from django.urls import reverse

from battlemap.io.paste import read_paste


def test_the_preview_shows_no_organisation_and_says_why_the_number_is_not_kept(zh_client, world):
    response = zh_client.post(
        reverse("people_paste", args=[world.cn.slug]),
        {"step": "preview", "text": "张伟\n高级工程师\n工号：00123\n"},
    )
    html = response.content.decode()
    assert 'value="工号：00123"' not in html  # not in the organisation box of 张伟's row
    assert "工号：00123" in html and "这是员工工号，不保存" in html


@pytest.mark.parametrize(
    ("text", "phone"),
    [
        ("Jane Doe\nCTO\nTel: 021-6l23 4567", "021-6123 4567"),
        ("Jane Doe | CTO | Tel: 021-6I23 4567 | jane@x.com", "021-6123 4567"),
        ("Jane Doe\nCTO\nMob: l39 l234 5678\nTel: O21-6123 4567", "139 1234 5678 / 021-6123 4567"),
        ("王芳\n采购总监\n手机：l39l2345678", "13912345678"),
    ],
)
def test_an_ocr_letter_inside_a_labelled_phone_is_read_as_its_digit(text, phone):
    (person,) = read_paste(text).people
    assert (person.phone, person.doubts) == (phone, [])
    assert person.title in ("CTO", "采购总监")  # `Mob: l39…` was the title


def test_a_letter_outside_a_phones_label_is_left_as_typed():
    # no phone's label, no guess: `Office 6l2` stays what it was, no phone
    (person,) = read_paste("Jane Doe\nCTO\nOffice 6l2").people
    assert person.phone == ""
