"""The account's own company at the top of the department paths (`company_top`): DingTalk, WeCom and Feishu
rosters write each member's department from the organisation's root, which is the company itself
(`华东省能源投资集团/信息中心/运维部`). The company is the account, not a unit of it: read as a unit, it made a second
tree beside the map's (华东省能源投资集团 › 信息中心 beside the map's 信息中心), placed the file's people there, and
every later file writing `信息中心` alone was refused, the account then holding two. Part of the plan
(importer.plan_import): nothing is written here."""

from __future__ import annotations

import dataclasses
from typing import Any

from battlemap.accounts.models import OrgUnit
from battlemap.io.company_names import account_company_keys, company_key
from battlemap.io.matching import department_key

from .plan import Plan
from .unit_paths import PathReading


def company_top(plan: Plan, account: Any) -> None:
    """Drop a department path's top part where it is the account's company — its name or a name it is also
    written as (`company_names.account_company_keys`: legal forms and short forms alike) — on an account whose
    map has departments but none of that name (a unit a seller or an earlier import made of it stays the paths'
    top; on a map without departments, the first roster's tree is kept whole, its root the company, as the
    tool shows it). A path of the company alone (a member of the root department) names no unit: the person's
    unit is left as it is. The summary says so (`unit_paths.PathReading.company`)."""
    own = account_company_keys(
        getattr(account, "name", "") or "", getattr(account, "company_names", None) or ()
    )
    tops = {path[0] for r in plan.rows for path in r.unit_paths if path and company_key(path[0]) in own}
    if not tops:
        return
    units = {
        department_key(name)
        for name in OrgUnit.objects.filter(account=account).values_list("name", flat=True)
    }
    dropped = {top for top in tops if units and department_key(top) not in units}
    if not dropped:
        return

    def below(path: tuple[str, ...]) -> tuple[str, ...]:
        return path[1:] if path and path[0] in dropped else path

    for r in plan.rows:
        paths = [below(path) for path in r.unit_paths]
        r.unit_paths = [path for i, path in enumerate(paths) if path and path not in paths[:i]]
        r.unit_path = below(r.unit_path)
        r.department = r.unit_path[-1] if r.unit_path else ""
    reading = plan.unit_paths or PathReading()
    plan.unit_paths = dataclasses.replace(reading, company=tuple(sorted(dropped)), path=below(reading.path))
