"""The review files call themselves what the menu calls them: 客户评审报告（PDF）and 评审演示文稿 open on
"客户评审：…" and "评审日期", not "客户复盘" / "复盘日期" (trial 23)."""

from __future__ import annotations

import io
import subprocess

import pytest
from pptx import Presentation

from battlemap.accounts.models import Account
from battlemap.io.export import export_account

pytestmark = pytest.mark.django_db


def test_the_review_pdf_and_deck_say_review_as_the_menu_does(demo):
    account = Account.objects.get(slug="hdny")
    pdf = export_account(account, fmt="pdf", lang="zh-hans")
    text = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True).stdout.decode()
    deck = Presentation(io.BytesIO(export_account(account, fmt="pptx", lang="zh-hans")))
    first = " ".join(s.text_frame.text for s in deck.slides[0].shapes if s.has_text_frame)
    for said in (text, first):
        assert "客户评审：" in said and "评审日期" in said
        assert "复盘" not in said
