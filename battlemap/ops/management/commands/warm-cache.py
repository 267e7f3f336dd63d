from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from battlemap.core.cli import DataCommand, account_for_command
from battlemap.ops.progress import Progress
from battlemap.ops.warm import warm_analysis_cache, warm_said


class Command(DataCommand):
    help = gettext_lazy(
        "Compute into the analysis cache what This week, the portfolio and the pipeline read, for every account "
        "(or those named) in every language: after a restore, or from cron where no worker runs (a worker does "
        "it while idle)."
    )

    def add_arguments(self, parser):
        parser.add_argument("slugs", nargs="*", metavar="SLUG", help=gettext_lazy("only these accounts"))

    def handle(self, *args, slugs, **options):
        ids = [account_for_command(slug).pk for slug in dict.fromkeys(slugs)] if slugs else None
        progress = Progress("warm-cache", self.stderr, verbosity=options["verbosity"])
        done = warm_analysis_cache(
            account_ids=ids,
            progress=progress.counter(
                _("%(done)s of %(total)s account analyses (%(percent)s%%, %(seconds)s s)")
            ),
        )
        self.stdout.write(warm_said(done))
