from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ... import schemas as _schemas
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.status import Status
from ...models.status_input import StatusInput
from ...operation import OperationRequest, json_kind
from ...types import Response


def _get_kwargs(
    *,
    body: StatusInput,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/statuses/",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Error | Status | None:
    if response.status_code == 201:
        response_201 = Status.from_dict(response.json())

        return response_201

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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Error | Status]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: StatusInput,
) -> Response[Error | Status]:
    """Add a status event

     Stores a status event. Used by the documented clients; FEDn 0.33 has no such route (405).
    The stored status is returned with its generated `status_id`.

    Args:
        body (StatusInput): A status event to store; every field is optional. Example: {'type':
            'MODEL_UPDATE', 'log_level': 'INFO', 'status': 'Training complete', 'sender':
            {'client_id': 'abc-123'}}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | Status]
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
    body: StatusInput,
) -> Error | Status | None:
    """Add a status event

     Stores a status event. Used by the documented clients; FEDn 0.33 has no such route (405).
    The stored status is returned with its generated `status_id`.

    Args:
        body (StatusInput): A status event to store; every field is optional. Example: {'type':
            'MODEL_UPDATE', 'log_level': 'INFO', 'status': 'Training complete', 'sender':
            {'client_id': 'abc-123'}}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | Status
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: StatusInput,
) -> Response[Error | Status]:
    """Add a status event

     Stores a status event. Used by the documented clients; FEDn 0.33 has no such route (405).
    The stored status is returned with its generated `status_id`.

    Args:
        body (StatusInput): A status event to store; every field is optional. Example: {'type':
            'MODEL_UPDATE', 'log_level': 'INFO', 'status': 'Training complete', 'sender':
            {'client_id': 'abc-123'}}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | Status]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: StatusInput,
) -> Error | Status | None:
    """Add a status event

     Stores a status event. Used by the documented clients; FEDn 0.33 has no such route (405).
    The stored status is returned with its generated `status_id`.

    Args:
        body (StatusInput): A status event to store; every field is optional. Example: {'type':
            'MODEL_UPDATE', 'log_level': 'INFO', 'status': 'Training complete', 'sender':
            {'client_id': 'abc-123'}}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | Status
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed


_EXPECT = json_kind(_schemas.AddStatusResult)


def build_request(
    *,
    body: StatusInput,
) -> OperationRequest[_schemas.AddStatusResult]:
    """Build the request of this operation without sending it.

    For callers with an HTTP policy of their own: the scaleout SDK sends it through its HTTP
    core. The type parameter is the JSON of the success answer (see ``scaleout_api.schemas``).
    """
    return OperationRequest(
        "statuses.add_status",
        _get_kwargs(
            body=body,
        ),
        _EXPECT,
        _schemas.AddStatusResult,
    )
