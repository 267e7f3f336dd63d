"""Benchmark of the mail page's "accept all from N%" (`suggestions_accept_above`) on an account with many
pending reporting lines and decision makers.

Builds, in a throwaway SQLite database, one account of `--people` people (a tenth named without an e-mail) and
`--items` stored mail items, and `--lines` pending suggestions above 80%: reporting lines (most to a manager
on the map by e-mail, some to one known only by the name his mail is written under, some to an address of nobody
on the map, some of people who have a manager already) and decision makers in two deals. Then prints the time,
CPU time and queries of accepting them all

  * the old way, measured in the same run as the floor: each suggestion accepted by `suggestion_accept` on its
    own (`tests.mail.proposals.accept_each`), which reads the account's people again (and the latest sender name
    of each address not a person's e-mail) for every line — what accept-all did before; rolled back;
  * accept-all (`suggestions_accept_above`);

and checks that both leave the same map (managers, decision-maker roles), the same suggestions accepted and
skipped, and the same history (one row per write, with the same reason but the batch's time).

    .venv/bin/python bench/mail_accept.py [--lines 256 --people 600 --items 20000 --seed 7]
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

TMP = tempfile.mkdtemp(prefix="battlemap-bench-mailaccept-")
os.environ["BATTLEMAP_VAR_DIR"] = TMP
os.environ["DATABASE_URL"] = f"sqlite:///{TMP}/bench.sqlite3"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "battlemap.settings")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402

from battlemap.core.text import name_key  # noqa: E402
from battlemap.deals.models import Deal  # noqa: E402
from battlemap.mail.models import MailItem, Suggestion  # noqa: E402
from battlemap.people.models import Person  # noqa: E402
from tests.mail.proposals import accept_each, batch_outcome  # noqa: E402

SURNAMES = "王李张刘陈杨赵黄周吴"
GIVEN = "伟芳娜敏静磊强军洋勇"


def build(*, people: int, items: int, lines: int, seed: int):  # noqa: ANN201
    """(account, user) with `lines` pending suggestions from 80% up."""
    from battlemap.accounts.services import account_create

    rnd = random.Random(seed)
    call_command("migrate", verbosity=0)
    user = get_user_model().objects.create_user("bench", password="bench")
    account = account_create(owner=user, slug="bench-accept", name="Bench accept", team=None)
    rows = []
    for i in range(people):
        name = f"{rnd.choice(SURNAMES)}{rnd.choice(GIVEN)}{i}"
        email = "" if i % 10 == 9 else f"p{i}@customer.example"  # a tenth typed on the map without an e-mail
        rows.append(Person(account=account, name=name, name_key=name_key(name), email=email))
    Person.objects.bulk_create(rows)
    persons = list(Person.objects.filter(account=account).order_by("pk"))
    with_email = [p for p in persons if p.email]
    named_only = [p for p in persons if not p.email]
    # a fifth already have a manager (some lines are then left to be decided on their own)
    for p in rnd.sample(with_email, len(with_email) // 5):
        p.reports_to_id = persons[0].pk
    Person.objects.bulk_update(persons, ["reports_to"])
    deals = Deal.objects.bulk_create([Deal(account=account, name=f"商机{i}") for i in range(2)])
    # stored mail: the people on the map write, and so do the named-only people (from an address not on the map)
    # and strangers; the sender's name is what a person known only by name is matched by
    senders = [(p.email, p.name) for p in with_email]
    senders += [(f"n{p.pk}@customer.example", p.name) for p in named_only]
    senders += [(f"x{i}@customer.example", f"Stranger {i}") for i in range(people // 10)]
    start = datetime(2026, 1, 1, tzinfo=UTC)
    MailItem.objects.bulk_create(
        [
            MailItem(
                account=account,
                uid=f"<m{n}@bench>",
                occurred_at=start + timedelta(minutes=n),
                sender_email=(sender := rnd.choice(senders))[0],
                sender_name=sender[1],
                recipients=[[rnd.choice(senders)[0], "", "to"]],
            )
            for n in range(items)
        ],
        batch_size=2000,
    )
    made, subjects = [], rnd.sample(with_email[1:], min(lines, len(with_email) - 1))
    for n in range(lines):
        p = subjects[n % len(subjects)]
        probability = round(rnd.uniform(0.8, 0.99), 3)
        if n % 5 == 4:  # a decision maker
            deal = deals[n % 2]
            made.append(("decision_maker", p, str(deal.pk), probability))
            continue
        kind = rnd.random()
        if kind < 0.7:
            manager = rnd.choice(with_email).email
        elif kind < 0.85:
            manager = (
                f"n{rnd.choice(named_only).pk}@customer.example"  # on the map by the name he writes under
            )
        else:
            manager = f"x{rnd.randrange(people // 10)}@customer.example"  # nobody on the map
        made.append(("reports_to", p, manager, probability))
    seen = set()
    for kind, p, value, probability in made:
        if (kind, p.email, value) in seen or (kind == "reports_to" and (kind, p.email) in seen):
            continue  # a person has one pending line
        seen.update({(kind, p.email, value), (kind, p.email)})
        Suggestion.objects.create(
            account=account, kind=kind, email=p.email, name=p.name, value=value, probability=probability
        )
    return account, user


def timed(work):  # noqa: ANN001, ANN201
    """(result, wall s, CPU s, queries, what the map became) of `work()`, rolled back."""
    queries = 0

    def count(execute, sql, params, many, context):  # noqa: ANN001, ANN202
        nonlocal queries
        queries += 1
        return execute(sql, params, many, context)

    with transaction.atomic():
        with connection.execute_wrapper(count):
            t0, c0 = time.perf_counter(), time.process_time()
            result = work()
            wall, cpu = time.perf_counter() - t0, time.process_time() - c0
        after = batch_outcome(result[0])
        transaction.set_rollback(True)
    return result[1], wall, cpu, queries, after


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=256)
    parser.add_argument("--people", type=int, default=600)
    parser.add_argument("--items", type=int, default=20000)
    parser.add_argument("--percent", type=int, default=80)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    from battlemap.mail.services import suggestions_accept_above

    account, user = build(people=args.people, items=args.items, lines=args.lines, seed=args.seed)
    pending = Suggestion.objects.filter(account=account, state="pending").count()
    print(f"{pending} pending suggestions, {args.people} people, {args.items} stored mail items")

    def old():  # noqa: ANN202
        skipped = accept_each(account, user, args.percent)
        return account, (pending - len(skipped), len(skipped))

    def new():  # noqa: ANN202
        report = suggestions_accept_above(account=account, user=user, percent=args.percent)
        return account, (len(report.done), len(report.skipped))

    rows = [("floor: one by one (the old way)", *timed(old)), ("accept all from 80%", *timed(new))]
    print(f"{'':<34}{'accepted':>9}{'skipped':>9}{'wall s':>9}{'CPU s':>9}{'queries':>9}{'× floor':>9}")
    floor = rows[0][2]
    for label, (done, skipped), wall, cpu, queries, _after in rows:
        print(f"{label:<34}{done:>9}{skipped:>9}{wall:>9.3f}{cpu:>9.3f}{queries:>9}{wall / floor:>9.2f}")
    same = rows[0][5] == rows[1][5]
    print("same map, suggestions and history as the old way:", "yes" if same else "NO")
    if not same:
        sys.exit(1)


if __name__ == "__main__":
    main()
