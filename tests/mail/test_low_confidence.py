"""A seniority or decision-maker figure on little mail says it is a guess on the page (tester B2: seniority 100,
decision maker 85% at confidence 0.18)."""

from __future__ import annotations

import pytest

from battlemap.inference.engine import LOW_CONFIDENCE
from battlemap.mail.cache import account_inference
from battlemap.mail.services import mail_ingest

pytestmark = pytest.mark.django_db
DOMAIN = "c.example"


def _mbox(pairs: list[tuple[int, int]]) -> str:
    return "".join(
        f"From p{a}@{DOMAIN} Tue Sep  1 09:00:00 2026\nFrom: P{a} <p{a}@{DOMAIN}>\nTo: P{b} <p{b}@{DOMAIN}>\n"
        f"Date: Tue, 01 Sep 2026 {i // 60 % 24:02d}:{i % 60:02d}:00 +0000\nSubject: plan {i}\n"
        f"Message-ID: <lc{i}@{DOMAIN}>\n\n.\n\n"
        for i, (a, b) in enumerate(pairs)
    )


def test_the_page_marks_a_figure_on_little_mail_as_a_guess(world, client, tmp_path):
    busy = [(a, b) for _ in range(6) for a in range(4) for b in range(4) if a != b]  # 72 among p0..p3
    quiet = [(4, 0), (0, 4), (4, 1), (4, 0), (1, 4), (4, 0)]  # p4: 6 messages
    (tmp_path / "a.mbox").write_text(_mbox(busy + quiet), encoding="utf-8")
    mail_ingest(account=world.en, paths=[tmp_path / "a.mbox"], customer_domains=[DOMAIN])
    people = account_inference(world.en).inference.by_email()
    assert people[f"p4@{DOMAIN}"].confidence < LOW_CONFIDENCE <= people[f"p0@{DOMAIN}"].confidence
    client.force_login(world.owner)
    page = client.get(f"/accounts/{world.en.slug}/mail/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    rows = page.split('id="inferred-people"')[1].split('<tbody class="mail-item">')[1:]
    [quiet_row] = [r for r in rows if f"p4@{DOMAIN}" in r]
    [busy_row] = [r for r in rows if f"p0@{DOMAIN}" in r]
    figures = quiet_row.split('class="evidence-row"')[0]
    assert figures.count("a guess") == 2  # beside the seniority and the decision-maker figure
    assert quiet_row.count("low confidence (0.18)") == 1  # said once in the evidence
    assert "a guess" not in busy_row and "low confidence" not in busy_row
