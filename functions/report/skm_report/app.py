"""The report function: report links and downloads (`api`) and the operator area (`area`)."""

from . import api, area, guide, kiosk_devices, paper_pages, people, units_admin  # noqa: F401 (each module declares its endpoints on `app`)
from .routes import app

__all__ = ["app"]
