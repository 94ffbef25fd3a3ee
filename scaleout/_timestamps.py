"""The API's two timestamp formats, read as timezone-aware ``datetime``\\s.

Entity fields (``committed_at``, ``updated_at``, ``last_seen``) come as RFC 1123 HTTP-dates,
``Wed, 04 Mar 2026 16:43:40 GMT`` (how the controller's web framework writes datetimes), and
event fields (``timestamp``) as RFC 3339 strings, ``2026-03-04T16:43:40.123456Z`` (written by
its gRPC layer).
"""

from __future__ import annotations

import datetime as dt
import email.utils

__all__ = ["parse_timestamp"]


def parse_timestamp(value: object) -> dt.datetime | None:
    """``value`` (either format) as an aware ``datetime``, UTC when the text names no zone;
    None for None, an empty string or text in neither format (server data is read, never
    refused)."""
    if isinstance(value, dt.datetime):
        return value if value.tzinfo is not None else value.replace(tzinfo=dt.UTC)
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    parsed: dt.datetime | None = None
    if text[:1].isdigit():
        try:
            parsed = dt.datetime.fromisoformat(text)
        except ValueError:
            parsed = None
    else:
        try:
            parsed = email.utils.parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            parsed = None
    if parsed is None:
        return None
    return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=dt.UTC)
