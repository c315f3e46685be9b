"""Background jobs (django-tasks, database backend; the worker is `manage.py db_worker`)."""

from django_tasks import task


@task()
def proses_impor(impor_id: int, simpan: bool = False) -> None:
    """Check an uploaded e-PPGBM file (preview) or commit it."""
    from .eppgbm.pekerjaan import jalankan_impor

    jalankan_impor(impor_id, simpan=simpan)
