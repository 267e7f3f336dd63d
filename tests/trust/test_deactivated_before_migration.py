"""A user unticked in the admin before the admin called users.services.user_deactivate kept a usable password and
working tokens, which came back when the box was ticked again: the migration users 0005 makes each such user as
user_deactivate leaves them (an upgraded database)."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from battlemap.users.models import ApiToken

BEFORE = ("users", "0004_api_token_read_only")


@pytest.mark.django_db(transaction=True)
def test_upgrading_ends_the_sign_ins_of_users_deactivated_the_old_way():
    executor = MigrationExecutor(connection)
    latest = executor.loader.graph.leaf_nodes()
    executor.migrate([BEFORE])
    old = executor.loader.project_state([BEFORE]).apps
    User, Token = old.get_model("auth", "User"), old.get_model("users", "ApiToken")
    gone = User._base_manager.create(username="left", is_active=False, password=make_password("Old-pass-42"))
    here = User._base_manager.create(username="stays", password=make_password("Old-pass-42"))
    for user, prefix in ((gone, "aaaaaaaaaa"), (here, "bbbbbbbbbb")):
        Token._base_manager.create(user_id=user.pk, name="BI", prefix=prefix, digest=prefix * 6 + "dddd")

    MigrationExecutor(connection).migrate(latest)

    users = get_user_model()._base_manager
    assert not users.get(pk=gone.pk).has_usable_password()
    assert users.get(pk=here.pk).check_password("Old-pass-42")
    assert ApiToken.objects.get(user_id=gone.pk).revoked is not None
    assert ApiToken.objects.get(user_id=here.pk).revoked is None
