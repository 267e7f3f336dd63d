"""The upload form's "read the message bodies" box in Chromium: an archive uploaded headers only, then again
with the box ticked, brings the signature's title (刘洋 副总经理) to the page's evidence and suggestion."""

from __future__ import annotations

from tests import factories as f
from tests.e2e.conftest import login, screenshot
from tests.mail.signed import SIGNED, SIGNED_ZH, write_mbox


def _upload(page, path, bodies: bool) -> str:  # noqa: ANN001
    page.set_input_files("input[name=files]", str(path))
    page.fill("input[name=our_domains]", "ours.example")
    page.set_checked("input[name=bodies]", bodies)
    page.click("form[enctype] button.primary")
    page.wait_for_load_state("networkidle")
    return page.inner_text("body")


def test_ticking_read_bodies_on_a_second_upload_brings_the_signature_title(transactional_db, page, tmp_path):
    owner = f.user("demo", password="demo")
    f.account(owner=owner, slug="gd", name="国电客户")
    path = write_mbox(tmp_path)
    login(page)
    page.goto(f"{page.base_url}/accounts/gd/mail/")
    assert not page.is_checked("input[name=bodies]")  # off unless asked
    text = _upload(page, path, bodies=False)
    assert SIGNED_ZH not in text
    text = _upload(page, path, bodies=True)
    assert SIGNED_ZH in text
    assert "2 封之前未读正文导入的邮件现已补上签名" in text
    screenshot(page, "mail-signatures-again-zh")
    page.click("text=English")
    page.wait_for_load_state("networkidle")
    page.goto(f"{page.base_url}/accounts/gd/mail/")
    text = page.inner_text("body")
    assert SIGNED in text and "Read the message bodies (signatures: titles, phones)" in text
    assert "2 items ingested before without their bodies now have their signatures" in text
    screenshot(page, "mail-signatures-again-en")
