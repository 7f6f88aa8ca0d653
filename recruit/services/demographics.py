"""The voluntary self-identification question the careers page and campus sign-up both ask (read only by the bias
audit, never by scoring), kept apart so neither front door needs the other."""
from __future__ import annotations

from recruit.services.text import squash

DEMOGRAPHIC_QUESTION = "How do you describe your gender?"
DEMOGRAPHIC_CHOICES = ["Woman", "Man", "Non-binary", "Prefer to self-describe", "Prefer not to say"]
SELF_DESCRIBE = "Prefer to self-describe"


def self_described(group: str | None, text: str | None) -> str | None:
    """The words of someone who chose "Prefer to self-describe" (nobody else's), for the bias audit only."""
    return (squash(text)[:200] or None) if group == SELF_DESCRIBE else None
