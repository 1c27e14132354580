"""Submit function: serves the citizen's form and stores responses in Firestore."""

import functions_framework
from flask import Request
from werkzeug.wrappers import Response

from shared import bootstrap

bootstrap.start("submit")  # bad or missing settings: the function does not start

from skm_submit.app import app  # noqa: E402 (only once the settings are known good)


@functions_framework.http
def submit(request: Request) -> Response:
    return app(request)
