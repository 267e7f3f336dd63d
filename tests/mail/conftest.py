from __future__ import annotations

import pytest
from django.utils import translation

from battlemap.mail.cache import account_inference
from battlemap.mail.services import mail_ingest, suggestions_refresh
from tests import factories as f
from tests.inference import archives
from tests.inference.orggen import generate_org
from tests.mail.proposals import org_csv


@pytest.fixture
def ingested(world, tmp_path):
    """The Chinese account with a small mail archive and a calendar ingested, suggestions proposed."""
    mail_ingest(
        account=world.cn,
        paths=[archives.write_mbox(tmp_path / "mail.mbox"), archives.write_ics(tmp_path / "cal.ics")],
        our_domains=["ours.example"],
        bodies=True,
    )
    suggestions_refresh(result=account_inference(world.cn))
    return world


@pytest.fixture(autouse=True)
def english(settings):
    """These tests read English text; the Chinese catalog is checked by its own test."""
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def read(world, tmp_path):
    """Acme, a generated organisation of 16 whose head alone is on the map, its mail ingested and suggestions
    proposed: (account, org)."""
    org = generate_org(spans=(3, 4), seed=11, days=60)
    account = f.account(owner=world.owner, slug="acme", name="Acme")
    f.person(account=account, name="Head", email=org.top)
    mail_ingest(account=account, paths=[org_csv(org, tmp_path / "org.csv")])
    suggestions_refresh(result=account_inference(account))
    return account, org
