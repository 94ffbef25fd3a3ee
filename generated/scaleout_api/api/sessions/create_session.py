from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ... import schemas as _schemas
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.session import Session
from ...models.session_create import SessionCreate
from ...operation import OperationRequest, json_kind
from ...types import Response


def _get_kwargs(
    *,
    body: SessionCreate,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/sessions/",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Error | Session | None:
    if response.status_code == 201:
        response_201 = Session.from_dict(response.json())

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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Error | Session]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: SessionCreate,
) -> Response[Error | Session]:
    """Create a session

     Creates a session in state `Created`; `POST /api/v1/sessions/start` then runs it. Any
    `session_id` in the body is ignored. Servers also accept a form-encoded body.

    Args:
        body (SessionCreate): The body that creates a session. Example: {'name': 'experiment-1',
            'seed_model_id': '6c2b1a0f-7e4d-4b3a-8c9d-0e1f2a3b4c5d', 'session_config': {'aggregator':
            'fedavg', 'aggregator_kwargs': None, 'round_timeout': 180, 'buffer_size': -1, 'rounds': 5,
            'delete_models_storage': True, 'clients_required': 1, 'requested_clients': 8, 'validate':
            True, 'helper_type': 'numpyhelper', 'model_id': '6c2b1a0f-7e4d-4b3a-8c9d-0e1f2a3b4c5d',
            'server_functions': None}}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | Session]
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
    body: SessionCreate,
) -> Error | Session | None:
    """Create a session

     Creates a session in state `Created`; `POST /api/v1/sessions/start` then runs it. Any
    `session_id` in the body is ignored. Servers also accept a form-encoded body.

    Args:
        body (SessionCreate): The body that creates a session. Example: {'name': 'experiment-1',
            'seed_model_id': '6c2b1a0f-7e4d-4b3a-8c9d-0e1f2a3b4c5d', 'session_config': {'aggregator':
            'fedavg', 'aggregator_kwargs': None, 'round_timeout': 180, 'buffer_size': -1, 'rounds': 5,
            'delete_models_storage': True, 'clients_required': 1, 'requested_clients': 8, 'validate':
            True, 'helper_type': 'numpyhelper', 'model_id': '6c2b1a0f-7e4d-4b3a-8c9d-0e1f2a3b4c5d',
            'server_functions': None}}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | Session
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: SessionCreate,
) -> Response[Error | Session]:
    """Create a session

     Creates a session in state `Created`; `POST /api/v1/sessions/start` then runs it. Any
    `session_id` in the body is ignored. Servers also accept a form-encoded body.

    Args:
        body (SessionCreate): The body that creates a session. Example: {'name': 'experiment-1',
            'seed_model_id': '6c2b1a0f-7e4d-4b3a-8c9d-0e1f2a3b4c5d', 'session_config': {'aggregator':
            'fedavg', 'aggregator_kwargs': None, 'round_timeout': 180, 'buffer_size': -1, 'rounds': 5,
            'delete_models_storage': True, 'clients_required': 1, 'requested_clients': 8, 'validate':
            True, 'helper_type': 'numpyhelper', 'model_id': '6c2b1a0f-7e4d-4b3a-8c9d-0e1f2a3b4c5d',
            'server_functions': None}}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | Session]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: SessionCreate,
) -> Error | Session | None:
    """Create a session

     Creates a session in state `Created`; `POST /api/v1/sessions/start` then runs it. Any
    `session_id` in the body is ignored. Servers also accept a form-encoded body.

    Args:
        body (SessionCreate): The body that creates a session. Example: {'name': 'experiment-1',
            'seed_model_id': '6c2b1a0f-7e4d-4b3a-8c9d-0e1f2a3b4c5d', 'session_config': {'aggregator':
            'fedavg', 'aggregator_kwargs': None, 'round_timeout': 180, 'buffer_size': -1, 'rounds': 5,
            'delete_models_storage': True, 'clients_required': 1, 'requested_clients': 8, 'validate':
            True, 'helper_type': 'numpyhelper', 'model_id': '6c2b1a0f-7e4d-4b3a-8c9d-0e1f2a3b4c5d',
            'server_functions': None}}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | Session
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed


_EXPECT = json_kind(_schemas.CreateSessionResult)


def build_request(
    *,
    body: SessionCreate,
) -> OperationRequest[_schemas.CreateSessionResult]:
    """Build the request of this operation without sending it.

    For callers with an HTTP policy of their own: the scaleout SDK sends it through its HTTP
    core. The type parameter is the JSON of the success answer (see ``scaleout_api.schemas``).
    """
    return OperationRequest(
        "sessions.create_session",
        _get_kwargs(
            body=body,
        ),
        _EXPECT,
        _schemas.CreateSessionResult,
    )
