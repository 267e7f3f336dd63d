"""The one reader of environment settings (README: Configuration): settings.py and the commands that read
the environment themselves (`serve`: PORT, WEB_CONCURRENCY…) read every variable through it.

Unset or empty (an `Environment=` line or an env file often leaves one empty) means the default. A value
that is not what the setting takes is refused at start with one line naming the variable, the value and
what it accepts (`SettingRefused`, a Django ImproperlyConfigured, printed by `battlemap` without a
traceback), never silently read as something else."""

from __future__ import annotations

import os
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

TRUE = ("1", "true", "yes", "on")
FALSE = ("0", "false", "no", "off")


class SettingRefused(ImproperlyConfigured):
    """A setting's value that cannot be used; its text is one line naming the variable."""


def refuse(name: str, value: object, accepts: str) -> SettingRefused:
    """The refusal of `name`'s `value`: "NAME='value': accepts" (raise it)."""
    return SettingRefused(f"{name}={value!r}: {accepts}")


def _raw(name: str) -> str | None:
    value = os.environ.get(name)
    return None if value is None or not value.strip() else value.strip()


def envstr(name: str, default: str) -> str:
    return _raw(name) or default


def envbool(name: str, default: bool = False) -> bool:
    """1/true/yes/on or 0/false/no/off (any case); SettingRefused for anything else (`ture`)."""
    raw = _raw(name)
    if raw is None:
        return default
    if raw.lower() in TRUE:
        return True
    if raw.lower() in FALSE:
        return False
    raise refuse(name, raw, "expected 1, true, yes or on, or 0, false, no or off")


def envint(name: str, default: int, *, minimum: int = 0, maximum: int | None = None) -> int:
    """A whole number of at least `minimum` (0 unless told) and at most `maximum` (when given); SettingRefused
    for `five`, `2.5`, less or more, saying the range ("from 1 to 65535" for PORT)."""
    raw = _raw(name)
    if raw is None:
        return default
    bounds = f"of at least {minimum}" if maximum is None else f"from {minimum} to {maximum}"
    try:
        value = int(raw.replace("_", ""))
    except ValueError:
        raise refuse(name, raw, f"expected a whole number {bounds}") from None
    if value < minimum or (maximum is not None and value > maximum):
        raise refuse(name, raw, f"expected a whole number {bounds}")
    return value


def envfloat(name: str, default: float, *, minimum: float = 0) -> float:
    """A number (2, 0.5) of at least `minimum`; SettingRefused otherwise."""
    raw = _raw(name)
    if raw is None:
        return default
    try:
        value = float(raw)
    except ValueError:
        raise refuse(name, raw, f"expected a number (at least {minimum:g})") from None
    if not value >= minimum:  # also refuses nan
        raise refuse(name, raw, f"expected a number of at least {minimum:g}")
    return value


def envchoice(name: str, default: str, choices: list[str]) -> str:
    """One of `choices` (any case: `EN` is `en`); SettingRefused for anything else (`fr`, `klingon`)."""
    raw = _raw(name)
    if raw is None:
        return default
    for choice in choices:
        if raw.lower() == choice.lower():
            return choice
    raise refuse(name, raw, "expected " + " or ".join(choices))


def envzone(name: str, default: str) -> str:
    """An IANA time zone (`Asia/Shanghai`, `Europe/Berlin`, `UTC`); SettingRefused for `UTC+8` or `Mars/Base`,
    which Django would stop on with a traceback."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    raw = _raw(name)
    if raw is None:
        return default
    try:
        ZoneInfo(raw)
    except (ZoneInfoNotFoundError, ValueError):
        raise refuse(
            name, raw, "expected an IANA time zone such as Asia/Shanghai, Europe/Berlin or UTC"
        ) from None
    return raw


def envlist(name: str, default: str) -> list[str]:
    """Comma-separated values, blanks dropped."""
    return [item.strip() for item in envstr(name, default).split(",") if item.strip()]


def envhosts(name: str, default: str) -> list[str]:
    """ALLOWED_HOSTS: host names (`battlemap.example.com`, `.example.com`, `*`, `[::1]`), comma-separated. One
    written as an origin or with a port (`https://battlemap.example.com`, `battlemap.example.com:443`) never
    matches a request's host — Django compares the name without its port — so every page answered 400: refused."""
    hosts = envlist(name, default)
    for host in hosts:
        if "/" in host or (":" in host and not host.startswith("[")):
            raise refuse(
                name,
                _raw(name),
                "expected host names such as battlemap.example.com (no scheme, port or path), comma-separated",
            )
    return hosts


def envorigins(name: str, default: str) -> list[str]:
    """CSRF_TRUSTED_ORIGINS: origins with their scheme (`https://battlemap.example.com`), comma-separated. Django
    refuses one without it (4_0.E001) as a system check, which stopped `serve` and `worker` with exit 1 — the
    systemd units then restarted them every 10 s — and let every other command run: refused here, as the rest."""
    origins = envlist(name, default)
    for origin in origins:
        scheme, _, rest = origin.partition("://")
        if scheme not in ("http", "https") or not rest or "/" in rest:
            raise refuse(
                name,
                _raw(name),
                "expected origins with their scheme such as https://battlemap.example.com, comma-separated",
            )
    return origins


def writable_dir(name: str, path: Path) -> Path:
    """`path` (the folder a setting `name` names) created if missing (0700) and writable; SettingRefused
    naming the setting and the path when it cannot be (under a regular file, read-only, no permission)."""
    try:
        if not path.exists():
            path.mkdir(mode=0o700, parents=True, exist_ok=True)
            path.chmod(0o700)  # mkdir's mode is masked by the umask
        if not path.is_dir():
            raise NotADirectoryError(f"not a folder: {path}")
        probe = path / f".write-test-{os.getpid()}"
        probe.touch()
        probe.unlink()
    except OSError as exc:
        raise refuse(name, str(path), f"not a writable folder ({exc.strerror or exc})") from None
    return path
