"""PLACEHOLDER for the notifications app's service contract, so that assistance runs in its branch.

The real implementation (outbox, inbox, channels, escalation) replaces this file at merge.
Both functions accept exactly the agreed keyword arguments and do nothing.
"""


def notify(
    *,
    kind: str,
    target,
    recipients: list,
    message: str,
    params: dict | None = None,
    url: str = "",
    actor=None,
    urgency: str = "routine",
    escalate_to: list | None = None,
) -> None:
    """Placeholder: the real one writes an outbox row in the caller's transaction."""
    return None


def acknowledge(*, target, actor) -> None:
    """Placeholder: the real one stops the escalation of notifications about ``target``."""
    return None
