"""Benchmark of the account battle-map page on a big account (issue 4).

Builds, in a throwaway SQLite database, an account of 500 people (a reporting tree), 2,000 influence
links, 5,000 interactions and three deals, then prints:
  * server time (median and p95) of the map page /accounts/<slug>/ and of its graph data graph.json;
  * Chromium time from navigation start to "org chart layout done" (Debian Chromium through Playwright).
Budget: under 300 ms server, under 2 s to draw.

Then the pipeline /deals/ of a manager whose rep owns `--pipeline-accounts` accounts (tests/bigaccount.py,
`--pipeline-people` people and `--pipeline-deals` open deals each): median server time and query count,
warm (the analysis cache filled) and cold (the cache emptied before each view: every analysis and the
8-week trend recomputed: the first view of a week), and after an edit on one account (that account
recomputed), beside the floor (the login page) measured in the same run.
Then the "What changed" page (issue 13) of a second account of 500 people (tests/bigaccount.py) with a
year of history (its map recorded a year ago, then `--edits` attitude, role and stage changes spread
over the year): median server time and query count since 7 and since 90 days, warm (the shared cache
filled) and cold (emptied before each view: today's and the past day's analyses recomputed), beside a
floor measured in the same run (the login page), with the view's CPU time and the ratios to the floor.

    .venv/bin/python bench/pages.py [--people 500 --links 2000 --interactions 5000 --runs 20 --seed 7]
                                    [--pipeline-accounts 200 --pipeline-deals 2 --pipeline-only]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

TMP = tempfile.mkdtemp(prefix="battlemap-bench-pages-")
os.environ["BATTLEMAP_VAR_DIR"] = TMP
os.environ["DATABASE_URL"] = f"sqlite:///{TMP}/bench.sqlite3"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "battlemap.settings")
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402

from battlemap import vocab  # noqa: E402
from battlemap.accounts.models import Account  # noqa: E402
from battlemap.core.text import name_key  # noqa: E402
from battlemap.deals.models import Deal, StakeholderRole  # noqa: E402
from battlemap.interactions.models import Interaction, Participant  # noqa: E402
from battlemap.people.models import InfluenceLink, Person  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
from pagetimes import measure, table  # noqa: E402

SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
)
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建国志红文辉力"
TITLES = [
    "总经理",
    "副总经理",
    "总监",
    "部门经理",
    "主管",
    "工程师",
    "专员",
    "采购经理",
    "财务总监",
    "信息中心主任",
]


def build(people: int, links: int, interactions: int, seed: int) -> str:
    rnd = random.Random(seed)
    call_command("migrate", verbosity=0)
    user = get_user_model().objects.create_user("bench", password="bench")
    account = Account.objects.create(slug="bench", name="基准测试集团", owner=user, lifecycle="growing")
    rows = []
    for i in range(people):
        name = rnd.choice(SURNAMES) + "".join(rnd.choice(GIVEN) for _ in range(rnd.choice((1, 2)))) + str(i)
        rows.append(
            Person(
                account=account, name=name, name_key=name_key(name), title=rnd.choice(TITLES), status="active"
            )
        )
    for p in rows:
        if rnd.random() < 0.03:
            p.status, p.left_on = "left", timezone.now().date() - timedelta(days=30)
    Person.objects.bulk_create(rows)
    persons = list(Person.objects.filter(account=account).order_by("id"))
    # A reporting tree: five direct reports per manager, four levels deep.
    for i, p in enumerate(persons[1:], start=1):
        p.reports_to_id = persons[(i - 1) // 5].id
    Person.objects.bulk_update(persons, ["reports_to"])
    pairs: set[tuple[int, int]] = set()
    while len(pairs) < links:
        a, b = rnd.sample(persons, 2)
        pairs.add((a.id, b.id))
    InfluenceLink.objects.bulk_create(
        [
            InfluenceLink(
                account=account,
                source_id=a,
                target_id=b,
                kind=rnd.choice(vocab.LINK_KINDS),
                strength=rnd.randint(1, 3),
            )
            for a, b in pairs
        ]
    )
    deals = Deal.objects.bulk_create(
        [
            Deal(account=account, name=f"商机{i}", stage=rnd.choice(vocab.STAGES), amount=1_000_000 * (3 - i))
            for i in range(3)
        ]
    )
    roles = []
    for deal in deals:
        for p in rnd.sample(persons, 40):
            roles.append(
                StakeholderRole(
                    deal=deal,
                    person=p,
                    roles=[rnd.choice(vocab.ROLES)],
                    attitude=rnd.choice(vocab.ATTITUDES),
                    influence=rnd.randint(1, 5),
                    relationship=rnd.randint(0, 4),
                )
            )
    StakeholderRole.objects.bulk_create(roles)
    now = timezone.now()
    items = Interaction.objects.bulk_create(
        [
            Interaction(
                account=account,
                deal=rnd.choice(deals),
                kind=rnd.choice(vocab.INTERACTION_KINDS),
                occurred_at=now - timedelta(days=rnd.randint(0, 720), minutes=rnd.randint(0, 1440)),
                summary="会议纪要",
            )
            for _ in range(interactions)
        ]
    )
    parts = []
    for item in items:
        for p in rnd.sample(persons, rnd.randint(1, 4)):
            parts.append(Participant(interaction=item, person=p))
    Participant.objects.bulk_create(parts, batch_size=2000)
    return account.slug


def server_times(slug: str, runs: int) -> None:
    from django.core.cache import cache

    client = Client()
    client.login(username="bench", password="bench")
    deal = Deal.objects.filter(account__slug=slug).order_by("id").first()
    cases = (
        ("map page", f"/accounts/{slug}/", False),
        ("graph data", f"/accounts/{slug}/graph.json", False),
        ("deal room", f"/accounts/{slug}/deals/{deal.pk}/", False),
        ("map page, first view after an edit (analysis recomputed)", f"/accounts/{slug}/", True),
    )
    for label, url, cold in cases:
        assert client.get(url).status_code == 200  # warm-up
        times = []
        for _ in range(runs):
            if cold:
                cache.clear()
            start = time.perf_counter()
            response = client.get(url, HTTP_ACCEPT_ENCODING="gzip")
            times.append((time.perf_counter() - start) * 1000)
            assert response.status_code == 200
        times.sort()
        p95 = times[min(len(times) - 1, int(round(0.95 * (len(times) - 1))))]
        sent = len(response.content)
        print(
            f"server  {label:<11}  median {statistics.median(times):7.1f} ms   p95 {p95:7.1f} ms   max {times[-1]:7.1f} ms"
            f"   ({runs} runs; {sent / 1024:.0f} KiB sent, {response.get('Content-Encoding', 'uncompressed')})"
        )


def year_of_history(edits: int, seed: int = 11) -> str:
    """A 500-person account whose map was recorded a year ago, then edited `edits` times over the year
    (attitudes, buying roles, influence, stages, people leaving): every edit a history row on its day."""
    from django.db.models import Max

    from battlemap.deals.models import StageChange
    from tests import bigaccount

    rnd = random.Random(seed)
    owner = get_user_model().objects.get(username="bench")
    account = bigaccount.build(owner=owner, people=500, links=1000, interactions=5000, seed=seed, slug="year")
    models = (Account, Person, InfluenceLink, Deal, StakeholderRole, Interaction, Participant)
    for model in models:  # bulk_create writes no history: record the whole map as it stood a year ago
        call_command("populate_history", f"{model._meta.app_label}.{model.__name__}", verbosity=0)
    year_ago = timezone.now() - timedelta(days=365)
    for model in models:
        model.history.update(history_date=year_ago)
    first_new = {
        m: m.history.aggregate(m=Max("history_id"))["m"] or 0 for m in (Person, Deal, StakeholderRole)
    }
    roles = list(StakeholderRole.objects.filter(deal__account=account))
    deals = list(Deal.objects.filter(account=account))
    people = list(Person.objects.filter(account=account, status="active"))
    for _ in range(edits):
        kind = rnd.random()
        if kind < 0.5:
            role = rnd.choice(roles)
            role.attitude = rnd.choice(vocab.ATTITUDES)
            role.save()
        elif kind < 0.75:
            role = rnd.choice(roles)
            role.roles, role.influence = [rnd.choice(vocab.ROLES)], rnd.randint(1, 5)
            role.save()
        elif kind < 0.9:
            deal = rnd.choice(deals)
            deal.stage = rnd.choice(vocab.STAGES)
            deal.save()
            StageChange.objects.create(deal=deal, stage=deal.stage, changed_on=timezone.localdate())
        else:
            person = rnd.choice(people)
            person.status, person.left_on = "left", timezone.localdate()
            person.save()
    for model, newest in first_new.items():  # spread the edits over the year, in order
        rows = list(model.history.filter(history_id__gt=newest).order_by("history_id"))
        days = sorted(rnd.randint(0, 364) for _ in rows)[::-1]
        for row, back in zip(rows, days, strict=True):
            row.history_date = timezone.now() - timedelta(days=back, minutes=rnd.randint(0, 600))
        model.history.bulk_update(rows, ["history_date"])
    StageChange.history.update(history_date=timezone.now() - timedelta(days=30))
    return account.slug


def changes_times(edits: int, runs: int) -> None:
    from collections import deque

    from django.core.cache import cache
    from django.db import connection

    start = time.perf_counter()
    slug = year_of_history(edits)
    print(f"built: 500 people, a year of history, {edits} edits in {time.perf_counter() - start:.1f} s")
    connection.queries_log = deque()
    client = Client()
    client.login(username="bench", password="bench")
    today = timezone.localdate()
    week, quarter = (today - timedelta(days=7)).isoformat(), (today - timedelta(days=90)).isoformat()
    cases = (
        ("floor: login page", Client(), "/login/", False, None),
        ("what changed, 7 days, warm", client, f"/accounts/{slug}/changes/?since={week}", False, 0.3),
        ("what changed, 90 days, warm", client, f"/accounts/{slug}/changes/?since={quarter}", False, 0.3),
        ("what changed, 7 days, cold", client, f"/accounts/{slug}/changes/?since={week}", True, 0.3),
        ("what changed, 90 days, cold", client, f"/accounts/{slug}/changes/?since={quarter}", True, 0.3),
    )
    rows = [
        measure(label, who, url, runs, before=cache.clear if cold else None, budget=budget)
        for label, who, url, cold, budget in cases
    ]
    table(rows, runs)


def draw_times(slug: str, runs: int, shot: str = "") -> None:
    chromium = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    if not Path(chromium).exists():
        print(f"chromium: not found at {chromium}; draw time skipped")
        return
    from django.contrib.staticfiles.testing import StaticLiveServerTestCase
    from playwright.sync_api import sync_playwright

    StaticLiveServerTestCase.setUpClass()
    try:
        base = StaticLiveServerTestCase.live_server_url
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu"])
            page = browser.new_context(viewport={"width": 1366, "height": 768}).new_page()
            page.goto(base + "/login/")
            page.fill("input[name=username]", "bench")
            page.fill("input[name=password]", "bench")
            page.click("button.primary")
            page.wait_for_load_state("networkidle")
            times, phases = [], []
            for _ in range(runs):
                page.goto(base + f"/accounts/{slug}/")
                page.wait_for_selector("#orgchart[data-layout-done]", timeout=60000)
                times.append(
                    page.evaluate(
                        "() => Number(document.getElementById('orgchart').dataset.layoutDone) - performance.timeOrigin"
                    )
                )
                phases.append(
                    page.evaluate("""() => {
                    const nav = performance.getEntriesByType('navigation')[0];
                    const mark = name => performance.getEntriesByName(name)[0].startTime;
                    return [nav.responseEnd, nav.domContentLoadedEventEnd, mark('orgchart:data'),
                            mark('orgchart:added'), mark('orgchart:positioned'), mark('orgchart:layout')];
                }""")
                )
            nodes = page.evaluate("() => window.battlemapOrgChart.size()")
            if shot:
                page.screenshot(path=shot)
            browser.close()
        times.sort()
        mid = sorted(phases, key=lambda p: p[-1])[len(phases) // 2]
        print(
            "chromium phases (median run, ms from navigation): html received {:.0f}, scripts ready {:.0f}, "
            "graph data in {:.0f}, cards added {:.0f}, positioned {:.0f}, layout done {:.0f}".format(*mid)
        )
        print(
            f"chromium navigation → org chart laid out ({nodes} cards drawn; a chart over 80 cards opens with deep"
            f" teams collapsed): median {statistics.median(times):7.0f} ms"
            f"   max {times[-1]:7.0f} ms   ({runs} runs)"
        )
    finally:
        StaticLiveServerTestCase.tearDownClass()


def pipeline_times(accounts: int, people: int, deals: int, runs: int) -> None:
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from battlemap.teams.models import Membership, Team
    from tests.bigaccount import build as build_account

    users = get_user_model().objects
    rep, boss = users.create_user("rep", password="x"), users.create_user("boss", password="x")
    team = Team.objects.create(slug="east", name="East")
    Membership.objects.create(team=team, user=rep, role=Membership.Role.MEMBER)
    Membership.objects.create(team=team, user=boss, role=Membership.Role.MANAGER)
    start = time.perf_counter()
    for i in range(accounts):
        build_account(owner=rep, people=people, seed=i, slug=f"acct{i}", deals=deals)
    Account.objects.filter(slug__startswith="acct").update(team=team)
    print(
        f"built: {accounts} accounts × {deals} deals ({people} people each) in {time.perf_counter() - start:.1f} s"
    )
    manager, anonymous = Client(), Client()
    manager.force_login(boss)

    from battlemap.accounts.services import account_update

    edited = Account.objects.get(slug="acct0")

    def timed(client: Client, url: str, cold: str, n: int) -> tuple[float, float, int, int]:
        assert client.get(url).status_code in (200, 302)  # warm-up
        times, count = [], 0
        for _ in range(n):
            if cold == "all":
                cache.clear()
            elif cold == "edit":
                edited.refresh_from_db()
                account_update(account=edited, version=edited.version, industry=f"edit {time.time()}")
            with CaptureQueriesContext(connection) as ctx:
                begin = time.perf_counter()
                response = client.get(url)
                times.append((time.perf_counter() - begin) * 1000)
            assert response.status_code in (200, 302), response.status_code
            count = len(ctx.captured_queries)
        rows = response.content.decode().count("<tr data-deal=")
        return statistics.median(times), max(times), count, rows

    cases = (
        ("floor: login page", anonymous, "/login/", "", runs),
        ("pipeline /deals/, warm", manager, "/deals/", "", runs),
        ("pipeline, after an edit on one account", manager, "/deals/", "edit", runs),
        ("map quality /deals/quality/, warm", manager, "/deals/quality/", "", runs),
        ("pipeline, first view of the week (cache emptied)", manager, "/deals/", "all", 1),
    )
    print(f"{'page':<50}{'median':>10}{'max':>10}{'queries':>9}{'rows':>7}")
    for label, client, url, cold, n in cases:
        median, worst, count, rows = timed(client, url, cold, n)
        print(f"{label:<50}{median:>8.0f}ms{worst:>8.0f}ms{count:>9}{rows:>7}")
    print(f"({runs} runs each; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=500)
    parser.add_argument("--links", type=int, default=2000)
    parser.add_argument("--interactions", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--draw-runs", type=int, default=5)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--screenshot", default="", help="save a picture of the drawn chart here")
    parser.add_argument("--pipeline-accounts", type=int, default=200)
    parser.add_argument("--pipeline-people", type=int, default=15)
    parser.add_argument("--pipeline-deals", type=int, default=2)
    parser.add_argument("--pipeline-runs", type=int, default=5)
    parser.add_argument("--pipeline-only", action="store_true", help="skip the big account's map page")
    parser.add_argument("--edits", type=int, default=1000, help="changes over the year of history")
    parser.add_argument("--changes-only", action="store_true", help="skip the draw times")
    args = parser.parse_args()
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    if args.pipeline_only:
        call_command("migrate", verbosity=0)
        pipeline_times(args.pipeline_accounts, args.pipeline_people, args.pipeline_deals, args.pipeline_runs)
        return
    start = time.perf_counter()
    slug = build(args.people, args.links, args.interactions, args.seed)
    print(
        f"built: {args.people} people, {args.links} influence links, {args.interactions} interactions, "
        f"3 deals × 40 stakeholders in {time.perf_counter() - start:.1f} s (temp DB {TMP})"
    )
    server_times(slug, args.runs)
    if args.changes_only:
        changes_times(args.edits, args.runs)
        return
    draw_times(slug, args.draw_runs, args.screenshot)
    print("budget: server < 300 ms, draw < 2000 ms")
    pipeline_times(args.pipeline_accounts, args.pipeline_people, args.pipeline_deals, args.pipeline_runs)
    changes_times(args.edits, args.runs)


if __name__ == "__main__":
    main()
