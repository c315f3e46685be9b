"""Background jobs (django-tasks, database backend; the worker is `manage.py db_worker`)."""

from django_tasks import task


@task()
def proses_impor(impor_id: int, simpan: bool = False) -> None:
    """Preview an uploaded e-PPGBM file (``pratinjau``) or commit it."""
    from .eppgbm.pekerjaan import jalankan_impor

    jalankan_impor(impor_id, simpan=simpan)
