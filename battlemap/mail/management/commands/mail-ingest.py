"""battlemap mail-ingest PATH... --account SLUG [--deal ID] [--our-domain D ...] [--customer-domain D ...]
[--since DATE] [--bodies] [--skip-bad] [--dry-run] [--user U]"""

from __future__ import annotations

from datetime import date

from django.core.management.base import CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from battlemap.core.cli import DataCommand, account_for_command, refused, user_named
from battlemap.deals.models import Deal
from battlemap.mail.services import IngestError, ingest_with_suggestions, mail_ingest
from battlemap.mail.services.ingest_report import bad_file_reason
from battlemap.mail.services.ingest_summary import summary_of
from battlemap.ops.progress import Progress
from battlemap.punctuation import sentences


class Command(DataCommand):
    help = gettext_lazy(
        "Ingest mail and calendar archives (mbox, maildir, .eml or Outlook .msg folder, .ics, CSV activity logs "
        "incl. Salesforce Task/Event exports) into an account. Headers only unless --bodies. Nothing leaves the machine."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH")
        parser.add_argument(
            "--account", required=True, metavar="SLUG", help=gettext_lazy("the account's slug")
        )
        parser.add_argument(
            "--deal", type=int, metavar="ID", help=gettext_lazy("attach the interactions to this deal")
        )
        parser.add_argument(
            "--our-domain",
            action="append",
            default=[],
            metavar="D",
            dest="our_domains",
            help=gettext_lazy(
                "a mail domain of our side (repeat for more); added to those remembered for the account (none: "
                "the --user's own e-mail domain; mail with nobody of ours makes no interaction)"
            ),
        )
        parser.add_argument(
            "--customer-domain",
            action="append",
            default=[],
            metavar="D",
            dest="customer_domains",
            help=gettext_lazy("a mail domain of the customer (repeat for more); replaces those remembered"),
        )
        parser.add_argument("--since", metavar="YYYY-MM-DD", help=gettext_lazy("skip items before this date"))
        parser.add_argument(
            "--bodies",
            action="store_true",
            help=gettext_lazy("read message bodies (signature titles, phones)"),
        )
        parser.add_argument(
            "--skip-bad",
            action="store_true",
            help=gettext_lazy("ingest the readable files when some are not"),
        )
        parser.add_argument(
            "--dry-run", action="store_true", help=gettext_lazy("read and report everything, write nothing")
        )
        parser.add_argument(
            "--user", metavar="U", help=gettext_lazy("act as this user (their edit access applies)")
        )
        parser.add_argument(
            "--date-order",
            choices=["dmy", "mdy"],
            help=gettext_lazy(
                "CSV dates like 03/11/2026: day first (dmy) or month first (mdy), when the file does not settle it"
            ),
        )

    def handle(self, *args, **options):
        account = account_for_command(options["account"], options["user"], "edit")
        since = None
        if options["since"]:
            try:
                since = date.fromisoformat(options["since"])
            except ValueError:
                raise refused(
                    "--since", _("%(value)s is not a date (YYYY-MM-DD)") % {"value": repr(options["since"])}
                ) from None
        deal = None
        if options["deal"] is not None:
            deal = Deal.objects.filter(pk=options["deal"], account=account).first()
            if deal is None:
                raise refused(
                    "--deal",
                    _("no deal %(deal)s in account %(slug)s")
                    % {"deal": options["deal"], "slug": repr(account.slug)},
                )
        arguments = {
            "account": account,
            "paths": options["paths"],
            "deal": deal,
            "our_domains": options["our_domains"],
            "customer_domains": options["customer_domains"],
            "since": since,
            "bodies": options["bodies"],
            "date_order": options.get("date_order"),
            "skip_bad": options["skip_bad"],
            "user": user_named(options["user"]) if options["user"] else None,
            "via": "cli",
        }
        said = Progress("mail-ingest", self.stderr, verbosity=options["verbosity"])
        reading = said.ticker(_("read %(done)s items (%(seconds)s s)"))

        def progress(stage: str, items: int) -> None:
            if stage == "storing":
                said.say(
                    ngettext("storing the %(count)s item read", "storing the %(count)s items read", items)
                    % {"count": f"{items:,}"}
                )
            else:
                reading(items)

        try:
            if options["dry_run"]:
                report = mail_ingest(**arguments, dry_run=True, progress=reading)
            else:  # the suggestions the mail now supports, as the web's and the API's ingest make them
                report, _created = ingest_with_suggestions(**arguments, progress=progress)
        except IngestError as error:
            said.end()
            hint = _("--skip-bad ingests the readable files.") if error.bad_files and error.readable else ""
            raise CommandError(sentences([str(error), hint])) from None
        said.end()
        for bad in report.bad_files:
            skipped = (
                _("skipped an event of %(path)s: %(reason)s")
                if bad.event
                else _("skipped %(path)s: %(reason)s")
            )
            self.stderr.write(skipped % {"path": bad.path, "reason": bad_file_reason(bad)})
        # names the customer domains and how they were chosen, and the suggestions it made
        self.stdout.write(summary_of(report))
