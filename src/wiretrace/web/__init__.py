"""Serving wiretrace over HTTP: the REST API (:mod:`~.rest`).

``wiretrace serve`` runs :func:`create_app` under uvicorn. The routes are a thin layer over
:class:`wiretrace.api.Wiretrace`, with the JSON shapes of the CLI and the export.
"""

from wiretrace.web.rest import create_app

__all__ = ["create_app"]
