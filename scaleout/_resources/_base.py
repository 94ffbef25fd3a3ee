"""What every resource mixin of the clients shares: one way to send an operation.

A method is defined once, as steps (see ``_methods``), for ``Scaleout`` and ``AsyncScaleout``
alike. It builds its request with the generated operation's ``build_request`` (imported inside
the method, so ``import scaleout`` loads no generated module and mypy checks every argument
against the spec) and sends it with :meth:`Resource._call`, whose result type is the
operation's success JSON as ``scaleout_api.schemas`` types it.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Protocol, Self, TypeVar

from .. import _validation as check
from .._base_client import Caller
from .._exceptions import (
    APIResponseValidationError,
    BadRequestError,
    InvalidArgumentError,
    NotFoundError,
    UnsupportedOperationError,
)
from .._filters import equality_filters, matches
from .._methods import Listing, StepsHolder
from .._paging import Page
from .._shaping import encode_query
from .._steps import Steps

if TYPE_CHECKING:
    from scaleout_api.operation import OperationRequest
    from scaleout_api.schemas import Helper, Model, SortOrder
    from scaleout_api.types import Unset

T = TypeVar("T")
Item = TypeVar("Item")
T_co = TypeVar("T_co", covariant=True)
PageT = TypeVar("PageT")


class PageRequest(Protocol[PageT]):
    """A list operation's ``build_request``, with its other parameters already bound."""

    def __call__(
        self,
        *,
        x_limit: int | Unset = ...,
        x_skip: int | Unset = ...,
        x_sort_key: str | Unset = ...,
        x_sort_order: SortOrder | Unset = ...,
    ) -> OperationRequest[PageT]: ...


def given(value: T | None) -> T | Unset:
    """``value``, or the generated client's "not set" marker for None (which a generated
    builder would otherwise send, e.g. as the header ``X-Limit: None``)."""
    from scaleout_api.types import UNSET

    return UNSET if value is None else value


def optional_text(name: str, value: object) -> str | Unset:
    """An optional string argument (checked, named ``name`` in errors) for a generated builder."""
    return given(check.optional_str(name, value))


class Resource(StepsHolder):
    """Base of the resource mixins. A method body's ``self`` is a steps view of the client:
    ``_caller`` is the client's core with its per-call options (see ``with_options``)."""

    _caller: Caller

    def _call(
        self,
        request: OperationRequest[T],
        /,
        *,
        extra_params: Mapping[str, object] | None = None,
        idempotent: bool = False,
    ) -> Steps[T]:
        """Send ``request`` and return its JSON answer (see :meth:`Caller.call`)."""
        return self._caller.call(request, extra_params=extra_params, idempotent=idempotent)

    def _within(self, seconds: float) -> Self:
        """This view with every call also over within ``seconds`` from now."""
        held = copy.copy(self)
        held._caller = self._caller.with_options(self._caller.options.within(seconds))
        return held

    def _newest_model(self) -> Steps[Model | None]:
        """The newest model by ``committed_at`` (the one new sessions start from), if any."""
        from scaleout_api.api.models import list_models

        request = list_models.build_request(
            x_limit=1, x_sort_key="committed_at", x_sort_order="desc"
        )
        page = yield from self._call(request)
        found = page.get("result") or []
        return found[0] if found else None

    def _current_helper(self) -> Steps[Helper | None]:
        """The server's active helper; None when it has none (or no helper route)."""
        from scaleout_api.api.helpers import get_active_helper

        try:
            helper = yield from self._call(get_active_helper.build_request())
        except (
            NotFoundError,
            BadRequestError,
            UnsupportedOperationError,
            APIResponseValidationError,
        ):
            return None
        return helper or None

    def _walk(
        self,
        build: PageRequest[Page[Item]],
        /,
        page_size: int,
        filters: Mapping[str, object] | None,
    ) -> Listing[Item]:
        """Every matching item, oldest first, ``page_size`` per request.

        Checked here, not on first ``next()``, so a bad argument fails at the call site.
        """
        size = check.require_int("page_size", page_size, minimum=1)
        assert size is not None
        extra_params = check.filters("filters", filters)

        def fetch(limit: int, skip: int) -> Steps[Page[Item]]:
            request = build(
                x_limit=limit, x_skip=skip, x_sort_key="committed_at", x_sort_order="asc"
            )
            return self._caller.call(request, extra_params=extra_params, check_filters=False)

        # The filters as they go on the wire, to keep only the items that match them when a
        # controller ignores some (see ``_filters``).
        sent = {**(build().kwargs.get("params") or {}), **extra_params}
        wanted = equality_filters(encode_query(sent) or [])
        if not wanted:
            return Listing(fetch, size)
        return Listing(fetch, size, lambda item: matches(item, wanted))


class _FromDict(Protocol[T_co]):
    def from_dict(self, src_dict: Mapping[str, Any], /) -> T_co: ...


def request_body(argument: str, model: _FromDict[T], payload: Mapping[str, Any]) -> T:
    """The generated request model ``model`` of a dict the caller passed as ``argument``.

    Keys the schema does not name travel as additional properties. A value outside one of the
    spec's enums is refused here, naming the argument, before anything is sent.
    """
    try:
        return model.from_dict(payload)
    except (TypeError, ValueError, KeyError) as exc:
        raise InvalidArgumentError(f"{argument}: {exc}") from exc
