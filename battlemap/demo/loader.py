"""Load the demo accounts (battlemap/demo/data.py) with users demo/demo and manager/manager.

Each account is built as a map-format dict (demo.mapdata) and loaded by the one map loader
(io.mapimport.map_import) through the services, with a Timeline that back-dates history to when each
thing "happened" (people known from six months ago, stage moves on their dates, an attitude turning,
a person leaving), so the map as of an earlier date and the changes since last week tell a true story.
Idempotent: when the demo accounts exist, nothing is written.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from battlemap.accounts.models import Account
from battlemap.core.history_stamp import recorded
from battlemap.deals.models import Deal
from battlemap.demo.data import DEMO_ACCOUNTS
from battlemap.demo.mapdata import OWNER, TEAM, demo_map
from battlemap.io.mapformat.load import map_import
from battlemap.people.models import Person
from battlemap.surveys.services import questionnaire_send, response_record
from battlemap.teams.models import Membership, Team
from battlemap.teams.services import membership_add, team_create
from battlemap.users.services import user_create

# The names are the demo's language (`battlemap demo --lang`, by default the installation's): a Chinese
# evaluator's UI read "Demo Rep", "Sales Manager" and "Key accounts" beside 华东省能源投资集团.
DEMO_USERS = (
    (OWNER, "demo", _("Demo Rep"), Membership.Role.MEMBER),
    ("manager", "manager", _("Sales Manager"), Membership.Role.MANAGER),
)
TEAM_NAME = _("Key accounts")


def _users_and_team() -> dict:
    """The demo users in the team Key accounts (made when missing), named in the active language."""
    users = {}
    team = Team.objects.filter(slug=TEAM).first() or team_create(slug=TEAM, name=str(TEAM_NAME))
    for username, password, full_name, role in DEMO_USERS:
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            user = user_create(
                username=username, password=password, first_name=str(full_name), validate=False
            )
        if not Membership.objects.filter(team=team, user=user).exists():
            membership_add(team=team, user=user, role=role)
        users[username] = user
    return users


def _answered_surveys(data: dict, account: Account, owner, today: date) -> None:
    """The questionnaires the demo's customers answered by link, sent a week before their answer,
    through the surveys services (as a customer's answer arrives)."""
    names = {key: name for key, name, *_rest in data["people"]}
    deals = {spec["key"]: spec["name"] for spec in data["deals"]}
    for offset, kind, person, deal, ratings, nps in data.get("surveys", ()):
        answered = timezone.make_aware(datetime.combine(today + timedelta(days=offset), time(11)))
        who = Person.objects.get(account=account, name=names[person])
        with recorded(at=answered - timedelta(days=7)):
            (sent,) = questionnaire_send(
                account=account,
                kind=kind,
                people=[who],
                deal=Deal.objects.get(account=account, name=deals[deal]),
                language="en",
                sent_by=owner,
            )
        response_record(
            link=sent.link,
            ratings=ratings,
            nps=nps,
            consent_text="(demo)",
            consented=True,
            answered_at=answered,
        )


def _close_moves(data: dict, account: Account, owner, today: date) -> None:
    """The expected close moves a deal's spec tells (`close_moves`: (day offset, close in days) in order, the last
    being its `close_in`), each an edit of the deal on its day through the deals service: the POC that slipped
    and pushed the close date twice (the red flag "close date pushed back")."""
    from battlemap.deals.services import deal_update

    for spec in data["deals"]:
        for offset, close_in in spec.get("close_moves", ()):
            deal = Deal.objects.get(account=account, name=spec["name"])
            at = timezone.make_aware(datetime.combine(today + timedelta(days=offset), time(10)))
            with recorded(at=at):
                deal_update(
                    deal=deal, version=deal.version, by=owner, expected_close=today + timedelta(days=close_in)
                )


@transaction.atomic
def load_demo(today: date | None = None, lang: str | None = None) -> list[str]:
    """Load the demo accounts that are missing; returns the slugs loaded (empty when all were there). The users
    and the team made are named in `lang` ("zh-hans", "en"; default: the active language)."""
    missing = [d for d in DEMO_ACCOUNTS if not Account.all_objects.filter(slug=d["account"]["slug"]).exists()]
    if not missing:
        return []
    with translation.override(lang or translation.get_language()):
        owner = _users_and_team()[OWNER]
    today = today or timezone.localdate()
    loaded = []
    for data in missing:
        document, timeline = demo_map(data, today)
        account = map_import(data=document, owner=owner, timeline=timeline)
        _answered_surveys(data, account, owner, today)
        _close_moves(data, account, owner, today)
        loaded.append(data["account"]["slug"])
    return loaded
