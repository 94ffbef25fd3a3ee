"""Names of the httpx request extensions through which the SDK's layers pass per-request facts.

The HTTP core sets them, the retry transport and the error mapping read them; keeping the names
here lets those modules agree without importing one another.
"""

from __future__ import annotations

from typing import Final

__all__ = [
    "DEADLINE",
    "IDEMPOTENT",
    "MAX_RETRIES",
    "OPERATION",
    "STREAM",
    "TOKEN_REFRESH",
    "UNBOUNDED",
]

#: ``int``: retries allowed for this request, instead of the transport's default.
MAX_RETRIES: Final = "scaleout_max_retries"
#: ``bool``: the request may be repeated whatever its method (e.g. an upload chunk, whose index
#: makes a resend harmless).
IDEMPOTENT: Final = "scaleout_idempotent"
#: ``True`` on the token-refresh exchange an auth flow sends, so errors can say so.
TOKEN_REFRESH: Final = "scaleout_token_refresh"
#: ``float``: the ``time.monotonic()`` by which the call must be over (see RELIABILITY.md).
DEADLINE: Final = "scaleout_deadline"
#: ``True`` when the caller reads the body itself, as it arrives (a download): the transport
#: then neither reads it first nor holds it to the deadline.
STREAM: Final = "scaleout_stream"
#: ``str``: the spec's operationId of the request, so an answer meaning "no such route" can
#: name the operation the controller lacks.
OPERATION: Final = "scaleout_operation"
#: ``True`` when the request's body is a whole file (a multipart upload): the call then has no
#: total time limit of its own, only its phase timeouts (each write, the wait for the answer),
#: like a chunked upload, whose requests are each short.
UNBOUNDED: Final = "scaleout_unbounded"
