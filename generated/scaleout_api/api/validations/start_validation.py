from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ... import schemas as _schemas
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.message import Message
from ...models.start_validation_request import StartValidationRequest
from ...operation import OperationRequest, json_kind
from ...types import Response


def _get_kwargs(
    *,
    body: StartValidationRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/validations/start",
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
    *,
    client: AuthenticatedClient | Client,
    body: StartValidationRequest,
) -> Response[Error | Message]:
    """Validate a model on clients

     Asks clients to validate a model of a session (1.1.0 client).

    Args:
        body (StartValidationRequest): Validation of a session's model. Example: {'session_id':
            '3d2c1b0a-9f8e-4d7c-b6a5-4e3d2c1b0a9f', 'model_id':
            '1f9a8e3c-51b8-4c1e-9a0e-2b9c6f0d7a11'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | Message]
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
    body: StartValidationRequest,
) -> Error | Message | None:
    """Validate a model on clients

     Asks clients to validate a model of a session (1.1.0 client).

    Args:
        body (StartValidationRequest): Validation of a session's model. Example: {'session_id':
            '3d2c1b0a-9f8e-4d7c-b6a5-4e3d2c1b0a9f', 'model_id':
            '1f9a8e3c-51b8-4c1e-9a0e-2b9c6f0d7a11'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | Message
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: StartValidationRequest,
) -> Response[Error | Message]:
    """Validate a model on clients

     Asks clients to validate a model of a session (1.1.0 client).

    Args:
        body (StartValidationRequest): Validation of a session's model. Example: {'session_id':
            '3d2c1b0a-9f8e-4d7c-b6a5-4e3d2c1b0a9f', 'model_id':
            '1f9a8e3c-51b8-4c1e-9a0e-2b9c6f0d7a11'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | Message]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: StartValidationRequest,
) -> Error | Message | None:
    """Validate a model on clients

     Asks clients to validate a model of a session (1.1.0 client).

    Args:
        body (StartValidationRequest): Validation of a session's model. Example: {'session_id':
            '3d2c1b0a-9f8e-4d7c-b6a5-4e3d2c1b0a9f', 'model_id':
            '1f9a8e3c-51b8-4c1e-9a0e-2b9c6f0d7a11'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | Message
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed


_EXPECT = json_kind(_schemas.StartValidationResult)


def build_request(
    *,
    body: StartValidationRequest,
) -> OperationRequest[_schemas.StartValidationResult]:
    """Build the request of this operation without sending it.

    For callers with an HTTP policy of their own: the scaleout SDK sends it through its HTTP
    core. The type parameter is the JSON of the success answer (see ``scaleout_api.schemas``).
    """
    return OperationRequest(
        "validations.start_validation",
        _get_kwargs(
            body=body,
        ),
        _EXPECT,
        _schemas.StartValidationResult,
    )
