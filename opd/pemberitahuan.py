"""Telling people what waits for them: the inbox (the bell) and e-mail.

Every app tells a user something through :func:`beri_tahu`, inside the transaction of the
workflow that caused it. The inbox row is written with that transaction; its e-mail goes
once the transaction commits (nothing is mailed for a change that was rolled back), and an
e-mail that could not be sent (SMTP down) stays owed: ``manage.py kirim_pengingat`` sends
what is owed on its next run.

A reason is told once per user: ``kunci`` names it (kind, object, due window, e.g.
``tindak_lanjut:12:lewat``), and the database refuses a second row with the same user and
key. So a job run twice on a day, or a missed day caught up, never tells twice.

No text made here holds a child's name or NIK: the callers pass the page's link instead
(tested in tests/tpps/test_pemberitahuan.py).
"""

import logging
from collections.abc import Iterable

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMessage, get_connection
from django.db import IntegrityError, transaction
from django.db.models import Count, F, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Pemberitahuan, PreferensiSurel, User

log = logging.getLogger(__name__)

Jenis = Pemberitahuan.Jenis
_GARAM_BERHENTI = "tpps.pemberitahuan.berhenti-surel"


def token_berhenti(user, jenis: str) -> str:
    """The signed token of a one-click unsubscribe from one kind of e-mail."""
    return signing.dumps({"u": user.pk, "j": jenis}, salt=_GARAM_BERHENTI, compress=True)


def baca_token_berhenti(token: str) -> tuple[User, str] | None:
    """The user and kind a token unsubscribes, or None for a forged or broken token."""
    try:
        data = signing.loads(token, salt=_GARAM_BERHENTI)
        user = User.objects.get(pk=data["u"])
    except (signing.BadSignature, User.DoesNotExist, KeyError, TypeError, ValueError):
        return None
    if data.get("j") not in Jenis.values:
        return None
    return user, data["j"]


def tautan_penuh(jalur: str) -> str:
    """A path of this site as the full address people open (``ALAMAT_SITUS``)."""
    if jalur.startswith(("http://", "https://")):
        return jalur
    return settings.ALAMAT_SITUS + jalur


def surel_aktif(user, jenis: str) -> bool:
    """Whether ``jenis`` reaches ``user`` by e-mail: they have an address and did not switch
    that kind off."""
    return bool(user.email) and not PreferensiSurel.objects.filter(user=user, jenis=jenis).exists()


def beri_tahu(
    penerima: Iterable,
    *,
    jenis: str,
    kunci: str,
    judul: str,
    isi: str = "",
    tautan: str = "",
    lampiran_ics: str = "",
) -> list[Pemberitahuan]:
    """Tell each active user of ``penerima`` once about the reason ``kunci``.

    Returns the notifications made now (a user already told of ``kunci`` gets none).
    E-mails are sent after the surrounding transaction commits.
    """
    assert jenis in Jenis.values, jenis
    orang = {u.pk: u for u in penerima if u is not None and u.is_active}
    if not orang:
        return []
    sudah = set(
        Pemberitahuan.objects.filter(kunci=kunci, penerima_id__in=orang).values_list(
            "penerima_id", flat=True)
    )
    dimatikan = set(
        PreferensiSurel.objects.filter(jenis=jenis, user_id__in=orang).values_list(
            "user_id", flat=True)
    )
    baru = []
    for pk, user in sorted(orang.items()):
        if pk in sudah:
            continue
        try:
            with transaction.atomic():
                baru.append(Pemberitahuan.objects.create(
                    penerima=user, jenis=jenis, kunci=kunci[:200], judul=judul[:250], isi=isi,
                    tautan=tautan, lampiran_ics=lampiran_ics,
                    surel_perlu=bool(user.email) and pk not in dimatikan,
                ))
        except IntegrityError:  # told at the same moment by another process
            continue
    if baru:
        User.objects.filter(pk__in=[p.penerima_id for p in baru]).update(
            jumlah_belum_dibaca=F("jumlah_belum_dibaca") + 1)
    perlu = [p.pk for p in baru if p.surel_perlu]
    if perlu:
        transaction.on_commit(lambda: kirim_surel_tertunda(pk__in=perlu))
    return baru


def _surel(p: Pemberitahuan, connection) -> EmailMessage:
    user = p.penerima
    berhenti = tautan_penuh(reverse("pemberitahuan:berhenti", args=[token_berhenti(user, p.jenis)]))
    baris = [_("Yth. %(nama)s,") % {"nama": user.get_full_name() or user.get_username()}, ""]
    if p.isi:
        baris += [p.isi, ""]
    if p.tautan:
        baris += [_("Buka: %(url)s") % {"url": tautan_penuh(p.tautan)}, ""]
    baris += [
        "-- ",
        _("Sistem Informasi TPPS %(daerah)s. Anda menerima surel ini sebagai pengguna "
          "dengan pemberitahuan \"%(jenis)s\".") % {
              "daerah": settings.NAMA_DAERAH, "jenis": p.get_jenis_display()},
        _("Berhenti menerima surel jenis ini (satu klik): %(url)s") % {"url": berhenti},
        _("Atur semua pemberitahuan: %(url)s") % {
            "url": tautan_penuh(reverse("pemberitahuan:pengaturan"))},
    ]
    pesan = EmailMessage(
        subject=f"[TPPS {settings.NAMA_DAERAH}] {p.judul}",
        body="\n".join(baris),
        to=[user.email],
        connection=connection,
        headers={
            # RFC 8058: mail clients offer "unsubscribe" and POST to it in one click.
            "List-Unsubscribe": f"<{berhenti}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "Auto-Submitted": "auto-generated",
        },
    )
    if p.lampiran_ics:
        pesan.attach("undangan-rapat.ics", p.lampiran_ics, "text/calendar; method=REQUEST")
    return pesan


def kirim_surel_tertunda(**saring) -> tuple[int, int]:
    """Send every e-mail owed (optionally only those matching ``saring``).

    Each notification is claimed by a conditional update before it is sent, so two
    processes never send the same one; a send that fails gives the claim back for the
    next run. Returns (sent, failed).
    """
    antre = Pemberitahuan.objects.filter(
        surel_perlu=True, surel_terkirim_pada__isnull=True, **saring
    ).select_related("penerima").order_by("pk")
    terkirim = gagal = 0
    connection = None
    for p in antre:
        if not p.penerima.email or not p.penerima.is_active:
            continue
        sekarang = timezone.now()
        if not Pemberitahuan.objects.filter(pk=p.pk, surel_terkirim_pada__isnull=True).update(
                surel_terkirim_pada=sekarang):
            continue
        try:
            connection = connection or get_connection()
            _surel(p, connection).send()
        except Exception:  # SMTP refused, timed out, unreachable: retried by the next run
            log.exception("Surel pemberitahuan %s gagal dikirim", p.pk)
            Pemberitahuan.objects.filter(pk=p.pk).update(surel_terkirim_pada=None)
            gagal += 1
            connection = None
            continue
        terkirim += 1
    return terkirim, gagal


def hitung_ulang_belum_dibaca(users=None) -> None:
    """Recount the bell's figure (of ``users``, a queryset; everyone by default)."""
    belum = Pemberitahuan.objects.filter(penerima=OuterRef("pk"), dibaca_pada__isnull=True)
    (users if users is not None else User.objects.all()).update(jumlah_belum_dibaca=Coalesce(
        Subquery(belum.order_by().values("penerima").annotate(n=Count("pk")).values("n")),
        0))


def tandai_dibaca(user, pemberitahuan=None) -> int:
    """Mark one notification of ``user`` (or all of them) read; returns how many."""
    belum = Pemberitahuan.objects.filter(penerima=user, dibaca_pada__isnull=True)
    if pemberitahuan is not None:
        belum = belum.filter(pk=pemberitahuan.pk)
    n = belum.update(dibaca_pada=timezone.now())
    if n:
        hitung_ulang_belum_dibaca(User.objects.filter(pk=user.pk))
    return n


# --- Who is told -------------------------------------------------------------------------


def pengguna_peran(nama_peran: str):
    """The active users holding a role (a group of opd.roles)."""
    return User.objects.filter(is_active=True, groups__name=nama_peran).distinct()


def operator_opd(opd):
    """The active Operator OPD users of one agency."""
    from .roles import OPERATOR_OPD

    return pengguna_peran(OPERATOR_OPD).filter(opd=opd)


def pemegang_izin(izin: str):
    """The active users holding a permission (``app.codename``) through a group or
    directly (superusers are not told of everything)."""
    app, codename = izin.split(".", 1)
    from django.db.models import Q

    cocok = Q(groups__permissions__codename=codename,
              groups__permissions__content_type__app_label=app) | Q(
        user_permissions__codename=codename, user_permissions__content_type__app_label=app)
    return User.objects.filter(cocok, is_active=True).distinct()
