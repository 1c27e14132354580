"""The local stand-in of Pub/Sub's push subscription: pulls the aggregation topic's messages from
the Pub/Sub emulator and delivers each to the aggregate function as the CloudEvent Eventarc
would send, acknowledging it once the function answered 2xx (otherwise it is delivered again
after its ack deadline, as in production).

`python -m skm.pusher` with PUBSUB_EMULATOR_HOST, GOOGLE_CLOUD_PROJECT, SKM_AGGREGATE_TOPIC and
SKM_AGGREGATE_URL set; the stack starts it.
"""

from __future__ import annotations

import os
import time

import requests

ACK_DEADLINE_SECONDS = 600  # as long as an aggregate run may take
SUBSCRIPTION = "skm-aggregate-push"


def api(path: str) -> str:
    return f"http://{os.environ['PUBSUB_EMULATOR_HOST']}/v1/projects/{os.environ['GOOGLE_CLOUD_PROJECT']}/{path}"


def create_topic_and_subscription() -> None:
    """The topic the scheduler and continuations publish to, and the subscription that pushes."""
    topic = os.environ.get("SKM_AGGREGATE_TOPIC", "skm-aggregate")
    requests.put(api(f"topics/{topic}"), json={}, timeout=30)  # 409 when it exists
    subscription = {"topic": f"projects/{os.environ['GOOGLE_CLOUD_PROJECT']}/topics/{topic}"}
    requests.put(
        api(f"subscriptions/{SUBSCRIPTION}"),
        json=subscription | {"ackDeadlineSeconds": ACK_DEADLINE_SECONDS},
        timeout=30,
    )


def deliver_forever(url: str) -> None:
    from skm.local import pubsub_event

    while True:
        try:
            pulled = requests.post(api(f"subscriptions/{SUBSCRIPTION}:pull"), json={"maxMessages": 1}, timeout=60)
            pulled.raise_for_status()
        except requests.RequestException:
            time.sleep(1)
            continue
        for received in pulled.json().get("receivedMessages", []):
            headers, body = pubsub_event(data=received["message"].get("data", ""))
            try:
                answered = requests.post(url, data=body, headers=headers, timeout=ACK_DEADLINE_SECONDS).status_code
            except requests.RequestException:
                answered = 0
            if 200 <= answered < 300:
                requests.post(
                    api(f"subscriptions/{SUBSCRIPTION}:acknowledge"), json={"ackIds": [received["ackId"]]}, timeout=30
                )
        if not pulled.json().get("receivedMessages"):
            time.sleep(0.2)


if __name__ == "__main__":
    create_topic_and_subscription()
    deliver_forever(os.environ["SKM_AGGREGATE_URL"])
