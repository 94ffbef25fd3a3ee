from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ... import schemas as _schemas
from ...client import AuthenticatedClient, Client
from ...models.current_attributes import CurrentAttributes
from ...models.current_attributes_request import CurrentAttributesRequest
from ...models.error import Error
from ...operation import OperationRequest, json_kind
from ...types import Response


def _get_kwargs(
    *,
    body: CurrentAttributesRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/attributes/current",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> CurrentAttributes | Error | None:
    if response.status_code == 200:
        response_200 = CurrentAttributes.from_dict(response.json())

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
) -> Response[CurrentAttributes | Error]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: CurrentAttributesRequest,
) -> Response[CurrentAttributes | Error]:
    """Get the current attributes of nodes

     For each node id, the newest value of each attribute key. A node without attributes maps
    to the string `Entity with client_id: <id> not found`. The documented clients send
    `node_ids`; FEDn 0.33 requires `client_ids`. Servers accept either; at least one is required.

    Args:
        body (CurrentAttributesRequest): The nodes whose current attributes to get; give
            `node_ids` or `client_ids`. Example: {'node_ids':
            ['0b6c1e84-6d0b-4d8a-9f0e-3c5a7c7d2b11']}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CurrentAttributes | Error]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    body: CurrentAttributesRequest,
) -> CurrentAttributes | Error | None:
    """Get the current attributes of nodes

     For each node id, the newest value of each attribute key. A node without attributes maps
    to the string `Entity with client_id: <id> not found`. The documented clients send
    `node_ids`; FEDn 0.33 requires `client_ids`. Servers accept either; at least one is required.

    Args:
        body (CurrentAttributesRequest): The nodes whose current attributes to get; give
            `node_ids` or `client_ids`. Example: {'node_ids':
            ['0b6c1e84-6d0b-4d8a-9f0e-3c5a7c7d2b11']}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CurrentAttributes | Error
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: CurrentAttributesRequest,
) -> Response[CurrentAttributes | Error]:
    """Get the current attributes of nodes

     For each node id, the newest value of each attribute key. A node without attributes maps
    to the string `Entity with client_id: <id> not found`. The documented clients send
    `node_ids`; FEDn 0.33 requires `client_ids`. Servers accept either; at least one is required.

    Args:
        body (CurrentAttributesRequest): The nodes whose current attributes to get; give
            `node_ids` or `client_ids`. Example: {'node_ids':
            ['0b6c1e84-6d0b-4d8a-9f0e-3c5a7c7d2b11']}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CurrentAttributes | Error]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: CurrentAttributesRequest,
) -> CurrentAttributes | Error | None:
    """Get the current attributes of nodes

     For each node id, the newest value of each attribute key. A node without attributes maps
    to the string `Entity with client_id: <id> not found`. The documented clients send
    `node_ids`; FEDn 0.33 requires `client_ids`. Servers accept either; at least one is required.

    Args:
        body (CurrentAttributesRequest): The nodes whose current attributes to get; give
            `node_ids` or `client_ids`. Example: {'node_ids':
            ['0b6c1e84-6d0b-4d8a-9f0e-3c5a7c7d2b11']}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CurrentAttributes | Error
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed


_EXPECT = json_kind(_schemas.GetCurrentAttributesResult)


def build_request(
    *,
    body: CurrentAttributesRequest,
) -> OperationRequest[_schemas.GetCurrentAttributesResult]:
    """Build the request of this operation without sending it.

    For callers with an HTTP policy of their own: the scaleout SDK sends it through its HTTP
    core. The type parameter is the JSON of the success answer (see ``scaleout_api.schemas``).
    """
    return OperationRequest(
        "attributes.get_current_attributes",
        _get_kwargs(
            body=body,
        ),
        _EXPECT,
        _schemas.GetCurrentAttributesResult,
    )
