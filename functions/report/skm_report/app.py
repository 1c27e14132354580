"""The report function: report links and downloads (`api`) and the operator area: signing in
(`session`), the dashboard (`home`), a unit's page (`unit_page`), the complaints inbox
(`inbox`), downloads (`exports`), paper entry and imports (`paper_pages`), operators (`people`),
units (`units_admin`), kiosks (`kiosk_devices`), service standards (`standards_pages`) and the
guide (`guide`)."""

# each module declares its endpoints on `app`
from . import (  # noqa: F401
    api,
    exports,
    guide,
    home,
    inbox,
    kiosk_devices,
    paper_pages,
    people,
    session,
    standards_pages,
    unit_page,
    units_admin,
)
from .routes import app

__all__ = ["app"]
