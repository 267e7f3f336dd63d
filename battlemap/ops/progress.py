"""What a long command (`import`, `import-map`, `export`, `backup`, `restore`, `mail-ingest`) says while it works: one
line per step on standard error, prefixed with the command's name, in the CLI's language — never on standard
output, which carries the command's result (`import-map` prints the new account's slug, name and size there for
scripts).

Where standard error is no terminal (`journalctl`, a cron mail, a pipe) these are plain lines, and a count goes by
tenths (10 %, 20 % … of the work), so a 3,000-person account says about ten lines, a small one as many; work of
unknown size (the items of an archive read) says a line every 10 seconds. On a terminal the count is one line
redrawn in place, by the percent (and every half second for unknown sizes), ended before the next step's line.
`-v 0` (Django's --verbosity) silences it.
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
    another tenth is done (percent, on a terminal); `finished()` says how long the whole took."""

    def __init__(
        self, command: str, stream: Any, *, verbosity: int = 1, clock: Callable[[], float] | None = None
    ) -> None:
        self.command = command
        self.stream = stream
        self.quiet = verbosity < 1
        self.clock = clock or time.monotonic
        self.started = self.clock()
        isatty = getattr(stream, "isatty", None)  # Django's OutputWrapper answers for the stream it wraps
        self.terminal = bool(isatty and isatty())
        self.redrawn = False  # a count's line is on the terminal, not yet ended

    def say(self, message: str, *, count: bool = False) -> None:
        """One line; `count`: a count's, redrawn in place on a terminal."""
        if self.quiet:
            return
        line = f"battlemap {self.command}: {message}"
        if self.terminal and count:
            self._write(f"\r{line}\x1b[K", "")
        else:
            self._write(f"\n{line}" if self.redrawn else line, "\n")
        self.redrawn = self.terminal and count
        self.stream.flush()

    def end(self) -> None:
        """End a count's line redrawn on the terminal (before the command writes its result)."""
        if self.redrawn:
            self._write("", "\n")
            self.stream.flush()
            self.redrawn = False

    def _write(self, text: str, ending: str) -> None:
        if hasattr(self.stream, "style_func"):  # Django's OutputWrapper: not in the error style's red
            self.stream.write(text, style_func=str, ending=ending)
        else:
            self.stream.write(text + ending)

    def seconds(self) -> str:
        return f"{self.clock() - self.started:.0f}"

    def counter(self, template: str) -> Callable[[int, int], None]:
        said = [0]  # the last step said
        steps = 100 if self.terminal else 10  # by the percent on a terminal, else by tenths

        def progress(done: int, total: int) -> None:
            step = steps * done // total if total else steps
            if step <= said[0]:
                return
            said[0] = step
            numbers = {"done": f"{done:,}", "total": f"{total:,}", "percent": 100 * done // max(total, 1)}
            self.say(template % {**numbers, "seconds": self.seconds()}, count=True)
            if done >= total:
                self.end()

        return progress

    def ticker(self, template: str, every: float = 10.0) -> Callable[[int], None]:
        """The `progress(done)` callback of work whose size is not known ahead (mail_ingest reads an archive of
        unknown count): says `template % {done, seconds}` at most every `every` seconds (half a second on a
        terminal, where it is redrawn in place)."""
        said = [self.clock()]
        every = min(every, 0.5) if self.terminal else every

        def progress(done: int) -> None:
            if self.clock() - said[0] < every:
                return
            said[0] = self.clock()
            self.say(template % {"done": f"{done:,}", "seconds": self.seconds()}, count=True)

        return progress

    def finished(self) -> None:
        self.say(_("done in %(seconds)s s") % {"seconds": self.seconds()})
