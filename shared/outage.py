"""What counts as an outage of a store: the request may succeed soon, so it answers 503 (the
HTTP layer) or a cached copy serves (the units repository), never a 500."""

from __future__ import annotations

# A store that cannot be reached or did not answer in time: the request may succeed soon.
# Named rather than imported, so no cloud library is loaded to recognise one.
OUTAGES = (
    {
        ("google.api_core.exceptions", name)
        for name in (
            "ServiceUnavailable",
            "DeadlineExceeded",
            "RetryError",
            "GatewayTimeout",
            "TooManyRequests",
            "Aborted",  # a transaction that lost to others every time it tried
        )
    }
    | {("requests.exceptions", name) for name in ("ConnectionError", "Timeout")}
    | {("builtins", "TimeoutError")}
)


def is_outage(error: BaseException | None) -> bool:
    """An outage, or an error raised while handling one: a transaction's rollback after its store
    stopped answering raises ValueError("The transaction has no transaction ID…") chained to it."""
    for _ in range(5):
        if error is None:
            return False
        if any((kind.__module__, kind.__name__) in OUTAGES for kind in type(error).__mro__):
            return True
        error = error.__cause__ or error.__context__
    return False
