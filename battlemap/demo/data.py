"""The demo accounts: a provincial energy SOE buying an IoT platform (Chinese) and a logistics firm (English).

Days are relative to the day of loading ("-80" = 80 days ago), so the red flags stay true whenever it is loaded.
Between them the deals trip every red flag of the analysis; docs/demo.md lists which person trips which.
People: key, name, title, org unit, reports to, extra fields.
Roles: person key, roles, attitude, influence, relationship, extra fields.
Interactions: days ago, kind, customer people, summary, extra fields.
"""

from __future__ import annotations

from battlemap.demo.data_cn import CHINESE
from battlemap.demo.data_en import ENGLISH

DEMO_ACCOUNTS = (CHINESE, ENGLISH)
