from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ... import schemas as _schemas
from ...client import AuthenticatedClient, Client
from ...models.command_result import CommandResult
from ...models.error import Error
from ...models.run_command_request import RunCommandRequest
from ...operation import OperationRequest, json_kind
from ...types import Response


def _get_kwargs(
    *,
    body: RunCommandRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/control/run_command",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> CommandResult | Error | None:
    if response.status_code == 200:
        response_200 = CommandResult.from_dict(response.json())

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
) -> Response[CommandResult | Error]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: RunCommandRequest,
) -> Response[CommandResult | Error]:
    """Run a custom command on clients

     Sends a custom command to edge clients. The 1.0.1 client sends `blocking` and merges the
    command's parameters into the top level of the body (so a parameter may not be named
    `command_type`, `blocking`, `timeout` or `client_ids`). The 1.1.0 client sends
    `synchronous` instead of `blocking` and nests the parameters under `parameters`; servers
    accept both.

    Args:
        body (RunCommandRequest): A custom command. The documented 1.0.1 client merges the
            command's parameters into this
            object; the 1.1.0 client nests them under `parameters` and sends `synchronous`.
             Example: {'command_type': 'Custom_ping', 'blocking': True, 'timeout': 10, 'client_ids':
            None, 'payload': 'hello'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CommandResult | Error]
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
    body: RunCommandRequest,
) -> CommandResult | Error | None:
    """Run a custom command on clients

     Sends a custom command to edge clients. The 1.0.1 client sends `blocking` and merges the
    command's parameters into the top level of the body (so a parameter may not be named
    `command_type`, `blocking`, `timeout` or `client_ids`). The 1.1.0 client sends
    `synchronous` instead of `blocking` and nests the parameters under `parameters`; servers
    accept both.

    Args:
        body (RunCommandRequest): A custom command. The documented 1.0.1 client merges the
            command's parameters into this
            object; the 1.1.0 client nests them under `parameters` and sends `synchronous`.
             Example: {'command_type': 'Custom_ping', 'blocking': True, 'timeout': 10, 'client_ids':
            None, 'payload': 'hello'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CommandResult | Error
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: RunCommandRequest,
) -> Response[CommandResult | Error]:
    """Run a custom command on clients

     Sends a custom command to edge clients. The 1.0.1 client sends `blocking` and merges the
    command's parameters into the top level of the body (so a parameter may not be named
    `command_type`, `blocking`, `timeout` or `client_ids`). The 1.1.0 client sends
    `synchronous` instead of `blocking` and nests the parameters under `parameters`; servers
    accept both.

    Args:
        body (RunCommandRequest): A custom command. The documented 1.0.1 client merges the
            command's parameters into this
            object; the 1.1.0 client nests them under `parameters` and sends `synchronous`.
             Example: {'command_type': 'Custom_ping', 'blocking': True, 'timeout': 10, 'client_ids':
            None, 'payload': 'hello'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CommandResult | Error]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: RunCommandRequest,
) -> CommandResult | Error | None:
    """Run a custom command on clients

     Sends a custom command to edge clients. The 1.0.1 client sends `blocking` and merges the
    command's parameters into the top level of the body (so a parameter may not be named
    `command_type`, `blocking`, `timeout` or `client_ids`). The 1.1.0 client sends
    `synchronous` instead of `blocking` and nests the parameters under `parameters`; servers
    accept both.

    Args:
        body (RunCommandRequest): A custom command. The documented 1.0.1 client merges the
            command's parameters into this
            object; the 1.1.0 client nests them under `parameters` and sends `synchronous`.
             Example: {'command_type': 'Custom_ping', 'blocking': True, 'timeout': 10, 'client_ids':
            None, 'payload': 'hello'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CommandResult | Error
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed


_EXPECT = json_kind(_schemas.RunCommandResult)


def build_request(
    *,
    body: RunCommandRequest,
) -> OperationRequest[_schemas.RunCommandResult]:
    """Build the request of this operation without sending it.

    For callers with an HTTP policy of their own: the scaleout SDK sends it through its HTTP
    core. The type parameter is the JSON of the success answer (see ``scaleout_api.schemas``).
    """
    return OperationRequest(
        "controller.run_command",
        _get_kwargs(
            body=body,
        ),
        _EXPECT,
        _schemas.RunCommandResult,
    )
