"""Undo of an interaction recorded from mail links its mail items again: deleting the interaction set their link
to nobody with no trace (MailItem.interaction, SET_NULL, no history), so after the Undo the meeting or mail was
back but its items were not recorded as it — a person accepted from the mail later was not put on it, and a
calendar's newer version of the meeting (moved, an attendee declining) no longer reached it. The deletion keeps
the id aside (core.services.kept_for_undo); the undo (core.restore) sets it back, unless a later ingest linked
the item elsewhere (that wins, said)."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest
from django.urls import reverse
from django.utils import translation

from battlemap.interactions.models import Interaction
from battlemap.interactions.services import interaction_delete, interaction_restore
from battlemap.mail.models import MailItem, Suggestion
from battlemap.mail.services import mail_ingest, suggestion_accept
from tests import factories as f
from tests.inference import archives
from tests.mail.test_calendar_versions import UID, _account, _export, _ingest, _the_meeting_is_the_update
from tests.restored import map_state

pytestmark = pytest.mark.django_db

APPROVAL = "one@guodian.example"  # MESSAGE_1 of the test archive: 王建国 to Alice, Jörg Müller in copy


def _links(account) -> dict[str, int | None]:
    return dict(MailItem.objects.filter(account=account).values_list("uid", "interaction_id"))


def _delete_and_undo_on_the_web(client, account, interaction) -> None:
    """The interaction's page → Delete → the "Interaction deleted." message's Undo, as a user presses them."""
    url = reverse("interaction_delete", args=[account.slug, interaction.pk])
    page = client.post(url, {"version": interaction.version}, follow=True).content.decode()
    assert not Interaction.objects.filter(pk=interaction.pk).exists()
    undo = re.search(r'<form method="post" action="([^"]*/restore/)"', page)
    assert undo, "the message carries an Undo"
    client.post(undo.group(1), follow=True)
    assert Interaction.objects.filter(pk=interaction.pk).exists()


def test_an_undone_mail_is_recorded_from_its_items_again(ingested, client, tmp_path):
    world = ingested
    approval = Interaction.objects.get(account=world.cn, source_ref=APPROVAL)
    client.force_login(world.owner)
    links, before = _links(world.cn), map_state(world.cn.slug)
    assert links[APPROVAL] == approval.pk
    _delete_and_undo_on_the_web(client, world.cn, approval)
    assert map_state(world.cn.slug) == before  # every table's rows and the whole map export
    # Jörg Müller, in copy of the approval, accepted from the suggestions: he took part in it
    jorg = Suggestion.objects.get(account=world.cn, kind="person", email="jorg@guodian.example")
    person = suggestion_accept(suggestion=jorg, user=world.owner)
    assert person.pk in set(approval.participants.values_list("person", flat=True))
    # the same archive read again: its items are already recorded (duplicates), nothing is made again
    again = mail_ingest(
        account=world.cn, paths=[archives.write_mbox(tmp_path / "again.mbox")], our_domains=["ours.example"]
    )
    assert (again.new, again.interactions, again.skipped["linked"]) == (0, 0, 0)
    assert Interaction.objects.filter(account=world.cn, source_ref=APPROVAL).count() == 1
    assert _links(world.cn) == links  # every item points at what it did before the deletion


def test_a_meeting_moved_in_the_calendar_after_its_undo_moves_on_the_map(world, client, tmp_path):
    account, deal = _account(world)
    monday = _export(
        tmp_path, "monday.ics", first=True, sequence=0, modified=datetime(2026, 10, 26, tzinfo=UTC)
    )
    friday = _export(
        tmp_path, "friday.ics", first=False, sequence=1, modified=datetime(2026, 10, 30, tzinfo=UTC)
    )
    assert _ingest(account, monday).interactions == 1
    meeting = Interaction.objects.get(account=account, source_ref=UID)
    client.force_login(world.owner)
    _delete_and_undo_on_the_web(client, account, meeting)
    report = _ingest(account, friday)  # moved to Wednesday, the chairman declines
    assert report.updated == 1
    _the_meeting_is_the_update(account, deal)
    assert MailItem.objects.get(account=account, uid=UID).interaction_id == meeting.pk


@pytest.mark.parametrize(("lang", "said"), [("en", "its interaction was left"), ("zh-hans", "互动")])
def test_an_item_linked_elsewhere_since_keeps_that_link_and_it_is_said(ingested, lang, said):
    world = ingested
    approval = Interaction.objects.get(account=world.cn, source_ref=APPROVAL)
    interaction_delete(interaction=approval)
    assert _links(world.cn)[APPROVAL] is None
    elsewhere = f.interaction(account=world.cn, people=[world.cn_boss])
    MailItem.objects.filter(account=world.cn, uid=APPROVAL).update(interaction=elsewhere)  # as a later ingest
    with translation.override(lang):
        notes = interaction_restore(account=world.cn, interaction_id=approval.pk).notes()
    assert _links(world.cn)[APPROVAL] == elsewhere.pk
    assert len(notes) == 1 and said in notes[0]


def test_a_deleted_mail_stays_deleted_when_the_file_is_read_again_and_its_undo_still_works(
    ingested, client, tmp_path
):
    """Deleted by hand (a newsletter taken for contact), then the monthly export read again: the file made the
    interaction anew, so the deletion did not stick, and the deletion's Undo then failed on the new one's source
    reference ("already has this source reference")."""
    world = ingested
    approval = Interaction.objects.get(account=world.cn, source_ref=APPROVAL)
    client.force_login(world.owner)
    url = reverse("interaction_delete", args=[world.cn.slug, approval.pk])
    page = client.post(url, {"version": approval.version}, follow=True).content.decode()
    undo = re.search(r'<form method="post" action="([^"]*/restore/)"', page).group(1)
    again = mail_ingest(
        account=world.cn, paths=[archives.write_mbox(tmp_path / "again.mbox")], our_domains=["ours.example"]
    )
    assert (again.new, again.interactions) == (0, 0)
    assert not Interaction.objects.filter(account=world.cn, source_ref=APPROVAL).exists()
    answer = client.post(undo, follow=True, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "already has this source reference" not in answer
    assert list(Interaction.objects.filter(account=world.cn, source_ref=APPROVAL)) == [approval]
    assert _links(world.cn)[APPROVAL] == approval.pk


def test_another_account_cannot_restore_this_accounts_interaction_nor_relink_its_mail(ingested, client):
    world = ingested
    approval = Interaction.objects.get(account=world.cn, source_ref=APPROVAL)
    interaction_delete(interaction=approval)
    client.force_login(world.outsider)
    # on their own account's path: refused with the reason (not a deleted interaction of this account)
    page = client.post(reverse("interaction_restore", args=[world.other.slug, approval.pk]), follow=True)
    assert "cannot be brought back" in page.content.decode()
    # on this account's path: no access
    assert client.post(reverse("interaction_restore", args=[world.cn.slug, approval.pk])).status_code == 404
    assert not Interaction.objects.filter(pk=approval.pk).exists()
    assert _links(world.cn)[APPROVAL] is None
    assert MailItem.objects.get(account=world.cn, uid=APPROVAL).deleted_interaction == approval.pk
