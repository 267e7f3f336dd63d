"""An ingest's report said in sentences (`summary_of`): items read, new and duplicated, interactions
made and the suggestions they brought, every item that made no interaction with the reason, the customer domains
and how they were chosen — each sentence after the other as its language writes it (`punctuation.sentences`)."""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from battlemap.core.dates import day_text
from battlemap.core.multilingual import active_language
from battlemap.io.labels import date_reading_text
from battlemap.io.mail import MessageRecord
from battlemap.io.mail.records import RepeatsCut
from battlemap.mail.services.ingest_report import (
    DOMAIN_ORIGINS,
    OWNER_DOMAIN_RULES,
    SKIP_REASONS,
    IngestReport,
    bad_file_reason,
    named_and_more,
)
from battlemap.punctuation import aside, clauses, join_names, labelled, sentences


def summary_of(report: IngestReport) -> str:
    counts = {  # each count with its noun in the number it takes: "1 participant", "10 interactions"
        "items": ngettext("%(count)d item read", "%(count)d items read", report.read)
        % {"count": report.read},
        "interactions": ngettext("%(count)d interaction", "%(count)d interactions", report.interactions)
        % {"count": report.interactions},
        "participants": ngettext("%(count)d participant", "%(count)d participants", report.participants)
        % {"count": report.participants},
    }
    lang = active_language()
    said = [_("Dry run, nothing written.")] if report.dry_run else []
    if report.interactions and not report.participants:  # "with 0 participants" read as a failed ingest
        said.append(
            _(
                "%(items)s: %(new)d new, %(duplicates)d already ingested; %(interactions)s created, attached "
                "to no one yet: none of the customer's people in this mail is on the map."
            )
            % {**report.__dict__, **counts}
        )
    else:
        said.append(
            _(
                "%(items)s: %(new)d new, %(duplicates)d already ingested; "
                "%(interactions)s with %(participants)s created."
            )
            % {**report.__dict__, **counts}
        )
    said.append(_suggested_text(report, people_said=report.interactions and not report.participants))
    skipped = [(code, report.skipped[code]) for code in SKIP_REASONS if report.skipped[code]]
    if skipped:
        said.append(
            _("No interaction for %(count)d: %(reasons)s.")
            % {
                "count": sum(n for _code, n in skipped),
                "reasons": clauses(
                    lang,
                    [
                        _("%(reason)s (%(count)d)") % {"reason": SKIP_REASONS[code], "count": n}
                        for code, n in skipped
                    ],
                ),
            }
        )
    if report.withdrawn:
        said.append(
            ngettext(
                "%(count)d meeting ingested before has been cancelled since: its interaction was removed.",
                "%(count)d meetings ingested before have been cancelled since: their interactions were removed.",
                report.withdrawn,
            )
            % {"count": report.withdrawn}
        )
    if report.taken_out:
        said.append(
            ngettext(
                "%(count)d meeting ingested before is no longer in its recurring series (a date taken out, or the "
                "series ended earlier): its interaction was removed.",
                "%(count)d meetings ingested before are no longer in their recurring series (dates taken out, or "
                "the series ended earlier): their interactions were removed.",
                report.taken_out,
            )
            % {"count": report.taken_out}
        )
    if report.updated:
        said.append(
            ngettext(
                "%(count)d meeting ingested before has changed since (attendees, their answers or the time): "
                "updated.",
                "%(count)d meetings ingested before have changed since (attendees, their answers or the time): "
                "updated.",
                report.updated,
            )
            % {"count": report.updated}
        )
    if report.signatures_added:
        said.append(
            ngettext(
                "%(count)d item ingested before without its body now has its signature (title, phone).",
                "%(count)d items ingested before without their bodies now have their signatures (title, phone).",
                report.signatures_added,
            )
            % {"count": report.signatures_added}
        )
    if report.broadcasts:
        said.append(
            ngettext(
                "%(count)d message to more than %(limit)d addresses was kept as a broadcast, with its sender and "
                "our side only: %(left_out)d of its recipients were left out (not participants, not suggested).",
                "%(count)d messages to more than %(limit)d addresses were kept as broadcasts, with their senders "
                "and our side only: %(left_out)d of their recipients were left out (not participants, not "
                "suggested).",
                report.broadcasts,
            )
            % {
                "count": report.broadcasts,
                "limit": settings.MAIL_BROADCAST_ADDRESSES,
                "left_out": report.left_out,
            }
        )
    if report.people_left_out:
        said.append(people_left_out_text(report.people_left_out))
    if report.unknown_zones:
        said.append(
            _("Time zones not known, so their meetings were read in %(zone)s: %(zones)s. Check those times.")
            % {
                "zone": settings.TIME_ZONE,
                "zones": clauses(
                    lang,
                    [
                        name + aside(lang, join_names(lang, [_quoted(title) for title in titles]))
                        for name, titles in sorted(report.unknown_zones.items())
                    ],
                ),
            }
        )
    for sentence in repeats_cut_text(report.repeats_cut):
        said.append(sentence)
    if report.future:
        said.append(
            _(
                "Dated in the future, so not ingested (a wrong date in the message, e.g. the sender's clock): "
                "%(messages)s."
            )
            % {"messages": _future_messages(report.future)}
        )
    if report.unmatched_names:
        said.append(
            _("Exchange addresses matching no person (skipped, not suggested): %(names)s.")
            % {"names": clauses(active_language(), sorted(report.unmatched_names))}
        )
    if report.unmatched_attendees:
        said.append(
            ngettext(
                "%(count)d calendar attendee has a name but no e-mail address, and no one person on the map bears "
                "that name (none or several do), so it was attached to no one: %(names)s.",
                "%(count)d calendar attendees have a name but no e-mail address, and no one person on the map "
                "bears their names (none or several do), so they were attached to no one: %(names)s.",
                len(report.unmatched_attendees),
            )
            % {
                "count": len(report.unmatched_attendees),
                "names": clauses(active_language(), sorted(report.unmatched_attendees)),
            }
        )
    if report.namesakes:
        said.append(
            _(
                "Named like several people on the map: %(names)s — attached to none of them; put the e-mail on "
                "the right person's record (a person has one here), or accept the suggested new person if it is "
                "someone else."
            )
            % {"names": clauses(active_language(), sorted(report.namesakes))}
        )
    if report.other_address:
        said.append(
            _(
                "Named like a person on the map whose e-mail is another, so not taken as them: %(names)s. If it "
                "is the same person, a person has one e-mail here: keep on their record the one they use with "
                "you (mail from the other is not read as theirs); if not, accept the suggested new person."
            )
            % {
                "names": clauses(
                    lang,
                    [
                        _("%(name)s <%(email)s> (the map has %(other)s)")
                        % {"name": n, "email": e, "other": o}
                        for n, e, o in sorted(report.other_address)
                    ],
                )
            }
        )
    if report.dated_from_line:
        said.append(
            ngettext(
                "%(count)d message had no readable Date: dated by its mbox From line.",
                "%(count)d messages had no readable Date: dated by their mbox From line.",
                report.dated_from_line,
            )
            % {"count": report.dated_from_line}
        )
    if report.encodings:
        said.append(
            _("Activity logs read as: %(files)s.")
            % {
                "files": clauses(
                    lang, [f"{name} {label}" for name, label in sorted(report.encodings.items())]
                )
            }
        )
    for name, reading in sorted(report.date_readings.items()):
        said.append(
            _("Dates of %(file)s %(reading)s.")
            % {
                "file": name,
                "reading": date_reading_text(reading),
            }
        )
    said.append(
        _("Customer domains: %(domains)s (%(origin)s); our domains: %(ours)s.")
        % {
            "domains": ", ".join(report.customer_domains) or "-",
            "origin": DOMAIN_ORIGINS[report.customer_domains_origin],
            "ours": ", ".join(report.our_domains) or "-",
        }
    )
    if report.our_domain_from_user:
        said.append(
            _("%(domain)s is ours: the domain of your own e-mail address, remembered for this account.")
            % {"domain": report.our_domain_from_user}
        )
    elif report.mailbox_owner.rule:
        said.append(
            str(OWNER_DOMAIN_RULES[report.mailbox_owner.rule])
            % {
                "domain": report.mailbox_owner.domain,
                "addresses": join_names(
                    active_language(), named_and_more(list(report.mailbox_owner.addresses))
                ),
            }
        )
    elif report.mailbox_owner.domain:
        said.append(
            _(
                "%(domain)s is ours: %(owner)s, the mailbox's owner, is in nearly every message; remembered for "
                "this account. If it is the customer's, give our domains."
            )
            % {"domain": report.mailbox_owner.domain, "owner": report.mailbox_owner.address}
        )
    elif not report.our_domains:
        if report.mailbox_owner.unsure and report.mailbox_owner.address:
            said.append(
                _(
                    "%(owner)s is in nearly every message, but nearly all of them stay inside %(domain)s, so the "
                    "archive does not say whether it is one of ours or of the customer's: no domain was taken as "
                    "ours."
                )
                % {"owner": report.mailbox_owner.address, "domain": report.mailbox_owner.unsure}
            )
        elif report.mailbox_owner.unsure:
            said.append(
                _(
                    "%(domain)s is in nearly every message but no one address is, as in a customer's own archive "
                    "or a shared mailbox: whose mailbox it is is not known, so no domain was taken as ours."
                )
                % {"domain": report.mailbox_owner.unsure}
            )
        said.append(
            _(
                "Our domains are not known: mail without one of our users was kept for inference only and made "
                "no interaction with us. To record our mail with the customer, give our domains (Our domains on "
                "the upload form, --our-domain to mail-ingest, our_domains in the API) and ingest again."
            )
        )
    if report.passed_over:
        said.append(
            _("Passed over in the zip archives, not mail, calendar or CSV activity files: %(files)s.")
            % {"files": clauses(active_language(), named_and_more(report.passed_over))}
        )
    if report.bad_files:  # each by its path, a zip member's in its archive, as a refusal names it
        lang = active_language()
        listed = clauses(
            lang, named_and_more(report.bad_files, lambda b: labelled(lang, b.path, bad_file_reason(b)))
        )
        said.append(_("Skipped: %(files)s.") % {"files": listed.rstrip(".。")})
    return sentences(said)


def _suggested_text(report: IngestReport, *, people_said: bool) -> str:
    """What the run suggested, each count said once: with nobody of the customer's on the map
    (`people_said`), the new people and what they are for, then only the other suggestions ("2 more new
    suggestions…", not "3 new suggestions" again); else the one count ("5 new suggestions."). Nothing when
    the run made no suggestions (a dry run, `mail_ingest` alone)."""
    if report.suggestions_made is None:
        return ""
    if not (people_said and report.people_suggested):
        return new_suggestions_text(report.suggestions_made)
    others = report.suggestions_made - report.people_suggested
    people = ngettext(
        "%(count)d new person is suggested from it on the mail page: accept them if they belong to this "
        "account, and they are attached to the interactions they were in.",
        "%(count)d new people are suggested from it on the mail page: accept each who belongs to this "
        "account, and they are attached to the interactions they were in.",
        report.people_suggested,
    ) % {"count": report.people_suggested}
    if not others:
        return people
    return sentences([people, ngettext(
        "%(count)d more new suggestion is there too (a title, a reporting line or a decision maker).",
        "%(count)d more new suggestions are there too (titles, reporting lines or decision makers).",
        others,
    ) % {"count": others}])  # fmt: skip


def new_suggestions_text(count: int) -> str:
    """What an ingest or a refresh says of the suggestions it brought ("3 new suggestions."), in the active
    language."""
    return ngettext("%(count)d new suggestion.", "%(count)d new suggestions.", count) % {"count": count}


def people_left_out_text(count: int) -> str:
    """The sentence of a run that suggested MAIL_NEW_PEOPLE_PER_RUN new people and left `count` others out."""
    return ngettext(
        "%(count)d more new person was not suggested: a run suggests at most %(limit)d new people, those in "
        "the most messages and meetings first (MAIL_NEW_PEOPLE_PER_RUN); the next run suggests the next ones.",
        "%(count)d more new people were not suggested: a run suggests at most %(limit)d new people, those in "
        "the most messages and meetings first (MAIL_NEW_PEOPLE_PER_RUN); the next run suggests the next ones.",
        count,
    ) % {"count": count, "limit": settings.MAIL_NEW_PEOPLE_PER_RUN}


def repeats_cut_text(cuts: dict[str, RepeatsCut]) -> list[str]:
    """The sentences naming the recurring meetings whose repetitions a bound cut, one per bound
    (`records.RepeatsCut`; repeats.MAX_OCCURRENCES, repeats.MAX_LOOKED_AT), the meetings by title."""
    said = {
        "occurrences": _(
            "Recurring meetings cut at %(limit)s occurrences, the most read of one meeting: the latest kept, "
            "the earlier left out — %(meetings)s."
        ),
        "looked_at": _(
            "Recurring meetings cut at %(limit)s repetitions looked at, the most of one meeting (no meeting "
            "repeats so often): the later ones were not read — %(meetings)s."
        ),
    }
    out = []
    for bound, sentence in said.items():
        cut = sorted((title, c) for title, c in cuts.items() if c.bound == bound)
        meetings = [
            _("%(title)s: %(count)s earlier left out") % {"title": _quoted(t), "count": f"{c.dropped:,}"}
            if bound == "occurrences"
            else _("%(title)s: read up to %(day)s") % {"title": _quoted(t), "day": day_text(c.last)}
            for t, c in cut
            if bound == "occurrences" or c.last
        ]
        if meetings:
            out.append(
                sentence % {"limit": f"{cut[0][1].limit:,}", "meetings": clauses(active_language(), meetings)}
            )
    return out


def _quoted(title: str) -> str:
    return f"“{title}”" if title else _("(no subject)")


FUTURE_NAMED = 5  # messages dated in the future named in the summary; the others counted


def _future_messages(records: list[MessageRecord]) -> str:
    """`"Subject" of 2029-01-01 from sam@ourco.example; …; and 3 more`, in the order read."""
    named = [
        _('"%(subject)s" of %(day)s from %(sender)s')
        % {
            "subject": r.subject or _("(no subject)"),
            "day": day_text(r.occurred_at) if r.occurred_at else "",
            "sender": r.sender.email if r.sender else "-",
        }
        for r in records[:FUTURE_NAMED]
    ]
    if len(records) > FUTURE_NAMED:
        named.append(_("and %(count)d more") % {"count": len(records) - FUTURE_NAMED})
    return clauses(active_language(), named)
