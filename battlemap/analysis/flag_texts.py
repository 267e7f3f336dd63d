"""What each red flag says: its reason and its action (English msgids, translated in the analysis
catalog), keyed by flag code, and the other wordings the rules (flag_rules_*.py) use.

Parameters: `%(names)s` (the people concerned), `%(deal)s`, and what the rule adds. A text whose verb
follows `%(names)s` is an `ngettext_noop` pair, chosen by how many people the flag names ("王建国 decides",
"周建华、吴国平 decide").
"""

from __future__ import annotations

from .i18n import gettext_noop, ngettext_noop

TEXT = {
    "no_decision_maker": (
        gettext_noop("Nobody in %(deal)s holds the decision-maker role."),
        gettext_noop(
            "Find out who has the final say and owns the budget: ask %(helpers)s, then map that person."
        ),
    ),
    "decision_maker_not_met": (
        ngettext_noop(
            "%(names)s decides, but we have never had a meeting, call, visit or interview with them.",
            "%(names)s decide, but we have never had a meeting, call, visit or interview with them.",
        ),
        gettext_noop(
            "Ask for a meeting with %(names)s — through %(helpers)s, or a visit by one of our executives — and bring an ROI case."
        ),
    ),
    "single_threaded": (
        ngettext_noop(
            "Only %(names)s has talked to us in the last %(days)s days.",
            "Only %(names)s have talked to us in the last %(days)s days.",
        ),
        gettext_noop("Do not hang on one thread: set up meetings with %(others)s."),
    ),
    "no_champion": (
        gettext_noop("Nobody in %(deal)s pushes for us: no champion who is at least a supporter."),
        gettext_noop("Win a champion: give %(candidates)s the arguments and material to sell for us inside."),
    ),
    "unaddressed_opponent": (
        ngettext_noop(
            "%(names)s doubts or opposes us, with influence %(min)s or more, and there is no plan or open action about them that is not overdue.",
            "%(names)s doubt or oppose us, with influence %(min)s or more, and there is no plan or open action about them that is not overdue.",
        ),
        gettext_noop(
            "Write a plan for %(names)s: learn their concerns and answer them with evidence or through someone they listen to."
        ),
    ),
    "no_stated_win": (
        gettext_noop("No personal win is recorded for %(names)s."),
        ngettext_noop(
            "Find out what %(names)s personally wants from this deal (recognition, safety, promotion) and record it.",
            "Find out what %(names)s personally want from this deal (recognition, safety, promotion) and record it.",
        ),
    ),
    "purchaser_unknown": (
        gettext_noop("The deal is at %(stage)s and nobody is known to run the purchase."),
        gettext_noop("Identify the purchaser and prepare cost, terms and supplier credentials for them."),
    ),
    "users_not_engaged": (
        gettext_noop("The deal is at %(stage)s and we have not interacted with any user (%(names)s)."),
        gettext_noop("Offer %(names)s a hands-on demo or a trial."),
    ),
    "stale_relationship": (
        gettext_noop("No interaction with %(names)s for %(days)s days or more."),
        gettext_noop("Get back in touch with %(names)s this week, with something useful to them."),
    ),
    "key_person_left": (
        ngettext_noop(
            "%(names)s has left the customer but still holds a role in this deal.",
            "%(names)s have left the customer but still hold roles in this deal.",
        ),
        gettext_noop("Find out who takes over from %(names)s, map them and meet them."),
    ),
    "competitor_favoured": (
        ngettext_noop(
            "%(names)s favours a competitor (%(competitors)s).",
            "%(names)s favour a competitor (%(competitors)s).",
        ),
        ngettext_noop(
            "Build a comparison that answers what %(names)s likes in %(competitors)s, and bring a reference they trust.",
            "Build a comparison that answers what %(names)s like in %(competitors)s, and bring a reference they trust.",
        ),
    ),
    "close_date_passed": (
        gettext_noop("The expected close date of %(deal)s, %(close)s, passed %(days)s days ago."),
        gettext_noop(
            "Check the timeline with the decision maker: set a new close date with the reason, or close the deal as lost."
        ),
    ),
    "close_date_pushed": (
        gettext_noop(
            "The expected close of %(deal)s moved later in the last %(window)s days: %(moves)s (%(days)s days in all)."
        ),
        gettext_noop(
            "Ask the decision maker what moved the date: check the compelling event, the paper process and who must "
            "still agree, and forecast the date they confirm."
        ),
    ),
    "stalled_in_stage": (
        gettext_noop("%(deal)s has been at %(stage)s for %(days)s days (the team's limit is %(limit)s)."),
        gettext_noop(
            "Find what holds the deal at %(stage)s: ask the champion what the next step of the customer is, and who must agree."
        ),
    ),
    "no_next_step": (
        gettext_noop("%(deal)s has no open next step."),
        gettext_noop(
            "Agree the next step with the customer and record it as an action item with an owner and a due date."
        ),
    ),
    "cadence_missed": (
        gettext_noop(
            "The plan is to be in touch with %(names)s every %(cadence)s days; the last contact was %(days)s days ago."
        ),
        gettext_noop("Contact %(names)s as the plan says (%(channel)s), or change the plan's cadence."),
    ),
    "process_outlasts_close": (
        gettext_noop(
            "The purchase process cannot finish by the expected close, %(close)s: %(step)s is planned for %(planned)s."
        ),
        gettext_noop(
            "Walk the remaining steps with the champion: move the close date to when the process really ends, or find out how the customer can shorten it."
        ),
    ),
    "approving_body_not_met": (
        gettext_noop("%(bodies)s approves this deal, but we have never met any of its members (%(names)s)."),
        gettext_noop(
            "Meet a member of %(bodies)s before it decides, the chair first: ask %(helpers)s for an introduction."
        ),
    ),
    "low_satisfaction": (
        gettext_noop("%(names)s told us in a survey that they are not satisfied (%(details)s)."),
        gettext_noop(
            "Call %(names)s this week: ask what went wrong, agree a fix with a date, and survey again after it."
        ),
    ),
    "detractor_at_loyal_account": (
        gettext_noop("%(names)s would not recommend us (NPS %(scores)s), yet the account counts as loyal."),
        gettext_noop(
            "Do not take the account for granted: meet %(names)s, hear the complaint, and review the lifecycle stage."
        ),
    ),
}
# The detail of low_satisfaction after the names: one person's answer without their name (the reason names
# them already), several people's each after its name (NAMED_DETAIL).
CSAT_LOW = gettext_noop("satisfaction %(csat)s of 5")
NPS_FELL = gettext_noop("recommendation %(before)s → %(after)s of 10")
NAMED_DETAIL = gettext_noop("%(name)s: %(detail)s")
NOBODY = gettext_noop("nobody")
PLANNED_CHANNEL = gettext_noop("the planned channel")
NOBODY_ON_BODY = gettext_noop("%(bodies)s approves this deal, and we do not know who sits on it.")
MAP_THE_BODY = gettext_noop(
    "Find out who sits on %(bodies)s and who chairs it, map them and meet one of them."
)
# decision_maker_not_met when a chair who has the final say (coverage.deciding_chair) was never met, but other members
# of that body were: they are our way in (approving_body_not_met leaves such a body to this flag)
MEET_THE_CHAIR = ngettext_noop(
    "Ask for a meeting with %(names)s before %(bodies)s decides — through %(known)s, whom we have met there, "
    "%(helpers)s, or a visit by one of our executives — and bring an ROI case.",
    "Ask for meetings with %(names)s before %(bodies)s decide — through %(known)s, whom we have met there, "
    "%(helpers)s, or a visit by one of our executives — and bring an ROI case.",
)
NEVER_IN_TOUCH = ngettext_noop(
    "We have never been in touch with %(names)s, a key person in this deal.",
    "We have never been in touch with %(names)s, key people in this deal.",
)
# stale_relationship when some key people went cold and others were never in touch at all
COLD_AND_NEVER = gettext_noop(
    "No interaction with %(cold)s for %(days)s days or more, and none ever with %(never)s."
)
GET_IN_TOUCH = gettext_noop("Get an introduction to %(names)s this week (through %(helpers)s) and meet them.")
# stale_relationship when some went cold and others were never in touch: each is told what fits
COLD_AND_NEVER_ACTION = gettext_noop(
    "Get back in touch with %(cold)s this week, with something useful to them, and get an introduction to %(never)s "
    "(through %(helpers)s)."
)
# who can introduce us, when the deal has no champion or coach besides the people concerned
INTRODUCER = gettext_noop("a supporter who knows them")
# decision_maker_not_met when the way in is a champion whom nothing on the map joins to who decides
# (champion_reach.unjoined_champions): one piece of advice, not the introduction and champion_no_path apart
MEET_VIA_UNJOINED = gettext_noop(
    "Ask for a meeting with %(names)s — through %(helpers)s, or a visit by one of our executives — and bring an ROI "
    "case."
    " Nothing on the map joins %(champions)s to %(deciders)s yet — no reporting line or influence link, directly or "
    "through others: ask them through whom their voice reaches the decision and record it, or bring them to the "
    "meeting."
)
MEET_THE_CHAIR_UNJOINED = ngettext_noop(
    "Ask for a meeting with %(names)s before %(bodies)s decides — through %(known)s, whom we have met there, "
    "%(helpers)s, or a visit by one of our executives — and bring an ROI case."
    " Nothing on the map joins %(champions)s to %(deciders)s yet — no reporting line or influence link, directly or "
    "through others: ask them through whom their voice reaches the decision and record it, or bring them to the "
    "meeting.",
    "Ask for meetings with %(names)s before %(bodies)s decide — through %(known)s, whom we have met there, "
    "%(helpers)s, or a visit by one of our executives — and bring an ROI case."
    " Nothing on the map joins %(champions)s to %(deciders)s yet — no reporting line or influence link, directly or "
    "through others: ask them through whom their voice reaches the decision and record it, or bring them to the "
    "meeting.",
)
NOBODY_ENGAGED = gettext_noop("Nobody in %(deal)s has talked to us in the last %(days)s days.")
MEET_SOMEONE = gettext_noop("Open more than one thread: set up meetings with %(others)s.")
OTHERS = gettext_noop("the other people in the deal")
PEOPLE_AROUND = gettext_noop("your coach or champion")
SUPPORTERS = gettext_noop("a supporter")
# users_not_engaged when nobody in the deal is known to use the product: nobody to engage, someone to find
NO_USER_KNOWN = gettext_noop("The deal is at %(stage)s and nobody in it is known to use the product.")
FIND_A_USER = gettext_noop(
    "Find who will use the product day to day, add them to the deal as users and offer them a hands-on demo or a trial."
)
