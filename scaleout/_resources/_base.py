"""What every resource mixin of ``Scaleout`` shares: one way to send an operation."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

import httpx

from .._base_client import HTTPCore
from .._exceptions import ScaleoutError
from .._operations import build_request, decode_json
from .._paging import iterate_pages
from .._validation import filters as check_filters
from .._validation import require_int


class Resource:
    """Base of the resource mixins; ``Scaleout`` provides the core and per-call options."""

    _core: HTTPCore
    #: Keyword arguments for every ``HTTPCore.request`` (set by ``Scaleout.with_options``).
    _request_options: dict[str, Any]

    def _send(
        self, operation: str, /, *, extra_params: Mapping[str, str] | None = None, **arguments: Any
    ) -> httpx.Response:
        request = build_request(operation, extra_params=extra_params, **arguments)
        return self._core.request(**request, **self._request_options)

    def _call(
        self,
        operation: str,
        /,
        *,
        extra_params: Mapping[str, str] | None = None,
        expect: type | None = None,
        **arguments: Any,
    ) -> Any:
        """The parsed JSON answer; ``expect`` is the JSON type the spec promises for it."""
        response = self._send(operation, extra_params=extra_params, **arguments)
        result = decode_json(response)
        if expect is not None and (
            not isinstance(result, expect) or (expect is int and isinstance(result, bool))
        ):
            raise ScaleoutError(
                f"{response.request.method} {response.request.url.path} answered "
                f"{response.status_code} with {type(result).__name__} JSON where the API "
                f"promises {expect.__name__}"
            )
        return result

    def _newest_model(self) -> dict[str, Any] | None:
        """The newest model by ``committed_at`` (the one new sessions start from), if any."""
        page = self._call(
            "models.list_models",
            expect=dict,
            x_limit=1,
            x_sort_key="committed_at",
            x_sort_order="desc",
        )
        found = page.get("result") or []
        return dict(found[0]) if found else None

    def _list(self, operation: str, /, n_max: int | None, **arguments: Any) -> Any:
        """One ``{count, result}`` page, newest first, like the documented client."""
        if n_max:
            arguments["x_limit"] = n_max
        return self._call(operation, expect=dict, **arguments)

    def _walk(
        self,
        operation: str,
        /,
        page_size: int,
        *,
        filters: Mapping[str, object] | None = None,
        **arguments: Any,
    ) -> Iterator[dict[str, Any]]:
        """Every matching item, oldest first, ``page_size`` per request.

        Checked here, not on first ``next()``, so a bad argument fails at the call site.
        """
        size = require_int("page_size", page_size, minimum=1)
        assert size is not None
        extra_params = check_filters("filters", filters)

        def fetch(limit: int, skip: int) -> Any:
            return self._call(
                operation,
                expect=dict,
                extra_params=extra_params,
                x_limit=limit,
                x_skip=skip,
                x_sort_key="committed_at",
                x_sort_order="asc",
                **arguments,
            )

        return iterate_pages(fetch, size)
