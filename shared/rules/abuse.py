"""Abuse controls that never burden a real respondent: no captcha, nothing to solve.

- a honeypot field people never see or fill;
- a minimum fill time, from a signed timestamp embedded in the form;
- per-client, per-unit rate limits over two windows, keyed by a salted hash (raw addresses are
  never stored); an IPv6 client is its /64. A short window stops a script's burst (10 in 100 s:
  one address behind a carrier's NAT or a counter's Wi-Fi rarely sends more; bench/abuse.py
  measures both sides), a day's window caps what a patient script gets;
- a registered kiosk (shared.rules.devices) is counted by its device, at its own pace, instead;
Answering the same everywhere is not flagged: satisfied citizens behind one address (a busy
counter's Wi-Fi, a carrier's NAT) do exactly that, and excluding them biased the index down.
Flagged responses are stored and excluded from the indices by the aggregation.
"""

from __future__ import annotations

import hashlib
import ipaddress
import time
from collections import deque
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime

from shared.rules.vocabulary import FLAG_HONEYPOT, FLAG_NO_FORM_TOKEN, FLAG_TOO_FAST

HONEYPOT_FIELD = "website"
MIN_FILL_SECONDS = 5  # nine questions cannot honestly be answered faster


def honeypot_flags(fields: Mapping[str, str]) -> list[str]:
    """The honeypot's flag when a bot filled the field people never see (a kiosk checks only this)."""
    return [FLAG_HONEYPOT] if fields.get(HONEYPOT_FIELD, "").strip() else []


def form_flags(fields: Mapping[str, str], issued: datetime | None, now: float | None = None) -> list[str]:
    """Flags for a plain form post: honeypot filled, no valid token (`issued` is when the form
    was served, from its token: shared.signing.form_issued), or filled too fast."""
    flags = honeypot_flags(fields)
    if issued is None:
        return flags + [FLAG_NO_FORM_TOKEN]
    if (time.time() if now is None else now) - issued.timestamp() < MIN_FILL_SECONDS:
        flags.append(FLAG_TOO_FAST)
    return flags


def client_key(address: str) -> str:
    """Who a rate limit counts: an IPv4 address, or an IPv6 address's /64 network.

    One IPv6 subscriber or LAN gets a whole /64 and can rotate through it freely, so counting
    single IPv6 addresses lets one client through unlimited; anything unparsable counts as itself.
    """
    try:
        parsed = ipaddress.ip_address(address.strip().strip("[]"))
    except ValueError:
        return address
    if isinstance(parsed, ipaddress.IPv6Address):
        if parsed.ipv4_mapped is not None:  # ::ffff:a.b.c.d is an IPv4 client
            return str(parsed.ipv4_mapped)
        return str(ipaddress.ip_network(f"{parsed}/64", strict=False))
    return str(parsed)


@dataclass(frozen=True)
class Policy:
    limit: int = 10  # responses per client and unit per window
    window_seconds: int = 100

    @classmethod
    def parse(cls, text: str) -> Policy:
        """ "6/60" = 6 responses per 60 seconds."""
        limit, _, window = text.partition("/")
        policy = cls(int(limit), int(window or 600))
        if policy.limit < 1 or policy.window_seconds < 1:
            raise ValueError(f"bad rate limit {text!r}: want LIMIT/SECONDS")
        return policy

    def window_start(self, now: float) -> int:
        return int(now) // self.window_seconds * self.window_seconds


@dataclass(frozen=True)
class Counter:
    """The Firestore counter of one client, unit and window."""

    key: str
    expires_at: float  # for the TTL policy that deletes old counters


class RateLimited(Exception):
    def __init__(self, retry_after: int):
        self.retry_after = retry_after
        super().__init__(f"retry after {retry_after} s")


@dataclass
class RateLimiter:
    """Per-instance view of the shared per-client counters.

    Almost every respondent sends one survey, so the shared counter is not written for
    a client's first few responses on an instance: those cost the response write alone.
    From the `shared_from`-th response on, the counter write joins the response's
    commit (one round trip) and its new value comes back with it: the local responses
    not yet counted are added at once, then one per response. Once the shared count
    reaches the limit, this instance refuses the client until the window ends; other
    instances learn on their next counted commit. A client spread over several
    instances can therefore exceed the limit by at most `shared_from` responses per
    instance.
    """

    salt: str
    policy: Policy = field(default_factory=Policy)
    shared_from: int = 3
    _local: dict[str, int] = field(default_factory=dict)
    _blocked: dict[str, float] = field(default_factory=dict)
    _expiry: dict[str, float] = field(default_factory=dict)

    def counter(self, client_address: str, unit_id: str, now: float | None = None) -> Counter:
        now = time.time() if now is None else now
        window = self.policy.window_start(now)
        client = client_key(client_address)
        scope = f"{self.salt}\n{unit_id}\n{client}\n{self.policy.window_seconds}\n{window}"
        digest = hashlib.sha256(scope.encode()).hexdigest()[:40]
        return Counter(digest, window + self.policy.window_seconds)

    def check(self, counter: Counter, now: float | None = None) -> None:
        now = time.time() if now is None else now
        until = self._blocked.get(counter.key)
        if until is not None and now < until:
            raise RateLimited(max(1, int(until - now + 0.999)))

    def record(self, counter: Counter, now: float | None = None) -> int:
        """Count one accepted response locally; return how much to add to the shared counter."""
        self._forget_expired(time.time() if now is None else now)
        local = self._local.get(counter.key, 0) + 1
        self._local[counter.key] = local
        self._expiry[counter.key] = counter.expires_at
        if local >= self.policy.limit:
            self._blocked[counter.key] = counter.expires_at
        if local < self.shared_from:
            return 0
        return local if local == self.shared_from else 1

    def unrecord(self, counter: Counter) -> None:
        """Take back a `record` whose response was a retry of a stored one."""
        local = self._local.get(counter.key, 0) - 1
        if local > 0:
            self._local[counter.key] = local
        else:
            self._local.pop(counter.key, None)

    def local_count(self, counter: Counter) -> int:
        return self._local.get(counter.key, 0)

    def observe(self, counter: Counter, shared_count: int) -> None:
        """The shared counter's value after our commit."""
        if shared_count >= self.policy.limit:
            self._blocked[counter.key] = counter.expires_at

    def _forget_expired(self, now: float) -> None:
        if len(self._expiry) < 4096:
            return
        for key in [key for key, until in self._expiry.items() if until <= now]:
            self._expiry.pop(key, None)
            self._local.pop(key, None)
            self._blocked.pop(key, None)


def limiters(salt: str, text: str) -> tuple[RateLimiter, ...]:
    """ "6/60,400/86400": one limiter per window, every one of which a client must be inside."""
    return tuple(RateLimiter(salt, Policy.parse(part.strip())) for part in text.split(","))


@dataclass
class LookupLimiter:
    """A client's lookups (receipt codes) capped at `limit` a `window_seconds`, on this instance:
    a person checks a code or two; a script guessing codes gets 429. Instances do not share it,
    so a deployment's cap is this times its instances (max 20 for submit), still far below what
    guessing an 8-letter code from 25 letters would need."""

    limit: int = 20
    window_seconds: float = 60.0
    clients_kept: int = 10_000  # memory stays bounded under a flood of addresses
    _seen: dict[str, deque[float]] = field(default_factory=dict)

    def wait(self, client_address: str, now: float | None = None) -> int:
        """0 if the lookup may go ahead (and it is counted), else the seconds until one may."""
        now = time.monotonic() if now is None else now
        times = self._seen.setdefault(client_key(client_address), deque())
        while times and times[0] <= now - self.window_seconds:
            times.popleft()
        if len(times) >= self.limit:
            return max(1, int(times[0] + self.window_seconds - now + 0.999))
        times.append(now)
        if len(self._seen) > self.clients_kept:
            self._seen = {
                key: seen for key, seen in self._seen.items() if seen and seen[-1] > now - self.window_seconds
            }
        return 0
