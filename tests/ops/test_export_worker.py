"""The real thing for exports: `battlemap serve` (gunicorn, with its background worker beside it) on a
fresh SQLite database; a user clicks an export, the job runs in the worker process, the job page shows it
done and offers the file, which opens (the XLSX reads back, the PDF has pages); an outsider gets 404 on the
job and the file, anonymous goes to login (issue 18)."""

from __future__ import annotations

import io
import re
import socket
import subprocess
import sys
import time

import pytest
import requests

from .helpers import ROOT, bm, env_for, migrated, worker_logs


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _login(base: str, user: str, password: str) -> requests.Session:
    session = requests.Session()
    form = session.get(f"{base}/login/", timeout=30)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.text).group(1)
    done = session.post(
        f"{base}/login/",
        data={"username": user, "password": password, "csrfmiddlewaretoken": token},
        headers={"Referer": f"{base}/login/"},
        timeout=30,
    )
    assert done.status_code == 200 and "/login/" not in done.url, done.text[:500]
    return session


def _csrf(session: requests.Session, page: str) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', session.get(page, timeout=30).text).group(
        1
    )


@pytest.fixture
def server(tmp_path):
    var = tmp_path / "var"
    home = tmp_path / "home"
    home.mkdir()
    env = env_for(var, WORKER_BEAT_SECONDS="0.5", LANGUAGE_CODE="en", HOME=str(home))
    migrated(env)
    bm(env, "createuser", "alice", "--password", "Correct-horse-9")
    bm(env, "createuser", "mallory", "--password", "Correct-horse-9")
    bm(env, "create-account", "acme", "--name", "Acme 集团", "--owner", "alice")
    people = tmp_path / "people.csv"
    people.write_text("姓名,职位\n王建国,总经理\nJane Doe,CFO\n", encoding="utf-8")
    bm(env, "import", str(people), "--account", "acme")
    port = _free_port()
    log = (var / "serve.log").open("w")
    proc = subprocess.Popen(
        [sys.executable, "-m", "battlemap", "serve", "--port", str(port), "--workers", "1", "--threads", "2"],
        env=env, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(600):
            try:
                if requests.get(f"{base}/healthz", timeout=2).json().get("worker") == "ok":
                    break
            except (requests.ConnectionError, ValueError):
                pass
            time.sleep(0.1)
        else:
            raise AssertionError((var / "serve.log").read_text())
        # No control socket in the user's home: gunicorn's default (~/.gunicorn/gunicorn.ctl) is one path
        # for every server of the user, so a second `battlemap serve` would take it from the first.
        assert not (home / ".gunicorn").exists(), list(home.iterdir())
        yield base, env
    finally:
        proc.terminate()
        proc.wait(timeout=60)


@pytest.mark.slow
def test_an_export_runs_in_the_worker_and_the_job_page_offers_the_file(server):
    from openpyxl import load_workbook
    from pypdf import PdfReader

    base, env = server
    alice = _login(base, "alice", "Correct-horse-9")
    csrf = _csrf(alice, f"{base}/accounts/acme/")
    files = {}
    for fmt in ("xlsx", "pdf"):
        queued = alice.post(
            f"{base}/accounts/acme/io/export/{fmt}/",
            data={"csrfmiddlewaretoken": csrf},
            headers={"Referer": f"{base}/accounts/acme/"},
            allow_redirects=False,
            timeout=30,
        )
        assert queued.status_code == 302, queued.text[:500]
        job = base + queued.headers["Location"]
        for _ in range(1200):
            page = alice.get(job, timeout=30).text
            if 'data-status="done"' in page or 'data-status="failed"' in page:
                break
            time.sleep(0.1)
        assert 'data-status="done"' in page, page + worker_logs(env)
        link = re.search(r'id="download" href="([^"]+)"', page).group(1)
        response = alice.get(base + link, timeout=30)
        assert response.status_code == 200 and "attachment" in response.headers["Content-Disposition"]
        files[fmt] = (job, base + link, response.content)

    sheet = load_workbook(io.BytesIO(files["xlsx"][2])).worksheets[0]
    assert {"王建国", "Jane Doe"} <= {c.value for c in sheet["B"]}
    assert len(PdfReader(io.BytesIO(files["pdf"][2])).pages) >= 1
    jobs = bm(env, "jobs").stdout
    assert jobs.count("export_task") >= 2 and "SUCCESSFUL" in jobs  # run by the worker, from the queue

    mallory = _login(base, "mallory", "Correct-horse-9")
    anonymous = requests.Session()
    for job, file_url, _ in files.values():
        for url in (job, file_url):
            assert mallory.get(url, timeout=30).status_code == 404
            response = anonymous.get(url, timeout=30, allow_redirects=False)
            assert response.status_code == 302 and "/login/" in response.headers["Location"]
