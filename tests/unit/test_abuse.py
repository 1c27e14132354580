import pytest

from shared import signing
from shared.rules import abuse
from shared.rules.abuse import Policy, RateLimited, RateLimiter

SECRET = "s3cret"


def flags(fields: dict[str, str], now: float) -> list[str]:
    return abuse.form_flags(fields, signing.form_issued(SECRET, fields), now)


def test_a_form_filled_at_human_speed_gets_no_flag():
    token = signing.form_token(SECRET, "sub-1", now=1000)
    assert flags({"submission_id": "sub-1", "form_token": token}, now=1030) == []


def test_a_form_sent_before_it_was_served_is_too_fast():
    """A clock skewed the other way, or a test that must not depend on how busy its machine is."""
    token = signing.form_token(SECRET, "sub-1", now=1060)
    assert flags({"submission_id": "sub-1", "form_token": token}, now=1000) == ["too-fast"]


def test_bots_are_flagged_not_dropped():
    token = signing.form_token(SECRET, "sub-1", now=1000)
    assert flags({"submission_id": "sub-1", "form_token": token}, now=1002) == ["too-fast"]
    assert flags({"submission_id": "sub-1", "form_token": token, "website": "x"}, now=1100) == ["honeypot"]
    assert flags({"submission_id": "sub-2", "form_token": token}, now=1100) == ["no-form-token"]
    assert flags({"submission_id": "sub-1"}, now=1100) == ["no-form-token"]
    assert flags({"submission_id": "sub-1", "form_token": "999.abc"}, now=1100) == ["no-form-token"]
    assert flags({"submission_id": "sub-1", "form_token": "\u00b2.abc"}, now=1100) == ["no-form-token"]


def test_rate_limit_policy_parses():
    assert Policy.parse("5/60") == Policy(5, 60)
    assert Policy.parse("7") == Policy(7, 600)
    for bad in ("0/60", "x/60", "5/0"):
        with pytest.raises(ValueError):
            Policy.parse(bad)


def test_counter_keys_hide_the_address_and_change_per_unit_and_window():
    limiter = RateLimiter("salt", Policy(3, 600))
    key = limiter.counter("203.0.113.9", "kel-a", now=1200).key
    assert "203.0.113.9" not in key and len(key) == 40
    assert key != limiter.counter("203.0.113.9", "kel-b", now=1200).key
    assert key != limiter.counter("203.0.113.9", "kel-a", now=1800).key
    assert key == limiter.counter("203.0.113.9", "kel-a", now=1799).key
    assert key != RateLimiter("other salt").counter("203.0.113.9", "kel-a", now=1200).key
    assert limiter.counter("203.0.113.9", "kel-a", now=1200).expires_at == 1800


def test_a_client_that_reached_the_limit_waits_for_the_window_to_end():
    limiter = RateLimiter("salt", Policy(3, 600))
    counter = limiter.counter("203.0.113.9", "kel-a", now=1200)
    for _ in range(2):
        limiter.check(counter, now=1200)
        limiter.record(counter, now=1200)
    limiter.check(counter, now=1201)
    limiter.record(counter, now=1201)
    with pytest.raises(RateLimited) as caught:
        limiter.check(counter, now=1500)
    assert caught.value.retry_after == 300
    limiter.check(counter, now=1800)  # the window is over
    other = limiter.counter("198.51.100.4", "kel-a", now=1500)
    limiter.check(other, now=1500)


def test_the_shared_counter_is_written_from_the_third_response_with_a_catch_up():
    limiter = RateLimiter("salt", Policy(20, 600), shared_from=3)
    counter = limiter.counter("203.0.113.9", "kel-a", now=1200)
    increments = [limiter.record(counter, now=1200) for _ in range(5)]
    assert increments == [0, 0, 3, 1, 1]
    assert limiter.local_count(counter) == 5


def test_a_duplicate_is_not_counted_and_the_catch_up_is_sent_again():
    limiter = RateLimiter("salt", Policy(20, 600), shared_from=3)
    counter = limiter.counter("203.0.113.9", "kel-a", now=1200)
    assert [limiter.record(counter, now=1200) for _ in range(3)] == [0, 0, 3]
    limiter.unrecord(counter)  # the third was a retry of a stored id
    assert limiter.record(counter, now=1200) == 3


def test_other_instances_counts_block_this_instance():
    limiter = RateLimiter("salt", Policy(5, 600))
    counter = limiter.counter("203.0.113.9", "kel-a", now=1200)
    limiter.observe(counter, 4)
    limiter.check(counter, now=1200)
    limiter.observe(counter, 5)
    with pytest.raises(RateLimited):
        limiter.check(counter, now=1300)


def test_an_ipv6_client_is_its_64_and_rotating_inside_it_does_not_help():
    from shared.rules.abuse import client_key

    assert client_key("2001:db8:1:2:aaaa::1") == client_key("2001:db8:1:2:ffff:1:2:3") == "2001:db8:1:2::/64"
    assert client_key("2001:db8:1:3::1") != client_key("2001:db8:1:2::1")
    assert client_key("203.0.113.7") == "203.0.113.7" and client_key("::ffff:203.0.113.7") == "203.0.113.7"
    assert client_key("unknown") == "unknown"
    limiter = abuse.RateLimiter("salt", abuse.Policy(3, 600))
    for i in range(3):
        counter = limiter.counter(f"2001:db8:1:2::{i + 1:x}", "unit", 1000.0)
        limiter.record(counter, 1000.0)
    with pytest.raises(abuse.RateLimited):
        limiter.check(limiter.counter("2001:db8:1:2:9::9", "unit", 1001.0), 1001.0)


def test_lookups_are_capped_per_client_per_window_and_memory_stays_bounded():
    from shared.rules.abuse import LookupLimiter

    limiter = LookupLimiter(limit=3, window_seconds=60, clients_kept=100)
    assert [limiter.wait("10.0.0.1", now=t) for t in (0, 1, 2)] == [0, 0, 0]
    assert limiter.wait("10.0.0.1", now=3) == 57 and limiter.wait("2001:db8::1", now=3) == 0
    assert limiter.wait("2001:db8::2", now=4) == 0  # one /64 is one client
    assert limiter.wait("10.0.0.1", now=60.5) == 0  # the first lookup left the window
    for n in range(500):
        limiter.wait(f"10.1.{n // 256}.{n % 256}", now=200 + n)
    assert len(limiter._seen) <= 101 + 60
