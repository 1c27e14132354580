"""The declared Firestore access of each function, and the bounded deadlines of its calls."""

import pytest

from shared.adapters import firestore
from shared.adapters.firestore import ACCESS, DATABASE_OF, Collections, Undeclared


class Client:
    def __init__(self, key):
        self.key = key

    def collection(self, name):
        return (self.key, name)


def collections(function):
    return Collections(Client, function)


def test_each_collection_lives_in_one_database():
    assert set(DATABASE_OF.values()) == {firestore.MAIN, firestore.OPS, firestore.ACCESS_DB}
    for access in ACCESS.values():
        assert access.writes <= access.reads <= set(DATABASE_OF)


def test_a_function_gets_only_the_collections_it_declares():
    submit = collections("submit")
    assert submit.write(firestore.RESPONSES) == ("main", "responses")
    assert submit.read(firestore.FOLLOWUPS) == ("ops", "followups")
    for name in (firestore.OPERATORS, firestore.SESSIONS, firestore.PLANS):
        with pytest.raises(Undeclared, match=f"submit reads {name}"):
            submit.read(name)
    with pytest.raises(Undeclared, match="submit writes followups"):
        submit.write(firestore.FOLLOWUPS)
    with pytest.raises(Undeclared):
        collections("report").write(firestore.RECEIPTS)  # operators type paper forms in, never receipts
    with pytest.raises(Undeclared):
        collections("report").write(firestore.RATE_LIMITS)  # the bureau edits units, never the counters
    assert collections("report").write(firestore.UNITS) == ("main", "units")
    with pytest.raises(Undeclared):
        collections("aggregate").client(firestore.PLANS)


def test_the_cli_is_not_restricted():
    assert collections(None).write(firestore.OPERATORS) == ("access", "operators")


def test_every_call_of_a_bounded_client_gives_up_within_its_deadline(monkeypatch):
    from shared import config

    monkeypatch.setenv("FIRESTORE_EMULATOR_HOST", "127.0.0.1:9")
    client = firestore.client_for(config.load({}), call_seconds=4.0)
    wrapped = client._firestore_api._transport._wrapped_methods.values()
    assert len(wrapped) > 10  # the library's own table of methods is still where bound_calls expects it
    for method in wrapped:
        assert method._timeout == 4.0
        assert method._retry is None or method._retry.timeout == 4.0
