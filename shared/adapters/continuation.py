"""A run's continuation: the same message published again to the aggregation's own topic, so
the next invocation goes on where this one stopped (each stays well inside its time limit).

One REST call (`topics.publish`); the Pub/Sub client library would add a streaming gRPC stack
and OpenTelemetry to the aggregate function's cold start for a message every few minutes.
Locally it goes to the Pub/Sub emulator, whose messages the stack pushes to the function.
"""

from __future__ import annotations

import base64
import json
from typing import Any

from shared.config import Settings

PUBLISH_SECONDS = 30


class PubSubContinuation:
    def __init__(self, settings: Settings):
        self._settings = settings
        self._topic = f"projects/{settings.project}/topics/{settings.aggregate_topic}"

    def publish(self, message: dict[str, Any]) -> None:
        body = {"messages": [{"data": base64.b64encode(json.dumps(message).encode()).decode()}]}
        if self._settings.pubsub_emulator_host:
            import requests

            url = f"http://{self._settings.pubsub_emulator_host}/v1/{self._topic}:publish"
            requests.post(url, json=body, timeout=PUBLISH_SECONDS).raise_for_status()
            return
        import google.auth
        from google.auth.transport.requests import AuthorizedSession

        credentials, _ = google.auth.default(scopes=["https://www.googleapis.com/auth/pubsub"])
        url = f"https://pubsub.googleapis.com/v1/{self._topic}:publish"
        AuthorizedSession(credentials).post(url, json=body, timeout=PUBLISH_SECONDS).raise_for_status()
