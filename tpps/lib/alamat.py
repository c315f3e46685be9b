"""The address a request really came from, behind the reverse proxies we run ourselves.

A proxy appends the address it received the request from to ``X-Forwarded-For``; whatever
the client put there itself comes first. With ``TPPS_PROXY_COUNT`` proxies in front of the
app the client's address is therefore the N-th entry from the right: anything to its left
is the client's own claim and is ignored (a forged header cannot dodge the sign-in lock).
Without proxies (count 0) the header is ignored and the socket's address is used.
"""

from ipaddress import ip_address

from django.conf import settings


def _sah(alamat: str | None) -> str | None:
    try:
        return str(ip_address(alamat.strip())) if alamat else None
    except ValueError:
        return None


def alamat_klien(request) -> str | None:
    soket = _sah(request.META.get("REMOTE_ADDR"))
    jumlah_proxy = getattr(settings, "TPPS_PROXY_COUNT", 0)
    if jumlah_proxy <= 0:
        return soket
    rantai = [a for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if a.strip()]
    if len(rantai) < jumlah_proxy:
        return soket
    return _sah(rantai[-jumlah_proxy]) or soket
