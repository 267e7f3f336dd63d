"""What each buying role and attitude means, shown beside the choice so two reps rate a person alike.

The texts live in battlemap.vocab (from DESIGN.md §2 and the seeds: 001 roles and their concerns,
004 portraits); these tables give them in the active language.
"""

from __future__ import annotations

from battlemap import vocab
from battlemap.core.choices import lazy_help

ROLE_HELP = {code: lazy_help(vocab.BUYING_ROLES, code) for code in vocab.BUYING_ROLES}
ATTITUDE_HELP = {code: lazy_help(vocab.ATTITUDES, code) for code in vocab.ATTITUDES}
