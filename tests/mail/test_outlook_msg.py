"""An Outlook .msg renamed .eml (a tester's) was refused as "not an e-mail message: no From, To or Cc header":
true, and no help. It is recognised by its bytes (an OLE compound file) and the refusal says what it is and how
to export .eml or .mbox instead."""

from __future__ import annotations

import pytest
from django.utils import translation

from battlemap.mail.models import MailItem
from battlemap.mail.services import IngestError, mail_ingest
from battlemap.mail.services.ingest import ingest_error_message

pytestmark = pytest.mark.django_db
OLE = bytes.fromhex("d0cf11e0a1b11ae1") + bytes(504) + "__substg1.0_0037001F".encode("utf-16-le")


@pytest.mark.parametrize("name", ["报价.eml", "报价.msg"])
def test_an_outlook_msg_is_named_and_the_way_out_is_said(world, tmp_path, name):
    path = tmp_path / name
    path.write_bytes(OLE)
    with pytest.raises(IngestError) as refused, translation.override("en"):
        mail_ingest(account=world.cn, paths=[path], our_domains=["ours.example"])
    with translation.override("en"):
        message = ingest_error_message(refused.value)
    assert f"{name}: an Outlook .msg file" in message
    assert "save the messages as .eml" in message and "as .mbox" in message
    assert "no From, To or Cc header" not in message
    with translation.override("zh-hans"):
        assert "Outlook .msg 文件" in ingest_error_message(refused.value)
    assert not MailItem.objects.exists()
