from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ... import schemas as _schemas
from ...client import AuthenticatedClient, Client
from ...models.attribute import Attribute
from ...models.attribute_input import AttributeInput
from ...models.error import Error
from ...operation import OperationRequest, json_kind
from ...types import Response


def _get_kwargs(
    *,
    body: AttributeInput,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/attributes/",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Attribute | Error | None:
    if response.status_code == 201:
        response_201 = Attribute.from_dict(response.json())

        return response_201

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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Attribute | Error]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: AttributeInput,
) -> Response[Attribute | Error]:
    """Add a node attribute

     Stores a key/value attribute of a node. Servers also accept a form-encoded body.

    Args:
        body (AttributeInput): An attribute to store. Example: {'key': 'charging', 'value':
            'true', 'sender': {'name': '', 'role': '', 'client_id': 'abc123'}}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Attribute | Error]
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
    body: AttributeInput,
) -> Attribute | Error | None:
    """Add a node attribute

     Stores a key/value attribute of a node. Servers also accept a form-encoded body.

    Args:
        body (AttributeInput): An attribute to store. Example: {'key': 'charging', 'value':
            'true', 'sender': {'name': '', 'role': '', 'client_id': 'abc123'}}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Attribute | Error
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: AttributeInput,
) -> Response[Attribute | Error]:
    """Add a node attribute

     Stores a key/value attribute of a node. Servers also accept a form-encoded body.

    Args:
        body (AttributeInput): An attribute to store. Example: {'key': 'charging', 'value':
            'true', 'sender': {'name': '', 'role': '', 'client_id': 'abc123'}}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Attribute | Error]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: AttributeInput,
) -> Attribute | Error | None:
    """Add a node attribute

     Stores a key/value attribute of a node. Servers also accept a form-encoded body.

    Args:
        body (AttributeInput): An attribute to store. Example: {'key': 'charging', 'value':
            'true', 'sender': {'name': '', 'role': '', 'client_id': 'abc123'}}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Attribute | Error
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed


_EXPECT = json_kind(_schemas.AddAttributeResult)


def build_request(
    *,
    body: AttributeInput,
) -> OperationRequest[_schemas.AddAttributeResult]:
    """Build the request of this operation without sending it.

    For callers with an HTTP policy of their own: the scaleout SDK sends it through its HTTP
    core. The type parameter is the JSON of the success answer (see ``scaleout_api.schemas``).
    """
    return OperationRequest(
        "attributes.add_attribute",
        _get_kwargs(
            body=body,
        ),
        _EXPECT,
        _schemas.AddAttributeResult,
    )
