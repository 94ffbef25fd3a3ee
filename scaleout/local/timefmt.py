"""The two timestamp formats of the API.

Datetime fields (``committed_at``, ``updated_at``, ``last_seen``) are RFC 1123 HTTP-dates, the
way Flask serialises Python datetimes on the real controller; ``timestamp`` fields come from
the gRPC layer there and are RFC 3339 strings.
"""

from __future__ import annotations

import datetime as _dt
import email.utils

__all__ = ["http_date", "parse_timestamp", "rfc3339"]


def http_date(epoch: float) -> str:
    """``Wed, 04 Mar 2026 16:43:40 GMT``."""
    return email.utils.formatdate(epoch, usegmt=True)


def rfc3339(epoch: float) -> str:
    """``2026-03-04T16:43:40.123456Z``."""
    moment = _dt.datetime.fromtimestamp(epoch, tz=_dt.UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def parse_timestamp(text: str) -> float | None:
    """Seconds since the epoch of an HTTP-date or an ISO 8601 string, or None."""
    text = text.strip()
    if not text:
        return None
    try:
        parsed = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        parsed = None
    if parsed is None:
        try:
            parsed = _dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError:
            return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=_dt.UTC)
    return parsed.timestamp()
