"""Refusals many apps give in the same words, kept once.

A deal or a person of another account named on this account's record — an interaction's deal or participants, a
comment's or a review's deal, a stakeholder role's person, a seat on a decision body, a person responsible for a
step, an influence link's people, a questionnaire's or an interview's people — is refused by the models' clean and
by the services, each naming its own field, in these words. (An API client that names an id it may not use reads
core.api's NO_SUCH_ITEM or NO_SUCH_PEOPLE first, which do not say whether another account's record exists.)"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

DEAL_OF_ANOTHER_ACCOUNT = _("This deal belongs to another account.")
PERSON_OF_ANOTHER_ACCOUNT = _("This person belongs to another account.")
