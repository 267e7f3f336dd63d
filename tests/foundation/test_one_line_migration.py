"""Names stored on two lines before one-line fields were cleaned on every write are folded by the
migration accounts 0003 (a database upgraded from an older version): a person's name and title, an
account's name; a note keeps its lines; the history rows stay as they were."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from battlemap.accounts.models import Account
from battlemap.people.models import Person

FOLD = ("accounts", "0003_one_line_text")


@pytest.mark.django_db(transaction=True)
def test_upgrading_folds_line_breaks_stored_in_one_line_fields():
    executor = MigrationExecutor(connection)
    latest = executor.loader.graph.leaf_nodes()
    before = [("accounts", "0002_account_deleted_at") if node[0] == FOLD[0] else node for node in latest]
    assert FOLD in executor.loader.graph.forwards_plan(max(n for n in latest if n[0] == FOLD[0]))
    executor.migrate(before)
    old = executor.loader.project_state(before).apps
    owner = old.get_model("auth", "User")._base_manager.create(username="owner")
    account = old.get_model("accounts", "Account")._base_manager.create(
        name="华东\r\n能源", slug="hd", name_key="华东能源", owner_id=owner.pk
    )
    person = old.get_model("people", "Person")._base_manager.create(
        account_id=account.pk,
        name="Evil\r\nX-Injected: 1",
        name_key="evil x-injected: 1",
        title="CFO\u2028Board",
        notes="first line\nsecond line",
    )
    wide = old.get_model("people", "Person")._base_manager.create(
        account_id=account.pk, name="ＡＩＳＨＡ　ｋｈａｎ", name_key="ａｉｓｈａ\u3000ｋｈａｎ ａ"
    )  # keyed as before name_key read full-width forms

    executor = MigrationExecutor(connection)
    executor.migrate(latest)

    stored = Person._base_manager.get(pk=person.pk)
    assert stored.name == "Evil X-Injected: 1"
    assert stored.title == "CFO Board"
    assert stored.notes == "first line\nsecond line"  # a note keeps its lines
    assert Account._base_manager.get(pk=account.pk).name == "华东 能源"
    assert Person._base_manager.get(pk=wide.pk).name_key == "aishakhan a"  # found and sorted as Aisha Khan
