"""The ground floor: one upload limit for every upload, and a CLI that stops quietly when its reader goes."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from battlemap.mail.models import IngestRun
from battlemap.people.models import Person
from tests.inference import archives
from tests.ops.helpers import migrated


def _big_csv(size: int) -> bytes:
    line = "Person {n:07d},Engineer\n"
    count = size // len(line.format(n=0)) + 1
    return ("name,title\n" + "".join(line.format(n=n) for n in range(count))).encode()


def test_it_refuses_a_people_file_over_the_configured_limit(owner_client, world, settings):
    settings.UPLOAD_MAX_BYTES = 1024 * 1024
    upload = SimpleUploadedFile("people.csv", _big_csv(1_600_000))
    response = owner_client.post(f"/accounts/{world.cn.slug}/io/import/", {"file": upload})
    assert response.status_code == 400
    assert "1 MB" in response.content.decode()
    assert not Person.objects.filter(account=world.cn, name="Person 0000001").exists()


def test_it_accepts_a_people_file_under_the_configured_limit(owner_client, world, settings):
    settings.UPLOAD_MAX_BYTES = 256 * 1024
    upload = SimpleUploadedFile("people.csv", _big_csv(250_000))
    response = owner_client.post(f"/accounts/{world.cn.slug}/io/import/", {"file": upload})
    assert response.status_code == 200, response.content.decode()[:500]
    assert "larger" not in response.content.decode()


def test_the_api_import_names_the_file_field_over_the_limit(owner_client, world, settings):
    settings.UPLOAD_MAX_BYTES = 1024 * 1024
    upload = SimpleUploadedFile("people.csv", _big_csv(1_600_000))
    response = owner_client.post(
        f"/api/accounts/{world.cn.slug}/import",
        {"file": upload},
    )
    assert response.status_code == 422, response.content
    assert response.json()["errors"][0]["field"] == "file"
    assert "1 MB" in response.json()["errors"][0]["message"]


def test_mail_uploads_have_the_same_limit(owner_client, world, settings):
    settings.UPLOAD_MAX_BYTES = 1024 * 1024
    padding = "X-Padding: " + "a" * 1_200_000 + "\n"
    upload = SimpleUploadedFile("cal.ics", (archives.ICS + padding).encode())
    response = owner_client.post(f"/accounts/{world.cn.slug}/mail/upload/", {"files": upload})
    assert response.status_code == 400
    assert "1 MB" in response.content.decode()
    assert not IngestRun.objects.filter(account=world.cn).exists()


def test_upload_max_mb_sets_the_limit(tmp_path):
    code = "import django; django.setup(); from django.conf import settings; print(settings.UPLOAD_MAX_BYTES)"
    env = {**os.environ, "UPLOAD_MAX_MB": "100", "BATTLEMAP_VAR_DIR": str(tmp_path)}
    env["DJANGO_SETTINGS_MODULE"] = "battlemap.settings"
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert int(out.stdout) == 100 * 1024 * 1024


@pytest.mark.slow
def test_the_cli_stops_quietly_when_its_reader_goes_away(tmp_path):
    env = {
        **os.environ,
        "BATTLEMAP_VAR_DIR": str(tmp_path),
        "DATABASE_URL": f"sqlite:///{tmp_path}/x.sqlite3",
    }
    cli = [sys.executable, "-m", "battlemap"]
    migrated(env)
    subprocess.run([*cli, "createuser", "ann", "--password", "Pw-123456789"], env=env, check=True)
    subprocess.run(  # one line to write is enough: the pipe is closed before any
        [*cli, "create-account", "acct", "--name", "Account", "--owner", "ann"],
        env=env,
        check=True,
        capture_output=True,
    )
    # `battlemap accounts | head -0`: the reader closes the pipe before anything is written
    process = subprocess.Popen([*cli, "accounts"], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    process.stdout.close()
    stderr = process.stderr.read().decode()
    process.wait(timeout=60)
    assert "Traceback" not in stderr and "BrokenPipeError" not in stderr, stderr


def test_core_imports_no_app():
    """core/ is the ground floor: every app stands on it, so it imports none of them (docs/architecture.md)."""
    import ast
    from pathlib import Path

    import battlemap

    root = Path(battlemap.__file__).parent
    apps = {p.parent.name for p in root.glob("*/apps.py")} - {"core"}
    found = []
    for path in (root / "core").rglob("*.py"):
        if "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            elif isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            for name in names:
                parts = name.split(".")
                if parts[0] == "battlemap" and len(parts) > 1 and parts[1] in apps:
                    found.append(f"{path.relative_to(root)}:{node.lineno} imports {name}")
    assert apps >= {"accounts", "people", "deals", "interactions", "teams", "users"}
    assert not found, found
