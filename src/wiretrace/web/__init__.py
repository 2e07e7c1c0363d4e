"""Serving wiretrace over HTTP: the REST API (:mod:`~.rest`) and the web UI (:mod:`~.ui`).

``wiretrace serve`` runs :func:`create_app` under uvicorn. Both are thin layers over
:class:`wiretrace.api.Wiretrace`: the API answers the JSON shapes of the CLI and the export,
the UI renders the same calls as HTML pages.
"""

from wiretrace.web.rest import create_app

__all__ = ["create_app"]
