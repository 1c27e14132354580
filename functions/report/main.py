"""Report function: operators' report links and downloads, and the operator area."""

import functions_framework
from flask import Request
from werkzeug.wrappers import Response

from shared import bootstrap

bootstrap.start("report")  # bad or missing settings: the function does not start

from skm_report.app import app  # noqa: E402 (only once the settings are known good)


@functions_framework.http
def report(request: Request) -> Response:
    return app(request)
