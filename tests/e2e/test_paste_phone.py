"""The paste preview on a 390-px phone: its Add (增加) column was ~135 px wide for one checkbox (the fields'
`min-width: 8rem` caught the checkbox too), so the name and title were pushed out of sight to the right."""

from __future__ import annotations

from tests.e2e.conftest import paste_preview, phone, screenshot, small_targets

PASTED = "姓名\t职务\t邮箱\n孙丽\t采购部经理\tsunli@hdny.cn\n周强\t工程师\tzq@hdny.cn\n"


def test_on_a_phone_the_paste_previews_tick_column_is_as_narrow_as_its_box(browser, live_server, demo_world):
    with phone(browser, live_server) as page:
        table = paste_preview(page, PASTED)
        heads = table.locator("thead th")
        tick = heads.nth(1).bounding_box()
        title = heads.nth(3).bounding_box()
        assert tick["width"] < 70, tick  # one checkbox, not a field's width
        assert title["x"] + 60 < 390, title  # the title is in sight beside the name, no sideways scroll to it
        for box in table.locator("input[name=pick]").all():
            assert box.is_checked() and box.bounding_box()["width"] < 40  # a box, not stretched as a field
        assert not small_targets(page, "#paste-add-form input[name=pick]")  # its label: a thumb's 44 px
        screenshot(page, "paste-preview-390")


# a row with a value not used (a headline's organisation beside the row's own) and a person pasted again
NOTED = "Jane Doe | Contoso Ltd | CIO at Northwind\n\n张伟 | 中国银行 | 华东能源集团 党委书记\n\n张伟 | 行长 | 139 1234 5678"


def test_on_a_phone_a_rows_notes_wrap_in_sight(browser, live_server, demo_world):
    """A row's notes ("A second value … was found …", "From line 5, the same person again: …") ran on past the
    phone's right edge inside the table's sideways scroll: they wrap within the screen, under the name."""
    with phone(browser, live_server) as page:
        page.goto(f"{page.base_url}/accounts/hdny/people/paste/")
        page.fill("#paste-form textarea[name=text]", NOTED)
        page.click("#paste-form button.primary")
        notes = page.locator(
            "#paste-add-form table.preview tr.doubt small, #paste-add-form table.preview tr.taken small"
        )
        notes.first.wait_for()
        assert notes.count() == 3
        for note in notes.all():
            box = note.bounding_box()
            assert box["x"] + box["width"] <= 390 - 16, (
                note.inner_text(),
                box,
            )  # inside the card, not cut off
        screenshot(page, "paste-notes-390")
