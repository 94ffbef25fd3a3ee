"""What a successful answer must be: JSON of the type the spec promises for the operation."""

from __future__ import annotations

import json
from typing import Any

import httpx

from ._exceptions import APIResponseValidationError, safe_url

__all__ = ["parse_answer"]


def parse_answer(response: httpx.Response, expect: type | None) -> Any:
    """The parsed JSON of a successful ``response``.

    ``expect`` is the Python type of the promised JSON (``dict``, ``list``, ``int``...), or
    None to accept any. An empty body is ``None``. Raises :class:`APIResponseValidationError`
    for a body that is not JSON or not of that type, so a proxy's HTML page or a wrong route
    never reaches the caller as if it were data.
    """
    request = response.request
    where = f"{request.method} {request.url.path} answered {response.status_code}"
    result: Any = None
    if response.content:
        try:
            result = response.json()
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            content_type = response.headers.get("content-type", "unknown content type")
            raise _invalid(
                response, f"{where} with a body that is not JSON ({content_type})"
            ) from exc
    if expect is not None and not _is_a(result, expect):
        raise _invalid(
            response,
            f"{where} with {type(result).__name__} JSON where the API promises {expect.__name__}",
        )
    return result


def _is_a(value: object, expect: type) -> bool:
    if isinstance(value, bool) and expect is not bool:
        return False  # JSON true is not a count
    if expect is float:
        return isinstance(value, (int, float))
    return isinstance(value, expect)


def _invalid(response: httpx.Response, message: str) -> APIResponseValidationError:
    request = response.request
    return APIResponseValidationError(
        message, status_code=response.status_code, method=request.method, url=safe_url(request.url)
    )
