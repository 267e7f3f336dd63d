"""Labels of the shared vocabulary (battlemap/core/choices.py) that the deal pages show, marked here so
this app's catalog carries their Chinese until the core app has a catalog of its own. Never imported:
it only feeds `makemessages`."""

from django.utils.translation import gettext_noop as _
from django.utils.translation import pgettext_lazy

LABELS = [
    pgettext_lazy("buying role", "user"),
    _("none"), _("acquainted"), _("working relationship"), _("trusted"), _("partner"),
    _("meeting"), _("call"), _("email"), _("visit"), _("event"), _("interview"), _("survey"),
    _("entered by hand"), _("imported"), _("mail archive"), _("calendar"),
    _("analytical"), _("driver"), _("amiable"), _("expressive"),
    _("safety"), _("belonging"), _("esteem"), _("self-actualisation"),
    _("formal authority"), _("advises"), _("trusts"), _("peer"), _("family"), _("opposes"),
    _("consultant"), _("design institute"), _("industry expert"),
    _("active"), _("left the company"),
    _("open"), _("won"), _("lost"),
]
