"""battlemap mail-infer SLUG [--json] [--accept ID ...] [--reject ID ...] [--user U]"""

from __future__ import annotations

import json

from django.core.management.base import CommandError
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from battlemap.core.access import can
from battlemap.core.cli import DataCommand, account_for_command, user_named
from battlemap.core.multilingual import active_language
from battlemap.mail.cache import account_inference
from battlemap.mail.models import Suggestion
from battlemap.mail.selectors import inferred_json
from battlemap.mail.selectors.records import ingested_counts
from battlemap.mail.selectors.suggestions import evidence_lines, pending_suggestions, suggestion_value_label
from battlemap.mail.services import (
    SuggestionError,
    suggestion_accept,
    suggestion_reject,
    suggestions_refresh,
)
from battlemap.mail.services.ingest_summary import people_left_out_text
from battlemap.punctuation import clauses, join_names, labelled


class Command(DataCommand):
    help = gettext_lazy(
        "Infer seniority, decision makers, reporting lines and relationships from ingested mail; "
        "accept or reject suggestions."
    )

    def add_arguments(self, parser):
        parser.add_argument("slug", metavar="SLUG")
        parser.add_argument("--json", action="store_true", help=gettext_lazy("print JSON"))
        parser.add_argument(
            "--accept",
            type=int,
            nargs="+",
            default=[],
            metavar="ID",
            help=gettext_lazy("accept these suggestions (their ids)"),
        )
        parser.add_argument(
            "--reject",
            type=int,
            nargs="+",
            default=[],
            metavar="ID",
            help=gettext_lazy("reject these suggestions (their ids)"),
        )
        parser.add_argument(
            "--user", metavar="U", help=gettext_lazy("act as this user (their access applies)")
        )

    def handle(self, *args, **options):
        deciding = options["accept"] or options["reject"]
        account = account_for_command(options["slug"], options["user"], "edit" if deciding else "view")
        if deciding:
            self._decide(account, options)
        result = account_inference(account)
        if options["user"] is None or can(user_named(options["user"]), account, "edit"):
            created = suggestions_refresh(result=result)
            if created.people_left_out:
                self.stderr.write(people_left_out_text(created.people_left_out))
        language = active_language()
        if options["json"]:
            self.stdout.write(
                json.dumps(inferred_json(result, language=language), ensure_ascii=False, indent=2)
            )
            return
        self._print(result, account, language)

    def _decide(self, account, options) -> None:  # noqa: ANN001
        user = user_named(options["user"]) if options["user"] else None
        wanted = {*options["accept"], *options["reject"]}
        found = {s.pk: s for s in Suggestion.objects.filter(account=account, pk__in=wanted)}
        missing = sorted(wanted - set(found))
        if missing:
            ids = join_names(active_language(), map(str, missing))
            raise CommandError(
                _("no suggestion %(ids)s in account %(slug)s") % {"ids": ids, "slug": repr(account.slug)}
            )
        try:
            for pk in options["accept"]:
                person = suggestion_accept(suggestion=found[pk], user=user)
                self.stdout.write(_("accepted %(id)d: %(name)s") % {"id": pk, "name": person.name})
            for pk in options["reject"]:
                suggestion_reject(suggestion=found[pk], user=user)
                self.stdout.write(_("rejected %(id)d") % {"id": pk})
        except SuggestionError as error:
            raise CommandError(str(error)) from None

    def _print(self, result, account, language: str) -> None:  # noqa: ANN001
        if result.empty:
            self.stdout.write(
                _("No ingested mail for %(slug)s: run `battlemap mail-ingest PATH --account %(slug)s`.")
                % {"slug": account.slug}
            )
            return
        self.stdout.write(_ingested_line(account, result.inference.message_count))
        # below the archive's evidence floor every row reads "seniority -  decision maker -": said why, once, as
        # the page and --json say it (a 3-message archive read as dashes and nothing else)
        floor = next(
            (e for p in result.inference.people for e in p.evidence if e.code in ARCHIVE_FLOOR), None
        )
        if floor is not None:
            self.stdout.write(capfirst(floor.text(language)))
        for person in result.inference.people:
            matched = result.people.get(person.email)
            label = (
                matched.name if matched else _("%(name)s (suggested)") % {"name": person.name or person.email}
            )
            manager = person.reports_to.email if person.reports_to else "-"
            line = _(
                "seniority %(score)s  decision maker %(likelihood)s  manager %(manager)s  relationship %(ties)s"
            ) % {
                "score": "-" if person.seniority_score is None else person.seniority_score,
                "likelihood": "-"
                if person.decision_likelihood is None
                else f"{person.decision_likelihood:.2f}",
                "manager": manager,
                "ties": "-" if person.relationship.score is None else person.relationship.score,
            }
            rank = "-" if person.rank is None else person.rank  # no rank below the evidence floor
            self.stdout.write(f"{rank:>3}. {label:<32} {line}")
        pending = list(pending_suggestions(account))
        if pending:
            self.stdout.write("\n" + _("Suggestions (accept with --accept ID, reject with --reject ID):"))
            deals = dict(account.deals.values_list("pk", "name"))
            for s in pending:
                evidence = clauses(language, evidence_lines(s, language))
                value = suggestion_value_label(s, deals)
                said = labelled(language, s.get_kind_display(), f"{s.name} <{s.email}> {value}")
                self.stdout.write(f"  [{s.pk}] {said}  — {evidence}")


ARCHIVE_FLOOR = (
    "archive_too_small",
    "archive_too_few_people",
)  # inference.engine: the whole archive below it


def _ingested_line(account, read: int) -> str:  # noqa: ANN001
    """What was ingested, counted as the mail page counts it (every message and meeting stored), and how many
    of them the inference reads (those the customer's own people sent): not `read` alone as "messages and
    meetings", which said 1 over 3 ingested."""
    messages, meetings = ingested_counts(account)
    return ngettext(
        "%(slug)s: %(messages)s and %(meetings)s ingested; seniority and reporting lines are read from the "
        "%(count)d item sent by the customer's own people.",
        "%(slug)s: %(messages)s and %(meetings)s ingested; seniority and reporting lines are read from the "
        "%(count)d items sent by the customer's own people.",
        read,
    ) % {
        "slug": account.slug,
        "messages": ngettext("%(count)d message", "%(count)d messages", messages) % {"count": messages},
        "meetings": ngettext("%(count)d meeting", "%(count)d meetings", meetings) % {"count": meetings},
        "count": read,
    }
