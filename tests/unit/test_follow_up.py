"""Complaint follow-up, spam verdicts and operator sessions (pure rules)."""

from datetime import datetime, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from shared import signing
from shared.rules import access
from shared.rules.eligibility import counted_flags
from shared.rules.follow_up import ComplaintUpdate, FollowUpError, complaint_changes, spam_changes

NOW = datetime(2026, 8, 1, 9, 0, tzinfo=timezone.utc)


def test_a_complaint_moves_forward_only_and_needs_a_reply_to_leave_baru():
    doc = {"suggestion": "Antrean lama", "complaint_status": "baru"}
    with pytest.raises(FollowUpError) as no_reply:
        complaint_changes(doc, ComplaintUpdate(status="ditanggapi"), "op@x", NOW)
    assert no_reply.value.field == "reply"
    changes = complaint_changes(doc, ComplaintUpdate(status="ditanggapi", reply="Kami tambah loket"), "op@x", NOW)
    assert changes == {
        "complaint_status": "ditanggapi",
        "reply": "Kami tambah loket",
        "replied_by": "op@x",
        "replied_at": NOW,
        "first_reply_at": NOW,
    }
    answered = {**doc, **changes}
    later = datetime(2026, 8, 2, tzinfo=timezone.utc)
    edited = complaint_changes(answered, ComplaintUpdate(status="selesai", reply="Sudah dibuka"), "op2@x", later)
    assert "first_reply_at" not in edited and edited["replied_at"] == later  # the KPI keeps the first reply
    assert complaint_changes(answered, ComplaintUpdate(status="selesai"), "op@x", later) == {
        "complaint_status": "selesai"
    }
    with pytest.raises(FollowUpError):
        complaint_changes({**answered, "complaint_status": "selesai"}, ComplaintUpdate(status="baru"), "op@x", later)
    with pytest.raises(FollowUpError):
        complaint_changes({"suggestion": ""}, ComplaintUpdate(status="selesai", reply="x"), "op@x", later)


def test_the_operator_verdict_overrides_automatic_flags():
    assert counted_flags({"flags": ["too-fast"]}) == ["too-fast"]
    not_spam = {"flags": ["too-fast"], **spam_changes(False, "op@x", NOW)}
    assert counted_flags(not_spam) == []
    assert counted_flags({"flags": [], **spam_changes(True, "op@x", NOW)}) == ["operator-spam"]
    assert spam_changes(True, "op@x", NOW)["moderation"] == {"spam": True, "by": "op@x", "at": NOW}


def test_operators_see_their_units_and_the_bureau_sees_all():
    kel = access.Operator(email="a@x", units=["kel-a"], token_hash="0" * 64)
    bureau = access.Operator(email="b@x", bureau=True, token_hash="1" * 64)
    assert kel.may_read("kel-a") and not kel.may_read("kel-b") and not kel.may_read("*")
    assert bureau.may_read("kel-b") and bureau.may_read("*")
    assert not bureau.model_copy(update={"revoked_at": NOW}).may_read("kel-b")


def test_tokens_are_random_and_only_bearer_tokens_count():
    token = access.new_token()
    assert token != access.new_token() and len(token) > 40
    assert access.bearer_token(f"Bearer {token}") == token
    assert access.bearer_token(f"Basic {token}") is None and access.bearer_token(None) is None
    assert access.bearer_token("Bearer not-ours") is None


@given(st.text(max_size=120))
def test_a_session_cookie_is_valid_only_as_issued(noise):
    cookie = signing.session_cookie("secret", "a" * 43, now=1000)
    assert signing.session_id("secret", cookie, now=1001) == "a" * 43
    assert signing.session_id("other", cookie, now=1001) is None
    late = 1000 + access.DEVICE_SESSION_SECONDS + 1  # a token's session ends sooner: its server record says
    assert signing.session_id("secret", cookie, now=late) is None
    if noise != cookie:
        assert signing.session_id("secret", noise, now=1001) is None
    assert signing.csrf_ok("secret", "a" * 64, signing.csrf_token("secret", "a" * 64))
    assert not signing.csrf_ok("secret", "a" * 64, noise if noise != signing.csrf_token("secret", "a" * 64) else "")


def test_a_plan_is_carried_until_done_and_late_actions_stand_out():
    from datetime import date

    from shared.rules import follow_up

    previous = {
        "rows": [
            {"item": "U3", "action": "Tambah loket", "status": "berjalan", "due": "2026-09-30"},
            {"item": "U7", "action": "Pelatihan", "status": "selesai", "due": "2026-08-31"},
        ]
    }
    carried = follow_up.carried_over(previous)
    assert [row["item"] for row in carried] == ["U3"]
    rows = follow_up.plan_rows([{"code": "U1", "nrr": "2.50"}], None, carried)
    assert [(row["item"], row["action"], row["status"]) for row in rows] == [
        ("U1", "", "direncanakan"),
        ("U3", "Tambah loket", "berjalan"),
    ]
    assert follow_up.overdue(carried[0], date(2026, 10, 1)) and not follow_up.overdue(carried[0], date(2026, 9, 30))
    assert not follow_up.overdue(previous["rows"][1], date(2027, 1, 1))  # done is never late
    assert follow_up.completion(previous["rows"]) == (1, 2)
