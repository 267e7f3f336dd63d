from __future__ import annotations

import time
from pathlib import Path

from django.core.management.base import CommandError
from django.urls import reverse
from django.utils import translation
from django.utils.functional import lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from battlemap.core.cli import (
    DataCommand,
    account_for_command,
    lazy_text,
    os_problem,
    refused,
    user_named,
)
from battlemap.core.multilingual import active_language, for_viewer
from battlemap.io.cli import acting_arguments
from battlemap.io.tabular.file_problems import file_message
from battlemap.io.tabular.mappingfile import MappingError, load_mapping, mapping_text
from battlemap.io.tabular.problems import ImportFailed
from battlemap.io.tabular.readers import ReadError, encodings_named, unknown_encoding
from battlemap.io.tabular.selectors import deal_of_account
from battlemap.io.tabular.services import people_import
from battlemap.io.tabular.sources import SOURCES_READ
from battlemap.io.tabular.summary import summary_lines
from battlemap.ops.progress import Progress


class Command(DataCommand):
    help = lazy_text(
        gettext_lazy(
            "Import people (and their roles in a deal) from %(sources)s (CSV, XLSX, XLS or ODS), or from "
            "contacts as vCards (.vcf)."
        ),
        sources=SOURCES_READ,
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument(
            "--account", required=True, help=gettext_lazy("slug of the account the people belong to")
        )
        parser.add_argument("--deal", type=int, help=gettext_lazy("id of the deal that receives the roles"))
        parser.add_argument(
            "--mapping", help=gettext_lazy("TOML mapping file for other headers and values (docs/import.md)")
        )
        parser.add_argument(
            "--sheet",
            help=gettext_lazy("XLSX sheet name or number (default: the first visible one with a header)"),
        )
        parser.add_argument(
            "--encoding",
            help=lazy_text(
                gettext_lazy(
                    "CSV text encoding, when the detected one is wrong or cannot be told: %(codes)s"
                ),
                codes=lazy(lambda: encodings_named(active_language(), codes=True), str)(),
            ),
        )
        parser.add_argument(
            "--date-order",
            choices=["dmy", "mdy"],
            help=gettext_lazy(
                "dates like 03/11/2026: day first (dmy) or month first (mdy), when the file does not settle it"
            ),
        )
        parser.add_argument(
            "--dry-run", action="store_true", help=gettext_lazy("show what would happen, write nothing")
        )
        acting_arguments(parser)
        parser.add_argument(
            "--background",
            action="store_true",
            help=gettext_lazy(
                "run the import in a background worker (`battlemap worker`) and follow its progress"
            ),
        )
        parser.add_argument(
            "--no-wait",
            action="store_true",
            help=gettext_lazy("with --background: print the job's id and return at once"),
        )

    def handle(self, *args, lang, **options):
        language = lang or active_language()
        with translation.override(language):  # for this command only: a caller's language stays its own
            return self._import(**options)

    def _import(self, *, file, account, deal, mapping, sheet, dry_run, user, **options):  # noqa: PLR0913
        if options.get("no_wait") and not options.get(
            "background"
        ):  # it would run here and wait all the same
            raise refused(
                "--no-wait", _("only with --background: an import here ends before the command does")
            )
        encoding = options.get("encoding")
        if encoding and unknown_encoding(encoding):  # said at once, whatever the file (an XLSX needs none)
            raise refused(
                f"--encoding {encoding}", file_message(ReadError("encoding_unknown", value=encoding))
            )
        acct = account_for_command(account, user, "edit")
        actor = user_named(user) if user else None
        deal_obj = None
        if deal is not None:
            deal_obj = deal_of_account(acct, deal)
            if deal_obj is None:
                raise refused(
                    f"--deal {deal}", _("no such deal in account %(slug)s") % {"slug": repr(acct.slug)}
                )
        try:
            data = Path(file).read_bytes()
        except OSError as exc:
            raise refused(file, os_problem(exc)) from None
        try:
            maps = load_mapping(Path(mapping).read_bytes()) if mapping else None
        except OSError as exc:
            raise refused(f"--mapping {mapping}", os_problem(exc)) from None
        except MappingError as exc:
            raise refused(f"--mapping {mapping}", exc) from None
        said = Progress("import", self.stderr, verbosity=options.get("verbosity", 1))
        # the reports the web's job page shows: reading and checking, then rows written (people_import's progress)
        bar = _Rows(said)
        if options.get("background"):  # a dry run too: the job checks and counts, as the web's and the API's
            form = {"filename": Path(file).name, "mapping": mapping_text(Path(mapping).read_bytes()) if mapping else "",
                    "deal": str(deal_obj.pk) if deal_obj else "", "sheet": sheet or "",
                    "encoding": options.get("encoding") or "", "date_order": options.get("date_order") or "",
                    "columns": "", "dry_run": "1" if dry_run else ""}  # fmt: skip
            self._background(acct, actor, data, form, bar, wait=not options.get("no_wait"))
            return
        bar.reading()
        try:
            result = people_import(
                account=acct,
                data=data,
                filename=Path(file).name,
                deal=deal_obj,
                mapping=maps,
                sheet=sheet,
                encoding=options.get("encoding"),
                date_order=options.get("date_order"),
                dry_run=dry_run,
                user=actor,
                via="cli",
                progress=bar.show,
            )
        except ReadError as exc:
            raise refused(file, file_message(exc)) from None
        except ImportFailed as exc:
            said.end()
            for problem in exc.problems:
                self.stderr.write(problem.message())
            raise CommandError(
                ngettext(
                    "%(n)s problem; nothing was imported.",
                    "%(n)s problems; nothing was imported.",
                    len(exc.problems),
                )
                % {"n": len(exc.problems)}
            ) from None
        for line in summary_lines(result):
            self.stdout.write(line)
        self._undo_line(acct, result.import_id)

    def _undo_line(self, acct, import_id: str | None) -> None:  # noqa: ANN001
        """The import's id and the command that undoes it (none for a dry run or an import that wrote nothing)."""
        if import_id:
            self.stdout.write(
                _("Import id: %(id)s (undo it whole: battlemap undo-import %(slug)s %(id)s)")
                % {"id": import_id, "slug": acct.slug}
            )

    def _background(self, acct, actor, data: bytes, form: dict[str, str], bar, *, wait: bool) -> None:  # noqa: ANN001
        from battlemap.io.tabular.jobs import import_queue, job_state, stash
        from battlemap.ops.selectors import no_worker_notice
        from battlemap.ops.services import notice_dead_workers

        user_id = actor.pk if actor else None
        token = stash(data, account_id=acct.pk, user_id=user_id)
        form["token"] = token
        import_queue(token, account=acct, user=actor, form=form, rows=0, via="cli")
        if form["dry_run"]:
            self.stderr.write(
                _("Dry run job %(job)s queued: it checks the file and writes nothing.") % {"job": token}
            )
        else:
            self.stderr.write(_("Import job %(job)s queued.") % {"job": token})
        page = reverse("io:import_job", kwargs={"slug": acct.slug, "token": token})
        self.stderr.write(
            _("Follow it on its page %(page)s or with GET %(api)s (the API).")
            % {"page": page, "api": f"/api/accounts/{acct.slug}/imports/{token}"}
        )
        if not wait:
            self.stdout.write(token)
            return
        checked, told = time.monotonic(), False
        while True:
            state = job_state(token) or {}
            if state.get("status") == "running" and not state.get("done"):
                bar.reading()
            elif state.get("status") == "running" and state.get("total"):
                bar.show(state["done"], state["total"])
            if state.get("status") in ("done", "failed"):
                break
            if time.monotonic() - checked > 5:
                notice_dead_workers(state.get("status"))
                checked = time.monotonic()
            notice = None if told else no_worker_notice(state.get("status"))
            if notice:  # said once; it keeps waiting for a worker to start
                self.stderr.write(notice)
                told = True
            time.sleep(0.3)
        if state["status"] == "failed":
            bar.said.end()
            for problem in for_viewer(state.get("problems")) or []:
                self.stderr.write(problem)
            raise CommandError(_("Nothing was imported."))
        if state.get("total") and not form["dry_run"]:  # a dry run writes none
            bar.show(state["total"], state["total"])
        bar.said.end()
        for line in for_viewer(state.get("summary")) or []:
            self.stdout.write(line)
        answer = for_viewer(state.get("result"))  # kept once done (tabular.jobs.import_answer)
        self._undo_line(acct, answer.get("import_id") if isinstance(answer, dict) else None)


class _Rows:
    """The import's progress on standard error (ops.progress: a line redrawn on a terminal, tenths otherwise), in
    the words of the web's job page: reading and checking the rows, said once, then the rows written."""

    def __init__(self, said: Progress) -> None:
        self.said, self.read = said, False
        self.show = said.counter(_("%(done)s of %(total)s rows written (%(percent)s%%, %(seconds)s s)"))

    def reading(self) -> None:
        if not self.read:
            self.said.say(_("Reading and checking the rows…"))
            self.read = True
