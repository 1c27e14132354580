"""Fuzz the submit API and the form POST: never a 5xx, never a stored document for a rejection."""

import itertools

import pytest
import requests
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from tests.helpers.data import stored_responses

pytestmark = pytest.mark.stack
CODES = [f"U{i}" for i in range(1, 10)]
UNITS = ["kelurahan-teluk-dalam", "dpmptsp", "puskesmas-teluk-dalam", "nope", "", "Bad Unit", "__x__", "a" * 300]
json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(10**12), 10**12)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=40),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4),
    max_leaves=12,
)
scores = st.one_of(
    st.integers(-2, 6), st.text(max_size=3), st.none(), st.floats(allow_nan=False, allow_infinity=False), st.booleans()
)
near_valid = st.fixed_dictionaries(
    {
        "submission_id": st.one_of(st.uuids().map(str), st.text(max_size=70)),
        "unit_id": st.sampled_from(UNITS),
        "answers": st.dictionaries(st.sampled_from(CODES + ["IPAK1", "X", "U10", ""]), scores, max_size=12),
    },
    optional={
        "profile": st.one_of(
            json_values,
            st.fixed_dictionaries(
                {},
                optional={
                    "age": st.one_of(st.integers(-5, 200), st.text(max_size=4)),
                    "gender": st.text(max_size=3),
                    "education": st.sampled_from(["SD", "S1", "D4", "XX", ""]),
                    "occupation": st.text(max_size=8),
                },
            ),
        ),
        "suggestion": st.one_of(st.text(max_size=2100), st.integers()),
        "lang": st.sampled_from(["id", "en", "fr", 3]),
        "extra": json_values,
    },
)
clients = (f"198.18.{n // 250}.{n % 250}" for n in itertools.count())  # one client each: no rate limit
FUZZ = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def stored_ids(store) -> set[str]:
    return {doc["response_id"] for doc in stored_responses(store)}


@FUZZ
@given(body=st.one_of(near_valid, json_values))
def test_the_json_api_never_fails_on_bad_input(stack, store, body):
    before = stored_ids(store)
    response = requests.post(
        f"{stack.url('submit')}/api/v1/responses", json=body, headers={"X-Forwarded-For": next(clients)}, timeout=10
    )
    assert response.status_code < 500, response.text
    after = stored_ids(store)
    if response.status_code in (200, 201):
        assert body["submission_id"] in after
    else:
        assert after == before
        assert response.json()["errors"] and all(e["field"] and e["message"] for e in response.json()["errors"])


form_fields = st.dictionaries(
    st.sampled_from(
        CODES
        + [
            "submission_id",
            "form_token",
            "lang",
            "age",
            "gender",
            "education",
            "occupation",
            "service",
            "suggestion",
            "website",
            "junk",
        ]
    ),
    st.one_of(st.sampled_from(["1", "2", "3", "4", "5", "0", "-1", "", "x", "3.5"]), st.text(max_size=30)),
    max_size=20,
)


@FUZZ
@given(fields=form_fields, unit=st.sampled_from(UNITS[:4]))
@example(fields={"U1": "\u00b2", "form_token": "\u00b2.abc"}, unit=UNITS[0])  # digits int() refuses
def test_the_form_post_never_fails_on_bad_input(stack, store, fields, unit):
    before = stored_ids(store)
    response = requests.post(
        f"{stack.url('submit')}/u/{unit}",
        data=fields,
        allow_redirects=False,
        headers={"X-Forwarded-For": next(clients)},
        timeout=10,
    )
    assert response.status_code < 500, response.text
    if response.status_code != 303:
        assert stored_ids(store) == before
