"""What each buying role and attitude means, shown beside the choice so two reps rate a person alike.
From DESIGN.md §2 and the seeds (001 roles and their concerns, 004 portraits)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

ROLE_HELP = {
    "decision_maker": _(
        "Has the final say and owns the budget. Cares about long-term value, ROI and risk to the business. "
        "Usually senior; others wait for their nod. Win them with an ROI case and references from peers."
    ),
    "influencer": _(
        "An expert, consultant or insider whose view sways the decision maker (chief engineer, design "
        "institute, trusted adviser). Cares about technical soundness and their own reputation. Give evidence, "
        "expert references and technical depth."
    ),
    "user": _(
        "Will use the product every day. Cares about ease of use, training and not being disrupted. "
        "Their complaints can stop a deal. Win them with a hands-on demo and a training plan."
    ),
    "purchaser": _(
        "Runs procurement: tender, contract, price and supplier terms. Cares about cost, compliance of the "
        "process and supplier credentials. Prepare cost breakdown, terms and qualifications early."
    ),
    "champion": _(
        "Pushes for us inside the customer, in meetings we are not in. Needs arguments, material and "
        "quick answers. Only a supporter or advocate can be a real champion."
    ),
    "coach": _(
        "Gives us inside information and guidance: who decides, what the real criteria are, when things "
        "move. Often not senior. Protect them; never expose them as a source."
    ),
    "gatekeeper": _(
        "A technical or compliance gate (IT security, legal, quality) who can veto but not choose. "
        "Cares about standards being met. Give them the documents they need before they ask."
    ),
}

ATTITUDE_HELP = {
    "advocate": _(
        "Actively promotes us: speaks for us when we are absent, shares information, opens doors. (+2)"
    ),
    "supporter": _("Prefers us and says so when asked, but does not campaign for us. (+1)"),
    "neutral": _("No preference yet, or fair to all vendors; can be moved either way. (0)"),
    "skeptic": _(
        "Doubts us or our solution: raises objections, asks for more proof, delays. Find out why. (−1)"
    ),
    "opponent": _(
        "Works against us: favours a competitor, blocks meetings, sets criteria we cannot meet. "
        "Needs a plan — neutralise, go around, or win over. (−2)"
    ),
    "unknown": _("We do not know yet. A gap to close, not a rating: ask your coach or meet them."),
}
