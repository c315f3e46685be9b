"""gunicorn's settings for the app, read from the working directory by every gunicorn
started there (``make run``, the systemd unit of the README, ``benchmarks/beban_bench.py``).
Flags on the command line (``--workers``, ``--bind``, ``--timeout``) still win.

The app is loaded once in the master before the workers are forked (``preload_app``): the
workers share its memory (Django, the templates' libraries, the WHO tables read here once
instead of on each worker's first measurement), and a broken deployment fails at start,
not at each worker's first request. What exists at that point is frozen out of the garbage
collector's reach (``gc.freeze``) so that collections in a worker do not touch, and so
copy, the shared pages.

Nothing in the app opens a database connection at import time, so no connection is
shared between the forked workers (Django opens one per worker on its first request).
After a code update restart the service (``systemctl restart tpps``): with the app
preloaded a HUP re-forks workers from the old code.
"""

import gc

preload_app = True


def when_ready(server):
    """In the master, once the app is loaded."""
    from posyandu.growth.tables import load_tables

    load_tables()
    gc.collect()
    gc.freeze()
