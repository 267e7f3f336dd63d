"""Scale-out proof (issue 18): PostgreSQL, two `battlemap serve` app servers behind a round-robin proxy, two
`battlemap worker` processes; N clients for 60 s over a mix of reads, edits and imports; one app server and
one worker killed (SIGKILL) mid-run. Loopback only, bounded in time; not part of `make test`.

    .venv/bin/python bench/scaleout.py [--seconds 60] [--clients 64] [--ports 8115-8119]

The proxy is nginx from Debian when installed (`apt-get install nginx-light`), else a small Python proxy.
Clients behave like people (THINK below): API readers and editors (a token; PATCH with the version read),
and importers (a web session: upload, preview, confirm → the import runs in a worker; they follow the job
page and press "Retry" when its worker died, then think before the next import). Prints requests/s, p50/p95/p99, errors (the requests in flight on the killed server are
counted apart), and the jobs: every one must have finished exactly once.
Budget: p95 < 300 ms. On this shared 2-core machine the figures move with whatever else runs.
"""

from __future__ import annotations

import argparse
import csv
import html.parser
import http.client
import io
import json
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ACCOUNTS = 8
PEOPLE = 60
IMPORT_ROWS = 120
PASSWORD = "Bench-password-2026"
# Clients behave like people (docs/operations.md, "Scale-out figures"): after each answer a person reads it
# before the next click, THINK seconds (uniform: mean 3 s); an importer follows the job page at its own pace
# (it reloads every JOB_POLL seconds, as the page's refresh does) and thinks IMPORT_THINK seconds between
# imports. The old 0.2–0.6 s pauses were a script hammering the API (about 140 requests/s from 56 clients),
# not the sales team the issue describes.
THINK = (1.0, 5.0)
JOB_POLL = 2.0
IMPORT_THINK = (5.0, 15.0)


# --- data (runs inside a Django process) ------------------------------------------------------------


def setup_data() -> dict:
    import django

    django.setup()
    from battlemap.accounts.models import Account
    from battlemap.core.text import name_key
    from battlemap.people.models import Person
    from battlemap.users.services import token_create, user_create

    user = user_create(username="bench", password=PASSWORD, validate=False)
    slugs = []
    for a in range(ACCOUNTS):
        account = Account.objects.create(slug=f"acct{a}", name=f"客户{a}", owner=user)
        Person.objects.bulk_create(
            Person(account=account, name=f"员工{a}-{i}", name_key=name_key(f"员工{a}-{i}"), title="经理")
            for i in range(PEOPLE)
        )
        slugs.append(account.slug)
    people = list(Person.objects.values_list("id", flat=True))
    return {"token": token_create(user=user, name="bench").secret, "accounts": slugs, "people": people}


# --- the proxy ------------------------------------------------------------------------------------------


def start_nginx(tmp: Path, port: int, backends: list[int]) -> subprocess.Popen | None:
    nginx = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
    if not nginx:
        return None
    # max_fails=0: a server is never marked down; a refused connection (the killed one) goes to the next
    # server at once, so a loaded but live server is never taken out by a slow answer.
    servers = "\n".join(f"    server 127.0.0.1:{p} max_fails=0;" for p in backends)
    conf = tmp / "nginx.conf"
    conf.write_text(f"""
worker_processes 1;
pid {tmp}/nginx.pid;
error_log {tmp}/nginx-error.log warn;
daemon off;
events {{ worker_connections 1024; }}
http {{
  log_format bench '$http_x_bench_id $upstream_addr $upstream_status';
  access_log {tmp}/nginx-access.log bench;
  client_body_temp_path {tmp}/nginx-body;
  proxy_temp_path {tmp}/nginx-proxy;
  fastcgi_temp_path {tmp}/nginx-fastcgi;
  uwsgi_temp_path {tmp}/nginx-uwsgi;
  scgi_temp_path {tmp}/nginx-scgi;
  client_max_body_size 50m;
  upstream battlemap {{
{servers}
    keepalive 32;
    keepalive_timeout 60s;
  }}
  server {{
    listen 127.0.0.1:{port};
    location / {{
      proxy_pass http://battlemap;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $http_host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_next_upstream error timeout;
      proxy_connect_timeout 10s;
    }}
  }}
}}
""")
    return subprocess.Popen([nginx, "-c", str(conf), "-p", str(tmp)], start_new_session=True)


class PythonProxy(threading.Thread):
    """Round-robin over the backends; a backend that refuses connections is skipped for 5 s."""

    def __init__(self, port: int, backends: list[int]) -> None:
        super().__init__(daemon=True)
        import http.server

        proxy = self
        self.backends, self.down, self.turn, self.lock = backends, {}, 0, threading.Lock()

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def _any(self):
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                for backend in proxy.order():
                    conn = http.client.HTTPConnection("127.0.0.1", backend, timeout=60)
                    try:
                        conn.request(self.command, self.path, body or None, dict(self.headers))
                    except OSError:
                        proxy.down[backend] = time.monotonic() + 5
                        continue
                    try:
                        response = conn.getresponse()
                        data = response.read()
                    except OSError:
                        self.send_error(502)
                        return
                    self.send_response(response.status)
                    for key, value in response.getheaders():
                        if key.lower() not in ("transfer-encoding", "connection", "content-length"):
                            self.send_header(key, value)
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                    return
                self.send_error(502)

            do_GET = do_POST = do_PATCH = do_PUT = do_DELETE = _any

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", port), Handler)

    def order(self) -> list[int]:
        with self.lock:
            self.turn += 1
            turn = self.turn
        up = [b for b in self.backends if self.down.get(b, 0) < time.monotonic()] or self.backends
        return up[turn % len(up) :] + up[: turn % len(up)]

    def run(self) -> None:
        self.server.serve_forever()


# --- clients ------------------------------------------------------------------------------------------


class Samples:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.items: list[tuple[float, float, int, str, str]] = []  # (start, seconds, status, kind, id)

    def add(self, start: float, seconds: float, status: int, kind: str, request_id: str = "") -> None:
        with self.lock:
            self.items.append((start, seconds, status, kind, request_id))


class Http:
    def __init__(self, port: int, samples: Samples, headers: dict | None = None) -> None:
        self.port, self.samples, self.headers, self.cookies = port, samples, dict(headers or {}), {}
        self.conn: http.client.HTTPConnection | None = None

    def request(
        self, method: str, path: str, body: bytes | None = None, headers: dict | None = None, kind=""
    ):
        all_headers = {**self.headers, **(headers or {})}
        request_id = f"{threading.get_ident()}-{time.monotonic_ns()}"
        all_headers["X-Bench-Id"] = request_id
        if self.cookies:
            all_headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        start = time.monotonic()
        status, data, location = 0, b"", ""
        try:
            if self.conn is None:
                self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
            self.conn.request(method, path, body, all_headers)
            response = self.conn.getresponse()
            data = response.read()
            status = response.status
            location = response.getheader("Location") or ""
            for header in response.msg.get_all("Set-Cookie") or []:
                name, _, rest = header.partition("=")
                self.cookies[name.strip()] = rest.split(";", 1)[0]
        except (OSError, http.client.HTTPException):
            status = 0
            if self.conn is not None:
                self.conn.close()
            self.conn = None
        if kind:
            self.samples.add(start, time.monotonic() - start, status, kind, request_id)
        return status, data, location


class Inputs(html.parser.HTMLParser):
    """The hidden inputs of the form whose action ends with `action`."""

    def __init__(self, action: str) -> None:
        super().__init__()
        self.action, self.inside, self.values = action, False, []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.inside = (a.get("action") or "").endswith(self.action)
        elif tag == "input" and self.inside and a.get("type") == "hidden" and a.get("name"):
            self.values.append((a["name"], a.get("value") or ""))

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False


def multipart(fields: list[tuple[str, str]], files: list[tuple[str, str, bytes]]) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    out = io.BytesIO()
    for name, value in fields:
        out.write(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
        )
    for name, filename, data in files:
        out.write(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
            f"Content-Type: text/csv\r\n\r\n".encode()
        )
        out.write(data + b"\r\n")
    out.write(f"--{boundary}--\r\n".encode())
    return out.getvalue(), f"multipart/form-data; boundary={boundary}"


def urlencoded(fields: list[tuple[str, str]]) -> bytes:
    from urllib.parse import urlencode

    return urlencode(fields).encode()


class Jobs:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.started: dict[str, dict] = {}  # token -> {slug, url, prefix, retries, status}


def api_client(port: int, data: dict, samples: Samples, deadline: float, seed: int) -> None:
    rng = random.Random(seed)
    http_ = Http(
        port, samples, {"Authorization": f"Bearer {data['token']}", "Content-Type": "application/json"}
    )
    mine = data["people"][seed::64] or data["people"]
    while time.monotonic() < deadline:
        slug = rng.choice(data["accounts"])
        roll = rng.random()
        if roll < 0.35:
            http_.request("GET", f"/api/accounts/{slug}/people?limit=50", kind="read")
        elif roll < 0.55:
            http_.request("GET", f"/api/accounts/{slug}", kind="read")
        elif roll < 0.70:
            http_.request("GET", "/api/accounts", kind="read")
        else:
            person = rng.choice(mine)
            status, body, _ = http_.request("GET", f"/api/people/{person}", kind="read")
            if status == 200:
                version = json.loads(body)["version"]
                payload = json.dumps({"title": f"经理 {rng.randrange(999)}", "version": version}).encode()
                http_.request("PATCH", f"/api/people/{person}", payload, kind="edit")
        time.sleep(rng.uniform(*THINK))  # a person reads what came back before the next click


def login(port: int, samples: Samples) -> Http:
    http_ = Http(port, samples)
    for _ in range(10):
        http_.request("GET", "/login/")
        csrf = http_.cookies.get("csrftoken", "")
        status, _, location = http_.request(
            "POST",
            "/login/",
            urlencoded([("username", "bench"), ("password", PASSWORD), ("csrfmiddlewaretoken", csrf)]),
            {
                "Content-Type": "application/x-www-form-urlencoded",
                "Referer": f"http://127.0.0.1:{port}/login/",
            },
        )
        if status == 302 and "sessionid" in http_.cookies:
            return http_
        time.sleep(1)
    raise RuntimeError("could not log in")


def import_client(http_: Http, port: int, data: dict, jobs: Jobs, deadline: float, seed: int) -> None:
    rng = random.Random(seed)
    n = 0
    mine: list[str] = []
    next_import = time.monotonic() + rng.uniform(0, IMPORT_THINK[1])  # people do not all start at once
    while time.monotonic() < deadline:
        # follow my job (the job page is what a person watches), retry it when its worker died
        for token in list(mine):
            job = jobs.started[token]
            status, body, _ = http_.request("GET", job["url"], kind="job page")
            page = body.decode("utf-8", "replace")
            if status == 200 and ("Retry the import" in page or "重试" in page) and 'action="' in page:
                csrf = http_.cookies.get("csrftoken", "")
                http_.request(
                    "POST", job["url"] + "retry/", urlencoded([("csrfmiddlewaretoken", csrf)]),
                    {"Content-Type": "application/x-www-form-urlencoded", "Referer": f"http://127.0.0.1:{port}/"},
                    kind="retry",
                )  # fmt: skip
                job["retries"] += 1
            elif status == 200 and "<progress" not in page and 'http-equiv="refresh"' not in page:
                mine.remove(token)  # done (or failed for good): read the summary, think, then the next one
                next_import = time.monotonic() + rng.uniform(*IMPORT_THINK)
        time.sleep(JOB_POLL)
        if mine or time.monotonic() < next_import or time.monotonic() > deadline - 5:
            continue
        slug = rng.choice(data["accounts"])
        n += 1
        prefix = f"导入{seed}-{n}-"
        rows = io.StringIO()
        writer = csv.writer(rows)
        writer.writerow(["姓名", "职位", "邮箱"])
        for i in range(IMPORT_ROWS):
            writer.writerow([f"{prefix}{i}", "工程师", f"i{seed}-{n}-{i}@bench.example"])
        csrf = http_.cookies.get("csrftoken", "")
        body, ctype = multipart(
            [("csrfmiddlewaretoken", csrf)], [("file", f"{prefix}.csv", rows.getvalue().encode())]
        )
        referer = {"Referer": f"http://127.0.0.1:{port}/"}
        status, page, _ = http_.request(
            "POST", f"/accounts/{slug}/io/import/", body, {"Content-Type": ctype, **referer}, kind="import"
        )
        if status != 200:
            continue
        form = Inputs("confirm/")
        form.feed(page.decode("utf-8", "replace"))
        fields = [(k, v) for k, v in form.values if k != "csrfmiddlewaretoken"]
        status, _, location = http_.request(
            "POST", f"/accounts/{slug}/io/import/confirm/",
            urlencoded([("csrfmiddlewaretoken", csrf), *fields]),
            {"Content-Type": "application/x-www-form-urlencoded", **referer}, kind="import",
        )  # fmt: skip
        if status == 302 and "/job/" in location:
            token = location.rstrip("/").rsplit("/", 1)[-1]
            with jobs.lock:
                jobs.started[token] = {"slug": slug, "url": location, "prefix": prefix, "retries": 0}
            mine.append(token)


# --- the run ------------------------------------------------------------------------------------------


def wait_port(port: int, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"nothing listens on {port}")


def pct(times: list[float], p: float) -> float:
    return times[min(len(times) - 1, int(p * len(times)))] * 1000 if times else float("nan")


def create_database(url: str) -> None:
    import psycopg

    server, _, name = url.rpartition("/")
    with psycopg.connect(f"{server}/postgres", autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')


def tree_cpu(root: int) -> float:
    """CPU seconds (user + system) used so far by process `root` and its descendants, living or reaped."""
    tick = os.sysconf("SC_CLK_TCK")
    stats: dict[int, tuple[int, float, float]] = {}  # pid -> (ppid, own, reaped children)
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        # after the name: state ppid … utime(12) stime(13) cutime(14) cstime(15), counted from state = 0
        stats[int(entry.name)] = (
            int(fields[1]),
            int(fields[11]) + int(fields[12]),
            int(fields[13]) + int(fields[14]),
        )
    children: dict[int, list[int]] = {}
    for pid, (ppid, _own, _reaped) in stats.items():
        children.setdefault(ppid, []).append(pid)
    total, todo = 0.0, [root]
    while todo:
        pid = todo.pop()
        if pid in stats:
            total += stats[pid][1] + stats[pid][2]
            todo.extend(children.get(pid, []))
    return total / tick


def postgres_pid(url: str) -> int | None:
    import psycopg

    with psycopg.connect(url) as conn:
        folder = conn.execute("SHOW data_directory").fetchone()[0]
    try:
        return int(Path(folder, "postmaster.pid").read_text().split()[0])
    except (OSError, ValueError):
        return None


def nginx_upstreams(log: Path) -> dict[str, str]:
    """{bench request id: the upstream addresses nginx tried for it} from the run's nginx access log."""
    found = {}
    try:
        for line in log.read_text().splitlines():
            request_id, _, rest = line.partition(" ")
            found[request_id] = rest.rsplit(" ", 1)[0] if " " in rest else rest
    except OSError:
        pass
    return found


def worker_busy(url: str, pid: int) -> bool:
    """Whether the worker process `pid` is running a task now (a worker's id holds its pid)."""
    import psycopg

    with psycopg.connect(url) as conn:
        return bool(
            conn.execute(
                "SELECT count(*) FROM django_tasks_database_dbtaskresult WHERE status = 'RUNNING' "
                "AND worker_ids::text LIKE %s",
                (f"%.{pid}.%",),
            ).fetchone()[0]
        )


def check_jobs(url: str, jobs: Jobs) -> tuple[int, int, list[str]]:
    """(finished, retried, problems): each started import succeeded exactly once and its people landed once."""
    import psycopg

    problems = []
    finished = retried = 0
    with psycopg.connect(url) as conn:
        rows = conn.execute(
            "SELECT args_kwargs->'args'->>0, status, exception_class_path FROM django_tasks_database_dbtaskresult"
        ).fetchall()
        for token, job in jobs.started.items():
            mine = [r for r in rows if r[0] == token]
            ok = sum(1 for r in mine if r[1] == "SUCCESSFUL")
            retried += sum(1 for r in mine if r[2].endswith("WorkerDied.Retried"))
            landed = conn.execute(
                "SELECT count(*) FROM people_person p JOIN accounts_account a ON a.id = p.account_id "
                "WHERE a.slug = %s AND p.name LIKE %s",
                (job["slug"], job["prefix"] + "%"),
            ).fetchone()[0]
            if ok == 1 and landed == IMPORT_ROWS:
                finished += 1
            else:
                problems.append(
                    f"{token}: {ok} successful runs, {landed} of {IMPORT_ROWS} people, tasks {mine}"
                )
    return finished, retried, problems


def run(args) -> int:
    url = os.environ["DATABASE_URL"]
    create_database(url)
    tmp = Path(tempfile.mkdtemp(prefix="battlemap-scaleout-"))
    ports = list(range(args.ports[0], args.ports[1] + 1))
    proxy_port, app_ports = ports[0], ports[1:3]
    env = {
        **os.environ,
        "BATTLEMAP_VAR_DIR": str(tmp),  # one folder for both servers and workers: uploads wait there
        "SECRET_KEY": "bench-scaleout",
        "DJANGO_SETTINGS_MODULE": "battlemap.settings",
        "LANGUAGE_CODE": "en",
        "IMPORT_BACKGROUND_ROWS": "50",  # the bench's imports go to the workers
        "WORKER_STALE_SECONDS": str(args.stale),
        "WORKER_BEAT_SECONDS": "2",
        "LOGIN_FAILURE_LIMIT": "1000",
        "TRUSTED_PROXY_COUNT": "1" if shutil.which("nginx") or Path("/usr/sbin/nginx").exists() else "0",
        "LOG_LEVEL": "ERROR",
    }
    bm = [sys.executable, "-m", "battlemap"]
    procs: dict[str, subprocess.Popen] = {}
    log = (tmp / "processes.log").open("w")
    try:
        subprocess.run([*bm, "migrate", "-v0"], env=env, check=True, cwd=ROOT)
        out = subprocess.run([sys.executable, __file__, "--setup-only"], env=env, check=True, cwd=ROOT,
                             capture_output=True, text=True)  # fmt: skip
        data = json.loads(out.stdout.strip().splitlines()[-1])
        for i, port in enumerate(app_ports):
            procs[f"app{i}"] = subprocess.Popen(
                [*bm, "serve", "--no-worker", "--port", str(port), "--workers", str(args.web_workers), "--threads", "4"],
                env={**env, "LOG_LEVEL": "WARNING"}, cwd=ROOT, start_new_session=True, stdout=log, stderr=log,
            )  # fmt: skip
        for i in range(2):
            procs[f"worker{i}"] = subprocess.Popen(
                [*bm, "worker"], env=env, cwd=ROOT, start_new_session=True, stdout=log, stderr=log
            )
        nginx = start_nginx(tmp, proxy_port, app_ports)
        if nginx is not None:
            procs["nginx"] = nginx
            proxy_name = "nginx"
        else:
            PythonProxy(proxy_port, app_ports).start()
            proxy_name = "a Python proxy"
        for port in [*app_ports, proxy_port]:
            wait_port(port)
        print(
            f"PostgreSQL; app servers on {app_ports[0]} and {app_ports[1]} ({args.web_workers} gunicorn workers × "
            f"4 threads each) behind {proxy_name} on {proxy_port}; 2 workers; {args.clients} clients for "
            f"{args.seconds:.0f} s; kill app server 1 at {args.kill_app:.0f} s and worker 1 at {args.kill_worker:.0f} s",
            flush=True,
        )
        samples = Samples()
        jobs = Jobs()
        importers = max(2, args.clients // 8)
        sessions = [login(proxy_port, Samples()) for _ in range(importers)]
        for port in app_ports:  # warm both servers up (imports, caches), unmeasured
            warm = Http(port, Samples(), {"Authorization": f"Bearer {data['token']}"})
            for slug in data["accounts"]:
                warm.request("GET", f"/api/accounts/{slug}/people?limit=50")
        groups = {"app servers": ["app0", "app1"], "workers": ["worker0", "worker1"], "nginx": ["nginx"]}
        pg = postgres_pid(url)
        roots = {name: procs[name].pid for names in groups.values() for name in names if name in procs}
        if pg:
            roots["postgres"] = pg
        cpu_start = {name: tree_cpu(pid) for name, pid in roots.items()}
        cpu_end: dict[str, float] = {}
        start = time.monotonic()
        deadline = start + args.seconds
        threads = [
            threading.Thread(target=import_client, args=(sessions[i], proxy_port, data, jobs, deadline, i))
            for i in range(importers)
        ] + [
            threading.Thread(target=api_client, args=(proxy_port, data, samples, deadline, i))
            for i in range(args.clients - importers)
        ]
        for s in sessions:
            s.samples = samples
        for t in threads:
            t.start()
        killed: dict[str, float] = {}
        while time.monotonic() < deadline:
            now = time.monotonic() - start
            if "app" not in killed and now >= args.kill_app:
                cpu_end["app1"] = tree_cpu(roots["app1"])
                os.killpg(procs["app1"].pid, signal.SIGKILL)
                killed["app"] = time.monotonic()
            if "worker" not in killed and now >= args.kill_worker:
                # kill it while it runs an import (its job must then fail, be retried and finish once),
                # or 15 s later anyway
                if worker_busy(url, procs["worker1"].pid) or now >= args.kill_worker + 15:
                    killed["worker_busy"] = worker_busy(url, procs["worker1"].pid)
                    cpu_end["worker1"] = tree_cpu(roots["worker1"])
                    os.killpg(procs["worker1"].pid, signal.SIGKILL)
                    killed["worker"] = time.monotonic()
            time.sleep(0.1)
        for t in threads:
            t.join()
        elapsed = time.monotonic() - start
        for name, pid in roots.items():
            cpu_end.setdefault(name, tree_cpu(pid))
        used = {g: sum(cpu_end[n] - cpu_start[n] for n in names if n in roots) for g, names in groups.items()}
        if "postgres" in roots:
            used["PostgreSQL"] = cpu_end["postgres"] - cpu_start["postgres"]

        # Let the remaining jobs finish (the importers' threads have stopped: follow the jobs here).
        follower = sessions[0]
        follower.samples = Samples()
        until = time.monotonic() + args.drain
        pending = dict(jobs.started)
        while pending and time.monotonic() < until:
            for token, job in list(pending.items()):
                status, body, _ = follower.request("GET", job["url"])
                page = body.decode("utf-8", "replace")
                if status == 200 and ("Retry the import" in page):
                    csrf = follower.cookies.get("csrftoken", "")
                    follower.request("POST", job["url"] + "retry/", urlencoded([("csrfmiddlewaretoken", csrf)]),
                                     {"Content-Type": "application/x-www-form-urlencoded",
                                      "Referer": f"http://127.0.0.1:{proxy_port}/"})  # fmt: skip
                    job["retries"] += 1
                elif status == 200 and "<progress" not in page and 'http-equiv="refresh"' not in page:
                    del pending[token]
            time.sleep(1)

        items = samples.items
        kill_at = killed.get("app", float("inf"))
        in_flight = [s for s in items if s[2] in (0, 502, 503, 504) and s[0] <= kill_at <= s[0] + s[1] + 0.05]
        # nginx's log says where each request went: a 502 that nginx had sent only to the killed server, on a
        # kept-alive connection it did not yet know was dead, was in flight there too (nginx does not send a
        # PATCH or POST to another server once it was written: it is not idempotent)
        upstreams = nginx_upstreams(tmp / "nginx-access.log")
        dead = f"127.0.0.1:{app_ports[1]}"
        on_dead = [
            s for s in items
            if s[2] == 502 and s not in in_flight and s[0] >= kill_at and upstreams.get(s[4], "").strip() == dead
        ]  # fmt: skip
        errors = [s for s in items if (s[2] == 0 or s[2] >= 500) and s not in in_flight and s not in on_dead]
        conflicts = sum(1 for s in items if s[2] == 409)
        times = sorted(s[1] for s in items)
        by_kind: dict[str, list[float]] = {}
        for s in items:
            by_kind.setdefault(s[3], []).append(s[1])
        finished, retried, problems = check_jobs(url, jobs)
        p95 = pct(times, 0.95)
        print(
            f"{len(items)} requests in {elapsed:.0f} s: {len(items) / elapsed:.1f} req/s  p50 {pct(times, 0.5):.0f} ms  "
            f"p95 {p95:.0f} ms  p99 {pct(times, 0.99):.0f} ms",
            flush=True,
        )
        print(
            "p95 by kind: "
            + "  ".join(f"{k} {pct(sorted(v), 0.95):.0f} ms ({len(v)})" for k, v in sorted(by_kind.items()))
        )
        print(
            "CPU seconds used by the run's processes: "
            + ", ".join(f"{g} {v:.1f}" for g, v in used.items())
            + f"; {sum(used.values()):.1f} s in {elapsed:.0f} s = {sum(used.values()) / elapsed:.2f} of {os.cpu_count()} cores"
            f"; {1000 * used['app servers'] / max(len(items), 1):.1f} ms of app server CPU per request"
        )
        print(
            f"errors: {len(errors)} (besides {len(in_flight)} requests in flight on the killed app server and "
            f"{len(on_dead)} sent to it by nginx on a kept-alive connection just after the kill); "
            f"409 stale edits (an answer, not an error): {conflicts}"
        )
        if errors:
            kinds: dict[tuple[str, int], int] = {}
            for s in errors:
                kinds[(s[3], s[2])] = kinds.get((s[3], s[2]), 0) + 1
            print(
                "  errors by kind and status: "
                + ", ".join(f"{k} {st or 'no answer'}: {n}" for (k, st), n in kinds.items())
            )
            for s_ in errors[:10]:
                print(
                    f"    {s_[3]} {s_[2] or 'no answer'}: started {s_[0] - kill_at:+.2f} s from the kill, took {s_[1]:.2f} s"
                )
        print(
            f"jobs: {len(jobs.started)} imports started, {finished} finished exactly once "
            f"({retried} retried after the killed worker, which was "
            f"{'running an import' if killed.get('worker_busy') else 'idle'} when killed)"
        )
        for problem in problems:
            print("  " + problem)
        ok = p95 < 300 and not errors and not problems and finished == len(jobs.started)
        print(
            ("within budget" if ok else "OVER BUDGET or FAILED")
            + " (p95 < 300 ms, no error besides the killed server's in-flight requests, every job exactly once); "
            f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores: on a shared machine the times move "
            "with whatever else runs",
            flush=True,
        )
        return 0 if ok else 1
    finally:
        for proc in procs.values():
            try:
                os.killpg(proc.pid, signal.SIGTERM)
            except ProcessLookupError:
                continue
        for proc in procs.values():
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
        log.close()
        if args.keep:
            print(f"kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--clients", type=int, default=64)
    parser.add_argument("--web-workers", type=int, default=2, help="gunicorn workers per app server")
    parser.add_argument("--ports", type=lambda s: tuple(int(p) for p in s.split("-")), default=(8115, 8119),
                        help="a range of free loopback ports: the proxy, then the two app servers")  # fmt: skip
    parser.add_argument("--kill-app", type=float, default=20.0, help="seconds into the run")
    parser.add_argument("--kill-worker", type=float, default=30.0, help="seconds into the run")
    parser.add_argument("--stale", type=float, default=10.0, help="WORKER_STALE_SECONDS of the run")
    parser.add_argument("--drain", type=float, default=45.0, help="seconds to let the last jobs finish")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder (logs)")
    parser.add_argument("--setup-only", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.setup_only:
        print(json.dumps(setup_data()))
        return
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        # a throwaway PostgreSQL cluster for the run (scripts/with-postgres.sh starts and removes it)
        os.execv(str(ROOT / "scripts" / "with-postgres.sh"), [str(ROOT / "scripts" / "with-postgres.sh"),
                 sys.executable, __file__, *sys.argv[1:]])  # fmt: skip
    sys.exit(run(args))


if __name__ == "__main__":
    main()
