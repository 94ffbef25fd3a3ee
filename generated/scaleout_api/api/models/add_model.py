from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ... import schemas as _schemas
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.model_add_form import ModelAddForm
from ...models.model_added import ModelAdded
from ...models.model_upload_form import ModelUploadForm
from ...operation import OperationRequest, json_kind
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: ModelAddForm | ModelUploadForm | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/models/",
    }

    if isinstance(body, ModelAddForm):
        _kwargs["data"] = body.to_dict()
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    if isinstance(body, ModelUploadForm):
        _kwargs["files"] = body.to_multipart()

        headers["Content-Type"] = "multipart/form-data; boundary=+++"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Error | ModelAdded | None:
    if response.status_code == 200:
        response_200 = ModelAdded.from_dict(response.json())

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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Error | ModelAdded]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: ModelAddForm | ModelUploadForm | Unset = UNSET,
) -> Response[Error | ModelAdded]:
    """Add a model from an uploaded file

     Adds a model file as a new model and makes it the newest one, in one of two forms:

    * `application/x-www-form-urlencoded` (the Scaleout Edge form): the `file_token` of a
      finished chunked upload, and the `helper`. The documented 1.0.1 client sends it.
    * `multipart/form-data` (the FEDn form): the file itself as the `file` part, and an
      optional `name`. FEDn 0.33 servers, which have no chunked upload, take only this
      form and load the file with the active helper (`PUT /api/v1/helpers/active`).

    Args:
        body (ModelAddForm): A finished upload to add as a model. Example: {'helper':
            'numpyhelper', 'file_token': '2c7e0d9a6b5f4e3d8c1b0a9f8e7d6c5b'}.
        body (ModelUploadForm): A model file to add as a model, sent as `multipart/form-data` (the
            FEDn form); the server loads it with the active helper.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | ModelAdded]
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
    body: ModelAddForm | ModelUploadForm | Unset = UNSET,
) -> Error | ModelAdded | None:
    """Add a model from an uploaded file

     Adds a model file as a new model and makes it the newest one, in one of two forms:

    * `application/x-www-form-urlencoded` (the Scaleout Edge form): the `file_token` of a
      finished chunked upload, and the `helper`. The documented 1.0.1 client sends it.
    * `multipart/form-data` (the FEDn form): the file itself as the `file` part, and an
      optional `name`. FEDn 0.33 servers, which have no chunked upload, take only this
      form and load the file with the active helper (`PUT /api/v1/helpers/active`).

    Args:
        body (ModelAddForm): A finished upload to add as a model. Example: {'helper':
            'numpyhelper', 'file_token': '2c7e0d9a6b5f4e3d8c1b0a9f8e7d6c5b'}.
        body (ModelUploadForm): A model file to add as a model, sent as `multipart/form-data` (the
            FEDn form); the server loads it with the active helper.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | ModelAdded
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: ModelAddForm | ModelUploadForm | Unset = UNSET,
) -> Response[Error | ModelAdded]:
    """Add a model from an uploaded file

     Adds a model file as a new model and makes it the newest one, in one of two forms:

    * `application/x-www-form-urlencoded` (the Scaleout Edge form): the `file_token` of a
      finished chunked upload, and the `helper`. The documented 1.0.1 client sends it.
    * `multipart/form-data` (the FEDn form): the file itself as the `file` part, and an
      optional `name`. FEDn 0.33 servers, which have no chunked upload, take only this
      form and load the file with the active helper (`PUT /api/v1/helpers/active`).

    Args:
        body (ModelAddForm): A finished upload to add as a model. Example: {'helper':
            'numpyhelper', 'file_token': '2c7e0d9a6b5f4e3d8c1b0a9f8e7d6c5b'}.
        body (ModelUploadForm): A model file to add as a model, sent as `multipart/form-data` (the
            FEDn form); the server loads it with the active helper.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | ModelAdded]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: ModelAddForm | ModelUploadForm | Unset = UNSET,
) -> Error | ModelAdded | None:
    """Add a model from an uploaded file

     Adds a model file as a new model and makes it the newest one, in one of two forms:

    * `application/x-www-form-urlencoded` (the Scaleout Edge form): the `file_token` of a
      finished chunked upload, and the `helper`. The documented 1.0.1 client sends it.
    * `multipart/form-data` (the FEDn form): the file itself as the `file` part, and an
      optional `name`. FEDn 0.33 servers, which have no chunked upload, take only this
      form and load the file with the active helper (`PUT /api/v1/helpers/active`).

    Args:
        body (ModelAddForm): A finished upload to add as a model. Example: {'helper':
            'numpyhelper', 'file_token': '2c7e0d9a6b5f4e3d8c1b0a9f8e7d6c5b'}.
        body (ModelUploadForm): A model file to add as a model, sent as `multipart/form-data` (the
            FEDn form); the server loads it with the active helper.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | ModelAdded
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed


_EXPECT = json_kind(_schemas.AddModelResult)


def build_request(
    *,
    body: ModelAddForm | ModelUploadForm | Unset = UNSET,
) -> OperationRequest[_schemas.AddModelResult]:
    """Build the request of this operation without sending it.

    For callers with an HTTP policy of their own: the scaleout SDK sends it through its HTTP
    core. The type parameter is the JSON of the success answer (see ``scaleout_api.schemas``).
    """
    return OperationRequest(
        "models.add_model",
        _get_kwargs(
            body=body,
        ),
        _EXPECT,
        _schemas.AddModelResult,
    )
