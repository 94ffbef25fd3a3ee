from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ... import schemas as _schemas
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.metric_list import MetricList
from ...models.sort_order import SortOrder
from ...operation import OperationRequest, json_kind
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    session_id: str | Unset = UNSET,
    model_id: str | Unset = UNSET,
    round_id: str | Unset = UNSET,
    key: str | Unset = UNSET,
    sender_name: str | Unset = UNSET,
    sender_role: str | Unset = UNSET,
    sender_client_id: str | Unset = UNSET,
    x_limit: int | Unset = UNSET,
    x_skip: int | Unset = UNSET,
    x_sort_key: str | Unset = UNSET,
    x_sort_order: SortOrder | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(x_limit, Unset):
        headers["X-Limit"] = str(x_limit)

    if not isinstance(x_skip, Unset):
        headers["X-Skip"] = str(x_skip)

    if not isinstance(x_sort_key, Unset):
        headers["X-Sort-Key"] = x_sort_key

    if not isinstance(x_sort_order, Unset):
        headers["X-Sort-Order"] = str(x_sort_order)

    params: dict[str, Any] = {}

    params["session_id"] = session_id

    params["model_id"] = model_id

    params["round_id"] = round_id

    params["key"] = key

    params["sender.name"] = sender_name

    params["sender.role"] = sender_role

    params["sender.client_id"] = sender_client_id

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/metrics/",
        "params": params,
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Error | MetricList | None:
    if response.status_code == 200:
        response_200 = MetricList.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = Error.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = Error.from_dict(response.json())

        return response_401

    if response.status_code == 500:
        response_500 = Error.from_dict(response.json())

        return response_500

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Error | MetricList]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    session_id: str | Unset = UNSET,
    model_id: str | Unset = UNSET,
    round_id: str | Unset = UNSET,
    key: str | Unset = UNSET,
    sender_name: str | Unset = UNSET,
    sender_role: str | Unset = UNSET,
    sender_client_id: str | Unset = UNSET,
    x_limit: int | Unset = UNSET,
    x_skip: int | Unset = UNSET,
    x_sort_key: str | Unset = UNSET,
    x_sort_order: SortOrder | Unset = UNSET,
) -> Response[Error | MetricList]:
    """List metrics

     Lists training metrics, filtered by any Metric field (the step is the field `step`).

    Args:
        session_id (str | Unset):
        model_id (str | Unset):
        round_id (str | Unset):
        key (str | Unset):
        sender_name (str | Unset):
        sender_role (str | Unset):
        sender_client_id (str | Unset):
        x_limit (int | Unset): The most items one page holds; 0 means no limit. Example: 100.
        x_skip (int | Unset): How many matching items come before the page. Example: 200.
        x_sort_key (str | Unset): The field to sort on; nested fields use dots. Example:
            committed_at.
        x_sort_order (SortOrder | Unset): Sort direction. Anything but `asc` sorts descending.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | MetricList]
    """

    kwargs = _get_kwargs(
        session_id=session_id,
        model_id=model_id,
        round_id=round_id,
        key=key,
        sender_name=sender_name,
        sender_role=sender_role,
        sender_client_id=sender_client_id,
        x_limit=x_limit,
        x_skip=x_skip,
        x_sort_key=x_sort_key,
        x_sort_order=x_sort_order,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    session_id: str | Unset = UNSET,
    model_id: str | Unset = UNSET,
    round_id: str | Unset = UNSET,
    key: str | Unset = UNSET,
    sender_name: str | Unset = UNSET,
    sender_role: str | Unset = UNSET,
    sender_client_id: str | Unset = UNSET,
    x_limit: int | Unset = UNSET,
    x_skip: int | Unset = UNSET,
    x_sort_key: str | Unset = UNSET,
    x_sort_order: SortOrder | Unset = UNSET,
) -> Error | MetricList | None:
    """List metrics

     Lists training metrics, filtered by any Metric field (the step is the field `step`).

    Args:
        session_id (str | Unset):
        model_id (str | Unset):
        round_id (str | Unset):
        key (str | Unset):
        sender_name (str | Unset):
        sender_role (str | Unset):
        sender_client_id (str | Unset):
        x_limit (int | Unset): The most items one page holds; 0 means no limit. Example: 100.
        x_skip (int | Unset): How many matching items come before the page. Example: 200.
        x_sort_key (str | Unset): The field to sort on; nested fields use dots. Example:
            committed_at.
        x_sort_order (SortOrder | Unset): Sort direction. Anything but `asc` sorts descending.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | MetricList
    """

    return sync_detailed(
        client=client,
        session_id=session_id,
        model_id=model_id,
        round_id=round_id,
        key=key,
        sender_name=sender_name,
        sender_role=sender_role,
        sender_client_id=sender_client_id,
        x_limit=x_limit,
        x_skip=x_skip,
        x_sort_key=x_sort_key,
        x_sort_order=x_sort_order,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    session_id: str | Unset = UNSET,
    model_id: str | Unset = UNSET,
    round_id: str | Unset = UNSET,
    key: str | Unset = UNSET,
    sender_name: str | Unset = UNSET,
    sender_role: str | Unset = UNSET,
    sender_client_id: str | Unset = UNSET,
    x_limit: int | Unset = UNSET,
    x_skip: int | Unset = UNSET,
    x_sort_key: str | Unset = UNSET,
    x_sort_order: SortOrder | Unset = UNSET,
) -> Response[Error | MetricList]:
    """List metrics

     Lists training metrics, filtered by any Metric field (the step is the field `step`).

    Args:
        session_id (str | Unset):
        model_id (str | Unset):
        round_id (str | Unset):
        key (str | Unset):
        sender_name (str | Unset):
        sender_role (str | Unset):
        sender_client_id (str | Unset):
        x_limit (int | Unset): The most items one page holds; 0 means no limit. Example: 100.
        x_skip (int | Unset): How many matching items come before the page. Example: 200.
        x_sort_key (str | Unset): The field to sort on; nested fields use dots. Example:
            committed_at.
        x_sort_order (SortOrder | Unset): Sort direction. Anything but `asc` sorts descending.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | MetricList]
    """

    kwargs = _get_kwargs(
        session_id=session_id,
        model_id=model_id,
        round_id=round_id,
        key=key,
        sender_name=sender_name,
        sender_role=sender_role,
        sender_client_id=sender_client_id,
        x_limit=x_limit,
        x_skip=x_skip,
        x_sort_key=x_sort_key,
        x_sort_order=x_sort_order,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    session_id: str | Unset = UNSET,
    model_id: str | Unset = UNSET,
    round_id: str | Unset = UNSET,
    key: str | Unset = UNSET,
    sender_name: str | Unset = UNSET,
    sender_role: str | Unset = UNSET,
    sender_client_id: str | Unset = UNSET,
    x_limit: int | Unset = UNSET,
    x_skip: int | Unset = UNSET,
    x_sort_key: str | Unset = UNSET,
    x_sort_order: SortOrder | Unset = UNSET,
) -> Error | MetricList | None:
    """List metrics

     Lists training metrics, filtered by any Metric field (the step is the field `step`).

    Args:
        session_id (str | Unset):
        model_id (str | Unset):
        round_id (str | Unset):
        key (str | Unset):
        sender_name (str | Unset):
        sender_role (str | Unset):
        sender_client_id (str | Unset):
        x_limit (int | Unset): The most items one page holds; 0 means no limit. Example: 100.
        x_skip (int | Unset): How many matching items come before the page. Example: 200.
        x_sort_key (str | Unset): The field to sort on; nested fields use dots. Example:
            committed_at.
        x_sort_order (SortOrder | Unset): Sort direction. Anything but `asc` sorts descending.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | MetricList
    """

    return (
        await asyncio_detailed(
            client=client,
            session_id=session_id,
            model_id=model_id,
            round_id=round_id,
            key=key,
            sender_name=sender_name,
            sender_role=sender_role,
            sender_client_id=sender_client_id,
            x_limit=x_limit,
            x_skip=x_skip,
            x_sort_key=x_sort_key,
            x_sort_order=x_sort_order,
        )
    ).parsed


_EXPECT = json_kind(_schemas.ListMetricsResult)


def build_request(
    *,
    session_id: str | Unset = UNSET,
    model_id: str | Unset = UNSET,
    round_id: str | Unset = UNSET,
    key: str | Unset = UNSET,
    sender_name: str | Unset = UNSET,
    sender_role: str | Unset = UNSET,
    sender_client_id: str | Unset = UNSET,
    x_limit: int | Unset = UNSET,
    x_skip: int | Unset = UNSET,
    x_sort_key: str | Unset = UNSET,
    x_sort_order: SortOrder | Unset = UNSET,
) -> OperationRequest[_schemas.ListMetricsResult]:
    """Build the request of this operation without sending it.

    For callers with an HTTP policy of their own: the scaleout SDK sends it through its HTTP
    core. The type parameter is the JSON of the success answer (see ``scaleout_api.schemas``).
    """
    return OperationRequest(
        "metrics.list_metrics",
        _get_kwargs(
            session_id=session_id,
            model_id=model_id,
            round_id=round_id,
            key=key,
            sender_name=sender_name,
            sender_role=sender_role,
            sender_client_id=sender_client_id,
            x_limit=x_limit,
            x_skip=x_skip,
            x_sort_key=x_sort_key,
            x_sort_order=x_sort_order,
        ),
        _EXPECT,
        _schemas.ListMetricsResult,
    )
