"""The guide in Bahasa Indonesia for operators and the bureau, task by task, served by the area
itself (no sign-in needed). Its pictures are screenshots the browser tests take on every run
(tests/integration/test_bureau_journey.py), so the guide never shows an outdated page."""

from __future__ import annotations

import re
from pathlib import Path

from flask import Request
from werkzeug.wrappers import Response

from shared.web import request_lang

from .pages import AREA, message_page, page
from .routes import app

PICTURES = Path(__file__).parent / "guide"
PICTURE_NAME = re.compile(r"^[a-z0-9-]{1,40}$")
GUIDE = AREA + "/panduan"


@app.route(GUIDE)
def guide(request: Request) -> Response:
    return page("area_guide.html", lang=request_lang(request))


@app.route(GUIDE + "/<picture>.png")
def guide_picture(request: Request, picture: str) -> Response:
    path = PICTURES / f"{picture}.png"
    if not PICTURE_NAME.match(picture) or not path.is_file():
        return message_page(404, "not_found", request_lang(request))
    headers = {"Cache-Control": "public, max-age=3600"}
    return Response(path.read_bytes(), content_type="image/png", headers=headers)
