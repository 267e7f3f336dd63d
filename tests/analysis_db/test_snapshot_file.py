"""A snapshot file made from a real map, as docs/analysis.md says (`snapshot_to_dict` of `build_snapshot`), is read
back whole by `python -m battlemap.analysis`, the command README lists. Before, the demo's own map was refused:
`deals[0].channels: unknown code StageChannelsInfo(…)` (a deal's channels per stage were checked as channel codes)
and then `feedback[0].kind: unknown code 'satisfaction'` (a questionnaire's kind was no known code)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from battlemap.accounts.models import Account
from battlemap.analysis import snapshot_from_dict, snapshot_to_dict
from battlemap.demo.loader import load_demo
from battlemap.maps import build_snapshot
from battlemap.people.models import Person
from battlemap.surveys import services as surveys

pytestmark = pytest.mark.django_db


def test_the_demos_maps_go_through_a_snapshot_file_and_the_analysis_command(tmp_path):
    load_demo()
    hdny = Account.objects.get(slug="hdny")
    boss = Person.objects.filter(account=hdny, external=False, status="active").exclude(email="").first()
    (sent,) = surveys.questionnaire_send(account=hdny, kind="satisfaction", people=[boss], sent_by=hdny.owner)
    surveys.response_record(
        link=sent.link,
        ratings=dict.fromkeys(surveys.rated_codes("satisfaction"), 4),
        nps=9,
        consent_text="同意",
        consented=True,
    )
    for account in Account.objects.order_by("slug"):
        snapshot = build_snapshot(account=account)
        if account.slug == "hdny":  # what was refused is in it
            assert snapshot.feedback and any(deal.channels for deal in snapshot.deals)
        data = json.loads(json.dumps(snapshot_to_dict(snapshot), ensure_ascii=False))
        assert snapshot_from_dict(data) == snapshot, account.slug
        path = tmp_path / f"{account.slug}.json"
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        run = subprocess.run(
            [sys.executable, "-m", "battlemap.analysis", str(path), "--lang", "zh"],
            capture_output=True,
            text=True,
        )
        assert run.returncode == 0, run.stderr
        assert account.name in run.stdout
