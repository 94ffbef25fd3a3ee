from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ... import schemas as _schemas
from ...client import AuthenticatedClient, Client
from ...models.client_config import ClientConfig
from ...models.error import Error
from ...operation import OperationRequest, json_kind
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    checksum: bool | Unset = True,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["checksum"] = checksum

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/clients/config",
        "params": params,
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> ClientConfig | Error | None:
    if response.status_code == 200:
        response_200 = ClientConfig.from_dict(response.json())

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
) -> Response[ClientConfig | Error]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    checksum: bool | Unset = True,
) -> Response[ClientConfig | Error]:
    """Get the client connection config

     The configuration an edge client uses to reach the controller and ask for a combiner.
    `checksum` is present only when it was requested and an active package file exists.

    Args:
        checksum (bool | Unset):  Default: True.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ClientConfig | Error]
    """

    kwargs = _get_kwargs(
        checksum=checksum,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    checksum: bool | Unset = True,
) -> ClientConfig | Error | None:
    """Get the client connection config

     The configuration an edge client uses to reach the controller and ask for a combiner.
    `checksum` is present only when it was requested and an active package file exists.

    Args:
        checksum (bool | Unset):  Default: True.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ClientConfig | Error
    """

    return sync_detailed(
        client=client,
        checksum=checksum,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    checksum: bool | Unset = True,
) -> Response[ClientConfig | Error]:
    """Get the client connection config

     The configuration an edge client uses to reach the controller and ask for a combiner.
    `checksum` is present only when it was requested and an active package file exists.

    Args:
        checksum (bool | Unset):  Default: True.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ClientConfig | Error]
    """

    kwargs = _get_kwargs(
        checksum=checksum,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    checksum: bool | Unset = True,
) -> ClientConfig | Error | None:
    """Get the client connection config

     The configuration an edge client uses to reach the controller and ask for a combiner.
    `checksum` is present only when it was requested and an active package file exists.

    Args:
        checksum (bool | Unset):  Default: True.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ClientConfig | Error
    """

    return (
        await asyncio_detailed(
            client=client,
            checksum=checksum,
        )
    ).parsed


_EXPECT = json_kind(_schemas.GetClientConfigResult)


def build_request(
    *,
    checksum: bool | Unset = True,
) -> OperationRequest[_schemas.GetClientConfigResult]:
    """Build the request of this operation without sending it.

    For callers with an HTTP policy of their own: the scaleout SDK sends it through its HTTP
    core. The type parameter is the JSON of the success answer (see ``scaleout_api.schemas``).
    """
    return OperationRequest(
        "clients.get_client_config",
        _get_kwargs(
            checksum=checksum,
        ),
        _EXPECT,
        _schemas.GetClientConfigResult,
    )
