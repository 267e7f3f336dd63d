"""Django choices built from the one vocabulary (battlemap.vocab), labelled in the active language.

Each label is lazy: it reads `active_language()` when shown, so a form or
`get_<field>_display()` speaks the request's language. With translations deactivated (as
`makemigrations` runs) it gives the English label, which keeps migrations stable.
"""

from __future__ import annotations

from django.utils.functional import lazy
from django.utils.text import capfirst

from battlemap import vocab
from battlemap.core.multilingual import active_language


def _label_now(vocabulary: vocab.Vocabulary, code: vocab.Code) -> str:
    return vocabulary.label(code, active_language())


def _help_now(vocabulary: vocab.Vocabulary, code: vocab.Code) -> str:
    return vocabulary.help(code, active_language())


def option_label(vocabulary: vocab.Vocabulary, code: vocab.Code, lang: str | None = None) -> str:
    """The label as it starts a select's option, a cell or a heading: sentence case ("Need recognition").

    Labels stay lower case in the vocabulary because most of them are read inside sentences ("moved the deal
    to evaluation"). `lang` defaults to the active language.
    """
    return capfirst(vocabulary.label(code, lang or active_language()))


lazy_label = lazy(_label_now, str)
lazy_option = lazy(option_label, str)
lazy_help = lazy(_help_now, str)


def choices_of(vocabulary: vocab.Vocabulary) -> list[tuple[vocab.Code, str]]:
    """[(code, lazy label)] for a model field's or a form's `choices`, in the vocabulary's order."""
    return [(code, lazy_label(vocabulary, code)) for code in vocabulary]


ROLE_CHOICES = choices_of(vocab.BUYING_ROLES)
ATTITUDE_CHOICES = choices_of(vocab.ATTITUDES)
RELATIONSHIP_CHOICES = choices_of(vocab.RELATIONSHIPS)
STAGE_CHOICES = choices_of(vocab.STAGES)
DEAL_STATUS_CHOICES = choices_of(vocab.DEAL_STATUSES)
DECISION_FACTOR_CHOICES = choices_of(vocab.DECISION_FACTORS)
CHANNEL_CHOICES = choices_of(vocab.CHANNELS)
PLAN_CHANNEL_CHOICES = choices_of(vocab.PLAN_CHANNELS)
RESPONSE_MODE_CHOICES = choices_of(vocab.RESPONSE_MODES)
LIFECYCLE_CHOICES = choices_of(vocab.LIFECYCLE)
PERSON_STATUS_CHOICES = choices_of(vocab.PERSON_STATUSES)
EXTERNAL_KIND_CHOICES = choices_of(vocab.EXTERNAL_KINDS)
DECISION_STYLE_CHOICES = choices_of(vocab.DECISION_STYLES)
NEEDS_LEVEL_CHOICES = choices_of(vocab.NEEDS_LEVELS)
LINK_KIND_CHOICES = choices_of(vocab.LINK_KINDS)
FACTOR_KIND_CHOICES = choices_of(vocab.FACTOR_KINDS)
INTERACTION_KIND_CHOICES = choices_of(vocab.INTERACTION_KINDS)
INTERACTION_SOURCE_CHOICES = choices_of(vocab.INTERACTION_SOURCES)
BODY_KIND_CHOICES = choices_of(vocab.BODY_KINDS)
DECISION_RULE_CHOICES = choices_of(vocab.DECISION_RULES)
PROCESS_STEP_CHOICES = choices_of(vocab.PROCESS_STEPS)
PROCESS_TEMPLATE_CHOICES = choices_of(vocab.PROCESS_TEMPLATES)
STEP_STATUS_CHOICES = choices_of(vocab.STEP_STATUSES)


def options_of(vocabulary: vocab.Vocabulary) -> list[tuple[vocab.Code, str]]:
    """[(code, lazy label in sentence case)] for a select a user picks from (a form's or a filter's)."""
    return [(code, lazy_option(vocabulary, code)) for code in vocabulary]


STAGE_OPTIONS = options_of(vocab.STAGES)
LIFECYCLE_OPTIONS = options_of(vocab.LIFECYCLE)


def label(choices, code) -> str:
    """The label of a code in the active language, or the code itself when unknown."""
    return str(dict(choices).get(code, code))


ONE_TO_FIVE = [(n, str(n)) for n in range(1, 6)]  # influence and a person's traits: 1 (low) … 5 (high)
