"""WSGI entry point for gunicorn: ``gunicorn tpps.wsgi``."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tpps.settings")

application = get_wsgi_application()
