"""Background ingest of uploaded archives (django-tasks; the immediate backend runs it in the request)."""

from __future__ import annotations

import shutil
from pathlib import Path

from django.utils.translation import gettext as _
from django_tasks import task

from battlemap.core.multilingual import in_every_language
from battlemap.core.uploads import upload_names
from battlemap.mail.forms import SKIP_BAD_LABEL
from battlemap.mail.models import IngestRun
from battlemap.mail.services import (
    IngestError,
    ingest_error_message,
    ingest_run_finish,
    ingest_run_progress,
    ingest_run_running,
    ingest_with_suggestions,
)
from battlemap.mail.services.ingest_summary import summary_of
from battlemap.ops.services import on_worker_died
from battlemap.punctuation import sentences

TASK_PATH = "battlemap.mail.tasks.ingest_upload"


@task()
def ingest_upload(
    run_id: int,
    folder: str,
    our_domains: list[str],
    customer_domains: list[str],
    skip_bad: bool = False,
    date_order: str | None = None,
    bodies: bool = False,  # with a default: a run queued before it was added still runs
    via: str = "",  # likewise: how it came, for the audit log ("api"; "" the web)
) -> None:
    run = IngestRun.objects.select_related("account").get(pk=run_id)
    ingest_run_running(run=run)
    failed = True
    try:
        report, created = ingest_with_suggestions(
            account=run.account,
            paths=[folder],
            our_domains=our_domains,
            customer_domains=customer_domains,
            skip_bad=skip_bad,
            date_order=date_order,
            bodies=bodies,
            user=run.created_by,
            via=via,
            progress=ingest_run_progress(run),
        )

        def summary() -> str:
            return upload_names(summary_of(report), folder)  # with the suggestions it made

        failed = False
    except IngestError as error:
        failure = error

        def summary() -> str:
            text = upload_names(ingest_error_message(failure), folder)
            if failure.bad_files and failure.readable:
                tick = _("Tick “%(option)s” to ingest the readable ones.") % {"option": SKIP_BAD_LABEL}
                return sentences([text, tick])
            return text

    except Exception as error:  # noqa: BLE001 - the run must end with a visible state
        failure = error

        def summary() -> str:
            return _("Ingest failed: %(error)s") % {"error": failure}

    finally:
        shutil.rmtree(Path(folder), ignore_errors=True)
    # written by the worker, read by whoever opens the mail page: in every language (issue: the English page
    # showed the worker's Chinese)
    ingest_run_finish(run=run, failed=failed, summary=in_every_language(summary))


@on_worker_died(TASK_PATH)
def ingest_worker_died(args: list, kwargs: dict, task_id: str, last_beat) -> None:  # noqa: ANN001
    """The worker ingesting this upload stopped: the run fails and says so; its files wait for a retry."""
    run = IngestRun.objects.filter(pk=args[0]).first()
    if run is not None:
        ingest_run_finish(
            run=run,
            failed=True,
            summary=in_every_language(
                lambda: _(
                    "The background worker running this ingest stopped before it finished. Retry it: the "
                    "messages are saved all or nothing, and re-ingesting adds nothing twice."
                )
            ),
        )
