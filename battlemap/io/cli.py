"""What the import commands share."""

from __future__ import annotations

from django.utils.translation import gettext_lazy

from battlemap.core.cli import language_argument


def acting_arguments(parser) -> None:  # noqa: ANN001
    """`--user` (whose access applies, and who the history names) and `--lang` (the messages' language), as
    `import` and `undo-import` take them."""
    parser.add_argument(
        "--user", help=gettext_lazy("apply this user's access (and record them in the history)")
    )
    parser.add_argument(
        "--lang",
        type=language_argument,
        help=gettext_lazy("language of the messages: zh or en (also zh-hans, zh-CN)"),
    )
