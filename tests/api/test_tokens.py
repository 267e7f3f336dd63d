"""Personal access tokens: hashed at rest, shown once, refused when revoked or expired; CLI and settings page."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.utils import timezone, translation

from battlemap.users.models import ApiToken
from battlemap.users.services import token_create

pytestmark = pytest.mark.django_db


def test_token_is_stored_only_as_a_digest(world):
    new = token_create(user=world.owner, name="crm")
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM users_apitoken")
        rows = cursor.fetchall()
    assert rows and all(new.secret not in str(value) for row in rows for value in row)
    stored = ApiToken.objects.get()
    assert stored.digest != new.secret and len(stored.digest) == 64
    assert new.secret.startswith(f"bm_{stored.prefix}_")


def test_valid_token_works_and_records_last_use(world, client):
    new = token_create(user=world.owner)
    response = client.get("/api/me", headers={"Authorization": f"Bearer {new.secret}"})
    assert response.status_code == 200
    assert response.json()["username"] == "alice"
    new.token.refresh_from_db()
    assert new.token.last_used is not None


@pytest.mark.parametrize(
    "mangle",
    [
        lambda t: t[:-1] + ("A" if t[-1] != "A" else "B"),
        lambda t: "bm_nope_x",
        lambda t: "",
        lambda t: "Basic x",
    ],
    ids=["altered", "unknown", "empty", "garbage"],
)
def test_bad_tokens_get_401(world, client, mangle):
    new = token_create(user=world.owner)
    response = client.get("/api/accounts", headers={"Authorization": f"Bearer {mangle(new.secret)}"})
    assert response.status_code == 401
    assert set(response.json()) == {"detail", "errors"}


def test_revoked_token_is_refused(world, client):
    new = token_create(user=world.owner)
    call_command("token", "revoke", str(new.token.id), stdout=StringIO())
    response = client.get("/api/accounts", headers={"Authorization": f"Bearer {new.secret}"})
    assert response.status_code == 401
    again = StringIO()
    with translation.override("en"):
        call_command("token", "revoke", str(new.token.id), stdout=again)
    assert "revoked already" in again.getvalue()
    new.token.refresh_from_db()  # said in the installation's time, as `token list` says it (it said UTC)
    assert f"{timezone.localtime(new.token.revoked):%Y-%m-%d %H:%M}" in again.getvalue()


def test_expired_token_is_refused(world, client):
    new = token_create(user=world.owner, expires_in_days=1)
    ApiToken.objects.filter(pk=new.token.pk).update(expires=timezone.now() - timedelta(seconds=1))
    response = client.get("/api/accounts", headers={"Authorization": f"Bearer {new.secret}"})
    assert response.status_code == 401


def test_token_of_a_deactivated_user_is_refused(world, client):
    new = token_create(user=world.owner)
    world.owner.is_active = False
    world.owner.save()
    assert client.get("/api/me", headers={"Authorization": f"Bearer {new.secret}"}).status_code == 401
    # an administrator's trial: the list still said "active", and a new token for him was made without a word
    listing = StringIO()
    call_command("token", "list", world.owner.username, stdout=listing)
    assert "\tuser_inactive\t" in listing.getvalue() and "\tactive\t" not in listing.getvalue()
    with translation.override("en"), pytest.raises(CommandError, match="^USER: This user is deactivated"):
        call_command("token", "create", world.owner.username, stdout=StringIO())


def test_cli_creates_lists_and_revokes(world, client):
    out = StringIO()
    call_command("token", "create", "alice", "--name", "BI", "--expires", "30", stdout=out)
    secret = out.getvalue().strip().splitlines()[-1].split()[-1]
    assert client.get("/api/me", headers={"Authorization": f"Bearer {secret}"}).status_code == 200
    listing = StringIO()
    call_command("token", "list", "alice", stdout=listing)
    assert "BI" in listing.getvalue() and "active" in listing.getvalue()
    assert secret not in listing.getvalue()


@pytest.mark.parametrize(
    "args, message",
    [
        (["create", "nobody"], "USER"),
        (["create", "alice", "--expires", "0"], "--expires"),
        (["revoke", "999"], "ID"),
    ],
)
def test_cli_bad_arguments_are_clear_errors(world, args, message):
    with pytest.raises(CommandError, match=message):
        call_command("token", *args, stdout=StringIO())


def test_settings_page_shows_a_new_token_once_and_revokes(world, client):
    client.force_login(world.owner)
    created = client.post("/settings/tokens/", {"name": "<script>x</script>", "expires": "7"})
    assert created.status_code == 200
    secret = created.context["new_token"].secret
    html = created.content.decode()
    assert secret in html
    assert "<script>x</script>" not in html and "&lt;script&gt;" in html
    listing = client.get("/settings/tokens/").content.decode()
    assert secret not in listing
    token = ApiToken.objects.get(user=world.owner)
    client.post(f"/settings/tokens/{token.id}/revoke/")
    token.refresh_from_db()
    assert token.revoked is not None
    assert client.get("/api/me", headers={"Authorization": f"Bearer {secret}"}).status_code == 401


def test_settings_page_rejects_a_bad_expiry_naming_it(world, client):
    client.force_login(world.owner)
    response = client.post("/settings/tokens/", {"name": "x", "expires": "soon"})
    assert response.status_code == 422
    assert "expires" in response.context["errors"]
    assert not ApiToken.objects.exists()


def test_cannot_revoke_another_users_token(world, client):
    theirs = token_create(user=world.outsider)
    client.force_login(world.owner)
    assert client.post(f"/settings/tokens/{theirs.token.id}/revoke/").status_code == 404
    theirs.token.refresh_from_db()
    assert theirs.token.revoked is None


def test_settings_page_needs_login(client, db):
    assert client.get("/settings/tokens/").status_code == 302


@pytest.mark.parametrize(
    ("lang", "words"),
    [("zh-hans", "请发送有效的令牌"), ("en", "Send a valid token")],
)
def test_the_401_speaks_the_callers_language(world, client, lang, words):
    """No credentials at all (ninja's own "Unauthorized") and a bad token: both answered in the
    language of Accept-Language, with the Bearer header named."""
    bare = client.get("/api/accounts", headers={"Accept-Language": lang})
    assert bare.status_code == 401 and bare["WWW-Authenticate"].startswith("Bearer")
    assert words in bare.json()["detail"] and "Authorization: Bearer" in bare.json()["detail"]
    bad = client.get("/api/accounts", headers={"Accept-Language": lang, "Authorization": "Bearer bm_nope"})
    assert bad.status_code == 401
    assert bad.json()["detail"] == (
        "令牌无效、已撤销或已过期。" if lang == "zh-hans" else "Invalid, revoked or expired token."
    )


@pytest.mark.parametrize(
    ("lang", "header", "refused", "read_only"),
    [
        ("en", "zh-hans", "Invalid, revoked or expired token.", "This token is read-only"),
        ("zh", "en", "令牌无效、已撤销或已过期。", "此令牌为只读"),
    ],
)
def test_a_refused_token_is_said_in_the_lang_asked_over_accept_language(
    world, client, lang, header, refused, read_only
):
    """`?lang=` wins over Accept-Language on every answer: a bad token's 401 and a read-only token's 403 were
    said in the header's language (trial s38)."""
    bad = client.get(
        f"/api/accounts?lang={lang}", headers={"Accept-Language": header, "Authorization": "Bearer bm_nope"}
    )
    assert bad.status_code == 401 and bad.json()["detail"] == refused
    reader = token_create(user=world.owner, name="BI", read_only=True)
    wrote = client.post(
        f"/api/accounts/{world.cn.slug}/people?lang={lang}", data={"name": "新人"}, content_type="application/json",
        headers={"Accept-Language": header, "Authorization": f"Bearer {reader.secret}"},
    )  # fmt: skip
    assert wrote.status_code == 403 and wrote.json()["detail"].startswith(read_only)


def test_a_read_only_token_reads_and_changes_nothing(world, client):
    """A report or BI tool needs only to read: a token that can change every map it sees was more than it needed."""
    reader = token_create(user=world.owner, name="BI", read_only=True)
    auth = {"Authorization": f"Bearer {reader.secret}", "Accept-Language": "en"}
    assert client.get(f"/api/accounts/{world.cn.slug}/people", headers=auth).status_code == 200
    person = f"/api/people/{world.cn_boss.pk}"
    for method, body in (("post", {"name": "新人"}), ("patch", {"title": "x"}), ("delete", None)):
        url = f"/api/accounts/{world.cn.slug}/people" if method == "post" else person
        kwargs = {"data": body, "content_type": "application/json"} if body is not None else {}
        response = getattr(client, method)(url, headers=auth, **kwargs)
        assert response.status_code == 403 and "read-only" in response.content.decode(), method
    world.cn_boss.refresh_from_db()
    assert world.cn_boss.title == "总经理" and world.cn.people.count() == 2
    writer = token_create(user=world.owner, name="CRM")  # the default: reads and writes
    patched = client.patch(
        person, data={"title": "董事长", "version": world.cn_boss.version}, content_type="application/json",
        headers={"Authorization": f"Bearer {writer.secret}"},
    )  # fmt: skip
    assert patched.status_code == 200
    listed = client.get("/api/me/tokens", headers=auth).json()
    assert {t["name"]: t["read_only"] for t in listed} == {"BI": True, "CRM": False}


def test_a_read_only_token_from_the_page_and_the_cli(world, client):
    client.force_login(world.owner)
    page = client.post("/settings/tokens/", {"name": "报表", "expires": "", "read_only": "1"})
    assert page.status_code == 200 and ApiToken.objects.get(name="报表").read_only
    out = StringIO()
    call_command("token", "create", "alice", "--name", "BI", "--read-only", stdout=out)
    assert ApiToken.objects.get(name="BI").read_only
    listing = StringIO()
    call_command("token", "list", "alice", stdout=listing)
    assert "BI" in listing.getvalue() and "read only" in listing.getvalue()
