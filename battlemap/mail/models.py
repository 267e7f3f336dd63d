"""Stored mail/meeting records of an account, the account's mail domains, ingest runs, and inferred
suggestions that wait for a person to accept or reject them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from battlemap.core.models import Versioned
from battlemap.core.multilingual import in_viewer_language


class MailItem(models.Model):
    """One ingested message or meeting, headers only: the raw evidence behind inferences.

    Not versioned: an item never changes after ingest (except once, to take the signature of its body when an
    ingest with bodies follows a headers-only one, and a meeting read again in a newer version), and archives
    run to hundreds of thousands.
    """

    account = models.ForeignKey("accounts.Account", on_delete=models.CASCADE, related_name="mail_items")
    uid = models.CharField(_("Message-ID / UID"), max_length=500)
    # date, sender and recipients as read (before Exchange names were matched): tells apart two e-mails that
    # share a Message-ID, and stays the same when a later ingest matches more Exchange names
    content_key = models.CharField(_("content key"), max_length=24, blank=True)
    kind = models.CharField(_("kind"), max_length=20, default="email")
    occurred_at = models.DateTimeField(_("date"), null=True, blank=True)
    sender_email = models.CharField(pgettext_lazy("email", "from"), max_length=320, blank=True)
    sender_name = models.CharField(_("sender name"), max_length=200, blank=True)
    recipients = models.JSONField(_("recipients"), default=list)  # [[email, name, "to"|"cc"], ...]
    subject = models.CharField(_("subject"), max_length=500, blank=True)
    in_reply_to = models.CharField(_("in reply to"), max_length=500, blank=True)
    source = models.CharField(_("source file"), max_length=300, blank=True)
    signature_title = models.CharField(_("title in signature"), max_length=200, blank=True)
    signature_phone = models.CharField(_("phone in signature"), max_length=60, blank=True)
    # a meeting's version (its event's SEQUENCE; LAST-MODIFIED, else DTSTAMP): an older export read later
    # changes nothing. Null: not from a calendar, or stored before versions were kept.
    sequence = models.PositiveIntegerField(_("calendar SEQUENCE"), null=True, blank=True)
    revised_at = models.DateTimeField(_("calendar last modified"), null=True, blank=True)
    interaction = models.ForeignKey(
        "interactions.Interaction",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="mail_items",
        verbose_name=_("interaction"),
    )
    # the interaction it made, deleted since: its id, by which the deletion's undo links the item again
    # (core.services.kept_for_undo; a later ingest that links the item elsewhere wins)
    deleted_interaction = models.PositiveBigIntegerField(null=True, blank=True, editable=False)
    ingested_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["account", "uid"], name="one_mail_item_per_uid")]
        indexes = [models.Index(fields=["account", "occurred_at"])]
        verbose_name = _("mail item")
        verbose_name_plural = _("mail items")

    def __str__(self) -> str:
        return self.subject or self.uid


class MailDomains(models.Model):
    """Which domains are ours and which the customer's, remembered per account between runs."""

    account = models.OneToOneField("accounts.Account", on_delete=models.CASCADE, related_name="mail_domains")
    ours = models.JSONField(_("our domains"), default=list)
    customer = models.JSONField(_("customer domains"), default=list)

    class Meta:
        verbose_name = _("mail domains")
        verbose_name_plural = _("mail domains")


class IngestRun(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", _("queued")
        RUNNING = "running", _("running")
        DONE = "done", _("done")
        FAILED = "failed", _("failed")

    class Stage(models.TextChoices):
        READING = "reading", _("reading")
        STORING = "storing", _("storing")

    account = models.ForeignKey("accounts.Account", on_delete=models.CASCADE, related_name="ingest_runs")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    files = models.JSONField(_("files"), default=list)
    summary = models.TextField(_("summary"), blank=True)  # in every language: core.multilingual
    # while running: reading the files (`items_read` so far), then storing what was read (all `items_read`)
    stage = models.CharField(_("stage"), max_length=10, choices=Stage.choices, blank=True)
    items_read = models.PositiveIntegerField(_("items read"), default=0)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("ingest run")
        verbose_name_plural = _("ingest runs")

    @property
    def active(self) -> bool:
        """Queued or running: not ended yet."""
        return self.status in (self.Status.QUEUED, self.Status.RUNNING)

    @property
    def summary_text(self) -> str:
        """The summary in the viewer's language (the worker wrote it in every language)."""
        return in_viewer_language(self.summary)

    @property
    def files_named(self) -> list[str]:
        """The files' names as the runs table shows them (`services.ingest_report.named_and_more`; the API lists
        them all)."""
        from battlemap.mail.services.ingest_report import named_and_more

        return named_and_more(list(self.files or []))


class Suggestion(Versioned):
    """A change to the map that inference proposes; nothing is written until someone accepts it."""

    class Kind(models.TextChoices):
        PERSON = "person", _("new person")
        REPORTS_TO = "reports_to", _("reports to")
        TITLE = "title", _("title")
        DECISION_MAKER = "decision_maker", _("decision maker in deal")

    class State(models.TextChoices):
        PENDING = "pending", _("pending")
        ACCEPTED = "accepted", _("accepted")
        REJECTED = "rejected", _("rejected")

    account = models.ForeignKey("accounts.Account", on_delete=models.CASCADE, related_name="suggestions")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    email = models.CharField(_("email"), max_length=320)
    name = models.CharField(pgettext_lazy("person", "name"), max_length=200, blank=True)
    # the title, the manager's e-mail, or the deal id (decision maker)
    value = models.CharField(_("value"), max_length=320, blank=True)
    probability = models.FloatField(_("probability"), null=True, blank=True)
    # what the suggestion was read from, said on its card ("2 messages, 1 meeting"): the mail messages and the
    # meetings the person is in (before meeting_count, message_count held both: such a row reads as messages)
    message_count = models.PositiveIntegerField(_("messages"), default=0)
    meeting_count = models.PositiveIntegerField(_("meetings"), default=0)
    evidence = models.JSONField(_("evidence"), default=list)  # [{"code": ..., "params": {...}}]
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.PENDING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["kind", "email", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["account", "kind", "email", "value"], name="one_suggestion_per_change"
            )
        ]
        verbose_name = _("suggestion")
        verbose_name_plural = _("suggestions")

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.email} {self.value}".strip()
