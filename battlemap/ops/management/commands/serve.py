from __future__ import annotations

import ctypes
import logging
import signal
import subprocess
import sys
import threading

from django.conf import settings
from django.core.management.base import CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from battlemap.core.cli import TranslatedCommand, refused
from battlemap.ops.logging import JsonFormatter, access_logger_class
from battlemap.ops.selectors import not_migrated_notice

log = logging.getLogger("battlemap.worker")


def _die_with_parent() -> None:
    """In the worker child: SIGTERM when `battlemap serve` dies, even by SIGKILL (Linux prctl)."""
    try:
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except OSError:
        pass


class WorkerChild:
    """One `battlemap worker` beside the web server: restarted if it stops, stopped with the server."""

    def __init__(self) -> None:
        self.proc: subprocess.Popen | None = None
        self.stopping = threading.Event()
        self.thread = threading.Thread(target=self._supervise, name="worker-child", daemon=True)

    def _spawn(self) -> None:
        self.proc = subprocess.Popen(  # noqa: S603 - our own command
            # --recycle: a fresh worker after WORKER_MAX_TASKS tasks, started here (_supervise)
            [sys.executable, "-m", "battlemap", "worker", "--recycle"],
            preexec_fn=_die_with_parent if sys.platform.startswith("linux") else None,  # noqa: PLW1509
        )

    def _supervise(self) -> None:
        while not self.stopping.wait(2):
            if self.proc is not None and self.proc.poll() is not None and not self.stopping.is_set():
                if self.proc.returncode == 0:  # --recycle: it ran WORKER_MAX_TASKS tasks
                    log.info("the background worker stopped after its tasks; starting a fresh one")
                else:
                    log.warning(
                        "the background worker stopped (exit %s); starting another", self.proc.returncode
                    )
                self._spawn()

    def start(self) -> None:
        self._spawn()
        self.thread.start()

    def stop(self) -> None:
        self.stopping.set()
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()  # the worker finishes its task, then stops
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.kill()


class Command(TranslatedCommand):
    help = gettext_lazy(
        "Serve Battlemap with gunicorn (static files by WhiteNoise) and one background worker beside it. "
        "Reads PORT; --port overrides it."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--host",
            default=settings.SERVE_HOST,
            help=gettext_lazy("address to listen on (default: HOST or 127.0.0.1)"),
        )
        parser.add_argument(
            "--port", type=int, default=None, help=gettext_lazy("port (default: PORT or 8000)")
        )
        parser.add_argument(
            "--workers",
            type=int,
            default=settings.WEB_CONCURRENCY,
            help=gettext_lazy("gunicorn worker processes (default: WEB_CONCURRENCY or 3)"),
        )
        parser.add_argument(
            "--threads",
            type=int,
            default=settings.WEB_THREADS,
            help=gettext_lazy("threads per worker process (default: WEB_THREADS or 4)"),
        )
        parser.add_argument(
            "--no-worker",
            action="store_true",
            help=gettext_lazy("start no background worker (run `battlemap worker` elsewhere)"),
        )

    def handle(self, *args, host, port, workers, threads, no_worker, **options):
        # PORT out of range is refused by settings, as every bad setting is (exit 2, not retried by systemd)
        port = port if port is not None else settings.SERVE_PORT
        if not 0 < port < 65536:
            raise refused(f"--port {port}", _("must be between 1 and 65535"))
        # Read by settings before gunicorn starts: a bad value read inside its configuration was gunicorn's
        # "Error: …", exit 1 (systemd restarted it every 10 s), after the start line; refused as every bad setting is.
        max_requests, keepalive = settings.WEB_MAX_REQUESTS, settings.WEB_KEEPALIVE
        not_migrated = not_migrated_notice()
        if not_migrated:  # not a login page over missing tables, nor a worker restarted in a loop
            raise CommandError(not_migrated)
        from gunicorn.app.base import BaseApplication

        from battlemap.ops.selectors import uses_workers
        from battlemap.wsgi import application

        class Server(BaseApplication):
            def load_config(self):
                self.cfg.set("bind", f"{host}:{port}")
                self.cfg.set("workers", workers)
                self.cfg.set("threads", threads)
                self.cfg.set("accesslog", "-")
                self.cfg.set("logger_class", access_logger_class())  # the client's address, not the proxy's
                self.cfg.set("timeout", 120)
                # A web worker process is replaced after about WEB_MAX_REQUESTS requests (up to a tenth more, at
                # random, so they are not all replaced at once): the memory one huge answer grew (the map JSON of
                # a 20,000-person account, 50 MB) is given back. 0: never.
                self.cfg.set("max_requests", max_requests)
                self.cfg.set("max_requests_jitter", max_requests // 10)
                # Longer than a proxy keeps idle connections to us (nginx's upstream keepalive_timeout: 60 s),
                # so the proxy never reuses a connection gunicorn is closing at that moment (a 502).
                self.cfg.set("keepalive", keepalive)
                # gunicorn 24+ opens a control socket at ~/.gunicorn/gunicorn.ctl: one path for every server
                # of the user, so a second `battlemap serve` takes it from the first. We do not use it.
                if "control_socket_disable" in self.cfg.settings:
                    self.cfg.set("control_socket_disable", True)
                if settings.LOG_FORMAT == "json":
                    self.cfg.set("logconfig_dict", gunicorn_json_logging())

            def load(self):
                return application

        child = WorkerChild() if uses_workers() and not no_worker else None
        url = f"http://{host}:{port}/"
        if child:
            self.stdout.write(banner(_("Battlemap on %(url)s (with a background worker)") % {"url": url}))
        else:
            self.stdout.write(banner(_("Battlemap on %(url)s") % {"url": url}))
        if child:
            child.start()
        try:
            Server().run()
        finally:
            if child:
                child.stop()


def banner(text: str) -> str:
    """serve's first line on standard output, where gunicorn's access log follows: with LOG_FORMAT=json a JSON
    line as the access lines (a collector reading stdout as JSON lines got one bad line per start)."""
    if settings.LOG_FORMAT != "json":
        return text
    record = logging.makeLogRecord({"name": "battlemap.serve", "levelname": "INFO", "levelno": logging.INFO})
    record.msg = text
    return JsonFormatter().format(record)


def gunicorn_json_logging() -> dict:
    level = settings.LOG_LEVEL
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"json": {"()": "battlemap.ops.logging.JsonFormatter"}},
        "handlers": {
            "console": {"class": "logging.StreamHandler", "formatter": "json", "stream": "ext://sys.stdout"},
            "error_console": {
                "class": "logging.StreamHandler",
                "formatter": "json",
                "stream": "ext://sys.stderr",
            },
        },
        "root": {"level": level, "handlers": ["error_console"]},
        "loggers": {
            "gunicorn.error": {"level": "INFO", "handlers": ["error_console"], "propagate": False},
            "gunicorn.access": {"level": "INFO", "handlers": ["console"], "propagate": False},
        },
    }
