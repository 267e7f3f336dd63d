"""What a long command (`import-map`, `export`, `backup`, `restore`, `mail-ingest`) says while it works: one line per step on
standard error, prefixed with the command's name, in the CLI's language — never on standard output, which
carries the command's result (`import-map` prints the new account's slug, name and size there for scripts).

Plain lines, not a bar redrawn in place: the same on a terminal, in `journalctl` and in a cron mail. A count
goes by tenths (10 %, 20 % … of the work), so a 3,000-person account says about ten lines, a small one as
many. `-v 0` (Django's --verbosity) silences it.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from django.utils.translation import gettext as _


class Progress:
    """Progress lines of `command` on `stream` (a management command's `self.stderr`, or any text stream).

    `say(message)` writes one line; `counter(template)` gives the `progress(done, total)` callback that the
    services take (map_load, backup_restore), saying `template % {done, total, percent, seconds}` each time
    another tenth is done; `finished()` says how long the whole took."""

    def __init__(
        self, command: str, stream: Any, *, verbosity: int = 1, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.command = command
        self.stream = stream
        self.quiet = verbosity < 1
        self.clock = clock
        self.started = clock()

    def say(self, message: str) -> None:
        if self.quiet:
            return
        line = f"battlemap {self.command}: {message}"
        if hasattr(self.stream, "style_func"):  # Django's OutputWrapper: not in the error style's red
            self.stream.write(line, style_func=str)
        else:
            self.stream.write(line + "\n")
        self.stream.flush()

    def seconds(self) -> str:
        return f"{self.clock() - self.started:.0f}"

    def counter(self, template: str) -> Callable[[int, int], None]:
        said = [0]  # the last tenth said

        def progress(done: int, total: int) -> None:
            tenth = 10 * done // total if total else 10
            if tenth <= said[0]:
                return
            said[0] = tenth
            numbers = {"done": f"{done:,}", "total": f"{total:,}", "percent": 100 * done // max(total, 1)}
            self.say(template % {**numbers, "seconds": self.seconds()})

        return progress

    def ticker(self, template: str, every: float = 10.0) -> Callable[[int], None]:
        """The `progress(done)` callback of work whose size is not known ahead (mail_ingest reads an archive of
        unknown count): says `template % {done, seconds}` at most every `every` seconds."""
        said = [self.clock()]

        def progress(done: int) -> None:
            if self.clock() - said[0] < every:
                return
            said[0] = self.clock()
            self.say(template % {"done": f"{done:,}", "seconds": self.seconds()})

        return progress

    def finished(self) -> None:
        self.say(_("done in %(seconds)s s") % {"seconds": self.seconds()})
