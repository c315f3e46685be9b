"""A living demo: the Posyandu demo plus a year of the task force's work around it.

``buat_demo_lengkap`` calls ``posyandu.demo.buat_demo`` (children, measurements, the
partner's Posyandu Spesial), then adds what a new user needs to see the rest of the product
at work, for a made-up Kota Batu on the seeded roster, indicators and bands:

* the last two completed semesters and the current one (e.g. on 2026-11-28: 2025S2 locked
  and signed off by the demo Pimpinan, 2026S1 closed, 2026S2 open), with city targets for
  their years; reports of the OPDs that own indicators and of some supporting OPDs: most
  verified, a few late or returned with a comment; the current semester: drafts and one
  submission;
* about six meetings over the last year and one coming up, with attendance, minutes,
  numbered decisions and follow-ups (done with evidence, in progress, overdue);
* BPKP's evaluation of last year with findings, recommendations and their follow-ups;
* contributions of the demo partner, one of them funding its Posyandu Spesial;
* one demo account per role, each with a generated password returned once.

Every write goes through the owning app's workflow functions (``evaluasi.alur``,
``tpps.rapat.alur``, ``tpps.tindak_lanjut.alur``, ``tpps.laporan_semester.alur``) or a
model's ``full_clean()`` + ``save()``, so statuses, lateness, numbering and history are the
workflows' own. The story is told in date order, each step with the clock set to the moment
it happened (``_pada``: ``django.utils.timezone.now`` patched for that step only), so a
report submitted after its due date is judged late by ``ajukan_laporan`` itself and every
history entry carries its date. Nothing is dated after yesterday.

Deterministic for a seed and a day. Each part is added only when its kind of record does
not exist yet (semesters, meetings, that year's BPKP evaluation, the partner's
contributions, each account), so running it again adds children but no second story.
All names are invented; evidence links point to the reserved ``.example`` domain.

This module holds the entry point and the order the parts run in; each part is its own
module: ``cerita`` (the clock, the steps in date order, the tally), ``akun`` (demo
accounts), ``angka`` (the reports' figures, targets and programmes), ``semester``
(semesters, reports, verification, sign-off), ``tindak_lanjut`` (the follow-up register),
``rapat`` (meetings and decisions), ``bpkp`` (BPKP's evaluation), ``kontribusi`` (the
partner's contributions) and ``roster`` (the task force's decree and people).
"""

import random
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from evaluasi.models import Semester
from opd.models import OPD
from posyandu.demo import buat_demo
from tpps.demo.akun import buat_akun
from tpps.demo.bpkp import cerita_bpkp
from tpps.demo.cerita import AkunDemo, HasilDemoLengkap, _Cerita, _pada
from tpps.demo.kontribusi import MITRA_DEMO, cerita_kontribusi
from tpps.demo.rapat import _jabatan_kepala, _orang, cerita_rapat
from tpps.demo.roster import isi_roster
from tpps.demo.semester import cerita_semester, kode_semester_demo
from tpps.demo.tindak_lanjut import _Register
from tpps.models import Rapat

__all__ = [
    "MITRA_DEMO",
    "AkunDemo",
    "HasilDemoLengkap",
    "buat_akun",
    "buat_demo_lengkap",
    "cerita_bpkp",
    "cerita_kontribusi",
    "cerita_rapat",
    "cerita_semester",
    "kode_semester_demo",
]


@transaction.atomic
def buat_demo_lengkap(*, anak: int = 600, bulan: int = 12, seed: int = 1,
                      hari_ini: date | None = None) -> HasilDemoLengkap:
    """The Posyandu demo ending this month, then the task force's year around it (see the
    module docstring). Each part is added only if its kind of record is still missing."""
    hari_ini = hari_ini or timezone.localdate()
    hasil = HasilDemoLengkap(posyandu=buat_demo(anak=anak, bulan=bulan, seed=seed,
                                                sampai=hari_ini))
    rng = random.Random(seed)
    cerita = _Cerita(hari_ini)
    # The demo people joined when the story starts, a year and a half ago.
    with _pada(cerita.waktu(hari_ini - timedelta(days=550), 8)):
        akun = buat_akun(hasil)
    if not Semester.objects.exists():
        cerita_semester(cerita, random.Random(rng.random()), hari_ini, akun, hasil)
    opd = {o.singkatan: o for o in OPD.objects.aktif()}
    register = _Register(cerita, random.Random(rng.random()), hari_ini, akun, opd)
    rng_rapat, rng_mitra = random.Random(rng.random()), random.Random(rng.random())
    if not Rapat.objects.exists():
        cerita_rapat(cerita, rng_rapat, hari_ini, register, hasil)
    cerita_bpkp(cerita, hari_ini, register, hasil)
    cerita_kontribusi(cerita, rng_mitra, hari_ini, hasil)
    cerita.jalankan()
    isi_roster(rng=random.Random(rng.random()), hari_ini=hari_ini, nama_orang=_orang,
               jabatan_kepala=_jabatan_kepala)
    return hasil
