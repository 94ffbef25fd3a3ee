from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ... import schemas as _schemas
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.upload_complete import UploadComplete
from ...models.upload_complete_request import UploadCompleteRequest
from ...operation import OperationRequest, json_kind
from ...types import UNSET, Response, Unset


def _get_kwargs(
    upload_id: str,
    *,
    body: UploadCompleteRequest | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/file-upload/{upload_id}/complete".format(
            upload_id=quote(str(upload_id), safe=""),
        ),
    }

    if not isinstance(body, Unset):
        _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Error | UploadComplete | None:
    if response.status_code == 200:
        response_200 = UploadComplete.from_dict(response.json())

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


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Error | UploadComplete]:
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
    body: UploadCompleteRequest | Unset = UNSET,
) -> Response[Error | UploadComplete]:
    """Finish an upload

     Finishes an upload once every chunk has arrived and returns the `file_token` that
    `POST /api/v1/models/` and `POST /api/v1/packages/` consume. The 1.0.1 client sends no
    body. A client may send the SHA-256 of the whole file, which the server then checks.

    Args:
        upload_id (str):
        body (UploadCompleteRequest | Unset): Optional integrity check of a finished upload.
            Example: {'sha256': '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | UploadComplete]
    """

    kwargs = _get_kwargs(
        upload_id=upload_id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    upload_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: UploadCompleteRequest | Unset = UNSET,
) -> Error | UploadComplete | None:
    """Finish an upload

     Finishes an upload once every chunk has arrived and returns the `file_token` that
    `POST /api/v1/models/` and `POST /api/v1/packages/` consume. The 1.0.1 client sends no
    body. A client may send the SHA-256 of the whole file, which the server then checks.

    Args:
        upload_id (str):
        body (UploadCompleteRequest | Unset): Optional integrity check of a finished upload.
            Example: {'sha256': '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | UploadComplete
    """

    return sync_detailed(
        upload_id=upload_id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    upload_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: UploadCompleteRequest | Unset = UNSET,
) -> Response[Error | UploadComplete]:
    """Finish an upload

     Finishes an upload once every chunk has arrived and returns the `file_token` that
    `POST /api/v1/models/` and `POST /api/v1/packages/` consume. The 1.0.1 client sends no
    body. A client may send the SHA-256 of the whole file, which the server then checks.

    Args:
        upload_id (str):
        body (UploadCompleteRequest | Unset): Optional integrity check of a finished upload.
            Example: {'sha256': '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | UploadComplete]
    """

    kwargs = _get_kwargs(
        upload_id=upload_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    upload_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: UploadCompleteRequest | Unset = UNSET,
) -> Error | UploadComplete | None:
    """Finish an upload

     Finishes an upload once every chunk has arrived and returns the `file_token` that
    `POST /api/v1/models/` and `POST /api/v1/packages/` consume. The 1.0.1 client sends no
    body. A client may send the SHA-256 of the whole file, which the server then checks.

    Args:
        upload_id (str):
        body (UploadCompleteRequest | Unset): Optional integrity check of a finished upload.
            Example: {'sha256': '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | UploadComplete
    """

    return (
        await asyncio_detailed(
            upload_id=upload_id,
            client=client,
            body=body,
        )
    ).parsed


_EXPECT = json_kind(_schemas.CompleteUploadResult)


def build_request(
    upload_id: str,
    *,
    body: UploadCompleteRequest | Unset = UNSET,
) -> OperationRequest[_schemas.CompleteUploadResult]:
    """Build the request of this operation without sending it.

    For callers with an HTTP policy of their own: the scaleout SDK sends it through its HTTP
    core. The type parameter is the JSON of the success answer (see ``scaleout_api.schemas``).
    """
    return OperationRequest(
        "uploads.complete_upload",
        _get_kwargs(
            upload_id=upload_id,
            body=body,
        ),
        _EXPECT,
        _schemas.CompleteUploadResult,
    )
