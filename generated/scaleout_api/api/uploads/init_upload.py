from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ... import schemas as _schemas
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.upload_init import UploadInit
from ...models.upload_init_request import UploadInitRequest
from ...operation import OperationRequest, json_kind
from ...types import Response


def _get_kwargs(
    *,
    body: UploadInitRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/file-upload/init",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Error | UploadInit | None:
    if response.status_code == 200:
        response_200 = UploadInit.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = Error.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = Error.from_dict(response.json())

        return response_401

    if response.status_code == 413:
        response_413 = Error.from_dict(response.json())

        return response_413

    if response.status_code == 500:
        response_500 = Error.from_dict(response.json())

        return response_500

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Error | UploadInit]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: UploadInitRequest,
) -> Response[Error | UploadInit]:
    """Start a chunked upload

     Starts a chunked upload of one file and returns its `upload_id`. Chunks are then sent in
    order, `chunk_size` bytes each (the last one may be shorter; a 0-byte file sends none).
    A proxy in front of the controller may reject large bodies with 413, in which case the
    client aborts and starts again with a smaller chunk size.

    Args:
        body (UploadInitRequest): The file to upload. Example: {'file_name': 'seed.npz',
            'file_size': 1843200, 'chunk_size': 921600}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | UploadInit]
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
    body: UploadInitRequest,
) -> Error | UploadInit | None:
    """Start a chunked upload

     Starts a chunked upload of one file and returns its `upload_id`. Chunks are then sent in
    order, `chunk_size` bytes each (the last one may be shorter; a 0-byte file sends none).
    A proxy in front of the controller may reject large bodies with 413, in which case the
    client aborts and starts again with a smaller chunk size.

    Args:
        body (UploadInitRequest): The file to upload. Example: {'file_name': 'seed.npz',
            'file_size': 1843200, 'chunk_size': 921600}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | UploadInit
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: UploadInitRequest,
) -> Response[Error | UploadInit]:
    """Start a chunked upload

     Starts a chunked upload of one file and returns its `upload_id`. Chunks are then sent in
    order, `chunk_size` bytes each (the last one may be shorter; a 0-byte file sends none).
    A proxy in front of the controller may reject large bodies with 413, in which case the
    client aborts and starts again with a smaller chunk size.

    Args:
        body (UploadInitRequest): The file to upload. Example: {'file_name': 'seed.npz',
            'file_size': 1843200, 'chunk_size': 921600}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | UploadInit]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: UploadInitRequest,
) -> Error | UploadInit | None:
    """Start a chunked upload

     Starts a chunked upload of one file and returns its `upload_id`. Chunks are then sent in
    order, `chunk_size` bytes each (the last one may be shorter; a 0-byte file sends none).
    A proxy in front of the controller may reject large bodies with 413, in which case the
    client aborts and starts again with a smaller chunk size.

    Args:
        body (UploadInitRequest): The file to upload. Example: {'file_name': 'seed.npz',
            'file_size': 1843200, 'chunk_size': 921600}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | UploadInit
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed


_EXPECT = json_kind(_schemas.InitUploadResult)


def build_request(
    *,
    body: UploadInitRequest,
) -> OperationRequest[_schemas.InitUploadResult]:
    """Build the request of this operation without sending it.

    For callers with an HTTP policy of their own: the scaleout SDK sends it through its HTTP
    core. The type parameter is the JSON of the success answer (see ``scaleout_api.schemas``).
    """
    return OperationRequest(
        "uploads.init_upload",
        _get_kwargs(
            body=body,
        ),
        _EXPECT,
        _schemas.InitUploadResult,
    )
