"""Exchange and Outlook addresses that are not SMTP addresses, and the relay hosts that are nobody's domain.

Outlook and Exchange archives name internal senders and recipients by their X.500 distinguished name
(`/O=EXCHANGELABS/OU=…/CN=RECIPIENTS/CN=…-ZHOUMIN`) or encapsulate it in an SMTP-looking address on a
relay host (`IMCEAEX-_O=…_CN=…@APCPR01.PROD.OUTLOOK.COM`, RFC-less "IMCEA" encapsulation: `_` for `/`,
`+XX` for a hex-escaped byte). `IMCEASMTP-` (and a DN whose CN holds an `@`) carries a real address; the rest
carry only the display name beside them.
"""

from __future__ import annotations

import re

# Hosts of Microsoft's mail relays: `*.outlook.com`, `*.protection.outlook.com`, `*.prod.outlook.com`,
# `*.exchangelabs.com` — never a customer's domain (outlook.com itself is a consumer mail domain, kept).
RELAY_SUFFIXES = (".outlook.com", ".exchangelabs.com")
RELAY_DOMAINS = frozenset({"exchangelabs.com"})
_ESCAPE = re.compile(r"\+([0-9A-Fa-f]{2})")
_SMTP_IN_CN = re.compile(r"(?i)cn=([^/=\s]+@[^/=\s]+\.[^/=\s]+)")


def is_relay(domain: str) -> bool:
    domain = domain.lower()
    return domain in RELAY_DOMAINS or domain.endswith(RELAY_SUFFIXES)


def is_x500(value: str) -> bool:
    return value[:3].lower() == "/o="


def _smtp_in_dn(dn: str) -> str:
    found = _SMTP_IN_CN.search(dn)
    return found.group(1).lower() if found else ""


def _unescape(text: str) -> str:
    return _ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text)


_GUID_PREFIX = re.compile(r"^[0-9a-f]{32}-", re.IGNORECASE)


def exchange_alias(address: str) -> str:
    """The mail alias an X.500 DN (or its IMCEAEX encapsulation) ends with — `…/cn=Recipients/cn=<guid>-zhoumin`
    or `…/cn=zhou.min` → `zhoumin` (letters and digits, lower case) — or "" when it holds none."""
    if not is_x500(address):
        local, _at, _domain = address.rpartition("@")
        kind, dash, encoded = local.partition("-")
        if kind.lower() != "imceaex" or not dash:
            return ""
        address = _unescape(encoded).replace("_", "/")
    last = address.rstrip("/").rpartition("/")[2]
    if last[:3].lower() != "cn=" or last[3:].lower() == "recipients":
        return ""
    return re.sub(r"[^0-9a-z]", "", _GUID_PREFIX.sub("", last[3:]).lower())


def exchange_smtp(address: str) -> str | None:
    """For an X.500 DN, an IMCEA-encapsulated address or an address on a relay host: the SMTP address it
    carries, or "" when it carries none. None when `address` is an ordinary address."""
    if is_x500(address):
        return _smtp_in_dn(address)
    local, _at, domain = address.rpartition("@")
    kind, dash, encoded = local.partition("-")
    if local[:5].lower() == "imcea" and dash:
        decoded = _unescape(encoded)
        if kind.lower() == "imceasmtp":
            return decoded.lower() if "@" in decoded else ""
        if kind.lower() == "imceaex":
            return _smtp_in_dn(decoded.replace("_", "/"))
        return ""
    if is_relay(domain):
        return ""
    return None
