from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ... import schemas as _schemas
from ...client import AuthenticatedClient, Client
from ...models.command_control_request import CommandControlRequest
from ...models.error import Error
from ...models.message import Message
from ...operation import OperationRequest, json_kind
from ...types import Response


def _get_kwargs(
    id: str,
    *,
    body: CommandControlRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/commands/{id}/stop".format(
            id=quote(str(id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Error | Message | None:
    if response.status_code == 200:
        response_200 = Message.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = Error.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = Error.from_dict(response.json())

        return response_401

    if response.status_code == 404:
        response_404 = Error.from_dict(response.json())

        return response_404

    if response.status_code == 500:
        response_500 = Error.from_dict(response.json())

        return response_500

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Error | Message]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    id: str,
    *,
    client: AuthenticatedClient | Client,
    body: CommandControlRequest,
) -> Response[Error | Message]:
    """Stop a command

     Stops a running command. The body repeats the correlation id.

    Args:
        id (str):
        body (CommandControlRequest): Repeats the correlation id of the command in the path.
            Example: {'correlation_id': '5e4d3c2b-1a09-4f8e-b7d6-c5b4a3928170'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | Message]
    """

    kwargs = _get_kwargs(
        id=id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    id: str,
    *,
    client: AuthenticatedClient | Client,
    body: CommandControlRequest,
) -> Error | Message | None:
    """Stop a command

     Stops a running command. The body repeats the correlation id.

    Args:
        id (str):
        body (CommandControlRequest): Repeats the correlation id of the command in the path.
            Example: {'correlation_id': '5e4d3c2b-1a09-4f8e-b7d6-c5b4a3928170'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | Message
    """

    return sync_detailed(
        id=id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    id: str,
    *,
    client: AuthenticatedClient | Client,
    body: CommandControlRequest,
) -> Response[Error | Message]:
    """Stop a command

     Stops a running command. The body repeats the correlation id.

    Args:
        id (str):
        body (CommandControlRequest): Repeats the correlation id of the command in the path.
            Example: {'correlation_id': '5e4d3c2b-1a09-4f8e-b7d6-c5b4a3928170'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | Message]
    """

    kwargs = _get_kwargs(
        id=id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    id: str,
    *,
    client: AuthenticatedClient | Client,
    body: CommandControlRequest,
) -> Error | Message | None:
    """Stop a command

     Stops a running command. The body repeats the correlation id.

    Args:
        id (str):
        body (CommandControlRequest): Repeats the correlation id of the command in the path.
            Example: {'correlation_id': '5e4d3c2b-1a09-4f8e-b7d6-c5b4a3928170'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | Message
    """

    return (
        await asyncio_detailed(
            id=id,
            client=client,
            body=body,
        )
    ).parsed


_EXPECT = json_kind(_schemas.StopCommandResult)


def build_request(
    id: str,
    *,
    body: CommandControlRequest,
) -> OperationRequest[_schemas.StopCommandResult]:
    """Build the request of this operation without sending it.

    For callers with an HTTP policy of their own: the scaleout SDK sends it through its HTTP
    core. The type parameter is the JSON of the success answer (see ``scaleout_api.schemas``).
    """
    return OperationRequest(
        "commands.stop_command",
        _get_kwargs(
            id=id,
            body=body,
        ),
        _EXPECT,
        _schemas.StopCommandResult,
    )
