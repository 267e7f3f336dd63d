"""Pages that read many accounts or many people issue a constant number of queries (issue 19): the
portfolio and "This week" read the cached summaries and changes of every account at once, the map page
and the deal room read the people in a fixed number of queries. A page that queries once per account or
per person fails here (5 vs 50 accounts, 50 vs 500 people: the same count)."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from battlemap.accounts.models import Account
from tests import factories as f


def queries(client, url: str) -> int:
    assert client.get(url).status_code == 200  # warm: fills the analysis cache
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def add_accounts(owner, start: int, stop: int) -> None:
    for i in range(start, stop):
        account = f.account(owner=owner, slug=f"acct{i}", name=f"客户{i}")
        boss = f.person(account=account, name=f"王{i}", title="总经理")
        deal = f.deal(account=account, name=f"商机{i}", stage="evaluation")
        f.role(deal=deal, person=boss, roles=["decision_maker"], attitude="opponent", influence=5)
        f.interaction(account=account, people=[boss], days_ago=40)


def add_people(account, deal, count: int) -> None:
    boss = account.people.order_by("id").first()
    for _ in range(count):
        person = f.person(account=account, title="工程师", reports_to=boss)
        f.role(deal=deal, person=person, roles=["user"], attitude="neutral", influence=2)


def test_the_portfolio_and_this_week_query_the_same_for_5_and_50_accounts(client, db):
    owner = f.user("many")
    client.force_login(owner)
    add_accounts(owner, 0, 5)
    few = {url: queries(client, url) for url in (reverse("portfolio"), reverse("home"))}
    add_accounts(owner, 5, 50)
    many = {url: queries(client, url) for url in (reverse("portfolio"), reverse("home"))}
    assert many == few
    assert "客户49" in client.get(reverse("portfolio")).content.decode()


def test_the_map_page_and_the_deal_room_query_the_same_for_50_and_500_people(client, db, monkeypatch):
    from battlemap.people import forms as people_forms

    owner = f.user("big")
    client.force_login(owner)
    add_accounts(owner, 0, 1)
    account = Account.objects.get(slug="acct0")
    deal = account.deals.get()
    add_people(account, deal, 49)
    urls = (reverse("account", args=[account.slug]), reverse("deal", args=[account.slug, deal.pk]))

    def both() -> dict:  # the deal room's person pickers as lists of everyone, then as searches
        monkeypatch.setattr(people_forms, "PICKER_LIMIT", 10_000)
        lists = {url: queries(client, url) for url in urls}
        monkeypatch.setattr(people_forms, "PICKER_LIMIT", 10)
        return {"lists": lists, "searches": {url: queries(client, url) for url in urls}}

    few = both()
    add_people(account, deal, 450)
    assert both() == few


def test_pages_and_graph_data_are_sent_compressed(client, db):
    owner = f.user("zip")
    client.force_login(owner)
    add_accounts(owner, 0, 1)
    account = Account.objects.get(slug="acct0")
    add_people(account, account.deals.get(), 30)
    for url in (reverse("account", args=[account.slug]), reverse("account_graph", args=[account.slug])):
        response = client.get(url, HTTP_ACCEPT_ENCODING="gzip")
        assert response.status_code == 200 and response["Content-Encoding"] == "gzip"
        assert len(response.content) < len(client.get(url).content)


def cold_queries(client, url: str) -> int:
    """The queries of a view with the analysis cache emptied (every summary, analysis, change and
    weekly health computed again, as after an edit on every account)."""
    from django.core.cache import cache

    assert client.get(url).status_code == 200  # the session saved, as on any later view
    cache.clear()
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_the_portfolio_this_week_and_the_pipeline_query_the_same_for_5_and_50_accounts_cold(client, db):
    owner = f.user("cold")
    client.force_login(owner)
    urls = (reverse("portfolio"), reverse("home"), reverse("pipeline"))
    add_accounts(owner, 0, 5)
    few = {url: cold_queries(client, url) for url in urls}
    add_accounts(owner, 5, 50)
    many = {url: cold_queries(client, url) for url in urls}
    assert many == few
    assert "商机49" in client.get(reverse("pipeline")).content.decode()


def test_an_edit_through_the_services_shows_on_the_next_view_of_this_week_and_the_portfolio(client, db):
    from django.utils import timezone

    from battlemap.deals.services import deal_close
    from battlemap.interactions.services import interaction_create

    owner = f.user("edits")
    client.force_login(owner)
    add_accounts(owner, 0, 3)
    account = Account.objects.get(slug="acct1")
    boss = account.people.get()

    def stale_section() -> str:
        html = client.get(reverse("home")).content.decode()
        return html[html.index('id="w-stale"') : html.index('id="w-close"')]

    def row():
        return {r.account.slug: r for r in client.get(reverse("portfolio")).context["rows"]}["acct1"]

    assert boss.name in stale_section()  # met 40 days ago: a key person going stale
    assert row().open_deals == 1
    interaction_create(account=account, occurred_at=timezone.now(), participants=[boss])
    assert boss.name not in stale_section()  # met today: the cached key people were recomputed
    assert timezone.localtime(row().last_contact).date() == timezone.localdate()  # the cached summary too
    deal = account.deals.get()
    deal_close(deal=deal, version=deal.version, outcome="lost", reason="price")
    assert row().open_deals == 0
    assert boss.name not in stale_section()


def add_team_accounts(reps, team, start: int, stop: int) -> None:
    """Accounts of a manager's reps, shared with the team, each with two open deals (roles, an overdue action), a
    review mark and a deal lost to a competitor: what This week, the pipeline and the portfolio show a manager."""
    from datetime import timedelta

    from django.utils import timezone

    from battlemap.deals.services import deal_close
    from battlemap.reviews.services import mark_reviewed

    today = timezone.localdate()
    for i in range(start, stop):
        rep = reps[i % len(reps)]
        account = f.account(owner=rep, slug=f"team{i}", name=f"团队客户{i}", team=team)
        boss = f.person(account=account, name=f"赵{i}", title="总经理")
        engineer = f.person(account=account, name=f"钱{i}", title="工程师", reports_to=boss)
        for d in range(2):
            deal = f.deal(account=account, name=f"团队商机{i}-{d}", stage="evaluation", amount=1000 * (i + 1))
            f.role(deal=deal, person=boss, roles=["decision_maker"], attitude="opponent", influence=5)
            f.role(deal=deal, person=engineer, roles=["user"], attitude="supporter", influence=2)
            f.action(deal=deal, text="跟进", due=today - timedelta(days=3), owner=rep)
        f.interaction(account=account, people=[boss], days_ago=40)
        mark_reviewed(account=account, by=rep, on=today - timedelta(days=10))
        lost = f.deal(account=account, name=f"输单{i}", stage="evaluation")
        deal_close(deal=lost, version=lost.version, outcome="lost", reason="price", lost_to="华为")


def test_a_managers_busiest_pages_query_the_same_for_4_and_24_accounts_of_the_team(client, db):
    """A manager's This week, pipeline (every filter they use), map quality and portfolio over the reps' accounts:
    no query per account, warm or cold."""
    manager = f.user("lead")
    reps = [f.user("rep1"), f.user("rep2")]
    team = f.team("north", members=reps, managers=[manager])
    client.force_login(manager)
    urls = [
        reverse("home"),
        reverse("pipeline"),
        "/deals/?owner=all",
        reverse("map_quality"),
        reverse("portfolio"),
    ]
    add_team_accounts(reps, team, 0, 4)
    few = {url: (queries(client, url), cold_queries(client, url)) for url in urls}
    add_team_accounts(reps, team, 4, 24)
    many = {url: (queries(client, url), cold_queries(client, url)) for url in urls}
    assert many == few
    assert "团队商机23-1" in client.get(reverse("pipeline")).content.decode()
