from __future__ import annotations

import pytest
from django.utils import translation

from battlemap.mail.cache import account_inference
from battlemap.mail.services import mail_ingest, suggestions_refresh
from tests.inference import archives


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
