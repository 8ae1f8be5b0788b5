from __future__ import annotations

import os
import threading

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
application = get_wsgi_application()


def _warm_up_search() -> None:
    from search.services import warm_up

    warm_up()


# Off the request path: the first search of a fresh web process should not pay for loading
# the segmentation dictionary. runserver loads this module too.
threading.Thread(target=_warm_up_search, name="search-warm-up", daemon=True).start()
