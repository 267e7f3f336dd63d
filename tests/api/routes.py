"""Every route of the API once, with a valid call for the owner and a bad input naming a field.

`path`, `body` and `bad` are functions of (world, objs) so ids and versions are read at test time.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Route:
    name: str
    method: str
    path: Callable
    body: Callable | None = None
    ok: int = 200
    bad: Callable | None = None  # (path, body) with one bad field
    bad_field: str | None = None

    def __str__(self) -> str:
        return self.name


def _v(obj) -> int:
    obj.refresh_from_db()
    return obj.version


A = "/api/accounts/guodian"
ROUTES = [
    Route("me", "GET", lambda w, o: "/api/me"),
    Route("tokens", "GET", lambda w, o: "/api/me/tokens"),
    Route(
        "teams",
        "GET",
        lambda w, o: "/api/teams",
        bad=lambda w, o: ("/api/teams?limit=0", None),
        bad_field="limit",
    ),
    Route("team", "GET", lambda w, o: "/api/teams/east"),
    Route(
        "accounts",
        "GET",
        lambda w, o: "/api/accounts",
        bad=lambda w, o: ("/api/accounts?lifecycle=dead", None),
        bad_field="lifecycle",
    ),
    Route(
        "account create",
        "POST",
        lambda w, o: "/api/accounts",
        lambda w, o: {"slug": "acme", "name": "Acme"},
        ok=201,
        bad=lambda w, o: ("/api/accounts", {"slug": "bad slug!", "name": "x"}),
        bad_field="slug",
    ),
    Route("account", "GET", lambda w, o: A),
    Route(
        "account patch",
        "PATCH",
        lambda w, o: A,
        lambda w, o: {"industry": "能源", "version": _v(w.cn)},
        bad=lambda w, o: (A, {"lifecycle": "dead", "version": _v(w.cn)}),
        bad_field="lifecycle",
    ),
    Route(
        "account put",
        "PUT",
        lambda w, o: A,
        lambda w, o: {"slug": "guodian", "name": "国电", "version": _v(w.cn)},
        bad=lambda w, o: (A, {"slug": "guodian", "version": _v(w.cn)}),
        bad_field="name",
    ),
    Route("account delete", "DELETE", lambda w, o: A, ok=204),
    Route("map", "GET", lambda w, o: f"{A}/map"),
    Route("analysis", "GET", lambda w, o: f"{A}/analysis"),
    Route(
        "what changed",
        "GET",
        lambda w, o: f"{A}/what-changed?since=2026-01-01",
        bad=lambda w, o: (f"{A}/what-changed?since=yesterday", None),
        bad_field="since",
    ),
    Route(
        "history",
        "GET",
        lambda w, o: f"{A}/history?as_of=2999-01-01",
        bad=lambda w, o: (f"{A}/history?as_of=yesterday", None),
        bad_field="as_of",
    ),
    Route(
        "changes",
        "GET",
        lambda w, o: f"{A}/changes?since=2000-01-01",
        bad=lambda w, o: (f"{A}/changes?since=2000-13-45", None),
        bad_field="since",
    ),
    Route("org units", "GET", lambda w, o: f"{A}/org-units"),
    Route(
        "org unit create",
        "POST",
        lambda w, o: f"{A}/org-units",
        lambda w, o: {"name": "采购部"},
        ok=201,
        bad=lambda w, o: (f"{A}/org-units", {"name": ""}),
        bad_field="name",
    ),
    Route("org unit", "GET", lambda w, o: f"/api/org-units/{o.unit.id}"),
    Route(
        "org unit patch",
        "PATCH",
        lambda w, o: f"/api/org-units/{o.unit.id}",
        lambda w, o: {"name": "IT", "version": _v(o.unit)},
        bad=lambda w, o: (f"/api/org-units/{o.unit.id}", {"parent": o.unit.id, "version": _v(o.unit)}),
        bad_field="parent",
    ),
    Route(
        "org unit put",
        "PUT",
        lambda w, o: f"/api/org-units/{o.unit.id}",
        lambda w, o: {"name": "IT", "version": _v(o.unit)},
        bad=lambda w, o: (f"/api/org-units/{o.unit.id}", {"version": _v(o.unit)}),
        bad_field="name",
    ),
    Route("org unit delete", "DELETE", lambda w, o: f"/api/org-units/{o.unit.id}", ok=204),
    Route(
        "factors",
        "GET",
        lambda w, o: f"{A}/external-factors",
        bad=lambda w, o: (f"{A}/external-factors?kind=weather", None),
        bad_field="kind",
    ),
    Route(
        "factor create",
        "POST",
        lambda w, o: f"{A}/external-factors",
        lambda w, o: {"kind": "policy", "description": "信创政策"},
        ok=201,
        bad=lambda w, o: (f"{A}/external-factors", {"kind": "policy", "description": "x", "effect": 3}),
        bad_field="effect",
    ),
    Route("factor", "GET", lambda w, o: f"/api/external-factors/{o.factor.id}"),
    Route(
        "factor patch",
        "PATCH",
        lambda w, o: f"/api/external-factors/{o.factor.id}",
        lambda w, o: {"effect": -1, "version": _v(o.factor)},
        bad=lambda w, o: (f"/api/external-factors/{o.factor.id}", {"kind": "x", "version": 1}),
        bad_field="kind",
    ),
    Route(
        "factor put",
        "PUT",
        lambda w, o: f"/api/external-factors/{o.factor.id}",
        lambda w, o: {"kind": "policy", "description": "d", "version": _v(o.factor)},
        bad=lambda w, o: (f"/api/external-factors/{o.factor.id}", {"kind": "policy", "version": 1}),
        bad_field="description",
    ),
    Route("factor delete", "DELETE", lambda w, o: f"/api/external-factors/{o.factor.id}", ok=204),
    Route(
        "people",
        "GET",
        lambda w, o: f"{A}/people?search=li",
        bad=lambda w, o: (f"{A}/people?status=retired", None),
        bad_field="status",
    ),
    Route(
        "person create",
        "POST",
        lambda w, o: f"{A}/people",
        lambda w, o: {"name": "张伟", "title": "采购经理", "reports_to": w.cn_boss.id},
        ok=201,
        bad=lambda w, o: (f"{A}/people", {"name": "张伟", "power": 6}),
        bad_field="power",
    ),
    Route(
        "people bulk",
        "POST",
        lambda w, o: f"{A}/people/bulk",
        lambda w, o: {"people": [{"name": "甲"}, {"name": "乙"}]},
        ok=201,
        bad=lambda w, o: (f"{A}/people/bulk", {"people": [{"name": "甲"}, {"name": ""}]}),
        bad_field="people.1.name",
    ),
    Route(
        "people paste",
        "POST",
        lambda w, o: f"{A}/people/paste",
        lambda w, o: {"text": "赵丽\t副主任\tzhaoli@guodian.cn", "dry_run": False},
        bad=lambda w, o: (f"{A}/people/paste", {"text": "赵丽", "rows": [0]}),
        bad_field="rows.0",
    ),
    Route("person", "GET", lambda w, o: f"/api/people/{o.person.id}"),
    Route(
        "person patch",
        "PATCH",
        lambda w, o: f"/api/people/{o.person.id}",
        lambda w, o: {"title": "CIO", "version": _v(o.person)},
        bad=lambda w, o: (f"/api/people/{o.person.id}", {"reports_to": o.person.id, "version": _v(o.person)}),
        bad_field="reports_to",
    ),
    Route(
        "person put",
        "PUT",
        lambda w, o: f"/api/people/{o.person.id}",
        lambda w, o: {"name": "李明", "title": "CIO", "version": _v(o.person)},
        bad=lambda w, o: (
            f"/api/people/{o.person.id}",
            {"name": "李明", "status": "left", "version": _v(o.person)},
        ),
        bad_field="left_on",
    ),
    Route("person delete", "DELETE", lambda w, o: f"/api/people/{o.person.id}", ok=204),
    Route("links", "GET", lambda w, o: f"{A}/influence-links?person={o.person.id}"),
    Route(
        "link create",
        "POST",
        lambda w, o: f"{A}/influence-links",
        lambda w, o: {"source": o.person.id, "target": w.cn_boss.id, "kind": "advises"},
        ok=201,
        bad=lambda w, o: (f"{A}/influence-links", {"source": o.person.id, "target": o.person.id}),
        bad_field="target",
    ),
    Route("link", "GET", lambda w, o: f"/api/influence-links/{o.link.id}"),
    Route(
        "link patch",
        "PATCH",
        lambda w, o: f"/api/influence-links/{o.link.id}",
        lambda w, o: {"strength": 3, "version": _v(o.link)},
        bad=lambda w, o: (f"/api/influence-links/{o.link.id}", {"strength": 4, "version": _v(o.link)}),
        bad_field="strength",
    ),
    Route(
        "link put",
        "PUT",
        lambda w, o: f"/api/influence-links/{o.link.id}",
        lambda w, o: {"source": w.cn_boss.id, "target": o.person.id, "version": _v(o.link)},
        bad=lambda w, o: (f"/api/influence-links/{o.link.id}", {"source": w.cn_boss.id, "version": 1}),
        bad_field="target",
    ),
    Route("link delete", "DELETE", lambda w, o: f"/api/influence-links/{o.link.id}", ok=204),
    Route(
        "all deals",
        "GET",
        lambda w, o: "/api/deals?status=open",
        bad=lambda w, o: ("/api/deals?stage=closing", None),
        bad_field="stage",
    ),
    Route("deals", "GET", lambda w, o: f"{A}/deals"),
    Route(
        "deal create",
        "POST",
        lambda w, o: f"{A}/deals",
        lambda w, o: {"name": "二期", "amount": 1200000, "decision_factors": {"price": 2}},
        ok=201,
        bad=lambda w, o: (f"{A}/deals", {"name": "二期", "decision_factors": {"luck": 1}}),
        bad_field="decision_factors.luck",
    ),
    Route("deal", "GET", lambda w, o: f"/api/deals/{w.cn_deal.id}"),
    Route("deal analysis", "GET", lambda w, o: f"/api/deals/{w.cn_deal.id}/analysis"),
    Route(
        "deal what changed",
        "GET",
        lambda w, o: f"/api/deals/{w.cn_deal.id}/what-changed",
        bad=lambda w, o: (f"/api/deals/{w.cn_deal.id}/what-changed?lang=fr", None),
        bad_field="lang",
    ),
    Route(
        "deal patch",
        "PATCH",
        lambda w, o: f"/api/deals/{w.cn_deal.id}",
        lambda w, o: {"stage": "purchase_decision", "version": _v(w.cn_deal)},
        bad=lambda w, o: (f"/api/deals/{w.cn_deal.id}", {"stage": "closing", "version": 1}),
        bad_field="stage",
    ),
    Route(
        "deal put",
        "PUT",
        lambda w, o: f"/api/deals/{w.cn_deal.id}",
        lambda w, o: {"name": "物联网平台", "version": _v(w.cn_deal)},
        bad=lambda w, o: (f"/api/deals/{w.cn_deal.id}", {"name": "x", "currency": "yuan", "version": 1}),
        bad_field="currency",
    ),
    Route("deal delete", "DELETE", lambda w, o: f"/api/deals/{w.cn_deal.id}", ok=204),
    Route(
        "roles",
        "GET",
        lambda w, o: f"/api/deals/{w.cn_deal.id}/roles?role=decision_maker",
        bad=lambda w, o: (f"/api/deals/{w.cn_deal.id}/roles?role=boss", None),
        bad_field="role",
    ),
    Route(
        "role create",
        "POST",
        lambda w, o: f"/api/deals/{w.cn_deal.id}/roles",
        lambda w, o: {"person": o.person.id, "roles": ["influencer", "coach"], "influence": 4},
        ok=201,
        bad=lambda w, o: (f"/api/deals/{w.cn_deal.id}/roles", {"person": o.person.id, "influence": 9}),
        bad_field="influence",
    ),
    Route(
        "roles bulk",
        "POST",
        lambda w, o: f"/api/deals/{w.cn_deal.id}/roles/bulk",
        lambda w, o: {"roles": [{"person": o.person.id, "roles": ["user"]}]},
        ok=201,
        bad=lambda w, o: (
            f"/api/deals/{w.cn_deal.id}/roles/bulk",
            {"roles": [{"person": o.person.id}, {"person": w.cn_boss.id}]},
        ),
        bad_field="roles.1.person",
    ),
    Route("role", "GET", lambda w, o: f"/api/roles/{o.role.id}"),
    Route(
        "role patch",
        "PATCH",
        lambda w, o: f"/api/roles/{o.role.id}",
        lambda w, o: {"attitude": "supporter", "version": _v(o.role)},
        bad=lambda w, o: (f"/api/roles/{o.role.id}", {"attitude": "hostile", "version": 1}),
        bad_field="attitude",
    ),
    Route(
        "role put",
        "PUT",
        lambda w, o: f"/api/roles/{o.role.id}",
        lambda w, o: {"person": w.cn_boss.id, "roles": ["decision_maker"], "version": _v(o.role)},
        bad=lambda w, o: (
            f"/api/roles/{o.role.id}",
            {"person": w.cn_boss.id, "roles": ["king"], "version": 1},
        ),
        bad_field="roles.0",
    ),
    Route("role delete", "DELETE", lambda w, o: f"/api/roles/{o.role.id}", ok=204),
    Route("actions", "GET", lambda w, o: f"/api/deals/{w.cn_deal.id}/action-items?done=false"),
    Route(
        "action create",
        "POST",
        lambda w, o: f"/api/deals/{w.cn_deal.id}/action-items",
        lambda w, o: {"text": "约王总看演示", "person": w.cn_boss.id, "due": "2026-12-01"},
        ok=201,
        bad=lambda w, o: (f"/api/deals/{w.cn_deal.id}/action-items", {"text": "x", "owner": "mallory"}),
        bad_field="owner",
    ),
    Route("action", "GET", lambda w, o: f"/api/action-items/{o.action.id}"),
    Route(
        "action patch",
        "PATCH",
        lambda w, o: f"/api/action-items/{o.action.id}",
        lambda w, o: {"done": True, "version": _v(o.action)},
        bad=lambda w, o: (f"/api/action-items/{o.action.id}", {"due": "soon", "version": 1}),
        bad_field="due",
    ),
    Route(
        "action put",
        "PUT",
        lambda w, o: f"/api/action-items/{o.action.id}",
        lambda w, o: {"text": "发ROI分析", "owner": "bob", "version": _v(o.action)},
        bad=lambda w, o: (f"/api/action-items/{o.action.id}", {"text": "", "version": 1}),
        bad_field="text",
    ),
    Route("action delete", "DELETE", lambda w, o: f"/api/action-items/{o.action.id}", ok=204),
    Route(
        "interactions",
        "GET",
        lambda w, o: f"{A}/interactions?person={w.cn_boss.id}",
        bad=lambda w, o: (f"{A}/interactions?since=tuesday", None),
        bad_field="since",
    ),
    Route(
        "interaction create",
        "POST",
        lambda w, o: f"{A}/interactions",
        lambda w, o: {"occurred_at": "2026-11-20T10:00:00", "kind": "visit", "participants": [o.person.id]},
        ok=201,
        bad=lambda w, o: (
            f"{A}/interactions",
            {"occurred_at": "2026-11-20T10:00:00", "participants": [w.other.id]},
        ),
        bad_field="participants",
    ),
    Route("interaction", "GET", lambda w, o: f"/api/interactions/{o.interaction.id}"),
    Route(
        "interaction patch",
        "PATCH",
        lambda w, o: f"/api/interactions/{o.interaction.id}",
        lambda w, o: {
            "outcome": "同意试点",
            "participants": [w.cn_boss.id, o.person.id],
            "version": _v(o.interaction),
        },
        bad=lambda w, o: (f"/api/interactions/{o.interaction.id}", {"kind": "telepathy", "version": 1}),
        bad_field="kind",
    ),
    Route(
        "interaction put",
        "PUT",
        lambda w, o: f"/api/interactions/{o.interaction.id}",
        lambda w, o: {"occurred_at": "2026-11-01T09:00:00+08:00", "version": _v(o.interaction)},
        bad=lambda w, o: (f"/api/interactions/{o.interaction.id}", {"kind": "call", "version": 1}),
        bad_field="occurred_at",
    ),
    Route("interaction delete", "DELETE", lambda w, o: f"/api/interactions/{o.interaction.id}", ok=204),
]

ROUTES += [
    Route("dotted lines", "GET", lambda w, o: f"/api/people/{o.person.id}/dotted-lines"),
    Route(
        "dotted line create",
        "POST",
        lambda w, o: f"/api/people/{w.cn_boss.id}/dotted-lines",
        lambda w, o: {"manager": o.person.id},
        ok=201,
        bad=lambda w, o: (f"/api/people/{o.person.id}/dotted-lines", {"manager": o.person.id}),
        bad_field="manager",
    ),
    Route("dotted line", "GET", lambda w, o: f"/api/dotted-lines/{o.dotted.id}"),
    Route("dotted line delete", "DELETE", lambda w, o: f"/api/dotted-lines/{o.dotted.id}", ok=204),
    Route("coverage", "GET", lambda w, o: f"/api/roles/{o.role.id}/coverage"),
    Route(
        "coverage create",
        "POST",
        lambda w, o: f"/api/roles/{o.role.id}/coverage",
        lambda w, o: {"user": "bob"},
        ok=201,
        bad=lambda w, o: (f"/api/roles/{o.role.id}/coverage", {"user": "mallory"}),
        bad_field="user",
    ),
    Route("one coverage", "GET", lambda w, o: f"/api/coverage/{o.coverage.id}"),
    Route("coverage delete", "DELETE", lambda w, o: f"/api/coverage/{o.coverage.id}", ok=204),
    Route("stage changes", "GET", lambda w, o: f"/api/deals/{w.cn_deal.id}/stage-changes"),
    Route(
        "mail suggestions",
        "GET",
        lambda w, o: f"{A}/mail/suggestions",
        bad=lambda w, o: (f"{A}/mail/suggestions?min_probability=2", None),
        bad_field="min_probability",
    ),
    Route(
        "mail accept above",
        "POST",
        lambda w, o: f"{A}/mail/suggestions/accept-above",
        lambda w, o: {"percent": 90},
        bad=lambda w, o: (f"{A}/mail/suggestions/accept-above", {"percent": -1}),
        bad_field="percent",
    ),
    Route("mail suggestions refresh", "POST", lambda w, o: f"{A}/mail/suggestions/refresh", lambda w, o: {}),
    Route("deal competitors", "GET", lambda w, o: f"/api/deals/{w.cn_deal.id}/competitors"),
    Route(
        "deal competitor set",
        "PUT",
        lambda w, o: f"/api/deals/{w.cn_deal.id}/competitors",
        lambda w, o: {"name": "华为云", "strengths": "本地服务团队", "weaknesses": "", "offer": "报价低 15%"},
        bad=lambda w, o: (f"/api/deals/{w.cn_deal.id}/competitors", {"name": "", "offer": "x"}),
        bad_field="name",
    ),
    Route("win-loss", "GET", lambda w, o: "/api/competitors/win-loss"),
]

ROUTES += [
    Route(
        "pipeline",
        "GET",
        lambda w, o: "/api/pipeline?owner=all&sort=-amount",
        bad=lambda w, o: ("/api/pipeline?stage=nowhere", None),
        bad_field="stage",
    ),
    Route(
        "account handover",
        "POST",
        lambda w, o: f"{A}/handover",
        lambda w, o: {"to": "bob", "note": "Alice moves to the north region"},
        bad=lambda w, o: (f"{A}/handover", {"to": "mallory", "note": "x"}),
        bad_field="to",
    ),
]


def _body(w):
    from battlemap.process import services
    from battlemap.process.models import DecisionBody

    return DecisionBody.objects.filter(account=w.cn).first() or services.body_create(
        account=w.cn, name="党委会", kind="party_committee", chair=w.cn_boss
    )


def _body_role(w):
    from battlemap.process import services
    from battlemap.process.models import BodyRole

    return BodyRole.objects.filter(deal=w.cn_deal).first() or services.body_role_create(
        deal=w.cn_deal, body=_body(w), roles=["decision_maker"]
    )


def _step(w):
    from battlemap.process import services
    from battlemap.process.models import ProcessStep

    return ProcessStep.objects.filter(deal=w.cn_deal).first() or services.step_create(
        deal=w.cn_deal, kind="budget"
    )


ROUTES += [
    Route("decision bodies", "GET", lambda w, o: f"{A}/decision-bodies"),
    Route(
        "decision body create",
        "POST",
        lambda w, o: f"{A}/decision-bodies",
        lambda w, o: {
            "name": "评标委员会",
            "kind": "bid_committee",
            "chair": w.cn_boss.id,
            "members": [o.person.id],
        },
        ok=201,
        bad=lambda w, o: (f"{A}/decision-bodies", {"name": "评标委员会", "members": [999999]}),
        bad_field="members",
    ),
    Route("decision body", "GET", lambda w, o: f"/api/decision-bodies/{_body(w).id}"),
    Route(
        "decision body patch",
        "PATCH",
        lambda w, o: f"/api/decision-bodies/{_body(w).id}",
        lambda w, o: {"decision_rule": "consensus", "version": _v(_body(w))},
        bad=lambda w, o: (f"/api/decision-bodies/{_body(w).id}", {"decision_rule": "coin", "version": 1}),
        bad_field="decision_rule",
    ),
    Route("decision body delete", "DELETE", lambda w, o: f"/api/decision-bodies/{_body(w).id}", ok=204),
    Route("body roles", "GET", lambda w, o: f"/api/deals/{w.cn_deal.id}/body-roles"),
    Route(
        "body role create",
        "POST",
        lambda w, o: f"/api/deals/{w.cn_deal.id}/body-roles",
        lambda w, o: {"body": _body(w).id, "roles": ["decision_maker"], "note": "前置研究"},
        ok=201,
        bad=lambda w, o: (f"/api/deals/{w.cn_deal.id}/body-roles", {"body": _body(w).id, "roles": ["king"]}),
        bad_field="roles.0",
    ),
    Route(
        "body role patch",
        "PATCH",
        lambda w, o: f"/api/body-roles/{_body_role(w).id}",
        lambda w, o: {"roles": ["influencer"], "version": _v(_body_role(w))},
        bad=lambda w, o: (f"/api/body-roles/{_body_role(w).id}", {"roles": ["king"], "version": 1}),
        bad_field="roles.0",
    ),
    Route("body role delete", "DELETE", lambda w, o: f"/api/body-roles/{_body_role(w).id}", ok=204),
    Route("process steps", "GET", lambda w, o: f"/api/deals/{w.cn_deal.id}/process-steps"),
    Route(
        "process step create",
        "POST",
        lambda w, o: f"/api/deals/{w.cn_deal.id}/process-steps",
        lambda w, o: {
            "kind": "tender_notice",
            "planned_on": "2027-03-01",
            "body": _body(w).id,
            "people": [o.person.id],
        },
        ok=201,
        bad=lambda w, o: (
            f"/api/deals/{w.cn_deal.id}/process-steps",
            {"kind": "tender_notice", "status": "planned", "done_on": "2027-03-01"},
        ),
        bad_field="done_on",
    ),
    Route("process step", "GET", lambda w, o: f"/api/process-steps/{_step(w).id}"),
    Route(
        "process step patch",
        "PATCH",
        lambda w, o: f"/api/process-steps/{_step(w).id}",
        lambda w, o: {"status": "done", "done_on": "2026-11-01", "version": _v(_step(w))},
        bad=lambda w, o: (f"/api/process-steps/{_step(w).id}", {"status": "waiting", "version": 1}),
        bad_field="status",
    ),
    Route("process step delete", "DELETE", lambda w, o: f"/api/process-steps/{_step(w).id}", ok=204),
    Route(
        "process template",
        "POST",
        lambda w, o: f"/api/deals/{w.cn_deal.id}/process-steps/template",
        lambda w, o: {"template": "tender"},
        ok=201,
        bad=lambda w, o: (f"/api/deals/{w.cn_deal.id}/process-steps/template", {"template": "auction"}),
        bad_field="template",
    ),
]

# Routes that list or read everything the user can see: an outsider gets their own (empty or other) data,
# not a 404, because no account of the owner's is named.
UNSCOPED = {"me", "tokens", "teams", "accounts", "account create", "all deals", "pipeline", "win-loss"}
