from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ... import schemas as _schemas
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.package_add_form import PackageAddForm
from ...models.package_added import PackageAdded
from ...models.package_upload_form import PackageUploadForm
from ...operation import OperationRequest, json_kind
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: PackageAddForm | PackageUploadForm | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/packages/",
    }

    if isinstance(body, PackageAddForm):
        _kwargs["data"] = body.to_dict()
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    if isinstance(body, PackageUploadForm):
        _kwargs["files"] = body.to_multipart()

        headers["Content-Type"] = "multipart/form-data; boundary=+++"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Error | PackageAdded | None:
    if response.status_code == 200:
        response_200 = PackageAdded.from_dict(response.json())

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


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Error | PackageAdded]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: PackageAddForm | PackageUploadForm | Unset = UNSET,
) -> Response[Error | PackageAdded]:
    """Add a compute package from an uploaded file

     Adds a compute package and makes it the active package, in one of two forms:

    * `application/x-www-form-urlencoded` (the Scaleout Edge form): the `file_token` of a
      finished chunked upload, with `helper`, `name`, `description` and `file_name`. The
      documented 1.0.1 client sends it; the 1.1.0 client adds `restart_clients` and
      `abort_ongoing_tasks`.
    * `multipart/form-data` (the FEDn form): the archive itself as the `file` part, with
      `name`, `description` and `helper`; the file name is the part's. FEDn 0.33 servers,
      which have no chunked upload, take only this form, and refuse it without a
      `description` (400).

    Args:
        body (PackageAddForm): A finished upload to add as the active compute package. Example:
            {'file_token': '2c7e0d9a6b5f4e3d8c1b0a9f8e7d6c5b', 'helper': 'numpyhelper', 'name':
            'mnist-pytorch', 'description': 'MNIST with PyTorch', 'file_name': 'package.tgz'}.
        body (PackageUploadForm): A compute package archive to add as the active package, sent as
            `multipart/form-data` (the FEDn form); its `file_name` is the file name of the `file`
            part.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | PackageAdded]
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
    body: PackageAddForm | PackageUploadForm | Unset = UNSET,
) -> Error | PackageAdded | None:
    """Add a compute package from an uploaded file

     Adds a compute package and makes it the active package, in one of two forms:

    * `application/x-www-form-urlencoded` (the Scaleout Edge form): the `file_token` of a
      finished chunked upload, with `helper`, `name`, `description` and `file_name`. The
      documented 1.0.1 client sends it; the 1.1.0 client adds `restart_clients` and
      `abort_ongoing_tasks`.
    * `multipart/form-data` (the FEDn form): the archive itself as the `file` part, with
      `name`, `description` and `helper`; the file name is the part's. FEDn 0.33 servers,
      which have no chunked upload, take only this form, and refuse it without a
      `description` (400).

    Args:
        body (PackageAddForm): A finished upload to add as the active compute package. Example:
            {'file_token': '2c7e0d9a6b5f4e3d8c1b0a9f8e7d6c5b', 'helper': 'numpyhelper', 'name':
            'mnist-pytorch', 'description': 'MNIST with PyTorch', 'file_name': 'package.tgz'}.
        body (PackageUploadForm): A compute package archive to add as the active package, sent as
            `multipart/form-data` (the FEDn form); its `file_name` is the file name of the `file`
            part.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | PackageAdded
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: PackageAddForm | PackageUploadForm | Unset = UNSET,
) -> Response[Error | PackageAdded]:
    """Add a compute package from an uploaded file

     Adds a compute package and makes it the active package, in one of two forms:

    * `application/x-www-form-urlencoded` (the Scaleout Edge form): the `file_token` of a
      finished chunked upload, with `helper`, `name`, `description` and `file_name`. The
      documented 1.0.1 client sends it; the 1.1.0 client adds `restart_clients` and
      `abort_ongoing_tasks`.
    * `multipart/form-data` (the FEDn form): the archive itself as the `file` part, with
      `name`, `description` and `helper`; the file name is the part's. FEDn 0.33 servers,
      which have no chunked upload, take only this form, and refuse it without a
      `description` (400).

    Args:
        body (PackageAddForm): A finished upload to add as the active compute package. Example:
            {'file_token': '2c7e0d9a6b5f4e3d8c1b0a9f8e7d6c5b', 'helper': 'numpyhelper', 'name':
            'mnist-pytorch', 'description': 'MNIST with PyTorch', 'file_name': 'package.tgz'}.
        body (PackageUploadForm): A compute package archive to add as the active package, sent as
            `multipart/form-data` (the FEDn form); its `file_name` is the file name of the `file`
            part.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | PackageAdded]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: PackageAddForm | PackageUploadForm | Unset = UNSET,
) -> Error | PackageAdded | None:
    """Add a compute package from an uploaded file

     Adds a compute package and makes it the active package, in one of two forms:

    * `application/x-www-form-urlencoded` (the Scaleout Edge form): the `file_token` of a
      finished chunked upload, with `helper`, `name`, `description` and `file_name`. The
      documented 1.0.1 client sends it; the 1.1.0 client adds `restart_clients` and
      `abort_ongoing_tasks`.
    * `multipart/form-data` (the FEDn form): the archive itself as the `file` part, with
      `name`, `description` and `helper`; the file name is the part's. FEDn 0.33 servers,
      which have no chunked upload, take only this form, and refuse it without a
      `description` (400).

    Args:
        body (PackageAddForm): A finished upload to add as the active compute package. Example:
            {'file_token': '2c7e0d9a6b5f4e3d8c1b0a9f8e7d6c5b', 'helper': 'numpyhelper', 'name':
            'mnist-pytorch', 'description': 'MNIST with PyTorch', 'file_name': 'package.tgz'}.
        body (PackageUploadForm): A compute package archive to add as the active package, sent as
            `multipart/form-data` (the FEDn form); its `file_name` is the file name of the `file`
            part.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | PackageAdded
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed


_EXPECT = json_kind(_schemas.AddPackageResult)


def build_request(
    *,
    body: PackageAddForm | PackageUploadForm | Unset = UNSET,
) -> OperationRequest[_schemas.AddPackageResult]:
    """Build the request of this operation without sending it.

    For callers with an HTTP policy of their own: the scaleout SDK sends it through its HTTP
    core. The type parameter is the JSON of the success answer (see ``scaleout_api.schemas``).
    """
    return OperationRequest(
        "packages.add_package",
        _get_kwargs(
            body=body,
        ),
        _EXPECT,
        _schemas.AddPackageResult,
    )
