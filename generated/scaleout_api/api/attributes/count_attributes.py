from http import HTTPStatus
from typing import Any, cast

import httpx

from ... import errors
from ... import schemas as _schemas
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...operation import OperationRequest, json_kind
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    key: str | Unset = UNSET,
    value: str | Unset = UNSET,
    sender_client_id: str | Unset = UNSET,
    sender_combiner_id: str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["key"] = key

    params["value"] = value

    params["sender.client_id"] = sender_client_id

    params["sender.combiner_id"] = sender_combiner_id

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/attributes/count",
        "params": params,
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Error | int | None:
    if response.status_code == 200:
        response_200 = cast(int, response.json())
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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Error | int]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    key: str | Unset = UNSET,
    value: str | Unset = UNSET,
    sender_client_id: str | Unset = UNSET,
    sender_combiner_id: str | Unset = UNSET,
) -> Response[Error | int]:
    """Count attributes

     Counts attributes matching the filters.

    Args:
        key (str | Unset):
        value (str | Unset):
        sender_client_id (str | Unset):
        sender_combiner_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | int]
    """

    kwargs = _get_kwargs(
        key=key,
        value=value,
        sender_client_id=sender_client_id,
        sender_combiner_id=sender_combiner_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    key: str | Unset = UNSET,
    value: str | Unset = UNSET,
    sender_client_id: str | Unset = UNSET,
    sender_combiner_id: str | Unset = UNSET,
) -> Error | int | None:
    """Count attributes

     Counts attributes matching the filters.

    Args:
        key (str | Unset):
        value (str | Unset):
        sender_client_id (str | Unset):
        sender_combiner_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | int
    """

    return sync_detailed(
        client=client,
        key=key,
        value=value,
        sender_client_id=sender_client_id,
        sender_combiner_id=sender_combiner_id,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    key: str | Unset = UNSET,
    value: str | Unset = UNSET,
    sender_client_id: str | Unset = UNSET,
    sender_combiner_id: str | Unset = UNSET,
) -> Response[Error | int]:
    """Count attributes

     Counts attributes matching the filters.

    Args:
        key (str | Unset):
        value (str | Unset):
        sender_client_id (str | Unset):
        sender_combiner_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | int]
    """

    kwargs = _get_kwargs(
        key=key,
        value=value,
        sender_client_id=sender_client_id,
        sender_combiner_id=sender_combiner_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    key: str | Unset = UNSET,
    value: str | Unset = UNSET,
    sender_client_id: str | Unset = UNSET,
    sender_combiner_id: str | Unset = UNSET,
) -> Error | int | None:
    """Count attributes

     Counts attributes matching the filters.

    Args:
        key (str | Unset):
        value (str | Unset):
        sender_client_id (str | Unset):
        sender_combiner_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | int
    """

    return (
        await asyncio_detailed(
            client=client,
            key=key,
            value=value,
            sender_client_id=sender_client_id,
            sender_combiner_id=sender_combiner_id,
        )
    ).parsed


_EXPECT = json_kind(_schemas.CountAttributesResult)


def build_request(
    *,
    key: str | Unset = UNSET,
    value: str | Unset = UNSET,
    sender_client_id: str | Unset = UNSET,
    sender_combiner_id: str | Unset = UNSET,
) -> OperationRequest[_schemas.CountAttributesResult]:
    """Build the request of this operation without sending it.

    For callers with an HTTP policy of their own: the scaleout SDK sends it through its HTTP
    core. The type parameter is the JSON of the success answer (see ``scaleout_api.schemas``).
    """
    return OperationRequest(
        "attributes.count_attributes",
        _get_kwargs(
            key=key,
            value=value,
            sender_client_id=sender_client_id,
            sender_combiner_id=sender_combiner_id,
        ),
        _EXPECT,
        _schemas.CountAttributesResult,
    )
