"""The submit function: the citizen's pages, the JSON API and the kiosk, each declaring its
endpoints on one app (`routes.app`)."""

from . import api, citizen, kiosk  # noqa: F401 (each module declares its endpoints on `app`)
from .routes import app

__all__ = ["app"]
