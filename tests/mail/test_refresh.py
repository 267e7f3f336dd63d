"""A deal opened after the mail was read gets its decision-maker suggestions without another upload (a mail
trial: the table showed 88% and 84% decision makers, and no suggestion could be accepted until a new upload or
`battlemap mail-infer`): the mail page names such deals with a button, the API has the same route."""

from __future__ import annotations

import pytest
from django.urls import reverse

from battlemap.mail.models import Suggestion
from tests import factories as f

pytestmark = pytest.mark.django_db


def _proposed(account, deal):
    return Suggestion.objects.filter(account=account, kind="decision_maker", value=str(deal.pk))


def test_the_page_names_a_new_deal_and_its_button_proposes_for_it(read, owner_client):
    account, org = read
    page = owner_client.get(reverse("mail", args=[account.slug]), headers={"Accept-Language": "en"})
    assert 'id="mail-refresh"' not in page.content.decode()  # no open deal: nothing to propose
    deal = f.deal(account=account, name="Platform <b>2</b>")
    html = owner_client.get(reverse("mail", args=[account.slug])).content.decode()
    assert 'id="mail-refresh"' in html and "Platform &lt;b&gt;2&lt;/b&gt;" in html
    assert not _proposed(account, deal).exists()
    done = owner_client.post(reverse("mail_refresh", args=[account.slug]))
    assert done.status_code == 302
    assert org.top in set(_proposed(account, deal).values_list("email", flat=True))
    assert 'id="mail-refresh"' not in owner_client.get(reverse("mail", args=[account.slug])).content.decode()


def test_a_viewer_has_no_button_and_may_not_refresh(read, client, world):
    account, _org = read
    f.deal(account=account, name="Platform")
    client.force_login(world.outsider)
    assert client.post(reverse("mail_refresh", args=[account.slug])).status_code == 404
    assert not Suggestion.objects.filter(account=account, kind="decision_maker").exists()


def test_the_api_refreshes_too(read, world):
    from tests.api.conftest import _client_for

    owner_api = _client_for(world.owner)
    account, _org = read
    deal = f.deal(account=account, name="Platform")
    answer = owner_api.post(f"/api/accounts/{account.slug}/mail/suggestions/refresh", {})
    assert answer.status_code == 200
    made = _proposed(account, deal)
    assert set(answer.json()["created"]) >= set(made.values_list("pk", flat=True)) and made.exists()


def test_a_run_going_shows_since_when_and_the_page_reloads_when_it_ends(world, owner_client, client):
    """A mail trial: "queued/running" with no sign of life and no refresh. While a run is going, the runs table
    asks for itself every few seconds and says for how long; once it has ended the page reloads."""
    from battlemap.mail.models import IngestRun

    run = IngestRun.objects.create(account=world.cn, created_by=world.owner, files=["inbox.mbox"])
    page = owner_client.get(reverse("mail", args=[world.cn.slug]), headers={"Accept-Language": "en"}).content
    runs_url = reverse("mail_runs", args=[world.cn.slug])
    assert f'hx-get="{runs_url}?active={run.pk}"'.encode() in page and b"for 0\xc2\xa0minutes" in page
    going = owner_client.get(f"{runs_url}?active={run.pk}")
    assert going.status_code == 200 and "HX-Refresh" not in going.headers
    IngestRun.objects.filter(pk=run.pk).update(status="done")
    ended = owner_client.get(f"{runs_url}?active={run.pk}")
    assert ended.headers.get("HX-Refresh") == "true" and b"hx-get" not in ended.content
    client.force_login(world.outsider)
    assert client.get(runs_url).status_code == 404
