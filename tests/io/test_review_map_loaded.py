"""A deal loaded from a map file is recorded today, its stage history months old. Page 1 of its review read "new
deal, opened after <the window's start>" and counted every person and flag it came with as new ("15 new people",
"10 new red flags"): the reviewer read news where there was only the recording. It now says there is nothing
earlier to compare with, and when the deal was recorded (io.export.window_rows.recorded_late)."""

from __future__ import annotations

import json
import subprocess
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from pptx import Presentation

from battlemap.accounts.models import Account
from battlemap.io.export import export_account

pytestmark = pytest.mark.django_db


def page_one(account: Account, fmt: str, lang: str, deal_id: int | None = None) -> str:
    """Page 1 of the review (PDF) or its slide 1 (deck), as one line of text."""
    data = export_account(account, fmt=fmt, lang=lang, deal_id=deal_id)
    if fmt == "pdf":
        text = subprocess.run(
            ["pdftotext", "-l", "1", "-", "-"], input=data, capture_output=True, check=True
        ).stdout.decode()
    else:
        import io

        slide = Presentation(io.BytesIO(data)).slides[0]
        text = " ".join(sh.text_frame.text for sh in slide.shapes if sh.has_text_frame)
    return " ".join(text.split())


@pytest.mark.parametrize("fmt", ["pdf", "pptx"])
def test_page_one_of_a_deal_loaded_from_a_map_file_says_it_was_recorded_not_new(world, tmp_path, fmt):
    today = timezone.localdate()
    opened = (today - timedelta(days=150)).isoformat()
    path = tmp_path / "map.json"
    call_command("export", world.cn.slug, "--format", "json", "-o", str(path))
    data = json.loads(path.read_text())
    data["deals"] = [d for d in data["deals"] if d["id"] == world.cn_deal.pk]
    data["deals"][0]["stage_history"] = [{"date": opened, "stage": "need_recognition", "note": ""}]
    path.write_text(json.dumps(data))
    call_command("import-map", str(path), "--as", "loaded", "--owner", world.owner.username)
    loaded = Account.objects.get(slug="loaded")

    text = page_one(loaded, fmt, "en")
    assert "new deal" not in text
    assert f"no earlier health: recorded on {today.isoformat()}, its stage history starts {opened}" in text
    assert f"nothing earlier to compare with: the deal was recorded on {today.isoformat()}" in text
    assert "new people" not in text and "new red flag" not in text

    zh = page_one(loaded, fmt, "zh-hans")
    assert f"无更早的记录可比：该商机于 {today.isoformat()} 录入" in zh
