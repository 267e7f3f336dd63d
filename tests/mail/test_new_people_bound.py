"""An archive of very many customer addresses, none a broadcast (each message to a handful): a run suggests at
most MAIL_NEW_PEOPLE_PER_RUN new people — those in the most messages and meetings — and its summary says how
many it left out (an archive of 40,000 distinct addresses made 40,000 "new person" suggestions)."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from battlemap.mail.models import IngestRun, Suggestion

CUSTOMER = "guodian.example"


def _archive(counts: dict[str, int]) -> bytes:
    """An mbox in which each customer address writes to us `counts[address]` times."""
    out = []
    for address, count in counts.items():
        for n in range(count):
            out.append(
                f"From {address} Sat Nov  7 10:00:00 2026\nFrom: {address}\nTo: sam@ours.example\n"
                f"Subject: re {n}\nDate: Sat, 7 Nov 2026 10:{n:02d}:00 +0800\n"
                f"Message-ID: <{n}.{address}>\n\nhello\n"
            )
    return "\n".join(out).encode()


def _upload(client, world, content: bytes):  # noqa: ANN001
    client.force_login(world.owner)
    return client.post(
        f"/accounts/{world.cn.slug}/mail/upload/",
        {
            "files": SimpleUploadedFile("archive.mbox", content),
            "our_domains": "ours.example",
            "customer_domains": CUSTOMER,
        },
    )


def _suggested(world) -> set[str]:  # noqa: ANN001
    people = Suggestion.objects.filter(account=world.cn, kind=Suggestion.Kind.PERSON)
    return {s.email.partition("@")[0] for s in people}


def test_a_run_suggests_the_most_seen_new_people_and_counts_the_others(world, client, settings):
    settings.MAIL_NEW_PEOPLE_PER_RUN = 3
    counts = {f"a{i:02d}@{CUSTOMER}": 1 for i in range(10)}
    counts.update({f"busy{i}@{CUSTOMER}": 5 - i for i in range(3)})  # in 5, 4 and 3 messages
    _upload(client, world, _archive(counts))
    run = IngestRun.objects.get(account=world.cn)
    assert run.status == "done", run.summary_text
    assert _suggested(world) == {"busy0", "busy1", "busy2"}
    assert "10 more new people were not suggested: a run suggests at most 3 new people" in run.summary_text

    call_command("mail-infer", world.cn.slug, stdout=open("/dev/null", "w"), stderr=open("/dev/null", "w"))
    assert len(_suggested(world)) == 6  # the next run, the next three


def test_within_the_bound_every_new_person_is_suggested_and_nothing_said(world, client):
    _upload(client, world, _archive({f"a{i:02d}@{CUSTOMER}": 1 for i in range(12)}))
    run = IngestRun.objects.get(account=world.cn)
    assert len(_suggested(world)) == 12 and "not suggested" not in run.summary_text
