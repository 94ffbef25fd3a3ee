from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ... import schemas as _schemas
from ...client import AuthenticatedClient, Client
from ...models.attribute_list import AttributeList
from ...models.attribute_query import AttributeQuery
from ...models.error import Error
from ...models.sort_order import SortOrder
from ...operation import OperationRequest, json_kind
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: AttributeQuery | Unset = UNSET,
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

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/attributes/list",
    }

    if not isinstance(body, Unset):
        _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> AttributeList | Error | None:
    if response.status_code == 200:
        response_200 = AttributeList.from_dict(response.json())

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


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[AttributeList | Error]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: AttributeQuery | Unset = UNSET,
    x_limit: int | Unset = UNSET,
    x_skip: int | Unset = UNSET,
    x_sort_key: str | Unset = UNSET,
    x_sort_order: SortOrder | Unset = UNSET,
) -> Response[AttributeList | Error]:
    """List attributes with body filters

     Lists attributes with the filters in the body (a comma-separated value means "any of").
    The 1.0.1 client filters a node's trail with `node_id`, the 1.1.0 client with
    `entity_id`; servers treat both as the sender's `client_id` or `combiner_id`.

    Args:
        x_limit (int | Unset): The most items one page holds; 0 means no limit. Example: 100.
        x_skip (int | Unset): How many matching items come before the page. Example: 200.
        x_sort_key (str | Unset): The field to sort on; nested fields use dots. Example:
            committed_at.
        x_sort_order (SortOrder | Unset): Sort direction. Anything but `asc` sorts descending.
        body (AttributeQuery | Unset): Body filters for attributes; values are strings, and a
            comma-separated value means "any of". Example: {'node_id':
            '0b6c1e84-6d0b-4d8a-9f0e-3c5a7c7d2b11'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AttributeList | Error]
    """

    kwargs = _get_kwargs(
        body=body,
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
    body: AttributeQuery | Unset = UNSET,
    x_limit: int | Unset = UNSET,
    x_skip: int | Unset = UNSET,
    x_sort_key: str | Unset = UNSET,
    x_sort_order: SortOrder | Unset = UNSET,
) -> AttributeList | Error | None:
    """List attributes with body filters

     Lists attributes with the filters in the body (a comma-separated value means "any of").
    The 1.0.1 client filters a node's trail with `node_id`, the 1.1.0 client with
    `entity_id`; servers treat both as the sender's `client_id` or `combiner_id`.

    Args:
        x_limit (int | Unset): The most items one page holds; 0 means no limit. Example: 100.
        x_skip (int | Unset): How many matching items come before the page. Example: 200.
        x_sort_key (str | Unset): The field to sort on; nested fields use dots. Example:
            committed_at.
        x_sort_order (SortOrder | Unset): Sort direction. Anything but `asc` sorts descending.
        body (AttributeQuery | Unset): Body filters for attributes; values are strings, and a
            comma-separated value means "any of". Example: {'node_id':
            '0b6c1e84-6d0b-4d8a-9f0e-3c5a7c7d2b11'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AttributeList | Error
    """

    return sync_detailed(
        client=client,
        body=body,
        x_limit=x_limit,
        x_skip=x_skip,
        x_sort_key=x_sort_key,
        x_sort_order=x_sort_order,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: AttributeQuery | Unset = UNSET,
    x_limit: int | Unset = UNSET,
    x_skip: int | Unset = UNSET,
    x_sort_key: str | Unset = UNSET,
    x_sort_order: SortOrder | Unset = UNSET,
) -> Response[AttributeList | Error]:
    """List attributes with body filters

     Lists attributes with the filters in the body (a comma-separated value means "any of").
    The 1.0.1 client filters a node's trail with `node_id`, the 1.1.0 client with
    `entity_id`; servers treat both as the sender's `client_id` or `combiner_id`.

    Args:
        x_limit (int | Unset): The most items one page holds; 0 means no limit. Example: 100.
        x_skip (int | Unset): How many matching items come before the page. Example: 200.
        x_sort_key (str | Unset): The field to sort on; nested fields use dots. Example:
            committed_at.
        x_sort_order (SortOrder | Unset): Sort direction. Anything but `asc` sorts descending.
        body (AttributeQuery | Unset): Body filters for attributes; values are strings, and a
            comma-separated value means "any of". Example: {'node_id':
            '0b6c1e84-6d0b-4d8a-9f0e-3c5a7c7d2b11'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AttributeList | Error]
    """

    kwargs = _get_kwargs(
        body=body,
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
    body: AttributeQuery | Unset = UNSET,
    x_limit: int | Unset = UNSET,
    x_skip: int | Unset = UNSET,
    x_sort_key: str | Unset = UNSET,
    x_sort_order: SortOrder | Unset = UNSET,
) -> AttributeList | Error | None:
    """List attributes with body filters

     Lists attributes with the filters in the body (a comma-separated value means "any of").
    The 1.0.1 client filters a node's trail with `node_id`, the 1.1.0 client with
    `entity_id`; servers treat both as the sender's `client_id` or `combiner_id`.

    Args:
        x_limit (int | Unset): The most items one page holds; 0 means no limit. Example: 100.
        x_skip (int | Unset): How many matching items come before the page. Example: 200.
        x_sort_key (str | Unset): The field to sort on; nested fields use dots. Example:
            committed_at.
        x_sort_order (SortOrder | Unset): Sort direction. Anything but `asc` sorts descending.
        body (AttributeQuery | Unset): Body filters for attributes; values are strings, and a
            comma-separated value means "any of". Example: {'node_id':
            '0b6c1e84-6d0b-4d8a-9f0e-3c5a7c7d2b11'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AttributeList | Error
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            x_limit=x_limit,
            x_skip=x_skip,
            x_sort_key=x_sort_key,
            x_sort_order=x_sort_order,
        )
    ).parsed


_EXPECT = json_kind(_schemas.QueryAttributesResult)


def build_request(
    *,
    body: AttributeQuery | Unset = UNSET,
    x_limit: int | Unset = UNSET,
    x_skip: int | Unset = UNSET,
    x_sort_key: str | Unset = UNSET,
    x_sort_order: SortOrder | Unset = UNSET,
) -> OperationRequest[_schemas.QueryAttributesResult]:
    """Build the request of this operation without sending it.

    For callers with an HTTP policy of their own: the scaleout SDK sends it through its HTTP
    core. The type parameter is the JSON of the success answer (see ``scaleout_api.schemas``).
    """
    return OperationRequest(
        "attributes.query_attributes",
        _get_kwargs(
            body=body,
            x_limit=x_limit,
            x_skip=x_skip,
            x_sort_key=x_sort_key,
            x_sort_order=x_sort_order,
        ),
        _EXPECT,
        _schemas.QueryAttributesResult,
    )
