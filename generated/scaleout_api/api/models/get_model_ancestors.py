from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ... import schemas as _schemas
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.model import Model
from ...operation import OperationRequest, json_kind
from ...types import UNSET, Response, Unset


def _get_kwargs(
    id: str,
    *,
    include_self: bool | Unset = False,
    x_limit: int | Unset = UNSET,
    x_reverse: bool | Unset = False,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(x_limit, Unset):
        headers["X-Limit"] = str(x_limit)

    if not isinstance(x_reverse, Unset):
        headers["X-Reverse"] = "true" if x_reverse else "false"

    params: dict[str, Any] = {}

    params["include_self"] = include_self

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/models/{id}/ancestors".format(
            id=quote(str(id), safe=""),
        ),
        "params": params,
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Error | list[Model] | None:
    if response.status_code == 200:
        response_200 = []
        _response_200 = response.json()
        for response_200_item_data in _response_200:
            response_200_item = Model.from_dict(response_200_item_data)

            response_200.append(response_200_item)

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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Error | list[Model]]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    id: str,
    *,
    client: AuthenticatedClient | Client,
    include_self: bool | Unset = False,
    x_limit: int | Unset = UNSET,
    x_reverse: bool | Unset = False,
) -> Response[Error | list[Model]]:
    """Get a model's ancestors

     The model trail upward from a model: itself (if `include_self`), its parent, its
    grandparent and so on. `X-Reverse: true` puts the seed model first. Without `X-Limit`
    at most 10 models are returned. The answer is a bare array, not a `{count, result}` list.

    Args:
        id (str):
        include_self (bool | Unset):  Default: False.
        x_limit (int | Unset): The most models of a model trail; 0 means the default, 10. Example:
            20.
        x_reverse (bool | Unset):  Default: False.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | list[Model]]
    """

    kwargs = _get_kwargs(
        id=id,
        include_self=include_self,
        x_limit=x_limit,
        x_reverse=x_reverse,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    id: str,
    *,
    client: AuthenticatedClient | Client,
    include_self: bool | Unset = False,
    x_limit: int | Unset = UNSET,
    x_reverse: bool | Unset = False,
) -> Error | list[Model] | None:
    """Get a model's ancestors

     The model trail upward from a model: itself (if `include_self`), its parent, its
    grandparent and so on. `X-Reverse: true` puts the seed model first. Without `X-Limit`
    at most 10 models are returned. The answer is a bare array, not a `{count, result}` list.

    Args:
        id (str):
        include_self (bool | Unset):  Default: False.
        x_limit (int | Unset): The most models of a model trail; 0 means the default, 10. Example:
            20.
        x_reverse (bool | Unset):  Default: False.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | list[Model]
    """

    return sync_detailed(
        id=id,
        client=client,
        include_self=include_self,
        x_limit=x_limit,
        x_reverse=x_reverse,
    ).parsed


async def asyncio_detailed(
    id: str,
    *,
    client: AuthenticatedClient | Client,
    include_self: bool | Unset = False,
    x_limit: int | Unset = UNSET,
    x_reverse: bool | Unset = False,
) -> Response[Error | list[Model]]:
    """Get a model's ancestors

     The model trail upward from a model: itself (if `include_self`), its parent, its
    grandparent and so on. `X-Reverse: true` puts the seed model first. Without `X-Limit`
    at most 10 models are returned. The answer is a bare array, not a `{count, result}` list.

    Args:
        id (str):
        include_self (bool | Unset):  Default: False.
        x_limit (int | Unset): The most models of a model trail; 0 means the default, 10. Example:
            20.
        x_reverse (bool | Unset):  Default: False.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | list[Model]]
    """

    kwargs = _get_kwargs(
        id=id,
        include_self=include_self,
        x_limit=x_limit,
        x_reverse=x_reverse,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    id: str,
    *,
    client: AuthenticatedClient | Client,
    include_self: bool | Unset = False,
    x_limit: int | Unset = UNSET,
    x_reverse: bool | Unset = False,
) -> Error | list[Model] | None:
    """Get a model's ancestors

     The model trail upward from a model: itself (if `include_self`), its parent, its
    grandparent and so on. `X-Reverse: true` puts the seed model first. Without `X-Limit`
    at most 10 models are returned. The answer is a bare array, not a `{count, result}` list.

    Args:
        id (str):
        include_self (bool | Unset):  Default: False.
        x_limit (int | Unset): The most models of a model trail; 0 means the default, 10. Example:
            20.
        x_reverse (bool | Unset):  Default: False.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | list[Model]
    """

    return (
        await asyncio_detailed(
            id=id,
            client=client,
            include_self=include_self,
            x_limit=x_limit,
            x_reverse=x_reverse,
        )
    ).parsed


_EXPECT = json_kind(_schemas.GetModelAncestorsResult)


def build_request(
    id: str,
    *,
    include_self: bool | Unset = False,
    x_limit: int | Unset = UNSET,
    x_reverse: bool | Unset = False,
) -> OperationRequest[_schemas.GetModelAncestorsResult]:
    """Build the request of this operation without sending it.

    For callers with an HTTP policy of their own: the scaleout SDK sends it through its HTTP
    core. The type parameter is the JSON of the success answer (see ``scaleout_api.schemas``).
    """
    return OperationRequest(
        "models.get_model_ancestors",
        _get_kwargs(
            id=id,
            include_self=include_self,
            x_limit=x_limit,
            x_reverse=x_reverse,
        ),
        _EXPECT,
        _schemas.GetModelAncestorsResult,
    )
