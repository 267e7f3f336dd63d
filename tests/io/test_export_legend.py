"""Every legend names each role badge, the coach's too: "[推荐] 推荐者 [教练] 教练 [把关] 把关者", never a bare
[教练] among labelled badges (trial: the deck's and the PDF's legend read "推荐 推荐者 [教练] 把关 把关者")."""

from __future__ import annotations

import io
import subprocess

import pytest
from django.utils import translation
from pptx import Presentation

from battlemap.accounts.models import Account
from battlemap.io.export import export_account
from battlemap.vocab import BUYING_ROLES, ROLE_BADGES

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("lang", ["zh-hans", "en"])
def test_the_deck_and_pdf_legends_name_the_coach_badge(demo, lang):
    account = Account.objects.get(slug="hdny")
    badge, name = ROLE_BADGES.label("coach", lang), BUYING_ROLES.label("coach", lang)
    prs = Presentation(io.BytesIO(export_account(account, fmt="pptx", lang=lang)))
    labels = []
    for slide in prs.slides:
        shapes = list(slide.shapes)
        for swatch, label in zip(shapes, shapes[1:], strict=False):
            if swatch.name == "legend coach":
                assert swatch.text_frame.text == badge
                labels.append(label.text_frame.text)
    assert labels and set(labels) == {name}
    pdf = export_account(account, fmt="pdf", lang=lang)
    text = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout
    with translation.override(lang):
        champion = f"{ROLE_BADGES.label('champion', lang)} {BUYING_ROLES.label('champion', lang)}"
    legend_lines = [
        " ".join(ln.split()) for ln in text.decode().splitlines() if champion in " ".join(ln.split())
    ]
    assert legend_lines and all(f"{badge} {name}" in ln for ln in legend_lines)
