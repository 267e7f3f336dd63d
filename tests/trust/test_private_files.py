"""Uploads and the database are private (0600 files in 0700 folders), uploads obey UPLOAD_MAX_MB, a long
file name is no 500, and the var folder does not depend on the working directory."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

import battlemap
from battlemap import settings as settings_module
from battlemap.core.uploads import NAME_MAX_BYTES, safe_name
from battlemap.mail.models import IngestRun
from tests.inference import archives


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def uploads(settings, tmp_path):
    settings.UPLOAD_DIR = tmp_path / "uploads"
    return settings.UPLOAD_DIR


def test_a_mail_upload_with_a_300_byte_name_is_ingested_and_leaves_nothing(world, client, uploads):
    client.force_login(world.owner)
    name = "会议" * 50 + ".ics"  # 304 bytes in UTF-8
    upload = SimpleUploadedFile(name, archives.ICS.encode())
    response = client.post(f"/accounts/{world.cn.slug}/mail/upload/", {"files": upload})
    assert response.status_code == 302
    run = IngestRun.objects.get(account=world.cn)
    assert run.status == "done"
    assert run.files[0].endswith(".ics") and len(run.files[0].encode()) <= NAME_MAX_BYTES
    assert list(uploads.iterdir()) == []  # the task removed its folder
    assert _mode(uploads) == 0o700


def test_a_mail_upload_over_the_limit_is_refused_naming_it(world, client, uploads, settings):
    settings.UPLOAD_MAX_BYTES = 1024 * 1024
    client.force_login(world.owner)
    upload = SimpleUploadedFile("big.ics", b"x" * (1024 * 1024 + 1))
    with translation.override("en"):
        response = client.post(
            f"/accounts/{world.cn.slug}/mail/upload/", {"files": upload}, HTTP_ACCEPT_LANGUAGE="en"
        )
    assert response.status_code == 400 and "UPLOAD_MAX_MB" in response.content.decode()
    assert not IngestRun.objects.filter(account=world.cn).exists()
    assert not uploads.exists() or list(uploads.iterdir()) == []


def test_safe_name_keeps_the_extension_and_fits_the_file_system():
    assert safe_name("../../etc/passwd") == "passwd"
    assert safe_name("") == "upload-0" and safe_name("..", number=3) == "upload-3"
    assert safe_name(".hidden.mbox") == "hidden.mbox"  # a folder's reader would skip it
    cut = safe_name("é" * 300 + ".mbox")
    assert cut.endswith(".mbox") and len(cut.encode()) <= NAME_MAX_BYTES


def test_an_import_waiting_for_confirmation_is_private(owner_client, world, uploads):
    upload = SimpleUploadedFile("p.csv", "姓名\r\n王五\r\n".encode())
    assert owner_client.post(f"/accounts/{world.cn.slug}/io/import/", {"file": upload}).status_code == 200
    from battlemap.io.tabular import jobs

    waiting = [p for p in jobs.UPLOADS.iterdir()]
    assert waiting and all(_mode(p) == 0o600 for p in waiting)
    assert _mode(jobs.UPLOADS) == 0o700


def test_the_default_var_dir_does_not_depend_on_the_cwd(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    assert settings_module._default_var_dir() == Path(battlemap.__file__).resolve().parent.parent / "var"


def test_a_new_sqlite_database_and_secret_key_are_private(tmp_path):
    var = tmp_path / "fresh"
    env = {**os.environ, "BATTLEMAP_VAR_DIR": str(var), "DJANGO_SETTINGS_MODULE": "battlemap.settings"}
    env.pop("DATABASE_URL", None)
    code = "import django; django.setup(); from django.db import connection; connection.ensure_connection()"
    subprocess.run([sys.executable, "-c", code], env=env, check=True, cwd=tmp_path)
    assert _mode(var) == 0o700
    assert _mode(var / "battlemap.sqlite3") == 0o600
    assert _mode(var / "secret_key") == 0o600
