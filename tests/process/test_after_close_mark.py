"""A step planned after the deal's expected close is marked so on the step, by one rule, in the deal room and in
the review PDF (the analysis' `after_close`, `analysis.flag_rules_progress.steps_after_close`, the rule of the
flag `process_outlasts_close`): the PDF's process table dropped the mark the room showed (review rev2, finding 7)."""

from __future__ import annotations

import re
import subprocess
import tempfile
from datetime import timedelta
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone

from battlemap.deals import services as deals
from battlemap.io.export import export_account
from battlemap.process import services

pytestmark = pytest.mark.django_db

MARK = {"zh-hans": "晚于预计成交日", "en": "after the expected close"}


@pytest.fixture
def steps(world):
    """Close in 100 days; 预算 done after it (behind us: no mark), 招标 before it, 合同 planned after it."""
    close = timezone.localdate() + timedelta(100)
    deals.deal_update(deal=world.cn_deal, version=world.cn_deal.version, expected_close=close)
    services.step_create(deal=world.cn_deal, kind="budget", status="done", planned_on=close + timedelta(3))
    services.step_create(deal=world.cn_deal, kind="tender_notice", planned_on=close - timedelta(20))
    services.step_create(deal=world.cn_deal, kind="contract", planned_on=close + timedelta(20))
    return close


def _pdf_text(world, lang: str) -> str:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "review.pdf"
        path.write_bytes(export_account(world.cn, fmt="pdf", deal_id=world.cn_deal.pk, lang=lang))
        return subprocess.run(
            ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
        ).stdout


@pytest.mark.parametrize("lang", ["zh-hans", "en"])
def test_the_room_and_the_pdf_mark_the_same_step_after_the_close(owner_client, world, steps, lang):
    owner_client.cookies["django_language"] = lang
    room = owner_client.get(reverse("deal", args=[world.cn.slug, world.cn_deal.pk])).content.decode()
    rows = re.findall(r'<tr class="step-[^"]*" data-kind="([^"]+)">(.*?)</tr>', room, re.S)
    assert [kind for kind, row in rows if MARK[lang] in row] == ["contract"]

    text = _pdf_text(world, lang)
    titles = {"zh-hans": ("采购流程", "决策机构"), "en": ("Purchase process", "Decision bodies")}[lang]
    process = text[text.index(titles[0]) : text.index(titles[1], text.index(titles[0]))]
    contract = (steps + timedelta(20)).isoformat()
    lines = process.splitlines()
    at = next(i for i, line in enumerate(lines) if contract in line)
    assert MARK[lang].split()[0] in " ".join(lines[at : at + 3])  # under the contract's planned day
    budget = next(i for i, line in enumerate(lines) if (steps + timedelta(3)).isoformat() in line)
    assert MARK[lang].split()[0] not in " ".join(lines[budget : budget + 2])  # done: behind us
    assert process.count(MARK[lang].split()[0]) == 1
