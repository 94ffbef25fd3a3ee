"""Exception hierarchy of the scaleout SDK.

Every error the SDK raises derives from :class:`ScaleoutError`:

* a bad argument, found before anything is sent: :class:`InvalidArgumentError` (also a
  ``ValueError``) or :class:`ArgumentTypeError` (also a ``TypeError``); a file argument that
  names no readable file: :class:`MissingFileError` (also a ``FileNotFoundError``);
* no HTTP answer: :class:`APIConnectionError` (or :class:`APITimeoutError`); an answer whose
  body broke off after the headers arrived: :class:`DownloadError`, also an
  :class:`APIConnectionError`;
* an error status: the :class:`APIStatusError` subclass chosen by :func:`make_status_error`.

Messages are built only from the method, the URL (without userinfo) and the server's own
message, so no credential sent in a header or body can leak through ``str(exc)``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import Any, Final, TypeVar

import httpx

from . import _extensions
from ._conformance import problem_with

__all__ = [
    "APIConnectionError",
    "APIResponseValidationError",
    "APIStatusError",
    "APITimeoutError",
    "ArgumentTypeError",
    "AuthenticationError",
    "BadRequestError",
    "ClientClosedError",
    "ConflictError",
    "DownloadError",
    "InternalServerError",
    "InvalidArgumentError",
    "MissingExtraError",
    "MissingFileError",
    "NotFoundError",
    "PayloadTooLargeError",
    "PermissionDeniedError",
    "REQUEST_ID_HEADERS",
    "RateLimitError",
    "ScaleoutError",
    "SessionStateError",
    "TokenRefreshError",
    "UnsupportedFilterError",
    "UnsupportedOperationError",
    "UploadError",
    "WaitTimeoutError",
    "REDACTED",
    "body_error",
    "check_answer",
    "connection_error",
    "content_length",
    "credentials_of",
    "extract_error_message",
    "failed_request",
    "make_status_error",
    "redact",
    "request_id_of",
    "safe_url",
    "sanitized",
]

_T = TypeVar("_T")

# Long enough for a useful server sentence, short enough for one log line.
_MAX_MESSAGE_CHARS: Final = 200


class ScaleoutError(Exception):
    """Base class of every error raised by the scaleout SDK.

    Every SDK error pickles and unpickles with its attributes (keyword-only constructors
    would otherwise break ``pickle``, e.g. across ``multiprocessing``).
    """

    def __reduce__(self) -> tuple[Any, ...]:
        return (_restore, (type(self), self.args, dict(self.__dict__)))


class InvalidArgumentError(ScaleoutError, ValueError):
    """An argument has a value the SDK refuses; nothing was sent. The message names it."""


class ArgumentTypeError(ScaleoutError, TypeError):
    """An argument has the wrong type; nothing was sent. The message names it."""


class MissingFileError(InvalidArgumentError, FileNotFoundError):
    """A file argument names no readable file.

    It is a ``FileNotFoundError`` (what Python code expects of a missing file) as well as an
    :class:`InvalidArgumentError` (what the SDK raises for every bad argument).
    """


class APIConnectionError(ScaleoutError):
    """The request did not produce an HTTP response (DNS, refused connection, reset, TLS...)."""

    method: str
    url: str

    def __init__(
        self,
        *,
        method: str,
        url: str,
        cause: BaseException | None = None,
        message: str | None = None,
    ) -> None:
        self.method = method
        self.url = url
        if message is None:
            what = "timed out" if isinstance(self, TimeoutError) else "failed"
            message = f"{method} {url} {what}"
            if cause is not None:
                message = f"{message}: {_describe_cause(cause)}"
        super().__init__(message)


class APITimeoutError(APIConnectionError, TimeoutError):
    """The request timed out (connect, read, write or waiting for a pooled connection)."""


#: Response headers in which servers and the proxies in front of them name a request, for
#: their logs; the first one present is the error's ``request_id``.
REQUEST_ID_HEADERS: Final = ("x-request-id", "request-id", "x-correlation-id")


def request_id_of(response: httpx.Response | None) -> str | None:
    """The id the server gave ``response`` (see :data:`REQUEST_ID_HEADERS`), if any."""
    if response is None:
        return None
    for name in REQUEST_ID_HEADERS:
        value = response.headers.get(name, "").strip()
        if value:
            return _truncate(value)
    return None


class APIStatusError(ScaleoutError):
    """The server answered with an error status (>= 400).

    ``message`` is the server's own message; ``str(exc)`` adds status, method and URL, and the
    server's ``request_id`` when it sent one (quote it when asking its operators).
    """

    status_code: int
    method: str
    url: str
    message: str
    body: object | None
    response: httpx.Response | None
    #: The id the server gave the request (an ``X-Request-ID`` header...), or None.
    request_id: str | None

    def __init__(
        self,
        message: str,
        *,
        status_code: int,
        method: str,
        url: str,
        body: object | None = None,
        response: httpx.Response | None = None,
        description: str | None = None,
        request_id: str | None = None,
    ) -> None:
        self.status_code = status_code
        self.method = method
        self.url = url
        self.message = message
        self.body = body
        self.response = response
        self.request_id = request_id if request_id is not None else request_id_of(response)
        if description is None:
            reason = httpx.codes.get_reason_phrase(status_code)
            status = f"{status_code} {reason}" if reason else str(status_code)
            description = f"{status} for {method} {url}: {message}"
        if self.request_id is not None:
            description = f"{description} (request id {self.request_id})"
        super().__init__(description)


class BadRequestError(APIStatusError):
    """400: the server rejected the request as malformed or invalid."""


class AuthenticationError(APIStatusError):
    """401: missing, invalid or expired credentials."""


class TokenRefreshError(AuthenticationError):
    """The token endpoint rejected the refresh token (or answered unusably).

    ``status_code`` is the token endpoint's status, which need not be 401.
    """


class PermissionDeniedError(APIStatusError):
    """403: authenticated but not allowed (e.g. wrong token role)."""


class NotFoundError(APIStatusError):
    """404: no such entity or route."""


class ConflictError(APIStatusError):
    """409: the request conflicts with the current state of the resource."""


class PayloadTooLargeError(APIStatusError):
    """413: the request body is larger than the server (or a proxy) accepts."""


class RateLimitError(APIStatusError):
    """429: too many requests."""


class InternalServerError(APIStatusError):
    """Any 5xx status."""


class UnsupportedOperationError(APIStatusError):
    """The controller does not have this operation of the API: it answered a route the spec
    has with 405 or 501, or with a 404 that is not JSON (a web framework's page for an unknown
    route, as FEDn servers answer the upload, control and command routes).

    ``operation`` is the spec's operationId; the message says which controller, which
    operation and what it answered.
    """

    operation: str


class APIResponseValidationError(ScaleoutError):
    """A success answer whose body is not what the API promises: not JSON, or JSON of another
    shape than the spec's (a missing required field, a string where a list belongs, null
    where null is not allowed...). ``body`` is the offending answer (parsed JSON, or text)."""

    status_code: int
    method: str
    url: str
    body: object | None

    def __init__(
        self, message: str, *, status_code: int, method: str, url: str, body: object = None
    ) -> None:
        self.status_code = status_code
        self.method = method
        self.url = url
        self.body = body
        super().__init__(message)


class UnsupportedFilterError(APIResponseValidationError):
    """The controller ignored a filter of a list call: its answer holds items that do not
    match it (FEDn 0.33 on SQL storage ignores filters on nested fields such as
    ``sender.client_id``). Raised when the answer was a limited page, which the unmatched
    items have filled; the ``iter_*`` methods filter on the client and give the right items.
    ``filters`` are the ignored filters' names."""

    filters: tuple[str, ...]


class ClientClosedError(ScaleoutError, RuntimeError):
    """The client was closed: before the call, or while the call was in flight."""


class UploadError(ScaleoutError):
    """A file upload could not be completed."""


class DownloadError(APIConnectionError):
    """The body of an answer broke off, or ended short of its ``Content-Length``.

    The one error for a failure after the status and headers arrived: a reset or timeout
    while the body streams, or a body shorter than announced. ``received`` is the number of
    body bytes that arrived, ``expected`` the announced length (None when unknown). A download
    that fails this way leaves no partial file.
    """

    received: int
    expected: int | None

    def __init__(
        self,
        *,
        method: str,
        url: str,
        received: int,
        expected: int | None = None,
        cause: BaseException | None = None,
        message: str | None = None,
    ) -> None:
        self.received = received
        self.expected = expected
        of = f" of {expected}" if expected is not None else ""
        if message is None:
            message = f"{method} {url}: the body broke off after {received}{of} bytes"
            if cause is not None:
                message = f"{message}: {_describe_cause(cause)}"
        super().__init__(method=method, url=url, cause=cause, message=message)


class MissingExtraError(ScaleoutError, ImportError):
    """A feature needs an optional extra that is not installed; the message names the extra
    and the ``pip install`` that adds it. Raised before anything is sent."""

    extra: str

    def __init__(self, message: str, *, extra: str) -> None:
        self.extra = extra
        super().__init__(message)


class WaitTimeoutError(ScaleoutError, TimeoutError):
    """Waiting for a server-side state (e.g. a session to finish) took too long."""


class SessionStateError(ScaleoutError):
    """A session is in a state that does not allow what was asked (e.g. it failed)."""

    status: str

    def __init__(self, message: str, *, status: str) -> None:
        self.status = status
        super().__init__(message)


_STATUS_CLASSES: Final[dict[int, type[APIStatusError]]] = {
    400: BadRequestError,
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    409: ConflictError,
    413: PayloadTooLargeError,
    429: RateLimitError,
}


def make_status_error(
    response: httpx.Response,
    *,
    secrets: Iterable[str] = (),
    operation: str | None = None,
    controller: str | None = None,
) -> APIStatusError:
    """Build the :class:`APIStatusError` subclass matching ``response.status_code``.

    Reads the body first if the response is streamed. Never raises for odd bodies: HTML pages
    from proxies, truncated JSON or unreadable streams all yield a readable ``message``.
    ``secrets`` (the credentials the request carried) are replaced by ``<redacted>`` wherever
    a server echoes them: in the message, the body and the response the error keeps, whose
    request has no ``Authorization`` or ``Cookie`` header left.

    ``operation`` (the operationId of a spec operation) and ``controller`` (the base URL) make
    an answer meaning "no such route" an :class:`UnsupportedOperationError` that says so.
    """
    body, message = extract_error_message(response)
    known = _known(secrets)
    message, body = redact(message, known), redact(body, known)
    response = sanitized(response, known)
    status = response.status_code
    method, url = _request_target(response)
    description = None
    if operation is not None and _no_such_route(status, body):
        cls: type[APIStatusError] = UnsupportedOperationError
        path = httpx.URL(url).path if url != "?" else "?"
        where = f"at {safe_url(controller)} " if controller else ""
        description = (
            f"the controller {where}does not support {operation} "
            f"({method} {path} answered {status}: {message})"
        )
    else:
        cls = _STATUS_CLASSES.get(status) or (
            InternalServerError if status >= 500 else APIStatusError
        )
    error = cls(
        message,
        status_code=status,
        method=method,
        url=url,
        body=body,
        response=response,
        description=description,
    )
    if isinstance(error, UnsupportedOperationError):
        error.operation = str(operation)
    return error


def _no_such_route(status: int, body: object) -> bool:
    """Whether an error answer to a spec operation says the controller lacks the route: a 405
    or 501 always, a 404 only when it is not JSON (a JSON 404 is "no such entity")."""
    if status in (405, 501):
        return True
    return status == 404 and not isinstance(body, (dict, list))


def extract_error_message(response: httpx.Response) -> tuple[object | None, str]:
    """Return ``(body, message)`` for an error response; the body is parsed JSON or text."""
    try:
        response.read()
        text = response.text
    except (
        httpx.HTTPError,
        httpx.StreamError,
        UnicodeDecodeError,
        LookupError,
        RuntimeError,  # an async body that could not be read, seen from sync code
    ) as exc:
        # A stream already consumed or dropped mid-read still deserves a status error.
        return None, f"response body unavailable ({type(exc).__name__})"

    content_type = response.headers.get("content-type", "").split(";")[0].strip().lower()
    stripped = text.strip()
    if "json" in content_type or stripped[:1] in ("{", "["):
        try:
            parsed: object = json.loads(text)
        except ValueError:
            pass
        else:
            return parsed, _message_from_json(parsed)

    if not stripped:
        where = f" ({content_type})" if content_type else ""
        return (text or None), f"empty response body{where}"
    if "html" in content_type or stripped.startswith("<"):
        readable = _html_to_text(stripped)
    else:
        readable = " ".join(stripped.split())
    kind = content_type or "unknown content type"
    return text, f"{_truncate(readable)} (non-JSON response, {kind})"


def safe_url(url: httpx.URL | str) -> str:
    """``url`` as text without userinfo, so credentials embedded in a URL never get printed."""
    parsed = httpx.URL(url) if isinstance(url, str) else url
    if parsed.userinfo:
        parsed = parsed.copy_with(username=None, password=None)
    return str(parsed)


def _request_target(response: httpx.Response) -> tuple[str, str]:
    try:
        request = response.request
    except RuntimeError:  # a Response built by hand has no request
        return "?", "?"
    return request.method, safe_url(request.url)


def _message_from_json(parsed: object) -> str:
    if isinstance(parsed, dict):
        for key in ("message", "error", "detail"):
            value = parsed.get(key)
            if isinstance(value, str) and value.strip():
                return _truncate(value.strip())
            if isinstance(value, dict) and isinstance(value.get("message"), str):
                return _truncate(value["message"].strip())
    if isinstance(parsed, str) and parsed.strip():
        return _truncate(parsed.strip())
    return _truncate(json.dumps(parsed, separators=(",", ":"), ensure_ascii=False))


# Patterns as text, compiled by `re` (and cached there) on the first error page: compiling
# them at import would cost every `import scaleout`.
_DROP_BLOCKS = r"<(script|style|head)\b[^>]*>.*?</\1\s*>|<!--.*?-->"
_TITLE = r"<title\b[^>]*>(.*?)</title\s*>"
_TAG = r"<[^>]+>"
_HTML_FLAGS = re.I | re.S


def _html_to_text(markup: str) -> str:
    import html  # here: only error pages need it, and every import of the SDK would pay

    title_match = re.search(_TITLE, markup, _HTML_FLAGS)
    title = " ".join(html.unescape(title_match.group(1)).split()) if title_match else ""
    without_title = re.sub(_TITLE, " ", markup, flags=_HTML_FLAGS)
    text = re.sub(_TAG, " ", re.sub(_DROP_BLOCKS, " ", without_title, flags=_HTML_FLAGS))
    body = " ".join(html.unescape(text).split())
    # Proxy error pages usually repeat the <title> as <h1>; avoid saying it twice.
    if title and not body.startswith(title):
        return f"{title}: {body}" if body else title
    return body or title or "HTML page without text"


def _truncate(text: str) -> str:
    if len(text) <= _MAX_MESSAGE_CHARS:
        return text
    return text[: _MAX_MESSAGE_CHARS - 3].rstrip() + "..."


def _describe_cause(cause: BaseException) -> str:
    text = str(cause).strip()
    name = type(cause).__name__
    return f"{name}: {text}" if text else name


# --- mapping failures of a request to SDK errors -------------------------------------------


def content_length(response: httpx.Response) -> int | None:
    """The announced length of the decoded body, or None when it is unknown."""
    value = response.headers.get("content-length")
    if value is None or "content-encoding" in response.headers:
        # A compressed body's length says nothing about the decoded bytes.
        return None
    try:
        return int(value)
    except ValueError:
        return None


def failed_request(exc: httpx.RequestError) -> httpx.Request | None:
    try:
        return exc.request
    except RuntimeError:  # raised by httpx when the exception carries no request
        return None


def connection_error(exc: httpx.RequestError, fallback: httpx.Request) -> APIConnectionError:
    """The SDK error for an httpx failure to get a response to ``fallback``."""
    # During a token refresh the failing request is the refresh, not the caller's request.
    request = failed_request(exc) or fallback
    during = " during token refresh" if request.extensions.get(_extensions.TOKEN_REFRESH) else ""
    cls = APITimeoutError if isinstance(exc, httpx.TimeoutException) else APIConnectionError
    what = "timed out" if cls is APITimeoutError else "failed"
    return cls(
        method=request.method,
        url=safe_url(request.url),
        cause=exc,
        message=f"{request.method} {safe_url(request.url)} {what}{during}: {_describe_cause(exc)}",
    )


def body_error(exc: httpx.RequestError, response: httpx.Response) -> DownloadError:
    """The SDK error for ``response``'s body breaking off with ``exc``."""
    request = response.request
    received = response.num_bytes_downloaded
    return DownloadError(
        method=request.method,
        url=safe_url(request.url),
        received=received,
        expected=content_length(response),
        cause=exc,
        message=f"{request.method} {safe_url(request.url)} failed: {_describe_cause(exc)} "
        f"(after {received} bytes of the body)",
    )


def check_answer(
    response: httpx.Response,
    expect: type | None,
    shape: object = None,
    *,
    secrets: Iterable[str] = (),
) -> Any:
    """The parsed JSON of a successful ``response``.

    ``expect`` is the Python type of the promised JSON (``dict``, ``list``, ``int``...) and
    ``shape`` its full type from the spec (a ``scaleout_api.schemas`` type); None accepts any.
    An empty body is ``None``. Raises :class:`APIResponseValidationError`, with the body, for
    an answer that is not JSON or not of that shape, so a proxy's HTML page, a wrong route or a
    server of another version never reaches the caller as if it were data.
    """
    request = response.request
    where = f"{request.method} {request.url.path} answered {response.status_code}"
    result: Any = None
    if response.content:
        try:
            result = response.json()
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            content_type = response.headers.get("content-type", "unknown content type")
            text = redact(response.text[:_MAX_MESSAGE_CHARS], secrets)
            problem = f"{where} with a body that is not JSON ({content_type})"
            raise _invalid(response, problem, text) from exc
    if expect is not None and not _is_a(result, expect):
        problem = (
            f"{where} with {type(result).__name__} JSON where the API promises {expect.__name__}"
        )
        raise _invalid(response, problem, redact(result, secrets))
    if shape is not None and (wrong := problem_with(result, shape)) is not None:
        raise _invalid(
            response,
            f"{where} with JSON the API does not promise: {wrong}",
            redact(result, secrets),
        )
    return result


def _is_a(value: object, expect: type) -> bool:
    if isinstance(value, bool) and expect is not bool:
        return False  # JSON true is not a count
    if expect is float:
        return isinstance(value, (int, float))
    return isinstance(value, expect)


def _invalid(response: httpx.Response, message: str, body: object) -> APIResponseValidationError:
    request = response.request
    return APIResponseValidationError(
        message,
        status_code=response.status_code,
        method=request.method,
        url=safe_url(request.url),
        body=body,
    )


# --- keeping credentials out of errors ------------------------------------------------------

REDACTED: Final = "<redacted>"
# Shorter strings would match innocent text; no real credential is this short.
_MIN_SECRET_LENGTH: Final = 8
_CREDENTIAL_HEADERS: Final = ("authorization", "proxy-authorization", "cookie")


def _known(secrets: Iterable[str]) -> list[str]:
    # Longest first, so a secret that contains another is replaced whole.
    found = {s for s in secrets if isinstance(s, str) and len(s) >= _MIN_SECRET_LENGTH}
    return sorted(found, key=len, reverse=True)


def credentials_of(request: httpx.Request) -> list[str]:
    """The credential values ``request`` carries (the token of its ``Authorization``)."""
    found = []
    for name in _CREDENTIAL_HEADERS:
        value = request.headers.get(name)
        if value:
            found.append(value)
            found.extend(value.split(None, 1)[1:])  # the token without its scheme word
    return found


def redact(value: _T, secrets: Iterable[str]) -> _T:
    """``value`` (text, bytes, or parsed JSON) with every secret replaced by ``<redacted>``."""
    known = _known(secrets)
    if not known:
        return value
    if isinstance(value, str):
        for secret in known:
            value = value.replace(secret, REDACTED)  # type: ignore[assignment]
        return value
    if isinstance(value, bytes):
        for secret in known:
            value = value.replace(secret.encode(), REDACTED.encode())  # type: ignore[assignment]
        return value
    if isinstance(value, dict):
        return {redact(k, known): redact(v, known) for k, v in value.items()}  # type: ignore[return-value]
    if isinstance(value, list):
        return [redact(item, known) for item in value]  # type: ignore[return-value]
    return value


def sanitized(response: httpx.Response, secrets: Iterable[str] = ()) -> httpx.Response:
    """A copy of a read ``response`` that carries no credential: its body with the secrets
    redacted, and a request without body or credential headers."""
    known = _known(secrets)
    try:
        original = response.request
    except RuntimeError:  # a Response built by hand has no request
        original = None
    request = None
    if original is not None:
        headers = [
            (k, v) for k, v in original.headers.items() if k.lower() not in _CREDENTIAL_HEADERS
        ]
        request = httpx.Request(original.method, original.url, headers=headers)
    try:
        content = response.content
    except httpx.ResponseNotRead:
        content = b""
    headers = [(k, redact(v, known)) for k, v in response.headers.items()]
    # The content is already decoded, so its encoding and length headers no longer apply.
    headers = [
        (k, v) for k, v in headers if k.lower() not in ("content-encoding", "content-length")
    ]
    return httpx.Response(
        response.status_code,
        headers=headers,
        content=redact(content, known),
        request=request,
    )


def _restore(cls: type[ScaleoutError], args: tuple[Any, ...], state: dict[str, Any]) -> Any:
    error = cls.__new__(cls)
    error.args = args
    error.__dict__.update(state)
    return error
