"""The address a request really came from, behind the reverse proxies we run ourselves.

A proxy appends the address it received the request from to ``X-Forwarded-For``; whatever
the client put there itself comes first. With ``TPPS_PROXY_COUNT`` proxies in front of the
app the client's address is therefore the N-th entry from the right: anything to its left
is the client's own claim and is ignored (a forged header cannot dodge the sign-in lock).
Without proxies (count 0) the header is ignored and the socket's address is used.

The count is what the deployment says (``AXES_PROXY_COUNT``, or 1 when ``PROXY_SSL_HEADER``
is set in the environment), never guessed from ``HTTPS``: with HTTPS on and no proxy in
front, believing the header let a client write a new address on every guess and escape the
lock (tpps/settings.py). An IPv4 address reached over an IPv6 socket (``::ffff:1.2.3.4``)
is the IPv4 address, so one client has one name.
"""

import logging
from ipaddress import ip_address

from django.conf import settings

logger = logging.getLogger(__name__)
_sudah_diperingatkan = False


def _sah(alamat: str | None) -> str | None:
    try:
        ip = ip_address(alamat.strip()) if alamat else None
    except ValueError:
        return None
    if ip is None:
        return None
    return str(getattr(ip, "ipv4_mapped", None) or ip)


def _peringatkan_proxy_tak_terhitung(request, soket: str | None) -> None:
    """Requests from this machine carrying X-Forwarded-For while no proxy is configured:
    most likely a proxy in front that the settings do not know of, so every client shares
    the proxy's address (and its locks). Said once per process, in the log."""
    global _sudah_diperingatkan
    if _sudah_diperingatkan or not soket or not request.META.get("HTTP_X_FORWARDED_FOR"):
        return
    if ip_address(soket).is_loopback:
        _sudah_diperingatkan = True
        logger.warning(
            "X-Forwarded-For from %s but AXES_PROXY_COUNT is 0: if a reverse proxy is in "
            "front, set AXES_PROXY_COUNT (or PROXY_SSL_HEADER), otherwise all clients share "
            "one address for the sign-in lock.", soket)


def alamat_klien(request) -> str | None:
    soket = _sah(request.META.get("REMOTE_ADDR"))
    jumlah_proxy = getattr(settings, "TPPS_PROXY_COUNT", 0)
    if jumlah_proxy <= 0:
        _peringatkan_proxy_tak_terhitung(request, soket)
        return soket
    rantai = [a for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if a.strip()]
    if len(rantai) < jumlah_proxy:
        return soket
    return _sah(rantai[-jumlah_proxy]) or soket
