from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ... import schemas as _schemas
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.message import Message
from ...models.start_predictions_request import StartPredictionsRequest
from ...operation import OperationRequest, json_kind
from ...types import Response


def _get_kwargs(
    *,
    body: StartPredictionsRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/predictions/start",
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
    body: StartPredictionsRequest,
) -> Response[Error | Message]:
    """Run predictions on clients

     Asks clients to predict with a model, the newest one when `model_id` is null.

    Args:
        body (StartPredictionsRequest): Predictions with a model; the newest model when `model_id`
            is null. Example: {'prediction_id': 'c1d2e3f4-a5b6-4c7d-8e9f-0a1b2c3d4e5f', 'model_id':
            None}.

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
    body: StartPredictionsRequest,
) -> Error | Message | None:
    """Run predictions on clients

     Asks clients to predict with a model, the newest one when `model_id` is null.

    Args:
        body (StartPredictionsRequest): Predictions with a model; the newest model when `model_id`
            is null. Example: {'prediction_id': 'c1d2e3f4-a5b6-4c7d-8e9f-0a1b2c3d4e5f', 'model_id':
            None}.

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
    body: StartPredictionsRequest,
) -> Response[Error | Message]:
    """Run predictions on clients

     Asks clients to predict with a model, the newest one when `model_id` is null.

    Args:
        body (StartPredictionsRequest): Predictions with a model; the newest model when `model_id`
            is null. Example: {'prediction_id': 'c1d2e3f4-a5b6-4c7d-8e9f-0a1b2c3d4e5f', 'model_id':
            None}.

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
    body: StartPredictionsRequest,
) -> Error | Message | None:
    """Run predictions on clients

     Asks clients to predict with a model, the newest one when `model_id` is null.

    Args:
        body (StartPredictionsRequest): Predictions with a model; the newest model when `model_id`
            is null. Example: {'prediction_id': 'c1d2e3f4-a5b6-4c7d-8e9f-0a1b2c3d4e5f', 'model_id':
            None}.

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


_EXPECT = json_kind(_schemas.StartPredictionsResult)


def build_request(
    *,
    body: StartPredictionsRequest,
) -> OperationRequest[_schemas.StartPredictionsResult]:
    """Build the request of this operation without sending it.

    For callers with an HTTP policy of their own: the scaleout SDK sends it through its HTTP
    core. The type parameter is the JSON of the success answer (see ``scaleout_api.schemas``).
    """
    return OperationRequest(
        "predictions.start_predictions",
        _get_kwargs(
            body=body,
        ),
        _EXPECT,
        _schemas.StartPredictionsResult,
    )
