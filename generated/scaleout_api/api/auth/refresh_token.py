from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ... import schemas as _schemas
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.token_refresh_request import TokenRefreshRequest
from ...models.token_response import TokenResponse
from ...operation import OperationRequest, json_kind
from ...types import Response


def _get_kwargs(
    *,
    body: TokenRefreshRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/auth/refresh",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Error | TokenResponse | None:
    if response.status_code == 200:
        response_200 = TokenResponse.from_dict(response.json())

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
) -> Response[Error | TokenResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: TokenRefreshRequest,
) -> Response[Error | TokenResponse]:
    """Exchange a refresh token for an access token

     Exchanges a refresh token for a short-lived access token. The response may rotate the
    refresh token. Older FEDn-style servers use the keys `access` and `refresh` instead of
    `access_token` and `refresh_token`; clients accept both. The 1.1.0 client sends the role
    `client`; the documented 1.0.1 client sends `admin`.

    Args:
        body (TokenRefreshRequest): A refresh token and the role to issue an access token for.
            Example: {'refresh_token': 'eyJhbGciOiJIUzI1NiJ9.eyJyb2xlIjoiYWRtaW4ifQ.c2lnbmF0dXJl',
            'role': 'admin'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | TokenResponse]
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
    body: TokenRefreshRequest,
) -> Error | TokenResponse | None:
    """Exchange a refresh token for an access token

     Exchanges a refresh token for a short-lived access token. The response may rotate the
    refresh token. Older FEDn-style servers use the keys `access` and `refresh` instead of
    `access_token` and `refresh_token`; clients accept both. The 1.1.0 client sends the role
    `client`; the documented 1.0.1 client sends `admin`.

    Args:
        body (TokenRefreshRequest): A refresh token and the role to issue an access token for.
            Example: {'refresh_token': 'eyJhbGciOiJIUzI1NiJ9.eyJyb2xlIjoiYWRtaW4ifQ.c2lnbmF0dXJl',
            'role': 'admin'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | TokenResponse
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: TokenRefreshRequest,
) -> Response[Error | TokenResponse]:
    """Exchange a refresh token for an access token

     Exchanges a refresh token for a short-lived access token. The response may rotate the
    refresh token. Older FEDn-style servers use the keys `access` and `refresh` instead of
    `access_token` and `refresh_token`; clients accept both. The 1.1.0 client sends the role
    `client`; the documented 1.0.1 client sends `admin`.

    Args:
        body (TokenRefreshRequest): A refresh token and the role to issue an access token for.
            Example: {'refresh_token': 'eyJhbGciOiJIUzI1NiJ9.eyJyb2xlIjoiYWRtaW4ifQ.c2lnbmF0dXJl',
            'role': 'admin'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | TokenResponse]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: TokenRefreshRequest,
) -> Error | TokenResponse | None:
    """Exchange a refresh token for an access token

     Exchanges a refresh token for a short-lived access token. The response may rotate the
    refresh token. Older FEDn-style servers use the keys `access` and `refresh` instead of
    `access_token` and `refresh_token`; clients accept both. The 1.1.0 client sends the role
    `client`; the documented 1.0.1 client sends `admin`.

    Args:
        body (TokenRefreshRequest): A refresh token and the role to issue an access token for.
            Example: {'refresh_token': 'eyJhbGciOiJIUzI1NiJ9.eyJyb2xlIjoiYWRtaW4ifQ.c2lnbmF0dXJl',
            'role': 'admin'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | TokenResponse
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed


_EXPECT = json_kind(_schemas.RefreshTokenResult)


def build_request(
    *,
    body: TokenRefreshRequest,
) -> OperationRequest[_schemas.RefreshTokenResult]:
    """Build the request of this operation without sending it.

    For callers with an HTTP policy of their own: the scaleout SDK sends it through its HTTP
    core. The type parameter is the JSON of the success answer (see ``scaleout_api.schemas``).
    """
    return OperationRequest(
        "auth.refresh_token",
        _get_kwargs(
            body=body,
        ),
        _EXPECT,
        _schemas.RefreshTokenResult,
    )
