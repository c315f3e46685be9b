"""Who cannot sign in now, read from django-axes's records (``axes.AccessAttempt``).

Two locks (tpps/settings.py):

* a username at an address, after ``AXES_FAILURE_LIMIT`` failures (axes's own lock);
* a whole address, after ``TPPS_IP_FAILURE_LIMIT`` failures with any usernames (password
  spraying; city offices share one address behind NAT, hence the higher limit).

Both count as axes counts: the failures of the AccessAttempt rows (one per username,
address and browser) whose last failure is within the window (``AXES_COOLOFF_TIME``,
15 minutes). A row older than the window no longer counts, so after 15 minutes without a
failure the count starts again; a successful sign-in clears that username at that address,
an unlock clears what it names. A lock lasts until enough of its failures are older than
the window. An attempt refused while locked counts as a failure too, so attempts kept up
during a lock keep it (for a username at an address, each one restarts its 15 minutes).
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from axes.helpers import get_cool_off
from axes.models import AccessAttempt, AccessFailureLog
from django.conf import settings
from django.db.models import F, Sum, Window
from django.db.models.functions import RowNumber


def jendela() -> timedelta:
    """How long a failure counts, and how long a lock lasts after the last one."""
    return get_cool_off()


def batas_akun() -> int:
    return settings.AXES_FAILURE_LIMIT


def batas_alamat() -> int:
    """Failures from one address that lock it (0: no address lock)."""
    return getattr(settings, "TPPS_IP_FAILURE_LIMIT", 0)


@dataclass
class AkunDicoba:
    """One username tried from an address."""

    username: str | None
    gagal: int
    terakhir: datetime
    #: Locked until (None: this username is not locked at this address).
    sampai: datetime | None = None
    #: The first of the failures counted (from axes.AccessFailureLog).
    sejak: datetime | None = None


@dataclass
class KunciAlamat:
    """An address with failures that still count, and the usernames tried from it."""

    alamat: str
    gagal: int
    #: The whole address locked until (None: it is not, only some usernames may be).
    sampai: datetime | None
    akun: list[AkunDicoba] = field(default_factory=list)

    @property
    def terkunci(self) -> bool:
        return self.sampai is not None

    @property
    def akun_terkunci(self) -> list[AkunDicoba]:
        return [a for a in self.akun if a.sampai]

    @property
    def sejak(self) -> datetime | None:
        return min((a.sejak for a in self.akun if a.sejak), default=None)

    @property
    def sampai_akhir(self) -> datetime | None:
        """When every lock at this address is over."""
        return max(filter(None, [self.sampai, *(a.sampai for a in self.akun)]), default=None)


def _berlaku(pada: datetime):
    """AccessAttempt rows whose failures count at ``pada``."""
    return AccessAttempt.objects.filter(attempt_time__gte=pada - jendela())


def _sampai(baris, batas: int) -> datetime | None:
    """Until when ``baris`` ((failures, last failure) of rows, newest first) hold a lock of
    ``batas`` failures: the lock is over once the row at which the failures, counted from
    the newest, reach ``batas`` is older than the window. None: no lock."""
    if batas <= 0:
        return None
    jumlah = 0
    for gagal, waktu in baris:
        jumlah += gagal
        if jumlah >= batas:
            return waktu + jendela()
    return None


def gagal_dari_alamat(alamat: str | None, pada: datetime) -> int:
    """Failed sign-ins from ``alamat`` that count at ``pada``: the sum, over every username
    tried from it, of the failures of its rows last failed within the window."""
    if not alamat:
        return 0
    jumlah = _berlaku(pada).filter(ip_address=alamat).aggregate(n=Sum("failures_since_start"))
    return jumlah["n"] or 0


def alamat_terkunci(alamat: str | None, pada: datetime) -> bool:
    batas = batas_alamat()
    return batas > 0 and gagal_dari_alamat(alamat, pada) >= batas


def _baris(qs):
    return qs.order_by("-attempt_time").values_list("failures_since_start", "attempt_time")


def kunci_alamat_sampai(alamat: str | None, pada: datetime) -> datetime | None:
    """Until when the whole address is locked (None: it is not)."""
    if not alamat_terkunci(alamat, pada):
        return None
    return _sampai(_baris(_berlaku(pada).filter(ip_address=alamat)), batas_alamat())


def kunci_akun_sampai(alamat: str | None, username: str | None, pada: datetime):
    """Until when ``username`` is locked at ``alamat`` (None: it is not)."""
    if not alamat:
        return None
    qs = _berlaku(pada).filter(ip_address=alamat, username=username)
    return _sampai(_baris(qs), batas_akun())


def _kelompokkan(baris) -> list[KunciAlamat]:
    """(address, username, failures, last failure) rows, newest first, per address."""
    per_alamat = defaultdict(lambda: defaultdict(list))
    for alamat, username, gagal, waktu in baris:
        per_alamat[alamat][username].append((gagal, waktu))
    hasil = []
    for alamat, per_akun in per_alamat.items():
        akun = [
            AkunDicoba(username=u, gagal=sum(g for g, _w in b), terakhir=b[0][1],
                       sampai=_sampai(b, batas_akun()))
            for u, b in per_akun.items()
        ]
        akun.sort(key=lambda x: (-x.gagal, x.username or ""))
        semua = sorted((r for b in per_akun.values() for r in b), key=lambda r: r[1],
                       reverse=True)
        hasil.append(KunciAlamat(alamat=alamat, gagal=sum(a.gagal for a in akun), akun=akun,
                                 sampai=_sampai(semua, batas_alamat())))
    return hasil


def _isi_sejak(daftar: list[KunciAlamat]) -> None:
    """Each username's first counted failure: its n-th most recent failure in
    axes.AccessFailureLog, n being the failures counted (axes writes one log row for each
    failure it counts). One query for all the addresses."""
    if not daftar:
        return
    n_maks = max(a.gagal for k in daftar for a in k.akun)
    log = (
        AccessFailureLog.objects.filter(ip_address__in=[k.alamat for k in daftar])
        .annotate(urutan=Window(RowNumber(), partition_by=[F("ip_address"), F("username")],
                                order_by=F("attempt_time").desc()))
        .filter(urutan__lte=n_maks)
        .values_list("ip_address", "username", "urutan", "attempt_time")
    )
    waktu = defaultdict(dict)
    for alamat, username, urutan, saat in log:
        waktu[alamat, username][urutan] = saat
    for k in daftar:
        for a in k.akun:
            tercatat = waktu.get((k.alamat, a.username), {})
            # Fewer log rows than failures (axes trims a username's log at 1000): the oldest.
            a.sejak = tercatat.get(a.gagal) or (tercatat[max(tercatat)] if tercatat else None)


def _semua(pada: datetime, **saring) -> list[KunciAlamat]:
    qs = (_berlaku(pada).filter(**saring).exclude(ip_address=None).order_by("-attempt_time")
          .values_list("ip_address", "username", "failures_since_start", "attempt_time"))
    return _kelompokkan(qs)


def daftar_kunci(pada: datetime) -> list[KunciAlamat]:
    """The addresses locked at ``pada``, whole or for some usernames, the latest lock
    first; each with every username tried from it."""
    daftar = [k for k in _semua(pada) if k.sampai_akhir]
    daftar.sort(key=lambda k: k.sampai_akhir, reverse=True)
    _isi_sejak(daftar)
    return daftar


def kunci_di(alamat: str, pada: datetime) -> KunciAlamat | None:
    """The failures that count at ``alamat`` (locked or not); None when there are none."""
    daftar = _semua(pada, ip_address=alamat)
    _isi_sejak(daftar)
    return daftar[0] if daftar else None
