"""Accept-all and the mail page read the account's people once, and the names of addresses in one go: a batch of
256 lines read every person of the account once per line (2.8 s, 5,635 queries), with the same map, skips and
history as accepting each line on its own."""

from __future__ import annotations

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from battlemap.mail.models import MailItem, Suggestion
from battlemap.mail.services import suggestions_accept_above
from tests import factories as f
from tests.mail.proposals import accept_each, batch_outcome

pytestmark = pytest.mark.django_db

DOMAIN = "guodian.example"
PEOPLE_OF_ACCOUNT = 'FROM "people_person" WHERE "people_person"."account_id" ='


def lines(world, count: int) -> list[Suggestion]:  # noqa: ANN001
    """`count` pending lines and decision makers from 80% up, of every sort accept-all meets: a manager on the
    map by e-mail, one known by the name his mail is sent under (孙婷, on the map without an e-mail), a suggested
    new person (赵六: the line waits for him), a person who has a manager already, two lines of one person."""
    cn = world.cn
    world.cn_boss.email = f"wang@{DOMAIN}"
    world.cn_boss.save()
    f.person(account=cn, name="孙婷")
    MailItem.objects.create(
        account=cn,
        uid="<sun@x>",
        sender_email=f"sun.ting@{DOMAIN}",
        sender_name="孙婷",
        occurred_at=timezone.now(),
    )
    Suggestion.objects.create(account=cn, kind="person", email=f"zhao.liu@{DOMAIN}", name="赵六")
    managed = f.person(account=cn, name="周强", email=f"zhou@{DOMAIN}", reports_to=world.cn_boss)
    made = [
        Suggestion.objects.create(
            account=cn, kind="reports_to", email=managed.email, name=managed.name, value=f"sun.ting@{DOMAIN}",
            probability=0.99,
        )
    ]  # fmt: skip
    managers = [f"wang@{DOMAIN}", f"sun.ting@{DOMAIN}", f"zhao.liu@{DOMAIN}"]
    for n in range(count):
        person = f.person(account=cn, name=f"员工{n}", email=f"p{n}@{DOMAIN}")
        kind, value = (
            ("decision_maker", str(world.cn_deal.pk)) if n % 4 == 3 else ("reports_to", managers[n % 3])
        )
        made.append(
            Suggestion.objects.create(
                account=cn,
                kind=kind,
                email=person.email,
                name=person.name,
                value=value,
                probability=0.9 - n / 1000,
            )
        )
    # a second line of the first person, lower: the first gives them a manager, so this one is left alone
    made.append(
        Suggestion.objects.create(
            account=cn, kind="reports_to", email=f"p0@{DOMAIN}", name="员工0", value=f"sun.ting@{DOMAIN}",
            probability=0.85,
        )
    )  # fmt: skip
    return made


def test_accept_all_reads_the_accounts_people_once_whatever_the_number_of_lines(world):
    lines(world, 12)
    with CaptureQueriesContext(connection) as queries:
        report = suggestions_accept_above(account=world.cn, user=world.owner, percent=80)
    assert len(report.done) == 9 and len(report.skipped) == 5
    sql = [q["sql"] for q in queries]
    assert sum(PEOPLE_OF_ACCOUNT in s for s in sql) == 1  # was once per line
    assert sum('FROM "intel_mailitem"' in s for s in sql) == 1  # the managers' sender names, in one query
    assert not any(
        s.startswith('SELECT "accounts_account"."id"') for s in sql
    )  # the account: not read per line


def test_accept_all_leaves_what_accepting_each_line_on_its_own_left(world):
    """The old way, rolled back, then the batch: the same managers, roles, accepted and skipped suggestions with
    the same reasons, and the same history rows."""
    made = lines(world, 12)
    with transaction.atomic():
        one_by_one = accept_each(world.cn, world.owner, 80)
        before = batch_outcome(world.cn)
        transaction.set_rollback(True)
    report = suggestions_accept_above(account=world.cn, user=world.owner, percent=80)
    assert [(s.pk, why) for s, why in report.skipped] == one_by_one
    assert batch_outcome(world.cn) == before
    reasons = dict(one_by_one)
    assert "王建国" in reasons[made[-1].pk]  # 员工0 has a manager now: "already reports to 王建国"
    assert any("赵六" in why for why in reasons.values())  # "Accept the suggested person 赵六 first"


def test_the_mail_page_reads_its_notes_in_the_same_queries_for_more_suggestions(world, client):
    """The page's notes (who the map names decision maker, whom a person reports to) and its batches: one query
    each, not one per suggestion."""
    made = lines(world, 4)
    client.force_login(world.owner)
    url = f"/accounts/{world.cn.slug}/mail/"
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    made += lines_more(world, 16)
    client.get(url)
    with CaptureQueriesContext(connection) as many:
        page = client.get(url).content.decode()
    assert "as decision maker in this deal" in page and "reports to 王建国" in page
    assert len(many) == len(few)


def lines_more(world, count: int) -> list[Suggestion]:  # noqa: ANN001
    """More decision makers in the deal and lines of people who have a manager (both get a note)."""
    made = []
    for n in range(count):
        person = f.person(account=world.cn, name=f"职员{n}", email=f"q{n}@{DOMAIN}", reports_to=world.cn_boss)
        kind, value = (
            ("decision_maker", str(world.cn_deal.pk)) if n % 2 else ("reports_to", f"sun.ting@{DOMAIN}")
        )
        made.append(
            Suggestion.objects.create(
                account=world.cn,
                kind=kind,
                email=person.email,
                name=person.name,
                value=value,
                probability=0.7,
            )
        )
    return made


def test_the_mail_pages_batches_are_read_in_the_same_queries_for_a_bigger_batch(world, client):
    """The page lists what each live batch accepted (the first 20, named): the batch's suggestions and the names of
    their addresses are read in a few queries, not a few per suggestion."""
    from battlemap.mail.services import suggestions_undo_batch

    lines(world, 4)
    first = suggestions_accept_above(account=world.cn, user=world.owner, percent=80)
    client.force_login(world.owner)
    url = f"/accounts/{world.cn.slug}/mail/"
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        assert "suggestions accepted by alice" in client.get(url).content.decode()
    suggestions_undo_batch(account=world.cn, user=world.owner, batch=first.batch)
    lines_more(world, 30)
    second = suggestions_accept_above(account=world.cn, user=world.owner, percent=60)
    assert len(second.done) > 3 * len(first.done)
    client.get(url)
    with CaptureQueriesContext(connection) as many:
        page = client.get(url).content.decode()
    assert f"{len(second.done)} suggestions accepted by alice" in page and "→ 孙婷" in page
    assert len(many) <= len(few) + 2  # the undone batch is looked at (two queries): not one per suggestion
