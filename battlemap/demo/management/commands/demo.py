from __future__ import annotations

from battlemap.core.cli import DataCommand
from battlemap.demo.loader import load_demo


class Command(DataCommand):
    help = "Load the demo accounts and the users demo/demo and manager/manager (running it again changes nothing)."

    def handle(self, *args, **options):
        loaded = load_demo()
        if loaded:
            self.stdout.write("loaded demo accounts: " + ", ".join(loaded) + " (log in as demo / demo)")
        else:
            self.stdout.write("demo accounts already loaded; nothing changed")
