"""After a refused mail upload the form comes back as the user filled it ("our domains" and the rest), and
says the files must be chosen again (a browser never keeps a chosen file)."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile

from battlemap.mail.models import IngestRun
from tests.inference import archives

BROKEN = b"date,from,to\nnot a date,a@x.example,b@x.example\n"
NOTE = "Choose the files again: a browser never keeps a chosen file"


def _url(world, suffix=""):
    return f"/accounts/{world.cn.slug}/mail/{suffix}"


def _post(client, world, data: bytes, name: str = "broken.csv", **fields):
    upload = SimpleUploadedFile(name, data)
    return client.post(_url(world, "upload/"), {"files": upload, **fields}, HTTP_ACCEPT_LANGUAGE="en")


def test_a_refused_file_brings_the_form_back_with_what_was_typed(world, client):
    client.force_login(world.owner)
    fields = {"our_domains": "ours.example, ours.cn", "customer_domains": "guodian.example",
              "date_order": "dmy"}  # fmt: skip
    response = _post(client, world, BROKEN, **fields)
    assert response.status_code == 302 and IngestRun.objects.get(account=world.cn).status == "failed"
    page = client.get(_url(world), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'name="our_domains" value="ours.example, ours.cn"' in page
    assert 'name="customer_domains" value="guodian.example"' in page
    assert '<option value="dmy" selected>' in page
    assert NOTE in page
    zh = client.get(_url(world), HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert 'value="ours.example, ours.cn"' in zh and NOTE not in zh and 'id="files-again"' in zh


def test_once_an_upload_lands_the_form_shows_the_stored_domains_again(world, client):
    client.force_login(world.owner)
    _post(client, world, BROKEN, our_domains="typo.example")
    _post(client, world, archives.ICS.encode(), name="cal.ics", our_domains="ours.example")
    page = client.get(_url(world), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "typo.example" not in page and NOTE not in page


def test_a_form_error_keeps_the_fields_and_names_the_field(world, client):
    client.force_login(world.owner)
    response = _post(client, world, archives.ICS.encode(), name="cal.ics",
                     our_domains="not a domain!", customer_domains="guodian.example")  # fmt: skip
    page = response.content.decode()
    assert response.status_code == 400 and "Not a domain" in page
    assert 'value="guodian.example"' in page and NOTE in page


def test_what_one_user_typed_is_not_shown_to_another_or_to_outsiders(world, client):
    client.force_login(world.owner)
    _post(client, world, BROKEN, our_domains="secret.example")
    client.force_login(world.outsider)
    assert client.get(_url(world)).status_code == 404
    assert _post(client, world, BROKEN).status_code == 404
    client.logout()
    anonymous = _post(client, world, BROKEN)
    assert anonymous.status_code == 302 and "/login/" in anonymous["Location"]
