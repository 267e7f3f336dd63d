from __future__ import annotations

import os

from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Serve Battlemap with gunicorn (static files by WhiteNoise). Reads PORT; --port overrides it."

    def add_arguments(self, parser):
        parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
        parser.add_argument("--port", type=int, default=None)
        parser.add_argument("--workers", type=int, default=int(os.environ.get("WEB_CONCURRENCY", 3)))
        parser.add_argument("--threads", type=int, default=int(os.environ.get("WEB_THREADS", 4)))

    def handle(self, *args, host, port, workers, threads, **options):
        try:
            port = port if port is not None else int(os.environ.get("PORT", 8000))
        except ValueError:
            raise CommandError("PORT must be a number") from None
        if not 0 < port < 65536:
            raise CommandError(f"--port {port}: must be between 1 and 65535")
        from gunicorn.app.base import BaseApplication

        from battlemap.wsgi import application

        class Server(BaseApplication):
            def load_config(self):
                self.cfg.set("bind", f"{host}:{port}")
                self.cfg.set("workers", workers)
                self.cfg.set("threads", threads)
                self.cfg.set("accesslog", "-")
                self.cfg.set("timeout", 120)

            def load(self):
                return application

        self.stdout.write(f"Battlemap on http://{host}:{port}/")
        Server().run()
