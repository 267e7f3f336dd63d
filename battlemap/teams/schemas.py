"""API schemas of teams (read only: teams are managed by administrators)."""

from __future__ import annotations

from ninja import Schema


class MemberOut(Schema):
    username: str
    role: str
    active: bool  # false: deactivated (a seller who left: their accounts and items are to hand over)


class TeamOut(Schema):
    id: int
    slug: str
    name: str
    members: list[MemberOut]

    @staticmethod
    def resolve_members(obj) -> list[dict]:
        return [
            {"username": m.user.get_username(), "role": m.role, "active": m.user.is_active}
            for m in sorted(obj.memberships.all(), key=lambda m: (m.role != "manager", m.user.get_username()))
        ]
