"""Names of the httpx request extensions through which the SDK's layers pass per-request facts.

The HTTP core sets them, the retry transport and the error mapping read them; keeping the names
here lets those modules agree without importing one another.
"""

from __future__ import annotations

from typing import Final

__all__ = ["IDEMPOTENT", "MAX_RETRIES", "TOKEN_REFRESH"]

#: ``int``: retries allowed for this request, instead of the transport's default.
MAX_RETRIES: Final = "scaleout_max_retries"
#: ``bool``: the request may be repeated whatever its method (e.g. an upload chunk, whose index
#: makes a resend harmless).
IDEMPOTENT: Final = "scaleout_idempotent"
#: ``True`` on the token-refresh exchange an auth flow sends, so errors can say so.
TOKEN_REFRESH: Final = "scaleout_token_refresh"
