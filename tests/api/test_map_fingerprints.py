"""The map's fingerprints (`maps.cache`: what decides whether a cached analysis or map is still good) follow an
edit to the account it was made on, however deep the edited row sits (a process step's person, a coverage cell),
and no other account; a fingerprint as of a past moment leaves later edits out. They are read in one query for
every model (25 ORM queries cost a page 26 ms): the rows must be those of the per-model queries, for any number of
accounts — past a batch of ACCOUNTS_PER_QUERY too — on SQLite and on PostgreSQL."""

from __future__ import annotations

from django.db.models import Count, Max
from django.utils import timezone

from battlemap.deals.services import stakeholder_role_update
from battlemap.maps import cache as maps_cache
from battlemap.maps.cache import global_fingerprint, map_fingerprints, map_history_counts
from battlemap.process.services import step_create, step_update
from tests import factories as f


def test_an_edit_deep_in_one_map_changes_that_accounts_fingerprint_and_no_other(world):
    step = step_create(deal=world.cn_deal, kind="budget", status="planned", people=[world.cn_boss])
    before, everywhere = map_fingerprints([world.cn.pk, world.en.pk]), global_fingerprint()
    moment = timezone.now()

    li = world.cn.people.get(name="李明")
    step_update(
        step=step, version=step.version, people=[world.cn_boss, li]
    )  # a StepPerson: step → deal → account
    after = map_fingerprints([world.cn.pk, world.en.pk])
    assert after[world.cn.pk] != before[world.cn.pk] and after[world.en.pk] == before[world.en.pk]
    assert global_fingerprint() != everywhere
    # as recorded by the moment before the edit: the edit does not count
    assert map_fingerprints([world.cn.pk], until=moment) == {world.cn.pk: before[world.cn.pk]}

    role = world.cn_deal.roles.get()
    stakeholder_role_update(role=role, version=role.version, attitude="supporter")
    assert map_fingerprints([world.cn.pk])[world.cn.pk] != after[world.cn.pk]


def test_the_one_query_reads_what_the_per_model_queries_read_past_a_batch(world, monkeypatch):
    monkeypatch.setattr(maps_cache, "ACCOUNTS_PER_QUERY", 3)  # 7 accounts: batches of 3, 3 and 1
    accounts = [world.cn, world.en, world.other]
    for n in range(4):
        account = f.account(owner=world.owner, slug=f"acct-{n}")
        f.person(account=account, name=f"Person {n}")
        accounts.append(account)
    moment = timezone.now()
    f.person(account=world.en, name="Later")
    ids = [a.pk for a in accounts] + [987654]  # an id no account has: zeros
    for aggregate, until in ((Max, None), (Count, None), (Max, moment), (Count, moment)):
        expected = _per_model(ids, aggregate, until)
        assert maps_cache._per_account(ids, aggregate, until) == expected
    counts = map_history_counts([world.en.pk], moment)[world.en.pk]
    assert counts != tuple(_per_model([world.en.pk], Count, None)[world.en.pk])  # "Later" came after


def _per_model(ids, aggregate, until):  # noqa: ANN001, ANN202
    """The fingerprint parts as one ORM query per model reads them: the definition the one query keeps."""
    rows = maps_cache._per_model_rows(ids, aggregate, until)
    parts = {pk: [] for pk in ids}
    for position, (model, history) in enumerate(maps_cache._history_managers()):
        if model._meta.label_lower in maps_cache.ACCOUNT_PATHS:
            for pk in ids:
                parts[pk].append(rows.get((position, pk)) or 0)
        else:
            recorded = history.filter(history_date__lte=until) if until else history
            total = recorded.aggregate(m=aggregate("history_id"))["m"] or 0
            for pk in ids:
                parts[pk].append(total)
    return parts
