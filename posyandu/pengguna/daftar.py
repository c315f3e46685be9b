"""Reads for the account pages: the users list with its filters and groups, how a role and
a scope are shown, and an account's history."""

import re
from itertools import groupby

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.db.models import Case, F, IntegerField, Q, Value, When
from django.utils.translation import gettext as _

from opd import roles
from opd.models import OPD

from ..models import CakupanPetugas, Posyandu

Tingkat = CakupanPetugas.Tingkat
#: The scopes from the widest down, as the list groups them.
URUTAN_TINGKAT = (Tingkat.KOTA, Tingkat.PUSKESMAS, Tingkat.DESA, Tingkat.POSYANDU)
#: The fields an account's history shows (password and last sign-in are not kept).
KOLOM_RIWAYAT = ("username", "first_name", "last_name", "email", "telepon", "jabatan", "nip",
                 "opd", "is_active", "is_staff")


def cakupan_dari(user) -> CakupanPetugas | None:
    try:
        return user.cakupan
    except CakupanPetugas.DoesNotExist:
        return None


def peran_dari(user) -> str | None:
    """The user's role (one of opd.roles.PERAN), from prefetched groups when there are."""
    for grup in user.groups.all():
        if grup.name in roles.PERAN:
            return grup.name
    return None


def uraian_cakupan(cakupan: CakupanPetugas | None) -> str:
    """A scope in a few words: "Seluruh kota", "Puskesmas Sisir", "Posyandu Melati, Mawar"."""
    if cakupan is None:
        return ""
    if cakupan.tingkat == Tingkat.KOTA:
        return _("Seluruh kota")
    if cakupan.tingkat == Tingkat.PUSKESMAS:
        return str(cakupan.puskesmas) if cakupan.puskesmas_id else ""
    if cakupan.tingkat == Tingkat.DESA:
        return str(cakupan.desa) if cakupan.desa_id else ""
    nama = sorted(p.nama for p in cakupan.posyandu.all())
    return _("Posyandu %(nama)s") % {"nama": ", ".join(nama)} if nama else ""


def pengguna_mencakup(posyandu: Posyandu) -> Q:
    """Accounts whose Posyandu scope covers ``posyandu``: the city, its Puskesmas area, its
    desa, or a set of Posyandu that holds it."""
    cakupan = CakupanPetugas.objects.filter(
        Q(tingkat=Tingkat.KOTA)
        | Q(tingkat=Tingkat.PUSKESMAS, puskesmas_id=posyandu.puskesmas_id)
        | Q(tingkat=Tingkat.DESA, desa_id=posyandu.desa_id)
        | Q(tingkat=Tingkat.POSYANDU, posyandu=posyandu)
    )
    return Q(pk__in=cakupan.values("user_id"))


def _angka(nilai: str) -> int | None:
    return int(nilai) if re.fullmatch(r"\d{1,18}", nilai or "") else None


def saring(qs, params) -> tuple:
    """``qs`` narrowed by the list's filters (``q``, ``peran``, ``opd``, ``posyandu``,
    ``status``) as read from ``params``; values that name nothing are ignored. Returns the
    queryset and the filters understood."""
    pilih = {"q": (params.get("q") or "").strip(), "peran": "", "opd": "", "posyandu": None,
             "status": ""}
    if pilih["q"]:
        kata = pilih["q"]
        qs = qs.filter(
            Q(first_name__icontains=kata) | Q(last_name__icontains=kata)
            | Q(username__icontains=kata) | Q(email__icontains=kata)
            | Q(jabatan__icontains=kata) | Q(nip__icontains=kata) | Q(telepon__icontains=kata)
        )
    peran = params.get("peran", "")
    if peran in roles.PERAN:
        qs, pilih["peran"] = qs.filter(groups__name=peran), peran
    elif peran == "tanpa":
        qs, pilih["peran"] = qs.exclude(groups__name__in=list(roles.PERAN)), peran
    opd = params.get("opd", "")
    if opd == "tanpa":
        qs, pilih["opd"] = qs.filter(opd__isnull=True), opd
    elif _angka(opd) is not None:
        qs, pilih["opd"] = qs.filter(opd_id=_angka(opd)), opd
    pk_posyandu = _angka(params.get("posyandu", ""))
    posyandu = Posyandu.objects.filter(pk=pk_posyandu).first() if pk_posyandu else None
    if posyandu is not None:
        qs, pilih["posyandu"] = qs.filter(pengguna_mencakup(posyandu)), posyandu
    status = params.get("status", "")
    if status == "aktif":
        qs = qs.filter(is_active=True)
    elif status == "nonaktif":
        qs = qs.filter(is_active=False)
    elif status == "undangan":
        qs = qs.filter(is_active=True, password__startswith=UNUSABLE_PASSWORD_PREFIX)
    if status in ("aktif", "nonaktif", "undangan"):
        pilih["status"] = status
    return qs, pilih


def urutkan(qs, kelompok: str):
    """The list's order: by agency (``opd``) or by scope (``cakupan``), then by name; with
    what each row needs loaded in a constant number of queries."""
    qs = qs.select_related("opd", "cakupan__desa", "cakupan__puskesmas").prefetch_related(
        "groups", "cakupan__posyandu"
    )
    nama = ("first_name", "last_name", "username")
    if kelompok == "cakupan":
        urutan = Case(
            *[When(cakupan__tingkat=t, then=Value(i)) for i, t in enumerate(URUTAN_TINGKAT)],
            default=Value(len(URUTAN_TINGKAT)), output_field=IntegerField(),
        )
        return qs.annotate(urutan_cakupan=urutan).order_by(
            "urutan_cakupan", "cakupan__puskesmas__nama", "cakupan__desa__nama", *nama)
    return qs.order_by(F("opd__urutan").asc(nulls_last=True), "opd__singkatan", *nama)


def _judul_kelompok(user, kelompok: str) -> str:
    if kelompok == "cakupan":
        cakupan = cakupan_dari(user)
        if cakupan is None:
            return _("Tanpa cakupan Posyandu")
        if cakupan.tingkat == Tingkat.POSYANDU:
            return str(Tingkat.POSYANDU.label)
        return uraian_cakupan(cakupan) or cakupan.get_tingkat_display()
    if user.opd_id is None:
        return _("Tanpa OPD/instansi")
    return f"{user.opd.singkatan} — {user.opd.nama}"


def baris(users, kelompok: str) -> list[tuple[str, list]]:
    """The rows of one page as (group title, accounts), each account with ``peran`` and
    ``uraian_cakupan`` set for the template."""
    for user in users:
        user.peran = peran_dari(user)
        user.uraian_cakupan = uraian_cakupan(cakupan_dari(user))
    return [(judul, list(isi)) for judul, isi in groupby(
        users, key=lambda u: _judul_kelompok(u, kelompok))]


def pilihan_opd():
    return OPD.objects.only("pk", "singkatan", "nama")


def pilihan_posyandu():
    return Posyandu.objects.select_related("desa").order_by("nama", "desa__nama")


def _tampil(kolom: str, nilai, opd_nama: dict) -> str:
    if kolom == "opd":
        return opd_nama.get(nilai, "–") if nilai else "–"
    if isinstance(nilai, bool):
        return _("ya") if nilai else _("tidak")
    return str(nilai) if nilai not in (None, "") else "–"


def riwayat(user, batas: int = 50) -> list[dict]:
    """An account's history, newest first: when, by whom, what changed (old → new) and the
    recorded reason (role and scope changes, invitations, (de)activation). Saves that
    changed none of :data:`KOLOM_RIWAYAT` and give no reason (a sign-in stores its time)
    are left out; ``batas`` rows are read."""
    User = get_user_model()
    catatan = list(user.history.select_related("history_user").order_by(
        "-history_date", "-history_id")[: batas + 1])
    opd_ids = {c.opd_id for c in catatan if c.opd_id}
    opd_nama = dict(OPD.objects.filter(pk__in=opd_ids).values_list("pk", "singkatan"))
    hasil = []
    for i, baru in enumerate(catatan[:batas]):
        lama = catatan[i + 1] if i + 1 < len(catatan) else None
        perubahan = []
        if lama is not None:
            beda = baru.diff_against(lama, included_fields=list(KOLOM_RIWAYAT))
            for c in beda.changes:
                perubahan.append({
                    "kolom": User._meta.get_field(c.field).verbose_name,
                    "lama": _tampil(c.field, c.old, opd_nama),
                    "baru": _tampil(c.field, c.new, opd_nama),
                })
        alasan = baru.history_change_reason or ""
        if lama is None and not alasan:
            alasan = _("Akun dibuat")
        if not (alasan or perubahan):
            continue  # a save that changed nothing kept here (e.g. signing in)
        hasil.append({"waktu": baru.history_date, "oleh": baru.history_user,
                      "alasan": alasan, "perubahan": perubahan})
    return hasil
