from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ... import schemas as _schemas
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.upload_chunk import UploadChunk
from ...operation import OperationRequest, json_kind
from ...types import File, Response


def _get_kwargs(
    upload_id: str,
    *,
    body: File,
    x_chunk_index: int,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    headers["X-Chunk-Index"] = str(x_chunk_index)

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/file-upload/{upload_id}/chunk".format(
            upload_id=quote(str(upload_id), safe=""),
        ),
    }

    _kwargs["content"] = body.payload
    headers["Content-Type"] = "application/octet-stream"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Error | UploadChunk | None:
    if response.status_code == 200:
        response_200 = UploadChunk.from_dict(response.json())

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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Error | UploadChunk]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    upload_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: File,
    x_chunk_index: int,
) -> Response[Error | UploadChunk]:
    """Send one chunk of an upload

     Sends the raw bytes of chunk `X-Chunk-Index` (0-based, in order). The 1.0.1 client sends
    no Content-Type header; servers treat the body as `application/octet-stream`. A chunk
    larger than the server's or a proxy's limit is answered with 413.

    Args:
        upload_id (str):
        x_chunk_index (int):
        body (File):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | UploadChunk]
    """

    kwargs = _get_kwargs(
        upload_id=upload_id,
        body=body,
        x_chunk_index=x_chunk_index,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    upload_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: File,
    x_chunk_index: int,
) -> Error | UploadChunk | None:
    """Send one chunk of an upload

     Sends the raw bytes of chunk `X-Chunk-Index` (0-based, in order). The 1.0.1 client sends
    no Content-Type header; servers treat the body as `application/octet-stream`. A chunk
    larger than the server's or a proxy's limit is answered with 413.

    Args:
        upload_id (str):
        x_chunk_index (int):
        body (File):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | UploadChunk
    """

    return sync_detailed(
        upload_id=upload_id,
        client=client,
        body=body,
        x_chunk_index=x_chunk_index,
    ).parsed


async def asyncio_detailed(
    upload_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: File,
    x_chunk_index: int,
) -> Response[Error | UploadChunk]:
    """Send one chunk of an upload

     Sends the raw bytes of chunk `X-Chunk-Index` (0-based, in order). The 1.0.1 client sends
    no Content-Type header; servers treat the body as `application/octet-stream`. A chunk
    larger than the server's or a proxy's limit is answered with 413.

    Args:
        upload_id (str):
        x_chunk_index (int):
        body (File):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | UploadChunk]
    """

    kwargs = _get_kwargs(
        upload_id=upload_id,
        body=body,
        x_chunk_index=x_chunk_index,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    upload_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: File,
    x_chunk_index: int,
) -> Error | UploadChunk | None:
    """Send one chunk of an upload

     Sends the raw bytes of chunk `X-Chunk-Index` (0-based, in order). The 1.0.1 client sends
    no Content-Type header; servers treat the body as `application/octet-stream`. A chunk
    larger than the server's or a proxy's limit is answered with 413.

    Args:
        upload_id (str):
        x_chunk_index (int):
        body (File):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | UploadChunk
    """

    return (
        await asyncio_detailed(
            upload_id=upload_id,
            client=client,
            body=body,
            x_chunk_index=x_chunk_index,
        )
    ).parsed


_EXPECT = json_kind(_schemas.UploadChunkResult)


def build_request(
    upload_id: str,
    *,
    body: File,
    x_chunk_index: int,
) -> OperationRequest[_schemas.UploadChunkResult]:
    """Build the request of this operation without sending it.

    For callers with an HTTP policy of their own: the scaleout SDK sends it through its HTTP
    core. The type parameter is the JSON of the success answer (see ``scaleout_api.schemas``).
    """
    return OperationRequest(
        "uploads.upload_chunk",
        _get_kwargs(
            upload_id=upload_id,
            body=body,
            x_chunk_index=x_chunk_index,
        ),
        _EXPECT,
        _schemas.UploadChunkResult,
    )
