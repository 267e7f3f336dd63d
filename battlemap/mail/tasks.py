"""Background ingest of uploaded archives (django-tasks; the immediate backend runs it in the request)."""

from __future__ import annotations

import shutil
from pathlib import Path

from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from battlemap.mail.models import IngestRun
from battlemap.mail.selectors import account_inference
from battlemap.mail.services import IngestError, mail_ingest, suggestions_refresh


@task()
def ingest_upload(
    run_id: int, folder: str, our_domains: list[str], customer_domains: list[str], skip_bad: bool = False
) -> None:
    run = IngestRun.objects.select_related("account").get(pk=run_id)
    run.status = IngestRun.Status.RUNNING
    run.save(update_fields=["status"])
    try:
        report = mail_ingest(
            account=run.account,
            paths=[folder],
            our_domains=our_domains,
            customer_domains=customer_domains,
            skip_bad=skip_bad,
        )
        created = suggestions_refresh(result=account_inference(run.account))
        summary = report.summary() + " " + _("%(count)d new suggestions.") % {"count": len(created)}
        run.status, run.summary = IngestRun.Status.DONE, summary
    except IngestError as error:
        run.status, run.summary = IngestRun.Status.FAILED, str(error).replace(folder + "/", "")
    except Exception as error:  # noqa: BLE001 - the run must end with a visible state
        run.status, run.summary = IngestRun.Status.FAILED, _("Ingest failed: %(error)s") % {"error": error}
    finally:
        shutil.rmtree(Path(folder), ignore_errors=True)
    run.finished_at = timezone.now()
    run.save(update_fields=["status", "summary", "finished_at"])
