from __future__ import annotations

import os
import threading

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
application = get_wsgi_application()


def _warm_up() -> None:
    from django.db import connection

    from kb.consistency.bilingual import english_to_chinese
    from kb.consistency.sources import live_index
    from search.services import warm_up

    warm_up()
    english_to_chinese()  # ~1 s to read the dictionary the first English/Chinese comparison needs
    try:
        live_index.warm_up(max_texts=5_000)
    finally:
        connection.close()  # this thread's own connection


# Off the request path: the first search of a fresh web process should not pay for loading
# the segmentation dictionary, nor the first pre-publish check for indexing every live text.
# runserver loads this module too.
threading.Thread(target=_warm_up, name="warm-up", daemon=True).start()
